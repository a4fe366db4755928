"""From a learner's key press to the new chart on screen, in JupyterLab driven by Chromium.

JupyterLab starts from the project's environment on a copy of notebooks/ (the same helpers
as the browser tests, tests/jupyterlab_session.py). Each lesson with explorers is opened and
run; then, for every explorer, the benchmark types choices into its text boxes (Enter),
moves its slider handles with the arrow keys and picks the next option of each drop-down,
over and over. The time is measured inside the page: from the key event
(``performance.now()`` in a capturing listener; for a drop-down, its change event) to the
moment a MutationObserver sees the explorer's visible chart change. So it holds the kernel's
callback, the widget messages both ways and the browser's decoding of the new image.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from . import ROOT
from .report import FAILED, Row, judge

TARGET_MS = 250
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

# Arm a one-shot timer: the next key event on `control` (or its change, for a drop-down chosen
# as with the mouse) starts it, the next change of the explorer's visible chart stops it; the
# result lands in window.__lmDelay. Arming again first disarms the last timer, so a refused
# choice (no new chart) cannot stop a later timer with its own, older start.
ARM_JS = """([box, control]) => {
  if (window.__lmDisarm) window.__lmDisarm();
  window.__lmDelay = null;
  const visible = () => {
    const img = [...box.querySelectorAll('img')].find(i => i.offsetParent !== null);
    return img ? img.getAttribute('src') : null;
  };
  const before = visible();
  let start = null;
  const onKey = () => { if (start === null) start = performance.now(); };
  const observer = new MutationObserver(() => {
    if (start !== null && visible() !== before) {
      window.__lmDelay = performance.now() - start;
      window.__lmDisarm();
    }
  });
  window.__lmDisarm = () => {
    observer.disconnect();
    control.removeEventListener('keydown', onKey, true);
    control.removeEventListener('change', onKey, true);
    window.__lmDisarm = null;
  };
  control.addEventListener('keydown', onKey, true);
  control.addEventListener('change', onKey, true);
  observer.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


def _measure(learner, name: str, rounds: int) -> dict[str, list[float]]:
    from jupyterlab_session import DROPDOWNS, SLIDER_HANDLES, TEXT_INPUTS

    box = learner.explorer(name)
    delays: dict[str, list[float]] = {"typing": [], "slider": [], "drop-down": []}
    inputs = box.locator(TEXT_INPUTS)
    boxes = [inputs.nth(i) for i in range(inputs.count())]
    lists = [b.evaluate("el => el.list ? [...el.list.options].map(o => o.value) : []") for b in boxes]
    handles = box.locator(SLIDER_HANDLES)
    for step in range(rounds):
        for text_box, options in zip(boxes, lists):
            if len(options) < 3:
                continue
            taken = {b.input_value() for b in boxes}
            choice = [o for o in options if o not in taken][(step * 7) % max(len(options) - len(taken), 1)]
            text_box.focus()
            text_box.press("ControlOrMeta+a")
            text_box.press_sequentially(choice)
            learner.page.evaluate(ARM_JS, [box.element_handle(), text_box.element_handle()])
            text_box.press("Enter")
            if _waited(learner):
                delays["typing"].append(learner.page.evaluate("window.__lmDelay"))
        for i in range(handles.count()):
            handle = handles.nth(i)
            now, low, top = (float(handle.get_attribute(a))
                             for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
            key = "ArrowRight" if (step // 4) % 2 == 0 and now < top else "ArrowLeft"
            if key == "ArrowLeft" and now <= low:
                key = "ArrowRight"
            learner.page.evaluate(ARM_JS, [box.element_handle(), handle.element_handle()])
            handle.focus()
            handle.press(key)
            if _waited(learner):
                delays["slider"].append(learner.page.evaluate("window.__lmDelay"))
        menus = box.locator(DROPDOWNS)
        for i in range(menus.count()):
            menu = menus.nth(i)
            # Chosen as with the mouse: in JupyterLab's command mode the arrow keys move between
            # cells even when a drop-down has the focus.
            at, last = menu.evaluate("el => [el.selectedIndex, el.options.length - 1]")
            learner.page.evaluate(ARM_JS, [box.element_handle(), menu.element_handle()])
            menu.select_option(index=at + 1 if at < last else 0)
            if _waited(learner):
                delays["drop-down"].append(learner.page.evaluate("window.__lmDelay"))
    return delays


def _waited(learner) -> bool:
    """Whether the chart changed; a refused choice (a message, the chart kept) is not timed."""
    try:
        learner.page.wait_for_function("() => window.__lmDelay !== null", timeout=5_000)
        return True
    except Exception:
        return False


def browser_rows(rounds: int = 12) -> list[Row]:
    sys.path.insert(0, str(ROOT / "tests"))
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return [Row("Explorer in JupyterLab: key press to new chart", "chromium missing", status=FAILED,
                    notes="apt-get install -y chromium")]
    from playwright.sync_api import sync_playwright

    from jupyterlab_session import JupyterLabServer, LessonPage, copy_notebooks
    from labour_migration.course import lessons

    work = Path(tempfile.mkdtemp(prefix="labour-migration-browser-"))
    server = JupyterLabServer(str(Path(sys.executable).parent / "jupyter"),
                              copy_notebooks(ROOT / "notebooks", work / "notebooks"),
                              home=work / "home", log_path=work / "jupyterlab.log")
    rows, all_delays = [], []
    try:
        server.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for lesson in lessons():
                if not lesson.explorers:
                    continue
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                learner = LessonPage(page, lesson.id)
                learner.open(server.lab_url(lesson.notebook.removeprefix("notebooks/")))
                learner.run_all()
                learner.wait_for_widgets()
                for name in lesson.explorers:
                    measured = _measure(learner, name, rounds)
                    if not any(measured.values()):
                        rows.append(Row(f"Explorer {name} in JupyterLab", "no change timed", status=FAILED,
                                        notes=f"{lesson.id}: none of its controls changed the chart"))
                    for kind, values in measured.items():
                        if not values:
                            continue
                        all_delays += values
                        median = statistics.median(values)
                        rows.append(Row(
                            f"Explorer {name} in JupyterLab: {kind} to new chart on screen",
                            f"{median:.0f} ms median, {max(values):.0f} ms max",
                            f"median <= {TARGET_MS} ms", judge(median <= TARGET_MS),
                            f"{len(values)} changes in Chromium ({lesson.id}); from the "
                            f"{'choice' if kind == 'drop-down' else 'key event'} to the visible chart's "
                            "change, timed inside the page",
                            values={"ms": values}))
                page.close()
            browser.close()
    except Exception as error:
        rows.append(Row("Explorer in JupyterLab: key press to new chart", "error", status=FAILED,
                        notes=f"{type(error).__name__}: {str(error)[:300]}"))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return rows
