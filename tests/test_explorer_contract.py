"""Every registered explorer keeps the same promises to a learner, checked the same way.

The explorers come from the registry (``labour_migration.EXPLORERS``), so a new explorer is
checked here as soon as it is registered: its default view, its saved views (which the
course website switches between with no kernel), at least ten kinds of bad input answered
with a short message while the last good chart stays, a selection with no data, and one
redraw per change of a control.
"""

from __future__ import annotations

import html
import re

import matplotlib.pyplot as plt
import pytest

import labour_migration as lm
from labour_migration.course import lessons
from labour_migration.explorer import ChoiceField, CountryField, YearRangeField

NAMES = sorted(lm.EXPLORERS)
IMG = re.compile(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"')


@pytest.fixture(scope="module", params=NAMES)
def explorer(request):
    return lm.EXPLORERS[request.param].create()


def views_html(explorer) -> list[str]:
    return [view.html for view in explorer.saved]


def test_every_registered_explorer_is_used_by_a_lesson():
    used = {name for lesson in lessons() for name in lesson.explorers}
    assert set(NAMES) <= used, f"registered but in no lesson of lessons.yml: {set(NAMES) - used}"


def test_default_view_draws_a_chart_with_alt_text_and_a_reading(explorer):
    assert explorer.message_text() == ""
    alt = html.unescape(IMG.search(explorer.image).group(1))
    # The alt text is the chart's title, then the same reading a sighted learner gets.
    assert alt == explorer.view.alt and alt.endswith(explorer.view.reading)
    assert len(alt) - len(explorer.view.reading) > 20, "the alt text has no title"
    assert "Reading:" in explorer.view.html and len(explorer.view.reading) > 20


def test_explorer_has_a_handful_of_saved_views_each_with_a_purpose(explorer):
    views = type(explorer).saved_views
    assert 3 <= len(views) <= 8
    assert all(view.label and len(view.purpose) > 30 for view in views)
    alts = [IMG.search(html).group(1) for html in views_html(explorer)]
    assert len(set(alts)) == len(alts), "two saved views have the same chart description"
    assert len(set(views_html(explorer))) == len(views)
    assert [label for label, _ in explorer.picker.options][-1] == "Your own choice"


def test_picking_a_saved_view_shows_it_and_sets_the_controls_without_drawing(explorer):
    drawn = explorer.chart.full_draws
    for index, view in enumerate(explorer.saved):
        explorer.picker.index = index
        assert explorer.views.selected_index == index
        assert vars(explorer.check(explorer.values())) == vars(view.selection)
        assert explorer.message_text() == ""
    assert explorer.chart.full_draws == drawn
    explorer.picker.index = 0


def bad_inputs(explorer):
    return [(f.name, raw) for f in explorer.fields for raw in f.bad_inputs()]


def test_explorer_is_tried_with_at_least_ten_bad_inputs(explorer):
    assert len(bad_inputs(explorer)) >= 10


def test_bad_input_gets_a_short_message_and_keeps_the_last_good_chart(explorer):
    explorer.show(**explorer.values())
    before, selection = explorer.image, vars(explorer.selection)
    problems = []
    for name, raw in bad_inputs(explorer):
        ok = explorer.show(**{name: raw})
        message = explorer.message_text()
        if ok or not message or len(message) > 300 or "Traceback" in message:
            problems.append(f"{name}={raw!r}: returned {ok}, message {message!r}")
        if explorer.image != before or vars(explorer.selection) != selection:
            problems.append(f"{name}={raw!r}: the chart or the selection changed")
    assert not problems, "\n".join(problems)
    # Good input again clears the complaint.
    assert explorer.show(**explorer.values()) and explorer.message_text() == ""


def test_bad_input_messages_say_each_thing_once(explorer):
    # A field's label beside the box ("health workers who leave") must not be pasted into its
    # message as a unit: "between 1 and 45 years of service lost, each" after "years of service lost".
    problems = []
    for name, raw in bad_inputs(explorer):
        explorer.show(**{name: raw})
        message = explorer.message_text()
        text = message.lower()
        words = re.findall(r"[a-z]+", text)
        phrases = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
        repeated = {phrase for phrase in phrases
                    if len(re.findall(rf"\b{re.escape(phrase)}\b", text)) > 1}
        if repeated:
            problems.append(f"{name}={raw!r}: {message!r} repeats {sorted(repeated)}")
    assert not problems, "\n".join(problems)


def test_a_selection_without_data_is_answered_with_a_message():
    for name in NAMES:
        cls = lm.EXPLORERS[name]
        data, values = cls.without_data()
        explorer = cls.create(data)
        before = explorer.image
        assert explorer.show(**values) is False, name
        assert "data" in explorer.message_text().lower(), (name, explorer.message_text())
        assert explorer.image == before


def another_value(field, current):
    """A different, well-formed raw value for a control."""
    if isinstance(field, YearRangeField):
        start, end = current
        return (start + 1, end) if start < end else (start - 1, end)
    if isinstance(field, CountryField):
        return next(name for name in sorted(field.names.values()) if name != current)
    if isinstance(field, ChoiceField):
        return next(value for value in field.options if value != current)
    return field.shown((field.minimum + field.maximum) / 2)


def test_each_change_of_a_control_draws_at_most_once(explorer, monkeypatch):
    calls = []
    original = type(explorer).draw
    monkeypatch.setattr(type(explorer), "draw", lambda self, s: calls.append(1) or original(self, s))
    for field in explorer.fields:
        calls.clear()
        field.widget.value = another_value(field, field.widget.value)
        assert len(calls) <= 1, f"{field.name}: {len(calls)} redraws for one change"
        if explorer.message_text():  # refused (the same country twice, say): nothing redrawn
            assert calls == []


def test_explorers_leave_no_figures_open_in_pyplot():
    plt.close("all")
    for name in NAMES:
        lm.EXPLORERS[name].create()
    assert plt.get_fignums() == []
