"""A class on one JupyterHub: N learners follow lesson 1's hub link at the same moment.

For each class size a fresh hub starts on 127.0.0.1 (``tests/hub_session.ClassHub``: the
project's JupyterHub, its configurable-http-proxy, one single-user server per learner).
Every learner is scripted through the REST API, all at once: start their server, pull the
course with nbgitpuller (from a local bare copy of this checkout), start a kernel and run
every cell of the first lesson of ``lessons.yml``. Reported per class size: median and max
of each step and of the whole path, failures, memory per learner (server plus the lesson's
kernel, resident), and the peak memory of the whole hub.

It takes a few minutes, so it is not part of the default run: ``--only hub``.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import ROOT
from .report import FAILED, INFO, Row, judge

sys.path.insert(0, str(ROOT / "tests"))
import hub_session  # noqa: E402  (the tests' helpers; one hub for tests and benchmark)

# The target from issue 11: a class of 20 at once on this 2-core machine.
TARGET_LEARNERS = 20
TARGET_MEDIAN_S = 90
STEPS = ("server start", "pull", "kernel ready", "run all", "whole path")


class PeakMemory:
    """Sample the resident memory of the hub and everything under it, once a second."""

    def __init__(self, hub):
        self.hub, self.peak, self._stop = hub, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in self.hub.processes():
                try:
                    total += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(1.0)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)


def one_class(size: int, course: dict, notebook: str, log_dir: Path) -> dict:
    """Start a hub, send ``size`` learners through it at once, stop it; every number of the run."""
    work = Path(tempfile.mkdtemp(prefix=f"hub-{size}-", dir=course["work"]))
    hub = hub_session.ClassHub(work, [course["site"]], log_dir / f"hub-benchmark-{size}.log")
    hub.start()
    load_before = os.getloadavg()[0]
    try:
        hub_session.configure_http_client(max_clients=4 * size + 20)

        async def everyone():
            return await asyncio.gather(*(hub_session.whole_path(hub, f"learner-{i:03d}", course["remote"].as_uri(),
                                                                 notebook) for i in range(size)))

        began = time.monotonic()
        with PeakMemory(hub) as memory:
            results = asyncio.run(everyone())
        wall = time.monotonic() - began
    finally:
        hub.stop()
    return {"size": size, "results": results, "wall_s": wall, "peak_bytes": memory.peak,
            "hub_start_s": hub.started_in, "load_before": load_before, "load_after": os.getloadavg()[0],
            "left_running": hub.left_running}


def _stats(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} / {max(values):.1f} s" if values else "-"


def class_row(run: dict) -> Row:
    size, results = run["size"], run["results"]
    ok = [r for r in results if r["ok"]]
    failures = len(results) - len(ok)
    whole = [r["whole path"] for r in ok]
    per_learner = [(r["memory"].get("server_rss", 0) + r["memory"].get("kernels_rss", 0)) / 1e6
                   for r in ok if r.get("memory")]
    median_whole = statistics.median(whole) if whole else float("inf")
    if size == TARGET_LEARNERS:
        target = f"0 failures, median <= {TARGET_MEDIAN_S} s"
        status = judge(failures == 0 and median_whole <= TARGET_MEDIAN_S)
    else:
        target, status = "-", INFO
    if not ok:
        status = FAILED
    steps = "; ".join(f"{step} {_stats([r[step] for r in ok if step in r])}" for step in STEPS[:-1])
    problems = sorted({p.split(":")[0] for r in results if not r["ok"] for p in r["problems"]})
    notes = (f"median / max of each step: {steps}; failures {failures}"
             + (f" ({', '.join(problems)[:120]})" if problems else "")
             + (f"; memory per learner (server + lesson kernel, resident) median {statistics.median(per_learner):.0f} MB, "
                f"max {max(per_learner):.0f} MB" if per_learner else "")
             + f"; peak of the whole hub {run['peak_bytes'] / 1e9:.1f} GB; all {size} done in {run['wall_s']:.0f} s; "
             f"load average {run['load_before']:.1f} before, {run['load_after']:.1f} after")
    return Row(f"Class hub: {size} learners at once, whole path (median / max)",
               _stats(whole) if whole else "all failed", target, status, notes,
               values={"size": size, "failures": failures, "wall_s": run["wall_s"],
                       "peak_bytes": run["peak_bytes"], "per_learner_mb": per_learner,
                       "results": results, "left_running": run["left_running"]})


def hub_rows(sizes=(10, 20, 30), log_dir: Path | None = None) -> list[Row]:
    missing = hub_session.missing_pieces(ROOT)
    if missing:
        return [Row("Class hub", "not measured", status=FAILED, notes="missing: " + "; ".join(missing))]
    from labour_migration.course import lessons

    notebook = lessons()[0].notebook
    log_dir = log_dir or Path(tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix="hub-benchmark-") as folder:
        work = Path(folder)
        source, remote = hub_session.publish_course(work, "labour-migration-course")
        course = {"work": work, "remote": remote, "site": hub_session.install_apart(source, work / "site-packages")}
        rows = []
        for size in sizes:
            print(f"[benchmarks] {time.strftime('%H:%M:%S')} class hub: {size} learners at once",
                  file=sys.stderr, flush=True)
            rows.append(class_row(one_class(size, course, notebook, log_dir)))
        return rows
