"""The learning log: incidents, near misses, complaints, compliments, patient
feedback and excellence, each recorded without blame and linked to actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from huddle.clock import to_iso
from huddle.domain import (
    LEARNING_TEXT_FIELDS,
    HarmLevel,
    LearningItem,
    LearningKind,
    SafetyCategory,
)
from huddle.services.base import Service, refuse_unknown, ward_query
from huddle.services.validation import NAME_MAX, TITLE_MAX, Checker
from huddle.store import huddles as huddles_q
from huddle.store import learning as learning_q
from huddle.store import records

THEME_MAX = 60


class Learning(Service):
    def _check(self, check: Checker, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if "kind" in fields:
            kind = check.choice("kind", fields["kind"], LearningKind)
            values["kind"] = kind.value if kind else None
        if "occurred_on" in fields:
            day = check.day("occurred_on", fields["occurred_on"], required=True)
            if day is not None and day > self.clock.today():
                check.fail("occurred_on", "future", "The date cannot be in the future.")
            values["occurred_on"] = day.isoformat() if day else None
        if "title" in fields:
            values["title"] = check.text(
                "title", fields["title"], required=True, max_len=TITLE_MAX, label="a short title"
            )
        for name in ("what_happened", "what_helped", "what_learned", "what_change"):
            if name in fields:
                values[name] = check.text(name, fields[name])
        if "incident_ref" in fields:
            values["incident_ref"] = check.text(
                "incident_ref",
                fields["incident_ref"],
                max_len=NAME_MAX,
                label="the incident reference",
            )
        if "harm" in fields:
            harm = check.choice("harm", fields["harm"] or HarmLevel.NONE, HarmLevel)
            values["harm"] = harm.value if harm else None
        if "safety_category" in fields:
            category = fields["safety_category"]
            if category in (None, ""):
                values["safety_category"] = None
            else:
                chosen = check.choice("safety_category", category, SafetyCategory)
                values["safety_category"] = chosen.value if chosen else None
        if "huddle_id" in fields and fields["huddle_id"] is not None:
            huddles_q.huddle(self.store, fields["huddle_id"])
            values["huddle_id"] = fields["huddle_id"]
        return values

    def _check_themes(self, check: Checker, themes: Iterable[str]) -> list[str]:
        cleaned: dict[str, str] = {}
        for i, theme in enumerate(themes):
            text = check.text(f"themes[{i}]", theme, max_len=THEME_MAX, label="a theme")
            if text:
                cleaned.setdefault(text.casefold(), text)
        return sorted(cleaned.values(), key=str.casefold)

    def record_learning(
        self,
        *,
        kind: LearningKind | str,
        title: str,
        occurred_on: date | str | None = None,
        what_happened: str = "",
        what_helped: str = "",
        what_learned: str = "",
        what_change: str = "",
        harm: HarmLevel | str = HarmLevel.NONE,
        safety_category: SafetyCategory | str | None = None,
        incident_ref: str = "",
        themes: Iterable[str] = (),
        huddle_id: str | None = None,
    ) -> LearningItem:
        check = Checker()
        values = self._check(
            check,
            {
                "kind": kind,
                "title": title,
                "occurred_on": occurred_on if occurred_on is not None else self.clock.today(),
                "what_happened": what_happened,
                "what_helped": what_helped,
                "what_learned": what_learned,
                "what_change": what_change,
                "harm": harm,
                "safety_category": safety_category,
                "incident_ref": incident_ref,
                "huddle_id": huddle_id,
            },
        )
        theme_list = self._check_themes(check, themes)
        check.done()
        with self.store.transaction():
            row = records.insert(self.store, "learning_item", {"ward_id": self.ward_id, **values})
            for theme in theme_list:
                records.insert(
                    self.store, "learning_theme", {"learning_id": row["id"], "theme": theme}
                )
        self._changed("learning_item", ids=(row["id"],))
        return learning_q.item(self.store, row["id"])

    def update_learning(
        self,
        learning_id: str,
        *,
        expected_version: int,
        themes: Iterable[str] | None = None,
        **fields: Any,
    ) -> LearningItem:
        refuse_unknown(
            fields,
            ("kind", "occurred_on", "harm", "safety_category", *LEARNING_TEXT_FIELDS),
            "learning",
        )
        check = Checker()
        values = self._check(check, fields)
        theme_list = None if themes is None else self._check_themes(check, themes)
        check.done()
        with self.store.transaction():
            current = learning_q.item(self.store, learning_id)
            records.update(
                self.store, "learning_item", learning_id, values, expected_version=expected_version
            )
            if theme_list is not None:
                for gone in set(current.themes) - set(theme_list):
                    records.delete(
                        self.store, "learning_theme", {"learning_id": learning_id, "theme": gone}
                    )
                for new in set(theme_list) - set(current.themes):
                    records.insert(
                        self.store, "learning_theme", {"learning_id": learning_id, "theme": new}
                    )
        self._changed("learning_item", ids=(learning_id,))
        return learning_q.item(self.store, learning_id)

    def archive_learning(self, learning_id: str, *, expected_version: int) -> LearningItem:
        self._updated(
            "learning_item", learning_id, {"archived": 1}, expected_version=expected_version
        )
        return learning_q.item(self.store, learning_id)

    def item(self, learning_id: str) -> LearningItem:
        return learning_q.item(self.store, learning_id)

    def items(
        self,
        *,
        kinds: Iterable[LearningKind] = (),
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> list[LearningItem]:
        return learning_q.items(
            self.store, self.ward_id, kinds=tuple(kinds), since=since, until=until, limit=limit
        )

    archived = ward_query(learning_q.archived_items)
    search = ward_query(learning_q.find)

    def since_last_huddle(self) -> list[LearningItem]:
        """Learning recorded since the last finished huddle ended (or in the last week)."""
        last = huddles_q.latest_finished(self.store, self.ward_id)
        if last is None:
            return self.items(since=self.clock.today() - timedelta(days=7))
        return learning_q.items(
            self.store, self.ward_id, created_after=to_iso(last.ended_at or last.started_at)
        )

    themes = ward_query(learning_q.themes)
