"""A learner's JupyterLab session, as on Binder, for the browser tests in test_jupyterlab.py.

:class:`JupyterLabServer` starts ``jupyter lab`` from the project's environment on a copy of
``notebooks/``; :class:`LessonPage` drives one open notebook in chromium through the
``window.jupyterapp`` object that ``--LabApp.expose_app_in_browser`` publishes, and through
the keyboard and mouse for everything a learner touches.

Explorers are found by the name lessons.yml gives them: every explorer's outer box carries
the classes ``lm-explorer`` and ``lm-explorer-<name>``, its live controls sit in a box
with class ``lm-live-only``, and its chart is the visible ``<img>`` inside it (a saved
view or the learner's own choice, one at a time).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

# The parts of an explorer a learner changes (all inside its .lm-live-only box).
TEXT_INPUTS = ".lm-live-only .widget-text input[type='text']"
SLIDER_HANDLES = ".lm-live-only .widget-slider .noUi-handle"
DROPDOWNS = ".lm-live-only .widget-dropdown select"
VIEW_MENU = ".widget-dropdown select"  # the first drop-down of an explorer: its saved views
VISIBLE_CHART_JS = """box => {
  const img = [...box.querySelectorAll('img')].find(i => i.offsetParent !== null);
  return img ? {src: img.getAttribute('src'), alt: img.getAttribute('alt')} : null;
}"""

KERNEL_READY_JS = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session
                 && widget.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

# The toolbar can say "idle" before the kernel is connected, so ask the kernel itself; and
# record every traceback and stderr stream the kernel sends, including those from widget
# callbacks, which JupyterLab puts in its log console rather than under a cell.
WATCH_KERNEL_JS = """() => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  window.__kernelProblems = [];
  kernel.iopubMessage.connect((_, msg) => {
    const type = msg.header.msg_type;
    if (type === 'error') {
      window.__kernelProblems.push(msg.content.ename + ': ' + msg.content.evalue);
    }
  });
}"""

# Error outputs as the notebook model holds them (independent of what is rendered on screen).
CELL_ERRORS_JS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const found = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (const output of cell.outputs.toJSON()) {
      if (output.output_type === 'error') {
        found.push(`cell ${i}: ${output.ename}: ${output.evalue}`);
      }
    }
  }
  return found;
}"""

