"""The instruments topic: who has ratified what, the counts the lesson quotes, and the explorer.

The promises every explorer keeps (bad input, saved views, one redraw per change) are checked
for all of them in test_explorer_contract.py; this file checks the instruments' own numbers
against values counted by hand from the sources, and what the explorer says to a learner.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import pytest

import labour_migration as lm
from labour_migration.instruments import (InstrumentsExplorer, country_record, decimal_year, list_coverage,
                                          plot_icrmw_by_region, plot_icrmw_party_shares, plot_instrument_timeline)

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference-data"


@pytest.fixture(scope="module")
def data():
    return lm.load_instrument_data()


@pytest.fixture
def explorer(data):
    return lm.instruments_explorer(data)


@pytest.fixture
def drawing(explorer):
    """The explorer, drawing every selection (a saved view is otherwise shown as stored)."""
    explorer.reuse_saved_views = False
    return explorer


# --- the data --------------------------------------------------------------------------------

def test_un_convention_list_covers_the_193_un_member_states_with_59_dated_parties(data):
    icrmw = data.ratifications[data.ratifications["instrument_id"] == "ICRMW"]
    assert len(icrmw) == 193
    assert icrmw["status"].value_counts().to_dict() == {"no action": 123, "party": 59, "signatory": 11}
    parties = icrmw[icrmw["status"] == "party"]
    assert parties["date"].notna().all()
    # The two accessions after the May 2022 copy, with their dates in the UN Treaty Collection.
    assert parties.set_index("country_code").loc[["MWI", "CIV"], "date"].tolist() == ["2022-09-23", "2023-09-26"]


@pytest.mark.parametrize("year, parties", [(2002, 19), (2003, 24), (2007, 37), (2019, 55), (2023, 59)])
def test_parties_to_the_un_convention_by_the_end_of_each_year(data, year, parties):
    # Counted by hand from the UN Treaty Collection's dates: 19 before entry into force (the
    # 20th joined in March 2003), 37 when the brief was written, 55 as reported for Dec 2019.
    assert lm.ratification_counts(data.ratifications, "ICRMW").loc[year] == parties


def test_every_published_count_of_un_convention_parties_up_to_2023_matches_the_dated_list(data):
    totals = data.totals[(data.totals["instrument_id"] == "ICRMW") & (data.totals["counted"] == "states parties")]
    parties = data.ratifications[(data.ratifications["instrument_id"] == "ICRMW")
                                 & (data.ratifications["status"] == "party")]
    checked = 0
    for _, total in totals[totals["when"] < 2024].iterrows():
        # A count dated to a month describes that month: every party dated up to its end.
        cutoff = total["when"] + (1 / 24 if len(total["as_of"]) == 7 else 0) + 1e-6
        assert (parties["when"] <= cutoff).sum() == total["count"], total["as_of"]
        checked += 1
    assert checked == 4


def test_un_convention_parties_by_region(data):
    parties = data.ratifications[(data.ratifications["instrument_id"] == "ICRMW")
                                 & (data.ratifications["status"] == "party")]
    assert parties["region"].value_counts().to_dict() == {"Africa": 28, "Americas": 18, "Asia": 10,
                                                          "Europe": 2, "Oceania": 1}
    assert set(parties.loc[parties["region"] == "Europe", "country_name"]) == {"Albania", "Bosnia and Herzegovina"}


def test_headline_counts_of_parties_agree_with_the_ratification_list(data):
    counts = lm.ratification_counts(data.ratifications, "ICRMW")
    assert lm.headline_figure("icrmw_parties_2023") == counts.loc[2023] == 59
    assert lm.headline_figure("icrmw_parties_2007") == counts.loc[2007] == 37


def test_party_shares_of_states_migrants_and_emigrants(data):
    shares = lm.icrmw_party_shares(data, lm.load_migrant_stock_by_destination(), lm.load_emigration())
    # 59 of 193 UN member States; migrants living in the 59 in 2024, of all migrants by
    # destination; emigrants born in them, of all emigrants whose origin is named.
    assert shares["in_parties"].tolist() == [59, 40_639_643, 100_041_031]
    assert shares["total"].tolist() == [193, 303_936_274, 281_955_848]
    assert shares["share_pct"].round(2).tolist() == [30.57, 13.37, 35.48]


@pytest.mark.parametrize("instrument, listed, dated, total, complete", [
    ("ICRMW", 59, 59, 60, True),     # complete to September 2023; a later report says 60
    ("C97", 32, 31, 54, False),      # A to Malaysia on NORMLEX's page, and the Netherlands
    ("C143", 17, 17, 25, False),     # 17 of the 23 of 2013
    ("C189", 30, 30, 35, True),      # the Swiss list of October 2020 is complete
    ("P029", 14, 7, 50, False),      # 7 dated, 7 known without a date
])
def test_how_far_each_list_of_ratifications_reaches(data, instrument, listed, dated, total, complete):
    coverage = list_coverage(data, instrument)
    assert (coverage["listed"], coverage["dated"], coverage["total"], coverage["complete"]) == (
        listed, dated, total, complete)


def test_no_row_comes_from_a_source_marked_not_verified(data):
    for table in (data.instruments, data.ratifications, data.totals):
        assert set(table["source_status"]) <= {"verified_primary", "verified_secondary", "local_file", "computed"}


def test_every_citation_key_of_the_instrument_tables_is_in_the_bibliography(data):
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    keys = set(data.instruments["citation_key"]) | set(data.ratifications["citation_key"]) | set(
        data.totals["citation_key"])
    assert {key for key in keys if "{" + key + "," not in bib} == set()


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference extracts are not beside the course")
def test_build_script_reproduces_the_ratification_tables():
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_data

    countries = lm.load_countries()
    for name, table in build_data.build_instrument_tables(REFERENCE, countries).items():
        assert table.to_csv(index=False) == (ROOT / "data" / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("date, year", [("2003-07-01", 2003.4959), ("2013", 2013.5), ("2020-11", 2020.875),
                                        ("2024-12-31", 2024.9973)])
def test_dates_become_years_with_a_fraction(date, year):
    assert decimal_year(date) == pytest.approx(year, abs=1e-4)


# --- the readings ----------------------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("PHL", {"ICRMW": ("party", 1995), "C143": ("party", 2006), "C189": ("party", 2012),
             "C97": ("not listed", None), "P029": ("not listed", None)}),
    ("ARM", {"ICRMW": ("signatory", 2013), "C97": ("party", 2006), "C143": ("party", 2006)}),
    ("NPL", {"ICRMW": ("not a party", None), "C189": ("not a party", None)}),
    ("NLD", {"C97": ("party", None), "P029": ("party", 2017)}),
])
def test_a_country_record_tells_parties_signatories_and_gaps_in_partial_lists_apart(data, code, expected):
    record = country_record(data, code)
    assert {i: record[i][:2] for i in expected} == expected


def test_country_reading_says_what_was_ratified_and_which_lists_are_incomplete(data):
    reading = lm.describe_country_ratifications(data, "DEU", "Germany")
    assert reading.startswith("Germany: not a party to the UN Convention (September 2023); ratified C97 (1959)")
    assert "whose lists are incomplete" in reading
    assert "signed the UN Convention in 2013 but has not ratified it" in lm.describe_country_ratifications(data, "ARM", "Armenia")
    assert "sources differ on which Congo" in lm.describe_country_ratifications(data, "COD", "Democratic Republic of the Congo")


def test_instrument_reading_gives_the_latest_count_and_the_regional_first_and_latest(data):
    reading = lm.describe_ratifications(data, "ICRMW", "Americas")
    assert "adopted in 1990 and entered into force in 2003" in reading
    assert "In the Americas, 18 states had ratified by September 2023, the first Colombia in 1995" in reading
    partial = lm.describe_ratifications(data, "C97", "World")
    assert "54 ratifications (October 2023)" in partial and "dates for only 31 of them" in partial


# --- the explorer ----------------------------------------------------------------------------

def test_default_view_is_the_saved_un_convention_view(explorer):
    assert explorer.picker.index == 0 and explorer.views.selected_index == 0
    assert explorer.controls["country"].value == "Philippines"
    assert "Philippines: a party to the UN Convention since 1995" in explorer.view.reading
    assert 'alt="Ratifications: UN Convention (1990) worldwide; Philippines\' record.' in html.unescape(explorer.image)


@pytest.mark.parametrize("values, expected", [
    (dict(instrument="C200"), "'C200' is not a convention or protocol in the data"),
    (dict(instrument=""), "Choose a convention or protocol first"),
    (dict(region="Mars"), "'Mars' is not a region in the data"),
    (dict(region=None), "Choose a region first"),
    (dict(country="Atlantis"), "'Atlantis' is not a country in the data"),
    (dict(country="  "), "Choose a country first"),
    (dict(country="Aruba"), "'Aruba' is not a country in the data"),   # not a UN member State
    (dict(instrument="C143", region="Oceania"), "The course's data hold no dated ratification of C143"),
    (dict(instrument="P029", region="Asia"), "its list has 7 dated of 50"),
])
def test_unknown_or_empty_choices_get_a_message_and_keep_the_chart(explorer, values, expected):
    before = explorer.image
    assert explorer.show(**values) is False
    assert expected in explorer.message_text()
    assert explorer.image == before


def test_a_partial_list_is_said_on_the_chart_and_above_it(drawing):
    assert drawing.show("C97", "World", "Italy")
    assert "The list for C97 is partial" in drawing.view.html
    assert "partial" in drawing.note.get_text() and "54 (October 2023)" in drawing.total_labels[0].get_text()


def test_published_totals_are_drawn_for_the_world_only(drawing):
    assert drawing.show("ICRMW", "World", "Philippines")
    assert len(drawing.totals.get_xdata()) == 5
    assert drawing.show("ICRMW", "Africa", "Philippines")
    assert len(drawing.totals.get_xdata()) == 0
    assert "published totals exist for the world only" in drawing.note.get_text()


def test_the_country_is_marked_where_it_joined_the_cumulative_line(drawing):
    # Egypt, Morocco, Seychelles and Colombia joined before the Philippines (5 July 1995).
    assert drawing.show("ICRMW", "World", "Philippines")
    assert list(drawing.country_point.get_ydata()) == [5]
    assert drawing.show("ICRMW", "Europe", "Philippines")   # not in Europe: no point
    assert len(drawing.country_point.get_xdata()) == 0


def test_typing_another_country_redraws_only_the_changing_parts(explorer):
    explorer.show("ICRMW", "World", "Senegal")
    drawn = explorer.chart.full_draws
    for country in ("Mexico", "Nepal", "Sri Lanka", "Ghana"):
        assert explorer.show("ICRMW", "World", country)
        assert country in explorer.view.alt
    assert explorer.chart.full_draws == drawn


def test_saved_views_cover_every_instrument_but_c143(data):
    shown = {view.values["instrument"] for view in InstrumentsExplorer.saved_views}
    assert shown == {"ICRMW", "C97", "C189", "P029"}


# --- the charts ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def figures(data):
    import matplotlib.pyplot as plt

    shares = lm.icrmw_party_shares(data, lm.load_migrant_stock_by_destination(), lm.load_emigration())
    made = {"timeline": plot_instrument_timeline(data.instruments), "by region": plot_icrmw_by_region(data),
            "shares": plot_icrmw_party_shares(shares)}
    yield made
    plt.close("all")


@pytest.mark.parametrize("name", ["timeline", "by region", "shares"])
def test_chart_has_a_title_labelled_axes_and_a_source(figures, name):
    fig = figures[name]
    assert fig.get_suptitle().strip()
    assert any(t.get_text().startswith("Source") for t in fig.texts)
    for ax in fig.axes:
        assert ax.get_xlabel().strip() and ax.get_ylabel().strip()


def test_regional_chart_stacks_to_59_parties_in_2023(figures):
    ax = figures["by region"].axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Africa (28)", "Americas (18)", "Asia (10)", "Europe (2)", "Oceania (1)"]


def test_a_date_its_source_contradicts_is_flagged_on_the_chart(drawing):
    # The Swiss list prints Germany's ratification of C189 as 2012, two years before its
    # entry into force for Germany (2014), instead of the usual one.
    assert drawing.show("ICRMW", "Europe", "Germany")
    assert drawing.status_texts["C189"].get_text() == "ratified 2012 (date doubtful)"
    assert drawing.status_texts["C97"].get_text() == "ratified 1959"
