"""Governing migration together: key dates of regional and global cooperation, and their charts.

Section IV of the ILO brief describes three levels of cooperation between States (bilateral,
regional, global) and the bodies that had just been set up when it was written: the Global
Migration Group (2006), the UN High-level Dialogue (2006) and the Global Forum on Migration and
Development (first met in 2007). ``data/governance_milestones.csv`` dates these and what came
after them, one row per event, each with its source: :func:`plot_governance_timeline` draws
the whole story, :func:`plot_gfmd_meetings` the Global Forum's meetings one by one.

Example
-------
>>> milestones = load_governance_milestones()
>>> meetings = gfmd_meetings(milestones)
>>> len(meetings), int(meetings["year"].min()), int(meetings["year"].max())
(14, 2007, 2024)
>>> years_without_gfmd_meeting(milestones)
[2013, 2019, 2022, 2023]
>>> gfmd_hosts_by_region(milestones).to_dict()
{'Europe': 6, 'Asia': 4, 'Africa': 2, 'Americas': 2}
>>> fig = plot_gfmd_meetings(milestones)
>>> fig.axes[0].get_ylabel()
'Meeting number (1st, 2nd, ...)'
"""

from __future__ import annotations

import calendar
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .charts import COLOURS, finish, style
from .data import load, load_countries

__all__ = ["STRANDS", "TIMELINE_ROWS", "describe_gfmd", "gfmd_hosts_by_region", "gfmd_meetings",
           "load_governance_milestones", "plot_gfmd_meetings", "plot_governance_timeline",
           "years_without_gfmd_meeting"]

# Who acts, as the data's `strand` column says, with the colour and name the charts use.
STRANDS = {
    "regional": ("orange", "Regional consultative processes (governments of a region)"),
    "united_nations": ("blue", "United Nations system"),
    "gfmd": ("green", "Global Forum on Migration and Development (led by States)"),
    "ilo": ("vermillion", "ILO (governments, employers and workers)"),
}
# The rows of the timeline, top to bottom: (label, strand, event ids drawn as points). A row
# whose label mentions a span joins its first and last points with a bar.
TIMELINE_ROWS = [
    ("Budapest Process", "regional", ["budapest_process_1993"]),
    ("Puebla Process", "regional", ["puebla_process_1996"]),
    ("Bali Process", "regional", ["bali_process_2002"]),
    ("Geneva, then Global, Migration Group\n(2003-2018; then the UN Network on Migration)", "united_nations",
     ["geneva_migration_group_2003", "gmg_2006", "un_network_2018"]),
    ("ILO resolution on a fair deal for\nmigrant workers, and Plan of Action", "ilo", ["ilc_resolution_2004"]),
    ("ILO Multilateral Framework\non Labour Migration", "ilo", ["multilateral_framework_2006"]),
    ("UN High-level Dialogues", "united_nations", ["hld_2006", "hld_2013"]),
    ("Global Forum on Migration and\nDevelopment (GFMD) meetings", "gfmd", None),  # None: every GFMD row
    ("New York Declaration for\nRefugees and Migrants", "united_nations", ["new_york_declaration_2016"]),
    ("ILO fair recruitment principles (2016)\nand definition of recruitment fees (2019)", "ilo",
     ["fair_recruitment_principles_2016", "recruitment_fees_definition_2019"]),
    ("Global Compact for Safe, Orderly\nand Regular Migration (GCM)", "united_nations", ["gcm_2018"]),
]
SPAN_ROWS = {"geneva_migration_group_2003"}
BRIEF_YEAR = 2008  # the brief is undated; it was written after the first GFMD (July 2007)
SOURCE_TIMELINE = ("Sources: ILO (2008); GFMD; OHCHR; IOM; Bali Process; UN General Assembly resolution 73/195; "
                   "ILO (2019); compiled in data/governance_milestones.csv,\nwhich gives the page each date was "
                   "read in. Dates are placed within their year by month or day where the source gives them.")
SOURCE_GFMD = ("Sources: GFMD meeting pages; ILO (2008) for 2007; UN Special Rapporteur (2013, A/68/283) for 2010; "
               "press reports for 2008, 2020 and 2021.\nRegion: UN region of the host country, or of the chair for "
               "2021 (online) and 2024 (held in Geneva). See data/governance_milestones.csv.")
REGION_COLOURS = {"Europe": "blue", "Asia": "orange", "Africa": "green", "Americas": "vermillion",
                  "Oceania": "purple"}


def load_governance_milestones() -> pd.DataFrame:
    """Key dates of the governance of migration, 1993-2024, with host countries' names and regions.

    >>> load_governance_milestones().set_index("event_id").at["gfmd_2008", "host_name"]
    'Philippines'
    """
    table = load("governance_milestones")
    countries = load_countries()[["country_code", "country_name", "region"]].rename(
        columns={"country_code": "host_country_code", "country_name": "host_name", "region": "host_region"})
    return table.merge(countries, on="host_country_code", how="left")


