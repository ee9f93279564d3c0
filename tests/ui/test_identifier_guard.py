"""The reusable identifier guard: highlights in each kind of text widget, the
plain explanation, Edit or Save anyway, and never a matched number in a log."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QTextEdit

from huddle.config import SettingsError
from ui import identifier_guard
from ui.identifier_guard import (
    FieldMatch,
    IdentifierWarning,
    TextFieldGuard,
    confirm_no_identifiers,
    explanation,
    highlighted_spans,
)

VALID = "999 000 0018"  # never issued: the 999 range is for testing
WRONG_CHECK_DIGIT = "999 000 0019"


class Answers(list):  # a list that can carry the answer the patched dialog gives
    answer = False


@pytest.fixture
def answering(monkeypatch: pytest.MonkeyPatch) -> Answers:
    said = Answers()

    def ask(cls, parent, *, text: str) -> bool:  # type: ignore[no-untyped-def]
        said.append(text)
        return said.answer

    monkeypatch.setattr(IdentifierWarning, "ask", classmethod(ask))
    return said


def test_a_valid_nhs_number_is_highlighted_in_each_kind_of_widget(qtbot) -> None:  # type: ignore[no-untyped-def]
    line, plain, rich = QLineEdit(), QPlainTextEdit(), QTextEdit()
    for widget in (line, plain, rich):
        qtbot.addWidget(widget)
    line.setText(f"ref {VALID}")
    plain.setPlainText(f"Seen at 10:00, number {VALID} on the notes")
    rich.setPlainText(f"{VALID}")
    found = TextFieldGuard({"a": line, "b": plain, "c": rich}).scan()
    assert [m.field for m in found] == ["a", "b", "c"]
    assert highlighted_spans(line) == [(4, 16)]
    assert highlighted_spans(plain) == [(22, 34)]
    assert highlighted_spans(rich) == [(0, 12)]
    assert all(m.masked == "*** *** ****" for m in found)

    plain.setPlainText("nothing here now")  # editing clears the highlight
    line.setText("nothing here")
    assert highlighted_spans(plain) == [] and highlighted_spans(line) == []


def test_positions_count_as_qt_does_after_an_emoji(qtbot) -> None:  # type: ignore[no-untyped-def]
    plain = QPlainTextEdit()
    qtbot.addWidget(plain)
    plain.setPlainText(f"👍 {VALID}")  # the emoji is two UTF-16 code units
    TextFieldGuard({"x": plain}).scan()
    assert highlighted_spans(plain) == [(3, 15)]


def test_other_extra_selections_are_kept(qtbot) -> None:  # type: ignore[no-untyped-def]
    plain = QPlainTextEdit()
    qtbot.addWidget(plain)
    plain.setPlainText(f"x {VALID}")
    other = QTextEdit.ExtraSelection()
    other.cursor = plain.textCursor()
    plain.setExtraSelections([other])
    TextFieldGuard({"x": plain}).scan()
    assert len(plain.extraSelections()) == 2
    plain.setPlainText("clean")
    assert len(plain.extraSelections()) == 1


def test_nothing_found_goes_ahead_without_asking(qtbot, answering: Answers) -> None:  # type: ignore[no-untyped-def]
    line = QLineEdit(f"stock code {WRONG_CHECK_DIGIT}, ward extension 4521, 06/08/2026")
    qtbot.addWidget(line)
    assert confirm_no_identifiers(None, {"title": line}) is True
    assert answering == [] and highlighted_spans(line) == []


def test_edit_stops_the_save_and_save_anyway_lets_it_through(qtbot, answering: Answers) -> None:  # type: ignore[no-untyped-def]
    plain = QPlainTextEdit(f"Bed 4, {VALID}")
    qtbot.addWidget(plain)
    labels = {"what_happened": "What happened?"}
    assert confirm_no_identifiers(None, {"what_happened": plain}, labels=labels) is False
    assert answering[0].startswith(
        "This looks like an NHS number (*** *** ****). "
        "Patient-identifiable information must not be stored here."
    )
    assert "save anyway" in answering[0] and "“What happened?”" in answering[0]
    assert VALID not in answering[0] and "0018" not in answering[0]
    assert highlighted_spans(plain) == [(7, 19)]
    answering.answer = True
    assert confirm_no_identifiers(None, {"what_happened": plain}, labels=labels) is True


def test_several_matches_are_listed_by_field() -> None:
    matches = [
        FieldMatch("title", "Title", 0, 12, "looks like an NHS number", "*** *** ****"),
        FieldMatch("detail", "Detail", 3, 15, "looks like an NHS number", "999 *** **26"),
    ]
    text = explanation(matches)
    assert "“Title”: looks like an NHS number (*** *** ****)" in text
    assert "“Detail”" in text and "Edit them out" in text


def test_the_dialog_defaults_to_edit(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = IdentifierWarning(None, text="This looks like an NHS number (*** *** ****).")
    qtbot.addWidget(dialog)
    assert dialog.edit_button.isDefault()
    assert dialog.windowTitle() == "Possible patient identifier"
    dialog.anyway_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_matched_text_is_never_logged(qtbot, answering: Answers, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    plain = QPlainTextEdit(f"number {VALID}")
    qtbot.addWidget(plain)
    confirm_no_identifiers(None, {"x": plain})
    assert VALID not in caplog.text and "0018" not in caplog.text


def test_the_machine_guard_uses_the_core_detector() -> None:
    guard = identifier_guard.machine_guard()
    assert [m.masked for m in guard.find(f"a {VALID} b")] == ["*** *** ****"]
    assert guard.find(WRONG_CHECK_DIGIT) == []


def test_the_machine_settings_add_patterns(
    monkeypatch: pytest.MonkeyPatch,
    qtbot,  # type: ignore[no-untyped-def]
    answering: Answers,
) -> None:
    monkeypatch.setenv(
        "HUDDLE_ID_PATTERNS", r"hospital_number | looks like a hospital number | \bRX\d{7}\b"
    )
    line = QLineEdit("Transfer for RX1234567 tomorrow")
    qtbot.addWidget(line)
    assert confirm_no_identifiers(None, {"title": line}, labels={"title": "Title"}) is False
    assert answering[0].startswith("This looks like a hospital number (*********).")


def test_unreadable_machine_patterns_are_an_error_never_a_quiet_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # issue 14: a malformed extra pattern used to make the checks skip it silently
    monkeypatch.setenv("HUDDLE_ID_PATTERNS", "not a pattern line")
    with pytest.raises(SettingsError, match="identifier_patterns setting .* is wrong: "):
        identifier_guard.machine_guard()
