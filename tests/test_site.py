"""The built course site, as a learner meets it in Chromium, offline.

Every test visits every page of the site (the ``site_pages`` fixture), so a new lesson is
checked as soon as it is in the table of contents. Each test collects the problems of all
pages before it fails, so one run shows everything that is wrong.

Screenshots of every page (light theme) and of every lesson in the dark theme are saved
under ``$COURSE_ARTIFACTS/screenshots/`` for a human to look at.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from labour_migration.quiz import QUESTION_BANKS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("COURSE_ARTIFACTS", ROOT / "test-artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))

# Alt text rules: a chart's alt must say what the chart shows, not just that it is one.
CHART_MIN_WIDTH = 300          # px (natural width); smaller images are icons or logos
CHART_MIN_ALT_CHARS = 60
# Luminance (0-255) of a light background and of dark ink. The dark theme dims images
# (filter: brightness(.8) contrast(1.2)), so white paper shows as about 220 on screen.
LIGHT, DARK = 150, 100
PLACEHOLDER_ALTS = {"png", "jpg", "jpeg", "svg", "gif", "image", "img", "picture", "figure",
                    "chart", "graph", "plot", "output", "untitled", "alt", "alt text"}
FILENAME_ALT = re.compile(r"^\S+\.(png|jpe?g|svg|gif|webp)$|^[\w-]+_[\w-]+$|^[0-9a-f]{16,}$", re.I)
MATPLOTLIB_REPR = re.compile(r"^<Figure size .* with \d+ Axes>$")

WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
WIDGET_STATE = 'script[type="application/vnd.jupyter.widget-state+json"]'


# --- helpers ---------------------------------------------------------------------------

def visit(page, site_url: str, path: str, settle: bool = False) -> None:
    """Open a page of the site (with ``settle``, also wait until its network is quiet)."""
    page.console_errors.clear()
    page.blocked.clear()
    page.goto(f"{site_url}/{path}", wait_until="networkidle" if settle else "load")


def screenshot_name(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", path.removesuffix(".html")) + ".png"


def report(problems: dict[str, list[str]]) -> str:
    """One readable block per page: the page, then each of its problems."""
    return "\n".join(f"{page}:\n" + "\n".join(f"  - {p}" for p in found)
                     for page, found in problems.items() if found)


def plain(text: str) -> str:
    """Text as a reader sees it: markdown links reduced to their words, spaces collapsed."""
    text = re.sub(r"\[(.*?)\]\((.*?)\)", r"\1", text)
    return " ".join(text.split())


def lesson_pages(site_pages: list[str]) -> list[str]:
    return [p for p in site_pages if p.startswith("notebooks/")]


class _Anchors(HTMLParser):
    """Every id (and old-style <a name>) a page offers as a link target."""

    def __init__(self):
        super().__init__()
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if value and (key == "id" or (tag == "a" and key == "name")):
                self.anchors.add(value)


def png_bytes(src: str, site_url: str, site_dir: Path) -> bytes:
    """The bytes of an image shown on the site: a data: URL or a file of the built site."""
    if src.startswith("data:"):
        return base64.b64decode(src.split(",", 1)[1])
    return (site_dir / unquote(urlparse(src).path).lstrip("/")).read_bytes()


def saved_widget_images(page) -> list[dict]:
    """The <img> tags (alt, src) inside the widget state saved in a page, drawn or not."""
    return page.evaluate(f"""() => {{
        const images = [];
        for (const script of document.querySelectorAll('{WIDGET_STATE}')) {{
            for (const model of Object.values(JSON.parse(script.textContent).state)) {{
                const value = model.state && model.state.value;
                if (typeof value !== 'string' || !value.includes('<img')) continue;
                const doc = new DOMParser().parseFromString(value, 'text/html');
                for (const i of doc.querySelectorAll('img'))
                    images.push({{alt: i.getAttribute('alt'), src: i.getAttribute('src') || ''}});
            }}
        }}
        return images;
    }}""")


# --- 1. console errors -------------------------------------------------------------------

def test_every_page_loads_without_console_errors(page, site_url, site_pages):
    """A learner's first visit (empty localStorage) to any page logs no error at all."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.add_init_script("window.localStorage.clear()")
    problems = {}
    for path in site_pages:
        visit(page, site_url, path, settle=True)
        page.wait_for_timeout(300)  # late errors: widget managers, quiz rendering
        page.screenshot(path=str(SCREENSHOTS / screenshot_name(path)), full_page=True)
        problems[path] = list(page.console_errors)
        if page.console_errors and page.blocked:
            problems[path].append("(requests to other hosts were aborted: "
                                  + ", ".join(sorted(set(page.blocked))) + ")")
    assert not any(problems.values()), "console errors:\n" + report(problems)


