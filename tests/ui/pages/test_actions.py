"""The Actions page's table, filters, updates and CSV export."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester

from huddle.domain import ActionStatus, Origin
from tests.helpers import pages
from ui.actions.models import ActionFilter, ActionsModel
from ui.pages import actions as actions_page
from ui.pages.actions import TABLE, ActionsPage

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def open_page(qtbot, ctx) -> ActionsPage:
    return pages.open_page(qtbot, ActionsPage, ctx, size=(1600, 950), refresh=False)


@pytest.fixture
def ward(app, clock):
    """A small ward's actions in several states; returns them by a short name."""
    people = {p.display_name: p.id for p in app.setup.people()}
    made = {
        "falls": app.actions.create_action(
            title="Falls signage", owner_id=people["Ben T"], due_on="2026-08-01", origin="learning"
        ),
        "bells": app.actions.create_action(
            title="Call bell audit", owner_id=people["Amara K"], due_on="2026-08-20"
        ),
        "idea": app.actions.create_action(
            title="Quiet hour after lunch", status="idea", origin="patient_feedback"
        ),
        "pharm": app.actions.create_action(title="Pharmacy round times", owner_text="Pharmacy"),
    }
    app.actions.change_status(
        made["bells"].id, status="in_progress", expected_version=made["bells"].version
    )
    clock.advance(timedelta(days=35))
    app.actions.add_progress_note(made["bells"].id, text="Audit started")
    return made


@pytest.fixture
def page(qtbot, ctx, ward):
    shown = open_page(qtbot, ctx)
    shown.refresh()
    return shown


def titles(page) -> set[str]:
    page.show_view(TABLE)
    return {page.proxy.action_at(r).title for r in range(page.proxy.rowCount())}


def test_models_pass_the_model_tester(qtbot, page):
    QAbstractItemModelTester(page.model, FATAL)
    QAbstractItemModelTester(page.proxy, FATAL)
    page.show_view(TABLE)
    page.filters.search.setText("falls")
    page.apply_filters()
    page.model.sort(ActionsModel.OWNER, Qt.SortOrder.DescendingOrder)
    page.refresh()


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (
            ActionFilter(),
            {"Falls signage", "Call bell audit", "Quiet hour after lunch", "Pharmacy round times"},
        ),
        (ActionFilter(text="BELL audit"), {"Call bell audit"}),
        (ActionFilter(text="pharmacy"), {"Pharmacy round times"}),  # the owner is searched too
        (ActionFilter(owner_key=""), {"Quiet hour after lunch"}),
        (ActionFilter(owner_key="text:pharmacy"), {"Pharmacy round times"}),
        (ActionFilter(statuses=frozenset({ActionStatus.IDEA})), {"Quiet hour after lunch"}),
        (ActionFilter(origin=Origin.LEARNING), {"Falls signage"}),
        (ActionFilter(due_from=date(2026, 8, 10), due_to=date(2026, 8, 31)), {"Call bell audit"}),
        (ActionFilter(no_due_date=True), {"Quiet hour after lunch", "Pharmacy round times"}),
        (ActionFilter(overdue=True), {"Falls signage", "Call bell audit"}),
        (ActionFilter(stale=True), {"Falls signage", "Pharmacy round times"}),
    ],
)
def test_filters(qtbot, page, chosen, expected):
    page.show_view(TABLE)
    page.proxy.set_filter(chosen)
    assert {page.proxy.action_at(r).title for r in range(page.proxy.rowCount())} == expected
    page.show_view(0)
    page.board.set_filter(chosen)
    on_board = {
        c.proxy.index(r, 0).data()
        for c in page.board.columns.values()
        for r in range(c.proxy.rowCount())
    }
    assert on_board == expected


