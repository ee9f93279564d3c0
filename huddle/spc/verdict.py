"""A measure's verdict, in the words, letters and colours everyone prints.

One place decides what a chart says about a measure: the variation verdict
(the latest point's type, or a run chart's signals), the assurance verdict
(the target against the process limits) and the words for both. The Today
tiles, the Measures page, the huddle runner and summary, the ward report, the
poster and ``huddle measures`` all print ``Verdict.variation_label`` and
``Verdict.assurance_label``; none of them words a verdict itself.

Colours and letters follow NHS England's Making Data Count (as the NHS-R
community's NHSRplotthedots draws them): common cause grey, special cause
improvement blue, concern orange, special cause with no better direction
purple; variation icons carry H or L for a high or low special cause,
assurance icons P (passes), F (fails) or ? (hit and miss).
"""

from __future__ import annotations

import msgspec

from huddle.formatting import is_percent, number
from huddle.spc.run_chart import RunChart
from huddle.spc.xmr import XmrChart

# Making Data Count colours (NHSRplotthedots' ptd_spc_colours), as hex text so the
# core, the PDFs and the Qt screens share them.
COMMON_CAUSE = "#7B7D7D"
IMPROVEMENT = "#289DE0"
CONCERN = "#FAB428"
NEUTRAL = "#361475"
NO_JUDGEMENT = "#BEC2C4"  # "no target" or "too few points": paler than common cause

# Variation codes -> the words printed for them.
VARIATION_WORDS: dict[str, str] = {
    "common_cause": "Common cause",
    "improvement_high": "Improvement (high)",
    "improvement_low": "Improvement (low)",
    "concern_high": "Concern (high)",
    "concern_low": "Concern (low)",
    "neutral_high": "Special cause (high)",
    "neutral_low": "Special cause (low)",
    "no_variation": "No variation yet",
    "run_signal": "Run chart signal",
    "run_no_signal": "Run chart: no signal",
    "safety_cross": "Safety cross",
    "too_few": "Too few points",
}
# Assurance codes -> the words printed for them.
ASSURANCE_WORDS: dict[str, str] = {
    "pass": "Consistently passes target",
    "fail": "Consistently fails target",
    "inconsistent": "Hit and miss target",
    "no_target": "No target",
    "no_direction": "No assurance (no better direction)",
    "no_variation": "No variation yet",
    "not_judged": "No assurance on this chart",
    "too_few": "Too few points",
}
# One set of words for the lines of an SPC chart, on screen and in print.
LIMIT_WORDS = {
    "upper": "Upper process limit",
    "lower": "Lower process limit",
    "mean": "Mean",
    "median": "Median",
    "target": "Target",
}
RUN_SIGNAL_WORDS = {
    "shift": "shift",
    "trend": "trend",
    "too_few_runs": "too few runs",
    "too_many_runs": "too many runs",
}


class Verdict(msgspec.Struct, frozen=True):
    """What a measure's chart says, as everyone prints it."""

    chart: str  # "xmr", "run", "safety_cross" or "days_between"
    variation: str  # a VARIATION_WORDS key
    assurance: str  # an ASSURANCE_WORDS key
    variation_label: str
    assurance_label: str
    variation_letter: str  # "H", "L" or "" (dots for common cause, "–" for none)
    assurance_letter: str  # "P", "F", "?" or "–"
    variation_colour: str
    assurance_colour: str
    centre: float | None
    lower_limit: float | None
    upper_limit: float | None
    trial: bool = False  # limits from fewer than 12 points
    limits_capped: bool = False  # a percentage's limit drawn at 0 % or 100 %

    @property
    def special_cause(self) -> bool:
        return self.variation.split("_")[0] in ("improvement", "concern", "neutral")


def _variation(code: str, *, run_signals: tuple[str, ...] = ()) -> tuple[str, str, str]:
    """(label, letter, colour) for a variation code."""
    label = VARIATION_WORDS[code]
    if code == "run_signal" and run_signals:
        label = "Run chart signal: " + ", ".join(RUN_SIGNAL_WORDS[s] for s in run_signals)
    kind, _, side = code.partition("_")
    if kind in ("improvement", "concern", "neutral") and side in ("high", "low"):
        colour = {"improvement": IMPROVEMENT, "concern": CONCERN, "neutral": NEUTRAL}[kind]
        return label, side[0].upper(), colour
    return (label, *OTHER_VARIATION_ICONS.get(code, UNJUDGED))


def _assurance(code: str) -> tuple[str, str, str]:
    return (ASSURANCE_WORDS[code], *ASSURANCE_ICONS.get(code, UNJUDGED))


# (letter, colour) of each icon that is not a special cause's, and of no judgement
OTHER_VARIATION_ICONS = {
    "common_cause": ("", COMMON_CAUSE),
    "run_signal": ("!", NEUTRAL),
    "run_no_signal": ("", COMMON_CAUSE),
    "safety_cross": ("+", COMMON_CAUSE),
}
ASSURANCE_ICONS = {
    "pass": ("P", IMPROVEMENT),
    "fail": ("F", CONCERN),
    "inconsistent": ("?", COMMON_CAUSE),
}
UNJUDGED = ("–", NO_JUDGEMENT)


