"""Interactive explorers: ipywidgets controls wrapped around the chart functions.

An explorer draws its figure once and, when a control changes, points the existing lines
at new data (see :func:`labour_migration.charts.update_three_ds`). Bad input never raises:
the explorer writes a short message in its own message area and keeps the last good chart.

The chart is shown as an ``<img>`` with alt text that states what the chart shows, so it
stays readable by screen readers in JupyterLab and in the saved views of the course site.

Example
-------
>>> from labour_migration import three_ds_explorer
>>> explorer = three_ds_explorer(origin="PHL", destination="SAU")
>>> explorer            # doctest: +SKIP  (shows the controls and the chart)
"""

from __future__ import annotations

import base64
import html
import io
import math
import numbers

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from .charts import THREE_DS_PANELS, plot_three_ds, three_ds_by_country, update_three_ds
from .data import load_three_ds

__all__ = ["ExplorerInputError", "ThreeDsExplorer", "check_years", "describe_three_ds_gap",
           "find_country", "three_ds_explorer"]


class ExplorerInputError(ValueError):
    """Input an explorer cannot use; its message is written for the learner."""


def find_country(three_ds: pd.DataFrame, text, role: str = "a") -> str:
    """Turn a country name or ISO3 code typed by a learner into the code used in the data.

    >>> find_country(load_three_ds(), "mexico")
    'MEX'
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ExplorerInputError(f"Choose {role} country first.")
    if not isinstance(text, str):
        raise ExplorerInputError(f"Type a country name such as Mexico, not {type(text).__name__} {text!r}.")
    wanted = text.strip().casefold()
    names = three_ds[["country_code", "country_name"]].drop_duplicates()
    for code, name in names.itertuples(index=False):
        if wanted in (code.casefold(), str(name).casefold()):
            return code
    raise ExplorerInputError(f"'{text.strip()}' is not a country in the data. "
                             "Try a name such as Mexico or a code such as MEX.")


def check_years(years, first: int, last: int) -> tuple[int, int]:
    """Check a (start, end) pair of years against the range the data covers."""
    try:
        start, end = years
    except (TypeError, ValueError):
        raise ExplorerInputError(f"Give the years as a pair, such as ({first}, {last}).") from None
    for year in (start, end):
        if isinstance(year, bool) or not isinstance(year, numbers.Real):
            raise ExplorerInputError(f"Years must be whole numbers, not {year!r}.")
        if isinstance(year, float) and (math.isnan(year) or year != int(year)):
            raise ExplorerInputError(f"Years must be whole numbers, not {year!r}.")
    start, end = int(start), int(end)
    if start < first or end > last:
        raise ExplorerInputError(f"The data cover {first} to {last}; choose years in that range.")
    if start > end:
        raise ExplorerInputError("The first year must not come after the last year.")
    return start, end


def _latest(rows: pd.DataFrame, column: str):
    """(year, value) of the latest non-empty value, or None."""
    rows = rows[["year", column]].dropna()
    return None if rows.empty else (int(rows["year"].iloc[-1]), rows[column].iloc[-1])


def describe_three_ds_gap(three_ds: pd.DataFrame, origin: str, destination: str,
                          years=(1990, 2023)) -> str:
    """A plain-language reading of the 3Ds gap between two countries at the end of the window.

    >>> describe_three_ds_gap(load_three_ds(), "MEX", "USA")[:40]
    'In 2023, income per person in United Sta'
    """
    start, end = years
    window = three_ds[three_ds["year"].between(start, end)].sort_values("year")
    rows = {code: window[window["country_code"] == code] for code in (origin, destination)}
    name = {code: three_ds.loc[three_ds["country_code"] == code, "country_name"].iloc[0]
            for code in (origin, destination)}
    sentences = []
    gdp = {code: _latest(rows[code], "gdp_per_capita_ppp") for code in rows}
    if all(gdp.values()) and gdp[origin][0] == gdp[destination][0]:
        year, (o, d) = gdp[origin][0], (gdp[origin][1], gdp[destination][1])
        richer, poorer = (destination, origin) if d >= o else (origin, destination)
        ratio = max(o, d) / min(o, d)
        sentences.append(f"In {year}, income per person in {name[richer]} (${max(o, d):,.0f}) was "
                         f"{ratio:.1f} times that in {name[poorer]} (${min(o, d):,.0f}).")
    work = {code: _latest(rows[code], "working_age_share_pct") for code in rows}
    growth = {code: _latest(rows[code], "population_growth_pct") for code in rows}
    if all(work.values()) and all(growth.values()):
        sentences.append(
            f"Working-age share: {name[origin]} {work[origin][1]:.0f}%, {name[destination]} "
            f"{work[destination][1]:.0f}%; population growth: {growth[origin][1]:+.1f}% and "
            f"{growth[destination][1]:+.1f}% a year.")
    status = {code: _latest(rows[code], "freedom_status") for code in rows}
    if all(status.values()):
        score = {code: _latest(rows[code], "freedom_score") for code in rows}
        def rated(code):
            s = score[code]
            extra = f", {s[1]}/100" if s and s[0] == status[code][0] else ""
            return f"{name[code]} {status[code][1].lower()}{extra}"
        sentences.append(f"Freedom House ({status[origin][0]} edition): {rated(origin)}; "
                         f"{rated(destination)}.")
    return " ".join(sentences) or "The two countries share no year with data in this window."


def _figure_as_img(fig, alt: str) -> str:
    """The figure as an <img> with alt text; a 64-colour PNG keeps saved pages light."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(physical=True), canvas.buffer_rgba())
    buffer = io.BytesIO()
    image.convert("RGB").quantize(64).save(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            'style="max-width:100%;height:auto">')


