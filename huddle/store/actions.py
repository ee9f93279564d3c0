"""Queries for improvement actions, their progress notes and PDSA cycles."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from huddle.domain import (
    Action,
    ActionStatus,
    PdsaCycle,
    ProgressNote,
)
from huddle.store.connection import Store
from huddle.store.query import Select
from huddle.store.rows import by_id, from_row, from_rows, row_by_id

OPEN_STATUSES = tuple(s.value for s in ActionStatus if s.is_open)
# Open actions someone has taken on (an idea is not yet a commitment).
COMMITTED_STATUSES = tuple(s.value for s in ActionStatus if s.is_committed)


def _links(store: Store, table: str, column: str, ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(
            f"SELECT action_id, {column} AS other FROM {table} WHERE action_id IN ({marks})",
            tuple(chunk),
        ):
            found[row["action_id"]].append(row["other"])
    return found


def _assemble(store: Store, rows: list[dict[str, Any]]) -> list[Action]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    learning = _links(store, "action_learning", "learning_id", ids)
    measures = _links(store, "action_measure", "measure_id", ids)
    return [
        from_row(
            Action,
            r,
            learning_ids=tuple(sorted(learning[r["id"]])),
            measure_ids=tuple(sorted(measures[r["id"]])),
        )
        for r in rows
    ]


def actions_as_of(
    store: Store, ward_id: str, before_iso: str
) -> tuple[list[Action], dict[str, str]]:
    """Every action as it stood just before ``before_iso``, rebuilt from the audit trail,
    and when each closed one was closed (the ISO time its status became done or dropped).

    A report for a past period judges actions as they were on its last day, not as
    they are now. Links (learning, measures) are today's: they do not change a verdict.
    """
    rows = store.query(
        "SELECT entity_id, at, after_json FROM audit WHERE entity = 'action' AND at < ? "
        "ORDER BY id",
        (before_iso,),
    )
    latest: dict[str, dict[str, Any] | None] = {}
    closed_at: dict[str, str] = {}
    for row in rows:
        after = json.loads(row["after_json"]) if row["after_json"] else None
        before = latest.get(row["entity_id"])
        latest[row["entity_id"]] = after
        if after is None:
            continue
        was_open = before is None or before.get("status") not in CLOSED
        if after.get("status") in CLOSED and was_open:
            closed_at[row["entity_id"]] = row["at"]
    # an insert's audit row holds only the values given: the rest are the column defaults
    defaults = _column_defaults(store, "action")
    # the view's last_progress_at, as it was then: the latest note written before the moment
    progress = {
        row["action_id"]: row["at"]
        for row in store.query(
            "SELECT action_id, max(created_at) AS at FROM progress_note "
            "WHERE created_at < ? GROUP BY action_id",
            (before_iso,),
        )
    }
    live = [
        {**defaults, **r, "last_progress_at": progress.get(r["id"])}
        for r in latest.values()
        if r is not None and r["ward_id"] == ward_id and not r.get("archived")
    ]
    return _assemble(store, live), closed_at


CLOSED = ("done", "dropped")


def _column_defaults(store: Store, table: str) -> dict[str, Any]:
    """Each column's default value, as SQLite would fill it in."""
    defaults: dict[str, Any] = {}
    for column in store.query(f"PRAGMA table_info({table})"):
        text = column["dflt_value"]
        if text is None or text.upper() == "NULL":
            defaults[column["name"]] = None
        elif text.startswith("'") and text.endswith("'"):
            defaults[column["name"]] = text[1:-1].replace("''", "'")
        else:
            try:
                defaults[column["name"]] = int(text)
            except ValueError:
                defaults[column["name"]] = None
    return defaults


def action(store: Store, action_id: str) -> Action:
    return _assemble(store, [row_by_id(store, "action_view", action_id, entity="action")])[0]


def actions(
    store: Store,
    ward_id: str,
    *,
    statuses: tuple[ActionStatus, ...] = (),
    due_before: date | None = None,
    include_archived: bool = False,
) -> list[Action]:
    """Actions ordered by due date (undated last), then title."""
    select = Select("SELECT * FROM action_view WHERE ward_id = ?", ward_id)
    select.where_in("status", statuses)
    select.where("due_on IS NOT NULL AND due_on < ?", due_before)
    select.where_if("archived = 0", not include_archived)
    rows = select.rows(store, "ORDER BY due_on IS NULL, due_on, title COLLATE NOCASE")
    return _assemble(store, rows)


