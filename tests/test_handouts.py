"""Printable handouts: one PDF per lesson and one of the teacher's guide, in the built site,
linked from their pages, not blank, and with the quiz but not its answers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from labour_migration.course import lessons
from labour_migration.quiz import load_question_bank

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("COURSE_ARTIFACTS", ROOT / "test-artifacts"))
LESSONS = lessons()
pytestmark = pytest.mark.browser


def first_page(pdf: Path):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    count = len(document)
    image = document[0].render(scale=1).to_pil().convert("L")
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(count))
    document.close()
    return count, image, text


def dark_share(image) -> float:
    histogram = image.histogram()
    return sum(histogram[:128]) / sum(histogram)


@pytest.mark.parametrize("name", [lesson.id for lesson in LESSONS] + ["teachers_guide"])
def test_handout_exists_and_its_first_page_is_not_blank(handouts, site_dir, name):
    pdf = site_dir / "handouts" / f"{name}.pdf"
    assert pdf.is_file(), f"{pdf} was not made"
    count, image, text = first_page(pdf)
    (ARTIFACTS / "handouts").mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / "handouts" / f"{name}-page-1.png")
    print(f"\n{name}.pdf: {count} pages, {pdf.stat().st_size / 1000:.0f} kB")
    assert count >= 1
    assert dark_share(image) > 0.005, "page 1 is (nearly) blank"


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_handout_has_objectives_summary_and_quiz_but_no_answers(handouts, site_dir, lesson):
    _, _, text = first_page(site_dir / "handouts" / f"{lesson.id}.pdf")
    flat = " ".join(text.split())
    for heading in ("Overview", "Learning objectives", "Summary", "Quiz"):
        assert heading in flat
    feedback = [a["feedback"] for q in load_question_bank(lesson.quiz) for a in q["answers"]]
    leaked = [f for f in feedback if " ".join(f.split())[:60] in flat]
    assert not leaked, f"answer feedback printed in the handout: {leaked[:2]}"


@pytest.mark.parametrize("page, pdf", [(lesson.page, f"../handouts/{lesson.id}.pdf") for lesson in LESSONS]
                         + [("book/teachers_guide.html", "../handouts/teachers_guide.pdf")])
def test_page_links_its_printable_handout(site_dir, page, pdf):
    assert f'href="{pdf}"' in (site_dir / page).read_text(encoding="utf-8")
