"""Statistical process control for ward measures: XmR and run charts, safety crosses.

Pure Python (no numpy, no Qt) so the core, the command line and the PDF poster
all read the same numbers. Drawing needs reportlab, so ``huddle.spc.drawing``
is imported on its own by the code that makes PDFs.
"""

from huddle.spc.run_chart import (
    PUBLISHED_RUNS_LIMITS,
    RunChart,
    RunPoint,
    RunRule,
    RunSignal,
    run_chart,
    runs_limits,
    swed_eisenhart_limits,
)
from huddle.spc.safety import (
    DAY_STATUSES,
    DayStatus,
    SafetyCross,
    SafetyCrossDay,
    days_since_last_harm,
    safety_cross,
)
from huddle.spc.xmr import (
    RULES,
    Assurance,
    Better,
    PointType,
    Rule,
    XmrChart,
    XmrPoint,
    XmrSegment,
    assurance_for,
    xmr_chart,
)

__all__ = [
    "DAY_STATUSES",
    "PUBLISHED_RUNS_LIMITS",
    "RULES",
    "Assurance",
    "Better",
    "DayStatus",
    "PointType",
    "Rule",
    "RunChart",
    "RunPoint",
    "RunRule",
    "RunSignal",
    "SafetyCross",
    "SafetyCrossDay",
    "XmrChart",
    "XmrPoint",
    "XmrSegment",
    "assurance_for",
    "days_since_last_harm",
    "run_chart",
    "runs_limits",
    "safety_cross",
    "swed_eisenhart_limits",
    "xmr_chart",
]
