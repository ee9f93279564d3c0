"""Exports outside the Reports page check (or mask) identifiers too (issue 14, item 4):
the Actions page's CSV and the audit trail's CSV."""

from __future__ import annotations

import csv

import pytest

from huddle.audit_export import audit_lines, export_audit_csv
from tests.helpers.identifiers import written_before_the_guard
from tests.helpers.pages import open_page
from ui import dialogs
from ui.pages import actions as actions_page

NUMBER = "999 000 0018"  # never issued: the 999 range is for testing


@pytest.fixture
def reopened(ctx):
    """An open action whose closing note (from before it was reopened) holds a number."""
    app = ctx.app
    action = app.actions.create_action(title="Bay 2 mats")
    with written_before_the_guard(app):
        done = app.actions.change_status(
            action.id, status="done", expected_version=1, note=f"Done for {NUMBER}"
        )
    app.actions.change_status(
        action.id, status="in_progress", expected_version=done.version, note="Worn again"
    )
    return action


def test_the_actions_page_csv_refuses_until_saved_anyway(
    qtbot, ctx, reopened, tmp_path, monkeypatch
):
    page = open_page(qtbot, actions_page.ActionsPage, ctx, size=(1600, 950))
    page.refresh()
    target = tmp_path / "actions.csv"
    monkeypatch.setattr(
        actions_page.CsvFileChooser, "ask", classmethod(lambda cls, parent, **_: str(target))
    )
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(
        dialogs.ConfirmDialog,
        "ask",
        classmethod(lambda cls, parent, **kw: asked.append(kw["question"]) or answer[0]),
    )
    monkeypatch.setattr(dialogs.MessageDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert page.export_csv() is None
    assert not target.exists()
    assert "an NHS number in the closing note of the action of 6 Aug 2026" in asked[0]
    assert "0018" not in asked[0] and "999" not in asked[0]
    answer[0] = True
    assert page.export_csv() == target
    with open(target, encoding="utf-8-sig", newline="") as handle:
        assert any(NUMBER in cell for row in csv.reader(handle) for cell in row)


def test_the_audit_csv_and_screen_mask_identifiers_in_before_and_after(app, tmp_path):
    with written_before_the_guard(app):
        item = app.learning.record_learning(kind="near_miss", title=f"Wrong band {NUMBER}")
    app.learning.update_learning(item.id, expected_version=item.version, title="Wrong band")
    out = export_audit_csv(app, tmp_path / "audit.csv")
    text = out.read_text(encoding="utf-8-sig")
    assert NUMBER not in text and "9990000018" not in text
    assert "Wrong band *** *** ****" in text
    shown = " ".join(line.summary for line in audit_lines(app, entity="learning_item"))
    assert NUMBER not in shown and "*** *** ****" in shown
