"""Escalations (EscalationService): validation, the tiers, states, ages and the tier agenda."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from huddle.clock import FixedClock
from huddle.config import load_settings, parse_tiers
from huddle.domain_escalations import AnswerStatus, EscalationStatus
from huddle.errors import ConflictError, ValidationError
from huddle.services import HuddleApp
from huddle.words import answer_due, escalation_age

REASON = "No bariatric hoist on the site since Monday; two patients need one."


def escalate(app: HuddleApp, *, hours: int = 24, tier: str = "Site", **more: object) -> str:
    found = app.escalations.raise_escalation(
        tier=tier,
        reason=REASON,
        answer_by=app.escalations.answer_needed_in(hours),
        **more,  # type: ignore[arg-type]
    )
    return found.id


def test_the_tiers_come_from_the_setting_in_order_each_once(tmp_path: Path) -> None:
    assert parse_tiers("") == ("Site", "Division", "Executive")
    assert parse_tiers(" Site huddle, Division ,, site HUDDLE,Board ") == (
        "Site huddle",
        "Division",
        "Board",
    )
    settings = load_settings(
        env={"HUDDLE_ESCALATION_TIERS": "Care group, Exec"},
        policy=dict,
        machine_ini=tmp_path / "none.ini",
        user_ini=tmp_path / "none.ini",
        data_dir=lambda: tmp_path,
    )
    assert settings.escalation_tiers == ("Care group", "Exec")
    assert ("escalation_tiers", "Care group, Exec") in [
        (name, value) for name, value, _source in settings.describe()
    ]


def test_raising_checks_everything_and_says_what_to_do(app: HuddleApp) -> None:
    app.escalation_tiers = ("Site", "Division", "Executive")
    with pytest.raises(ValidationError) as refused:
        app.escalations.raise_escalation(
            tier="Board", reason="  ", answer_by="2026-08-01", source_kind="action"
        )
    messages = {p.field: p.message for p in refused.value.problems}
    assert messages["tier"].startswith("Choose who to escalate to: Site, Division, Executive")
    assert messages["reason"] == "Please enter the reason for escalating."
    assert messages["answer_by"] == "The answer must be needed in the future."
    assert messages["source_id"] == "Say which action is escalated."
    with pytest.raises(ValidationError, match="within 90 days"):
        app.escalations.raise_escalation(
            tier="Site", reason=REASON, answer_by=app.clock.now() + timedelta(days=91)
        )
    with pytest.raises(ValidationError, match="not on this ward"):
        escalate(app, source_kind="learning", source_id="no-such-item")
    with pytest.raises(ValidationError, match="source_kind"):
        escalate(app, source_kind="rota")
    assert app.escalations.open_for_ward() == []  # nothing was saved


def test_an_escalation_from_an_action_is_stored_audited_and_fed_to_sync(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Hoist for bay 3")
    found = app.escalations.raise_escalation(
        tier="division",  # any case: stored as IT spelt it
        reason=REASON,
        answer_by=date(2026, 8, 8),
        source_kind="action",
        source_id=action.id,
        raised_by="Amara K",
    )
    assert found.tier == "Division" and found.status is EscalationStatus.OPEN
    assert found.answer_by.astimezone().hour == 23  # the end of the day asked for
    [view] = app.escalations.for_source("action", action.id)
    assert view.id == found.id
    entities = app.store.query(
        "SELECT a.entity FROM sync_change c JOIN audit a ON a.id = c.audit_id "
        "WHERE a.entity_id = ?",
        (found.id,),
    )
    assert entities == [{"entity": "escalation"}]
    app.escalations.answer(escalation_id=found.id, answer="Loan hoist today.", owner="Site team")
    fed = app.store.scalar(
        "SELECT count(*) FROM sync_change c JOIN audit a ON a.id = c.audit_id "
        "WHERE a.entity = 'escalation_answer'"
    )
    assert fed == 1


def test_states_ages_and_the_words_people_read(app: HuddleApp, clock: FixedClock) -> None:
    first = escalate(app, hours=24)
    clock.advance(timedelta(hours=5))
    [view] = app.escalations.open_for_ward()
    assert answer_due(view.due_in) == "answer due in 19 h"
    assert escalation_age(view.age) == "5 h old"
    clock.advance(timedelta(days=2))
    [view] = app.escalations.open_for_ward()
    assert view.overdue and answer_due(view.due_in) == "answer overdue by 29 h"
    assert escalation_age(view.age) == "2 days old"

    app.escalations.answer(
        escalation_id=first, answer="Working on it with procurement.", status="in_progress"
    )
    [view] = app.escalations.open_for_ward()  # in progress: still waiting for the answer
    assert view.latest_answer is not None
    assert view.latest_answer.status is AnswerStatus.IN_PROGRESS
    assert app.escalations.recently_answered() == []
    clock.advance(timedelta(hours=3))
    app.escalations.answer(escalation_id=first, answer="A hoist is on the ward from today.")
    assert app.escalations.open_for_ward() == []
    [said] = app.escalations.recently_answered()
    assert said.status is EscalationStatus.ANSWERED
    assert said.latest_answer is not None and said.latest_answer.answer.startswith("A hoist")
    clock.advance(timedelta(days=15))
    assert app.escalations.recently_answered() == []  # "You said, we did" lasts 14 days


def test_the_ward_closes_with_the_version_it_saw_and_as_of_sees_the_past(
    app: HuddleApp, clock: FixedClock
) -> None:
    raised_on = clock.today()
    found = app.escalations.raise_escalation(
        tier="Site", reason=REASON, answer_by=app.escalations.answer_needed_in(72)
    )
    with pytest.raises(ValidationError, match="version"):
        app.escalations.close(escalation_id=found.id, expected_version=0)
    clock.advance(timedelta(days=1))
    closed = app.escalations.close(escalation_id=found.id, expected_version=found.version)
    assert closed.status is EscalationStatus.CLOSED and closed.closed_at == clock.now()
    with pytest.raises(ConflictError):
        app.escalations.close(escalation_id=found.id, expected_version=found.version)
    assert app.escalations.open_for_ward() == []
    [then] = app.escalations.open_for_ward(as_of=raised_on)  # still open that evening
    assert then.id == found.id
    with pytest.raises(ValidationError, match="closed this escalation"):
        app.escalations.answer(escalation_id=found.id, answer="Too late")


def test_the_tier_agenda_puts_overdue_first_then_the_soonest_then_the_oldest(
    app: HuddleApp, clock: FixedClock
) -> None:
    week = escalate(app, hours=24 * 7)
    clock.advance(timedelta(hours=1))
    overdue = escalate(app, hours=2)
    day_a = escalate(app, hours=24)
    clock.advance(timedelta(hours=3))  # ``overdue`` is now an hour late
    day_b = escalate(app, hours=21)  # due at the same moment as day_a, raised later
    order = [v.id for v in app.escalations.tier_agenda(app.escalations.open_for_ward())]
    assert order == [overdue, day_a, day_b, week]


def test_answers_written_on_a_pc_whose_clock_is_ahead_still_count_now(
    app: HuddleApp, clock: FixedClock
) -> None:
    found = escalate(app)
    ahead = FixedClock(datetime(2026, 8, 6, 14, 0, tzinfo=UTC))
    tier = HuddleApp(app.store)
    tier.clock = ahead
    tier.store.clock = ahead
    tier.escalations.answer(escalation_id=found, answer="Agreed: a second hoist is ordered.")
    app.store.clock = clock
    assert app.escalations.open_for_ward() == []
    assert [v.id for v in app.escalations.recently_answered()] == [found]
