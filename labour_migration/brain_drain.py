"""The brain drain: skilled emigration, health workers at home, and what their departure costs.

The ILO brief worries about the emigration of skilled people from developing countries,
and of health workers above all: WHO counted 57 countries, 36 of them in sub-Saharan Africa,
with a critical shortage of doctors, nurses and midwives in 2006. This module brings the
course's data on the question together:

- the **total emigration rate** by country of origin (UN DESA 2024 edition), the only
  rate the course has for every country and year. It counts all emigrants, whatever their
  education, so it is a *proxy* for the brain drain, not a measure of it;
- **published skilled emigration rates** for about 2000 (tertiary-educated people and
  physicians) for the few countries where the course can source them;
- **physicians per 1,000 people** at home (WHO, via the World Bank), about 2000 and latest,
  beside the WHO's 2006 threshold of 2.28 doctors, nurses *and midwives* per 1,000 people;
- the countries whose place on WHO's 2006 list of 57 is verified.

Two explorers use them: :func:`brain_drain_explorer` (a country's emigration beside its
physicians at home) and :func:`training_cost_simulation` (what the departure of trained
health workers costs, on assumptions the learner sets and sees).

Example
-------
>>> data = load_brain_drain()
>>> describe_brain_drain(data, "GHA", (1990, 2024))[:65]
'Ghana: 3.0% of its people lived abroad in 2024 (about 1.1 million'
>>> training_cost(21_000, 100, 30)
{'training_investment_usd': 2100000.0, 'service_years_lost': 3000.0}
"""

from __future__ import annotations

import math
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from .charts import COLOURS, finish, nice_ceiling, style
from .data import headline_figure, in_sentence, load, load_countries
from .emigration import load_emigration
from .explorer import CountryField, Explorer, ExplorerInputError, NumberField, SavedView, YearRangeField, register

__all__ = ["BrainDrainExplorer", "SKILLED_MEASURES", "TrainingCostSimulation", "brain_drain_by_country",
           "brain_drain_explorer", "describe_brain_drain", "describe_training_cost", "load_brain_drain",
           "load_physician_density", "load_shortage_list_2006", "load_skilled_emigration",
           "physician_counts", "physicians_at_home", "plot_brain_drain", "plot_skilled_and_total_emigration",
           "training_cost", "training_cost_simulation", "update_brain_drain"]

THRESHOLD_ID = "who_2006_density_threshold"
# measure -> (what it is a share of, marker, colour)
SKILLED_MEASURES = {
    "tertiary_emigration_rate": ("tertiary-educated people", "D", COLOURS["blue"]),
    "physicians_born_abroad_pct": ("physicians born there, working abroad", "s", COLOURS["green"]),
    "physicians_trained_abroad_pct": ("physicians trained there, living abroad", "^", COLOURS["orange"]),
    "physicians_trained_in_oecd_pct": ("physicians trained there, working in OECD countries", "v",
                                       COLOURS["purple"]),
}
CITED = {"worldbank2011factbook": "World Bank 2011", "docquier2009gendered": "Docquier et al. 2009",
         "clemens2008african": "Clemens & Pettersson 2008", "who2006whr": "WHO 2006"}
# Breaks in the physician series that SOURCES of the WDI extract name: a learner should not
# read them as doctors arriving or leaving.
PHYSICIAN_BREAKS = {
    "PHL": "The Philippines' physician series changed definition around 2010, so its two points are not "
           "strictly comparable.",
    "HRV": "Croatia's physician series changed definition in 2016-2020, so its two points are not strictly "
           "comparable.",
    "SWZ": "Eswatini's latest physician figure (2022) follows a change of definition.",
}
SOURCE_BRAIN_DRAIN = (
    "Sources: UN DESA, International Migrant Stock 2024 and World Population Prospects 2024 (the 2024 rate uses the "
    "population of 2023);\nWHO, via the World Bank's WDI (physicians); World Bank, Migration and Remittances Factbook "
    "2011; Docquier, Lowell and Marfouk (2009);\nClemens and Pettersson (2008); WHO, World Health Report 2006.")
EMPTY = (np.array([]), np.array([]))


# --- data ---------------------------------------------------------------------------------

def load_physician_density() -> pd.DataFrame:
    """Physicians per 1,000 people: each country's observation nearest 2000 and its latest.

    >>> load_physician_density().query("country_code == 'GHA'")["physicians_per_1000"].tolist()
    [0.09, 0.141]
    """
    return load("physician_density")


