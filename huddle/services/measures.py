"""The ward's measures: defining them, entering points, rebasing, annotating."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

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
from huddle.errors import ConflictError, FieldProblem, ValidationError
from huddle.services.base import Service
from huddle.services.validation import NAME_MAX, TITLE_MAX, Checker, whole_number
from huddle.store import measures as measures_q
from huddle.store import records

# No ward measure comes near a trillion; beyond it the chart maths overflows
# (1e308 was accepted once and crashed the exports and the chart).
VALUE_LIMIT = 1e12

MAX_BASELINE = 10_000


class MeasureSeries(msgspec.Struct, frozen=True):
    """A measure with its recent points, for the Today page and reports."""

    measure: Measure
    points: tuple[MeasurePoint, ...]

    @property
    def latest(self) -> MeasurePoint | None:
        return self.points[-1] if self.points else None


class Measures(Service):
    editable = (
        "name",
        "unit",
        "better",
        "target",
        "period",
        "chart_kind",
        "baseline_points",
        "description",
        "rare_event_chart",
    )

    def _check(self, check: Checker, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if "name" in fields:
            values["name"] = check.text(
                "name", fields["name"], required=True, max_len=NAME_MAX, label="the measure's name"
            )
        if "unit" in fields:
            values["unit"] = check.text("unit", fields["unit"], max_len=40)
        if "description" in fields:
            values["description"] = check.text("description", fields["description"])
        for name, enum in (
            ("better", Direction),
            ("period", Period),
            ("chart_kind", ChartKind),
            ("rare_event_chart", RareEventChart),
        ):
            if name in fields:
                chosen = check.choice(name, fields[name], enum)
                values[name] = chosen.value if chosen else None
        if "target" in fields:
            values["target"] = check.number(
                "target",
                fields["target"],
                required=False,
                minimum=-VALUE_LIMIT,
                maximum=VALUE_LIMIT,
            )
        if "baseline_points" in fields:
            baseline = fields["baseline_points"]
            if baseline is None:
                values["baseline_points"] = None
            else:
                values["baseline_points"] = check.whole(
                    "baseline_points", baseline, minimum=2, maximum=MAX_BASELINE
                )
        return values

    def define_measure(
        self,
        *,
        name: str,
        unit: str = "",
        better: Direction | str = Direction.UP,
        target: float | None = None,
        period: Period | str = Period.WEEK,
        chart_kind: ChartKind | str = ChartKind.XMR,
        baseline_points: int | None = None,
        description: str = "",
        rare_event_chart: RareEventChart | str = RareEventChart.NONE,
    ) -> Measure:
        check = Checker()
        values = self._check(
            check,
            {
                "name": name,
                "unit": unit,
                "better": better,
                "target": target,
                "period": period,
                "chart_kind": chart_kind,
                "baseline_points": baseline_points,
                "description": description,
                "rare_event_chart": rare_event_chart,
            },
        )
        check.done()
        row = self._inserted("measure", {"ward_id": self.ward_id, **values})
        self._changed("measure", ids=(row["id"],))
        return measures_q.measure(self.store, row["id"])

    def update_measure(self, measure_id: str, *, expected_version: int, **fields: Any) -> Measure:
        self._edited("measure", measure_id, fields, expected_version=expected_version)
        return measures_q.measure(self.store, measure_id)

    def archive_measure(self, measure_id: str, *, expected_version: int) -> Measure:
        self._updated("measure", measure_id, {"archived": 1}, expected_version=expected_version)
        return measures_q.measure(self.store, measure_id)

    def record_points(
        self,
        measure_id: str,
        entries: Sequence[tuple[date | str, object] | tuple[date | str, object, str]],
        *,
        versions: Mapping[str, int] | None = None,
    ) -> list[MeasurePoint]:
        """Enter or correct several points in one save (e.g. a pasted column).

        Every bad row is reported by its position; nothing is saved unless all
        rows are good. ``versions`` names, by ISO period start, the version of
        each point the person saw when they started: a point changed since, or
        one saved meanwhile for a period they saw empty, is a conflict (the
        whole save is refused, nothing is overwritten).
        """
        seen = dict(versions or {})
        measures_q.measure(self.store, measure_id)
        check = Checker()
        cleaned: dict[str, tuple[float, str]] = {}
        for i, entry in enumerate(entries):
            day = check.day(f"points[{i}].period_start", entry[0], required=True)
            value = check.number(
                f"points[{i}].value", entry[1], minimum=-VALUE_LIMIT, maximum=VALUE_LIMIT
            )
            note = check.text(
                f"points[{i}].note", entry[2] if len(entry) > 2 else "", max_len=TITLE_MAX
            )
            if day is not None and value is not None:
                if day.isoformat() in cleaned:
                    check.fail(
                        f"points[{i}].period_start",
                        "duplicate",
                        f"{day.isoformat()} appears twice; keep one value per period.",
                    )
                cleaned[day.isoformat()] = (value, note)
        check.done()
        with self.store.transaction():
            for period_start, (value, note) in cleaned.items():
                existing = measures_q.point_on(self.store, measure_id, period_start)
                if existing is None:
                    records.insert(
                        self.store,
                        "measure_point",
                        {
                            "measure_id": measure_id,
                            "period_start": period_start,
                            "value": value,
                            "note": note,
                        },
                    )
                else:
                    if period_start not in seen:  # saved by someone else meanwhile
                        raise ConflictError("measure_point", existing["id"], 0, existing)
                    records.update(
                        self.store,
                        "measure_point",
                        existing["id"],
                        {"value": value, "note": note},
                        expected_version=seen[period_start],
                    )
        self._changed("measure_point", ids=(measure_id,))
        stored = {p.period_start.isoformat(): p for p in measures_q.points(self.store, measure_id)}
        return [stored[k] for k in cleaned]

    def record_point(
        self,
        measure_id: str,
        *,
        period_start: date | str,
        value: object,
        note: str = "",
        expected_version: int | None,
    ) -> MeasurePoint:
        """Enter one point, or correct it: ``expected_version`` is the version of
        the point the person started from, None when the period had none."""
        day = Checker().day("period_start", period_start, required=True)
        versions = {}
        if expected_version is not None and day is not None:
            versions[day.isoformat()] = records.check_version(expected_version)
        try:
            return self.record_points(measure_id, [(period_start, value, note)], versions=versions)[
                0
            ]
        except ValidationError as error:  # report the single row's fields plainly
            raise ValidationError(
                [FieldProblem(p.field.split(".", 1)[-1], p.code, p.message) for p in error.problems]
            ) from None

    def rebase(self, measure_id: str, *, from_date: date | str, reason: str) -> Rebase:
        check = Checker()
        day = check.day("from_date", from_date, required=True)
        why = check.text(
            "reason", reason, required=True, max_len=TITLE_MAX, label="why the process changed"
        )
        check.done()
        assert day is not None
        measures_q.measure(self.store, measure_id)
        if any(r.from_date == day for r in measures_q.rebases(self.store, measure_id)):
            raise ValidationError.single(
                "from_date", "duplicate", "The chart is already rebased at that date."
            )
        row = self._inserted(
            "measure_rebase",
            {"measure_id": measure_id, "from_date": day.isoformat(), "reason": why},
        )
        self._changed("measure_rebase", ids=(measure_id,))
        return Rebase(row["id"], measure_id, day, why)

    def annotate(
        self,
        measure_id: str,
        *,
        on_date: date | str,
        text: str,
        action_id: str | None = None,
        pdsa_id: str | None = None,
    ) -> Annotation:
        check = Checker()
        day = check.day("on_date", on_date, required=True)
        words = check.text("text", text, required=True, max_len=TITLE_MAX, label="a note")
        check.done()
        assert day is not None
        measures_q.measure(self.store, measure_id)
        row = self._inserted(
            "annotation",
            {
                "measure_id": measure_id,
                "on_date": day.isoformat(),
                "text": words,
                "action_id": action_id,
                "pdsa_id": pdsa_id,
            },
        )
        self._changed("annotation", ids=(measure_id,))
        return Annotation(row["id"], measure_id, day, words, action_id, pdsa_id)

    def measure(self, measure_id: str) -> Measure:
        return measures_q.measure(self.store, measure_id)

    def measures(self) -> list[Measure]:
        return measures_q.measures(self.store, self.ward_id)

    def points(self, measure_id: str) -> list[MeasurePoint]:
        return measures_q.points(self.store, measure_id)

    def rebases(self, measure_id: str) -> list[Rebase]:
        return measures_q.rebases(self.store, measure_id)

    def annotations(self, measure_id: str) -> list[Annotation]:
        return measures_q.annotations_for(self.store, measure_id)

    def latest_series(
        self, *, points: int = 24, measure_ids: Iterable[str] = ()
    ) -> list[MeasureSeries]:
        """Each measure with its latest ``points`` points, oldest first."""
        wanted = set(measure_ids)
        points = whole_number("points", points, maximum=100_000)
        return [
            MeasureSeries(m, tuple(measures_q.points(self.store, m.id, last=points)))
            for m in self.measures()
            if not wanted or m.id in wanted
        ]
