"""Where everything on a measure's chart goes: the drawing plan.

:func:`plan_chart` turns a :class:`MeasureChart` (the core's numbers) and a
widget size into positions, colours and words, with no painting and no
statistics of its own. The chart view paints the plan, answers hover and
keyboard from it, and tests read it to check what a person would see.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from huddle.domain import Period
from huddle.services.charts import MeasureChart
from huddle.spc import verdict
from huddle.spc.verdict import CAPPED_NOTE, LIMIT_WORDS, percent_cap
from ui import theme
from ui.formatting import exact_number, measure_value, number
from ui.measures import words

# Making Data Count colours, from the core so the screen and the PDFs agree.
KIND_COLOURS = {
    "common_cause": verdict.COMMON_CAUSE,
    "improvement": verdict.IMPROVEMENT,
    "concern": verdict.CONCERN,
    "neutral": verdict.NEUTRAL,
    "run_signal": verdict.NEUTRAL,
    "run_plain": verdict.COMMON_CAUSE,
}
TARGET_COLOUR = "#C4161C"  # Making Data Count draws targets as a red dashed line
LINE_COLOUR = "#425563"
ANNOTATION_COLOUR = theme.NHS_DARK_BLUE
MAX_ANNOTATION_ROWS = 3
ANNOTATION_CHARS = 44
REBASE_CHARS = 36


@dataclass(frozen=True)
class PlotPoint:
    index: int
    x: float
    y: float
    value: float
    day: date
    kind: str  # a KIND_COLOURS key
    colour: str
    radius: float


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    role: str  # "mean", "limit", "target", "median", "rebase", "marker"


@dataclass(frozen=True)
class Band:
    """A subtle strip between a limit and the edge of "near the limits"."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the text's vertical centre
    text: str
    role: str  # "y_tick", "x_tick", "margin", "trial", "rebase", "unit", "empty"
    align: str = "left"  # "left", "right" or "centre" about x


@dataclass(frozen=True)
class Marker:
    """An annotation: a flag at the top of the plot, its label and a line to its point."""

    index: int
    x: float
    label: str  # as drawn (shortened; "" when only the flag fits)
    text: str  # in full, for hover and the accessible description
    label_left: float
    label_y: float
    label_width: float
    point_y: float


@dataclass(frozen=True)
class LegendEntry:
    x: float
    kind: str  # a point kind, or "mean", "limit", "target", "median", "band"
    text: str


@dataclass
class ChartPlan:
    width: float
    height: float
    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    step: float = 0.0
    line_height: float = 14.0
    points: list[PlotPoint] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    legend_y: float = 0.0

    def index_at(self, x: float) -> int | None:
        """The point nearest a horizontal position inside the plot, if any."""
        if not self.points or not self.left - self.step <= x <= self.right + self.step:
            return None
        return min(max(int((x - self.left) / self.step), 0), len(self.points) - 1)

    def marker_at(self, x: float, y: float) -> Marker | None:
        for marker in self.markers:
            half = self.line_height / 2
            if (
                marker.label_left - 4 <= x <= marker.label_left + marker.label_width + 4
                and abs(y - marker.label_y) <= half + 2
            ):
                return marker
        return None


