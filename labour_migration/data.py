"""Load the course's data tables, checked against ``data/datapackage.json``.

Every table in ``data/`` is described in the Frictionless data package beside it: its
columns, their types, units and allowed ranges. :func:`load` reads a table and checks each
cell against that description, so a damaged or edited file fails loudly with the file,
row and column at fault instead of quietly turning into NaNs inside a chart.

Example
-------
>>> from labour_migration import load_migrant_stock
>>> stock = load_migrant_stock()
>>> int(stock.loc[stock["year"] == 2024, "migrants"].iloc[0])
304021813
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError",
    "data_dir",
    "load",
    "load_countries",
    "load_headline_figures",
    "load_migrant_stock",
    "load_migrant_stock_by_destination",
    "load_migrant_stock_by_region",
    "load_three_ds",
    "headline_figure",
]


class DataError(ValueError):
    """A data file is missing or does not match its description in datapackage.json."""

    def __init__(self, file, problem, row=None, column=None):
        self.file, self.row, self.column, self.problem = str(file), row, column, problem
        where = f"row {row}" if row is not None else "row -"
        where += f", column '{column}'" if column is not None else ", column -"
        super().__init__(f"{file}: {where}: {problem}")


def data_dir() -> Path:
    """The folder that holds the tables.

    ``$LABOUR_MIGRATION_DATA`` if set; else ``data/`` beside the package in a clone of the
    course; else the first ``data/`` with a ``datapackage.json`` in the working folder or
    above it, which is where the course sits when a class hub installed the package apart.
    """
    override = os.environ.get("LABOUR_MIGRATION_DATA")
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parents[1] / "data"
    if (beside / "datapackage.json").is_file():
        return beside
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "data" / "datapackage.json").is_file():
            return folder / "data"
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
        raise DataError(descriptor, "file not found")
    return _load_cached(folder, name, stamp).copy()


def load_migrant_stock() -> pd.DataFrame:
    """World international migrant stock by year, 1990-2024 (UN DESA 2024 edition)."""
    return load("migrant_stock_world")


def load_migrant_stock_by_region() -> pd.DataFrame:
    """International migrants by UN region of destination, 1990-2024."""
    return load("migrant_stock_by_region")


def load_migrant_stock_by_destination() -> pd.DataFrame:
    """International migrants living in each country, 1990-2024, with country names."""
    table = load("migrant_stock_by_destination")
    return table.merge(load_countries()[["country_code", "country_name"]], on="country_code", how="left")


def load_countries() -> pd.DataFrame:
    """Country codes, names, UN region and World Bank income group."""
    return load("countries")


def load_three_ds() -> pd.DataFrame:
    """Development, demography and democracy indicators by country and year, with names.

    >>> mexico = load_three_ds().query("country_code == 'MEX'")
    >>> mexico["country_name"].iloc[0]
    'Mexico'
    """
    table = load("three_ds")
    names = load_countries()[["country_code", "country_name"]]
    return table.merge(names, on="country_code", how="left")


def load_headline_figures() -> pd.DataFrame:
    """Published figures (the brief's and newer ones) with their sources."""
    return load("headline_figures")


def headline_figure(figure_id: str) -> float:
    """One published figure by its id, e.g. ``headline_figure("brief_migrants")`` -> 191.0."""
    figures = load_headline_figures().set_index("figure_id")
    if figure_id not in figures.index:
        raise KeyError(f"no headline figure {figure_id!r}; known: {', '.join(figures.index)}")
    return float(figures.at[figure_id, "value"])
