"""The 3Ds explorer redraws in place and answers bad input with a message, never a traceback."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pytest

import labour_migration as lm
from labour_migration.explorers import ExplorerInputError, check_years, find_country


@pytest.fixture(scope="module")
def three_ds():
    return lm.load_three_ds()


@pytest.fixture
def explorer(three_ds):
    return lm.three_ds_explorer(three_ds)


def message(explorer) -> str:
    return explorer.message.value


def test_default_view_shows_mexico_and_united_states_with_a_reading(explorer):
    assert explorer.origin.value == "Mexico" and explorer.destination.value == "United States"
    assert "<img" in explorer.chart.value and 'alt="The 3Ds: Mexico (origin)' in explorer.chart.value
    assert "times that in Mexico" in explorer.reading.value
    assert message(explorer) == ""


def test_changing_a_control_updates_the_same_figure(explorer):
    figure, before = explorer.figure, explorer.chart.value
    explorer.origin.value = "Nepal"
    explorer.destination.value = "Qatar"
    assert explorer.figure is figure
    assert explorer.chart.value != before
    assert "Nepal (origin) and Qatar (destination)" in figure._suptitle.get_text()
    assert "Qatar" in explorer.reading.value


def test_slider_narrows_the_years_on_the_chart(explorer):
    explorer.years.value = (2005, 2015)
    low, high = explorer.figure.axes[0].get_xlim()
    assert 2004 <= low < 2005 and 2015 < high <= 2016


@pytest.mark.parametrize("origin, destination, years, expected", [
    ("Atlantis", "USA", (1990, 2023), "'Atlantis' is not a country in the data"),
    ("MEX", "Mexico", (1990, 2023), "Origin and destination are the same country"),
    ("", "USA", (1990, 2023), "Choose an origin country first"),
    (None, "USA", (1990, 2023), "Choose an origin country first"),
    ("MEX", "   ", (1990, 2023), "Choose a destination country first"),
    (42, "USA", (1990, 2023), "Type a country name such as Mexico, not int 42"),
    ("MEX", "USA", (1980, 2023), "The data cover 1990 to 2023"),
    ("MEX", "USA", (1990, 2050), "The data cover 1990 to 2023"),
    ("MEX", "USA", (2010, 2000), "The first year must not come after the last year"),
    ("MEX", "USA", (math.nan, 2000), "Years must be whole numbers"),
    ("MEX", "USA", (-5, 2000), "The data cover 1990 to 2023"),
    ("MEX", "USA", ("1990", 2000), "Years must be whole numbers"),
    ("MEX", "USA", "recent", "Give the years as a pair"),
    ("MEX", "USA", None, "Give the years as a pair"),
])
def test_bad_input_gets_a_short_message_and_keeps_the_last_chart(explorer, origin, destination, years, expected):
    before = explorer.chart.value
    assert explorer.show(origin, destination, years) is False
    assert expected in message(explorer)
    assert "Traceback" not in message(explorer) and len(message(explorer)) < 300
    assert explorer.chart.value == before


def test_unknown_country_typed_in_the_box_is_answered_in_the_output_area(explorer):
    explorer.origin.value = "Narnia"
    assert "'Narnia' is not a country in the data" in message(explorer)


def test_country_without_data_for_one_driver_is_drawn_with_a_note(explorer):
    assert explorer.show("Aruba", "United States", (1990, 2023)) is True
    assert "No data for Aruba on Democracy" in message(explorer)


def test_country_without_any_data_in_the_window_is_refused(three_ds):
    recent_only = three_ds[(three_ds["country_code"] != "ABW") | (three_ds["year"] > 2015)]
    explorer = lm.three_ds_explorer(recent_only)
    assert explorer.show("Aruba", "Mexico", (1990, 2000)) is False
    assert "There are no data for Aruba in 1990-2000" in message(explorer)


def test_good_input_after_bad_input_clears_the_message(explorer):
    explorer.show("Atlantis", "USA", (1990, 2023))
    assert explorer.show("Philippines", "Saudi Arabia", (1990, 2023)) is True
    assert message(explorer) == ""


def test_names_and_codes_are_found_whatever_their_case(three_ds):
    assert find_country(three_ds, " mexico ") == "MEX"
    assert find_country(three_ds, "qat") == "QAT"


def test_check_years_accepts_whole_floats_and_refuses_booleans():
    assert check_years((1990.0, 2000), 1990, 2023) == (1990, 2000)
    with pytest.raises(ExplorerInputError):
        check_years((True, 2000), 1990, 2023)


def test_reading_states_the_income_ratio_and_freedom_ratings(three_ds):
    reading = lm.describe_three_ds_gap(three_ds, "NPL", "QAT")
    assert "23.9 times that in Nepal" in reading
    assert "Nepal partly free, 58/100" in reading and "Qatar not free, 25/100" in reading


def test_explorer_does_not_leave_figures_open_in_pyplot(three_ds):
    plt.close("all")
    lm.three_ds_explorer(three_ds)
    assert plt.get_fignums() == []
