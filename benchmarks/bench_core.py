"""The core on a ten-year sample ward. A plain script, run by hand (never in tests):

    .venv/bin/python -m benchmarks.bench_core [--weeks 520] [--runs 20] [--db WARD.db]

1. Builds ``build_demo(weeks=520)`` in a temporary folder (target < 60 s).
2. Times every query behind the huddle screen on that ward, one by one and all
   together, median of ``--runs`` runs (target < 50 ms together).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from huddle.clock import FixedClock
from huddle.domain import LearningKind
from huddle.services import HuddleApp

BUILD_TARGET_S = 60.0
BOARD_TARGET_MS = 50.0


def build(path: Path, weeks: int) -> float:
    from huddle.demo import build_demo

    began = time.perf_counter()
    summary = build_demo(path, weeks=weeks, seed=1)
    took = time.perf_counter() - began
    counts = ", ".join(f"{v:,} {k}" for k, v in summary.counts.items())
    print(f"build_demo(weeks={weeks}): {took:.1f} s (target < {BUILD_TARGET_S:.0f} s)")
    print(f"  {counts}")
    size = path.stat().st_size / 1_048_576
    print(f"  database {size:.1f} MB")
    return took


def screen_queries(app: HuddleApp) -> dict[str, Callable[[], object]]:
    """What the Today page and the huddle runner ask the core for."""
    latest = app.huddles.latest_finished()
    today = app.clock.today()
    safety = (LearningKind.INCIDENT, LearningKind.NEAR_MISS)

    def record() -> object:
        return None if latest is None else app.huddles.record(latest.id)

    return {
        "board.today()": app.board.today,
        "huddles.running()": app.huddles.running,
        "huddles.latest_finished()": app.huddles.latest_finished,
        "huddles.record(latest)": record,
        "actions.overdue_actions()": app.actions.overdue_actions,
        "actions.due_within(7)": lambda: app.actions.due_within(7),
        "actions.stalled_actions()": app.actions.stalled_actions,
        "learning.since_last_huddle()": app.learning.since_last_huddle,
        "learning.items(safety, 7 days)": lambda: app.learning.items(
            kinds=safety, since=today - timedelta(days=7), limit=20
        ),
        "board.days_since_last_harm()": app.board.days_since_last_harm,
        "setup.people()": lambda: app.setup.people(include_inactive=True),
    }


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm the page cache and the statement cache
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def time_board(path: Path, runs: int) -> float:
    clock = FixedClock(datetime.now(UTC))
    app = HuddleApp.open(path, clock=clock, read_only=True)
    try:
        queries = screen_queries(app)
        board = app.board.today()
        print(
            f"\nhuddle screen on {path.name}: {len(board.overdue)} overdue, "
            f"{len(board.stalled)} stalled, {len(board.learning_since_last)} new learning, "
            f"{len(board.measures)} measures, {board.days_since_last_harm} days since harm"
        )
        print(f"{'query':<34}{'median ms':>10}")
        for name, work in queries.items():
            print(f"{name:<34}{median_ms(work, runs):>10.2f}")

        def everything() -> None:
            for work in queries.values():
                work()

        together = median_ms(everything, runs)
        print(f"{'all together':<34}{together:>10.2f}   (target < {BOARD_TARGET_MS:.0f} ms)")
        return together
    finally:
        app.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=520)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="time this ward instead of building one")
    args = parser.parse_args(argv)
    if args.db is not None:
        time_board(args.db, args.runs)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample-ward.db"
        took = build(path, args.weeks)
        together = time_board(path, args.runs)
    verdict = "met" if took < BUILD_TARGET_S and together < BOARD_TARGET_MS else "MISSED"
    print(f"\ntargets {verdict}: build {took:.1f} s, huddle screen {together:.1f} ms")


if __name__ == "__main__":
    main()
