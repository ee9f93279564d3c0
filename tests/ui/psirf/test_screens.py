"""The PSIRF screens, driven as a person would: a SWARM at the PC, the offer of an
After Action Review when it is too late, the "not yet reported" flag, the pulse
and the touchpoints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from huddle.domain_psirf import ResponseKind, ResponseStatus
from huddle.services import HuddleApp
from huddle.words import PULSE_TOO_FEW
from ui import theme
from ui.psirf.pulse import PulseOffer, PulsePanel
from ui.psirf.response_dialog import ResponseDialog
from ui.psirf.start import ResponseChoice
from ui.psirf.text_answer import TextAnswer
from ui.psirf.touchpoints import TouchpointView
from ui.psirf.unreported import UnreportedFlag
from ui.psirf.unreported_review import UnreportedReview


def _near_miss(app):
    return app.learning.record_learning(kind="near_miss", title="Insulin nearly given twice")


def test_a_swarm_runs_step_by_step_and_ends_in_an_action(qtbot, ctx, app):
    item = _near_miss(app)
    response = app.responses.start_swarm(learning_id=item.id)
    dialog = ResponseDialog(None, ctx=ctx, response=response, item=item)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "left for this step" in dialog.clock_label.text()
    dialog.boxes["happened"].setPlainText("Second dose drawn up after a verbal handover.")
    dialog.next_button.click()  # moving on saves
    assert app.responses.response(response.id).happened.startswith("Second dose")
    dialog.boxes["learning"].setPlainText("Check the chart, not the handover.")
    dialog.step_list.setCurrentRow(len(dialog.steps))  # who is here
    dialog.role_spins["Staff Nurse"].setValue(2)
    dialog.step_list.setCurrentRow(len(dialog.steps) + 1)  # actions
    dialog.action_title.setText("Insulin prompt on the handover sheet")
    dialog.add_button.click()
    assert "Insulin prompt on the handover sheet" in dialog.actions_list.item(0).text()
    dialog.finish_button.click()
    done = app.responses.response(response.id)
    assert done.status is ResponseStatus.FINISHED
    assert done.present == (("Staff Nurse", 2),)
    assert "Check the chart" in app.learning.item(item.id).what_learned


def test_seips_prompts_are_optional_help(qtbot, ctx, app):
    item = app.learning.record_learning(kind="excellence", title="Calm sepsis response")
    response = app.responses.start_review(learning_id=item.id)
    dialog = ResponseDialog(None, ctx=ctx, response=response, item=item)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [s.title for s in dialog.steps][:4] == [
        "What was expected to happen?", "What actually happened?",
        "Why was there a difference?", "What will we do next time?",
    ]  # fmt: skip
    assert not dialog.seips.isVisible()
    dialog.step_list.setCurrentRow(2)
    dialog.seips_toggle.click()
    assert dialog.seips.isVisible() and "Organisation" in dialog.seips.text()


def test_too_late_for_a_swarm_offers_an_aar(qtbot, ctx, app, clock):
    item = _near_miss(app)
    clock.advance(timedelta(hours=30))
    item = app.learning.item(item.id)
    choice = ResponseChoice(None, item=item, swarm_open=app.responses.can_swarm(item))
    qtbot.addWidget(choice)
    texts = [b.text() for b in choice.findChildren(QPushButton)]
    assert "Start After Action Review" in texts
    assert "Start SWARM huddle" not in texts
    assert any("24 hours" in label.text() for label in choice.findChildren(QLabel))
    aar = [b for b in choice.findChildren(QPushButton) if b.text() == "Start After Action Review"]
    aar[0].click()
    assert choice.choice is ResponseKind.AAR


def test_unreported_flag_until_a_reason_is_given(qtbot, ctx, app, monkeypatch):
    item = _near_miss(app)
    host = QWidget()  # inside a page, as on Today and in the huddle
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    flag = UnreportedFlag(ctx)
    layout.addWidget(flag)
    qtbot.addWidget(host)
    host.resize(900, 400)
    host.show()
    assert "1 incident or near miss not yet reported" in flag.heading.text()
    monkeypatch.setattr(
        TextAnswer, "ask",
        classmethod(lambda cls, parent, **kw: "Already reported by pharmacy."),
    )  # fmt: skip
    buttons = {b.text(): b for b in flag.findChildren(QPushButton)}
    buttons["No report needed"].click()
    assert app.responses.exemption_reason(item.id) == "Already reported by pharmacy."
    assert flag.isHidden()


def test_a_reason_given_on_another_pc_meanwhile_is_a_conflict_not_replaced(
    qtbot, ctx, app, monkeypatch, no_blocking_dialogs
):
    """#17: the strip saved its reason whatever was saved since it was shown."""
    item = _near_miss(app)
    flag = UnreportedFlag(ctx)
    qtbot.addWidget(flag)
    with HuddleApp.open(app.path, clock=app.clock, actor="other@ward-pc-2") as other:
        other.responses.mark_not_needed(
            item.id, reason="Already reported by pharmacy.", expected_version=None
        )
    monkeypatch.setattr(TextAnswer, "ask", classmethod(lambda cls, parent, **kw: "Mine."))
    buttons = {b.text(): b for b in flag.findChildren(QPushButton)}
    buttons["No report needed"].click()
    assert app.responses.exemption_reason(item.id) == "Already reported by pharmacy."
    ((kind, shown),) = no_blocking_dialogs
    assert kind == "message" and "added elsewhere since you opened it" in shown["text"]
    assert flag.items == []  # shown again as it now is: nothing left to report


