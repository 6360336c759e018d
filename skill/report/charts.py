"""Geometry of the report's SVG charts, drawn by the web views' templates (skill/web/templates).

Hand-built SVG rather than a chart library: pygal and matplotlib both write inline
``<style>``/``style=""`` (pygal also inline ``<script>``), which the page's strict
Content-Security-Policy (no 'unsafe-inline') refuses. Here every colour is a CSS
class from the service's own stylesheet, so the charts print and pass the CSP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from skill.report.data import Count, HeatDay

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 150
BAR_AREA = 300
VALUE_GAP = 8
CELL = 14
CELL_GAP = 3
HEAT_TOP = 18  # room for month names
HEAT_LEFT = 30  # room for weekday names


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    y: int
    width: int


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    value_gap: int = VALUE_GAP


def bar_chart(title: str, counts: tuple[Count, ...]) -> BarChart:
    """Horizontal bars, the longest as wide as ``BAR_AREA``; a zero count gets no bar."""
    most = max((c.count for c in counts), default=0)
    bars = tuple(
        Bar(
            label=c.label,
            count=c.count,
            y=i * (BAR_HEIGHT + BAR_GAP),
            width=round(BAR_AREA * c.count / most) if most else 0,
        )
        for i, c in enumerate(counts)
    )
    height = max(len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
    return BarChart(title, bars, LABEL_WIDTH + BAR_AREA + 40, height)


@dataclass(frozen=True, slots=True)
class HeatCell:
    x: int
    y: int
    level: int
    title: str


@dataclass(frozen=True, slots=True)
class HeatLabel:
    x: int
    y: int
    text: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    cells: tuple[HeatCell, ...]
    months: tuple[HeatLabel, ...]
    weekdays: tuple[HeatLabel, ...]
    width: int
    height: int
    cell: int = CELL


def _cell_title(day: HeatDay) -> str:
    count = "no twitches" if not day.count else f"{day.count} twitch" + ("es" * (day.count > 1))
    return f"{day.day.isoformat()}: {count}"


def heat_map(weeks: tuple[tuple[HeatDay | None, ...], ...]) -> HeatMap:
    """One column per week, Monday at the top; a month's name above its first week."""
    step = CELL + CELL_GAP
    cells = []
    months = []
    shown_month: tuple[int, int] | None = None
    for column, week in enumerate(weeks):
        x = HEAT_LEFT + column * step
        first: date | None = next((d.day for d in week if d is not None), None)
        if first is not None and (first.year, first.month) != shown_month:
            shown_month = (first.year, first.month)
            months.append(HeatLabel(x, HEAT_TOP - 6, first.strftime("%b")))
        for row, day in enumerate(week):
            if day is not None:
                cells.append(HeatCell(x, HEAT_TOP + row * step, day.level, _cell_title(day)))
    weekdays = tuple(
        HeatLabel(0, HEAT_TOP + row * step + CELL - 3, name)
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun"))
    )
    width = HEAT_LEFT + len(weeks) * step
    return HeatMap(tuple(cells), tuple(months), weekdays, width, HEAT_TOP + 7 * step)
