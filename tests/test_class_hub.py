"""A class JupyterHub opens the course's nbgitpuller links, as on the day of a class.

One hub (``hub_session.ClassHub``) serves the whole module on 127.0.0.1: JupyterHub, its
``configurable-http-proxy`` and each learner's single-user server from the project's
environment, with the helper package installed apart from the course (as a hub image has
it). The course is published as a local bare repository, and every link is the lesson's
link from ``_config.yml`` with only the hub's address and ``repo`` changed.

- In Chromium, a learner follows the first lesson's link, logs in, gets the course pulled
  into their home folder, runs all cells, uses the explorers and answers a quiz item; every
  other lesson's link (lessons from ``lessons.yml``) points at a notebook the pull brought. Screenshots of each lesson as opened, after Run All and with each
  explorer changed are kept in the artifacts folder, and every failure leaves one.
- Over the REST API: a learner's own notebook outside the course folder finds the data; the
  teacher's update merges as the teacher's guide says (a change in another cell merges and
  keeps the learner's outputs; a change to the same lines loses to the learner's, silently;
  a deleted lesson comes back fresh); a few learners at once all run the lesson, within the
  memory the deployment recipe guarantees.
- Stopping the hub leaves no process behind (checked when the module's hub is stopped).

The load of a whole class (10, 20, 30 learners) is the benchmark's job:
``python -m benchmarks --only hub``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ARTIFACTS, ROOT, open_guarded_page
from hub_session import (PASSWORD, ClassHub, Learner, configure_http_client, hub_link, install_apart,
                         missing_pieces, publish_course, push_teacher_change, whole_path)
from jupyterlab_session import KERNEL_READY_JS, WATCH_KERNEL_JS, LessonPage
from labour_migration.course import lessons

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = lessons()
REPO_NAME = "labour-migration-course"  # the last part of repository.url in _config.yml
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub" / "config.yaml"
LEARNERS_AT_ONCE = 3  # the class-sized load is the benchmark's (python -m benchmarks --only hub)


def _screenshot(page, name: str) -> Path | None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)[-150:]}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
        return path
    except Exception:  # a crashed page cannot be photographed; the failure is reported anyway
        return None


def _run(coroutine):
    # Playwright's sync API keeps an event loop running in this thread, so the scripted
    # learners get their own loop in a worker thread.
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course as the hub sees it: a bare repository (file://) and the package installed apart."""
    missing = missing_pieces(ROOT)
    if missing:
        message = "a class hub needs " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    work = tmp_path_factory.mktemp("class-hub")
    source, remote = publish_course(work, REPO_NAME)
    site = install_apart(source, work / "site-packages")
    return {"work": work, "source": source, "remote": remote, "site": site}


@pytest.fixture(scope="module")
def class_hub(course):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    configure_http_client()
    hub = ClassHub(course["work"], [course["site"]], ARTIFACTS / "class-hub.log")
    hub.start()
    print(f"\nJupyterHub answered after {hub.started_in:.1f} s at {hub.url}")
    try:
        yield hub
    finally:
        # Stopping the hub must leave no process behind: the hub stops the proxy and the
        # learners' servers (and they their kernels); anything left is killed by PID and fails.
        hub.stop()
    assert hub.left_running == [], f"still running after the hub stopped: {hub.left_running}"


# --- a learner in Chromium, one lesson at a time ----------------------------------------------

