"""XmR charts: the Making Data Count rules and their edges, on hand-built series."""

from __future__ import annotations

import pytest

from huddle.errors import ValidationError
from huddle.spc import XmrChart, xmr_chart

# Twelve points alternating 10 / 14: mean 12, every moving range 4, so AMR 4,
# process limits 12 +/- 10.64 and the near-the-limits band 12 +/- 7.093.
# With ``baseline=12`` whatever follows is judged against these lines.
BASE = [10.0, 14.0] * 6


def after_base(*values: float, better: str | None = "up") -> XmrChart:
    return xmr_chart([*BASE, *values], baseline=12, better=better)  # type: ignore[arg-type]


def rules(chart: XmrChart, start: int = 12) -> list[tuple[str, ...]]:
    return [point.rules for point in chart.points[start:]]


def types(chart: XmrChart, start: int = 12) -> list[str]:
    return [point.type for point in chart.points[start:]]


def test_lines_of_the_base_series() -> None:
    chart = after_base()
    assert chart.mean == 12
    assert chart.amr == 4
    assert chart.lpl == pytest.approx(1.36)
    assert chart.upl == pytest.approx(22.64)
    assert chart.near_lower == pytest.approx(12 - 2.66 * 4 * 2 / 3)
    assert chart.near_upper == pytest.approx(12 + 2.66 * 4 * 2 / 3)
    assert all(point.type == "common_cause" for point in chart.points)


def test_nhsr_plotthedots_worked_example() -> None:
    """rnorm(20) with set.seed(123), as in NHSRplotthedots' ptd_spc_standard snapshot."""
    values = [
        -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
        1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
        1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
        1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
    ]  # fmt: skip
    chart = xmr_chart(values)
    assert round(chart.mean, 3) == 0.142
    assert round(chart.lpl, 2) == -3.01
    assert round(chart.upl, 2) == 3.29
    assert {point.type for point in chart.points} == {"common_cause"}


def test_nhsr_plotthedots_two_near_points_on_opposite_sides_are_common_cause() -> None:
    values = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5
    chart = xmr_chart(values)
    assert 5.5 > chart.near_upper and -5.5 < chart.near_lower
    assert [p.type for p in chart.points[-2:]] == ["common_cause", "common_cause"]


# Rule 1: outside the limits -------------------------------------------------


def test_a_point_on_a_limit_is_inside_and_just_beyond_is_outside() -> None:
    upl = after_base().upl
    on = after_base(upl)
    assert rules(on) == [()]
    beyond = after_base(upl + 0.01)
    assert rules(beyond) == [("outside",)]
    assert types(beyond) == ["improvement"]
    below = after_base(after_base().lpl - 0.01)
    assert rules(below) == [("outside",)]
    assert types(below) == ["concern"]


# Rule 2: trend ------------------------------------------------------------------


def test_seven_rising_points_are_all_flagged_and_oriented_by_direction() -> None:
    chart = after_base(11, 11.5, 12.5, 13, 13.5, 14, 14.5)
    assert rules(chart) == [("trend",)] * 7
    # Two of them sit below the mean, yet a rising trend is an improvement here.
    assert types(chart) == ["improvement"] * 7
    assert types(after_base(11, 11.5, 12.5, 13, 13.5, 14, 14.5, better="down")) == ["concern"] * 7


def test_six_rising_points_are_not_a_trend() -> None:
    assert rules(after_base(11, 11.5, 12.5, 13, 13.5, 14)) == [()] * 6


def test_a_tie_inside_a_would_be_trend_breaks_it() -> None:
    chart = after_base(11, 11.5, 12.5, 12.5, 13, 13.5, 14, 14.5)
    assert rules(chart) == [()] * 8


def test_a_falling_trend_is_flagged_and_concern_when_up_is_better() -> None:
    chart = after_base(14.5, 14, 13.5, 13, 12.5, 11.5, 11)
    assert rules(chart) == [("trend",)] * 7
    assert types(chart) == ["concern"] * 7


@pytest.mark.parametrize(
    ("peak", "peak_type"), [(13.0, "improvement"), (12.0, "improvement"), (11.5, "concern")]
)
def test_a_peak_shared_by_opposite_trends_takes_its_side_of_the_mean(
    peak: float, peak_type: str
) -> None:
    """Above the mean: improvement; below: concern; on the mean: the trend it ends."""
    chart = after_base(6, 7, 8, 9, 10, 11, peak, 11, 10, 9, 8, 7, 6)
    assert all("trend" in r for r in rules(chart))
    assert types(chart) == ["improvement"] * 6 + [peak_type] + ["concern"] * 6


# Rule 3: two of three near or beyond a limit -------------------------------------


def test_two_of_three_near_the_upper_limit_flags_only_the_near_points() -> None:
    chart = after_base(20, 13, 20)
    assert rules(chart) == [("two_of_three",), (), ("two_of_three",)]
    assert types(chart) == ["improvement", "common_cause", "improvement"]


