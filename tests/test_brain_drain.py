"""The brain drain topic: its numbers checked by hand, its readings, and what its two explorers
say to a learner.

The promises every explorer keeps (bad input of every kind, saved views, one redraw per
change) are checked for all of them in test_explorer_contract.py; this file checks the
calculations and the honesty of the labels: what is sourced, what is an assumption, and
what the physician data cannot show.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import labour_migration as lm
from labour_migration.brain_drain import (BrainDrainExplorer, TrainingCostSimulation, brain_drain_by_country,
                                          describe_training_cost, physician_counts)
from labour_migration.course import lessons


@pytest.fixture(scope="module")
def data():
    return lm.load_brain_drain()


@pytest.fixture(scope="module")
def split(data):
    return brain_drain_by_country(data)


@pytest.fixture
def explorer(data):
    explorer = lm.brain_drain_explorer(data)
    # Draw every selection, so the figure's artists always match the chart on screen (a
    # selection equal to a saved view would otherwise show that view's stored picture).
    explorer.reuse_saved_views = False
    return explorer


@pytest.fixture
def simulation(data):
    simulation = lm.training_cost_simulation(data)
    simulation.reuse_saved_views = False
    return simulation


# --- the training-cost arithmetic, against hand-computed values -----------------------------

@pytest.mark.parametrize("cost, workers, years, investment, service", [
    (21_000, 100, 30, 2_100_000, 3_000),      # 21,000 x 100; 100 x 30
    (58_700, 40, 10, 2_348_000, 400),         # 58,700 x 40;  40 x 10
    (21_000, 50, 8, 1_050_000, 400),          # the lesson's Exercise 3
    (100, 1, 1, 100, 1),                      # the smallest inputs the simulation accepts
])
def test_training_cost_multiplies_cost_by_workers_and_workers_by_years(cost, workers, years, investment, service):
    assert lm.training_cost(cost, workers, years) == {"training_investment_usd": investment,
                                                      "service_years_lost": service}


def test_physicians_at_home_are_density_times_population_of_the_same_year(data):
    # Uganda 2022: 0.168 physicians per 1,000 people x 47,312,718 people / 1,000 = 7,948.5
    assert physician_counts(data)["UGA"] == (2022, 7949)


def test_a_country_without_physician_data_has_no_count(data):
    assert "SOM" not in physician_counts(data)


def test_simulation_draws_the_hand_computed_totals(simulation):
    money, service = simulation.figure.axes
    assert simulation.show(country="Uganda", cost=21_000, workers=100, years=30)
    assert money.patches[0].get_height() == pytest.approx(2.1)          # USD 2,100,000 in millions
    assert money.get_ylabel() == "USD million"
    x, y = service.lines[0].get_data()
    assert (x[-1], y[-1]) == (30, 3_000) and y[10] == 1_000              # 100 workers x 10 years
    assert "USD 2.1 million" in simulation.view.reading and "3,000 years" in simulation.view.reading
    assert "7,900 physicians in 2022" in simulation.view.reading and "1.3%" in simulation.view.reading  # 100/7,949


# --- what is sourced, and what is assumed ---------------------------------------------------

def _assumptions(simulation):
    """The assumptions box as the learner reads it, top to bottom (one text per line)."""
    lines = sorted(simulation.figure.texts[-6:], key=lambda text: -text.get_position()[1])
    return "\n".join(text.get_text() for text in lines)


def test_only_the_sourced_training_costs_are_labelled_as_sourced(simulation):
    assert simulation.show(country="Uganda", cost=21_000, workers=100, years=30)
    assert ("USD 21,000 (sourced: Mills et al. 2011, the public cost of a doctor's education in Uganda)"
            in _assumptions(simulation))
    assert "100 (assumed, not data)" in _assumptions(simulation)
    assert "30 years each (assumed, not data)" in _assumptions(simulation)
    assert simulation.show(cost=58_700)
    assert "USD 58,700 (sourced: Mills et al. 2011" in _assumptions(simulation)
    assert simulation.show(cost=20_000)
    assert "USD 20,000 (assumed, not data)" in _assumptions(simulation)
    assert "sourced" not in simulation.view.reading


def test_the_sourced_costs_are_the_published_figures():
    assert lm.headline_figure("mills2011_doctor_education_cost_uganda") == 21_000
    assert lm.headline_figure("mills2011_doctor_education_cost_south_africa") == 58_700


def test_every_assumption_and_what_is_not_counted_is_on_the_chart(simulation):
    text = _assumptions(simulation)
    assert text.startswith("Assumptions (each one is yours to change):")
    assert text.endswith("the incentive to study")
    for words in ("Training cost per health worker", "Health workers who leave", "Years of service",
                  "For scale", "Not counted: interest, inflation, remittances, return"):
        assert words in text


@pytest.mark.parametrize("name, raw, expected", [
    ("cost", 0, "between 100 and 2,000,000"),
    ("cost", -21_000, "between 100 and 2,000,000"),
    ("cost", "", "Enter the training cost"),
    ("cost", math.nan, "ordinary number"),
    ("cost", 1e15, "between 100 and 2,000,000"),
    ("cost", "twenty thousand", "must be a number"),
    ("workers", 0, "between 1 and 1,000,000"),
    ("workers", 2.5, "whole number"),
    ("workers", [100], "must be a number"),
    ("years", 0, "between 1 and 45"),
    ("years", 60, "between 1 and 45"),
    ("years", True, "must be a number"),
    ("country", "Atlantis", "not a country in the data"),
    ("country", "Somalia", "no physician data for Somalia"),
])
def test_simulation_answers_bad_input_with_a_message_and_keeps_its_chart(simulation, name, raw, expected):
    before = simulation.image
    assert simulation.show(**{name: raw}) is False
    assert expected in simulation.message_text()
    assert simulation.image == before


# --- the brain drain explorer: rates, the threshold and the WHO list ------------------------

def test_default_view_is_the_saved_ghana_view(explorer):
    assert explorer.controls["origin"].value == "Ghana"
    assert explorer.picker.index == 0
    assert 'alt="Brain drain: Ghana, 1990-2024.' in explorer.image


def test_ghana_markers_sit_at_the_published_rates(explorer):
    assert explorer.show("Ghana")
    emigration = explorer.figure.axes[0]
    points = {line.get_label(): tuple(np.ravel(line.get_data())) for line in emigration.lines[1:]}
    assert points["Tertiary-educated people"] == (2000, 47.0)
    assert points["Physicians born there, working abroad"] == (2000, 56.0)
    assert points["Physicians trained there, living abroad"] == (2000, 37.0)
    assert points["Physicians trained there, working in OECD countries"] == (2002, 22.0)
    labels = [text.get_text() for text in emigration.texts if text.get_visible()]
    assert "more than 37% (World Bank 2011)" in labels and "56% (Clemens & Pettersson 2008)" in labels


def test_skilled_rate_is_about_twenty_one_times_the_total_rate_in_ghana(split):
    years, rates = split["GHA"]["emigration"]
    total = rates[years == 2000][0]
    tertiary = next(s["value"] for s in split["GHA"]["skilled"] if s["measure"] == "tertiary_emigration_rate")
    assert (total, tertiary) == (2.22, 47.0)
    assert round(tertiary / total, 2) == 21.17                               # 47 / 2.22


def test_reading_names_the_total_rate_a_proxy_and_gives_its_years(explorer):
    reading = explorer.view.reading
    assert reading.startswith("Ghana: 3.0% of its people lived abroad in 2024 (about 1.1 million), "
                              "against 2.2% in 1990.")
    assert "a proxy for the brain drain, not a measure of it" in reading
    assert "more than 37% of physicians trained there, living abroad" in reading


@pytest.mark.parametrize("origin, words", [
    ("Ghana", "below WHO's 2006 threshold of 2.28, which counts doctors, nurses and midwives together"),
    ("Cuba", "physicians alone pass WHO's 2006 threshold of 2.28"),
])
def test_physicians_alone_can_show_a_country_above_the_threshold_never_below(explorer, origin, words):
    assert explorer.show(origin)
    assert words in explorer.view.reading


@pytest.mark.parametrize("origin, words", [
    ("Eritrea", "Eritrea is one of the 57 countries on WHO's 2006 list"),
    ("Plurinational State of Bolivia", "is not one of the 57 countries"),
    ("Ghana", "is not verified in the course's sources"),
])
def test_who_2006_list_is_marked_only_where_verified(explorer, origin, words):
    assert explorer.show(origin)
    assert words in explorer.view.reading
    assert explorer.figure.texts[-1].get_text().startswith("WHO 2006 list of 57 countries in crisis:")


def test_a_window_without_2000_hides_the_published_rates(explorer):
    assert explorer.show("Ghana", (2005, 2024))
    markers = explorer.figure.axes[0].lines[1:]
    assert all(len(line.get_xdata()) == 0 for line in markers)
    assert "Published rates" not in explorer.view.reading
    low, high = explorer.figure.axes[0].get_xlim()
    assert (low, high) == (2004, 2025)


def test_a_break_in_the_physician_series_is_noted(explorer):
    assert explorer.show("Philippines")
    assert "changed definition around 2010" in explorer.view.note


def test_a_country_without_physician_data_still_shows_its_emigration(explorer):
    assert explorer.show("Somalia")
    assert explorer.figure.axes[1].lines[0].get_xdata().size == 0
    assert "There are no physician data for Somalia" in explorer.view.reading


def test_years_in_which_nothing_was_counted_get_a_message(explorer):
    before = explorer.image
    assert explorer.show("Ghana", (1991, 1994)) is False
    assert "There are no data for Ghana in 1991-1994" in explorer.message_text()
    assert explorer.image == before


def test_both_explorers_are_registered_and_named_in_the_lesson():
    lesson = next(lesson for lesson in lessons() if lesson.id == "03_skills_on_the_move")
    assert {BrainDrainExplorer.name, TrainingCostSimulation.name} == set(lesson.explorers)


def test_describe_training_cost_without_a_country_count_says_nothing_of_scale():
    text = describe_training_cost("Somalia", 21_000, 10, 5)
    assert "USD 210,000" in text and "50 years" in text and "For scale" not in text


# --- diasporas ------------------------------------------------------------------------------

def test_largest_diasporas_are_counted_from_the_2024_edition():
    top = lm.largest_diasporas(lm.load_emigration())
    india = top.iloc[0]
    assert (india["country_name"], india["emigrants_1990"], india["emigrants_2024"]) == ("India", 6_575_416, 18_533_845)
    assert india["growth_multiple"] == 2.82                                  # 18,533,845 / 6,575,416
    assert top["country_code"].tolist()[:3] == ["IND", "CHN", "MEX"]
