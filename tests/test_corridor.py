"""Corridors: the counts, shares, ranks and readings of the final assessment's case study.

Every expected number here was worked out by hand from UN DESA's bilateral migrant stock
(2024 edition): for the Philippines to Saudi Arabia in 2024, 470,137 women and 285,295 men.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import labour_migration as lm


@pytest.fixture(scope="module")
def corridors():
    return lm.load_corridors()


@pytest.fixture(scope="module")
def phl_sau(corridors):
    return lm.corridor_series(corridors, "PHL", "SAU")


def test_corridor_adds_up_women_and_men(phl_sau):
    assert phl_sau.at[2024, "migrants"] == 470_137 + 285_295 == 755_432
    assert phl_sau.at[2024, "female_migrants"] == 470_137
    assert phl_sau.at[1990, "migrants"] == 189_079 + 114_656


def test_shares_are_computed_against_the_right_totals(phl_sau):
    row = phl_sau.loc[2024]
    assert row["women_pct"] == pytest.approx(100 * 470_137 / 755_432)             # 62.2
    assert row["share_of_emigrants_pct"] == pytest.approx(100 * 755_432 / 6_988_383)   # all Filipino emigrants
    assert row["share_of_migrants_pct"] == pytest.approx(100 * 755_432 / 13_683_841)   # all migrants in Saudi Arabia


def test_ranks_place_the_corridor_among_all_destinations_and_origins(phl_sau):
    # The United States (2,263,697) and Canada (835,779) had more Filipinos than Saudi Arabia in 2024;
    # in 2020 Canada (702,144) had fewer than Saudi Arabia (730,715).
    assert phl_sau.at[2024, "destination_rank"] == 3
    assert phl_sau.at[2020, "destination_rank"] == 2
    # Bangladesh, Yemen, India, Pakistan, Egypt and Sudan sent more migrants to Saudi Arabia in 2024.
    assert phl_sau.at[2024, "origin_rank"] == 7


def test_corridor_records_whether_the_destination_counts_citizens_or_the_foreign_born(corridors):
    counted = corridors.drop_duplicates(["origin_code", "destination_code"]).set_index("destination_code")["counted_as"]
    assert counted["SAU"] == "foreign citizens" and counted["USA"] == "foreign-born"


def test_reading_gives_size_growth_women_ranks_and_the_counting_caveat(corridors):
    text = lm.describe_corridor(corridors, "PHL", "SAU")
    assert text.startswith("In 2024, 755,432 citizens of the Philippines lived in Saudi Arabia, 2.5 times as many "
                           "as in 1990 (303,735); 62% were women, against 22% of all the migrants")
    assert "the 3rd-largest destination of the Philippines' emigrants, with 10.8% of them" in text
    assert "the Philippines the 7th-largest origin of Saudi Arabia's migrants (5.5% of them)" in text
    assert "counts foreign citizens, not the foreign-born" in text


def test_reading_of_a_corridor_counted_by_birthplace_has_no_citizenship_caveat(corridors):
    text = lm.describe_corridor(corridors, "MEX", "USA")
    assert "people born in Mexico lived in the United States" in text
    assert "the largest destination of Mexico's emigrants" in text and "citizens" not in text


def test_unknown_corridor_names_the_known_ones(corridors):
    with pytest.raises(KeyError, match="PHL-SAU"):
        lm.corridor_series(corridors, "PHL", "QAT")


def test_corridor_chart_has_title_axis_labels_with_units_and_source(corridors):
    fig = lm.plot_corridor(corridors, "PHL", "SAU")
    ax = fig.axes[0]
    assert fig.get_suptitle() == "Citizens of the Philippines living in Saudi Arabia, 1990-2024"
    assert ax.get_ylabel() == "People (thousands)" and ax.get_xlabel().startswith("Year")
    sources = [t.get_text() for t in fig.texts]
    assert any(s.startswith("Source: UN DESA, International Migrant Stock 2024") for s in sources)
    assert any("counts foreign citizens" in s for s in sources)
    women = ax.patches[0]  # the first bar drawn is the women of 1990
    assert women.get_height() == pytest.approx(189.079)
    plt.close(fig)


def test_then_and_now_pairs_the_brief_year_with_the_latest(phl_sau):
    table = lm.corridor_then_and_now("PHL", "SAU").set_index(["measure", "unit"])
    corridor = table.loc[("Citizens of the Philippines living in Saudi Arabia", "persons")]
    assert corridor["ratio"] == pytest.approx(755_432 / 455_823)                       # 1.66: growth since 2005
    share = table.loc[("Remittances received by the Philippines", "% of GDP")]
    assert (share["then_year"], share["latest_year"]) == (2005, 2023)
    assert share["then_value"] == pytest.approx(12.78, abs=0.01) and share["latest_value"] == pytest.approx(8.94, abs=0.01)
    income = table.loc[("Income per person, the Philippines", "PPP, constant 2021 international $")]
    assert (income["then_value"], income["latest_value"]) == (5_387, 9_901)
