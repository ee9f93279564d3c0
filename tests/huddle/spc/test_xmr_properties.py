"""Properties every XmR chart keeps, whatever the data (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from huddle.spc import Better, XmrChart, xmr_chart

SWAPPED = {"improvement": "concern", "concern": "improvement"}

series = st.lists(st.integers(min_value=-50, max_value=50), min_size=2, max_size=40)
directions = st.sampled_from(["up", "down", None])


def flags(chart: XmrChart) -> list[tuple[tuple[str, ...], str]]:
    return [(p.rules, p.type) for p in chart.points]


def clear_of_the_lines(chart: XmrChart) -> bool:
    """No value within rounding distance of a limit or the near band."""
    lines = [v for s in chart.segments for v in (s.lpl, s.upl, s.near_lower, s.near_upper)]
    return all(abs(p.value - line) > 1e-7 for p in chart.points for line in lines)


@given(series, directions, st.integers(min_value=-4, max_value=6))
def test_scaling_by_a_positive_constant_scales_the_lines_and_keeps_every_flag(
    values: list[int], better: Better | None, power: int
) -> None:
    factor = 2.0**power  # a power of two scales floats exactly
    chart = xmr_chart(values, better=better)
    scaled = xmr_chart([v * factor for v in values], better=better)
    assert scaled.mean == pytest.approx(chart.mean * factor)
    assert scaled.amr == pytest.approx(chart.amr * factor)
    assert scaled.lpl == pytest.approx(chart.lpl * factor)
    assert scaled.upl == pytest.approx(chart.upl * factor)
    assert flags(scaled) == flags(chart)


@given(series, directions, st.integers(min_value=-1000, max_value=1000))
def test_adding_a_constant_shifts_the_lines_and_keeps_every_flag(
    values: list[int], better: Better | None, offset: int
) -> None:
    chart = xmr_chart(values, better=better)
    assume(clear_of_the_lines(chart))
    shifted = xmr_chart([v + offset for v in values], better=better)
    assert shifted.mean == pytest.approx(chart.mean + offset)
    assert shifted.amr == pytest.approx(chart.amr, abs=1e-9)
    assert shifted.lpl == pytest.approx(chart.lpl + offset)
    assert shifted.upl == pytest.approx(chart.upl + offset)
    assert flags(shifted) == flags(chart)


@given(series, st.sampled_from(["up", "down"]))
def test_reversing_better_swaps_improvement_and_concern(values: list[int], better: Better) -> None:
    other: Better = "down" if better == "up" else "up"
    chart, reversed_chart = xmr_chart(values, better=better), xmr_chart(values, better=other)
    for point, mirrored in zip(chart.points, reversed_chart.points, strict=True):
        assert mirrored.rules == point.rules
        assert mirrored.type == SWAPPED.get(point.type, point.type)


@given(series)
def test_neutral_types_are_the_high_and_low_of_better_up(values: list[int]) -> None:
    up, neutral = xmr_chart(values, better="up"), xmr_chart(values)
    names = {"improvement": "neutral_high", "concern": "neutral_low"}
    assert [names.get(p.type, p.type) for p in up.points] == [p.type for p in neutral.points]


@given(series, st.sampled_from(["up", "down"]))
def test_mirroring_the_data_and_the_direction_changes_nothing(
    values: list[int], better: Better
) -> None:
    other: Better = "down" if better == "up" else "up"
    chart = xmr_chart(values, better=better)
    mirrored = xmr_chart([-v for v in values], better=other)
    assert flags(mirrored) == flags(chart)
    assert mirrored.mean == pytest.approx(-chart.mean)


@given(series, directions)
def test_every_point_has_a_type_that_matches_its_rules(
    values: list[int], better: Better | None
) -> None:
    chart = xmr_chart(values, better=better)
    assert chart.variation == chart.points[-1].type
    for point in chart.points:
        assert (point.type == "common_cause") == (point.rules == ())
        assert list(point.rules) == sorted(
            point.rules, key=("outside", "trend", "two_of_three", "shift").index
        )
        if "outside" in point.rules:
            assert not chart.lpl <= point.value <= chart.upl
