"""Then and now: each headline figure of the ILO brief beside its latest published counterpart.

The brief was written in 2007-2008 with figures for about 2005. Every one of them has been
overtaken: by growth (more migrants, more money sent home), by revisions (a later edition
re-estimates the same year) or by new definitions (a new list counts something else). The
pairs are kept by hand in ``data/then_and_now.csv``, each figure once, with its source, in
``data/headline_figures.csv``; this module sets them side by side as a table and a chart.

Example
-------
>>> pairs = then_and_now_pairs()
>>> row = pairs.set_index("brief_figure_id").loc["brief_migrants"]
>>> float(row["then_value"]), float(row["now_value"]), int(row["now_year"]), row["change"]
(191.0, 304.0, 2024, 'growth')
>>> table = then_and_now_table()
>>> table.loc[table["topic"] == "Refugees and asylum-seekers", "in the brief"].iloc[0]
'7–8% (2005)'
>>> fig = plot_then_and_now(pairs)
>>> fig.get_suptitle()
"The brief's headline figures, then and now"
"""

from __future__ import annotations

import math
from html import escape

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .charts import COLOURS, finish, nice_ceiling, style
from .data import load_headline_figures, load_then_and_now

__all__ = ["BRIEF_CITATION", "UNITS", "plot_then_and_now", "styled_then_and_now_table", "then_and_now_pairs",
           "then_and_now_table", "written"]

# The brief's own figures carry this citation key in headline_figures.csv.
BRIEF_CITATION = "ilo2008brief"
# Panels of the chart, in order: the unit of headline_figures.csv and the panel's axis label.
UNITS = {
    "million people": "Millions of people",
    "percent": "Per cent",
    "US$ billion": "US$ billion, current prices",
    "countries": "Number of countries",
}
NO_COUNTERPART = "no later comparable figure found"
SOURCE_LINE = ("Sources: ILO International Migration Programme (2008) and the publications it quotes; UN DESA (2024); "
               "ILO (2021, 2024); UNHCR (2024);\nWorld Bank (2023, 2024); WHO (2023); UN Treaty Collection. "
               "Each figure's source is in the course's table data/headline_figures.csv.")


def written(value: float, unit: str, high: float | None = None) -> str:
    """A figure as the lessons write it, with its unit; ``high`` makes a range.

    >>> written(191, "million people"), written(7, "percent", 8), written(207, "US$ billion")
    ('191 million', '7–8%', '$207 billion')
    >>> written(57, "countries"), written(167.7, "million people")
    ('57 countries', '167.7 million')
    """
    number = f"{value:g}" if high is None or (isinstance(high, float) and math.isnan(high)) \
        else f"{value:g}\u2013{high:g}"
    if unit == "percent":
        return f"{number}%"
    if unit == "US$ billion":
        return f"${number} billion"
    if unit == "million people":
        return f"{number} million"
    return f"{number} {unit}"


