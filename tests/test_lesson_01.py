"""Lesson 1 as a migration lecturer reads it: Freedom House years, the brief's figures beside
today's, the migration hump, and the figures and attributions the text relies on.

Each test holds one point of the lecturer's review (issue 7) so that it cannot quietly come
back: a number in the text is checked against data/, a label against its definition.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import labour_migration as lm
from labour_migration.course import lessons
from labour_migration.quiz import load_question_bank
from labour_migration.three_ds import ThreeDsExplorer

ROOT = Path(__file__).resolve().parents[1]
LESSON = "01_why_people_migrate"
NOTEBOOK = ROOT / "notebooks" / f"{LESSON}.ipynb"
BRIEF_2005_FIGURES = {  # the brief's four headline figures for 2005 (a range has one id per bound)
    "migrants": {"brief_migrants"},
    "economically active migrants": {"brief_economically_active"},
    "workers and their families": {"brief_workers_and_families_share"},
    "refugees and asylum-seekers": {"brief_refugee_share_low", "brief_refugee_share_high"},
}


def cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def lesson_text() -> str:
    """What a learner reads: the markdown, and the captions and alt text of the charts."""
    parts = []
    for cell in cells():
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        meta = cell["metadata"].get("mystnb", {})
        parts += [meta.get("figure", {}).get("caption", ""), meta.get("image", {}).get("alt", "")]
    return re.sub(r"\s+", " ", "\n".join(parts))


def lesson_code() -> str:
    return "\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "code")


def strings_in(value) -> list[str]:
    """Every string inside a JSON value (descriptions, titles...)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return lm.load_headline_figures().set_index("figure_id")


@pytest.fixture(scope="module")
def three_ds() -> pd.DataFrame:
    return lm.load_three_ds()


@pytest.fixture(scope="module")
def explorer():
    return lm.three_ds_explorer()


# --- 1. Freedom House years are the years the ratings describe ------------------------------

def course_texts(explorer) -> dict[str, str]:
    """Everything the course says in words: lessons, quizzes, book pages, data package,
    bibliography, the package's docstrings and the explorer's readings and purposes."""
    texts = {f"book/{p.name}": p.read_text(encoding="utf-8") for p in (ROOT / "book").glob("*.md")}
    # One bibliography entry per line, so an entry's title and its notes are read together.
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    texts["book/references.bib"] = "\n".join(" ".join(entry.split()) for entry in bib.split("\n@"))
    texts["data/datapackage.json"] = "\n".join(
        strings_in(json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))))
    for lesson in lessons():
        notebook = json.loads((ROOT / lesson.notebook).read_text(encoding="utf-8"))
        texts[lesson.notebook] = "\n".join("".join(c["source"]) + "\n" + json.dumps(c["metadata"])
                                           for c in notebook["cells"])
        texts[f"quiz {lesson.quiz}"] = "\n".join(strings_in(load_question_bank(lesson.quiz)))
    for module in (ROOT / "labour_migration").glob("*.py"):
        texts[f"labour_migration/{module.name}"] = module.read_text(encoding="utf-8")
    texts["3Ds explorer readings"] = "\n".join(view.reading for view in explorer.saved)
    texts["3Ds explorer purposes"] = "\n".join(view.purpose for view in ThreeDsExplorer.saved_views)
    return texts


def test_no_text_calls_a_freedom_house_year_an_edition(explorer):
    found = [f"{where}: {sentence.strip()[:160]}"
             for where, text in course_texts(explorer).items()
             for sentence in sentences(text)
             if re.search(r"freedom (house|in the world)|freedom_", sentence, re.I)
             and re.search(r"\beditions?\b", sentence, re.I)]
    assert found == []


def test_the_explorer_names_the_report_that_covers_the_year_it_reads(explorer):
    for view in explorer.saved:
        year, report = map(int, re.search(r"Freedom House ratings in (\d{4}) \(Freedom in the World (\d{4})\)",
                                          view.reading).groups())
        assert report == year + 1


def test_the_data_date_a_coup_in_the_year_it_happened(three_ds):
    # Thailand's coup of September 2006 and Myanmar's of February 2021 must show in those years' rows;
    # were the years report editions, they would show a year later.
    score = three_ds.set_index(["country_code", "year"])["freedom_score"]
    assert score["THA", 2006] < score["THA", 2005] - 20
    assert score["MMR", 2021] < score["MMR", 2020] - 15


