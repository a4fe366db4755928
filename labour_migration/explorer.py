"""What every explorer does, in one place: the base class the topic modules build on.

An explorer is a chart with controls. A subclass says only what is its own:

- ``make_fields()``: its controls, as fields (:class:`CountryField`, :class:`ChoiceField`,
  :class:`YearRangeField`, :class:`NumberField`) that turn a raw control value into a checked
  one or raise :class:`ExplorerInputError` with a message for the learner;
- ``validate(selection)``: checks across fields (origin and destination differ, say);
- ``make_figure()`` and ``draw(selection)``: the figure, made once, and how its artists
  change for a selection (``draw`` may return a short note, such as a gap in the data);
- ``describe(selection)``: the plain-language reading under the chart;
- ``saved_views``: a handful of chosen selections, each with a teaching purpose.

The base does the rest: the message area (bad input never raises; the last good chart
stays), the chart as an ``<img>`` whose alt text is the chart's title and reading, controls
kept in step with the chart without a second redraw, and the saved views. Those are drawn
when the explorer is made and stacked under a "View" menu linked in the browser
(``jslink``), so on the course website, with no kernel, a learner still switches between
them; any other choice needs the live notebook, and the page says so.

Redraws are fast because a chart's static parts (axes, ticks, labels) are drawn once per
axes layout and cached; a change redraws only the data artists over that background
(:class:`ChartImage`).

Example
-------
>>> from labour_migration import three_ds_explorer
>>> explorer = three_ds_explorer()
>>> explorer.show("Nepal", "Qatar", (2000, 2023))
True
>>> explorer.show("Atlantis", "Qatar", (2000, 2023))
False
>>> print(explorer.message_text())
'Atlantis' is not a country in the data. Try a name such as Mexico or a code such as MEX.
"""

from __future__ import annotations

import base64
import html
import io
import math
import numbers
import re
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

__all__ = ["EXPLORERS", "ChartImage", "ChoiceField", "CountryField", "Explorer",
           "ExplorerInputError", "NumberField", "SavedView", "YearRangeField", "only_saved_views",
           "register"]

# Every explorer class, by name; lessons.yml refers to explorers by these names.
EXPLORERS: dict[str, type] = {}

SITE_NOTE = ("On the course website you can switch between the saved views above. Any other "
             "choice needs the live notebook: launch this lesson with the rocket icon at the top "
             "of the page.")
LIVE_PLACEHOLDER = ("<p><em>Your own choice:</em> change the controls above to draw it. This needs a "
                    "running notebook (JupyterLab, Binder or Colab); on the course website, launch "
                    "the lesson with the rocket icon at the top of the page.</p>")
OWN_CHOICE = "Your own choice"
ROW = dict(display="flex", flex_flow="row wrap", align_items="center", grid_gap="0.25em 1em")


class ExplorerInputError(ValueError):
    """Input an explorer cannot use; its message is written for the learner."""


def register(cls):
    """Class decorator: add an explorer to :data:`EXPLORERS` under its ``name``."""
    EXPLORERS[cls.name] = cls
    return cls


# Explorer name -> labels of the saved views to draw, while an only_saved_views block runs.
_ONLY_VIEWS: dict[str, tuple[str, ...]] = {}


@contextmanager
def only_saved_views(**labels):
    """Make the explorers created in the block with only some of their saved views.

    Each saved view is drawn when its explorer is made and stored in the page (about 30 kB
    each), so a page that shows several explorers, such as the final assessment's case study,
    keeps the views that bear on its question; the lessons show them all. Keywords are
    explorer names, values the labels to keep, in the order the View menu should list them.

    >>> from labour_migration import three_ds_explorer
    >>> with only_saved_views(three_ds=["Nepal → Qatar", "Senegal → Spain"]):
    ...     explorer = three_ds_explorer(origin="NPL", destination="QAT")
    >>> [label for label, _ in explorer.picker.options]
    ['Nepal → Qatar', 'Senegal → Spain', 'Your own choice']
    >>> with only_saved_views(three_ds=["Atlantis → Qatar"]):  # doctest: +ELLIPSIS
    ...     pass
    Traceback (most recent call last):
    ...
    ValueError: three_ds has no saved view 'Atlantis → Qatar'; its views: Mexico → United States, ...
    """
    import labour_migration  # noqa: F401  (registers every explorer, so names can be checked)

    for name, wanted in labels.items():
        if name not in EXPLORERS:
            raise ValueError(f"no explorer is named {name!r} (known: {', '.join(sorted(EXPLORERS))})")
        known = [view.label for view in EXPLORERS[name].saved_views]
        missing = [label for label in wanted if label not in known]
        if missing or not wanted:
            raise ValueError(f"{name} has no saved view {missing[0] if missing else 'in an empty list'!r}; "
                             f"its views: {', '.join(known)}")
    before = dict(_ONLY_VIEWS)
    _ONLY_VIEWS.update({name: tuple(wanted) for name, wanted in labels.items()})
    try:
        yield
    finally:
        _ONLY_VIEWS.clear()
        _ONLY_VIEWS.update(before)


