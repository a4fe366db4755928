"""Lessons are stored clean, follow the lesson skeleton, and run top to bottom in a fresh kernel."""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest

from labour_migration.course import lessons

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = [ROOT / lesson.notebook for lesson in lessons()]
IDS = [p.stem for p in NOTEBOOKS]
SKELETON = ["## Overview", "## Learning objectives", "## Prerequisites", "**Time to learn:**",
            "## Summary", "## Quiz", "## What's next?", "## Resources and references"]


def read(path: Path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_stored_without_outputs(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_lesson_follows_the_course_skeleton(path):
    text = "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")
    positions = [text.find(part) for part in SKELETON]
    assert -1 not in positions, [p for p, i in zip(SKELETON, positions) if i == -1]
    assert positions == sorted(positions), "skeleton sections are out of order"
    assert text.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_chart_cell_has_alt_text_and_a_caption(path):
    for cell in read(path).cells:
        if cell.cell_type == "code" and re.search(r"\bplot_\w+\(", cell.source):
            meta = cell.metadata.get("mystnb", {})
            assert len(meta.get("image", {}).get("alt", "")) > 40, cell.source
            assert meta.get("figure", {}).get("caption"), cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_quiz_cells_hide_their_code_in_the_book(path):
    quiz_cells = [c for c in read(path).cells if c.cell_type == "code" and "show_quiz(" in c.source]
    assert quiz_cells
    for cell in quiz_cells:
        assert "remove-input" in cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_exercise_has_a_hidden_solution(path):
    text = "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")
    exercises = len(re.findall(r"\*\*Exercise \d+\.\*\*", text))
    assert exercises >= 1
    assert text.count("<details>") >= exercises


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(path):
    from nbclient import NotebookClient

    notebook = read(path)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    print(f"\n{path.name}: ran in {elapsed:.1f} s")
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    stderr = [o.text for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, stderr