# The path of the document in the active tab; JupyterLab restores a learner's earlier tabs
# (the previous lesson) around the one a link opens, so the test waits for the right one.
CURRENT_PATH_JS = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return widget && widget.context ? widget.context.path : null;
}"""


def _follow_link_and_log_in(session: LessonPage, link: str, user: str, path: str,
                            timeout_s: float = 180) -> None:
    """Open the link; log in when the hub asks; wait until the lesson at ``path`` is the
    active tab and its kernel is ready, as LessonPage.open does."""
    page = session.page
    start = time.monotonic()
    page.goto(link, wait_until="domcontentloaded", timeout=60_000)
    page.locator("#username_input").wait_for(timeout=30_000)
    assert "/hub/login" in page.url
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    deadline = start + timeout_s
    while True:
        session.accept_kernel_dialog()
        if "/lab" in page.url and page.evaluate(CURRENT_PATH_JS) == path and page.evaluate(KERNEL_READY_JS):
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"the lesson's kernel was not ready in {timeout_s:.0f} s (at {page.url})")
        page.wait_for_timeout(200)
    session.timings["link to kernel ready"] = time.monotonic() - start
    page.evaluate(WATCH_KERNEL_JS)


# The whole path in the browser for one lesson: the JupyterLab session test already runs
# every lesson's cells and explorers, and each further lesson here costs a minute of CI.
# Every lesson's link is checked against the pulled course below.
@pytest.fixture(scope="module", params=LESSONS[:1], ids=lambda lesson: lesson.id)
def hub_lesson(request, browser, class_hub, course):
    """A learner followed the lesson's hub link, logged in, and ran all cells."""
    lesson = request.param
    link = hub_link(lesson.notebook, class_hub.url, course["remote"].as_uri())
    context, page = open_guarded_page(browser)
    session = LessonPage(page, lesson.id)
    try:
        _follow_link_and_log_in(session, link, "ada", f"{REPO_NAME}/{lesson.notebook}")
        _screenshot(page, f"class-hub-{lesson.id}-opened")
        session.run_all()
    except Exception:
        _screenshot(page, f"class-hub-{lesson.id}-open-and-run")
        context.close()
        raise
    # Kept on success too: the lesson as the learner sees it in the hub after Run All.
    _screenshot(page, f"class-hub-{lesson.id}-after-run-all")
    yield lesson, session, link
    print(f"\n[hub {lesson.id}] " + ", ".join(f"{what}: {s:.1f} s" for what, s in session.timings.items()))
    if page.console_errors:  # reported, not failed: JupyterLab and jupyterquiz log some
        print(f"[hub {lesson.id}] browser console errors: {sorted(set(page.console_errors))[:5]}")
    context.close()


@pytest.fixture
def hub_learner(hub_lesson, request):
    yield hub_lesson
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        _screenshot(hub_lesson[1].page, request.node.nodeid)


def test_the_hub_link_logs_the_learner_in_pulls_the_course_and_opens_the_lesson(hub_learner, class_hub):
    lesson, session, link = hub_learner
    assert f"/user/ada/lab/tree/{REPO_NAME}/{lesson.notebook}" in session.page.url
    assert (class_hub.home("ada") / REPO_NAME / lesson.notebook).is_file()
    # The hub, the proxy and the learner's server are all on this machine; jupyterquiz asks
    # a CDN for MathJax, which the guarded page refuses (reported, as in test_jupyterlab).
    hosts = {re.sub(r"^[a-z]+://([^/]+).*", r"\1", url) for url in session.page.blocked}
    assert hosts <= {"cdn.jsdelivr.net"}, sorted(session.page.blocked)


def test_every_lessons_hub_link_opens_a_notebook_that_the_pull_brought(hub_learner, class_hub, course):
    from urllib.parse import parse_qs, urlsplit

    for lesson in LESSONS:
        link = hub_link(lesson.notebook, class_hub.url, course["remote"].as_uri())
        urlpath = parse_qs(urlsplit(link).query)["urlpath"][0]
        assert urlpath == f"lab/tree/{REPO_NAME}/{lesson.notebook}"
        assert (class_hub.home("ada") / REPO_NAME / lesson.notebook).is_file(), lesson.notebook


def test_run_all_in_the_hub_runs_every_cell_without_error(hub_learner):
    _, session, _ = hub_learner
    assert session.cell_errors() == []
    assert session.kernel_problems() == []
    assert session.unexecuted_cells() == [], "Run All left code cells without an execution count"


def _in_lesson_tab(session: LessonPage, selector: str):
    """``selector`` inside the lesson's own tab: earlier lessons' tabs stay open, hidden."""
    panel = session.page.evaluate("() => window.jupyterapp.shell.currentWidget.id")
    return session.page.locator(f"[id='{panel}'] {selector}")


