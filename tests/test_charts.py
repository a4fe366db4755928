"""Every chart has a title, axis labels with units and a source line."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import labour_migration as lm


def charts():
    three_ds = lm.load_three_ds()
    return {
        "migrant stock": lm.plot_migrant_stock(lm.load_migrant_stock(), lm.load_headline_figures()),
        "by region": lm.plot_migrants_by_region(lm.load_migrant_stock_by_region()),
        "3Ds": lm.plot_three_ds(three_ds, "MEX", "USA"),
    }


@pytest.fixture(scope="module")
def figures():
    made = charts()
    yield made
    plt.close("all")


@pytest.mark.parametrize("name", ["migrant stock", "by region", "3Ds"])
def test_chart_has_title_labelled_axes_and_source(figures, name):
    fig = figures[name]
    assert fig._suptitle is not None and fig._suptitle.get_text().strip()
    assert any(t.get_text().startswith(("Source", "Sources")) for t in fig.texts)
    for ax in fig.axes:
        assert ax.get_xlabel().strip() and ax.get_ylabel().strip()


def test_unit_appears_in_every_value_axis_label(figures):
    labels = [ax.get_ylabel() for ax in figures["3Ds"].axes] + [figures["migrant stock"].axes[0].get_ylabel()]
    for label in labels:
        assert any(unit in label for unit in ("$", "%", "millions", "Score")), label


def test_migrant_stock_chart_marks_the_brief_and_the_2020_edition(figures):
    legend = [t.get_text() for t in figures["migrant stock"].axes[0].get_legend().get_texts()]
    assert any("191m" in t for t in legend) and any("281m" in t for t in legend)


def test_update_three_ds_reuses_the_lines(figures):
    fig = figures["3Ds"]
    lines = [tuple(ax.lines[:2]) for ax in fig.axes]
    lm.update_three_ds(fig, lm.load_three_ds(), "PHL", "SAU")
    assert [tuple(ax.lines[:2]) for ax in fig.axes] == lines
    assert "Philippines" in fig.axes[0].lines[0].get_label()
