"""The built site needs no network but its own: a learner offline, or behind a school's
filter, still gets every page whole, with the saved explorer views and any formula.

MathJax and the ipywidgets html-manager are served from the site's _static/vendor/
(copied from node_modules by _ext/offline_site.py); Thebe is off and must load nothing.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from labour_migration.course import lessons

LESSONS = lessons()
# A page to load MathJax into by hand (none has a formula yet).
LESSON = LESSONS[0].page
# Off-site requests a page may still make, each with its reason. None is needed today.
ALLOWED_OFFSITE: dict[str, str] = {}
# Where the site's own MathJax lives (set by _ext/offline_site.py as mathjax_path).
MATHJAX = "_static/vendor/mathjax/es5/tex-mml-chtml.js"


def every_page(site_pages: list[str]) -> list[str]:
    # site_pages leaves out the generated pages; a learner opens those too.
    return ["index.html", "search.html", "genindex.html", *site_pages]


def watch_failures(page) -> list[str]:
    """Local files the page asked for and did not get (a vendored file left out of the copy)."""
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return failures


@pytest.mark.browser
def test_no_page_requests_anything_from_another_host(page, site_url, site_pages):
    failures = watch_failures(page)
    problems = {}
    for path in every_page(site_pages):
        page.blocked.clear()
        failures.clear()
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        # Late loaders: jupyterquiz fetches MathJax itself 500 ms after drawing if it finds one
        # half-loaded (networkidle has already waited 500 ms with no request).
        page.wait_for_timeout(250)
        offsite = sorted({u for u in page.blocked if not u.startswith(tuple(ALLOWED_OFFSITE))})
        if offsite or failures:
            problems[path] = offsite + failures
    assert not problems, "requests that would fail offline:\n" + json.dumps(problems, indent=2)


@pytest.mark.slow
def test_no_page_links_a_script_or_stylesheet_from_another_host(site_dir, site_pages):
    """Catches loaders the browser run might not trigger (e.g. Thebe's, on a button press)."""
    tag = re.compile(r"<(?:script|link)\b[^>]*?\b(?:src|href)=\"(https?:)?//[^\"]+\"[^>]*>")
    found = {}
    for path in every_page(site_pages):
        html = (site_dir / path).read_text(encoding="utf-8")
        hits = [m.group(0) for m in tag.finditer(html)
                if "stylesheet" in m.group(0) or m.group(0).startswith("<script")]
        hits += ["THEBE_JS_URL"] if "THEBE_JS_URL" in html else []
        if hits:
            found[path] = hits
    assert not found, f"pages that load code from other hosts: {json.dumps(found, indent=2)}"


@pytest.mark.browser
@pytest.mark.parametrize("lesson", [lesson for lesson in LESSONS if lesson.explorers],
                         ids=lambda lesson: lesson.id)
def test_lesson_saved_explorer_views_render_their_charts_offline(page, site_url, lesson):
    failures = watch_failures(page)
    page.goto(f"{site_url}/{lesson.page}", wait_until="networkidle")
    # The chart is an <img> inside a widgets.HTML value: it exists only once the widget
    # manager has drawn the saved view from the page's widget state.
    alts = page.evaluate("""() => [...document.querySelectorAll(
            'script[type="application/vnd.jupyter.widget-state+json"]')]
        .flatMap(s => Object.values(JSON.parse(s.textContent).state))
        .map(m => m.state && m.state.value).filter(v => typeof v === 'string' && v.includes('<img'))
        .flatMap(v => [...new DOMParser().parseFromString(v, 'text/html').querySelectorAll('img')])
        .map(i => i.getAttribute('alt'))""")
    assert alts and all(alts), f"the lesson saves no explorer chart with alt text: {alts}"
    # Each explorer shows one saved view at a time; the others wait in its stack.
    for name in lesson.explorers:
        chart = page.locator(f".lm-explorer-{name} img").filter(visible=True)
        expect(chart).to_have_count(1, timeout=15_000)
        assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), "chart not drawn"
        assert chart.get_attribute("alt") in alts
    assert not page.blocked + failures, f"requests that would fail offline: {page.blocked + failures}"


@pytest.mark.browser
def test_mathjax_comes_from_the_site_and_typesets_offline(page, site_url, site_dir, site_pages):
    # Pages with formulas get MathJax from Sphinx's mathjax_path: it must be the local copy.
    elsewhere = {}
    for path in every_page(site_pages):
        srcs = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]*mathjax[^\"]*)\"",
                          (site_dir / path).read_text(encoding="utf-8"), flags=re.I)
        if any(urlparse(s).netloc or MATHJAX not in s for s in srcs):
            elsewhere[path] = srcs
    assert not elsewhere, f"MathJax loaded from elsewhere than {MATHJAX}: {elsewhere}"
    # No page has a formula yet (Sphinx then loads MathJax nowhere), so load the site's copy
    # into the lesson as Sphinx would, and typeset a formula that needs its fonts and an
    # autoloaded TeX package (\cancel): all of it must come from the site.
    failures = watch_failures(page)
    page.goto(f"{site_url}/{LESSON}", wait_until="networkidle")
    page.add_script_tag(url=f"{site_url}/{MATHJAX}")
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("""async () => {
        await MathJax.startup.promise;
        const probe = document.createElement('p');
        probe.id = 'mathjax-probe';
        probe.textContent = '\\\\(\\\\cancel{x} + \\\\frac{a}{b}\\\\)';
        document.querySelector('main').append(probe);
        await MathJax.typesetPromise([probe]);
        await document.fonts.ready;
    }""")
    expect(page.locator("#mathjax-probe mjx-container")).to_be_visible()
    assert page.locator("#mathjax-probe mjx-merror").count() == 0, "the formula did not typeset"
    loaded = page.evaluate("""() => performance.getEntriesByType('resource')
        .map(e => e.name).filter(n => /mathjax/i.test(n))""")
    assert any("/input/tex/extensions/cancel.js" in u for u in loaded), loaded
    assert any(".woff" in u for u in loaded), f"MathJax fonts were not loaded: {loaded}"
    assert all(urlparse(u).hostname == "127.0.0.1" for u in loaded), loaded
    assert page.evaluate("MathJax.version").startswith("3.")
    assert not page.blocked + failures, f"requests that would fail offline: {page.blocked + failures}"
