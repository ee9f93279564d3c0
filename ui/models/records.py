"""Table models for the ward's records: actions, learning, measures, huddles."""

from __future__ import annotations

from datetime import date

from huddle.domain import Action, Huddle, LearningItem, Measure
from ui.formatting import date_and_time, number, short_date
from ui.models.base import Column, RecordTableModel
from ui.words import ACTION_STATUS, HUDDLE_KIND, HUDDLE_STATUS, LEARNING_KIND, PERIOD

FAR_FUTURE = date.max


class ActionsModel(RecordTableModel):
    TITLE, OWNER, DUE, STATUS, PRIORITY = range(5)

    def __init__(
        self,
        rows=(),
        parent=None,
        *,
        today: date | None = None,
        people: dict[str, str] | None = None,
    ) -> None:
        self.today = today or date.today()
        self.people = people or {}
        super().__init__(rows, parent)
        self.columns = (
            Column("Action", lambda a: a.title),
            Column("Owner", self.owner_name),
            Column(
                "Due",
                self.due_text,
                sort=lambda a: a.due_on or FAR_FUTURE,
                warn=lambda a: a.is_overdue(self.today),
            ),
            Column("Status", lambda a: ACTION_STATUS[a.status]),
            Column(
                "Priority",
                lambda a: a.priority.value.capitalize(),
                sort=lambda a: ("high", "normal", "low").index(a.priority.value),
            ),
        )

    def set_people(self, people: dict[str, str]) -> None:
        self.beginResetModel()
        self.people = people
        self.endResetModel()

    def owner_name(self, action: Action) -> str:
        if action.owner_id and action.owner_id in self.people:
            return self.people[action.owner_id]
        return action.owner_text or "No owner yet"

    def due_text(self, action: Action) -> str:
        text = short_date(action.due_on, empty="No date")
        return f"{text} (overdue)" if action.is_overdue(self.today) else text


class LearningModel(RecordTableModel):
    DATE, KIND, TITLE, LEARNED = range(4)
    columns = (
        Column("Date", lambda i: short_date(i.occurred_on), sort=lambda i: i.occurred_on),
        Column("Kind", lambda i: LEARNING_KIND[i.kind]),
        Column("What happened", lambda i: i.title),
        Column("What we learned", lambda i: i.what_learned or "Not written yet"),
    )


def _latest_point(series) -> str:
    latest = series.latest
    if latest is None:
        return "No values yet"
    unit = f" {series.measure.unit}" if series.measure.unit else ""
    return f"{number(latest.value)}{unit} ({short_date(latest.period_start)})"


class MeasuresModel(RecordTableModel):
    """Rows are ``MeasureSeries`` (a measure with its recent points)."""

    NAME, LATEST, PERIOD, TARGET = range(4)
    columns = (
        Column("Measure", lambda s: s.measure.name),
        Column(
            "Latest value",
            _latest_point,
            sort=lambda s: s.latest.period_start if s.latest else date.min,
        ),
        Column("Every", lambda s: PERIOD[s.measure.period]),
        Column(
            "Target",
            lambda s: "None" if s.measure.target is None else number(s.measure.target),
            sort=lambda s: s.measure.target or 0.0,
            right=True,
        ),
    )


class MeasureDefinitionsModel(RecordTableModel):
    NAME, UNIT, PERIOD = range(3)
    columns = (
        Column("Measure", lambda m: m.name),
        Column("Unit", lambda m: m.unit),
        Column("Every", lambda m: PERIOD[m.period]),
    )

    def measure(self, row: int) -> Measure:
        return self.record(row)


class HuddlesModel(RecordTableModel):
    STARTED, KIND, STATUS, PEOPLE = range(4)
    columns = (
        Column("Held", lambda h: date_and_time(h.started_at), sort=lambda h: h.started_at),
        Column("Kind", lambda h: HUDDLE_KIND[h.kind]),
        Column("Status", lambda h: HUDDLE_STATUS[h.status]),
        Column(
            "People there", lambda h: str(h.head_count), sort=lambda h: h.head_count, right=True
        ),
    )

    def huddle(self, row: int) -> Huddle:
        return self.record(row)


__all__ = ["ActionsModel", "HuddlesModel", "LearningModel", "LearningItem", "MeasuresModel"]
