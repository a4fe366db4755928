"""Lesson quizzes: question banks kept as JSON files, shown with ``jupyterquiz``.

Each lesson's bank is ``labour_migration/question_banks/<lesson>.json``: a list of
questions in jupyterquiz's format, plus fields for the course:

``id``
    unique across the course, e.g. ``"02-q05"``;
``objectives``
    the numbers of the lesson's learning objectives the question assesses, e.g. ``[2, 3]``
    (objective 3 of lesson 2 is known course-wide as ``2.3``; the final assessment, which
    spans lessons, uses those course-wide ids: ``["2.3"]``);
``skill``
    what the question asks of the learner: ``recall``, ``read-chart`` (read a chart or a
    table), ``apply`` (use an idea on a new case) or ``judge`` (weigh a claim);
``exact`` and ``step`` (numeric questions)
    the exact answer and the precision the question asks for in words ("to the nearest 5
    million", "to one decimal place"); the accepted range must hold both the exact answer
    and its rounded value, and be no wider than two steps.

:func:`check_question_bank` states what a good bank must satisfy; the test suite runs it
on every bank.

Example
-------
>>> from labour_migration.quiz import step_words
>>> step_words(0.1), step_words(5)
('one decimal place', 'nearest 5')
>>> from labour_migration import show_quiz
>>> show_quiz("01_why_people_migrate")    # doctest: +SKIP
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

__all__ = ["QuizError", "QUESTION_BANKS", "SKILLS", "check_question_bank", "load_question_bank",
           "quiz_order", "show_quiz", "step_words"]

QUESTION_BANKS = Path(__file__).resolve().parent / "question_banks"
QUESTION_TYPES = {"multiple_choice", "many_choice", "numeric"}
SKILLS = ("recall", "read-chart", "apply", "judge")
# Keys the course adds to jupyterquiz's format; they are removed before a quiz is shown.
COURSE_KEYS = ("id", "objectives", "skill", "exact", "step")


class QuizError(ValueError):
    """A question bank that is missing or breaks the rules in :func:`check_question_bank`."""


def load_question_bank(lesson: str) -> list[dict]:
    """Read and check the question bank of a lesson, e.g. ``"01_why_people_migrate"``."""
    path = QUESTION_BANKS / f"{lesson}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in QUESTION_BANKS.glob("*.json")))
        raise QuizError(f"{path.name}: no such question bank (known: {known})")
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise QuizError(f"{path.name}: line {error.lineno}: not valid JSON ({error.msg})") from None
    problems = check_question_bank(questions)
    if problems:
        raise QuizError(f"{path.name}: " + "; ".join(problems))
    return questions


def step_words(step: float) -> str:
    """The words a numeric question must use to state its precision ``step``."""
    named = {1: "nearest whole", 0.1: "one decimal place", 0.01: "two decimal places"}
    return named.get(step, f"nearest {step:g}")


def _numeric_problems(q: dict, where: str) -> list[str]:
    problems = []
    exact, step = q.get("exact"), q.get("step")
    if not isinstance(exact, (int, float)) or not isinstance(step, (int, float)) or step <= 0:
        return [f"{where}: numeric question needs 'exact' (the answer) and a positive 'step' (its precision)"]
    words = step_words(step)
    if words not in " ".join(str(q.get("question", "")).split()):
        problems.append(f"{where}: the question must say how precise the answer is ('{words}')")
    rounded = round(round(exact / step) * step, 10)
    correct = [a for a in q["answers"] if a.get("correct") is True and a.get("type") in ("value", "range")]
    for answer in correct:
        low, high = answer["range"] if answer["type"] == "range" else (answer["value"], answer["value"])
        # jupyterquiz ranges are half-open: [low, high).
        holds = lambda x: low <= x < high or (low == high == x)  # noqa: E731
        if not (holds(exact) and holds(rounded)):
            problems.append(f"{where}: the correct range [{low}, {high}) must hold the exact answer "
                            f"{exact:g} and its rounded value {rounded:g}")
        if high - low > 2 * step + 1e-9:
            problems.append(f"{where}: the correct range [{low}, {high}) is wider than two steps "
                            f"of {step:g}, looser than the question says")
    return problems


def check_question_bank(questions) -> list[str]:
    """List what is wrong with a bank (an empty list means it is fine).

    Every question needs an id, text, a known type, the objectives it assesses, a skill and
    feedback on every answer, so a learner always learns *why* an answer is right or wrong.
    Multiple choice has exactly one correct answer; many choice at least one; numeric
    questions need a correct range that matches the precision their wording asks for, and
    a default feedback for any other number.
    """
    if not isinstance(questions, list) or not questions:
        return ["the bank must be a non-empty list of questions"]
    problems, seen = [], set()
    for number, q in enumerate(questions, start=1):
        where = f"question {number}"
        if not isinstance(q, dict):
            problems.append(f"{where}: not an object")
            continue
        qid = q.get("id")
        if not isinstance(qid, str) or not qid.strip():
            problems.append(f"{where}: no id")
        elif qid in seen:
            problems.append(f"{where}: duplicate id {qid!r}")
        seen.add(qid)
        if not str(q.get("question", "")).strip():
            problems.append(f"{where}: no question text")
        if q.get("type") not in QUESTION_TYPES:
            problems.append(f"{where}: type {q.get('type')!r} is not one of {sorted(QUESTION_TYPES)}")
            continue
        objectives = q.get("objectives")
        if (not isinstance(objectives, list) or not objectives
                or not all((isinstance(o, int) and not isinstance(o, bool) and o > 0)
                           or (isinstance(o, str) and re.fullmatch(r"\d+\.\d+", o)) for o in objectives)):
            problems.append(f"{where}: 'objectives' must list the learning objectives it assesses: "
                            "numbers within the lesson, e.g. [2], or course-wide ids, e.g. [\"3.2\"]")
        if q.get("skill") not in SKILLS:
            problems.append(f"{where}: skill {q.get('skill')!r} is not one of {list(SKILLS)}")
        answers = q.get("answers")
        if not isinstance(answers, list) or len(answers) < 2:
            problems.append(f"{where}: needs at least two answers")
            continue
        for index, answer in enumerate(answers, start=1):
            if not str(answer.get("feedback", "")).strip():
                problems.append(f"{where}, answer {index}: no feedback")
        correct = [a for a in answers if a.get("correct") is True]
        if q["type"] == "multiple_choice" and len(correct) != 1:
            problems.append(f"{where}: multiple choice needs exactly one correct answer")
        if q["type"] == "many_choice" and not correct:
            problems.append(f"{where}: many choice needs at least one correct answer")
        if q["type"] in ("multiple_choice", "many_choice"):
            for index, answer in enumerate(answers, start=1):
                if not str(answer.get("answer", "")).strip():
                    problems.append(f"{where}, answer {index}: no answer text")
        if q["type"] == "numeric":
            if not any(a.get("type") in ("value", "range") for a in correct):
                problems.append(f"{where}: numeric question needs a correct value or range")
            else:
                problems += _numeric_problems(q, where)
            if not any(a.get("type") == "default" for a in answers):
                problems.append(f"{where}: numeric question needs a default feedback")
    return problems


def quiz_order(lesson: str) -> list[dict]:
    """The bank's questions with their answers in the order every page shows them.

    The order is drawn once, with a seed fixed per lesson, so the site, the notebook, the
    printed handout and the teacher's answer key agree on "the third answer".
    """
    rng = random.Random(lesson)
    questions = []
    for question in load_question_bank(lesson):
        question = dict(question)
        if question["type"] != "numeric":
            question["answers"] = rng.sample(question["answers"], k=len(question["answers"]))
        questions.append(question)
    return questions


def show_quiz(lesson: str, **options) -> None:
    """Show a lesson's quiz in the notebook (it also works on the static course site).

    The answers are shuffled here, once, with a seed fixed per lesson, and jupyterquiz's own
    shuffling in the browser is turned off: every learner and every build sees the same
    order, so a teacher can say "the third answer", and the built pages do not change.
    """
    from jupyterquiz import display_quiz

    questions = [{k: v for k, v in q.items() if k not in COURSE_KEYS} for q in quiz_order(lesson)]
    state = random.getstate()
    random.seed(lesson)  # jupyterquiz draws its element id from the global generator
    try:
        display_quiz(questions, **{"max_width": 760, **options, "shuffle_answers": False})
    finally:
        random.setstate(state)
