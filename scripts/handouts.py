"""Printable handouts: one PDF per lesson and one of the teacher's guide (with the lesson plans),
from the built site.

A school with poor connectivity can print the course. Each lesson's handout holds the
lesson's overview, learning objectives, key charts with their captions, summary, and its
quiz without the answers (the answers are in the teacher's guide). The PDFs are printed by
Debian's chromium (driven by Playwright, headless) from the built pages, and land in the
site at ``handouts/`` so that each lesson page's "Printable handout" link works.

Usage (from the repository root, after the book is built)::

    python scripts/handouts.py                    # into _build/html/handouts/
    python scripts/handouts.py --site DIR/_build/html

``scripts/build_site.sh`` runs it when chromium is installed, and says so when it is not.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
FOLDER = "handouts"
TEACHERS_GUIDE = "book/teachers_guide"
# Printed after the guide, in the same PDF, each lesson's plan on a page of its own.
GUIDE_PAGES = ("book/lesson_plans",)
LETTERS = "ABCDEFGHIJ"

PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111;
       background: #fff; margin: 0; }
.handout { max-width: 100%; }
.handout h1 { font-size: 18pt; margin: 0 0 4pt; }
.handout h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; break-after: avoid; }
.handout .meta { color: #444; font-size: 9pt; margin-bottom: 10pt; }
.handout figure { margin: 8pt 0; break-inside: avoid; text-align: center; }
.handout figure img { max-width: 100%; max-height: 115mm; }
.handout figcaption { font-size: 9pt; color: #333; text-align: left; }
.handout table { border-collapse: collapse; font-size: 9pt; }
.handout td, .handout th { border: 1px solid #bbb; padding: 2pt 4pt; }
.handout .question { break-inside: avoid; margin: 6pt 0 8pt; }
.handout .answer-line { border-bottom: 1px solid #666; width: 40mm; display: inline-block; height: 1em; }
.handout .options { margin: 2pt 0 0 0; padding-left: 0; list-style: none; }
.handout .options li { margin: 1pt 0; }
.handout a { color: #111; text-decoration: none; }
"""

# The page becomes the handout alone, in the print style: the site's styles would print its
# sidebars and buttons.
SHOW_ONLY_JS = """const showOnly = (out, css) => {
  document.head.querySelectorAll('link[rel=stylesheet], style').forEach(el => el.remove());
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  document.body.replaceChildren(out);
};
"""

# Keep the sections a handout needs; everything else of the article is dropped.
BUILD_LESSON_JS = """([sections, quizHtml, meta, css]) => {
  """ + SHOW_ONLY_JS + """
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const out = document.createElement('div');
  out.className = 'handout';
  const title = article.querySelector('h1').cloneNode(true);
  title.querySelectorAll('.headerlink').forEach(el => el.remove());
  out.appendChild(title);
  const info = document.createElement('p');
  info.className = 'meta';
  info.textContent = meta;
  out.appendChild(info);
  const take = (id) => {
    const section = article.querySelector('section#' + CSS.escape(id));
    if (!section) return;
    const copy = section.cloneNode(true);
    copy.querySelectorAll('section').forEach(s => s.remove());
    copy.querySelectorAll('.headerlink, .cell_input, details, script').forEach(el => el.remove());
    out.appendChild(copy);
  };
  take(sections[0]); take(sections[1]);
  const figures = [...article.querySelectorAll('figure')];
  if (figures.length) {
    const head = document.createElement('h2');
    head.textContent = 'Key charts';
    out.appendChild(head);
    figures.forEach(f => { const c = f.cloneNode(true); c.querySelectorAll('.headerlink').forEach(e => e.remove()); out.appendChild(c); });
  }
  take(sections[2]);
  const quiz = document.createElement('section');
  quiz.innerHTML = quizHtml;
  out.appendChild(quiz);
  showOnly(out, css);
}"""

BUILD_PAGE_JS = """([meta, css]) => {
  """ + SHOW_ONLY_JS + """
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const out = document.createElement('div');
  out.className = 'handout';
  const copy = article.cloneNode(true);
  copy.querySelectorAll('.headerlink, script, .lm-handout, .copybtn').forEach(el => el.remove());
  out.appendChild(copy);
  const info = document.createElement('p');
  info.className = 'meta';
  info.textContent = meta;
  const title = copy.querySelector('h1');
  if (title) title.after(info); else out.prepend(info);
  showOnly(out, css);
}"""


