"""Remittances: the arithmetic the lesson teaches, checked against values computed by hand,
and what the remittance growth explorer and the cost calculator say to a learner.

The promises every explorer keeps (bad input, saved views, one redraw per change) are
checked for all of them in test_explorer_contract.py; this file checks the remittances' own.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import labour_migration as lm
from labour_migration import remittances as rm


@pytest.fixture(scope="module")
def flows():
    return lm.load_remittances()


@pytest.fixture(scope="module")
def lmic(flows):
    return lm.remittance_series(flows, "LMY")


@pytest.fixture(scope="module")
def explorer(flows):
    return lm.remittance_explorer(flows)


@pytest.fixture(scope="module")
def calculator():
    return lm.remittance_cost_calculator()


# --- growth ------------------------------------------------------------------------------

def test_growth_multiple_and_average_annual_growth_match_a_hand_calculation():
    # 50 -> 200 in 10 years: 200 / 50 = 4; 4 ** (1 / 10) = 1.148698, so 14.87% a year.
    assert rm.growth_multiple(50, 200) == 4.0
    assert rm.average_annual_growth(50, 200, 10) == pytest.approx(14.8698, abs=1e-4)
    # Doubling in one year is 100% growth; no change is 0%.
    assert rm.average_annual_growth(10, 20, 1) == pytest.approx(100.0)
    assert rm.average_annual_growth(10, 10, 7) == pytest.approx(0.0)


def test_growth_of_remittances_to_lmics_from_1990_to_2005_matches_the_data_by_hand(lmic):
    # From data/remittance_flows_by_group.csv: 29,409,371,491 (1990) and 171,254,947,573 (2005) US$.
    # 171254947573 / 29409371491 = 5.82314; 5.82314 ** (1/15) = 1.124632 -> 12.46% a year.
    growth = lm.growth_between(lmic, 1990, 2005)
    assert (growth.first_year, growth.last_year) == (1990, 2005)
    assert growth.first == 29_409_371_491 and growth.last == 171_254_947_573
    assert growth.multiple == pytest.approx(5.82314, abs=1e-5)
    assert growth.annual_pct == pytest.approx(12.4632, abs=1e-3)


def test_growth_starts_at_the_first_year_with_data_in_the_window(flows):
    # Nepal's remittances start in 1993: 54,825,104 US$; 2023: 10,764,... US$.
    growth = lm.growth_between(lm.remittance_series(flows, "NPL"), 1990, 2023)
    assert growth.first_year == 1993 and growth.first == 54_825_104
    assert growth.annual_pct == pytest.approx(100 * ((growth.last / growth.first) ** (1 / 30) - 1))


def test_a_window_with_one_year_of_data_has_no_growth(lmic):
    assert lm.growth_between(lmic, 2000, 2000) is None


# --- remittances against aid and FDI ------------------------------------------------------

def test_remittances_to_lmics_overtook_net_oda_in_1996(lmic):
    # 1995: 50.03 billion against 55.43 of ODA; 1996: 53.08 against 50.80, and above ever since.
    aid = rm.aid_comparison(lmic, 1990, 2023)
    assert (aid.status, aid.year, aid.last_year) == ("overtook", 1996, 2022)
    assert aid.ratio_last == pytest.approx(619.86 / 242.92, abs=0.01)


def test_overtaking_is_the_start_of_the_last_run_above_not_the_first_crossing():
    years = np.arange(2000, 2006.0)
    toy = rm.Series("T", "Toy", "country", years,
                    {"remittances": np.array([1, 3, 1, 5, 6, 7.]), "oda": np.full(6, 2.0),
                     "fdi": np.full(6, np.nan)}, {}, np.full(6, np.nan), 1)
    assert rm.compare_flows(toy, "oda", 2000, 2005).year == 2003
    assert rm.compare_flows(toy, "oda", 2003, 2005).status == "above"
    assert rm.compare_flows(toy, "oda", 2000, 2002).status == "below"
    assert rm.compare_flows(toy, "fdi", 2000, 2005).status == "missing"


@pytest.mark.parametrize("place, other, status, year", [
    ("SAS", "oda", "overtook", 1993),     # South Asia: 1993 is the first year of a run to 2022
    ("LIC", "oda", "never", None),        # low-income countries: aid larger in every year
    ("SSA", "oda", "never", None),        # Sub-Saharan Africa: aid larger every year
    ("LMY_EX_CHN", "fdi", "overtook", 2014),  # without China, remittances above FDI since 2014
])
def test_where_remittances_did_and_did_not_overtake(flows, place, other, status, year):
    result = rm.compare_flows(lm.remittance_series(flows, place), other, 1990, 2023)
    assert (result.status, result.year) == (status, year)


def test_countries_that_had_not_reported_are_counted_apart(flows):
    series = rm._all_series(flows)
    missing, share = rm.late_reporters(series, rm.load_remittance_group_members(), "LMY", 1990, 2023)
    assert missing == 58
    assert share == pytest.approx(20, abs=1)


def test_group_totals_are_the_sums_of_their_members(flows):
    members = rm.load_remittance_group_members()["LMY"]
    countries = flows[(flows["kind"] == "country") & flows["place_code"].isin(members) & (flows["year"] == 2010)]
    group = flows.query("place_code == 'LMY' and year == 2010").iloc[0]
    # Each value is rounded to the dollar, so the sums may differ by a dollar per country.
    assert countries["remittances_usd"].sum() == pytest.approx(group["remittances_usd"], abs=len(countries))
    assert countries["remittances_usd"].notna().sum() == group["remittances_reporting"]


def test_the_brief_figures_sit_beside_the_same_years_of_today(flows):
    table = lm.brief_beside_today(flows)
    assert table.loc[1990, "ILO brief (2008)"] == 57
    assert table.loc[1990, "WDI today (course data)"] == 29.4
    assert table.loc[2005, "KNOMAD, June 2023"] == 191.5
    assert table.loc[2006, "brief minus WDI"] == pytest.approx(207 - 201.4, abs=0.1)


# --- the cost of a transfer ---------------------------------------------------------------

def test_transfer_cost_and_gain_at_the_sdg_target_match_a_hand_calculation():
    # 200 sent, fee 8, margin 3%: 8 + 6 = 14 = 7% of 200; 186 arrives. At 3%: 6, so 8 more arrives,
    # 96 over 12 transfers.
    t = lm.transfer_cost(200, fee=8, margin_pct=3, per_year=12)
    assert (t.margin_cost, t.cost, t.cost_pct, t.arrives) == (6.0, 14.0, 7.0, 186.0)
    assert (t.cost_at_target, t.gain_at_target, t.gain_per_year) == (6.0, 8.0, 96.0)


def test_a_fixed_fee_costs_more_in_per_cent_on_a_smaller_amount():
    assert lm.transfer_cost(200, 12.36, 0).cost_pct == pytest.approx(6.18)
    assert lm.transfer_cost(100, 12.36, 0).cost_pct == pytest.approx(12.36)


def test_a_transfer_at_or_below_the_target_gains_nothing():
    assert lm.transfer_cost(200, 4, 1).gain_at_target == 0          # exactly 3%
    assert lm.transfer_cost(200, 0, 1).gain_at_target == 0          # 1%
    assert "already at or below the SDG target" in lm.describe_transfer(lm.transfer_cost(200, 0, 1))


# --- the growth explorer ------------------------------------------------------------------

def test_default_view_is_lmics_since_1990_with_aid_overtaken_in_1996(explorer):
    explorer.picker.index = 0
    assert explorer.controls["place"].value == "Low- and middle-income countries"
    assert "have exceeded net ODA every year since 1996" in explorer.view.reading
    assert 'alt="Remittances, aid and investment: Low- and middle-income countries, 1990-2023.' in explorer.image


def test_the_brief_years_view_warns_that_countries_entered_the_count(explorer):
    explorer.picker.index = 1
    reading = explorer.view.reading
    assert "grew 5.8-fold" in reading and "12.5% a year" in reading
    assert "58 of the group's 136 countries had no data in 1990" in reading


def test_a_group_typed_by_its_short_name_is_found(explorer):
    assert explorer.show(place="Sub-Saharan Africa", years=(1990, 2023))
    assert "Net ODA was larger than remittances in 2022" in explorer.view.reading
    assert explorer.show(place="LMIC")
    assert explorer.selection.place == "LMY"


def test_log_scale_leaves_out_negative_fdi_with_a_note(explorer):
    # FDI net inflows to low- and middle-income Europe and Central Asia were negative in 2022.
    assert explorer.show(place="ECA", measure="usd", scale="log", years=(2015, 2023))
    assert "logarithmic scale cannot show zero or negative values" in explorer.view.note
    fdi = explorer.figure.axes[0].lines[2]
    assert 2022 not in fdi.get_xdata() and (np.asarray(fdi.get_ydata()) > 0).all()
    assert "FDI net inflows were -US$" not in explorer.view.reading  # 2023 is positive again


@pytest.mark.parametrize("values, expected", [
    ({"place": "Nepal", "years": (1970, 1985)}, "There are no remittance data for Nepal in 1970-1985"),
    ({"place": "LMY", "measure": "gdp", "years": (1970, 1985)}, "Shares of GDP need GDP"),
    ({"place": "Atlantis"}, "'Atlantis' is not a country or group in the data"),
    ({"place": ""}, "Choose a country or group first"),
    ({"place": 7}, "Type a name such as Nepal"),
    ({"measure": "volume"}, "is not a measure in the data"),
    ({"years": (1960, 2023)}, "The data cover 1970 to 2023"),
])
def test_bad_input_is_answered_in_words_a_learner_understands(explorer, values, expected):
    explorer.show(place="LMY", measure="usd", scale="linear", years=(1990, 2023))
    before = explorer.image
    assert explorer.show(**values) is False
    assert expected in explorer.message_text()
    assert explorer.image == before


def test_changing_the_years_within_five_year_marks_reuses_the_background(explorer):
    explorer.show(place="LMY", measure="usd", scale="linear", years=(1990, 2023))
    drawn = explorer.chart.full_draws
    for start in (1991, 1992, 1993):
        explorer.show(years=(start, 2023))
    assert explorer.chart.full_draws == drawn


# --- the cost calculator ------------------------------------------------------------------

def test_calculator_default_is_the_world_average_cost(calculator):
    calculator.picker.index = 0
    reading = calculator.view.reading
    assert "costs US$12.36, 6.18% of the amount sent" in reading
    assert "US$6.36 more for the family each time, US$76.32 over 12 transfers a year" in reading
    assert "In 2023Q3, the world average cost of sending US$200 was 6.18%" in reading


def test_calculator_reads_a_countrys_cost_history(calculator):
    assert calculator.show(amount=200, fee=8, margin=3, per_year=12, place="Nepal")
    assert "In 2020, sending US$200 to Nepal cost on average 4.54% of the amount (2011: 5.58%)." in \
        calculator.view.reading
    assert "costs US$14.00, 7.00% of the amount sent, so US$186.00 arrives" in calculator.view.reading


@pytest.mark.parametrize("values, expected", [
    ({"amount": 50, "fee": 50}, "The fee must be smaller than the amount sent"),
    ({"amount": 100, "fee": 60, "margin": 45}, "nothing would arrive"),
    ({"margin": -2}, "exchange-rate margin must be between 0 and 50"),
    ({"per_year": 0.5}, "number of transfers a year must be between 1 and 365"),
    ({"amount": math.inf}, "must be an ordinary number"),
    ({"place": "Atlantis"}, "'Atlantis' is not a country or region in the data"),
])
def test_calculator_refuses_impossible_transfers_with_a_message(calculator, values, expected):
    calculator.show(amount=200, fee=8, margin=3, per_year=12, place="World")
    before = calculator.image
    assert calculator.show(**values) is False
    assert expected in calculator.message_text()
    assert calculator.image == before


# --- the lesson's numbers ------------------------------------------------------------------

def test_sdg_target_in_the_code_is_the_published_target():
    assert rm.SDG_TARGET_PCT == lm.headline_figure("sdg10c_remittance_cost_target")
    assert rm.SDG_CORRIDOR_MAX_PCT == lm.headline_figure("sdg10c_corridor_cost_ceiling")


def test_numbers_the_lesson_quotes_match_the_data(flows):
    # Each figure below is written out in notebooks/02_remittances.ipynb; if the data are
    # rebuilt and one moves, the lesson's text must be checked again.
    group = {code: flows[flows["place_code"] == code].set_index("year") for code in ("LMY", "LMY_EX_CHN", "LIC", "SAS")}
    lmy = group["LMY"]
    billion = lambda table, column, year: round(float(table.at[year, column]) / 1e9, 1)  # noqa: E731
    assert billion(lmy, "remittances_usd", 1990) == 29.4 and billion(lmy, "remittances_usd", 2023) == 632.7
    assert (billion(lmy, "remittances_usd", 1996), billion(lmy, "oda_usd", 1996)) == (53.1, 50.8)
    assert round(float(lmy.at[2006, "remittances_usd"] / lmy.at[2006, "oda_usd"]), 1) == 1.9
    assert all(lmy.at[y, "remittances_usd"] > 2 * lmy.at[y, "oda_usd"] for y in range(2007, 2023))
    assert round(float(lmy.at[2022, "remittances_usd"] / lmy.at[2022, "oda_usd"]), 1) == 2.6
    change = 100 * lmy[["remittances_usd", "fdi_usd"]].astype(float).pct_change()
    assert round(change.at[2009, "remittances_usd"], 1) == -3.6 and round(change.at[2009, "fdi_usd"], 1) == -31.6
    china = 1 - group["LMY_EX_CHN"].at[2021, "fdi_usd"] / lmy.at[2021, "fdi_usd"]
    assert round(100 * float(china)) == 45
    assert (billion(group["LIC"], "oda_usd", 2022), billion(group["LIC"], "remittances_usd", 2022)) == (46.2, 19.6)
    assert (billion(group["SAS"], "remittances_usd", 2022), billion(group["SAS"], "oda_usd", 2022)) == (176.6, 15.5)
    top = lm.top_recipients(flows, 2023, "usd", 10)
    assert top["remittances_usd_billion"].iloc[0] == 119.5 and top.index[0] == "India"
    assert round(100 * top["remittances_usd_billion"].sum() / 632.7) == 60
    averages = lm.load_remittance_cost_averages().set_index(["region", "quarter", "average"])["cost_pct"]
    assert averages[("World", "2011Q3", "simple")] == 9.30 and averages[("World", "2023Q3", "simple")] == 6.18
    assert averages[("World", "2023Q3", "weighted")] == 4.78
    assert averages[("Sub-Saharan Africa", "2023Q3", "simple")] == 7.39