def _operate(session: LessonPage, box) -> str:
    """Change one live control of an explorer from the keyboard; say which."""
    text_inputs = box.locator(".lm-live-only .widget-text input")
    for i in range(text_inputs.count()):
        field = text_inputs.nth(i)
        options = field.evaluate("el => el.list ? [...el.list.options].map(o => o.value) : []")
        taken = {text_inputs.nth(j).input_value() for j in range(text_inputs.count())}
        choices = [o for o in ("Nepal", "Qatar") if o in options and o not in taken] or \
                  [o for o in options if o not in taken]
        if choices:
            field.focus()
            field.press("ControlOrMeta+a")
            field.press_sequentially(choices[0])
            field.press("Enter")
            return f"typed {choices[0]}"
    handles = box.locator(".lm-live-only .widget-slider .noUi-handle")
    if handles.count():
        handle = handles.first
        at_top = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        handle.focus()
        handle.press("ArrowLeft" if at_top else "ArrowRight")
        return "moved a slider"
    menus = box.locator(".lm-live-only .widget-dropdown select")
    if menus.count():
        menu = menus.first
        values = menu.evaluate("el => [...el.options].map(o => o.value)")
        current = menu.input_value()
        menu.select_option(next(v for v in values if v != current))
        return "picked from a drop-down"
    raise AssertionError("the explorer has no live control a learner can change")


def test_each_explorer_of_the_lesson_redraws_when_the_learner_changes_a_control(hub_learner):
    lesson, session, _ = hub_learner
    if not lesson.explorers:
        pytest.skip(f"{lesson.id} names no explorer in lessons.yml")
    for name in lesson.explorers:
        box = _in_lesson_tab(session, f".jp-OutputArea-output .lm-explorer-{name}").first
        try:
            box.wait_for(timeout=20_000)
        except PlaywrightTimeout:
            pytest.fail(f"{lesson.id}: the {name} explorer was not shown after Run All")
        chart = box.locator("img").first
        before = chart.get_attribute("src")
        what = _operate(session, box)
        session.page.wait_for_function(
            "([box, old]) => [...box.querySelectorAll('img')].some(img => img.getAttribute('src') !== old)",
            arg=[box.element_handle(), before], timeout=20_000)
        print(f"[hub {lesson.id}] {name}: {what}, the chart changed")
        box.scroll_into_view_if_needed()
        _screenshot(session.page, f"class-hub-{lesson.id}-explorer-{name}")
    assert session.kernel_problems() == [], "a widget callback raised in the kernel"


def test_a_quiz_item_answered_in_the_hub_shows_its_feedback(hub_learner):
    lesson, session, _ = hub_learner
    question = _in_lesson_tab(session, ".jp-OutputArea-output .Quiz:has(.MultipleChoiceQn)").first
    try:
        question.wait_for(timeout=15_000)
    except PlaywrightTimeout:
        pytest.fail(f"{lesson.id}: no multiple-choice quiz question was shown")
    question.scroll_into_view_if_needed()
    question.locator("label.MCButton[data-correct='true']").first.click()
    session.page.wait_for_function("fb => fb.classList.contains('correct') && fb.textContent.trim()",
                                   arg=question.locator(".Feedback").element_handle(), timeout=5_000)


# --- learners over the REST API --------------------------------------------------------------

def test_a_learners_own_notebook_in_the_home_folder_finds_the_course_data(class_hub, course):
    async def scenario():
        learner = Learner(class_hub, "bea")
        await learner.start_server()
        await learner.pull(course["remote"].as_uri())
        # A new notebook in the home folder, beside the course folder, not inside it.
        kernel = await learner.kernel("my-own-analysis.ipynb")
        try:
            return await kernel.execute(
                "import os, labour_migration\n"
                "from labour_migration.data import data_dir\n"
                "print(os.getcwd()); print(labour_migration.__file__); print(data_dir())\n"
                "print(len(labour_migration.load_migrant_stock()))")
        finally:
            await kernel.close()

    outputs = _run(scenario())
    assert [o for o in outputs if o["output_type"] == "error"] == [], outputs
    cwd, package, data, rows = "".join(o.get("text", "") for o in outputs).split()
    home = class_hub.home("bea")
    assert Path(cwd) == home
    # The package is the hub's install, apart from the course, as in a hub image.
    assert Path(package).is_relative_to(course["site"])
    assert Path(data) == home / REPO_NAME / "data"
    assert int(rows) > 0


