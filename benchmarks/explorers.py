"""How long an explorer takes to redraw, measured inside a fresh Jupyter kernel.

For each explorer, three pairs of timings are taken in one loop, interleaved (one update,
then one naive re-plot, for the same pair of countries), so both meet the same noise:

(a) artists only: pointing the existing figure's lines at new data
    (``charts.update_three_ds``) against building a new figure (``charts.plot_three_ds``);
(b) artists + the PNG render the explorer shows: (a) followed by the same
    ``_figure_as_img`` call on both sides;
(c) the explorer's whole callback, ``ThreeDsExplorer.show``, which also checks the input,
    writes the plain-language reading and syncs the controls, against the same callback
    with a fresh figure every time.

The PNG render alone is timed too, to show where the time goes.
"""

from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path

from . import ROOT
from .report import FAILED, Row, judge, summary

UPDATE_TARGET_MS = 30
SPEEDUP_TARGET = 3
PAIRS = [("MEX", "USA"), ("PHL", "SAU"), ("NPL", "QAT"), ("POL", "DEU"), ("SEN", "ESP"),
         ("IND", "ARE")]
WARMUP = 5
MARKER = "BENCHMARK-RESULT:"


def measure_three_ds(updates: int = 50) -> dict:
    """Timings (seconds) for the 3Ds explorer; run this inside the kernel."""
    import matplotlib.pyplot as plt

    from labour_migration import load_three_ds
    from labour_migration.charts import plot_three_ds, update_three_ds
    from labour_migration.explorers import ThreeDsExplorer, _figure_as_img

    class FreshFigureExplorer(ThreeDsExplorer):
        """The naive explorer: the same callback, but a new figure on every change."""

        def show(self, origin, destination, years) -> bool:
            self.figure = None
            return super().show(origin, destination, years)

    data = load_three_ds()
    years = (int(data["year"].min()), int(data["year"].max()))
    explorer = ThreeDsExplorer(data, *PAIRS[0], years)
    naive_explorer = FreshFigureExplorer(data, *PAIRS[0], years)
    figure = plot_three_ds(data, *PAIRS[0], years=years)
    plt.close(figure)
    alt = "3Ds chart"
    timings = {key: [] for key in ("a_update", "a_naive", "b_update", "b_naive",
                                   "c_update", "c_naive", "render")}
    clock = time.perf_counter
    gc.collect()
    for step in range(WARMUP + updates):
        origin, destination = PAIRS[step % len(PAIRS)]
        sample = {}
        # (a) artists only
        t0 = clock()
        update_three_ds(figure, data, origin, destination, years)
        sample["a_update"] = clock() - t0
        t0 = clock()
        fresh = plot_three_ds(data, origin, destination, years=years)
        sample["a_naive"] = clock() - t0
        plt.close(fresh)
        # render alone: the figure (a) just updated
        t0 = clock()
        _figure_as_img(figure, alt)
        sample["render"] = clock() - t0
        # (b) artists + PNG render, on the next pair so the update has work to do
        origin, destination = PAIRS[(step + 1) % len(PAIRS)]
        t0 = clock()
        update_three_ds(figure, data, origin, destination, years)
        _figure_as_img(figure, alt)
        sample["b_update"] = clock() - t0
        t0 = clock()
        fresh = plot_three_ds(data, origin, destination, years=years)
        _figure_as_img(fresh, alt)
        sample["b_naive"] = clock() - t0
        plt.close(fresh)
        # (c) the whole callback
        origin, destination = PAIRS[(step + 2) % len(PAIRS)]
        t0 = clock()
        ok = explorer.show(origin, destination, years)
        sample["c_update"] = clock() - t0
        t0 = clock()
        ok = naive_explorer.show(origin, destination, years) and ok
        sample["c_naive"] = clock() - t0
        if not ok:
            raise RuntimeError(f"the explorer refused {origin}->{destination}: "
                               f"{explorer.message.value}")
        if step >= WARMUP:
            for key, value in sample.items():
                timings[key].append(value)
    return {"three_ds": {"timings": timings, "pairs": PAIRS, "years": years,
                         "figures_open": len(plt.get_fignums()),
                         "backend": plt.get_backend()}}


def measure_in_kernel(updates: int = 50, root: Path = ROOT, timeout: int = 900) -> dict:
    """Run :func:`measure_three_ds` in a fresh ``python3`` kernel started in notebooks/."""
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(root), *filter(None, [os.environ.get("PYTHONPATH")])])}
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(root / "notebooks"), env=env)
    output = []

    def hook(message):
        if message["msg_type"] == "stream":
            output.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            output.append("\n".join(message["content"]["traceback"]))

    code = ("import json\nfrom benchmarks.explorers import measure_three_ds, MARKER\n"
            f"print(MARKER + json.dumps(measure_three_ds({int(updates)})))\n")
    try:
        reply = client.execute_interactive(code, timeout=timeout, output_hook=hook)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    text = "".join(output)
    if reply["content"]["status"] != "ok" or MARKER not in text:
        raise RuntimeError(f"the explorer benchmark failed in the kernel:\n{text[-3000:]}")
    return json.loads(text.split(MARKER, 1)[1].strip().splitlines()[0])


def _pair_row(measure: str, update: list[float], naive: list[float], notes: str) -> Row:
    mine, fresh = summary(update), summary(naive)
    ratio = fresh["median_ms"] / mine["median_ms"]
    ok = mine["median_ms"] <= UPDATE_TARGET_MS and ratio >= SPEEDUP_TARGET
    return Row(measure,
               f"{mine['median_ms']:.1f} / {mine['p95_ms']:.1f} ms vs naive "
               f"{fresh['median_ms']:.1f} / {fresh['p95_ms']:.1f} ms: {ratio:.1f}x",
               f"median <= {UPDATE_TARGET_MS} ms, >= {SPEEDUP_TARGET}x", judge(ok), notes,
               values={"update": mine, "naive": fresh, "ratio": ratio})


def explorer_rows(updates: int = 50) -> list[Row]:
    try:
        results = measure_in_kernel(updates)
    except Exception as error:
        return [Row("3Ds explorer update", "error", status=FAILED,
                    notes=f"{type(error).__name__}: {str(error)[:300]}")]
    three = results["three_ds"]
    t = three["timings"]
    common = (f"median / p95 over {len(t['a_update'])} updates cycling {len(three['pairs'])} "
              "country pairs, each interleaved with the naive re-plot of the same pair")
    render = summary(t["render"])
    return [
        _pair_row("3Ds explorer (a): artist update vs. new figure", t["a_update"], t["a_naive"],
                  f"{common}; update_three_ds vs. plot_three_ds, no drawing on either side"),
        _pair_row("3Ds explorer (b): update + PNG render vs. new figure + render",
                  t["b_update"], t["b_naive"],
                  f"{common}; both sides end with the explorer's _figure_as_img (PNG at dpi 80, base64 <img>)"),
        _pair_row("3Ds explorer (c): whole callback vs. callback with a fresh figure",
                  t["c_update"], t["c_naive"],
                  f"{common}; ThreeDsExplorer.show: input checks, update, render, reading, "
                  "control sync; what a learner waits for after changing a control"),
        Row("3Ds explorer: PNG render alone", f"{render['median_ms']:.1f} / {render['p95_ms']:.1f} ms",
            notes="median / p95 of _figure_as_img on the updated figure: the part of (b) and (c) "
                  "that reusing the figure cannot save", values=render),
    ]
