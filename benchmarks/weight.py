"""Page weight of each lesson page in a built site, and of the shared assets."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from .build import lesson_notebooks
from .report import INFO, Row, judge, kilobytes, megabytes

PAGE_TARGET_BYTES = 800_000
# The saved explorer views are PNGs inlined (base64) in the page's widget state.
SAVED_VIEW_PNG = re.compile(rb'data:image/png;base64,([A-Za-z0-9+/=]+)')
# Attributes through which a page makes the browser fetch a file as it loads.
LOADED = {("img", "src"), ("script", "src"), ("source", "src"), ("iframe", "src"),
          ("embed", "src"), ("video", "src"), ("audio", "src"), ("object", "data")}
LOADED_LINK_RELS = {"stylesheet", "preload", "icon", "modulepreload"}


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "data"):
            if (tag, name) in LOADED and attrs.get(name):
                self.urls.append(attrs[name])
        if tag in ("img", "source") and attrs.get("srcset"):
            self.urls += [part.strip().split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        if tag == "link" and attrs.get("href") and LOADED_LINK_RELS & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs["href"])


def loaded_files(page: Path, site: Path) -> set[Path]:
    """Local files the page makes the browser load (data: URIs are part of the HTML)."""
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    files = set()
    for url in parser.urls:
        parsed = urlparse(url)
        if parsed.scheme or parsed.netloc or not parsed.path:
            continue
        target = (page.parent / unquote(parsed.path)).resolve()
        if target.is_file() and site.resolve() in target.parents:
            files.add(target)
    return files


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def shared_files(site: Path) -> set[Path]:
    """Files every page may share: all of _static/, and anything loaded by two or more pages
    (such as the search index)."""
    seen: dict[Path, int] = {}
    for page in site.rglob("*.html"):
        if "_static" not in page.relative_to(site).parts:
            for file in loaded_files(page, site):
                seen[file] = seen.get(file, 0) + 1
    static = (site / "_static").resolve()
    return {f for f, count in seen.items() if count > 1 or static in f.parents}


def weight_rows(site: Path, root: Path) -> list[Row]:
    """One row per lesson page (HTML + its own images) and one for the shared _static folder."""
    static = (site / "_static").resolve()
    common = shared_files(site)
    rows = []
    for notebook in lesson_notebooks(root):
        page = site / notebook.relative_to(root).with_suffix(".html")
        measure = f"Page weight: {page.relative_to(site).as_posix()}"
        if not page.exists():
            rows.append(Row(measure, "not built", status="FAILED", notes=f"{page} is missing"))
            continue
        html = page.read_bytes()
        files = loaded_files(page, site)
        own = sorted(files - common)
        shared = files & common
        own_bytes = sum(f.stat().st_size for f in own)
        shared_bytes = sum(f.stat().st_size for f in shared)
        total = len(html) + own_bytes
        inline = SAVED_VIEW_PNG.findall(html)
        inline_bytes = sum(len(b) for b in inline)
        rows.append(Row(
            measure, kilobytes(total), f"<= {PAGE_TARGET_BYTES // 1000} kB",
            judge(total <= PAGE_TARGET_BYTES),
            f"HTML {kilobytes(len(html))} (gzipped {kilobytes(len(gzip.compress(html)))}) + "
            f"{len(own)} images of its own {kilobytes(own_bytes)}; the HTML holds {len(inline)} inline "
            f"chart images (the explorers' saved views, {kilobytes(inline_bytes)} of base64); "
            f"it also loads {len(shared)} "
            f"shared files ({kilobytes(shared_bytes)}: theme, scripts, search index), which a "
            "browser caches across pages",
            values={"html": len(html), "own_files": own_bytes, "own_count": len(own),
                    "shared_loaded": shared_bytes, "total": total, "inline_images": len(inline),
                    "inline_bytes": inline_bytes}))
    size, count = folder_size(static)
    rows.append(Row("Shared assets: _static/ (theme, fonts, scripts)", megabytes(size), status=INFO,
                    notes=f"{count} files, downloaded at most once per visitor, not counted in page weight",
                    values={"bytes": size, "files": count}))
    return rows
