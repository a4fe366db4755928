"""Remittances: how big, how fast, compared with what, and at what cost.

Migrants' remittances are the money they send home. The World Bank's World Development
Indicators record *personal remittances received* (personal transfers plus the pay of
seasonal, border and other short-term workers abroad) from each country's balance of
payments. This module holds the course's remittance data, the arithmetic the lesson
teaches (growth multiples, average annual growth, the year remittances overtook aid, the
cost of a transfer), the charts and readings, and two explorers:

- :func:`remittance_explorer`: remittances beside net official development assistance
  (ODA) and foreign direct investment (FDI), for a group of countries or one country;
- :func:`remittance_cost_calculator`: what a transfer costs and what the family would gain
  at the SDG 10.c target of 3%, beside the cost of sending money over time.

Groups are sums over the countries that report, with the World Bank's 2023 income groups
held fixed for every year; values are in current US dollars, not adjusted for inflation.

Example
-------
>>> flows = load_remittances()
>>> lmic = remittance_series(flows, "LMY")
>>> growth = growth_between(lmic, 1990, 2005)
>>> round(growth.multiple, 2), round(growth.annual_pct, 1)
(5.82, 12.5)
>>> aid_comparison(lmic, 1990, 2023).year    # remittances passed net ODA and stayed above
1996
>>> transfer_cost(200, fee=8, margin_pct=3).cost_pct
7.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, MaxNLocator, NullLocator

from .charts import COLOURS, finish, nice_ceiling, style
from .data import in_sentence, load, load_countries, load_headline_figures
from .explorer import (ChoiceField, CountryField, Explorer, ExplorerInputError, NumberField, SavedView,
                       YearRangeField, register)

__all__ = ["GROUPS", "RemittanceCostCalculator", "RemittanceExplorer", "SDG_TARGET_PCT", "Transfer",
           "aid_comparison", "average_annual_growth", "brief_beside_today", "compare_flows",
           "describe_remittance_growth", "describe_transfer", "growth_between", "growth_multiple",
           "late_reporters", "load_remittance_cost_averages", "load_remittance_costs",
           "load_remittance_estimates", "load_remittance_group_members", "load_remittances",
           "plot_brief_beside_today", "plot_remittance_costs", "plot_remittance_growth",
           "plot_top_recipients", "remittance_cost_calculator", "remittance_explorer",
           "remittance_series", "top_recipients", "transfer_cost"]

# The groups of the course's data: code -> (label in menus, name inside a sentence).
GROUPS = {
    "LMY": ("Low- and middle-income countries", "low- and middle-income countries"),
    "LMY_EX_CHN": ("Low- and middle-income countries without China",
                   "low- and middle-income countries other than China"),
    "LIC": ("Low-income countries", "low-income countries"),
    "LMC": ("Lower-middle-income countries", "lower-middle-income countries"),
    "UMC": ("Upper-middle-income countries", "upper-middle-income countries"),
    "EAP": ("East Asia and Pacific (low and middle income)", "low- and middle-income East Asia and Pacific"),
    "ECA": ("Europe and Central Asia (low and middle income)",
            "low- and middle-income Europe and Central Asia"),
    "LAC": ("Latin America and Caribbean (low and middle income)",
            "low- and middle-income Latin America and the Caribbean"),
    "MNA": ("Middle East and North Africa (low and middle income)",
            "low- and middle-income Middle East and North Africa"),
    "SAS": ("South Asia", "South Asia"),
    "SSA": ("Sub-Saharan Africa (low and middle income)", "low- and middle-income Sub-Saharan Africa"),
}
# Other ways a learner may type a group.
GROUP_ALIASES = {
    "LMY": ("LMIC", "LMICs", "Low and middle income", "Low- and middle-income", "Developing countries"),
    "LMY_EX_CHN": ("LMIC without China", "Low- and middle-income countries excluding China"),
    "EAP": ("East Asia and Pacific", "East Asia & Pacific"),
    "ECA": ("Europe and Central Asia", "Europe & Central Asia"),
    "LAC": ("Latin America and Caribbean", "Latin America and the Caribbean", "Latin America & Caribbean"),
    "MNA": ("Middle East and North Africa", "Middle East & North Africa"),
    "SSA": ("Sub-Saharan Africa",),
}
SDG_TARGET_PCT = 3.0        # SDG target 10.c (UN General Assembly 2015)
SDG_CORRIDOR_MAX_PCT = 5.0  # the same target: no corridor above 5 per cent
RPW_AMOUNT = 200            # the transfer the World Bank's price survey prices, in US$
# Charts shown in a lesson are drawn at 90 dpi, so that the lesson page with its explorers'
# saved views stays light; they are still sharp at the width of the page.
STATIC_DPI = 90

SOURCE_FLOWS = ("Source: World Bank, World Development Indicators (remittances, FDI, GDP: releases of May 2023 "
                "and Dec 2024; net ODA: OECD DAC).\nGroups: sums over the countries that report, 2023 income "
                "groups for every year. Current US$, not adjusted for inflation.")
SOURCE_COSTS = ("Sources: World Bank, Remittance Prices Worldwide (reports of 2011-2023; country averages "
                "from WDI, 2011-2020);\nUN General Assembly (2015), SDG target 10.c. Total cost = fee + "
                "exchange-rate margin, as a % of the amount sent.")
# The chart of published averages uses no country averages, so its source line names only what it shows.
SOURCE_COST_AVERAGES = ("Sources: World Bank, Remittance Prices Worldwide (Issues 3, 21, 37 and 47) and Migration "
                        "and Development Briefs 33 and 36;\nUN General Assembly (2015), SDG target 10.c. Total cost = "
                        "fee + exchange-rate margin, as a % of the amount sent.")
MEASURES = {"usd": "US$ billion", "gdp": "% of GDP"}
SCALES = {"linear": "Linear", "log": "Logarithmic"}
LINE_LABELS = ("Remittances received", "Net ODA received", "FDI, net inflows")


# --- data --------------------------------------------------------------------------------

def load_remittances() -> pd.DataFrame:
    """Remittances, net ODA, FDI and GDP for the course's groups and for every country, by year.

    One row per place and year: ``place_code`` (a group code of :data:`GROUPS` or an ISO3
    code), ``place_name``, ``kind`` (``group`` or ``country``), the flows in current US$
    and as shares of GDP, and for groups how many countries reported remittances.

    >>> flows = load_remittances()
    >>> round(float(flows.query("place_code == 'LMY' and year == 2023")["remittances_usd"].iloc[0]) / 1e9, 1)
    632.7
    """
    groups = load("remittance_flows_by_group").rename(columns={"group_code": "place_code"})
    groups["place_name"] = groups["place_code"].map(lambda code: GROUPS[code][0])
    groups["kind"] = "group"
    countries = load("remittance_flows_by_country").rename(columns={"country_code": "place_code"})
    names = load_countries().set_index("country_code")["country_name"]
    countries["place_name"] = countries["place_code"].map(names)
    countries["kind"] = "country"
    for flow in ("remittances", "fdi"):
        both = countries[f"{flow}_usd"].notna() & countries["gdp_usd"].gt(0)
        countries[f"{flow}_pct_gdp"] = (100 * countries[f"{flow}_usd"].astype(float)
                                        / countries["gdp_usd"].astype(float)).where(both)
    flows = pd.concat([groups, countries], ignore_index=True)
    columns = ["place_code", "place_name", "kind", "year", "remittances_usd", "remittances_knomad_usd",
               "oda_usd", "fdi_usd", "gdp_usd", "remittances_pct_gdp", "oda_pct_gdp", "fdi_pct_gdp",
               "countries_in_group", "remittances_reporting"]
    return flows[columns]


def load_remittance_group_members() -> dict[str, list[str]]:
    """The member countries (ISO3 codes) of each group in :data:`GROUPS`."""
    members = load("remittance_group_members")
    return {code: list(rows["country_code"]) for code, rows in members.groupby("group_code", sort=False)}


def load_remittance_costs() -> pd.DataFrame:
    """Average cost of sending US$200 to and from each country, 2011-2020, with names."""
    costs = load("remittance_costs_by_country")
    return costs.merge(load_countries()[["country_code", "country_name"]], on="country_code", how="left")


def load_remittance_cost_averages() -> pd.DataFrame:
    """The world's and two regions' published average cost of sending US$200, by quarter.

    Adds ``time``: the quarter's midpoint as a decimal year (2023Q3 -> 2023.625), for charts.
    """
    averages = load("remittance_cost_averages")
    quarter = averages["quarter"].str[-1].astype(int)
    averages["time"] = averages["quarter"].str[:4].astype(int) + (quarter - 0.5) / 4
    return averages


def load_remittance_estimates() -> pd.DataFrame:
    """The World Bank's published estimates of remittances to LMICs, brief by brief."""
    return load("remittance_estimates_published")


