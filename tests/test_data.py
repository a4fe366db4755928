"""Every table matches data/datapackage.json, and damaged copies fail with file, row and column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import labour_migration as lm
from labour_migration.data import DataError

DATA = Path(__file__).resolve().parents[1] / "data"
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text())
RESOURCES = [r["name"] for r in DESCRIPTOR["resources"]]


@pytest.mark.parametrize("name", RESOURCES)
def test_every_dataset_loads_and_matches_its_schema(name):
    table = lm.load(name)
    resource = next(r for r in DESCRIPTOR["resources"] if r["name"] == name)
    assert list(table.columns) == [f["name"] for f in resource["schema"]["fields"]]
    assert len(table) > 0


def test_every_data_file_is_described_in_the_data_package():
    described = {r["path"] for r in DESCRIPTOR["resources"]}
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert on_disk == described


def test_every_resource_names_its_source_licence_and_column_units():
    for resource in DESCRIPTOR["resources"]:
        assert resource.get("sources"), resource["name"]
        assert resource.get("licenses"), resource["name"]
        for field in resource["schema"]["fields"]:
            assert field.get("description"), (resource["name"], field["name"])
            if field["type"] in ("integer", "number") and field["name"] not in ("year", "reference_year", "value"):
                assert field.get("unit"), (resource["name"], field["name"])


def test_data_package_is_valid_frictionless():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors] + [e.message for e in report.errors]
    assert report.valid, errors[:5]


def test_foreign_keys_point_at_known_countries():
    codes = set(lm.load_countries()["country_code"])
    for name in ("three_ds", "migrant_stock_by_destination"):
        assert set(lm.load(name)["country_code"]) <= codes, name


def test_headline_citations_exist_in_the_bibliography():
    bib = (DATA.parent / "book" / "references.bib").read_text()
    for key in lm.load_headline_figures()["citation_key"]:
        assert "{" + key + "," in bib, key


def test_world_stock_matches_the_un_headline_for_2024():
    stock = lm.load_migrant_stock().set_index("year")
    assert round(stock.at[2024, "migrants"] / 1e6) == lm.headline_figure("undesa_2024_edition")


def test_world_stock_equals_the_sum_over_regions():
    world = lm.load_migrant_stock().set_index("year")["migrants"]
    regions = lm.load_migrant_stock_by_region().groupby("year")["migrants"].sum()
    assert (world - regions).abs().max() == 0


# --- damaged copies -------------------------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that the loader reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("LABOUR_MIGRATION_DATA", str(copy))
    return copy


def _edit(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text().splitlines()
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n")


def test_missing_file_names_the_file(data_copy):
    (data_copy / "three_ds.csv").unlink()
    with pytest.raises(DataError, match=r"three_ds\.csv: row -, column -: file not found"):
        lm.load_three_ds()


def test_missing_datapackage_names_the_descriptor(data_copy):
    (data_copy / "datapackage.json").unlink()
    with pytest.raises(DataError, match=r"datapackage\.json.*file not found"):
        lm.load_migrant_stock()


def test_wrong_column_names_the_column_and_header_row(data_copy):
    _edit(data_copy / "migrant_stock_world.csv", 1, "female_migrants", "women")
    with pytest.raises(DataError, match=r"migrant_stock_world\.csv: row 1, column 'female_migrants': missing column"):
        lm.load_migrant_stock()


def test_non_numeric_value_names_row_and_column(data_copy):
    _edit(data_copy / "migrant_stock_world.csv", 4, "174566152", "lots")
    with pytest.raises(DataError, match=r"migrant_stock_world\.csv: row 4, column 'migrants': 'lots' is not a number"):
        lm.load_migrant_stock()


def test_negative_count_names_row_and_column(data_copy):
    _edit(data_copy / "migrant_stock_by_region.csv", 3, "34796590", "-34796590")
    with pytest.raises(DataError, match=r"migrant_stock_by_region\.csv: row 3, column 'migrants': .*minimum 0"):
        lm.load_migrant_stock_by_region()


def test_duplicate_key_names_row_and_column(data_copy):
    path = data_copy / "migrant_stock_world.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + [lines[2]]) + "\n")
    with pytest.raises(DataError, match=rf"migrant_stock_world\.csv: row {len(lines) + 1}, column 'year': duplicate key \(1995\)"):
        lm.load_migrant_stock()


def test_empty_required_value_is_an_error_not_a_silent_nan(data_copy):
    _edit(data_copy / "migrant_stock_world.csv", 2, "153916063", "")
    with pytest.raises(DataError, match=r"row 2, column 'migrants': empty value in a required column"):
        lm.load_migrant_stock()


def test_value_outside_a_category_list_is_named(data_copy):
    path = data_copy / "three_ds.csv"
    text = path.read_text()
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.endswith(",Partly free,60"))
    _edit(path, line, "Partly free", "Sort of free")
    with pytest.raises(DataError, match=rf"three_ds\.csv: row {line}, column 'freedom_status': 'Sort of free' is not one of"):
        lm.load_three_ds()


def test_fractional_value_in_integer_column_is_named(data_copy):
    _edit(data_copy / "migrant_stock_world.csv", 9, "304021813", "304021813.5")
    with pytest.raises(DataError, match=r"row 9, column 'migrants': '304021813.5' is not a whole number"):
        lm.load_migrant_stock()


def test_loaded_tables_are_copies_a_lesson_cannot_corrupt():
    first = lm.load_migrant_stock()
    first["migrants"] = 0
    assert lm.load_migrant_stock()["migrants"].gt(0).all()


def test_optional_gaps_stay_missing_and_typed():
    three_ds = lm.load_three_ds()
    assert three_ds["freedom_score"].dtype == "Int64"
    assert pd.isna(three_ds.query("country_code == 'USA' and year == 1990")["freedom_score"].iloc[0])


def test_data_folder_is_found_from_the_working_folder_when_the_package_is_installed_apart(tmp_path, monkeypatch):
    import labour_migration.data as data_module
    course = tmp_path / "course"
    shutil.copytree(DATA, course / "data")
    (course / "notebooks").mkdir()
    monkeypatch.delenv("LABOUR_MIGRATION_DATA", raising=False)
    monkeypatch.setattr(data_module, "__file__", str(tmp_path / "site-packages" / "labour_migration" / "data.py"))
    monkeypatch.chdir(course / "notebooks")
    assert data_module.data_dir() == course / "data"