def test_freedom_house_ratings_quoted_in_the_lesson_match_the_data(three_ds):
    text = lesson_text()
    quoted = re.search(r"for (\d{4}) \(in \*Freedom in the World (\d{4})\*\), Freedom House rates "
                       r"(\w+) \*([a-z ]+)\* \((\d+)/100\) and (\w+) \*([a-z ]+)\* \((\d+)/100\)", text)
    assert quoted, "the Nepal and Qatar ratings are no longer quoted in the form this test reads"
    year, report = int(quoted[1]), int(quoted[2])
    assert report == year + 1
    rows = three_ds.query("year == @year").set_index("country_name")
    for name, status, score in (quoted.groups()[2:5], quoted.groups()[5:8]):
        assert rows.at[name, "freedom_status"].lower() == status
        assert rows.at[name, "freedom_score"] == int(score)


def test_the_default_chart_states_freedom_house_scores_for_the_years_they_describe(three_ds):
    alt = next(c["metadata"]["mystnb"]["image"]["alt"] for c in cells()
               if "plot_three_ds(" in "".join(c["source"]))
    score = three_ds.set_index(["country_code", "year"])["freedom_score"]
    assert "for the years 2005 to 2022" in alt
    assert f"United States falls from {score['USA', 2005]} to {score['USA', 2022]}" in alt
    assert f"Mexico from {score['MEX', 2005]} to {score['MEX', 2022]}" in alt


# --- 2. The brief's figures beside today's ---------------------------------------------------

def test_each_of_the_brief_2005_headline_figures_has_a_then_and_now_row():
    pairs = lm.load_then_and_now(LESSON)
    for topic, ids in BRIEF_2005_FIGURES.items():
        assert ids <= set(pairs["brief_figure_id"]), f"no then-and-now row for the brief's {topic}"


def test_every_figure_in_the_then_and_now_table_has_a_sourced_row(figures):
    pairs = lm.load_then_and_now()
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    for figure_id in set(pairs["brief_figure_id"]) | set(pairs["latest_figure_id"]):
        assert figure_id in figures.index, f"{figure_id} has no row in data/headline_figures.csv"
        assert figures.at[figure_id, "source"].strip(), figure_id
        assert "{" + figures.at[figure_id, "citation_key"] + "," in bib, figure_id


def test_a_then_and_now_figure_without_a_source_row_is_named(tmp_path, monkeypatch):
    import shutil
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setenv("LABOUR_MIGRATION_DATA", str(copy))
    path = copy / "headline_figures.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("undesa_2024_edition,")), encoding="utf-8")
    with pytest.raises(KeyError, match="undesa_2024_edition"):
        lm.compare_then_and_now(LESSON)


def test_then_and_now_rows_belong_to_lessons_of_the_course():
    known = {lesson.id for lesson in lessons()}
    assert set(lm.load_then_and_now()["lesson"]) <= known


def test_no_latest_figure_is_older_than_the_brief_figure_it_answers(figures):
    # A revision may re-estimate the brief's own year; it never answers with an older one.
    for pair in lm.load_then_and_now().itertuples():
        assert figures.at[pair.latest_figure_id, "reference_year"] >= figures.at[pair.brief_figure_id, "reference_year"]


def test_the_lesson_shows_the_then_and_now_table_with_ranges_written_once():
    table = lm.compare_then_and_now(LESSON)
    assert f'compare_then_and_now("{LESSON}")' in lesson_code()
    assert list(table["topic"]) == ["International migrants", "Economically active migrants",
                                    "Migrant workers and their families", "Refugees and asylum-seekers"]
    assert table.set_index("topic").at["Refugees and asylum-seekers", "in the brief"] == "7\u20138% (2005)"


def test_the_computed_refugee_share_follows_its_recipe(figures):
    value = figures["value"]
    share = 100 * (value["unhcr_refugees_2023"] + value["unhcr_asylum_seekers_2023"]) / value["undesa_2024_edition"]
    assert round(share, 1) == value["refugees_and_asylum_seekers_share_2023"]
    quiz = next(q for q in load_question_bank(LESSON) if q["type"] == "numeric" and "UNHCR" in q["question"])
    assert quiz["exact"] == pytest.approx(share, abs=0.01)


