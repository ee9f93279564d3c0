"""IHI run charts: median centre line, shifts, trends and the number of runs.

Rules as Perla, Provost and Murray (BMJ Qual Saf 2011) set them out:

* shift: 6 or more consecutive points on one side of the median; points on the
  median neither count nor break the run (and are not flagged);
* trend: 5 or more consecutive points all going up or all going down; a value
  repeating the one before is skipped (it neither counts nor breaks the trend)
  but, lying inside the trend's stretch of line, it is flagged with it;
* runs: the number of runs among the "useful observations" (points not on the
  median), i.e. crossings of the median + 1, judged against the published
  table of limits for 10 to 60 useful observations. Fewer runs than the lower
  limit are "too few", more than the upper limit "too many".

Beyond 60 useful observations the limits come from the exact Swed-Eisenhart
distribution of the number of runs (half the points on each side, 5% in each
tail, taking the critical values as the limits), the calculation that
reproduces every even-numbered row of the published table. Below 10 there is
no test (``runs_range`` is None). An astronomical point is left to the eye.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

import msgspec

from huddle.errors import ValidationError
from huddle.spc.xmr import Plotted, checked_values

RunRule = Literal["shift", "trend"]
RunSignal = Literal["shift", "trend", "too_few_runs", "too_many_runs"]

SHIFT_LENGTH = 6
TREND_LENGTH = 5
FEWEST_USEFUL = 10

# Perla, Provost & Murray (2011), Table 1: useful observations -> (lower, upper)
# limits for the number of runs.
PUBLISHED_RUNS_LIMITS: dict[int, tuple[int, int]] = {
    10: (3, 9), 11: (3, 10), 12: (3, 11), 13: (4, 11), 14: (4, 12),
    15: (5, 12), 16: (5, 13), 17: (5, 13), 18: (6, 14), 19: (6, 15),
    20: (6, 16), 21: (7, 16), 22: (7, 17), 23: (7, 17), 24: (8, 18),
    25: (8, 18), 26: (9, 19), 27: (10, 19), 28: (10, 20), 29: (10, 20),
    30: (11, 21), 31: (11, 22), 32: (11, 23), 33: (12, 23), 34: (12, 24),
    35: (13, 24), 36: (13, 25), 37: (13, 25), 38: (14, 26), 39: (14, 26),
    40: (15, 27), 41: (15, 27), 42: (16, 28), 43: (16, 28), 44: (17, 29),
    45: (17, 30), 46: (17, 31), 47: (18, 31), 48: (18, 32), 49: (19, 32),
    50: (19, 33), 51: (20, 33), 52: (20, 34), 53: (21, 34), 54: (21, 35),
    55: (22, 35), 56: (22, 36), 57: (23, 36), 58: (23, 37), 59: (24, 38),
    60: (24, 38),
}  # fmt: skip


class RunPoint(NamedTuple):
    """One plotted value and the run-chart rules it is part of (an immutable tuple)."""

    value: float | None  # None: a missing value, keeping its place
    rules: tuple[RunRule, ...]


class RunChart(msgspec.Struct, Plotted, frozen=True):
    """A computed run chart; ``runs_range`` is (lower, upper) or None below 10 useful."""

    points: tuple[RunPoint, ...]
    median: float
    baseline_size: int
    useful: int
    runs: int
    runs_range: tuple[int, int] | None
    signals: tuple[RunSignal, ...]


def run_chart(values: Sequence[float | None], *, baseline: int | None = None) -> RunChart:
    """Compute a run chart; ``baseline=N`` takes the median of the first N points.

    A missing value (None or NaN) keeps its place; like a point on the median it
    neither counts towards a shift nor breaks one, and a trend steps over it.
    """
    data = checked_values(values, chart="a run chart")
    present = [v for v in data if v is not None]
    if baseline is not None and baseline < 1:
        raise ValidationError.single(
            "baseline", "baseline_too_short", "a baseline needs at least one point"
        )
    size = len(data) if baseline is None else min(baseline, len(data))
    base = [v for v in data[:size] if v is not None]
    if not base:
        raise ValidationError.single(
            "baseline", "baseline_empty", "the baseline needs at least one value"
        )
    median = _median(base)
    if not math.isfinite(median):
        raise ValidationError.single(
            "values",
            "overflow",
            "the values are too large to chart (their median overflows); scale them down",
        )

    sides = [0 if x is None else (x > median) - (x < median) for x in data]
    useful_sides = [side for side in sides if side]
    runs = 1 + sum(1 for a, b in zip(useful_sides, useful_sides[1:], strict=False) if a != b)
    runs = runs if useful_sides else 0
    limits = runs_limits(len(useful_sides))

    shift = _shift_points(sides)
    where = [i for i, x in enumerate(data) if x is not None]
    trend = {where[i] for i in _trend_points(present)}
    points = tuple(RunPoint(x, _rules(i in shift, i in trend)) for i, x in enumerate(data))
    signals: list[RunSignal] = []
    if shift:
        signals.append("shift")
    if trend:
        signals.append("trend")
    if limits is not None and runs < limits[0]:
        signals.append("too_few_runs")
    if limits is not None and runs > limits[1]:
        signals.append("too_many_runs")
    return RunChart(
        points=points,
        median=median,
        baseline_size=size,
        useful=len(useful_sides),
        runs=runs,
        runs_range=limits,
        signals=tuple(signals),
    )


def _median(values: Sequence[float]) -> float:
    """The middle value (the mean of the middle two for an even count).

    Written out rather than taken from ``statistics``, whose import (decimal,
    fractions) would cost the huddle screen's start-up more than this does.
    """
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def runs_limits(useful: int) -> tuple[int, int] | None:
    """(lower, upper) limits for the number of runs, or None below 10 useful points."""
    if useful < FEWEST_USEFUL:
        return None
    published = PUBLISHED_RUNS_LIMITS.get(useful)
    if published is not None:
        return published
    return swed_eisenhart_limits(useful)


@lru_cache(maxsize=256)
def swed_eisenhart_limits(useful: int, tail: float = 0.05) -> tuple[int, int]:
    """Critical numbers of runs for ``useful`` points split evenly about the median.

    Lower: the largest r with P(R <= r) <= ``tail``; upper: the smallest r with
    P(R >= r) <= ``tail``, from the exact distribution of the number of runs in
    a random arrangement of m points above and n below (Swed & Eisenhart 1943).
    Probabilities are summed in log space so 10,000 points take milliseconds.
    """
    m = useful // 2
    n = useful - m
    log_total = _log_comb(useful, m)
    lower, seen = 1, 0.0
    for r in range(2, useful + 1):
        seen += _probability(m, n, r, log_total)
        if seen > tail:
            break
        lower = r
    upper, seen = useful + 1, 0.0
    for r in range(useful, 1, -1):
        seen += _probability(m, n, r, log_total)
        if seen > tail:
            break
        upper = r
    return lower, upper


def _probability(m: int, n: int, runs: int, log_total: float) -> float:
    """P(exactly ``runs`` runs) for m points above and n below, in random order."""
    if runs % 2 == 0:
        k = runs // 2
        terms = [(math.log(2), m - 1, k - 1, n - 1, k - 1)]
    else:
        k = (runs - 1) // 2
        terms = [(0.0, m - 1, k - 1, n - 1, k), (0.0, m - 1, k, n - 1, k - 1)]
    return sum(
        math.exp(factor + _log_comb(a, i) + _log_comb(b, j) - log_total)
        for factor, a, i, b, j in terms
        if 0 <= i <= a and 0 <= j <= b
    )


def _log_comb(a: int, b: int) -> float:
    return math.lgamma(a + 1) - math.lgamma(b + 1) - math.lgamma(a - b + 1)


def _rules(in_shift: bool, in_trend: bool) -> tuple[RunRule, ...]:
    if in_shift and in_trend:
        return ("shift", "trend")
    if in_shift:
        return ("shift",)
    if in_trend:
        return ("trend",)
    return ()


def _shift_points(sides: list[int]) -> set[int]:
    """Indices in runs of 6+ useful points on one side, skipping points on the median."""
    flagged: set[int] = set()
    run: list[int] = []
    side = 0
    for i, s in enumerate(sides):
        if s == 0:
            continue
        if s != side:
            if len(run) >= SHIFT_LENGTH:
                flagged.update(run)
            run, side = [], s
        run.append(i)
    if len(run) >= SHIFT_LENGTH:
        flagged.update(run)
    return flagged


def _trend_points(data: list[float]) -> set[int]:
    """Indices in stretches of 5+ distinct values all rising or all falling.

    Repeated values are first merged into one group; a trend is 4+ steps of one
    sign between neighbouring groups, and every index in its groups is flagged.
    """
    groups: list[tuple[int, int]] = []  # (first, last) index of each repeated value
    for i, x in enumerate(data):
        if groups and data[groups[-1][0]] == x:
            groups[-1] = (groups[-1][0], i)
        else:
            groups.append((i, i))
    steps = [1 if data[b[0]] > data[a[0]] else -1 for a, b in zip(groups, groups[1:], strict=False)]
    flagged: set[int] = set()
    first = 0
    for k in range(1, len(steps) + 1):
        if k == len(steps) or steps[k] != steps[first]:
            if k - first >= TREND_LENGTH - 1:
                flagged.update(range(groups[first][0], groups[k][1] + 1))
            first = k
    return flagged
