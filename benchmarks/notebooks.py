"""Restart & Run All for each lesson, in a fresh kernel, with nbclient."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import ROOT
from .build import lesson_notebooks
from .report import FAILED, Row, judge, seconds

NOTEBOOK_TARGET_S = 10


def run_all(path: Path, timeout: int = 600) -> dict:
    """Start a fresh kernel in the notebook's folder and run every cell, as a learner would.

    Returns the time to a ready kernel and the time to run all cells after it.
    """
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        client.wait_for_reply(client.kc.kernel_info())
        ready = time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
    return {"kernel_start_s": ready - start, "run_all_s": done - ready, "total_s": done - start}


def notebook_rows(repeats: int = 3, root: Path = ROOT) -> list[Row]:
    rows = []
    for path in lesson_notebooks(root):
        measure = f"Restart & Run All: {path.name}"
        try:
            runs = [run_all(path) for _ in range(repeats)]
        except Exception as error:  # a failing cell: report it, keep benchmarking the rest
            rows.append(Row(measure, "error", f"<= {NOTEBOOK_TARGET_S} s", FAILED,
                            f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"))
            continue
        total = statistics.median(r["total_s"] for r in runs)
        kernel = statistics.median(r["kernel_start_s"] for r in runs)
        cells = statistics.median(r["run_all_s"] for r in runs)
        spread = f"{min(r['total_s'] for r in runs):.1f}-{max(r['total_s'] for r in runs):.1f} s"
        rows.append(Row(measure, seconds(total), f"<= {NOTEBOOK_TARGET_S} s",
                        judge(total <= NOTEBOOK_TARGET_S),
                        (f"median of {repeats} runs ({spread}); " if repeats > 1 else "one run; ")
                        + f"kernel start {kernel:.1f} s + "
                        f"all cells {cells:.1f} s; fresh kernel each run (nbclient)",
                        values={"runs": runs}))
    return rows
