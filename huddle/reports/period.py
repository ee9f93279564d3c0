"""The period report (a month or a quarter): what the ward's data says, gathered.

:func:`gather` reads everything the report prints through the services, so
the identifier check can see it all before a page is laid out;
``period_pages`` lays it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from huddle.domain import (
    Action,
    ActionStatus,
    Huddle,
    LearningItem,
    LearningKind,
    Measure,
    MeasurePoint,
    PdsaCycle,
    Person,
)
from huddle.errors import ValidationError
from huddle.identifier_refusal import place
from huddle.reports import psirf_pages
from huddle.reports.layout import Progress
from huddle.reports.psirf_pages import PsirfPeriod
from huddle.services.app import HuddleApp
from huddle.services.board import RECORD_DAYS, local_day_start
from huddle.services.charts import MeasureChart, measure_chart
from huddle.services.preferences import stale_after_days
from huddle.spc.verdict import Verdict

CHART_POINTS = 36  # the points a chart shows, ending with the period's last
ANNOTATIONS_PER_CHART = 6


@dataclass(frozen=True)
class MeasureView:
    """A measure as a report prints it: the one chart, as of the report's last day,
    showing its latest ``CHART_POINTS`` points."""

    chart: MeasureChart
    in_period: int  # how many of the points shown fall in the period

    @property
    def measure(self) -> Measure:
        return self.chart.measure

    @property
    def verdict(self) -> Verdict:
        return self.chart.verdict

    @property
    def points(self) -> tuple[MeasurePoint, ...]:
        """The points the printed chart shows, oldest first."""
        return self.chart.shown_points

    @property
    def annotations(self) -> tuple[tuple[int, str], ...]:
        """(index among the points shown, note), the latest few."""
        return self.chart.shown_annotations[-ANNOTATIONS_PER_CHART:]

    @property
    def latest(self) -> MeasurePoint | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class PeriodData:
    ward: str
    site: str
    specialty: str
    generated: datetime
    today: date
    start: date
    end: date
    planned_per_week: int
    huddles: tuple[Huddle, ...]
    record_days: tuple[date, ...]  # the 21 days ending with the period (or today)
    record_held: frozenset[date]
    people: dict[str, Person]
    measures: tuple[MeasureView, ...]
    learning: tuple[LearningItem, ...]
    opened: tuple[Action, ...]
    closed: tuple[Action, ...]  # in the order they closed
    closed_on: dict[str, date]  # action id -> the day it was closed
    overdue: tuple[Action, ...]
    stalled: tuple[Action, ...]
    stale_after: int  # the ward's stale_days: no progress for this long is stalled
    cycles: tuple[tuple[Action, PdsaCycle], ...]
    last_harm: date | None
    psirf: PsirfPeriod | None = None  # learning responses, pulse, patient voice (#20)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def through(self) -> date:
        """The last day the report can speak for: the period's end, or today."""
        return max(self.start, min(self.end, self.today))

    @property
    def planned(self) -> int:
        """Huddles planned in the days so far (a period still running counts to today)."""
        return round(self.planned_per_week * ((self.through - self.start).days + 1) / 7)

    @property
    def held_days(self) -> int:
        return len({h.held_on for h in self.huddles})

    def role_counts(self) -> list[tuple[str, int, int]]:
        """(role, attendances, different people), most attendances first."""
        attendances: Counter[str] = Counter()
        people: dict[str, set[str]] = {}
        for huddle in self.huddles:
            for person_id in huddle.attendee_ids:
                person = self.people.get(person_id)
                role = (person.role if person else "") or "Role not recorded"
                attendances[role] += 1
                people.setdefault(role, set()).add(person_id)
        return [(role, n, len(people[role])) for role, n in attendances.most_common()]


