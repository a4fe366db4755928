"""Helpers for the course *International Labour Migration and Development*.

One import gives a lesson everything it needs::

    from labour_migration import load_three_ds, plot_three_ds, three_ds_explorer, show_quiz

- ``data``: load the tables in ``data/``, checked against ``data/datapackage.json``;
- ``charts``: matplotlib figures that take data and return a figure;
- ``explorers``: ipywidgets explorers built on the charts;
- ``quiz``: lesson quizzes from question banks, shown with jupyterquiz.
"""

from .charts import plot_migrant_stock, plot_migrants_by_region, plot_three_ds, update_three_ds
from .data import (DataError, headline_figure, load, load_countries, load_headline_figures,
                   load_migrant_stock, load_migrant_stock_by_destination,
                   load_migrant_stock_by_region, load_three_ds)
from .explorers import ExplorerInputError, describe_three_ds_gap, three_ds_explorer
from .quiz import QuizError, load_question_bank, show_quiz

__version__ = "0.1.0"

__all__ = [
    "DataError", "ExplorerInputError", "QuizError", "describe_three_ds_gap", "headline_figure",
    "load", "load_countries", "load_headline_figures", "load_migrant_stock",
    "load_migrant_stock_by_destination", "load_migrant_stock_by_region", "load_question_bank", "load_three_ds", "plot_migrant_stock",
    "plot_migrants_by_region", "plot_three_ds", "show_quiz", "three_ds_explorer", "update_three_ds",
]