LESSON = LESSONS[0]


def _cell_index(notebook: dict, start: str, kind: str = "markdown") -> int:
    return next(i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == kind
                and ("".join(c["source"]) if isinstance(c["source"], list) else c["source"]).startswith(start))


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _first_and_last_markdown(notebook: dict) -> tuple[int, int]:
    markdown = [i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "markdown"]
    return markdown[0], markdown[-1]


@pytest.fixture(scope="module")
def update_remote(course, tmp_path_factory):
    """A separate copy of the course repository for the teacher's pushes, so the lessons the
    browser learner pulls stay as tested."""
    folder = tmp_path_factory.mktemp("teacher") / "remote"
    folder.mkdir()
    remote = folder / REPO_NAME
    subprocess.run(["git", "clone", "-q", "--bare", str(course["remote"]), str(remote)], check=True)
    return remote


def _learner_with_outputs_and_a_note(class_hub, remote, name: str, note_cell: str):
    """A learner who pulled the lesson, ran it (outputs saved, as JupyterLab saves them) and
    wrote a note at the end of one markdown cell ("first" or "last")."""
    path = f"{REPO_NAME}/{LESSON.notebook}"

    async def scenario():
        learner = Learner(class_hub, name)
        await learner.start_server()
        await learner.pull(remote.as_uri())
        notebook, problems = await learner.run_notebook(path)
        assert problems == []
        first, last = _first_and_last_markdown(notebook)
        cell = notebook["cells"][first if note_cell == "first" else last]
        cell["source"] = _source(cell) + "\n\nMy note: ask about the 2020 edition."
        await learner.save_notebook(path, notebook)
        return learner

    return _run(scenario()), path


def _teacher_edits_markdown(remote: Path, work: Path, which: str, new_line: str, replace_last_line=False):
    """Push a teacher's change to the lesson's first or last markdown cell."""
    def edit(text: str) -> str:
        notebook = json.loads(text)
        first, last = _first_and_last_markdown(notebook)
        cell = notebook["cells"][first if which == "first" else last]
        lines = _source(cell).split("\n")
        if replace_last_line:
            lines[-1] = new_line
        else:
            lines.insert(1, new_line)
        cell["source"] = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        # Written as nbformat writes it, so the diff is the teacher's edit and nothing else.
        return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    push_teacher_change(remote, work, LESSON.notebook, edit, f"Teacher: {new_line[:40]}")


def test_a_teachers_fix_in_another_cell_merges_and_keeps_the_learners_outputs_and_notes(
        class_hub, update_remote, tmp_path):
    learner, path = _learner_with_outputs_and_a_note(class_hub, update_remote, "cai", note_cell="last")
    _teacher_edits_markdown(update_remote, tmp_path, "first", "*Updated by your teacher: read section 4 first.*")

    async def follow_again():
        await learner.pull(update_remote.as_uri())
        return (await learner.contents(path))["content"]

    notebook = _run(follow_again())
    first, last = _first_and_last_markdown(notebook)
    assert "Updated by your teacher" in _source(notebook["cells"][first])
    assert _source(notebook["cells"][last]).endswith("My note: ask about the 2020 edition.")
    assert sum(len(c.get("outputs", [])) for c in notebook["cells"] if c["cell_type"] == "code") > 0, \
        "the learner's outputs were lost in the merge"
    assert any("Merge made" in line or "Auto-merging" in line for line in learner.pull_log), learner.pull_log


def _first_code_cell_with_output(notebook: dict) -> int:
    return next(i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code"
                and "colab-setup" not in c.get("metadata", {}).get("tags", [])
                and _source(c).strip().splitlines()[-1].isidentifier())


