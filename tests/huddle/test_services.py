"""The services: each use-case validates, writes in one transaction, and reads back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huddle.clock import FixedClock
from huddle.domain import (
    ActionStatus,
    Change,
    HarmLevel,
    HuddleKind,
    HuddleStatus,
    LearningKind,
    PdsaDecision,
    SectionKey,
    SectionPlan,
)
from huddle.errors import ConflictError, NotFoundError, ValidationError
from huddle.services import HuddleApp


def count(app: HuddleApp, table: str) -> int:
    return int(app.store.scalar(f"SELECT count(*) FROM {table}"))


# -- ward set-up ---------------------------------------------------------------
def test_create_ward_with_roster_and_starter_agendas(app: HuddleApp) -> None:
    ward = app.setup.ward()
    assert ward.name == "Ward 7B"
    assert [p.display_name for p in app.setup.people()][:2] == ["Amara K", "Ben T"]
    templates = app.setup.templates()
    assert {t.kind for t in templates} == {HuddleKind.DAILY_SAFETY, HuddleKind.WEEKLY_IMPROVEMENT}
    daily = app.setup.default_template(HuddleKind.DAILY_SAFETY)
    assert daily is not None and daily.is_default
    keys = [s.key for s in daily.sections]
    assert keys[0] is SectionKey.SAFETY and keys[-1] is SectionKey.REFLECT
    assert SectionKey.PATIENT_VOICE in keys and SectionKey.CELEBRATE in keys
    assert 300 <= daily.total_seconds <= 15 * 60


def test_create_ward_reports_every_bad_field_and_saves_nothing(empty_app: HuddleApp) -> None:
    with pytest.raises(ValidationError) as caught:
        empty_app.setup.create_ward(name="  ", roster=[("Sam", "Nurse"), ("sam", "HCA")])
    assert set(caught.value.fields) == {"name", "roster"}
    assert "Please enter the ward's name" in caught.value.message
    assert count(empty_app, "ward") == 0 and count(empty_app, "person") == 0
    assert count(empty_app, "audit") == 0


def test_roster_add_rename_deactivate(app: HuddleApp) -> None:
    person = app.setup.add_person(display_name="Hana W", role="Nursing Associate")
    renamed = app.setup.update_person(
        person.id, expected_version=person.version, display_name="Hana W.", role="Staff Nurse"
    )
    assert (renamed.display_name, renamed.role, renamed.version) == ("Hana W.", "Staff Nurse", 2)
    inactive = app.setup.set_person_active(
        person.id, active=False, expected_version=renamed.version
    )
    assert not inactive.active
    assert person.id not in {p.id for p in app.setup.people()}
    assert person.id in {p.id for p in app.setup.people(include_inactive=True)}
    with pytest.raises(ValidationError, match="already on the roster"):
        app.setup.add_person(display_name="amara k")
    with pytest.raises(ConflictError):
        app.setup.update_person(person.id, expected_version=1, display_name="Old", role="")


def test_save_template_validates_sections_and_keeps_one_default(app: HuddleApp) -> None:
    with pytest.raises(ValidationError) as caught:
        app.setup.save_template(
            name="Mine",
            kind="daily_safety",
            sections=[
                SectionPlan(SectionKey.SAFETY, "", 60),
                SectionPlan(SectionKey.CUSTOM, "X", -5),
            ],
        )
    assert set(caught.value.fields) == {"sections[0].title", "sections[1].seconds"}
    mine = app.setup.save_template(
        name="Short",
        kind="daily_safety",
        is_default=True,
        sections=[SectionPlan(SectionKey.SAFETY, "Safety", 120)],
    )
    defaults = [t for t in app.setup.templates() if t.is_default]
    assert [t.id for t in defaults] == [mine.id]


def test_changes_are_announced_to_listeners(app: HuddleApp) -> None:
    seen: list[Change] = []
    app.subscribe(seen.append)
    person = app.setup.add_person(display_name="Ivy N")
    assert seen and seen[-1].touches("person") and person.id in seen[-1].ids


# -- huddles -----------------------------------------------------------------------
def test_run_a_huddle_from_start_to_finish(app: HuddleApp, clock: FixedClock) -> None:
    people = app.setup.people()
    huddle = app.huddles.start_huddle(facilitator_id=people[0].id)
    assert huddle.status is HuddleStatus.RUNNING and len(huddle.sections) == 6
    for person in people[:5]:
        app.huddles.record_attendance(huddle.id, person_id=person.id, present=True)
    app.huddles.record_attendance(huddle.id, person_id=people[4].id, present=False)
    app.huddles.set_others_count(huddle.id, count=2)
    app.huddles.set_risks_today(
        huddle.id, text="Bay 3: two at high falls risk", expected_version=huddle.version
    )
    section = huddle.sections[0]
    app.huddles.save_section_notes(section.id, notes="Quiet night", expected_version=1)
    clock.advance(timedelta(minutes=9))
    done = app.huddles.finish_huddle(huddle.id)
    assert done.status is HuddleStatus.FINISHED
    assert done.head_count == 6 and len(done.attendee_ids) == 4
    assert done.sections[0].notes == "Quiet night"
    assert done.ended_at is not None and (done.ended_at - done.started_at).seconds == 540
    with pytest.raises(ValidationError, match="already ended"):
        app.huddles.set_others_count(huddle.id, count=1)


def test_only_one_huddle_runs_at_a_time_and_abandon_does_not_count(app: HuddleApp) -> None:
    first = app.huddles.start_huddle()
    with pytest.raises(ValidationError, match="already running"):
        app.huddles.start_huddle()
    app.huddles.abandon_huddle(first.id)
    assert app.huddles.running() is None
    assert app.board.huddle_days() == []
    app.huddles.finish_huddle(app.huddles.start_huddle(kind="weekly_improvement").id)
    assert app.board.huddle_days() == [date(2026, 8, 6)]


def test_huddle_record_gathers_what_was_raised_agreed_and_closed(app: HuddleApp) -> None:
    people = app.setup.people()
    old = app.actions.create_action(
        title="Fix the bay 2 call bell", owner_id=people[1].id, due_on="2026-08-01"
    )
    huddle = app.huddles.start_huddle()
    near_miss = app.learning.record_learning(
        kind="near_miss", title="Insulin nearly missed", huddle_id=huddle.id
    )
    idea = app.actions.create_action(
        title="Insulin stickers",
        owner_id=people[2].id,
        due_on="2026-08-20",
        origin="huddle",
        huddle_id=huddle.id,
    )
    app.actions.change_status(
        old.id,
        status="done",
        note="Estates fixed it",
        expected_version=old.version,
        huddle_id=huddle.id,
    )
    app.huddles.finish_huddle(huddle.id)
    record = app.huddles.record(huddle.id)
    assert [i.id for i in record.learning_raised] == [near_miss.id]
    assert [a.id for a in record.actions_agreed] == [idea.id]
    assert [a.id for a in record.actions_closed] == [old.id]
    assert record.progress_given[0][1].text == "Estates fixed it"


# -- learning ----------------------------------------------------------------------
def test_learning_item_with_themes_and_no_future_dates(app: HuddleApp) -> None:
    item = app.learning.record_learning(
        kind=LearningKind.INCIDENT,
        title="Fall in bay 4",
        occurred_on="2026-08-05",
        harm="low",
        safety_category="falls",
        themes=["Falls", "falls", "Night shift"],
        what_happened="Found on floor beside bed",
        what_learned="Bed rails check",
    )
    assert item.themes == ("Falls", "Night shift")
    assert item.harm is HarmLevel.LOW
    with pytest.raises(ValidationError) as caught:
        app.learning.record_learning(kind="rumour", title="", occurred_on="2026-08-07")
    assert set(caught.value.fields) == {"kind", "title", "occurred_on"}
    updated = app.learning.update_learning(
        item.id, expected_version=1, themes=["Falls"], what_change="Low beds in bay 4"
    )
    assert updated.themes == ("Falls",) and updated.what_change == "Low beds in bay 4"
    assert app.learning.themes() == ["Falls"]


def test_days_since_last_harm_counts_only_harm_incidents(app: HuddleApp) -> None:
    assert app.board.days_since_last_harm() is None
    app.learning.record_learning(kind="incident", title="No harm", occurred_on="2026-08-05")
    app.learning.record_learning(
        kind="near_miss", title="Near", occurred_on="2026-08-04", harm="none"
    )
    assert app.board.days_since_last_harm() is None
    app.learning.record_learning(
        kind="incident", title="Skin tear", occurred_on="2026-07-27", harm="low"
    )
    assert app.board.days_since_last_harm() == 10


def test_learning_since_last_huddle(app: HuddleApp, clock: FixedClock) -> None:
    before = app.learning.record_learning(kind="compliment", title="Thank-you card")
    huddle = app.huddles.start_huddle()
    clock.advance(timedelta(minutes=10))
    app.huddles.finish_huddle(huddle.id)
    clock.advance(timedelta(hours=3))
    after = app.learning.record_learning(kind="patient_feedback", title="Noise at night")
    assert [i.id for i in app.learning.since_last_huddle()] == [after.id]
    assert before.id not in {i.id for i in app.learning.since_last_huddle()}


# -- actions -----------------------------------------------------------------------
def test_status_rules_done_needs_note_dropped_needs_reason(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Laminated falls checklist")
    with pytest.raises(ValidationError, match="closing note"):
        app.actions.change_status(action.id, status="done", expected_version=action.version)
    with pytest.raises(ValidationError, match="why it is being dropped"):
        app.actions.change_status(action.id, status="dropped", expected_version=action.version)
    assert app.actions.action(action.id).status is ActionStatus.PLANNED
    assert app.actions.progress_notes(action.id) == []
    done = app.actions.change_status(
        action.id, status="done", note="In every bay", expected_version=action.version
    )
    assert done.status is ActionStatus.DONE and done.closing_note == "In every bay"
    notes = app.actions.progress_notes(action.id)
    assert (notes[0].status_from, notes[0].status_to) == (ActionStatus.PLANNED, ActionStatus.DONE)
    with pytest.raises(ValidationError, match="starts open"):
        app.actions.create_action(title="x", status="done")


def test_overdue_due_this_week_and_stalled_are_computed(app: HuddleApp, clock: FixedClock) -> None:
    overdue = app.actions.create_action(title="Overdue", due_on="2026-08-05")
    due = app.actions.create_action(title="Due soon", due_on="2026-08-10")
    app.actions.create_action(title="Later", due_on="2026-09-30")
    app.actions.create_action(title="An idea", status="idea")
    assert [a.id for a in app.actions.overdue_actions()] == [overdue.id]
    assert [a.id for a in app.actions.due_within(7)] == [due.id]
    assert app.actions.stalled_actions() == []
    clock.advance(timedelta(days=31))
    app.actions.add_progress_note(due.id, text="Chased pharmacy")
    stalled = {a.title for a in app.actions.stalled_actions()}
    assert stalled == {"Overdue", "Later"}  # ideas are not commitments; Due soon has progress
    assert app.actions.action(overdue.id).is_overdue(clock.today())
    assert app.actions.action(overdue.id).stale_days(clock.now(), 30) == 31
    # The ward's stale_days preference is the rule, for the list and the flag alike.
    app.preferences.set("stale_days", 40)
    assert app.actions.stalled_actions() == []
    assert app.actions.action(overdue.id).stale_days(clock.now(), 40) == 0


def test_pdsa_cycles_are_numbered_and_annotate_linked_measures(app: HuddleApp) -> None:
    falls = app.measures.define_measure(name="Falls per 1,000 bed days", better="down")
    action = app.actions.create_action(title="Falls huddle at 10 pm", measure_ids=[falls.id])
    first = app.actions.start_cycle(
        action.id,
        plan="Try on nights for 2 weeks",
        prediction="Fewer night falls",
        started_on="2026-08-01",
    )
    assert first.number == 1
    with pytest.raises(ValidationError, match="still open"):
        app.actions.start_cycle(action.id, plan="Second")
    with pytest.raises(ValidationError, match="what happened against the prediction"):
        app.actions.record_cycle(first.id, expected_version=first.version, act="adapt")
    closed = app.actions.record_cycle(
        first.id,
        expected_version=first.version,
        do="Ran 12 nights",
        study="2 falls vs 5 before",
        act=PdsaDecision.ADAPT,
    )
    assert closed.act is PdsaDecision.ADAPT and closed.completed_on == date(2026, 8, 6)
    second = app.actions.start_cycle(action.id, plan="Add days")
    assert second.number == 2
    notes = app.measures.annotations(falls.id)
    assert [n.pdsa_id for n in notes] == [first.id, second.id]
    assert notes[0].on_date == date(2026, 8, 1) and notes[0].action_id == action.id


def test_unknown_owner_is_not_found(app: HuddleApp) -> None:
    with pytest.raises(NotFoundError):
        app.actions.create_action(title="x", owner_id="nobody")


# -- measures ----------------------------------------------------------------------
def test_points_are_entered_corrected_and_bad_rows_named(app: HuddleApp) -> None:
    hygiene = app.measures.define_measure(
        name="Hand hygiene", unit="%", better="up", target=95, period="week"
    )
    app.measures.record_points(hygiene.id, [("2026-07-06", "91"), ("2026-07-13", 93.5)])
    with pytest.raises(ValidationError) as caught:
        app.measures.record_points(
            hygiene.id, [("2026-07-20", "94"), ("2026-07-27", "n/a"), ("not a date", 90)]
        )
    assert set(caught.value.fields) == {"points[1].value", "points[2].period_start"}
    assert len(app.measures.points(hygiene.id)) == 2  # nothing from the bad paste
    seen = app.measures.points(hygiene.id)[1]
    app.measures.record_point(
        hygiene.id, period_start="2026-07-13", value=94, expected_version=seen.version
    )
    assert [p.value for p in app.measures.points(hygiene.id)] == [91.0, 94.0]
    with pytest.raises(ValidationError) as single:
        app.measures.record_point(
            hygiene.id, period_start="2026-07-20", value="inf", expected_version=None
        )
    assert single.value.fields == ("value",)
    series = app.measures.latest_series(points=1)
    assert series[0].latest is not None and series[0].latest.value == 94.0


def test_rebase_and_annotate(app: HuddleApp) -> None:
    measure = app.measures.define_measure(name="FFT % recommend", better="up", period="month")
    rebase = app.measures.rebase(measure.id, from_date="2026-06-01", reason="New discharge lounge")
    assert app.measures.rebases(measure.id) == [rebase]
    with pytest.raises(ValidationError, match="already rebased"):
        app.measures.rebase(measure.id, from_date="2026-06-01", reason="again")
    note = app.measures.annotate(measure.id, on_date="2026-06-01", text="Lounge opened")
    assert app.measures.annotations(measure.id) == [note]


# -- the huddle screen ---------------------------------------------------------------
def test_today_board_gathers_the_huddle_screen(app: HuddleApp) -> None:
    app.learning.record_learning(
        kind="incident", title="Fall", harm="moderate", occurred_on="2026-07-30"
    )
    app.actions.create_action(title="Overdue", due_on="2026-08-01")
    app.measures.define_measure(name="Falls", better="down")
    board = app.board.today()
    assert board.days_since_last_harm == 7
    assert [a.title for a in board.overdue] == ["Overdue"]
    assert board.huddles_held == 0 and board.record_days == 21
    assert [s.measure.name for s in board.measures] == ["Falls"]
    assert board.running is None and board.last_huddle is None


def test_preferences_are_declared_and_typed(app: HuddleApp) -> None:
    assert app.preferences.get("stale_days") == 30
    app.preferences.set("backup_folder", "/srv/backups")
    assert app.preferences.all()["backup_folder"] == "/srv/backups"
    with pytest.raises(ValidationError):
        app.preferences.set("stale_days", "thirty")
    with pytest.raises(ValidationError):
        app.preferences.set("no_such_setting", 1)


def test_learning_search_filters_and_full_text(app: HuddleApp) -> None:
    fall = app.learning.record_learning(
        kind="incident",
        title="Fall in bay 4",
        what_happened="Patient slipped reaching for a walking frame at night",
        themes=["Falls"],
        occurred_on="2026-08-01",
    )
    app.learning.record_learning(
        kind="compliment", title="Thank-you card for the night team", occurred_on="2026-07-20"
    )
    app.learning.record_learning(
        kind="near_miss",
        title="Wrong insulin pen collected",
        themes=["Medication"],
        occurred_on="2026-08-03",
    )
    assert [i.id for i in app.learning.search(text="frames")] == [fall.id]  # stemmed
    assert [i.title for i in app.learning.search(text="night")] == [
        "Fall in bay 4",
        "Thank-you card for the night team",
    ]
    assert app.learning.search(text='"unbalanced OR (') == []  # typed syntax is just words
    assert [i.id for i in app.learning.search(theme="falls")] == [fall.id]
    assert len(app.learning.search(since=date(2026, 8, 1))) == 2
    assert len(app.learning.search(kinds=[LearningKind.COMPLIMENT])) == 1
    app.actions.create_action(title="Walking frames within reach", learning_ids=[fall.id])
    assert [i.id for i in app.learning.search(linked=True)] == [fall.id]
    assert len(app.learning.search(linked=False)) == 2
    edited = app.learning.update_learning(fall.id, expected_version=1, title="Fall near the sink")
    assert app.learning.search(text="sink") == [app.learning.item(edited.id)]
