"""Vector drawings of XmR and run charts for PDF posters (reportlab, no Qt).

Colours follow Making Data Count (NHSRplotthedots): common cause grey, special
cause improvement blue, concern orange, neutral purple; lines and text in NHS
colours. Each drawing's parts are named groups (``axes``, ``limits``,
``centre_lines``, ``target``, ``segment_breaks``, ``value_line``, ``points``,
``annotations``, ``labels``) so tests and callers can find them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from huddle.errors import ValidationError
from huddle.formatting import exact_number, number
from huddle.spc import verdict
from huddle.spc.run_chart import RunChart
from huddle.spc.verdict import LIMIT_WORDS, percent_cap
from huddle.spc.xmr import PointType, XmrChart

TEXT = HexColor("#212B32")
SECONDARY = HexColor("#4C6272")
BORDER = HexColor("#D8DDE0")
LIMIT = HexColor("#A6A6A6")
TARGET = HexColor("#DE1B1B")
POINT_COLOURS: dict[PointType, Color] = {
    "common_cause": HexColor(verdict.COMMON_CAUSE),
    "improvement": HexColor(verdict.IMPROVEMENT),
    "concern": HexColor(verdict.CONCERN),
    "neutral_high": HexColor(verdict.NEUTRAL),
    "neutral_low": HexColor(verdict.NEUTRAL),
}
RUN_SIGNAL_COLOUR = HexColor(verdict.NEUTRAL)  # a run chart's signal has no direction
FONT = "Helvetica"
ANNOTATION_SIZE = 6.5
# Rows for annotation labels, as offsets from the plot's top: just above it first,
# then stepping down into the headroom the limits leave.
ANNOTATION_ROWS = (4.0, -5.0, -14.0, -23.0)
BOLD = "Helvetica-Bold"
MARGIN_SIZE = 6.0  # the lines' labels right of the plot
MARGIN_INSET = 8.0  # from the plot's right edge: clear of the last point, room for a leader
LABEL_GAP = 1.0  # points between any two labels: they never touch
MARGIN_PITCH = 6.6  # a margin label's height (ascent + descent) and the gap
MAX_X_LABELS = 12

Annotation = tuple[int | str, str]


@dataclass(frozen=True)
class _Frame:
    """The plot area inside the drawing and the scales onto it."""

    left: float
    bottom: float
    right: float
    top: float
    n: int
    low: float
    high: float
    whole: bool = False  # every value a whole number (a count): no fractional ticks

    def x(self, index: int) -> float:
        if self.n == 1:
            return (self.left + self.right) / 2
        return self.left + (self.right - self.left) * index / (self.n - 1)

    def y(self, value: float) -> float:
        return self.bottom + (self.top - self.bottom) * (value - self.low) / (self.high - self.low)


def draw_xmr_chart(
    chart: XmrChart,
    *,
    width: float = 480,
    height: float = 240,
    title: str = "",
    unit: str = "",
    x_labels: Sequence[str] | None = None,
    annotations: Sequence[Annotation] = (),
) -> Drawing:
    """An XmR chart: points coloured by type, mean, dashed process limits per segment."""
    values = chart.values
    # a percentage never shows a limit outside 0-100 %: drawn capped, the legend says so
    capped = [percent_cap(unit, s.lpl, s.upl) for s in chart.segments]
    lines = [v for low, high, _ in capped for v in (low, high) if v is not None]
    if chart.target is not None:
        lines.append(chart.target)
    drawing, frame = _start(width, height, title, unit, values, lines, x_labels)

    centre, limits, breaks, labels = Group(), Group(), Group(), Group()
    for index, seg in enumerate(chart.segments):
        x0, x1 = frame.x(seg.start), frame.x(seg.stop - 1)
        centre.add(Line(x0, frame.y(seg.mean), x1, frame.y(seg.mean), strokeColor=TEXT))
        low, high, _ = capped[index]
        for level in (low, high):
            if level is not None:
                limits.add(_dashed(x0, frame.y(level), x1, frame.y(level), LIMIT))
        if index:
            mid = (frame.x(seg.start - 1) + x0) / 2
            breaks.add(_dashed(mid, frame.bottom, mid, frame.top, SECONDARY, dash=(1, 2)))
        if seg.trial:
            y = min(frame.y(seg.upl) + 3, frame.top - 8)
            labels.add(_text(x0 + 3, y, "Trial limits", 7, SECONDARY, BOLD))
    latest = chart.latest_segment
    low, high, _ = capped[-1]
    assert low is not None and high is not None
    margin: list[tuple[float, str, Color]] = [
        (latest.mean, f"{LIMIT_WORDS['mean']} {number(latest.mean)}", SECONDARY),
        (high, f"{LIMIT_WORDS['upper']} {number(high)}", SECONDARY),
        (low, f"{LIMIT_WORDS['lower']} {number(low)}", SECONDARY),
    ]
    drawing.add(limits, name="limits")
    drawing.add(centre, name="centre_lines")
    drawing.add(breaks, name="segment_breaks")

    target = Group()
    if chart.target is not None:
        y = frame.y(chart.target)
        target.add(_dashed(frame.left, y, frame.right, y, TARGET, dash=(6, 2)))
        margin.append((chart.target, f"{LIMIT_WORDS['target']} {number(chart.target)}", TARGET))
    drawing.add(target, name="target")

    colours = [POINT_COLOURS[point.type] for point in chart.points]
    _add_series(drawing, frame, values, colours)
    _add_annotations(drawing, frame, values, annotations, x_labels)
    _add_margin_labels(labels, frame, margin, drawing)
    drawing.add(labels, name="labels")
    return drawing


def draw_run_chart(
    chart: RunChart,
    *,
    width: float = 480,
    height: float = 240,
    title: str = "",
    unit: str = "",
    x_labels: Sequence[str] | None = None,
    annotations: Sequence[Annotation] = (),
) -> Drawing:
    """A run chart: the median, with points in a shift or trend highlighted."""
    values = chart.values
    drawing, frame = _start(width, height, title, unit, values, [chart.median], x_labels)
    centre = Group()
    y = frame.y(chart.median)
    centre.add(Line(frame.left, y, frame.right, y, strokeColor=TEXT))
    drawing.add(centre, name="centre_lines")
    labels = Group()
    if chart.signals:
        words = ", ".join(signal.replace("_", " ") for signal in chart.signals)
        signals = f"Signals: {words}"
        labels.add(_text(width - 4, height - 14, signals, 7, SECONDARY, BOLD, anchor="end"))
    plain = POINT_COLOURS["common_cause"]
    colours = [RUN_SIGNAL_COLOUR if point.rules else plain for point in chart.points]
    _add_series(drawing, frame, values, colours)
    _add_annotations(drawing, frame, values, annotations, x_labels)
    median = f"{LIMIT_WORDS['median']} {number(chart.median)}"
    _add_margin_labels(labels, frame, [(chart.median, median, SECONDARY)], drawing)
    drawing.add(labels, name="labels")
    return drawing


def _start(
    width: float,
    height: float,
    title: str,
    unit: str,
    values: Sequence[float],
    lines: Sequence[float],
    x_labels: Sequence[str] | None,
) -> tuple[Drawing, _Frame]:
    if x_labels is not None and len(x_labels) != len(values):
        raise ValidationError.single("x_labels", "wrong_length", "give one x label for each value")
    low = min(*values, *lines)
    high = max(*values, *lines)
    pad = (high - low) * 0.08 if high > low else max(abs(high) * 0.1, 1.0)
    floor = low - pad
    if low >= 0:  # counts and rates never go below zero, so neither does their axis
        floor = max(floor, 0.0)
    frame = _Frame(
        left=44,
        bottom=30,
        right=width - 84,  # room for "Upper process limit 10.9"
        top=height - 30,
        n=len(values),
        low=floor,
        high=high + pad,
        whole=all(float(v).is_integer() for v in values),
    )
    drawing = Drawing(width, height)
    heading = Group()
    if title:
        heading.add(_text(4, height - 14, title, 11, TEXT, BOLD))
    if unit:
        heading.add(_text(4, frame.top + 5, unit, 7, SECONDARY))
    drawing.add(heading, name="heading")
    drawing.add(_axes(frame, x_labels), name="axes")
    return drawing, frame


def _axes(frame: _Frame, x_labels: Sequence[str] | None) -> Group:
    axes = Group()
    axes.add(Line(frame.left, frame.bottom, frame.right, frame.bottom, strokeColor=BORDER))
    axes.add(Line(frame.left, frame.bottom, frame.left, frame.top, strokeColor=BORDER))
    for tick in _ticks(frame.low, frame.high, whole=frame.whole):
        y = frame.y(tick)
        axes.add(Line(frame.left - 3, y, frame.left, y, strokeColor=BORDER))
        axes.add(_text(frame.left - 5, y - 2.5, exact_number(tick, grouped=True), 7, anchor="end"))
    step = max(1, math.ceil(frame.n / MAX_X_LABELS))
    for index in range(0, frame.n, step):
        label = x_labels[index] if x_labels is not None else str(index + 1)
        x = frame.x(index)
        axes.add(Line(x, frame.bottom, x, frame.bottom - 3, strokeColor=BORDER))
        axes.add(_text(x, frame.bottom - 12, label, 7, anchor="middle"))
    return axes


def _add_series(
    drawing: Drawing, frame: _Frame, values: Sequence[float], colours: Sequence[Color]
) -> None:
    coordinates: list[float] = []
    for index, value in enumerate(values):
        coordinates += [frame.x(index), frame.y(value)]
    line = Group()
    line.add(PolyLine(coordinates, strokeColor=LIMIT, strokeWidth=1))
    drawing.add(line, name="value_line")
    radius = 2.6 if len(values) <= 60 else 1.4
    points = Group()
    for index, (value, colour) in enumerate(zip(values, colours, strict=True)):
        points.add(
            Circle(frame.x(index), frame.y(value), radius, fillColor=colour, strokeColor=colour)
        )
    drawing.add(points, name="points")


def _add_annotations(
    drawing: Drawing,
    frame: _Frame,
    values: Sequence[float],
    annotations: Sequence[Annotation],
    x_labels: Sequence[str] | None,
) -> None:
    """Numbered markers above the plot (the caller prints the key under the chart).

    Labels never overlap: each takes the first row where it clears the others;
    when markers crowd (hundreds of points), neighbours share one label ("3–5"),
    widening the grouping until every label has room.
    """
    group = Group()
    items = sorted(
        (frame.x(index), frame.y(values[index]), note)
        for index, note in (
            (_annotation_index(where, len(values), x_labels), note) for where, note in annotations
        )
    )
    spacing = 0.0
    while True:
        placed = _place_labels(items, spacing)
        if placed is not None:
            break
        spacing = max(spacing * 1.6, 8.0)
    for members, label, row, span in placed:
        marker_y = frame.top + ANNOTATION_ROWS[row]
        for x, y, _ in members:
            group.add(_dashed(x, y + 4, x, marker_y, SECONDARY, dash=(1, 1.5)))
            group.add(
                Polygon(
                    [x, marker_y - 3, x - 3, marker_y + 1, x + 3, marker_y + 1],
                    fillColor=TEXT,
                    strokeColor=TEXT,
                )
            )
        group.add(_text(span[0], marker_y + 3, label, ANNOTATION_SIZE, TEXT, BOLD))
    drawing.add(group, name="annotations")


def _place_labels(
    items: Sequence[tuple[float, float, str]], spacing: float
) -> list[tuple[list[tuple[float, float, str]], str, int, tuple[float, float]]] | None:
    """Group markers closer than ``spacing`` and give each group a free row, or None."""
    groups: list[list[tuple[float, float, str]]] = []
    for item in items:
        if groups and item[0] - groups[-1][0][0] < spacing:
            groups[-1].append(item)
        else:
            groups.append([item])
    taken: list[list[tuple[float, float]]] = [[] for _ in ANNOTATION_ROWS]
    placed = []
    for members in groups:
        first, last = members[0][2], members[-1][2]
        label = first if len(members) == 1 else f"{first}–{last}"
        width = stringWidth(label, BOLD, ANNOTATION_SIZE)
        centre = (members[0][0] + members[-1][0]) / 2
        span = (centre + 4, centre + 4 + width)
        row = _free_row(taken, span, fallback=-1)
        if row < 0:
            return None
        taken[row].append(span)
        placed.append((members, label, row, span))
    return placed


def _free_row(
    taken: Sequence[Sequence[tuple[float, float]]], span: tuple[float, float], *, fallback: int
) -> int:
    """The first row where ``span`` clears every label already there (by a small gap)."""
    gap = 4.0
    for row, spans in enumerate(taken):
        if all(span[1] + gap <= left or right + gap <= span[0] for left, right in spans):
            return row
    return fallback


def _add_margin_labels(
    group: Group,
    frame: _Frame,
    labels: Sequence[tuple[float, str, Color]],
    drawing: Drawing,
) -> None:
    """Line labels right of the plot, in their lines' order, none touching another.

    Like the PDSA markers' labels, each takes the first free place: at its line
    when that is clear, else the nearest clear place above the label below it
    (never crossing it, so the order matches the lines'); a label moved off its
    line is joined to it by a short leader. Texts already drawn (markers'
    labels, the heading) and the labels in ``group`` count as taken.
    """
    taken = [text_box(s) for s in _strings(drawing) + _strings(group)]
    x = frame.right + MARGIN_INSET
    wanted = sorted(labels, key=lambda label: label[0])
    ascent, descent = _extent(MARGIN_SIZE)
    low, high = -descent + 1, drawing.height - ascent - 1
    places: list[float] = []
    for level, text, _ in wanted:
        width = stringWidth(text, FONT, MARGIN_SIZE)
        y = max(frame.y(level) - 2.5, low, places[-1] + MARGIN_PITCH if places else low)
        while y < high and not _clear((x, x + width, y + descent, y + ascent), taken):
            y += 0.5
        places.append(y)
        taken.append((x, x + width, y + descent, y + ascent))
    # a column pushed past the top comes down again, still in order
    for i in reversed(range(len(places))):
        ceiling = high if i == len(places) - 1 else places[i + 1] - MARGIN_PITCH
        places[i] = min(places[i], ceiling)
    for (level, text, colour), y in zip(wanted, places, strict=True):
        line_y = frame.y(level)
        if abs(y + 2.5 - line_y) > 1:
            group.add(Line(frame.right + 1, line_y, x - 1, y + 2, strokeColor=colour,
                           strokeWidth=0.5))  # fmt: skip
        group.add(_text(x, y, text, MARGIN_SIZE, colour))


def _strings(node: object) -> list[String]:
    if isinstance(node, String):
        return [node]
    return [s for child in getattr(node, "contents", ()) or () for s in _strings(child)]


def _extent(size: float, font: str = FONT) -> tuple[float, float]:
    ascent, descent = getAscentDescent(font, size)
    return ascent, descent


def text_box(text: String) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) of a drawn text, from its font's ascent and descent."""
    width = stringWidth(text.text, text.fontName, text.fontSize)
    left = {"end": text.x - width, "middle": text.x - width / 2}.get(text.textAnchor, text.x)
    ascent, descent = _extent(text.fontSize, text.fontName)
    return (left, left + width, text.y + descent, text.y + ascent)


def _clear(
    box: tuple[float, float, float, float], taken: Sequence[tuple[float, float, float, float]]
) -> bool:
    """True when ``box`` keeps :data:`LABEL_GAP` from every box in ``taken``."""
    left, right, bottom, top = box
    return all(
        right + LABEL_GAP <= l2 or r2 + LABEL_GAP <= left
        or top + LABEL_GAP <= b2 or t2 + LABEL_GAP <= bottom
        for l2, r2, b2, t2 in taken
    )  # fmt: skip


def _annotation_index(where: int | str, n: int, x_labels: Sequence[str] | None) -> int:
    if isinstance(where, int):
        if not 0 <= where < n:
            raise ValidationError.single(
                "annotations", "out_of_range", f"annotation point {where} is not on the chart"
            )
        return where
    if x_labels is None or where not in x_labels:
        raise ValidationError.single(
            "annotations", "unknown_label", f"no x label {where!r} to annotate"
        )
    return list(x_labels).index(where)


def _ticks(low: float, high: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """Round-number ticks covering [low, high] (whole numbers only, if ``whole``)."""
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, math.ceil(step))
    first = math.ceil(low / step) * step
    ticks: list[float] = []
    tick = first
    while tick <= high + step * 1e-9:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    colour: Color = SECONDARY,
    font: str = FONT,
    anchor: str = "start",
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def _dashed(
    x1: float, y1: float, x2: float, y2: float, colour: Color, dash: tuple[float, float] = (4, 3)
) -> Line:
    return Line(x1, y1, x2, y2, strokeColor=colour, strokeDashArray=list(dash), strokeWidth=0.8)
