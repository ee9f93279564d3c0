"""The Learning page: search and filters, the editor's prompts, the identifier
guard before saving, turning learning into an action, conflicts, read-only
mode and the "What are we learning" counts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtTest import QAbstractItemModelTester, QTest

from huddle.domain import HarmLevel, LearningKind, Origin, SafetyCategory
from huddle.services import HuddleApp
from tests.helpers import pages
from ui.identifier_guard import IdentifierWarning, highlighted_spans
from ui.learning.filters import CUSTOM
from ui.learning.model import LearningListModel
from ui.pages.learning import INSIGHTS_TAB, LearningPage

VALID = "999 000 0018"
WRONG_CHECK_DIGIT = "999 000 0019"
LOG = [  # kind, title, day, themes, what happened
    (
        LearningKind.INCIDENT,
        "Unwitnessed fall in bay 2",
        date(2026, 8, 4),
        ["Falls", "Night shift"],
        "Found on the floor beside the bed; call bell out of reach after a linen change.",
    ),
    (
        LearningKind.NEAR_MISS,
        "Insulin nearly given twice",
        date(2026, 7, 20),
        ["Medication"],
        "Dose signed on paper but not on the e-chart.",
    ),
    (
        LearningKind.COMPLAINT,
        "Ward phone not answered",
        date(2026, 6, 2),
        ["Communication"],
        "Relatives rang for two hours without an answer.",
    ),
    (
        LearningKind.COMPLIMENT,
        "Thank-you card from bay 4",
        date(2026, 8, 1),
        ["Night shift"],
        "Thank you for the tea at four in the morning.",
    ),
    (
        LearningKind.PATIENT_FEEDBACK,
        "Noise at night",
        date(2026, 5, 11),
        ["Sleep"],
        "The bins and the phone woke patients every night.",
    ),
    (
        LearningKind.EXCELLENCE,
        "Swift sepsis response",
        date(2026, 7, 2),
        ["Deterioration"],
        "Our HCA escalated a rising NEWS2 straight away.",
    ),
    (
        LearningKind.OTHER,
        "Mattresses slow to arrive",
        date(2026, 3, 9),
        [],
        "Two pressure-relieving mattresses took a day to arrive.",
    ),
]


def fill(app: HuddleApp) -> dict[str, str]:
    ids = {}
    for kind, title, day, themes, happened in LOG:
        ids[title] = app.learning.record_learning(
            kind=kind, title=title, occurred_on=day, themes=themes, what_happened=happened
        ).id
    return ids


def open_page(qtbot, app: HuddleApp, *, read_only: bool = False) -> LearningPage:
    return pages.open_page(qtbot, LearningPage, pages.ui_context(app, read_only=read_only))


@pytest.fixture
def ids(app: HuddleApp) -> dict[str, str]:
    return fill(app)


@pytest.fixture
def page(qtbot, app: HuddleApp, ids: dict[str, str]) -> LearningPage:  # type: ignore[no-untyped-def]
    return open_page(qtbot, app)


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The identifier warnings shown; the answer is ``warnings_shown.answer`` ("Edit")."""

    class Shown(list):
        answer = False

    shown = Shown()
    monkeypatch.setattr(
        IdentifierWarning,
        "ask",
        classmethod(lambda cls, parent, *, text: shown.append(text) or shown.answer),
    )
    return shown


def titles(page: LearningPage) -> list[str]:
    return [page.proxy.item_at(row).title for row in range(page.proxy.rowCount())]


def choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


# -- the list ---------------------------------------------------------------
def test_the_log_is_newest_first_with_kind_as_a_word_and_an_icon(page: LearningPage) -> None:
    assert titles(page) == [t for _, t, _, _, _ in sorted(LOG, key=lambda e: e[2], reverse=True)]
    index = page.proxy.index(0, LearningListModel.KIND)
    assert index.data() == "Incident"
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert page.count.text().startswith("7 items")