# --- fields: one control each, with the check that turns its raw value into a good one ---

class Field:
    """One control of an explorer. Subclasses make the widget and check its raw value."""

    def __init__(self, name: str, label: str):
        self.name, self.label = name, label
        self.widget = self.make_widget()

    def make_widget(self) -> widgets.Widget:
        raise NotImplementedError

    def parse(self, raw):
        """The checked value for ``raw``, or :class:`ExplorerInputError` saying what is wrong."""
        raise NotImplementedError

    def shown(self, value):
        """What the widget shows for a checked value."""
        return value

    def bad_inputs(self) -> list:
        """Raw values this field must refuse (the contract test tries each one)."""
        return [None, object()]

    @property
    def widgets(self) -> list[widgets.Widget]:
        return [self.widget]


class CountryField(Field):
    """A country typed by name or ISO3 code, in a box that suggests names as you type.

    >>> box = CountryField("origin", "Origin", {"MEX": "Mexico"}, role="an origin")
    >>> box.parse(" mexico "), box.parse("mex")
    ('MEX', 'MEX')
    """

    def __init__(self, name: str, label: str, names: dict[str, str], role: str = "a"):
        self.names, self.role = dict(names), role
        self._by_key = {}
        for code, country in self.names.items():
            self._by_key[code.casefold()] = code
            self._by_key[str(country).casefold()] = code
        super().__init__(name, label)

    def make_widget(self):
        return widgets.Combobox(options=sorted(self.names.values()), description=self.label,
                                placeholder="type a country", ensure_option=False,
                                continuous_update=False, layout=widgets.Layout(width="19em"))

    def parse(self, raw):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raise ExplorerInputError(f"Choose {self.role} country first.")
        if not isinstance(raw, str):
            raise ExplorerInputError(f"Type a country name such as Mexico, not "
                                     f"{type(raw).__name__} {raw!r}.")
        code = self._by_key.get(raw.strip().casefold())
        if code is None:
            raise ExplorerInputError(f"'{raw.strip()}' is not a country in the data. "
                                     "Try a name such as Mexico or a code such as MEX.")
        return code

    def shown(self, value):
        return self.names[value]

    def bad_inputs(self):
        return ["", "   ", None, "Atlantis", 42, math.nan, ["Mexico"]]


class ChoiceField(Field):
    """One of a fixed list of options, in a drop-down menu; typed labels or values both work.

    >>> scale = ChoiceField("scale", "Scale", {"linear": "Linear", "log": "Logarithmic"})
    >>> scale.parse("Logarithmic"), scale.parse("log")
    ('log', 'log')
    """

    def __init__(self, name: str, label: str, options: dict, what: str | None = None):
        self.options = dict(options)  # value -> label
        self.what = what or label.lower()
        super().__init__(name, label)

    def make_widget(self):
        return widgets.Dropdown(options=[(label, value) for value, label in self.options.items()],
                                description=self.label, layout=widgets.Layout(width="auto"))

    def parse(self, raw):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raise ExplorerInputError(f"Choose a {self.what} first.")
        for value, label in self.options.items():
            if raw == value or (isinstance(raw, str) and raw.strip().casefold()
                                in (str(value).casefold(), str(label).casefold())):
                return value
        examples = ", ".join(list(map(str, self.options.values()))[:3])
        raise ExplorerInputError(f"{str(raw)[:40]!r} is not a {self.what} in the data; "
                                 f"choose one from the menu, such as {examples}.")

    def bad_inputs(self):
        return ["", None, "Atlantis", 42, math.nan]


