"""Where migrants come from: emigrants by country of origin, and emigration beside income.

A common expectation is that growth at home reduces emigration. Research finds a different
pattern across countries: emigration tends to rise as a poor country's income grows towards
middle income, and to fall only after that (the "migration hump", or mobility transition;
Clemens 2014, de Haas 2010). :func:`plot_emigration_and_income` lets a learner look at the
paths of a few origin countries.

Example
-------
>>> from labour_migration import load_emigration, load_three_ds
>>> paths = emigration_and_income(load_emigration(), load_three_ds(), ["NPL"])
>>> last = paths.iloc[-1]
>>> int(last["year"]), int(last["income_year"]), float(last["emigration_rate_pct"])
(2024, 2023, 8.16)
>>> fig = plot_emigration_and_income(load_emigration(), load_three_ds(), ["NPL", "IND"])
>>> fig.axes[0].get_ylabel()
'Emigration rate (% of its people, at home and abroad)'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FixedLocator, NullLocator, StrMethodFormatter

from .charts import COLOURS, finish, style
from .data import load, load_countries

__all__ = ["HUMP_ORIGINS", "emigration_and_income", "largest_diasporas", "load_emigration",
           "plot_emigration_and_income", "plot_largest_diasporas"]

# Origin countries whose paths the lesson shows: five whose income rose from a low level,
# and Mexico, where emigration stopped rising at a higher income.
HUMP_ORIGINS = ("NPL", "IND", "PHL", "VNM", "MAR", "MEX")
SOURCE_EMIGRATION = ("Sources: UN DESA, International Migrant Stock 2024 and World Population Prospects 2024; "
                     "World Bank, World Development Indicators.\n"
                     "The 2024 points use income and population of 2023, the latest year in the data.")


def load_emigration() -> pd.DataFrame:
    """Emigrants and the emigration rate by country of origin, 1990-2024, with country names.

    >>> int(load_emigration().query("country_code == 'IND' and year == 2024")["emigrants"].iloc[0])
    18533845
    """
    table = load("emigration_by_origin")
    return table.merge(load_countries()[["country_code", "country_name"]], on="country_code", how="left")


def emigration_and_income(emigration: pd.DataFrame, three_ds: pd.DataFrame, origins=HUMP_ORIGINS) -> pd.DataFrame:
    """Each origin's emigration rate beside its income per person, year by year.

    The migrant stock is counted in 1990, 1995, ..., 2020 and 2024, income up to 2023, so a
    year after the last year of income takes that last year's income (``income_year`` says
    which). Rows without income are left out.
    """
    rates = emigration[emigration["country_code"].isin(origins)]
    income = three_ds.dropna(subset=["gdp_per_capita_ppp"])[["country_code", "year", "gdp_per_capita_ppp"]]
    last = int(income["year"].max())
    rates = rates.assign(income_year=rates["year"].clip(upper=last))
    paths = rates.merge(income.rename(columns={"year": "income_year"}), on=["country_code", "income_year"])
    # Keep the caller's order of origins, so colours and legends follow it.
    paths["order"] = paths["country_code"].map({code: i for i, code in enumerate(origins)})
    paths = paths.sort_values(["order", "year"])
    return paths[["country_code", "country_name", "year", "income_year", "gdp_per_capita_ppp",
                  "emigrants", "emigration_rate_pct"]].reset_index(drop=True)


def plot_emigration_and_income(emigration: pd.DataFrame, three_ds: pd.DataFrame, origins=HUMP_ORIGINS):
    """One path per origin country: income per person (across) against the emigration rate (up).

    Income is on a logarithmic axis, so equal distances are equal growth rates. Each path
    starts at a hollow circle (1990) and ends at the country's name (2024).
    """
    paths = emigration_and_income(emigration, three_ds, origins)
    colours = [COLOURS[c] for c in ("vermillion", "blue", "green", "purple", "orange", "grey", "sky")]
    fig, ax = plt.subplots(figsize=(8, 5), layout="constrained")
    fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
    for colour, (code, path) in zip(colours, paths.groupby("country_code", sort=False)):
        x, y = path["gdp_per_capita_ppp"], path["emigration_rate_pct"]
        ax.plot(x, y, marker="o", ms=4, lw=2, color=colour)
        ax.plot(x.iloc[0], y.iloc[0], marker="o", ms=9, mfc="white", mec=colour, mew=2, ls="none")
        ax.annotate(f"{path['country_name'].iloc[0]} ({path['year'].iloc[-1]})",
                    (x.iloc[-1], y.iloc[-1]), textcoords="offset points", xytext=(6, 0),
                    va="center", fontsize=9, color=colour)
    ax.set_xscale("log")
    ticks = [1000, 2000, 5000, 10000, 20000, 50000, 100000]
    low, high = paths["gdp_per_capita_ppp"].min(), paths["gdp_per_capita_ppp"].max()
    ax.xaxis.set_major_locator(FixedLocator([t for t in ticks if low / 1.5 <= t <= high * 1.5]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_xlim(low / 1.15, high * 1.6)
    ax.set_ylim(0, paths["emigration_rate_pct"].max() * 1.15)
    ax.set_xlabel("GDP per capita, PPP (constant 2021 international $, logarithmic scale)")
    ax.set_ylabel("Emigration rate (% of its people, at home and abroad)")
    style(ax, grid="both")
    first, last = int(paths["year"].min()), int(paths["year"].max())
    finish(fig, f"Income per person and emigration, {first}-{last} (hollow circle: {first})", SOURCE_EMIGRATION)
    return fig


def largest_diasporas(emigration: pd.DataFrame, n: int = 10, year: int = 2024, since: int = 1990) -> pd.DataFrame:
    """The ``n`` origin countries with the most emigrants in ``year``, with their number in ``since``.

    A diaspora is counted here as UN DESA counts emigrants: people born in (or citizens of)
    the country who live in another one. Their children born abroad are not in the count.

    >>> largest_diasporas(load_emigration(), n=3)["country_name"].tolist()
    ['India', 'China', 'Mexico']
    """
    wide = emigration.pivot_table(index=["country_code", "country_name"], columns="year", values="emigrants")
    top = wide.nlargest(n, year)[[since, year]].reset_index()
    top.columns = ["country_code", "country_name", f"emigrants_{since}", f"emigrants_{year}"]
    top["growth_multiple"] = (top[f"emigrants_{year}"] / top[f"emigrants_{since}"]).round(2)
    return top


def plot_largest_diasporas(emigration: pd.DataFrame, n: int = 10, year: int = 2024, since: int = 1990):
    """Horizontal bars: the ``n`` largest diasporas in ``year``, with a marker at their size in ``since``."""
    top = largest_diasporas(emigration, n, year, since).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 5.2), layout="constrained")
    fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
    rows = range(len(top))
    ax.barh(rows, top[f"emigrants_{year}"] / 1e6, color=COLOURS["blue"], height=0.6, label=str(year))
    ax.plot(top[f"emigrants_{since}"] / 1e6, rows, "D", color=COLOURS["orange"], mec="black", mew=0.6,
            ms=7, ls="none", label=str(since))
    for row, value, before in zip(rows, top[f"emigrants_{year}"] / 1e6, top[f"emigrants_{since}"] / 1e6):
        # Written past the bar or the marker, whichever reaches further, so neither hides it.
        ax.annotate(f"{value:.1f}", (max(value, before), row), textcoords="offset points",
                    xytext=(7 if before > value * 0.97 else 4, 0), va="center", fontsize=9)
    ax.set_yticks(list(rows), top["country_name"])
    ax.set_xlim(0, top[f"emigrants_{year}"].max() / 1e6 * 1.12)
    ax.set_xlabel("Emigrants living in another country (millions)")
    ax.set_ylabel("Country of origin")
    ax.legend(loc="lower right", frameon=False, title="Year")
    style(ax, grid="x")
    finish(fig, f"The {n} largest diasporas in {year}, and their size in {since}",
           "Source: UN DESA, International Migrant Stock 2024 (emigrants by country of origin). "
           "People born in the country\n(or its citizens) living abroad; their children born abroad are not counted.")
    return fig