def plan_chart(
    chart: MeasureChart | None,
    width: float,
    height: float,
    text_width: Callable[[str], float],
    line_height: float,
) -> ChartPlan:
    """Lay out ``chart`` in a ``width`` x ``height`` widget; ``text_width`` measures words."""
    plan = ChartPlan(width, height, line_height=line_height)
    if chart is None or len(chart.points) < 2:
        message = (
            "Choose a measure to see its chart."
            if chart is None
            else "Enter at least two points to see a chart."
        )
        plan.texts.append(Text(width / 2, height / 2, message, "empty", "centre"))
        return plan
    values = chart.values
    n = len(values)
    levels = _levels(chart)
    low, high = min(values + levels), max(values + levels)
    if high - low < 1e-12:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.06
    low, high = low - pad, high + pad
    ticks = _ticks(low, high)
    tick_texts = [exact_number(t, grouped=True) for t in ticks]
    margin_rows = _margin_rows(chart)

    annotation_rows = min(len(chart.annotations), MAX_ANNOTATION_ROWS)
    plan.left = max((text_width(t) for t in tick_texts), default=0) + 18
    # margin labels are bold: allow for the wider letters
    plan.right = (
        width
        - max((text_width(f"{name} {number(v)}") * 1.12 for name, v in margin_rows), default=0)
        - 18
    )
    plan.top = line_height * (1.8 + annotation_rows * 1.25) + 6
    plan.legend_y = height - line_height * 0.9
    plan.bottom = height - line_height * 4.4
    plan.step = (plan.right - plan.left) / n
    span = plan.bottom - plan.top

    def y_of(value: float) -> float:
        return plan.bottom - (value - low) / (high - low) * span

    def x_of(index: int) -> float:
        return plan.left + plan.step * (index + 0.5)

    plan.texts.append(Text(plan.left - 10, line_height * 0.7, _axis_title(chart), "unit"))
    for tick, text in zip(ticks, tick_texts, strict=True):
        plan.texts.append(Text(plan.left - 8, y_of(tick), text, "y_tick", "right"))
    _x_ticks(plan, chart, x_of, text_width)
    _lines(plan, chart, x_of, y_of)
    _margin_labels(plan, margin_rows, y_of)
    _points(plan, chart, x_of, y_of)
    _markers(plan, chart, text_width)
    _legend(plan, chart, text_width)
    return plan


def _axis_title(chart: MeasureChart) -> str:
    if chart.verdict.chart == "days_between":
        return "Days between events (each point: the days since the event before)"
    period = chart.measure.period
    unit = chart.measure.unit.strip()
    if unit and unit != "%":
        return f"{unit[0].upper()}{unit[1:]} per {period.value}"
    return f"{words.PERIOD_ADJECTIVES[period]} value{' (%)' if unit else ''}"


def _levels(chart: MeasureChart) -> list[float]:
    levels: list[float] = []
    if chart.xmr is not None:
        for s in chart.xmr.segments:
            low, high, _ = percent_cap(chart.measure.unit, s.lpl, s.upl)
            levels += [v for v in (low, high) if v is not None]
    if chart.run is not None:
        levels.append(chart.run.median)
    if chart.measure.target is not None:
        levels.append(chart.measure.target)
    return levels


def _margin_rows(chart: MeasureChart) -> list[tuple[str, float]]:
    """The latest lines, in the core's words and numbers (capped for a percentage)."""
    rows: list[tuple[str, float]] = []
    v = chart.verdict
    if chart.xmr is not None and v.upper_limit is not None and v.lower_limit is not None:
        rows += [
            (LIMIT_WORDS["upper"], v.upper_limit),
            (LIMIT_WORDS["mean"], chart.xmr.latest_segment.mean),
            (LIMIT_WORDS["lower"], v.lower_limit),
        ]
    if chart.run is not None:
        rows.append((LIMIT_WORDS["median"], chart.run.median))
    if chart.measure.target is not None:
        rows.append((LIMIT_WORDS["target"], chart.measure.target))
    return rows


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step) + 1)]


def _x_ticks(plan: ChartPlan, chart: MeasureChart, x_of, text_width) -> None:
    monthly = chart.measure.period is Period.MONTH
    days = [p.period_start for p in chart.points]
    room = text_width("30 Sep") + 18
    stride = max(1, math.ceil(len(days) / max(1.0, (plan.right - plan.left) / room)))
    previous_year = None
    for i in range(0, len(days), stride):
        day = days[i]
        label = words.MONTHS[day.month - 1] if monthly else words.short_date(day)
        plan.texts.append(
            Text(x_of(i), plan.bottom + plan.line_height * 0.9, label, "x_tick", "centre")
        )
        if day.year != previous_year:
            plan.texts.append(
                Text(
                    x_of(i), plan.bottom + plan.line_height * 2.0, str(day.year), "x_tick", "centre"
                )
            )
            previous_year = day.year
        plan.lines.append(Line(x_of(i), plan.bottom, x_of(i), plan.bottom + 4, "tick"))