# Add the article of each further page (paths from the site's root) to the printed page.
APPEND_PAGES_JS = """async (paths) => {
  const out = document.querySelector('.handout');
  for (const path of paths) {
    const response = await fetch('/' + path + '.html');
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const article = page.querySelector('article.bd-article') || page.querySelector('main');
    const copy = article.cloneNode(true);
    copy.querySelectorAll('.headerlink, script, .lm-handout, .copybtn').forEach(el => el.remove());
    const part = document.createElement('div');
    part.className = 'next-page';
    part.appendChild(copy);
    out.appendChild(part);
  }
}"""
# A further page starts on a new sheet, and so does each of its lessons (## Lesson N: ...).
GUIDE_CSS = """
.handout .next-page { break-before: page; }
.handout .next-page section section[id^="lesson-"] { break-before: page; }
.handout h3 { break-after: avoid; }
.handout tr { break-inside: avoid; }
"""


def quiz_html(quiz: str) -> str:
    """The lesson's quiz as plain questions, answers in the site's order, without the key."""
    from labour_migration.quiz import quiz_order

    parts = ["<h2>Quiz</h2>", "<p>Answer on paper; your teacher has the key. Each question says "
             "whether one or several answers are right.</p>"]
    for number, question in enumerate(quiz_order(quiz), start=1):
        text = html.escape(question["question"])
        if question["type"] == "numeric":
            parts.append(f'<div class="question"><p><strong>{number}.</strong> {text}</p>'
                         '<p>Your answer: <span class="answer-line"></span></p></div>')
            continue
        how = "Choose one answer." if question["type"] == "multiple_choice" else "Choose all that apply."
        if "choose" in question["question"].casefold():  # the question already says how
            how = ""
        options = "".join(f"<li>{LETTERS[i]}. {html.escape(a['answer'])}</li>"
                          for i, a in enumerate(question["answers"]))
        parts.append(f'<div class="question"><p><strong>{number}.</strong> {text} <em>{how}</em></p>'
                     f'<ul class="options">{options}</ul></div>')
    return "\n".join(parts)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_handouts(site: Path, root: Path = ROOT, browser=None) -> list[Path]:
    """Print every lesson's handout and the teacher's guide into ``site/handouts/``.

    ``browser`` is a Playwright browser already running (the tests pass theirs, since one
    thread can drive only one Playwright); without it, Debian's chromium is started here.
    """
    if browser is not None:
        return _print_all(site, root, browser)
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"chromium not found at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _print_all(site, root, browser)
        finally:
            browser.close()


def _print_all(site: Path, root: Path, browser) -> list[Path]:
    from labour_migration.course import lessons

    out = site / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    made = []
    course = "International Labour Migration and Development"
    try:
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:"))
                   else r.abort())
        for lesson in lessons(root / "lessons.yml"):
            page.goto(f"{base}/{lesson.page}", wait_until="load")
            meta = (f"{course}: printable handout of lesson {lesson.number}. The full lesson, "
                    "with its explorers and exercises, is on the course website.")
            page.evaluate(BUILD_LESSON_JS, [["overview", "learning-objectives", "summary"],
                                            quiz_html(lesson.quiz), meta, PRINT_CSS])
            page.wait_for_function("[...document.images].every(i => i.complete)")
            target = out / f"{lesson.id}.pdf"
            page.pdf(path=str(target), format="A4", print_background=True,
                     display_header_footer=True, header_template="<span></span>",
                     footer_template='<div style="font-size:8pt;width:100%;text-align:center;'
                                     f'color:#555">{html.escape(lesson.label)}, page '
                                     '<span class="pageNumber"></span> of <span class="totalPages">'
                                     '</span></div>',
                     margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
            made.append(target)
        page.goto(f"{base}/{TEACHERS_GUIDE}.html", wait_until="load")
        page.evaluate(BUILD_PAGE_JS, [f"{course}: the teacher's guide and the lesson plans, printable.",
                                      PRINT_CSS + GUIDE_CSS])
        page.evaluate(APPEND_PAGES_JS, list(GUIDE_PAGES))
        target = out / "teachers_guide.pdf"
        page.pdf(path=str(target), format="A4", print_background=True,
                 display_header_footer=True, header_template="<span></span>",
                 footer_template='<div style="font-size:8pt;width:100%;text-align:center;color:#555">'
                                 "Teacher's guide and lesson plans, page <span class=\"pageNumber\"></span> "
                                 'of <span class="totalPages"></span></div>',
                 margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
        made.append(target)
        page.close()
    finally:
        server.shutdown()
        server.server_close()
    return made


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html",
                        help="the built site (default: _build/html)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"handouts: no built site in {args.site}; build the book first", file=sys.stderr)
        return 2
    try:
        made = make_handouts(args.site)
    except FileNotFoundError as error:
        print(f"handouts: not made: {error}", file=sys.stderr)
        return 3
    for path in made:
        print(f"handouts: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
