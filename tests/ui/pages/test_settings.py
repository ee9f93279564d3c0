"""Settings edits reach the database through the services."""

from __future__ import annotations

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from huddle.domain import SectionKey

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def settings(window):
    return window.show_page("settings")


def click(button) -> None:
    QTest.mouseClick(button, LEFT)


def test_rename_the_ward(settings, app, window):
    card = settings.ward_card
    card.name.setText("Ward 7C")
    card.site.setText("St Elsewhere")
    click(card.save_button)
    ward = app.setup.ward()
    assert (ward.name, ward.site) == ("Ward 7C", "St Elsewhere")
    assert window.ward_label.text().startswith("Ward 7C")


def test_a_blank_ward_name_is_shown_beside_the_field(settings, app):
    card = settings.ward_card
    card.name.setText("  ")
    click(card.save_button)
    assert "name" in card.errors.visible_text()
    assert app.setup.ward().name == "Ward 7B"


def test_add_rename_deactivate_and_reactivate_a_person(settings, app):
    roster = settings.roster_card
    roster.name.setText("Hana S")
    roster.role.setText("Staff Nurse")
    click(roster.add_button)
    person = next(p for p in app.setup.people() if p.display_name == "Hana S")
    assert person.role == "Staff Nurse"
    assert roster.selected().id == person.id
    roster.name.setText("Hana Sato")
    roster.role.setText("Charge Nurse")
    click(roster.save_button)
    renamed = app.setup.person(person.id)
    assert (renamed.display_name, renamed.role) == ("Hana Sato", "Charge Nurse")
    roster.select(person.id)
    click(roster.active_button)
    assert not app.setup.person(person.id).active
    assert person.id not in {p.id for p in app.setup.people()}
    roster.select(person.id)
    assert roster.active_button.text() == "Back on the roster"
    click(roster.active_button)
    assert app.setup.person(person.id).active


def test_a_duplicate_name_is_explained_beside_the_field(settings, app):
    roster = settings.roster_card
    roster.name.setText("Ben T")
    click(roster.add_button)
    assert "already on the roster" in roster.errors.visible_text()["display_name"]


def test_edit_reorder_and_save_an_agenda(settings, app):
    agenda = settings.agenda_card
    template = agenda.current_template()
    agenda.select_row(1)
    agenda.title.setText("What patients told us")
    agenda.minutes.setValue(2)
    agenda.seconds.setValue(15)
    click(agenda.update_section_button)
    click(agenda.up_button)
    agenda.title.setText("Staffing")
    agenda.minutes.setValue(1)
    agenda.seconds.setValue(0)
    agenda.key.setCurrentIndex(agenda.key.findData(SectionKey.CUSTOM))
    click(agenda.add_section_button)
    click(agenda.save_button)
    saved = app.setup.template(template.id)
    assert saved.sections[0].title == "What patients told us"
    assert saved.sections[0].seconds == 135
    assert saved.sections[-1].title == "Staffing"
    assert saved.sections[-1].key is SectionKey.CUSTOM
    assert len(saved.sections) == len(template.sections) + 1


def test_make_another_agenda_the_default(settings, app):
    agenda = settings.agenda_card
    weekly = next(t for t in app.setup.templates() if not t.is_default)
    agenda.template_box.setCurrentIndex(agenda.template_box.findData(weekly.id))
    agenda.default_box.setChecked(True)
    click(agenda.save_button)
    assert app.setup.default_template().id == weekly.id


def test_an_empty_agenda_is_refused_beside_the_table(settings, app):
    agenda = settings.agenda_card
    while agenda.model.rowCount():
        agenda.select_row(0)
        click(agenda.remove_button)
    click(agenda.save_button)
    assert "sections" in agenda.errors.visible_text()


def test_backup_folder_and_where_the_data_is(settings, app, db_path, tmp_path, no_blocking_dialogs):
    storage = settings.storage_card
    assert storage.database.text() == str(db_path)
    assert storage.others.text().startswith("Nobody else")
    click(storage.choose_button)
    assert no_blocking_dialogs[-1][0] == "folder"
    storage.backup_folder.setText(str(tmp_path / "backups"))
    click(storage.save_button)
    assert app.preferences.get("backup_folder") == str(tmp_path / "backups")


def test_the_database_path_stays_on_one_line_however_narrow(settings, db_path):
    """It wrapped as "/ tmp/…" and, being one long word, widened the whole page."""
    from ui.elided import ElidedLabel

    storage = settings.storage_card
    path = storage.database
    assert isinstance(path, ElidedLabel) and not path.wordWrap()
    assert path.minimumSizeHint().width() < 100  # a long path never sets the page's width
    assert path.toolTip() == str(db_path)  # the whole path one hover away


def test_the_agenda_picker_never_says_the_same_words_twice(settings, app):
    from huddle.domain import HuddleKind
    from ui.pages.settings_agenda import agenda_label

    agenda = settings.agenda_card
    texts = [agenda.template_box.itemText(i) for i in range(agenda.template_box.count())]
    assert not any("Daily safety huddle — Daily safety huddle" in t for t in texts)
    daily = app.setup.default_template(HuddleKind.DAILY_SAFETY)
    renamed = msgspec.structs.replace(daily, name="Night huddle")
    assert agenda_label(renamed).startswith("Night huddle — Daily safety huddle")


def test_choose_the_focus_harm_today_shows(settings, app, window):
    from huddle.domain import ChartKind
    from huddle.errors import ValidationError

    app.measures.define_measure(name="Pressure ulcers", unit="count")  # not a safety cross
    app.measures.define_measure(
        name="Harm from incidents", unit="days", chart_kind=ChartKind.SAFETY_CROSS
    )
    falls = app.measures.define_measure(
        name="Falls with harm", unit="days", chart_kind=ChartKind.SAFETY_CROSS
    )
    settings.refresh()
    card = settings.learning_card
    offered = [card.focus.itemText(i) for i in range(card.focus.count())]
    assert offered == [
        "The first safety cross (none chosen)",
        "Falls with harm",
        "Harm from incidents",
    ]
    card.focus.setCurrentIndex(card.focus.findData(falls.id))
    click(card.save_button)
    assert app.preferences.get("focus_measure_id") == falls.id
    today = window.show_page("today")
    today.refresh()
    assert today.focus_tile.heading.text() == "Falls with harm"
    with pytest.raises(ValidationError):  # the service, not only the screen, says no
        app.preferences.set("focus_measure_id", "no-such-measure")
