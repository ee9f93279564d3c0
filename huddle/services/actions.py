"""Improvement actions and ideas, their progress notes and PDSA cycles.

Status rules live here: done needs a closing note, dropped needs a reason;
"overdue" and "stale" (no progress for 30 days) are computed, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from huddle.clock import from_iso, to_iso
from huddle.domain import (
    Action,
    ActionStatus,
    Origin,
    PdsaCycle,
    PdsaDecision,
    Priority,
    ProgressNote,
)
from huddle.errors import ValidationError
from huddle.services.base import Service, ward_query
from huddle.services.preferences import stale_after_days
from huddle.services.validation import (
    MAX_DAYS,
    NAME_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Checker,
    whole_number,
)
from huddle.store import actions as actions_q
from huddle.store import huddles as huddles_q
from huddle.store import learning as learning_q
from huddle.store import measures as measures_q
from huddle.store import records
from huddle.store import roster as roster_q
from huddle.store.rows import from_row


class Actions(Service):
    editable = ("title", "detail", "owner_id", "owner_text", "due_on", "priority", "origin")

    # -- checking ---------------------------------------------------------
    def _check(self, check: Checker, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if "title" in fields:
            values["title"] = check.text(
                "title", fields["title"], required=True, max_len=TITLE_MAX, label="a short title"
            )
        if "detail" in fields:
            values["detail"] = check.text("detail", fields["detail"])
        if "owner_text" in fields:
            values["owner_text"] = check.text(
                "owner_text", fields["owner_text"], max_len=NAME_MAX, label="the owner"
            )
        if "owner_id" in fields:
            owner = fields["owner_id"]
            if owner is not None:
                roster_q.person(self.store, owner)
            values["owner_id"] = owner
        if "due_on" in fields:
            due = check.day("due_on", fields["due_on"])
            values["due_on"] = None if due is None else due.isoformat()
        if "priority" in fields:
            priority = check.choice("priority", fields["priority"], Priority)
            values["priority"] = priority.value if priority else None
        if "origin" in fields:
            origin = check.choice("origin", fields["origin"], Origin)
            values["origin"] = origin.value if origin else None
        return values

    # -- creating and editing ---------------------------------------------
    def create_action(
        self,
        *,
        title: str,
        detail: str = "",
        owner_id: str | None = None,
        owner_text: str = "",
        due_on: date | str | None = None,
        status: ActionStatus | str = ActionStatus.PLANNED,
        priority: Priority | str = Priority.NORMAL,
        origin: Origin | str = Origin.STAFF_IDEA,
        huddle_id: str | None = None,
        learning_ids: Iterable[str] = (),
        measure_ids: Iterable[str] = (),
    ) -> Action:
        check = Checker()
        values = self._check(
            check,
            {
                "title": title,
                "detail": detail,
                "owner_id": owner_id,
                "owner_text": owner_text,
                "due_on": due_on,
                "priority": priority,
                "origin": origin,
            },
        )
        chosen = check.choice("status", status, ActionStatus)
        if chosen is not None and not chosen.is_open:
            check.fail("status", "closed", "A new action starts open; close it once it is done.")
        check.done()
        assert chosen is not None
        if huddle_id is not None:
            huddles_q.huddle(self.store, huddle_id)
        learning_list, measure_list = (
            list(dict.fromkeys(learning_ids)),
            list(dict.fromkeys(measure_ids)),
        )
        for learning_id in learning_list:
            learning_q.item(self.store, learning_id)
        for measure_id in measure_list:
            measures_q.measure(self.store, measure_id)
        with self.store.transaction():
            row = records.insert(
                self.store,
                "action",
                {"ward_id": self.ward_id, "status": chosen.value, "huddle_id": huddle_id, **values},
            )
            for learning_id in learning_list:
                records.insert(
                    self.store,
                    "action_learning",
                    {"action_id": row["id"], "learning_id": learning_id},
                )
            for measure_id in measure_list:
                records.insert(
                    self.store, "action_measure", {"action_id": row["id"], "measure_id": measure_id}
                )
        self._changed("action", ids=(row["id"],))
        return actions_q.action(self.store, row["id"])

    def update_action(self, action_id: str, *, expected_version: int, **fields: Any) -> Action:
        self._edited("action", action_id, fields, expected_version=expected_version)
        return actions_q.action(self.store, action_id)

    def change_status(
        self,
        action_id: str,
        *,
        status: ActionStatus | str,
        expected_version: int,
        note: str = "",
        huddle_id: str | None = None,
    ) -> Action:
        """Move an action on, recording why as a progress note.

        Done needs a closing note and dropped a reason: the team should know
        what was achieved, or what was learned from letting it go.
        """
        check = Checker()
        chosen = check.choice("status", status, ActionStatus)
        text = check.text("note", note)
        if chosen is ActionStatus.DONE and not text:
            check.fail(
                "note", "required", "Say what was done (a closing note) before marking it done."
            )
        if chosen is ActionStatus.DROPPED and not text:
            check.fail("note", "required", "Say why it is being dropped, so the team can learn.")
        check.done()
        assert chosen is not None
        current = actions_q.action(self.store, action_id)
        if current.status is chosen:
            raise ValidationError.single("status", "unchanged", f"It is already {chosen.value}.")
        changes: dict[str, Any] = {"status": chosen.value}
        if chosen is ActionStatus.DONE:
            changes["closing_note"] = text
        if chosen is ActionStatus.DROPPED:
            changes["drop_reason"] = text
        with self.store.transaction():
            records.update(
                self.store, "action", action_id, changes, expected_version=expected_version
            )
            records.insert(
                self.store,
                "progress_note",
                {
                    "action_id": action_id,
                    "huddle_id": huddle_id,
                    "text": text or f"Moved to {chosen.value.replace('_', ' ')}.",
                    "status_from": current.status.value,
                    "status_to": chosen.value,
                },
            )
        self._changed("action", "progress_note", ids=(action_id,))
        return actions_q.action(self.store, action_id)

    def add_progress_note(
        self, action_id: str, *, text: str, huddle_id: str | None = None
    ) -> ProgressNote:
        check = Checker()
        cleaned = check.text("text", text, required=True, label="a progress note")
        check.done()
        actions_q.action(self.store, action_id)
        if huddle_id is not None:
            huddles_q.huddle(self.store, huddle_id)
        row = self._inserted(
            "progress_note", {"action_id": action_id, "huddle_id": huddle_id, "text": cleaned}
        )
        self._changed("action", "progress_note", ids=(action_id,))
        return from_row(ProgressNote, row)

    def link_learning(self, action_id: str, learning_id: str) -> Action:
        actions_q.action(self.store, action_id)
        learning_q.item(self.store, learning_id)
        key = {"action_id": action_id, "learning_id": learning_id}
        with self.store.transaction():
            if not actions_q.is_linked_to_learning(self.store, action_id, learning_id):
                records.insert(self.store, "action_learning", key)
        self._changed("action", "learning_item", ids=(action_id, learning_id))
        return actions_q.action(self.store, action_id)

    def link_measure(self, action_id: str, measure_id: str) -> Action:
        actions_q.action(self.store, action_id)
        measures_q.measure(self.store, measure_id)
        with self.store.transaction():
            if not actions_q.is_linked_to_measure(self.store, action_id, measure_id):
                records.insert(
                    self.store, "action_measure", {"action_id": action_id, "measure_id": measure_id}
                )
        self._changed("action", "measure", ids=(action_id, measure_id))
        return actions_q.action(self.store, action_id)

    def archive_action(self, action_id: str, *, expected_version: int) -> Action:
        self._updated("action", action_id, {"archived": 1}, expected_version=expected_version)
        return actions_q.action(self.store, action_id)

    def _note(self, action_id: str, text: str) -> None:
        """A progress note the app writes itself, inside the caller's transaction."""
        records.insert(
            self.store, "progress_note", {"action_id": action_id, "text": text[:TEXT_MAX]}
        )

    # -- PDSA cycles ------------------------------------------------------
    def start_cycle(
        self,
        action_id: str,
        *,
        plan: str,
        prediction: str = "",
        started_on: date | str | None = None,
    ) -> PdsaCycle:
        """Start the next numbered PDSA cycle; linked measures get an annotation."""
        check = Checker()
        plan_text = check.text("plan", plan, required=True, label="the plan")
        prediction_text = check.text("prediction", prediction)
        day = check.day(
            "started_on",
            started_on if started_on is not None else self.clock.today(),
            required=True,
        )
        check.done()
        assert day is not None
        action = actions_q.action(self.store, action_id)
        cycles = actions_q.cycles(self.store, action_id)
        if cycles and cycles[-1].act is None:
            raise ValidationError.single(
                "action_id",
                "cycle_open",
                f"Cycle {cycles[-1].number} is still open; finish it (study and act) first.",
            )
        with self.store.transaction():
            number = actions_q.next_cycle_number(self.store, action_id)
            row = records.insert(
                self.store,
                "pdsa_cycle",
                {
                    "action_id": action_id,
                    "number": number,
                    "plan": plan_text,
                    "prediction": prediction_text,
                    "started_on": day.isoformat(),
                },
            )
            for measure_id in action.measure_ids:
                records.insert(
                    self.store,
                    "annotation",
                    {
                        "measure_id": measure_id,
                        "on_date": day.isoformat(),
                        "text": f"PDSA {number}: {action.title}"[:TITLE_MAX],
                        "action_id": action_id,
                        "pdsa_id": row["id"],
                    },
                )
            self._note(action_id, f"Started PDSA cycle {number}: {plan_text}")
        self._changed("pdsa_cycle", "action", "annotation", ids=(action_id, row["id"]))
        return actions_q.cycle(self.store, row["id"])

    def record_cycle(
        self,
        cycle_id: str,
        *,
        expected_version: int,
        do: str | None = None,
        study: str | None = None,
        act: PdsaDecision | str | None = None,
        completed_on: date | str | None = None,
    ) -> PdsaCycle:
        """Write up Do and Study, and close the cycle with Act."""
        check = Checker()
        changes: dict[str, Any] = {}
        if do is not None:
            changes["do"] = check.text("do", do)
        if study is not None:
            changes["study"] = check.text("study", study)
        if act is not None:
            decision = check.choice("act", act, PdsaDecision)
            current = actions_q.cycle(self.store, cycle_id)
            if not (changes.get("study") or current.study):
                check.fail(
                    "study",
                    "required",
                    "Write what happened against the prediction before deciding.",
                )
            if decision is not None:
                changes["act"] = decision.value
                day = check.day(
                    "completed_on", completed_on if completed_on is not None else self.clock.today()
                )
                changes["completed_on"] = None if day is None else day.isoformat()
        check.done()
        with self.store.transaction():
            row = records.update(
                self.store, "pdsa_cycle", cycle_id, changes, expected_version=expected_version
            )
            if "act" in changes:
                self._note(
                    row["action_id"],
                    f"PDSA cycle {row['number']} finished ({changes['act']}). {row['study']}",
                )
        self._changed("pdsa_cycle", "action", ids=(row["action_id"], cycle_id))
        return actions_q.cycle(self.store, cycle_id)

    # -- reading ----------------------------------------------------------
    def action(self, action_id: str) -> Action:
        return actions_q.action(self.store, action_id)

    def actions(self, *, statuses: Iterable[ActionStatus] = ()) -> list[Action]:
        return actions_q.actions(self.store, self.ward_id, statuses=tuple(statuses))

    archived = ward_query(actions_q.archived_actions)

    def progress_notes(self, action_id: str) -> list[ProgressNote]:
        return actions_q.progress_notes(self.store, action_id)

    def cycles(self, action_id: str) -> list[PdsaCycle]:
        return actions_q.cycles(self.store, action_id)

    def overdue_actions(self) -> list[Action]:
        today = self.clock.today()
        return [
            a
            for a in actions_q.open_actions_due_by(
                self.store, self.ward_id, today - timedelta(days=1)
            )
        ]

    def due_within(self, days: int) -> list[Action]:
        """Open actions due from today up to ``days`` days ahead (not overdue ones)."""
        today = self.clock.today()
        days = whole_number("days", days, maximum=MAX_DAYS)
        return [
            a
            for a in actions_q.open_actions_due_by(
                self.store, self.ward_id, today + timedelta(days=days)
            )
            if a.due_on is not None and a.due_on >= today
        ]

    def actions_as_of(self, day: date) -> tuple[list[Action], dict[str, datetime]]:
        """Every action as it stood at the end of ``day`` (local time), and each
        closed one's closing moment, rebuilt from the audit trail."""
        end = datetime.combine(day + timedelta(days=1), time()).astimezone()
        found, closed = actions_q.actions_as_of(self.store, self.ward_id, to_iso(end))
        return found, {k: from_iso(v) for k, v in closed.items()}

    def stalled_actions(self) -> list[Action]:
        """Open actions marked stalled, or without progress for the ward's ``stale_days``."""
        cutoff = to_iso(self.clock.now() - timedelta(days=stale_after_days(self.store)))
        stale = actions_q.stale_open_actions(self.store, self.ward_id, cutoff)
        marked = actions_q.actions(self.store, self.ward_id, statuses=(ActionStatus.STALLED,))
        seen = {a.id for a in stale}
        return stale + [a for a in marked if a.id not in seen]
