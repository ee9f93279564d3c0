"""Ward preferences kept in the database, each declared once."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.store import preferences as preferences_q
from huddle.store import records


class Preference(msgspec.Struct, frozen=True):
    key: str
    kind: type
    default: Any
    label: str


PREFERENCES = {
    p.key: p
    for p in (
        Preference("backup_folder", str, "", "Folder for backups (blank: beside the database)"),
        Preference("huddle_minutes", int, 10, "Planned length of a huddle, in minutes"),
        Preference("planned_huddles_per_week", int, 7, "Huddles planned each week"),
        Preference("stale_days", int, 30, "Days without progress before an action is stale"),
        Preference(
            "focus_measure_id",
            str,
            "",
            "The harm Today shows as a safety cross (blank: the first safety-cross measure)",
        ),
    )
}


class Preferences(Service):
    def get(self, key: str) -> Any:
        spec = PREFERENCES.get(key)
        if spec is None:
            raise ValidationError.single("key", "unknown", f"There is no setting called {key}.")
        row = preferences_q.preference_row(self.store, key)
        return spec.default if row is None else json.loads(row["value_json"])

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
        text = json.dumps(value)
        with self.store.transaction():
            if preferences_q.preference_row(self.store, key) is None:
                records.insert(self.store, "setting", {"id": key, "value_json": text})
            else:
                records.update(
                    self.store, "setting", key, {"value_json": text}, expected_version=None
                )
        self._changed("setting", ids=(key,))
