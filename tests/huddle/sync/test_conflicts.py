"""Two PCs apart: appends merge, one record edited on both is kept both until a person chooses.

The PCs swap bundle files here (no server needed); the server tests repeat the
key case through PostgreSQL. One PC's clock is five hours ahead throughout:
nothing may depend on clocks agreeing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.services import HuddleApp
from huddle.sync import conflicts
from huddle.sync.bundle import export_bundle, import_bundles
from tests.huddle.sync.pcs import new_ward, open_pc, table_counts


def swap(a: HuddleApp, b: HuddleApp, folder: Path) -> None:
    """Each PC sends its new changes to the other by file."""
    for source, target in ((a, b), (b, a)):
        made = export_bundle(
            source.store,
            ward_id=source.ward_id,
            out=folder / f"{source.path.stem}.bundle",
            since_last=True,
            trust_key=None,
        )
        import_bundles(target.store, [made.path], trust_key=None)


@pytest.fixture
def two_pcs(tmp_path: Path) -> tuple[HuddleApp, HuddleApp]:
    a = new_ward(tmp_path / "station.db")
    b = open_pc(tmp_path / "office.db", hours_ahead=5)
    made = export_bundle(
        a.store, ward_id=a.ward_id, out=tmp_path / "all.bundle", since_last=True, trust_key=None
    )
    import_bundles(b.store, [made.path], trust_key=None)
    b.select_ward(a.ward_id)
    return a, b


def the_action(app: HuddleApp) -> str:
    return app.actions.actions()[0].id


def test_appends_on_both_pcs_never_conflict(
    two_pcs: tuple[HuddleApp, HuddleApp], tmp_path: Path
) -> None:
    a, b = two_pcs
    action = the_action(a)
    a.actions.add_progress_note(action, text="Asked estates for a lock")
    b.actions.add_progress_note(action, text="Fridge log started")
    a.learning.record_learning(kind="compliment", occurred_on="2026-08-05", title="Thank-you card")
    b.learning.record_learning(kind="near_miss", occurred_on="2026-08-05", title="Label mix-up")
    swap(a, b, tmp_path)
    assert table_counts(a) == table_counts(b)
    assert len(a.actions.progress_notes(action)) == len(b.actions.progress_notes(action)) >= 2
    assert conflicts.open_count(a.store, a.ward_id) == conflicts.open_count(b.store, b.ward_id) == 0


def test_anonymous_pulse_answers_on_both_pcs_add_up(
    two_pcs: tuple[HuddleApp, HuddleApp], tmp_path: Path
) -> None:
    a, b = two_pcs
    for score in (4, 4, 5):
        a.pulse.answer(score=score)
    for score in (4, 2):
        b.pulse.answer(score=score)
    b.pulse.record_answers(scores=[5, 4, 5])  # a huddle's answers, saved together (#20)
    swap(a, b, tmp_path)
    for pc in (a, b):
        rows = pc.store.query("SELECT score, answers FROM pulse_tally ORDER BY score")
        assert [(r["score"], r["answers"]) for r in rows] == [(2, 1), (4, 4), (5, 3)]
    assert conflicts.open_count(a.store, a.ward_id) == conflicts.open_count(b.store, b.ward_id) == 0


def test_one_action_edited_on_both_pcs_keeps_both_until_a_person_chooses(
    two_pcs: tuple[HuddleApp, HuddleApp], tmp_path: Path
) -> None:
    a, b = two_pcs
    action = the_action(a)
    a.actions.update_action(action, expected_version=1, title="Lock the drug fridge")
    b.actions.update_action(action, expected_version=1, title="Label the fridge shelves")
    swap(a, b, tmp_path)
    # each PC keeps its own version and shows both
    assert a.actions.action(action).title == "Lock the drug fridge"
    assert b.actions.action(action).title == "Label the fridge shelves"
    for pc, mine, theirs in ((a, "Lock", "Label the fridge"), (b, "Label the fridge", "Lock")):
        (found,) = conflicts.conflicts(pc.store, pc.ward_id)
        assert found.entity == "action" and found.entity_id == action
        assert found.local["title"].startswith(mine) and found.remote["title"].startswith(theirs)
        assert found.differing_fields == ["title"]
        assert conflicts.records_changed_twice(pc.store, pc.ward_id, "action") == {action}

    # the ward sister chooses the other PC's version on the office PC
    (on_b,) = conflicts.conflicts(b.store, b.ward_id)
    conflicts.resolve(b.store, on_b.id, keep=conflicts.KEEP_REMOTE)
    swap(a, b, tmp_path)
    assert (
        a.actions.action(action).title == b.actions.action(action).title == "Lock the drug fridge"
    )
    assert conflicts.open_count(a.store, a.ward_id) == conflicts.open_count(b.store, b.ward_id) == 0
    # and editing goes on normally afterwards
    version = a.actions.action(action).version
    a.actions.update_action(action, expected_version=version, title="Lock and label the fridge")
    swap(a, b, tmp_path)
    assert b.actions.action(action).title == "Lock and label the fridge"
    assert conflicts.open_count(b.store, b.ward_id) == 0


def test_a_hand_merge_takes_a_field_from_each(
    two_pcs: tuple[HuddleApp, HuddleApp], tmp_path: Path
) -> None:
    a, b = two_pcs
    action = the_action(a)
    a.actions.update_action(action, expected_version=1, title="Lock the fridge", detail="")
    b.actions.update_action(action, expected_version=1, detail="Estates job 42", title="Fridge")
    swap(a, b, tmp_path)
    (found,) = conflicts.conflicts(a.store, a.ward_id)
    conflicts.resolve(
        a.store, found.id, keep=conflicts.MERGED, merged={"detail": found.remote["detail"]}
    )
    swap(a, b, tmp_path)
    for pc in (a, b):
        saved = pc.actions.action(action)
        assert (saved.title, saved.detail) == ("Lock the fridge", "Estates job 42")


def test_archived_on_one_pc_and_edited_on_the_other_keeps_the_edit(
    two_pcs: tuple[HuddleApp, HuddleApp], tmp_path: Path
) -> None:
    a, b = two_pcs
    action = the_action(a)
    a.actions.archive_action(action, expected_version=1)
    b.actions.update_action(action, expected_version=1, title="Still needed: lock the fridge")
    swap(a, b, tmp_path)
    for pc in (a, b):
        saved = pc.actions.action(action)
        assert saved.title == "Still needed: lock the fridge" and not saved.archived
        notes = conflicts.conflicts(pc.store, pc.ward_id, open_only=False)
        assert [n.kind for n in notes] == ["archive_undone"]
        assert conflicts.open_count(pc.store, pc.ward_id) == 0


def test_the_same_weeks_point_entered_on_both_pcs_is_one_record(
    two_pcs: tuple[HuddleApp, HuddleApp], tmp_path: Path
) -> None:
    a, b = two_pcs
    measure = a.measures.define_measure(
        name="Falls", unit="falls", better="down", period="week", chart_kind="run"
    )
    swap(a, b, tmp_path)
    for pc, day, value in ((a, "2026-08-03", 2), (b, "2026-08-03", 2), (a, "2026-07-27", 1)):
        pc.measures.record_point(measure.id, period_start=day, value=value, expected_version=None)
    b.measures.record_point(measure.id, period_start="2026-07-27", value=3, expected_version=None)
    swap(a, b, tmp_path)  # the same value agrees; different values are shown to a person
    for pc in (a, b):
        assert [p.value for p in pc.measures.points(measure.id)] == ([1, 2] if pc is a else [3, 2])
        (found,) = conflicts.conflicts(pc.store, pc.ward_id)
        assert found.entity == "measure_point" and found.differing_fields == ["value"]
    (on_a,) = conflicts.conflicts(a.store, a.ward_id)
    conflicts.resolve(a.store, on_a.id, keep=conflicts.KEEP_REMOTE)
    swap(a, b, tmp_path)
    for pc in (a, b):
        assert [p.value for p in pc.measures.points(measure.id)] == [3, 2]
        assert conflicts.open_count(pc.store, pc.ward_id) == 0
    # later corrections on either PC reach the other, whichever id it knows the point by
    seen = next(p for p in b.measures.points(measure.id) if p.value == 3)
    b.measures.record_point(
        measure.id, period_start="2026-07-27", value=4, expected_version=seen.version
    )
    swap(a, b, tmp_path)
    assert [p.value for p in a.measures.points(measure.id)] == [4, 2]
