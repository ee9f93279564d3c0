"""Escalating from the ward's screens (the runner, an action, a learning item) through
the real dialog, and Today's open escalations and "You said, we did" (#19)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from huddle.domain_escalations import EscalationSource
from tests.helpers import pages
from ui.escalations import EscalateDialog
from ui.pages.actions import ActionsPage
from ui.pages.huddle_runner import HuddlePage
from ui.pages.learning import LearningPage
from ui.pages.today import TodayPage

LEFT = Qt.MouseButton.LeftButton
REASON = "No bariatric hoist free on the site; two patients need one for every transfer."


@pytest.fixture
def typed(monkeypatch, qtbot):
    """The dialog, as a person fills it: the real widgets, then Save."""
    seen: list[EscalateDialog] = []
    answers = {"tier": "Division", "reason": REASON, "hours": 72}

    def ask(cls, parent, **options):
        dialog = cls(parent, **options)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.fill(**answers)
        QTest.mouseClick(dialog.save_button, LEFT)
        return dialog.saved if dialog.result() else None

    monkeypatch.setattr(EscalateDialog, "ask", classmethod(ask))
    return seen


def test_escalate_from_the_huddles_safety_section_raises_it_on_todays_risks(qtbot, app, typed):
    page = pages.open_page(qtbot, HuddlePage, pages.ui_context(app))
    QTest.mouseClick(page.prompt.start_button, LEFT)
    safety = page.run_view.panels[0]
    assert safety.escalate_button.parent() is safety.quick_row  # beside the other quick-adds
    QTest.mouseClick(safety.escalate_button, LEFT)
    [view] = app.escalations.open_for_ward()
    item = view.escalation
    assert (item.tier, item.reason, item.source_kind) == ("Division", REASON, EscalationSource.RISK)
    assert item.source_id == page.huddle.id
    assert item.answer_by - item.raised_at == timedelta(hours=72)
    assert typed[0].tier.currentText() == "Division"
    assert typed[0].windowTitle() == "Escalate"


def test_the_dialog_keeps_what_was_typed_and_says_what_is_missing(qtbot, app):
    saved = []
    dialog = EscalateDialog(
        None, save=lambda d: saved.append(d) or d, tiers=("Site",), today=app.clock.today()
    )
    qtbot.addWidget(dialog)
    assert not dialog.day.isEnabled()  # a date only when "By a date" is chosen
    dialog.needed.setCurrentIndex(dialog.needed.findData(None))
    assert dialog.day.isEnabled()

    def refuse(draft):
        return app.escalations.raise_escalation(
            tier=draft.tier, reason=draft.reason, answer_by=draft.day
        )

    dialog = EscalateDialog(None, save=refuse, tiers=("Site",), today=app.clock.today())
    qtbot.addWidget(dialog)
    dialog.fill(tier="Site", reason="   ", hours=None)
    QTest.mouseClick(dialog.save_button, LEFT)
    assert "Please enter the reason for escalating." in dialog.problem.text()
    assert app.escalations.open_for_ward() == []


def test_escalate_an_action_and_its_status_line_says_so(qtbot, ctx, app, typed):
    page = pages.open_page(qtbot, ActionsPage, ctx, size=(1600, 950), refresh=False)
    action = app.actions.create_action(title="Hoist for bay 3")
    page.refresh()
    page.open_action(action.id)
    QTest.mouseClick(page.detail.escalate_button, LEFT)
    [view] = app.escalations.for_source("action", action.id)
    assert view.escalation.tier == "Division"
    assert "escalated to Division, under an hour old: answer due in 3 days" in (
        page.detail.status_line.text()
    )


def test_escalate_a_learning_item_from_its_editor(qtbot, ctx, app, typed):
    item = app.learning.record_learning(kind="near_miss", title="Drug fridge alarm failed")
    page = pages.open_page(qtbot, LearningPage, ctx)
    page.editor.load(item)
    QTest.mouseClick(page.editor.escalate_button, LEFT)
    [view] = app.escalations.for_source("learning", item.id)
    assert view.escalation.reason == REASON
    assert "This learning was escalated to Division" in page.editor.links.text()


def test_today_shows_open_escalations_and_you_said_we_did(qtbot, ctx, app, clock):
    page = pages.open_page(qtbot, TodayPage, ctx)
    assert not page.escalations_tile.isVisibleTo(page)  # nothing escalated: no tile
    service = app.escalations
    late = service.raise_escalation(
        tier="Site", reason="Nights two nurses short", answer_by=service.answer_needed_in(24)
    )
    answered = service.raise_escalation(
        tier="Division", reason="Drug fridge failing", answer_by=service.answer_needed_in(72)
    )
    clock.advance(timedelta(hours=53))
    service.answer(escalation_id=answered.id, answer="Sensor replaced by estates", owner="Estates")
    lines = page.escalations_tile.lines()
    assert page.escalations_tile.isVisibleTo(page)
    assert lines == [
        "Site: Nights two nurses short",
        "2 days old · answer overdue by 29 h",  # never shortened: it is what to act on
        "You said, we did",
        "You said: Drug fridge failing",
        "Division (Estates): Sensor replaced by estates",
    ]
    roles = {w.text(): w.property("role") for w in page.escalations_tile.findChildren(QLabel)}
    assert roles["2 days old · answer overdue by 29 h"] == "overdueline"  # red and in words

    page.ctx.board_mode = True
    page.set_board_mode(True)
    assert page.escalations_tile.lines() == [
        "1 open escalation",
        "Oldest: Site: Nights two nurses short",
        "2 days old · answer overdue by 29 h",
    ]
    service.close(escalation_id=late.id, expected_version=late.version)
    assert page.escalations_tile.lines() == [
        "You said, we did",
        "Division (Estates): Sensor replaced by estates",
    ]
