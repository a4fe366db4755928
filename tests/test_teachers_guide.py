"""The teacher's guide and its lesson plans stay true for every lesson of lessons.yml.

``book/lesson_plans.md`` has one section per lesson ("## Lesson N: Title") with a 45-minute
and a 90-minute plan, whose Time columns must run from 0 to 45 and 90 without a gap or an
overlap, and a misconceptions part. Saved views are written in *single-asterisk italics*,
exactly as an explorer's View menu shows them, so a view renamed in the package makes this
test fail instead of leaving a teacher looking for a view that no longer exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from labour_migration.course import lessons
from labour_migration.explorer import EXPLORERS
from labour_migration.quiz import load_question_bank

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "book" / "lesson_plans.md"
GUIDE = ROOT / "book" / "teachers_guide.md"
LESSONS = lessons()
# "12–20", with or without the word joiner (U+2060) that keeps it on one line.
TIME = re.compile(r"^\s*(\d+)\s*[–-]\u2060?\s*(\d+)\s*$")
# *label* but not **bold**: the plans keep single-asterisk italics for saved views.
ITALIC = re.compile(r"(?<![*\w])\*([^*\n]+?)\*(?![*\w])")
QUESTION = re.compile(r"\bquestions? ((?:\d+(?:, | and | or )?)+)", re.I)


def _without_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def sections(text: str, level: int) -> dict[str, str]:
    """The text under each heading of one level, by heading (the text before the first is dropped)."""
    marker = "#" * level + " "
    parts = re.split(rf"^{re.escape(marker)}(.+)$", _without_comments(text), flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2])}


def table_rows(body: str) -> list[list[str]]:
    """The cells of the first markdown table in ``body``, header and separator left out."""
    lines = body.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("|")), None)
    if start is None:
        return []
    rows = []
    for line in lines[start:]:
        if not line.lstrip().startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return [row for row in rows[2:] if any(row)]


def timing_problems(body: str, total: int) -> list[str]:
    """Why a plan's Time column does not run from 0 to ``total`` in contiguous steps."""
    rows = table_rows(body)
    if not rows:
        return ["no table of timed steps"]
    problems, clock = [], 0
    for row in rows:
        match = TIME.match(row[0])
        if not match:
            problems.append(f"step {row[0]!r} has no time range such as '0–5'")
            continue
        start, end = int(match[1]), int(match[2])
        if start != clock:
            problems.append(f"step {row[0]} starts at {start}, but the step before ends at {clock}")
        if end <= start:
            problems.append(f"step {row[0]} does not move forward")
        clock = end
    if clock != total:
        problems.append(f"the steps end at minute {clock}, not {total}")
    return problems


def saved_view_labels() -> dict[str, set[str]]:
    return {name: {view.label for view in cls.saved_views} for name, cls in EXPLORERS.items()}


def view_problems(body: str, labels: dict[str, set[str]]) -> list[str]:
    """Saved views a lesson section names that no explorer has, or that its explorer lacks."""
    everywhere = set().union(*labels.values())
    problems = [f"*{name}* is not a saved view of any explorer (italics are kept for saved views)"
                for name in ITALIC.findall(body) if name not in everywhere]
    table = sections(body, 3).get("Explorers and saved views", "")
    for row in table_rows(table):
        named = re.findall(r"`([a-z_]+)`", row[0])
        if not named:
            continue
        explorer = named[0]
        if explorer not in labels:
            problems.append(f"explorer `{explorer}` is not registered (known: {', '.join(sorted(labels))})")
            continue
        for name in ITALIC.findall(row[-1]):
            if name not in labels[explorer]:
                problems.append(f"*{name}* is not a saved view of `{explorer}` "
                                f"(its views: {', '.join(sorted(labels[explorer]))})")
    return problems


def explorers_in_table(body: str) -> set[str]:
    table = sections(body, 3).get("Explorers and saved views", "")
    return {name for row in table_rows(table) for name in re.findall(r"`([a-z_]+)`", row[0])}


def lesson_section(lesson) -> str:
    found = sections(PLANS.read_text(encoding="utf-8"), 2)
    heading = f"Lesson {lesson.number}: {lesson.title}"
    assert heading in found, (f"book/lesson_plans.md has no section '## {heading}' "
                              f"(its lesson sections: {[h for h in found if h.startswith('Lesson')]})")
    return found[heading]


