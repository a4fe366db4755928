"""Then and now: every figure the lesson sets beside another is traceable, and the sums are right.

The table and chart of lesson 8 are built from data/then_and_now.csv (pairs of figure ids)
and data/headline_figures.csv (one row per published figure, with its source). A number
the learner sees there must have a row with a source and a citation in book/references.bib;
a pair that names an unknown figure must fail loudly, not vanish from the table.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import labour_migration as lm
from labour_migration.then_and_now import BRIEF_CITATION, NO_COUNTERPART, UNITS, written

ROOT = Path(__file__).resolve().parents[1]
BIB = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def figures():
    return lm.load_headline_figures().set_index("figure_id")


@pytest.fixture(scope="module")
def pairs():
    return lm.then_and_now_pairs()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that the loader reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setenv("LABOUR_MIGRATION_DATA", str(copy))
    return copy


def test_every_figure_in_the_table_has_a_source_row_and_a_citation(pairs, figures):
    shown = pairs.loc[pairs["change"] != "none", "latest_figure_id"].tolist() + pairs["brief_figure_id"].tolist()
    for figure_id in shown:
        assert figure_id in figures.index, figure_id
        row = figures.loc[figure_id]
        assert str(row["source"]).strip(), figure_id
        assert "{" + row["citation_key"] + "," in BIB, (figure_id, row["citation_key"])


def test_the_values_shown_are_those_of_the_source_rows(pairs, figures):
    for _, row in pairs.iterrows():
        assert row["then_value"] == figures.at[row["brief_figure_id"], "value"]
        assert row["then_source"] == figures.at[row["brief_figure_id"], "source"]
        if row["change"] != "none":
            assert row["now_value"] == figures.at[row["latest_figure_id"], "value"]
            assert row["now_year"] == figures.at[row["latest_figure_id"], "reference_year"]
            assert row["now_source"] == figures.at[row["latest_figure_id"], "source"]


def test_a_pair_naming_a_figure_without_a_source_row_fails_with_its_name(data_copy):
    with (data_copy / "then_and_now.csv").open("a", encoding="utf-8") as table:
        table.write("08_then_and_now,Made-up figure,brief_migrants,no_such_figure_2030,growth,Invented.\n")
    with pytest.raises(KeyError, match="no_such_figure_2030"):
        lm.then_and_now_pairs()


def test_a_figure_whose_source_is_blank_is_refused(figures):
    blanked = figures.reset_index()
    blanked.loc[blanked["figure_id"] == "wb_remittances_lmic_2024", "source"] = " "
    with pytest.raises(ValueError, match="wb_remittances_lmic_2024"):
        lm.then_and_now_pairs(blanked, lm.load_then_and_now())


def test_every_figure_of_the_brief_is_in_the_table(pairs, figures):
    in_brief = set(figures.index[figures["citation_key"] == BRIEF_CITATION])
    in_table = set(pairs["brief_figure_id"]) | set(lm.load_then_and_now()["brief_figure_id"])
    assert in_brief <= in_table, sorted(in_brief - in_table)


def test_a_brief_figure_without_a_counterpart_is_listed_as_having_none(pairs):
    gain = pairs.set_index("brief_figure_id").loc["brief_migration_income_gain_2025"]
    assert gain["change"] == "none" and pd.isna(gain["now_value"])
    table = lm.then_and_now_table(pairs)
    row = table[table["topic"] == "World income gain from more migration"].iloc[0]
    assert row["in the brief"] == "$356 billion (2025)"
    assert row["latest"] == NO_COUNTERPART


def test_a_range_in_the_brief_is_one_row_with_both_bounds(pairs):
    refugees = pairs[pairs["topic"] == "Refugees and asylum-seekers"]
    assert len(refugees) == 1
    assert (refugees["then_value"].iloc[0], refugees["then_high"].iloc[0]) == (7, 8)


@pytest.mark.parametrize("brief_id, ratio", [
    ("brief_migrants", 1.59),               # 304 / 191 = 1.5916
    ("brief_remittances_2006", 3.31),       # 685 / 207 = 3.3092
    ("brief_remittances_1990", 0.52),       # 29.4 / 57 = 0.5158
    ("brief_remittances_2005", 1.01),       # 191.5 / 189 = 1.0132 (KNOMAD, June 2023)
    ("brief_who_shortage_countries", 0.96),  # 55 / 57 = 0.9649
    ("icrmw_parties_2007", 1.59),           # 59 / 37 = 1.5946
    ("brief_refugee_share_low", 1.69),      # 12.7 / 7.5 (the middle of 7-8) = 1.6933
])
def test_ratio_of_latest_to_brief_matches_the_hand_computed_value(pairs, brief_id, ratio):
    assert pairs.set_index("brief_figure_id").at[brief_id, "ratio"] == pytest.approx(ratio, abs=0.005)


def test_a_revision_pair_compares_the_same_kind_of_series_as_the_course_data_hold_it(pairs, figures):
    # The brief's 2005 remittances are set beside the World Bank-KNOMAD total, which fills in
    # non-reporting countries as the brief's source did; the WDI total (171.2) adds up only
    # reporters, so setting it beside the brief would show a fall that no revision made.
    row = pairs.set_index("brief_figure_id").loc["brief_remittances_2005"]
    assert row["latest_figure_id"] == "knomad_remittances_lmic_2005" and row["change"] == "revision"
    flows = lm.load("remittance_flows_by_group").query("group_code == 'LMY'").set_index("year")
    assert round(flows.at[2005, "remittances_knomad_usd"] / 1e9, 1) == figures.at["knomad_remittances_lmic_2005", "value"]
    # Filling in the countries that do not report is what puts the KNOMAD total above the WDI sum.
    assert flows.at[2005, "remittances_knomad_usd"] > flows.at[2005, "remittances_usd"]


def test_figures_are_written_with_their_units_as_the_lessons_write_them():
    assert written(191, "million people") == "191 million"
    assert written(7, "percent", 8) == "7\u20138%"
    assert written(685, "US$ billion") == "$685 billion"
    assert written(37, "countries") == "37 countries"
    assert written(7, "percent", float("nan")) == "7%"


def test_table_shows_each_figure_with_its_year_and_the_latest_source():
    table = lm.then_and_now_table().set_index("topic")
    row = table.loc["Remittances to developing countries, recorded"]
    assert row["in the brief"] == "$207 billion (2006)"
    assert row["latest"] == "$685 billion (2024)"
    assert row["latest source"] == "World Bank, People Move blog, December 2024"
    assert table.loc["Parties to the 1990 UN Migrant Workers Convention", "latest"] == "59 countries (2023)"


def test_chart_has_one_labelled_panel_per_unit_a_title_and_a_source_line(pairs):
    import matplotlib.pyplot as plt

    fig = lm.plot_then_and_now(pairs)
    try:
        units = [unit for unit in UNITS if (pairs["unit"] == unit).any()]
        assert [ax.get_xlabel() for ax in fig.axes] == [UNITS[unit] for unit in units]
        for ax, unit in zip(fig.axes, units):
            assert len(ax.get_yticklabels()) == int((pairs["unit"] == unit).sum())
        assert fig.get_suptitle() == "The brief's headline figures, then and now"
        assert any(text.get_text().startswith("Sources:") for text in fig.texts)
        labels = {t.get_text() for ax in fig.axes for t in ax.texts}
        assert {"191 (2005)", "304 (2024)", "7\u20138% (2005)", "12.7% (2023)", NO_COUNTERPART} <= labels
    finally:
        plt.close(fig)
