"""The final assessment (lesson 9): a quiz that reaches back to every lesson, and a case study whose
explorers open on saved views, so that every step works on the course website without a kernel.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

import labour_migration as lm
from labour_migration.course import lessons
from labour_migration.quiz import load_question_bank

ROOT = Path(__file__).resolve().parents[1]
FINAL = "09_final_assessment"
LESSONS = lessons()
EARLIER = [lesson for lesson in LESSONS if lesson.id != FINAL]


@pytest.fixture(scope="module")
def bank():
    return load_question_bank(FINAL)


def notebook_text(kind: str) -> str:
    cells = json.loads((ROOT / "notebooks" / f"{FINAL}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == kind)


def test_final_assessment_is_the_last_lesson():
    assert LESSONS[-1].id == FINAL and LESSONS[-1].title == "Final assessment"


def test_final_quiz_has_twenty_items_and_at_least_two_for_every_earlier_lesson(bank):
    assert len(bank) >= 20
    reach = {lesson.number: {q["id"] for q in bank for o in q["objectives"]
                             if isinstance(o, str) and o.split(".")[0] == str(lesson.number)} for lesson in EARLIER}
    thin = {number: sorted(items) for number, items in reach.items() if len(items) < 2}
    assert not thin, f"lessons with fewer than two final-quiz items: {thin}"


def test_every_course_wide_objective_an_item_names_exists(bank):
    known = {f"{lesson.number}.{k}" for lesson in LESSONS for k in range(1, len(lesson.objectives()) + 1)}
    named = {o for q in bank for o in q["objectives"] if isinstance(o, str)}
    assert named <= known, f"objectives that do not exist: {sorted(named - known)}"


def test_most_final_items_ask_more_than_recall(bank):
    assert sum(q["skill"] != "recall" for q in bank) >= len(bank) / 2


def item_text(question: dict) -> str:
    """A question with its answers: short stems alike ("Which of these...") are not copies."""
    return " ".join([question["question"]] + [str(a.get("answer", "")) for a in question["answers"]])


def test_final_items_are_new_questions_not_copies_of_the_lesson_quizzes(bank):
    earlier = [item_text(q) for lesson in EARLIER for q in load_question_bank(lesson.quiz)]
    close = [(q["id"], other[:60]) for q in bank for other in earlier
             if difflib.SequenceMatcher(None, item_text(q), other).ratio() > 0.6]
    assert not close, f"final-quiz items too close to a lesson's item: {close}"


def test_every_case_study_step_ends_in_an_exercise_with_a_hidden_model_answer():
    text = notebook_text("markdown")
    steps = re.findall(r"^## (\d+)\. ", text, flags=re.M)
    exercises = re.findall(r"\*\*Exercise (\d+)\.\*\*", text)
    assert steps == [str(n) for n in range(1, 10)]
    assert exercises == steps, "each of the nine steps should end in its own exercise"
    assert text.count("<summary>Show a model answer</summary>") == len(exercises)


def test_case_study_shows_each_explorer_of_the_manifest_once():
    code = notebook_text("code")
    for name in LESSONS[-1].explorers:
        assert code.count(f"{lm.EXPLORERS[name].function}(") == 1, name


@pytest.mark.slow
def test_every_explorer_of_the_case_study_opens_on_one_of_its_saved_views():
    # Run the lesson's code as a learner would (the quiz cell aside) and look at each explorer.
    cells = json.loads((ROOT / "notebooks" / f"{FINAL}.ipynb").read_text(encoding="utf-8"))["cells"]
    namespace: dict = {}
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "colab-setup" not in cell["metadata"].get("tags", []) \
                and not source.startswith("show_quiz"):
            exec(compile(source, FINAL, "exec"), namespace)
    explorers = [value for value in namespace.values() if isinstance(value, lm.explorer.Explorer)]
    assert sorted(e.name for e in explorers) == sorted(LESSONS[-1].explorers)
    for explorer in explorers:
        assert explorer.picker.label != "Your own choice", explorer.name
        assert 2 <= len(explorer.saved) < len(type(explorer).saved_views), explorer.name


# --- only_saved_views, which keeps the case study's page light -----------------------------

def test_only_saved_views_keeps_the_named_views_in_the_order_given():
    with lm.only_saved_views(three_ds=["Nepal → Qatar", "Philippines → Saudi Arabia"]):
        explorer = lm.three_ds_explorer(origin="PHL", destination="SAU")
    assert [label for label, _ in explorer.picker.options] == [
        "Nepal → Qatar", "Philippines → Saudi Arabia", "Your own choice"]
    assert explorer.picker.label == "Philippines → Saudi Arabia" and len(explorer.saved) == 2
    assert len(explorer.views.children) == 3


def test_explorers_made_after_the_block_have_all_their_views_again():
    with lm.only_saved_views(three_ds=["Nepal → Qatar"]):
        pass
    explorer = lm.three_ds_explorer()
    assert len(explorer.saved) == len(lm.EXPLORERS["three_ds"].saved_views)


def test_a_view_the_block_leaves_out_is_drawn_as_your_own_choice():
    with lm.only_saved_views(three_ds=["Nepal → Qatar"]):
        explorer = lm.three_ds_explorer(origin="PHL", destination="SAU")
    assert explorer.picker.label == "Your own choice"


@pytest.mark.parametrize("labels, message", [
    ({"three_ds": ["Nepal to Qatar"]}, "three_ds has no saved view 'Nepal to Qatar'; its views: Mexico"),
    ({"three_ds": []}, "in an empty list"),
    ({"atlas": ["Nepal → Qatar"]}, "no explorer is named 'atlas'"),
])
def test_only_saved_views_names_a_label_or_explorer_it_does_not_know(labels, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        with lm.only_saved_views(**labels):
            pass


def test_explorer_charts_are_drawn_at_the_explorers_dpi_which_keeps_the_page_light():
    # The case study's page holds twelve saved views; at pyplot's default 100 dpi instead of
    # the explorers' 80 it passed the 800 kB a lesson page may weigh.
    explorer = lm.three_ds_explorer(origin="PHL", destination="SAU")
    width, height = explorer.figure.get_size_inches()
    assert explorer.figure.dpi == explorer.dpi == 80
    assert explorer.chart.canvas.get_width_height(physical=True) == (int(width * 80), int(height * 80))
