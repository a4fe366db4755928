"""A learner's JupyterLab session, as on Binder: open each lesson, Run All, use it.

One JupyterLab server serves a temporary copy of ``notebooks/`` for the whole module, so
checkpoints and outputs never land in the repository; the kernel finds the course data
through the installed ``labour_migration`` package, as it does on Binder. Each lesson of
lessons.yml is opened and run once (the ``lesson`` fixture) and the tests below then use
that session in order: every explorer the manifest names (a missing one fails), each of
its controls from the keyboard, bad input, the saved-view menu, then the quiz.

Timings are printed per lesson with ``pytest -s``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ARTIFACTS, ROOT, bin_path, open_guarded_page
from jupyterlab_session import (DROPDOWNS, SLIDER_HANDLES, TEXT_INPUTS, VIEW_MENU, JupyterLabServer,
                                LessonPage, copy_notebooks)
from labour_migration.course import lessons

pytestmark = pytest.mark.browser

LESSONS = lessons()
# The corridor Lesson 1 suggests trying; a box whose list lacks these names gets the first
# name on its list instead.
PREFERRED_CHOICES = ("Nepal", "Qatar")
BAD_CHOICE = "Atlantis"
BAD_NUMBER = "abc"


@pytest.fixture(scope="module")
def jupyterlab(browser, tmp_path_factory):
    """JupyterLab from the project's environment, serving a copy of notebooks/."""
    ARTIFACTS.mkdir(exist_ok=True)
    base = tmp_path_factory.mktemp("jupyterlab")
    server = JupyterLabServer(bin_path("jupyter"), copy_notebooks(ROOT / "notebooks", base / "notebooks"),
                              home=base / "home", log_path=ARTIFACTS / "jupyterlab-server.log")
    server.start()
    print(f"\nJupyterLab answered after {server.started_in:.2f} s")
    try:
        yield server
    finally:
        server.stop()


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)[-150:]}.png"),
                        full_page=True)
    except Exception:  # a crashed page cannot be photographed; the failure is reported anyway
        pass


@pytest.fixture(scope="module", params=LESSONS, ids=lambda lesson: lesson.id)
def lesson(request, browser, jupyterlab):
    """The lesson open in chromium, its kernel ready and every cell run once."""
    context, page = open_guarded_page(browser)
    session = LessonPage(page, request.param.id)
    session.manifest = request.param
    try:
        session.open(jupyterlab.lab_url(request.param.notebook.removeprefix("notebooks/")))
        session.run_all()
        session.wait_for_widgets()
    except Exception:
        _screenshot(page, f"jupyterlab-{session.name}-open-and-run")
        context.close()
        raise
    yield session
    print(f"\n[{session.name}] " + ", ".join(f"{what}: {seconds:.2f} s"
                                             for what, seconds in session.timings.items()))
    if page.blocked:
        print(f"[{session.name}] blocked requests to other hosts: {sorted(set(page.blocked))}")
    if page.console_errors:  # reported, not failed: JupyterLab and jupyterquiz log some
        print(f"[{session.name}] browser console errors: {sorted(set(page.console_errors))}")
    try:  # free the kernel's memory and processor for the next lesson
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    except Exception:
        pass
    context.close()


@pytest.fixture
def learner(lesson, request):
    """The lesson's session for one test; a failing test leaves a screenshot."""
    yield lesson
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        _screenshot(lesson.page, request.node.nodeid)


def _explorers(learner) -> list[str]:
    """The explorers lessons.yml names for this lesson; each must be on the page."""
    names = list(learner.manifest.explorers)
    missing = [name for name in names if learner.explorer(name).count() != 1]
    assert not missing, f"{learner.name}: explorers named in lessons.yml but not shown: {missing}"
    return names


def _type_and_enter(input_, text: str) -> None:
    # continuous_update=False: the widget sends its value on Enter, as for a learner.
    input_.focus()
    input_.press("ControlOrMeta+a")
    input_.press_sequentially(text)
    input_.press("Enter")


def _choice(input_, taken: set[str]) -> str | None:
    options = input_.evaluate("el => el.list ? [...el.list.options].map(o => o.value) : []")
    candidates = [o for o in options if o not in taken]
    preferred = [o for o in PREFERRED_CHOICES if o in candidates]
    return (preferred or candidates or [None])[0]


def test_run_all_runs_every_cell_without_error_output(learner):
    assert learner.cell_errors() == []
    assert learner.kernel_problems() == []
    # Run All stops at an error; a cell left unrun means the lesson did not run through.
    assert learner.unexecuted_cells() == [], "Run All left code cells without an execution count"


def test_every_explorer_named_in_the_manifest_is_shown(learner):
    for name in _explorers(learner):
        assert learner.chart(name), f"{name}: no chart is visible"


def test_typing_a_listed_choice_and_enter_redraws_the_explorer_chart(learner):
    for name in _explorers(learner):
        inputs = learner.explorer(name).locator(TEXT_INPUTS)
        for i in range(inputs.count()):
            input_ = inputs.nth(i)
            taken = {inputs.nth(j).input_value() for j in range(inputs.count())}
            choice = _choice(input_, taken)
            if choice is None:  # a number box: see the number test
                continue
            before = learner.chart(name)
            _type_and_enter(input_, choice)
            seconds = learner.wait_for_chart_change(name, before["src"])
            learner.record("explorer redraw after typing (slowest)", seconds)
            after = learner.chart(name)
            # The alt text must follow the chart, or a screen reader describes the old view.
            assert after["alt"] != before["alt"]
            assert choice in after["alt"]
            assert input_.input_value() == choice
    assert learner.kernel_problems() == []