def _lines(plan: ChartPlan, chart: MeasureChart, x_of, y_of) -> None:
    half = plan.step / 2
    if chart.xmr is not None:
        for number, s in enumerate(chart.xmr.segments):
            x1, x2 = x_of(s.start) - half, x_of(s.stop - 1) + half
            # no grey "near the limits" band: Making Data Count draws none
            plan.lines.append(Line(x1, y_of(s.mean), x2, y_of(s.mean), "mean"))
            low, high, _ = percent_cap(chart.measure.unit, s.lpl, s.upl)
            for limit in (high, low):
                if limit is not None:
                    plan.lines.append(Line(x1, y_of(limit), x2, y_of(limit), "limit"))
            if s.trial:
                plan.texts.append(
                    Text(x1 + 4, y_of(s.upl) - plan.line_height * 0.75, "Trial limits", "trial")
                )
            if number:
                plan.lines.append(Line(x1, plan.top, x1, plan.bottom, "rebase"))
    if chart.run is not None:
        y = y_of(chart.run.median)
        plan.lines.append(Line(plan.left, y, plan.right, y, "median"))
    if chart.measure.target is not None:
        y = y_of(chart.measure.target)
        plan.lines.append(Line(plan.left, y, plan.right, y, "target"))
    starts = [s.start for s in chart.xmr.segments[1:]] if chart.xmr is not None else []
    for start, rebase in zip(starts, _rebases_at(chart, starts), strict=True):
        reason = words.shorten(f"Rebased: {rebase}", REBASE_CHARS)
        plan.texts.append(
            Text(x_of(start) - half + 6, plan.bottom - plan.line_height * 0.7, reason, "rebase")
        )


def _rebases_at(chart: MeasureChart, starts: list[int]) -> list[str]:
    """The reason for each segment break (the latest rebase at or before its first point)."""
    reasons = []
    for start in starts:
        day = chart.points[start].period_start
        before = [r for r in chart.rebases if r.from_date <= day]
        reasons.append(max(before, key=lambda r: r.from_date).reason if before else "")
    return reasons


def _margin_labels(plan: ChartPlan, rows: list[tuple[str, float]], y_of) -> None:
    placed = sorted(((y_of(v), f"{name} {number(v)}") for name, v in rows))
    gap = plan.line_height * 1.3  # a clear space between two labels, never touching
    ys = [y for y, _ in placed]
    for i in range(1, len(ys)):  # push apart downwards, then pull back inside the plot
        ys[i] = max(ys[i], ys[i - 1] + gap)
    overflow = ys[-1] - (plan.bottom + plan.line_height) if ys else 0
    if overflow > 0:
        ys = [y - overflow for y in ys]
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - gap)
    for y, (_, text) in zip(ys, placed, strict=True):
        plan.texts.append(Text(plan.right + 8, y, text, "margin"))


def _points(plan: ChartPlan, chart: MeasureChart, x_of, y_of) -> None:
    base = max(1.6, min(5.0, plan.step * 0.42))
    if chart.xmr is not None:
        kinds = ["neutral" if p.type.startswith("neutral") else p.type for p in chart.xmr.points]
    else:
        assert chart.run is not None
        kinds = ["run_signal" if p.rules else "run_plain" for p in chart.run.points]
    for i, (point, kind) in enumerate(zip(chart.points, kinds, strict=True)):
        radius = base if kind in ("common_cause", "run_plain") else base * 1.3
        plan.points.append(
            PlotPoint(
                i,
                x_of(i),
                y_of(point.value),
                point.value,
                point.period_start,
                kind,
                KIND_COLOURS[kind],
                radius,
            )
        )