def variation_code(point_type: str, value_high: bool) -> str:
    """A point type oriented into a code that says the side: "improvement_low"."""
    if point_type == "common_cause" or point_type.startswith("neutral"):
        return point_type
    return f"{point_type}_{'high' if value_high else 'low'}"


def _verdict(
    chart: str,
    variation: str,
    assurance: str,
    *,
    centre: float | None = None,
    lower: float | None = None,
    upper: float | None = None,
    trial: bool = False,
    run_signals: tuple[str, ...] = (),
    unit: str = "",
) -> Verdict:
    v_label, v_letter, v_colour = _variation(variation, run_signals=run_signals)
    a_label, a_letter, a_colour = _assurance(assurance)
    lower, upper, capped = percent_cap(unit, lower, upper)
    return Verdict(
        chart=chart,
        variation=variation,
        assurance=assurance,
        variation_label=v_label,
        assurance_label=a_label,
        variation_letter=v_letter,
        assurance_letter=a_letter,
        variation_colour=v_colour,
        assurance_colour=a_colour,
        centre=centre,
        lower_limit=lower,
        upper_limit=upper,
        trial=trial,
        limits_capped=capped,
    )


def xmr_verdict(xmr: XmrChart, *, unit: str = "", chart: str = "xmr") -> Verdict:
    """The verdict of an XmR chart: latest point's type, target against the limits."""
    latest = next(p for p in reversed(xmr.points) if p.value is not None)
    segment = xmr.latest_segment
    assert latest.value is not None
    if xmr.no_variation:
        variation = "no_variation"
    else:
        high = latest.value > segment.mean
        if latest.type == "improvement":
            high = xmr.better == "up"
        elif latest.type == "concern":
            high = xmr.better == "down"
        variation = variation_code(latest.type, high)
    if xmr.target is None:
        assurance = "no_target"
    elif xmr.better is None:
        assurance = "no_direction"
    elif xmr.no_variation:
        assurance = "no_variation"
    else:
        assurance = xmr.assurance or "not_judged"
    return _verdict(
        chart,
        variation,
        assurance,
        centre=segment.mean,
        lower=segment.lpl,
        upper=segment.upl,
        trial=segment.trial,
        unit=unit,
    )


def run_verdict(run: RunChart, *, has_target: bool) -> Verdict:
    """A run chart signals or not; it gives no assurance (it has no process limits)."""
    return _verdict(
        "run",
        "run_signal" if run.signals else "run_no_signal",
        "not_judged" if has_target else "no_target",
        centre=run.median,
        run_signals=tuple(run.signals),
    )


def safety_cross_verdict(*, has_target: bool) -> Verdict:
    """A safety cross is read day by day, not judged as a process."""
    return _verdict("safety_cross", "safety_cross", "not_judged" if has_target else "no_target")


def too_few_verdict(chart: str, *, has_target: bool) -> Verdict:
    return _verdict(chart, "too_few", "too_few" if has_target else "no_target")


def percent_cap(
    unit: str, low: float | None, high: float | None
) -> tuple[float | None, float | None, bool]:
    """Limits as drawn: a percentage never shows a limit below 0 % or above 100 %.

    Returns (low, high, whether either was capped).
    """
    if not is_percent(unit):
        return low, high, False
    capped_low = None if low is None else max(low, 0.0)
    capped_high = None if high is None else min(high, 100.0)
    return capped_low, capped_high, (capped_low != low or capped_high != high)


def limits_text(verdict: Verdict) -> str:
    """The centre and process limits in the words every screen and report prints."""
    if verdict.centre is None:
        return ""
    centre = LIMIT_WORDS["median" if verdict.chart == "run" else "mean"]
    parts = [f"{centre} {number(verdict.centre)}"]
    if verdict.lower_limit is not None and verdict.upper_limit is not None:
        parts.append(f"{LIMIT_WORDS['lower']} {number(verdict.lower_limit)}")
        parts.append(f"{LIMIT_WORDS['upper']} {number(verdict.upper_limit)}")
    text = " · ".join(parts)
    if verdict.limits_capped:
        text += f" ({CAPPED_NOTE})"
    if verdict.trial:
        text += f" ({TRIAL_NOTE})"
    return text


def verdict_line(verdict: Verdict) -> str:
    """Both verdicts and the lines in one sentence, as a report prints it under a title."""
    parts = [
        f"Variation: {verdict.variation_label}",
        f"Assurance: {verdict.assurance_label}",
        limits_text(verdict),
    ]
    return " · ".join(p for p in parts if p)


CAPPED_NOTE = "limits capped at 0–100%"
TRIAL_NOTE = "trial limits: fewer than 12 points"


__all__ = [
    "ASSURANCE_WORDS",
    "LIMIT_WORDS",
    "VARIATION_WORDS",
    "Verdict",
    "limits_text",
    "percent_cap",
    "run_verdict",
    "safety_cross_verdict",
    "too_few_verdict",
    "variation_code",
    "verdict_line",
    "xmr_verdict",
]
