"""The measures most wards keep, ready to start in one click.

An empty Measures page offers these (falls per 1,000 bed days, pressure
ulcers, hand hygiene, the Friends and Family Test); :func:`start_measure`
defines one through :class:`~huddle.services.measures.Measures`, so it is
validated and audited like any measure the ward defines itself. The sample
ward defines its measures from the same table.
"""

from __future__ import annotations

from typing import Any

import msgspec

from huddle.domain import ChartKind, Direction, Measure, Period, RareEventChart
from huddle.services.measures import Measures


class StarterMeasure(msgspec.Struct, frozen=True):
    """One common ward measure: how it is defined, and one line on what it counts."""

    key: str
    name: str
    unit: str
    better: Direction
    period: Period
    chart_kind: ChartKind
    description: str
    target: float | None = None
    rare_event_chart: RareEventChart = RareEventChart.NONE

    def definition(self) -> dict[str, Any]:
        """The keyword arguments of :meth:`Measures.define_measure`."""
        fields = msgspec.structs.asdict(self)
        fields.pop("key")
        return fields


STARTERS: tuple[StarterMeasure, ...] = (
    StarterMeasure(
        key="falls",
        name="Falls per 1,000 bed days",
        unit="per 1,000 bed days",
        better=Direction.DOWN,
        period=Period.WEEK,
        chart_kind=ChartKind.XMR,
        description="Inpatient falls (any harm) per 1,000 occupied bed days, from incident "
        "reports and the bed state.",
    ),
    StarterMeasure(
        key="pressure",
        name="Pressure ulcers (category 2+)",
        unit="count",
        better=Direction.DOWN,
        period=Period.MONTH,
        chart_kind=ChartKind.RUN,
        description="New category 2 or worse pressure ulcers acquired on the ward each month.",
        rare_event_chart=RareEventChart.ALONGSIDE,  # mostly 0, 1 or 2: days between say more
    ),
    StarterMeasure(
        key="hand_hygiene",
        name="Hand hygiene compliance",
        unit="%",
        better=Direction.UP,
        period=Period.WEEK,
        chart_kind=ChartKind.XMR,
        description="Weekly peer audit of hand hygiene opportunities (WHO five moments).",
        target=95.0,
    ),
    StarterMeasure(
        key="fft",
        name="Friends and Family Test: % recommend",
        unit="%",
        better=Direction.UP,
        period=Period.MONTH,
        chart_kind=ChartKind.XMR,
        description="Share of Friends and Family Test responses saying very good or good.",
        target=90.0,
    ),
)


def starter(key: str) -> StarterMeasure:
    """The starter called ``key`` (KeyError for any other)."""
    for found in STARTERS:
        if found.key == key:
            return found
    known = ", ".join(s.key for s in STARTERS)
    raise KeyError(f"no starter measure {key!r}: choose one of {known}")


def start_measure(measures: Measures, key: str, *, name: str | None = None) -> Measure:
    """Define the starter ``key`` on the ward (``name`` overrides its usual name)."""
    fields = starter(key).definition()
    if name is not None:
        fields["name"] = name
    return measures.define_measure(**fields)