class ThreeDsExplorer:
    """Pick an origin and a destination; see their development, demography and democracy gaps.

    Use :func:`three_ds_explorer` to make one. ``show()`` can also be called directly:
    ``explorer.show("Nepal", "Qatar", (2000, 2023))``.
    """

    def __init__(self, three_ds: pd.DataFrame, origin="MEX", destination="USA", years=None):
        self.data = three_ds
        self.series = three_ds_by_country(three_ds)
        self.first, self.last = int(three_ds["year"].min()), int(three_ds["year"].max())
        names = sorted(three_ds["country_name"].dropna().unique())
        self.origin = widgets.Combobox(options=names, description="Origin",
                                       placeholder="type a country", ensure_option=False,
                                       continuous_update=False)
        self.destination = widgets.Combobox(options=names, description="Destination",
                                            placeholder="type a country", ensure_option=False,
                                            continuous_update=False)
        # The slider's own readout box is too narrow for "1990 - 2023", so a label shows the years.
        self.years = widgets.IntRangeSlider(min=self.first, max=self.last, description="Years",
                                            value=(self.first, self.last), continuous_update=False,
                                            readout=False)
        self.years_label = widgets.Label()
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.chart = widgets.HTML()
        self.reading = widgets.HTML()
        self.figure = None
        self._syncing = False
        self.widget = widgets.VBox([
            widgets.HBox([self.origin, self.destination]), widgets.HBox([self.years, self.years_label]),
            self.message, self.chart, self.reading])
        self.show(origin, destination, years or (self.first, self.last))
        for control in (self.origin, self.destination, self.years):
            control.observe(self._on_change, names="value")

    def _on_change(self, _change=None):
        if self._syncing:
            return
        self.show(self.origin.value, self.destination.value, self.years.value)

    def _say(self, text: str, problem: bool) -> None:
        style = "color:#B00020;font-weight:bold" if problem else "color:#444"
        self.message.value = f'<p role="status" style="{style}">{html.escape(text, quote=False)}</p>' if text else ""

    def show(self, origin, destination, years) -> bool:
        """Redraw for this pair and window; on bad input, say why and keep the old chart."""
        try:
            codes = (find_country(self.data, origin, "an origin"),
                     find_country(self.data, destination, "a destination"))
            if codes[0] == codes[1]:
                raise ExplorerInputError("Origin and destination are the same country; "
                                         "choose two different countries.")
            window = check_years(years, self.first, self.last)
            gaps = self._missing(codes, window)
        except ExplorerInputError as problem:
            self._say(str(problem), problem=True)
            return False
        if self.figure is None:
            self.figure = plot_three_ds(self.data, *codes, years=window)
            self.figure.set_dpi(80)
            plt.close(self.figure)  # shown as an <img>, so keep it out of the inline backend
        else:
            update_three_ds(self.figure, self.series, *codes, years=window)
        reading = describe_three_ds_gap(self.data, *codes, years=window)
        title = self.figure._suptitle.get_text()
        self.chart.value = _figure_as_img(self.figure, f"{title}. {reading}")
        self.reading.value = f"<p><strong>Reading:</strong> {html.escape(reading, quote=False)}</p>"
        self._say(gaps, problem=False)
        self._sync_controls(codes, window)
        self.years_label.value = f"{window[0]}\u2013{window[1]}"
        return True

    def _missing(self, codes, window) -> str:
        start, end = window
        notes = []
        for code in codes:
            country, name = self.series[code], self.series[code]["name"]

            def empty_in_window(column):
                years, values = country[column]
                return np.isnan(values[(years >= start) & (years <= end)]).all()

            empty = [title.split(":")[0] + " (" + title.split(": ")[1] + ")"
                     for column, title, _ in THREE_DS_PANELS if empty_in_window(column)]
            if len(empty) == len(THREE_DS_PANELS):
                raise ExplorerInputError(f"There are no data for {name} in {start}-{end}.")
            if empty:
                notes.append(f"No data for {name} on {', '.join(empty)} in {start}-{end}; "
                             "those panels show one country only.")
        return " ".join(notes)

    def _sync_controls(self, codes, window) -> None:
        """Show the names the chart uses, without firing another redraw."""
        names = [self.series[c]["name"] for c in codes]
        self._syncing = True
        try:
            self.origin.value, self.destination.value, self.years.value = names[0], names[1], window
        finally:
            self._syncing = False

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def three_ds_explorer(three_ds: pd.DataFrame | None = None, origin="MEX", destination="USA",
                      years=None) -> ThreeDsExplorer:
    """The 3Ds explorer: compare an origin and a destination country over time.

    >>> explorer = three_ds_explorer(origin="Nepal", destination="Qatar")
    """
    return ThreeDsExplorer(load_three_ds() if three_ds is None else three_ds,
                           origin, destination, years)