class YearRangeField(Field):
    """A window of years on a slider, with the years written beside it.

    >>> YearRangeField("years", "Years", 1990, 2023).parse((2000.0, 2010))
    (2000, 2010)
    """

    def __init__(self, name: str, label: str, first: int, last: int):
        self.first, self.last = int(first), int(last)
        super().__init__(name, label)
        self.readout = widgets.Label(layout=widgets.Layout(min_width="7em"))
        self.widget.observe(lambda change: self._write(change["new"]), names="value")
        self._write(self.widget.value)

    def make_widget(self):
        # The slider's own readout is too narrow for "1990 - 2023", so a label shows the years.
        return widgets.IntRangeSlider(min=self.first, max=self.last, value=(self.first, self.last),
                                      description=self.label, continuous_update=False,
                                      readout=False, layout=widgets.Layout(width="19em"))

    def _write(self, value):
        self.readout.value = f"{value[0]}\u2013{value[1]}"

    @property
    def widgets(self):
        return [self.widget, self.readout]

    def parse(self, raw):
        try:
            start, end = raw
        except (TypeError, ValueError):
            raise ExplorerInputError(f"Give the years as a pair, such as ({self.first}, {self.last}).") from None
        for year in (start, end):
            if isinstance(year, bool) or not isinstance(year, numbers.Real):
                raise ExplorerInputError(f"Years must be whole numbers, not {year!r}.")
            if isinstance(year, float) and (math.isnan(year) or year != int(year)):
                raise ExplorerInputError(f"Years must be whole numbers, not {year!r}.")
        start, end = int(start), int(end)
        if start < self.first or end > self.last:
            raise ExplorerInputError(f"The data cover {self.first} to {self.last}; choose years in that range.")
        if start > end:
            raise ExplorerInputError("The first year must not come after the last year.")
        return start, end

    def bad_inputs(self):
        return [None, "recent", (math.nan, self.last), (self.first - 20, self.last),
                (self.first, self.last + 30), (self.last, self.first), (str(self.first), self.last),
                (True, self.last), (self.first + 0.5, self.last)]


class NumberField(Field):
    """A number typed in a box, checked against a range, with its unit beside it.

    >>> fee = NumberField("fee", "Fee", minimum=0, maximum=1000, unit="US$")
    >>> fee.parse("12.5"), fee.parse(" 1,000 ")
    (12.5, 1000.0)
    """

    def __init__(self, name: str, label: str, minimum: float, maximum: float, unit: str = "",
                 what: str | None = None, whole: bool = False, range_unit: str | None = None):
        self.minimum, self.maximum, self.unit, self.whole = minimum, maximum, unit, whole
        self.what = what or label.lower()
        # The label beside the box can be a phrase ("health workers who leave"); the message
        # "must be between 1 and 45 ..." needs a plain unit, or none.
        self.range_unit = unit if range_unit is None else range_unit
        super().__init__(name, label)
        self.unit_label = widgets.Label(unit)

    def make_widget(self):
        return widgets.Text(description=self.label, continuous_update=False,
                            layout=widgets.Layout(width="14em"))

    @property
    def widgets(self):
        return [self.widget, self.unit_label] if self.unit else [self.widget]

    def parse(self, raw):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raise ExplorerInputError(f"Enter the {self.what}.")
        if isinstance(raw, bool):
            raise ExplorerInputError(f"The {self.what} must be a number, not {raw!r}.")
        if isinstance(raw, str):
            text = raw.strip().replace(",", "").replace("_", "").removesuffix("%").strip()
            try:
                value = float(text)
            except ValueError:
                raise ExplorerInputError(f"The {self.what} must be a number, such as "
                                         f"{self._example()}, not {raw.strip()[:30]!r}.") from None
        elif isinstance(raw, numbers.Real):
            value = float(raw)
        else:
            raise ExplorerInputError(f"The {self.what} must be a number, not {type(raw).__name__}.")
        if math.isnan(value) or math.isinf(value):
            raise ExplorerInputError(f"The {self.what} must be an ordinary number, not {raw!r}.")
        if self.whole and value != int(value):
            raise ExplorerInputError(f"The {self.what} must be a whole number, not {value:g}.")
        if value < self.minimum or value > self.maximum:
            raise ExplorerInputError(f"The {self.what} must be between {self._fmt(self.minimum)} and "
                                     f"{self._fmt(self.maximum)}{self._unit_after_number()}.")
        return value

    def _unit_after_number(self):
        if not self.range_unit:
            return ""
        return self.range_unit if self.range_unit.startswith("%") else " " + self.range_unit

    def _fmt(self, value):
        return f"{value:,.0f}" if value == int(value) else f"{value:,g}"

    def _example(self):
        return self._fmt(self.minimum + (self.maximum - self.minimum) / 10)

    def shown(self, value):
        return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"

    def bad_inputs(self):
        return ["", None, "abc", "nan", "inf", math.nan, True, [1],
                self.minimum - 1 - abs(self.minimum), self.maximum * 10 + 1e9]


