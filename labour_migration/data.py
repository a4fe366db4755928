"""Load the course's data tables, checked against ``data/datapackage.json``.

Every table in ``data/`` is described in the Frictionless data package beside it: its
columns, their types, units and allowed ranges. :func:`load` reads a table and checks each
cell against that description, so a damaged or edited file fails loudly with the file,
row and column at fault instead of quietly turning into NaNs inside a chart.

Topic modules (``migrants``, ``three_ds``...) hold the loaders of their own tables; this
module holds the checking loader they share, the country list and the published figures.

Example
-------
>>> table = load("migrant_stock_world")
>>> int(table.loc[table["year"] == 2024, "migrants"].iloc[0])
304021813
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = ["DataError", "compare_then_and_now", "data_dir", "headline_figure", "in_sentence", "load", "load_countries",
           "load_headline_figures", "load_then_and_now"]


class DataError(ValueError):
    """A data file is missing or does not match its description in datapackage.json."""

    def __init__(self, file, problem, row=None, column=None):
        self.file, self.row, self.column, self.problem = str(file), row, column, problem
        where = f"row {row}" if row is not None else "row -"
        where += f", column '{column}'" if column is not None else ", column -"
        super().__init__(f"{file}: {where}: {problem}")


# The name in the course's datapackage.json: a data/ folder found by searching must be this one.
DATA_PACKAGE_NAME = "labour-migration-course-data"
NOT_FOUND_HINT = ("file not found: the course's data folder was looked for beside the package, in "
                  "the working folder and above it, and in a copy of the course inside the working "
                  "or home folder; open the notebook inside the course folder, or set "
                  "LABOUR_MIGRATION_DATA to the course's data folder")


def _is_course_data(folder: Path) -> bool:
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8")).get("name") == DATA_PACKAGE_NAME
    except (OSError, ValueError, AttributeError):
        return False


def _course_copies(folder: Path) -> list[Path]:
    """``data/`` folders of course copies directly inside ``folder``, the usual name first."""
    try:
        children = sorted((c for c in folder.iterdir() if c.is_dir() and not c.name.startswith(".")),
                          key=lambda c: (c.name != "labour-migration-course", c.name))
    except OSError:
        return []
    return [child / "data" for child in children if _is_course_data(child / "data")]


def data_dir() -> Path:
    """The folder that holds the tables, the first of:

    1. ``$LABOUR_MIGRATION_DATA`` if set;
    2. ``data/`` beside the package, in a clone of the course (or an editable install);
    3. the course's ``data/`` in the working folder or the nearest folder above it: a lesson
       opened inside a copy of the course, with the package installed apart (a class hub's
       image, ``pip install`` into site-packages);
    4. the ``data/`` of a copy of the course directly inside the working folder or the home
       folder, such as ``~/labour-migration-course/data`` where nbgitpuller puts it: a
       learner's own notebook made next to the course folder rather than inside it.

    If none has the data, the answer is (2), and :func:`load` says where it looked.
    """
    override = os.environ.get("LABOUR_MIGRATION_DATA")
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parents[1] / "data"
    if (beside / "datapackage.json").is_file():
        return beside
    cwd = Path.cwd()
    for folder in (cwd, *cwd.parents):
        if _is_course_data(folder / "data"):
            return folder / "data"
    for folder in dict.fromkeys((cwd, Path.home())):
        copies = _course_copies(folder)
        if copies:
            return copies[0]
    return beside


def _descriptor(folder: Path) -> dict:
    path = folder / "datapackage.json"
    if not path.is_file():
        raise DataError(path, "file not found")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError(path, f"not valid JSON ({error.msg})", row=error.lineno) from None


def _resource(folder: Path, name: str) -> dict:
    resources = _descriptor(folder)["resources"]
    for resource in resources:
        if resource["name"] == name:
            return resource
    known = ", ".join(r["name"] for r in resources)
    raise KeyError(f"no dataset called {name!r}; the data package has: {known}")


def _check_column(table: pd.DataFrame, field: dict, path: Path) -> pd.Series:
    """Convert one text column to its declared type, raising on the first bad cell."""
    name, kind = field["name"], field["type"]
    rules = field.get("constraints", {})
    text = table[name]
    empty = text.str.strip() == ""
    # Line numbers as a person sees them in an editor: the header is line 1.
    line = lambda index: int(index) + 2  # noqa: E731

    if rules.get("required") and empty.any():
        raise DataError(path, "empty value in a required column", line(empty.idxmax()), name)

    if kind in ("integer", "number"):
        values = pd.to_numeric(text.where(~empty), errors="coerce")
        bad = values.isna() & ~empty
        if bad.any():
            first = bad.idxmax()
            raise DataError(path, f"{text[first]!r} is not a number", line(first), name)
        if kind == "integer":
            fractional = values.notna() & (values != values.round())
            if fractional.any():
                first = fractional.idxmax()
                raise DataError(path, f"{text[first]!r} is not a whole number", line(first), name)
            values = values.astype("Int64")
        for bound, broken in (("minimum", values < rules.get("minimum", -float("inf"))),
                              ("maximum", values > rules.get("maximum", float("inf")))):
            broken = broken.fillna(False).astype(bool)
            if broken.any():
                first = broken.idxmax()
                raise DataError(path, f"{text[first]} is outside the allowed range "
                                f"({bound} {rules[bound]})", line(first), name)
        return values

    values = text.where(~empty)
    if "enum" in rules:
        bad = values.notna() & ~values.isin(rules["enum"])
        if bad.any():
            first = bad.idxmax()
            raise DataError(path, f"{text[first]!r} is not one of {rules['enum']}", line(first), name)
    if "pattern" in rules:
        pattern = re.compile(rules["pattern"])
        bad = values.notna() & ~values.fillna("").map(lambda v: bool(pattern.fullmatch(v)))
        if bad.any():
            first = bad.idxmax()
            raise DataError(path, f"{text[first]!r} does not match {rules['pattern']}", line(first), name)
    return values


@lru_cache(maxsize=None)
def _load_cached(folder: Path, name: str, stamp: float) -> pd.DataFrame:
    resource = _resource(folder, name)
    path = folder / resource["path"]
    if not path.is_file():
        raise DataError(path, "file not found")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise DataError(path, f"cannot be read as CSV ({error})") from None

    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    for column in expected:
        if column not in table.columns:
            raise DataError(path, f"missing column (header has {list(table.columns)})", 1, column)
    extra = [c for c in table.columns if c not in expected]
    if extra:
        raise DataError(path, "column not described in datapackage.json", 1, extra[0])

    checked = pd.DataFrame({f["name"]: _check_column(table, f, path) for f in fields})

    key = resource["schema"].get("primaryKey", [])
    if key:
        duplicated = checked.duplicated(subset=key)
        if duplicated.any():
            first = duplicated.idxmax()
            values = ", ".join(str(checked.at[first, k]) for k in key)
            raise DataError(path, f"duplicate key ({values})", int(first) + 2, key[-1])
    return checked


def load(name: str) -> pd.DataFrame:
    """Load the dataset called ``name`` in ``datapackage.json``, checked cell by cell.

    Returns a fresh copy, so a lesson can add columns without touching the cache.
    Raises :class:`DataError` naming the file, row and column of the first problem.

    >>> load("migrant_stock_world").columns[0]
    'year'
    """
    folder = data_dir().resolve()
    descriptor = folder / "datapackage.json"
    # The modification times make the cache notice an edited file.
    stamp = sum(p.stat().st_mtime for p in folder.glob("*") if p.is_file()) if folder.is_dir() else 0.0
    if not descriptor.is_file():
        raise DataError(descriptor, NOT_FOUND_HINT)
    return _load_cached(folder, name, stamp).copy()


# Country names that take "the" inside a sentence ("whether the Philippines is on the list").
_WITH_THE = re.compile(r"Republic|United|Islands|Federation|Kingdom|Federated|Plurinational|Bolivarian|Occupied|"
                       r"Holy See|Isle of|Netherlands|^(Bahamas|Comoros|Gambia|Maldives|Philippines)$")


def in_sentence(name: str, first: bool = False) -> str:
    """A country's name as it reads in running text: 'the Philippines', or 'The ...' to open a sentence.

    >>> in_sentence("Philippines"), in_sentence("Ghana"), in_sentence("United Kingdom", first=True)
    ('the Philippines', 'Ghana', 'The United Kingdom')
    """
    return ("The " if first else "the ") + name if _WITH_THE.search(name) else name


def load_countries() -> pd.DataFrame:
    """Country codes, names, UN region and World Bank income group."""
    return load("countries")


def load_headline_figures() -> pd.DataFrame:
    """Published figures (the brief's and newer ones) with their sources."""
    return load("headline_figures")


def headline_figure(figure_id: str) -> float:
    """One published figure by its id, e.g. ``headline_figure("brief_migrants")`` -> 191.0."""
    figures = load_headline_figures().set_index("figure_id")
    if figure_id not in figures.index:
        raise KeyError(f"no headline figure {figure_id!r}; known: {', '.join(figures.index)}")
    return float(figures.at[figure_id, "value"])


def load_then_and_now(lesson: str | None = None) -> pd.DataFrame:
    """The brief's figures paired with their latest published counterparts.

    One row per pair: the ids of both figures in ``headline_figures.csv``, what mainly
    explains the difference (``growth``, ``revision``, ``definition`` or ``mixed``) and why.
    ``lesson`` (an id from ``lessons.yml``) keeps the rows that lesson sets side by side.

    >>> load_then_and_now("01_why_people_migrate")["brief_figure_id"].iloc[0]
    'brief_migrants'
    """
    table = load("then_and_now")
    if lesson is not None:
        table = table[table["lesson"] == lesson].reset_index(drop=True)
    return table


def _written(number: str, unit: str) -> str:
    """'191 million', '7-8%' or 'US$189 billion': a number as the lessons write it, with its unit."""
    if unit == "percent":
        return f"{number}%"
    if unit.startswith("US$ "):
        return f"US${number} {unit.removeprefix('US$ ')}"
    return f"{number} {unit.removesuffix(' people')}"


def compare_then_and_now(lesson: str | None = None) -> pd.DataFrame:
    """The then-and-now pairs with their values and sources, one row per topic, to read.

    Each figure is written with its unit and year, e.g. ``191 million (2005)``; a range in
    the brief (one row per bound) is written once, e.g. ``7-8% (2005)``. Raises ``KeyError``
    if a pair names a figure that ``headline_figures.csv`` lacks.

    >>> compare_then_and_now("01_why_people_migrate").iloc[0, :3].tolist()
    ['International migrants', '191 million (2005)', '304 million (2024)']
    """
    pairs = load_then_and_now(lesson)
    figures = load_headline_figures().set_index("figure_id")
    missing = sorted(set(pairs["brief_figure_id"]).union(pairs["latest_figure_id"]) - set(figures.index))
    if missing:
        raise KeyError(f"then_and_now.csv names figures that headline_figures.csv lacks: {', '.join(missing)}")
    rows = []
    for (topic, latest_id), group in pairs.groupby(["topic", "latest_figure_id"], sort=False):
        brief = figures.loc[list(group["brief_figure_id"])]
        then = _written("\u2013".join(f"{v:g}" for v in brief["value"]), brief["unit"].iloc[0])
        latest = figures.loc[latest_id]
        rows.append({"topic": topic, "in the brief": f"{then} ({int(brief['reference_year'].iloc[0])})",
                     "latest": f"{_written(f'{latest.value:g}', latest.unit)} ({int(latest.reference_year)})",
                     "change": group["change"].iloc[0], "why": group["why"].iloc[0],
                     "latest source": latest["source"]})
    return pd.DataFrame(rows)

