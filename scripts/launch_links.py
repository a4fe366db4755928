"""Launch links for every lesson, generated from the one place they are set: _config.yml.

The repository (``repository.url``, ``repository.branch``, ``repository.path_to_book``) and
the hubs (``launch_buttons.binderhub_url``, ``colab_url``, ``jupyterhub_url``) are read from
_config.yml. The links are built the way the book's rocket menu builds them (the
sphinx-book-theme rules), so the README, the teacher's guide and the lesson pages agree.

Usage (from the repository root)::

    python scripts/launch_links.py            # print the Binder, Colab and JupyterHub links
    python scripts/launch_links.py --write    # rewrite the generated blocks in the docs
    python scripts/launch_links.py --check    # exit 1 if a block is stale, or if a lesson's
                                              # Colab setup cell clones another repository

The generated blocks sit between ``<!-- launch-links:start -->`` and
``<!-- launch-links:end -->`` in README.md and book/teachers_guide.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import yaml

ROOT = Path(__file__).resolve().parents[1]
START = "<!-- launch-links:start -->"
END = "<!-- launch-links:end -->"
# The documents that carry a generated block, relative to the repository root.
TARGETS = ("README.md", "book/teachers_guide.md")
COLAB_TAG = "colab-setup"
# The path prefix each notebook interface uses in a launch URL (as in sphinx-book-theme).
INTERFACE_PREFIX = {"classic": "tree", "jupyterlab": "lab/tree"}


class LaunchConfigError(ValueError):
    """_config.yml lacks a setting the links need, or has one they cannot use."""


@dataclass(frozen=True)
class Settings:
    repository_url: str
    branch: str
    path_to_book: str
    binderhub_url: str
    colab_url: str
    jupyterhub_url: str
    interface: str

    @property
    def org_and_repo(self) -> tuple[str, str]:
        match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", self.repository_url)
        if not match:
            raise LaunchConfigError(f"repository.url must be a GitHub repository such as "
                                    f"https://github.com/ORG/REPO, not {self.repository_url!r}")
        return match.group(1), match.group(2)


def load_settings(root: Path = ROOT) -> Settings:
    """Read the repository and hub settings from ``root/_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    repository = config.get("repository") or {}
    launch = config.get("launch_buttons") or {}
    if not repository.get("url"):
        raise LaunchConfigError("_config.yml has no repository.url")
    interface = launch.get("notebook_interface", "classic")
    if interface not in INTERFACE_PREFIX:
        raise LaunchConfigError(f"launch_buttons.notebook_interface must be one of "
                                f"{sorted(INTERFACE_PREFIX)}, not {interface!r}")
    settings = Settings(
        repository_url=str(repository["url"]).rstrip("/"),
        branch=str(repository.get("branch") or "master"),  # the theme's own default
        path_to_book=str(repository.get("path_to_book") or "").strip("/"),
        binderhub_url=str(launch.get("binderhub_url") or "").strip("/"),
        colab_url=str(launch.get("colab_url") or "").strip("/"),
        jupyterhub_url=str(launch.get("jupyterhub_url") or "").strip("/"),
        interface=interface,
    )
    settings.org_and_repo  # fail early on a repository URL the links cannot use
    return settings


def find_notebooks(root: Path = ROOT) -> list[Path]:
    """The lessons' notebooks, in the order of the manifest, ``root/lessons.yml``."""
    from labour_migration.course import lessons

    return [root / lesson.notebook for lesson in lessons(root / "lessons.yml")]


