"""Learning responses the PSIRF way, and nothing left unreported.

A SWARM huddle is held at the PC soon after an incident or near miss (within
24 hours of it being logged; after that the service refuses and the team holds
an After Action Review instead). An After Action Review asks the four questions
of any learning item, good outcomes included. Both end in actions linked to the
learning item, and their learning is written back to it.

An incident or near miss with no incident-system reference is "not yet
reported" until a reference is entered or someone records why it need not be.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from huddle.clock import iso_now, to_iso
from huddle.domain import Action, LearningItem, LearningKind
from huddle.domain_psirf import (
    RESPONSE_TEXT_FIELDS,
    SWARM_WINDOW,
    LearningResponse,
    ReportExemption,
    ResponseKind,
    ResponseStatus,
)
from huddle.errors import ValidationError
from huddle.services.base import Service, refuse_unknown
from huddle.services.board import local_day_start
from huddle.services.validation import NAME_MAX, TEXT_MAX, Checker
from huddle.store import learning as learning_q
from huddle.store import psirf as psirf_q
from huddle.store import records

SWARM_KINDS = (LearningKind.INCIDENT, LearningKind.NEAR_MISS)
REASON_MAX = 500
MAX_PRESENT = 200


class Responses(Service):
    # -- SWARM and After Action Review ------------------------------------------------
    def can_swarm(self, item: LearningItem) -> bool:
        """An incident or near miss logged within the last 24 hours."""
        return item.kind in SWARM_KINDS and self.clock.now() - item.created_at <= SWARM_WINDOW

    def start_swarm(
        self, *, learning_id: str, present: Iterable[tuple[str, int]] = ()
    ) -> LearningResponse:
        item = learning_q.item(self.store, learning_id)
        if item.kind not in SWARM_KINDS:
            raise ValidationError.single(
                "learning_id",
                "not_safety_event",
                "A SWARM huddle is for an incident or near miss; "
                "hold an After Action Review for anything else.",
            )
        if not self.can_swarm(item):
            raise ValidationError.single(
                "learning_id",
                "swarm_too_late",
                "More than 24 hours have passed since this was logged; "
                "hold an After Action Review instead.",
            )
        return self._start(ResponseKind.SWARM, item, present)

    def start_review(
        self, *, learning_id: str, present: Iterable[tuple[str, int]] = ()
    ) -> LearningResponse:
        """An After Action Review of any learning item, good outcomes too."""
        return self._start(ResponseKind.AAR, learning_q.item(self.store, learning_id), present)

    def _start(
        self, kind: ResponseKind, item: LearningItem, present: Iterable[tuple[str, int]]
    ) -> LearningResponse:
        check = Checker()
        roles = self._check_present(check, present)
        check.done()
        row = self._inserted(
            "learning_response",
            {
                "ward_id": self.ward_id,
                "learning_id": item.id,
                "kind": kind.value,
                "status": ResponseStatus.RUNNING.value,
                "started_at": iso_now(self.clock),
                "present_json": json.dumps(roles),
            },
        )
        self._changed("learning_response", ids=(row["id"],))
        return psirf_q.response(self.store, row["id"])

    def _check_present(
        self, check: Checker, present: Iterable[tuple[str, int]]
    ) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for i, pair in enumerate(present):
            role, number = pair
            text = check.text(
                f"present[{i}]", role, required=True, max_len=NAME_MAX, label="a role"
            )
            count = check.whole(f"present[{i}]", number, minimum=0, maximum=MAX_PRESENT)
            if text and count:
                counts[text] = counts.get(text, 0) + count
        return sorted(counts.items(), key=lambda p: p[0].casefold())

    def save_answers(
        self,
        response_id: str,
        *,
        expected_version: int,
        present: Iterable[tuple[str, int]] | None = None,
        **answers: str,
    ) -> LearningResponse:
        """Save what the team said so far (any of the step fields, and who is present)."""
        refuse_unknown(answers, RESPONSE_TEXT_FIELDS, "answer")
        check = Checker()
        values: dict[str, Any] = {
            name: check.text(name, text, max_len=TEXT_MAX) for name, text in answers.items()
        }
        if present is not None:
            values["present_json"] = json.dumps(self._check_present(check, present))
        check.done()
        self._updated("learning_response", response_id, values, expected_version=expected_version)
        return psirf_q.response(self.store, response_id)

    def add_action(
        self,
        response_id: str,
        *,
        title: str,
        owner_id: str | None = None,
        owner_text: str = "",
        due_on: date | str | None = None,
    ) -> Action:
        """An action agreed in the response, linked to its learning item."""
        response = psirf_q.response(self.store, response_id)
        return self._app.actions.create_action(
            title=title,
            owner_id=owner_id,
            owner_text=owner_text,
            due_on=due_on,
            status="planned" if (owner_id or owner_text.strip()) else "idea",
            origin="learning",
            learning_ids=(response.learning_id,),
        )

    def finish(self, response_id: str, *, expected_version: int) -> LearningResponse:
        """Close the response; its learning is added to the learning item's."""
        with self.store.transaction():
            response = psirf_q.response(self.store, response_id)
            if response.status is ResponseStatus.FINISHED:
                return response
            records.update(
                self.store,
                "learning_response",
                response_id,
                {"status": ResponseStatus.FINISHED.value, "ended_at": iso_now(self.clock)},
                expected_version=expected_version,
            )
            learned = response.learning.strip()
            if learned:
                item = learning_q.item(self.store, response.learning_id)
                if learned not in item.what_learned:
                    joined = f"{item.what_learned.rstrip()}\n\n{learned}".strip()
                    records.update(
                        self.store,
                        "learning_item",
                        item.id,
                        {"what_learned": joined},
                        expected_version=records.ANY_VERSION,
                    )
        self._changed("learning_response", "learning_item", ids=(response_id,))
        return psirf_q.response(self.store, response_id)

    def response(self, response_id: str) -> LearningResponse:
        return psirf_q.response(self.store, response_id)

    def responses(
        self,
        *,
        learning_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[LearningResponse]:
        """Responses newest first; ``since``/``until`` are ward days, both inclusive."""
        return psirf_q.responses(
            self.store,
            self.ward_id,
            learning_id=learning_id,
            since=None if since is None else to_iso(local_day_start(since)),
            until=None if until is None else to_iso(local_day_start(until + timedelta(days=1))),
        )

    # -- nothing stays only here ------------------------------------------------------
    def unreported(
        self, *, since: date | None = None, until: date | None = None
    ) -> list[LearningItem]:
        """Incidents and near misses not yet reported to the trust's incident system."""
        return psirf_q.unreported(self.store, self.ward_id, since=since, until=until)

    def unreported_count(self, *, since: date | None = None, until: date | None = None) -> int:
        """How many :meth:`unreported` would list, counted rather than read."""
        return psirf_q.unreported_count(self.store, self.ward_id, since=since, until=until)

    def record_reference(
        self, learning_id: str, *, reference: str, expected_version: int
    ) -> LearningItem:
        check = Checker()
        text = check.text(
            "incident_ref",
            reference,
            required=True,
            max_len=NAME_MAX,
            label="the incident-system reference",
        )
        check.done()
        return self._app.learning.update_learning(
            learning_id, expected_version=expected_version, incident_ref=text
        )

    def mark_not_needed(
        self, learning_id: str, *, reason: str, expected_version: int | None
    ) -> LearningItem:
        """Record why this event need not go to the trust's incident system.

        ``expected_version`` is the version of the reason the person saw (``None``:
        there was none); one saved meanwhile on another PC is a ``ConflictError``.
        """
        check = Checker()
        text = check.text(
            "reason", reason, required=True, max_len=REASON_MAX, label="why it need not be reported"
        )
        check.done()
        item = learning_q.item(self.store, learning_id)
        if item.kind not in SWARM_KINDS:
            raise ValidationError.single(
                "learning_id", "not_safety_event", "Only incidents and near misses are reported."
            )
        with self.store.transaction():
            key = {"learning_id": learning_id}
            records.put(
                self.store,
                "report_exemption",
                key,
                {"reason": text},
                expected_version=expected_version,
            )
        self._changed("report_exemption", "learning_item", ids=(learning_id,))
        return item

    def exemption(self, learning_id: str) -> ReportExemption | None:
        """Why the event need not be reported, with the version a change starts from."""
        return psirf_q.exemption(self.store, learning_id)

    def exemption_reason(self, learning_id: str) -> str | None:
        found = psirf_q.exemption(self.store, learning_id)
        return None if found is None else found.reason
