"""Shared fixtures: the built course site, a local web server for it, and Debian's chromium.

Browser tests skip when chromium is missing on a developer's machine, but fail under CI
(``CI=true``), where ``.ci/run`` installs it: a green CI run must have used a real browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
# COURSE_BUILD_ROOT lets parallel runs build into separate folders (default: the repo root).
BUILD_ROOT = Path(os.environ.get("COURSE_BUILD_ROOT", ROOT))
HTML_DIR = BUILD_ROOT / "_build" / "html"
ARTIFACTS = Path(os.environ.get("COURSE_ARTIFACTS", ROOT / "test-artifacts"))
# Debian's chromium here and in CI; CHROMIUM_PATH names another installed Chromium-based
# browser (a hosted runner's Chrome, say). Playwright never downloads one.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a sandboxed root run on a machine with no network beyond localhost.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def bin_path(name: str) -> str:
    """A console script installed beside the running Python (the project's .venv)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL_HOSTS


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def built_site():
    """Build the book once per session with warnings as errors; return (html dir, build log)."""
    ARTIFACTS.mkdir(exist_ok=True)
    # Sphinx never deletes pages it no longer builds; start from an empty html folder so the
    # tests see only today's pages (executed notebooks stay cached in _build/.jupyter_cache).
    shutil.rmtree(HTML_DIR, ignore_errors=True)
    command = [bin_path("jupyter-book"), "build", str(ROOT), "--builder", "html",
               "--path-output", str(BUILD_ROOT), "-W", "-n", "--keep-going"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    log = result.stdout + result.stderr
    (ARTIFACTS / "book-build.log").write_text(log)
    return HTML_DIR, result.returncode, log


@pytest.fixture(scope="session")
def site_dir(built_site):
    html_dir, returncode, log = built_site
    if returncode != 0:
        pytest.fail(f"the book did not build (exit {returncode}); see test-artifacts/book-build.log\n"
                    + log[-3000:])
    return html_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chromium_or_skip() -> str:
    """Debian's chromium; skip without it on a developer's machine, fail under CI."""
    if not Path(CHROMIUM).exists():
        message = f"chromium not found at {CHROMIUM}; install it with: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def handouts(site_dir, browser):
    """The printable handouts, printed into the built site as scripts/build_site.sh does."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from handouts import make_handouts

    return make_handouts(site_dir, ROOT, browser)


@pytest.fixture(scope="session")
def site_url(site_dir, handouts):
    """Serve the built site (with its handouts) on 127.0.0.1 at a free port for the session."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_pages(site_dir):
    """Every content page of the built site, as paths relative to its root."""
    skip = {"genindex.html", "search.html", "index.html"}
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_guarded_page(browser):
    """A new context and page that abort, and record in ``page.blocked``, every request that
    would leave this machine, and record console errors in ``page.console_errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.blocked, page.console_errors = [], []

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(f"uncaught: {e}"))
    return context, page


@pytest.fixture
def page(browser, request):
    """A fresh page that aborts every request leaving this machine and records what it saw.

    ``page.blocked`` lists aborted URLs, ``page.console_errors`` console errors and uncaught
    exceptions. A failing test leaves a screenshot in test-artifacts/.
    """
    context, page = open_guarded_page(browser)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception:  # a crashed page cannot be photographed; the test has failed anyway
            pass
    context.close()