def gather(
    app: HuddleApp, start: date, end: date, *, progress: Progress | None = None
) -> PeriodData:
    if end < start:
        raise ValidationError.single("end", "before_start", "The period ends before it starts.")
    ward = app.setup.ward()
    today = app.clock.today()
    huddles = app.huddles.held_between(local_day_start(start), local_day_start(end + timedelta(1)))
    record_end = min(end, today)
    record_days = tuple(record_end - timedelta(days=n) for n in range(RECORD_DAYS - 1, -1, -1))
    record_huddles = app.huddles.held_between(
        local_day_start(record_days[0]), local_day_start(record_end + timedelta(1))
    )
    measures = app.measures.measures()
    views = []
    for number, measure in enumerate(measures, start=1):
        views.append(measure_view(app, measure, start, end))
        if progress is not None:
            progress(number, len(measures) + 1)
    # actions as they stood at the end of the period's last day (or today), not as now
    through = max(start, min(end, today))
    actions, closed_at = app.actions.actions_as_of(through)
    end_of_day = local_day_start(through + timedelta(1))
    stale_after = stale_after_days(app.store)
    return PeriodData(
        ward=ward.name,
        site=ward.site,
        specialty=ward.specialty,
        generated=app.clock.now(),
        today=today,
        start=start,
        end=end,
        planned_per_week=int(app.preferences.get("planned_huddles_per_week")),
        huddles=tuple(huddles),
        record_days=record_days,
        record_held=frozenset(h.held_on for h in record_huddles),
        people={p.id: p for p in app.setup.people(include_inactive=True)},
        measures=tuple(views),
        learning=tuple(app.learning.items(since=start, until=end)),
        opened=tuple(a for a in actions if start <= _local(a.created_at) <= end),
        closed=tuple(
            sorted(
                (
                    a
                    for a in actions
                    if not a.status.is_open
                    and a.id in closed_at
                    and start <= _local(closed_at[a.id]) <= end
                ),
                key=lambda a: closed_at[a.id],
            )
        ),
        closed_on={k: _local(v) for k, v in closed_at.items()},
        overdue=tuple(a for a in actions if a.is_overdue(through)),
        stalled=tuple(
            a
            for a in actions
            if a.status is ActionStatus.STALLED
            or (a.status.is_open and a.stale_days(end_of_day, stale_after))
        ),
        stale_after=stale_after,
        cycles=tuple(_cycles(app, actions, start, end)),
        last_harm=last_harm_day(app, min(end, today)),
        psirf=psirf_pages.gather(app, start, end),
    )


def _local(moment: datetime) -> date:
    return moment.astimezone().date()


def _cycles(
    app: HuddleApp, actions: list[Action], start: date, end: date
) -> Iterator[tuple[Action, PdsaCycle]]:
    """PDSA cycles completed in the period (finishing one writes a progress note)."""
    for action in actions:
        touched = action.last_progress_at or action.updated_at
        if _local(touched) < start:
            continue
        for cycle in app.actions.cycles(action.id):
            if cycle.completed_on is not None and start <= cycle.completed_on <= end:
                yield action, cycle


def last_harm_day(app: HuddleApp, end: date) -> date | None:
    """The day of the last incident with harm on or before ``end`` (None: none found)."""
    for window in (92, None):
        since = None if window is None else end - timedelta(days=window)
        for item in app.learning.items(kinds=(LearningKind.INCIDENT,), since=since, until=end):
            if item.harm.value != "none":
                return item.occurred_on
    return None


def measure_view(app: HuddleApp, measure: Measure, start: date, end: date) -> MeasureView:
    """The measure's one chart as of ``end``, its last ``CHART_POINTS`` points shown."""
    chart = measure_chart(app.store, measure, as_of=end, window=CHART_POINTS)
    in_period = sum(1 for p in chart.shown_points if p.period_start >= start)
    return MeasureView(chart, in_period)


def texts(data: PeriodData) -> Iterator[tuple[str, str]]:
    """Every piece of free text the report prints, placed by kind and date."""
    for view in data.measures:
        yield place("measure", "name"), view.measure.name
        yield place("measure", "unit"), view.measure.unit
        for point in view.points:
            yield place("measure_point", "note", point.period_start), point.note
        for _, note in view.annotations:
            yield place("annotation", "text"), note
    for item in data.learning:
        for field in ("title", "what_happened", "what_helped", "what_learned", "what_change"):
            yield place("learning_item", field, item.occurred_on), getattr(item, field)
    for action in {a.id: a for a in (*data.opened, *data.closed, *data.overdue, *data.stalled,
                                     *(a for a, _ in data.cycles))}.values():  # fmt: skip
        for field in ("title", "owner_text", "closing_note", "drop_reason"):
            yield place("action", field, action.created_at), getattr(action, field)
    for _action, cycle in data.cycles:
        for field in ("plan", "prediction", "do", "study"):
            yield place("pdsa_cycle", field, cycle.started_on), getattr(cycle, field)
    if data.psirf is not None:
        yield from psirf_pages.texts(data.psirf)


__all__ = ["MeasureView", "PeriodData", "gather", "last_harm_day", "measure_view", "texts"]