# --- the arithmetic the lesson teaches ------------------------------------------------------

def growth_multiple(first: float, last: float) -> float:
    """How many times larger ``last`` is than ``first``.

    >>> growth_multiple(50, 200)
    4.0
    """
    return last / first


def average_annual_growth(first: float, last: float, years: int) -> float:
    """The constant yearly growth, in per cent, that turns ``first`` into ``last`` in ``years``.

    A 4-fold rise over 10 years is 100 * (4 ** (1/10) - 1) = 14.9% a year, not 40%: growth
    compounds, like interest.

    >>> round(average_annual_growth(50, 200, 10), 2)
    14.87
    """
    return 100 * ((last / first) ** (1 / years) - 1)


@dataclass(frozen=True)
class Series:
    """One place's flows as arrays by year (US$ and % of GDP), ready for charts and readings."""

    code: str
    name: str
    kind: str
    years: np.ndarray
    usd: dict
    share: dict
    reporting: np.ndarray
    members: int

    @property
    def in_sentence(self) -> str:
        return GROUPS[self.code][1] if self.kind == "group" else in_sentence(self.name)


def _series_from_rows(code: str, rows: pd.DataFrame) -> Series:
    rows = rows.sort_values("year")
    as_float = lambda column: rows[column].to_numpy(dtype=float, na_value=np.nan)  # noqa: E731
    kind = rows["kind"].iloc[0]
    return Series(code=code, name=rows["place_name"].iloc[0], kind=kind, years=as_float("year"),
                  usd={flow: as_float(f"{flow}_usd") for flow in ("remittances", "oda", "fdi")},
                  share={flow: as_float(f"{flow}_pct_gdp") for flow in ("remittances", "oda", "fdi")},
                  reporting=as_float("remittances_reporting"),
                  members=int(rows["countries_in_group"].iloc[0]) if kind == "group" else 1)


def remittance_series(flows: pd.DataFrame, place: str) -> Series:
    """The flows of one place (a group code such as ``"LMY"`` or an ISO3 code) as arrays."""
    rows = flows[flows["place_code"] == place]
    if rows.empty:
        raise KeyError(f"no remittance data for {place!r}")
    return _series_from_rows(place, rows)


def _all_series(flows: pd.DataFrame) -> dict[str, Series]:
    return {code: _series_from_rows(code, rows) for code, rows in flows.groupby("place_code", sort=False)}


@dataclass(frozen=True)
class Growth:
    """Growth of remittances between the first and last years with data in a window."""

    first_year: int
    last_year: int
    first: float
    last: float

    @property
    def multiple(self) -> float:
        return growth_multiple(self.first, self.last)

    @property
    def annual_pct(self) -> float:
        return average_annual_growth(self.first, self.last, self.last_year - self.first_year)


def _known(series: Series, flow: str, start: int, end: int, measure: str = "usd"):
    values = (series.usd if measure == "usd" else series.share)[flow]
    keep = (series.years >= start) & (series.years <= end) & ~np.isnan(values)
    return series.years[keep].astype(int), values[keep]


def growth_between(series: Series, start: int, end: int) -> Growth | None:
    """Growth of remittances (US$) from the first to the last year with data in ``start``-``end``.

    None if the window holds fewer than two years with data or starts from zero.
    """
    years, values = _known(series, "remittances", start, end)
    if len(years) < 2 or values[0] <= 0:
        return None
    return Growth(int(years[0]), int(years[-1]), float(values[0]), float(values[-1]))


@dataclass(frozen=True)
class Comparison:
    """Remittances against another flow (net ODA or FDI) in the years of a window that have both.

    ``status`` is ``missing`` (no year with both), ``above`` (remittances larger in every such
    year), ``overtook`` (smaller at first, larger from ``year`` to the end), ``below`` (smaller
    in the last year with both) or ``never`` (never larger). ``ever_above`` lists the years
    remittances were larger; ``ratio_last`` is remittances over the other flow in the last year.
    """

    status: str
    year: int | None = None
    first_year: int | None = None
    last_year: int | None = None
    remittances_last: float | None = None
    other_last: float | None = None
    ever_above: tuple = ()

    @property
    def ratio_last(self) -> float | None:
        if self.other_last is None or self.other_last <= 0:
            return None
        return self.remittances_last / self.other_last


def compare_flows(series: Series, other: str, start: int, end: int) -> Comparison:
    """When remittances overtook ``other`` (``"oda"`` or ``"fdi"``) in a window: the first year of
    the last run of years in which remittances were larger, if they had been smaller before.

    >>> years = np.arange(2000, 2006.0)
    >>> toy = Series("T", "Toy", "country", years, {"remittances": np.array([1, 3, 1, 5, 6, 7.]),
    ...     "oda": np.array([2, 2, 2, 2, 2, 2.]), "fdi": years * np.nan}, {}, years * np.nan, 1)
    >>> compare_flows(toy, "oda", 2000, 2005).year
    2003
    """
    rem, oth = series.usd["remittances"], series.usd[other]
    keep = (series.years >= start) & (series.years <= end) & ~np.isnan(rem) & ~np.isnan(oth)
    years, rem, oth = series.years[keep].astype(int), rem[keep], oth[keep]
    if not len(years):
        return Comparison("missing")
    above = rem > oth
    common = dict(first_year=int(years[0]), last_year=int(years[-1]), remittances_last=float(rem[-1]),
                  other_last=float(oth[-1]), ever_above=tuple(int(y) for y in years[above]))
    if above.all():
        return Comparison("above", **common)
    if not above.any():
        return Comparison("never", **common)
    if not above[-1]:
        return Comparison("below", **common)
    last_below = np.flatnonzero(~above)[-1]
    return Comparison("overtook", year=int(years[last_below + 1]), **common)


def aid_comparison(series: Series, start: int, end: int) -> Comparison:
    """Remittances against net ODA in a window (see :func:`compare_flows`)."""
    return compare_flows(series, "oda", start, end)


def late_reporters(series_by_code: dict, members: dict, group: str, first_year: int, last_year: int):
    """Members of ``group`` with no remittance data in ``first_year``, and their share (per cent)
    of the group's remittances in ``last_year``: growth that is countries entering the count.

    Returns ``(count, share_pct)``, or None when the membership is unknown.
    """
    codes = members.get(group)
    if not codes:
        return None
    missing, theirs, total = 0, 0.0, 0.0
    for code in codes:
        country = series_by_code.get(code)
        if country is None:
            missing += 1
            continue
        rem = country.usd["remittances"]
        then = rem[country.years == first_year]
        now = rem[country.years == last_year]
        value = float(now[0]) if now.size and not np.isnan(now[0]) else 0.0
        total += value
        if not then.size or np.isnan(then[0]):
            missing += 1
            theirs += value
    return missing, (100 * theirs / total if total else 0.0)


