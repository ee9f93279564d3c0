"""Escalating from the ward to the trust's tiered huddles, and the tiers' answers.

A ward raises an escalation to one of the trust's tiers (IT names them in the
``escalation_tiers`` setting) with a reason and when it needs an answer; it
syncs like any change. The tier-2 huddle answers it, on a replica of the ward
(``answer``): each answer is a row of its own, which is all a tier login may
push, and the ward's next pull brings it home. Today shows the ward's open
escalations and, for 14 days, what the tiers answered ("You said, we did").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

import msgspec

from huddle.clock import to_iso
from huddle.domain_escalations import (
    AnswerStatus,
    Escalation,
    EscalationAnswer,
    EscalationSource,
    EscalationStatus,
    EscalationView,
    agenda_key,
    effective_status,
)
from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.services.validation import NAME_MAX, Checker, whole_number
from huddle.store import escalations as escalations_q
from huddle.store import records
from huddle.store import roster as roster_q

REASON_MAX = 2_000
ANSWER_MAX = 4_000
LONGEST_WAIT = timedelta(days=90)  # an answer needed later than this is not an escalation
RECENT_DAYS = 14


def end_of_day(day: date) -> datetime:
    """23:59 local time on ``day``, as a UTC moment: "an answer by 9 Aug"."""
    return datetime.combine(day, time(23, 59)).astimezone().astimezone(UTC)


def _moment(value: datetime | date | str, check: Checker) -> datetime | None:
    if isinstance(value, str):
        try:
            value = (
                datetime.fromisoformat(value.strip())
                if "T" in value or " " in value.strip()
                else date.fromisoformat(value.strip())
            )
        except ValueError:
            check.fail(
                "answer_by",
                "date",
                "Give when an answer is needed as a date (YYYY-MM-DD) or a date and time.",
            )
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.astimezone()
    if isinstance(value, date):
        return end_of_day(value)
    check.fail("answer_by", "required", "Say when an answer is needed: 24 h, 72 h or a date.")
    return None


def _as_of_moment(as_of: datetime | date | None, now: datetime) -> datetime:
    if as_of is None:
        return now
    if isinstance(as_of, datetime):
        return as_of if as_of.tzinfo else as_of.astimezone()
    return end_of_day(as_of)


class EscalationService(Service):
    def tiers(self) -> tuple[str, ...]:
        """The trust's tier names, lowest first (the ``escalation_tiers`` setting)."""
        return self._app.escalation_tiers

    def answer_needed_in(self, hours: int) -> datetime:
        """The moment ``hours`` from now: the dialog's "24 h" and "72 h"."""
        hours = whole_number("answer_by", hours, minimum=1, maximum=LONGEST_WAIT.days * 24)
        return self.clock.now() + timedelta(hours=hours)

    def raise_escalation(
        self,
        *,
        tier: str,
        reason: str,
        answer_by: datetime | date | str,
        source_kind: EscalationSource | str = EscalationSource.HUDDLE,
        source_id: str | None = None,
        raised_by: str = "",
        ward_id: str | None = None,
    ) -> Escalation:
        """Escalate to a tier: what the ward cannot solve, and when it needs an answer."""
        ward = ward_id or self.ward_id
        roster_q.ward(self.store, ward)
        check = Checker()
        tiers = self.tiers()
        chosen_tier = " ".join(str(tier or "").split())
        matched = [t for t in tiers if t.casefold() == chosen_tier.casefold()]
        if not matched:
            check.fail(
                "tier",
                "choice",
                f"Choose who to escalate to: {', '.join(tiers)}"
                + (f" ('{chosen_tier}' is not one of the trust's tiers)." if chosen_tier else "."),
            )
        text = check.text(
            "reason", reason, required=True, max_len=REASON_MAX, label="the reason for escalating"
        )
        who = check.text("raised_by", raised_by, max_len=NAME_MAX, label="who raised it")
        kind = check.choice("source_kind", source_kind, EscalationSource)
        needed = _moment(answer_by, check)
        now = self.clock.now()
        if needed is not None and needed <= now:
            check.fail("answer_by", "past", "The answer must be needed in the future.")
        elif needed is not None and needed - now > LONGEST_WAIT:
            check.fail(
                "answer_by",
                "too_far",
                f"Ask for an answer within {LONGEST_WAIT.days} days; raise it again later if "
                "it can wait longer.",
            )
        source = (source_id or "").strip() or None
        if kind in (EscalationSource.ACTION, EscalationSource.LEARNING) and source is None:
            check.fail("source_id", "required", f"Say which {kind.value} is escalated.")
        elif kind is not None and source is not None:
            if not escalations_q.source_on_ward(self.store, kind, source, ward):
                check.fail(
                    "source_id",
                    "not_found",
                    f"The {kind.value} this escalation was raised from is not on this ward; "
                    "reopen it and escalate again.",
                )
        check.done()
        assert kind is not None and needed is not None
        row = self._inserted(
            "escalation",
            {
                "ward_id": ward,
                "source_kind": kind.value,
                "source_id": source,
                "tier": matched[0],
                "reason": text,
                "answer_by": to_iso(needed),
                "raised_at": to_iso(now),
                "raised_by": who,
                "status": EscalationStatus.OPEN.value,
            },
        )
        self._changed("escalation", ids=(row["id"],))
        return escalations_q._escalation(row)

    def answer(
        self,
        *,
        escalation_id: str,
        answer: str,
        owner: str = "",
        status: AnswerStatus | str = AnswerStatus.ANSWERED,
        answered_by: str = "",
        tier: str | None = None,
    ) -> EscalationAnswer:
        """The tier's answer (in the tier-2 huddle): a new row, never an edit of the
        ward's escalation, so it syncs back without conflicting with the ward."""
        check = Checker()
        text = check.text("answer", answer, required=True, max_len=ANSWER_MAX, label="the answer")
        who_owns = check.text("owner", owner, max_len=NAME_MAX, label="the owner")
        who = check.text("answered_by", answered_by, max_len=NAME_MAX, label="who answered")
        chosen = check.choice("status", status, AnswerStatus)
        check.done()
        assert chosen is not None
        escalation = escalations_q.escalation(self.store, escalation_id)
        if escalation.status is EscalationStatus.CLOSED:
            raise ValidationError.single(
                "escalation_id",
                "closed",
                "The ward has closed this escalation; it needs no answer now.",
            )
        row = self._inserted(
            "escalation_answer",
            {
                "escalation_id": escalation_id,
                "answer": text,
                "owner": who_owns,
                "status": chosen.value,
                "answered_at": to_iso(self.clock.now()),
                "answered_by": who,
                "tier": " ".join((tier or escalation.tier).split()),
            },
        )
        self._changed("escalation_answer", "escalation", ids=(escalation_id,))
        return escalations_q._answer(row)

    def close(self, *, escalation_id: str, expected_version: int) -> Escalation:
        """The ward closes an escalation (answered well enough, or no longer needed)."""
        version = records.check_version(expected_version)
        with self.store.transaction():
            row = records.update(
                self.store,
                "escalation",
                escalation_id,
                {"status": EscalationStatus.CLOSED.value, "closed_at": to_iso(self.clock.now())},
                expected_version=version,
            )
        self._changed("escalation", ids=(escalation_id,))
        return escalations_q._escalation(row)

    def escalation(self, escalation_id: str) -> Escalation:
        return escalations_q.escalation(self.store, escalation_id)

    def views(
        self, escalations: Iterable[Escalation], *, as_of: datetime | date | None = None
    ) -> list[EscalationView]:
        """Each escalation as it stood at ``as_of`` (now by default)."""
        # "now" takes every answer this PC holds, whatever the clock of the PC that
        # wrote it said (clocks on different PCs need not agree); a past moment
        # takes what was known by then
        moment = _as_of_moment(as_of, self.clock.now())
        chosen = [e for e in escalations if as_of is None or e.raised_at <= moment]
        answered = escalations_q.answers(self.store, (e.id for e in chosen))
        found = []
        for item in chosen:
            # closed later than the moment asked about: it was still open then
            later = as_of is not None and item.closed_at is not None and item.closed_at > moment
            shown = msgspec.structs.replace(item, status=EscalationStatus.OPEN) if later else item
            known = [a for a in answered[item.id] if as_of is None or a.answered_at <= moment]
            latest = known[-1] if known else None
            status = effective_status(shown, latest)
            due_in = item.answer_by - moment
            found.append(
                EscalationView(
                    escalation=item,
                    latest_answer=latest,
                    status=status,
                    age=max(moment - item.raised_at, timedelta(0)),
                    due_in=due_in,
                    overdue=status is EscalationStatus.OPEN and due_in < timedelta(0),
                )
            )
        return found

    def open_for_ward(
        self, ward_id: str | None = None, as_of: datetime | date | None = None
    ) -> list[EscalationView]:
        """The ward's escalations still waiting for an answer (or in progress at a tier),
        overdue first, then the answer needed soonest."""
        ward = ward_id or self.ward_id
        # now: only the open ones need reading (a past moment needs every one, as
        # some closed since were open then)
        status = EscalationStatus.OPEN.value if as_of is None else None
        found = escalations_q.escalations(self.store, ward, status=status)
        views = self.views(found, as_of=as_of)
        return self.tier_agenda(v for v in views if v.status is EscalationStatus.OPEN)

    def recently_answered(
        self, ward_id: str | None = None, days: int = RECENT_DAYS
    ) -> list[EscalationView]:
        """ "You said, we did": escalations a tier answered in the last ``days``, the
        newest answer first."""
        days = whole_number("days", days, minimum=1, maximum=3660)
        ward = ward_id or self.ward_id
        since = self.clock.now() - timedelta(days=days)
        # read only those with an answer since the day before (answers are stamped in
        # ISO text, some with another PC's offset); the latest answer decides below
        day_before = (since - timedelta(days=1)).date().isoformat()
        views = self.views(
            escalations_q.escalations(self.store, ward, answered_on_or_after=day_before)
        )
        answered = [
            v
            for v in views
            if v.latest_answer is not None
            and v.latest_answer.status is not AnswerStatus.IN_PROGRESS
            and v.latest_answer.answered_at >= since
        ]
        return sorted(answered, key=lambda v: v.latest_answer.answered_at, reverse=True)  # type: ignore[union-attr]

    def for_source(
        self, source_kind: EscalationSource | str, source_id: str
    ) -> list[EscalationView]:
        """The escalations raised from one action, learning item or huddle, oldest first."""
        kind = EscalationSource(source_kind)
        found = escalations_q.escalations(self.store, self.ward_id, source=(kind.value, source_id))
        return self.views(found)

    @staticmethod
    def tier_agenda(escalations: Iterable[EscalationView]) -> list[EscalationView]:
        """The tier-2 huddle's order: overdue first, then the answer needed soonest,
        then the oldest."""
        return sorted(escalations, key=agenda_key)
