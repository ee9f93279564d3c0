"""Counting the learning log: by kind, by theme and by theme per month.

Archived items are left out. Themes are grouped without regard to case, so
"Falls" and "falls" count as one theme (shown as the first spelling).
"""

from __future__ import annotations

from datetime import date

from huddle.store.connection import Store

_IN_PERIOD = "l.ward_id = ? AND l.archived = 0 AND l.occurred_on BETWEEN ? AND ?"


def kind_counts(store: Store, ward_id: str, since: date, until: date) -> dict[str, int]:
    """Items per kind code (only kinds with items), ``until`` inclusive."""
    rows = store.query(
        f"SELECT l.kind AS kind, count(*) AS n FROM learning_item l WHERE {_IN_PERIOD} "
        "GROUP BY l.kind",
        (ward_id, since.isoformat(), until.isoformat()),
    )
    return {r["kind"]: int(r["n"]) for r in rows}


def theme_counts(store: Store, ward_id: str, since: date, until: date) -> list[tuple[str, int]]:
    """(theme, items) pairs, most items first, then by name."""
    rows = store.query(
        "SELECT min(t.theme) AS theme, count(DISTINCT l.id) AS n FROM learning_theme t "
        f"JOIN learning_item l ON l.id = t.learning_id WHERE {_IN_PERIOD} "
        "GROUP BY t.theme COLLATE NOCASE ORDER BY n DESC, theme COLLATE NOCASE",
        (ward_id, since.isoformat(), until.isoformat()),
    )
    return [(r["theme"], int(r["n"])) for r in rows]


def theme_months(
    store: Store, ward_id: str, since: date, until: date
) -> list[tuple[str, str, int]]:
    """(theme, "YYYY-MM", items) for every theme and month with items in the period."""
    rows = store.query(
        "SELECT min(t.theme) AS theme, substr(l.occurred_on, 1, 7) AS month, "
        "count(DISTINCT l.id) AS n FROM learning_theme t "
        f"JOIN learning_item l ON l.id = t.learning_id WHERE {_IN_PERIOD} "
        "GROUP BY t.theme COLLATE NOCASE, month ORDER BY month",
        (ward_id, since.isoformat(), until.isoformat()),
    )
    return [(r["theme"], r["month"], int(r["n"])) for r in rows]
