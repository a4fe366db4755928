"""Migration corridors: how many people from one country live in another, and who they are.

A **corridor** is a route that many migrants take between two countries. The course keeps
UN DESA's bilateral migrant stock (2024 edition) for the six corridors of the 3Ds explorer's
saved views (``data/corridor_migrant_stock.csv``); the final assessment's case study follows
one of them, from the Philippines to Saudi Arabia. This module loads them, sets each corridor
beside the origin's emigrants and the destination's migrants, and draws and reads one corridor.

Read the counts with their caveat: a destination that does not record where people were born
counts foreign citizens instead (Saudi Arabia does), so a migrant who took its citizenship is
not counted, while a child born there to foreign parents is.

Example
-------
>>> corridors = load_corridors()
>>> phl_sau = corridor_series(corridors, "PHL", "SAU")
>>> int(phl_sau.at[2024, "migrants"]), round(float(phl_sau.at[2024, "women_pct"]), 1)
(755432, 62.2)
>>> describe_corridor(corridors, "PHL", "SAU")[:80]
'In 2024, 755,432 citizens of the Philippines lived in Saudi Arabia, 2.5 times as'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .charts import COLOURS, finish, nice_ceiling, style
from .data import load, load_countries

__all__ = ["corridor_series", "corridor_then_and_now", "describe_corridor", "load_corridors", "plot_corridor",
           "styled_corridor_then_and_now"]

SOURCE_CORRIDOR = "Source: UN DESA, International Migrant Stock 2024 (bilateral estimates by sex, at mid-year)."
# Country names that read better inside a sentence with an article.
WITH_THE = {"PHL", "USA", "GBR", "NLD", "ARE", "DOM", "CAF", "COD", "COG", "GMB", "BHS", "CZE", "SYR",
            "RUS", "KOR", "PRK", "LAO", "MDA", "IRN", "TZA", "VEN", "BOL", "FSM", "MHL", "SLB", "COM",
            "MDV", "SYC", "VAT", "PSE"}


def _named(code: str, name: str, start: bool = False) -> str:
    """'the Philippines', 'Saudi Arabia': a country's name as it reads inside a sentence."""
    if code in WITH_THE and not name.lower().startswith("the "):
        return ("The " if start else "the ") + name
    return name


def load_corridors() -> pd.DataFrame:
    """The course's corridors by year, with names and three shares (per cent).

    ``women_pct`` (women among the corridor's migrants), ``share_of_emigrants_pct`` (the
    corridor's migrants among all the origin's emigrants) and ``share_of_migrants_pct`` (among
    all the migrants the destination counts), besides the columns of
    ``data/corridor_migrant_stock.csv``.

    >>> load_corridors().query("origin_code == 'NPL' and year == 2024")["share_of_migrants_pct"].round(1).item()
    11.4
    """
    corridors = load("corridor_migrant_stock")
    names = load_countries().set_index("country_code")["country_name"]
    corridors["origin_name"] = corridors["origin_code"].map(names)
    corridors["destination_name"] = corridors["destination_code"].map(names)
    emigrants = load("emigration_by_origin").rename(columns={"country_code": "origin_code"})
    migrants = load("migrant_stock_by_destination").rename(
        columns={"country_code": "destination_code", "migrants": "destination_migrants"})
    corridors = corridors.merge(emigrants[["origin_code", "year", "emigrants"]], on=["origin_code", "year"],
                                how="left")
    corridors = corridors.merge(migrants[["destination_code", "year", "destination_migrants"]],
                                on=["destination_code", "year"], how="left")
    as_float = lambda column: corridors[column].astype(float)  # noqa: E731
    corridors["women_pct"] = 100 * as_float("female_migrants") / as_float("migrants")
    corridors["share_of_emigrants_pct"] = 100 * as_float("migrants") / as_float("emigrants")
    corridors["share_of_migrants_pct"] = 100 * as_float("migrants") / as_float("destination_migrants")
    return corridors


def corridor_series(corridors: pd.DataFrame, origin: str, destination: str) -> pd.DataFrame:
    """One corridor's rows, indexed by year; ``origin`` and ``destination`` are ISO3 codes.

    >>> corridor_series(load_corridors(), "PHL", "SAU").index.tolist()[:3]
    [1990, 1995, 2000]
    """
    rows = corridors[(corridors["origin_code"] == origin) & (corridors["destination_code"] == destination)]
    if rows.empty:
        known = ", ".join(f"{o}-{d}" for o, d in
                          corridors[["origin_code", "destination_code"]].drop_duplicates().itertuples(index=False))
        raise KeyError(f"no corridor {origin}-{destination} in the course's data (known: {known})")
    return rows.set_index(rows["year"].astype(int)).sort_index()


