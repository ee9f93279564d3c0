"""Queries for the ward, its roster and its agenda templates."""

from __future__ import annotations

import json
from typing import Any

from huddle.domain import AgendaTemplate, HuddleKind, Person, SectionKey, SectionPlan, Ward
from huddle.store.connection import Store
from huddle.store.rows import by_id, from_row, from_rows, of_ward, row_by_id


def sections_to_json(sections: tuple[SectionPlan, ...]) -> str:
    return json.dumps(
        [{"key": s.key.value, "title": s.title, "seconds": s.seconds} for s in sections]
    )


def template_from_row(row: dict[str, Any]) -> AgendaTemplate:
    sections = tuple(
        SectionPlan(SectionKey(s["key"]), s["title"], int(s["seconds"]))
        for s in json.loads(row["sections_json"])
    )
    return AgendaTemplate(
        row["id"],
        row["ward_id"],
        row["name"],
        HuddleKind(row["kind"]),
        sections,
        bool(row["is_default"]),
        bool(row["archived"]),
        row["version"],
    )


def wards(store: Store) -> list[Ward]:
    rows = store.query("SELECT * FROM ward WHERE archived = 0 ORDER BY created_at, name")
    return from_rows(Ward, rows)


def ward(store: Store, ward_id: str) -> Ward:
    return by_id(store, "ward", Ward, ward_id)


def people(store: Store, ward_id: str, *, include_inactive: bool = False) -> list[Person]:
    only = None if include_inactive else "active = 1"
    return of_ward(
        store, Person, "person", ward_id, only=only, order="ORDER BY display_name COLLATE NOCASE"
    )


def person(store: Store, person_id: str) -> Person:
    return by_id(store, "person", Person, person_id)


def person_named(store: Store, ward_id: str, display_name: str) -> Person | None:
    row = store.query_one(
        "SELECT * FROM person WHERE ward_id = ? AND display_name = ? COLLATE NOCASE",
        (ward_id, display_name),
    )
    return None if row is None else from_row(Person, row)


def templates(
    store: Store, ward_id: str, *, include_archived: bool = False
) -> list[AgendaTemplate]:
    sql = "SELECT * FROM agenda_template WHERE ward_id = ?"
    if not include_archived:
        sql += " AND archived = 0"
    rows = store.query(sql + " ORDER BY is_default DESC, name", (ward_id,))
    return [template_from_row(r) for r in rows]


def template(store: Store, template_id: str) -> AgendaTemplate:
    return template_from_row(row_by_id(store, "agenda_template", template_id))
