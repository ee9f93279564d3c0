"""What are we learning: the log counted by kind and theme over a period.

:meth:`LearningInsights.summary` answers the questions a ward sister asks of
the log: how much of each kind, which themes, compliments against complaints,
and which themes keep coming back month after month. Periods are whole
calendar months up to today (``this_month``, ``last_3_months``,
``last_12_months``) or any two dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

import msgspec

from huddle.domain import LearningKind
from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.services.validation import whole_number
from huddle.store import learning_insights as insights_q

RECURRING_MONTHS = 6  # look back over this many calendar months ...
RECURRING_MIN = 3  # ... and call a theme recurring when it shows up in this many


class InsightPeriod(StrEnum):
    THIS_MONTH = "this_month"
    LAST_3_MONTHS = "last_3_months"
    LAST_12_MONTHS = "last_12_months"


def month_start(day: date, months_back: int = 0) -> date:
    """The first day of the month ``months_back`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


MAX_MONTHS = 120  # ten years of recurring themes is plenty


def _period(period: InsightPeriod | str) -> InsightPeriod:
    try:
        return InsightPeriod(period)
    except ValueError:
        raise ValidationError.single(
            "period", "choice", "Choose this month, the last 3 months or the last 12 months."
        ) from None


def period_bounds(period: InsightPeriod | str, today: date) -> tuple[date, date]:
    """(first day, today) for a named period; months are whole calendar months."""
    back = {
        InsightPeriod.THIS_MONTH: 0,
        InsightPeriod.LAST_3_MONTHS: 2,
        InsightPeriod.LAST_12_MONTHS: 11,
    }[_period(period)]
    return month_start(today, back), today


class KindCount(msgspec.Struct, frozen=True):
    kind: LearningKind
    count: int


class ThemeCount(msgspec.Struct, frozen=True):
    theme: str
    count: int


class RecurringTheme(msgspec.Struct, frozen=True):
    """A theme seen in ``months_seen`` of the months in ``months`` (oldest first)."""

    theme: str
    months_seen: int
    months: tuple[date, ...]  # first day of each month looked at
    monthly: tuple[int, ...]  # items with the theme in each of those months
    last_month_partial: bool = False  # the last month is still under way

    @property
    def total(self) -> int:
        return sum(self.monthly)

    @property
    def trend(self) -> str:
        """``rising``, ``falling`` or ``steady``: the later half of the whole months
        against the earlier half (a month still under way would read as "less often").
        A change of one item, or of less than half, is called steady: small counts
        wobble."""
        whole = self.monthly[:-1] if self.last_month_partial else self.monthly
        half = len(whole) // 2
        early, late = sum(whole[:half]), sum(whole[len(whole) - half :])
        if late - early >= 2 and late >= 1.5 * early:
            return "rising"
        if early - late >= 2 and early >= 1.5 * late:
            return "falling"
        return "steady"


class LearningSummary(msgspec.Struct, frozen=True):
    since: date
    until: date
    total: int
    by_kind: tuple[KindCount, ...]  # every kind, in the vocabulary's order, zeros included
    by_theme: tuple[ThemeCount, ...]  # most items first
    recurring: tuple[RecurringTheme, ...]  # most months first, then most items

    def count(self, kind: LearningKind) -> int:
        return next((k.count for k in self.by_kind if k.kind is kind), 0)

    @property
    def compliments(self) -> int:
        return self.count(LearningKind.COMPLIMENT)

    @property
    def complaints(self) -> int:
        return self.count(LearningKind.COMPLAINT)


class LearningInsights(Service):
    def summary(
        self,
        *,
        period: InsightPeriod | str | None = None,
        since: date | None = None,
        until: date | None = None,
        top_themes: int = 10,
    ) -> LearningSummary:
        """Counts for a named ``period``, or from ``since`` to ``until`` (inclusive).

        Recurring themes look at the :data:`RECURRING_MONTHS` calendar months
        ending with the period's last month, whatever the period's length.
        """
        today = self.clock.today()
        if period is not None:
            since, until = period_bounds(period, today)
        until = until or today
        since = since or month_start(until)
        if since > until:
            raise ValidationError.single(
                "since", "order", "The first date must be on or before the last date."
            )
        kinds = insights_q.kind_counts(self.store, self.ward_id, since, until)
        by_kind = tuple(KindCount(kind, kinds.get(kind.value, 0)) for kind in LearningKind)
        themes = insights_q.theme_counts(self.store, self.ward_id, since, until)
        return LearningSummary(
            since=since,
            until=until,
            total=sum(kinds.values()),
            by_kind=by_kind,
            by_theme=tuple(ThemeCount(t, n) for t, n in themes[:top_themes]),
            recurring=self.recurring_themes(until=until),
        )

    def recurring_themes(
        self,
        *,
        until: date | None = None,
        months: int = RECURRING_MONTHS,
        minimum: int = RECURRING_MIN,
    ) -> tuple[RecurringTheme, ...]:
        """Themes seen in at least ``minimum`` of the ``months`` months ending with
        ``until``'s month, with their count month by month."""
        until = until or self.clock.today()
        months = whole_number("months", months, minimum=1, maximum=MAX_MONTHS)
        minimum = whole_number("minimum", minimum, minimum=0)
        if until < date(MAX_MONTHS // 12 + 1, 1, 1):
            raise ValidationError.single("until", "range", "Choose a later date.")
        starts = tuple(month_start(until, back) for back in range(months - 1, -1, -1))
        keys = [start.isoformat()[:7] for start in starts]
        spelling: dict[str, str] = {}
        monthly: dict[str, list[int]] = {}
        for theme, month, count in insights_q.theme_months(
            self.store, self.ward_id, starts[0], until
        ):
            key = theme.casefold()
            spelling.setdefault(key, theme)
            monthly.setdefault(key, [0] * months)[keys.index(month)] += count
        partial = (until + timedelta(days=1)).month == until.month  # not its last day
        found = [
            RecurringTheme(
                theme=spelling[key],
                months_seen=sum(1 for n in counts if n),
                months=starts,
                monthly=tuple(counts),
                last_month_partial=partial,
            )
            for key, counts in monthly.items()
        ]
        found = [t for t in found if t.months_seen >= minimum]
        found.sort(key=lambda t: (-t.months_seen, -t.total, t.theme.casefold()))
        return tuple(found)