def lesson_title(notebook: Path) -> str:
    """The notebook's first level-1 heading; "Lesson 1: Why" becomes "1. Why"."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return re.sub(r"^Lesson\s+(\d+)\s*:\s*", r"\1. ", line[2:].strip())
    return notebook.stem


def launch_links(settings: Settings, notebook_path: str) -> dict[str, str]:
    """Binder, Colab and JupyterHub (nbgitpuller) links for one notebook.

    ``notebook_path`` is relative to the book's folder, e.g. ``notebooks/01_x.ipynb``.
    Providers whose URL is empty in _config.yml are left out.

    >>> s = Settings("https://github.com/o/r", "main", "", "https://mybinder.org", "", "", "jupyterlab")
    >>> launch_links(s, "notebooks/a.ipynb")["Binder"]
    'https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/notebooks/a.ipynb'
    """
    org, repo = settings.org_and_repo
    prefix = INTERFACE_PREFIX[settings.interface]
    in_repo = f"{settings.path_to_book}/{notebook_path}" if settings.path_to_book else notebook_path
    links = {}
    if settings.binderhub_url:
        links["Binder"] = (f"{settings.binderhub_url}/v2/gh/{org}/{repo}/{settings.branch}"
                           f"?urlpath={prefix}/{in_repo}")
    if settings.colab_url:
        links["Colab"] = f"{settings.colab_url}/github/{org}/{repo}/blob/{settings.branch}/{in_repo}"
    if settings.jupyterhub_url:
        query = urlencode({"repo": settings.repository_url, "urlpath": f"{prefix}/{repo}/{in_repo}",
                           "branch": settings.branch}, safe="/")
        links["JupyterHub"] = f"{settings.jupyterhub_url}/hub/user-redirect/git-pull?{query}"
    return links


def all_links(root: Path = ROOT, settings: Settings | None = None) -> list[tuple[Path, str, dict[str, str]]]:
    """(notebook, title, links) for every lesson."""
    settings = settings or load_settings(root)
    book = root / settings.path_to_book if settings.path_to_book else root
    return [(nb, lesson_title(nb), launch_links(settings, nb.relative_to(book).as_posix()))
            for nb in find_notebooks(root)]


def render_block(root: Path, target: str, settings: Settings | None = None) -> str:
    """The Markdown table that goes between the markers in ``target`` (a path under root)."""
    settings = settings or load_settings(root)
    rows = all_links(root, settings)
    providers = [p for p in ("Binder", "Colab", "JupyterHub") if rows and p in rows[0][2]]
    heads = {"Binder": "Binder", "Colab": "Colab", "JupyterHub": "Class JupyterHub (nbgitpuller)"}
    here = (root / target).parent
    lines = [START,
             "<!-- Generated by scripts/launch_links.py from _config.yml: edit the settings "
             "there, then run it with --write. -->",
             "",
             "| Lesson | " + " | ".join(heads[p] for p in providers) + " |",
             "| --- |" + " --- |" * len(providers)]
    for notebook, title, links in rows:
        page = Path(os.path.relpath(notebook, here)).as_posix()
        cells = [f"[{title}]({page})"] + [f"[open on {p}]({links[p]})" for p in providers]
        lines.append("| " + " | ".join(cells) + " |")
    if not rows:
        lines.append("")
        lines.append("(No lessons yet.)")
    lines += ["", END]
    return "\n".join(lines)


def _split(text: str, target: str) -> tuple[str, str, str]:
    """(before, block, after) around the one marked block in ``text``."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise LaunchConfigError(f"{target} must hold exactly one block from {START} to {END}")
    start, end = text.index(START), text.index(END) + len(END)
    return text[:start], text[start:end], text[end:]


def stale_blocks(root: Path = ROOT) -> list[str]:
    """A message for every target whose block differs from what _config.yml gives."""
    settings = load_settings(root)
    problems = []
    for target in TARGETS:
        path = root / target
        if not path.exists():
            problems.append(f"{target}: missing (it should carry the launch links block)")
            continue
        try:
            _, block, _ = _split(path.read_text(encoding="utf-8"), target)
        except LaunchConfigError as error:
            problems.append(str(error))
            continue
        if block != render_block(root, target, settings):
            problems.append(f"{target}: the launch links are stale; run "
                            "`python scripts/launch_links.py --write`")
    return problems


def write_blocks(root: Path = ROOT) -> list[str]:
    """Rewrite every target's block; return the targets that changed."""
    settings = load_settings(root)
    changed = []
    for target in TARGETS:
        path = root / target
        text = path.read_text(encoding="utf-8")
        before, block, after = _split(text, target)
        new = render_block(root, target, settings)
        if new != block:
            path.write_text(before + new + after, encoding="utf-8")
            changed.append(target)
    return changed


def colab_setup_problems(root: Path = ROOT) -> list[str]:
    """A message for every notebook whose Colab setup cell is missing or clones another URL."""
    wanted = load_settings(root).repository_url.removesuffix(".git")
    problems = []
    for notebook in find_notebooks(root):
        name = notebook.relative_to(root).as_posix()
        cells = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                 if COLAB_TAG in c.get("metadata", {}).get("tags", [])]
        if not cells:
            problems.append(f"{name}: no code cell tagged {COLAB_TAG!r}")
            continue
        for cell in cells:
            source = "".join(cell["source"])
            urls = [u.rstrip("/").removesuffix(".git")
                    for u in re.findall(r"""["'](https?://[^"'\s]+)["']""", source)]
            if "clone" not in source or not urls:
                problems.append(f"{name}: its {COLAB_TAG!r} cell does not git-clone the repository")
            elif any(url != wanted for url in urls):
                others = sorted(set(urls) - {wanted})
                problems.append(f"{name}: its {COLAB_TAG!r} cell clones {', '.join(others)}, "
                                f"but _config.yml's repository.url is {wanted}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="rewrite the generated blocks")
    action.add_argument("--check", action="store_true",
                        help="exit 1 if a block is stale or a Colab setup cell clones another URL")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.check:
            problems = stale_blocks(root) + colab_setup_problems(root)
            for problem in problems:
                print(f"launch_links: {problem}", file=sys.stderr)
            if not problems:
                print("launch_links: blocks and Colab setup cells match _config.yml")
            return 1 if problems else 0
        if args.write:
            changed = write_blocks(root)
            print("launch_links: updated " + (", ".join(changed) if changed else "nothing (up to date)"))
            for problem in colab_setup_problems(root):
                print(f"launch_links: {problem}", file=sys.stderr)
            return 0
        for notebook, title, links in all_links(root):
            print(f"{notebook.relative_to(root).as_posix()}  ({title})")
            for provider, url in links.items():
                print(f"  {provider + ':':12}{url}")
        return 0
    except LaunchConfigError as error:
        print(f"launch_links: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