def _position(start: str) -> float:
    """A date as a fractional year, as precise as it is known: a year alone goes to mid-year.

    >>> _position("2009"), _position("2011-12"), round(_position("2007-07-10"), 3)
    (2009.5, 2011.9583333333333, 2007.522)
    """
    parts = [int(p) for p in start.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    day = date(*parts).timetuple().tm_yday
    return parts[0] + (day - 0.5) / (366 if calendar.isleap(parts[0]) else 365)


def _month_year(start: str) -> str:
    """'Jul 2007' for a date with a month, '2009' for a year alone."""
    parts = start.split("-")
    return f"{calendar.month_abbr[int(parts[1])]} {parts[0]}" if len(parts) > 1 else parts[0]


def _precision(start: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(start.split("-"))]


def gfmd_meetings(milestones: pd.DataFrame) -> pd.DataFrame:
    """The Global Forum's meetings in order: number, dates, place, host or chair and its region.

    ``where`` names the place as a reader needs it: "Brussels, Belgium", "Greece" (city not
    known), "online (chair: United Arab Emirates)", "Geneva (chair: France)".
    """
    meetings = milestones[milestones["strand"] == "gfmd"].sort_values("start").reset_index(drop=True)
    meetings.insert(0, "number", range(1, len(meetings) + 1))
    meetings["position"] = meetings["start"].map(_position)
    meetings["date_known_to"] = meetings["start"].map(_precision)

    def where(row) -> str:
        if row["host_role"] == "chair":
            return f"{row['place']} (chair: {row['host_name']})"
        return f"{row['place']}, {row['host_name']}" if isinstance(row["place"], str) else row["host_name"]

    meetings["where"] = meetings.apply(where, axis=1)
    return meetings[["number", "year", "start", "end", "date_known_to", "position", "where", "place",
                     "host_country_code", "host_name", "host_role", "host_region", "note", "citation_key",
                     "status"]]


def years_without_gfmd_meeting(milestones: pd.DataFrame, first: int | None = None,
                               last: int | None = None) -> list[int]:
    """Calendar years from ``first`` to ``last`` (default: the first and latest meeting) with no meeting."""
    years = set(int(y) for y in gfmd_meetings(milestones)["year"])
    first = min(years) if first is None else first
    last = max(years) if last is None else last
    return [year for year in range(first, last + 1) if year not in years]


def gfmd_hosts_by_region(milestones: pd.DataFrame) -> pd.Series:
    """How many GFMD meetings each UN region hosted (or chaired), most first."""
    counts = gfmd_meetings(milestones)["host_region"].value_counts()
    # Ties in alphabetical order, so the order never depends on the rows' order.
    order = sorted(counts.index, key=lambda region: (-counts[region], region))
    return counts[order].rename_axis("region").rename("meetings")


def describe_gfmd(milestones: pd.DataFrame) -> str:
    """The Global Forum's record in words: how often, where, and the years without a meeting.

    >>> describe_gfmd(load_governance_milestones())[:62]
    'From 2007 to 2024 the Global Forum met 14 times: 6 in Europe, '
    """
    meetings = gfmd_meetings(milestones)
    first, last = int(meetings["year"].min()), int(meetings["year"].max())
    regions = gfmd_hosts_by_region(milestones)
    where = ", ".join(f"{count} in {'the ' if region == 'Americas' else ''}{region}"
                      for region, count in regions.items())
    where = " and ".join(where.rsplit(", ", 1))
    gaps = years_without_gfmd_meeting(milestones)
    annual = [year for year in range(first, last + 1) if year < gaps[0]] if gaps else []
    gap_words = ", ".join(map(str, gaps))
    gap_words = " or ".join(gap_words.rsplit(", ", 1))
    return (f"From {first} to {last} the Global Forum met {len(meetings)} times: {where} "
            f"(by the region of the host, or of the chair for meetings held online or in another country). "
            f"It met every year from {annual[0]} to {annual[-1]}; no meeting took place in {gap_words}.")


def plot_governance_timeline(milestones: pd.DataFrame):
    """One row per body or instrument, 1990-2026: when each began or met, coloured by who acts.

    The dashed line marks the brief (about 2008): what lies to its right came after it.
    """
    events = milestones.set_index("event_id")
    fig, ax = plt.subplots(figsize=(9, 7.2), layout="constrained")
    # Room at the bottom for the legend and the source line, which sit outside the axes.
    fig.get_layout_engine().set(rect=(0, 0.12, 1, 0.88))
    labels = []
    for row, (label, strand, ids) in enumerate(TIMELINE_ROWS):
        colour = COLOURS[STRANDS[strand][0]]
        ids = list(events.index[events["strand"] == "gfmd"]) if ids is None else ids
        starts = [events.at[event_id, "start"] for event_id in ids]
        x = [_position(start) for start in starts]
        if ids[0] in SPAN_ROWS:
            ax.plot([x[0], x[-1]], [row, row], color=colour, lw=5, alpha=0.35, solid_capstyle="butt")
        ax.plot(x, [row] * len(x), ls="none", marker="o", ms=7, color=colour, mec="white", mew=0.8)
        if strand == "gfmd":
            ax.annotate(f"{len(x)} meetings, {starts[0][:4]}-{starts[-1][:4]}", (x[-1], row),
                        textcoords="offset points", xytext=(8, 0), va="center", fontsize=9.5, color=colour)
        else:
            # A year close to the one before it goes below its point, so the two do not overlap.
            below = [i > 0 and xi - x[i - 1] < 3.5 for i, xi in enumerate(x)]
            for xi, start, low in zip(x, starts, below):
                ax.annotate(start[:4], (xi, row), textcoords="offset points", xytext=(0, -8 if low else 7),
                            ha="center", va="top" if low else "baseline", fontsize=9, color=COLOURS["grey"])
        labels.append(label)
    ax.set_yticks(range(len(labels)), labels, fontsize=9.5)
    ax.set_ylim(len(labels) - 0.4, -0.8)
    ax.set_xlim(1991, 2028)
    ax.set_xticks(range(1995, 2030, 5))
    ax.axvline(BRIEF_YEAR, color=COLOURS["grey"], ls="--", lw=1.2)
    ax.annotate("ILO brief (about 2008)", (BRIEF_YEAR, len(labels) - 1), textcoords="offset points",
                xytext=(-5, 0), ha="right", va="center", fontsize=9.5, color=COLOURS["grey"])
    ax.set_xlabel("Year (each point: the date an event began, placed within its year)")
    ax.set_ylabel("Body, meeting or instrument")
    handles = [Line2D([], [], ls="none", marker="o", ms=7, color=COLOURS[c], label=name)
               for c, name in STRANDS.values()]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.055), ncol=2, frameon=False,
               fontsize=9)
    style(ax, grid="x")
    finish(fig, "Governing migration together: key dates, 1993-2024", SOURCE_TIMELINE)
    return fig


