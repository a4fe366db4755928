"""Helpers for the course *International Labour Migration and Development*.

One import gives a lesson everything it needs::

    from labour_migration import load_three_ds, plot_three_ds, three_ds_explorer, show_quiz

The package is organised by topic: everything about one subject (its loaders, charts,
plain-language reading and explorer) is in one module.

- ``migrants``: who migrants are and where they live (UN DESA migrant stock);
- ``emigration``: where migrants come from, and emigration beside income (the migration hump);
- ``three_ds``: development, demography and democracy, and the 3Ds explorer;
- ``remittances``: remittances beside aid and investment, the brief's figures beside today's, and
  the remittance growth explorer and cost calculator;
- ``brain_drain``: skilled emigration, health workers at home, the brain drain explorer and the
  training-cost simulation;
- ``migrant_workers``: where migrant workers work (the ILO Global Estimates by edition), and its explorer;
- ``instruments``: the treaties that protect migrant workers, who has ratified them, and the
  instruments explorer;
- ``cooperation``: governing migration together: key dates of regional and global cooperation;
- ``corridor``: migrants along a corridor between two countries (the final assessment's case study);
- ``then_and_now``: every headline figure of the brief beside its latest published counterpart;

and the parts they share:

- ``data``: the checking loader for the tables in ``data/``, countries, published figures and
  the brief's figures beside their latest counterparts (then and now);
- ``charts``: the course's chart style;
- ``explorer``: the base every explorer builds on (controls, checks, messages, saved views);
- ``quiz``: lesson quizzes from question banks, shown with jupyterquiz;
- ``course``: the lesson manifest, ``lessons.yml`` (for tests and tools, not lessons).
"""

from .brain_drain import (brain_drain_explorer, describe_brain_drain, load_brain_drain, plot_brain_drain,
                          plot_skilled_and_total_emigration, training_cost, training_cost_simulation)
from .cooperation import (describe_gfmd, gfmd_hosts_by_region, gfmd_meetings, load_governance_milestones,
                          plot_gfmd_meetings, plot_governance_timeline, years_without_gfmd_meeting)
from .data import (DataError, compare_then_and_now, headline_figure, load, load_countries,
                   load_headline_figures, load_then_and_now)
from .emigration import (emigration_and_income, largest_diasporas, load_emigration, plot_emigration_and_income,
                         plot_largest_diasporas)
from .corridor import (corridor_series, corridor_then_and_now, describe_corridor, load_corridors, plot_corridor,
                       styled_corridor_then_and_now)
from .explorer import EXPLORERS, ExplorerInputError, only_saved_views
from .instruments import (describe_country_ratifications, describe_ratifications, icrmw_party_shares, instruments_explorer,
                          load_instrument_data, plot_icrmw_by_region, plot_icrmw_party_shares,
                          plot_instrument_timeline, ratification_counts)
from .migrants import (load_migrant_stock, load_migrant_stock_by_destination,
                       load_migrant_stock_by_region, plot_migrant_stock, plot_migrants_by_region)
from .migrant_workers import (describe_migrant_workers, load_migrant_workers, migrant_workers_explorer,
                              plot_where_migrant_workers_work)
from .quiz import QuizError, load_question_bank, show_quiz
from .remittances import (brief_beside_today, describe_remittance_growth, describe_transfer, growth_between,
                          load_remittance_cost_averages, load_remittance_costs, load_remittance_estimates,
                          load_remittances, plot_brief_beside_today, plot_remittance_costs,
                          plot_remittance_growth, plot_top_recipients, remittance_cost_calculator,
                          remittance_explorer, remittance_series, top_recipients, transfer_cost)
from .then_and_now import plot_then_and_now, styled_then_and_now_table, then_and_now_pairs, then_and_now_table
from .three_ds import (describe_three_ds_gap, load_three_ds, plot_three_ds, three_ds_explorer,
                       update_three_ds)

__version__ = "0.2.0"

__all__ = [
    "DataError", "EXPLORERS", "ExplorerInputError", "QuizError", "compare_then_and_now",
    "describe_three_ds_gap", "emigration_and_income", "load_emigration", "load_then_and_now",
    "plot_emigration_and_income", "largest_diasporas", "plot_largest_diasporas",
    "brain_drain_explorer", "describe_brain_drain", "load_brain_drain", "plot_brain_drain",
    "corridor_series", "corridor_then_and_now", "describe_corridor", "load_corridors", "only_saved_views",
    "plot_corridor", "styled_corridor_then_and_now",
    "plot_skilled_and_total_emigration", "training_cost", "training_cost_simulation",
    "headline_figure", "load", "load_countries", "load_headline_figures", "load_migrant_stock",
    "load_migrant_stock_by_destination", "load_migrant_stock_by_region", "load_question_bank",
    "load_three_ds", "plot_migrant_stock", "plot_migrants_by_region", "plot_three_ds",
    "show_quiz", "three_ds_explorer", "update_three_ds",
    "describe_migrant_workers", "load_migrant_workers", "migrant_workers_explorer",
    "plot_where_migrant_workers_work",
    "describe_gfmd", "gfmd_hosts_by_region", "gfmd_meetings", "load_governance_milestones",
    "plot_gfmd_meetings", "plot_governance_timeline", "years_without_gfmd_meeting",
    "plot_then_and_now", "styled_then_and_now_table", "then_and_now_pairs", "then_and_now_table",
    "describe_country_ratifications", "describe_ratifications", "icrmw_party_shares", "instruments_explorer",
    "load_instrument_data", "plot_icrmw_by_region", "plot_icrmw_party_shares", "plot_instrument_timeline",
    "ratification_counts",
    "brief_beside_today", "describe_remittance_growth", "describe_transfer", "growth_between",
    "load_remittance_cost_averages", "load_remittance_costs", "load_remittance_estimates", "load_remittances",
    "plot_brief_beside_today", "plot_remittance_costs", "plot_remittance_growth", "plot_top_recipients",
    "remittance_cost_calculator", "remittance_explorer", "remittance_series", "top_recipients",
    "transfer_cost",
]
