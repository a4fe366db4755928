"""The 3Ds topic: its chart, its plain-language reading and what its explorer says to a learner.

The promises every explorer keeps (bad input, saved views, one redraw per change) are
checked for all of them in test_explorer_contract.py; this file checks the 3Ds' own.
"""

from __future__ import annotations

import math

import pytest

import labour_migration as lm
from labour_migration.three_ds import ThreeDsExplorer


@pytest.fixture(scope="module")
def three_ds():
    return lm.load_three_ds()


@pytest.fixture
def explorer(three_ds):
    return lm.three_ds_explorer(three_ds)


def test_default_view_is_the_saved_mexico_to_united_states_view(explorer):
    assert explorer.controls["origin"].value == "Mexico"
    assert explorer.controls["destination"].value == "United States"
    assert explorer.picker.index == 0 and explorer.views.selected_index == 0
    assert 'alt="The 3Ds: Mexico (origin) and United States (destination), 1990-2023.' in explorer.image
    assert "3.4 times that in Mexico" in explorer.view.reading


def test_typing_another_pair_draws_it_as_your_own_choice(explorer):
    figure = explorer.figure
    explorer.controls["origin"].value = "Brazil"
    explorer.controls["destination"].value = "Portugal"
    assert explorer.figure is figure
    assert "Brazil (origin) and Portugal (destination)" in figure.get_suptitle()
    assert explorer.picker.label == "Your own choice"
    assert explorer.views.selected_index == len(ThreeDsExplorer.saved_views)
    assert "Portugal" in explorer.live.value


def test_choosing_a_saved_pair_by_hand_shows_the_saved_view(explorer):
    assert explorer.show("Nepal", "Qatar", (1990, 2023))
    assert explorer.picker.label.startswith("Nepal")


def test_slider_narrows_the_years_on_the_chart(explorer):
    explorer.controls["years"].value = (2005, 2015)
    low, high = explorer.figure.axes[0].get_xlim()
    assert 2004 <= low < 2005 and 2015 < high <= 2016
    line = explorer.figure.axes[0].lines[0]
    assert line.get_xdata().min() >= 2005 and line.get_xdata().max() <= 2015


@pytest.mark.parametrize("origin, destination, years, expected", [
    ("Atlantis", "USA", (1990, 2023), "'Atlantis' is not a country in the data"),
    ("MEX", "Mexico", (1990, 2023), "Origin and destination are the same country"),
    ("", "USA", (1990, 2023), "Choose an origin country first"),
    ("MEX", "   ", (1990, 2023), "Choose a destination country first"),
    (42, "USA", (1990, 2023), "Type a country name such as Mexico, not int 42"),
    ("MEX", "USA", (1980, 2023), "The data cover 1990 to 2023"),
    ("MEX", "USA", (2010, 2000), "The first year must not come after the last year"),
    ("MEX", "USA", (math.nan, 2000), "Years must be whole numbers"),
    ("MEX", "USA", "recent", "Give the years as a pair"),
])
def test_bad_input_is_answered_in_words_a_learner_understands(explorer, origin, destination, years, expected):
    assert explorer.show(origin, destination, years) is False
    assert expected in explorer.message_text()


def test_country_without_data_for_one_driver_is_drawn_with_a_note(explorer):
    assert explorer.show("Aruba", "United States", (1990, 2023)) is True
    assert "No data for Aruba on Democracy" in explorer.view.html


def test_reading_states_the_income_ratio_and_the_freedom_ratings_by_year_covered(three_ds):
    reading = lm.describe_three_ds_gap(three_ds, "NPL", "QAT")
    assert "23.9 times that in Nepal" in reading
    assert "Freedom House ratings in 2022 (Freedom in the World 2023)" in reading
    assert "Nepal partly free, 58/100" in reading and "Qatar not free, 25/100" in reading


def test_freedom_house_values_exist_for_countries_whose_names_differ_between_sources(three_ds):
    rated = set(three_ds.dropna(subset=["freedom_score"])["country_code"])
    assert {"BOL", "MDA", "NLD", "TZA", "VNM", "XKX"} <= rated


def test_most_country_changes_reuse_the_drawn_background(explorer):
    pairs = [("BRA", "PRT"), ("BGD", "MYS"), ("TUR", "DEU"), ("MAR", "FRA")]
    for pair in pairs:
        explorer.show(*pair, (1990, 2023))
    drawn = explorer.chart.full_draws
    for pair in pairs * 2:
        explorer.show(*pair, (1990, 2023))
    assert explorer.chart.full_draws == drawn