def load_skilled_emigration() -> pd.DataFrame:
    """Published emigration rates of the tertiary-educated and of physicians, about 2000."""
    return load("skilled_emigration")


def load_shortage_list_2006() -> pd.DataFrame:
    """Countries verified to be on (``yes``) or off (``no``) WHO's 2006 list of 57 in crisis."""
    return load("health_worker_shortage_2006")


def load_brain_drain() -> dict:
    """Everything the brain drain explorers use, as a dict of tables.

    ``emigration`` (with country names), ``physicians``, ``skilled``, ``shortage`` and
    ``population`` (people by country and year, from the 3Ds table).
    """
    population = load("three_ds")[["country_code", "year", "population"]].dropna(subset=["population"])
    return {"emigration": load_emigration(), "physicians": load_physician_density(),
            "skilled": load_skilled_emigration(), "shortage": load_shortage_list_2006(),
            "population": population}


def brain_drain_by_country(data: dict) -> dict:
    """Split the tables into per-country arrays once, so that redraws need no pandas.

    Returns ``{code: {"name", "emigration": (years, rates), "emigrants": (years, counts),
    "physicians": (years, per 1,000), "skilled": [dict, ...], "who_2006": "yes", "no" or None}}``.
    """
    names = dict(zip(load_countries()["country_code"], load_countries()["country_name"]))
    split: dict = {}

    def country(code):
        return split.setdefault(code, {"name": names.get(code, code), "emigration": EMPTY, "emigrants": EMPTY,
                                       "physicians": EMPTY, "skilled": [], "who_2006": None})

    for code, rows in data["emigration"].sort_values("year").groupby("country_code", sort=False):
        years = rows["year"].to_numpy(dtype=float)
        country(code)["emigration"] = (years, rows["emigration_rate_pct"].to_numpy(dtype=float))
        country(code)["emigrants"] = (years, rows["emigrants"].to_numpy(dtype=float))
    for code, rows in data["physicians"].sort_values("year").groupby("country_code", sort=False):
        country(code)["physicians"] = (rows["year"].to_numpy(dtype=float),
                                       rows["physicians_per_1000"].to_numpy(dtype=float))
    for row in data["skilled"].itertuples():
        country(row.country_code)["skilled"].append(
            {"measure": row.measure, "value": float(row.value), "year": int(row.reference_year),
             "period": row.reference_period, "bound": row.bound if isinstance(row.bound, str) else "",
             "cited": CITED.get(row.citation_key, row.citation_key)})
    for row in data["shortage"].itertuples():
        country(row.country_code)["who_2006"] = row.on_2006_list
    return split


def _window(series, start, end):
    years, values = series
    keep = (years >= start) & (years <= end) & ~np.isnan(values)
    return years[keep], values[keep]


def _skilled_in(country, start, end):
    return [s for s in country["skilled"] if start <= s["year"] <= end]


def _percent(value: float) -> str:
    return f"{value:.1f}%" if value < 10 else f"{value:.0f}%"


def _people(count: float) -> str:
    return f"{count / 1e6:.1f} million" if count >= 1e6 else f"{round(count, -3):,.0f}"


def _skilled_words(item) -> str:
    what = SKILLED_MEASURES[item["measure"]][0]
    bound = "more than " if item["bound"] else ""
    return f"{bound}{item['value']:g}% of {what} ({item['cited']}, {item['period']})"


def _who_words(country) -> str:
    status, name = country["who_2006"], in_sentence(country["name"])
    if status in ("yes", "no"):
        verb = "is" if status == "yes" else "is not"
        return (f"{in_sentence(country['name'], first=True)} {verb} one of the 57 countries on WHO's 2006 list of "
                "critical shortages.")
    return (f"Whether {name} is on WHO's 2006 list of 57 countries with a critical shortage is not "
            "verified in the course's sources.")


