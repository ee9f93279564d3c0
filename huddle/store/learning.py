"""Queries for the learning log (incidents, feedback, excellence and the rest)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from huddle.domain import LearningItem, LearningKind
from huddle.store.connection import Store
from huddle.store.dates import required_date
from huddle.store.query import Select
from huddle.store.rows import from_row, row_by_id


def assemble(store: Store, rows: list[dict[str, Any]]) -> list[LearningItem]:
    """Learning items for rows of ``learning_item``, each with its themes and actions."""
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    themes: dict[str, list[str]] = {i: [] for i in ids}
    actions: dict[str, list[str]] = {i: [] for i in ids}
    # Chunked to stay under SQLite's bound-parameter limit on big periods.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for t in store.query(
            f"SELECT learning_id, theme FROM learning_theme WHERE learning_id IN ({marks}) "
            "ORDER BY theme",
            tuple(chunk),
        ):
            themes[t["learning_id"]].append(t["theme"])
        for a in store.query(
            f"SELECT learning_id, action_id FROM action_learning WHERE learning_id IN ({marks})",
            tuple(chunk),
        ):
            actions[a["learning_id"]].append(a["action_id"])
    return [
        from_row(LearningItem, r, themes=themes[r["id"]], action_ids=sorted(actions[r["id"]]))
        for r in rows
    ]


def item(store: Store, learning_id: str) -> LearningItem:
    return assemble(store, [row_by_id(store, "learning_item", learning_id)])[0]


def items(
    store: Store,
    ward_id: str,
    *,
    kinds: tuple[LearningKind, ...] = (),
    since: date | None = None,
    until: date | None = None,
    created_after: str | None = None,
    include_archived: bool = False,
    limit: int | None = None,
) -> list[LearningItem]:
    """Learning items, newest first; ``until`` is inclusive."""
    select = Select("SELECT * FROM learning_item WHERE ward_id = ?", ward_id)
    select.where_in("kind", kinds)
    select.where("occurred_on >= ?", since)
    select.where("occurred_on <= ?", until)
    select.where("created_at > ?", created_after)
    select.where_if("archived = 0", not include_archived)
    rows = select.rows(store, "ORDER BY occurred_on DESC, created_at DESC", limit=limit)
    return assemble(store, rows)


def archived_items(store: Store, ward_id: str) -> list[LearningItem]:
    """The ward's archived learning items (what a manager may purge), newest first."""
    rows = store.query(
        "SELECT * FROM learning_item WHERE ward_id = ? AND archived = 1 "
        "ORDER BY occurred_on DESC, created_at DESC",
        (ward_id,),
    )
    return assemble(store, rows)


def find(
    store: Store,
    ward_id: str,
    *,
    text: str = "",
    kinds: Iterable[LearningKind] = (),
    theme: str | None = None,
    since: date | None = None,
    until: date | None = None,
    linked: bool | None = None,
    limit: int | None = None,
) -> list[LearningItem]:
    """The learning log filtered, and searched in full text when ``text`` is given.

    Search terms are quoted, so whatever a person types is searched for as words
    and never read as search syntax. Results are newest first.
    """
    where = ["ward_id = :ward_id", "archived = 0"]
    args: dict[str, Any] = {"ward_id": ward_id}
    kinds = tuple(kinds)
    if kinds:
        names = [f":kind{i}" for i in range(len(kinds))]
        where.append(f"kind IN ({', '.join(names)})")
        args.update({n[1:]: k.value for n, k in zip(names, kinds, strict=True)})
    if theme:
        where.append(
            "id IN (SELECT learning_id FROM learning_theme WHERE theme = :theme COLLATE NOCASE)"
        )
        args["theme"] = theme
    if since is not None:
        where.append("occurred_on >= :since")
        args["since"] = since.isoformat()
    if until is not None:
        where.append("occurred_on <= :until")
        args["until"] = until.isoformat()
    if linked is not None:
        where.append(
            ("" if linked else "NOT ")
            + "EXISTS (SELECT 1 FROM action_learning al WHERE al.learning_id = learning_item.id)"
        )
    if text.strip():
        # quote_fts makes whatever was typed plain words, never search syntax
        where.append(
            "rowid IN (SELECT rowid FROM learning_item_fts WHERE learning_item_fts MATCH :query)"
        )
        args["query"] = store.db.quote_fts(text.strip())
    sql = (
        f"SELECT * FROM learning_item WHERE {' AND '.join(where)} "
        "ORDER BY occurred_on DESC, created_at DESC"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = store.query(sql, args)
    return assemble(store, rows)


def last_harm_date(store: Store, ward_id: str) -> date | None:
    text = store.scalar(
        "SELECT max(occurred_on) FROM learning_item WHERE ward_id = ? AND archived = 0 "
        "AND kind = 'incident' AND harm != 'none'",
        (ward_id,),
    )
    return None if text is None else required_date(text)


def harm_dates(store: Store, ward_id: str, since: date, until: date) -> list[date]:
    rows = store.query(
        "SELECT DISTINCT occurred_on FROM learning_item WHERE ward_id = ? AND archived = 0 "
        "AND kind = 'incident' AND harm != 'none' AND occurred_on BETWEEN ? AND ? "
        "ORDER BY occurred_on",
        (ward_id, since.isoformat(), until.isoformat()),
    )
    return [required_date(r["occurred_on"]) for r in rows]


def themes(store: Store, ward_id: str) -> list[str]:
    rows = store.query(
        "SELECT DISTINCT t.theme FROM learning_theme t JOIN learning_item l "
        "ON l.id = t.learning_id WHERE l.ward_id = ? ORDER BY t.theme COLLATE NOCASE",
        (ward_id,),
    )
    return [r["theme"] for r in rows]


def items_raised_in(store: Store, huddle_id: str) -> list[LearningItem]:
    rows = store.query(
        "SELECT * FROM learning_item WHERE huddle_id = ? ORDER BY created_at, rowid",
        (huddle_id,),
    )
    return assemble(store, rows)
