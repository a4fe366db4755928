"""Benchmarks for the course: build times, notebook run times, explorer updates, page weight
and the size of the learner environment.

Run them from the repository root with the project's environment::

    .venv/bin/python -m benchmarks            # everything, about a few minutes
    .venv/bin/python -m benchmarks --quick    # skip the clean build and the fresh venv
    .venv/bin/python -m benchmarks --help

They print a table of results beside their targets; they are measurements, not tests, and
a missed target does not change the exit code. BENCHMARKS.md records a run.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
