"""Ward preferences kept in the database, each declared once."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.store import preferences as preferences_q
from huddle.store.connection import Store


class Preference(msgspec.Struct, frozen=True):
    key: str
    kind: type
    default: Any
    label: str
    check: Any = None  # raises ValidationError for a value of the right type that is wrong
    check_stored: Any = None  # the same for a value naming a record: (store, ward_id, value)


def _check_weekday(value: int) -> None:
    if not 0 <= value <= 6:
        raise ValidationError.single(
            "pulse_weekday", "range", "Choose a day of the week from 0 (Monday) to 6 (Sunday)."
        )


def _check_focus(store: Store, ward_id: str, value: str) -> None:
    """Blank, or one of the ward's safety-cross measures (not archived)."""
    from huddle.domain import ChartKind
    from huddle.store import measures as measures_q

    if not value:
        return
    crosses = {
        m.id for m in measures_q.measures(store, ward_id) if m.chart_kind is ChartKind.SAFETY_CROSS
    }
    if value not in crosses:
        raise ValidationError.single(
            "focus_measure_id",
            "choice",
            "Choose one of the ward's safety-cross measures, or leave it blank for the first.",
        )


def _check_milestones(value: str) -> None:
    from huddle.services.excellence import parse_milestones

    parse_milestones(value)


def _check_question(value: str) -> None:
    from huddle.domain_psirf import PULSE_BY_KEY

    if value not in PULSE_BY_KEY:
        raise ValidationError.single(
            "pulse_question", "choice", f"Choose one of: {', '.join(PULSE_BY_KEY)}."
        )


PREFERENCES = {
    p.key: p
    for p in (
        Preference("backup_folder", str, "", "Folder for backups (blank: beside the database)"),
        Preference("planned_huddles_per_week", int, 7, "Huddles planned each week"),
        Preference("stale_days", int, 30, "Days without progress before an action is stale"),
        Preference("sample_ward", bool, False, "The sample ward: nothing in it is real"),
        Preference(
            "focus_measure_id",
            str,
            "",
            "The harm Today shows as a safety cross (blank: the first safety-cross measure)",
            check_stored=_check_focus,
        ),
        Preference(
            "pulse_weekday",
            int,
            3,
            "Day of the speak-up pulse (0 Monday to 6 Sunday)",
            _check_weekday,
        ),
        Preference(
            "pulse_question",
            str,
            "safe_to_speak_up",
            "The speak-up pulse question",
            _check_question,
        ),
        Preference(
            "milestone_days",
            str,
            "10, 30, 100",
            "Days without harm for bronze, silver and gold certificates",
            _check_milestones,
        ),
    )
}


def read_preference(store: Store, key: str) -> Any:
    """A preference's value (its default until the ward sets one)."""
    spec = PREFERENCES.get(key)
    if spec is None:
        raise ValidationError.single("key", "unknown", f"There is no setting called {key}.")
    row = preferences_q.preference_row(store, key)
    return spec.default if row is None else json.loads(row["value_json"])


def stale_after_days(store: Store) -> int:
    """After how many days without progress an action counts as stalled."""
    return int(read_preference(store, "stale_days"))


class Preferences(Service):
    def get(self, key: str) -> Any:
        return read_preference(self.store, key)

    def stale_after_days(self) -> int:
        return stale_after_days(self.store)

    def all(self) -> dict[str, Any]:
        stored = preferences_q.preferences(self.store)
        return {k: stored.get(k, p.default) for k, p in PREFERENCES.items()}

    def set(self, key: str, value: Any) -> None:
        spec = PREFERENCES.get(key)
        if spec is None:
            raise ValidationError.single("key", "unknown", f"There is no setting called {key}.")
        if not isinstance(value, spec.kind) or isinstance(value, bool) != (spec.kind is bool):
            raise ValidationError.single(
                key, "type", f"{spec.label} must be a {spec.kind.__name__}."
            )
        if spec.check is not None:
            spec.check(value)
        if spec.check_stored is not None:
            spec.check_stored(self.store, self.ward_id, value)
        with self.store.transaction():
            preferences_q.write_preference(self.store, key, value)
        self._changed("setting", ids=(key,))
