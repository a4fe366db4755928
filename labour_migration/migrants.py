"""Who migrants are and where they live: the UN DESA migrant stock, its loaders and charts.

Example
-------
>>> from labour_migration import load_migrant_stock, load_headline_figures, plot_migrant_stock
>>> stock = load_migrant_stock()
>>> int(stock.loc[stock["year"] == 2024, "migrants"].iloc[0])
304021813
>>> fig = plot_migrant_stock(stock, load_headline_figures())
>>> fig.axes[0].get_ylabel()
'International migrants (millions)'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .charts import COLOURS, finish, style
from .data import load, load_countries

__all__ = ["SOURCE_UNDESA", "load_migrant_stock", "load_migrant_stock_by_destination",
           "load_migrant_stock_by_region", "plot_migrant_stock", "plot_migrants_by_region"]

SOURCE_UNDESA = "Source: UN DESA, International Migrant Stock 2024."


def load_migrant_stock() -> pd.DataFrame:
    """World international migrant stock by year, 1990-2024 (UN DESA 2024 edition)."""
    return load("migrant_stock_world")


def load_migrant_stock_by_region() -> pd.DataFrame:
    """International migrants by UN region of destination, 1990-2024."""
    return load("migrant_stock_by_region")


def load_migrant_stock_by_destination() -> pd.DataFrame:
    """International migrants living in each country, 1990-2024, with country names."""
    table = load("migrant_stock_by_destination")
    return table.merge(load_countries()[["country_code", "country_name"]], on="country_code", how="left")


def plot_migrant_stock(stock: pd.DataFrame, figures: pd.DataFrame | None = None):
    """Line chart of the world's international migrants, with published headlines marked.

    ``stock`` is :func:`load_migrant_stock`; ``figures`` (optional) is
    :func:`~labour_migration.load_headline_figures`, whose brief (2005) and 2020-edition
    numbers are drawn as points so the learner sees how editions revise the past.
    """
    fig, ax = plt.subplots(figsize=(8, 4.6), layout="constrained")
    fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))
    millions = stock["migrants"] / 1e6
    ax.plot(stock["year"], millions, marker="o", color=COLOURS["blue"], lw=2,
            label="UN DESA 2024 edition (data in this course)")
    for year, value in zip(stock["year"], millions):
        if year in (1990, 2005, 2024):
            ax.annotate(f"{value:.0f}m", (year, value), textcoords="offset points",
                        xytext=(0, 8), ha="center", fontsize=9, color=COLOURS["blue"])
    if figures is not None:
        marks = [("brief_migrants", "ILO brief (2008), quoting the UN 2005 revision", "D", "vermillion"),
                 ("undesa_2020_edition", "UN DESA 2020 edition headline", "s", "orange")]
        published = figures.set_index("figure_id")
        for figure_id, label, marker, colour in marks:
            if figure_id in published.index:
                row = published.loc[figure_id]
                ax.scatter([row["reference_year"]], [row["value"]], marker=marker, s=60, zorder=3,
                           color=COLOURS[colour], label=f"{label}: {row['value']:g}m")
    ax.set_xlabel("Year (mid-year estimate)")
    ax.set_ylabel("International migrants (millions)")
    ax.set_ylim(0, max(millions) * 1.15)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    style(ax)
    finish(fig, "International migrants worldwide, 1990-2024",
           SOURCE_UNDESA + " Published headlines: ILO (2008); UN DESA (2020).")
    return fig


def plot_migrants_by_region(by_region: pd.DataFrame, years=(1990, 2024)):
    """Horizontal bars comparing migrants living in each UN region in two years."""
    first, last = years
    table = by_region.pivot(index="region", columns="year", values="migrants") / 1e6
    table = table.sort_values(last)
    fig, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
    fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))
    positions = range(len(table))
    ax.barh([p + 0.2 for p in positions], table[first], height=0.4, color=COLOURS["sky"], label=str(first))
    ax.barh([p - 0.2 for p in positions], table[last], height=0.4, color=COLOURS["blue"], label=str(last))
    for p, value in zip(positions, table[last]):
        ax.text(value + 0.8, p - 0.2, f"{value:.0f}m", va="center", fontsize=9)
    ax.set_yticks(list(positions), table.index)
    ax.set_xlabel("International migrants living in the region (millions)")
    ax.set_ylabel("UN region of destination")
    ax.legend(frameon=False, loc="lower right")
    style(ax, grid="x")
    finish(fig, f"Where international migrants live, {first} and {last}", SOURCE_UNDESA)
    return fig
