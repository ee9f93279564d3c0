"""Running a huddle: start it, take attendance, capture notes, finish it."""

from __future__ import annotations

from datetime import datetime

import msgspec

from huddle.clock import iso_now
from huddle.domain import (
    Action,
    Huddle,
    HuddleKind,
    HuddleStatus,
    LearningItem,
    Person,
    ProgressNote,
)
from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.services.validation import Checker
from huddle.store import actions as actions_q
from huddle.store import huddles as huddles_q
from huddle.store import learning as learning_q
from huddle.store import records
from huddle.store import roster as roster_q

MAX_OTHERS = 500


class HuddleRecord(msgspec.Struct, frozen=True):
    """Everything a huddle captured, for its summary screen and PDF."""

    huddle: Huddle
    facilitator: Person | None
    attendees: tuple[Person, ...]
    learning_raised: tuple[LearningItem, ...]
    actions_agreed: tuple[Action, ...]
    progress_given: tuple[tuple[Action, ProgressNote], ...]
    actions_closed: tuple[Action, ...]


class Huddles(Service):
    def start_huddle(
        self,
        *,
        kind: HuddleKind | str = HuddleKind.DAILY_SAFETY,
        template_id: str | None = None,
        facilitator_id: str | None = None,
    ) -> Huddle:
        """Start a huddle from a template (the ward's default for the kind if none)."""
        check = Checker()
        kind_value = check.choice("kind", kind, HuddleKind)
        check.done()
        assert kind_value is not None
        if huddles_q.running(self.store, self.ward_id) is not None:
            raise ValidationError.single(
                "huddle",
                "already_running",
                "A huddle is already running. Carry on with it, or finish or abandon it first.",
            )
        if template_id is not None:
            template = roster_q.template(self.store, template_id)
        else:
            found = (
                self._app.setup.default_template(kind_value) or self._app.setup.default_template()
            )
            if found is None:
                raise ValidationError.single(
                    "template_id", "required", "Set up an agenda in Settings before starting."
                )
            template = found
        if facilitator_id is not None:
            roster_q.person(self.store, facilitator_id)
        with self.store.transaction():
            row = records.insert(
                self.store,
                "huddle",
                {
                    "ward_id": self.ward_id,
                    "kind": kind_value.value,
                    "template_id": template.id,
                    "status": HuddleStatus.RUNNING.value,
                    "started_at": iso_now(self.clock),
                    "facilitator_id": facilitator_id,
                },
            )
            for position, plan in enumerate(template.sections):
                records.insert(
                    self.store,
                    "huddle_section",
                    {
                        "huddle_id": row["id"],
                        "position": position,
                        "key": plan.key.value,
                        "title": plan.title,
                        "seconds": plan.seconds,
                    },
                )
        self._changed("huddle", ids=(row["id"],))
        return huddles_q.huddle(self.store, row["id"])

    def huddle(self, huddle_id: str) -> Huddle:
        return huddles_q.huddle(self.store, huddle_id)

    def running(self) -> Huddle | None:
        return huddles_q.running(self.store, self.ward_id)

    def latest_finished(self) -> Huddle | None:
        return huddles_q.latest_finished(self.store, self.ward_id)

    def held_between(self, start: datetime, end: datetime) -> list[Huddle]:
        return huddles_q.between(self.store, self.ward_id, start, end)

    def _running(self, huddle_id: str) -> None:
        if huddles_q.status(self.store, huddle_id) is not HuddleStatus.RUNNING:
            raise ValidationError.single(
                "huddle", "not_running", "This huddle has already ended; start a new one."
            )

    def record_attendance(self, huddle_id: str, *, person_id: str, present: bool) -> Huddle:
        self._running(huddle_id)
        roster_q.person(self.store, person_id)
        key = {"huddle_id": huddle_id, "person_id": person_id}
        with self.store.transaction():
            here = huddles_q.is_attending(self.store, huddle_id, person_id)
            if present and not here:
                records.insert(self.store, "attendance", key)
            elif not present:
                records.delete(self.store, "attendance", key)
        self._changed("huddle", "attendance", ids=(huddle_id,))
        return huddles_q.huddle(self.store, huddle_id)

    def set_others_count(self, huddle_id: str, *, count: int) -> Huddle:
        check = Checker()
        check.whole("others_count", count, minimum=0, maximum=MAX_OTHERS)
        check.done()
        self._running(huddle_id)
        return self._set(huddle_id, {"others_count": count})

    def set_facilitator(self, huddle_id: str, *, person_id: str | None) -> Huddle:
        """Who leads the huddle: chosen while it runs, or named afterwards (the finish
        summary asks) when nobody was chosen; a finished huddle's choice then stands."""
        named_afterwards = (
            person_id is not None
            and huddles_q.status(self.store, huddle_id) is HuddleStatus.FINISHED
            and not huddles_q.huddle(self.store, huddle_id).facilitator_id
        )
        if not named_afterwards:
            self._running(huddle_id)
        if person_id is not None:
            roster_q.person(self.store, person_id)
        return self._set(huddle_id, {"facilitator_id": person_id})

    def set_risks_today(self, huddle_id: str, *, text: str, expected_version: int) -> Huddle:
        """Save today's risks over the text the person started from (that huddle
        version); someone else's save in between is a conflict, not lost."""
        check = Checker()
        cleaned = check.text("risks_today", text, label="today's risks")
        check.done()
        self._running(huddle_id)
        version = records.check_version(expected_version)
        with self.store.transaction():
            current = records.fetch(self.store, "huddle", huddle_id)
            # a head count or facilitator saved meanwhile is no conflict for this text
            started_from = huddles_q.field_at_version(self.store, huddle_id, version, "risks_today")
            if current["version"] != version and current["risks_today"] == started_from:
                version = current["version"]
            records.update(
                self.store,
                "huddle",
                huddle_id,
                {"risks_today": cleaned},
                expected_version=version,
            )
        self._changed("huddle", ids=(huddle_id,))
        return huddles_q.huddle(self.store, huddle_id)

    def save_section_notes(self, section_id: str, *, notes: str, expected_version: int) -> Huddle:
        check = Checker()
        cleaned = check.text("notes", notes)
        check.done()
        section = records.fetch(self.store, "huddle_section", section_id)
        self._running(section["huddle_id"])
        with self.store.transaction():
            records.update(
                self.store,
                "huddle_section",
                section_id,
                {"notes": cleaned},
                expected_version=expected_version,
            )
        self._changed("huddle", ids=(section["huddle_id"],))
        return huddles_q.huddle(self.store, section["huddle_id"])

    def finish_huddle(self, huddle_id: str) -> Huddle:
        return self._end(huddle_id, HuddleStatus.FINISHED)

    def abandon_huddle(self, huddle_id: str) -> Huddle:
        """End a huddle started by mistake; it does not count as held."""
        return self._end(huddle_id, HuddleStatus.ABANDONED)

    def _end(self, huddle_id: str, status: HuddleStatus) -> Huddle:
        self._running(huddle_id)
        return self._set(huddle_id, {"status": status.value, "ended_at": iso_now(self.clock)})

    def _set(self, huddle_id: str, values: dict[str, object]) -> Huddle:
        """A huddle's head count, facilitator or ending: fields only this PC's runner
        sets while the huddle runs, so saved over whatever version is there."""
        self._updated("huddle", huddle_id, values, expected_version=records.ANY_VERSION)
        return huddles_q.huddle(self.store, huddle_id)

    def record(self, huddle_id: str) -> HuddleRecord:
        """What this huddle captured: who came, what was raised, agreed and closed."""
        found = huddles_q.huddle(self.store, huddle_id)
        people = {p.id: p for p in roster_q.people(self.store, self.ward_id, include_inactive=True)}
        progress = actions_q.notes_given_in(self.store, huddle_id)
        closed = [
            a for a, note in progress if note.status_to is not None and not note.status_to.is_open
        ]
        return HuddleRecord(
            huddle=found,
            facilitator=people.get(found.facilitator_id or ""),
            attendees=tuple(
                sorted(
                    (people[i] for i in found.attendee_ids if i in people),
                    key=lambda p: p.display_name.casefold(),
                )
            ),
            learning_raised=tuple(learning_q.items_raised_in(self.store, huddle_id)),
            actions_agreed=tuple(actions_q.actions_raised_in(self.store, huddle_id)),
            progress_given=tuple(progress),
            actions_closed=tuple(closed),
        )
