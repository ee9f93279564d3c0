"""Learning from Excellence, as wards use it: who was excellent on a thank-you
slip, and milestone certificates for days without a harm."""

from __future__ import annotations

from huddle.domain import LearningKind
from huddle.domain_psirf import DEFAULT_MILESTONES, MILESTONE_LEVELS, Milestone
from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.services.validation import NAME_MAX, Checker
from huddle.store import learning as learning_q
from huddle.store import psirf as psirf_q
from huddle.store import records

GOOD_KINDS = (LearningKind.EXCELLENCE, LearningKind.COMPLIMENT)


def parse_milestones(text: str) -> list[Milestone]:
    """ "10, 30, 100" -> bronze 10, silver 30, gold 100; a clear error otherwise."""
    parts = [p.strip() for p in str(text).replace(";", ",").split(",") if p.strip()]
    try:
        days = [int(p) for p in parts]
    except ValueError:
        days = []
    if (
        not days
        or len(days) > len(MILESTONE_LEVELS)
        or any(d < 1 or d > 3650 for d in days)
        or days != sorted(set(days))
    ):
        raise ValidationError.single(
            "milestone_days",
            "milestones",
            f"Give up to {len(MILESTONE_LEVELS)} numbers of days, smallest first, "
            "separated by commas, for example 10, 30, 100.",
        )
    return [Milestone(level, d) for level, d in zip(MILESTONE_LEVELS, days, strict=False)]


class Excellence(Service):
    def credit(self, learning_id: str, *, who: str, expected_version: int | None) -> int:
        """Name who was excellent (a person, a team, a role) on an excellence item.

        ``expected_version`` is the version of the name the person saw (``None``: none
        yet); one saved meanwhile on another PC is a ``ConflictError``. Returns the
        version saved, for the next change.
        """
        check = Checker()
        text = check.text("who", who, required=True, max_len=NAME_MAX, label="who was excellent")
        check.done()
        item = learning_q.item(self.store, learning_id)
        if item.kind not in GOOD_KINDS:
            raise ValidationError.single(
                "learning_id",
                "not_excellence",
                "Only excellence items and compliments name who was excellent.",
            )
        with self.store.transaction():
            saved = records.put(
                self.store,
                "excellence_credit",
                {"learning_id": learning_id},
                {"who": text},
                expected_version=expected_version,
            )
        self._changed("excellence_credit", "learning_item", ids=(learning_id,))
        return int(saved["version"])

    def who(self, learning_id: str) -> str:
        row = psirf_q.credit(self.store, learning_id)
        return "" if row is None else str(row["who"])

    def credit_version(self, learning_id: str) -> int | None:
        """The version of who was credited (``None``: nobody yet), for a change to name."""
        row = psirf_q.credit(self.store, learning_id)
        return None if row is None else int(row["version"])

    def credits(self, learning_ids: list[str]) -> dict[str, str]:
        return psirf_q.credits(self.store, learning_ids)

    def milestones(self) -> list[Milestone]:
        text = self._app.preferences.get("milestone_days")
        try:
            return parse_milestones(str(text))
        except ValidationError:
            return parse_milestones(DEFAULT_MILESTONES)

    def reached(self, days: int | None) -> Milestone | None:
        """The highest milestone ``days`` without a harm has reached, if any."""
        if days is None:
            return None
        done = [m for m in self.milestones() if days >= m.days]
        return done[-1] if done else None
