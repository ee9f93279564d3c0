"""The Measures page: the list with its icons and words, defining and changing a
measure, entering and pasting points, rebasing, archiving and read-only mode."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon
from PySide6.QtTest import QAbstractItemModelTester, QTest

from huddle.domain import ChartKind, Direction, Period
from huddle.services import HuddleApp
from tests.helpers import pages
from ui.measures import points_grid
from ui.measures.icons import MeasureIconsSummary
from ui.measures.list_model import ASSURANCE, LATEST, NAME, VARIATION, MeasureListModel
from ui.measures.measure_dialog import MeasureDialog
from ui.measures.points_grid import DATE, NOTE, VALUE, PointsModel
from ui.measures.rebase_dialog import RebaseDialog
from ui.pages.measures import MeasuresPage

START = date(2026, 1, 5)
FALLS = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 9, 11, 6, 5, 7, 6, 5, 6, 7, 6]
DISPLAY = Qt.ItemDataRole.DisplayRole


def open_page(qtbot, app: HuddleApp, *, read_only: bool = False) -> MeasuresPage:
    return pages.open_page(qtbot, MeasuresPage, pages.ui_context(app, read_only=read_only))


def define_falls(app: HuddleApp, values=FALLS, **options) -> str:
    options = {
        "name": "Inpatient falls",
        "unit": "falls",
        "better": "down",
        "target": 8,
        "period": "week",
        "baseline_points": 12,
        **options,
    }
    measure = app.measures.define_measure(**options)
    app.measures.record_points(
        measure.id, [(START + timedelta(weeks=i), v) for i, v in enumerate(values)]
    )
    return measure.id


@pytest.fixture
def falls_id(app: HuddleApp) -> str:
    define_falls(
        app,
        [94, 95, 93, 96, 92, 95, 94, 96, 93, 95],
        name="Hand hygiene",
        unit="%",
        better="up",
        target=85,
        period="month",
        baseline_points=None,
    )
    return define_falls(app)


def cell(model, row: int, column: int, role=DISPLAY):
    return model.data(model.index(row, column), role)


def row_named(page: MeasuresPage, name: str) -> int:
    return next(i for i, c in enumerate(page.list_model.charts) if c.measure.name == name)


def test_the_list_shows_latest_values_and_labelled_icons(qtbot, app, falls_id) -> None:
    page = open_page(qtbot, app)
    model = page.list_model
    assert [cell(model, r, NAME) for r in range(2)] == ["Hand hygiene", "Inpatient falls"]
    falls = row_named(page, "Inpatient falls")
    # the name beside it already says "falls" (#17: units said once)
    assert cell(model, falls, LATEST) == "6 (18 May)"
    assert cell(model, falls, VARIATION) == "Improvement (low)"
    assert cell(model, falls, ASSURANCE) == "Hit and miss target"
    hygiene = row_named(page, "Hand hygiene")
    assert cell(model, hygiene, LATEST) == "95% (9 Mar)"
    assert cell(model, hygiene, VARIATION) == "Common cause"
    assert cell(model, hygiene, ASSURANCE) == "Consistently passes target"
    icon = cell(model, falls, VARIATION, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert (
        cell(model, falls, VARIATION, Qt.ItemDataRole.ToolTipRole) == "Variation: Improvement (low)"
    )
    # the chosen measure's header says it in words too
    page.select(falls_id)
    assert page.measure_name.text() == "Inpatient falls"
    assert page.variation.text.text() == "Improvement (low)"
    assert page.assurance.accessibleName() == "Assurance: Hit and miss target"
    assert page.chart_view.chart.measure.id == falls_id


def test_icons_summary_names_every_measure(qtbot, app, falls_id) -> None:
    summary = MeasureIconsSummary()
    qtbot.addWidget(summary)
    summary.load(app)
    assert summary.labels() == [
        (
            "Hand hygiene",
            "Hand hygiene, variation: Common cause",
            "Hand hygiene, assurance: Consistently passes target",
        ),
        (
            "Inpatient falls",
            "Inpatient falls, variation: Improvement (low)",
            "Inpatient falls, assurance: Hit and miss target",
        ),
    ]
    assert not summary.grab().isNull()


def test_defining_a_measure_through_the_dialog(qtbot, app, monkeypatch) -> None:
    page = open_page(qtbot, app)
    assert page.measure_name.text() == "No measures yet"
    attempts = []

    def fill_and_save(parent, ctx, measure=None):
        dialog = MeasureDialog(parent, ctx, measure)
        dialog.save_button.click()  # no name yet: the dialog says so and stays open
        attempts.append(dialog.problems.text())
        assert dialog.result() != MeasureDialog.DialogCode.Accepted
        assert dialog.name.property("problem") is True
        QTest.keyClicks(dialog.name, "Pressure ulcers")
        dialog.unit.setText("ulcers")
        dialog.better.setCurrentIndex(dialog.better.findData(Direction.DOWN))
        dialog.target.setText("2")
        dialog.period.setCurrentIndex(dialog.period.findData(Period.MONTH))
        dialog.chart_kind.setCurrentIndex(dialog.chart_kind.findData(ChartKind.RUN))
        dialog.fix_baseline.setChecked(True)
        dialog.baseline.setValue(12)
        dialog.save_button.click()
        return dialog.measure

    monkeypatch.setattr(MeasureDialog, "ask", fill_and_save)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert attempts == ["Please enter the measure's name."]
    [measure] = app.measures.measures()
    assert (
        measure.name,
        measure.unit,
        measure.better,
        measure.target,
        measure.period,
        measure.chart_kind,
        measure.baseline_points,
    ) == ("Pressure ulcers", "ulcers", Direction.DOWN, 2.0, Period.MONTH, ChartKind.RUN, 12)
    assert page.measure_name.text() == "Pressure ulcers"


def test_changing_a_measure_keeps_its_points(qtbot, app, falls_id, monkeypatch) -> None:
    page = open_page(qtbot, app)
    page.select(falls_id)

    def change(parent, ctx, measure=None):
        dialog = MeasureDialog(parent, ctx, measure)
        assert dialog.name.text() == "Inpatient falls" and dialog.target.text() == "8"
        dialog.target.setText("seven")
        dialog.save_button.click()
        assert "number" in dialog.problems.text()
        dialog.target.setText("7")
        dialog.save_button.click()
        return dialog.measure

    monkeypatch.setattr(MeasureDialog, "ask", change)
    page.edit_button.click()
    assert app.measures.measure(falls_id).target == 7.0
    # the heading above ("Inpatient falls") already says the unit (#17: units said once)
    assert "target 7 ·" in page.details.text()
    assert len(page.chart.points) == len(FALLS)


def test_pasting_a_bad_cell_saves_nothing_until_it_is_fixed(qtbot, app) -> None:
    measure = app.measures.define_measure(name="Days without harm", unit="days", period="week")
    page = open_page(qtbot, app)
    text = "Week\tValue\n06/07/2026\t3\n2026-07-13\t1,204\n20 Jul 2026\tabc\n27-Jul-2026\t12.5%\n"
    said = page.grid.paste_text(text)
    assert said.startswith("Left out the heading row ('Week, Value').")
    model = page.points_model
    assert [cell(model, r, DATE) for r in range(4)] == [
        "6 Jul 2026",
        "13 Jul 2026",
        "20 Jul 2026",
        "27 Jul 2026",
    ]
    assert model.problem_rows() == [2]
    page.save_button.click()
    assert app.measures.points(measure.id) == []  # nothing saved
    assert model.problem_rows() == [2]
    assert cell(model, 2, VALUE, Qt.ItemDataRole.BackgroundRole) == QColor(
        points_grid.PROBLEM_BACKGROUND
    )
    assert cell(model, 2, DATE, Qt.ItemDataRole.BackgroundRole) != QColor(
        points_grid.PROBLEM_BACKGROUND
    )
    assert "not a number" in cell(model, 2, VALUE, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(2, Qt.Orientation.Vertical) == "! 3"
    assert page.problems.isVisibleTo(page)
    assert page.problems.text().startswith("Row 3, value:")
    assert page.status.text().startswith("Nothing was saved")
    assert page.grid.currentIndex().row() == 2

    assert model.setData(model.index(2, VALUE), "4")
    assert model.problem_rows() == []
    page.save_button.click()
    saved = app.measures.points(measure.id)
    assert [(p.period_start.isoformat(), p.value) for p in saved] == [
        ("2026-07-06", 3.0),
        ("2026-07-13", 1204.0),
        ("2026-07-20", 4.0),
        ("2026-07-27", 12.5),
    ]
    assert page.status.text() == "Saved 4 points."
    assert not page.problems.isVisibleTo(page)
    assert page.points_model.changed_rows() == []


def test_the_service_names_the_rows_it_refuses(qtbot, app, falls_id) -> None:
    page = open_page(qtbot, app)
    page.select(falls_id)
    model = page.points_model
    spare = len(model.rows) - 1
    model.setData(model.index(spare, DATE), "25/05/2026")
    model.setData(model.index(spare, VALUE), "4")
    model.setData(model.index(spare, NOTE), "x" * 300)  # too long for a note
    page.save_button.click()
    assert model.problem_rows() == [spare]
    assert "too long" in cell(model, spare, NOTE, Qt.ItemDataRole.ToolTipRole)
    assert len(app.measures.points(falls_id)) == len(FALLS)


def test_a_pasted_column_of_values_continues_the_dates(qtbot, app, falls_id) -> None:
    page = open_page(qtbot, app)
    page.select(falls_id)
    QGuiApplication.clipboard().setText("5\n4\n6\n")
    page.grid.setFocus()
    page.grid.setCurrentIndex(page.points_model.index(len(FALLS), VALUE))
    QTest.keySequence(page.grid, "Ctrl+V")
    model = page.points_model
    assert [cell(model, len(FALLS) + i, DATE) for i in range(3)] == [
        "25 May 2026",
        "1 Jun 2026",
        "8 Jun 2026",
    ]
    page.save_button.click()
    assert [p.value for p in app.measures.points(falls_id)][-3:] == [5.0, 4.0, 6.0]
    assert len(page.chart.points) == len(FALLS) + 3


def test_rebase_through_the_dialog_makes_two_segments(qtbot, app, falls_id, monkeypatch) -> None:
    page = open_page(qtbot, app)
    page.select(falls_id)
    assert len(page.chart.xmr.segments) == 1

    def rebase(parent, ctx, chart, suggested_index=None):
        dialog = RebaseDialog(parent, ctx, chart, suggested_index)
        found = dialog.from_point.findData((START + timedelta(weeks=12)).isoformat())
        dialog.from_point.setCurrentIndex(found)
        dialog.save_button.click()  # no reason given: refused, and said
        assert dialog.rebase is None and "why the process changed" in dialog.problems.text()
        QTest.keyClicks(dialog.reason, "Falls bundle adopted after PDSA 1")
        dialog.save_button.click()
        return dialog.rebase

    monkeypatch.setattr(RebaseDialog, "ask", rebase)
    page.rebase_button.click()
    segments = page.chart.xmr.segments
    assert [(s.start, s.stop) for s in segments] == [(0, 12), (12, 20)]
    plan = page.chart_view.drawing_plan()
    assert [line.role for line in plan.lines].count("rebase") == 1
    assert [line.role for line in plan.lines].count("mean") == 2
    assert "Rebased: Falls bundle adopted after…" in [t.text for t in plan.texts]
    assert [t.text for t in plan.texts if t.role == "trial"] == ["Trial limits"]


def test_archiving_takes_a_measure_off_the_list(qtbot, app, falls_id, no_blocking_dialogs):
    page = open_page(qtbot, app)
    page.select(falls_id)
    page.archive_button.click()
    assert no_blocking_dialogs[-1][0] == "confirm"
    assert [c.measure.name for c in page.list_model.charts] == ["Hand hygiene"]
    assert page.measure_name.text() == "Hand hygiene"


def test_read_only_shows_everything_and_changes_nothing(qtbot, app, falls_id) -> None:
    page = open_page(qtbot, app, read_only=True)
    page.select(falls_id)
    assert page.banner.isVisibleTo(page)
    for button in (
        page.new_button,
        page.edit_button,
        page.rebase_button,
        page.archive_button,
        page.save_button,
    ):
        assert not button.isVisibleTo(page)
    model = page.points_model
    assert len(model.rows) == len(FALLS)  # no spare row to type into
    assert not model.flags(model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, VALUE), "3")
    assert page.grid.paste_text("1\n2") == "This is a view-only copy; nothing was pasted."
    page.save_points()
    assert len(app.measures.points(falls_id)) == len(FALLS)
    assert page.chart_view.drawing_plan().points


def test_every_control_has_an_accessible_name(qtbot, app, falls_id) -> None:
    page = open_page(qtbot, app)
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView

    controls = page.findChildren(QAbstractButton) + page.findChildren(QAbstractItemView)
    controls.append(page.chart_view)
    unnamed = [
        w
        for w in controls
        if w.isVisibleTo(page)
        and not w.accessibleName()
        and not isinstance(w.parent(), QAbstractItemView)
    ]
    assert unnamed == []
    assert page.chart_view.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_models_pass_the_model_tester(qtbot, app, falls_id) -> None:
    mode = QAbstractItemModelTester.FailureReportingMode.Fatal
    measures = MeasureListModel()
    testers = [QAbstractItemModelTester(measures, mode)]  # held: it checks while it lives
    measures.set_rows(app.charts.all_charts())
    measures.set_rows([])
    measures.set_rows(app.charts.all_charts())
    assert measures.rowCount(QModelIndex()) == 2

    points = PointsModel()
    testers.append(QAbstractItemModelTester(points, mode))
    chart = app.charts.chart(falls_id)
    points.load(list(chart.points), chart.measure.period, read_only=False)
    points.paste("25/05/2026\t4\n01/06/2026\tabc", 0, 0)
    points.setData(points.index(len(points.rows) - 1, VALUE), "7")
    points.paste("1\n2\n3", len(points.rows) - 1, VALUE)
    points.load([], Period.WEEK, read_only=True)
    assert points.rowCount(QModelIndex()) == 0
    assert len(testers) == 2


def test_the_icons_summary_is_offered_from_the_page(qtbot, app, tmp_path, monkeypatch) -> None:
    """#15: the CSV trusts ask of every SPC tool, as huddle measures --csv prints it."""
    import csv

    from ui.pages import measures as measures_page

    define_falls(app)
    page = open_page(qtbot, app)
    target = tmp_path / "icons"
    monkeypatch.setattr(
        measures_page.IconsSummaryChooser, "ask", classmethod(lambda cls, parent, **_: str(target))
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader((tmp_path / "icons.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["Measure", "Unit"] and rows[0][-2:] == ["Variation", "Assurance"]
    chart = app.charts.all_charts()[0]
    assert rows[1][0] == chart.measure.name
    assert rows[1][-2:] == [chart.verdict.variation_label, chart.verdict.assurance_label]


def test_an_empty_page_offers_the_common_ward_measures_and_nothing_to_act_on(qtbot, app):
    page = open_page(qtbot, app)
    shown = page.host  # the window holding the page
    assert page.starters.isVisibleTo(shown)
    for hidden in (page.edit_button, page.rebase_button, page.archive_button, page.grid):
        assert not hidden.isVisibleTo(shown)  # nothing to change, rebase or fill in yet
    assert not page.table.isVisibleTo(shown)
    assert set(page.starters.buttons) == {"falls", "pressure", "hand_hygiene", "fft"}
    QTest.mouseClick(page.starters.buttons["falls"], Qt.MouseButton.LeftButton)
    (falls,) = app.measures.measures()
    assert falls.name == "Falls per 1,000 bed days" and falls.better is Direction.DOWN
    assert not page.starters.isVisibleTo(shown)
    for now_shown in (page.edit_button, page.rebase_button, page.archive_button, page.grid):
        assert now_shown.isVisibleTo(shown)
    assert page.measure_name.text() == "Falls per 1,000 bed days"


def test_a_view_only_copy_shows_the_starters_it_cannot_use(qtbot, app):
    page = open_page(qtbot, app, read_only=True)
    assert page.starters.isVisibleTo(page.host)
    assert not any(b.isEnabled() for b in page.starters.buttons.values())
    assert not page.grid.isVisibleTo(page.host)
