"""Moments are stored in UTC and read in UK local time across the BST changes.

Cited by the hazard log (HAZ-10). The process time zone is set to
Europe/London for each test and put back afterwards.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from huddle.reports.layout import fmt_moment
from ui.formatting import clock_time, date_and_time, short_date


@pytest.fixture(autouse=True)
def uk_time() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize(
    ("utc", "screen", "paper"),
    [
        # 29 Mar 2026: clocks go forward at 01:00 UTC
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "29 Mar 2026, 00:59", "29 Mar 2026 00:59"),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29 Mar 2026, 02:00", "29 Mar 2026 02:00"),
        # 25 Oct 2026: clocks go back at 01:00 UTC (01:00-02:00 BST happens once, then GMT)
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "25 Oct 2026, 01:30", "25 Oct 2026 01:30"),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "25 Oct 2026, 01:30", "25 Oct 2026 01:30"),
        (datetime(2026, 10, 25, 2, 0, tzinfo=UTC), "25 Oct 2026, 02:00", "25 Oct 2026 02:00"),
        # winter: UK time is UTC
        (datetime(2026, 12, 6, 15, 5, tzinfo=UTC), "6 Dec 2026, 15:05", "6 Dec 2026 15:05"),
    ],
)
def test_moments_read_in_uk_time_across_the_bst_changes(utc, screen, paper) -> None:
    assert date_and_time(utc) == screen
    assert fmt_moment(utc) == paper


def test_a_late_evening_in_summer_is_still_that_day() -> None:
    # 23:30 UTC on 6 Aug is 00:30 BST on 7 Aug: the screen shows the local day and time
    late = datetime(2026, 8, 6, 23, 30, tzinfo=UTC)
    assert short_date(late) == "7 Aug 2026"
    assert clock_time(late) == "00:30"
    assert fmt_moment(late) == "7 Aug 2026 00:30"