def numbered_annotations(chart: MeasureChart) -> list[tuple[int, int, str]]:
    """(number, point index, text) for each annotation, numbered left to right.

    The chart shows the numbers; the key under it (and the PDF's) gives the words.
    """
    ordered = sorted(chart.annotations, key=lambda a: (a.index, a.annotation.on_date))
    return [(n, a.index, a.annotation.text) for n, a in enumerate(ordered, start=1)]


def _markers(plan: ChartPlan, chart: MeasureChart, text_width) -> None:
    """Numbered flags that never overlap: each label takes the first free row, and
    markers too close for their own label share one ("3–5"), however many points."""
    items = numbered_annotations(chart)
    gap = 0.0
    while True:
        placed = _marker_rows(plan, items, gap, text_width)
        if placed is not None:
            break
        gap = max(gap * 1.6, 12.0)
    for members, label, left, width, row in placed:
        first = members[0]
        label_y = plan.line_height * (1.9 + row * 1.25)
        text = "\n".join(f"{n}: {t}" for n, _, t in members)
        plan.markers.append(
            Marker(
                first[1],
                plan.points[first[1]].x,
                label,
                text,
                left,
                label_y,
                width,
                plan.points[first[1]].y,
            )
        )


def _marker_rows(plan: ChartPlan, items, gap: float, text_width):
    groups: list[list[tuple[int, int, str]]] = []
    for item in items:
        x = plan.points[item[1]].x
        if groups and x - plan.points[groups[-1][0][1]].x < gap:
            groups[-1].append(item)
        else:
            groups.append([item])
    row_ends = [-math.inf] * MAX_ANNOTATION_ROWS
    placed = []
    for members in groups:
        label = str(members[0][0])
        if len(members) > 1:
            label += f"–{members[-1][0]}"
        width = text_width(label)
        x = plan.points[members[0][1]].x
        left = min(x - width / 2, plan.right - width)
        row = next((r for r, end in enumerate(row_ends) if left > end + 12), None)
        if row is None:
            return None
        row_ends[row] = left + width
        placed.append((members, label, left, width, row))
    return placed


def _legend(plan: ChartPlan, chart: MeasureChart, text_width) -> None:
    kinds = list(dict.fromkeys(p.kind for p in plan.points))
    order = list(KIND_COLOURS)
    entries = [(k, words.LEGEND_WORDS[k]) for k in sorted(kinds, key=order.index)]
    if chart.xmr is not None:
        limits = "Process limits" + (f" ({CAPPED_NOTE})" if chart.verdict.limits_capped else "")
        entries += [("mean", LIMIT_WORDS["mean"]), ("limit", limits)]
    if chart.run is not None:
        entries.append(("median", LIMIT_WORDS["median"]))
    if chart.measure.target is not None:
        entries.append(("target", LIMIT_WORDS["target"]))
    x = plan.left
    for kind, text in entries:
        plan.legend.append(LegendEntry(x, kind, text))
        x += 30 + text_width(text) + 22


def point_description(chart: MeasureChart, index: int) -> str:
    """What a point is and what it means, for its tooltip and the accessible description."""
    point = chart.points[index]
    lines = [
        words.period_label(point.period_start, chart.measure.period),
        f"Value: {measure_value(point.value, chart.measure.unit)}",
    ]
    if chart.xmr is not None:
        xmr_point = chart.xmr.points[index]
        meaning = words.POINT_WORDS[xmr_point.type]
        reasons = [words.XMR_RULE_WORDS[r] for r in xmr_point.rules]
        lines.append(meaning + (f" ({'; '.join(reasons)})" if reasons else ""))
        segment = chart.xmr.segments[xmr_point.segment]
        if segment.trial:
            lines.append("Limits are trial limits (fewer than 12 points in the baseline).")
    elif chart.run is not None:
        rules = chart.run.points[index].rules
        lines.append(
            "; ".join(words.RUN_RULE_WORDS[r] for r in rules).capitalize()
            if rules
            else "No run-chart signal at this point"
        )
    if point.note:
        lines.append(f"Note: {point.note}")
    lines += [f"Annotation: {a.annotation.text}" for a in chart.annotations if a.index == index]
    return "\n".join(lines)
