"""Build the course site the way CI does (warnings as errors) and time it."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from . import ROOT
from .report import FAILED, Row, judge, seconds

CLEAN_BUILD_TARGET_S = 90
REBUILD_TARGET_S = 10


def jupyter_book() -> str:
    candidate = Path(sys.executable).parent / "jupyter-book"
    return str(candidate) if candidate.exists() else "jupyter-book"


def lesson_notebooks(root: Path = ROOT) -> list[Path]:
    """The lessons' notebooks, in the order of lessons.yml."""
    from labour_migration.course import lessons

    return [root / lesson.notebook for lesson in lessons(root / "lessons.yml")]


def build(out_dir: Path, root: Path = ROOT) -> dict:
    """One ``jupyter-book build`` into ``out_dir``; wall time, exit code, notebooks executed.

    The log is kept in ``out_dir/build.log`` (one per call, overwritten).
    """
    command = [jupyter_book(), "build", str(root), "--builder", "html",
               "--path-output", str(out_dir), "-W", "-n", "--keep-going"]
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    log = result.stdout + result.stderr
    (out_dir / "build.log").write_text(log, encoding="utf-8")
    executed = re.findall(r"Executed notebook in ([\d.]+) seconds", log)
    return {"seconds": elapsed, "returncode": result.returncode, "log": str(out_dir / "build.log"),
            "executed": len(executed), "execution_seconds": sum(map(float, executed)),
            "warnings": len(re.findall(r"WARNING:", log))}


def _failed(measure: str, run: dict) -> Row:
    return Row(measure, f"exit {run['returncode']}", status=FAILED,
               notes=f"{run['warnings']} warnings; see {run['log']}", values=run)


def clean_build_row(out_dir: Path) -> Row:
    """Time a build into a folder that holds nothing yet, so every notebook is executed."""
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ValueError(f"{out_dir} is not empty; a clean build needs a fresh folder")
    run = build(out_dir)
    measure = "Clean build of the site (every notebook executed)"
    if run["returncode"]:
        return _failed(measure, run)
    total = len(lesson_notebooks())
    return Row(measure, seconds(run["seconds"]), f"<= {CLEAN_BUILD_TARGET_S} s",
               judge(run["seconds"] <= CLEAN_BUILD_TARGET_S and run["executed"] == total),
               f"fresh output folder, -W -n --keep-going; {run['executed']} of {total} notebooks "
               f"executed ({run['execution_seconds']:.1f} s of it)", values=run)


def rebuild_row(out_dir: Path) -> Row:
    """Time a build into a folder that already holds an up-to-date build."""
    run = build(out_dir)
    measure = "No-change rebuild"
    if run["returncode"]:
        return _failed(measure, run)
    return Row(measure, seconds(run["seconds"]), f"<= {REBUILD_TARGET_S} s",
               judge(run["seconds"] <= REBUILD_TARGET_S),
               f"same command again, nothing changed; {run['executed']} notebooks re-executed",
               values=run)