# --- 2. alt text -------------------------------------------------------------------------

def alt_text_problems(alt: str | None, src: str, is_chart: bool) -> list[str]:
    where = "<img src=data:…>" if src.startswith("data:") else f"<img src={src[:70]}>"
    if alt is None or not alt.strip():
        return [f"{where} has no alt text"]
    alt = alt.strip()
    problems = []
    if alt.lower() in PLACEHOLDER_ALTS or FILENAME_ALT.match(alt) or MATPLOTLIB_REPR.match(alt):
        problems.append(f"{where} has a placeholder alt text {alt!r}")
    elif not src.startswith("data:") and alt == Path(urlparse(src).path).stem:
        problems.append(f"{where} has its file name as alt text")
    if is_chart and len(alt) < CHART_MIN_ALT_CHARS:
        problems.append(f"{where} is a chart but its alt text is too short to describe it: {alt!r}")
    return problems


def test_every_image_has_meaningful_alt_text(page, site_url, site_pages):
    """Every <img> on a page, and every chart saved inside a widget view, describes itself."""
    problems = {}
    for path in site_pages:
        visit(page, site_url, path)
        found = []
        images = page.eval_on_selector_all("img", """imgs => imgs.map(i => ({
            alt: i.getAttribute('alt'), src: i.currentSrc || i.src, width: i.naturalWidth,
            inContent: !!i.closest('article.bd-article')}))""")
        for image in images:
            is_chart = image["inContent"] and image["width"] >= CHART_MIN_WIDTH
            src = image["src"].removeprefix(site_url + "/")
            found += alt_text_problems(image["alt"], src, is_chart)
        # Charts inside saved widget views are in the page's widget state even when the
        # widget manager has not drawn them (yet); every one of them is a chart.
        for image in saved_widget_images(page):
            found += [f"saved widget view: {p}" for p in alt_text_problems(image["alt"], image["src"], True)]
        problems[path] = found
    assert not any(problems.values()), "images without meaningful alt text:\n" + report(problems)


def test_every_saved_widget_view_is_drawn_on_the_page(page, site_url, site_pages):
    """The explorers' saved views (and the charts inside them) appear without a kernel."""
    problems = {}
    for path in site_pages:
        visit(page, site_url, path)
        if page.locator(WIDGET_VIEW).count() == 0:
            continue
        drawn = f"""() => [...document.querySelectorAll('{WIDGET_VIEW}')].every(
            s => s.parentElement.querySelector('.jupyter-widgets'))"""
        try:
            page.wait_for_function(drawn, timeout=10_000)
        except PlaywrightError:
            missing = page.evaluate(f"""() => [...document.querySelectorAll('{WIDGET_VIEW}')]
                .filter(s => !s.parentElement.querySelector('.jupyter-widgets'))
                .map(s => JSON.parse(s.textContent).model_id)""")
            problems[path] = [f"saved widget view {model} is not drawn" for model in missing]
            if page.blocked:
                problems[path].append("(requests to other hosts were aborted: "
                                      + ", ".join(sorted(set(page.blocked))) + ")")
    assert not any(problems.values()), "widget views missing:\n" + report(problems)


# --- 3. quizzes --------------------------------------------------------------------------

