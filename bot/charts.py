"""Charts for Discord and the terminal: PNG bytes drawn with matplotlib's Agg canvas.

matplotlib is imported inside the drawing functions only, so start-up and every command that
draws nothing stay as fast as before. No pyplot: a Figure on its own Agg canvas keeps no
global state, so charts drawn in worker threads never share one. Same data, same bytes:
PNG metadata carries no software version or date.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import date, timedelta

from index.models import PersonCount, PersonRecord

SIZE = (8.0, 4.5)  # inches at DPI: 800×450, the size Discord previews without scaling
DPI = 100
QUOTED_COLOR = "#4e79a7"  # blue and orange read on Discord's dark and light themes alike
REPORTED_COLOR = "#f28e2b"
TEXT_COLOR = "#8a8f98"  # a neutral mid-grey: legible on white and on near-black
NAME_WIDTH = 26  # characters per line of a name; longer names wrap rather than being cut
NUMBER_COLOR = "#ffffff"


def _figure():  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    figure.patch.set_alpha(0.0)  # transparent: the channel's own background shows through
    return figure


def _style(axes, title: str) -> None:  # type: ignore[no-untyped-def]
    axes.set_facecolor("none")
    axes.set_title(title, color=TEXT_COLOR, fontsize=12, loc="left")
    axes.tick_params(colors=TEXT_COLOR, labelcolor=TEXT_COLOR)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(TEXT_COLOR)


def _legend(axes) -> None:  # type: ignore[no-untyped-def]
    # Above the plot, right of the title: it never covers a bar.
    legend = axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, frameon=False,
                         fontsize=9, borderaxespad=0.2)  # fmt: skip
    for text in legend.get_texts():
        text.set_color(TEXT_COLOR)


def _png(figure) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, transparent=True, metadata={"Software": None})
    return buffer.getvalue()


def people_png(people: Sequence[PersonCount], title: str) -> bytes:
    """Horizontal bars, quoted and reported statements stacked, the most quoted on top."""
    figure = _figure()
    axes = figure.add_subplot()
    _style(axes, title)
    names = [textwrap.fill(p.name or "(not named)", NAME_WIDTH) for p in people][::-1]
    quoted = [p.direct for p in people][::-1]
    reported = [p.reported for p in people][::-1]
    rows = range(len(names))
    left = axes.barh(rows, quoted, color=QUOTED_COLOR, label="quoted")
    right = axes.barh(rows, reported, left=quoted, color=REPORTED_COLOR, label="reported")
    totals = [q + r for q, r in zip(quoted, reported, strict=True)]
    scale = max(totals, default=0)  # a number inside a thinner segment would spill out
    for bars, values in ((left, quoted), (right, reported)):
        axes.bar_label(bars, labels=[str(v) if v >= scale * (0.011 * len(str(v)) + 0.01) else ""
                                     for v in values],
                       label_type="center", color=NUMBER_COLOR, fontsize=9)  # fmt: skip
    axes.bar_label(right, labels=[str(t) for t in totals], padding=4, color=TEXT_COLOR, fontsize=9)
    axes.set_yticks(list(rows), names, fontsize=9)
    axes.set_xlabel("statements", color=TEXT_COLOR)
    axes.xaxis.get_major_locator().set_params(integer=True)
    if people:
        _legend(axes)
    return _png(figure)


def _weeks(record: PersonRecord) -> list[tuple[str, int, int]]:
    """Every week from the first to the last, the empty ones too, so gaps show as gaps."""
    counts = {week: (q, r) for week, q, r in record.weeks}
    first, last = date.fromisoformat(record.weeks[0][0]), date.fromisoformat(record.weeks[-1][0])
    weeks = []
    while first <= last:
        q, r = counts.get(first.isoformat(), (0, 0))
        weeks.append((first.isoformat(), q, r))
        first += timedelta(days=7)
    return weeks


def person_png(record: PersonRecord) -> bytes:
    """A weekly timeline of one person's statements, quoted and reported stacked."""
    figure = _figure()
    axes = figure.add_subplot()
    _style(axes, f"{record.name}: statements per week")
    weeks = _weeks(record) if record.weeks else []
    columns = range(len(weeks))
    quoted = [q for _, q, _ in weeks]
    reported = [r for _, _, r in weeks]
    low = axes.bar(columns, quoted, color=QUOTED_COLOR, label="quoted")
    high = axes.bar(columns, reported, bottom=quoted, color=REPORTED_COLOR, label="reported")
    if len(weeks) <= 26:  # numbers fit on the bars of half a year
        for bars, values in ((low, quoted), (high, reported)):
            axes.bar_label(bars, labels=[str(v) if v else "" for v in values],
                           label_type="center", color=NUMBER_COLOR, fontsize=8)  # fmt: skip
    if len(weeks) < 8:  # a few weeks keep the width of eight, centred, not one wide slab
        pad = (8 - len(weeks)) / 2
        axes.set_xlim(-0.5 - pad, len(weeks) - 0.5 + pad)
    step = max(1, len(weeks) // 8)
    axes.set_xticks(list(columns)[::step], [w for w, _, _ in weeks][::step], fontsize=8)
    axes.set_xlabel("week beginning", color=TEXT_COLOR)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if weeks:
        _legend(axes)
    return _png(figure)
