"""The patient's voice: "what matters to you" notes and experience-based
co-design touchpoints. Neither ever says who: a note keeps what was said, a
touchpoint keeps the moment of the journey, how it felt and what was suggested."""

from __future__ import annotations

from collections import Counter
from datetime import date

from huddle.domain_psirf import (
    EMOTIONS,
    STAGE_LABELS,
    TOUCHPOINT_STAGES,
    Feeling,
    StageCount,
    Touchpoint,
    WhatMatters,
)
from huddle.services.base import Service, ward_query
from huddle.services.validation import NAME_MAX, Checker
from huddle.store import psirf as psirf_q
from huddle.store.rows import from_row

NOTE_MAX = 2_000


class PatientVoice(Service):
    def _day(self, check: Checker, value: date | str | None) -> str | None:
        day = check.day("noted_on", value if value is not None else self.clock.today())
        if day is not None and day > self.clock.today():
            check.fail("noted_on", "future", "The date cannot be in the future.")
        return None if day is None else day.isoformat()

    def note_what_matters(self, *, text: str, noted_on: date | str | None = None) -> WhatMatters:
        check = Checker()
        cleaned = check.text(
            "text", text, required=True, max_len=NOTE_MAX, label="what matters to the patient"
        )
        day = self._day(check, noted_on)
        check.done()
        row = self._inserted(
            "what_matters", {"ward_id": self.ward_id, "noted_on": day, "text": cleaned}
        )
        self._changed("what_matters", ids=(row["id"],))
        return from_row(WhatMatters, row)

    def record_touchpoint(
        self,
        *,
        stage: str,
        feeling: Feeling | str,
        emotion: str = "",
        what_happened: str = "",
        staff_suggestion: str = "",
        patient_suggestion: str = "",
        noted_on: date | str | None = None,
    ) -> Touchpoint:
        check = Checker()
        if stage not in STAGE_LABELS:
            allowed = ", ".join(key for key, _ in TOUCHPOINT_STAGES)
            check.fail(
                "stage", "choice", f"'{stage}' is not a touchpoint; choose one of: {allowed}."
            )
        chosen = check.choice("feeling", feeling, Feeling)
        values = {
            "ward_id": self.ward_id,
            "noted_on": self._day(check, noted_on),
            "stage": stage,
            "feeling": chosen.value if chosen else None,
            "emotion": check.text("emotion", emotion, max_len=NAME_MAX, label="the emotion"),
            "what_happened": check.text("what_happened", what_happened, max_len=NOTE_MAX),
            "staff_suggestion": check.text(
                "staff_suggestion", staff_suggestion, max_len=NOTE_MAX, label="staff's suggestion"
            ),
            "patient_suggestion": check.text(
                "patient_suggestion",
                patient_suggestion,
                max_len=NOTE_MAX,
                label="patients' suggestion",
            ),
        }
        check.done()
        row = self._inserted("touchpoint", values)
        self._changed("touchpoint", ids=(row["id"],))
        return psirf_q.touchpoint(self.store, row["id"])

    what_matters = ward_query(psirf_q.what_matters)
    touchpoints = ward_query(psirf_q.touchpoints)

    def felt_bad_most(
        self, *, since: date | None = None, until: date | None = None
    ) -> list[StageCount]:
        """Touchpoints by how often they felt bad, most first (then by how often good)."""
        found = self.touchpoints(since=since, until=until)
        bad = Counter(t.stage for t in found if t.feeling is Feeling.NEGATIVE)
        good = Counter(t.stage for t in found if t.feeling is Feeling.POSITIVE)
        stages = {t.stage for t in found}
        counts = [StageCount(s, STAGE_LABELS.get(s, s), bad[s], good[s]) for s in stages]
        return sorted(counts, key=lambda c: (-c.negative, -c.positive, c.label))

    @staticmethod
    def emotions(feeling: Feeling) -> tuple[str, ...]:
        return EMOTIONS[feeling]