def test_typing_a_new_number_redraws_and_a_word_gets_a_message(learner):
    for name in _explorers(learner):
        inputs = learner.explorer(name).locator(TEXT_INPUTS)
        for i in range(inputs.count()):
            input_ = inputs.nth(i)
            if _choice(input_, set()) is not None:
                continue
            good = input_.input_value()
            number = float(good.replace(",", ""))
            before = learner.chart(name)
            _type_and_enter(input_, f"{number * 0.9:g}" if number else "1")
            learner.wait_for_chart_change(name, before["src"])
            _type_and_enter(input_, BAD_NUMBER)
            learner.page.wait_for_function(
                "el => el.textContent.includes('number')",
                arg=learner.explorer(name).locator(".widget-html.lm-live-only").element_handle(),
                timeout=15_000)
            _type_and_enter(input_, good)
    assert learner.kernel_problems() == []


def test_moving_a_slider_handle_with_the_arrow_keys_redraws_the_explorer_chart(learner):
    for name in _explorers(learner):
        handles = learner.explorer(name).locator(SLIDER_HANDLES)
        for i in range(handles.count()):
            handle = handles.nth(i)
            now, top = (float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
            before = learner.chart(name)
            handle.focus()
            handle.press("ArrowLeft" if now >= top else "ArrowRight")
            seconds = learner.wait_for_chart_change(name, before["src"])
            learner.record("explorer redraw after slider key (slowest)", seconds)
            assert float(handle.get_attribute("aria-valuenow")) != now
            assert learner.chart(name)["alt"] != before["alt"]
    assert learner.kernel_problems() == []


def test_choosing_another_option_in_a_drop_down_redraws_the_explorer_chart(learner):
    for name in _explorers(learner):
        menus = learner.explorer(name).locator(DROPDOWNS)
        for i in range(menus.count()):
            menu = menus.nth(i)
            before = learner.chart(name)
            # Chosen as with the mouse: in JupyterLab's command mode the arrow keys move
            # between cells even when a drop-down has the focus.
            options = menu.evaluate("s => s.options.length")
            current = menu.evaluate("s => s.selectedIndex")
            menu.select_option(index=current - 1 if current == options - 1 else current + 1)
            learner.wait_for_chart_change(name, before["src"])
    assert learner.kernel_problems() == []


def test_the_saved_view_menu_switches_the_chart_at_once(learner):
    for name in _explorers(learner):
        menu = learner.explorer(name).locator(VIEW_MENU).first
        menu.select_option(index=0)
        before = learner.chart(name)
        menu.select_option(index=1)  # as with the mouse (see the drop-down test)
        seconds = learner.wait_for_chart_change(name, before["src"] if before else None)
        learner.record("saved view switch (slowest)", seconds)
    assert learner.kernel_problems() == []


def test_an_unknown_choice_shows_a_message_keeps_the_chart_and_raises_nothing(learner):
    for name in _explorers(learner):
        inputs = learner.explorer(name).locator(TEXT_INPUTS)
        for i in range(inputs.count()):
            input_ = inputs.nth(i)
            if _choice(input_, set()) is None:
                continue
            good = input_.input_value()
            before = learner.chart(name)
            _type_and_enter(input_, BAD_CHOICE)
            message = learner.explorer(name).locator(".widget-html.lm-live-only")
            learner.page.wait_for_function("([el, text]) => el.textContent.includes(text)",
                                           arg=[message.element_handle(), BAD_CHOICE], timeout=15_000)
            assert learner.chart(name)["src"] == before["src"], "the last good chart must stay"
            # A good value again must clear the complaint.
            _type_and_enter(input_, good)
            learner.page.wait_for_function("([el, text]) => !el.textContent.includes(text)",
                                           arg=[message.element_handle(), BAD_CHOICE], timeout=15_000)
    assert learner.kernel_problems() == [], "a widget callback raised in the kernel"
    assert learner.cell_errors() == []
    assert learner.page.locator(".jp-OutputArea-output[data-mime-type*='stderr']").count() == 0


def _words(text: str) -> str:
    return " ".join(text.split())


def test_answering_a_quiz_question_shows_its_feedback(learner):
    # jupyterquiz draws its questions with JavaScript after the output arrives.
    question = learner.page.locator(".jp-OutputArea-output .Quiz:has(.MultipleChoiceQn)").first
    try:
        question.wait_for(timeout=10_000)
    except PlaywrightTimeout:
        pytest.fail(f"{learner.name}: no multiple-choice quiz question was shown")
    feedback = question.locator(".Feedback")
    for correct, verdict in (("false", "incorrect"), ("true", "correct")):
        answer = question.locator(f"label.MCButton[data-correct='{correct}']").first
        expected = _words(answer.get_attribute("data-feedback"))
        answer.click()
        learner.page.wait_for_function(
            "([fb, verdict]) => fb.classList.contains(verdict) && fb.textContent.trim()",
            arg=[feedback.element_handle(), verdict], timeout=5_000)
        # Compare the start only: jupyterquiz turns Markdown links and $maths$ into HTML.
        assert _words(feedback.inner_text()).startswith(expected[:30])
        assert f"{verdict}Button" in answer.get_attribute("class")
