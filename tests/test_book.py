"""The book builds with warnings as errors, and its pages carry what a learner needs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
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
    for lesson in (ROOT / "notebooks").glob("*.ipynb"):
        assert (site_dir / "notebooks" / f"{lesson.stem}.html").is_file()


def test_every_image_in_the_built_site_has_alt_text(site_dir, site_pages):
    for page in site_pages:
        parser = _Images()
        parser.feed((site_dir / page).read_text(encoding="utf-8"))
        for image in parser.images:
            assert (image.get("alt") or "").strip(), f"{page}: <img src={image.get('src', '')[:60]}> has no alt"


def test_lesson_pages_offer_binder_colab_and_jupyterhub_launch(site_dir):
    for page in (site_dir / "notebooks").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for where in ("mybinder.org", "colab.research.google.com", "git-pull?repo="):
            assert where in html, f"{page.name}: no {where} launch link"


def test_quiz_code_is_hidden_but_quiz_is_shown(site_dir):
    html = (site_dir / "notebooks" / "01_why_people_migrate.html").read_text(encoding="utf-8")
    assert "show_quiz(" not in html
    assert "jupyterquiz" in html.lower() or "jq-" in html
