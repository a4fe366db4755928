"""How long a learner waits after changing an explorer's control, inside a fresh Jupyter kernel.

For every registered explorer (``labour_migration.EXPLORERS``), in one loop and interleaved
so that both sides meet the same noise:

(c) the whole callback, ``Explorer.show`` (checks, update, drawing, image, reading, control
    sync), cycling the explorer's saved views' selections drawn afresh (the explorer is told
    not to reuse their stored charts, so each one is drawn as any other choice would be),
    against the naive callback: the same code with a fresh figure every time;
(d) for explorers with a years slider, moving the slider's first handle one year at a time,
    against the same naive callback.

Where the time goes is reported too: the share of callbacks that had to draw the whole
figure (a new axes layout) rather than only its data over a cached background.
"""

from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path

from . import ROOT
from .report import FAILED, Row, judge, summary

CALLBACK_TARGET_MS = 100
SPEEDUP_TARGET = 3
WARMUP = 5
MARKER = "BENCHMARK-RESULT:"


def _naive(explorer):
    """The same explorer, but drawing a new figure on every callback."""
    from labour_migration.explorer import ChartImage, Explorer

    def render(selection, purpose=""):
        import matplotlib.pyplot as plt

        plt.close(explorer.figure)
        explorer.figure = explorer.make_figure()
        explorer.figure.set_dpi(explorer.dpi)
        explorer.chart = ChartImage(explorer.figure, explorer.dynamic_artists(), explorer.background_key)
        return Explorer._render(explorer, selection, purpose)

    explorer._render = render
    return explorer


def _selections(explorer, kind: str) -> list[dict]:
    from labour_migration.explorer import YearRangeField

    views = [dict(explorer.defaults(), **view.values) for view in type(explorer).saved_views]
    if kind == "views":
        return views
    years = next((f for f in explorer.fields if isinstance(f, YearRangeField)), None)
    if years is None:
        return []
    span = years.last - years.first
    return [dict(views[0], **{years.name: (years.first + step % max(span // 2, 1), years.last)})
            for step in range(span // 2)]


def measure_explorers(updates: int = 50) -> dict:
    """Timings (seconds) for every registered explorer; run this inside the kernel."""
    import matplotlib.pyplot as plt

    import labour_migration as lm

    results = {}
    clock = time.perf_counter
    for name, cls in sorted(lm.EXPLORERS.items()):
        explorer, naive = cls.create(), _naive(cls.create())
        for instance in (explorer, naive):
            instance.reuse_saved_views = False
        result = {}
        for kind in ("views", "years"):
            selections = _selections(explorer, kind)
            if not selections:
                continue
            timings = {"update": [], "naive": []}
            draws_before = explorer.chart.full_draws
            gc.collect()
            for step in range(WARMUP + updates):
                values = selections[step % len(selections)]
                if step == WARMUP:
                    draws_before = explorer.chart.full_draws
                t0 = clock()
                ok = explorer.show(**values)
                t1 = clock()
                ok = naive.show(**values) and ok
                t2 = clock()
                if not ok:
                    raise RuntimeError(f"{name} refused {values}: {explorer.message_text()}")
                if step >= WARMUP:
                    timings["update"].append(t1 - t0)
                    timings["naive"].append(t2 - t1)
            result[kind] = {"timings": timings, "selections": len(selections),
                            "full_draws": explorer.chart.full_draws - draws_before}
        results[name] = result
    return {"explorers": results, "figures_open": len(plt.get_fignums()), "backend": plt.get_backend()}


def measure_in_kernel(updates: int = 50, root: Path = ROOT, timeout: int = 900) -> dict:
    """Run :func:`measure_explorers` in a fresh ``python3`` kernel started in notebooks/."""
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

    code = ("import json\nfrom benchmarks.explorers import measure_explorers, MARKER\n"
            f"print(MARKER + json.dumps(measure_explorers({int(updates)})))\n")
    try:
        reply = client.execute_interactive(code, timeout=timeout, output_hook=hook)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    text = "".join(output)
    if reply["content"]["status"] != "ok" or MARKER not in text:
        raise RuntimeError(f"the explorer benchmark failed in the kernel:\n{text[-3000:]}")
    return json.loads(text.split(MARKER, 1)[1].strip().splitlines()[0])


def explorer_rows(updates: int = 50) -> list[Row]:
    try:
        results = measure_in_kernel(updates)
    except Exception as error:
        return [Row("Explorer callbacks", "error", status=FAILED,
                    notes=f"{type(error).__name__}: {str(error)[:300]}")]
    rows = []
    labels = {"views": ("(c) whole callback, new choices", "cycling its saved views' selections, drawn afresh"),
              "years": ("(d) whole callback, years slider", "moving the first year one step at a time")}
    for name, result in results["explorers"].items():
        for kind, data in result.items():
            mine, fresh = summary(data["timings"]["update"]), summary(data["timings"]["naive"])
            ratio = fresh["median_ms"] / mine["median_ms"]
            ok = mine["median_ms"] <= CALLBACK_TARGET_MS and ratio >= SPEEDUP_TARGET
            label, how = labels[kind]
            rows.append(Row(
                f"Explorer {name} {label}",
                f"{mine['median_ms']:.1f} / {mine['p95_ms']:.1f} ms vs naive "
                f"{fresh['median_ms']:.1f} / {fresh['p95_ms']:.1f} ms: {ratio:.1f}x",
                f"median <= {CALLBACK_TARGET_MS} ms, >= {SPEEDUP_TARGET}x", judge(ok),
                f"median / p95 of Explorer.show over {mine['n']} changes {how} "
                f"({data['selections']} distinct), each interleaved with the naive callback (a fresh "
                f"figure each time); {data['full_draws']} of {mine['n']} needed a full draw "
                "(new axes layout), the rest drew the data over a cached background",
                values={"update": mine, "naive": fresh, "ratio": ratio, "full_draws": data["full_draws"]}))
    return rows
