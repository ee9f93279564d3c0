"""A measure's chart, computed once from its points, rebases and annotations.

The Measures page, the Today tiles and the PDF reports all draw from this, so
the icon on the huddle screen and the chart handed to matron always agree.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

import msgspec

from huddle.domain import Annotation, ChartKind, Direction, Measure, MeasurePoint, Rebase
from huddle.services.base import Service
from huddle.spc import XmrChart, xmr_chart
from huddle.spc.run_chart import RunChart, run_chart
from huddle.spc.safety import SafetyCross, days_since_last_harm, safety_cross
from huddle.store import measures as measures_q


class PlacedAnnotation(msgspec.Struct, frozen=True):
    """An annotation and the index of the point it belongs to (at or after its date)."""

    annotation: Annotation
    index: int


class MeasureChart(msgspec.Struct, frozen=True):
    measure: Measure
    points: tuple[MeasurePoint, ...]
    rebases: tuple[Rebase, ...]
    annotations: tuple[PlacedAnnotation, ...]
    xmr: XmrChart | None  # for XmR measures with two or more points
    run: RunChart | None  # for run-chart measures with two or more points

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


def build_chart(
    measure: Measure,
    points: list[MeasurePoint],
    rebases: list[Rebase],
    annotations: list[Annotation],
) -> MeasureChart:
    """Pure: compute a measure's chart from its stored parts."""
    days = [p.period_start for p in points]
    values = [p.value for p in points]
    cuts = segment_starts(days, rebases)
    placed = tuple(
        PlacedAnnotation(a, min(bisect_left(days, a.on_date), len(days) - 1))
        for a in annotations
        if days
    )
    xmr = run = None
    # a safety cross is a calendar of harm and harm-free days, not an SPC chart
    if len(values) >= 2 and measure.chart_kind is ChartKind.RUN:
        run = run_chart(values, baseline=measure.baseline_points)
    elif len(values) >= 2 and measure.chart_kind is ChartKind.XMR:
        xmr = xmr_chart(
            values,
            baseline=measure.baseline_points,
            rebase_at=cuts,
            better=_better(measure.better),  # type: ignore[arg-type]
            target=measure.target,
        )
    return MeasureChart(measure, tuple(points), tuple(rebases), placed, xmr, run)


class Charts(Service):
    def chart(self, measure_id: str) -> MeasureChart:
        return build_chart(
            measures_q.measure(self.store, measure_id),
            measures_q.points(self.store, measure_id),
            measures_q.rebases(self.store, measure_id),
            measures_q.annotations_for(self.store, measure_id),
        )

    def all_charts(self) -> list[MeasureChart]:
        return [self.chart(m.id) for m in measures_q.measures(self.store, self.ward_id)]
