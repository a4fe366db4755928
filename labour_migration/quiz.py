"""Lesson quizzes: question banks kept as JSON files, shown with ``jupyterquiz``.

Each lesson's bank is ``labour_migration/question_banks/<lesson>.json``: a list of
questions in jupyterquiz's format, plus an ``objective`` number that ties each question to
a learning objective of the lesson. :func:`check_question_bank` states what a good bank
must satisfy; the test suite runs it on every bank.

Example
-------
>>> from labour_migration import show_quiz
>>> show_quiz("01_why_people_migrate")    # doctest: +SKIP
"""

from __future__ import annotations

import json
import random
from pathlib import Path

__all__ = ["QuizError", "QUESTION_BANKS", "check_question_bank", "load_question_bank", "show_quiz"]

QUESTION_BANKS = Path(__file__).resolve().parent / "question_banks"
QUESTION_TYPES = {"multiple_choice", "many_choice", "numeric"}


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


def check_question_bank(questions) -> list[str]:
    """List what is wrong with a bank (an empty list means it is fine).

    Every question needs text, a known type, an ``objective`` number and feedback on every
    answer, so a learner always learns *why* an answer is right or wrong. Multiple choice
    has exactly one correct answer; many choice at least one; numeric questions need a
    correct value or range and a default feedback for any other number.
    """
    if not isinstance(questions, list) or not questions:
        return ["the bank must be a non-empty list of questions"]
    problems = []
    for number, q in enumerate(questions, start=1):
        where = f"question {number}"
        if not isinstance(q, dict):
            problems.append(f"{where}: not an object")
            continue
        if not str(q.get("question", "")).strip():
            problems.append(f"{where}: no question text")
        if q.get("type") not in QUESTION_TYPES:
            problems.append(f"{where}: type {q.get('type')!r} is not one of {sorted(QUESTION_TYPES)}")
            continue
        if not isinstance(q.get("objective"), int):
            problems.append(f"{where}: no learning objective number")
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
            if not any(a.get("type") == "default" for a in answers):
                problems.append(f"{where}: numeric question needs a default feedback")
    return problems


def show_quiz(lesson: str, **options) -> None:
    """Show a lesson's quiz in the notebook (it also works on the static course site).

    The answers are shuffled here, once, with a seed fixed per lesson, and jupyterquiz's own
    shuffling in the browser is turned off: every learner and every build sees the same
    order, so a teacher can say "the third answer", and the built pages do not change.
    """
    from jupyterquiz import display_quiz

    rng = random.Random(lesson)
    questions = []
    for question in load_question_bank(lesson):
        question = {k: v for k, v in question.items() if k != "objective"}
        if question["type"] != "numeric":
            question["answers"] = rng.sample(question["answers"], k=len(question["answers"]))
        questions.append(question)
    state = random.getstate()
    random.seed(lesson)  # jupyterquiz draws its element id from the global generator
    try:
        display_quiz(questions, **{"max_width": 760, **options, "shuffle_answers": False})
    finally:
        random.setstate(state)
