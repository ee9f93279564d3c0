"""Build a believable sample ward, day by day, through the services.

A :class:`~huddle.clock.FixedClock` walks from ``weeks`` weeks ago to
yesterday, so every record's timestamps look as if a ward team had typed it
in at the time: the morning safety huddle at about 08:00, the weekly
improvement huddle on Wednesday afternoons, learning and action updates
through the day, measures entered on Mondays and early in the month.

Every write goes through the services (so validation and the audit trail are
exercised). For speed each simulated week runs inside one outer
``store.transaction()``: the services' own transactions become savepoints, so
a week costs one commit instead of thousands.

The same ``seed`` (and ``today``) gives the same content and counts; only the
uuid4 ids differ. Nothing patient-identifiable is ever written: no names, no
numbers, no dates of birth, only bays and side rooms.
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Literal

from huddle.clock import FixedClock
from huddle.demo import phrases as P
from huddle.demo.escalations import EscalationHistory
from huddle.demo.psirf import PsirfHistory
from huddle.domain import (
    ActionStatus,
    HarmLevel,
    Huddle,
    HuddleKind,
    LearningItem,
    LearningKind,
    Origin,
    PdsaDecision,
    Person,
    Priority,
    SectionKey,
)
from huddle.errors import HuddleError, UpgradeNeededError, ValidationError
from huddle.services import HuddleApp
from huddle.services.measure_starters import start_measure

ACTOR = "sample-data@ward-huddle"
DEFAULT_WARD_NAME = "Ward 7B (sample)"
MAX_WEEKS = 1040
HISTORY_WEEKS = 26  # measure points "entered from the dashboard" before the first huddle
HISTORY_MONTHS = 12

Progress = Callable[[int, int], None]

# Learning items a week, by kind (harm incidents are scheduled separately).
WEEKLY_LEARNING: tuple[tuple[LearningKind, float], ...] = (
    (LearningKind.INCIDENT, 2.0),
    (LearningKind.NEAR_MISS, 1.5),
    (LearningKind.COMPLAINT, 0.25),
    (LearningKind.COMPLIMENT, 1.5),
    (LearningKind.PATIENT_FEEDBACK, 1.0),
    (LearningKind.EXCELLENCE, 0.9),
    (LearningKind.OTHER, 0.3),
)
WEEKLY_ACTIONS = 4.5
# An action's title is not offered again until this long after the last one with it
# closed, so the board never shows one title in two columns (done ones stay in view).
TITLE_REST_DAYS = 28
# Nor is a thank-you or an excellence story told twice within this many days.
STORY_REST_DAYS = 16
RESTED_KINDS = (LearningKind.COMPLIMENT, LearningKind.EXCELLENCE)
# How many of the roster come to a huddle (5 to 12), and how often a section gets a note.
ATTENDANCE_WEIGHTS = (14, 18, 18, 15, 12, 10, 8, 5)
NOTE_CHANCE = {
    SectionKey.SAFETY: 0.7,
    SectionKey.PATIENT_VOICE: 0.4,
    SectionKey.ACTIONS: 0.45,
    SectionKey.IDEAS: 0.4,
    SectionKey.CELEBRATE: 0.45,
    SectionKey.REFLECT: 0.3,
}
# Which agenda section a learning item is raised in.
SECTION_FOR_KIND = {
    LearningKind.INCIDENT: SectionKey.SAFETY,
    LearningKind.NEAR_MISS: SectionKey.SAFETY,
    LearningKind.COMPLAINT: SectionKey.PATIENT_VOICE,
    LearningKind.PATIENT_FEEDBACK: SectionKey.PATIENT_VOICE,
    LearningKind.COMPLIMENT: SectionKey.CELEBRATE,
    LearningKind.EXCELLENCE: SectionKey.CELEBRATE,
    LearningKind.OTHER: SectionKey.IDEAS,
}


class DemoRefusedError(HuddleError):
    """The sample would overwrite a ward's real data, so it was not built."""

    code = "demo_refused"


@dataclass(frozen=True)
class DemoSummary:
    """What the sample ward holds, for a one-line report."""

    ward_id: str
    counts: dict[str, int]

    def __getitem__(self, kind: str) -> int:
        return self.counts[kind]


# -- small helpers ---------------------------------------------------------------------
class _Slots(dict[str, str]):
    """Values for a text's {slots}, drawn once each so one item reads consistently."""

    def __init__(self, rng: random.Random, **fixed: str) -> None:
        super().__init__(fixed)
        self._rng = rng

    def __missing__(self, key: str) -> str:
        rng = self._rng
        makers: dict[str, Callable[[], str]] = {
            "bay": lambda: str(rng.randint(1, 6)),
            "side": lambda: str(rng.randint(1, 4)),
            "shift": lambda: rng.choice(P.SHIFTS),
            "n": lambda: str(rng.randint(2, 4)),
            "time": lambda: rng.choice(P.TIMES),
            "day": lambda: rng.choice(P.DAYS),
            "drug": lambda: rng.choice(P.DRUGS),
            "team": lambda: rng.choice(P.TEAM_OWNERS).lower(),
            "harm_days": lambda: "several",
        }
        value = makers[key]() if key in makers else key
        self[key] = value
        return value


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means used here."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _previous_month(day: date) -> date:
    return _month_start(_month_start(day) - timedelta(days=1))


def _at(day: date, minutes: float) -> datetime:
    """A moment on ``day``, ``minutes`` after midnight (UTC, the clock's zone)."""
    return datetime.combine(day, time(), UTC) + timedelta(minutes=minutes)


# -- the action plans ---------------------------------------------------------------------
OpName = Literal[
    "learn", "create", "take_on", "status", "note", "cycle_start", "cycle_do", "cycle_act"
]


@dataclass
class _Op:
    name: OpName
    status: ActionStatus | None = None
    text: str = ""
    cycle: P.Cycle | None = None
    decision: PdsaDecision | None = None