def test_the_compact_flag_says_how_many_and_opens_the_whole_list(qtbot, ctx, app, monkeypatch):
    """Today's flag: one line and one button, so the overdue actions stay in view."""
    _near_miss(app)
    app.learning.record_learning(kind="incident", title="Fall in bay 2, no harm")
    # it counts them (Today reads this at every start), never reads each event
    monkeypatch.setattr(
        type(ctx.app.responses), "unreported", lambda *a, **kw: pytest.fail("read every event")
    )
    flag = UnreportedFlag(ctx, compact=True)
    qtbot.addWidget(flag)
    assert "2 incidents or near misses not yet reported" in flag.heading.text()
    assert flag.items == []
    assert [b.text() for b in flag.findChildren(QPushButton)] == ["Review them"]
    opened = []
    monkeypatch.setattr(
        UnreportedReview, "ask", classmethod(lambda cls, parent, **kw: opened.append(kw))
    )
    flag.review_button.click()
    assert opened == [{"ctx": ctx}]


def test_the_review_lists_each_event_and_closes_when_none_is_left(qtbot, ctx, app, monkeypatch):
    first = _near_miss(app)
    second = app.learning.record_learning(kind="incident", title="Fall in bay 2, no harm")
    review = UnreportedReview(None, ctx=ctx)
    qtbot.addWidget(review)
    today = UnreportedFlag(ctx, compact=True)  # Today's line, behind the dialog
    qtbot.addWidget(today)
    listed = [label.text() for label in review.flag.findChildren(QLabel)]
    assert any(first.title in text for text in listed)
    assert any(second.title in text for text in listed)
    monkeypatch.setattr(TextAnswer, "ask", classmethod(lambda cls, parent, **kw: "W20411"))
    buttons = [b for b in review.flag.findChildren(QPushButton) if b.text() == "Add reference"]
    assert len(buttons) == 2
    buttons[0].click()
    assert review.result() != review.DialogCode.Accepted  # one is left
    assert "1 incident or near miss not yet reported" in today.heading.text()
    remaining = [b for b in review.flag.findChildren(QPushButton) if b.text() == "Add reference"]
    remaining[-1].click()
    assert {app.learning.item(i.id).incident_ref for i in (first, second)} == {"W20411"}
    assert review.result() == review.DialogCode.Accepted
    assert today.isHidden()


def test_pulse_offer_counts_anonymously_and_the_chart_hides_small_weeks(qtbot, ctx, app):
    offer = PulseOffer(ctx, 12)
    qtbot.addWidget(offer)
    offer.buttons[4].click()
    offer.buttons[2].click()
    assert "2 answers this week" in offer.thanks.text()
    assert "Agree" not in offer.thanks.text()  # the answer is not shown back
    # nothing is written while people are still answering: all together as the team moves on
    assert app.pulse.answered_this_week() == 0
    assert offer.flush()
    assert app.pulse.answered_this_week() == 2
    panel = PulsePanel(ctx)
    qtbot.addWidget(panel)
    assert panel.table.item(0, 1).text() == "2"
    assert panel.table.item(0, 2).text() == PULSE_TOO_FEW