def describe_brain_drain(data, origin: str, years=(1990, 2024)) -> str:
    """A plain-language reading of a country's emigration, skilled emigration and physicians.

    ``data`` is :func:`load_brain_drain` or, for speed, :func:`brain_drain_by_country` of it.
    """
    split = data if not isinstance(data.get("emigration"), pd.DataFrame) else brain_drain_by_country(data)
    start, end = years
    country = split.get(origin)
    if country is None:
        return f"The course has no data for {origin}."
    name = country["name"]
    sentences = []
    em_years, rates = _window(country["emigration"], start, end)
    if em_years.size:
        counts = dict(zip(*country["emigrants"]))
        last = f"{name}: {_percent(rates[-1])} of its people lived abroad in {em_years[-1]:.0f}"
        last += f" (about {_people(counts[em_years[-1]])})"
        if em_years.size > 1:
            last += f", against {_percent(rates[0])} in {em_years[0]:.0f}"
        sentences.append(last + ". This rate counts every emigrant, whatever their education: a proxy for the "
                                "brain drain, not a measure of it.")
    else:
        sentences.append(f"There are no emigration data for {in_sentence(name)} in {start}-{end}.")
    skilled = _skilled_in(country, start, end)
    if skilled:
        sentences.append("Published rates for the skilled: " + "; ".join(_skilled_words(s) for s in skilled) + ".")
    elif start <= 2000 <= end:
        sentences.append("The course's sources hold no published emigration rate of its tertiary-educated "
                         "people or health workers.")
    ph_years, density = _window(country["physicians"], start, end)
    threshold = headline_figure(THRESHOLD_ID)
    if ph_years.size:
        points = " and ".join(f"{v:.2f} in {y:.0f}" for y, v in zip(ph_years, density))
        sentence = f"Physicians at home: {points} per 1,000 people"
        if density[-1] >= threshold:
            sentence += (f"; physicians alone pass WHO's 2006 threshold of {threshold:g} doctors, nurses and "
                         "midwives per 1,000 people.")
        else:
            sentence += (f", below WHO's 2006 threshold of {threshold:g}, which counts doctors, nurses and "
                         "midwives together, so physicians alone cannot show whether the country falls short.")
        sentences.append(sentence)
    else:
        sentences.append(f"There are no physician data for {in_sentence(name)} in {start}-{end}.")
    sentences.append(_who_words(country))
    return " ".join(sentences)


# --- the brain drain chart ----------------------------------------------------------------

def _figure():
    """The empty two-panel figure; positions are fixed so redraws measure nothing."""
    fig = plt.figure(figsize=(9.5, 6.2))
    emigration = fig.add_axes((0.075, 0.47, 0.5, 0.41))
    physicians = fig.add_axes((0.69, 0.47, 0.29, 0.41))
    emigration.plot([], [], color=COLOURS["vermillion"], lw=2, marker="o", ms=4,
                    label="All emigrants: total emigration rate (proxy)")
    for what, marker, colour in SKILLED_MEASURES.values():
        emigration.plot([], [], marker=marker, ms=9, color=colour, mec="black", mew=0.6, ls="none",
                        label=what[0].upper() + what[1:])
    for _ in SKILLED_MEASURES:
        emigration.text(0, 0, "", fontsize=9.5, va="center", ha="left", visible=False)
    emigration.set_title("Emigration: share of the group living abroad", fontsize=10, loc="left")
    emigration.set_ylabel("Per cent of the group")
    emigration.set_xlabel("Year")
    physicians.plot([], [], color=COLOURS["blue"], lw=1.5, ls="--", marker="o", ms=7,
                    label="Physicians per 1,000 people")
    for _ in range(2):
        physicians.text(0, 0, "", fontsize=9.5, va="bottom", ha="center", visible=False)
    physicians.set_title("Physicians at home", fontsize=10, loc="left")
    physicians.set_ylabel("Physicians per 1,000 people")
    physicians.set_xlabel("Year")
    for ax in (emigration, physicians):
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
        ax.tick_params(labelsize=9)
        ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=9,
                color=COLOURS["grey"], wrap=True)
        style(ax)
    threshold = headline_figure(THRESHOLD_ID)
    physicians.axhline(threshold, color=COLOURS["vermillion"], lw=1.5, ls=":",
                       label=f"WHO 2006 threshold, {threshold:g}\n(doctors, nurses and midwives together)")
    finish(fig, "", SOURCE_BRAIN_DRAIN)
    fig.legend(handles=emigration.lines[:1 + len(SKILLED_MEASURES)], loc="upper left",
               bbox_to_anchor=(0.005, 0.365), frameon=False, fontsize=9.5, title="Who is counted (the skilled: "
               "about 2000, where a published figure exists)", title_fontsize=9.5, alignment="left")
    fig.legend(handles=[physicians.lines[0], physicians.lines[1]], loc="upper left",
               bbox_to_anchor=(0.6, 0.365), frameon=False, fontsize=9.5)
    fig.text(0.605, 0.2, "", fontsize=9.5, va="top", ha="left", wrap=True)
    return fig