def test_models_pass_the_model_tester(page: LearningPage, app: HuddleApp) -> None:
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(page.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.filters.search.setText("night")
    page.filters.search_now()
    choose(page.filters.kind, LearningKind.COMPLIMENT)
    app.learning.record_learning(kind=LearningKind.COMPLIMENT, title="Night team praised")
    page.model.set_rows([])


def test_searching_filters_the_list_through_full_text_search(page: LearningPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(page.filters.search, "linen")
    qtbot.waitUntil(lambda: titles(page) == ["Unwitnessed fall in bay 2"], timeout=2000)
    assert "matching “linen”" in page.count.text()
    page.filters.search.setText("phone")  # in two items' text
    page.filters.search_now()
    assert set(titles(page)) == {"Ward phone not answered", "Noise at night"}
    page.filters.search.setText("nothing like this")
    page.filters.search_now()
    assert titles(page) == [] and page.count.text().startswith("Nothing matches")


def test_filters_by_kind_theme_dates_and_link(
    page: LearningPage, app: HuddleApp, ids: dict[str, str]
) -> None:
    choose(page.filters.kind, LearningKind.COMPLAINT)
    assert titles(page) == ["Ward phone not answered"]
    choose(page.filters.kind, None)
    choose(page.filters.theme, "Night shift")
    assert titles(page) == ["Unwitnessed fall in bay 2", "Thank-you card from bay 4"]
    choose(page.filters.theme, None)
    choose(page.filters.when, CUSTOM)
    assert page.filters.since.isVisible()
    page.filters.since.setDate(QDate(2026, 7, 1))
    page.filters.until.setDate(QDate(2026, 7, 31))
    assert titles(page) == ["Insulin nearly given twice", "Swift sepsis response"]
    choose(page.filters.when, 30)
    assert titles(page) == [
        "Unwitnessed fall in bay 2",
        "Thank-you card from bay 4",
        "Insulin nearly given twice",
    ]
    choose(page.filters.when, None)
    app.actions.create_action(title="Night-time noise", learning_ids=[ids["Noise at night"]])
    choose(page.filters.linked, True)
    assert titles(page) == ["Noise at night"]
    choose(page.filters.linked, False)
    assert len(titles(page)) == 6 and "Noise at night" not in titles(page)


# -- the editor -------------------------------------------------------------
def test_the_prompts_change_with_the_kind(page: LearningPage) -> None:
    editor = page.editor
    page.new_item()
    choose(editor.kind, LearningKind.INCIDENT)
    assert list(editor.visible_prompts().values()) == [
        "What happened? (describe events, not people)",
        "What helped or got in the way?",
        "What did we learn?",
        "What will we change?",
    ]
    assert editor.safety_box.isVisibleTo(editor) and editor.harm.isVisibleTo(editor)
    choose(editor.kind, LearningKind.EXCELLENCE)
    assert list(editor.visible_prompts().values()) == [
        "Who did what well?",
        "Why did it matter?",
        "What can we learn from it?",
    ]
    assert not editor.safety_box.isVisibleTo(editor)
    choose(editor.kind, LearningKind.COMPLAINT)
    assert list(editor.visible_prompts().values()) == [
        "What did the patient or family tell us?",
        "What will we do?",
    ]
    choose(editor.kind, LearningKind.NEAR_MISS)
    assert editor.safety_box.isVisibleTo(editor) and not editor.harm.isVisibleTo(editor)
    # A field the new kind does not ask about stays visible while it holds text.
    editor.texts["what_helped"].setPlainText("The two-person check")
    choose(editor.kind, LearningKind.COMPLIMENT)
    assert "what_helped" in editor.visible_prompts()


def test_recording_new_learning_with_themes(page: LearningPage, app: HuddleApp) -> None:
    editor = page.editor
    page.new_item()
    choose(editor.kind, LearningKind.INCIDENT)
    editor.title.setText("Cannula site infection")
    editor.texts["what_happened"].setPlainText("Phlebitis found on a cannula left in four days.")
    editor.texts["what_change"].setPlainText("VIP score every shift.")
    choose(editor.category, SafetyCategory.INFECTION)
    choose(editor.harm, HarmLevel.LOW)
    editor.incident_ref.setText("W104620")
    editor.themes.entry.setText("infection")  # typed (no completer popup offscreen)
    QTest.keyClick(editor.themes.entry, Qt.Key.Key_Return)
    editor.themes.entry.setText("falls")  # typed, not yet added: kept, in the ward's spelling
    editor.save_button.click()
    saved = app.learning.search(text="phlebitis")
    assert len(saved) == 1
    item = saved[0]
    assert (item.kind, item.harm, item.safety_category, item.incident_ref) == (
        LearningKind.INCIDENT,
        HarmLevel.LOW,
        SafetyCategory.INFECTION,
        "W104620",
    )
    assert item.themes == ("falls", "infection")
    assert titles(page)[0] == "Cannula site infection"
    assert page.proxy.item_at(page.table.currentIndex().row()).id == item.id
    assert editor.themes.chip_texts() == ["falls", "infection"]


def test_a_valid_nhs_number_is_highlighted_and_edit_saves_nothing(
    page: LearningPage, app: HuddleApp, ids: dict[str, str], warnings_shown
) -> None:  # type: ignore[no-untyped-def]
    page.select(ids["Noise at night"])
    editor = page.editor
    box = editor.texts["what_happened"]
    box.setPlainText(f"Raised by the patient with number {VALID} on the board.")
    editor.save_button.click()
    assert len(warnings_shown) == 1
    assert warnings_shown[0].startswith("This looks like an NHS number (*** *** ****).")
    assert "“What did the patient or family tell us?”" in warnings_shown[0]
    assert highlighted_spans(box) == [(34, 46)]
    assert app.learning.item(ids["Noise at night"]).version == 1  # nothing saved
    assert "Not saved" in editor.status.text()

    warnings_shown.answer = True  # "Save anyway": it is not an identifier
    editor.save_button.click()
    assert VALID in app.learning.item(ids["Noise at night"]).what_happened


def test_a_number_with_a_wrong_check_digit_saves_without_a_warning(
    page: LearningPage, app: HuddleApp, warnings_shown
) -> None:  # type: ignore[no-untyped-def]
    page.new_item()
    page.editor.title.setText(f"Stock code {WRONG_CHECK_DIGIT} out of stock")
    page.editor.save_button.click()
    assert warnings_shown == []
    assert app.learning.search(text="stock")[0].title.endswith("out of stock")


def test_the_guard_covers_the_title_and_incident_reference(
    page: LearningPage,
    warnings_shown,  # type: ignore[no-untyped-def]
    app: HuddleApp,
) -> None:
    page.new_item()
    choose(page.editor.kind, LearningKind.INCIDENT)
    page.editor.title.setText("Fall")
    page.editor.incident_ref.setText(VALID)
    page.editor.save_button.click()
    assert "“Incident system reference”" in warnings_shown[0]
    assert highlighted_spans(page.editor.incident_ref) == [(0, 12)]
    assert app.learning.search(text="fall", kinds=[LearningKind.INCIDENT])[0].title != "Fall"


def test_turn_into_an_action_links_both_ways(
    page: LearningPage,
    app: HuddleApp,  # type: ignore[no-untyped-def]
    ids: dict[str, str],
    no_blocking_dialogs,
) -> None:
    created = []
    page.action_created.connect(created.append)
    page.select(ids["Unwitnessed fall in bay 2"])
    page.editor.texts["what_change"].setPlainText("Check call bells after every linen change.")
    page.editor.action_button.click()  # saves the change first, then acts
    action = created[0]
    assert action.origin is Origin.LEARNING
    assert action.title == "Unwitnessed fall in bay 2"
    assert action.detail == "Check call bells after every linen change."
    item = app.learning.item(ids["Unwitnessed fall in bay 2"])
    assert item.action_ids == (action.id,)
    assert app.actions.action(action.id).learning_ids == (item.id,)
    assert item.what_change == "Check call bells after every linen change."
    name, options = no_blocking_dialogs[-1]
    assert name == "message" and "“Unwitnessed fall in bay 2”" in options["text"]
    assert "Actions from this learning" in page.editor.links.text()
    assert page.proxy.item_at(0).action_ids == (action.id,)


def test_a_conflict_keeps_the_typing_and_explains(
    page: LearningPage, app: HuddleApp, ids: dict[str, str]
) -> None:
    page.select(ids["Swift sepsis response"])
    editor = page.editor
    editor.texts["what_learned"].setPlainText("Say something early.")
    other = app.learning.item(ids["Swift sepsis response"])
    app.learning.update_learning(other.id, expected_version=other.version, title="Changed")
    editor.save_button.click()
    assert editor.conflict_box.isVisibleTo(editor)
    assert "Your typing is still here" in editor.conflict.text()
    assert editor.texts["what_learned"].toPlainText() == "Say something early."
    editor.keep_mine.click()
    saved = app.learning.item(other.id)
    assert saved.what_learned == "Say something early." and saved.title == "Swift sepsis response"
    assert not editor.conflict_box.isVisibleTo(editor)


def test_leaving_unsaved_changes_asks_first(
    page: LearningPage,
    ids: dict[str, str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.dialogs import ConfirmDialog

    answers = [False]
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, p, **o: answers[0]))
    page.select(ids["Noise at night"])
    page.editor.title.setText("Noise at night (edited)")
    page.select(ids["Swift sepsis response"])
    assert page.editor.title.text() == "Noise at night (edited)"  # kept editing
    answers[0] = True
    page.select(ids["Swift sepsis response"])
    assert page.editor.title.text() == "Swift sepsis response"


def test_read_only_mode_disables_editing(qtbot, app: HuddleApp, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app, read_only=True)
    page.select(ids["Noise at night"])
    editor = page.editor
    assert editor.title.isReadOnly() and editor.texts["what_happened"].isReadOnly()
    assert not editor.kind.isEnabled() and not page.new_button.isEnabled()
    assert not editor.save_button.isVisibleTo(editor)
    assert not editor.action_button.isVisibleTo(editor)
    assert editor.save() is None


# -- what are we learning ---------------------------------------------------
def test_the_insights_view_counts_by_kind_and_theme(page: LearningPage, app: HuddleApp) -> None:
    app.learning.record_learning(
        kind=LearningKind.COMPLIMENT,
        title="Card from a family",
        occurred_on=date(2026, 7, 30),
        themes=["night shift"],
    )
    page.tabs.setCurrentIndex(INSIGHTS_TAB)
    view = page.insights
    choose(view.period, "last_3_months")  # 1 Jun to 6 Aug 2026
    bars = {bar.label: bar.value for bar in view.by_kind.bars()}
    assert bars == {
        "Incident": 1,
        "Near miss": 1,
        "Complaint": 1,
        "Compliment": 2,
        "Patient feedback": 0,
        "Excellence": 1,
        "Other learning": 0,
    }
    assert [(b.label, b.value) for b in view.balance.bars()] == [
        ("Compliments", 2),
        ("Complaints", 1),
    ]
    assert "2 compliments and 1 complaint" in view.balance_text.text()
    assert view.by_theme.bars()[0].label == "Night shift" and view.by_theme.bars()[0].value == 3
    assert "6 items" in view.range_text.text()
    choose(view.period, None)
    view.since.setDate(QDate(2026, 3, 1))
    view.until.setDate(QDate(2026, 5, 31))
    assert sum(b.value for b in view.by_kind.bars()) == 2
    assert "Other learning: 1" in view.by_kind.accessibleDescription()
