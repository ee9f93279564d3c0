"""The tier-2 huddle with a real server: a ward escalates, the tier answers on another PC,
and the answer is on the ward's Today after both have synced (#19's must-show)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from huddle.clock import FixedClock
from huddle.services import HuddleApp
from huddle.store import open_store
from huddle.sync.engine import sync_ward
from huddle.trust.replicas import replica_path
from tests.helpers.accessibility import name_and_role_problems
from tests.helpers.layout_check import layout_problems
from tests.huddle.trust.conftest import DAY, SyncedWards
from ui.trust.source import TrustSource
from ui.trust.tier_huddle import TierHuddleView
from ui.trust.window import TrustWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
REASON = "The bariatric hoist is broken and no other is free on the site."
ANSWER = "A loan hoist comes from the equipment library at 14:00; the repair is booked."
NOON = datetime.combine(DAY, time(12), tzinfo=UTC)


def test_an_escalation_answered_in_the_tier_huddle_reaches_the_wards_today(
    qtbot, synced_wards: SyncedWards, tmp_path: Path
) -> None:
    clock = FixedClock(NOON)
    ward_path, ward_url = synced_wards.paths[0], synced_wards.urls[0]
    with HuddleApp.open(ward_path, clock=clock) as ward:
        raised = ward.escalations.raise_escalation(
            tier="Site", reason=REASON, answer_by=ward.escalations.answer_needed_in(24),
            raised_by="Amara K",
        )  # fmt: skip
        sync_ward(ward.store, ward_url)

    source = TrustSource(synced_wards.server.tier_url(), tmp_path / "tier-cache", "", clock)
    window = TrustWindow(source)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    with qtbot.waitSignal(window.overview.refreshed, timeout=60_000):
        window.show()
    window.overview.tier_button.click()
    view = window.stack.currentWidget()
    assert isinstance(view, TierHuddleView)
    qtbot.waitUntil(lambda: bool(view.items), timeout=60_000)
    ids = [item.id for item in view.items]
    assert raised.id in ids
    overdue = [item.view.overdue for item in view.items]
    assert overdue == sorted(overdue, reverse=True), "overdue escalations come first"
    view.show_item(ids.index(raised.id))
    assert REASON in view.reason.text()
    view.new_name.setText("Jo Matron")
    view.add_name_button.click()
    assert view.attendees() == ["Jo Matron"]
    assert name_and_role_problems(view) == []
    assert layout_problems(window) == []
    view.answer.setPlainText(ANSWER)
    view.owner.setText("Site manager")
    view.status.setCurrentIndex(view.status.findData("answered"))
    view.save_button.click()
    assert not view.problem.isVisible(), view.problem.text()
    with qtbot.waitSignal(view.finished, timeout=60_000):
        view.finish_button.click()
    assert view.sent >= 1

    with HuddleApp.open(ward_path, clock=clock) as ward:
        before = ward.board.today()
        assert raised.id in [v.id for v in before.open_escalations]
        sync_ward(ward.store, ward_url)
        after = ward.board.today()
    assert raised.id not in [v.id for v in after.open_escalations]
    answered = {v.id: v for v in after.recent_answers}
    assert answered[raised.id].latest_answer.answer == ANSWER
    assert answered[raised.id].latest_answer.owner == "Site manager"
    window.close()


def test_an_empty_answer_is_refused_with_one_line_and_nothing_is_saved(
    qtbot, synced_wards: SyncedWards, tmp_path: Path
) -> None:
    clock = FixedClock(NOON)
    with HuddleApp.open(synced_wards.paths[1], clock=clock) as ward:
        ward.escalations.raise_escalation(
            tier="Site", reason=REASON, answer_by=ward.escalations.answer_needed_in(72)
        )
        sync_ward(ward.store, synced_wards.urls[1])
    source = TrustSource(synced_wards.server.tier_url(), tmp_path / "tier-cache", "", clock)
    window = TrustWindow(source)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.overview.refreshed, timeout=60_000):
        window.show()
    window.start_tier_huddle()
    view = window.stack.currentWidget()
    qtbot.waitUntil(lambda: bool(view.items), timeout=60_000)
    replica = replica_path(source.cache_dir, view.items[view.index].ward_id)

    def answers() -> int:
        with open_store(replica, read_only=True) as store:
            return int(store.scalar("SELECT count(*) FROM escalation_answer"))

    before = answers()
    view.answer.setPlainText("   ")
    view.save_button.click()
    assert view.problem.isVisible() and "answer" in view.problem.text().lower()
    assert "\n" not in view.problem.text()
    assert view.saved == {} and answers() == before
    window.close()