# --- every lesson of lessons.yml -------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_lesson_has_a_45_and_a_90_minute_plan_whose_steps_fill_the_time(lesson):
    parts = sections(lesson_section(lesson), 3)
    for total in (45, 90):
        heading = f"{total}-minute plan"
        assert heading in parts, f"lesson {lesson.number} has no '### {heading}'"
        problems = timing_problems(parts[heading], total)
        assert not problems, f"lesson {lesson.number}, {heading}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_lesson_has_common_misconceptions_with_what_corrects_them(lesson):
    parts = sections(lesson_section(lesson), 3)
    assert "Common misconceptions" in parts, f"lesson {lesson.number} has no '### Common misconceptions'"
    rows = table_rows(parts["Common misconceptions"])
    assert len(rows) >= 3, f"lesson {lesson.number}: fewer than three misconceptions"
    empty = [row[0] for row in rows if len(row) < 2 or not row[0] or not row[1]]
    assert not empty, f"lesson {lesson.number}: misconceptions without what corrects them: {empty}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_saved_view_named_in_a_plan_is_one_of_its_explorers_views(lesson):
    problems = view_problems(lesson_section(lesson), saved_view_labels())
    assert not problems, f"lesson {lesson.number}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_explorer_of_a_lesson_has_its_live_use_and_saved_views_in_the_plan(lesson):
    body = lesson_section(lesson)
    missing = set(lesson.explorers) - explorers_in_table(body)
    assert not missing, (f"lesson {lesson.number}: the table 'Explorers and saved views' leaves out "
                         f"{sorted(missing)}, which lessons.yml lists for the lesson")
    if not lesson.explorers:
        assert "no explorer" in sections(body, 3).get("Explorers and saved views", ""), (
            f"lesson {lesson.number} has no explorer: say so, and what works without a kernel")


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_quiz_questions_named_in_a_plan_exist_in_the_lessons_quiz(lesson):
    count = len(load_question_bank(lesson.quiz))
    named = {int(n) for group in QUESTION.findall(lesson_section(lesson)) for n in re.findall(r"\d+", group)}
    beyond = sorted(n for n in named if not 1 <= n <= count)
    assert not beyond, f"lesson {lesson.number}'s quiz has {count} questions, but the plan names {beyond}"


# --- the guide and the plans as pages of the book ---------------------------------------

def test_lesson_plans_follow_the_teachers_guide_in_the_table_of_contents():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    assert "book/lesson_plans" in files, "_toc.yml does not list book/lesson_plans"
    assert files.index("book/lesson_plans") == files.index("book/teachers_guide") + 1


def test_teachers_guide_links_the_lesson_plans_answer_keys_and_objectives_map():
    guide = GUIDE.read_text(encoding="utf-8")
    for page in ("lesson_plans.md", "answer_keys.md", "objectives_map.md"):
        assert f"]({page}" in guide, f"book/teachers_guide.md does not link {page}"


def test_handout_script_prints_the_lesson_plans_with_the_guide():
    script = (ROOT / "scripts" / "handouts.py").read_text(encoding="utf-8")
    assert '"book/lesson_plans"' in script


@pytest.mark.browser
def test_printed_teachers_guide_holds_every_lessons_plan(handouts, site_dir):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(site_dir / "handouts" / "teachers_guide.pdf"))
    text = " ".join(" ".join(document[i].get_textpage().get_text_range().split())
                    for i in range(len(document)))
    document.close()
    missing = [f"Lesson {lesson.number}: {lesson.title}" for lesson in LESSONS
               if f"Lesson {lesson.number}: {lesson.title}" not in text]
    assert "Lesson plans" in text and not missing, f"teachers_guide.pdf lacks the plans of {missing}"


# --- the checks themselves catch what they are for --------------------------------------

def test_timing_check_catches_a_gap_an_overlap_and_a_short_plan():
    table = "| Time | Step |\n| --- | --- |\n| 0–10 | a |\n| 12–30 | b |\n| 25–40 | c |\n"
    problems = " ".join(timing_problems(table, 45))
    assert "starts at 12" in problems and "starts at 25" in problems and "not 45" in problems
    assert timing_problems("| Time | Step |\n| --- | --- |\n| 0-20 | a |\n| 20–45 | b |\n", 45) == []


def test_view_check_catches_a_renamed_view_and_a_view_of_another_explorer():
    labels = {"three_ds": {"Nepal → Qatar"}, "brain_drain": {"Ghana"}}
    body = ("### Explorers and saved views\n\n| Explorer | Live | Saved views |\n| --- | --- | --- |\n"
            "| 3Ds (`three_ds`) | ... | *Nepal → Qatar*, *Ghana* |\n\nThen the view *Nepal to Qatar*.\n")
    problems = " ".join(view_problems(body, labels))
    assert "*Nepal to Qatar* is not a saved view of any explorer" in problems
    assert "*Ghana* is not a saved view of `three_ds`" in problems
    assert "**bold**" not in problems and view_problems("Only **bold** here.", labels) == []
