"""The course's data folder is found when the package is installed apart from the course.

On a class hub the image installs ``labour_migration`` into site-packages and nbgitpuller
copies the course into ``~/labour-migration-course``. A lesson inside that copy, and a
learner's own notebook made in the home folder beside it, must both find the tables without
an environment variable. ``data_dir`` is pointed at a fake site-packages install here, as
the class-hub test does for real with a wheel.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import labour_migration.data as data_module
from labour_migration import DataError

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def installed_apart(tmp_path, monkeypatch):
    """The package as if installed in site-packages, with no data beside it; a fresh home."""
    monkeypatch.delenv("LABOUR_MIGRATION_DATA", raising=False)
    monkeypatch.setattr(data_module, "__file__", str(tmp_path / "site-packages" / "labour_migration" / "data.py"))
    home = tmp_path / "home" / "learner"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home


def _course_copy(folder: Path) -> Path:
    shutil.copytree(DATA, folder / "data")
    (folder / "notebooks").mkdir()
    return folder


def test_a_notebook_in_the_home_folder_finds_the_course_copy_beside_it(installed_apart, monkeypatch):
    course = _course_copy(installed_apart / "labour-migration-course")
    monkeypatch.chdir(installed_apart)
    assert data_module.data_dir() == course / "data"
    assert len(data_module.load("migrant_stock_world")) > 0


def test_a_notebook_in_another_folder_finds_the_course_copy_in_the_home_folder(installed_apart, tmp_path,
                                                                               monkeypatch):
    course = _course_copy(installed_apart / "labour-migration-course")
    elsewhere = installed_apart / "my-project" / "drafts"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    assert data_module.data_dir() == course / "data"


def test_a_course_copy_under_another_name_is_found_too(installed_apart, monkeypatch):
    # A teacher may point nbgitpuller's targetpath elsewhere, or a learner may rename the folder.
    course = _course_copy(installed_apart / "migration-course-spring")
    monkeypatch.chdir(installed_apart)
    assert data_module.data_dir() == course / "data"


def test_a_lesson_inside_the_copy_uses_its_own_data_before_another_copy(installed_apart, monkeypatch):
    _course_copy(installed_apart / "labour-migration-course")
    own = _course_copy(installed_apart / "old-term" / "labour-migration-course")
    monkeypatch.chdir(own / "notebooks")
    assert data_module.data_dir() == own / "data"


def test_another_projects_data_folder_above_the_notebook_is_not_taken_for_the_courses(installed_apart,
                                                                                       monkeypatch):
    course = _course_copy(installed_apart / "labour-migration-course")
    project = installed_apart / "thesis"
    (project / "data").mkdir(parents=True)
    (project / "data" / "datapackage.json").write_text(json.dumps({"name": "my-thesis-data",
                                                                   "resources": []}))
    (project / "analysis").mkdir()
    monkeypatch.chdir(project / "analysis")
    assert data_module.data_dir() == course / "data"


def test_without_any_course_copy_the_error_says_where_it_looked_and_what_to_set(installed_apart, monkeypatch):
    monkeypatch.chdir(installed_apart)
    with pytest.raises(DataError, match=r"datapackage\.json.*file not found.*LABOUR_MIGRATION_DATA"):
        data_module.load("migrant_stock_world")