def test_two_of_three_counts_a_point_beyond_the_limits() -> None:
    """Making Data Count, November 2023: a point beyond the limit is also 'near' it."""
    chart = after_base(23, 13, 20)
    assert rules(chart) == [("outside", "two_of_three"), (), ("two_of_three",)]
    assert types(chart) == ["improvement", "common_cause", "improvement"]


def test_two_of_three_needs_all_three_on_one_side_of_the_mean() -> None:
    assert rules(after_base(20, 11, 20)) == [(), (), ()]


def test_two_of_three_with_the_middle_point_on_the_mean_is_not_a_pattern() -> None:
    assert rules(after_base(20, 12, 20)) == [(), (), ()]


def test_two_of_three_near_the_lower_limit() -> None:
    chart = after_base(4, 4.5, 11)
    assert rules(chart) == [("two_of_three",), ("two_of_three",), ()]
    assert types(chart) == ["concern", "concern", "common_cause"]


# Rule 4: shift ------------------------------------------------------------------


def test_seven_on_one_side_are_a_shift() -> None:
    chart = after_base(*[13.0] * 7)
    assert rules(chart) == [("shift",)] * 7
    assert types(chart, start=12) == ["improvement"] * 7
    assert types(after_base(*[11.0] * 7)) == ["concern"] * 7


def test_a_point_exactly_on_the_mean_breaks_a_shift() -> None:
    chart = after_base(13, 13, 13, 12, 13, 13, 13)
    assert rules(chart) == [()] * 7


def test_six_on_one_side_are_not_a_shift() -> None:
    # The base ends on 14 (above), so start below the mean to keep the count at six.
    assert rules(after_base(11, 11, 11, 11, 11, 11, 13)) == [()] * 7


# Priority, orientation, variation ----------------------------------------------


def test_outside_outranks_trend_when_choosing_the_type() -> None:
    chart = xmr_chart([1, 2, 3, 4, 5, 6, 7, 3, 3, 3], better="up")
    first = chart.points[0]
    assert first.rules == ("outside", "trend", "two_of_three")
    assert first.type == "concern"  # below the lower limit, though the trend rises
    assert chart.points[6].rules == ("outside", "trend", "two_of_three")
    assert chart.points[6].type == "improvement"
    assert chart.variation == "common_cause"


def test_no_direction_gives_neutral_types() -> None:
    chart = after_base(23, 13, 1, better=None)
    assert types(chart) == ["neutral_high", "common_cause", "neutral_low"]


def test_variation_is_the_type_of_the_latest_point() -> None:
    assert after_base(13, 23).variation == "improvement"
    assert after_base(23, 13).variation == "common_cause"
    assert after_base(23, 13, better="down").points[-2].type == "concern"


# Baselines, segments, screening ---------------------------------------------------


def test_a_fixed_baseline_keeps_later_points_out_of_the_limits() -> None:
    fixed = xmr_chart([*BASE, 100, 100], baseline=12)
    assert (fixed.mean, fixed.amr) == (12, 4)
    assert fixed.latest_segment.baseline_size == 12
    free = xmr_chart([*BASE, 100, 100])
    assert free.mean == pytest.approx((144 + 200) / 14)


def test_rebasing_gives_each_segment_its_own_lines() -> None:
    first, second = [10.0, 14.0] * 6, [30.0, 34.0] * 6
    chart = xmr_chart([*first, *second], rebase_at=[12])
    assert [(s.start, s.stop) for s in chart.segments] == [(0, 12), (12, 24)]
    assert [s.mean for s in chart.segments] == [12, 32]
    assert chart.mean == 32 and chart.amr == 4
    assert [p.segment for p in chart.points] == [0] * 12 + [1] * 12
    assert all(p.type == "common_cause" for p in chart.points)
    # One segment: the jump puts the first half below the lower limit.
    whole = xmr_chart([*first, *second])
    assert whole.points[0].rules[0] == "outside"


def test_patterns_do_not_span_a_rebase() -> None:
    values = [10, 14, 10, 14, 10, 14, 9, 10, 11, 12, 13, 14, 15, 13, 17, 13, 17, 13, 17, 13]
    assert [i for i, p in enumerate(xmr_chart(values).points) if "trend" in p.rules] == [
        *range(6, 13)
    ]
    rebased = xmr_chart(values, rebase_at=[10])
    assert not any("trend" in p.rules for p in rebased.points)


def test_a_fixed_baseline_applies_to_each_segment() -> None:
    values = [*BASE, 50.0, 54.0, 50.0, 54.0, 90.0]
    chart = xmr_chart(values, rebase_at=[12], baseline=4)
    assert [s.baseline_size for s in chart.segments] == [4, 4]
    assert chart.mean == 52 and chart.amr == 4
    assert chart.points[-1].rules == ("outside",)
    assert chart.trial


