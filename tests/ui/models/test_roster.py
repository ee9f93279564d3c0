"""Every table model passes Qt's QAbstractItemModelTester and sorts by its sort role."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from huddle.domain import SectionKey, SectionPlan
from ui.models.base import SORT_ROLE
from ui.models.roster import PeopleModel, SectionsModel

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def check(model) -> None:
    tester = QAbstractItemModelTester(model, FATAL)
    assert tester is not None
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    QAbstractItemModelTester(proxy, FATAL)
    for column in range(model.columnCount()):
        proxy.sort(column)
        proxy.sort(column, Qt.SortOrder.DescendingOrder)


def test_people_model(app):
    check(PeopleModel(app.setup.people(include_inactive=True)))


def test_sections_model_numbers_rows_in_order():
    plans = [
        SectionPlan(SectionKey.SAFETY, "Safety", 90),
        SectionPlan(SectionKey.SAFETY, "Safety", 90),
    ]
    model = SectionsModel(plans)
    check(model)
    assert [model.data(model.index(r, SectionsModel.ORDER)) for r in range(2)] == ["1", "2"]
    assert model.data(model.index(0, SectionsModel.TIME)) == "1:30"


def test_set_rows_and_empty_models():
    model = PeopleModel()
    check(model)
    assert model.rowCount() == 0
    model.set_rows([])
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