def _largest(rank: int) -> str:
    """1 -> 'largest', 2 -> '2nd-largest', 3 -> '3rd-largest', 11 -> '11th-largest'."""
    if rank == 1:
        return "largest"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}-largest"


def _of(name: str) -> str:
    """The possessive: "the Philippines'", "Nepal's"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _who(series: pd.DataFrame) -> str:
    first = series.iloc[0]
    origin = _named(first["origin_code"], first["origin_name"])
    people = "citizens of" if first["counted_as"] == "foreign citizens" else "people born in"
    return f"{people} {origin}"


def describe_corridor(corridors: pd.DataFrame, origin: str, destination: str, year: int = 2024) -> str:
    """A plain-language reading of one corridor in ``year``: its size, growth, women and ranks."""
    series = corridor_series(corridors, origin, destination)
    if year not in series.index:
        raise KeyError(f"the corridor has no estimate for {year}; its years: {series.index.tolist()}")
    row, first = series.loc[year], series.iloc[0]
    first_year = int(series.index[0])
    origin_name = _named(origin, row["origin_name"])
    dest_name = _named(destination, row["destination_name"])
    all_migrants = load("migrant_stock_by_destination").query("country_code == @destination and year == @year")
    women_all = (100 * float(all_migrants["female_migrants"].iloc[0]) / float(all_migrants["migrants"].iloc[0])
                 if len(all_migrants) else np.nan)
    growth = float(row["migrants"]) / float(first["migrants"])
    times = f"{growth:,.0f}" if growth >= 100 else f"{growth:.1f}"
    women = f"{row['women_pct']:.0f}% were women"
    if not np.isnan(women_all):
        women += f", against {women_all:.0f}% of all the migrants {dest_name} counted"
    text = (f"In {year}, {int(row['migrants']):,} {_who(series)} lived in {dest_name}, {times} times as many "
            f"as in {first_year} ({int(first['migrants']):,}); {women}. "
            f"{_named(destination, row['destination_name'], start=True)} was the "
            f"{_largest(int(row['destination_rank']))} destination of {_of(origin_name)} emigrants, with "
            f"{row['share_of_emigrants_pct']:.1f}% of them, and {origin_name} the "
            f"{_largest(int(row['origin_rank']))} origin of {_of(dest_name)} migrants "
            f"({row['share_of_migrants_pct']:.1f}% of them).")
    if row["counted_as"] == "foreign citizens":
        text += (f" {_named(destination, row['destination_name'], start=True)} counts foreign citizens, "
                 "not the foreign-born: those who took its citizenship are not in the count.")
    return text


def plot_corridor(corridors: pd.DataFrame, origin: str, destination: str):
    """Bars: the corridor's migrants in each year of the data, women and men stacked.

    >>> fig = plot_corridor(load_corridors(), "PHL", "SAU")
    >>> fig.axes[0].get_ylabel()
    'People (thousands)'
    """
    series = corridor_series(corridors, origin, destination)
    years = series.index.to_numpy()
    women = series["female_migrants"].astype(float).to_numpy() / 1e3
    men = (series["migrants"] - series["female_migrants"]).astype(float).to_numpy() / 1e3
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    fig.subplots_adjust(left=0.1, right=0.97, top=0.83, bottom=0.22)
    ax.bar(years, women, width=3.2, color=COLOURS["vermillion"], label="Women")
    ax.bar(years, men, width=3.2, bottom=women, color=COLOURS["blue"], label="Men")
    top = women + men
    for year, total, share in zip(years, top, series["women_pct"]):
        ax.annotate(f"{total:,.0f}k\n{share:.0f}% women", (year, total), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, nice_ceiling(top.max() * 1.25))
    ax.set_xticks(years)
    ax.set_xlabel("Year (mid-year estimate)")
    ax.set_ylabel("People (thousands)")
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    style(ax)
    first = series.iloc[0]
    title = f"{_who(series)[:1].upper()}{_who(series)[1:]} living in {_named(destination, first['destination_name'])}"
    note = (f"\n{_named(destination, first['destination_name'], start=True)} counts foreign citizens, "
            "not the foreign-born." if first["counted_as"] == "foreign citizens" else "")
    finish(fig, f"{title}, {years[0]}-{years[-1]}", SOURCE_CORRIDOR + note)
    return fig


def corridor_then_and_now(origin: str, destination: str, then: int = 2005) -> pd.DataFrame:
    """A corridor's key figures in the brief's year and in the latest year of the course's data.

    One row per measure: the corridor itself, the origin's emigrants and emigration rate, the
    remittances the origin received (US$ billion and share of GDP) and income per person in
    both countries. Each pair comes from one series of one source, so the change between them
    is growth, not a revision.

    >>> table = corridor_then_and_now("PHL", "SAU")
    >>> table.loc[0, "measure"], float(table.loc[0, "then_value"]), float(table.loc[0, "latest_value"])
    ('Citizens of the Philippines living in Saudi Arabia', 455823.0, 755432.0)
    """
    corridors = load_corridors()
    series = corridor_series(corridors, origin, destination)
    names = load_countries().set_index("country_code")["country_name"]
    o_name, d_name = _named(origin, names[origin]), _named(destination, names[destination])
    emigration = load("emigration_by_origin").query("country_code == @origin").set_index("year")
    flows = load("remittance_flows_by_country").query("country_code == @origin").set_index("year")
    three_ds = load("three_ds").set_index(["country_code", "year"])
    people = "Citizens" if series["counted_as"].iloc[0] == "foreign citizens" else "People born"
    rows = [
        (f"{people} of {o_name} living in {d_name}", "persons", series["migrants"], "UN DESA 2024 edition"),
        (f"Emigrants from {o_name}, all destinations", "persons", emigration["emigrants"], "UN DESA 2024 edition"),
        (f"Emigration rate of {o_name}", "% of its people", emigration["emigration_rate_pct"],
         "UN DESA 2024 edition, WPP 2024"),
        (f"Remittances received by {o_name}", "US$ billion (current)",
         flows["remittances_usd"].astype(float) / 1e9, "World Bank WDI"),
        (f"Remittances received by {o_name}", "% of GDP",
         100 * flows["remittances_usd"].astype(float) / flows["gdp_usd"].astype(float), "World Bank WDI"),
        (f"Income per person, {o_name}", "PPP, constant 2021 international $",
         three_ds.loc[origin, "gdp_per_capita_ppp"], "World Bank WDI"),
        (f"Income per person, {d_name}", "PPP, constant 2021 international $",
         three_ds.loc[destination, "gdp_per_capita_ppp"], "World Bank WDI"),
    ]
    table = []
    for measure, unit, values, source in rows:
        values = values.astype(float).dropna()
        latest = int(values.index.max())
        table.append({"measure": measure[:1].upper() + measure[1:], "unit": unit, "then_year": then,
                      "then_value": float(values[then]), "latest_year": latest,
                      "latest_value": float(values[latest]), "source": source})
    table = pd.DataFrame(table)
    table["ratio"] = table["latest_value"] / table["then_value"]
    return table


def styled_corridor_then_and_now(origin: str, destination: str, then: int = 2005):
    """:func:`corridor_then_and_now` as a table to read: each value with the precision its unit needs.

    >>> styled = styled_corridor_then_and_now("PHL", "SAU")
    >>> "755,432" in styled.to_html() and "8.9" in styled.to_html()
    True
    """
    table = corridor_then_and_now(origin, destination, then)
    shown = table[["measure", "unit", "then_value", "latest_value", "latest_year", "ratio"]].rename(columns={
        "measure": "Measure", "unit": "Unit", "then_value": f"In {then}", "latest_value": "Latest",
        "latest_year": "Year of latest", "ratio": f"Latest / {then}"})
    whole = table.index[table["unit"].isin(["persons"]) | table["unit"].str.startswith("PPP")]
    decimal = table.index.difference(whole)
    values = [f"In {then}", "Latest"]
    return (shown.style.hide(axis="index")
            .format("{:,.0f}", subset=pd.IndexSlice[whole, values])
            .format("{:,.1f}", subset=pd.IndexSlice[decimal, values])
            .format("{:.2f}", subset=[f"Latest / {then}"]))