def load_banks() -> dict[str, tuple[str, dict]]:
    """Every question of every bank, by its text as a reader sees it: (bank, question)."""
    questions = {}
    for bank in sorted(QUESTION_BANKS.glob("*.json")):
        for question in json.loads(bank.read_text(encoding="utf-8")):
            questions[plain(question["question"])] = (bank.stem, question)
    return questions


def js_precision(value: float, precision: int | None) -> float:
    """What jupyterquiz makes of a typed number: Number(Number(x).toPrecision(p))."""
    return float(f"{value:.{precision}g}") if precision else value


def numeric_outcome(question: dict, typed: float) -> dict | None:
    """The answer jupyterquiz's check_numeric picks for a typed number (None: the default).

    It takes the first answer, in the bank's order, whose value equals or whose
    half-open range [low, high) contains the number rounded to the question's precision.
    """
    number = js_precision(typed, question.get("precision"))
    for answer in question["answers"]:
        if "value" in answer and number == js_precision(answer["value"], question.get("precision")):
            return answer
        if "range" in answer and answer["range"][0] <= number < answer["range"][1]:
            return answer
    return None


def numbers_to_type(question: dict) -> list[tuple[str, float, dict | None]]:
    """(why, number, expected answer) for a right number, each wrong range, and a stray one."""
    tries = []
    for answer in question["answers"]:
        if "value" in answer:
            candidates = [answer["value"]]
        elif "range" in answer:
            low, high = answer["range"]
            candidates = [round((low + high) / 2), (low + high) / 2, low]
        else:
            continue
        number = next((c for c in candidates if numeric_outcome(question, c) is answer), None)
        kind = "a number inside the correct range" if answer.get("correct") else "a number in a wrong range"
        tries.append((kind, number, answer))
    bounds = [b for a in question["answers"] for b in a.get("range", [a.get("value", 0)])]
    stray = 3 * max(abs(b) for b in bounds) + 7
    tries.append(("a number outside every range", stray, numeric_outcome(question, stray)))
    # Wrong tries first, then the right one, as a learner would stumble towards it.
    return sorted(tries, key=lambda t: bool(t[2] and t[2].get("correct")))


def expect_marked(feedback, button, correct: bool, text: str | None) -> None:
    """The feedback box and the chosen answer carry jupyterquiz's correct/incorrect marks."""
    verdict = "correct" if correct else "incorrect"
    expect(feedback).to_be_visible(timeout=2_000)
    expect(feedback).to_have_class(re.compile(rf"(^|\s){verdict}(\s|$)"), timeout=2_000)
    expect(button).to_have_class(re.compile(rf"(^|\s){verdict}Button(\s|$)"), timeout=2_000)
    if text and "$" not in text:  # feedback with LaTeX is re-typeset; only check it is there
        expect(feedback).to_contain_text(plain(text), timeout=2_000)


def answer_choice_question(quiz, question: dict) -> list[str]:
    """Click a wrong answer, see it marked incorrect; then every right one, see them correct."""
    problems = []
    labels = {plain(label.inner_text()): label for label in quiz.locator("label.MCButton").all()}
    expected = {plain(a["answer"]): a for a in question["answers"]}
    if set(labels) != set(expected):
        return [f"answers on the page differ from the bank: page only {sorted(set(labels) - set(expected))}, "
                f"bank only {sorted(set(expected) - set(labels))}"]
    feedback = quiz.locator(".Feedback")
    wrong = [t for t, a in expected.items() if not a.get("correct")]
    right = [t for t, a in expected.items() if a.get("correct")]
    steps = [(t, False) for t in wrong[:1]] + [(t, True) for t in right]
    for text, correct in steps:
        labels[text].click()
        try:
            expect_marked(feedback, labels[text], correct, expected[text].get("feedback"))
        except AssertionError as error:
            problems.append(f"answer {text[:50]!r} not marked {'correct' if correct else 'incorrect'}: "
                            f"{str(error).splitlines()[0]}")
    if question["type"] == "many_choice" and len(right) > 1 and not problems:
        count = f"[{len(right)}/{len(right)}]"
        if count not in feedback.inner_text():
            problems.append(f"after choosing every right answer the feedback does not say {count}")
    return problems