def _parts(fig):
    emigration, physicians = fig.axes
    n = len(SKILLED_MEASURES)
    return {"line": emigration.lines[0], "markers": emigration.lines[1:1 + n],
            "marker_texts": emigration.texts[:n], "em_empty": emigration.texts[n],
            "physicians": physicians.lines[0], "ph_texts": physicians.texts[:2], "ph_empty": physicians.texts[2],
            "who": fig.texts[-1]}


def _xlimits(start: int, end: int, first: int = 1990, last: int = 2024) -> tuple[float, float]:
    # Snapped to five-year marks within the data's years, so most slider moves keep the axes
    # as they are and an explorer can reuse its drawn background.
    return max(first, 5 * math.floor(start / 5)) - 1, min(last, 5 * math.ceil(end / 5)) + 1


def update_brain_drain(fig, data, origin: str, years=(1990, 2024)):
    """Point a :func:`plot_brain_drain` figure at another country or window of years."""
    split = data if not isinstance(data.get("emigration"), pd.DataFrame) else brain_drain_by_country(data)
    country = split[origin]
    name, (start, end) = country["name"], years
    parts = _parts(fig)
    em_years, rates = _window(country["emigration"], start, end)
    parts["line"].set_data(em_years, rates)
    shown = list(rates)
    skilled = {s["measure"]: s for s in _skilled_in(country, start, end)}
    for measure, marker, text in zip(SKILLED_MEASURES, parts["markers"], parts["marker_texts"]):
        item = skilled.get(measure)
        if item:
            marker.set_data([item["year"]], [item["value"]])
            text.set_position((item["year"] + 0.9, item["value"]))
            text.set_text(f"{'more than ' if item['bound'] else ''}{item['value']:g}% ({item['cited']})")
            shown.append(item["value"])
        else:
            marker.set_data([], [])
            text.set_text("")
        text.set_visible(bool(item))
    parts["em_empty"].set_text("" if em_years.size else f"No emigration data for {in_sentence(name)} in {start}-{end}")
    ph_years, density = _window(country["physicians"], start, end)
    parts["physicians"].set_data(ph_years, density)
    for text, year, value in zip(parts["ph_texts"], list(ph_years) + [None, None], list(density) + [None, None]):
        text.set_visible(year is not None)
        if year is not None:
            text.set_position((year, value))
            text.set_text(f"{value:.2f}\n")
    parts["ph_empty"].set_text("" if ph_years.size else "No physician data\nfor these years")
    parts["who"].set_text("WHO 2006 list of 57 countries in crisis:\n" + {
        "yes": "on the list", "no": "not on the list"}.get(country["who_2006"], "not verified for this country"))
    emigration_ax, physicians_ax = fig.axes
    # With any skilled rate on show the axis runs to 100%, so most such views share one layout
    # (and one cached background); otherwise it fits the total rate.
    top = max(shown) if shown else 5
    emigration_ax.set_ylim(0, 100 if skilled else min(100, nice_ceiling(max(top * 1.12, 4))))
    threshold = headline_figure(THRESHOLD_ID)
    physicians_ax.set_ylim(0, nice_ceiling(max(list(density) + [threshold]) * 1.25))
    for ax in fig.axes:
        ax.set_xlim(*_xlimits(start, end))
    fig.suptitle(f"Brain drain: {name}, {start}-{end}", fontsize=13, fontweight="bold", x=0.01, ha="left")
    return fig


def plot_brain_drain(data: dict, origin: str, years=(1990, 2024)):
    """Two panels for one country of origin: emigration (all, and the skilled where published) and
    physicians at home beside WHO's 2006 threshold.

    ``data`` is :func:`load_brain_drain`; ``origin`` an ISO3 code.
    """
    return update_brain_drain(_figure(), data, origin, years)