def test_the_refugee_range_quoted_in_the_lesson_follows_from_the_figures(figures):
    value = figures["value"]
    narrow = value["unhcr_refugees_2023"] + value["unhcr_asylum_seekers_2023"]
    wide = narrow + value["unhcr_other_protection_2023"] + value["unrwa_palestine_refugees_2023"]
    text = lesson_text()
    low, high = round(100 * narrow / value["undesa_2024_edition"]), round(100 * wide / value["undesa_2024_edition"])
    assert f"between about **{low}% and {high}%**" in text
    assert f"narrowest count today, {narrow:.1f} million" in text
    then = (0.07 * value["brief_migrants"], 0.08 * value["brief_migrants"])
    assert f"the {then[0]:.0f} to {then[1]:.0f} million that 7-8% of 191 million made" in text
    assert narrow > 2 * then[1]
    ceiling = (100 - 100 * wide / value["undesa_2024_edition"], 100 - 100 * narrow / value["undesa_2024_edition"])
    assert f"at most {ceiling[0]:.0f}-{ceiling[1]:.0f}% of migrants today" in text


def test_ilo_editions_quoted_beside_the_brief_are_the_published_ones(figures):
    text = lesson_text()
    for figure_id in ("ilo_migrant_workers_2013", "ilo_migrant_workers_2017", "ilo_migrant_workers_2019"):
        assert f"{figures.at[figure_id, 'value']:g} million for {figures.at[figure_id, 'reference_year']}" in text
    assert f"**{figures.at['ilo_migrant_workers_2022', 'value']:g} million**" in text
    gap = figures.at["ilo_migrant_workers_2022", "value"] - figures.at["brief_economically_active", "value"]
    assert f"growth of about {gap:.0f} million" in text


# --- 3. The foreword's starting point, livelihoods, globalisation, irregular migration --------

@pytest.mark.parametrize("idea", [
    "resolution on a fair deal for migrant workers in a global economy",
    "ILO Plan of Action for Migrant Workers",
    "ILO Multilateral Framework on Labour Migration",
    "livelihood strategy",
    "traditional sectors",
    "No one knows how many irregular migrants there are",
    "deported",
])
def test_the_lesson_teaches_the_foreword_and_section_one(idea):
    assert idea in lesson_text()


def test_the_compatibility_premise_is_the_frameworks_not_called_the_briefs_own_starting_point():
    text = lesson_text()
    assert "The brief's starting point is" not in text
    assert re.search(r"Framework starts from a premise that the brief makes its own", text)


# --- 4. Development at home and the migration hump -------------------------------------------

