"""Every question bank is valid, gives feedback on every answer, covers every objective and
asks more than recall; the checker names what is wrong with a broken bank."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from labour_migration.course import lessons
from labour_migration.quiz import QUESTION_BANKS, QuizError, check_question_bank, load_question_bank

ROOT = Path(__file__).resolve().parents[1]
BANKS = sorted(p.stem for p in QUESTION_BANKS.glob("*.json"))
LESSONS = [lesson.id for lesson in lessons()]


def objectives_of(lesson: str) -> int:
    """Count the numbered learning objectives in the lesson's first cell."""
    notebook = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text())
    text = "".join(notebook["cells"][0]["source"])
    section = text.split("## Learning objectives", 1)[1].split("##", 1)[0]
    return len(re.findall(r"^\d+\. ", section, flags=re.M))


def test_every_lesson_has_a_question_bank():
    assert {lesson.quiz for lesson in lessons()} <= set(BANKS)


@pytest.mark.parametrize("lesson", BANKS)
def test_question_bank_is_valid_and_mixes_question_types(lesson):
    questions = load_question_bank(lesson)
    assert len(questions) >= 8
    assert {q["type"] for q in questions} == {"multiple_choice", "many_choice", "numeric"}


@pytest.mark.parametrize("lesson", LESSONS)
def test_quiz_covers_every_learning_objective(lesson):
    # The final assessment's items also name other lessons' objectives by course-wide id
    # ("2.3"); tests/test_final_assessment.py checks those against the lessons they name.
    own = f"{int(lesson[:2])}."
    covered = {int(o.removeprefix(own)) if isinstance(o, str) and o.startswith(own) else o
               for q in load_question_bank(lesson) for o in q["objectives"]}
    assert {o for o in covered if isinstance(o, int)} == set(range(1, objectives_of(lesson) + 1))


@pytest.mark.parametrize("lesson", BANKS)
def test_at_least_half_the_questions_ask_more_than_recall(lesson):
    questions = load_question_bank(lesson)
    assert sum(q["skill"] != "recall" for q in questions) >= len(questions) / 2


def _right_answer_is_the_longest(question) -> bool:
    lengths = [len(choice["answer"]) for choice in question["answers"]]
    right = [n for choice, n in zip(question["answers"], lengths) if choice["correct"]]
    return max(right) == max(lengths) and lengths.count(max(lengths)) == 1


def _single_choice(bank):
    return [q for q in load_question_bank(bank) if q["type"] == "multiple_choice" and len(q["answers"]) >= 3]


@pytest.mark.parametrize("lesson", BANKS)
def test_the_right_answer_is_not_given_away_by_being_the_longest(lesson):
    # A learner who guesses "the longest, most careful answer" should gain little: with three
    # or four choices that guess is right about a third of the time by chance.
    items = _single_choice(lesson)
    giveaways = [q["id"] for q in items if _right_answer_is_the_longest(q)]
    assert len(giveaways) <= max(1, 0.4 * len(items)), f"right answer is the longest in {giveaways}"


def test_across_the_course_the_longest_choice_is_right_no_more_often_than_by_chance():
    items = [q for bank in BANKS for q in _single_choice(bank)]
    assert sum(map(_right_answer_is_the_longest, items)) <= 0.35 * len(items)


def test_question_ids_are_unique_across_the_course():
    ids = [q["id"] for bank in BANKS for q in load_question_bank(bank)]
    assert len(ids) == len(set(ids))


GOOD_CHOICES = [{"answer": "a", "correct": True, "feedback": "y"}, {"answer": "b", "correct": False, "feedback": "n"}]


def question(**changes):
    """A valid multiple-choice question, with ``changes`` applied (None removes a key)."""
    q = {"id": "99-q01", "question": "Q?", "type": "multiple_choice", "objectives": [1], "skill": "judge",
         "answers": GOOD_CHOICES}
    q.update(changes)
    return {k: v for k, v in q.items() if v is not None}


def numeric(low, high, exact=12.66, step=1, words="Answer to the nearest whole percent."):
    return question(type="numeric", question=f"What share? {words}", exact=exact, step=step, answers=[
        {"type": "range", "range": [low, high], "correct": True, "feedback": "yes"},
        {"type": "default", "feedback": "no"}])


def test_checker_accepts_a_good_question():
    assert check_question_bank([question()]) == []
    assert check_question_bank([numeric(12.5, 13.5)]) == []


@pytest.mark.parametrize("broken, problem", [
    ([], "non-empty list"),
    ([question(type="essay")], "type 'essay'"),
    ([question(answers=[{"answer": "a", "correct": True, "feedback": "yes"},
                        {"answer": "b", "correct": True, "feedback": "also"}])], "exactly one correct"),
    ([question(type="many_choice", answers=[{"answer": "a", "correct": True, "feedback": ""},
                                            {"answer": "b", "correct": False, "feedback": "no"}])],
     "answer 1: no feedback"),
    ([question(type="numeric", exact=3, step=1, question="Q? To the nearest whole number.",
               answers=[{"type": "value", "value": 3, "correct": True, "feedback": "yes"},
                        {"type": "range", "range": [0, 1], "correct": False, "feedback": "no"}])],
     "default feedback"),
    ([question(question="")], "no question text"),
    ([question(id=None)], "no id"),
    ([question(), question()], "duplicate id '99-q01'"),
    ([question(objectives=None)], "'objectives' must list"),
    ([question(objectives=[0])], "'objectives' must list"),
    ([question(skill="guess")], "skill 'guess'"),
    # The wording must state the precision the accepted range allows...
    ([numeric(12.5, 13.5, words="Answer in percent.")], "must say how precise"),
    # ...and the range must hold the exact answer, and be no looser than the wording says.
    ([numeric(13.5, 14.5)], "must hold the exact answer"),
    ([numeric(160, 180, exact=171.9, step=5, words="Answer to the nearest 5 million.")], "wider than two steps"),
])
def test_checker_names_what_is_wrong(broken, problem):
    assert any(problem in p for p in check_question_bank(broken)), check_question_bank(broken)


def test_unknown_lesson_lists_the_known_banks():
    with pytest.raises(QuizError, match="known: 01_why_people_migrate"):
        load_question_bank("99_nothing")


def test_show_quiz_renders_the_same_html_every_run(monkeypatch):
    shown = []
    monkeypatch.setattr("jupyterquiz.dynamic.display.display", lambda obj: shown.append(getattr(obj, "data", obj)))
    from labour_migration import show_quiz
    show_quiz(BANKS[0])
    show_quiz(BANKS[0])
    half = len(shown) // 2
    assert shown[:half] == shown[half:] and half > 0


def test_answers_are_shuffled_once_in_python_not_per_page_load(monkeypatch):
    seen = {}
    monkeypatch.setattr("jupyterquiz.display_quiz", lambda questions, **kw: seen.update(q=questions, kw=kw))
    from labour_migration import show_quiz
    show_quiz(BANKS[0])
    assert seen["kw"]["shuffle_answers"] is False
    bank = load_question_bank(BANKS[0])
    firsts_correct = [q["answers"][0].get("correct") for q in seen["q"] if q["type"] != "numeric"]
    assert not all(firsts_correct), "the correct answer should not always come first"
    assert [len(q["answers"]) for q in seen["q"]] == [len(q["answers"]) for q in bank]