@dataclass(frozen=True)
class Transfer:
    """One remittance: what it costs, what arrives, and what the SDG target would change.

    Costs are counted as the World Bank's price survey counts them: the fee plus the
    exchange-rate margin applied to the whole amount sent; what arrives is valued at the
    market (mid-market) exchange rate.
    """

    amount: float
    fee: float
    margin_pct: float
    per_year: float = 12

    @property
    def margin_cost(self) -> float:
        return self.amount * self.margin_pct / 100

    @property
    def cost(self) -> float:
        return self.fee + self.margin_cost

    @property
    def cost_pct(self) -> float:
        return round(100 * self.cost / self.amount, 10)

    @property
    def arrives(self) -> float:
        return self.amount - self.cost

    @property
    def cost_at_target(self) -> float:
        return self.amount * SDG_TARGET_PCT / 100

    @property
    def gain_at_target(self) -> float:
        """What more would arrive if the transfer cost 3% (zero if it already costs less)."""
        return max(0.0, self.cost - self.cost_at_target)

    @property
    def gain_per_year(self) -> float:
        return self.gain_at_target * self.per_year


def transfer_cost(amount: float, fee: float, margin_pct: float, per_year: float = 12) -> Transfer:
    """The cost of sending ``amount`` with a ``fee`` and an exchange-rate margin of ``margin_pct``.

    >>> t = transfer_cost(200, fee=8, margin_pct=3)
    >>> t.cost, t.cost_pct, t.arrives, t.gain_at_target, t.gain_per_year
    (14.0, 7.0, 186.0, 8.0, 96.0)
    """
    return Transfer(float(amount), float(fee), float(margin_pct), float(per_year))


# --- words and numbers ------------------------------------------------------------------------

def _money(value: float) -> str:
    """US$ with a sensible unit: 'US$632.7 billion', 'US$55.2 million', '-US$2.6 billion'."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    for size, unit in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{sign}US${value / size:,.1f} {unit}"
    return f"{sign}US${value:,.0f}"


def _dollars(value: float) -> str:
    return f"US${value:,.2f}"


def _plain(text: str) -> str:
    """Text for a chart: a '$' pair would otherwise turn into matplotlib's math mode."""
    return text.replace("$", r"\$")


def _short(name: str) -> str:
    """A place's name short enough for a chart title."""
    name = name.replace(" (low and middle income)", " (LMICs)")
    return name.replace("Low- and middle-income countries without China", "LMICs without China")


def _times(multiple: float) -> str:
    """'22', '5.8': a multiple as the readings write it."""
    return f"{multiple:,.0f}" if multiple >= 100 else f"{multiple:.1f}"


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def _as_series(flows) -> dict:
    return flows if isinstance(flows, dict) else _all_series(flows)


def describe_remittance_growth(flows, place: str, years=(1990, 2023), members: dict | None = None) -> str:
    """The plain-language reading of the explorer for one place and window of years.

    It states the growth of remittances (multiple and average a year), warns when countries
    entering the count inflate it, says when remittances overtook net ODA and FDI (or that
    they did not), and gives the share of GDP. ``flows`` is :func:`load_remittances` (or the
    explorer's dict of series); ``members`` is :func:`load_remittance_group_members`.

    >>> describe_remittance_growth(load_remittances(), "SAS", (1990, 2023))[:70]
    'From 1990 to 2023, remittances received by South Asia grew 33.3-fold, '
    """
    series_by_code = _as_series(flows)
    series = series_by_code[place]
    members = load_remittance_group_members() if members is None else members
    start, end = years
    who = series.in_sentence
    sentences = []
    growth = growth_between(series, start, end)
    if growth is None:
        sentences.append(f"The data for {who} in {start}-{end} hold too few years with remittances to "
                         "measure growth.")
    else:
        first_note = "" if growth.first_year == start else " (the first year with data in this window)"
        rate = growth.annual_pct
        per_year = f"{rate:.1f}% a year on average" if rate >= 0 else f"a fall of {-rate:.1f}% a year"
        change = (f"grew {_times(growth.multiple)}-fold" if growth.multiple >= 1
                  else f"fell to {growth.multiple:.2f} times their {growth.first_year} level")
        sentences.append(
            f"From {growth.first_year}{first_note} to {growth.last_year}, remittances received by {who} "
            f"{change}, from {_money(growth.first)} to {_money(growth.last)}: {per_year}, in current dollars.")
        late = (late_reporters(series_by_code, members, place, growth.first_year, growth.last_year)
                if series.kind == "group" else None)
        if late and late[0] and late[1] >= 1:
            sentences.append(
                f"{late[0]} of the group's {series.members} countries had no data in {growth.first_year}; "
                f"they received {late[1]:.0f}% of the {growth.last_year} total, so that part of the growth is "
                "countries entering the count, not more money.")
    aid = compare_flows(series, "oda", start, end)
    if aid.status == "missing":
        sentences.append("Net ODA by country is not in the course's data." if series.kind == "country"
                         else "Net ODA for this group is not in the course's data.")
    elif aid.status in ("overtook", "above"):
        since = (f"have exceeded net ODA every year since {aid.year}" if aid.status == "overtook"
                 else f"exceeded net ODA in every year from {aid.first_year}")
        until = f"{aid.last_year}, the last year of ODA data" if aid.last_year < end else f"{aid.last_year}"
        sentences.append(f"Remittances {since} (to {until}; {_times(aid.ratio_last)} times ODA that year).")
    else:
        earlier = (f"; remittances were larger in {', '.join(map(str, aid.ever_above))}"
                   if 0 < len(aid.ever_above) <= 3 else
                   ("; remittances were larger in some earlier years" if aid.ever_above else ""))
        which = ", the last year of ODA data" if aid.last_year < end else ""
        sentences.append(f"Net ODA was larger than remittances in {aid.last_year}{which} "
                         f"({_money(aid.other_last)} against {_money(aid.remittances_last)}){earlier}.")
    fdi = compare_flows(series, "fdi", start, end)
    if fdi.status != "missing":
        if fdi.other_last <= 0:
            sentences.append(f"In {fdi.last_year}, FDI net inflows were {_money(fdi.other_last)}: foreign "
                             "investors took out at least as much as they put in.")
        elif fdi.status == "overtook":
            sentences.append(f"Remittances have been larger than FDI net inflows every year since {fdi.year} "
                             f"({_times(fdi.ratio_last)} times in {fdi.last_year}).")
        elif fdi.status == "above":
            sentences.append(f"Remittances were larger than FDI net inflows in every year from {fdi.first_year} "
                             f"to {fdi.last_year} ({_times(fdi.ratio_last)} times in {fdi.last_year}).")
        else:
            sentences.append(f"In {fdi.last_year}, FDI net inflows ({_money(fdi.other_last)}) were "
                             f"{_times(1 / fdi.ratio_last)} times remittances.")
    share_years, share = _known(series, "remittances", start, end, "gdp")
    if len(share_years) >= 2:
        sentences.append(f"Remittances were {share[0]:.1f}% of GDP in {share_years[0]} and {share[-1]:.1f}% "
                         f"in {share_years[-1]}.")
    elif len(share_years) == 1:
        sentences.append(f"Remittances were {share[0]:.1f}% of GDP in {share_years[0]}.")
    return " ".join(sentences)


