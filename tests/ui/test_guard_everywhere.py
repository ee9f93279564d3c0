"""The patient-identifier guard on every free-text field outside the Learning and
Actions pages (issue 5, item 3): the huddle runner's quick-add dialogs, action
notes and self-saving boxes, the measures dialogs and data grid, the roster,
the agenda and the first-run welcome.

Each area is checked the same way: a valid NHS number from the never-issued
999 range is highlighted, explained and saves nothing until "Save anyway"; the
same digits with a wrong check digit save without a word.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from huddle.domain import ActionStatus, HarmLevel, LearningKind, SectionKey
from tests.ui.pages.test_huddle_runner import keys, open_page, started
from ui.identifier_guard import IdentifierWarning, highlighted_spans
from ui.runner.identifier_strip import warning_text
from ui.runner.quick_add import IdeaDialog, LearningDialog
from ui.self_test import scripted_dialog

LEFT = Qt.MouseButton.LeftButton
VALID = "999 000 0018"  # never issued: the 999 range is for testing
WRONG_CHECK_DIGIT = "999 000 0019"
STRIP_WORDS = (
    "This looks like an NHS number. Patient details must not be recorded here — "
    "edit it out, or choose Save anyway if it is not an identifier."
)


class Warnings(list):
    """The identifier warnings shown; ``answer`` is what the person chose (False: Edit)."""

    answer = False


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> Warnings:
    shown = Warnings()
    monkeypatch.setattr(
        IdentifierWarning,
        "ask",
        classmethod(lambda cls, parent, *, text: shown.append(text) or shown.answer),
    )
    return shown


@pytest.fixture
def page(qtbot, app):
    return open_page(qtbot, app)


# -- the huddle runner: self-saving boxes -------------------------------------
def test_risks_with_an_nhs_number_wait_under_a_strip_until_save_anyway(
    qtbot, app, page, warnings_shown
):
    huddle_id = started(page)
    risks = page.run_view.panels[0].risks
    typed = f"Bay 3: {VALID} at high falls risk"
    QTest.keyClicks(risks.box, typed)
    qtbot.waitUntil(lambda: risks.held, timeout=3000)
    assert risks.strip.isVisibleTo(page)
    assert risks.strip.text.text() == STRIP_WORDS
    assert VALID not in risks.strip.text.text() and "0018" not in risks.status.text()
    assert highlighted_spans(risks.box) == [(7, 19)]
    assert risks.dirty and risks.text() == typed  # nothing typed is lost
    assert app.huddles.huddle(huddle_id).risks_today == ""  # nothing saved
    assert warnings_shown == []  # no dialog over a standing huddle

    QTest.mouseClick(risks.strip.anyway_button, LEFT)
    assert app.huddles.huddle(huddle_id).risks_today == typed
    assert not risks.held and not risks.dirty and risks.strip.isHidden()
    assert highlighted_spans(risks.box) == []

    QTest.keyClicks(risks.box, " (bed 4)")  # the number let through is not asked about again
    qtbot.waitUntil(lambda: not risks.dirty, timeout=3000)
    assert app.huddles.huddle(huddle_id).risks_today == f"{typed} (bed 4)"


def test_notes_edited_clean_save_by_themselves(qtbot, app, page):
    huddle_id = started(page)
    notes = page.run_view.panels[0].notes
    QTest.keyClicks(notes.box, f"Ask about {VALID}")
    qtbot.waitUntil(lambda: notes.held, timeout=3000)
    assert app.huddles.huddle(huddle_id).sections[0].notes == ""
    notes.box.selectAll()
    QTest.keyClicks(notes.box, "Ask about bed rails")
    assert highlighted_spans(notes.box) == []  # the mark goes as soon as it is edited
    qtbot.waitUntil(lambda: not notes.dirty, timeout=3000)
    assert not notes.held and notes.strip.isHidden()
    assert app.huddles.huddle(huddle_id).sections[0].notes == "Ask about bed rails"


def test_a_wrong_check_digit_in_the_notes_saves_normally(qtbot, app, page):
    huddle_id = started(page)
    notes = page.run_view.panels[0].notes
    QTest.keyClicks(notes.box, f"Stock code {WRONG_CHECK_DIGIT}")
    qtbot.waitUntil(lambda: not notes.dirty, timeout=3000)
    assert not notes.held and notes.strip.isHidden()
    assert app.huddles.huddle(huddle_id).sections[0].notes == f"Stock code {WRONG_CHECK_DIGIT}"


def test_finishing_with_held_notes_goes_back_to_them(app, page):
    huddle_id = started(page)
    reflect_index = keys(page).index(SectionKey.REFLECT)
    page.go_to(reflect_index - 1)
    page.run_view.panels[0].notes.box.setPlainText(f"Number {VALID}")
    QTest.mouseClick(page.run_view.finish_button, LEFT)
    assert app.huddles.huddle(huddle_id).status.value == "running"
    assert page.current_index == 0
    assert "patient identifier" in page.run_view.problem.text()
    assert page.run_view.panels[0].notes.text() == f"Number {VALID}"
    QTest.mouseClick(page.run_view.panels[0].notes.strip.anyway_button, LEFT)
    QTest.mouseClick(page.run_view.finish_button, LEFT)
    assert app.huddles.huddle(huddle_id).status.value == "finished"


def test_the_strip_names_other_identifiers_in_plain_words():
    from ui.identifier_guard import FieldMatch

    one = FieldMatch("t", "T", 0, 9, "looks like a hospital number", "R******67")
    nhs = FieldMatch("t", "T", 10, 22, "looks like an NHS number", "*** *** ****")
    assert warning_text([one]).startswith("This looks like a hospital number. Patient details")
    assert warning_text([one, nhs]).startswith("Some of this looks like patient identifiers.")


# -- the huddle runner: quick-add dialogs and action notes --------------------
@pytest.mark.parametrize(
    "button, kind",
    [
        ("safety", LearningKind.INCIDENT),
        ("safety", LearningKind.NEAR_MISS),
        ("celebrate", LearningKind.EXCELLENCE),
        ("ideas_learning", LearningKind.OTHER),
    ],
)
def test_quick_add_learning_is_guarded(app, page, warnings_shown, button, kind):
    huddle_id = started(page)
    by_key = dict(zip(keys(page), page.run_view.panels, strict=True))
    clicked = {
        "safety": lambda: by_key[SectionKey.SAFETY].add_button,
        "celebrate": lambda: by_key[SectionKey.CELEBRATE].add_button,
        "ideas_learning": lambda: by_key[SectionKey.IDEAS].learning_button,
    }[button]()
    dialogs = []

    def fill(dialog):
        dialogs.append(dialog)
        dialog.fill(
            kind=kind,
            title="Two vials side by side",
            what_happened=f"Caught at the check, notes of {VALID}",
            harm=HarmLevel.NONE,
        )

    with scripted_dialog(LearningDialog, fill):
        QTest.mouseClick(clicked, LEFT)
    assert len(warnings_shown) == 1
    assert "“What happened”" in warnings_shown[0] and VALID not in warnings_shown[0]
    assert highlighted_spans(dialogs[0].what_happened) == [(30, 42)]
    assert "highlighted" in dialogs[0].problem.text()
    assert app.huddles.record(huddle_id).learning_raised == ()

    warnings_shown.answer = True
    with scripted_dialog(LearningDialog, fill):
        QTest.mouseClick(clicked, LEFT)
    [item] = app.huddles.record(huddle_id).learning_raised
    assert item.kind is kind and VALID in item.what_happened


def test_quick_add_learning_with_a_wrong_check_digit_saves_without_asking(
    app, page, warnings_shown
):
    huddle_id = started(page)
    with scripted_dialog(
        LearningDialog,
        lambda d: d.fill(kind=LearningKind.NEAR_MISS, title=f"Lot {WRONG_CHECK_DIGIT} recalled"),
    ):
        QTest.mouseClick(page.run_view.panels[0].add_button, LEFT)
    assert warnings_shown == []
    assert [i.title for i in app.huddles.record(huddle_id).learning_raised] == [
        f"Lot {WRONG_CHECK_DIGIT} recalled"
    ]


def test_quick_add_idea_guards_title_detail_and_owner(app, page, warnings_shown):
    huddle_id = started(page)
    ideas = page.run_view.panels[keys(page).index(SectionKey.IDEAS)]
    seen = []

    def fill(dialog):
        seen.append(dialog)
        dialog.fill(
            title="Label the look-alike vials", owner=f"Bed {VALID}", due_on=date(2026, 8, 20)
        )
        dialog.detail.setPlainText(f"see {VALID}")

    with scripted_dialog(IdeaDialog, fill):
        QTest.mouseClick(ideas.idea_button, LEFT)
    assert "“Detail”" in warnings_shown[0] and "“Owner”" in warnings_shown[0]
    assert highlighted_spans(seen[0].detail) == [(4, 16)]
    assert highlighted_spans(seen[0].owner.lineEdit()) == [(4, 16)]
    assert app.huddles.record(huddle_id).actions_agreed == ()

    with scripted_dialog(
        IdeaDialog, lambda d: d.fill(title=f"Reorder stock {WRONG_CHECK_DIGIT}", owner="Chloe R")
    ):
        QTest.mouseClick(ideas.idea_button, LEFT)
    assert len(warnings_shown) == 1
    [idea] = app.huddles.record(huddle_id).actions_agreed
    assert idea.title == f"Reorder stock {WRONG_CHECK_DIGIT}"


def test_an_action_progress_note_is_guarded(app, page, warnings_shown):
    overdue = app.actions.create_action(
        title="Fix the bed alarm",
        owner_text="Estates",
        due_on=app.clock.today() - timedelta(days=2),
    )
    started(page)
    row = page.run_view.panels[keys(page).index(SectionKey.ACTIONS)].rows[overdue.id]
    QTest.keyClicks(row.note, f"Fixed for {VALID}")
    QTest.mouseClick(row.status_buttons[ActionStatus.DONE], LEFT)
    assert "“Progress note”" in warnings_shown[0]
    assert highlighted_spans(row.note) == [(10, 22)]
    assert app.actions.action(overdue.id).status is ActionStatus.PLANNED
    assert app.actions.progress_notes(overdue.id) == []
    warnings_shown.answer = True
    QTest.mouseClick(row.status_buttons[ActionStatus.DONE], LEFT)
    assert app.actions.action(overdue.id).closing_note == f"Fixed for {VALID}"


# -- board mode -------------------------------------------------------------
def test_board_mode_grows_the_runner_and_shrinks_it_back(page):
    started(page)
    view = page.run_view
    person = next(iter(view.attendance.buttons.values()))
    watched = {
        "countdown": view.section_countdown.digits,
        "whole huddle": view.huddle_countdown.digits,
        "section title": view.section_title,
        "name": person,
        "notes": view.panels[0].notes.box,
        "strip": view.panels[0].notes.strip.text,
    }
    before = {name: widget.font().pointSizeF() for name, widget in watched.items()}
    width = view.attendance.width()
    page.ctx.board_mode = True
    page.set_board_mode(True)
    grown = {name: widget.font().pointSizeF() for name, widget in watched.items()}
    for name in watched:
        assert grown[name] > before[name] * 1.15, name
    # the wall shows the head count, not the names: they fold (and open on a tap)
    assert view.attendance.folded and view.attendance.head_count.isVisibleTo(view)
    assert not view.steps_scroller.isVisibleTo(view)  # nor the agenda
    assert (
        view.section_countdown.digits.minimumWidth()
        >= view.section_countdown.digits.fontMetrics().horizontalAdvance("+88:88")
    )
    page.ctx.board_mode = False
    page.set_board_mode(False)
    for name, widget in watched.items():
        assert widget.font().pointSizeF() == pytest.approx(before[name]), name
    assert view.attendance.width() == width  # the page as it was


def test_f11_in_the_window_grows_the_countdown(window):
    page = window.show_page("huddle")
    started(page)
    before = page.run_view.section_countdown.digits.font().pointSizeF()
    window.toggle_board_mode()
    assert page.run_view.section_countdown.digits.font().pointSizeF() > before * 1.15
    window.toggle_board_mode()
    assert page.run_view.section_countdown.digits.font().pointSizeF() == pytest.approx(before)


# -- measures ---------------------------------------------------------------
@pytest.fixture
def measures(qtbot, app):
    from tests.ui.pages.test_measures import open_page as open_measures

    return open_measures(qtbot, app)


@pytest.fixture
def falls(app):
    from tests.ui.pages.test_measures import define_falls

    return define_falls(app)


@pytest.mark.parametrize("field", ["name", "unit", "description"])
def test_the_measure_dialog_guards_name_unit_and_description(
    measures, app, monkeypatch, warnings_shown, field
):
    from ui.measures.measure_dialog import MeasureDialog

    seen = []

    def fill_and_save(parent, ctx, measure=None):
        dialog = MeasureDialog(parent, ctx, measure)
        seen.append(dialog)
        dialog.name.setText("Pressure ulcers")
        dialog.unit.setText("ulcers")
        widget = getattr(dialog, field)
        if field == "description":
            widget.setPlainText(f"From the audit of {VALID}")
        else:
            widget.setText(f"{widget.text()} {VALID}")
        dialog.save_button.click()
        if not warnings_shown.answer:
            assert dialog.result() != MeasureDialog.DialogCode.Accepted
            assert highlighted_spans(widget)
            assert "highlighted" in dialog.problems.text()
        return dialog.measure

    monkeypatch.setattr(MeasureDialog, "ask", fill_and_save)
    measures.new_button.click()
    assert len(warnings_shown) == 1 and VALID not in warnings_shown[0]
    assert app.measures.measures() == []
    warnings_shown.answer = True
    measures.new_button.click()
    [measure] = app.measures.measures()
    assert VALID in (measure.name + measure.unit + measure.description)


def test_a_measure_name_with_a_wrong_check_digit_saves_without_asking(
    measures, app, monkeypatch, warnings_shown
):
    from ui.measures.measure_dialog import MeasureDialog

    def fill_and_save(parent, ctx, measure=None):
        dialog = MeasureDialog(parent, ctx, measure)
        dialog.name.setText(f"Audit {WRONG_CHECK_DIGIT}")
        dialog.save_button.click()
        return dialog.measure

    monkeypatch.setattr(MeasureDialog, "ask", fill_and_save)
    measures.new_button.click()
    assert warnings_shown == []
    assert [m.name for m in app.measures.measures()] == [f"Audit {WRONG_CHECK_DIGIT}"]


def test_a_point_note_is_checked_on_save_and_its_row_pointed_to(
    measures, app, falls, warnings_shown
):
    from ui.measures.points_grid import DATE, NOTE, VALUE

    measures.select(falls)
    model = measures.points_model
    spare = len(model.rows) - 1
    model.setData(model.index(spare, DATE), "25/05/2026")
    model.setData(model.index(spare, VALUE), "4")
    model.setData(model.index(spare, NOTE), f"fall in bay 2, {VALID}")
    measures.save_button.click()
    assert len(warnings_shown) == 1
    assert f"“Row {spare + 1}, note”" in warnings_shown[0] and VALID not in warnings_shown[0]
    assert len(app.measures.points(falls)) == 20  # nothing saved
    assert model.problem_rows() == [spare]
    assert model.headerData(spare, Qt.Orientation.Vertical) == f"! {spare + 1}"
    assert "NHS number" in model.data(model.index(spare, NOTE), Qt.ItemDataRole.ToolTipRole)
    assert measures.problems.text().startswith(f"Row {spare + 1}, note: This looks like")
    assert (measures.grid.currentIndex().row(), measures.grid.currentIndex().column()) == (
        spare,
        NOTE,
    )
    assert "patient identifier" in measures.status.text()

    warnings_shown.answer = True
    measures.save_button.click()
    points = app.measures.points(falls)
    assert len(points) == 21 and VALID in points[-1].note
    assert model.problem_rows() == []


def test_a_point_note_with_a_wrong_check_digit_saves_normally(measures, app, falls, warnings_shown):
    from ui.measures.points_grid import DATE, NOTE, VALUE

    measures.select(falls)
    model = measures.points_model
    spare = len(model.rows) - 1
    model.setData(model.index(spare, DATE), "25/05/2026")
    model.setData(model.index(spare, VALUE), "4")
    model.setData(model.index(spare, NOTE), f"batch {WRONG_CHECK_DIGIT}")
    measures.save_button.click()
    assert warnings_shown == []
    assert app.measures.points(falls)[-1].note == f"batch {WRONG_CHECK_DIGIT}"


def test_editing_a_marked_note_clears_its_mark(measures, app, falls, warnings_shown):
    from ui.measures.points_grid import DATE, NOTE, VALUE

    measures.select(falls)
    model = measures.points_model
    spare = len(model.rows) - 1
    model.setData(model.index(spare, DATE), "25/05/2026")
    model.setData(model.index(spare, VALUE), "4")
    model.setData(model.index(spare, NOTE), VALID)
    measures.save_button.click()
    model.setData(model.index(spare, NOTE), "bay 2")
    assert model.problem_rows() == []
    measures.save_button.click()
    assert len(warnings_shown) == 1
    assert app.measures.points(falls)[-1].note == "bay 2"


def test_the_rebase_reason_is_guarded(measures, app, falls, monkeypatch, warnings_shown):
    from ui.measures.rebase_dialog import RebaseDialog

    def rebase(parent, ctx, chart, suggested_index=None):
        dialog = RebaseDialog(parent, ctx, chart, suggested_index)
        dialog.reason.setText(f"New bundle after review of {VALID}")
        dialog.save_button.click()
        if not warnings_shown.answer:
            assert dialog.rebase is None
            assert highlighted_spans(dialog.reason) == [(27, 39)]
            assert "highlighted" in dialog.problems.text()
        return dialog.rebase

    monkeypatch.setattr(RebaseDialog, "ask", rebase)
    measures.select(falls)
    measures.rebase_button.click()
    assert "“Why the process changed”" in warnings_shown[0]
    assert app.measures.measure(falls) and not measures.chart.rebases
    warnings_shown.answer = True
    measures.rebase_button.click()
    assert [VALID in r.reason for r in measures.chart.rebases] == [True]


# -- settings: roster and agenda --------------------------------------------
@pytest.fixture
def settings(window):
    return window.show_page("settings")


def test_a_roster_name_or_role_is_guarded(settings, app, warnings_shown):
    roster = settings.roster_card
    before = len(app.setup.people(include_inactive=True))
    roster.name.setText("Hana S")
    roster.role.setText(f"Staff Nurse {VALID}")
    QTest.mouseClick(roster.add_button, LEFT)
    assert "“Role”" in warnings_shown[0] and VALID not in warnings_shown[0]
    assert highlighted_spans(roster.role) == [(12, 24)]
    assert "patient identifier" in roster.errors.visible_text()["role"]
    assert len(app.setup.people(include_inactive=True)) == before

    roster.role.setText("Staff Nurse")
    QTest.mouseClick(roster.add_button, LEFT)
    person = next(p for p in app.setup.people() if p.display_name == "Hana S")
    roster.select(person.id)
    roster.name.setText(VALID)
    QTest.mouseClick(roster.save_button, LEFT)
    assert len(warnings_shown) == 2 and "“Name”" in warnings_shown[1]
    assert app.setup.person(person.id).display_name == "Hana S"
    warnings_shown.answer = True
    QTest.mouseClick(roster.save_button, LEFT)
    assert app.setup.person(person.id).display_name == VALID


def test_a_roster_name_with_a_wrong_check_digit_is_added(settings, app, warnings_shown):
    roster = settings.roster_card
    roster.name.setText(f"Agency {WRONG_CHECK_DIGIT}")
    QTest.mouseClick(roster.add_button, LEFT)
    assert warnings_shown == []
    assert f"Agency {WRONG_CHECK_DIGIT}" in {p.display_name for p in app.setup.people()}


def test_an_agenda_section_title_is_guarded(settings, app, warnings_shown):
    agenda = settings.agenda_card
    template = agenda.current_template()
    agenda.title.setText(f"Bed 4: {VALID}")
    QTest.mouseClick(agenda.add_section_button, LEFT)
    assert "“Section title”" in warnings_shown[0]
    assert highlighted_spans(agenda.title) == [(7, 19)]
    assert "patient identifier" in agenda.errors.visible_text()["title"]
    assert agenda.model.rowCount() == len(template.sections)  # not even in the working copy
    agenda.select_row(0)
    agenda.title.setText(f"Safety {VALID}")
    QTest.mouseClick(agenda.update_section_button, LEFT)
    assert agenda.model.sections()[0].title == template.sections[0].title
    QTest.mouseClick(agenda.save_button, LEFT)
    assert app.setup.template(template.id).sections == template.sections

    agenda.select_row(0)
    agenda.title.setText(f"Safety {WRONG_CHECK_DIGIT}")
    QTest.mouseClick(agenda.update_section_button, LEFT)
    assert len(warnings_shown) == 2
    warnings_shown.answer = True
    agenda.title.setText(f"Staffing {VALID}")
    QTest.mouseClick(agenda.add_section_button, LEFT)
    QTest.mouseClick(agenda.save_button, LEFT)
    titles = [s.title for s in app.setup.template(template.id).sections]
    assert titles[0] == f"Safety {WRONG_CHECK_DIGIT}" and titles[-1] == f"Staffing {VALID}"


# -- the first-run welcome ----------------------------------------------------
@pytest.fixture
def welcome_window(qtbot, empty_app, db_path, session_factory):
    from ui.main_window import MainWindow

    shell = MainWindow(session_factory(db_path), open_session=session_factory)
    qtbot.addWidget(shell)
    shell.resize(1400, 900)
    shell.show()
    yield shell
    shell.close_session()


def test_the_welcome_guards_the_ward_and_the_roster(welcome_window, warnings_shown):
    welcome = welcome_window.welcome
    welcome.name.setText("Ward 9")
    welcome.roster.setPlainText(f"Amara K, Ward Sister\n{VALID}, Staff Nurse")
    QTest.mouseClick(welcome.create_button, LEFT)
    assert "“The team”" in warnings_shown[0] and VALID not in warnings_shown[0]
    assert highlighted_spans(welcome.roster) == [(21, 33)]
    assert not welcome.errors["roster"].isHidden()
    assert welcome_window.welcome is welcome
    assert not welcome_window.ctx.app.has_ward

    welcome.roster.setPlainText(f"Amara K, Ward Sister\nBen T, Bank {WRONG_CHECK_DIGIT}")
    QTest.mouseClick(welcome.create_button, LEFT)
    assert len(warnings_shown) == 1
    assert welcome_window.welcome is None
    app = welcome_window.ctx.app
    assert [p.role for p in app.setup.people()] == ["Ward Sister", f"Bank {WRONG_CHECK_DIGIT}"]


def test_save_anyway_sets_up_the_ward(welcome_window, warnings_shown):
    welcome = welcome_window.welcome
    welcome.name.setText(f"Ward {VALID}")
    warnings_shown.answer = True
    QTest.mouseClick(welcome.create_button, LEFT)
    assert "“Ward name”" in warnings_shown[0]
    assert welcome_window.ctx.app.setup.ward().name == f"Ward {VALID}"


def test_the_ward_details_card_is_guarded(qtbot, app, warnings_shown):
    from ui.context import ChangeBus, UiContext
    from ui.pages.settings import WardCard

    card = WardCard(UiContext(app=app, bus=ChangeBus(app)))
    qtbot.addWidget(card)
    card.refresh()
    card.site.setText(f"Patient {VALID}")
    card.save()
    assert len(warnings_shown) == 1 and VALID not in warnings_shown[0]
    assert app.setup.ward().site != f"Patient {VALID}"  # Edit chosen: nothing saved
    card.site.setText(f"Stock code {WRONG_CHECK_DIGIT}")
    card.save()
    assert app.setup.ward().site == f"Stock code {WRONG_CHECK_DIGIT}"
    assert len(warnings_shown) == 1
