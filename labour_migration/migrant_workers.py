"""Where migrant workers work: the ILO's Global Estimates, edition by edition.

The ILO has published four editions of its *Global Estimates on International Migrant
Workers* since the brief: 2015, 2018, 2021 and 2024, for the reference years 2013, 2017,
2019 and 2022. Each says how many migrants work or look for work in their destination
countries and where: by the destination's World Bank income group, by sector and by sex.
Each edition also re-estimates with new data and a revised method, so the editions are not
one time series: :data:`EDITIONS` states each one's caveat, and the charts and readings
repeat it.

``data/migrant_workers_estimates.csv`` holds the figures as the ILO's releases and the
press summaries of them published them (one row each, with its source); a breakdown that
no summary read for the course reports is absent, never filled in.

Example
-------
>>> estimates = load_migrant_workers()
>>> share(estimates, 4, "destination_income_group", "high_income")
68.4
>>> describe_migrant_workers(estimates, "sex", 1)[:61]
'In the 1st edition (published 2015, data for 2013), women wer'
>>> fig = plot_where_migrant_workers_work(estimates)
>>> fig.axes[0].get_xlabel()
'Share of migrant workers (%)'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .charts import COLOURS, finish, style
from .data import load
from .explorer import ChoiceField, Explorer, ExplorerInputError, SavedView, register

__all__ = ["BREAKDOWNS", "EDITIONS", "MigrantWorkersExplorer", "describe_migrant_workers",
           "load_migrant_workers", "migrant_workers_explorer", "plot_where_migrant_workers_work",
           "share", "shares_by_edition"]


# Each edition: when it was published, the year its figures describe, and what to keep in
# mind before comparing it with another edition (the figures it mentions come from the data).
EDITIONS = {
    1: {"name": "1st edition", "published": 2015, "year": 2013,
        "caveat": "The first edition counted migrants aged 15 and over who worked or were looking "
                  "for work, starting from UN DESA's count of 232 million international migrants in 2013."},
    2: {"name": "2nd edition", "published": 2018, "year": 2017,
        "caveat": "The second edition reported a 9% rise on the first edition's figure for 2013; the "
                  "fourth edition's revision of 2013 no longer supports that comparison."},
    3: {"name": "3rd edition", "published": 2021, "year": 2019,
        "caveat": "The third edition covered 189 countries and reported a 3% rise on the second "
                  "edition's 164 million for 2017."},
    4: {"name": "4th edition", "published": 2024, "year": 2022,
        "caveat": "The fourth edition counts migrants in the labour force of destination countries "
                  "and revised the past: its increase of more than 30 million since 2013 puts 2013 "
                  "well below the first edition's 150.3 million."},
}

# breakdown -> (what it is called, its categories in display order, with their labels)
BREAKDOWNS = {
    "destination_income_group": ("destination income group", {
        "high_income": "High income", "upper_middle_income": "Upper-middle income",
        "lower_middle_income": "Lower-middle income", "low_income": "Low income"}),
    "sex": ("sex", {"women": "Women", "men": "Men"}),
    "sector": ("sector", {"services": "Services", "industry": "Industry", "agriculture": "Agriculture"}),
}
SOURCE_ILO = ("Source: ILO, Global Estimates on International Migrant Workers, editions of 2015, 2018, 2021 "
              "and 2024,\nas published by the ILO and in press summaries of them (see data/migrant_workers_estimates.csv).")
EDITION_COLOURS = {1: COLOURS["sky"], 2: COLOURS["orange"], 3: COLOURS["green"], 4: COLOURS["blue"]}
EDITION_MARKERS = {1: "o", 2: "s", 3: "^", 4: "D"}
ROWS = 4  # the most categories a breakdown has


def load_migrant_workers() -> pd.DataFrame:
    """The ILO Global Estimates by edition, breakdown and category, with their sources.

    >>> load_migrant_workers().query("breakdown == 'total'")["value_million"].tolist()
    [150.3, 164.0, 169.0, 167.7]
    """
    return load("migrant_workers_estimates")


def edition_label(edition: int) -> str:
    """'4th edition (published 2024, data for 2022)'."""
    info = EDITIONS[edition]
    return f"{info['name']} (published {info['published']}, data for {info['year']})"


def _rows(estimates: pd.DataFrame, edition: int, breakdown: str, workers: str = "migrant") -> pd.DataFrame:
    return estimates[(estimates["edition"] == edition) & (estimates["breakdown"] == breakdown)
                     & (estimates["workers"] == workers)]


def share(estimates: pd.DataFrame, edition: int, breakdown: str, category: str, workers: str = "migrant"):
    """The share (%) of one category in one edition, or None if no summary reported it.

    >>> share(load_migrant_workers(), 2, "destination_income_group", "low_income")
    3.4
    >>> share(load_migrant_workers(), 3, "sector", "services") is None
    True
    """
    rows = _rows(estimates, edition, breakdown, workers)
    rows = rows[rows["category"] == category]["share_pct"].dropna()
    return float(rows.iloc[0]) if len(rows) else None


def shares_by_edition(estimates: pd.DataFrame, breakdown: str, workers: str = "migrant") -> pd.DataFrame:
    """One row per category, one column per edition: the shares (%), empty where not reported.

    >>> shares_by_edition(load_migrant_workers(), "sex").loc["women"].tolist()
    [44.0, 42.0, 41.5, 38.7]
    """
    rows = estimates[(estimates["breakdown"] == breakdown) & (estimates["workers"] == workers)]
    table = rows.pivot(index="category", columns="edition", values="share_pct").astype(float)
    order = [c for c in BREAKDOWNS[breakdown][1] if c in table.index]
    return table.reindex(index=order, columns=sorted(EDITIONS))


def _editions_with(estimates: pd.DataFrame, breakdown: str) -> list[int]:
    rows = estimates[(estimates["breakdown"] == breakdown) & estimates["share_pct"].notna()]
    return sorted(int(e) for e in rows["edition"].unique())


def _amount(row) -> str:
    share_text = f"{row['share_pct']:g}%"
    if pd.notna(row["value_million"]):
        share_text += f" ({row['value_million']:g} million)"
    return share_text


def describe_migrant_workers(estimates: pd.DataFrame, breakdown: str, edition: int) -> str:
    """The plain-language reading of one edition's breakdown, with that edition's caveat."""
    rows = _rows(estimates, edition, breakdown).dropna(subset=["share_pct"])
    if rows.empty:
        return (f"No summary read for the course gives the {EDITIONS[edition]['name']}'s figures by "
                f"{BREAKDOWNS[breakdown][0]}.")
    info, labels = EDITIONS[edition], BREAKDOWNS[breakdown][1]
    rows = rows.set_index("category").reindex([c for c in labels if c in set(rows["category"])])
    total = _rows(estimates, edition, "total")["value_million"]
    out_of = f" {total.iloc[0]:g} million" if len(total) else ""
    opening = f"In the {info['name']} (published {info['published']}, data for {info['year']}), "
    if breakdown == "sex":
        women, men = rows.loc["women"], rows.loc["men"]
        sentences = [opening + f"women were {_amount(women)} and men {_amount(men)} of the"
                     f"{out_of} migrant workers."]
    elif breakdown == "sector":
        whom = "employed migrant workers" if edition == 4 else "migrant workers"
        parts = [f"{_amount(row)} in {labels[c].lower()}" for c, row in rows.iterrows()]
        parts[0] = parts[0].replace(" in ", f" of {whom} worked in ", 1)
        sentences = [opening + ", ".join(parts[:-1]) + f" and {parts[-1]}."]
        others = _rows(estimates, edition, breakdown, "non_migrant").set_index("category")
        if len(others):
            sentences.append("Among non-migrant workers: " + ", ".join(
                f"{others.at[c, 'share_pct']:g}% in {labels[c].lower()}" for c in rows.index
                if c in others.index) + ".")
    else:
        parts = [f"{_amount(row)} in {labels[c].lower().replace(' income', '-income')} countries"
                 for c, row in rows.iterrows()]
        parts[0] = parts[0].replace(" in ", f" of the{out_of} migrant workers were in ", 1)
        sentences = [opening + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + "."]
        reported = rows["share_pct"].sum()
        if len(rows) < len(labels):
            sentences.append(f"The summaries read for the course do not report the other groups "
                             f"separately ({100 - reported:.1f}% together).")
    sentences.append("Method: " + info["caveat"])
    return " ".join(sentences)


# --- the static chart: three breakdowns across the editions -----------------------------

def plot_where_migrant_workers_work(estimates: pd.DataFrame):
    """Three panels: where migrant workers work by destination income group, by sector, by sex.

    Each panel sets the editions side by side, so that the reader sees both what changed
    little (most migrant workers are in high-income countries and in services) and what the
    editions do not allow: reading small differences between them as a trend.
    """
    fig = plt.figure(figsize=(9, 7.6), layout="constrained")
    fig.get_layout_engine().set(rect=(0, 0.075, 1, 0.925))
    grid = fig.add_gridspec(2, 2, height_ratios=[1.7, 1])
    axes = [fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, :])]
    editions = sorted(EDITIONS)
    names = [f"{EDITIONS[e]['name'][:3]} ed.\n({EDITIONS[e]['year']})" for e in editions]

    ax = axes[0]
    income = shares_by_edition(estimates, "destination_income_group")
    y = np.arange(len(editions))
    for offset, category, colour in ((-0.2, "high_income", "blue"), (0.2, "upper_middle_income", "sky")):
        values = income.loc[category].to_numpy()
        ax.barh(y + offset, np.nan_to_num(values), height=0.38, color=COLOURS[colour],
                label=BREAKDOWNS["destination_income_group"][1][category])
        for yy, value in zip(y + offset, values):
            if not np.isnan(value):
                ax.text(value + 1, yy, f"{value:g}%", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_title("By destination income group", loc="left", fontsize=10)
    ax.legend(loc="lower right", fontsize=8, frameon=False)

    ax = axes[1]
    sectors = list(BREAKDOWNS["sector"][1])
    groups = [("Migrants, 1st ed. (2013)", shares_by_edition(estimates, "sector")[1], "sky"),
              ("Migrants, 4th ed. (2022)", shares_by_edition(estimates, "sector")[4], "blue"),
              ("Non-migrants, 4th ed.", shares_by_edition(estimates, "sector", "non_migrant")[4], "grey")]
    y = np.arange(len(sectors))
    for i, (label, values, colour) in enumerate(groups):
        values = values.reindex(sectors).to_numpy()
        ax.barh(y + (i - 1) * 0.27, values, height=0.25, color=COLOURS[colour], label=label)
        for yy, value in zip(y + (i - 1) * 0.27, values):
            ax.text(value + 1, yy, f"{value:g}%", va="center", fontsize=7.5)
    ax.set_yticks(y, [BREAKDOWNS["sector"][1][s] for s in sectors])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_title("By sector", loc="left", fontsize=10)
    ax.legend(loc="lower right", fontsize=8, frameon=False)

    ax = axes[2]
    women = shares_by_edition(estimates, "sex").loc["women"]
    y = np.arange(len(editions))
    ax.barh(y, women.to_numpy(), color=COLOURS["vermillion"], height=0.6)
    for yy, value in zip(y, women):
        ax.text(value + 0.5, yy, f"{value:g}%", va="center", fontsize=8)
    ax.set_yticks(y, [n.replace("\n", " ") for n in names], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 50)
    ax.set_xlabel("Women as a share of migrant workers (%)")
    ax.set_title("Women's share of migrant workers", loc="left", fontsize=10)

    for ax in axes[:2]:
        ax.set_xlabel("Share of migrant workers (%)")
        style(ax, grid="x")
    axes[0].set_ylabel("Edition (year the figures describe)")
    axes[2].set_ylabel("Edition")
    style(axes[2], grid="x")
    finish(fig, "Where migrant workers work: four editions of the ILO Global Estimates",
           SOURCE_ILO + "\nEditions differ in method and revise the past: compare them with care.")
    return fig


# --- the explorer: one edition and one breakdown at a time -------------------------------

@register
class MigrantWorkersExplorer(Explorer):
    """Pick a breakdown and an edition of the ILO Global Estimates; see where migrant workers work.

    Use :func:`migrant_workers_explorer` to make one; ``explorer.show("sector", 1)`` draws the
    first edition's sectors.
    """

    name = "migrant_workers"
    function = "migrant_workers_explorer"
    saved_views = (
        SavedView("Income group, 4th edition (2022)", dict(breakdown="destination_income_group", edition=4),
                  "The latest edition: about two in three migrant workers are in high-income countries, "
                  "the countries whose admission rules decide how many legal avenues there are."),
        SavedView("Income group, 2nd edition (2017)", dict(breakdown="destination_income_group", edition=2),
                  "The only edition whose summaries give all four income groups: low-income countries "
                  "host a small share of migrant workers, but not none."),
        SavedView("Sector, 4th edition (2022)", dict(breakdown="sector", edition=4),
                  "Migrant and non-migrant workers side by side: migrants are concentrated in services "
                  "and far less often in agriculture, even though seasonal schemes are mostly agricultural."),
        SavedView("Sector, 1st edition (2013)", dict(breakdown="sector", edition=1),
                  "The same question nine years earlier, in another edition with another method: the "
                  "picture is similar, but the small differences are not a measured trend."),
        SavedView("Women and men, 4th edition (2022)", dict(breakdown="sex", edition=4),
                  "Fewer than two in five migrant workers are women, although women are close to half of "
                  "all migrants: compare with lesson 1."),
        SavedView("Women and men, 1st edition (2013)", dict(breakdown="sex", edition=1),
                  "Women's share was higher in the first edition; each edition since reports a lower one. "
                  "Read the method note before calling it a decline."),
    )

    @classmethod
    def without_data(cls):
        # No summary read for the course reports sectors for the 2nd edition.
        return load_migrant_workers(), {"breakdown": "sector", "edition": 2}

    def prepare(self):
        self.available = {b: _editions_with(self.data, b) for b in BREAKDOWNS}

    def make_fields(self):
        return [ChoiceField("breakdown", "Breakdown", {b: label.capitalize() for b, (label, _) in BREAKDOWNS.items()},
                            what="breakdown"),
                ChoiceField("edition", "Edition", {e: edition_label(e) for e in sorted(EDITIONS)},
                            what="edition")]

    def defaults(self):
        return {"breakdown": "destination_income_group", "edition": 4}

    def validate(self, selection):
        editions = self.available[selection.breakdown]
        if selection.edition not in editions:
            have = " and ".join(f"the {EDITIONS[e]['name']}" for e in editions)
            raise ExplorerInputError(
                f"No summary read for the course gives data by {BREAKDOWNS[selection.breakdown][0]} for "
                f"the {EDITIONS[selection.edition]['name']}; try {have}.")

    def make_figure(self):
        fig, ax = plt.subplots(figsize=(8.5, 4.6), layout="constrained")
        fig.get_layout_engine().set(rect=(0, 0.1, 1, 0.9))
        positions = np.arange(ROWS)
        self.bars = ax.barh(positions, np.zeros(ROWS), height=0.5, color=COLOURS["blue"], alpha=0.35,
                            label="The edition chosen (bar)")
        self.markers = {e: ax.plot([], [], ls="none", marker=EDITION_MARKERS[e], ms=8, color=EDITION_COLOURS[e],
                                   markeredgecolor="black", markeredgewidth=0.5,
                                   label=f"{EDITIONS[e]['name']} ({EDITIONS[e]['year']})")[0]
                        for e in sorted(EDITIONS)}
        self.others = ax.plot([], [], ls="none", marker="|", ms=22, mew=3, color=COLOURS["grey"],
                              label="Non-migrant workers, 4th edition")[0]
        self.labels = [ax.text(0.8, p + 0.37, "", fontsize=9, va="center") for p in positions]
        ax.set_yticks(positions, [""] * ROWS)
        ax.set_ylim(ROWS - 0.4, -0.6)
        ax.set_xlim(0, 100)
        ax.set_xlabel("Share of migrant workers (%)")
        ax.set_ylabel("Category")
        ax.legend(loc="lower right", fontsize=8, frameon=True, framealpha=0.9)
        style(ax, grid="x")
        finish(fig, "", SOURCE_ILO)
        return fig

    def dynamic_artists(self):
        return [*self.bars.patches, *self.markers.values(), self.others, *self.labels, self.figure._suptitle]

    def background_key(self):
        return tuple(t.get_text() for t in self.figure.axes[0].get_yticklabels())

    def draw(self, selection):
        breakdown, edition = selection.breakdown, selection.edition
        label, categories = BREAKDOWNS[breakdown]
        table = shares_by_edition(self.data, breakdown).reindex(list(categories))
        ax = self.figure.axes[0]
        ax.set_yticks(np.arange(len(categories)), list(categories.values()))
        ax.set_ylim(ROWS - 0.4, -0.6)  # set_yticks may stretch the axis; keep the fixed layout
        chosen = table[edition].to_numpy()
        millions = _rows(self.data, edition, breakdown).set_index("category")["value_million"]
        for i, bar in enumerate(self.bars.patches):
            value = chosen[i] if i < len(chosen) and not np.isnan(chosen[i]) else 0.0
            bar.set_width(value)
            text = ""
            if value:
                category = list(categories)[i]
                amount = millions.get(category)
                text = f"{value:g}%" + (f" ({amount:g} million)" if amount is not None and pd.notna(amount) else "")
            self.labels[i].set_text(text)
        for e, line in self.markers.items():
            values = table[e].to_numpy()
            keep = ~np.isnan(values)
            line.set_data(values[keep], np.arange(len(values))[keep])
        others = shares_by_edition(self.data, breakdown, "non_migrant")
        if edition in others.columns and others[edition].notna().any():
            values = others[edition].reindex(list(categories)).to_numpy()
            keep = ~np.isnan(values)
            self.others.set_data(values[keep], np.arange(len(values))[keep])
        else:
            self.others.set_data([], [])
        self.figure.suptitle(f"Migrant workers by {label}, ILO {EDITIONS[edition]['name']} "
                             f"({EDITIONS[edition]['year']})", fontsize=13, fontweight="bold", x=0.01, ha="left")
        missing = [name for c, name in categories.items() if np.isnan(table.at[c, edition])]
        if missing:
            return (f"The summaries of this edition read for the course give no separate figure for: "
                    f"{', '.join(missing).lower()}.")
        return ""

    def describe(self, selection):
        return describe_migrant_workers(self.data, selection.breakdown, selection.edition)


def migrant_workers_explorer(estimates: pd.DataFrame | None = None, breakdown="destination_income_group",
                             edition=4) -> MigrantWorkersExplorer:
    """The migrant-workers explorer: one breakdown of one edition, the other editions marked.

    >>> explorer = migrant_workers_explorer(breakdown="sex", edition=1)
    >>> explorer.picker.label
    'Women and men, 1st edition (2013)'
    """
    data = load_migrant_workers() if estimates is None else estimates
    return MigrantWorkersExplorer(data, breakdown=breakdown, edition=edition)
