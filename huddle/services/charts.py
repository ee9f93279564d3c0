"""A measure's chart and verdict, decided once, as of a date.

:func:`build_chart` is the one function that decides a measure's chart: its
kind, segments, centre, limits, each point's type and the variation and
assurance verdicts with their words (``MeasureChart.verdict``). Today, the
Measures page, the huddle runner and summary, the ward report, the poster and
``huddle measures`` all call it through :class:`Charts`; none of them
recomputes or re-words anything. The chart always takes every point up to its
``as_of`` date, so a report that shows only its last points (``window``) still
prints the verdict and limits the ward sees on that date.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

import msgspec

from huddle.domain import (
    Annotation,
    ChartKind,
    Direction,
    Measure,
    MeasurePoint,
    Period,
    RareEventChart,
    Rebase,
)
from huddle.formatting import counted
from huddle.services.base import Service
from huddle.spc import XmrChart, xmr_chart
from huddle.spc.rare_events import DaysBetween, days_between
from huddle.spc.run_chart import RunChart, run_chart
from huddle.spc.safety import SafetyCross, days_since_last_harm, safety_cross
from huddle.spc.verdict import (
    Verdict,
    limits_text,
    run_verdict,
    safety_cross_verdict,
    too_few_verdict,
    xmr_verdict,
)
from huddle.spc.windows import window_run, window_xmr
from huddle.store import measures as measures_q
from huddle.store.connection import Store
from huddle.words import CHART_WORDS


class PlacedAnnotation(msgspec.Struct, frozen=True):
    """An annotation and the index of the point it belongs to (at or after its date)."""

    annotation: Annotation
    index: int


class MeasureChart(msgspec.Struct, frozen=True):
    measure: Measure
    points: tuple[MeasurePoint, ...]  # every point up to ``as_of``
    rebases: tuple[Rebase, ...]
    annotations: tuple[PlacedAnnotation, ...]
    xmr: XmrChart | None  # for XmR measures with two or more points
    run: RunChart | None  # for run-chart measures with two or more points
    verdict: Verdict
    as_of: date | None = None  # None: every point, however late
    window: int | None = None  # how many of the latest points a printed chart shows
    rare: DaysBetween | None = None  # days between events, when the measure asks for it

    @property
    def shown_from(self) -> int:
        """Index of the first point a windowed chart shows."""
        if self.window is None:
            return 0
        return max(len(self.points) - self.window, 0)

    @property
    def shown_points(self) -> tuple[MeasurePoint, ...]:
        return self.points[self.shown_from :]

    @property
    def shown_xmr(self) -> XmrChart | None:
        """The XmR chart cut to the window (lines and types as the whole chart has them)."""
        if self.xmr is None:
            return None
        return window_xmr(self.xmr, self.shown_from)

    @property
    def shown_run(self) -> RunChart | None:
        if self.run is None:
            return None
        return window_run(self.run, self.shown_from)

    @property
    def shown_annotations(self) -> tuple[tuple[int, str], ...]:
        """(index within the window, text) for the annotations inside the window."""
        first = self.shown_from
        return tuple(
            (placed.index - first, placed.annotation.text)
            for placed in self.annotations
            if placed.index >= first
        )

    @property
    def limits_basis(self) -> tuple[int, date, date] | None:
        """(how many points, first date, last date) the current limits come from."""
        if self.xmr is not None:
            segment = self.xmr.latest_segment
            first = segment.start
            last = segment.start + segment.baseline_size - 1
        elif self.run is not None:
            first, last = 0, self.run.baseline_size - 1
        else:
            return None
        return (last - first + 1, self.points[first].period_start, self.points[last].period_start)

    @property
    def values(self) -> list[float]:
        return [p.value for p in self.points]

    @property
    def variation(self) -> str | None:
        """The Making Data Count variation icon for the latest point, if any."""
        return self.xmr.variation if self.xmr is not None else None

    @property
    def assurance(self) -> str | None:
        return self.xmr.assurance if self.xmr is not None else None

    @property
    def harm_dates(self) -> list[date]:
        """For a safety-cross measure (a daily count of harm): the days with harm."""
        return [p.period_start for p in self.points if p.value > 0]

    def days_since_last_harm(self, today: date) -> int | None:
        return days_since_last_harm(self.harm_dates, today)

    def safety_cross(self, year: int, month: int, today: date) -> SafetyCross:
        """The month's calendar: a day with a point above 0 had harm, a day with a
        point of 0 was harm-free, a day without a point was not recorded."""
        return safety_cross(
            year,
            month,
            harm_dates=self.harm_dates,
            recorded_dates=[p.period_start for p in self.points],
            today=today,
        )

    @property
    def signals(self) -> tuple[str, ...]:
        if self.run is not None:
            return tuple(self.run.signals)
        if self.xmr is not None:
            return tuple(sorted({r for p in self.xmr.points for r in p.rules}))
        return ()


DAYS_UNIT = "days between events"


def days_between_chart(chart: MeasureChart) -> MeasureChart | None:
    """A rare-event measure's "days between events" chart, as a chart of its own.

    Its points are the gaps (each dated by the later event), its lines and point
    types those of ``chart.rare`` and its verdict the one the report prints under
    its t-chart, so the Measures page draws it with the same painter as any XmR.
    None when the measure has no such chart (or fewer than three events).
    """
    rare = chart.rare
    if rare is None:
        return None
    measure = msgspec.structs.replace(
        chart.measure,
        unit=DAYS_UNIT,
        better=Direction.UP,  # more days between harms is better
        target=None,
        period=Period.DAY,
        chart_kind=ChartKind.XMR,
        baseline_points=None,
        rare_event_chart=RareEventChart.NONE,
    )
    points = tuple(
        MeasurePoint(f"{chart.measure.id}:gap:{i}", chart.measure.id, day, gap, "", 0)
        for i, (day, gap) in enumerate(zip(rare.dates, rare.days, strict=True))
    )
    verdict = days_between_verdict(rare)
    return MeasureChart(
        measure, points, (), (), rare.chart, None, verdict, chart.as_of, chart.window
    )


def days_between_verdict(rare: DaysBetween) -> Verdict:
    return xmr_verdict(rare.chart, unit="days", chart="days_between")


def days_between_note(rare: DaysBetween) -> str:
    """What the days-between chart shows, in the words the screen and the report print."""
    verdict = days_between_verdict(rare)
    gaps = counted(len(rare.days), "gap")
    return (
        f"{CHART_WORDS['days_between']}: {gaps} between {rare.events} events, each dated "
        f"by the later event; {verdict.variation_label}; in days: {limits_text(verdict)}."
    )


def _better(direction: Direction) -> str | None:
    return None if direction is Direction.NEUTRAL else direction.value


def segment_starts(days: list[date], rebases: list[Rebase]) -> list[int]:
    """Point indices where a rebase starts a new segment.

    A rebase that would leave a segment of fewer than two points is ignored
    (one point has no moving range), as is one before the first point.
    """
    starts: list[int] = []
    previous = 0
    for index in sorted({bisect_left(days, r.from_date) for r in rebases}):
        if index - previous >= 2 and len(days) - index >= 2:
            starts.append(index)
            previous = index
    return starts


def missing_before(days: list[date], period: Period) -> list[int]:
    """Indices of points that follow a period nobody recorded.

    The missing period keeps its place in the arithmetic: the moving range
    across it is not taken (NHSRplotthedots' NA), so a gap never passes for
    one period's change.
    """
    gaps = []
    for i in range(1, len(days)):
        before, now = days[i - 1], days[i]
        if period is Period.MONTH:
            step = (now.year - before.year) * 12 + now.month - before.month
        else:
            step = (now - before).days // (7 if period is Period.WEEK else 1)
        if step > 1:
            gaps.append(i)
    return gaps


def build_chart(
    measure: Measure,
    points: list[MeasurePoint],
    rebases: list[Rebase],
    annotations: list[Annotation],
    *,
    as_of: date | None = None,
    window: int | None = None,
) -> MeasureChart:
    """Pure: decide a measure's chart and verdict from its stored parts, as of a date.

    Only points starting on or before ``as_of`` count (every point when None);
    ``window`` only says how many of the latest a printed chart shows; the lines
    and verdicts always come from every point up to ``as_of``.
    """
    if as_of is not None:
        points = [p for p in points if p.period_start <= as_of]
        rebases = [r for r in rebases if r.from_date <= as_of]
        annotations = [a for a in annotations if a.on_date <= as_of]
    days = [p.period_start for p in points]
    values = [p.value for p in points]
    cuts = segment_starts(days, rebases)
    placed = tuple(
        PlacedAnnotation(a, min(bisect_left(days, a.on_date), len(days) - 1))
        for a in annotations
        if days
    )
    xmr = run = None
    has_target = measure.target is not None
    kind = measure.chart_kind.value
    rare = None
    if measure.rare_event_chart is not RareEventChart.NONE:
        rare = days_between(
            [(p.period_start, p.value) for p in points],
            better=_better(measure.better),  # type: ignore[arg-type]
            period_days={Period.DAY: 1, Period.WEEK: 7, Period.MONTH: 30}[measure.period],
        )
    # a safety cross is a calendar of harm and harm-free days, not an SPC chart
    if measure.chart_kind is ChartKind.SAFETY_CROSS:
        verdict = safety_cross_verdict(has_target=has_target)
    elif len(values) >= 2 and measure.chart_kind is ChartKind.RUN:
        run = run_chart(values, baseline=measure.baseline_points)
        verdict = run_verdict(run, has_target=has_target)
    elif len(values) >= 2 and measure.chart_kind is ChartKind.XMR:
        xmr = xmr_chart(
            values,
            baseline=measure.baseline_points,
            rebase_at=cuts,
            better=_better(measure.better),  # type: ignore[arg-type]
            target=measure.target,
            gaps_before=missing_before(days, measure.period),
        )
        verdict = xmr_verdict(xmr, unit=measure.unit)
    else:
        verdict = too_few_verdict(kind, has_target=has_target)
    if measure.rare_event_chart is RareEventChart.INSTEAD:
        # the measure is read as days between events: that chart gives the verdict
        verdict = (
            too_few_verdict("days_between", has_target=has_target)
            if rare is None
            else days_between_verdict(rare)
        )
    return MeasureChart(
        measure, tuple(points), tuple(rebases), placed, xmr, run, verdict, as_of, window, rare
    )


def measure_chart(
    store: Store, measure: Measure, *, as_of: date, window: int | None = None
) -> MeasureChart:
    """The chart of a measure already read (a list of them, say): its points, rebases
    and annotations from the store, through :func:`build_chart`."""
    return build_chart(
        measure,
        measures_q.points(store, measure.id),
        measures_q.rebases(store, measure.id),
        measures_q.annotations_for(store, measure.id),
        as_of=as_of,
        window=window,
    )


class Charts(Service):
    """Every screen, report and command asks here for a measure's chart."""

    def chart(
        self, measure_id: str, *, as_of: date | None = None, window: int | None = None
    ) -> MeasureChart:
        """The chart as of ``as_of`` (default: today, as the ward sees it now).

        A point dated after ``as_of`` is not judged (the points grid still lists it).
        """
        measure = measures_q.measure(self.store, measure_id)
        return measure_chart(self.store, measure, as_of=self._day(as_of), window=window)

    def _day(self, as_of: date | None) -> date:
        return self.clock.today() if as_of is None else as_of

    def all_charts(
        self, *, as_of: date | None = None, window: int | None = None
    ) -> list[MeasureChart]:
        """Every active measure's chart, in the ward's order."""
        day = self._day(as_of)
        return [
            measure_chart(self.store, m, as_of=day, window=window)
            for m in measures_q.measures(self.store, self.ward_id)
        ]