def test_the_hump_is_taught_with_its_research_and_the_debate():
    text = lesson_text()
    # Lessons cite with {cite} roles, so the keys (not "de Haas 2010") are what the text holds.
    cited = set(re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", text))
    cited = {key.strip() for group in cited for key in group.split(",")}
    for key in ("dehaas2010transitions", "clemens2014development", "berthiaume2021reappraisal"):
        assert key in cited
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    for key in ("clemens2014development", "dehaas2010transitions", "berthiaume2021reappraisal"):
        assert "{" + key + "," in bib
    assert "plot_emigration_and_income(" in lesson_code()


def test_a_saved_view_of_the_explorer_shows_the_hump_with_figures_from_the_data(three_ds):
    view = next(v for v in ThreeDsExplorer.saved_views if "migration hump" in v.purpose)
    origin = view.values["origin"]
    emigration = lm.load_emigration().set_index(["country_code", "year"])
    income = three_ds.set_index(["country_code", "year"])["gdp_per_capita_ppp"]
    first, last = emigration.loc[(origin, 1990)], emigration.loc[(origin, 2024)]
    assert f"from {first.emigration_rate_pct:.1f}% to {last.emigration_rate_pct:.1f}% in 2024" in view.purpose
    assert f"({first.emigrants / 1e6:.1f} to {last.emigrants / 1e6:.1f} million people)" in view.purpose
    assert last.emigration_rate_pct >= 2 * first.emigration_rate_pct and "doubled" in view.purpose
    assert 5 < income[origin, 2023] / income[origin, 1990] < 6 and "more than fivefold" in view.purpose
    # The lesson points at this view when it teaches the hump.
    assert f"The saved view **{view.label}**" in lesson_text()


def test_hump_figures_in_the_lesson_match_the_data(three_ds):
    paths = lm.emigration_and_income(lm.load_emigration(), three_ds, ["NPL", "MEX"]).set_index(["country_code", "year"])
    text = lesson_text()
    nepal = paths.loc["NPL"]
    start, end = (round(nepal.at[year, "gdp_per_capita_ppp"], -2) for year in (1990, 2024))
    assert f"Nepal's income per person rose from about {start:,.0f} to {end:,.0f} international dollars" in text
    assert f"from {nepal.at[1990, 'emigration_rate_pct']:.1f}% to {nepal.at[2024, 'emigration_rate_pct']:.1f}%" in text
    mexico = paths.loc["MEX", "emigration_rate_pct"]
    assert mexico.idxmax() == 2005
    assert f"from {mexico[1990]:.1f}% in 1990 to {mexico[2005]:.1f}% in 2005" in text


def test_emigration_rates_follow_their_recipe(three_ds):
    # rate = emigrants / (emigrants + residents), with residents from WPP 2024 as in three_ds.csv.
    emigration = lm.load_emigration().query("year == 2020").set_index("country_code")
    population = three_ds.query("year == 2020").set_index("country_code")["population"].dropna()
    both = emigration.join(population, how="inner")
    expected = 100 * both["emigrants"] / (both["emigrants"] + both["population"])
    assert len(both) > 150
    assert (expected - both["emigration_rate_pct"]).abs().max() < 0.01


def test_emigrants_by_origin_never_exceed_the_world_stock():
    world = lm.load_migrant_stock().set_index("year")["migrants"]
    by_origin = lm.load_emigration().groupby("year")["emigrants"].sum()
    assert (by_origin <= world).all()


# --- 5. Small things ------------------------------------------------------------------------

def test_by_choice_is_attributed_to_the_brief_summarising_the_commission():
    texts = [lesson_text()] + [q["question"] for q in load_question_bank(LESSON)]
    for text in texts:
        assert not re.search(r"quoting GCIM", text)
    assert re.search(r"in the brief's words, \"by choice, and not by necessity\" \{cite:p\}`ilo2008brief`, its summary",
                     lesson_text())


def test_the_united_states_share_is_stated_as_precisely_as_the_data_allow(three_ds):
    migrants = lm.load_migrant_stock_by_destination().query("year == 2024 and country_code == 'USA'")["migrants"].iloc[0]
    population = three_ds.query("year == 2023 and country_code == 'USA'")["population"].iloc[0]
    share = 100 * migrants / population
    text = lesson_text()
    assert f"about {share:.0f}%, or one person in {100 / share:.1f}" in text
    assert "roughly one person in seven" not in text


def test_glossary_says_where_refugee_definitions_come_from_and_what_the_commission_was():
    glossary = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    refugee = glossary.split("\nRefugee\n", 1)[1].split("\n\n", 1)[0]
    for key in ("refugeeconvention1951", "oau1969refugees", "cartagena1984"):
        assert key in refugee
    commission = glossary.split("\nGlobal Commission on International Migration (GCIM)\n", 1)[1].split("\n\n", 1)[0]
    assert "convened under the United Nations" not in commission
    assert "independent" in commission and "2003" in commission and "encouragement of the UN Secretary-General" in commission


# --- 6. The quiz ----------------------------------------------------------------------------

def test_quiz_asks_where_migrants_live_about_irregular_migration_and_womens_participation(figures):
    questions = load_question_bank(LESSON)
    text = [q["question"] + " " + " ".join(str(a.get("answer", "")) for a in q["answers"]) for q in questions]
    assert any("Where international migrants live" in t for t in text)
    assert sum("irregular" in t.lower() for t in text) >= 2
    women = next(t for t in text if "employment-to-population ratio" in t)
    for figure_id in ("ilo_employment_ratio_migrant_women_2022", "ilo_employment_ratio_migrant_men_2022"):
        assert f"{figures.at[figure_id, 'value']:g}%" in women


def test_quiz_has_no_throwaway_distractors():
    answers = " ".join(str(a.get("answer", "")) for q in load_question_bank(LESSON) for a in q["answers"])
    for silly in ("border control", "typing error"):
        assert silly not in answers


def test_womens_participation_figures_match_the_published_ones(figures):
    text = lesson_text()
    value = figures["value"]
    assert (f"{value['ilo_women_migrant_workers_2022']:g} of {value['ilo_migrant_workers_2022']:g} million in 2022"
            in text)
    assert (f"{value['ilo_employment_ratio_migrant_women_2022']:g}% of migrant women aged 15 and over had a job, "
            f"against {value['ilo_employment_ratio_migrant_men_2022']:g}% of migrant men") in text
    assert (f"their unemployment rate was {value['ilo_unemployment_rate_migrant_women_2022']:g}%, against "
            f"{value['ilo_unemployment_rate_migrant_men_2022']:g}% for migrant men") in text
    women_share = 100 * value["ilo_women_migrant_workers_2022"] / value["ilo_migrant_workers_2022"]
    assert f"about {women_share:.0f}% of the migrant *labour force*" in text