def plot_skilled_and_total_emigration(data: dict, year: int = 2000):
    """For each country with a published tertiary emigration rate, that rate beside its total
    emigration rate in the same year: the proxy against the measure.
    """
    split = brain_drain_by_country(data)
    rows = []
    for code, country in split.items():
        for item in country["skilled"]:
            if item["measure"] == "tertiary_emigration_rate" and item["year"] == year:
                years, rates = country["emigration"]
                total = rates[years == year]
                if total.size:
                    rows.append((country["name"], float(total[0]), item["value"]))
    rows.sort(key=lambda r: r[2])
    fig, ax = plt.subplots(figsize=(8, 5.6), layout="constrained")
    fig.get_layout_engine().set(rect=(0, 0.1, 1, 0.9))
    for i, (_, total, tertiary) in enumerate(rows):
        ax.plot([total, tertiary], [i, i], color=COLOURS["grey"], lw=1, alpha=0.6)
    ax.plot([r[1] for r in rows], range(len(rows)), "o", color=COLOURS["vermillion"], ms=7,
            label="Everyone (total emigration rate, all destinations)")
    ax.plot([r[2] for r in rows], range(len(rows)), "D", color=COLOURS["blue"], mec="black", mew=0.6, ms=7,
            label="Tertiary-educated people aged 25+ (in OECD countries)")
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"Share of the group living abroad in {year} (%)")
    ax.set_ylabel("Country of origin")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=9, ncol=1)
    style(ax, grid="x")
    finish(fig, f"Emigration rates of the tertiary-educated and of everyone, {year}",
           "Sources: World Bank, Migration and Remittances Factbook 2011 (tertiary rates; Ghana, Kenya, Cabo Verde, "
           "Mauritius and\nSeychelles as reported by the press); Docquier, Lowell and Marfouk (2009) for Guyana; "
           "UN DESA, International Migrant\nStock 2024 and World Population Prospects 2024 (total rates).")
    return fig


@register
class BrainDrainExplorer(Explorer):
    """Pick a country of origin; see its emigration beside its physicians at home.

    Use :func:`brain_drain_explorer` to make one; ``explorer.show("Ghana", (1990, 2024))``
    also works.
    """

    name = "brain_drain"
    function = "brain_drain_explorer"
    saved_views = (
        SavedView("Ghana", dict(origin="GHA"),
                  "One country, three published shares of its doctors abroad (56% of those born there, more than "
                  "37% and 22% of those trained there): different denominators, not errors. And only about 2% of "
                  "all Ghanaians lived abroad in 2000."),
        SavedView("Mozambique", dict(origin="MOZ"),
                  "Three in four Mozambique-born doctors worked abroad around 2000, against 3.5% of all its "
                  "people. The 13% of 1990, during the civil war, count refugees too, whom no skills measure "
                  "would count as a brain drain."),
        SavedView("Guyana", dict(origin="GUY"),
                  "The highest tertiary emigration rate in the data, 89% in 2000: where more than a third of "
                  "everyone lived abroad by 2024, the proxy and the measure both run high."),
        SavedView("Eritrea", dict(origin="ERI"),
                  "A country on WHO's 2006 list of 57, with 0.04 physicians per 1,000 people in 2000 and a "
                  "total emigration rate that has swung between 7% and 21% since 1990."),
        SavedView("South Africa", dict(origin="ZAF"),
                  "An upper-middle-income country: 27% of the physicians trained there worked in OECD countries "
                  "around 2000-2004, while about 1% of all South Africans lived abroad in 2000."),
        SavedView("Philippines", dict(origin="PHL"),
                  "A large diaspora (7.0 million people in 2024) but no skilled emigration rate in the course's "
                  "sources, and a physician series whose definition changed: what the data cannot tell is part "
                  "of the lesson."),
    )

    @classmethod
    def without_data(cls):
        # Every country has some data; drop Aruba's early emigration and its one physician figure.
        data = load_brain_drain()
        emigration = data["emigration"]
        data["emigration"] = emigration[(emigration["country_code"] != "ABW") | (emigration["year"] > 2005)]
        data["physicians"] = data["physicians"][data["physicians"]["country_code"] != "ABW"]
        return data, {"origin": "Aruba", "years": (1990, 2000)}

    def prepare(self):
        self.series = brain_drain_by_country(self.data)
        years = self.data["emigration"]["year"]
        self.first, self.last = int(years.min()), int(years.max())

    def make_fields(self):
        names = {code: country["name"] for code, country in self.series.items()
                 if country["emigration"][0].size}
        return [CountryField("origin", "Origin", names, role="a country of origin"),
                YearRangeField("years", "Years", self.first, self.last)]

    def defaults(self):
        return {"years": (self.first, self.last)}

    def validate(self, selection):
        country = self.series[selection.origin]
        start, end = selection.years
        if not (_window(country["emigration"], start, end)[0].size or _window(country["physicians"], start, end)[0].size
                or _skilled_in(country, start, end)):
            raise ExplorerInputError(f"There are no data for {in_sentence(country['name'])} in {start}-{end}; "
                                     "emigration is counted in 1990, 1995, ..., 2020 and 2024.")

    def make_figure(self):
        return _figure()

    def dynamic_artists(self):
        parts = _parts(self.figure)
        return ([parts["line"], *parts["markers"], *parts["marker_texts"], parts["em_empty"], parts["physicians"],
                 *parts["ph_texts"], parts["ph_empty"], parts["who"], self.figure._suptitle])

    def draw(self, selection):
        update_brain_drain(self.figure, self.series, selection.origin, selection.years)
        return PHYSICIAN_BREAKS.get(selection.origin, "")

    def describe(self, selection):
        return describe_brain_drain(self.series, selection.origin, selection.years)


