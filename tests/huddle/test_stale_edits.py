"""A stale edit is a visible conflict, never a silent overwrite (issue #13, item 8)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from huddle.clock import FixedClock
from huddle.errors import ConflictError, ValidationError
from huddle.services import HuddleApp


@pytest.fixture
def other(app: HuddleApp, clock: FixedClock) -> Iterator[HuddleApp]:
    """A second PC with the same ward open."""
    second = HuddleApp.open(app.path, clock=clock, actor="other@ward-pc-2")
    yield second
    second.close()


def test_an_edit_without_the_version_it_started_from_is_refused(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Check bed rails")
    for missing in (None, 0, True, "1"):
        with pytest.raises(ValidationError) as caught:
            app.actions.update_action(action.id, expected_version=missing, title="Changed")  # type: ignore[arg-type]
        assert caught.value.fields == ("expected_version",)
    assert app.actions.action(action.id).title == "Check bed rails"


def test_a_version_beyond_any_record_is_refused_not_a_crash(app: HuddleApp) -> None:
    # found by the hostile-input test: 2**63 overflowed SQLite's integer instead
    huddle = app.huddles.start_huddle()
    with pytest.raises(ValidationError, match="which version"):
        app.huddles.set_risks_today(huddle.id, text="Bay 2", expected_version=2**63)


def test_stale_risks_today_is_a_conflict_and_the_first_save_stays(
    app: HuddleApp, other: HuddleApp
) -> None:
    huddle = app.huddles.start_huddle()
    seen_here = app.huddles.huddle(huddle.id).version
    seen_there = other.huddles.huddle(huddle.id).version
    app.huddles.set_risks_today(
        huddle.id, text="Bay 2: high falls risk", expected_version=seen_here
    )
    with pytest.raises(ConflictError):
        other.huddles.set_risks_today(
            huddle.id, text="Side room 4: new confusion", expected_version=seen_there
        )
    assert app.huddles.huddle(huddle.id).risks_today == "Bay 2: high falls risk"


def test_a_head_count_saved_meanwhile_is_no_conflict_for_the_risks(app: HuddleApp) -> None:
    huddle = app.huddles.start_huddle()
    started = app.huddles.huddle(huddle.id).version
    app.huddles.set_others_count(huddle.id, count=2)
    saved = app.huddles.set_risks_today(
        huddle.id, text="Bay 1: pressure areas", expected_version=started
    )
    assert saved.risks_today == "Bay 1: pressure areas" and saved.others_count == 2


def test_a_stale_correction_of_a_point_is_a_conflict(app: HuddleApp, other: HuddleApp) -> None:
    falls = app.measures.define_measure(name="Falls", period="week")
    week = date(2026, 7, 27)
    point = app.measures.record_point(falls.id, period_start=week, value=3, expected_version=None)
    app.measures.record_point(falls.id, period_start=week, value=4, expected_version=point.version)
    with pytest.raises(ConflictError):
        other.measures.record_point(
            falls.id, period_start=week, value=5, expected_version=point.version
        )
    # a person who saw the week empty does not overwrite what was saved meanwhile
    with pytest.raises(ConflictError):
        other.measures.record_point(falls.id, period_start=week, value=6, expected_version=None)
    with pytest.raises(ConflictError):
        other.measures.record_points(falls.id, [(week, 7)])
    assert [p.value for p in app.measures.points(falls.id)] == [4.0]


def test_a_reason_given_on_another_pc_is_not_silently_replaced(
    app: HuddleApp, other: HuddleApp
) -> None:
    """#17: the PSIRF "no report needed" reason saved without a version, so the
    second PC's reason replaced the first unseen."""
    item = app.learning.record_learning(kind="near_miss", title="Insulin nearly given twice")
    assert [i.id for i in other.responses.unreported()] == [item.id]  # both PCs see none yet
    app.responses.mark_not_needed(
        item.id, reason="Already reported by pharmacy.", expected_version=None
    )
    with pytest.raises(ConflictError) as stale:
        other.responses.mark_not_needed(
            item.id, reason="Caught at the bedside; no harm.", expected_version=None
        )
    assert "added elsewhere since you opened it" in stale.value.message
    assert other.responses.exemption_reason(item.id) == "Already reported by pharmacy."
    # the version it was read at lets a deliberate change through, once
    seen = other.responses.exemption(item.id)
    assert seen is not None
    other.responses.mark_not_needed(
        item.id, reason="Pharmacy W20411.", expected_version=seen.version
    )
    with pytest.raises(ConflictError, match="you had version 1, it is now 2"):
        app.responses.mark_not_needed(item.id, reason="Mine.", expected_version=seen.version)
    assert app.responses.exemption_reason(item.id) == "Pharmacy W20411."


def test_who_was_excellent_named_on_another_pc_is_not_silently_replaced(
    app: HuddleApp, other: HuddleApp
) -> None:
    item = app.learning.record_learning(kind="excellence", title="Calm handover")
    first = app.excellence.credit(item.id, who="Night team, bay 3", expected_version=None)
    with pytest.raises(ConflictError):
        other.excellence.credit(item.id, who="Day team", expected_version=None)
    second = other.excellence.credit(item.id, who="Night team", expected_version=first)
    with pytest.raises(ConflictError):
        app.excellence.credit(item.id, who="Bay 3", expected_version=first)
    assert app.excellence.who(item.id) == "Night team" and second == first + 1