def test_touchpoints_show_what_felt_bad(qtbot, ctx, app):
    app.patient_voice.record_touchpoint(stage="night", feeling="negative", emotion="scared",
                                        what_happened="Alarms all night")  # fmt: skip
    app.patient_voice.note_what_matters(text="Sleeping through the night")
    view = TouchpointView(ctx, 12)
    qtbot.addWidget(view)
    assert "Night (felt bad, scared): Alarms all night" in view.latest.text()
    assert "Sleeping through the night" in view.matters.text()


def test_excellence_asks_who_was_excellent(qtbot, ctx, app):
    from ui.psirf.excellence import ExcellenceDialog
    from ui.runner.sections import CelebratePanel

    huddle = app.huddles.start_huddle()
    section = next(s for s in huddle.sections if s.key == "celebrate")
    panel = CelebratePanel(ctx, section, theme.NORMAL)
    qtbot.addWidget(panel)
    dialog = ExcellenceDialog(None, save=panel._record_excellence)
    qtbot.addWidget(dialog)
    dialog.fill(kind="excellence", title="Spotted sepsis early")
    dialog.who.setText("Student nurse on bay 2")
    dialog.accept()
    item = dialog.saved
    assert app.excellence.who(item.id) == "Student nurse on bay 2"
    assert item.huddle_id == huddle.id


def test_swarm_from_the_huddles_safety_section(qtbot, ctx, app, monkeypatch):
    from ui.psirf import start
    from ui.runner.sections import SafetyPanel

    item = _near_miss(app)
    huddle = app.huddles.start_huddle()
    section = next(s for s in huddle.sections if s.key == "safety")
    panel = SafetyPanel(ctx, section, theme.NORMAL)
    qtbot.addWidget(panel)
    assert [i.id for i in panel.unreported.items] == [item.id]  # flagged here too
    asked = []
    monkeypatch.setattr(start.EventPicker, "ask", classmethod(lambda cls, p, items: items[0]))

    def choose(cls, parent, item, swarm_open):
        asked.append(swarm_open)
        return ResponseKind.SWARM

    monkeypatch.setattr(start.ResponseChoice, "ask", classmethod(choose))
    monkeypatch.setattr(
        start.ResponseDialog, "ask", classmethod(lambda cls, p, ctx, response, item: response)
    )
    panel.swarm_button.click()
    assert asked == [True]
    [swarm] = app.responses.responses(learning_id=item.id)
    assert swarm.kind is ResponseKind.SWARM


def test_the_closing_section_offers_the_pulse_on_its_day_only(qtbot, ctx, app, clock):
    from ui.runner.sections import ReflectPanel

    huddle = app.huddles.start_huddle()
    section = next(s for s in huddle.sections if s.key == "reflect")
    panel = ReflectPanel(ctx, section, theme.NORMAL)  # 6 Aug 2026: a Thursday, the default
    qtbot.addWidget(panel)
    assert panel.pulse is not None
    panel.pulse.buttons[5].click()
    assert panel.flush()  # leaving the section (or finishing) saves the answers
    assert app.pulse.answered_this_week() == 1
    app.preferences.set("pulse_weekday", 0)
    other = ReflectPanel(ctx, section, theme.NORMAL)
    qtbot.addWidget(other)
    assert other.pulse is None


def test_touchpoints_redraw_when_a_change_touches_them_and_not_otherwise(qtbot, ctx, app):
    view = TouchpointView(ctx, 12)
    qtbot.addWidget(view)
    assert "Sleeping" not in view.matters.text()
    app.patient_voice.note_what_matters(text="Sleeping through the night")
    assert "Sleeping through the night" in view.matters.text()
    view.matters.setText("drawn by hand")
    app.setup.add_person(display_name="Sam Okafor", role="HCA")  # not what the view shows
    assert view.matters.text() == "drawn by hand"
