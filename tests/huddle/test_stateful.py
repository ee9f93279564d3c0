"""A hypothesis state machine drives the services against a plain in-memory model.

After every step the services and the model must agree, the database must be
healthy, and replaying the audit trail must rebuild every table exactly.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    precondition,
    rule,
)

from huddle.backup import integrity_problem
from huddle.clock import FixedClock
from huddle.domain import ActionStatus
from huddle.errors import ValidationError
from huddle.identifier_refusal import IdentifierRefusedError
from huddle.services import HuddleApp
from huddle.services.validation import clean_text
from huddle.store import open_store

NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30
)
STATUSES = st.sampled_from(list(ActionStatus))


def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="huddle-stateful-"))
    path = folder / "template.db"
    open_store(path).close()
    return path


TEMPLATE = _template()


class WardModel(RuleBasedStateMachine):
    people = Bundle("people")
    actions = Bundle("actions")

    @initialize()
    def open_ward(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="huddle-sm-"))
        shutil.copyfile(TEMPLATE, self.folder / "ward.db")
        self.clock = FixedClock(datetime(2026, 3, 1, 9, tzinfo=UTC))
        self.app = HuddleApp.open(self.folder / "ward.db", clock=self.clock, actor="model")
        self.app.setup.create_ward(name="Model ward")
        self.model_people: dict[str, dict[str, Any]] = {}
        self.model_actions: dict[str, dict[str, Any]] = {}
        self.running: str | None = None
        self.finished = 0

    def teardown(self) -> None:
        if hasattr(self, "app"):
            self.app.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- roster ---------------------------------------------------------------
    @rule(target=people, name=NAMES)
    def add_person(self, name: str) -> str:
        cleaned = clean_text(name).strip()
        clash = any(p["name"].casefold() == cleaned.casefold() for p in self.model_people.values())
        try:
            person = self.app.setup.add_person(display_name=name, role="Nurse")
        except IdentifierRefusedError:
            return "none"  # the guard's call (a name like "A00AA" reads as a postcode)
        except ValidationError:
            assert not cleaned or clash or len(cleaned) > 120
            return "none"
        self.model_people[person.id] = {"name": person.display_name, "active": True, "version": 1}
        return person.id

    @rule(person_id=people)
    def deactivate(self, person_id: str) -> None:
        if person_id not in self.model_people:
            return
        model = self.model_people[person_id]
        self.app.setup.set_person_active(
            person_id, active=not model["active"], expected_version=model["version"]
        )
        model["active"] = not model["active"]
        model["version"] += 1

    # -- actions ----------------------------------------------------------------
    @rule(
        target=actions, title=NAMES, owner=st.one_of(st.none(), people), days=st.integers(-20, 40)
    )
    def create_action(self, title: str, owner: str | None, days: int) -> str:
        owner_id = owner if owner in self.model_people else None
        due = self.clock.today() + timedelta(days=days)
        try:
            action = self.app.actions.create_action(title=title, owner_id=owner_id, due_on=due)
        except IdentifierRefusedError:
            return "none"
        except ValidationError:
            assert not clean_text(title).strip() or len(clean_text(title).strip()) > 200
            return "none"
        self.model_actions[action.id] = {
            "status": ActionStatus.PLANNED,
            "due": due,
            "version": 1,
            "notes": 0,
        }
        return action.id

    @rule(action_id=actions, status=STATUSES, note=NAMES)
    def change_status(self, action_id: str, status: ActionStatus, note: str) -> None:
        if action_id not in self.model_actions:
            return
        model = self.model_actions[action_id]
        try:
            self.app.actions.change_status(
                action_id,
                status=status,
                note=note,
                expected_version=model["version"],
                huddle_id=self.running,
            )
        except IdentifierRefusedError:
            return
        except ValidationError as error:
            needs_note = status in (ActionStatus.DONE, ActionStatus.DROPPED)
            assert status is model["status"] or (needs_note and not clean_text(note).strip()), error
            return
        model.update(status=status, version=model["version"] + 1, notes=model["notes"] + 1)

    @rule(action_id=consumes(actions), text=NAMES)
    def progress(self, action_id: str, text: str) -> None:
        if action_id not in self.model_actions:
            return
        try:
            self.app.actions.add_progress_note(action_id, text=text)
        except IdentifierRefusedError:
            return
        except ValidationError:
            assert not clean_text(text).strip()
            return
        self.model_actions[action_id]["notes"] += 1

    # -- huddles ----------------------------------------------------------------
    @precondition(lambda self: self.running is None)
    @rule()
    def start(self) -> None:
        self.running = self.app.huddles.start_huddle().id

    @precondition(lambda self: self.running is not None)
    @rule(person_id=people, present=st.booleans())
    def attend(self, person_id: str, present: bool) -> None:
        if person_id in self.model_people:
            assert self.running is not None
            self.app.huddles.record_attendance(self.running, person_id=person_id, present=present)

    @precondition(lambda self: self.running is not None)
    @rule(abandon=st.booleans())
    def end(self, abandon: bool) -> None:
        assert self.running is not None
        if abandon:
            self.app.huddles.abandon_huddle(self.running)
        else:
            self.app.huddles.finish_huddle(self.running)
            self.finished += 1
        self.running = None

    @rule(days=st.integers(0, 3))
    def time_passes(self, days: int) -> None:
        self.clock.advance(timedelta(days=days, minutes=7))

    # -- agreement ----------------------------------------------------------------
    @invariant()
    def services_agree_with_the_model(self) -> None:
        if not hasattr(self, "app"):
            return
        people = {p.id: p for p in self.app.setup.people(include_inactive=True)}
        assert set(people) == set(self.model_people)
        for pid, model in self.model_people.items():
            assert people[pid].active == model["active"]
            assert people[pid].version == model["version"]
        actions = {a.id: a for a in self.app.actions.actions()}
        assert set(actions) == set(self.model_actions)
        today = self.clock.today()
        for aid, model in self.model_actions.items():
            assert actions[aid].status is model["status"]
            assert actions[aid].version == model["version"]
            assert len(self.app.actions.progress_notes(aid)) == model["notes"]
        overdue = {a.id for a in self.app.actions.overdue_actions()}
        assert overdue == {
            aid for aid, m in self.model_actions.items() if m["status"].is_open and m["due"] < today
        }
        running = self.app.huddles.running()
        assert (running.id if running else None) == self.running

    @invariant()
    def audit_rebuilds_every_table(self) -> None:
        if not hasattr(self, "app"):
            return
        store = self.app.store
        assert integrity_problem(store.conn) is None
        rebuilt: dict[str, dict[str, dict[str, Any]]] = {}
        for row in store.query("SELECT entity, entity_id, op, after_json FROM audit ORDER BY id"):
            table = rebuilt.setdefault(row["entity"], {})
            if row["op"] == "delete":
                table.pop(row["entity_id"], None)
            else:
                table[row["entity_id"]] = json.loads(row["after_json"])
        for name in ("person", "action", "progress_note", "huddle"):
            actual = {r["id"]: r for r in store.query(f"SELECT * FROM {name}")}
            assert rebuilt.get(name, {}) == actual, name
        pairs = {
            f"{r['huddle_id']}:{r['person_id']}"
            for r in store.query("SELECT huddle_id, person_id FROM attendance")
        }
        assert set(rebuilt.get("attendance", {})) == pairs


WardModel.TestCase.settings = WardModel.TestCase.settings  # the profile from conftest applies
TestWardModel = WardModel.TestCase
