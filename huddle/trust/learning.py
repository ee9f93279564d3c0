"""Learning across wards: the themes several wards met in a period, and the
Learning from Excellence items one ward can pass to the others.

Read from the replicas through each ward's own services (``LearningInsights``
counts a ward's themes exactly as its Learning page does), so "falls: six
wards this month" adds up the wards' own figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import msgspec

from huddle.domain import LearningItem, LearningKind
from huddle.identifier_refusal import place
from huddle.trust.overview import as_of_clock

THEMES_PER_WARD = 50


class SharedTheme(msgspec.Struct, frozen=True):
    theme: str
    wards: tuple[str, ...]  # ward names, in the order given
    items: int  # learning items with the theme, all wards together

    @property
    def ward_count(self) -> int:
        return len(self.wards)


class TrustLearning(msgspec.Struct, frozen=True):
    since: date
    until: date
    themes: tuple[SharedTheme, ...]  # most wards first
    excellence: tuple[tuple[str, LearningItem], ...]  # (ward, item), newest first


def trust_learning(
    replicas: Iterable[Path], *, since: date, until: date, excellence_limit: int = 20
) -> TrustLearning:
    """The themes and excellence across the wards whose replicas are given."""
    from huddle.services import HuddleApp

    by_theme: dict[str, tuple[str, list[str], int]] = {}
    excellence: list[tuple[str, LearningItem]] = []
    for path in replicas:
        if not Path(path).exists():
            continue
        with HuddleApp.open(path, clock=as_of_clock(until), read_only=True) as app:
            if not app.has_ward:
                continue
            ward = app.setup.ward().name
            summary = app.insights.summary(since=since, until=until, top_themes=THEMES_PER_WARD)
            for found in summary.by_theme:
                key = found.theme.casefold()
                spelling, wards, count = by_theme.get(key, (found.theme, [], 0))
                by_theme[key] = (spelling, [*wards, ward], count + found.count)
            for item in app.learning.items(
                kinds=[LearningKind.EXCELLENCE], since=since, until=until
            ):
                excellence.append((ward, item))
    themes = [SharedTheme(t, tuple(w), n) for t, w, n in by_theme.values()]
    themes.sort(key=lambda t: (-t.ward_count, -t.items, t.theme.casefold()))
    excellence.sort(key=lambda e: (e[1].occurred_on, e[0]), reverse=True)
    return TrustLearning(since, until, tuple(themes), tuple(excellence[:excellence_limit]))


def learning_texts(learning: TrustLearning) -> Iterable[tuple[str, str]]:
    """The free text the trust's learning shows, for the identifier check."""
    for theme in learning.themes:
        yield place("learning_theme", "theme"), theme.theme
    for _ward, item in learning.excellence:
        for field in ("title", "what_helped"):
            yield place("learning_item", field, item.occurred_on), getattr(item, field)
