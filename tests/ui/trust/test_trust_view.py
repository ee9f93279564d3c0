"""The trust view with a real server: every ward listed, filtered, opened read-only."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from huddle.clock import FixedClock
from huddle.errors import HuddleError
from huddle.services import HuddleApp
from tests.helpers.accessibility import name_and_role_problems
from tests.helpers.layout_check import layout_problems
from tests.huddle.trust.conftest import DAY, SyncedWards
from ui.trust.source import TrustSource
from ui.trust.window import TrustWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # a second window, offscreen
GROUPS = "Medicine: Ward 1 (sample), Ward 2 (sample); Surgery: Ward 3 (sample)"


@pytest.fixture
def trust_window(qtbot, synced_wards: SyncedWards, tmp_path: Path):
    source = TrustSource(
        synced_wards.server.reader_url(),
        tmp_path / "trust-cache",
        GROUPS,
        FixedClock(datetime.combine(DAY, time(9), tzinfo=UTC)),
    )
    window = TrustWindow(source)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    with qtbot.waitSignal(window.overview.refreshed, timeout=60_000):
        window.show()
    qtbot.waitUntil(lambda: window.overview.learning.learning is not None, timeout=60_000)
    yield window
    window.close()


def test_the_trust_view_lists_every_ward_and_filters_by_group(trust_window, synced_wards):
    page = trust_window.overview
    names = []
    for path in synced_wards.paths:
        with HuddleApp.open(path, read_only=True) as app:
            names.append(app.setup.ward().name)
    assert sorted(r.name for r in page.shown_rows()) == sorted(names)
    labels = [page.filter_box.itemText(i) for i in range(page.filter_box.count())]
    assert labels[0] == "Every ward" and "Group: Medicine" in labels
    page.filter_box.setCurrentIndex(labels.index("Group: Medicine"))
    assert sorted(r.name for r in page.shown_rows()) == ["Ward 1 (sample)", "Ward 2 (sample)"]
    page.filter_box.setCurrentIndex(labels.index("Group: Surgery"))
    assert [r.name for r in page.shown_rows()] == ["Ward 3 (sample)"]
    assert page.learning.themes.count() > 0
    assert name_and_role_problems(trust_window) == []
    assert layout_problems(trust_window) == []


def test_a_ward_opens_read_only_as_its_own_pages_and_refuses_edits(qtbot, trust_window):
    page = trust_window.overview
    first = page.shown_rows()[0]
    page.table.selectRow(0)
    opened: list = []
    page.ward_opened.connect(opened.append)
    page.open_current()
    assert opened == [first]
    ward = trust_window.open_ward(first)
    qtbot.waitExposed(ward)
    assert ward.ctx.read_only
    assert list(ward.pages) == ["Today", "Measures", "Actions"]
    for title, shown in ward.pages.items():
        ward.tabs.setCurrentWidget(shown)
        qtbot.wait(10)
        assert name_and_role_problems(shown) == [], title
    today = ward.pages["Today"]
    assert not today.start_button.isEnabled()
    actions = ward.pages["Actions"]
    assert not actions.model.editable
    before = len(ward.ctx.app.actions.actions())
    with pytest.raises(HuddleError):
        ward.ctx.app.actions.create_action(title="Label the drug fridge", origin="staff_idea")
    assert len(ward.ctx.app.actions.actions()) == before
    assert layout_problems(ward) == []
    ward.close()
