"""The international instruments that protect migrant workers: timeline, ratifications, explorer.

The brief names three treaties as the legal framework for migrant workers: the ILO's
Migration for Employment Convention, 1949 (C97) and Migrant Workers (Supplementary
Provisions) Convention, 1975 (C143), and the 1990 UN Convention on the rights of all
migrant workers and their families (ICRMW); and one non-binding text, the ILO's
Multilateral Framework of 2006. Two ILO instruments came after it: the Domestic Workers
Convention, 2011 (C189) and the Protocol of 2014 to the Forced Labour Convention (P029).

Three tables hold what the course could source (``data/instruments.csv``,
``instrument_ratifications.csv`` and ``instrument_totals.csv``). The UN Convention's list of
parties is complete (59 after 26 September 2023, with every date); the ILO lists are not:
the course shows the dated ratifications it has beside the published totals, and says how
far each list reaches, instead of filling the gaps.

Example
-------
>>> data = load_instrument_data()
>>> counts = ratification_counts(data.ratifications, "ICRMW", "Africa")
>>> int(counts.loc[2023])
28
>>> describe_country_ratifications(data, "PHL").split(";")[0]
'Philippines: a party to the UN Convention since 1995'
"""

from __future__ import annotations

import calendar
import datetime
import math
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .charts import COLOURS, finish, nice_ceiling, style
from .data import load
from .explorer import ChoiceField, CountryField, Explorer, ExplorerInputError, SavedView, register

__all__ = ["INSTRUMENTS", "REGIONS", "InstrumentData", "InstrumentsExplorer", "country_record",
           "describe_country_ratifications", "describe_ratifications", "decimal_year", "icrmw_party_shares",
           "instruments_explorer", "list_coverage", "load_instrument_data", "load_instruments",
           "load_ratification_totals", "load_ratifications", "plot_icrmw_by_region",
           "plot_icrmw_party_shares", "plot_instrument_timeline", "ratification_counts"]

# The instruments a learner can pick, with the names the charts and readings use.
INSTRUMENTS = {
    "ICRMW": "UN Convention on migrant workers (1990)",
    "C97": "C97 Migration for Employment (1949)",
    "C143": "C143 Migrant Workers (1975)",
    "C189": "C189 Domestic Workers (2011)",
    "P029": "P029 Forced Labour Protocol (2014)",
}
FULL = {"ICRMW": "The UN Convention on migrant workers",
        "C97": "The Migration for Employment Convention (C97)",
        "C143": "The Migrant Workers (Supplementary Provisions) Convention (C143)",
        "C189": "The Domestic Workers Convention (C189)",
        "P029": "The Forced Labour Protocol (P029)"}
CHART_NAMES = {"ICRMW": "UN Convention (1990)", "C97": "C97 (1949)", "C143": "C143 (1975)",
               "C189": "C189 (2011)", "P029": "P029 (2014)"}
REGIONS = ("World", "Africa", "Americas", "Asia", "Europe", "Oceania")
REGION_COLOURS = {"Africa": COLOURS["orange"], "Americas": COLOURS["sky"], "Asia": COLOURS["green"],
                  "Europe": COLOURS["blue"], "Oceania": COLOURS["purple"]}
# The timeline's rows, top to bottom; the non-binding texts share the last row.
TIMELINE_ROWS = ("ILO_CONSTITUTION", "C97", "C143", "ICRMW", "C189", "P029", "non-binding")
ROW_LABELS = {"ILO_CONSTITUTION": "ILO Constitution", "C97": "C97 Migration for\nEmployment",
              "C143": "C143 Migrant Workers\n(Suppl. Provisions)", "ICRMW": "UN Convention\n(ICRMW)",
              "C189": "C189 Domestic\nWorkers", "P029": "P029 Forced\nLabour Protocol",
              "non-binding": "Non-binding\ntexts"}
# Label, offset (points), alignment: the 2004 and 2006 texts are close, so their labels part.
NON_BINDING_LABELS = {"ILC_2004": ("ILC resolution", (-7, 0), "right", "center"),
                      "MF_2006": ("Multilateral Framework", (-2, -7), "left", "top"),
                      "GCM_2018": ("Global Compact", (0, 6), "center", "bottom")}
BRIEF_YEAR = 2008    # the brief is undated; it was written after the GFMD of July 2007
TODAY = 2026.9       # the course's "today": late 2026
SOURCE_INSTRUMENTS = ("Sources: ILO NORMLEX; UN Treaty Collection; Swiss treaty collection (C189). "
                      "Partial lists stop short of today: see About the data.")


class InstrumentData(NamedTuple):
    """The three instrument tables, as the explorer and the charts take them."""

    instruments: pd.DataFrame
    ratifications: pd.DataFrame
    totals: pd.DataFrame


