"""The measures most wards keep, ready to start in one click.

An empty Measures page offers these (falls per 1,000 bed days, pressure
ulcers, hand hygiene, the Friends and Family Test, defined as data in
``resources/measures/starters.json``); :func:`start_measure`
defines one through :class:`~huddle.services.measures.Measures`, so it is
validated and audited like any measure the ward defines itself. The sample
ward defines its measures from the same table.
"""

from __future__ import annotations

from typing import Any

import msgspec

from huddle.domain import ChartKind, Direction, Measure, Period, RareEventChart
from huddle.resources import resources_dir
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


def _load() -> tuple[StarterMeasure, ...]:
    path = resources_dir() / "measures" / "starters.json"
    return tuple(msgspec.json.decode(path.read_bytes(), type=list[StarterMeasure]))


STARTERS = _load()  # resources/measures/starters.json: a ward's common measures, as data


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
