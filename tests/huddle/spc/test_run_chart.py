"""IHI run charts: median, shifts, trends, runs and the published table of limits."""

from __future__ import annotations

import math

import pytest

from huddle.errors import ValidationError
from huddle.spc import PUBLISHED_RUNS_LIMITS, RunChart, run_chart, runs_limits
from huddle.spc.run_chart import swed_eisenhart_limits


def flagged(chart: RunChart, rule: str) -> list[int]:
    return [i for i, p in enumerate(chart.points) if rule in p.rules]


def test_median_useful_observations_and_runs() -> None:
    chart = run_chart([1, 2, 3, 4, 5])
    assert chart.median == 3
    assert chart.useful == 4  # the 3 sits on the median
    assert chart.runs == 2
    assert chart.runs_range is None  # fewer than 10 useful observations


def test_points_on_the_median_neither_count_nor_break_runs() -> None:
    chart = run_chart([1, 5, 9, 5, 9, 5, 1, 5, 9], baseline=3)
    assert chart.median == 5
    assert chart.useful == 5
    assert chart.runs == 4  # 1 | 9 9 | 1 | 9


def test_a_fixed_baseline_takes_the_median_of_the_first_points() -> None:
    chart = run_chart([1, 2, 3, 100, 100, 100], baseline=3)
    assert chart.median == 2
    assert chart.baseline_size == 3


def test_shift_of_six_skips_points_on_the_median() -> None:
    # Baseline 10, 0, 10, 0: median 5, and the series reaches the test below it.
    chart = run_chart([10, 0, 10, 0, 6, 6, 5, 6, 6, 6, 6], baseline=4)
    assert flagged(chart, "shift") == [4, 5, 7, 8, 9, 10]
    assert "shift" in chart.signals


def test_five_on_one_side_with_a_point_on_the_median_is_not_a_shift() -> None:
    chart = run_chart([10, 0, 10, 0, 6, 6, 5, 6, 6, 6, 4], baseline=4)
    assert flagged(chart, "shift") == []
    assert "shift" not in chart.signals


def test_trend_of_five_skips_a_repeated_value() -> None:
    chart = run_chart([1, 2, 2, 3, 4, 5])
    assert flagged(chart, "trend") == [0, 1, 2, 3, 4, 5]
    assert "trend" in chart.signals


def test_four_distinct_rising_values_with_a_repeat_are_not_a_trend() -> None:
    assert flagged(run_chart([1, 2, 2, 3, 4, 3]), "trend") == []


def test_falling_trend_and_a_break_in_direction() -> None:
    chart = run_chart([9, 8, 7, 6, 5, 6, 5, 4, 3])
    assert flagged(chart, "trend") == [0, 1, 2, 3, 4]


def test_too_few_runs() -> None:
    chart = run_chart(list(range(1, 11)))
    assert (chart.useful, chart.runs, chart.runs_range) == (10, 2, (3, 9))
    assert chart.signals == ("trend", "too_few_runs")


def test_too_many_runs() -> None:
    chart = run_chart([1, 9] * 10)
    assert (chart.useful, chart.runs, chart.runs_range) == (20, 20, (6, 16))
    assert chart.signals == ("too_many_runs",)


def test_runs_inside_the_range_give_no_signal() -> None:
    chart = run_chart([1, 9, 9, 1, 1, 9, 9, 1, 1, 9, 9, 1])
    assert chart.runs == 7 and chart.runs_range == (3, 11)
    assert chart.signals == ()


@pytest.mark.parametrize(
    ("useful", "limits"),
    # IHI's run chart course reproduces the first rows of the published table.
    [(10, (3, 9)), (11, (3, 10)), (12, (3, 11)), (13, (4, 11)), (14, (4, 12)), (15, (5, 12))],
)
def test_published_table_first_rows(useful: int, limits: tuple[int, int]) -> None:
    assert runs_limits(useful) == limits


def test_no_runs_test_below_ten_useful_observations() -> None:
    assert runs_limits(9) is None
    assert runs_limits(0) is None


def _exact_critical_values(useful: int) -> tuple[int, int]:
    """Swed & Eisenhart with integer arithmetic: an independent check of the table."""
    m, n = useful // 2, useful - useful // 2

    def ways(r: int) -> int:
        k = r // 2
        if r % 2 == 0:
            return 2 * math.comb(m - 1, k - 1) * math.comb(n - 1, k - 1)
        return math.comb(m - 1, k - 1) * math.comb(n - 1, k) + math.comb(m - 1, k) * math.comb(
            n - 1, k - 1
        )

    total = math.comb(useful, m)
    cumulative = [0]
    for r in range(2, useful + 1):
        cumulative.append(cumulative[-1] + ways(r))
    lower = max(r for r in range(1, useful + 1) if cumulative[r - 1] * 20 <= total)
    upper = min(r for r in range(2, useful + 2) if (total - cumulative[r - 2]) * 20 <= total)
    return lower, upper


@pytest.mark.parametrize("useful", range(10, 61, 2))
def test_even_rows_of_the_table_match_the_exact_run_distribution(useful: int) -> None:
    assert PUBLISHED_RUNS_LIMITS[useful] == _exact_critical_values(useful)
    assert swed_eisenhart_limits(useful) == _exact_critical_values(useful)


def test_beyond_the_table_limits_come_from_the_run_distribution() -> None:
    assert runs_limits(61) == swed_eisenhart_limits(61)
    assert runs_limits(100) == _exact_critical_values(100)
    low, high = runs_limits(1000) or (0, 0)
    assert low < 501 < high  # the expected number of runs sits inside


def test_table_is_complete_and_widens_with_more_points() -> None:
    assert sorted(PUBLISHED_RUNS_LIMITS) == list(range(10, 61))
    lows = [PUBLISHED_RUNS_LIMITS[n][0] for n in range(10, 61)]
    highs = [PUBLISHED_RUNS_LIMITS[n][1] for n in range(10, 61)]
    assert lows == sorted(lows) and highs == sorted(highs)


@pytest.mark.parametrize(
    ("values", "baseline", "code"),
    [
        ([1.0], None, "too_few_values"),
        ([1.0, math.inf], None, "not_finite"),
        ([1.0, 2.0], 0, "baseline_too_short"),
    ],
)
def test_bad_input(values: list[float], baseline: int | None, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        run_chart(values, baseline=baseline)
    assert raised.value.problems[0].code == code