def decimal_year(date: str) -> float:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD as a year with a fraction.

    A year alone sits mid-year and a month mid-month, so a step chart puts them fairly.

    >>> decimal_year("2003-07-01"), decimal_year("2013"), decimal_year("2020-11")
    (2003.4959, 2013.5, 2020.875)
    """
    parts = [int(p) for p in str(date).split("-")]
    year = parts[0]
    if len(parts) == 1:
        return year + 0.5
    if len(parts) == 2:
        return year + (parts[1] - 0.5) / 12
    days = 366 if calendar.isleap(year) else 365
    day_of_year = datetime.date(year, parts[1], parts[2]).timetuple().tm_yday
    return round(year + (day_of_year - 1) / days, 4)


def load_instruments() -> pd.DataFrame:
    """The instruments on the timeline: adoption, entry into force, binding or not, sources."""
    table = load("instruments")
    table["adopted_when"] = table["adopted"].map(decimal_year)
    table["in_force_when"] = table["in_force"].map(lambda d: decimal_year(d) if isinstance(d, str) else np.nan)
    return table


def load_ratifications() -> pd.DataFrame:
    """Who has ratified which instrument, and when (``when`` is a decimal year; empty if undated)."""
    table = load("instrument_ratifications")
    table["when"] = table["date"].map(lambda d: decimal_year(d) if isinstance(d, str) else np.nan)
    return table


def load_ratification_totals() -> pd.DataFrame:
    """Published counts of ratifications (or parties) of each instrument, with their dates."""
    table = load("instrument_totals")
    table["when"] = table["as_of"].map(decimal_year)
    return table


def load_instrument_data() -> InstrumentData:
    """The three instrument tables together."""
    return InstrumentData(load_instruments(), load_ratifications(), load_ratification_totals())


def _parties(ratifications: pd.DataFrame, instrument: str, region: str = "World") -> pd.DataFrame:
    rows = ratifications[(ratifications["instrument_id"] == instrument) & (ratifications["status"] == "party")]
    return rows if region == "World" else rows[rows["region"] == region]


def ratification_counts(ratifications: pd.DataFrame, instrument: str, region: str = "World") -> pd.Series:
    """Dated ratifications of one instrument, cumulated to the end of each year.

    Only dated rows count, so for an incomplete list the series is a lower bound. The series
    runs from the first ratification's year to the last one's.
    """
    years = _parties(ratifications, instrument, region)["year"].dropna().astype(int)
    if years.empty:
        return pd.Series(dtype=int, name="parties")
    index = range(years.min(), years.max() + 1)
    return years.value_counts().reindex(index, fill_value=0).cumsum().rename("parties")


def _latest_total(totals: pd.DataFrame, instrument: str) -> pd.Series | None:
    rows = totals[(totals["instrument_id"] == instrument) & (totals["counted"] != "signatories")]
    # The latest count confirmed in a primary source or a faithful copy wins over a later report.
    rows = rows.sort_values("when")
    primary = rows[rows["source_status"].isin(["verified_primary", "computed", "local_file"])]
    if not primary.empty and primary["when"].iloc[-1] >= rows["when"].max() - 1:
        return primary.iloc[-1]
    return rows.iloc[-1] if not rows.empty else None


def list_coverage(data: InstrumentData, instrument: str) -> dict:
    """How far the course's list of ratifications for one instrument reaches.

    ``listed`` states, ``dated`` of them with a date, the latest published ``total`` and its
    date, the date the list describes (``list_as_of``) and whether the list is ``complete`` at
    that date (it holds as many dated states as the count published for that date).

    >>> coverage = list_coverage(load_instrument_data(), "C97")
    >>> coverage["dated"], coverage["total"], coverage["complete"]
    (31, 54, False)
    """
    parties = _parties(data.ratifications, instrument)
    info = data.instruments.set_index("instrument_id").loc[instrument]
    latest = _latest_total(data.totals, instrument)
    list_as_of = info["list_as_of"]
    at_list_date = data.totals[(data.totals["instrument_id"] == instrument)
                               & (data.totals["as_of"] == list_as_of) & (data.totals["counted"] != "signatories")]
    dated = int(parties["year"].notna().sum())
    return {"listed": len(parties), "dated": dated,
            "total": int(latest["count"]) if latest is not None else None,
            "total_as_of": latest["as_of"] if latest is not None else None,
            "total_status": latest["source_status"] if latest is not None else None,
            "list_as_of": list_as_of, "list_when": decimal_year(list_as_of),
            "complete": bool(len(at_list_date)) and dated == int(at_list_date["count"].max()),
            "note": info["list_note"]}


def _month(date: str) -> str:
    """'2023-09-26' -> 'September 2023'; '2013' -> '2013'."""
    parts = str(date).split("-")
    return f"{calendar.month_name[int(parts[1])]} {parts[0]}" if len(parts) > 1 else parts[0]


def _coverages(data: InstrumentData, coverages: dict | None) -> dict:
    return coverages if coverages is not None else {i: list_coverage(data, i) for i in INSTRUMENTS}


def country_record(data: InstrumentData, code: str, coverages: dict | None = None) -> dict:
    """What one State has done about each instrument, as far as the course's lists show.

    Each instrument maps to ``(status, year, note)``: ``party`` or ``signatory`` (the year may
    be None when the date was not sourced), ``not a party`` where the list is complete, and
    ``not listed`` where the list is partial and the State is not in it.
    """
    coverages = _coverages(data, coverages)
    rows = data.ratifications[data.ratifications["country_code"] == code].set_index("instrument_id")
    record = {}
    for instrument in INSTRUMENTS:
        if instrument in rows.index and rows.at[instrument, "status"] in ("party", "signatory"):
            year = rows.at[instrument, "year"]
            note = rows.at[instrument, "note"]
            record[instrument] = (rows.at[instrument, "status"], None if pd.isna(year) else int(year),
                                  note if isinstance(note, str) else "")
        elif instrument == "ICRMW" or coverages[instrument]["complete"]:
            record[instrument] = ("not a party", None, "")
        else:
            record[instrument] = ("not listed", None, "")
    return record


def _in(region: str) -> str:
    """'worldwide', 'in the Americas', 'in Africa'."""
    return "worldwide" if region == "World" else f"in the {region}" if region == "Americas" else f"in {region}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_country_ratifications(data: InstrumentData, code: str, name: str | None = None,
                     coverages: dict | None = None) -> str:
    """The plain-language reading of one State's record across the five instruments."""
    coverages = _coverages(data, coverages)
    record = country_record(data, code, coverages)
    if name is None:
        named = data.ratifications.loc[data.ratifications["country_code"] == code, "country_name"]
        name = named.iloc[0] if len(named) else code
    sentences = []
    status, year, _ = record["ICRMW"]
    if status == "party":
        sentences.append(f"a party to the UN Convention since {year}")
    elif status == "signatory":
        sentences.append(f"signed the UN Convention{f' in {year}' if year else ''} but has not ratified it")
    else:
        as_of = _month(coverages["ICRMW"]["list_as_of"])
        sentences.append(f"not a party to the UN Convention ({as_of})")
    ratified = []
    for instrument in ("C97", "C143", "C189", "P029"):
        status, year, note = record[instrument]
        if status == "party":
            when = str(year) if year else "date not sourced"
            if note.startswith("Date as printed"):
                when += ", as printed in a source that is inconsistent"
            ratified.append(f"{instrument} ({when})")
    if ratified:
        sentences.append("ratified " + _and(ratified))
    complete_not = [i for i in ("C97", "C143", "C189", "P029") if record[i][0] == "not a party"]
    for instrument in complete_not:
        sentences.append(f"had not ratified {instrument} by {_month(coverages[instrument]['list_as_of'])}")
    text = f"{name}: " + "; ".join(sentences) + "."
    partial = [i for i in ("C97", "C143", "C189", "P029") if record[i][0] == "not listed"]
    if partial:
        text += (f" Not among the sourced ratifications of {_and(partial)}, whose "
                 f"{'list is' if len(partial) == 1 else 'lists are'} incomplete.")
    if code in ("COG", "COD"):
        text += " A 2023 ratification of C97 by 'Congo' is listed, but the sources differ on which Congo."
    return text


