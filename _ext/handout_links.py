"""Give each lesson page, the teacher's guide and the lesson plans a link to their printable handout.

The PDFs are printed from the built pages by scripts/handouts.py into the site's
``handouts/`` folder (scripts/build_site.sh runs it when chromium is installed).
"""

from __future__ import annotations

from pathlib import PurePosixPath

LINK = ('<p class="lm-handout"><a href="{href}" download>Printable handout (PDF)</a>: {what}, '
        'for reading or teaching without a screen.</p>')


def _add_link(app, pagename, templatename, context, doctree):
    if "body" not in context:
        return
    if pagename.startswith("notebooks/"):
        target, what = f"{PurePosixPath(pagename).name}.pdf", "the overview, objectives, key charts, summary and quiz"
    elif pagename == "book/teachers_guide":
        target, what = "teachers_guide.pdf", "this guide with the lesson plans"
    elif pagename == "book/lesson_plans":
        # scripts/handouts.py prints the plans into the guide's PDF (GUIDE_PAGES).
        target, what = "teachers_guide.pdf", "the teacher's guide with these lesson plans"
    else:
        return
    depth = pagename.count("/")
    href = "../" * depth + f"handouts/{target}"
    body = context["body"]
    end = body.find("</h1>")
    if end != -1:
        context["body"] = body[:end + 5] + LINK.format(href=href, what=what) + body[end + 5:]


def setup(app):
    app.connect("html-page-context", _add_link)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
