"""The glossary covers the course's terms and acronyms, and the lessons link to it.

Every term of book/glossary.md is linked ({term}`...`) from at least one lesson, the core
terms of the course are there, and every acronym a lesson uses is defined in it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from labour_migration.course import lessons

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")
REQUIRED = ["Remittances", "Official development assistance (ODA)", "Foreign direct investment (FDI)",
            "Brain drain", "Brain gain", "Circular migration", "Diaspora", "Irregular migration",
            "GATS Mode 4", "Tripartism", "Social dialogue", "Decent work", "Ratification", "3Ds"]
# Capitalised words that are not acronyms: Roman numerals of the brief's sections, "US$".
NOT_ACRONYMS = {"I", "II", "III", "IV", "V", "VI", "US", "OK"}
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}[a-z]?\b")


def terms() -> list[str]:
    block = GLOSSARY.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith((" ", "\t"))]


def lesson_markdown() -> dict[str, str]:
    found = {}
    for lesson in lessons():
        cells = json.loads((ROOT / lesson.notebook).read_text(encoding="utf-8"))["cells"]
        found[lesson.id] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return found


def linked_terms() -> set[str]:
    linked = set()
    for text in lesson_markdown().values():
        for role in TERM_ROLE.findall(text):
            target = re.search(r"<([^>]+)>$", role)
            linked.add((target.group(1) if target else role).strip().casefold())
    return linked


def test_glossary_has_the_course_s_core_terms():
    missing = [t for t in REQUIRED if t.casefold() not in {x.casefold() for x in terms()}]
    assert not missing, f"book/glossary.md lacks: {missing}"


def test_every_glossary_term_is_linked_from_a_lesson():
    unlinked = [t for t in terms() if t.casefold() not in linked_terms()]
    assert not unlinked, f"glossary terms no lesson links with {{term}}: {unlinked}"


def test_every_term_link_points_at_a_glossary_term():
    known = {t.casefold() for t in terms()}
    unknown = sorted(t for t in linked_terms() if t not in known)
    assert not unknown, f"{{term}} links to terms the glossary lacks: {unknown}"


def singular(acronym: str) -> str:
    """'NGOs' and 'LMICs' are the plurals of the acronyms 'NGO' and 'LMIC'."""
    return acronym[:-1] if acronym.endswith("s") else acronym


def test_every_acronym_a_lesson_uses_is_in_the_glossary():
    # A term defines each acronym in its parentheses, one word or several: "(ODA)", "(UN DESA)",
    # "(LMICs)"; a term may also be an acronym itself ("BPM6").
    defined = {word for group in re.findall(r"\(([^)]*)\)", " ".join(terms())) for word in re.findall(ACRONYM, group)}
    defined |= {t for t in terms() if re.fullmatch(r"[A-Z0-9]{2,}[a-z]?", t)}
    defined = {singular(a) for a in defined}
    problems = {}
    for lesson, text in lesson_markdown().items():
        prose = re.sub(r"```.*?```|`[^`]*`|\]\([^)]*\)|<[^>]+>", " ", text, flags=re.S)
        used = {singular(a) for a in re.findall(ACRONYM, prose)} - NOT_ACRONYMS
        missing = sorted(used - defined)
        if missing:
            problems[lesson] = missing
    assert not problems, f"acronyms used in lessons but not defined in the glossary: {problems}"