def brain_drain_explorer(data: dict | None = None, origin="GHA", years=None) -> BrainDrainExplorer:
    """The brain drain explorer: a country's emigration beside its physicians at home.

    >>> explorer = brain_drain_explorer(origin="Mozambique")
    >>> explorer.picker.label
    'Mozambique'
    """
    initial = {"origin": origin}
    if years is not None:
        initial["years"] = years
    return BrainDrainExplorer(load_brain_drain() if data is None else data, **initial)


# --- the training-cost simulation ---------------------------------------------------------

def training_cost(cost_per_worker: float, workers: float, years_lost: float) -> dict:
    """What the departure of trained health workers costs, on the learner's assumptions.

    The public money spent on training them (``cost_per_worker`` x ``workers``, in the
    currency of the cost) and the years of service the country loses (``workers`` x
    ``years_lost``). Nothing else is counted: no interest or inflation, no remittances, no
    return, no replacement.

    >>> training_cost(58_700, 40, 10)
    {'training_investment_usd': 2348000.0, 'service_years_lost': 400.0}
    """
    return {"training_investment_usd": float(cost_per_worker) * float(workers),
            "service_years_lost": float(workers) * float(years_lost)}


def physician_counts(data: dict) -> dict:
    """``{code: (year, physicians)}``: each country's latest physician count that has a population.

    Computed as physicians per 1,000 people times the population of the same year / 1,000
    (the population comes from the 3Ds table, which ends in 2023); countries without both
    are left out.
    """
    both = data["physicians"].merge(data["population"], on=["country_code", "year"])
    latest = both.sort_values("year").groupby("country_code").tail(1)
    counts = (latest["physicians_per_1000"].astype(float) * latest["population"].astype(float) / 1000).round()
    return {code: (int(year), int(count)) for code, year, count
            in zip(latest["country_code"], latest["year"], counts)}


def physicians_at_home(data: dict, code: str):
    """``(year, physicians)``: the country's latest physician count, or None without data.

    >>> physicians_at_home(load_brain_drain(), "UGA")
    (2022, 7949)
    """
    return physician_counts(data).get(code)


def _money(value: float) -> tuple[float, str]:
    """The value in a unit that reads well: (scaled value, unit words)."""
    for size, unit in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if value >= size:
            return value / size, unit
    return value, ""


def _money_words(value: float) -> str:
    scaled, unit = _money(value)
    return f"USD {scaled:,.1f} {unit}" if unit in ("million", "billion") else f"USD {value:,.0f}"


class _Sourced:
    """The sourced values a simulation input may take, and how the screen labels each input."""

    EXAMPLE_WORKERS, EXAMPLE_YEARS = 100, 30

    def __init__(self):
        self.costs = {headline_figure("mills2011_doctor_education_cost_uganda"): "Uganda",
                      headline_figure("mills2011_doctor_education_cost_south_africa"): "South Africa"}

    def cost(self, value: float) -> str:
        if value in self.costs:
            return (f"USD {value:,.0f} (sourced: Mills et al. 2011, the public cost of a doctor's education "
                    f"in {self.costs[value]})")
        return f"USD {value:,.0f} (assumed, not data)"

    @staticmethod
    def workers(value: float) -> str:
        return f"{value:,.0f} (assumed, not data)"

    @staticmethod
    def years(value: float) -> str:
        return f"{value:g} years each (assumed, not data)"