def test_filter_bar_drives_both_views(qtbot, page, ctx):
    ben = next(p.id for p in ctx.app.setup.people() if p.display_name == "Ben T")
    bar = page.filters
    bar.owner.setCurrentIndex(bar.owner.findData(f"id:{ben}"))
    assert titles(page) == {"Falls signage"}
    assert page.showing.text() == "Showing 1 of 4"
    bar.clear()
    bar.overdue.setChecked(True)
    bar.status.setCurrentIndex(bar.status.findText("In progress"))
    assert titles(page) == {"Call bell audit"}
    page.show_view(0)
    assert not page.board.columns[ActionStatus.IDEA].isVisibleTo(page.board)
    bar.clear()
    bar.due.setCurrentIndex(bar.due.findText("Between dates…"))
    assert bar.due_from.isVisibleTo(bar)
    bar.due_from.setDate(QDate(2026, 8, 10))
    bar.due_to.setDate(QDate(2026, 8, 31))
    assert titles(page) == {"Call bell audit"}
    bar.due.setCurrentIndex(0)
    bar.search.setText("quiet")
    qtbot.waitUntil(lambda: titles(page) == {"Quiet hour after lunch"}, timeout=2000)


def test_table_sorts_by_due_date_with_undated_last(qtbot, page):
    page.show_view(TABLE)
    page.table.sortByColumn(ActionsModel.DUE, Qt.SortOrder.AscendingOrder)
    order = [page.proxy.action_at(r).title for r in range(page.proxy.rowCount())]
    assert order[:2] == ["Falls signage", "Call bell audit"]
    page.table.sortByColumn(ActionsModel.TITLE, Qt.SortOrder.AscendingOrder)
    assert page.proxy.action_at(0).title == "Call bell audit"


def test_the_table_opens_on_open_actions_not_ones_done_years_ago(qtbot, ctx, ward):
    done = ctx.app.actions.create_action(
        title="Old poster campaign", owner_text="Matron", due_on="2023-05-01"
    )
    ctx.app.actions.change_status(
        done.id, status="done", expected_version=done.version, note="Posters up"
    )
    page = open_page(qtbot, ctx)
    page.refresh()
    page.show_view(TABLE)
    order = [page.proxy.action_at(r) for r in range(page.proxy.rowCount())]
    assert order[0].title == "Falls signage"  # open, most overdue first
    assert order[-1].title == "Old poster campaign"  # done years ago: last
    assert all(a.status.is_open for a in order[:-1])


def test_changes_update_only_the_named_actions(qtbot, page, ctx, monkeypatch):
    reloads = []
    monkeypatch.setattr(page.model, "set_rows", lambda *a, **k: reloads.append(a))
    created = ctx.app.actions.create_action(title="Hand gel at every door")
    assert page.model.action(created.id) is not None
    assert reloads == []
    assert page.board.columns[ActionStatus.PLANNED].proxy.row_of(created.id) is not None


def test_summary_says_what_is_moving_and_stuck(qtbot, page):
    assert page.summary.text() == (
        "4 open  ·  2 overdue  ·  2 with no progress for 30 days  ·  1 idea waiting"
    )


def test_csv_export_of_the_filtered_list_is_safe(qtbot, page, ctx, tmp_path, monkeypatch):
    ctx.app.actions.create_action(title='=HYPERLINK("x")', detail="@SUM(1)")
    target = tmp_path / "actions"
    monkeypatch.setattr(
        actions_page.CsvFileChooser, "ask", classmethod(lambda cls, parent, **_: str(target))
    )
    page.filters.search.setText("hyperlink")
    page.apply_filters()
    saved = page.export_csv()
    assert saved == tmp_path / "actions.csv"
    with open(saved, encoding="utf-8-sig", newline="") as handle:
        found = list(csv.reader(handle))
    assert len(found) == 2
    assert found[1][0] == '\'=HYPERLINK("x")' and found[1][1] == "'@SUM(1)"


def test_the_wards_stale_days_decides_what_has_stalled(qtbot, app, page):
    def stalled() -> set[str]:
        page.show_view(TABLE)
        page.proxy.set_filter(ActionFilter(stale=True))
        return {page.proxy.action_at(r).title for r in range(page.proxy.rowCount())}

    # 35 days without progress: stalled under the default 30, not under 40.
    assert stalled() == {"Falls signage", "Pharmacy round times"}
    assert page.filters.stale.text() == "No progress for 30 days"
    app.preferences.set("stale_days", 40)
    page.refresh()
    assert stalled() == set()
    assert page.filters.stale.text() == "No progress for 40 days"
