"""Governing migration together (lesson 6): the key dates, the Global Forum's record and the charts.

The expected values were counted by hand from published/t7_key_dates_global_governance.csv
and the countries' UN regions: 14 meetings from Brussels (2007) to Geneva (2024), none in
2013, 2019, 2022 or 2023; hosts or chairs in Europe 6 (Belgium, Greece, Switzerland, Sweden,
Germany, France), Asia 4 (Philippines, Türkiye, Bangladesh, United Arab Emirates), Africa 2
(Mauritius, Morocco) and the Americas 2 (Mexico, Ecuador).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import labour_migration as lm
from labour_migration.cooperation import TIMELINE_ROWS, _position

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference-data"
LESSON = ROOT / "notebooks" / "06_governing_migration_together.ipynb"


@pytest.fixture(scope="module")
def milestones():
    return lm.load_governance_milestones()


@pytest.fixture(scope="module")
def build_data():
    """scripts/build_data.py, which rebuilds data/ from the reference extracts."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_data
    finally:
        sys.path.pop(0)
    return build_data


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_every_gfmd_meeting_from_2007_to_2024_is_counted_once_in_date_order(milestones):
    meetings = lm.gfmd_meetings(milestones)
    assert meetings["number"].tolist() == list(range(1, 15))
    assert [int(y) for y in meetings["year"]] == [2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016,
                                                  2017, 2018, 2020, 2021, 2024]
    assert meetings["position"].is_monotonic_increasing


def test_years_without_a_meeting_are_2013_2019_2022_and_2023(milestones):
    assert lm.years_without_gfmd_meeting(milestones) == [2013, 2019, 2022, 2023]


def test_years_without_a_meeting_can_be_asked_for_any_window(milestones):
    assert lm.years_without_gfmd_meeting(milestones, first=2005, last=2010) == [2005, 2006]
    assert lm.years_without_gfmd_meeting(milestones, first=2014, last=2018) == []


def test_meetings_are_counted_by_the_region_of_their_host_or_chair(milestones):
    assert lm.gfmd_hosts_by_region(milestones).to_dict() == {"Europe": 6, "Asia": 4, "Africa": 2, "Americas": 2}


def test_a_meeting_held_online_or_in_another_country_names_its_chair(milestones):
    where = lm.gfmd_meetings(milestones).set_index("year")["where"]
    assert where[2021] == "online (chair: United Arab Emirates)"
    assert where[2024] == "Geneva (chair: France)"
    assert where[2007] == "Brussels, Belgium"
    # No source read for the course gives the city of the 2009 and 2010 meetings.
    assert where[2009] == "Greece" and where[2010] == "Mexico"


def test_dates_are_placed_within_their_year_as_precisely_as_they_are_known():
    assert _position("2009") == 2009.5
    assert _position("2011-12") == pytest.approx(2011 + 11.5 / 12)
    # 10 July 2007 is day 191 of a 365-day year; 1 March 2024 is day 61 of a leap year.
    assert _position("2007-07-10") == pytest.approx(2007 + 190.5 / 365)
    assert _position("2024-03-01") == pytest.approx(2024 + 60.5 / 366)


def test_reading_gives_the_count_the_regions_and_the_years_without_a_meeting(milestones):
    assert lm.describe_gfmd(milestones) == (
        "From 2007 to 2024 the Global Forum met 14 times: 6 in Europe, 4 in Asia, 2 in Africa and 2 in "
        "the Americas (by the region of the host, or of the chair for meetings held online or in another "
        "country). It met every year from 2007 to 2012; no meeting took place in 2013, 2019, 2022 or 2023.")


def test_every_date_has_a_source_a_citation_in_the_bibliography_and_a_status_fit_for_class(milestones):
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    assert set(milestones["status"]) <= {"verified_primary", "verified_secondary", "local_file"}
    assert milestones["source"].str.len().min() > 20
    missing = {key for key in milestones["citation_key"] if "{" + key + "," not in bib}
    assert not missing, f"citation keys not in references.bib: {missing}"


def test_a_chair_or_host_is_always_a_known_country(milestones):
    hosted = milestones.dropna(subset=["host_country_code"])
    assert hosted["host_name"].notna().all()
    assert set(hosted["host_role"]) <= {"host", "chair"}
    assert milestones.loc[milestones["host_country_code"].isna(), "host_role"].isna().all()


