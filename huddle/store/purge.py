"""Deleting an archived record for good (a manager's purge), with its links.

Every row removed goes through :func:`records.delete`, so each deletion has
its audit row; annotations on a chart lose their link to the purged action
rather than vanishing. Audit rows themselves are never touched.
"""

from __future__ import annotations

from huddle.store import records
from huddle.store.connection import Store


def _delete_links(store: Store, table: str, column: str, record_id: str) -> None:
    for row in store.query(f"SELECT * FROM {table} WHERE {column} = ?", (record_id,)):
        records.delete(store, table, row)


def _child_ids(store: Store, table: str, column: str, record_id: str) -> list[str]:
    rows = store.query(f"SELECT id FROM {table} WHERE {column} = ?", (record_id,))
    return [str(r["id"]) for r in rows]


def _unlink_annotations(store: Store, column: str, record_id: str) -> None:
    for row in store.query(f"SELECT id FROM annotation WHERE {column} = ?", (record_id,)):
        records.update(
            store, "annotation", row["id"], {column: None}, expected_version=records.ANY_VERSION
        )


def purge_action(store: Store, action_id: str) -> None:
    """Delete an action, its notes, PDSA cycles and links (inside a transaction)."""
    cycles = _child_ids(store, "pdsa_cycle", "action_id", action_id)
    for cycle_id in cycles:
        _unlink_annotations(store, "pdsa_id", cycle_id)
    _unlink_annotations(store, "action_id", action_id)
    for cycle_id in cycles:
        records.delete(store, "pdsa_cycle", {"id": cycle_id})
    for note_id in _child_ids(store, "progress_note", "action_id", action_id):
        records.delete(store, "progress_note", {"id": note_id})
    _delete_links(store, "action_learning", "action_id", action_id)
    _delete_links(store, "action_measure", "action_id", action_id)
    records.delete(store, "action", {"id": action_id})


def purge_learning(store: Store, learning_id: str) -> None:
    """Delete a learning item, its themes and its links to actions."""
    _delete_links(store, "learning_theme", "learning_id", learning_id)
    _delete_links(store, "action_learning", "learning_id", learning_id)
    records.delete(store, "learning_item", {"id": learning_id})
