"""The lesson manifest, ``lessons.yml``: which lessons exist, in order, and what each uses.

Tests, benchmarks, the launch links and the table-of-contents check all read the lessons
from here instead of globbing folders, so a lesson (or an explorer, a question bank, a
dataset) that the manifest names but the repository lacks fails at once, wherever it is
checked. The lessons themselves never need this module.

Example
-------
>>> from labour_migration.course import lessons
>>> first = lessons()[0]
>>> first.id, first.explorers
('01_why_people_migrate', ('three_ds',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Lesson", "ManifestError", "MANIFEST", "lessons", "manifest_problems"]

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "lessons.yml"
FIELDS = ("id", "title", "brief", "notebook", "quiz", "explorers", "datasets")


class ManifestError(ValueError):
    """``lessons.yml`` is missing, malformed, or names something the course lacks."""


@dataclass(frozen=True)
class Lesson:
    """One lesson as the manifest describes it (paths are relative to the repository root)."""

    number: int
    id: str
    title: str
    brief: str
    notebook: str
    quiz: str
    explorers: tuple[str, ...]
    datasets: tuple[str, ...]

    @property
    def page(self) -> str:
        """The lesson's page in the built site, e.g. ``notebooks/01_why_people_migrate.html``."""
        return str(Path(self.notebook).with_suffix(".html").as_posix())

    @property
    def toc_entry(self) -> str:
        """The lesson as ``_toc.yml`` lists it (no suffix)."""
        return str(Path(self.notebook).with_suffix("").as_posix())

    def objectives(self, root: Path = ROOT) -> list[str]:
        """The learning objectives, as the notebook's numbered list states them (markdown)."""
        import json

        cells = json.loads((root / self.notebook).read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        if "## Learning objectives" not in text:
            return []
        section = text.split("## Learning objectives", 1)[1].split("\n## ", 1)[0]
        return [m.strip() for m in re.findall(r"^\d+\.\s+(.+)$", section, flags=re.M)]

    @property
    def label(self) -> str:
        """``"1. Why people migrate"``: how tables and menus name the lesson."""
        return f"{self.number}. {self.title}"


def lessons(path: Path = MANIFEST) -> list[Lesson]:
    """The lessons of ``lessons.yml`` in order; raises :class:`ManifestError` if it is malformed."""
    import yaml

    if not path.is_file():
        raise ManifestError(f"{path}: file not found")
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("lessons")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{path.name}: needs a non-empty list under 'lessons:'")
    found = []
    for position, entry in enumerate(entries, start=1):
        where = f"{path.name}, lesson {position}"
        if not isinstance(entry, dict):
            raise ManifestError(f"{where}: not a mapping")
        missing = [f for f in FIELDS if f not in entry]
        unknown = sorted(set(entry) - set(FIELDS))
        if missing or unknown:
            raise ManifestError(f"{where}: missing {missing}, unknown {unknown}")
        if not re.fullmatch(r"\d\d_[a-z0-9_]+", str(entry["id"])):
            raise ManifestError(f"{where}: id {entry['id']!r} is not NN_words")
        number = int(entry["id"][:2])
        if found and number <= found[-1].number:
            raise ManifestError(f"{where}: id {entry['id']!r} does not come after {found[-1].id!r}")
        found.append(Lesson(number=number, id=entry["id"], title=str(entry["title"]),
                            brief=str(entry["brief"]), notebook=str(entry["notebook"]),
                            quiz=str(entry["quiz"]), explorers=tuple(entry["explorers"] or ()),
                            datasets=tuple(entry["datasets"] or ())))
    return found


def manifest_problems(root: Path = ROOT) -> list[str]:
    """Everything the manifest names that the repository lacks (an empty list: all present)."""
    import json

    from .explorer import EXPLORERS
    from .quiz import QUESTION_BANKS

    problems = []
    try:
        listed = lessons(root / "lessons.yml")
    except ManifestError as error:
        return [str(error)]
    resources = {r["name"] for r in json.loads((root / "data" / "datapackage.json")
                                               .read_text(encoding="utf-8"))["resources"]}
    numbers = [lesson.number for lesson in listed]
    if numbers != list(range(1, len(listed) + 1)):
        problems.append(f"lessons are numbered {numbers}: number them 1, 2, 3... with no gap")
    for lesson in listed:
        notebook = root / lesson.notebook
        if Path(lesson.notebook).stem != lesson.id:
            problems.append(f"{lesson.id}: notebook {lesson.notebook} is not named after the id")
        if not notebook.is_file():
            problems.append(f"{lesson.id}: notebook {lesson.notebook} not found")
            continue
        if not (QUESTION_BANKS / f"{lesson.quiz}.json").is_file():
            problems.append(f"{lesson.id}: question bank {lesson.quiz}.json not found")
        code = "\n".join("".join(c["source"]) for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                         if c["cell_type"] == "code")
        if f'show_quiz("{lesson.quiz}")' not in code:
            problems.append(f"{lesson.id}: no cell calls show_quiz(\"{lesson.quiz}\")")
        for name in lesson.explorers:
            if name not in EXPLORERS:
                problems.append(f"{lesson.id}: explorer {name!r} is not registered "
                                f"(known: {', '.join(sorted(EXPLORERS))})")
            elif f"{EXPLORERS[name].function}(" not in code:
                problems.append(f"{lesson.id}: the notebook never calls {EXPLORERS[name].function}()")
        for name in lesson.datasets:
            if name not in resources:
                problems.append(f"{lesson.id}: dataset {name!r} is not in data/datapackage.json")
    return problems
