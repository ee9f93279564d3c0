"""The learning log (Learning): items, themes, search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huddle.clock import FixedClock
from huddle.domain import (
    HarmLevel,
    LearningKind,
)
from huddle.errors import ValidationError
from huddle.services import HuddleApp


def test_learning_item_with_themes_and_no_future_dates(app: HuddleApp) -> None:
    item = app.learning.record_learning(
        kind=LearningKind.INCIDENT,
        title="Fall in bay 4",
        occurred_on="2026-08-05",
        harm="low",
        safety_category="falls",
        themes=["Falls", "falls", "Night shift"],
        what_happened="Found on floor beside bed",
        what_learned="Bed rails check",
    )
    assert item.themes == ("Falls", "Night shift")
    assert item.harm is HarmLevel.LOW
    with pytest.raises(ValidationError) as caught:
        app.learning.record_learning(kind="rumour", title="", occurred_on="2026-08-07")
    assert set(caught.value.fields) == {"kind", "title", "occurred_on"}
    updated = app.learning.update_learning(
        item.id, expected_version=1, themes=["Falls"], what_change="Low beds in bay 4"
    )
    assert updated.themes == ("Falls",) and updated.what_change == "Low beds in bay 4"
    assert app.learning.themes() == ["Falls"]


def test_learning_since_last_huddle(app: HuddleApp, clock: FixedClock) -> None:
    before = app.learning.record_learning(kind="compliment", title="Thank-you card")
    huddle = app.huddles.start_huddle()
    clock.advance(timedelta(minutes=10))
    app.huddles.finish_huddle(huddle.id)
    clock.advance(timedelta(hours=3))
    after = app.learning.record_learning(kind="patient_feedback", title="Noise at night")
    assert [i.id for i in app.learning.since_last_huddle()] == [after.id]
    assert before.id not in {i.id for i in app.learning.since_last_huddle()}


# -- actions -----------------------------------------------------------------------
def test_learning_search_filters_and_full_text(app: HuddleApp) -> None:
    fall = app.learning.record_learning(
        kind="incident",
        title="Fall in bay 4",
        what_happened="Patient slipped reaching for a walking frame at night",
        themes=["Falls"],
        occurred_on="2026-08-01",
    )
    app.learning.record_learning(
        kind="compliment", title="Thank-you card for the night team", occurred_on="2026-07-20"
    )
    app.learning.record_learning(
        kind="near_miss",
        title="Wrong insulin pen collected",
        themes=["Medication"],
        occurred_on="2026-08-03",
    )
    assert [i.id for i in app.learning.search(text="frames")] == [fall.id]  # stemmed
    assert [i.title for i in app.learning.search(text="night")] == [
        "Fall in bay 4",
        "Thank-you card for the night team",
    ]
    assert app.learning.search(text='"unbalanced OR (') == []  # typed syntax is just words
    assert [i.id for i in app.learning.search(theme="falls")] == [fall.id]
    assert len(app.learning.search(since=date(2026, 8, 1))) == 2
    assert len(app.learning.search(kinds=[LearningKind.COMPLIMENT])) == 1
    app.actions.create_action(title="Walking frames within reach", learning_ids=[fall.id])
    assert [i.id for i in app.learning.search(linked=True)] == [fall.id]
    assert len(app.learning.search(linked=False)) == 2
    edited = app.learning.update_learning(fall.id, expected_version=1, title="Fall near the sink")
    assert app.learning.search(text="sink") == [app.learning.item(edited.id)]
