"""The lessons run with the oldest package versions the helper package declares (Colab's era).

Colab keeps its own, older packages (it has long shipped ipywidgets 7 and pandas 2) and a
lesson's setup cell installs only what is missing, so the helper package must work with
the floors in ``pyproject.toml``, not just with the pins Binder installs. A second
environment holds exactly those floors (plus a kernel and the test tools), and in it every
lesson of ``lessons.yml`` runs top to bottom in a fresh kernel and the explorer contract
test passes.

The environment is kept in ``.venv-oldest`` (git-ignored) between runs on a developer's
machine and made again whenever the floors change; under CI it is always made from scratch.
Making it needs PyPI: without it the tests skip on a developer's machine and fail under CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from labour_migration.course import lessons

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("COURSE_OLDEST_VENV", ROOT / ".venv-oldest"))
STAMP = VENV / "course-floors.json"
# What runs the lessons and the tests there, besides the floors. ipykernel 6 is what Colab
# runs; the rest are the test tools of requirements.txt.
TOOLS = ["ipykernel==6.29.5", "nbclient==0.11.0", "nbformat==5.11.1", "pytest==9.2.0", "PyYAML==6.0.4"]
CONTRACT_TESTS = ["tests/test_explorer_contract.py"]
LESSONS = lessons()

RUN_LESSON = r"""
import json, sys
import nbformat
from nbclient import NotebookClient

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                        resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}})
problems = []
try:
    client.execute()
except Exception as error:  # the cell's error output is collected below too
    problems.append(f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:300]}")
for index, cell in enumerate(notebook.cells):
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            problems.append(f"cell {index}: {output.ename}: {output.evalue}")
        elif output.output_type == "stream" and output.name == "stderr":
            problems.append(f"cell {index}: stderr: {output.text.strip()[:300]}")
print(json.dumps(problems))
"""


def floors() -> dict[str, str]:
    """Each declared dependency's oldest supported version, from pyproject.toml."""
    found = {}
    for text in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        requirement = Requirement(text)
        lower = [s.version for s in requirement.specifier if s.operator == ">="]
        found[canonicalize_name(requirement.name)] = lower[0] if len(lower) == 1 else ""
    return found


def _python() -> Path:
    return VENV / "bin" / "python"


def _make_venv(wanted: list[str]) -> None:
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
    # Wheels only: an old version without a wheel for this Python is not "supported" here.
    result = subprocess.run([str(_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "--only-binary", ":all:", *wanted], capture_output=True, text=True, timeout=1200)
    if result.returncode:
        problems = "\n".join(l for l in result.stderr.splitlines() if "is ignored" not in l)
        pytest.fail(f"the oldest-versions environment cannot be installed:\n{problems[-2000:]}")
    STAMP.write_text(json.dumps(wanted))


@pytest.fixture(scope="module")
def oldest():
    """The oldest-versions environment: made, or reused when its floors are unchanged."""
    wanted = [f"{name}=={version}" for name, version in sorted(floors().items())] + TOOLS
    fresh_needed = os.environ.get("CI") or not STAMP.is_file() or json.loads(STAMP.read_text()) != wanted
    if fresh_needed:
        try:
            with urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=15):
                pass
        except OSError:
            message = "PyPI cannot be reached to make the oldest-versions environment"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        _make_venv(wanted)
    env = dict(os.environ)
    for name in ("VIRTUAL_ENV", "JUPYTER_PATH", "PYTHONHOME", "MPLBACKEND"):
        env.pop(name, None)
    # The course's package from this checkout, the kernel from the old environment.
    env.update(PYTHONPATH=str(ROOT), PATH=os.pathsep.join([str(VENV / "bin"), env.get("PATH", "")]),
               JUPYTER_DATA_DIR=str(VENV / "share" / "jupyter-user"), PYTHONNOUSERSITE="1")
    return env


def test_every_dependency_declares_the_oldest_version_it_supports():
    assert floors(), "pyproject.toml declares no dependencies"
    assert [name for name, version in floors().items() if not version] == [], \
        "each dependency needs exactly one '>=' floor"


def test_the_oldest_environment_holds_exactly_the_declared_floors(oldest):
    result = subprocess.run([str(_python()), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
                            env=oldest, capture_output=True, text=True, check=True)
    installed = {canonicalize_name(p["name"]): p["version"] for p in json.loads(result.stdout)}
    assert {name: installed.get(name) for name in floors()} == floors()


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_runs_top_to_bottom_with_the_oldest_supported_versions(oldest, lesson):
    result = subprocess.run([str(_python()), "-c", RUN_LESSON, str(ROOT / lesson.notebook)], env=oldest,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    problems = json.loads(result.stdout.strip().splitlines()[-1])
    assert problems == [], f"{lesson.id} with {', '.join(f'{n} {v}' for n, v in floors().items())}"


@pytest.mark.slow
def test_explorer_contract_passes_with_the_oldest_supported_versions(oldest):
    tests = [t for t in CONTRACT_TESTS if (ROOT / t).is_file()]
    assert tests, f"none of {CONTRACT_TESTS} exists"
    env = dict(oldest, MPLBACKEND="Agg")
    result = subprocess.run([str(_python()), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "-W", "ignore::DeprecationWarning", *tests],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    print(f"\nexplorer contract with the oldest versions: {summary}")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
    assert re.search(r"\d+ passed", summary)
