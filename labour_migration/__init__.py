"""Helpers for the course *International Labour Migration and Development*.

One import gives a lesson everything it needs::

    from labour_migration import load_three_ds, plot_three_ds, three_ds_explorer, show_quiz

The package is organised by topic: everything about one subject (its loaders, charts,
plain-language reading and explorer) is in one module.

- ``migrants``: who migrants are and where they live (UN DESA migrant stock);
- ``emigration``: where migrants come from, and emigration beside income (the migration hump);
- ``three_ds``: development, demography and democracy, and the 3Ds explorer;

and the parts they share:

- ``data``: the checking loader for the tables in ``data/``, countries, published figures and
  the brief's figures beside their latest counterparts (then and now);
- ``charts``: the course's chart style;
- ``explorer``: the base every explorer builds on (controls, checks, messages, saved views);
- ``quiz``: lesson quizzes from question banks, shown with jupyterquiz;
- ``course``: the lesson manifest, ``lessons.yml`` (for tests and tools, not lessons).
"""

from .data import (DataError, compare_then_and_now, headline_figure, load, load_countries,
                   load_headline_figures, load_then_and_now)
from .emigration import emigration_and_income, load_emigration, plot_emigration_and_income
from .explorer import EXPLORERS, ExplorerInputError
from .migrants import (load_migrant_stock, load_migrant_stock_by_destination,
                       load_migrant_stock_by_region, plot_migrant_stock, plot_migrants_by_region)
from .quiz import QuizError, load_question_bank, show_quiz
from .three_ds import (describe_three_ds_gap, load_three_ds, plot_three_ds, three_ds_explorer,
                       update_three_ds)

__version__ = "0.2.0"

__all__ = [
    "DataError", "EXPLORERS", "ExplorerInputError", "QuizError", "compare_then_and_now",
    "describe_three_ds_gap", "emigration_and_income", "load_emigration", "load_then_and_now",
    "plot_emigration_and_income",
    "headline_figure", "load", "load_countries", "load_headline_figures", "load_migrant_stock",
    "load_migrant_stock_by_destination", "load_migrant_stock_by_region", "load_question_bank",
    "load_three_ds", "plot_migrant_stock", "plot_migrants_by_region", "plot_three_ds",
    "show_quiz", "three_ds_explorer", "update_three_ds",
]
