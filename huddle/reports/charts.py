"""SPC charts for the reports: ``huddle.spc.drawing`` with the embedded fonts,
scaled to the page; and a huddles-per-week bar chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.platypus import Flowable, Paragraph, Spacer

from huddle.domain import MeasurePoint
from huddle.reports import fonts
from huddle.reports.layout import (
    BORDER,
    GREEN,
    NHS_BLUE,
    ORANGE,
    PALE_BLUE,
    SECONDARY,
    Styles,
    fmt_date,
    markup,
)
from huddle.services.charts import MeasureChart, days_between_note
from huddle.spc import RunChart, XmrChart
from huddle.spc.rare_events import DaysBetween
from huddle.spc.verdict import CAPPED_NOTE
from huddle.spc.windows import window_xmr

FONT_SWAP = {"Helvetica": fonts.FAMILY, "Helvetica-Bold": fonts.BOLD}


def use_report_fonts(node: object) -> None:
    """Point every text in a drawing at the embedded font (never bare Helvetica)."""
    if isinstance(node, Drawing):
        node.initialFontName = fonts.FAMILY  # the renderer's starting font, else Helvetica
    if isinstance(node, String):
        node.fontName = FONT_SWAP.get(node.fontName, node.fontName)
    for child in getattr(node, "contents", ()) or ():
        use_report_fonts(child)


def x_labels(points: Sequence[MeasurePoint]) -> list[str]:
    """Short dates under the axis: '6 Aug' (with the year when it changes)."""
    return x_labels_for_dates([point.period_start for point in points])


def x_labels_for_dates(days: Sequence[date]) -> list[str]:
    labels = []
    last_year = None
    for day in days:
        text = fmt_date(day)
        labels.append(text if day.year != last_year else text.rsplit(" ", 1)[0])
        last_year = day.year
    return labels


def spc_drawing(
    chart: XmrChart | RunChart,
    points: Sequence[MeasurePoint],
    annotations: Sequence[tuple[int, str]],
    *,
    width: float,
    height: float,
    unit: str,
) -> Drawing:
    from huddle.spc.drawing import draw_run_chart, draw_xmr_chart

    notes = [(index, str(number)) for number, (index, _) in enumerate(annotations, start=1)]
    draw = draw_xmr_chart if isinstance(chart, XmrChart) else draw_run_chart
    drawing = draw(
        chart,  # type: ignore[arg-type]
        width=width,
        height=height,
        unit=unit,
        x_labels=x_labels(points),
        annotations=notes,
    )
    use_report_fonts(drawing)
    return drawing


def limits_sentence(chart: MeasureChart) -> str:
    """Which points the lines come from (the lines themselves print in the verdict line)."""
    basis = chart.limits_basis
    if basis is None:
        return ""
    count, first, last = basis
    lines = "median" if chart.verdict.chart == "run" else "limits"
    since = " (since the latest rebase)" if chart.xmr and len(chart.xmr.segments) > 1 else ""
    text = f"{lines} from {count} points, {fmt_date(first)} to {fmt_date(last)}{since}"
    if chart.verdict.limits_capped:
        text += f"; {CAPPED_NOTE}"
    return text


def days_between_block(rare: DaysBetween, styles: Styles, width: float) -> list[Flowable]:
    """The t-chart of days between events: latest 36, lines from all of them, in days."""
    from huddle.spc.drawing import draw_xmr_chart

    first = max(len(rare.days) - 36, 0)
    chart = window_xmr(rare.chart, first)
    labels = x_labels_for_dates(rare.dates[first:])
    drawing = draw_xmr_chart(chart, width=width, height=170, unit="days between events",
                             x_labels=labels)  # fmt: skip
    use_report_fonts(drawing)
    note = days_between_note(rare)
    return [Spacer(1, 4), drawing, Paragraph(markup(note), styles.muted)]


def annotation_key(annotations: Sequence[tuple[int, str]], styles: Styles) -> list[Flowable]:
    """The key under a chart: each numbered marker and its note, in full."""
    if not annotations:
        return []
    rows = "<br/>".join(
        f"<b>{number}</b>&nbsp;&nbsp;{markup(' '.join(text.split()))}"
        for number, (_, text) in enumerate(annotations, start=1)
    )
    return [Paragraph(rows, styles.small)]


def _short(text: str, limit: int = 34) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def huddles_by_week(
    start: date, end: date, held: Sequence[date], planned_per_week: int, width: float
) -> Drawing:
    """Bars of huddles held each week (Monday to Sunday), the plan as a dashed line."""
    first = start - timedelta(days=start.weekday())
    weeks: list[date] = []
    while first <= end:
        weeks.append(first)
        first += timedelta(days=7)
    counts = [sum(1 for d in held if w <= d < w + timedelta(days=7)) for w in weeks]
    height = 110.0
    left, bottom, top = 26.0, 22.0, height - 8
    d = Drawing(width, height)
    top_value = max([planned_per_week, *counts, 1])
    slot = (width - left) / max(len(weeks), 1)
    bar = min(slot * 0.62, 28)

    def y(value: float) -> float:
        return bottom + (top - bottom) * value / top_value

    axes = Group()
    axes.add(Line(left, bottom, width, bottom, strokeColor=BORDER))
    for tick in sorted({0, top_value // 2, top_value}):
        axes.add(String(left - 4, y(tick) - 2.5, str(tick), fontName=fonts.FAMILY, fontSize=7,
                        fillColor=SECONDARY, textAnchor="end"))  # fmt: skip
    d.add(axes)
    step = max(1, len(weeks) // 14 + (1 if len(weeks) % 14 else 0))
    for i, (week, count) in enumerate(zip(weeks, counts, strict=True)):
        x = left + slot * i + (slot - bar) / 2
        full = count >= planned_per_week
        d.add(Rect(x, bottom, bar, y(count) - bottom, fillColor=GREEN if full else NHS_BLUE,
                   strokeColor=None))  # fmt: skip
        d.add(String(x + bar / 2, y(count) + 2, str(count), fontName=fonts.BOLD, fontSize=7,
                     fillColor=SECONDARY, textAnchor="middle"))  # fmt: skip
        if i % step == 0:
            d.add(String(x + bar / 2, bottom - 10, fmt_date(week).rsplit(" ", 1)[0],
                         fontName=fonts.FAMILY, fontSize=7, fillColor=SECONDARY,
                         textAnchor="middle"))  # fmt: skip
    plan_y = y(planned_per_week)
    d.add(Line(left, plan_y, width, plan_y, strokeColor=ORANGE, strokeDashArray=[4, 3],
               strokeWidth=1))  # fmt: skip
    d.add(Rect(width - 92, top - 2, 92, 11, fillColor=PALE_BLUE, strokeColor=None))
    d.add(String(width - 4, top + 1, f"Planned: {planned_per_week} a week", fontName=fonts.FAMILY,
                 fontSize=7, fillColor=ORANGE, textAnchor="end"))  # fmt: skip
    use_report_fonts(d)
    return d