def test_a_teachers_fix_to_a_code_cell_the_learner_ran_merges_and_keeps_its_output(
        class_hub, update_remote, tmp_path):
    learner, path = _learner_with_outputs_and_a_note(class_hub, update_remote, "fay", note_cell="last")
    fix = "# Updated by your teacher: the table is the 2024 edition."

    def edit(text: str) -> str:
        notebook = json.loads(text)
        cell = notebook["cells"][_first_code_cell_with_output(notebook)]
        cell["source"] = [fix + "\n"] + [line + "\n" for line in _source(cell).split("\n")[:-1]] \
            + [_source(cell).split("\n")[-1]]
        return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    push_teacher_change(update_remote, tmp_path, LESSON.notebook, edit, "Teacher: a note in a code cell")

    async def follow_again():
        await learner.pull(update_remote.as_uri())
        return (await learner.contents(path))["content"]

    notebook = _run(follow_again())
    cell = notebook["cells"][_first_code_cell_with_output(
        {"cells": [dict(c, source=_source(c).replace(fix + "\n", "")) for c in notebook["cells"]]})]
    assert _source(cell).startswith(fix), "the teacher's fix to a code cell did not reach the learner"
    assert cell["outputs"], "the learner's output of that cell was lost"


def test_when_teacher_and_learner_change_the_same_lines_the_learners_version_wins_silently(
        class_hub, update_remote, tmp_path):
    learner, path = _learner_with_outputs_and_a_note(class_hub, update_remote, "dev", note_cell="last")
    _teacher_edits_markdown(update_remote, tmp_path, "last", "Teacher's correction: see the new reading list.",
                            replace_last_line=True)

    async def follow_again():
        await learner.pull(update_remote.as_uri())
        return (await learner.contents(path))["content"]

    notebook = _run(follow_again())
    _, last = _first_and_last_markdown(notebook)
    text = _source(notebook["cells"][last])
    assert text.endswith("My note: ask about the 2020 edition.")
    assert "Teacher's correction" not in text, "the teacher's change reached the learner after all"
    # Silently: the pull finishes as usual, with no conflict reported to the learner.
    assert not any("CONFLICT" in line for line in learner.pull_log)


def test_a_learner_who_deletes_a_lesson_and_follows_the_link_gets_a_fresh_copy(class_hub, update_remote):
    learner, path = _learner_with_outputs_and_a_note(class_hub, update_remote, "eli", note_cell="last")

    async def reset():
        await learner._fetch(f"{learner.base}/api/contents/{path}", "DELETE")
        await learner.pull(update_remote.as_uri())
        return (await learner.contents(path))["content"]

    notebook = _run(reset())
    _, last = _first_and_last_markdown(notebook)
    assert "My note" not in _source(notebook["cells"][last])
    assert all(c.get("outputs", []) == [] for c in notebook["cells"] if c["cell_type"] == "code")


def _bytes(size: str) -> int:
    """A Zero to JupyterHub memory size ("512M", "1G"); kubespawner counts K, M, G in 1024s."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT])", str(size).strip())
    assert match, f"not a size kubespawner understands: {size!r}"
    return int(float(match.group(1)) * 1024 ** " KMGT".index(match.group(2)))


def test_several_learners_at_once_each_pull_and_run_the_lesson_within_the_recipes_memory(class_hub, course):
    names = [f"class-{i:02d}" for i in range(LEARNERS_AT_ONCE)]

    async def together():
        return await asyncio.gather(*(whole_path(class_hub, name, course["remote"].as_uri(), LESSON.notebook)
                                      for name in names))

    results = _run(together())
    for result in results:
        print(f"[hub load] {result['learner']}: " + ", ".join(
            f"{k} {v:.1f} s" for k, v in result.items() if isinstance(v, float)))
    assert [r["problems"] for r in results if not r["ok"]] == []
    guarantee = _bytes(yaml.safe_load(DEPLOY_CONFIG.read_text())["singleuser"]["memory"]["guarantee"])
    used = max(r["memory"]["server_rss"] + r["memory"]["kernels_rss"] for r in results)
    assert used <= guarantee, (f"a learner used {used / 2**20:.0f} MiB, above the recipe's guarantee "
                               f"of {guarantee / 2**20:.0f} MiB")
