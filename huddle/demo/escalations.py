"""The sample ward's escalations: what it could not solve alone, sent up to the
trust's tiered huddles every few weeks, nearly all answered (some in stages,
a few late), one answered in the last fortnight ("You said, we did") and one
still waiting. The wording is about systems, never about a person.

It draws from its own random stream, so the rest of the sample ward is the same
whether or not this history is added.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from huddle.clock import FixedClock
from huddle.domain import LearningItem
from huddle.domain_escalations import AnswerStatus, EscalationSource
from huddle.services.app import HuddleApp

# (why the ward escalated, what came back, who owns it at the tier)
CASES = (
    ("Only one bariatric hoist on the site and it is out for repair; two patients on the "
     "ward need one for every transfer.",
     "A loan hoist from the equipment library arrives today; the repair is booked for "
     "Thursday and a second hoist is in next year's equipment bid.", "Site manager"),
    ("Nights have been two registered nurses short on four shifts this week; the bank "
     "cannot fill them.",
     "Agency cover approved for the next two weeks; the division is recruiting to the "
     "two vacancies and the safe staffing review meets on Friday.", "Head of Nursing"),
    ("The drug fridge alarm keeps failing and stock has been moved to the next ward twice.",
     "Estates replaced the fridge's sensor; pharmacy has checked the stock and the fridge "
     "is on the planned maintenance list.", "Estates duty manager"),
    ("Patients fit to go home wait more than a day for transport, which blocks admissions "
     "from the emergency department.",
     "The discharge lounge now takes the ward's patients from 10:00 and transport is "
     "booked at the board round.", "Patient flow lead"),
    ("The sluice macerator has been broken for a week; staff carry pans to the next ward.",
     "A new macerator was fitted on Tuesday; estates will report on the older units.",
     "Estates duty manager"),
    ("The ward's two computers on wheels will not hold a charge, so the morning medicines "
     "round is delayed.",
     "IT swapped both batteries and added the ward to the replacement programme.",
     "IT service desk"),
    ("Falls sensor mats are all in use; the team cannot put one in place for a new admission "
     "at risk of falling.",
     "Six more sensor mats ordered through the falls group; two lent by the stroke unit "
     "until they arrive.", "Falls lead"),
    ("Blood results for the morning ward round arrive after it ends most days.",
     "The laboratory has moved the ward's samples to the 06:00 run; the division will "
     "look at the results times again in a month.", "Divisional director"),
)  # fmt: skip
IN_PROGRESS = (
    "Taken to the site meeting; an update will follow tomorrow.",
    "Working on it with the team concerned; we will come back by the date asked.",
)
RAISED_BY = ("Ward sister", "Nurse in charge", "Charge nurse")
EVERY_DAYS = 35  # about one escalation a month


class EscalationHistory:
    def __init__(self, app: HuddleApp, clock: FixedClock, *, seed: int, end: date) -> None:
        self.app = app
        self.clock = clock
        self.rng = random.Random(seed * 7919 + 190)
        self.end = end
        self.answers: dict[date, list[tuple[str, int]]] = {}  # day -> (escalation, case)
        self.closing: dict[date, list[str]] = {}

    def after_day(self, day: date, learned: list[LearningItem], huddle_id: str | None) -> None:
        for escalation_id, case in self.answers.pop(day, []):
            self._answer(day, escalation_id, case)
        for escalation_id in self.closing.pop(day, []):
            self._close(day, escalation_id)
        left = (self.end - day).days
        if left == 8 or left == 0:
            # the last fortnight: one answered ("You said, we did") and one still waiting
            self._raise(day, learned, huddle_id, answer=left == 8)
        elif left > 14 and self.rng.random() < 1 / EVERY_DAYS:
            self._raise(day, learned, huddle_id, answer=True)

    def _at(self, day: date, hour: int, minute: int = 0) -> None:
        moment = datetime.combine(day, time(hour, minute), self.clock.now().tzinfo)
        if moment > self.clock.now():
            self.clock.set(moment)

    def _raise(
        self, day: date, learned: list[LearningItem], huddle_id: str | None, *, answer: bool
    ) -> None:
        rng = self.rng
        self._at(day, 20, 30)  # after the day's huddles and learning
        case = rng.randrange(len(CASES))
        tiers = self.app.escalations.tiers()
        tier = tiers[0] if rng.random() < 0.6 or len(tiers) == 1 else rng.choice(tiers[1:])
        if learned and rng.random() < 0.5:
            kind, source = EscalationSource.LEARNING, learned[-1].id
        elif huddle_id is not None:
            kind, source = EscalationSource.RISK, huddle_id
        else:
            kind, source = EscalationSource.HUDDLE, None
        hours = rng.choice((24, 72, 72, 24 * 7))
        found = self.app.escalations.raise_escalation(
            tier=tier,
            reason=CASES[case][0],
            answer_by=self.app.escalations.answer_needed_in(hours),
            source_kind=kind,
            source_id=source,
            raised_by=rng.choice(RAISED_BY),
        )
        if answer:
            # most within the time asked; a few late; some first "in progress"
            late = rng.random() < 0.15
            wait = max(1, round(hours / 24) + (2 if late else -rng.randint(0, 1)))
            self.answers.setdefault(day + timedelta(days=min(wait, 6)), []).append((found.id, case))
            if wait > 1 and rng.random() < 0.4:
                self.answers.setdefault(day + timedelta(days=1), []).insert(0, (found.id, -1))

    def _answer(self, day: date, escalation_id: str, case: int) -> None:
        self._at(day, 9, 40 + self.rng.randint(0, 15))  # in the tier-2 huddle
        if case < 0:
            self.app.escalations.answer(
                escalation_id=escalation_id,
                answer=self.rng.choice(IN_PROGRESS),
                status=AnswerStatus.IN_PROGRESS,
                answered_by="Matron",
            )
            return
        self.app.escalations.answer(
            escalation_id=escalation_id,
            answer=CASES[case][1],
            owner=CASES[case][2],
            answered_by="Matron",
        )
        close_on = day + timedelta(days=self.rng.randint(15, 20))
        if close_on <= self.end:  # the ward closes it once it has read and acted on it
            self.closing.setdefault(close_on, []).append(escalation_id)

    def _close(self, day: date, escalation_id: str) -> None:
        self._at(day, 8, 20)
        version = self.app.escalations.escalation(escalation_id).version
        self.app.escalations.close(escalation_id=escalation_id, expected_version=version)
