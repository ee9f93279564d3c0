"""The sample ward's PSIRF history: SWARMs soon after incidents and near misses,
After Action Reviews a few days later (good outcomes too), a weekly speak-up
pulse (some weeks with too few answers to show), touchpoints of patients'
journeys, "what matters to you" notes, a few events not yet reported to the
trust's incident system, and who was excellent on excellence items.

It draws from its own random stream, so the rest of the sample ward is the same
whether or not this history is added.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from huddle.clock import FixedClock
from huddle.domain import LearningItem, LearningKind
from huddle.domain_psirf import EMOTIONS, Feeling
from huddle.services.app import HuddleApp

RECENT_UNREPORTED_DAYS = 10
SWARM_SHARE = 0.6
AAR_SHARE = 0.25

SWARM_TEXT = {
    "expected": (
        "Checks done at the bedside against the chart, as the policy sets out.",
        "The plan in the notes followed, and anything different handed over.",
        "Equipment checked and ready at the start of the shift.",
    ),
    "difference": (
        "Two admissions at once and the bay nurse covering a break; the check was interrupted.",
        "The handover sheet did not show the change made on the ward round.",
        "The equipment was in the sluice and the spare was on another ward.",
        "What helped: the HCA noticed and asked straight away.",
    ),
    "patient_view": (
        "The patient was told what happened and was reassured; the family were phoned.",
        "The patient said they felt safe because staff explained everything.",
        "The family asked to be told sooner next time; we agreed.",
    ),
    "safer": (
        "A prompt on the handover sheet, and a second check for high-risk medicines.",
        "Keep one spare in the bay store, checked daily on the safety round.",
        "Protected time for the medicines round: a red tabard and no interruptions.",
    ),
    "learning": (
        "Check the chart, not the handover, before acting.",
        "Asking 'can I just check?' is always welcome here.",
        "Small changes to where things live prevent big delays.",
    ),
}
AAR_GOOD_TEXT = {
    "expected": "A safe, unhurried response with the right people there.",
    "happened": "The team spotted the change early, escalated and the patient recovered well.",
    "difference": "Clear roles, a practised plan and the NEWS2 chart kept up to date.",
    "safer": "Share the plan at the next teaching session; keep practising it monthly.",
    "learning": "What went well can be repeated on purpose.",
}
TITLE_REST_DAYS = 28  # as the sample's other actions: one title in one board column
SWARM_ACTIONS = (
    "Add a high-risk medicines prompt to the handover sheet",
    "Spare equipment checked on the daily safety round",
    "Red tabard for the medicines round, trial for two weeks",
    "Share the learning at the next weekly huddle",
)
DONE_NOTES = (
    "Done and shared at the huddle.",
    "In place since Monday; the team has been told.",
    "Done: added to the induction pack too.",
)
NOT_NEEDED = (
    "Caught by the usual check before it reached the patient; discussed at the huddle.",
    "Already reported by the pharmacy team under their reference.",
)
TOUCHPOINTS = (
    ("admission", "negative", "Waited a long time in the corridor before a bed was ready.",
     "Tell people how long the wait is likely to be.", "A chair and a drink while waiting."),
    ("night", "negative", "Noise from the nurses' station and the alarms kept me awake.",
     "Quiet time from 23:00, alarms turned down.", "Ear plugs and eye masks offered."),
    ("mealtimes", "positive", "Someone sat with me and helped me eat.",
     "Protected mealtimes work: keep them.", ""),
    ("discharge", "negative", "Told in the morning I was going home, left at 19:00.",
     "Start the discharge letter the day before.", "Tell us the likely time, even if it moves."),
    ("ward_round", "positive", "The doctor sat down and explained the plan.",
     "", "Write the plan on the board by the bed."),
    ("medicines", "negative", "Nobody told me what my new tablets were for.",
     "Explain each new medicine when it is first given.", "A leaflet for new tablets."),
    ("visiting", "positive", "My daughter could stay and help at mealtimes.", "", ""),
    ("personal_care", "positive", "The HCA asked how I like to be washed.", "", ""),
    ("first_hours", "negative", "Didn't know who my nurse was.",
     "Introduce yourself: 'Hello, my name is'.", "Name on the board by the bed."),
)  # fmt: skip
WHAT_MATTERS = (
    "Getting home in time for my granddaughter's wedding.",
    "Being able to walk to the toilet on my own.",
    "Having my hearing aids in and working.",
    "Seeing my dog; a photo on the locker helps.",
    "Knowing what is happening each day.",
    "A cup of tea first thing in the morning.",
    "Sleeping through the night.",
    "Not being a bother to the nurses.",
)
WHO = ("Night team, bay 3", "The physio team", "Both HCAs on the early shift",
       "The ward clerk", "The pharmacist", "Staff nurse on bay 1")  # fmt: skip


class PsirfHistory:
    def __init__(
        self,
        app: HuddleApp,
        clock: FixedClock,
        *,
        seed: int,
        end: date,
        roles: Callable[[], list[str]],
    ) -> None:
        self.app = app
        self.clock = clock
        self.rng = random.Random(seed * 7919 + 20)
        self.end = end
        self.roles = roles
        self.reviews: dict[date, list[LearningItem]] = {}
        self.closing: dict[date, list[str]] = {}  # day -> actions agreed in a SWARM, done then
        self.title_free_from: dict[str, date] = {}  # one action of each title on the board
        self.left_recent = False  # a recent incident has been left for the ward to report

    def leave_unreported(self, day: date, kind: LearningKind) -> bool:
        """A few recent incidents and near misses have no reference yet."""
        if kind not in (LearningKind.INCIDENT, LearningKind.NEAR_MISS):
            return False
        recent = (self.end - day).days < RECENT_UNREPORTED_DAYS
        if recent and not self.left_recent:  # there is always one still to report
            self.left_recent = True
            return True
        return self.rng.random() < (0.4 if recent else 0.08)

    def after_day(self, day: date, learned: list[LearningItem]) -> None:
        rng = self.rng
        for item in learned:
            self._after_learning(day, item)
        for item in self.reviews.pop(day, []):
            self._review(day, item)
        for action_id in self.closing.pop(day, []):
            self._close(day, action_id)
        if day.weekday() == 3:
            self._pulse(day)
        for _ in range(rng.choices((0, 1, 2), weights=(45, 40, 15))[0]):
            self._touchpoint(day)
        if rng.random() < 0.3:
            self._later(day, 16 * 60)
            self.app.patient_voice.note_what_matters(text=rng.choice(WHAT_MATTERS), noted_on=day)

    def _later(self, day: date, minutes: float) -> None:
        moment = datetime.combine(day, datetime.min.time(), self.clock.now().tzinfo)
        moment += timedelta(minutes=minutes)
        if moment > self.clock.now():
            self.clock.set(moment)

    def _after_learning(self, day: date, item: LearningItem) -> None:
        rng = self.rng
        if item.kind in (LearningKind.INCIDENT, LearningKind.NEAR_MISS):
            if not item.incident_ref and (self.end - day).days >= RECENT_UNREPORTED_DAYS:
                self.app.responses.mark_not_needed(
                    item.id, reason=rng.choice(NOT_NEEDED), expected_version=None
                )
            if rng.random() < SWARM_SHARE:
                self._swarm(item)
            elif rng.random() < AAR_SHARE * 2:
                self.reviews.setdefault(day + timedelta(days=rng.randint(2, 6)), []).append(item)
        elif item.kind is LearningKind.EXCELLENCE:
            self.app.excellence.credit(item.id, who=rng.choice(WHO), expected_version=None)
            if rng.random() < AAR_SHARE:
                self.reviews.setdefault(day + timedelta(days=rng.randint(3, 8)), []).append(item)

    def _present(self) -> list[tuple[str, int]]:
        roles = sorted(set(self.roles()))
        chosen = self.rng.sample(roles, k=min(len(roles), self.rng.randint(3, 5)))
        return [(role, self.rng.choice((1, 1, 2))) for role in chosen]

    def _swarm(self, item: LearningItem) -> None:
        rng = self.rng
        moment = item.created_at + timedelta(minutes=rng.randint(45, 240))
        if moment > self.clock.now():
            self.clock.set(moment)
        if not self.app.responses.can_swarm(item):
            return
        swarm = self.app.responses.start_swarm(learning_id=item.id, present=self._present())
        answers: dict[str, Any] = {k: rng.choice(v) for k, v in SWARM_TEXT.items()}
        swarm = self.app.responses.save_answers(
            swarm.id,
            expected_version=swarm.version,
            happened=item.what_happened or item.title,
            **answers,
        )
        today = self.clock.today()
        titles = [t for t in SWARM_ACTIONS if self.title_free_from.get(t, date.min) <= today]
        if rng.random() < 0.5 and titles:
            due = today + timedelta(days=rng.randint(7, 28))
            title = rng.choice(titles)
            action = self.app.responses.add_action(
                swarm.id,
                title=title,
                owner_text=rng.choice(("Ward Sister", "Charge Nurse", "Practice educator")),
                due_on=due,
            )
            # most are done by their due date; a few run late, as on a real ward
            done_on = (
                due
                - timedelta(days=rng.randint(0, 5))
                + timedelta(days=rng.choice((0, 0, 0, 0, 6)))
            )
            self.closing.setdefault(done_on, []).append(action.id)
            self.title_free_from[title] = done_on + timedelta(days=TITLE_REST_DAYS)
        self.clock.advance(timedelta(minutes=rng.randint(12, 18)))
        self.app.responses.finish(swarm.id, expected_version=swarm.version)

    def _close(self, day: date, action_id: str) -> None:
        self._later(day, 13 * 60 + self.rng.randint(0, 240))
        action = self.app.actions.action(action_id)
        if action.status.is_open:
            self.app.actions.change_status(
                action_id,
                status="done",
                expected_version=action.version,
                note=self.rng.choice(DONE_NOTES),
            )

    def _review(self, day: date, item: LearningItem) -> None:
        if day > self.end:
            return
        self._later(day, 14 * 60 + 30)
        review = self.app.responses.start_review(learning_id=item.id, present=self._present())
        answers: dict[str, Any]
        if item.kind is LearningKind.EXCELLENCE:
            answers = dict(AAR_GOOD_TEXT)
        else:
            answers = {k: self.rng.choice(v) for k, v in SWARM_TEXT.items() if k != "patient_view"}
            answers["happened"] = item.what_happened or item.title
        review = self.app.responses.save_answers(
            review.id, expected_version=review.version, **answers
        )
        self.clock.advance(timedelta(minutes=self.rng.randint(20, 35)))
        self.app.responses.finish(review.id, expected_version=review.version)

    def _pulse(self, day: date) -> None:
        rng = self.rng
        self._later(day, 8 * 60 + 12)
        answers = rng.choices((2, 3, 4, 5, 6, 7, 8, 9), weights=(3, 6, 8, 14, 18, 18, 14, 10))[0]
        # the team's sense of safety grows as the huddles bed in
        lean = 0.6 * (1 - max(0, (self.end - day).days) / 182)
        scores = [round(min(5.0, max(1.0, rng.gauss(3.4 + lean, 0.9)))) for _ in range(answers)]
        self.app.pulse.record_answers(scores=scores)  # as the huddle hands them over

    def _touchpoint(self, day: date) -> None:
        rng = self.rng
        stage, feeling, happened, staff, patient = rng.choice(TOUCHPOINTS)
        self._later(day, 15 * 60 + rng.randint(0, 240))
        self.app.patient_voice.record_touchpoint(
            stage=stage,
            feeling=feeling,
            emotion=rng.choice(EMOTIONS[Feeling(feeling)]),
            what_happened=happened,
            staff_suggestion=staff,
            patient_suggestion=patient,
            noted_on=day,
        )
