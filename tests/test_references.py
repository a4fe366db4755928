"""Every citation in the course has an entry in book/references.bib, and every entry is cited.

Lessons and book pages cite with MyST roles ({cite:p}`key`, {cite:t}`key`...); the
references page lists the bibliography with sphinxcontrib-bibtex.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from labour_migration.course import lessons

ROOT = Path(__file__).resolve().parents[1]
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
ENTRY = re.compile(r"^@\w+\{([^,\s]+),", flags=re.M)


def bib_keys() -> set[str]:
    return set(ENTRY.findall((ROOT / "book" / "references.bib").read_text(encoding="utf-8")))


def texts() -> dict[str, str]:
    """Every page a reader meets: the lessons' markdown cells and the book's pages."""
    found = {}
    for lesson in lessons():
        cells = json.loads((ROOT / lesson.notebook).read_text(encoding="utf-8"))["cells"]
        found[lesson.notebook] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for page in sorted((ROOT / "book").glob("*.md")):
        found[page.relative_to(ROOT).as_posix()] = page.read_text(encoding="utf-8")
    return found


def cited() -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for where, text in texts().items():
        for group in CITE.findall(text):
            for key in group.split(","):
                keys.setdefault(key.strip(), set()).add(where)
    return keys


def test_every_citation_key_has_an_entry_in_the_bibliography():
    missing = {key: sorted(where) for key, where in cited().items() if key not in bib_keys()}
    assert not missing, f"cited but not in book/references.bib: {missing}"


def test_every_bibliography_entry_is_cited_somewhere():
    never = sorted(bib_keys() - set(cited()))
    assert not never, f"entries of book/references.bib that no page cites: {never}"


def test_every_lesson_cites_its_sources():
    for lesson in lessons():
        assert CITE.search(texts()[lesson.notebook]), f"{lesson.notebook} cites nothing with {{cite}}"