def answer_numeric_question(quiz, question: dict) -> list[str]:
    """Type a number in a wrong range, one outside every range, then one in the right range."""
    problems = []
    box = quiz.locator("input.Input-text")
    feedback = quiz.locator(".Feedback")
    default = next((a.get("feedback") for a in question["answers"] if a.get("type") == "default"), None)
    for why, number, answer in numbers_to_type(question):
        if number is None:
            problems.append(f"no number reaches the bank's answer {answer}: it is hidden by an earlier range")
            continue
        typed = f"{number:g}"
        box.click()  # focusing the box clears it
        box.press_sequentially(typed)
        box.press("Enter")
        correct = bool(answer and answer.get("correct"))
        try:
            expect_marked(feedback, box, correct, (answer or {}).get("feedback") or default)
        except AssertionError as error:
            problems.append(f"{why} ({typed}) not marked {'correct' if correct else 'incorrect'}: "
                            f"{str(error).splitlines()[0]}")
    return problems


def test_every_quiz_question_marks_a_wrong_answer_incorrect_and_a_right_answer_correct(
        page, site_url, site_pages):
    """Each question shown on the site is one of the banks', and answering it works."""
    banks = load_banks()
    problems = {}
    for path in site_pages:
        visit(page, site_url, path)
        containers = page.locator("div[data-numquestions]")
        if containers.count() == 0 and not (QUESTION_BANKS / f"{Path(path).stem}.json").exists():
            continue
        found = problems.setdefault(path, [])
        try:
            page.wait_for_function("""() => [...document.querySelectorAll('div[data-numquestions]')]
                .every(c => c.querySelector('.Quiz'))""", timeout=5_000)
        except PlaywrightError:
            found.append("a quiz did not render its questions")
            continue
        shown = set()
        for quiz in page.locator(".Quiz").all():
            text = plain(quiz.locator("div[id^=quizQn]").inner_text())
            if text not in banks:
                found.append(f"question {text[:60]!r} is in no question bank")
                continue
            bank, question = banks[text]
            shown.add((bank, text))
            quiz.scroll_into_view_if_needed()
            if question["type"] == "numeric":
                found += [f"{text[:50]!r}: {p}" for p in answer_numeric_question(quiz, question)]
            else:
                found += [f"{text[:50]!r}: {p}" for p in answer_choice_question(quiz, question)]
        # A lesson shows every question of its own bank.
        own = Path(path).stem
        for text, (bank, _) in banks.items():
            if bank == own and (bank, text) not in shown:
                found.append(f"question {text[:60]!r} of {bank}.json is not on the page")
    assert not any(problems.values()), "quiz problems:\n" + report(problems)


# --- 4. internal links -------------------------------------------------------------------

def test_every_internal_link_reaches_an_existing_page_and_anchor(page, site_url, site_pages, site_dir):
    """Links within the site (navigation, cross-references, #anchors) all land somewhere."""
    site = urlparse(site_url).netloc
    anchors_of: dict[Path, set[str]] = {}
    problems = {}
    for path in site_pages:
        visit(page, site_url, path)
        links = page.eval_on_selector_all("a[href]", "as => as.map(a => [a.getAttribute('href'), a.href])")
        found = []
        for raw, absolute in sorted(set(map(tuple, links))):
            target = urlparse(absolute)
            if target.scheme not in ("http", "https") or target.netloc != site:
                continue
            relative = unquote(target.path).lstrip("/")
            file = site_dir / (relative + "index.html" if relative.endswith("/") or not relative else relative)
            if not file.is_file():
                found.append(f"{raw!r}: no file {file.relative_to(site_dir)}")
                continue
            fragment = unquote(target.fragment)
            if not fragment or file.suffix != ".html":
                continue
            if file not in anchors_of:
                parser = _Anchors()
                parser.feed(file.read_text(encoding="utf-8"))
                anchors_of[file] = parser.anchors
            if fragment not in anchors_of[file]:
                found.append(f"{raw!r}: {file.relative_to(site_dir)} has no id {fragment!r}")
        problems[path] = found
    assert not any(problems.values()), "broken internal links:\n" + report(problems)


