"""On the course website, with no kernel and no network, each explorer still works: a learner
switches between its saved views with the keyboard, and the page says how to get any other
view. Lesson pages stay usable at a phone's width.

The lessons and their explorers come from lessons.yml, so an explorer the manifest names
but the page lacks is a failure, not a skip.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from labour_migration.course import lessons

pytestmark = pytest.mark.browser

LESSONS = lessons()
WITH_EXPLORERS = [lesson for lesson in LESSONS if lesson.explorers]
PHONE = {"width": 390, "height": 844}

VISIBLE_ALT_JS = """box => [...box.querySelectorAll('img')].filter(i => i.offsetParent !== null)
                           .map(i => i.getAttribute('alt'))"""


@pytest.mark.parametrize("lesson", WITH_EXPLORERS, ids=lambda lesson: lesson.id)
def test_saved_views_switch_by_keyboard_offline_each_with_its_chart_and_alt_text(page, site_url, lesson):
    page.goto(f"{site_url}/{lesson.page}", wait_until="networkidle")
    problems = []
    for name in lesson.explorers:
        box = page.locator(f".lm-explorer-{name}")
        try:
            expect(box).to_have_count(1, timeout=15_000)
        except AssertionError:
            problems.append(f"explorer {name!r} (named in lessons.yml) is not on the page")
            continue
        menu = box.locator("select").first
        labels = menu.evaluate("s => [...s.options].map(o => o.text)")
        expect(box.locator(".lm-live-only").first).to_be_hidden()
        expect(box.locator(".lm-site-note")).to_be_visible()
        menu.focus()
        menu.press("Home")
        seen = [box.evaluate(VISIBLE_ALT_JS)]
        for label in labels[1:]:
            menu.press("ArrowDown")
            page.wait_for_function(
                "([box, old]) => JSON.stringify([...box.querySelectorAll('img')]"
                ".filter(i => i.offsetParent !== null).map(i => i.getAttribute('alt'))) !== old",
                arg=[box.element_handle(), json.dumps(seen[-1])], timeout=5_000)
            seen.append(box.evaluate(VISIBLE_ALT_JS))
        saved, own = seen[:-1], seen[-1]
        if not all(len(alts) == 1 and len(alts[0]) > 60 for alts in saved):
            problems.append(f"{name}: not every saved view shows one chart with alt text: {saved}")
        if len({alts[0] for alts in saved if alts}) != len(saved):
            problems.append(f"{name}: two saved views show the same chart")
        if own or "running notebook" not in box.inner_text():
            problems.append(f"{name}: 'Your own choice' does not say it needs the live notebook")
    assert not page.console_errors, page.console_errors
    assert not page.blocked, f"requests to other hosts: {page.blocked}"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_page_fits_a_phone_screen_without_cut_off_controls(browser, site_url, lesson):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
               or route.request.url.startswith("data:") else route.abort())
    try:
        page.goto(f"{site_url}/{lesson.page}", wait_until="networkidle")
        page.wait_for_timeout(300)
        cut = page.evaluate("""() => {
            const width = document.documentElement.clientWidth;
            const found = [];
            const check = (el, what) => {
              const r = el.getBoundingClientRect();
              if (r.width && (r.left < -1 || r.right > width + 1)) found.push(`${what}: ${Math.round(r.left)}..${Math.round(r.right)} px`);
            };
            document.querySelectorAll('.lm-explorer select, .lm-explorer img, .lm-explorer p').forEach(el => check(el, 'explorer ' + el.tagName.toLowerCase()));
            document.querySelectorAll('.Quiz .MCButton, .Quiz .Input-text, .Quiz .QuizQn, .Quiz [id^=quizQn]').forEach(el => check(el, 'quiz ' + el.className));
            return found;
        }""")
    finally:
        context.close()
    assert not cut, f"{lesson.page} at {PHONE['width']} px: elements cut off at the screen's edge: {cut[:10]}"