def describe_training_cost(name: str, cost: float, workers: float, years: float, home=None) -> str:
    """The simulation's result in words, with every assumption named.

    ``home`` is ``(year, physicians)`` for the country (see :func:`physician_counts`), or None.
    """
    sourced = _Sourced()
    totals = training_cost(cost, workers, years)
    name = in_sentence(name)
    text = (f"If {workers:,.0f} trained health workers leave {name}, the public money spent on their training "
            f"is {_money_words(totals['training_investment_usd'])} and the country loses "
            f"{totals['service_years_lost']:,.0f} years of their service. Assumptions: cost per worker "
            f"{sourced.cost(cost)}; workers who leave {sourced.workers(workers)}; service lost "
            f"{sourced.years(years)}.")
    if home:
        year, count = home
        text += (f" For scale, {name} had about {round(count, -2):,} physicians in {year} (physicians per 1,000 "
                 f"people times the population), so {workers:,.0f} is {100 * workers / count:.1f}% of that number "
                 "if they are doctors.")
    return text + (" Not counted: interest and inflation, remittances, return with new skills, the cost of "
                   "replacing them, and the extra study that the hope of emigrating can encourage.")


def _simulation_figure():
    fig = plt.figure(figsize=(9.5, 6.0))
    money = fig.add_axes((0.1, 0.45, 0.25, 0.4))
    service = fig.add_axes((0.5, 0.45, 0.46, 0.4))
    money.bar([0], [0], width=0.6, color=COLOURS["blue"])
    money.text(0, 0, "", ha="center", va="bottom", fontsize=10, fontweight="bold")
    money.set_xticks([0], ["Training paid for\nby the country"])
    money.set_xlim(-0.6, 0.6)
    money.set_title("Public money spent on training", fontsize=10, loc="left")
    service.plot([], [], color=COLOURS["vermillion"], lw=2.5)
    service.plot([], [], "o", color=COLOURS["vermillion"], ms=7, clip_on=False)
    service.text(0, 0, "", ha="right", va="bottom", fontsize=10, fontweight="bold")
    service.set_title("Years of service lost, added up since they left", fontsize=10, loc="left")
    service.set_xlabel("Years since the health workers left")
    service.set_ylabel("Years of service lost (total)")
    service.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    for ax in (money, service):
        ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
        style(ax)
    service.xaxis.set_major_locator(MaxNLocator(6, integer=True, steps=[1, 2, 5, 10]))
    finish(fig, "", "Sources: the inputs above. The two sourced training costs are from Mills et al. (2011), BMJ "
                    "343:d7031; physicians per 1,000 people from WHO via the World Bank's WDI;\npopulation from UN "
                    "DESA, World Population Prospects 2024. A simulation shows what follows from its assumptions; "
                    "it is not an estimate for any country.")
    # The assumptions box: its first and last lines never change, so they belong to the cached
    # background; only the four lines with the learner's values are redrawn (the last text).
    line = 9.5 * 1.4 / 72 / fig.get_figheight()  # one line of the box, in figure fractions
    fixed = {0: "Assumptions (each one is yours to change):",
             5: "  Not counted: interest, inflation, remittances, return, replacement, the incentive to study"}
    for row in (0, 5, 1, 2, 3, 4):  # the four value lines last: draw() fills fig.texts[-4:]
        fig.text(0.01, 0.34 - row * line, fixed.get(row, ""), fontsize=9.5, va="top", ha="left")
    return fig