UNEXECUTED_CELLS_JS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const left = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code' && cell.sharedModel.getSource().trim() && !cell.executionCount) {
      left.push(i);
    }
  }
  return left;
}"""

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterLabServer:
    """``jupyter lab`` on 127.0.0.1 with a random token, serving ``root_dir``.

    Jupyter's config, data, runtime and IPython folders point into ``home`` so the session
    starts as fresh as a Binder one and writes nothing into the developer's home folder.
    """

    def __init__(self, jupyter: str, root_dir: Path, home: Path, log_path: Path):
        self.jupyter, self.root_dir, self.home, self.log_path = jupyter, root_dir, home, log_path
        self.token = secrets.token_hex(16)
        self.port = None
        self.process = None
        self.started_in = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env(self) -> dict:
        env = dict(os.environ)
        for name, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                          ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
            env[name] = str(self.home / sub)
        # A CI's MPLBACKEND=Agg would stop ipykernel choosing the inline backend.
        env.pop("MPLBACKEND", None)
        env.pop("JUPYTER_PATH", None)
        return env

    def _quiet_settings(self) -> None:
        # The "get notified about Jupyter news?" toast sits over the bottom right of the
        # notebook, where it can take a click meant for the page and hides part of every
        # failure screenshot. Answering it is not part of the lessons.
        folder = self.home / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))

    def start(self, timeout: float = 60) -> "JupyterLabServer":
        self._quiet_settings()
        self.log_path.write_text("")  # one session per log
        began = time.monotonic()
        # The free port can be taken between the check and the bind (port_retries=0 then
        # makes the server exit), so try a few ports before giving up.
        for _attempt in range(3):
            self.port = free_port()
            log = open(self.log_path, "a")
            command = [self.jupyter, "lab", "--no-browser", "--ip", "127.0.0.1",
                       "--port", str(self.port), f"--IdentityProvider.token={self.token}",
                       f"--ServerApp.root_dir={self.root_dir}", "--allow-root",
                       "--ServerApp.port_retries=0", "--LabApp.expose_app_in_browser=True"]
            # Own session, so a hung server and its kernels can be killed as one group.
            self.process = subprocess.Popen(command, cwd=self.root_dir, env=self._env(),
                                            stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
            log.close()
            if self._wait_until_answering(timeout):
                self.started_in = time.monotonic() - began
                return self
        raise RuntimeError(f"JupyterLab did not start; see {self.log_path}")

    def _wait_until_answering(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2):
                    return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self, timeout: float = 15) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM lets the server shut its kernels down cleanly.
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(5)

    def lab_url(self, notebook: str) -> str:
        # reset: JupyterLab would otherwise reopen the earlier lessons' tabs from its saved
        # workspace, and the notebook on screen might not be this one.
        return f"{self.url}/lab/tree/{notebook}?token={self.token}&reset"


def copy_notebooks(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "_build"))
    return target


@dataclass
class LessonPage:
    """One lesson open in JupyterLab, with timings of what took how long."""

    page: object
    name: str = ""
    timings: dict = field(default_factory=dict)

    def open(self, url: str, timeout_ms: int = 90_000) -> None:
        start = time.monotonic()
        self.page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            self.accept_kernel_dialog()
            if self.page.evaluate(KERNEL_READY_JS):
                break
            if time.monotonic() > deadline:
                raise TimeoutError("the kernel was not connected and idle in time")
            self.page.wait_for_timeout(100)
        self.timings["open to kernel ready"] = time.monotonic() - start
        self.page.evaluate(WATCH_KERNEL_JS)

    def record(self, what: str, seconds: float) -> None:
        self.timings[what] = max(seconds, self.timings.get(what, 0.0))

    def accept_kernel_dialog(self) -> None:
        dialog = self.page.locator(".jp-Dialog")
        if dialog.count() and "Select Kernel" in dialog.first.inner_text():
            dialog.first.locator(".jp-Dialog-button.jp-mod-accept").click()

    def run_all(self, timeout_ms: int = 300_000) -> None:
        # Generous: on a fresh machine the first matplotlib import builds its font cache,
        # which has taken up to two minutes here.
        start = time.monotonic()
        self.page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        # Done when every code cell has run (or one failed, which stops Run All) and the kernel
        # is idle: the kernel alone can look idle before the first cell reaches it.
        self.page.wait_for_function(
            f"""() => {{
                 const left = ({UNEXECUTED_CELLS_JS})();
                 const errors = ({CELL_ERRORS_JS})();
                 return (left.length === 0 || errors.length > 0) && ({KERNEL_READY_JS})();
               }}""", timeout=timeout_ms, polling=200)
        self.timings["run all"] = time.monotonic() - start

    def unexecuted_cells(self) -> list[int]:
        return self.page.evaluate(UNEXECUTED_CELLS_JS)

    def cell_errors(self) -> list[str]:
        return self.page.evaluate(CELL_ERRORS_JS)

    def kernel_problems(self) -> list[str]:
        return self.page.evaluate("() => window.__kernelProblems || []")

    def wait_for_widgets(self, timeout_ms: int = 15_000) -> None:
        """Wait until every widget output of the notebook is drawn."""
        try:
            self._wait_for_widget_views(timeout_ms)
        except PlaywrightTimeout:
            raise AssertionError(f"{self.name}: widget outputs did not render within "
                                 f"{timeout_ms / 1000:.0f} s (is the widgets extension loaded?)")

    def _wait_for_widget_views(self, timeout_ms: int) -> None:
        self.page.wait_for_function(
            """() => {
                 const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
                 let views = 0;
                 for (let i = 0; i < cells.length; i++) {
                   const cell = cells.get(i);
                   if (cell.type !== 'code') continue;
                   views += cell.outputs.toJSON().filter(
                     o => o.data && o.data['application/vnd.jupyter.widget-view+json']).length;
                 }
                 return document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')
                   .length >= views;
               }""", timeout=timeout_ms, polling=100)

    def explorer(self, name: str):
        """The explorer registered as ``name`` (its outer widget box)."""
        return self.page.locator(f".jp-OutputArea-output .lm-explorer-{name}")

    def chart(self, name: str) -> dict | None:
        """The explorer's visible chart as ``{"src": ..., "alt": ...}``."""
        return self.explorer(name).evaluate(VISIBLE_CHART_JS)

    def message(self, name: str) -> str:
        return self.explorer(name).locator(".widget-html.lm-live-only").inner_text()

    def wait_for_chart_change(self, name: str, old_src: str | None, timeout_ms: int = 15_000) -> float:
        """Seconds until the explorer's visible chart is no longer ``old_src`` (checked every frame)."""
        start = time.monotonic()
        self.page.wait_for_function(
            f"""([box, old]) => {{
                 const chart = ({VISIBLE_CHART_JS})(box);
                 return !!chart && chart.src !== old;
               }}""", arg=[self.explorer(name).element_handle(), old_src], polling="raf",
            timeout=timeout_ms)
        return time.monotonic() - start