def describe_ratifications(data: InstrumentData, instrument: str, region: str = "World",
                           coverage: dict | None = None) -> str:
    """The plain-language reading of one instrument's ratifications, worldwide or in a region."""
    info = data.instruments.set_index("instrument_id").loc[instrument]
    coverage = coverage or list_coverage(data, instrument)
    adopted, in_force = int(info["adopted_when"]), int(info["in_force_when"])
    counted = "parties" if instrument == "ICRMW" else "ratifications"
    text = [f"{FULL[instrument]} was adopted in {adopted} and entered into force in {in_force}."]
    if coverage["total"] is not None:
        reported = ", in a page that reports it" if coverage["total_status"] == "verified_secondary" else ""
        text.append(f"The latest count the course could source is {coverage['total']} {counted} "
                    f"({_month(coverage['total_as_of'])}{reported}).")
    if coverage["complete"] and coverage["dated"] == coverage["total"]:
        text.append("The course's list holds every one of them, with its date.")
    elif coverage["complete"]:
        text.append(f"The course's list is complete up to {_month(coverage['list_as_of'])} "
                    f"({coverage['dated']} states, each with its date); later ones could not be sourced.")
    else:
        text.append(f"The course has dates for only {coverage['dated']} of them, so the line undercounts.")
    parties = _parties(data.ratifications, instrument, region).dropna(subset=["when"]).sort_values("when")
    if region == "World":
        by_region = _parties(data.ratifications, instrument).dropna(subset=["when"])["region"].value_counts()
        text.append("Dated in the list, by region: " + ", ".join(
            f"{r} {by_region.get(r, 0)}" for r in REGIONS[1:]) + ".")
    elif not parties.empty:
        first, last = parties.iloc[0], parties.iloc[-1]
        where = _in(region)[0].upper() + _in(region)[1:]
        states = "1 state" if len(parties) == 1 else f"{len(parties)} states"
        if coverage["complete"]:
            sentence = f"{where}, {states} had ratified by {_month(coverage['list_as_of'])}"
        else:
            sentence = f"{where}, {states} {'has' if len(parties) == 1 else 'have'} a dated ratification in the list"
        if len(parties) == 1:
            sentence += f": {first['country_name']}, in {int(first['year'])}."
        else:
            sentence += (f", the first {first['country_name']} in {int(first['year'])} and the latest "
                         f"{last['country_name']} in {int(last['year'])}.")
        text.append(sentence)
    return " ".join(text)