def describe_transfer(transfer: Transfer) -> str:
    """The calculator's reading: the cost, what arrives, and the gain at the SDG target."""
    t = transfer
    text = (f"Sending {_dollars(t.amount)} with a fee of {_dollars(t.fee)} and an exchange-rate margin of "
            f"{t.margin_pct:g}% costs {_dollars(t.cost)}, {t.cost_pct:.2f}% of the amount sent, so "
            f"{_dollars(t.arrives)} arrives (valued at the market exchange rate).")
    if t.gain_at_target > 0:
        each = "a year" if t.per_year == 1 else f"over {t.per_year:g} transfers a year"
        text += (f" At the SDG target of {SDG_TARGET_PCT:g}%, the cost would be {_dollars(t.cost_at_target)} "
                 f"and {_dollars(t.amount - t.cost_at_target)} would arrive: {_dollars(t.gain_at_target)} more "
                 f"for the family each time, {_dollars(t.gain_per_year)} {each}.")
    else:
        text += f" That is already at or below the SDG target of {SDG_TARGET_PCT:g}%."
    return text


# --- charts: remittances beside aid and investment --------------------------------------------

def _growth_figure():
    """The empty figure of the growth chart; its artists are pointed at a place by
    :func:`update_remittance_growth`, so the explorer redraws without building a new figure."""
    fig, ax = plt.subplots(figsize=(8.4, 5.0))
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.2, top=0.82)
    ax.plot([], [], color=COLOURS["vermillion"], lw=2.6, label=LINE_LABELS[0])
    ax.plot([], [], color=COLOURS["blue"], lw=2, ls="--", label=LINE_LABELS[1])
    ax.plot([], [], color=COLOURS["green"], lw=1.6, ls=":", marker=".", ms=4, label=LINE_LABELS[2])
    ax.plot([], [], ls="none", marker="o", ms=6, color=COLOURS["vermillion"], label="_ends")
    ax.plot([], [], ls="none", marker="o", ms=13, mfc="none", mec="black", mew=1.5,
            label="Year remittances passed net ODA")
    ax.annotate("", (0, 0), xytext=(0, 30), textcoords="offset points", ha="center", fontsize=9,
                arrowprops=dict(arrowstyle="-", color="black", lw=0.8), visible=False)
    ax.plot([], [], ls="none", marker="D", ms=7, color=COLOURS["orange"], mec="black", mew=0.6,
            label="_brief")
    ax.text(0.01, 0.98, "", transform=ax.transAxes, ha="left", va="top", fontsize=8.5)
    ax.set_xlabel("Year")
    style(ax)
    finish(fig, "", SOURCE_FLOWS)
    handles = [ax.lines[i] for i in (0, 1, 2, 4)]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.005, 0.935), ncol=4, frameon=False,
               fontsize=9, handlelength=2.2, columnspacing=1.2)
    return fig


def _limits(values: np.ndarray, scale: str) -> tuple[float, float]:
    """Y limits snapped to a few layouts, so most changes reuse the explorer's cached background."""
    values = values[~np.isnan(values)]
    if scale == "log":
        positive = values[values > 0]
        if not positive.size:
            return 0.1, 10
        return 10.0 ** math.floor(math.log10(positive.min())), 10.0 ** math.ceil(math.log10(positive.max()))
    top = nice_ceiling(values.max() * 1.04) if values.size and values.max() > 0 else 1.0
    low = -nice_ceiling(-values.min() * 1.04) if values.size and values.min() < 0 else 0.0
    return low, top


def update_remittance_growth(fig, series: Series, years=(1990, 2023), measure="usd", scale="linear",
                             brief: dict | None = None) -> str:
    """Point a :func:`plot_remittance_growth` figure at another place, window, measure or scale.

    ``brief`` maps years to the ILO brief's figures for developing countries (US$ billion);
    they are drawn as diamonds beside the low- and middle-income total in US dollars.
    Returns a note for the learner ('' when there is nothing to say).
    """
    start, end = years
    ax = fig.axes[0]
    rem_line, oda_line, fdi_line, ends, passed, brief_points = ax.lines[:6]
    arrow, brief_label = ax.texts[:2]
    shown_brief = {year: value for year, value in (brief or {}).items() if start <= year <= end}
    if series.code == "LMY" and measure == "usd" and shown_brief:
        brief_points.set_data(list(shown_brief), list(shown_brief.values()))
        brief_label.set_text("Diamonds: the ILO brief's figures, billion dollars: "
                             + ", ".join(f"{v:g} in {y}" for y, v in shown_brief.items()))
        # Early values are low, so the top left is free on a linear scale and the bottom right on a log one.
        brief_label.set_position((0.01, 0.98) if scale == "linear" else (0.99, 0.03))
        brief_label.set_horizontalalignment("left" if scale == "linear" else "right")
        brief_label.set_verticalalignment("top" if scale == "linear" else "bottom")
    else:
        brief_points.set_data([], [])
        brief_label.set_text("")
    shown, notes, hidden = [], [], []
    for line, flow, name in zip((rem_line, oda_line, fdi_line), ("remittances", "oda", "fdi"),
                                ("remittances", "net ODA", "FDI")):
        x, y = _known(series, flow, start, end, measure)
        if measure == "usd":
            y = y / 1e9
        if scale == "log" and (y <= 0).any():
            hidden.append(name)
            x, y = x[y > 0], y[y > 0]
        line.set_data(x, y)
        shown.append(y)
    if len(brief_points.get_xdata()):
        shown.append(np.asarray(brief_points.get_ydata(), dtype=float))
    if hidden:
        notes.append(f"A logarithmic scale cannot show zero or negative values: some years of "
                     f"{' and '.join(hidden)} are left out; switch to Linear to see them.")
    # The two points the growth figures compare.
    growth = growth_between(series, start, end)
    if growth is not None:
        pick = [int(np.flatnonzero(rem_line.get_xdata() == y)[0]) for y in (growth.first_year, growth.last_year)
                if (rem_line.get_xdata() == y).any()]
        ends.set_data(np.asarray(rem_line.get_xdata())[pick], np.asarray(rem_line.get_ydata())[pick])
    else:
        ends.set_data([], [])
    aid = compare_flows(series, "oda", start, end)
    if aid.status == "overtook" and (rem_line.get_xdata() == aid.year).any():
        y = float(np.asarray(rem_line.get_ydata())[np.flatnonzero(rem_line.get_xdata() == aid.year)[0]])
        passed.set_data([aid.year], [y])
        arrow.xy = (aid.year, y)
        arrow.set_text(f"passed aid in {aid.year}")
        arrow.set_visible(True)
    else:
        passed.set_data([], [])
        arrow.set_visible(False)
    legend = fig.legends[0].texts
    legend[1].set_text(LINE_LABELS[1] + (" (no data)" if aid.status == "missing" else ""))
    legend[3].set_text({"overtook": f"Year remittances passed net ODA ({aid.year})",
                        "above": "Remittances above net ODA throughout",
                        "never": "Remittances below net ODA throughout",
                        "below": "Remittances below net ODA at the end",
                        "missing": "No net ODA to compare"}[aid.status])
    if aid.status == "missing":
        notes.append("Net ODA is not in the course's data for " + ("countries." if series.kind == "country"
                                                                    else "this group."))
    if measure == "gdp" and start < 1990:
        notes.append("Shares of GDP start in 1990, the first year of GDP in the course's data.")
    ax.set_yscale(scale)
    ax.set_ylim(*_limits(np.concatenate(shown) if shown else np.array([]), scale))
    if scale == "log":
        ax.yaxis.set_major_locator(LogLocator(base=10))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,g}"))
    else:
        ax.yaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{round(v, 6):,g}"))
    ax.set_ylabel("US$ billion (current prices)" if measure == "usd" else "Share of GDP (%)")
    data_years = series.years[~np.all([np.isnan(series.usd[f]) for f in ("remittances", "oda", "fdi")], axis=0)]
    first = int(data_years.min()) if data_years.size else start
    last = int(data_years.max()) if data_years.size else end
    ax.set_xlim(max(first, 5 * math.floor(start / 5)) - 0.5, min(last, 5 * math.ceil(end / 5)) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(8, integer=True, steps=[1, 2, 5, 10]))
    fig.suptitle(f"Remittances, aid and investment: {_short(series.name)}, {start}-{end}", fontsize=12,
                 fontweight="bold", x=0.01, ha="left")
    return " ".join(notes)