# --- the chart as a small PNG, drawn fast --------------------------------------------------

class ChartImage:
    """Turn a figure into a PNG, redrawing only its data artists over a cached background.

    ``dynamic`` lists the artists that change with a selection (lines, markers, the title,
    the legend...). Everything else is the background: drawn once for each axes layout
    (limits, scales, labels) and kept, so a change that leaves the axes alone costs a few
    milliseconds instead of a full draw. ``extra_key`` (a callable) adds anything else the
    background depends on.
    """

    def __init__(self, figure, dynamic, extra_key=lambda: (), keep: int = 24):
        self.figure, self.dynamic, self.extra_key, self.keep = figure, list(dynamic), extra_key, keep
        self.canvas = (figure.canvas if isinstance(figure.canvas, FigureCanvasAgg)
                       else FigureCanvasAgg(figure))
        self.backgrounds: OrderedDict = OrderedDict()
        self.full_draws = 0

    def key(self) -> tuple:
        parts = []
        for ax in self.figure.axes:
            parts.append((ax.get_visible(), ax.get_xlim(), ax.get_ylim(), ax.get_xscale(),
                          ax.get_yscale(), ax.get_title("left"), ax.get_title(), ax.get_xlabel(),
                          ax.get_ylabel()))
        return tuple(parts) + tuple(self.extra_key())

    def png(self) -> bytes:
        # Unhinted glyphs draw about a third faster and look the same at screen sizes.
        with matplotlib.rc_context({"text.hinting": "none"}):
            return self._png()

    def _png(self) -> bytes:
        key = self.key()
        background = self.backgrounds.get(key)
        if background is None:
            shown = [artist.get_visible() for artist in self.dynamic]
            for artist in self.dynamic:
                artist.set_visible(False)
            try:
                self.canvas.draw()
                self.full_draws += 1
            finally:
                for artist, visible in zip(self.dynamic, shown):
                    artist.set_visible(visible)
            background = self.canvas.copy_from_bbox(self.figure.bbox)
            self.backgrounds[key] = background
            while len(self.backgrounds) > self.keep:
                self.backgrounds.popitem(last=False)
        else:
            self.backgrounds.move_to_end(key)
        self.canvas.restore_region(background)
        renderer = self.canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        size = self.canvas.get_width_height(physical=True)
        image = Image.frombuffer("RGBA", size, self.canvas.buffer_rgba())
        # 64 colours are plenty for a chart and keep saved pages light; FASTOCTREE is quick.
        buffer = io.BytesIO()
        # Quantised from RGB: from RGBA, the octree can average the opaque background into a
        # palette entry with alpha 254, and the page colour then shows through the chart.
        image.convert("RGB").quantize(64, method=Image.Quantize.FASTOCTREE).save(buffer, format="png")
        return buffer.getvalue()