@dataclass
class _Track:
    """One action's life: what it is about and where it has got to."""

    idea: P.Idea
    slots: _Slots
    origin: Origin
    status: ActionStatus
    priority: Priority
    owner_id: str | None = None
    owner_text: str = ""
    due_on: date | None = None
    learning: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    story: P.Story | None = None  # a learning item to record just before the action
    action_id: str | None = None
    version: int = 0
    cycle_id: str | None = None
    cycle_version: int = 0
    in_huddle: bool = False  # prefers being talked about in a huddle
    weekly: bool = False  # PDSA work, reviewed at the weekly improvement huddle
    closes_on: date | None = None  # the day it is done or dropped, once scheduled


@dataclass
class _LearningSpec:
    story: P.Story
    harm: HarmLevel
    occurred_on: date


# -- the builder ---------------------------------------------------------------------------
class _Builder:
    def __init__(
        self,
        app: HuddleApp,
        clock: FixedClock,
        *,
        seed: int,
        weeks: int,
        today: date,
        ward_name: str,
        progress: Progress | None,
    ) -> None:
        self.app = app
        self.clock = clock
        self.seed = seed
        self.rng = random.Random(seed)
        self.weeks = weeks
        self.today = today
        self.end = today - timedelta(days=1)  # the last simulated day: yesterday
        self.start = today - timedelta(days=7 * weeks)
        self.ward_name = ward_name
        self.progress = progress
        self.people: list[Person] = []
        self.role_of: dict[str, str] = {}
        self.used_names: set[str] = set()
        self.first_names: list[str] = []
        self.next_ref = 20000 + self.rng.randint(0, 4000)
        self.recent: list[tuple[date, LearningItem]] = []
        self.agenda: dict[date, dict[int, tuple[_Track, list[_Op]]]] = {}
        self.harm_days: dict[date, HarmLevel] = {}
        self.measure_ids: dict[str, str] = {}
        self.weekly_values: dict[str, dict[date, tuple[float, str]]] = {}
        self.monthly_values: dict[str, dict[date, tuple[float, str]]] = {}
        self.falls_change = self._wednesday_near(self.end - timedelta(weeks=self._falls_weeks()))
        self.hand_change = self._wednesday_near(self.end - timedelta(weeks=self._hand_weeks()))
        self.hand_outlier = _monday(self.hand_change) - timedelta(weeks=4)
        self.learned_today: list[LearningItem] = []
        self.title_free_from: dict[str, date] = {}  # an idea's title: when it may start again
        self.story_told: dict[str, date] = {}  # a thank-you or excellence story: last told
        self.psirf = PsirfHistory(
            app, clock, seed=seed, end=self.end, roles=lambda: [p.role for p in self.people]
        )
        self.escalations = EscalationHistory(app, clock, seed=seed, end=self.end)

    # -- timeline ------------------------------------------------------------------
    def _falls_weeks(self) -> int:
        return min(30, max(2, round(self.weeks * 0.55)))

    def _hand_weeks(self) -> int:
        return min(22, max(2, round(self.weeks * 0.75)))

    def _wednesday_near(self, day: date) -> date:
        wednesday = _monday(day) + timedelta(days=2)
        return self._clamp(wednesday)

    def _clamp(self, day: date) -> date:
        first = min(self.start + timedelta(days=1), self.end)
        return min(max(day, first), self.end)

    def _next_wednesday(self, day: date) -> date:
        return day + timedelta(days=(2 - day.weekday()) % 7)

    # -- the whole run ---------------------------------------------------------------
    def run(self) -> str:
        days = (self.end - self.start).days + 1
        total = days + 1
        self._report(0, total)
        ward_id = self._setup()
        self._report(1, total)
        day = self.start
        done = 1
        while day <= self.end:
            self._day(day)
            day += timedelta(days=1)
            done += 1
            if done % 7 == 1 or day > self.end:
                self._report(done, total)
        self.clock.set(_at(self.end, 21 * 60))
        self._settle()
        return ward_id

    def _settle(self) -> None:
        """What a ward sister does once things have bedded in: recalculate the hand
        hygiene limits for its new level, and say how often the ward huddles."""
        new_level = _monday(self.hand_change) + timedelta(weeks=8)
        hand = self.measure_ids["hand"]
        points = self.app.measures.points(hand)
        if (
            sum(p.period_start >= new_level for p in points) >= 2
            and sum(p.period_start < new_level for p in points) >= 2
        ):
            self.app.measures.rebase(hand, from_date=new_level, reason=P.HAND_HYGIENE_REBASE_REASON)
        # The ward started a safety cross three months ago: one square a day.
        cross = self.app.measures.define_measure(
            name=P.SAFETY_CROSS_NAME,
            unit="incidents",
            better="down",
            period="day",
            chart_kind="safety_cross",
            description=P.SAFETY_CROSS_DESCRIPTION,
            # harm is rare: its verdict comes from the days between harms (a t-chart)
            rare_event_chart="instead",
        )
        first = max(self.start, self.end - timedelta(days=90))
        days = [first + timedelta(days=n) for n in range((self.end - first).days + 1)]
        self.app.measures.record_points(
            cross.id, [(day, 1 if day in self.harm_days else 0) for day in days]
        )
        self.app.preferences.set("planned_huddles_per_week", 7)
        self.app.preferences.set("sample_ward", True)  # the app says so in a banner

    def _report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    # -- day 0 -----------------------------------------------------------------------
    def _setup(self) -> str:
        self.clock.set(_at(self.start, 7 * 60 + 10))
        roster: list[tuple[str, str]] = []
        for role, count, _ in P.ROSTER_ROLES:
            roster.extend((self._new_name(), role) for _ in range(count))
        ward = self.app.setup.create_ward(
            name=self.ward_name,
            site=P.WARD_SITE,
            specialty=P.WARD_SPECIALTY,
            roster=roster,
        )
        by_name = {p.display_name: p for p in self.app.setup.people()}
        self.people = [by_name[name] for name, _ in roster]
        self.role_of = {p.id: p.role for p in self.people}
        self._plan_harm()
        self._define_measures()
        self._plan_stories()
        for planned in self.agenda.values():  # the scripted stories keep their titles
            for track, _ in planned.values():
                self.title_free_from[track.idea.title] = date.max
        return ward.id

    def _new_name(self) -> str:
        """A fictional first name and initial; first names repeat only once all are used."""
        while True:
            if not self.first_names:
                self.first_names = self.rng.sample(P.FIRST_NAMES, len(P.FIRST_NAMES))
            first = self.first_names.pop()
            name = f"{first} {self.rng.choice(P.SURNAME_INITIALS)}"
            if name.casefold() not in self.used_names:
                self.used_names.add(name.casefold())
                return name

    def _plan_harm(self) -> None:
        """Incidents with harm, a few weeks apart, the last one a few weeks ago."""
        day = self.end - timedelta(days=self.rng.randint(10, 30))
        while day > self.start:
            moderate = self.rng.random() < 0.2
            self.harm_days[day] = HarmLevel.MODERATE if moderate else HarmLevel.LOW
            day -= timedelta(days=self.rng.randint(21, 56))

    # -- measures ----------------------------------------------------------------------
    def _define_measures(self) -> None:
        measures = self.app.measures
        falls = start_measure(measures, "falls", name=P.FALLS_NAME)
        pressure = start_measure(measures, "pressure", name=P.PRESSURE_NAME)
        hand = start_measure(measures, "hand_hygiene", name=P.HAND_HYGIENE_NAME)
        fft = start_measure(measures, "fft", name=P.FFT_NAME)
        self.measure_ids = {"falls": falls.id, "pressure": pressure.id, "hand": hand.id}
        self.measure_ids["fft"] = fft.id
        self._make_series()
        # What the ward had before it started using the app.
        first_week = _monday(self.start)
        first_month = _month_start(self.start)
        for key, values in self.weekly_values.items():
            history = [(d, v, n) for d, (v, n) in values.items() if d < first_week]
            measures.record_points(self.measure_ids[key], history)
        for key, values in self.monthly_values.items():
            history = [(d, v, n) for d, (v, n) in values.items() if d < first_month]
            measures.record_points(self.measure_ids[key], history)

    def _make_series(self) -> None:
        rng = random.Random(f"{self.seed}:measures")
        mondays: list[date] = []
        monday = _monday(self.start) - timedelta(weeks=HISTORY_WEEKS)
        while monday + timedelta(days=7) <= self.end:
            mondays.append(monday)
            monday += timedelta(days=7)
        # Falls: a steady process that drops and stays lower after the PDSA change.
        falls: dict[date, tuple[float, str]] = {}
        for monday in mondays:
            if monday >= self.falls_change:
                value = rng.gauss(4.1, 0.9)
            else:
                value = rng.gauss(6.8, 1.4)
            note = rng.choice(P.FALLS_NOTES) if rng.random() < 0.04 else ""
            falls[monday] = (max(0.3, value), note)
        if falls:
            mean = sum(v for v, _ in falls.values()) / len(falls)
            cap = mean - 0.3  # after the change every week sits below the old mean
            falls = {
                d: (min(v, cap) if d >= self.falls_change else v, n) for d, (v, n) in falls.items()
            }
        # Hand hygiene: below standard, one bad week, then a steady climb and a new level.
        hand: dict[date, tuple[float, str]] = {}
        step = 0
        for monday in mondays:
            note = ""
            if monday == self.hand_outlier:
                value, note = 71.0 + rng.random(), P.HAND_HYGIENE_OUTLIER_NOTE
            elif monday < self.hand_change:
                value = min(92.5, rng.gauss(87.5, 1.8))
            elif step < 8:
                value = 88.0 + 1.1 * step + rng.uniform(0, 0.4)
                step += 1
            else:
                value = min(99.5, rng.gauss(96.4, 0.9))
            hand[monday] = (value, note)
        self.weekly_values = {
            "falls": {d: (round(v, 1), n) for d, (v, n) in falls.items()},
            "hand": {d: (round(v, 1), n) for d, (v, n) in hand.items()},
        }
        months: list[date] = []
        month = _month_start(self.start)
        for _ in range(HISTORY_MONTHS):
            month = _previous_month(month)
        while _month_start(self.end) > month:
            months.append(month)
            month = _month_start(month + timedelta(days=32))
        fft: dict[date, tuple[float, str]] = {}
        pressure: dict[date, tuple[float, str]] = {}
        for month in months:
            dip = rng.random() < 0.06
            value = rng.gauss(84.0, 2.0) if dip else min(99.0, rng.gauss(92.5, 2.2))
            fft[month] = (float(round(value)), rng.choice(P.FFT_NOTES) if dip else "")
            pressure[month] = (float(_poisson(rng, 1.3)), "")
        self.monthly_values = {"fft": fft, "pressure": pressure}

    def _enter_measures(self, day: date) -> None:
        if day.weekday() == 0:
            self._enter_points(self.weekly_values, day - timedelta(days=7))
        if day.day == 3:
            self._enter_points(self.monthly_values, _previous_month(day))

    def _enter_points(
        self, planned: dict[str, dict[date, tuple[float, str]]], period_start: date
    ) -> None:
        """Enter each measure's planned value (and note) for the period starting
        ``period_start``, as the ward would once that period is over."""
        for key, values in planned.items():
            if period_start in values:
                value, note = values[period_start]
                measure_id = self.measure_ids[key]
                self.app.measures.record_point(
                    measure_id,
                    period_start=period_start,
                    value=value,
                    note=note,
                    expected_version=self._point_version(measure_id, period_start),
                )

    def _point_version(self, measure_id: str, day: date) -> int | None:
        """The version of the point already entered for ``day`` (a correction), if any."""
        from huddle.store import measures as measures_q

        found = measures_q.point_on(self.app.store, measure_id, day.isoformat())
        return None if found is None else int(found["version"])

    # -- the stories the sample must always tell ---------------------------------------
    def _plan_stories(self) -> None:
        end = self.end

        def before(days: int) -> date:
            return self._clamp(end - timedelta(days=days))

        # Falls: a PDSA on a cohort bay, linked to the falls measure before it starts.
        change = self.falls_change
        falls_story = next(s for s in P.STORIES if s.category is P.SC.FALLS and s.can_harm)
        track = self._track(P.FALLS_PROJECT.idea, Origin.LEARNING, ActionStatus.PLANNED)
        track.story = falls_story
        track.measures = [self.measure_ids["falls"]]
        track.due_on = change + timedelta(days=56)
        track.weekly = True
        cycles = P.FALLS_PROJECT.cycles
        self._schedule(
            track, self._clamp(change - timedelta(days=10)), [_Op("learn"), _Op("create")]
        )
        self._schedule(
            track,
            self._clamp(change - timedelta(days=7)),
            [_Op("status", ActionStatus.IN_PROGRESS, "Cohort bay agreed with matron; rota set.")],
        )
        self._schedule(track, change, [_Op("cycle_start", cycle=cycles[0])])
        self._schedule(track, change + timedelta(days=7), [_Op("cycle_do", cycle=cycles[0])])
        self._schedule(
            track,
            change + timedelta(days=14),
            [
                _Op("cycle_act", cycle=cycles[0], decision=PdsaDecision.ADAPT),
                _Op("cycle_start", cycle=cycles[1]),
            ],
        )
        self._schedule(track, change + timedelta(days=35), [_Op("cycle_do", cycle=cycles[1])])
        self._schedule(
            track,
            change + timedelta(days=49),
            [_Op("cycle_act", cycle=cycles[1], decision=PdsaDecision.ADOPT)],
        )
        self._schedule(
            track,
            change + timedelta(days=56),
            [_Op("status", ActionStatus.DONE, P.FALLS_PROJECT.closing)],
        )
        # Hand hygiene: one cycle, adopted; the chart climbs week on week.
        hand = self.hand_change
        track = self._track(P.HAND_HYGIENE_PROJECT.idea, Origin.STAFF_IDEA, ActionStatus.PLANNED)
        track.measures = [self.measure_ids["hand"]]
        track.due_on = hand + timedelta(days=70)
        track.weekly = True
        cycle = P.HAND_HYGIENE_PROJECT.cycles[0]
        self._schedule(track, self._clamp(hand - timedelta(days=7)), [_Op("create")])
        self._schedule(
            track,
            hand,
            [
                _Op("status", ActionStatus.IN_PROGRESS, "Dispensers ordered; champions chosen."),
                _Op("cycle_start", cycle=cycle),
            ],
        )
        self._schedule(track, hand + timedelta(days=14), [_Op("cycle_do", cycle=cycle)])
        self._schedule(
            track,
            hand + timedelta(days=56),
            [_Op("cycle_act", cycle=cycle, decision=PdsaDecision.ADOPT)],
        )
        self._schedule(
            track,
            hand + timedelta(days=63),
            [_Op("status", ActionStatus.DONE, P.HAND_HYGIENE_PROJECT.closing)],
        )
        # A test that did not work: abandoned, and the action dropped with the reason.
        project = P.ABANDON_PROJECT
        track = self._track(project.idea, Origin.STAFF_IDEA, ActionStatus.PLANNED)
        track.due_on = end - timedelta(days=40)
        track.weekly = True
        cycle = project.cycles[0]
        first = self._next_wednesday(before(95))
        self._schedule(track, before(100), [_Op("create")])
        self._schedule(
            track,
            first,
            [_Op("status", ActionStatus.IN_PROGRESS), _Op("cycle_start", cycle=cycle)],
        )
        self._schedule(track, first + timedelta(days=7), [_Op("cycle_do", cycle=cycle)])
        self._schedule(
            track,
            first + timedelta(days=14),
            [
                _Op("cycle_act", cycle=cycle, decision=PdsaDecision.ABANDON),
                _Op("status", ActionStatus.DROPPED, project.drop_reason),
            ],
        )
        # Open work the huddle screen should show: stale and overdue, stalled, due soon...
        self._simple_story(
            P.IDEAS[2],
            before(75),
            before(21),
            [
                (before(62), _Op("status", ActionStatus.IN_PROGRESS, "Business case started.")),
            ],
        )
        self._simple_story(
            P.IDEAS[14],
            before(55),
            before(5),
            [
                (before(48), _Op("status", ActionStatus.IN_PROGRESS, "First draft written.")),
                (before(20), _Op("status", ActionStatus.STALLED, P.STALL_NOTES[1])),
            ],
        )
        self._simple_story(P.IDEAS[21], before(4), None, [], status=ActionStatus.IDEA)
        self._simple_story(P.IDEAS[12], before(9), end + timedelta(days=5), [])
        self._simple_story(
            P.IDEAS[19],
            before(40),
            before(10),
            [
                (before(30), _Op("status", ActionStatus.DROPPED, P.DROP_REASONS[0])),
            ],
        )
        self._simple_story(
            P.IDEAS[6],
            before(45),
            before(12),
            [
                (before(40), _Op("status", ActionStatus.IN_PROGRESS, P.START_NOTES[0])),
                (before(25), _Op("note", text=P.PROGRESS_NOTES[6])),
                (before(10), _Op("status", ActionStatus.DONE, P.IDEAS[6].closing)),
            ],
        )
        self._simple_story(
            P.IDEAS[11],
            before(20),
            end + timedelta(days=14),
            [
                (before(14), _Op("status", ActionStatus.IN_PROGRESS, P.START_NOTES[1])),
                (before(3), _Op("note", text=P.PROGRESS_NOTES[4])),
            ],
        )

    def _simple_story(
        self,
        idea: P.Idea,
        created: date,
        due: date | None,
        steps: Sequence[tuple[date, _Op]],
        *,
        status: ActionStatus = ActionStatus.PLANNED,
    ) -> None:
        track = self._track(idea, Origin.STAFF_IDEA, status)
        track.due_on = due
        track.in_huddle = True
        self._schedule(track, created, [_Op("create")])
        for day, op in steps:
            self._schedule(track, max(day, created), [op])

    # -- tracks and the agenda ------------------------------------------------------------
    def _track(self, idea: P.Idea, origin: Origin, status: ActionStatus) -> _Track:
        rng = self.rng
        priority = rng.choices(
            (Priority.NORMAL, Priority.HIGH, Priority.LOW), weights=(70, 15, 15)
        )[0]
        track = _Track(idea, _Slots(rng), origin, status, priority)
        if idea.owner_team:
            track.owner_text = idea.owner_team
        elif idea.owner_role or rng.random() < 0.5:
            track.owner_id = self._person_with(idea.owner_role).id
        else:
            track.owner_text = rng.choice(P.TEAM_OWNERS)
        if status is ActionStatus.IDEA and rng.random() < 0.6:
            track.owner_id, track.owner_text = None, ""
        return track

    def _schedule(self, track: _Track, day: date, ops: list[_Op]) -> None:
        """Add ``ops`` for ``track`` on ``day``, after any already planned that day."""
        if any(op.status in (ActionStatus.DONE, ActionStatus.DROPPED) for op in ops):
            track.closes_on = day
        slot = self.agenda.setdefault(day, {})
        key = id(track)
        if key in slot:
            slot[key][1].extend(ops)
        else:
            slot[key] = (track, list(ops))

    def _person_with(self, role: str) -> Person:
        matching = [p for p in self.people if p.role == role]
        if not matching:
            matching = [p for p in self.people if p.role in P.FACILITATOR_ROLES]
        return self.rng.choice(matching)

    # -- a day on the ward ---------------------------------------------------------------
    def _day(self, day: date) -> None:
        rng = self.rng
        weekend = day.weekday() >= 5
        if day != self.start and day.weekday() == 0 and (day - self.start).days % 91 < 7:
            self._turnover(day)
        daily = rng.random() > (0.25 if weekend else 0.06)
        weekly = day.weekday() == 2 and rng.random() > 0.1
        learning = self._todays_learning(day)
        planned = self.agenda.pop(day, {})
        groups = list(planned.values())
        for _ in range(_poisson(rng, WEEKLY_ACTIONS / 7)):
            if (track := self._new_track(day)) is not None:
                groups.append((track, [_Op("create")]))

        in_daily: list[tuple[_Track, list[_Op]]] = []
        in_weekly: list[tuple[_Track, list[_Op]]] = []
        later: list[tuple[_Track, list[_Op]]] = []
        for group in groups:
            track = group[0]
            if weekly and track.weekly:
                in_weekly.append(group)
            elif daily and (track.in_huddle or rng.random() < 0.45):
                in_daily.append(group)
            else:
                later.append(group)
        raised_daily: list[_LearningSpec] = []
        raised_weekly: list[_LearningSpec] = []
        learned_later: list[_LearningSpec] = []
        for spec in learning:
            if spec.harm is not HarmLevel.NONE or not (daily or weekly):
                learned_later.append(spec)
            elif daily and rng.random() < 0.4:
                raised_daily.append(spec)
            elif weekly and rng.random() < 0.2:
                raised_weekly.append(spec)
            else:
                learned_later.append(spec)

        daily_huddle = None
        if daily:
            start = _at(day, 7 * 60 + 55 + rng.randint(0, 15))
            daily_huddle = self._huddle(HuddleKind.DAILY_SAFETY, start, raised_daily, in_daily)
        timed: list[tuple[float, int, Callable[[], object]]] = []
        order = 0

        def add(minutes: float, work: Callable[[], object]) -> None:
            nonlocal order
            timed.append((minutes, order, work))
            order += 1

        add(10 * 60 + 40, partial(self._enter_measures, day))
        if weekly:
            weekly_start = _at(day, 14 * 60 + rng.randint(0, 10))
            add(
                14 * 60,
                partial(
                    self._huddle,
                    HuddleKind.WEEKLY_IMPROVEMENT,
                    weekly_start,
                    raised_weekly,
                    in_weekly,
                ),
            )
        for spec in learned_later:
            add(self._daytime(), partial(self._learn, spec, None))
        for track, ops in later:
            add(self._daytime(), partial(self._run_ops, track, ops, None))
        for minutes, _, work in sorted(timed, key=lambda t: (t[0], t[1])):
            moment = _at(day, minutes)
            if moment > self.clock.now():
                self.clock.set(moment)
            work()
        self.psirf.after_day(day, self.learned_today)
        self.escalations.after_day(
            day, self.learned_today, None if daily_huddle is None else daily_huddle.id
        )
        self.learned_today = []

    def _daytime(self) -> float:
        """A minute of the day outside the huddles (09:00-13:50 or 14:50-20:30)."""
        if self.rng.random() < 0.5:
            return 9 * 60 + self.rng.uniform(0, 290)
        return 14 * 60 + 50 + self.rng.uniform(0, 340)

    def _turnover(self, day: date) -> None:
        """Now and then someone leaves and a new starter joins in the same role."""
        rng = self.rng
        if rng.random() < 0.5:
            return
        self.clock.set(_at(day, 7 * 60 + 30))
        leavers = [i for i, p in enumerate(self.people) if p.role != "Ward Sister"]
        index = rng.choice(leavers)
        leaver = self.people[index]
        self.app.setup.set_person_active(leaver.id, active=False, expected_version=leaver.version)
        joiner = self.app.setup.add_person(display_name=self._new_name(), role=leaver.role)
        self.people[index] = joiner
        self.role_of[joiner.id] = joiner.role

    # -- learning ------------------------------------------------------------------------
    def _todays_learning(self, day: date) -> list[_LearningSpec]:
        rng = self.rng
        specs: list[_LearningSpec] = []
        index = (day - self.start).days
        kinds: list[tuple[LearningKind, HarmLevel]] = []
        if index < len(WEEKLY_LEARNING):  # the first week holds one of every kind
            kinds.append((WEEKLY_LEARNING[index][0], HarmLevel.NONE))
        for kind, rate in WEEKLY_LEARNING:
            kinds.extend((kind, HarmLevel.NONE) for _ in range(_poisson(rng, rate / 7)))
        if day == self.end - timedelta(days=2):  # one recent near miss, still to be reported
            kinds.append((LearningKind.NEAR_MISS, HarmLevel.NONE))
        harm = self.harm_days.get(day)
        if harm is not None:
            kinds.append((LearningKind.INCIDENT, harm))
        for kind, level in kinds:
            if (spec := self._learning_spec(kind, day, level)) is not None:
                specs.append(spec)
        return specs

    def _learning_spec(
        self, kind: LearningKind, day: date, harm: HarmLevel
    ) -> _LearningSpec | None:
        rng = self.rng
        stories = [
            s
            for s in P.STORIES
            if s.kind is kind and (s.can_harm if harm is not HarmLevel.NONE else not s.always_harm)
        ]
        if kind in RESTED_KINDS:
            rested = day - timedelta(days=STORY_REST_DAYS)
            stories = [s for s in stories if self.story_told.get(s.title, date.min) < rested]
            if not stories:
                return None  # every one was told lately: no more thanks this time
        weights = [
            0.35 if s.category is P.SC.FALLS and day >= self.falls_change else 1.0 for s in stories
        ]
        story = rng.choices(stories, weights=weights)[0]
        if kind in RESTED_KINDS:
            self.story_told[story.title] = day
        occurred = day
        if harm is HarmLevel.NONE and rng.random() < 0.25:
            occurred = max(self.start, day - timedelta(days=1))
        return _LearningSpec(story, harm, occurred)

    def _learn(
        self, spec: _LearningSpec, huddle_id: str | None, slots: _Slots | None = None
    ) -> LearningItem:
        story = spec.story
        fill = slots if slots is not None else _Slots(self.rng)
        ref = ""
        if story.kind in (LearningKind.INCIDENT, LearningKind.NEAR_MISS):
            self.next_ref += self.rng.randint(3, 25)
            ref = f"W{self.next_ref}"
            if self.psirf.leave_unreported(spec.occurred_on, story.kind):
                ref = ""
        item = self.app.learning.record_learning(
            kind=story.kind,
            title=story.title.format_map(fill),
            occurred_on=spec.occurred_on,
            what_happened=story.what_happened.format_map(fill),
            what_helped=story.what_helped.format_map(fill),
            what_learned=story.what_learned.format_map(fill),
            what_change=story.what_change.format_map(fill),
            harm=spec.harm,
            safety_category=story.category,
            incident_ref=ref,
            themes=story.themes,
            huddle_id=huddle_id,
        )
        self.recent.append((spec.occurred_on, item))
        self.learned_today.append(item)
        if len(self.recent) > 60:
            del self.recent[:20]
        return item

    # -- actions -------------------------------------------------------------------------
    def _new_track(self, day: date) -> _Track | None:
        """A new action for today, with its future already sketched out."""
        rng = self.rng
        origin = rng.choices(
            (Origin.LEARNING, Origin.HUDDLE, Origin.STAFF_IDEA, Origin.PATIENT_FEEDBACK),
            weights=(40, 25, 25, 10),
        )[0]
        source: LearningItem | None = None
        if origin in (Origin.LEARNING, Origin.PATIENT_FEEDBACK):
            wanted = (
                (LearningKind.PATIENT_FEEDBACK, LearningKind.COMPLAINT)
                if origin is Origin.PATIENT_FEEDBACK
                else (
                    LearningKind.INCIDENT,
                    LearningKind.NEAR_MISS,
                    LearningKind.COMPLAINT,
                    LearningKind.OTHER,
                )
            )
            window = day - timedelta(days=21)
            candidates = [i for d, i in self.recent if d >= window and i.kind in wanted]
            if candidates:
                source = rng.choice(candidates)
            else:
                origin = Origin.STAFF_IDEA
        project: P.Project | None = None
        free = [i for i in P.IDEAS if self.title_free_from.get(i.title, date.min) <= day]
        if not free:
            return None  # every idea is on the board already: nothing new today
        if source is not None:
            ideas = [i for i in free if set(i.themes) & set(source.themes)] or free
            idea = rng.choice(ideas)
        elif rng.random() < 0.07:
            project = rng.choice(P.PROJECTS)
            idea = project.idea
            if self.title_free_from.get(idea.title, date.min) > day:
                project, idea = None, rng.choice(free)
        else:
            idea = rng.choice(free)
        idea_first = origin is Origin.STAFF_IDEA and project is None and rng.random() < 0.45
        status = ActionStatus.IDEA if idea_first else ActionStatus.PLANNED
        track = self._track(idea, origin, status)
        track.in_huddle = origin is Origin.HUDDLE
        if source is not None:
            track.learning = [source.id]
        if status is ActionStatus.PLANNED:
            track.due_on = day + timedelta(days=rng.randint(14, 56))
        if project is not None:
            track.measures = self._measures_for(project.idea)
            self._plan_project(track, project, day)
        else:
            self._plan_ordinary(track, day)
        closes = track.closes_on
        rest = closes + timedelta(days=TITLE_REST_DAYS) if closes else date.max
        self.title_free_from[idea.title] = rest
        return track

    def _measures_for(self, idea: P.Idea) -> list[str]:
        themes = set(idea.themes)
        found = []
        if themes & {P.EXPERIENCE, P.FAMILY}:
            found.append(self.measure_ids["fft"])
        if P.INFECTION in themes:
            found.append(self.measure_ids["hand"])
        return found

    def _plan_ordinary(self, track: _Track, day: date) -> None:
        """Sketch an action's future: most get done, some stall or are dropped.

        Whatever is still open a few months on is tidied up at a weekly
        review, as a ward team does, so old history does not clutter today.
        """
        rng = self.rng
        t = day
        if track.status is ActionStatus.IDEA:
            roll = rng.random()
            if roll < 0.2:  # an idea waiting for someone to take it on
                t += timedelta(days=rng.randint(30, 120))
                self._drop(track, t, P.IDEA_REVIEW_REASONS)
                return
            t += timedelta(days=rng.randint(5, 30))
            if roll < 0.35:
                self._drop(track, t, P.DROP_REASONS)
                return
            self._schedule(
                track,
                t,
                [_Op("take_on"), _Op("status", ActionStatus.PLANNED, rng.choice(P.PLANNED_NOTES))],
            )
        t += timedelta(days=rng.randint(2, 10))
        self._schedule(
            track, t, [_Op("status", ActionStatus.IN_PROGRESS, rng.choice(P.START_NOTES))]
        )
        notes = list(track.idea.progress) + list(rng.sample(P.PROGRESS_NOTES, 2))
        for text in notes[: rng.randint(0, 3)]:
            t += timedelta(days=rng.randint(4, 20))
            self._schedule(track, t, [_Op("note", text=text)])
        roll = rng.random()
        if roll < 0.12:
            t += timedelta(days=rng.randint(10, 30))
            self._schedule(
                track, t, [_Op("status", ActionStatus.STALLED, rng.choice(P.STALL_NOTES))]
            )
            t += timedelta(days=rng.randint(14, 60))
            if rng.random() < 0.4:
                self._drop(track, t, P.STALLED_REVIEW_REASONS)
                return
            self._schedule(
                track, t, [_Op("status", ActionStatus.IN_PROGRESS, rng.choice(P.RESTART_NOTES))]
            )
        elif roll < 0.2:
            self._drop(track, t + timedelta(days=rng.randint(7, 30)), P.DROP_REASONS)
            return
        elif roll < 0.25:  # carries on quietly for a while
            t += timedelta(days=rng.randint(20, 60))
        t += timedelta(days=rng.randint(3, 20))
        self._schedule(track, t, [_Op("status", ActionStatus.DONE, track.idea.closing)])

    def _drop(self, track: _Track, day: date, reasons: Sequence[str]) -> None:
        reason = self.rng.choice(reasons)
        self._schedule(track, day, [_Op("status", ActionStatus.DROPPED, reason)])

    def _plan_project(self, track: _Track, project: P.Project, day: date) -> None:
        rng = self.rng
        track.weekly = True
        t = self._next_wednesday(day + timedelta(days=rng.randint(3, 14)))
        self._schedule(
            track, t, [_Op("status", ActionStatus.IN_PROGRESS, rng.choice(P.START_NOTES))]
        )
        last = len(project.cycles) - 1
        for number, cycle in enumerate(project.cycles):
            self._schedule(track, t, [_Op("cycle_start", cycle=cycle)])
            t += timedelta(weeks=rng.randint(1, 2))
            self._schedule(track, t, [_Op("cycle_do", cycle=cycle)])
            t += timedelta(weeks=rng.randint(1, 3))
            if number < last:
                decision = PdsaDecision.ADAPT
            else:
                decision = PdsaDecision.ADOPT if project.closing else PdsaDecision.ABANDON
            self._schedule(track, t, [_Op("cycle_act", cycle=cycle, decision=decision)])
        t += timedelta(days=7)
        if project.closing:
            self._schedule(track, t, [_Op("status", ActionStatus.DONE, project.closing)])
        else:
            self._schedule(track, t, [_Op("status", ActionStatus.DROPPED, project.drop_reason)])

    def _run_ops(self, track: _Track, ops: list[_Op], huddle_id: str | None) -> None:
        actions = self.app.actions
        for op in ops:
            if op.name == "learn":
                assert track.story is not None
                spec = _LearningSpec(track.story, HarmLevel.NONE, self.clock.today())
                item = self._learn(spec, huddle_id, track.slots)
                track.learning.append(item.id)
            elif op.name == "create":
                action = actions.create_action(
                    title=track.idea.title.format_map(track.slots),
                    detail=track.idea.detail.format_map(track.slots),
                    owner_id=track.owner_id,
                    owner_text=track.owner_text,
                    due_on=track.due_on,
                    status=track.status,
                    priority=track.priority,
                    origin=track.origin,
                    huddle_id=huddle_id,
                    learning_ids=track.learning,
                    measure_ids=track.measures,
                )
                track.action_id, track.version = action.id, action.version
            elif track.action_id is None:
                return  # never created (its day fell outside the sample)
            elif op.name == "take_on":
                owner = track.owner_id
                if owner is None and not track.owner_text:
                    owner = self._person_with(track.idea.owner_role).id
                action = actions.update_action(
                    track.action_id,
                    expected_version=track.version,
                    owner_id=owner,
                    due_on=self.clock.today() + timedelta(days=self.rng.randint(14, 42)),
                )
                track.version = action.version
            elif op.name == "status":
                assert op.status is not None
                action = actions.change_status(
                    track.action_id,
                    status=op.status,
                    expected_version=track.version,
                    note=op.text.format_map(track.slots),
                    huddle_id=huddle_id,
                )
                track.version, track.status = action.version, action.status
            elif op.name == "note":
                actions.add_progress_note(
                    track.action_id, text=op.text.format_map(track.slots), huddle_id=huddle_id
                )
            elif op.name == "cycle_start":
                assert op.cycle is not None
                cycle = actions.start_cycle(
                    track.action_id,
                    plan=op.cycle.plan.format_map(track.slots),
                    prediction=op.cycle.prediction.format_map(track.slots),
                )
                track.cycle_id, track.cycle_version = cycle.id, cycle.version
            elif op.name in ("cycle_do", "cycle_act") and track.cycle_id is not None:
                assert op.cycle is not None
                acting = op.name == "cycle_act"  # Study and Act; otherwise Do
                cycle = actions.record_cycle(
                    track.cycle_id,
                    expected_version=track.cycle_version,
                    do=None if acting else op.cycle.do.format_map(track.slots),
                    study=op.cycle.study.format_map(track.slots) if acting else None,
                    act=op.decision if acting else None,
                )
                track.cycle_version = cycle.version
            self.clock.advance(timedelta(seconds=40))

    # -- huddles -------------------------------------------------------------------------
    def _attendees(self, kind: HuddleKind) -> list[Person]:
        rng = self.rng
        weights = {role: w for role, _, w in P.ROSTER_ROLES}
        wanted = rng.choices(range(5, 13), weights=ATTENDANCE_WEIGHTS)[0]
        pool = list(self.people)
        chosen: list[Person] = []
        while pool and len(chosen) < wanted:
            person = rng.choices(pool, weights=[weights.get(p.role, 0.3) for p in pool])[0]
            pool.remove(person)
            chosen.append(person)
        return chosen

    def _huddle(
        self,
        kind: HuddleKind,
        start: datetime,
        learning: list[_LearningSpec],
        groups: list[tuple[_Track, list[_Op]]],
    ) -> Huddle:
        rng = self.rng
        huddles = self.app.huddles
        self.clock.set(max(start, self.clock.now()))
        attendees = self._attendees(kind)
        leaders = [p for p in attendees if p.role in P.FACILITATOR_ROLES] or attendees
        leaders.sort(
            key=lambda p: P.FACILITATOR_ROLES.index(p.role) if p.role in P.FACILITATOR_ROLES else 9
        )
        facilitator = leaders[0] if rng.random() < 0.5 else rng.choice(leaders)
        if kind is HuddleKind.DAILY_SAFETY and rng.random() < 0.01:
            mistake = huddles.start_huddle(kind=kind, facilitator_id=facilitator.id)
            self.clock.advance(timedelta(seconds=50))
            huddles.abandon_huddle(mistake.id)
            self.clock.advance(timedelta(seconds=70))
        huddle = huddles.start_huddle(kind=kind, facilitator_id=facilitator.id)
        for person in attendees:
            self.clock.advance(timedelta(seconds=rng.randint(3, 12)))
            huddles.record_attendance(huddle.id, person_id=person.id, present=True)
        others = rng.choices((0, 1, 2, 3), weights=(45, 30, 15, 10))[0]
        if others:
            huddles.set_others_count(huddle.id, count=others)
        slots = _Slots(self.rng, harm_days=self._harm_days_text())
        if kind is HuddleKind.DAILY_SAFETY:
            risks = rng.sample(P.RISKS, rng.randint(1, 3))
            huddles.set_risks_today(
                huddle.id,
                text="\n".join(r.format_map(slots) for r in risks),
                expected_version=huddles.huddle(huddle.id).version,
            )
        notes = P.SECTION_NOTES_BY_KIND[kind]
        by_section: dict[SectionKey, list[_LearningSpec]] = {}
        for spec in learning:
            by_section.setdefault(SECTION_FOR_KIND[spec.story.kind], []).append(spec)
        for section in huddle.sections:
            self.clock.advance(timedelta(seconds=section.seconds * rng.uniform(0.2, 0.5)))
            for spec in by_section.pop(section.key, []):
                self._learn(spec, huddle.id)
            if section.key is SectionKey.ACTIONS or (
                section.key is SectionKey.IDEAS
                and not any(s.key is SectionKey.ACTIONS for s in huddle.sections)
            ):
                for track, ops in groups:
                    self._run_ops(track, ops, huddle.id)
                groups = []
            chance = NOTE_CHANCE.get(section.key, 0.4)
            if rng.random() < chance:
                text = rng.choice(notes.get(section.key, notes[SectionKey.CUSTOM]))
                huddles.save_section_notes(
                    section.id, notes=text.format_map(slots), expected_version=section.version
                )
            self.clock.advance(timedelta(seconds=section.seconds * rng.uniform(0.3, 0.6)))
        for specs in by_section.values():  # sections a custom agenda left out
            for spec in specs:
                self._learn(spec, huddle.id)
        for track, ops in groups:
            self._run_ops(track, ops, huddle.id)
        return huddles.finish_huddle(huddle.id)

    def _harm_days_text(self) -> str:
        today = self.clock.today()
        past = [d for d in self.harm_days if d < today]
        return str((today - max(past)).days) if past else "many"


