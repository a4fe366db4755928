"""lessons.yml is the one list of lessons, and the repository has everything it names.

Anything the manifest names but the course lacks (a notebook, a question bank, an
explorer the notebook never shows, a dataset) fails here, and the table of contents and
the landing page must list the same lessons in the same order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from labour_migration.course import ManifestError, lessons, manifest_problems

ROOT = Path(__file__).resolve().parents[1]
LESSONS = lessons()


def toc_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [chapter["file"] for part in toc["parts"] for chapter in part.get("chapters", [])]


def test_everything_the_manifest_names_exists():
    assert manifest_problems() == []


def test_table_of_contents_lists_the_lessons_in_manifest_order():
    in_toc = [f for f in toc_chapters() if f.startswith("notebooks/")]
    assert in_toc == [lesson.toc_entry for lesson in LESSONS]


def test_every_notebook_in_the_repository_is_in_the_manifest():
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert on_disk == sorted(lesson.notebook for lesson in LESSONS)


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_notebook_heading_matches_the_manifest_title(lesson):
    cells = json.loads((ROOT / lesson.notebook).read_text(encoding="utf-8"))["cells"]
    heading = "".join(cells[0]["source"]).splitlines()[0]
    assert heading == f"# Lesson {lesson.number}: {lesson.title}"


def test_landing_page_links_every_lesson():
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f"(../{lesson.notebook})" in intro, f"book/intro.md does not link {lesson.notebook}"


def test_a_lesson_the_repository_lacks_is_reported(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text('{"resources": []}')
    (tmp_path / "lessons.yml").write_text(yaml.safe_dump({"lessons": [{
        "id": "01_missing", "title": "Missing", "brief": "-", "notebook": "notebooks/01_missing.ipynb",
        "quiz": "01_missing", "explorers": ["no_such_explorer"], "datasets": []}]}))
    assert manifest_problems(tmp_path) == ["01_missing: notebook notebooks/01_missing.ipynb not found"]


def test_a_malformed_manifest_names_the_lesson_at_fault(tmp_path):
    path = tmp_path / "lessons.yml"
    path.write_text("lessons:\n  - id: 1_bad\n")
    with pytest.raises(ManifestError, match=r"lesson 1: missing"):
        lessons(path)