def archived_actions(store: Store, ward_id: str) -> list[Action]:
    """The ward's archived actions (what a manager may purge), by title."""
    rows = store.query(
        "SELECT * FROM action_view WHERE ward_id = ? AND archived = 1 "
        "ORDER BY title COLLATE NOCASE",
        (ward_id,),
    )
    return _assemble(store, rows)


def open_actions_due_by(store: Store, ward_id: str, last_day: date) -> list[Action]:
    """Open actions due on or before ``last_day`` (overdue ones included)."""
    marks = ", ".join("?" for _ in OPEN_STATUSES)
    rows = store.query(
        f"SELECT * FROM action_view WHERE ward_id = ? AND archived = 0 AND status IN ({marks}) "
        "AND due_on IS NOT NULL AND due_on <= ? ORDER BY due_on, title COLLATE NOCASE",
        (ward_id, *OPEN_STATUSES, last_day.isoformat()),
    )
    return _assemble(store, rows)


def stale_open_actions(store: Store, ward_id: str, cutoff_iso: str) -> list[Action]:
    """Committed actions with no progress note (nor creation) since ``cutoff_iso``."""
    marks = ", ".join("?" for _ in COMMITTED_STATUSES)
    rows = store.query(
        f"SELECT * FROM action_view WHERE ward_id = ? AND archived = 0 AND status IN ({marks}) "
        "AND coalesce(last_progress_at, created_at) <= ? "
        "ORDER BY coalesce(last_progress_at, created_at)",
        (ward_id, *COMMITTED_STATUSES, cutoff_iso),
    )
    return _assemble(store, rows)


def progress_notes(store: Store, action_id: str) -> list[ProgressNote]:
    rows = store.query(
        "SELECT * FROM progress_note WHERE action_id = ? ORDER BY created_at, rowid", (action_id,)
    )
    return from_rows(ProgressNote, rows)


def cycles(store: Store, action_id: str) -> list[PdsaCycle]:
    rows = store.query("SELECT * FROM pdsa_cycle WHERE action_id = ? ORDER BY number", (action_id,))
    return from_rows(PdsaCycle, rows)


def cycle(store: Store, cycle_id: str) -> PdsaCycle:
    return by_id(store, "pdsa_cycle", PdsaCycle, cycle_id)


def next_cycle_number(store: Store, action_id: str) -> int:
    top = store.scalar("SELECT max(number) FROM pdsa_cycle WHERE action_id = ?", (action_id,))
    return 1 if top is None else int(top) + 1


def actions_raised_in(store: Store, huddle_id: str) -> list[Action]:
    rows = store.query(
        "SELECT * FROM action_view WHERE huddle_id = ? ORDER BY created_at, id", (huddle_id,)
    )
    return _assemble(store, rows)


def notes_given_in(store: Store, huddle_id: str) -> list[tuple[Action, ProgressNote]]:
    notes = [
        from_row(ProgressNote, r)
        for r in store.query(
            "SELECT * FROM progress_note WHERE huddle_id = ? ORDER BY created_at, rowid",
            (huddle_id,),
        )
    ]
    if not notes:
        return []
    ids = sorted({n.action_id for n in notes})
    marks = ", ".join("?" for _ in ids)
    by_id = {
        a.id: a
        for a in _assemble(
            store, store.query(f"SELECT * FROM action_view WHERE id IN ({marks})", tuple(ids))
        )
    }
    return [(by_id[n.action_id], n) for n in notes]


def is_linked_to_learning(store: Store, action_id: str, learning_id: str) -> bool:
    return bool(
        store.scalar(
            "SELECT 1 FROM action_learning WHERE action_id = ? AND learning_id = ?",
            (action_id, learning_id),
        )
    )


def is_linked_to_measure(store: Store, action_id: str, measure_id: str) -> bool:
    return bool(
        store.scalar(
            "SELECT 1 FROM action_measure WHERE action_id = ? AND measure_id = ?",
            (action_id, measure_id),
        )
    )