# --- 5. launch buttons -------------------------------------------------------------------

def expected_launch(page_path: str) -> dict:
    """What each launch button of a lesson page must open, from _config.yml alone."""
    repository, launch = CONFIG["repository"], CONFIG.get("launch_buttons", {})
    repo_url = repository["url"].rstrip("/").removesuffix(".git")
    org, repo = urlparse(repo_url).path.strip("/").split("/")[:2]
    branch = repository.get("branch", "main")
    book = repository.get("path_to_book", "").strip("/")
    notebook = Path(page_path).with_suffix(".ipynb").as_posix()
    in_repo = f"{book}/{notebook}" if book else notebook
    ui = {"jupyterlab": "lab/tree", "classic": "tree"}[launch.get("notebook_interface", "classic")]
    return {"repo_url": repo_url, "org": org, "repo": repo, "branch": branch,
            "notebook": notebook, "in_repo": in_repo, "ui": ui, "launch": launch}


def launch_link_problems(href: str, provider: str, want: dict) -> list[str]:
    url = urlparse(href)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    problems = []
    if "//" in url.path or "//" in query.get("urlpath", ""):
        problems.append(f"{provider}: double slash in {href}")
    org, repo, branch, ui, in_repo = want["org"], want["repo"], want["branch"], want["ui"], want["in_repo"]
    if provider == "binderhub_url":
        # mybinder builds the repository at the branch, then opens the notebook in the UI.
        expected_path, expected_query = f"/v2/gh/{org}/{repo}/{branch}", {"urlpath": f"{ui}/{in_repo}"}
    elif provider == "colab_url":
        # Colab opens the notebook file straight from GitHub.
        expected_path, expected_query = f"/github/{org}/{repo}/blob/{branch}/{in_repo}", {}
    else:
        # nbgitpuller clones the repository into a folder named after it, in the user's home.
        expected_path = "/hub/user-redirect/git-pull"
        expected_query = {"repo": want["repo_url"], "branch": branch, "urlpath": f"{ui}/{repo}/{in_repo}"}
    base = urlparse(want["launch"][provider].rstrip("/"))
    if (url.scheme, url.netloc) != (base.scheme, base.netloc):
        problems.append(f"{provider}: {href} is not on {want['launch'][provider]}")
    if url.path != base.path + expected_path:
        problems.append(f"{provider}: path {url.path!r}, expected {base.path + expected_path!r}")
    if query != expected_query:
        problems.append(f"{provider}: query {query}, expected {expected_query}")
    return problems


def test_lesson_launch_buttons_open_the_lesson_notebook_on_binder_colab_and_jupyterhub(
        page, site_url, site_pages):
    """The rocket menu of each lesson opens that lesson's .ipynb, built from _config.yml."""
    providers = [p for p in ("binderhub_url", "colab_url", "jupyterhub_url")
                 if CONFIG.get("launch_buttons", {}).get(p)]
    lessons = lesson_pages(site_pages)
    assert lessons, "the site has no lesson pages under notebooks/"
    problems = {}
    for path in lessons:
        want = expected_launch(path)
        found = problems.setdefault(path, [])
        if not (ROOT / want["notebook"]).is_file():
            found.append(f"the lesson's notebook {want['notebook']} is not in the repository "
                         "(Binder and Colab need the .ipynb)")
        visit(page, site_url, path)
        page.locator(".dropdown-launch-buttons button").click()
        menu = page.locator(".dropdown-launch-buttons .dropdown-menu a")
        try:
            expect(menu.first).to_be_visible(timeout=2_000)
        except AssertionError:
            found.append("the rocket menu does not open")
        hrefs = menu.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        for provider in providers:
            base = urlparse(want["launch"][provider])
            matching = [h for h in hrefs if urlparse(h).netloc == base.netloc]
            if len(matching) != 1:
                found.append(f"{provider}: {len(matching)} launch links to {base.netloc}, expected 1")
                continue
            found += launch_link_problems(matching[0], provider, want)
    assert not any(problems.values()), "launch buttons:\n" + report(problems)


