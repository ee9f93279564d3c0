"""The ward, its roster and agendas (WardSetup), and change announcements."""

from __future__ import annotations

import pytest

from huddle.domain import (
    Change,
    HuddleKind,
    SectionKey,
    SectionPlan,
)
from huddle.errors import ConflictError, ValidationError
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
