"""A ward with something to report: a finished huddle, learning, actions, measures."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from huddle.clock import FixedClock
from huddle.services import HuddleApp

VALID_NHS_NUMBER = "943 476 5919"  # passes the modulus 11 check (a published test number)


@dataclass(frozen=True)
class Made:
    huddle_id: str
    excellence_id: str
    incident_id: str


def run_huddle(app: HuddleApp, clock: FixedClock, *, notes: str = "", minutes: int = 11) -> Made:
    people = app.setup.people()
    huddle = app.huddles.start_huddle(facilitator_id=people[0].id)
    for person in people[:5]:
        app.huddles.record_attendance(huddle.id, person_id=person.id, present=True)
    app.huddles.set_others_count(huddle.id, count=2)
    huddle = app.huddles.huddle(huddle.id)
    for section in huddle.sections[:3]:
        app.huddles.save_section_notes(
            section.id,
            notes=notes or f"Talked about {section.title.lower()}.",
            expected_version=section.version,
        )
    incident = app.learning.record_learning(
        kind="incident",
        title="Fall in bay 4",
        occurred_on=clock.today() - timedelta(days=3),
        what_happened="Found on the floor beside the bed at night, no injury.",
        what_learned="Call bells were out of reach.",
        harm="low",
        huddle_id=huddle.id,
        themes=["falls"],
    )
    excellence = app.learning.record_learning(
        kind="excellence",
        title="Early escalation of sepsis",
        what_happened="Spotted the early signs and escalated at once.",
        what_helped="NEWS2 training last month.",
        what_learned="Trust your instincts and escalate.",
        huddle_id=huddle.id,
    )
    app.actions.create_action(
        title="Move call bells within reach at night",
        owner_id=people[1].id,
        due_on=clock.today() + timedelta(days=14),
        huddle_id=huddle.id,
        priority="high",
    )
    app.actions.create_action(
        title="Audit sensor mats", owner_text="Falls lead", due_on=clock.today() - timedelta(1)
    )
    clock.advance(timedelta(minutes=minutes))
    app.huddles.finish_huddle(huddle.id)
    return Made(huddle.id, excellence.id, incident.id)


def add_measures(app: HuddleApp, *, weeks: int = 40, seed: int = 2) -> None:
    rnd = random.Random(seed)
    falls = app.measures.define_measure(
        name="Falls per 1,000 bed days", unit="per 1,000", better="down", target=4
    )
    hygiene = app.measures.define_measure(
        name="Hand hygiene compliance", unit="%", better="up", target=95
    )
    feedback = app.measures.define_measure(
        name="Would recommend", unit="%", better="up", period="month", chart_kind="run"
    )
    start = date(2026, 8, 3) - timedelta(weeks=weeks)
    app.measures.record_points(
        falls.id, [(start + timedelta(weeks=i), round(rnd.gauss(6, 1), 1)) for i in range(weeks)]
    )
    app.measures.record_points(
        hygiene.id, [(start + timedelta(weeks=i), round(rnd.gauss(90, 3), 1)) for i in range(weeks)]
    )
    app.measures.record_points(
        feedback.id, [(date(2025, m, 1), round(rnd.gauss(88, 3), 1)) for m in range(1, 13)]
    )
    app.measures.annotate(falls.id, on_date=date(2026, 6, 1), text="Sensor mats in bay 4")