# --- 6. dark theme -----------------------------------------------------------------------

def luminance_shares(image: Image.Image) -> tuple[float, float]:
    """Shares of light and dark pixels in an image, by luminance."""
    histogram = image.convert("L").histogram()
    total = sum(histogram)
    return sum(histogram[LIGHT:]) / total, sum(histogram[:DARK + 1]) / total


def edges_are_light(image: Image.Image, inset: int = 2) -> bool:
    """A ring of pixels near the edge (the background around the plot) is nearly all light.

    The ring sits a few pixels in: an element screenshot can catch a sliver of the page
    (a fractional pixel row, the rounded corners) at its very edge.
    """
    grey = image.convert("L")
    w, h = grey.size
    ring = ([(x, y) for x in range(inset, w - inset) for y in (inset, h - 1 - inset)]
            + [(x, y) for y in range(inset, h - inset) for x in (inset, w - 1 - inset)])
    return sum(grey.getpixel(p) >= LIGHT for p in ring) >= 0.9 * len(ring)


def chart_png_problems(data: bytes) -> list[str]:
    """A chart file that keeps its own opaque, light background whatever the page colour."""
    image = Image.open(io.BytesIO(data))
    problems = []
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        lowest_alpha = image.convert("RGBA").getchannel("A").getextrema()[0]
        if lowest_alpha < 255:
            problems.append(f"the PNG is transparent in places (lowest alpha {lowest_alpha}), "
                            "so the page colour shows through")
    flat = Image.alpha_composite(Image.new("RGBA", image.size, "black"), image.convert("RGBA"))
    if not edges_are_light(flat):
        problems.append("the PNG's own background (its edges, over black) is not light")
    return problems


def test_charts_stay_readable_on_a_light_background_in_dark_theme(page, site_url, site_pages, site_dir):
    """In the dark theme each chart still shows dark text on an opaque light background."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    problems = {}
    charts_seen = 0
    for path in site_pages:
        visit(page, site_url, path)
        found = problems.setdefault(path, [])
        if page.evaluate("document.documentElement.dataset.theme") != "dark":
            found.append("the page did not switch to the dark theme")
            continue
        for index, image in enumerate(page.locator("article.bd-article img").all()):
            info = image.evaluate("i => ({src: i.currentSrc || i.src, width: i.naturalWidth})")
            if info["width"] < CHART_MIN_WIDTH:
                continue
            charts_seen += 1
            name = f"chart {index + 1}"
            found += [f"{name}: {p}" for p in chart_png_problems(png_bytes(info["src"], site_url, site_dir))]
            image.scroll_into_view_if_needed()
            if not image.is_visible():
                found.append(f"{name} is not visible")
                continue
            shot = Image.open(io.BytesIO(image.screenshot()))
            light, dark = luminance_shares(shot)
            if light < 0.6 or not edges_are_light(shot):
                found.append(f"{name} on screen: only {light:.0%} light pixels, or dark edges; "
                             "the chart does not sit on a light background")
            if dark < 0.003:
                found.append(f"{name} on screen: hardly any dark pixels ({dark:.2%}); "
                             "its text and axes have no contrast")
        # Charts saved in widget views keep their own background whether or not they are drawn.
        for index, image in enumerate(saved_widget_images(page)):
            charts_seen += 1
            found += [f"saved widget view chart {index + 1}: {p}"
                      for p in chart_png_problems(png_bytes(image["src"], site_url, site_dir))]
        if path.startswith("notebooks/"):
            page.evaluate("window.scrollTo(0, 0)")  # else the sticky sidebars land mid-page
            page.screenshot(path=str(SCREENSHOTS / f"dark-{screenshot_name(path)}"), full_page=True)
    assert charts_seen, "no chart images found on any page"
    assert not any(problems.values()), "charts in the dark theme:\n" + report(problems)