def plot_remittance_growth(flows: pd.DataFrame, place: str = "LMY", years=(1990, 2023), measure: str = "usd",
                           scale: str = "linear"):
    """Remittances beside net ODA and FDI for one place (a group code or an ISO3 code).

    ``measure`` is ``"usd"`` (US$ billion) or ``"gdp"`` (% of GDP); ``scale`` is ``"linear"``
    or ``"log"``. The chart marks the first and last years the growth figures compare and,
    when it happens in the window, the year remittances passed net ODA for good.

    >>> fig = plot_remittance_growth(load_remittances(), "LMY", (1990, 2023))
    >>> fig.get_suptitle()
    'Remittances, aid and investment: Low- and middle-income countries, 1990-2023'
    """
    fig = _growth_figure()
    fig.set_dpi(STATIC_DPI)
    update_remittance_growth(fig, remittance_series(flows, place), years, measure, scale, brief_figures())
    return fig


# --- the brief's figures beside today's ---------------------------------------------------------

BRIEF_FIGURES = {1990: "brief_remittances_1990", 2005: "brief_remittances_2005", 2006: "brief_remittances_2006"}


def brief_figures(figures: pd.DataFrame | None = None) -> dict[int, float]:
    """The brief's recorded remittances to developing countries, US$ billion by year."""
    figures = load_headline_figures() if figures is None else figures
    by_id = figures.set_index("figure_id")["value"]
    return {year: float(by_id[figure_id]) for year, figure_id in BRIEF_FIGURES.items()}