@register
class TrainingCostSimulation(Explorer):
    """Set the cost of training a health worker, how many leave and the years of service lost.

    Every assumption is written on the chart and in the reading. Use
    :func:`training_cost_simulation` to make one.
    """

    name = "training_cost"
    function = "training_cost_simulation"
    saved_views = (
        SavedView("Uganda's cost, 100 workers, 30 years", dict(country="UGA", cost=21_000, workers=100, years=30),
                  "The baseline: Mills et al.'s cost of educating a doctor in Uganda, for an example group of 100 "
                  "who would each have served 30 more years; the 100 and the 30 are examples, not data."),
        SavedView("South Africa's cost, same group", dict(country="ZAF", cost=58_700, workers=100, years=30),
                  "The same departures cost almost three times as much where training costs more: the estimate "
                  "depends on which country's cost you assume."),
        SavedView("Uganda, return after 5 years", dict(country="UGA", cost=21_000, workers=100, years=5),
                  "If the same 100 come back after five years, the training money was spent all the same, but "
                  "only a sixth of the service is lost: return migration changes the answer."),
    )

    @classmethod
    def without_data(cls):
        # Somalia really has no physician data (test_brain_drain checks it); here Ghana's are
        # dropped, so the check does not hang on which countries the data happen to lack.
        data = load_brain_drain()
        data["physicians"] = data["physicians"][data["physicians"]["country_code"] != "GHA"]
        return data, {"country": "Ghana"}

    def prepare(self):
        self.sourced = _Sourced()
        self.home = physician_counts(self.data)
        population = set(self.data["population"]["country_code"])
        names = dict(zip(load_countries()["country_code"], load_countries()["country_name"]))
        self.names = {code: names[code] for code in sorted(population) if code in names}

    def make_fields(self):
        return [CountryField("country", "Country", self.names, role="a country of origin"),
                NumberField("cost", "Cost", minimum=100, maximum=2_000_000, unit="USD to train one health worker",
                            what="training cost per health worker", range_unit="US dollars"),
                NumberField("workers", "Workers", minimum=1, maximum=1_000_000, unit="health workers who leave",
                            what="number of health workers who leave", whole=True, range_unit=""),
                NumberField("years", "Years", minimum=1, maximum=45, unit="years of service lost, each",
                            what="number of years of service lost", whole=True, range_unit="years")]

    def defaults(self):
        return {"country": "UGA", "cost": 21_000, "workers": _Sourced.EXAMPLE_WORKERS,
                "years": _Sourced.EXAMPLE_YEARS}

    def validate(self, selection):
        if selection.country not in self.home:
            others = " or ".join([self.names[c] for c in ("UGA", "GHA", "KEN") if c in self.home][:2])
            raise ExplorerInputError(f"There are no physician data for {in_sentence(self.names[selection.country])}; "
                                     f"choose another country, such as {others}.")

    def make_figure(self):
        return _simulation_figure()

    def dynamic_artists(self):
        money, service = self.figure.axes
        return [money.patches[0], money.texts[0], *service.lines, service.texts[0], *self.figure.texts[-4:],
                self.figure._suptitle]

    def draw(self, selection):
        money, service = self.figure.axes
        totals = training_cost(selection.cost, selection.workers, selection.years)
        scaled, unit = _money(totals["training_investment_usd"])
        money.patches[0].set_height(scaled)
        money.texts[0].set_position((0, scaled))
        money.texts[0].set_text(f"USD {scaled:,.1f} {unit}" if unit else f"USD {scaled:,.0f}")
        money.set_ylim(0, nice_ceiling(scaled * 1.2))
        money.set_ylabel(f"USD {unit}" if unit else "USD")
        x = np.arange(0, selection.years + 1)
        service.lines[0].set_data(x, x * selection.workers)
        service.lines[1].set_data([selection.years], [totals["service_years_lost"]])
        service.texts[0].set_position((selection.years, totals["service_years_lost"]))
        service.texts[0].set_text(f"{totals['service_years_lost']:,.0f} years  \n")
        service.set_xlim(0, nice_ceiling(selection.years))
        service.set_ylim(0, nice_ceiling(totals["service_years_lost"] * 1.2))
        name = in_sentence(self.names[selection.country])
        year, count = self.home[selection.country]
        values = (f"  Training cost per health worker: {self.sourced.cost(selection.cost)}",
                  f"  Health workers who leave: {self.sourced.workers(selection.workers)}",
                  f"  Years of service each would have given at home: {self.sourced.years(selection.years)}",
                  f"  For scale: {name} had about {round(count, -2):,} physicians in {year} "
                  "(per 1,000 people x population)")
        for text, value in zip(self.figure.texts[-4:], values):
            text.set_text(value)
        self.figure.suptitle(f"Training cost simulation: {selection.workers:,.0f} health workers leave {name}",
                             fontsize=13, fontweight="bold", x=0.01, ha="left")
        return ""

    def describe(self, selection):
        return describe_training_cost(self.names[selection.country], selection.cost, selection.workers,
                                      selection.years, self.home.get(selection.country))


def training_cost_simulation(data: dict | None = None, country="UGA", cost=None, workers=None,
                             years=None) -> TrainingCostSimulation:
    """The training-cost simulation; inputs left out start at the values the screen labels.

    >>> simulation = training_cost_simulation()
    >>> simulation.picker.label
    "Uganda's cost, 100 workers, 30 years"
    """
    initial = {"country": country}
    initial.update({k: v for k, v in dict(cost=cost, workers=workers, years=years).items() if v is not None})
    return TrainingCostSimulation(load_brain_drain() if data is None else data, **initial)