def test_screening_drops_large_moving_ranges_and_can_be_turned_off() -> None:
    # Moving ranges: ten of 2 and one of 30. Their mean is 50/11, and
    # 30 >= 3.267 x 50/11, so screening drops it and the AMR becomes 2.
    values = [10.0, 12.0] * 5 + [10.0, 40.0]
    screened = xmr_chart(values)
    assert screened.amr == 2
    assert screened.latest_segment.screened_out == 1
    unscreened = xmr_chart(values, screen=False)
    assert unscreened.amr == pytest.approx(50 / 11)
    assert unscreened.latest_segment.screened_out == 0
    assert screened.upl == pytest.approx(160 / 12 + 2.66 * 2)
    assert unscreened.upl == pytest.approx(160 / 12 + 2.66 * 50 / 11)


def test_screening_changes_a_verdict() -> None:
    values = [10.0, 12.0] * 5 + [10.0, 40.0, 19.0]
    # Screened: upl = 13.33 + 5.32 = 18.65 so 19 is outside; unscreened it is not.
    assert "outside" in xmr_chart(values, baseline=12).points[-1].rules
    assert "outside" not in xmr_chart(values, baseline=12, screen=False).points[-1].rules


def test_constant_data_has_limits_on_the_mean_and_no_signals() -> None:
    chart = xmr_chart([5.0] * 20, better="up", target=5)
    assert (chart.mean, chart.amr, chart.lpl, chart.upl) == (5, 0, 5, 5)
    assert (chart.near_lower, chart.near_upper) == (5, 5)
    assert all(p.type == "common_cause" for p in chart.points)
    # every moving range is zero: "no variation yet", never a judged assurance (#15)
    assert chart.no_variation
    assert chart.assurance is None


def test_constant_baseline_then_a_change_is_outside() -> None:
    chart = xmr_chart([5.0] * 12 + [6.0], baseline=12, better="up")
    assert chart.points[-1].rules == ("outside",)
    assert chart.variation == "improvement"


@pytest.mark.parametrize(
    ("values", "baseline", "trial"),
    [
        ([1.0, 2.0] * 5 + [1.0], None, True),
        ([1.0, 2.0] * 6, None, False),
        ([1.0, 2.0] * 10, 5, True),
    ],
)
def test_fewer_than_twelve_baseline_points_make_trial_limits(
    values: list[float], baseline: int | None, trial: bool
) -> None:
    assert xmr_chart(values, baseline=baseline).trial is trial


# Assurance ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("better", "target", "expected"),
    [
        ("up", 0.0, "pass"),
        ("up", 1.36, "inconsistent"),  # on a limit: hit and miss, as NHSRplotthedots (#15)
        ("up", 12.0, "inconsistent"),
        ("up", 22.64, "inconsistent"),  # on the upper limit
        ("up", 30.0, "fail"),
        ("down", 30.0, "pass"),
        ("down", 22.64, "inconsistent"),  # on a limit: hit and miss
        ("down", 12.0, "inconsistent"),
        ("down", 1.36, "inconsistent"),
        ("down", 0.0, "fail"),
        (None, 12.0, None),
        ("up", None, None),
    ],
)
def test_assurance_compares_the_target_with_the_limits(
    better: str | None, target: float | None, expected: str | None
) -> None:
    base = xmr_chart(BASE)
    exact = {1.36: base.lpl, 22.64: base.upl}
    target = exact.get(target, target) if target is not None else None
    chart = xmr_chart(BASE, better=better, target=target)  # type: ignore[arg-type]
    assert chart.assurance == expected


def test_assurance_uses_the_latest_segment() -> None:
    # 20 lies inside the first segment's limits but below the second's (21.36 to 42.64).
    chart = xmr_chart([*BASE, *[30.0, 34.0] * 6], rebase_at=[12], better="up", target=20)
    assert chart.assurance == "pass"


# Input problems ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"values": [1.0]}, "too_few_values"),
        ({"values": [1.0, float("inf")]}, "not_finite"),
        # NaN is a missing value now (NHSRplotthedots' NA, #15): one value left
        ({"values": [1.0, float("nan")]}, "too_few_values"),
        ({"values": [1.0, 2.0, 3.0], "baseline": 1}, "baseline_too_short"),
        ({"values": [1.0, 2.0, 3.0], "rebase_at": [3]}, "out_of_range"),
        ({"values": [1.0, 2.0, 3.0], "rebase_at": [0]}, "out_of_range"),
        ({"values": [1.0, 2.0, 3.0], "rebase_at": [2]}, "segment_too_short"),
        ({"values": [1.0, 2.0], "target": float("inf")}, "not_finite"),
    ],
)
def test_bad_input_is_a_validation_error_with_a_code(kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        xmr_chart(**kwargs)  # type: ignore[arg-type]
    assert raised.value.problems[0].code == code
