"""Lesson 7 as a migration lecturer reads it: every income and emigration figure the text
quotes is the one in data/, and the paths between the end years are not hidden.

The lesson's table shows only 1990 and 2024; its text and chart also quote what happened in
between (Bangladesh's dip, Korea's small rise), because two end years can hide a path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import labour_migration as lm

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07_the_way_forward.ipynb"
COUNTRIES = ["DOM", "BGD", "KOR", "IRL"]


def lesson_text() -> str:
    """What a learner reads: the markdown, and the captions and alt text of the charts."""
    parts = []
    for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        meta = cell["metadata"].get("mystnb", {})
        parts += [meta.get("figure", {}).get("caption", ""), meta.get("image", {}).get("alt", "")]
    return re.sub(r"\s+", " ", "\n".join(parts))


@pytest.fixture(scope="module")
def rates():
    paths = lm.emigration_and_income(lm.load_emigration(), lm.load_three_ds(), COUNTRIES)
    return paths.set_index(["country_code", "year"])["emigration_rate_pct"]


@pytest.mark.parametrize("code, year, quoted", [
    ("DOM", 1990, "6.07%"), ("DOM", 2024, "14.47%"),
    ("BGD", 1990, "4.35%"), ("BGD", 2005, "3.47%"), ("BGD", 2024, "4.83%"),
    ("KOR", 1990, "3.81%"), ("KOR", 2010, "4.25%"), ("KOR", 2024, "3.78%"),
    ("IRL", 1990, "20.87%"), ("IRL", 2024, "12.09%"),
])
def test_each_emigration_rate_quoted_in_the_text_is_the_one_in_the_data(rates, code, year, quoted):
    assert f"{rates[(code, year)]:.2f}%" == quoted
    assert quoted in lesson_text()


def test_the_dips_the_text_names_are_the_extremes_of_each_path(rates):
    # Bangladesh's lowest rate is 2005 and Korea's highest is 2010: the text's in-between
    # values are the turning points of the paths, not arbitrary years.
    assert rates["BGD"].idxmin() == 2005 and rates["KOR"].idxmax() == 2010


def test_the_cairo_estimate_is_not_set_beside_a_later_edition_without_saying_so():
    stock = lm.load_migrant_stock().set_index("year")["migrants"]
    assert round(stock[1990] / 1e6) == 154
    assert "re-estimates 1990 at 154 million" in lesson_text()
