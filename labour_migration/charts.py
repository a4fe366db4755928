"""Charts for the lessons: each function takes its data and returns a matplotlib figure.

Every chart carries a title, axis labels with units and a source line, and uses the
Okabe-Ito colours, which stay distinct for readers with colour-vision deficiencies.

Example
-------
>>> from labour_migration import load_migrant_stock, load_headline_figures, plot_migrant_stock
>>> fig = plot_migrant_stock(load_migrant_stock(), load_headline_figures())
>>> fig.axes[0].get_ylabel()
'International migrants (millions)'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import StrMethodFormatter

__all__ = [
    "COLOURS",
    "plot_migrant_stock",
    "plot_migrants_by_region",
    "plot_three_ds",
    "three_ds_by_country",
    "update_three_ds",
    "THREE_DS_PANELS",
]

# Okabe & Ito (2008), "Color Universal Design".
COLOURS = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "grey": "#666666",
}
SOURCE_UNDESA = "Source: UN DESA, International Migrant Stock 2024."

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


def _finish(fig, title: str, source: str) -> None:
    """Title on top, source line at the bottom, with room for both."""
    fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")
    fig.text(0.01, 0.01, source, fontsize=8, color=COLOURS["grey"], ha="left", va="bottom")


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)


def plot_migrant_stock(stock: pd.DataFrame, figures: pd.DataFrame | None = None):
    """Line chart of the world's international migrants, with published headlines marked.

    ``stock`` is :func:`load_migrant_stock`; ``figures`` (optional) is
    :func:`load_headline_figures`, whose brief (2005) and 2020-edition numbers are drawn as
    points so the learner sees how editions revise the past.
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
    _style(ax)
    _finish(fig, "International migrants worldwide, 1990-2024",
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
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", alpha=0.3)
    _finish(fig, f"Where international migrants live, {first} and {last}", SOURCE_UNDESA)
    return fig


def three_ds_by_country(three_ds: pd.DataFrame, codes=None) -> dict:
    """Split the 3Ds table into per-country arrays once, so that redraws need no pandas filtering.

    Returns ``{code: {"name": ..., column: (years, values), ...}}`` for ``codes`` (default: all).
    """
    if codes is not None:
        three_ds = three_ds[three_ds["country_code"].isin(codes)]
    split = {}
    for code, rows in three_ds.sort_values("year").groupby("country_code", sort=False):
        years = rows["year"].to_numpy(dtype=float)
        name = rows["country_name"].iloc[0] if "country_name" in rows else code
        split[code] = {"name": name, **{column: (years, rows[column].to_numpy(dtype=float, na_value=np.nan))
                                        for column, _, _ in THREE_DS_PANELS}}
    return split


def plot_three_ds(three_ds: pd.DataFrame, origin: str, destination: str, years=(1990, 2023)):
    """Four small panels comparing an origin and a destination country on the 3Ds.

    ``three_ds`` is :func:`load_three_ds`; ``origin`` and ``destination`` are ISO3 codes.
    The figure keeps its line objects, so :func:`update_three_ds` can redraw it for another
    pair of countries without building a new figure.

    >>> fig = plot_three_ds(load_three_ds(), "MEX", "USA")
    """
    fig, axes = plt.subplots(2, 2, figsize=(9, 6))
    # Fixed margins, sized for the widest tick labels, instead of a layout engine that
    # would re-measure every text on each redraw of the explorer.
    fig.subplots_adjust(left=0.12, right=0.98, bottom=0.15, top=0.84, hspace=0.5, wspace=0.32)
    for ax, (_, title, ylabel) in zip(axes.flat, THREE_DS_PANELS):
        ax.plot([], [], color=COLOURS["vermillion"], lw=2, marker=".", label="origin")
        ax.plot([], [], color=COLOURS["blue"], lw=2, ls="--", marker=".", label="destination")
        ax.set_title(title, fontsize=10, loc="left")
        ax.set_ylabel(ylabel, fontsize=9)
        ax.set_xlabel("Year", fontsize=9)
        _style(ax)
    axes.flat[0].yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.flat[2].axhline(0, color=COLOURS["grey"], lw=0.8)
    _finish(fig, "", SOURCE_THREE_DS)
    update_three_ds(fig, three_ds, origin, destination, years)
    return fig


def update_three_ds(fig, three_ds, origin: str, destination: str, years=(1990, 2023)):
    """Point the lines of a :func:`plot_three_ds` figure at another pair of countries.

    ``three_ds`` is the table or, for speed in an explorer, :func:`three_ds_by_country` of it.
    """
    if isinstance(three_ds, pd.DataFrame):
        three_ds = three_ds_by_country(three_ds, (origin, destination))
    start, end = years
    names = {}
    for line_index, code in enumerate((origin, destination)):
        country = three_ds.get(code, {})
        names[code] = country.get("name", code)
        role = "origin" if line_index == 0 else "destination"
        for ax, (column, _, _) in zip(fig.axes, THREE_DS_PANELS):
            x, y = country.get(column, (np.array([]), np.array([])))
            keep = (x >= start) & (x <= end) & ~np.isnan(y)
            line = ax.lines[line_index]
            line.set_data(x[keep], y[keep])
            line.set_label(f"{names[code]} ({role})")
    for ax in fig.axes:
        ax.relim()
        ax.autoscale_view()
        ax.set_xlim(start - 0.5, end + 0.5)
    # One legend for all four panels, under the title, where no line can run into it.
    if not fig.legends:
        fig.legend(handles=fig.axes[0].lines[:2], loc="upper left", bbox_to_anchor=(0.005, 0.945),
                   ncol=2, frameon=False, fontsize=9)
    for text, line in zip(fig.legends[0].texts, fig.axes[0].lines):
        text.set_text(line.get_label())
    fig.suptitle(f"The 3Ds: {names[origin]} (origin) and {names[destination]} "
                 f"(destination), {start}-{end}", fontsize=13, fontweight="bold", x=0.01, ha="left")
    return fig