def test_the_counts_of_states_quoted_in_the_lesson_are_the_published_figures():
    value = lm.load_headline_figures().set_index("figure_id")["value"]
    assert value["hld_2006_member_states"] == 140
    assert value["gcm_adopting_states_2018"] == 164
    assert (value["gcm_ga_votes_for_2018"], value["gcm_ga_votes_against_2018"],
            value["gcm_ga_abstentions_2018"]) == (152, 5, 12)
    assert value["gfmd_2024_governments"] == 123
    text = " ".join("".join(c["source"]) for c in json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
                    if c["cell_type"] == "markdown")
    # The lesson's "17 States voted against it or abstained" is the sum of the two counts.
    against_or_abstained = int(value["gcm_ga_votes_against_2018"] + value["gcm_ga_abstentions_2018"])
    assert f"{against_or_abstained} States voted against it or abstained" in text
    assert "164 UN Member States" in text and "by 152 votes to 5, with 12 abstentions" in text


def test_the_lesson_states_the_global_forums_record_as_the_data_give_it(milestones):
    text = " ".join("".join(c["source"]) for c in json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
                    if c["cell_type"] == "markdown")
    meetings = lm.gfmd_meetings(milestones)
    assert f"met {len(meetings)} times from 2007 to 2024" in text
    assert "no meeting took place in 2013, 2019, 2022 or 2023" in text
    middle = (meetings["host_country_code"].map(lm.load_countries().set_index("country_code")["income_group"])
              .str.contains("middle").sum())
    assert middle == 7 and "Seven of the fourteen meetings were hosted by middle-income countries" in text


def test_timeline_has_a_title_axis_labels_a_source_line_and_one_row_per_body(milestones):
    fig = lm.plot_governance_timeline(milestones)
    ax = fig.axes[0]
    assert fig.get_suptitle() == "Governing migration together: key dates, 1993-2024"
    assert ax.get_xlabel().startswith("Year") and ax.get_ylabel()
    assert any(text.get_text().startswith("Sources:") for text in fig.texts)
    assert len(ax.get_yticklabels()) == len(TIMELINE_ROWS)
    # The brief's dashed line sits at 2008; 14 GFMD points and a point per other event are drawn.
    assert any(list(line.get_xdata()) == [2008, 2008] for line in ax.lines)
    points = sum(len(line.get_xdata()) for line in ax.lines if line.get_marker() == "o")
    listed = sum(len(ids) for _, _, ids in TIMELINE_ROWS if ids) + 14
    assert points == listed


def test_gfmd_chart_shades_years_without_a_meeting_and_hollows_unknown_months(milestones):
    fig = lm.plot_gfmd_meetings(milestones)
    ax = fig.axes[0]
    assert fig.get_suptitle() == "Global Forum on Migration and Development: 14 meetings, 2007-2024"
    assert ax.get_xlabel() and ax.get_ylabel() == "Meeting number (1st, 2nd, ...)"
    shaded = sorted(round(p.get_x()) for p in ax.patches)
    assert shaded == [2013, 2019, 2022, 2023]
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 2  # Greece (2009) and Mexico (2010): months not known


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference extracts (../shared) are not here")
def test_the_table_is_rebuilt_exactly_from_the_reference_extracts(milestones, build_data):
    rebuilt = build_data.build_governance_milestones(REFERENCE)
    on_disk = lm.load("governance_milestones")
    assert rebuilt["event_id"].tolist() == on_disk["event_id"].tolist()
    for column in ("start", "end", "host_country_code", "place", "status", "citation_key"):
        assert rebuilt[column].fillna("").tolist() == on_disk[column].fillna("").tolist(), column


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference extracts (../shared) are not here")
def test_the_build_refuses_a_key_date_marked_not_verified(tmp_path, build_data):
    copy = tmp_path / "published"
    copy.mkdir()
    source = REFERENCE / "published" / "t7_key_dates_global_governance.csv"
    text = source.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith('"GFMD 6th summit'))
    (copy / source.name).write_text(text.replace(row, re.sub(r"verified_primary$", "not_verified", row)),
                                    encoding="utf-8")
    with pytest.raises(ValueError, match="GFMD 6th summit.*not_verified"):
        build_data.build_governance_milestones(tmp_path)
    shutil.rmtree(copy)
