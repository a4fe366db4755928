"""The book builds with warnings as errors, and its pages carry what a learner needs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from labour_migration.course import lessons

ROOT = Path(__file__).resolve().parents[1]
LESSONS = lessons()
pytestmark = pytest.mark.slow


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def test_book_builds_with_zero_warnings(built_site):
    _, returncode, log = built_site
    warnings = [line for line in log.splitlines() if re.search(r"\b(WARNING|ERROR|CRITICAL):", line)]
    assert returncode == 0, log[-3000:]
    assert warnings == []


def test_every_lesson_page_is_built(site_dir):
    for lesson in LESSONS:
        assert (site_dir / lesson.page).is_file(), lesson.page


def test_every_image_in_the_built_site_has_alt_text(site_dir, site_pages):
    for page in site_pages:
        parser = _Images()
        parser.feed((site_dir / page).read_text(encoding="utf-8"))
        for image in parser.images:
            assert (image.get("alt") or "").strip(), f"{page}: <img src={image.get('src', '')[:60]}> has no alt"


def test_lesson_pages_offer_binder_colab_and_jupyterhub_launch(site_dir):
    for lesson in LESSONS:
        html = (site_dir / lesson.page).read_text(encoding="utf-8")
        for where in ("mybinder.org", "colab.research.google.com", "git-pull?repo="):
            assert where in html, f"{lesson.page}: no {where} launch link"


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_quiz_code_is_hidden_but_quiz_is_shown(site_dir, lesson):
    html = (site_dir / lesson.page).read_text(encoding="utf-8")
    assert "show_quiz(" not in html
    assert "data-numquestions" in html
