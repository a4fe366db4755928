"""The teachers' generated pages (objectives map, answer keys) stay true to the lessons.

``scripts/teaching_pages.py`` writes ``book/objectives_map.md`` and ``book/answer_keys.md``
from the notebooks' objectives and the question banks. An edited quiz or objective with
the pages not regenerated would show teachers the wrong map and the wrong answers.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def teaching_pages():
    spec = importlib.util.spec_from_file_location("teaching_pages", ROOT / "scripts" / "teaching_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_objectives_map_and_answer_keys_match_the_lessons_and_question_banks(teaching_pages):
    for path, text in ((teaching_pages.PAGE, teaching_pages.render(ROOT)),
                       (teaching_pages.KEYS, teaching_pages.render_keys(ROOT))):
        assert (ROOT / path).read_text(encoding="utf-8") == text, (
            f"{path} is stale: run `python scripts/teaching_pages.py --write`")


def test_every_objective_is_assessed_and_every_item_points_to_an_objective(teaching_pages):
    assert teaching_pages.collect(ROOT)["problems"] == []


def test_the_map_names_an_item_pointing_to_an_objective_that_does_not_exist(teaching_pages, tmp_path):
    for part in ("lessons.yml", "notebooks", "labour_migration/question_banks"):
        source, target = ROOT / part, tmp_path / part
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    bank_path = tmp_path / "labour_migration" / "question_banks" / "01_why_people_migrate.json"
    bank = json.loads(bank_path.read_text(encoding="utf-8"))
    bank[0]["objectives"] = [99]
    bank_path.write_text(json.dumps(bank), encoding="utf-8")
    problems = teaching_pages.collect(tmp_path)["problems"]
    assert any(f"{bank[0]['id']}: objective 1.99 does not exist" in p for p in problems), problems
