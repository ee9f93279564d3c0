"""Every measure as the app shows it on a date: the rows of ``huddle measures``.

The JSON objects and the "icons summary" CSV (one row per measure: both
verdicts, the latest point, the target) that NHS trusts ask of every SPC tool.
``huddle measures``, the Measures page's export and the ward report's appendix
all take their rows from here, and the words from the one verdict.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from huddle.csv_safe import csv_bytes
from huddle.formatting import number
from huddle.services.charts import MeasureChart

CSV_HEADER = (
    "Measure",
    "Unit",
    "Better",
    "Chart",
    "As of",
    "Latest period",
    "Latest value",
    "Target",
    "Centre",
    "Lower process limit",
    "Upper process limit",
    "Variation",
    "Assurance",
)


def _finite(value: float | None) -> float | None:
    """A number JSON can carry (never Infinity or NaN)."""
    return value if value is not None and math.isfinite(value) else None


def measure_row(chart: MeasureChart) -> dict[str, Any]:
    """One measure as ``huddle measures --json`` prints it."""
    measure = chart.measure
    verdict = chart.verdict
    latest = chart.points[-1] if chart.points else None
    return {
        "id": measure.id,
        "name": measure.name,
        "unit": measure.unit,
        "better": None if measure.better.value == "neutral" else measure.better.value,
        "target": _finite(measure.target),
        "chart": verdict.chart,
        "as_of": chart.as_of.isoformat() if chart.as_of else None,
        "latest": None
        if latest is None
        else {"date": latest.period_start.isoformat(), "value": _finite(latest.value)},
        "centre": _finite(verdict.centre),
        "lower_limit": _finite(verdict.lower_limit),
        "upper_limit": _finite(verdict.upper_limit),
        "limits_capped": verdict.limits_capped,
        "trial_limits": verdict.trial,
        "variation": verdict.variation,
        "assurance": verdict.assurance,
        "variation_label": verdict.variation_label,
        "assurance_label": verdict.assurance_label,
    }


def csv_row(chart: MeasureChart) -> list[object]:
    """One measure's row of the icons summary, in the words the app prints."""
    measure = chart.measure
    verdict = chart.verdict
    latest = chart.points[-1] if chart.points else None
    better = {"up": "Higher is better", "down": "Lower is better"}.get(measure.better.value, "")
    return [
        measure.name,
        measure.unit,
        better,
        verdict.chart,
        chart.as_of.isoformat() if chart.as_of else "",
        latest.period_start.isoformat() if latest else "",
        number(latest.value) if latest else "",
        number(measure.target) if measure.target is not None else "",
        number(verdict.centre) if verdict.centre is not None else "",
        number(verdict.lower_limit) if verdict.lower_limit is not None else "",
        number(verdict.upper_limit) if verdict.upper_limit is not None else "",
        verdict.variation_label,
        verdict.assurance_label,
    ]


def icons_summary_csv(charts: Sequence[MeasureChart]) -> bytes:
    """The icons summary as a spreadsheet-safe CSV file's bytes."""
    return csv_bytes(CSV_HEADER, [csv_row(chart) for chart in charts])


__all__ = ["CSV_HEADER", "csv_row", "icons_summary_csv", "measure_row"]