# --- charts ---------------------------------------------------------------------------------

def _draw_timeline(ax, instruments: pd.DataFrame) -> dict:
    """The instruments from the ILO Constitution to today, one row each; returns the row of each."""
    rows = {row: len(TIMELINE_ROWS) - 1 - i for i, row in enumerate(TIMELINE_ROWS)}
    info = instruments.set_index("instrument_id")
    for instrument in TIMELINE_ROWS[:-1]:
        y = rows[instrument]
        adopted = info.at[instrument, "adopted_when"]
        in_force = info.at[instrument, "in_force_when"]
        if instrument == "ILO_CONSTITUTION":
            ax.plot([adopted], [y], marker="s", ms=8, color=COLOURS["grey"], ls="none")
            ax.annotate("1919", (adopted, y), xytext=(8, 0), textcoords="offset points",
                        va="center", fontsize=8, color=COLOURS["grey"])
            continue
        ax.plot([adopted, TODAY], [y, y], color=COLOURS["grey"], lw=1.5, solid_capstyle="butt")
        ax.plot([adopted], [y], marker="o", ms=7, color=COLOURS["grey"], ls="none")
        ax.plot([in_force], [y], marker="|", ms=14, mew=2.5, color=COLOURS["grey"], ls="none")
        ax.annotate(f"{int(adopted)}", (adopted, y), xytext=(0, 7), textcoords="offset points",
                    ha="center", fontsize=8, color=COLOURS["grey"])
    y = rows["non-binding"]
    for instrument, (label, offset, ha, va) in NON_BINDING_LABELS.items():
        when = info.at[instrument, "adopted_when"]
        ax.plot([when], [y], marker="D", ms=6, mfc="white", mec=COLOURS["grey"], mew=1.5, ls="none")
        ax.annotate(f"{label} {int(when)}", (when, y), xytext=offset, textcoords="offset points",
                    ha=ha, va=va, fontsize=7, color=COLOURS["grey"])
    ax.axvline(BRIEF_YEAR, color=COLOURS["vermillion"], lw=1, ls=":")
    ax.annotate("the ILO brief\n(about 2008)", (BRIEF_YEAR, len(TIMELINE_ROWS) - 0.45), xytext=(-4, 0),
                textcoords="offset points", ha="right", va="top", fontsize=7, color=COLOURS["vermillion"])
    ax.set_yticks([rows[r] for r in TIMELINE_ROWS], [ROW_LABELS[r] for r in TIMELINE_ROWS], fontsize=8)
    ax.set_ylim(-0.9, len(TIMELINE_ROWS) - 0.4)
    ax.set_xlim(1915, 2028)
    ax.set_xticks(range(1920, 2021, 20))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel("Year adopted (circle) and in force (bar)", fontsize=8)
    ax.set_ylabel("Instrument", fontsize=8)
    style(ax, grid="x")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return rows


def plot_instrument_timeline(instruments: pd.DataFrame):
    """The instruments that protect migrant workers, from the ILO Constitution (1919) to today.

    Each treaty's row starts when it was adopted (circle); the bar marks its entry into force.
    The non-binding texts share the last row, and a dotted line marks the brief.

    >>> fig = plot_instrument_timeline(load_instruments())
    >>> fig.axes[0].get_ylabel()
    'Instrument'
    """
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    fig.subplots_adjust(left=0.2, right=0.97, top=0.88, bottom=0.2)
    _draw_timeline(ax, instruments)
    handles = [Line2D([], [], marker="o", color=COLOURS["grey"], ls="none", label="adopted"),
               Line2D([], [], marker="|", ms=12, mew=2.5, color=COLOURS["grey"], ls="none", label="in force"),
               Line2D([], [], marker="D", mfc="white", mec=COLOURS["grey"], ls="none", label="non-binding text")]
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8, bbox_to_anchor=(0, 0.16))
    finish(fig, "Instruments that protect migrant workers, 1919-2026",
           "Sources: ILO NORMLEX; UN Treaty Collection; the ILO brief (2008); UN General Assembly resolution 73/195.\n"
           "Some dates were read in copies that report them (see About the data).")
    return fig


