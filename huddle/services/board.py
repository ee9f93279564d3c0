"""What a huddle screen shows at a glance, gathered in one call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import msgspec

from huddle.domain import Action, ChartKind, Huddle, LearningItem, Measure
from huddle.domain_escalations import EscalationView
from huddle.services.base import Service
from huddle.services.charts import MeasureChart, measure_chart
from huddle.services.validation import MAX_DAYS, whole_number
from huddle.store import huddles as huddles_q
from huddle.store import learning as learning_q
from huddle.store import measures as measures_q

RECORD_DAYS = 21
TODAY_MEASURES = 3  # measures Today lists: more would not fit 1366x768 read from two metres


class TodayBoard(msgspec.Struct, frozen=True):
    today: date
    days_since_last_harm: int | None
    last_harm_on: date | None
    huddle_days: tuple[date, ...]  # days in the last 21 with a finished huddle
    record_days: int
    running: Huddle | None
    last_huddle: Huddle | None
    overdue: tuple[Action, ...]
    due_this_week: tuple[Action, ...]
    learning_since_last: tuple[LearningItem, ...]
    # the ward's first measures (the same charts the Measures page draws), and how many
    # it has in all
    measures: tuple[MeasureChart, ...]
    measure_count: int
    focus_harm: MeasureChart | None = None  # the ward's chosen safety cross, if any
    # escalations waiting for a tier's answer (overdue first), and "You said, we did"
    open_escalations: tuple[EscalationView, ...] = ()
    recent_answers: tuple[EscalationView, ...] = ()

    @property
    def huddles_held(self) -> int:
        return len(self.huddle_days)


def focus_measure(measures: Sequence[Measure], chosen_id: str) -> Measure | None:
    """The ward's focus harm: the chosen safety-cross measure, else the first one."""
    crosses = [m for m in measures if m.chart_kind is ChartKind.SAFETY_CROSS]
    chosen = [m for m in crosses if m.id == chosen_id]
    found = chosen or crosses
    return found[0] if found else None


def focus_harm(charts: tuple[MeasureChart, ...], chosen_id: str) -> MeasureChart | None:
    """The focus harm's chart among ``charts`` (see :func:`focus_measure`)."""
    found = focus_measure([c.measure for c in charts], chosen_id)
    return next((c for c in charts if found is not None and c.measure.id == found.id), None)


def local_day_start(day: date) -> datetime:
    """Midnight at the start of a local calendar day, as a UTC moment."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


class Board(Service):
    def days_since_last_harm(self) -> int | None:
        last = learning_q.last_harm_date(self.store, self.ward_id)
        return None if last is None else (self.clock.today() - last).days

    def huddle_days(self, days: int = RECORD_DAYS) -> list[date]:
        """The local days among the last ``days`` (today included) with a huddle."""
        today = self.clock.today()
        days = whole_number("days", days, minimum=1, maximum=min(MAX_DAYS, today.toordinal()))
        first = today - timedelta(days=days - 1)
        starts = huddles_q.start_times(
            self.store,
            self.ward_id,
            local_day_start(first),
            local_day_start(today + timedelta(days=1)),
        )
        return sorted({s.astimezone().date() for s in starts})

    def today(self, *, measures: int = TODAY_MEASURES) -> TodayBoard:
        """Today's board, charting the first ``measures`` measures and the focus harm
        (the rest are counted, not charted: Today does not show them)."""
        with self.store.snapshot():  # one picture of the ward, read under one lock
            return self._today(measures)

    def _today(self, measures: int) -> TodayBoard:
        listed = measures_q.measures(self.store, self.ward_id)
        focus = focus_measure(listed, self._app.preferences.get("focus_measure_id"))
        shown = listed[:measures]
        today = self.clock.today()
        charts = {
            m.id: measure_chart(self.store, m, as_of=today)
            for m in [*shown, focus]
            if m is not None
        }
        last_harm = learning_q.last_harm_date(self.store, self.ward_id)
        app = self._app
        return TodayBoard(
            today=today,
            days_since_last_harm=None if last_harm is None else (today - last_harm).days,
            last_harm_on=last_harm,
            huddle_days=tuple(self.huddle_days()),
            record_days=RECORD_DAYS,
            running=huddles_q.running(self.store, self.ward_id),
            last_huddle=huddles_q.latest_finished(self.store, self.ward_id),
            overdue=tuple(app.actions.overdue_actions()),
            due_this_week=tuple(app.actions.due_within(7)),
            learning_since_last=tuple(app.learning.since_last_huddle()),
            measures=tuple(charts[m.id] for m in shown),
            measure_count=len(listed),
            focus_harm=None if focus is None else charts[focus.id],
            open_escalations=tuple(app.escalations.open_for_ward()),
            recent_answers=tuple(app.escalations.recently_answered()),
        )
