"""What are we learning: counts by kind and theme, periods, recurring themes."""

from __future__ import annotations

from datetime import date

import pytest

from huddle.domain import LearningKind
from huddle.errors import ValidationError
from huddle.services import HuddleApp
from huddle.services.learning_insights import (
    InsightPeriod,
    LearningInsights,
    RecurringTheme,
    month_start,
    period_bounds,
)

TODAY = date(2026, 8, 6)  # the fixed clock's day


def record(app: HuddleApp, kind: LearningKind, day: date, *themes: str) -> str:
    return app.learning.record_learning(
        kind=kind, title=f"{kind.value} on {day}", occurred_on=day, themes=themes
    ).id


@pytest.fixture
def insights(app: HuddleApp) -> LearningInsights:
    return LearningInsights(app)


def test_period_bounds_are_whole_calendar_months_up_to_today() -> None:
    assert period_bounds(InsightPeriod.THIS_MONTH, TODAY) == (date(2026, 8, 1), TODAY)
    assert period_bounds("last_3_months", TODAY) == (date(2026, 6, 1), TODAY)
    assert period_bounds(InsightPeriod.LAST_12_MONTHS, TODAY) == (date(2025, 9, 1), TODAY)
    assert month_start(date(2026, 1, 31), 1) == date(2025, 12, 1)


def test_counts_by_kind_over_the_period(app: HuddleApp, insights: LearningInsights) -> None:
    record(app, LearningKind.COMPLIMENT, date(2026, 8, 2))
    record(app, LearningKind.COMPLIMENT, date(2026, 8, 5))
    record(app, LearningKind.COMPLAINT, date(2026, 8, 3))
    record(app, LearningKind.INCIDENT, date(2026, 7, 20))
    record(app, LearningKind.NEAR_MISS, date(2025, 1, 1))  # outside every period
    gone = app.learning.record_learning(
        kind=LearningKind.COMPLAINT, title="archived", occurred_on=date(2026, 8, 1)
    )
    app.learning.archive_learning(gone.id, expected_version=gone.version)

    month = insights.summary(period=InsightPeriod.THIS_MONTH)
    assert (month.since, month.until) == (date(2026, 8, 1), TODAY)
    assert month.total == 3
    assert (month.compliments, month.complaints) == (2, 1)
    assert [k.kind for k in month.by_kind] == list(LearningKind)
    assert month.count(LearningKind.INCIDENT) == 0

    quarter = insights.summary(period=InsightPeriod.LAST_3_MONTHS)
    assert quarter.total == 4 and quarter.count(LearningKind.INCIDENT) == 1

    custom = insights.summary(since=date(2026, 7, 1), until=date(2026, 7, 31))
    assert custom.total == 1 and custom.count(LearningKind.INCIDENT) == 1


def test_themes_are_counted_without_regard_to_case(
    app: HuddleApp, insights: LearningInsights
) -> None:
    record(app, LearningKind.INCIDENT, date(2026, 8, 1), "Falls", "Handover")
    record(app, LearningKind.NEAR_MISS, date(2026, 8, 2), "falls")
    record(app, LearningKind.COMPLAINT, date(2026, 8, 3), "Call bells")
    summary = insights.summary(period=InsightPeriod.THIS_MONTH)
    assert [(t.theme.casefold(), t.count) for t in summary.by_theme] == [
        ("falls", 2),
        ("call bells", 1),
        ("handover", 1),
    ]
    assert len(insights.summary(period="this_month", top_themes=1).by_theme) == 1


def test_recurring_themes_show_up_in_three_of_the_last_six_months(
    app: HuddleApp, insights: LearningInsights
) -> None:
    for day in (date(2026, 3, 10), date(2026, 5, 2), date(2026, 8, 1), date(2026, 8, 4)):
        record(app, LearningKind.INCIDENT, day, "Falls")
    for day in (date(2026, 6, 1), date(2026, 7, 1)):  # two months only: not recurring
        record(app, LearningKind.COMPLAINT, day, "Call bells")
    for day in (date(2026, 1, 5), date(2026, 2, 5), date(2026, 7, 5)):  # two inside the window
        record(app, LearningKind.NEAR_MISS, day, "Insulin")

    recurring = insights.summary(period=InsightPeriod.THIS_MONTH).recurring
    assert [t.theme for t in recurring] == ["Falls"]
    falls = recurring[0]
    assert falls.months == tuple(date(2026, m, 1) for m in range(3, 9))
    assert falls.monthly == (1, 0, 1, 0, 0, 2)
    assert falls.months_seen == 3 and falls.total == 4 and falls.trend == "steady"
    assert insights.recurring_themes(minimum=2)[-1].theme in {"Call bells", "Insulin"}


@pytest.mark.parametrize(
    ("monthly", "trend"),
    [
        ((1, 1, 1, 1, 0, 1), "steady"),
        ((0, 0, 1, 2, 2, 1), "rising"),
        ((3, 2, 1, 0, 1, 1), "falling"),
        ((), "steady"),
    ],
)
def test_a_trend_needs_more_than_a_wobble(monthly: tuple[int, ...], trend: str) -> None:
    theme = RecurringTheme("Falls", sum(1 for n in monthly if n), (), monthly)
    assert theme.trend == trend


def test_a_period_that_ends_before_it_starts_is_refused(insights: LearningInsights) -> None:
    with pytest.raises(ValidationError) as raised:
        insights.summary(since=date(2026, 8, 5), until=date(2026, 8, 1))
    assert raised.value.fields == ("since",)


def test_an_empty_log_counts_nothing(insights: LearningInsights) -> None:
    summary = insights.summary(period=InsightPeriod.LAST_12_MONTHS)
    assert summary.total == 0 and summary.by_theme == () and summary.recurring == ()


def test_a_month_still_under_way_is_not_read_as_less_often(
    app: HuddleApp, insights: LearningInsights
) -> None:
    """Two falls a month, steadily, and none yet in the six days of August so far:
    once called "falling" ("less often lately") from the partial month."""
    for month in (3, 4, 5, 6, 7):
        for day in (4, 18):
            record(app, LearningKind.INCIDENT, date(2026, month, day), "Falls")
    (falls,) = insights.recurring_themes()
    assert falls.monthly == (2, 2, 2, 2, 2, 0) and falls.last_month_partial
    assert falls.trend == "steady"
    (whole,) = insights.recurring_themes(until=date(2026, 7, 31))  # July is whole
    assert not whole.last_month_partial


def test_whole_months_still_show_a_real_fall(insights: LearningInsights) -> None:
    months = tuple(date(2026, m, 1) for m in range(3, 9))
    theme = RecurringTheme("Falls", 4, months, (3, 3, 3, 0, 0, 0), last_month_partial=True)
    assert theme.trend == "falling"  # March to July: three, then none
