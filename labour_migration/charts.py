"""The course's chart style, shared by every topic module.

Every chart carries a title, axis labels with units and a source line, and uses the
Okabe-Ito colours, which stay distinct for readers with colour-vision deficiencies.

Example
-------
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> finish(fig, "A title", "Source: a publication.")
>>> fig.get_suptitle()
'A title'
>>> nice_ceiling(74_600), nice_ceiling(0.8)
(75000.0, 1.0)
"""

from __future__ import annotations

import math

__all__ = ["COLOURS", "finish", "nice_ceiling", "style"]

# Okabe & Ito (2008), "Color Universal Design".
COLOURS = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "grey": "#666666",
}
# Upper limits an axis may snap to, per power of ten: few enough that many selections share
# one axis layout (so explorers can reuse a cached background), fine enough to fill the panel.
NICE_STEPS = (1, 1.5, 2, 3, 4, 5, 7.5, 10)


def finish(fig, title: str, source: str) -> None:
    """Title on top, source line at the bottom, with room for both."""
    fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")
    fig.text(0.01, 0.01, source, fontsize=8, color=COLOURS["grey"], ha="left", va="bottom")


def style(ax, grid: str = "y") -> None:
    """The course's light axes: no top or right frame, a faint grid."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=grid, alpha=0.3)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 7.5 (times a power of ten) at or above ``value``."""
    if not value or value <= 0 or math.isnan(value):
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return float(next(step * power for step in NICE_STEPS if step * power >= value * (1 - 1e-9)))