# -- the public entry point -------------------------------------------------------------------
def _holds_data(path: Path) -> bool:
    """True if ``path`` is a ward database that already has a ward in it."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        app = HuddleApp.open(path, read_only=True, actor=ACTOR)
    except UpgradeNeededError:
        return True  # an older ward's database: certainly not ours to overwrite
    try:
        return app.has_ward
    finally:
        app.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        target = path.with_name(path.name + suffix)
        try:
            target.unlink()
        except FileNotFoundError:
            pass


def build_demo(
    path: str | Path,
    *,
    weeks: int = 26,
    seed: int = 1,
    ward_name: str = DEFAULT_WARD_NAME,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Build a sample ward with ``weeks`` weeks of history in a new database at ``path``.

    Refuses (:class:`DemoRefusedError`) when the file already holds a ward, so a
    real ward is never overwritten. ``progress(done, total)`` is called as the
    weeks are built. The same ``seed`` and ``today`` give the same content.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError.single(
            "weeks", "range", f"Choose between 1 and {MAX_WEEKS} weeks of sample history."
        )
    db_path = Path(path)
    if _holds_data(db_path):
        raise DemoRefusedError(
            f"{db_path} already holds a ward's data, so no sample was built there. "
            "Choose a new file for the sample ward."
        )
    # Built under a private name and renamed into place when whole, so a build
    # that is killed never leaves a half-built ward that refuses to be rebuilt.
    _remove_abandoned_builds(db_path)
    building = db_path.with_name(f".{db_path.name}.building-{os.getpid()}")
    _remove(building)
    day = today if today is not None else date.today()
    clock = FixedClock(_at(day - timedelta(days=7 * weeks), 7 * 60))
    app = HuddleApp.open(building, clock=clock, actor=ACTOR)
    # A new file that is thrown away if the build fails, written by this connection
    # alone: no waiting for the disk at each save, no shared lock or WAL traffic.
    # These settings last only as long as this connection (WAL is put back below).
    for pragma in ("synchronous = OFF", "locking_mode = EXCLUSIVE", "journal_mode = MEMORY"):
        app.store.conn.execute(f"PRAGMA {pragma}")
    try:
        builder = _Builder(
            app,
            clock,
            seed=seed,
            weeks=weeks,
            today=day,
            ward_name=ward_name,
            progress=progress,
        )
        ward_id = builder.run()
        summary = DemoSummary(ward_id, _counts(app))
        app.store.conn.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        app.close()
        _remove(building)
        raise
    app.close()
    if _holds_data(db_path):  # a ward was made there meanwhile: never overwrite it
        _remove(building)
        raise DemoRefusedError(
            f"{db_path} already holds a ward's data, so no sample was built there. "
            "Choose a new file for the sample ward."
        )
    _remove(db_path)  # nothing there, or an empty ward: its journals go too
    os.replace(building, db_path)
    return summary


def _remove_abandoned_builds(db_path: Path) -> None:
    """Delete the private files of builds that were killed (their process is gone)."""
    from huddle.presence import process_alive

    for found in db_path.parent.glob(f".{db_path.name}.building-*"):
        pid = re.search(r"\.building-(\d+)", found.name)
        if pid and not process_alive(int(pid[1])):
            with contextlib.suppress(OSError):
                found.unlink()


COUNTED = (
    ("people", "person"),
    ("huddles", "huddle"),
    ("learning items", "learning_item"),
    ("actions", "action"),
    ("progress notes", "progress_note"),
    ("PDSA cycles", "pdsa_cycle"),
    ("measures", "measure"),
    ("measure points", "measure_point"),
    ("annotations", "annotation"),
    ("SWARMs and After Action Reviews", "learning_response"),
    ("touchpoints", "touchpoint"),
    ("escalations", "escalation"),
)


def _counts(app: HuddleApp) -> dict[str, int]:
    return {
        label: int(app.store.scalar(f"SELECT count(*) FROM {table}")) for label, table in COUNTED
    }
