"""Timing the PSIRF screens and report pages on a ten-year sample ward (by hand, not CI).

    .venv/bin/python -m benchmarks.bench_psirf [--weeks 520]

Targets: what the huddle and Today ask for (the "not yet reported" flag, the
week's pulse count, the pulse's weeks and run charts, the touchpoint summary)
each under 50 ms at the median; the ward report's PSIRF pages gathered for a
quarter under 250 ms; a huddle's pulse answers saved in under 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from huddle.demo import build_demo
from huddle.reports import psirf_pages
from huddle.services import HuddleApp

SCREEN_TARGET_MS = 50.0
REPORT_TARGET_MS = 250.0


def median_ms(work: Callable[[], object], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def line(name: str, ms: float, target: float) -> None:
    verdict = "PASS" if ms < target else "FAIL"
    print(f"{name}: median {ms:.1f} ms   [{verdict} < {target:.0f} ms]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weeks", type=int, default=520)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="bench-psirf-")) / "ward.db"
    today = date(2026, 8, 6)
    start = time.perf_counter()
    build_demo(path, weeks=args.weeks, seed=3, today=today)
    print(f"built a {args.weeks}-week sample ward in {time.perf_counter() - start:.1f} s")
    with HuddleApp.open(path) as app:
        counts = {
            t: int(app.store.scalar(f"SELECT count(*) FROM {t}"))
            for t in ("learning_response", "pulse_tally", "touchpoint", "what_matters")
        }
        print("rows:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        month = today - timedelta(days=30)
        quarter = today - timedelta(days=91)
        line("unreported flag", median_ms(app.responses.unreported), SCREEN_TARGET_MS)
        line("pulse count this week", median_ms(app.pulse.answered_this_week), SCREEN_TARGET_MS)
        line("pulse weeks (all)", median_ms(app.pulse.weeks), SCREEN_TARGET_MS)
        line(
            "pulse weeks and run charts",
            median_ms(lambda: app.pulse.charts(app.pulse.weeks())),
            SCREEN_TARGET_MS,
        )
        line(
            "touchpoints felt bad most (30 days)",
            median_ms(lambda: app.patient_voice.felt_bad_most(since=month)),
            SCREEN_TARGET_MS,
        )
        line(
            "ward report PSIRF pages gathered (quarter)",
            median_ms(lambda: psirf_pages.gather(app, quarter, today), runs=5),
            REPORT_TARGET_MS,
        )
        line(
            "a huddle's 8 pulse answers saved",
            median_ms(lambda: app.pulse.record_answers(scores=[5, 4, 4, 3, 4, 2, 5, 4]), runs=5),
            SCREEN_TARGET_MS,
        )


if __name__ == "__main__":
    main()