def img_tag(png: bytes, alt: str) -> str:
    """An ``<img>`` with the PNG inline and alt text, scaled to the width it has."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            'style="max-width:100%;height:auto">')


# --- the explorer ------------------------------------------------------------------------

@dataclass(frozen=True)
class SavedView:
    """A selection saved with the page, and why a teacher would show it."""

    label: str
    values: dict
    purpose: str = ""


@dataclass
class _View:
    selection: SimpleNamespace
    html: str
    alt: str
    reading: str
    note: str = ""
    extra: dict = field(default_factory=dict)


class Explorer:
    """Base class of the course's explorers (see the module docstring for what to supply)."""

    name = ""              # the registry name, used in lessons.yml
    function = ""          # the function a lesson calls to make one, e.g. "three_ds_explorer"
    saved_views: tuple[SavedView, ...] = ()
    dpi = 80
    # Show a saved view's stored chart when a selection matches it, instead of drawing it
    # again (the benchmarks turn this off to time drawing).
    reuse_saved_views = True

    def __init__(self, data, **initial):
        self.data = data
        self.prepare()
        self.fields = self.make_fields()
        self.controls = {f.name: f.widget for f in self.fields}
        self.figure = self.make_figure()
        # Shown as an <img>: keep it out of pyplot, or the notebook would draw it a second time.
        # Close before setting the dpi: closing a figure restores the dpi it was made with.
        plt.close(self.figure)
        self.figure.set_dpi(self.dpi)
        self.chart = ChartImage(self.figure, self.dynamic_artists(), self.background_key)
        self.selection = None
        self._syncing = False

        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        by_label = {view.label: view for view in self.saved_views}
        # The views in the menu: all of them, or those an only_saved_views block names.
        self.shown_views = tuple(by_label[label] for label in _ONLY_VIEWS[self.name]) \
            if self.name in _ONLY_VIEWS else tuple(self.saved_views)
        saved = [self._render(self.check(dict(self.defaults(), **view.values)), view.purpose)
                 for view in self.shown_views]
        self.saved = saved
        self.live = widgets.HTML(LIVE_PLACEHOLDER)
        self.picker = widgets.Dropdown(
            options=[(view.label, i) for i, view in enumerate(self.shown_views)]
            + [(OWN_CHOICE, len(saved))],
            description="View", layout=widgets.Layout(width="auto", max_width="100%"))
        if hasattr(widgets, "Stack"):
            self.views = widgets.Stack([widgets.HTML(view.html) for view in saved] + [self.live],
                                       selected_index=0)
            # In the browser, even with no kernel (the course website), the menu flips the stack.
            widgets.jslink((self.picker, "index"), (self.views, "selected_index"))
        else:
            # ipywidgets 7 (Colab) has no Stack: one area whose content Python swaps (_sync).
            self.views = widgets.HTML(saved[0].html if saved else "")
            self.views.selected_index = 0
        site_note = widgets.HTML(f'<p class="lm-site-note" style="display:none">{SITE_NOTE}</p>')
        live_controls = widgets.Box([w for f in self.fields for w in f.widgets],
                                    layout=widgets.Layout(**ROW))
        live_controls.add_class("lm-live-only")
        self.message.add_class("lm-live-only")
        self.widget = widgets.VBox([widgets.Box([self.picker], layout=widgets.Layout(**ROW)),
                                    site_note, live_controls, self.message, self.views],
                                   layout=widgets.Layout(max_width="100%"))
        self.widget.add_class("lm-explorer")
        self.widget.add_class(f"lm-explorer-{self.name}")

        first = dict(self.defaults(), **initial)
        if not self.show(**first):
            raise ExplorerInputError(self.message_text())
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.picker.observe(self._on_pick, names="index")

    @classmethod
    def create(cls, data=None, **initial):
        """Make one with the course's data, as a lesson does (through ``cls.function``)."""
        import labour_migration

        return getattr(labour_migration, cls.function)(data, **initial)

    @classmethod
    def without_data(cls):
        """``(data, values)``: a selection for which the data hold nothing at all.

        The contract test checks that the explorer answers it with a message; an explorer
        whose real data have no such case derives one (e.g. by dropping a country's years).
        """
        raise NotImplementedError(f"{cls.__name__} must say how it meets a selection without data")

    # -- to be supplied by each explorer --

    def prepare(self) -> None:
        """Precompute what redraws need from ``self.data`` (called once, first)."""

    def make_fields(self) -> list[Field]:
        raise NotImplementedError

    def defaults(self) -> dict:
        """Raw values for any control a saved view or a caller leaves out."""
        return {}

    def validate(self, selection: SimpleNamespace) -> None:
        """Checks across fields; raise :class:`ExplorerInputError` to refuse a selection."""

    def make_figure(self):
        """The figure, made once (the base keeps it out of pyplot's list of open figures)."""
        raise NotImplementedError

    def dynamic_artists(self) -> list:
        """The artists ``draw`` changes; the rest of the figure is the cached background."""
        raise NotImplementedError

    def background_key(self) -> tuple:
        """Anything beyond axes limits, scales and labels that changes the background."""
        return ()

    def draw(self, selection: SimpleNamespace) -> str:
        """Point the figure's artists at the selection; return a note for the learner, or ''."""
        raise NotImplementedError

    def describe(self, selection: SimpleNamespace) -> str:
        raise NotImplementedError

    # -- the shared machinery --

    def check(self, values: dict) -> SimpleNamespace:
        """Turn raw control values into a checked selection, or raise ExplorerInputError."""
        selection = SimpleNamespace()
        for f in self.fields:
            setattr(selection, f.name, f.parse(values.get(f.name)))
        self.validate(selection)
        return selection

    def values(self) -> dict:
        """The controls' current raw values."""
        return {name: control.value for name, control in self.controls.items()}

    def _render(self, selection, purpose: str = "") -> _View:
        note = self.draw(selection) or ""
        reading = self.describe(selection)
        title = self.figure.get_suptitle().strip()
        alt = f"{title}. {reading}" if title else reading
        parts = [f'<p class="lm-purpose"><em>Why this view:</em> {html.escape(purpose, quote=False)}</p>'
                 if purpose else "",
                 f'<p class="lm-note">{html.escape(note, quote=False)}</p>' if note else "",
                 img_tag(self.chart.png(), alt),
                 f"<p><strong>Reading:</strong> {html.escape(reading, quote=False)}</p>"]
        return _View(selection, "".join(parts), alt, reading, note)

    def show(self, *args, **values) -> bool:
        """Draw the chart for these control values (positional in the order of the controls).

        On bad input, write why in the message area, keep the last good chart and return False.
        """
        raw = self.values()
        raw.update(zip([f.name for f in self.fields], args))
        raw.update(values)
        try:
            selection = self.check(raw)
        except ExplorerInputError as problem:
            self._say(str(problem))
            return False
        saved = next((i for i, view in enumerate(self.saved)
                      if self.reuse_saved_views and vars(view.selection) == vars(selection)), None)
        if saved is None:
            view = self._render(selection)
            self.live.value = view.html
            self.view = view
            index = len(self.saved)
        else:
            self.view, index = self.saved[saved], saved
        self.selection = selection
        self._say("")
        self._sync(selection, index)
        return True

    def _on_change(self, _change=None):
        if not self._syncing:
            self.show()

    def _on_pick(self, change):
        if self._syncing or change["new"] is None or change["new"] >= len(self.saved):
            return
        self.view = self.saved[change["new"]]
        self.selection = self.view.selection
        self._say("")
        self._sync(self.selection, change["new"])

    def _sync(self, selection, index) -> None:
        """Show the chart's selection in the controls and the menu, without another redraw."""
        self._syncing = True
        try:
            for f in self.fields:
                f.widget.value = f.shown(getattr(selection, f.name))
            self.picker.index = index
            self.views.selected_index = index
            if isinstance(self.views, widgets.HTML):  # the ipywidgets 7 fallback
                self.views.value = self.saved[index].html if index < len(self.saved) else self.live.value
        finally:
            self._syncing = False

    def _say(self, text: str) -> None:
        self.message.value = (f'<p role="status" style="color:#B00020;font-weight:bold">'
                              f'{html.escape(text, quote=False)}</p>' if text else "")

    def message_text(self) -> str:
        """The message area as plain text ('' when all is well)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.message.value))

    @property
    def image(self) -> str:
        """The ``<img>`` of the chart on screen now."""
        return re.search(r"<img [^>]*>", self.view.html).group(0)

    def _repr_mimebundle_(self, **kwargs):
        if hasattr(self.widget, "_repr_mimebundle_"):
            return self.widget._repr_mimebundle_(**kwargs)
        # ipywidgets 7 (Colab) gives widgets no _repr_mimebundle_: the same bundle by hand.
        return {"text/plain": repr(self.widget),
                "application/vnd.jupyter.widget-view+json": {
                    "version_major": 2, "version_minor": 0, "model_id": self.widget.model_id}}
