"""One guard on every path: each service that stores text refuses each hostile spelling.

Every write goes through :mod:`huddle.store.records`, where the guard sits, so
the app, the command line, imports and sync meet the same check. These tests
drive the services as those callers do: each of the hostile cases through each
text field of each service, checking that nothing is saved, that the refusal
names the record and field, and that no message repeats the identifier.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from huddle.domain import SectionPlan
from huddle.errors import ValidationError
from huddle.identifier_refusal import IdentifierRefusedError
from huddle.services import HuddleApp
from tests.huddle.identifier_cases import HOSTILE


@dataclass
class Ward:
    app: HuddleApp
    action_id: str
    cycle_id: str
    measure_id: str
    huddle_id: str
    section_id: str
    person_id: str
    idle_action_id: str  # one without a cycle, to start one on


@pytest.fixture
def ward(app: HuddleApp) -> Ward:
    action = app.actions.create_action(title="Falls bundle")
    cycle = app.actions.start_cycle(action.id, plan="Try the new mats")
    measure = app.measures.define_measure(name="Falls", unit="falls")
    huddle = app.huddles.start_huddle()
    person = app.setup.people()[0]
    idle = app.actions.create_action(title="Quiet room")
    return Ward(
        app, action.id, cycle.id, measure.id, huddle.id, huddle.sections[0].id, person.id, idle.id
    )


def _v(getter: Callable[[], object]) -> int:
    return int(getattr(getter(), "version"))  # noqa: B009


Writer = Callable[[Ward, str], object]
# (service and field, how to write ``text`` into it)
WRITERS: list[tuple[str, Writer]] = [
    ("ward name", lambda w, t: w.app.setup.update_ward(
        expected_version=w.app.setup.ward().version, name=f"Ward {t}")),
    ("ward site", lambda w, t: w.app.setup.update_ward(
        expected_version=w.app.setup.ward().version, name="Ward 7B", site=t)),
    ("ward specialty", lambda w, t: w.app.setup.update_ward(
        expected_version=w.app.setup.ward().version, name="Ward 7B", specialty=t)),
    ("person name", lambda w, t: w.app.setup.add_person(display_name=t)),
    ("person role", lambda w, t: w.app.setup.update_person(
        w.person_id, expected_version=w.app.setup.person(w.person_id).version,
        display_name="Amara K", role=t)),
    ("agenda section title", lambda w, t: w.app.setup.save_template(
        name="Ours", kind="daily_safety",
        sections=[SectionPlan(key="safety", title=t, seconds=60)])),
    ("agenda name", lambda w, t: w.app.setup.save_template(
        name=t, kind="daily_safety",
        sections=[SectionPlan(key="safety", title="Safety", seconds=60)])),
    ("learning title", lambda w, t: w.app.learning.record_learning(kind="incident", title=t)),
    ("learning what happened", lambda w, t: w.app.learning.record_learning(
        kind="incident", title="Fall", what_happened=t)),
    ("learning what helped", lambda w, t: w.app.learning.record_learning(
        kind="excellence", title="Thanks", what_helped=t)),
    ("learning what we learned", lambda w, t: w.app.learning.record_learning(
        kind="near_miss", title="Near miss", what_learned=t)),
    ("learning what we will change", lambda w, t: w.app.learning.record_learning(
        kind="complaint", title="Noise", what_change=t)),
    ("learning incident reference", lambda w, t: w.app.learning.record_learning(
        kind="incident", title="Fall", incident_ref=t)),
    ("learning theme", lambda w, t: w.app.learning.record_learning(
        kind="incident", title="Fall", themes=[t])),
    ("action title", lambda w, t: w.app.actions.create_action(title=t)),
    ("action detail", lambda w, t: w.app.actions.create_action(title="Mats", detail=t)),
    ("action owner text", lambda w, t: w.app.actions.create_action(
        title="Mats", owner_text=t)),
    ("action edited title", lambda w, t: w.app.actions.update_action(
        w.action_id, expected_version=w.app.actions.action(w.action_id).version, title=t)),
    ("action closing note", lambda w, t: w.app.actions.change_status(
        w.action_id, status="done", expected_version=w.app.actions.action(w.action_id).version,
        note=t)),
    ("action drop reason", lambda w, t: w.app.actions.change_status(
        w.action_id, status="dropped",
        expected_version=w.app.actions.action(w.action_id).version, note=t)),
    ("progress note", lambda w, t: w.app.actions.add_progress_note(w.action_id, text=t)),
    ("PDSA plan", lambda w, t: w.app.actions.start_cycle(w.idle_action_id, plan=t)),
    ("PDSA prediction", lambda w, t: w.app.actions.start_cycle(
        w.idle_action_id, plan="Mats", prediction=t)),
    ("PDSA study", lambda w, t: w.app.actions.record_cycle(
        w.cycle_id, expected_version=w.app.actions.cycles(w.action_id)[0].version, study=t)),
    ("measure name", lambda w, t: w.app.measures.define_measure(name=t)),
    ("measure unit", lambda w, t: w.app.measures.define_measure(name="Falls", unit=t)),
    ("measure description", lambda w, t: w.app.measures.define_measure(
        name="Falls", description=t)),
    ("measure point note", lambda w, t: w.app.measures.record_points(
        w.measure_id, [(date(2026, 8, 3), 2, t)])),
    ("rebase reason", lambda w, t: w.app.measures.rebase(
        w.measure_id, from_date="2026-08-03", reason=t)),
    ("chart note", lambda w, t: w.app.measures.annotate(
        w.measure_id, on_date="2026-08-03", text=t)),
    ("risks today", lambda w, t: w.app.huddles.set_risks_today(
        w.huddle_id, text=t, expected_version=w.app.huddles.huddle(w.huddle_id).version)),
    ("section notes", lambda w, t: w.app.huddles.save_section_notes(
        w.section_id, notes=t,
        expected_version=next(s for s in w.app.huddles.huddle(w.huddle_id).sections
                              if s.id == w.section_id).version)),
]  # fmt: skip


def _audit_count(app: HuddleApp) -> int:
    return int(app.store.scalar("SELECT count(*) FROM audit"))


@pytest.mark.parametrize(("label", "text", "kind", "secret"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_every_service_refuses_every_spelling_and_saves_nothing(
    ward: Ward, label: str, text: str, kind: str, secret: str
) -> None:
    app = ward.app
    for where, write in WRITERS:
        before = _audit_count(app)
        with pytest.raises(ValidationError) as caught:
            write(ward, text)
        problem = caught.value
        assert isinstance(problem, IdentifierRefusedError), (where, problem.message)
        assert _audit_count(app) == before, where  # nothing saved, not even in part
        assert kind in [k for kinds in problem.kinds.values() for k in kinds], (where, label)
        assert secret not in problem.message and text not in problem.message, where
        assert problem.message.startswith("Not saved: ") and "\n" not in problem.message


def test_the_refusal_names_the_record_kind_date_and_field(ward: Ward) -> None:
    app = ward.app
    with pytest.raises(IdentifierRefusedError) as caught:
        app.actions.change_status(
            ward.action_id, status="done", expected_version=1, note="NHS 999 000 0018"
        )
    assert caught.value.message == (
        "Not saved: an NHS number in the closing note of the action of 6 Aug 2026. Edit it "
        "out, or if it is not a patient identifier, confirm that and save again."
    )
    assert caught.value.fields == ("closing_note",)


def test_a_confirmed_text_is_not_flagged_again_and_the_audit_says_who(ward: Ward) -> None:
    app = ward.app
    code = "Order stock 999 000 0018 from supplies"  # a (made-up) catalogue code
    with pytest.raises(IdentifierRefusedError):
        app.actions.create_action(title="Restock", detail=code)
    made, _ = app.identifiers.confirm(field="action detail", text=code)
    assert [(c.field, c.kind, c.masked) for c in made] == [
        ("action detail", "nhs_number", "*** *** ****")
    ]
    action = app.actions.create_action(title="Restock", detail=code)
    assert action.detail == code
    # the same digits spelt another way are the same text: confirmed too
    app.actions.create_action(title="Again", detail="stock 999\u00a0000\u00a00018")
    assert app.identifiers.find(code) == []
    row = app.store.query_one(
        "SELECT actor, after_json FROM audit WHERE entity = 'identifier_confirmation'"
    )
    assert row is not None and row["actor"] == "tester@test-pc"
    assert "0018" not in row["after_json"] and "action detail" in row["after_json"]
    # a different number is still refused
    with pytest.raises(IdentifierRefusedError):
        app.actions.create_action(title="Other", detail="999 000 0026")


def test_clinical_text_saves_without_a_word(ward: Ward) -> None:
    text = "BP 140/90, HR 88, NEWS2 5 at 14:30 bay 3"
    for where, write in WRITERS:
        if where not in ("PDSA prediction", "action drop reason"):  # one cycle, one ending
            write(ward, text)


def test_the_outgoing_guard_checks_rows_as_sync_sends_them(ward: Ward) -> None:
    from huddle.reports.errors import IdentifiersFoundError

    app = ward.app
    action = app.actions.action(ward.action_id)
    row = {"id": action.id, "title": "Mats", "closing_note": "for 999 000 0018",
           "created_at": "2026-08-03T09:00:00+00:00"}  # fmt: skip
    with pytest.raises(IdentifiersFoundError) as caught:
        app.identifiers.guard([("action", row), ("action", None)])
    assert caught.value.findings == [
        ("the closing note of the action of 3 Aug 2026", "an NHS number")
    ]
    assert "0018" not in caught.value.message
    with pytest.raises(IdentifiersFoundError):  # an entity the guard does not know: every text
        app.identifiers.guard([("swarm_huddle", {"summary": "Mrs Patterson fell"})])
    app.identifiers.guard([("action", row)], allow_identifiers=True)
    app.identifiers.confirm(field="action closing note", text=row["closing_note"])
    app.identifiers.guard([("action", row)])


def test_the_settings_the_app_makes_itself_are_not_checked(ward: Ward) -> None:
    from huddle.store import records

    store = ward.app.store
    made = json.dumps({"hash": "ab9990000018cd", "salt": "00"})  # random hex can hold ten digits
    with store.transaction():
        records.insert(store, "setting", {"id": "manager_pin", "value_json": made})
    with pytest.raises(IdentifierRefusedError), store.transaction():
        records.insert(store, "setting", {"id": "backup_folder", "value_json": made})


PSIRF_WRITERS: list[tuple[str, Writer]] = [
    ("what matters", lambda w, t: w.app.patient_voice.note_what_matters(text=t)),
    ("touchpoint what happened", lambda w, t: w.app.patient_voice.record_touchpoint(
        stage="discharge", feeling="negative", what_happened=t)),
    ("touchpoint suggestion", lambda w, t: w.app.patient_voice.record_touchpoint(
        stage="discharge", feeling="positive", staff_suggestion=t)),
    ("SWARM answers", lambda w, t: w.app.responses.save_answers(
        w.app.responses.start_swarm(learning_id=w.app.learning.record_learning(
            kind="incident", title="Fall").id).id, expected_version=1, happened=t)),
    ("thank-you: who", lambda w, t: w.app.excellence.credit(
        w.app.learning.record_learning(kind="excellence", title="Thanks").id, who=t,
        expected_version=None)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "text", "kind", "secret"), HOSTILE[::7], ids=[c[0] for c in HOSTILE[::7]]
)
def test_the_psirf_services_refuse_too(
    ward: Ward, label: str, text: str, kind: str, secret: str
) -> None:
    for where, write in PSIRF_WRITERS:
        with pytest.raises(IdentifierRefusedError) as caught:
            write(ward, text)
        assert secret not in caught.value.message, where
