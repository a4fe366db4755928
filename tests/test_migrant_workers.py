"""Where migrant workers work (lesson 4): the ILO Global Estimates table, its readings and explorer.

The promises every explorer keeps (bad input, saved views, one redraw per change) are
checked for all of them in test_explorer_contract.py; this file checks the numbers this
topic computes against values worked out by hand from the published figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import labour_migration as lm
from labour_migration.migrant_workers import EDITIONS, MigrantWorkersExplorer, share, shares_by_edition

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def estimates():
    return lm.load_migrant_workers()


@pytest.fixture
def explorer(estimates):
    return lm.migrant_workers_explorer(estimates)


def test_each_edition_has_its_published_headline_total(estimates):
    totals = estimates.query("breakdown == 'total'").set_index("edition")["value_million"]
    assert totals.to_dict() == {1: 150.3, 2: 164.0, 3: 169.0, 4: 167.7}
    # The same totals are the course's headline figures (lesson 1 quotes them).
    for edition, year in ((1, 2013), (2, 2017), (3, 2019), (4, 2022)):
        assert lm.headline_figure(f"ilo_migrant_workers_{year}") == totals[edition]


@pytest.mark.parametrize("edition, breakdown, category, by_hand", [
    (1, "destination_income_group", "upper_middle_income", 11.6),   # 100 * 17.5 / 150.3 = 11.64
    (1, "destination_income_group", "lower_middle_income", 11.2),   # 100 * 16.9 / 150.3 = 11.24
    (4, "sex", "women", 38.7),                                      # 100 * 64.9 / 167.7 = 38.70
    (4, "sex", "men", 61.3),                                        # 100 - 38.7
    (1, "sex", "men", 56.0),                                        # 100 - 44
])
def test_computed_shares_match_the_hand_calculation(estimates, edition, breakdown, category, by_hand):
    assert share(estimates, edition, breakdown, category) == by_hand


def test_computed_shares_follow_from_the_published_millions(estimates):
    computed = estimates.query("share_basis == 'computed' and breakdown != 'sex'")
    total = estimates.query("breakdown == 'total'").set_index("edition")["value_million"]
    for _, row in computed.iterrows():
        assert round(100 * row["value_million"] / total[row["edition"]], 1) == row["share_pct"]


@pytest.mark.parametrize("edition, breakdown, workers, parts_sum", [
    (2, "destination_income_group", "migrant", 100.0),   # 67.9 + 18.6 + 10.1 + 3.4
    (1, "sector", "migrant", 100.0),                     # 71.1 + 17.8 + 11.1
    (4, "sector", "migrant", 100.1),                     # 68.4 + 24.3 + 7.4, rounded parts
    (4, "sector", "non_migrant", 100.0),                 # 51.5 + 24.2 + 24.3
])
def test_complete_breakdowns_add_up_to_the_whole(estimates, edition, breakdown, workers, parts_sum):
    table = shares_by_edition(estimates, breakdown, workers)
    assert round(table[edition].sum(), 1) == parts_sum


def test_published_millions_add_up_to_the_edition_total_within_rounding(estimates):
    total = estimates.query("breakdown == 'total'").set_index("edition")["value_million"]
    for (edition, breakdown), rows in estimates.query("breakdown == 'sex'").groupby(["edition", "breakdown"]):
        # 83.7 + 66.6 = 150.3; 96 + 68 = 164; 99 + 70 = 169; 102.7 + 64.9 = 167.6 (rounded figures)
        assert abs(rows["value_million"].sum() - total[edition]) <= 0.1 + 1e-9, (edition, breakdown)
    second = estimates.query("edition == 2 and breakdown == 'destination_income_group'")
    assert round(second["value_million"].sum(), 1) == 163.9  # 111.2 + 30.5 + 16.6 + 5.6


def test_women_share_falls_in_every_edition_as_published(estimates):
    women = shares_by_edition(estimates, "sex").loc["women"].tolist()
    assert women == [44.0, 42.0, 41.5, 38.7]


def test_fourth_edition_caveat_holds_for_the_data():
    # 167.7 - 30 = 137.7 million at most in 2013 by the 4th edition, against 150.3 in the 1st.
    implied_2013 = lm.headline_figure("ilo_migrant_workers_2022") - lm.headline_figure("ilo_migrant_workers_increase_2013_2022")
    assert round(implied_2013, 1) == 137.7 < lm.headline_figure("ilo_migrant_workers_2013")
    assert "150.3 million" in EDITIONS[4]["caveat"]


def test_reading_states_the_share_the_summaries_leave_unreported(estimates):
    reading = lm.describe_migrant_workers(estimates, "destination_income_group", 4)
    assert "68.4% (114.7 million) of the 167.7 million migrant workers were in high-income countries" in reading
    assert "(14.2% together)" in reading                      # 100 - 68.4 - 17.4
    assert "(13.1% together)" in lm.describe_migrant_workers(estimates, "destination_income_group", 3)
    assert "together" not in lm.describe_migrant_workers(estimates, "destination_income_group", 2)


def test_reading_sets_migrants_beside_non_migrants_where_the_edition_does(estimates):
    reading = lm.describe_migrant_workers(estimates, "sector", 4)
    assert "68.4% of employed migrant workers worked in services" in reading
    assert "Among non-migrant workers: 51.5% in services, 24.2% in industry, 24.3% in agriculture." in reading


def test_every_reading_ends_with_its_editions_method_caveat(estimates):
    for edition in EDITIONS:
        reading = lm.describe_migrant_workers(estimates, "sex", edition)
        assert reading.endswith("Method: " + EDITIONS[edition]["caveat"])


def test_no_figure_comes_from_an_unverified_row_and_every_key_is_in_the_bibliography(estimates):
    assert set(estimates["status"]) <= {"verified_primary", "verified_secondary", "computed"}
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    for key in estimates["citation_key"].unique():
        assert "{" + key + "," in bib, key


def test_default_view_is_the_saved_latest_edition_by_income_group(explorer):
    assert explorer.picker.index == 0
    assert explorer.view.alt.startswith("Migrant workers by destination income group, ILO 4th edition (2022).")
    assert "no separate figure for: lower-middle income, low income" in explorer.view.html


def test_a_breakdown_an_edition_lacks_is_refused_with_the_editions_that_have_it(explorer):
    before = explorer.image
    assert explorer.show("sector", 3) is False
    assert explorer.message_text() == ("No summary read for the course gives data by sector for the "
                                       "3rd edition; try the 1st edition and the 4th edition.")
    assert explorer.image == before


def test_controls_accept_the_labels_a_learner_sees(explorer):
    assert explorer.show("Sex", "1st edition (published 2015, data for 2013)") is True
    assert explorer.picker.label == "Women and men, 1st edition (2013)"
    assert explorer.selection.edition == 1


def test_chart_bars_and_markers_show_the_chosen_and_the_other_editions(explorer):
    explorer.show("sex", 2)
    ax = explorer.figure.axes[0]
    assert [round(bar.get_width(), 1) for bar in explorer.bars.patches] == [42.0, 58.0, 0.0, 0.0]
    assert list(explorer.markers[4].get_xdata()) == [38.7, 61.3]
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["Women", "Men"]
    assert list(explorer.others.get_xdata()) == []


def test_saved_views_cover_each_breakdown():
    assert {view.values["breakdown"] for view in MigrantWorkersExplorer.saved_views} == {
        "destination_income_group", "sector", "sex"}