def then_and_now_pairs(figures: pd.DataFrame | None = None, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per figure of the brief, with its latest counterpart's value, year and source.

    ``figures`` is :func:`~labour_migration.load_headline_figures` and ``pairs``
    :func:`~labour_migration.load_then_and_now` (both loaded when omitted). A range in the
    brief, stored as one row per bound (7 and 8 per cent), becomes one row with ``then_value``
    and ``then_high``. A figure of the brief that no pair names is kept, with empty ``now_*``
    columns and ``change`` "none", so the table shows what could not be matched. ``ratio`` is
    the latest value over the brief's (over the middle of a range), for figures in the same unit.

    Raises ``KeyError`` naming any figure that a pair names but ``headline_figures.csv`` lacks,
    and ``ValueError`` for a figure without a source or a citation key: every number shown
    must be traceable.
    """
    figures = load_headline_figures() if figures is None else figures
    pairs = load_then_and_now() if pairs is None else pairs
    indexed = figures.set_index("figure_id")
    named = set(pairs["brief_figure_id"]) | set(pairs["latest_figure_id"])
    missing = sorted(named - set(indexed.index))
    if missing:
        raise KeyError(f"then_and_now.csv names figures that headline_figures.csv lacks: {', '.join(missing)}")
    shown = named | set(indexed.index[indexed["citation_key"] == BRIEF_CITATION])
    unsourced = [figure_id for figure_id in sorted(shown)
                 if not str(indexed.at[figure_id, "source"]).strip()
                 or not str(indexed.at[figure_id, "citation_key"]).strip()
                 or pd.isna(indexed.at[figure_id, "source"]) or pd.isna(indexed.at[figure_id, "citation_key"])]
    if unsourced:
        raise ValueError(f"figures without a source or citation key: {', '.join(unsourced)}")

    rows = []
    for (topic, latest_id), group in pairs.groupby(["topic", "latest_figure_id"], sort=False):
        brief = indexed.loc[list(group["brief_figure_id"])].sort_values("value")
        latest = indexed.loc[latest_id]
        low, high = float(brief["value"].iloc[0]), float(brief["value"].iloc[-1])
        middle = (low + high) / 2
        same_unit = brief["unit"].iloc[0] == latest["unit"]
        rows.append({
            "lesson": group["lesson"].iloc[0], "topic": topic, "unit": brief["unit"].iloc[0],
            "brief_figure_id": brief.index[0], "then_value": low,
            "then_high": high if high != low else np.nan,
            "then_year": int(brief["reference_year"].iloc[0]), "then_source": brief["source"].iloc[0],
            "then_citation": brief["citation_key"].iloc[0],
            "latest_figure_id": latest_id, "now_value": float(latest["value"]), "now_unit": latest["unit"],
            "now_year": int(latest["reference_year"]), "now_source": latest["source"],
            "now_citation": latest["citation_key"],
            "ratio": round(float(latest["value"]) / middle, 2) if same_unit and middle else np.nan,
            "change": group["change"].iloc[0], "why": group["why"].iloc[0],
        })
    paired = set(pairs["brief_figure_id"])
    for figure_id, figure in indexed[(indexed["citation_key"] == BRIEF_CITATION)
                                     & ~indexed.index.isin(paired)].iterrows():
        rows.append({
            "lesson": "", "topic": _short(figure["description"]), "unit": figure["unit"],
            "brief_figure_id": figure_id, "then_value": float(figure["value"]), "then_high": np.nan,
            "then_year": int(figure["reference_year"]), "then_source": figure["source"],
            "then_citation": figure["citation_key"], "latest_figure_id": "", "now_value": np.nan,
            "now_unit": "", "now_year": pd.NA, "now_source": "", "now_citation": "", "ratio": np.nan,
            "change": "none", "why": "",
        })
    table = pd.DataFrame(rows)
    table["now_year"] = table["now_year"].astype("Int64")
    order = {unit: i for i, unit in enumerate(UNITS)}
    table["_order"] = table["unit"].map(order).fillna(len(order))
    return table.sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)


def then_and_now_table(pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pairs written out to read: each figure with its unit and year, both sources, and why.

    >>> table = then_and_now_table()
    >>> table.loc[table["topic"] == "International migrants", ["in the brief", "latest"]].iloc[0].tolist()
    ['191 million (2005)', '304 million (2024)']
    """
    pairs = then_and_now_pairs() if pairs is None else pairs
    rows = []
    for _, row in pairs.iterrows():
        paired = row["change"] != "none"
        rows.append({
            "topic": row["topic"],
            "in the brief": f"{written(row['then_value'], row['unit'], row['then_high'])} ({row['then_year']})",
            "latest": (f"{written(row['now_value'], row['now_unit'])} ({row['now_year']})" if paired
                       else NO_COUNTERPART),
            "latest source": row["now_source"] if paired else "",
            "change": row["change"] if paired else "",
            "why": row["why"],
        })
    return pd.DataFrame(rows)


def styled_then_and_now_table(table: pd.DataFrame | None = None):
    """The table of :func:`then_and_now_table` laid out to read on a page: text at the top left
    of each cell, each latest figure with its source in small type under it, room for *why*.

    >>> html = styled_then_and_now_table().to_html()
    >>> "World Bank, People Move blog, December 2024</small>" in html
    True
    """
    table = then_and_now_table() if table is None else table
    shown = pd.DataFrame({
        "topic": table["topic"].map(escape),
        "in the brief": table["in the brief"].map(escape),
        "latest, and its source": [escape(latest) + (f"<br><small style=\"opacity:0.8\">{escape(source)}</small>" if source else "")
                                   for latest, source in zip(table["latest"], table["latest source"])],
        "change": table["change"].map(escape),
        "why": table["why"].map(escape),
    })
    return (shown.style.hide(axis="index")
            .set_properties(**{"text-align": "left", "vertical-align": "top", "font-size": "0.85em",
                               "padding": "0.3em 0.5em"})
            .set_properties(subset=["why"], **{"min-width": "18em"})
            .set_properties(subset=["latest, and its source"], **{"min-width": "10em"})
            .set_table_styles([{"selector": "th", "props": "text-align: left; vertical-align: bottom;"}]))


def _label(value, unit, high=np.nan, year=None) -> str:
    number = f"{value:g}" if pd.isna(high) else f"{value:g}\u2013{high:g}"
    if unit == "percent":
        number += "%"
    return f"{number} ({year})" if year is not None else number


def plot_then_and_now(pairs: pd.DataFrame | None = None):
    """A dot chart: each figure of the brief (diamond) beside its latest counterpart (circle).

    One panel per unit (people, shares, dollars, countries), one row per figure, each point
    labelled with its value and year; the right-hand column says what mainly explains the
    difference. A range in the brief is drawn as a bar between its bounds.
    """
    pairs = then_and_now_pairs() if pairs is None else pairs
    units = [unit for unit in UNITS if (pairs["unit"] == unit).any()]
    counts = [int((pairs["unit"] == unit).sum()) for unit in units]
    fig, axes = plt.subplots(len(units), 1, figsize=(8.2, 1.6 + 0.45 * sum(counts) + 0.55 * len(units)),
                             gridspec_kw={"height_ratios": [c + 1.2 for c in counts]}, squeeze=False)
    axes = axes[:, 0]
    fig.subplots_adjust(left=0.34, right=0.83, top=1 - 0.95 / fig.get_figheight(),
                        bottom=0.95 / fig.get_figheight(), hspace=0.95 * 4 / max(sum(counts), 4))
    then_colour, now_colour = COLOURS["vermillion"], COLOURS["blue"]
    for ax, unit in zip(axes, units):
        rows = pairs[pairs["unit"] == unit].reset_index(drop=True)
        top = np.nanmax(np.concatenate([rows["then_value"], rows["then_high"].astype(float),
                                        rows["now_value"].astype(float)]))
        # Shares stop at 100%; other axes leave room for the labels beside the points.
        right = 125 if unit == "percent" else nice_ceiling(top * 1.45)
        for y, row in rows.iterrows():
            then_high = row["then_high"]
            then_mid = row["then_value"] if pd.isna(then_high) else (row["then_value"] + then_high) / 2
            if row["change"] != "none":
                ax.plot([then_mid, row["now_value"]], [y, y], color=COLOURS["grey"], lw=1, alpha=0.6, zorder=1)
                ax.plot(row["now_value"], y, "o", ms=8, color=now_colour, zorder=3)
                left_first = row["now_value"] < then_mid
                ax.annotate(_label(row["now_value"], unit, year=row["now_year"]), (row["now_value"], y),
                            textcoords="offset points", xytext=(-8 if left_first else 8, 0),
                            ha="right" if left_first else "left", va="center", fontsize=9.5, color=now_colour)
            else:
                left_first = False
                ax.annotate(NO_COUNTERPART, (then_mid, y), textcoords="offset points", xytext=(9, 0),
                            ha="left", va="center", fontsize=9.5, style="italic", color=COLOURS["grey"])
            if not pd.isna(then_high):
                ax.plot([row["then_value"], then_high], [y, y], color=then_colour, lw=5,
                        solid_capstyle="butt", zorder=2)
            ax.plot(then_mid, y, "D", ms=7, color=then_colour, zorder=3)
            ax.annotate(_label(row["then_value"], unit, then_high, row["then_year"]), (then_mid, y),
                        textcoords="offset points", xytext=(8 if left_first else -8, 0),
                        ha="left" if left_first else "right", va="center", fontsize=9.5, color=then_colour)
            if row["change"] != "none":
                ax.annotate(row["change"], (1.01, y), xycoords=("axes fraction", "data"), ha="left",
                            va="center", fontsize=9.5, style="italic", color=COLOURS["grey"])
        ax.set_yticks(range(len(rows)), [_wrap(t, 36) for t in rows["topic"]], fontsize=9.5)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_xlim(-right * 0.27, right)
        ax.set_xlabel(UNITS[unit], fontsize=10)
        ax.tick_params(axis="x", labelsize=9)
        ax.tick_params(axis="y", length=0)
        ax.set_xticks([t for t in ax.get_xticks() if 0 <= t <= min(right, 100 if unit == "percent" else right)])
        style(ax, grid="x")
        ax.spines["left"].set_visible(False)
    axes[0].annotate("Why they differ", (1.01, -0.6), xycoords=("axes fraction", "data"), ha="left",
                     va="bottom", fontsize=9.5, fontweight="bold", color=COLOURS["grey"])
    handles = [Line2D([], [], marker="D", ls="none", color=then_colour, label="Then: in the brief, or when it was written"),
               Line2D([], [], marker="o", ls="none", color=now_colour, label="Now: the latest published counterpart")]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.005, 1 - 0.5 / fig.get_figheight()),
               ncol=2, frameon=False, fontsize=9)
    finish(fig, "The brief's headline figures, then and now", SOURCE_LINE)
    return fig


def _short(description: str) -> str:
    """A figure's topic from its description: the words before the first bracket or comma."""
    return description.split(" (")[0].split(", ")[0]


def _wrap(text: str, width: int = 34) -> str:
    """Break a long topic over lines of about ``width`` characters."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])
