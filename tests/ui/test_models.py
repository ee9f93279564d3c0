"""Every table model passes Qt's QAbstractItemModelTester and sorts by its sort role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from huddle.domain import SectionKey, SectionPlan
from ui.models.base import RECORD_ROLE, SORT_ROLE
from ui.models.records import ActionsModel, HuddlesModel, LearningModel, MeasuresModel
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


@pytest.fixture
def filled(app):
    today = app.clock.today()
    people = app.setup.people()
    app.actions.create_action(
        title="Late one", owner_id=people[0].id, due_on=today - timedelta(days=2)
    )
    app.actions.create_action(title="Soon", owner_text="Night team", due_on=today)
    app.actions.create_action(title="Someday")
    app.learning.record_learning(kind="near_miss", title="Nearly")
    app.learning.record_learning(kind="compliment", title="Thanks", what_learned="Kindness")
    measure = app.measures.define_measure(name="Falls", unit="per 1,000 bed days")
    app.measures.define_measure(name="Empty")
    for week, value in enumerate((3, 4, 2.5)):
        app.measures.record_point(
            measure.id, period_start=today - timedelta(weeks=3 - week), value=value
        )
    huddle = app.huddles.start_huddle()
    app.huddles.finish_huddle(huddle.id)
    return app


def test_actions_model(filled):
    today = filled.clock.today()
    people = {p.id: p.display_name for p in filled.setup.people()}
    model = ActionsModel(filled.actions.actions(), today=today, people=people)
    check(model)
    late = model.row_of(next(a.id for a in model.records() if a.title == "Late one"))
    index = model.index(late, ActionsModel.DUE)
    assert model.data(index).endswith("(overdue)")
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(late, ActionsModel.OWNER)) == "Amara K"
    someday = model.row_of(next(a.id for a in model.records() if a.title == "Someday"))
    assert model.data(model.index(someday, ActionsModel.DUE)) == "No date"
    assert model.data(index, RECORD_ROLE).title == "Late one"


def test_learning_measures_huddles_and_people_models(filled):
    check(LearningModel(filled.learning.items()))
    series = MeasuresModel(filled.measures.latest_series(points=1))
    check(series)
    texts = {series.data(series.index(r, MeasuresModel.LATEST)) for r in range(2)}
    assert "No values yet" in texts
    assert any(t.startswith("2.5 per 1,000 bed days") for t in texts)
    check(
        HuddlesModel(
            filled.huddles.held_between(
                filled.clock.now() - timedelta(days=1), filled.clock.now() + timedelta(days=1)
            )
        )
    )
    check(PeopleModel(filled.setup.people(include_inactive=True)))


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
