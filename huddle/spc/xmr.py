"""XmR (individuals) charts as NHS England's Making Data Count defines them.

The arithmetic follows NHSRplotthedots, the NHS-R community's reference
implementation, with the November 2023 guidance that points beyond the process
limits count towards "two of three near the limits":

* each segment (the whole series, or the stretch after each rebase) has its own
  baseline: its first ``baseline`` points, or all of them;
* centre line = mean of the baseline; moving ranges are taken between
  neighbours inside the baseline; with screening on, moving ranges of at least
  3.267 x their mean are dropped once and the mean recomputed;
* process limits = mean +/- 2.66 x AMR; "near the limits" = beyond
  mean +/- (2/3) x 2.66 x AMR;
* patterns never span a rebase: each segment is judged against its own lines.

Judgement calls, so a reader can find them in one place:

* a point exactly on a limit is inside it (limits and the near band are strict);
* in a trend each of the 7 points is strictly above (below) the one before it,
  so a tie breaks the trend;
* a point exactly on the mean breaks a shift and a two-of-three pattern;
* a trend point is oriented by the trend's direction; a point at the top of one
  trend and the start of the opposite one is oriented by its side of the mean
  (by the earlier trend if it sits on the mean);
* a target exactly on a process limit is "inconsistent" (hit and miss), as
  NHSRplotthedots and PowerBI-SPC judge it: with better "up", ``target < lpl``
  passes consistently and ``target > upl`` fails consistently; with better
  "down", ``target > upl`` passes and ``target < lpl`` fails;
* when every moving range of the latest segment is zero there is no variation
  to judge a target against: assurance is None (say "no variation yet");
* a missing value (None or NaN) keeps its place and breaks the moving range on
  both sides of it, as NHSRplotthedots does with NA; it is never flagged, and
  it breaks a shift, a trend and a two-of-three pattern; ``gaps_before`` breaks
  the moving range into a point the same way (a period nobody recorded);
* arithmetic that overflows (values near 1e308) is refused with a one-line
  error rather than giving infinite limits;
* a segment needs at least two values (one value has no moving range).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import Any, Literal, NamedTuple

import msgspec

from huddle.errors import ValidationError

Better = Literal["up", "down"]
Rule = Literal["outside", "trend", "two_of_three", "shift"]
PointType = Literal["common_cause", "improvement", "concern", "neutral_high", "neutral_low"]
Assurance = Literal["pass", "fail", "inconsistent"]

RULES: tuple[Rule, ...] = ("outside", "trend", "two_of_three", "shift")
LIMIT_FACTOR = 2.66
NEAR_FACTOR = LIMIT_FACTOR * 2 / 3
SCREEN_FACTOR = 3.267
PATTERN_LENGTH = 7
TRIAL_BELOW = 12

# Bit flags for the rules a point belongs to, in RULES order, then the trend's direction.
_OUTSIDE, _TREND, _TWO_OF_THREE, _SHIFT = 1, 2, 4, 8
_RISING, _FALLING = 16, 32
_RULE_BITS = 15
_RULES_BY_MASK: tuple[tuple[Rule, ...], ...] = tuple(
    tuple(rule for bit, rule in enumerate(RULES) if mask & (1 << bit)) for mask in range(16)
)


class XmrSegment(msgspec.Struct, frozen=True):
    """One stretch of the chart with its own baseline and lines.

    ``start``/``stop`` are point indices (``stop`` exclusive); the baseline is
    ``values[start:start + baseline_size]``. ``screened_out`` counts the moving
    ranges screening dropped.
    """

    start: int
    stop: int
    baseline_size: int
    mean: float
    amr: float
    lpl: float
    upl: float
    near_lower: float
    near_upper: float
    screened_out: int

    @property
    def trial(self) -> bool:
        """Limits from fewer than 12 points are trial limits and must say so."""
        return self.baseline_size < TRIAL_BELOW

    @property
    def size(self) -> int:
        return self.stop - self.start


class XmrPoint(NamedTuple):
    """One plotted value, the patterns it is part of and the type it shows as.

    An immutable named tuple rather than a frozen dataclass: a chart holds one per
    value, and building 10,000 frozen dataclasses alone would take half the
    20 ms budget for a 10,000-point chart.
    """

    value: float | None  # None: a missing value, keeping its place
    rules: tuple[Rule, ...]
    type: PointType
    segment: int

    @property
    def special_cause(self) -> bool:
        return self.type != "common_cause"


class Plotted:
    """What every chart of points answers: how many periods, and the values present."""

    __slots__ = ()
    points: Sequence[Any]  # each with a value (None where missing)

    @property
    def n(self) -> int:
        return len(self.points)

    @property
    def values(self) -> tuple[float, ...]:
        """The values present (a missing value has no number to plot)."""
        return tuple(point.value for point in self.points if point.value is not None)


class XmrChart(msgspec.Struct, Plotted, frozen=True):
    """A computed XmR chart. The headline lines are those of the latest segment."""

    points: tuple[XmrPoint, ...]
    segments: tuple[XmrSegment, ...]
    better: Better | None
    target: float | None
    screen: bool
    variation: PointType
    assurance: Assurance | None

    @property
    def no_variation(self) -> bool:
        """Every moving range of the latest segment is zero: nothing to judge yet."""
        return self.segments[-1].amr == 0

    @property
    def latest_segment(self) -> XmrSegment:
        return self.segments[-1]

    @property
    def mean(self) -> float:
        return self.segments[-1].mean

    @property
    def amr(self) -> float:
        return self.segments[-1].amr

    @property
    def lpl(self) -> float:
        return self.segments[-1].lpl

    @property
    def upl(self) -> float:
        return self.segments[-1].upl

    @property
    def near_lower(self) -> float:
        return self.segments[-1].near_lower

    @property
    def near_upper(self) -> float:
        return self.segments[-1].near_upper

    @property
    def trial(self) -> bool:
        return self.segments[-1].trial


def xmr_chart(
    values: Sequence[float | None],
    *,
    baseline: int | None = None,
    rebase_at: Iterable[int] = (),
    better: Better | None = None,
    target: float | None = None,
    screen: bool = True,
    gaps_before: Iterable[int] = (),
) -> XmrChart:
    """Compute an XmR chart for ``values`` in time order.

    ``baseline`` fixes each segment's limits on its first N points (N >= 2);
    ``rebase_at`` lists the indices at which a new segment starts; ``better``
    is the direction of improvement ("up", "down" or None for neutral);
    ``target`` feeds the assurance verdict; ``screen=False`` keeps every moving
    range; a value of None is missing; ``gaps_before`` lists the indices whose
    moving range from the point before is not taken (a period with no value
    between them). Raises ``ValidationError`` for input no chart can be drawn from.
    """
    data = checked_values(values, chart="an XmR chart")
    bounds = _segment_bounds(len(data), rebase_at)
    _check_options(baseline, better, target)
    gaps = set(gaps_before)

    segments: list[XmrSegment] = []
    masks = bytearray(len(data))
    for start, stop in bounds:
        segment = _segment_lines(data, start, stop, baseline, screen, gaps)
        segments.append(segment)
        _flag_segment(data, segment, masks)

    points = _typed_points(data, masks, segments, better)
    latest = next(p for p in reversed(points) if p.value is not None)
    return XmrChart(
        points=points,
        segments=tuple(segments),
        better=better,
        target=target,
        screen=screen,
        variation=latest.type,
        assurance=assurance_for(segments[-1], better=better, target=target),
    )


def assurance_for(
    segment: XmrSegment, *, better: Better | None, target: float | None
) -> Assurance | None:
    """Whether the process, as its limits describe it, will meet ``target``."""
    if target is None or better is None or segment.amr == 0:
        return None
    if better == "up":
        if target < segment.lpl:
            return "pass"
        if target > segment.upl:
            return "fail"
        return "inconsistent"
    if target > segment.upl:
        return "pass"
    if target < segment.lpl:
        return "fail"
    return "inconsistent"


def checked_values(values: Sequence[float | None], *, chart: str) -> list[float | None]:
    """``values`` as floats, a missing one (None or NaN) kept in its place as None;
    :class:`ValidationError` unless two or more are present and all are finite.
    ``chart`` names the chart in the message ("an XmR chart")."""
    data: list[float | None] = [
        None if v is None or math.isnan(float(v)) else float(v) for v in values
    ]
    present = [v for v in data if v is not None]
    if len(data) < 2 or len(present) < 2:
        raise ValidationError.single(
            "values", "too_few_values", f"{chart} needs at least two values"
        )
    if not all(map(math.isfinite, present)):
        raise ValidationError.single("values", "not_finite", "every value must be a finite number")
    return data


def _check_options(baseline: int | None, better: Better | None, target: float | None) -> None:
    if baseline is not None and baseline < 2:
        raise ValidationError.single(
            "baseline", "baseline_too_short", "a baseline needs at least two points"
        )
    if better not in (None, "up", "down"):
        raise ValidationError.single("better", "invalid", "better must be 'up', 'down' or None")
    if target is not None and not math.isfinite(target):
        raise ValidationError.single("target", "not_finite", "the target must be a finite number")


def _segment_bounds(n: int, rebase_at: Iterable[int]) -> list[tuple[int, int]]:
    starts = sorted(set(rebase_at))
    if any(index < 1 or index >= n for index in starts):
        raise ValidationError.single(
            "rebase_at", "out_of_range", f"rebase points must lie between 1 and {n - 1}"
        )
    edges = [0, *starts, n]
    bounds = list(zip(edges, edges[1:], strict=False))
    if any(stop - start < 2 for start, stop in bounds):
        raise ValidationError.single(
            "rebase_at", "segment_too_short", "each segment needs at least two points"
        )
    return bounds


def _segment_lines(
    data: list[float | None],
    start: int,
    stop: int,
    baseline: int | None,
    screen: bool,
    gaps: set[int],
) -> XmrSegment:
    size = stop - start if baseline is None else min(baseline, stop - start)
    base = data[start : start + size]
    present = [x for x in base if x is not None]
    ranges = _moving_ranges(base, start, gaps)
    if not ranges and gaps:
        # every neighbour is across a gap: better limits from them than no chart
        ranges = _moving_ranges(base, start, set())
    if not present or not ranges:
        raise ValidationError.single(
            "values",
            "no_moving_range",
            "each segment's baseline needs two values side by side (one moving range)",
        )
    mean = _mean(present)
    amr = _mean(ranges)
    if not (math.isfinite(mean) and math.isfinite(amr)):
        raise ValidationError.single(
            "values",
            "overflow",
            "the values are too large to chart (their limits overflow); scale them down",
        )
    screened_out = 0
    if screen and amr > 0:
        cut = SCREEN_FACTOR * amr
        kept = [mr for mr in ranges if mr < cut]
        screened_out = len(ranges) - len(kept)
        if screened_out:
            amr = _mean(kept)
    spread = LIMIT_FACTOR * amr
    near = NEAR_FACTOR * amr
    if not all(map(math.isfinite, (mean, amr, mean + spread, mean - spread))):
        raise ValidationError.single(
            "values",
            "overflow",
            "the values are too large to chart (their limits overflow); scale them down",
        )
    return XmrSegment(
        start=start,
        stop=stop,
        baseline_size=size,
        mean=mean,
        amr=amr,
        lpl=mean - spread,
        upl=mean + spread,
        near_lower=mean - near,
        near_upper=mean + near,
        screened_out=screened_out,
    )


def _mean(values: list[float]) -> float:
    """The exact mean; infinity when the sum overflows (the caller refuses it)."""
    try:
        return math.fsum(values) / len(values)
    except OverflowError:
        return math.inf


def _moving_ranges(base: list[float | None], start: int, gaps: set[int]) -> list[float]:
    """|x(i) - x(i-1)| for neighbours both present and not across a gap."""
    return [
        abs(b - a)
        for k, (a, b) in enumerate(zip(base, base[1:], strict=False), start=start + 1)
        if a is not None and b is not None and k not in gaps
    ]


def _flag_segment(data: list[float | None], seg: XmrSegment, masks: bytearray) -> None:
    """Set the rule bits of every point in ``seg`` (patterns stay inside it)."""
    start, stop = seg.start, seg.stop
    mean, lpl, upl = seg.mean, seg.lpl, seg.upl
    near_lower, near_upper = seg.near_lower, seg.near_upper
    # a missing value sits on the mean for the patterns: it breaks every run
    values = [mean if x is None else x for x in data[start:stop]]
    missing = {k for k, x in enumerate(data[start:stop]) if x is None}

    for k in [k for k, x in enumerate(values) if x > upl or x < lpl]:
        masks[start + k] |= _OUTSIDE

    # Shift: 7 or more in a row on one side; a point on the mean (side 0) breaks it.
    sides = [(x > mean) - (x < mean) for x in values]
    for first, last in _runs(sides, PATTERN_LENGTH):
        for i in range(start + first, start + last + 1):
            masks[i] |= _SHIFT

    # Trend: 6 or more same-signed steps in a row (7 points); a tie is a zero step.
    steps = [
        0 if k in missing or k + 1 in missing else (b > a) - (b < a)
        for k, (a, b) in enumerate(zip(values, values[1:], strict=False))
    ]
    for first, last in _runs(steps, PATTERN_LENGTH - 1):
        direction = _TREND | (_RISING if steps[first] > 0 else _FALLING)
        for i in range(start + first, start + last + 2):
            masks[i] |= direction

    # Two of three: two points beyond the near band within three in a row, all
    # three on the same side of the mean; only the two (or three) near ones flag.
    near = [k for k, x in enumerate(values) if x > near_upper or x < near_lower]
    for j, a in enumerate(near):
        for b in near[j + 1 : j + 3]:
            if b - a > 2:
                break
            side = sides[a]
            window_first = max(b - 2, 0)
            window_last = min(a, len(values) - 3)
            for w in range(window_first, window_last + 1):
                if sides[w] == side and sides[w + 1] == side and sides[w + 2] == side:
                    masks[start + a] |= _TWO_OF_THREE
                    masks[start + b] |= _TWO_OF_THREE
                    break


def _runs(signs: list[int], min_length: int) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal non-zero signs at least ``min_length`` long."""
    changes = [k for k in range(1, len(signs)) if signs[k] != signs[k - 1]]
    edges = [0, *changes, len(signs)]
    return [
        (first, stop - 1)
        for first, stop in zip(edges, edges[1:], strict=False)
        if stop - first >= min_length and signs[first] != 0
    ]


