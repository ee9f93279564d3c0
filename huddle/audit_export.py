"""The audit trail as people read it: who changed what, when, from what to what.

The Settings page's "Audit trail" and its CSV export both read through here,
so the screen and the file say the same thing. Audit rows are read, never
changed (triggers refuse). Bookkeeping fields (``version``, ``updated_at``)
are left out of the readable change, and the manager PIN's salt and hash are
never shown, only that the PIN changed. Anything in a before or after value
that looks like a patient identifier is masked (every character a "*"), on
screen and in the CSV: the trail is permanent, so an identifier typed before
the guard caught it would otherwise be printed again and again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from huddle.clock import to_iso
from huddle.csv_safe import write_csv
from huddle.domain import AuditEntry
from huddle.identifiers import IdentifierMatch
from huddle.services.board import local_day_start
from huddle.store import preferences as preferences_q

if TYPE_CHECKING:
    from huddle.services.app import HuddleApp

ENTITY_LABELS: dict[str, str] = {
    "ward": "Ward",
    "person": "Team member",
    "agenda_template": "Agenda",
    "huddle": "Huddle",
    "huddle_section": "Huddle section",
    "attendance": "Attendance",
    "learning_item": "Learning",
    "learning_theme": "Learning theme",
    "action": "Action",
    "action_learning": "Action ↔ learning link",
    "action_measure": "Action ↔ measure link",
    "progress_note": "Progress note",
    "pdsa_cycle": "PDSA cycle",
    "measure": "Measure",
    "measure_point": "Measure value",
    "measure_rebase": "Measure rebase",
    "annotation": "Chart note",
    "setting": "Setting",
}
OP_LABELS = {"insert": "Added", "update": "Changed", "delete": "Removed"}
BOOKKEEPING = frozenset({"version", "updated_at", "created_at"})
SECRET_SETTINGS = frozenset({"manager_pin"})
LONGEST_VALUE = 120
CSV_HEADER = (
    "When (UTC)",
    "Who",
    "Record type",
    "Record id",
    "Change",
    "What changed",
    "Before (JSON)",
    "After (JSON)",
)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class AuditLine:
    """One audit row, readable."""

    id: int
    at: datetime
    actor: str
    entity: str
    record_id: str
    op: str
    changes: tuple[FieldChange, ...]
    before_json: str
    after_json: str

    @property
    def entity_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity.replace("_", " ").capitalize())

    @property
    def op_label(self) -> str:
        return OP_LABELS.get(self.op, self.op)

    @property
    def summary(self) -> str:
        """``title: 'Old' → 'New'; status: planned → done`` (or the fields added/removed)."""
        parts = []
        for change in self.changes:
            if self.op == "update":
                parts.append(f"{change.field}: {shown(change.before)} → {shown(change.after)}")
            else:
                value = change.after if self.op == "insert" else change.before
                parts.append(f"{change.field}: {shown(value)}")
        return "; ".join(parts)


def shown(value: object) -> str:
    """A value as a person reads it: text quoted and cut short, empty as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        one_line = " ".join(value.split())
        if len(one_line) > LONGEST_VALUE:
            one_line = one_line[: LONGEST_VALUE - 1] + "…"
        return f"‘{one_line}’"
    return str(value)


def _changes(
    entry: AuditEntry, before: Mapping[str, object], after: Mapping[str, object]
) -> tuple[FieldChange, ...]:
    if entry.entity == "setting" and entry.entity_id in SECRET_SETTINGS:
        return (FieldChange("value", "(hidden)" if before else None, "(hidden)"),)
    names = [n for n in (*before, *(k for k in after if k not in before)) if n not in BOOKKEEPING]
    if entry.op == "update":
        names = [n for n in names if before.get(n) != after.get(n)]
    return tuple(FieldChange(n, before.get(n), after.get(n)) for n in names)


def _json(value: Mapping[str, object] | None, *, secret: bool) -> str:
    if value is None:
        return ""
    if secret:
        return json.dumps({"value": "(hidden)"})
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


Finder = Callable[[str], Sequence[IdentifierMatch]]


def masked_text(text: str, find: Finder) -> str:
    """``text`` with every possible identifier replaced by its masked form."""
    out = text
    for match in reversed(find(text)):
        out = out[: match.start] + match.masked + out[match.end :]
    return out


def _masked_values(row: dict[str, object] | None, find: Finder | None) -> dict[str, object] | None:
    if row is None or find is None:
        return row
    return {k: masked_text(v, find) if isinstance(v, str) and v else v for k, v in row.items()}


def readable(entry: AuditEntry, find: Finder | None = None) -> AuditLine:
    """One audit row for people; with ``find``, identifiers in its values are masked."""
    if find is not None:
        entry = AuditEntry(
            id=entry.id, at=entry.at, actor=entry.actor, entity=entry.entity,
            entity_id=entry.entity_id, op=entry.op,
            before=_masked_values(entry.before, find), after=_masked_values(entry.after, find),
        )  # fmt: skip
    before = entry.before or {}
    after = entry.after or {}
    secret = entry.entity == "setting" and entry.entity_id in SECRET_SETTINGS
    return AuditLine(
        entry.id,
        entry.at,
        entry.actor,
        entry.entity,
        entry.entity_id,
        entry.op,
        _changes(entry, before, after),
        _json(entry.before, secret=secret),
        _json(entry.after, secret=secret),
    )


def audit_lines(
    app: HuddleApp,
    *,
    entity: str | None = None,
    record_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[AuditLine]:
    """The trail newest first; ``since`` and ``until`` are local days, both included."""
    entries = preferences_q.audit_entries(
        app.store,
        entity=entity or None,
        entity_id=record_id or None,
        since=None if since is None else local_day_start(since),
        until=None if until is None else local_day_start(until + timedelta(days=1)),
        limit=limit,
        newest_first=True,
    )
    find = app.identifiers.find
    return [readable(entry, find) for entry in entries]


def export_audit_csv(
    app: HuddleApp,
    out: str | os.PathLike[str],
    *,
    entity: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Path:
    """Write the (filtered) trail as an Excel-safe CSV, newest first; returns the file."""
    lines = audit_lines(app, entity=entity, since=since, until=until)
    rows = (
        (
            to_iso(line.at),
            line.actor,
            line.entity_label,
            line.record_id,
            line.op_label,
            line.summary,
            line.before_json,
            line.after_json,
        )
        for line in lines
    )
    path = Path(out)
    write_csv(path, CSV_HEADER, rows)
    return path
