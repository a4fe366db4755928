"""The 3Ds (development, demography, democracy): data, chart, reading and explorer.

The Global Commission on International Migration named three gaps between places that drive
migration. The course measures each with one or two indicators per country and year
(``data/three_ds.csv``): GDP per capita (PPP), the working-age share and population growth,
and the Freedom House score. Freedom House values are dated by the year they describe; the
report that covers year Y is *Freedom in the World* Y+1.

Example
-------
>>> three_ds = load_three_ds()
>>> describe_three_ds_gap(three_ds, "NPL", "QAT")[:40]
'In 2023, income per person in Qatar ($11'
>>> fig = plot_three_ds(three_ds, "MEX", "USA")
>>> [ax.get_title(loc="left") for ax in fig.axes][:2]
['Development: income per person', 'Demography: working-age share']
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from .charts import COLOURS, finish, nice_ceiling, style
from .data import in_sentence, load, load_countries
from .explorer import CountryField, Explorer, ExplorerInputError, SavedView, YearRangeField, register

__all__ = ["THREE_DS_PANELS", "ThreeDsExplorer", "describe_three_ds_gap", "load_three_ds",
           "plot_three_ds", "three_ds_by_country", "three_ds_explorer", "update_three_ds"]

# (column, panel title, y-axis label) for the four panels of the 3Ds chart.
THREE_DS_PANELS = [
    ("gdp_per_capita_ppp", "Development: income per person",
     "GDP per capita, PPP\n(constant 2021 international $)"),
    ("working_age_share_pct", "Demography: working-age share", "Population aged 15-64 (%)"),
    ("population_growth_pct", "Demography: population growth", "Annual change (%)"),
    ("freedom_score", "Democracy: Freedom House score", "Score (0 = least free,\n100 = most free)"),
]
SOURCE_THREE_DS = ("Sources: World Bank, World Development Indicators; UN DESA, World Population Prospects 2024;\n"
                   "Freedom House, Freedom in the World (via Our World in Data).")
EMPTY = (np.array([]), np.array([]))


def load_three_ds() -> pd.DataFrame:
    """Development, demography and democracy indicators by country and year, with names.

    >>> load_three_ds().query("country_code == 'MEX'")["country_name"].iloc[0]
    'Mexico'
    """
    table = load("three_ds")
    names = load_countries()[["country_code", "country_name"]]
    return table.merge(names, on="country_code", how="left")


def three_ds_by_country(three_ds: pd.DataFrame, codes=None) -> dict:
    """Split the 3Ds table into per-country arrays once, so that redraws need no pandas.

    Returns ``{code: {"name": ..., column: (years, values), "freedom_status": (years, labels)}}``
    for ``codes`` (default: all countries).
    """
    if codes is not None:
        three_ds = three_ds[three_ds["country_code"].isin(codes)]
    split = {}
    for code, rows in three_ds.sort_values("year").groupby("country_code", sort=False):
        years = rows["year"].to_numpy(dtype=float)
        country = {"name": rows["country_name"].iloc[0] if "country_name" in rows else code}
        for column, _, _ in THREE_DS_PANELS:
            country[column] = (years, rows[column].to_numpy(dtype=float, na_value=np.nan))
        country["freedom_status"] = (years, rows["freedom_status"].to_numpy(dtype=object, na_value=None))
        split[code] = country
    return split


def _as_split(three_ds, codes) -> dict:
    return three_ds if isinstance(three_ds, dict) else three_ds_by_country(three_ds, codes)


def _figure():
    """The empty 2x2 figure; titles and labels are placed by hand so redraws measure nothing."""
    fig, axes = plt.subplots(2, 2, figsize=(9, 6))
    fig.subplots_adjust(left=0.12, right=0.98, bottom=0.15, top=0.84, hspace=0.5, wspace=0.32)
    for ax, (_, title, ylabel) in zip(axes.flat, THREE_DS_PANELS):
        ax.plot([], [], color=COLOURS["vermillion"], lw=2, marker=".", label="origin")
        ax.plot([], [], color=COLOURS["blue"], lw=2, ls="--", marker=".", label="destination")
        ax.set_title(title, fontsize=10, loc="left", y=1.02)
        ax.set_ylabel(ylabel, fontsize=9)
        ax.yaxis.set_label_coords(-0.16, 0.5)
        ax.set_xlabel("Year", fontsize=9)
        ax.xaxis.set_label_coords(0.5, -0.2)
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
        ax.tick_params(labelsize=8)
        style(ax)
    axes.flat[0].yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.flat[2].axhline(0, color=COLOURS["grey"], lw=0.8)
    finish(fig, "", SOURCE_THREE_DS)
    fig.legend(handles=axes.flat[0].lines[:2], loc="upper left", bbox_to_anchor=(0.005, 0.945),
               ncol=2, frameon=False, fontsize=9)
    return fig


def _limits(column: str, values: np.ndarray) -> tuple[float, float]:
    """Axis limits snapped to a few layouts, so explorers can reuse their drawn backgrounds."""
    if column == "freedom_score":
        return -5, 105
    if column == "working_age_share_pct":
        low, high = (np.nanmin(values), np.nanmax(values)) if values.size else (50, 70)
        return 10 * math.floor(low / 10), 10 * math.ceil(high / 10)
    if column == "population_growth_pct":
        low, high = (np.nanmin(values), np.nanmax(values)) if values.size else (0, 2)
        return min(-1, 2 * math.floor(low / 2)), max(2, 2 * math.ceil(high / 2))
    top = np.nanmax(values) if values.size else 1000
    return 0, nice_ceiling(top * 1.02)


def update_three_ds(fig, three_ds, origin: str, destination: str, years=(1990, 2023)):
    """Point the lines of a :func:`plot_three_ds` figure at another pair of countries.

    ``three_ds`` is the table or, for speed in an explorer, :func:`three_ds_by_country` of it.
    """
    three_ds = _as_split(three_ds, (origin, destination))
    start, end = years
    names = {}
    shown = {column: [] for column, _, _ in THREE_DS_PANELS}
    for line_index, code in enumerate((origin, destination)):
        country = three_ds.get(code, {})
        names[code] = country.get("name", code)
        role = "origin" if line_index == 0 else "destination"
        for ax, (column, _, _) in zip(fig.axes, THREE_DS_PANELS):
            x, y = country.get(column, EMPTY)
            keep = (x >= start) & (x <= end) & ~np.isnan(y)
            line = ax.lines[line_index]
            line.set_data(x[keep], y[keep])
            line.set_label(f"{names[code]} ({role})")
            shown[column].append(y[keep])
    # The x-axis snaps to five-year marks (within the data's years), so most moves of the
    # slider keep the axes as they are and an explorer can reuse its drawn background.
    known = [x for country in (three_ds.get(origin, {}), three_ds.get(destination, {}))
             for x, _ in [country.get("gdp_per_capita_ppp", EMPTY)] if x.size]
    first, last = (min(x[0] for x in known), max(x[-1] for x in known)) if known else (start, end)
    for ax, (column, _, _) in zip(fig.axes, THREE_DS_PANELS):
        ax.set_ylim(*_limits(column, np.concatenate(shown[column])))
        ax.set_xlim(max(first, 5 * math.floor(start / 5)) - 0.5, min(last, 5 * math.ceil(end / 5)) + 0.5)
    for text, line in zip(fig.legends[0].texts, fig.axes[0].lines):
        text.set_text(line.get_label())
    fig.suptitle(f"The 3Ds: {names[origin]} (origin) and {names[destination]} "
                 f"(destination), {start}-{end}", fontsize=13, fontweight="bold", x=0.01, ha="left")
    return fig


def plot_three_ds(three_ds: pd.DataFrame, origin: str, destination: str, years=(1990, 2023)):
    """Four small panels comparing an origin and a destination country on the 3Ds.

    ``three_ds`` is :func:`load_three_ds`; ``origin`` and ``destination`` are ISO3 codes.
    The figure keeps its line objects, so :func:`update_three_ds` can redraw it for another
    pair of countries without building a new figure.
    """
    return update_three_ds(_figure(), three_ds, origin, destination, years)


def _latest(country: dict, column: str, start: int, end: int):
    """(year, value) of the latest non-empty value in the window, or None."""
    years, values = country.get(column, EMPTY)
    keep = (years >= start) & (years <= end)
    keep &= np.array([v is not None and not (isinstance(v, float) and math.isnan(v)) for v in values], bool)
    if not keep.any():
        return None
    index = np.flatnonzero(keep)[-1]
    return int(years[index]), values[index]


def describe_three_ds_gap(three_ds, origin: str, destination: str, years=(1990, 2023)) -> str:
    """A plain-language reading of the 3Ds gap between two countries at the end of the window."""
    start, end = years
    split = _as_split(three_ds, (origin, destination))
    country = {code: split.get(code, {}) for code in (origin, destination)}
    name = {code: in_sentence(country[code].get("name", code)) for code in country}
    sentences = []
    gdp = {code: _latest(country[code], "gdp_per_capita_ppp", start, end) for code in country}
    if all(gdp.values()) and gdp[origin][0] == gdp[destination][0]:
        year, (o, d) = gdp[origin][0], (gdp[origin][1], gdp[destination][1])
        richer, poorer = (destination, origin) if d >= o else (origin, destination)
        ratio = max(o, d) / min(o, d)
        sentences.append(f"In {year}, income per person in {name[richer]} (${max(o, d):,.0f}) was "
                         f"{ratio:.1f} times that in {name[poorer]} (${min(o, d):,.0f}).")
    work = {code: _latest(country[code], "working_age_share_pct", start, end) for code in country}
    growth = {code: _latest(country[code], "population_growth_pct", start, end) for code in country}
    if all(work.values()) and all(growth.values()):
        sentences.append(
            f"Working-age share: {name[origin]} {work[origin][1]:.0f}%, {name[destination]} "
            f"{work[destination][1]:.0f}%; population growth: {growth[origin][1]:+.1f}% and "
            f"{growth[destination][1]:+.1f}% a year.")
    status = {code: _latest(country[code], "freedom_status", start, end) for code in country}
    if all(status.values()):
        score = {code: _latest(country[code], "freedom_score", start, end) for code in country}

        def rated(code):
            s = score[code]
            extra = f", {s[1]:.0f}/100" if s and s[0] == status[code][0] else ""
            return f"{name[code]} {status[code][1].lower()}{extra}"
        year = status[origin][0]
        covered = (f"in {year} (Freedom in the World {year + 1})" if status[destination][0] == year
                   else f"in {year} and {status[destination][0]}")
        sentences.append(f"Freedom House ratings {covered}: {rated(origin)}; {rated(destination)}.")
    return " ".join(sentences) or "The two countries share no year with data in this window."


@register
class ThreeDsExplorer(Explorer):
    """Pick an origin and a destination; see their development, demography and democracy gaps.

    Use :func:`three_ds_explorer` to make one; ``show()`` can also be called directly:
    ``explorer.show("Nepal", "Qatar", (2000, 2023))``.
    """

    name = "three_ds"
    function = "three_ds_explorer"
    saved_views = (
        SavedView("Mexico → United States", dict(origin="MEX", destination="USA"),
                  "A long land border and one of the world's largest corridors: a wide income gap, "
                  "while Mexico's working-age share overtakes that of the United States."),
        SavedView("Philippines → Saudi Arabia", dict(origin="PHL", destination="SAU"),
                  "A large development gap, with the democracy gap pointing the other way: the "
                  "destination is rated less free than the origin."),
        SavedView("Nepal → Qatar", dict(origin="NPL", destination="QAT"),
                  "A destination whose very high working-age share and fast population growth "
                  "come largely from its migrant workers: migration shapes the data it responds to."),
        SavedView("Senegal → Spain", dict(origin="SEN", destination="ESP"),
                  "Demography: a young, fast-growing origin beside an ageing destination."),
        SavedView("Poland → Germany", dict(origin="POL", destination="DEU"),
                  "A neighbour catching up: income per person in Germany was 3.3 times Poland's in "
                  "1990 and 1.4 times in 2023, yet the share of Poles living abroad rose from 6.1% "
                  "in 2000 to 10.6% in 2024, after Poland joined the European Union in 2004."),
        SavedView("Viet Nam → Japan", dict(origin="VNM", destination="JPN"),
                  "Growth at home has not yet slowed emigration (the rising side of the 'migration "
                  "hump'): Viet Nam's income per person grew more than fivefold from 1990 to 2023, "
                  "while the share of its people living abroad doubled, from 1.7% to 3.5% in 2024 "
                  "(1.1 to 3.7 million people)."),
    )

    @classmethod
    def without_data(cls):
        # Every country in the real table has some data; drop Aruba's early years to get one.
        data = load_three_ds()
        data = data[(data["country_code"] != "ABW") | (data["year"] > 2015)]
        return data, {"origin": "Aruba", "destination": "Mexico", "years": (1990, 2000)}

    def prepare(self):
        self.series = three_ds_by_country(self.data)
        self.first, self.last = int(self.data["year"].min()), int(self.data["year"].max())

    def make_fields(self):
        names = {code: country["name"] for code, country in self.series.items()}
        return [CountryField("origin", "Origin", names, role="an origin"),
                CountryField("destination", "Destination", names, role="a destination"),
                YearRangeField("years", "Years", self.first, self.last)]

    def defaults(self):
        return {"years": (self.first, self.last)}

    def validate(self, selection):
        if selection.origin == selection.destination:
            raise ExplorerInputError("Origin and destination are the same country; "
                                     "choose two different countries.")
        start, end = selection.years
        for code in (selection.origin, selection.destination):
            country = self.series[code]
            if all(np.isnan(country[c][1][(country[c][0] >= start) & (country[c][0] <= end)]).all()
                   for c, _, _ in THREE_DS_PANELS):
                raise ExplorerInputError(f"There are no data for {country['name']} in {start}-{end}.")

    def make_figure(self):
        return _figure()

    def dynamic_artists(self):
        fig = self.figure
        return [line for ax in fig.axes for line in ax.lines[:2]] + [fig._suptitle, fig.legends[0]]

    def draw(self, selection):
        start, end = selection.years
        update_three_ds(self.figure, self.series, selection.origin, selection.destination, (start, end))
        notes = []
        for code in (selection.origin, selection.destination):
            country = self.series[code]
            empty = [title.split(":")[0] + " (" + title.split(": ")[1] + ")"
                     for column, title, _ in THREE_DS_PANELS
                     if np.isnan(country[column][1][(country[column][0] >= start)
                                                    & (country[column][0] <= end)]).all()]
            if empty:
                notes.append(f"No data for {country['name']} on {', '.join(empty)} in {start}-{end}; "
                             "those panels show one country only.")
        return " ".join(notes)

    def describe(self, selection):
        return describe_three_ds_gap(self.series, selection.origin, selection.destination, selection.years)


def three_ds_explorer(three_ds: pd.DataFrame | None = None, origin="MEX", destination="USA",
                      years=None) -> ThreeDsExplorer:
    """The 3Ds explorer: compare an origin and a destination country over time.

    >>> explorer = three_ds_explorer(origin="Nepal", destination="Qatar")
    >>> explorer.picker.label
    'Nepal → Qatar'
    """
    data = load_three_ds() if three_ds is None else three_ds
    initial = {"origin": origin, "destination": destination}
    if years is not None:
        initial["years"] = years
    return ThreeDsExplorer(data, **initial)