def _typed_points(
    data: list[float | None], masks: bytearray, segments: list[XmrSegment], better: Better | None
) -> tuple[XmrPoint, ...]:
    high_type, low_type = _orientation(better)
    points: list[XmrPoint] = []
    for number, seg in enumerate(segments):
        start, stop, mean = seg.start, seg.stop, seg.mean
        seg_masks = masks[start:stop]
        types: list[PointType] = ["common_cause"] * (stop - start)
        for offset, mask in enumerate(seg_masks):
            if not mask:
                continue
            x = data[start + offset]
            if x is None:
                continue
            if mask & _OUTSIDE or not mask & _TREND:
                high = x > mean
            elif mask & _RISING and mask & _FALLING:
                # A peak or trough shared by two opposite trends: side of the mean decides,
                # then the earlier trend (which the point ends) if it sits on the mean.
                before = data[start + offset - 1]
                high = x > mean if x != mean or before is None else x > before
            else:
                high = bool(mask & _RISING)
            types[offset] = high_type if high else low_type
        rules = [_RULES_BY_MASK[mask & _RULE_BITS] for mask in seg_masks]
        rows = zip(data[start:stop], rules, types, repeat(number), strict=False)
        # tuple.__new__ straight from C: no Python call per point.
        points.extend(map(tuple.__new__, repeat(XmrPoint), rows))
    return tuple(points)


def _orientation(better: Better | None) -> tuple[PointType, PointType]:
    """The types a special-cause point above / below gets for this direction."""
    if better == "up":
        return "improvement", "concern"
    if better == "down":
        return "concern", "improvement"
    return "neutral_high", "neutral_low"