def plot_gfmd_meetings(milestones: pd.DataFrame):
    """Each Global Forum meeting by date (across) and number (up), coloured by the host's region.

    A hollow point is a meeting whose month is not known (placed at mid-year); grey bands are
    calendar years without a meeting.
    """
    meetings = gfmd_meetings(milestones)
    first, last = int(meetings["year"].min()), int(meetings["year"].max())
    fig, ax = plt.subplots(figsize=(8.6, 6), layout="constrained")
    fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
    for year in years_without_gfmd_meeting(milestones):
        ax.axvspan(year, year + 1, color=COLOURS["grey"], alpha=0.15, lw=0)
    for _, meeting in meetings.iterrows():
        colour = COLOURS[REGION_COLOURS[meeting["host_region"]]]
        hollow = meeting["date_known_to"] == "year"
        ax.plot(meeting["position"], meeting["number"], ls="none", marker="o", ms=9, mew=2, color=colour,
                mfc="white" if hollow else colour)
        late = meeting["position"] > last - 3
        ax.annotate(f"{meeting['where']} ({_month_year(meeting['start'])})",
                    (meeting["position"], meeting["number"]), textcoords="offset points",
                    xytext=(-9, 0) if late else (9, 0), ha="right" if late else "left", va="center",
                    fontsize=9.5)
    ax.set_xlim(first - 0.5, last + 1.5)
    ax.set_ylim(0, len(meetings) + 1)
    ax.set_xticks(range(first, last + 2, 2))
    ax.set_yticks(range(1, len(meetings) + 1))
    ax.set_xlabel("Date of the meeting (year; labels give year and month)")
    ax.set_ylabel("Meeting number (1st, 2nd, ...)")
    regions = [region for region in REGION_COLOURS if region in set(meetings["host_region"])]
    handles = [Line2D([], [], ls="none", marker="o", ms=8, color=COLOURS[REGION_COLOURS[r]], label=r)
               for r in regions]
    handles += [Line2D([], [], ls="none", marker="o", ms=8, mew=2, mfc="white", color=COLOURS["grey"],
                       label="month not known"),
                Patch(color=COLOURS["grey"], alpha=0.15, label="year without a meeting")]
    ax.legend(handles=handles, loc="upper left", frameon=True, framealpha=0.95, fontsize=9,
              title="Region of host or chair", title_fontsize=9)
    style(ax, grid="both")
    finish(fig, f"Global Forum on Migration and Development: {len(meetings)} meetings, {first}-{last}",
           SOURCE_GFMD)
    return fig