def plot_icrmw_by_region(data: InstrumentData):
    """Parties to the UN Convention, cumulated by region, from its adoption to September 2023.

    >>> fig = plot_icrmw_by_region(load_instrument_data())
    >>> fig.axes[0].get_ylabel()
    'States parties (number)'
    """
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    fig.subplots_adjust(left=0.09, right=0.78, top=0.88, bottom=0.2)
    years = np.arange(1990, 2024)
    # Each year's bar shows the parties at its end; the extra edge closes the last year.
    edges = np.append(years, 2024)
    bottom = np.zeros(len(edges))
    for region in REGIONS[1:]:
        counts = ratification_counts(data.ratifications, "ICRMW", region).reindex(years).ffill().fillna(0)
        top = bottom + np.append(counts.to_numpy(), counts.iloc[-1])
        ax.fill_between(edges, bottom, top, step="post", color=REGION_COLOURS[region], alpha=0.85,
                        label=f"{region} ({int(counts.iloc[-1])})", lw=0)
        bottom = top
    info = data.instruments.set_index("instrument_id").loc["ICRMW"]
    ax.axvline(info["in_force_when"], color=COLOURS["grey"], lw=1, ls="--")
    ax.annotate("in force, 1 July 2003,\nafter the 20th party", (info["in_force_when"], 40), xytext=(-5, 0),
                textcoords="offset points", ha="right", fontsize=8, color=COLOURS["grey"])
    coverage = list_coverage(data, "ICRMW")
    ax.annotate(f"{coverage['dated']} parties\n({_month(coverage['list_as_of'])})", (2023.5, bottom[-1]),
                xytext=(-4, 6), textcoords="offset points", ha="right", fontsize=8)
    ax.set_xlim(1990, 2024)
    ax.set_ylim(0, 65)
    ax.xaxis.set_major_locator(MaxNLocator(8, integer=True))
    ax.set_xlabel("Year (parties at the end of each year; 2023: up to 26 September)")
    ax.set_ylabel("States parties (number)")
    ax.legend(title="UN region (parties)", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    style(ax)
    finish(fig, "Parties to the UN Convention on migrant workers, by region, 1990-2023",
           "Source: UN Treaty Collection, status after 26 September 2023 (dates also from a UNESCO copy of "
           "its table and a May 2022 scrape);\nregions: UN geoscheme.")
    return fig


def icrmw_party_shares(data: InstrumentData, destinations: pd.DataFrame, emigration: pd.DataFrame,
                       year: int = 2024) -> pd.DataFrame:
    """Where the UN Convention's parties stand among UN member States, destinations and origins.

    Three shares, in per cent: parties among the UN member States of the course's list; the
    world's migrants who live in a party (by destination); and the world's emigrants who come
    from a party (by origin, among emigrants whose origin the data name). ``destinations``
    is :func:`~labour_migration.load_migrant_stock_by_destination`, ``emigration``
    :func:`~labour_migration.load_emigration`.

    >>> from labour_migration import load_emigration, load_migrant_stock_by_destination
    >>> shares = icrmw_party_shares(load_instrument_data(), load_migrant_stock_by_destination(), load_emigration())
    >>> shares["share_pct"].round(1).tolist()
    [30.6, 13.4, 35.5]
    """
    icrmw = data.ratifications[data.ratifications["instrument_id"] == "ICRMW"]
    parties = set(icrmw.loc[icrmw["status"] == "party", "country_code"])
    hosts = destinations[destinations["year"] == year]
    origins = emigration[emigration["year"] == year]
    hosted = hosts.loc[hosts["country_code"].isin(parties), "migrants"].sum()
    sent = origins.loc[origins["country_code"].isin(parties), "emigrants"].sum()
    rows = [("UN member States that are parties", len(parties), len(icrmw), "states"),
            (f"Migrants living in a party ({year})", hosted, hosts["migrants"].sum(), "people"),
            (f"Emigrants born in a party ({year})", sent, origins["emigrants"].sum(), "people")]
    table = pd.DataFrame(rows, columns=["measure", "in_parties", "total", "unit"])
    table["share_pct"] = 100 * table["in_parties"] / table["total"]
    return table


def plot_icrmw_party_shares(shares: pd.DataFrame):
    """Bars: the Convention's parties as a share of States, of destinations' migrants, of origins' emigrants.

    >>> from labour_migration import load_emigration, load_migrant_stock_by_destination
    >>> shares = icrmw_party_shares(load_instrument_data(), load_migrant_stock_by_destination(), load_emigration())
    >>> plot_icrmw_party_shares(shares).axes[0].get_xlabel()
    'Share (%)'
    """
    fig, ax = plt.subplots(figsize=(8.5, 3.8))
    fig.subplots_adjust(left=0.33, right=0.95, top=0.85, bottom=0.28)
    order = shares.iloc[::-1]
    colours = [COLOURS["vermillion"], COLOURS["blue"], COLOURS["grey"]]
    ax.barh(range(len(order)), order["share_pct"], color=colours, height=0.6)
    for position, (_, row) in enumerate(order.iterrows()):
        amount = (f"{row['in_parties']:.0f} of {row['total']:.0f}" if row["unit"] == "states"
                  else f"{row['in_parties'] / 1e6:.1f}m of {row['total'] / 1e6:.1f}m")
        ax.text(row["share_pct"] + 0.8, position, f"{row['share_pct']:.1f}%  ({amount})", va="center", fontsize=9)
    ax.set_yticks(range(len(order)), order["measure"], fontsize=9)
    ax.set_xlim(0, 60)
    ax.set_xlabel("Share (%)")
    ax.set_ylabel("Measure")
    style(ax, grid="x")
    finish(fig, "The UN Convention's parties: origins more than destinations",
           "Sources: UN Treaty Collection (59 parties after 26 September 2023; 193 UN member States, May 2022);\n"
           "UN DESA, International Migrant Stock 2024. Emigrants: those whose country of origin the data name.")
    return fig


# --- the explorer ---------------------------------------------------------------------------

@register
class InstrumentsExplorer(Explorer):
    """Pick an instrument and a region, and a country to see what it has ratified.

    Use :func:`instruments_explorer` to make one; ``show()`` can also be called directly:
    ``explorer.show("C189", "Americas", "Uruguay")``.
    """

    name = "instruments"
    function = "instruments_explorer"
    saved_views = (
        SavedView("UN Convention, worldwide (Philippines)", dict(instrument="ICRMW", region="World", country="PHL"),
                  "A slow start: the 1990 Convention needed 20 parties and reached them only in 2003. Its "
                  "59 parties are mostly countries of origin, such as the Philippines, a party since 1995."),
        SavedView("UN Convention in Europe (Germany)", dict(instrument="ICRMW", region="Europe", country="DEU"),
                  "Only two European states, Albania and Bosnia and Herzegovina, are parties (Türkiye and "
                  "Azerbaijan, also parties, belong to Asia in the UN's regions). Germany, host to the "
                  "second-largest number of migrants, ratified C97 in 1959 but not the UN Convention."),
        SavedView("UN Convention in Asia (Saudi Arabia)", dict(instrument="ICRMW", region="Asia", country="SAU"),
                  "Asia's ten parties include large countries of origin (Bangladesh, Indonesia, the Philippines, "
                  "Sri Lanka) but no Gulf State. Saudi Arabia, the third-largest host of migrants, is not a party, "
                  "and none of the course's lists shows it ratifying the other four."),
        SavedView("C97, worldwide (Italy)", dict(instrument="C97", region="World", country="ITA"),
                  "The oldest convention, ratified mostly in the 1950s and 1960s as far as its dates could be "
                  "read. The dated line stops at 31 while NORMLEX counts 54: the list could not be read in full, "
                  "and the chart shows the gap instead of hiding it."),
        SavedView("C189 Domestic Workers, Americas (Uruguay)",
                  dict(instrument="C189", region="Americas", country="URY"),
                  "Written after the brief for the group it names as the most exposed: States of the Americas led "
                  "(17 of the 30 parties of October 2020), and Uruguay was the first to ratify, in June 2012."),
        SavedView("P029 Forced Labour Protocol, worldwide (Niger)",
                  dict(instrument="P029", region="World", country="NER"),
                  "Only the published totals show how the Protocol spread: 9 states bound when it entered into "
                  "force in 2016, 50 by March 2021. The course found dates for just 7 of them."),
    )

    @classmethod
    def without_data(cls):
        # The sourced lists give no ratification of C143 in Oceania.
        return load_instrument_data(), {"instrument": "C143", "region": "Oceania", "country": "Philippines"}

    def prepare(self):
        data = self.data
        self.info = data.instruments.set_index("instrument_id")
        icrmw = data.ratifications[data.ratifications["instrument_id"] == "ICRMW"]
        # The States of the UN Convention's complete list: the UN member States.
        self.names = dict(zip(icrmw["country_code"], icrmw["country_name"]))
        self.coverage = {i: list_coverage(data, i) for i in INSTRUMENTS}
        self.records = {}

    def make_fields(self):
        return [ChoiceField("instrument", "Instrument", INSTRUMENTS, what="convention or protocol"),
                ChoiceField("region", "Region", {r: ("World (all regions)" if r == "World" else r) for r in REGIONS},
                            what="region"),
                CountryField("country", "Country", self.names, role="a")]

    def defaults(self):
        return {"instrument": "ICRMW", "region": "World", "country": "PHL"}

    def validate(self, selection):
        parties = _parties(self.data.ratifications, selection.instrument, selection.region)
        if parties["when"].notna().sum() == 0:
            coverage = self.coverage[selection.instrument]
            undated = len(parties)
            more = f" ({undated} more known without a date)" if undated else ""
            raise ExplorerInputError(
                f"The course's data hold no dated ratification of {selection.instrument} by a state "
                f"{_in(selection.region)}{more}; its list has {coverage['dated']} dated of {coverage['total']}. "
                "Choose another region.")

    def make_figure(self):
        fig = plt.figure(figsize=(9, 7.4))
        top = fig.add_axes((0.17, 0.56, 0.60, 0.34))
        status = fig.add_axes((0.78, 0.56, 0.21, 0.34), sharey=top)
        bottom = fig.add_axes((0.09, 0.11, 0.62, 0.31))
        self.rows = _draw_timeline(top, self.data.instruments)
        top.set_title("The instruments, 1919 to today", loc="left", fontsize=10, y=1.03)
        status.set_axis_off()
        status.set_title("The country chosen", loc="left", fontsize=10, y=1.03)
        blue, red = COLOURS["blue"], COLOURS["vermillion"]
        self.highlight, = top.plot([], [], color=blue, lw=12, alpha=0.18, solid_capstyle="butt")
        self.ratified, = top.plot([], [], marker="D", ms=8, color=red, ls="none", zorder=4)
        self.signed, = top.plot([], [], marker="D", ms=8, mfc="white", mec=red, mew=2, ls="none", zorder=4)
        self.status_texts = {row: status.text(0.02, y, "", va="center", fontsize=8)
                             for row, y in self.rows.items() if row in INSTRUMENTS}
        # The status column has no entry for the last row (non-binding texts): the key goes there.
        status.legend(handles=[Line2D([], [], marker="D", color=red, ls="none", label="ratified"),
                               Line2D([], [], marker="D", mfc="white", mec=red, mew=2, ls="none",
                                      label="signed only")],
                      loc="lower left", bbox_to_anchor=(0, -0.04), frameon=False, fontsize=8, ncol=2,
                      handletextpad=0.2, columnspacing=0.8)

        self.step, = bottom.plot([], [], drawstyle="steps-post", color=blue, lw=2)
        self.totals, = bottom.plot([], [], marker="D", ms=7, color=COLOURS["orange"], ls="none", zorder=4)
        self.total_labels = [bottom.text(0, 0, "", fontsize=8, ha="right", va="bottom", color="#8a5a00")
                             for _ in range(2)]
        self.in_force, = bottom.plot([], [], color=COLOURS["grey"], lw=1, ls="--")
        self.in_force_label = bottom.text(0, 0, "", fontsize=8, color=COLOURS["grey"], ha="left", va="top")
        self.list_end, = bottom.plot([], [], marker="|", ms=14, mew=2.5, color=blue, ls="none")
        self.country_point, = bottom.plot([], [], marker="o", ms=9, color=red, ls="none", zorder=5)
        self.country_label = bottom.text(0, 0, "", fontsize=8, color=red, ha="right", va="bottom")
        bottom.set_xlabel("Year")
        bottom.set_ylabel("States that have ratified\n(number, cumulative)")
        bottom.yaxis.set_major_locator(MaxNLocator(5, integer=True))
        style(bottom)
        bottom.legend(handles=[Line2D([], [], color=blue, lw=2, label="dated ratifications\nin the course's list"),
                               Line2D([], [], marker="|", ms=12, mew=2.5, color=blue, ls="none",
                                      label="where the list ends"),
                               Line2D([], [], marker="D", color=COLOURS["orange"], ls="none",
                                      label="published total,\nworldwide"),
                               Line2D([], [], color=COLOURS["grey"], lw=1, ls="--", label="entry into force"),
                               Line2D([], [], marker="o", color=red, ls="none", label="the country chosen")],
                      loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=8, labelspacing=0.9)
        self.heading = fig.text(0.08, 0.485, "", fontsize=10)
        self.note = fig.text(0.08, 0.455, "", fontsize=8, color=COLOURS["grey"], style="italic")
        finish(fig, "", SOURCE_INSTRUMENTS)
        return fig

    def dynamic_artists(self):
        fig = self.figure
        return ([self.highlight, self.ratified, self.signed, *self.status_texts.values(), self.step,
                 self.totals, *self.total_labels, self.in_force, self.in_force_label, self.list_end,
                 self.country_point, self.country_label, self.heading, self.note, fig._suptitle])

    def _record(self, code):
        if code not in self.records:
            self.records[code] = country_record(self.data, code, self.coverage)
        return self.records[code]

    def draw(self, selection):
        instrument, region, code = selection.instrument, selection.region, selection.country
        info, coverage = self.info.loc[instrument], self.coverage[instrument]
        name = self.names[code]
        bottom = self.figure.axes[2]

        # Top: the chosen instrument's row, and the country's ratifications and signatures.
        y = self.rows[instrument]
        self.highlight.set_data([1915, 2028], [y, y])
        record = self._record(code)
        ratified = [(year, self.rows[i]) for i, (status, year, _) in record.items() if status == "party" and year]
        signed = [(year, self.rows[i]) for i, (status, year, _) in record.items() if status == "signatory" and year]
        self.ratified.set_data([x for x, _ in ratified], [y for _, y in ratified])
        self.signed.set_data([x for x, _ in signed], [y for _, y in signed])
        words = {"party": lambda year: f"ratified {year}" if year else "ratified (no date)",
                 "signatory": lambda year: f"signed {year}, not ratified" if year else "signed, not ratified",
                 "not a party": lambda _: "not a party",
                 "not listed": lambda _: "not in the partial list"}
        for i, text in self.status_texts.items():
            status, year, note = record[i]
            label = words[status](year)
            if note.startswith("Date as printed"):  # a source that contradicts itself on this date
                label += " (date doubtful)"
            if status == "not a party" and i != "ICRMW":
                label = f"not by {_month(self.coverage[i]['list_as_of'])}"
            text.set_text(label)
            text.set_color(COLOURS["vermillion"] if status in ("party", "signatory") else COLOURS["grey"])
            text.set_fontweight("bold" if i == instrument else "normal")

        # Bottom: the dated ratifications in the region, cumulated, beside the published totals.
        parties = _parties(self.data.ratifications, instrument, region).dropna(subset=["when"]).sort_values("when")
        start = math.floor(info["adopted_when"])
        end = coverage["list_when"]
        x = [start] + parties["when"].tolist() + [end]
        steps = [0] + list(range(1, len(parties) + 1)) + [len(parties)]
        self.step.set_data(x, steps)
        self.list_end.set_data([end], [len(parties)])
        totals = self.data.totals[(self.data.totals["instrument_id"] == instrument)
                                  & (self.data.totals["counted"] != "signatories")].sort_values("when")
        top_value = len(parties)
        for label in self.total_labels:
            label.set_text("")
        if region == "World":
            self.totals.set_data(totals["when"], totals["count"])
            # Label the latest total, and the first if it stands apart; the rest crowd.
            labelled = [totals.iloc[-1]] + ([totals.iloc[0]] if totals["when"].iloc[-1] - totals["when"].iloc[0] > 3
                                             else [])
            for label, total in zip(self.total_labels, labelled):
                label.set_position((total["when"] - 0.3, total["count"]))
                label.set_text(f"{total['count']} ({_month(total['as_of'])})")
            top_value = max(top_value, int(totals["count"].max()))
        else:
            self.totals.set_data([], [])
        in_force = info["in_force_when"]
        self.in_force.set_data([in_force, in_force], [0, 1e4])
        self.in_force_label.set_text(" in force")
        rows = parties[parties["country_code"] == code]
        if len(rows):
            when = rows["when"].iloc[0]
            count = int((parties["when"] <= when).sum())
            self.country_point.set_data([when], [count])
            self.country_label.set_position((when - 0.4, count + 0.4))
            self.country_label.set_text(name)
        else:
            self.country_point.set_data([], [])
            self.country_label.set_text("")
        ceiling = nice_ceiling(top_value * 1.12 + 1)
        bottom.set_ylim(0, ceiling)
        bottom.set_xlim(start - 1, 2027)
        self.in_force_label.set_position((in_force, ceiling * 0.97))
        where = _in(region)
        self.heading.set_text(f"{INSTRUMENTS[instrument]}: dated ratifications {where}")
        state = "complete" if coverage["complete"] else "partial"
        note = (f"The course's list is {state} and ends {_month(coverage['list_as_of'])}, with "
                f"{coverage['dated']} dated ratifications worldwide; ")
        if region == "World":
            note += f"the latest published total is {coverage['total']} ({_month(coverage['total_as_of'])})."
        else:
            note += "published totals exist for the world only."
        self.note.set_text(note)
        whose = f"{name}'" if name.endswith("s") else f"{name}'s"
        self.figure.suptitle(f"Ratifications: {CHART_NAMES[instrument]} {where}; {whose} record",
                             fontsize=12, fontweight="bold", x=0.01, ha="left")
        if not coverage["complete"]:
            return f"The list for {instrument} is partial. {coverage['note']}"
        return ""

    def describe(self, selection):
        return (describe_ratifications(self.data, selection.instrument, selection.region,
                                       self.coverage[selection.instrument]) + " "
                + describe_country_ratifications(self.data, selection.country, self.names[selection.country], self.coverage))


def instruments_explorer(data: InstrumentData | None = None, instrument="ICRMW", region="World",
                         country="Philippines") -> InstrumentsExplorer:
    """The instruments explorer: an instrument's ratifications over time and a country's record.

    >>> explorer = instruments_explorer(instrument="C189", region="Americas", country="Uruguay")
    >>> explorer.picker.label
    'C189 Domestic Workers, Americas (Uruguay)'
    >>> explorer.show("C143", "Oceania", "Uruguay")
    False
    >>> print(explorer.message_text()[:66])
    The course's data hold no dated ratification of C143 by a state in
    """
    data = load_instrument_data() if data is None else data
    return InstrumentsExplorer(data, instrument=instrument, region=region, country=country)