def brief_beside_today(flows: pd.DataFrame, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The brief's remittance figures (1990, 2005, 2006) beside the same years in today's data.

    Columns (US$ billion): the brief's figure; the course's WDI series (sum over reporting
    low- and middle-income countries); World Bank-KNOMAD's June 2023 series, which adds
    estimates for countries that do not report; and the difference between the brief and WDI.
    """
    figures = load_headline_figures() if figures is None else figures
    by_id = figures.set_index("figure_id")["value"]
    lmic = remittance_series(flows, "LMY")
    knomad = flows.query("place_code == 'LMY'").set_index("year")["remittances_knomad_usd"]
    rows = []
    for year, figure_id in BRIEF_FIGURES.items():
        wdi = float(lmic.usd["remittances"][lmic.years == year][0]) / 1e9
        k = knomad.get(year)
        rows.append({"year": year, "ILO brief (2008)": float(by_id[figure_id]),
                     "WDI today (course data)": round(wdi, 1),
                     "KNOMAD, June 2023": round(float(k) / 1e9, 1) if pd.notna(k) else np.nan,
                     "brief minus WDI": round(float(by_id[figure_id]) - wdi, 1)})
    return pd.DataFrame(rows).set_index("year")


def plot_brief_beside_today(flows: pd.DataFrame, figures: pd.DataFrame | None = None,
                            estimates: pd.DataFrame | None = None):
    """Two panels: the brief's years (1990-2007) and the latest briefs (2015-2024).

    Left: the brief's figures against today's WDI series and the KNOMAD series. Right: the
    World Bank's estimate for each year as first published in successive Migration and
    Development Briefs, against its revised series of December 2024 and today's WDI series.
    """
    figures = load_headline_figures() if figures is None else figures
    estimates = load_remittance_estimates() if estimates is None else estimates
    by_id = figures.set_index("figure_id")["value"]
    lmic = flows.query("place_code == 'LMY'").set_index("year")
    wdi = lmic["remittances_usd"].astype(float) / 1e9
    knomad = lmic["remittances_knomad_usd"].astype(float) / 1e9
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 5.0), width_ratios=(1.15, 1), dpi=STATIC_DPI)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.3, top=0.84, wspace=0.22)
    for ax, (first, last) in ((left, (1990, 2007)), (right, (2015, 2024))):
        window = wdi.loc[first:min(last, 2023)]
        ax.plot(window.index, window, color=COLOURS["vermillion"], lw=2.4, marker=".",
                label="WDI today (sum of reporting LMICs)")
        k = knomad.loc[first:last].dropna()
        ax.plot(k.index, k, color=COLOURS["blue"], lw=1.8, ls="--", label="World Bank-KNOMAD, June 2023")
        style(ax)
        ax.set_xlabel("Year")
        ax.set_xlim(first - 0.7, last + 0.7)
        ax.xaxis.set_major_locator(FixedLocator(range(first, last + 1, 5 if first == 1990 else 3)))
    brief_years = list(BRIEF_FIGURES)
    brief_values = [float(by_id[BRIEF_FIGURES[y]]) for y in brief_years]
    left.plot(brief_years, brief_values, ls="none", marker="D", ms=8, color=COLOURS["orange"],
              mec="black", mew=0.6, label="ILO brief: recorded flows")
    informal = float(by_id["brief_remittances_with_informal_2006"])
    left.plot([2006], [informal], ls="none", marker="D", ms=8, mfc="white", mec=COLOURS["orange"], mew=1.8,
              label="ILO brief: with informal flows (about)")
    for year, value in zip(brief_years, brief_values):
        left.annotate(f"{value:.0f}", (year, value), textcoords="offset points",
                      xytext=(10, 0) if year == 1990 else (-12, 6), ha="left" if year == 1990 else "right",
                      va="center" if year == 1990 else "baseline", fontsize=9, color="black")
    left.annotate(f"{wdi[1990]:.1f}", (1990, wdi[1990]), textcoords="offset points", xytext=(8, -12),
                  fontsize=9, color=COLOURS["vermillion"])
    left.annotate(f"about {informal:.0f}", (2006, informal), textcoords="offset points", xytext=(-10, 0),
                  ha="right", va="center", fontsize=9)
    left.set_ylim(0, 350)
    left.set_ylabel("US$ billion (current prices)")
    left.set_title("The brief's years", loc="left", fontsize=11)
    revised = estimates[estimates["estimate"] == "revised"].sort_values("year")
    latest = estimates[(estimates["publication"] == "World Bank blog") & (estimates["year"] == 2024)]
    right.plot(list(revised["year"]) + list(latest["year"]), list(revised["value_usd_billion"])
               + list(latest["value_usd_billion"]), color="black", lw=1.6, marker="s", ms=5,
               label="World Bank, revised series of Dec 2024")
    first_told = estimates[(estimates["estimate"] != "revised") & (estimates["publication"] != "World Bank blog")
                           & (estimates["year"] >= 2015)]
    right.plot(first_told["year"], first_told["value_usd_billion"], ls="none", marker="^", ms=8,
               color=COLOURS["purple"], mec="black", mew=0.5, label="Migration and Development Briefs, year by year")
    right.set_ylim(400, 750)
    right.set_ylabel("US$ billion (current prices)")
    right.set_title("The latest briefs", loc="left", fontsize=11)
    handles = left.get_lines() + right.get_lines()[2:]
    labels = [h.get_label() for h in handles]
    fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.005, 0.065), ncol=3, frameon=False,
               fontsize=8.5, columnspacing=1.0)
    finish(fig, "Remittances to low- and middle-income countries: the brief's figures and today's",
           "Sources: ILO (2008) quoting the World Bank; World Bank WDI (May 2023, Dec 2024); World Bank-KNOMAD "
           "(June 2023);\nWorld Bank, Migration and Development Briefs 33-40 and blog of Dec 2024. Recorded "
           "flows, current US$ (the brief's 'about 300' adds informal flows).")
    return fig


# --- who receives the most -------------------------------------------------------------------

def top_recipients(flows: pd.DataFrame, year: int = 2023, by: str = "usd", n: int = 10,
                   min_gdp_usd: float = 0.0) -> pd.DataFrame:
    """The low- and middle-income countries that received the most remittances in ``year``.

    ``by`` is ``"usd"`` (US$ billion) or ``"gdp"`` (% of GDP). ``min_gdp_usd`` leaves out
    very small economies, whose shares swing with a few transfers.
    """
    lmic = set(load_countries().query("income_group in ['Low income', 'Lower middle income', "
                                      "'Upper middle income']")["country_code"])
    rows = flows[(flows["kind"] == "country") & (flows["year"] == year) & flows["place_code"].isin(lmic)].copy()
    rows = rows[rows["gdp_usd"].astype(float).fillna(0) >= min_gdp_usd]
    rows["remittances_usd_billion"] = (rows["remittances_usd"].astype(float) / 1e9).round(1)
    rows["remittances_pct_gdp"] = rows["remittances_pct_gdp"].round(1)
    column = "remittances_usd_billion" if by == "usd" else "remittances_pct_gdp"
    top = rows.dropna(subset=[column]).nlargest(n, column)
    return top.set_index("place_name")[["remittances_usd_billion", "remittances_pct_gdp"]].rename_axis("country")


def plot_top_recipients(flows: pd.DataFrame, year: int = 2023, n: int = 10, min_gdp_usd: float = 1e9):
    """Two bar charts: the largest recipients in US$, and where remittances weigh most in GDP."""
    by_usd = top_recipients(flows, year, "usd", n).iloc[::-1]
    by_gdp = top_recipients(flows, year, "gdp", n, min_gdp_usd).iloc[::-1]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 4.8), dpi=STATIC_DPI)
    fig.subplots_adjust(left=0.14, right=0.97, bottom=0.22, top=0.84, wspace=0.6)
    for ax, table, column, colour, unit, fmt in (
            (left, by_usd, "remittances_usd_billion", COLOURS["vermillion"], "US$ billion (current prices)", "{:.1f}"),
            (right, by_gdp, "remittances_pct_gdp", COLOURS["blue"], "Share of GDP (%)", "{:.1f}%")):
        bars = ax.barh(table.index, table[column], color=colour)
        ax.bar_label(bars, [fmt.format(v) for v in table[column]], padding=3, fontsize=8.5)
        ax.set_xlabel(unit)
        ax.set_xlim(0, nice_ceiling(table[column].max() * 1.15))
        ax.tick_params(axis="y", labelsize=9)
        style(ax, grid="x")
    left.set_title("Largest amounts", loc="left", fontsize=11)
    right.set_title("Largest shares of GDP", loc="left", fontsize=11)
    finish(fig, f"Where remittances matter most: low- and middle-income countries, {year}",
           "Source: World Bank, World Development Indicators (release of Dec 2024). Personal remittances received, "
           f"current US$;\nincome groups of 2023. Shares: economies with a GDP over US${min_gdp_usd / 1e9:g} "
           "billion.")
    return fig


# --- the cost of sending money -------------------------------------------------------------

def plot_remittance_costs(averages: pd.DataFrame | None = None):
    """The published average cost of sending US$200, world and two regions, with the SDG target."""
    averages = load_remittance_cost_averages() if averages is None else averages
    fig, ax = plt.subplots(figsize=(8.4, 4.8), dpi=STATIC_DPI)
    fig.subplots_adjust(left=0.09, right=0.97, bottom=0.2, top=0.8)
    styles = {("World", "simple"): (COLOURS["grey"], "o", "-", "World: global average"),
              ("World", "weighted"): (COLOURS["grey"], "o", ":", "World: weighted by flows"),
              ("Sub-Saharan Africa", "simple"): (COLOURS["vermillion"], "s", "-", "Into Sub-Saharan Africa"),
              ("South Asia", "simple"): (COLOURS["blue"], "^", "-", "Into South Asia")}
    for (region, average), (colour, marker, ls, label) in styles.items():
        rows = averages[(averages["region"] == region) & (averages["average"] == average)].sort_values("time")
        ax.plot(rows["time"], rows["cost_pct"], color=colour, marker=marker, ls=ls, lw=1.8, ms=6, label=label,
                mfc="white" if average == "weighted" else colour)
    ax.axhline(SDG_CORRIDOR_MAX_PCT, color=COLOURS["orange"], lw=1.2, ls="--")
    ax.axhline(SDG_TARGET_PCT, color=COLOURS["green"], lw=1.6, ls="--")
    ax.text(2011.05, SDG_CORRIDOR_MAX_PCT + 0.2, "SDG 10.c: no corridor above 5%", fontsize=8.5,
            color="black")
    ax.text(2011.05, SDG_TARGET_PCT + 0.2, "SDG 10.c target: below 3% by 2030", fontsize=8.5, color="black")
    ax.set_xlim(2010.5, 2024.5)
    ax.set_ylim(0, 14)
    ax.set_xlabel("Year (survey quarter)")
    ax.set_ylabel("Cost of sending US$200 (% of the amount)")
    style(ax)
    fig.legend(loc="upper left", bbox_to_anchor=(0.005, 0.935), ncol=4, frameon=False, fontsize=8.5)
    finish(fig, "The average cost of sending US$200 home, 2011-2023", SOURCE_COST_AVERAGES)
    return fig


# --- explorers ---------------------------------------------------------------------------

class PlaceField(CountryField):
    """A country, or a group listed first, typed in a box that suggests names as you type."""

    def __init__(self, name, label, names, first=(), aliases=None, what="country or group",
                 example="Nepal, or a group such as South Asia"):
        self.first, self.what, self.example = list(first), what, example
        super().__init__(name, label, names, role=f"a {what}")
        for code, others in (aliases or {}).items():
            for other in others:
                self._by_key.setdefault(other.casefold(), code)

    def make_widget(self):
        options = [self.names[c] for c in self.first] + sorted(
            v for c, v in self.names.items() if c not in self.first)
        return widgets.Combobox(options=options, description=self.label, placeholder=f"type a {self.what}",
                                ensure_option=False, continuous_update=False,
                                layout=widgets.Layout(width="24em"))

    def parse(self, raw):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raise ExplorerInputError(f"Choose a {self.what} first.")
        if not isinstance(raw, str):
            raise ExplorerInputError(f"Type a name such as {self.example}, not {type(raw).__name__} {raw!r}.")
        code = self._by_key.get(raw.strip().casefold())
        if code is None:
            raise ExplorerInputError(f"'{raw.strip()[:40]}' is not a {self.what} in the data. "
                                     f"Try {self.example}.")
        return code


@register
class RemittanceExplorer(Explorer):
    """Remittances beside net ODA and FDI, for a group or a country, over a window of years.

    Use :func:`remittance_explorer` to make one; ``show()`` can also be called directly:
    ``explorer.show("South Asia", "usd", "linear", (1990, 2023))``.
    """

    name = "remittances"
    function = "remittance_explorer"
    saved_views = (
        SavedView("Low- and middle-income countries, 1990-2023",
                  dict(place="LMY", measure="usd", scale="linear", years=(1990, 2023)),
                  "The big picture the brief describes: remittances passed aid in 1996 and have grown more "
                  "steadily than FDI, which rises and falls far more sharply."),
        SavedView("The brief's years, 1990-2005",
                  dict(place="LMY", measure="usd", scale="linear", years=(1990, 2005)),
                  "Test the brief's claim of a rise from 57 to 189 billion dollars with today's data, and see "
                  "how many countries did not yet report in 1990."),
        SavedView("Since 1970, logarithmic scale",
                  dict(place="LMY", measure="usd", scale="log", years=(1970, 2023)),
                  "On a logarithmic scale equal steps are equal growth rates; the steep early rise is partly "
                  "countries starting to report, not only more money."),
        SavedView("Without China, 2000-2023",
                  dict(place="LMY_EX_CHN", measure="usd", scale="linear", years=(2000, 2023)),
                  "From 2014 to 2021 remittances stayed 'second only to FDI' only because of China: without it, "
                  "they have been larger than FDI every year since 2014."),
        SavedView("Low-income countries, share of GDP",
                  dict(place="LIC", measure="gdp", scale="linear", years=(1990, 2023)),
                  "The poorest countries still receive far more aid than remittances: the brief's 'more than "
                  "double ODA' is an average that middle-income countries drive."),
        SavedView("South Asia, 1990-2023",
                  dict(place="SAS", measure="usd", scale="linear", years=(1990, 2023)),
                  "A region where remittances dwarf both aid and foreign investment."),
        SavedView("Nepal, share of GDP",
                  dict(place="NPL", measure="gdp", scale="linear", years=(1993, 2023)),
                  "A country where remittances became about a quarter of GDP: private money on a national "
                  "scale, which makes the economy depend on jobs abroad."),
        SavedView("Philippines, share of GDP",
                  dict(place="PHL", measure="gdp", scale="linear", years=(1990, 2023)),
                  "A large country of origin where remittances were about a tenth of GDP in "
                  "every year from 2001 to 2023 (8.9% to 12.8%), and larger than FDI in every year since 1990."),
    )

    @classmethod
    def without_data(cls):
        # Nepal's remittances start in 1993 in the data: a window before that holds none.
        return load_remittances(), {"place": "Nepal", "measure": "usd", "scale": "linear", "years": (1970, 1985)}

    def prepare(self):
        self.series = _all_series(self.data)
        self.members = load_remittance_group_members()
        self.brief = brief_figures()
        years = self.data["year"].astype(int)
        self.first, self.last = int(years.min()), int(years.max())

    def make_fields(self):
        names = {code: s.name for code, s in self.series.items()}
        groups = [code for code in GROUPS if code in names]
        return [PlaceField("place", "Where", names, first=groups, aliases=GROUP_ALIASES),
                ChoiceField("measure", "Measure", MEASURES),
                ChoiceField("scale", "Scale", SCALES),
                YearRangeField("years", "Years", self.first, self.last)]

    def defaults(self):
        return {"measure": "usd", "scale": "linear", "years": (1990, self.last)}

    def validate(self, selection):
        start, end = selection.years
        series = self.series[selection.place]
        years, _ = _known(series, "remittances", start, end)
        if not len(years):
            known = series.years[~np.isnan(series.usd["remittances"])]
            span = (f"; its data run from {int(known.min())} to {int(known.max())}" if known.size else "")
            raise ExplorerInputError(f"There are no remittance data for {series.in_sentence} in {start}-{end}{span}.")
        if selection.measure == "gdp" and not len(_known(series, "remittances", start, end, "gdp")[0]):
            raise ExplorerInputError("Shares of GDP need GDP, which the course's data have from 1990 on: "
                                     "choose later years, or show US$.")

    def make_figure(self):
        return _growth_figure()

    def dynamic_artists(self):
        ax = self.figure.axes[0]
        return list(ax.lines[:6]) + list(ax.texts[:2]) + [self.figure._suptitle]

    def background_key(self):
        # The legend sits above the axes, clear of the lines, and changes only with the place
        # (a series with no data says so): part of the cached background.
        return tuple(text.get_text() for text in self.figure.legends[0].texts) + tuple(
            handle.get_visible() for handle in self.figure.legends[0].legend_handles)

    def draw(self, selection):
        return update_remittance_growth(self.figure, self.series[selection.place], selection.years,
                                        selection.measure, selection.scale, self.brief)

    def describe(self, selection):
        return describe_remittance_growth(self.series, selection.place, selection.years, self.members)


def remittance_explorer(flows: pd.DataFrame | None = None, place="LMY", measure="usd", scale="linear",
                        years=None) -> RemittanceExplorer:
    """The remittance growth explorer: remittances beside aid and FDI, for a group or a country.

    >>> explorer = remittance_explorer(place="South Asia")
    >>> explorer.picker.label
    'South Asia, 1990-2023'
    """
    data = load_remittances() if flows is None else flows
    initial = {"place": place, "measure": measure, "scale": scale}
    if years is not None:
        initial["years"] = years
    return RemittanceExplorer(data, **initial)


COST_PLACES = {"WLD": "World", "SSA": "Sub-Saharan Africa", "SAS": "South Asia"}


@register
class RemittanceCostCalculator(Explorer):
    """What a transfer costs and what the SDG target would save, beside the cost over time.

    Use :func:`remittance_cost_calculator` to make one; ``show()`` can also be called directly:
    ``calculator.show(amount=200, fee=8, margin=3)``.
    """

    name = "remittance_costs"
    function = "remittance_cost_calculator"
    saved_views = (
        SavedView("200 dollars at the world average cost (6.18%)",
                  dict(amount=200, fee=12.36, margin=0, per_year=12, place="World"),
                  "The World Bank's global average for the third quarter of 2023, entered here as a fee "
                  "(the average does not say how it splits between fee and margin): twice the SDG target."),
        SavedView("200 dollars into Sub-Saharan Africa (7.39%)",
                  dict(amount=200, fee=14.78, margin=0, per_year=12, place="Sub-Saharan Africa"),
                  "Sending money into Sub-Saharan Africa costs more than the world average, though incomes "
                  "there are among the lowest: the gap to the 3% target is wider still."),
        SavedView("The same 12.36-dollar fee on 100 dollars",
                  dict(amount=100, fee=12.36, margin=0, per_year=12, place="World"),
                  "If a fee is fixed, the cost in per cent doubles when the amount halves: small transfers "
                  "pay the most for each dollar sent."),
        SavedView("200 dollars to Nepal at its 2020 average (4.54%)",
                  dict(amount=200, fee=9.08, margin=0, per_year=12, place="Nepal"),
                  "Cheaper than the world average, still above the 3% target: even South Asia's low costs "
                  "leave money on the table."),
        SavedView("200 dollars to the Philippines at its 2020 average (4.57%)",
                  dict(amount=200, fee=9.14, margin=0, per_year=12, place="Philippines"),
                  "Sending money to the Philippines got cheaper, from a peak of 7.04% in 2013 to 4.57% in 2020, "
                  "but not down to 3%. It averages the surveyed corridors into the country, so it cannot show "
                  "one route, such as the one from Saudi Arabia."),
    )

    @classmethod
    def without_data(cls):
        # Senegal has costs in every year of the real table: blank them to get a place without data.
        data = _cost_data()
        costs = data["costs"].copy()
        costs.loc[costs["country_code"] == "SEN", "cost_to_country_pct"] = np.nan
        return dict(data, costs=costs), {"place": "Senegal"}

    def prepare(self):
        costs, averages = self.data["costs"], self.data["averages"]
        self.places = {}
        simple = averages[averages["average"] == "simple"].sort_values("time")
        for code, region in COST_PLACES.items():
            rows = simple[simple["region"] == region]
            self.places[code] = (region, rows["time"].to_numpy(float), rows["cost_pct"].to_numpy(float),
                                 list(rows["quarter"]))
        # Every country of the table is a place, even one with costs only for sending from it, so
        # that a learner who types it is told that the survey has no data, not that it is unknown.
        for code, rows in costs.sort_values("year").groupby("country_code"):
            name = rows["country_name"].iloc[0]
            rows = rows.dropna(subset=["cost_to_country_pct"])
            self.places[code] = (name, rows["year"].to_numpy(float) + 0.5,
                                 rows["cost_to_country_pct"].to_numpy(float), [str(y) for y in rows["year"]])
        self.world = self.places["WLD"]

    def make_fields(self):
        names = {code: place[0] for code, place in self.places.items()}
        return [NumberField("amount", "Amount sent", 1, 100_000, unit="US$", what="amount sent"),
                NumberField("fee", "Fee", 0, 10_000, unit="US$", what="fee"),
                NumberField("margin", "FX margin", 0, 50, unit="% (exchange-rate margin)",
                            what="exchange-rate margin", range_unit="%"),
                # An average, so it need not be whole: every five weeks is 10.4 times a year.
                NumberField("per_year", "Times a year", 1, 365, what="number of transfers a year"),
                PlaceField("place", "Sent to", names, first=list(COST_PLACES), what="country or region",
                           example="Nepal, or a region such as South Asia")]

    def defaults(self):
        return dict(self.saved_views[0].values)

    def validate(self, selection):
        name, _, costs, _ = self.places[selection.place]
        if not len(costs):
            raise ExplorerInputError(f"The World Bank's survey has no data on the cost of sending money to "
                                     f"{in_sentence(name)}; try a country that receives remittances, such as "
                                     "Nepal, or a region.")
        if selection.fee >= selection.amount:
            raise ExplorerInputError("The fee must be smaller than the amount sent.")
        if selection.fee + selection.amount * selection.margin / 100 >= selection.amount:
            raise ExplorerInputError("With this fee and margin nothing would arrive: lower one of them.")

    def make_figure(self):
        fig, (bars, history) = plt.subplots(1, 2, figsize=(9.6, 4.7), width_ratios=(1, 1.15))
        fig.subplots_adjust(left=0.14, right=0.97, bottom=0.24, top=0.8, wspace=0.3)
        # Row 1 is the learner's transfer, row 0 the same amount at the SDG target.
        parts = {1: (("Arrives", COLOURS["blue"]), ("Fee", COLOURS["vermillion"]),
                     ("Exchange-rate margin", COLOURS["orange"])),
                 0: (("_arrives", COLOURS["blue"]), ("Cost at the target", COLOURS["grey"]),
                     ("_none", COLOURS["grey"]))}
        for row in (1, 0):
            for label, colour in parts[row]:
                bars.barh(row, 0, left=0, color=colour, height=0.55, label=label)
        bars.set_yticks([1, 0], ["Your transfer", f"At the {SDG_TARGET_PCT:g}%\nSDG target"])
        bars.set_xlabel("US dollars")
        bars.set_ylim(-0.6, 2.05)
        for row in (1, 0):
            bars.text(0, row + 0.32, "", fontsize=8.5, va="bottom")
        bars.set_title("Where the money goes", loc="left", fontsize=11)
        bars.legend(loc="upper left", ncol=2, frameon=False, fontsize=8, bbox_to_anchor=(-0.02, 1.03),
                    handlelength=1.2, columnspacing=0.8)
        style(bars, grid="x")
        history.plot(self.world[1], self.world[2], color=COLOURS["grey"], marker="o", ms=4, lw=1.5,
                     label="World average")
        history.plot([], [], color=COLOURS["vermillion"], marker="s", ms=4, lw=2, label="Sent to")
        history.axhline(SDG_TARGET_PCT, color=COLOURS["green"], lw=1.5, ls="--", label="SDG target: 3%")
        history.axhline(SDG_CORRIDOR_MAX_PCT, color=COLOURS["orange"], lw=1.1, ls=":",
                        label="No corridor above 5%")
        history.plot([], [], color=COLOURS["blue"], lw=1.5, ls="-.", label="Your transfer")
        history.set_xlim(2010.5, 2024.5)
        history.set_xlabel("Year")
        history.set_ylabel("Cost (% of the amount sent)")
        history.set_title("The cost of sending US\\$200 over time", loc="left", fontsize=11)
        # An opaque legend: the learner's own cost line may run behind it.
        history.legend(loc="upper right", fontsize=8, ncol=1, frameon=True, facecolor="white", framealpha=0.9,
                       edgecolor="none")
        style(history)
        finish(fig, "", SOURCE_COSTS)
        return fig

    def dynamic_artists(self):
        bars, history = self.figure.axes
        return list(bars.patches) + list(bars.texts) + [history.lines[1], history.lines[4],
                                                        history.get_legend(), self.figure._suptitle]

    def draw(self, selection):
        t = transfer_cost(selection.amount, selection.fee, selection.margin, selection.per_year)
        bars, history = self.figure.axes
        rows = {1: (t.arrives, t.fee, t.margin_cost), 0: (t.amount - t.cost_at_target, t.cost_at_target, 0.0)}
        for index, row in enumerate((1, 0)):
            left = 0.0
            for part, width in enumerate(rows[row]):
                patch = bars.patches[index * 3 + part]
                patch.set_x(left)
                patch.set_width(width)
                left += width
        bars.texts[0].set_text(_plain(f"{_dollars(t.arrives)} arrives; the cost is {t.cost_pct:.2f}%"))
        gain = (f"{_dollars(t.gain_at_target)} more each time,\n{_dollars(t.gain_per_year)} more over "
                f"{t.per_year:g} transfers a year" if t.gain_at_target > 0 else "no gain: already at or below")
        bars.texts[1].set_text(_plain(f"{_dollars(t.amount - t.cost_at_target)} would arrive: {gain}"))
        bars.set_xlim(0, nice_ceiling(t.amount))
        name, x, y, _ = self.places[selection.place]
        world = selection.place == "WLD"
        line = history.lines[1]
        line.set_data(x, y)
        line.set_visible(not world)
        history.lines[4].set_data([2010.5, 2024.5], [t.cost_pct, t.cost_pct])
        history.get_legend().get_texts()[1].set_text("(no country chosen)" if world else f"Sent to {name}"[:36])
        top = max([15.0, t.cost_pct] + ([float(np.nanmax(y))] if len(y) else []))
        history.set_ylim(0, 15.0 if top <= 15 else nice_ceiling(top * 1.05))
        where = "beside the world average" if world else f"beside the cost of sending money to {in_sentence(name)}"
        self.figure.suptitle(_plain(f"What sending {_dollars(t.amount)} costs, {where}"), fontsize=12,
                             fontweight="bold", x=0.01, ha="left")
        if selection.place in COST_PLACES:
            return ""
        return ("Country averages cover the corridors the World Bank surveyed, which changed over time (more "
                "were added in 2016), so a jump can come from a new corridor.")

    def describe(self, selection):
        t = transfer_cost(selection.amount, selection.fee, selection.margin, selection.per_year)
        name, x, y, labels = self.places[selection.place]
        text = describe_transfer(t)
        if len(y):
            if selection.place == "WLD":
                where = "the world average cost of sending US$200"
            elif selection.place in COST_PLACES:
                where = f"the average cost of sending US$200 into {name}"
            else:
                where = f"sending US$200 to {in_sentence(name)} cost on average"
            verb = "was" if selection.place in COST_PLACES else ""
            text += (f" In {labels[-1]}, {where} {verb} {y[-1]:.2f}% of the amount".replace("  ", " ")
                     + (f" ({labels[0]}: {y[0]:.2f}%)." if len(y) > 1 else "."))
        return text


def _cost_data() -> dict:
    return {"costs": load_remittance_costs(), "averages": load_remittance_cost_averages()}


def remittance_cost_calculator(data: dict | None = None, **initial) -> RemittanceCostCalculator:
    """The remittance cost calculator, beside the cost of sending money over time.

    ``data`` is ``{"costs": load_remittance_costs(), "averages": load_remittance_cost_averages()}``
    (None loads them); keywords set the controls: ``amount``, ``fee``, ``margin`` (per cent),
    ``per_year`` and ``place``.

    >>> calculator = remittance_cost_calculator(amount=200, fee=8, margin=3)
    >>> calculator.view.reading[:80]
    'Sending US$200.00 with a fee of US$8.00 and an exchange-rate margin of 3% costs '
    """
    return RemittanceCostCalculator(_cost_data() if data is None else data, **initial)
