"""The latest stretch of a computed chart, for a printed chart that shows fewer points.

The lines, each point's type and the verdicts stay those of the whole chart
(computed once, as of a date); only the points before the window are dropped,
so a report never draws a different chart from the one the ward sees.
"""

from __future__ import annotations

import msgspec

from huddle.spc.run_chart import RunChart
from huddle.spc.xmr import XmrChart, XmrPoint, XmrSegment


def window_xmr(chart: XmrChart, first: int) -> XmrChart:
    """``chart`` from point ``first`` on; segments before it dropped, the one it cuts clipped."""
    if first <= 0:
        return chart
    segments: list[XmrSegment] = []
    renumber: dict[int, int] = {}
    for number, segment in enumerate(chart.segments):
        if segment.stop <= first:
            continue
        renumber[number] = len(segments)
        segments.append(
            msgspec.structs.replace(
                segment, start=max(segment.start - first, 0), stop=segment.stop - first
            )
        )
    points = tuple(
        XmrPoint(p.value, p.rules, p.type, renumber[p.segment]) for p in chart.points[first:]
    )
    return msgspec.structs.replace(chart, points=points, segments=tuple(segments))


def window_run(chart: RunChart, first: int) -> RunChart:
    """``chart`` from point ``first`` on; the median and signals stay the whole chart's."""
    if first <= 0:
        return chart
    return msgspec.structs.replace(chart, points=chart.points[first:])


__all__ = ["window_run", "window_xmr"]
