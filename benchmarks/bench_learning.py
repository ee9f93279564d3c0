"""Timing the learning log's search and the identifier audit (run by hand, not in CI).

    .venv/bin/python -m benchmarks.bench_learning [--items 50000] [--weeks 520]

Targets: full-text search over 50,000 learning items with a median under
50 ms across 20 queries (as the Learning page calls it: filters applied,
newest 500 rows assembled), and ``huddle pid-scan`` of a ten-year ward
under 5 s. The page's unlimited call is timed too, for the record.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.clock import FixedClock
from huddle.domain import LearningKind
from huddle.services import HuddleApp

SEARCH_TARGET_MS = 50.0
SCAN_TARGET_S = 5.0
PAGE_LIMIT = 500  # ui.pages.learning.LIST_LIMIT (the benchmark stays free of Qt)
# Each item is about one topic, in that topic's words among everyday ward words, so a
# topic word matches roughly one item in twelve, as in a real log. "patient" is in
# nearly every item: the worst case, timed on its own.
TOPICS = {
    "Falls": "fall floor bed rails call bell slipper sensor mat lying unwitnessed hip",
    "Medication": "insulin dose e-chart paper omitted double-checked PRN analgesia pharmacist",
    "Handover": "handover SBAR board missed plan night day huddle verbal written",
    "Night shift": "night 03:00 torch quiet bank staff agency break cover",
    "Pressure ulcers": "pressure ulcer heel sacrum mattress SSKIN turns skin category grade",
    "Infection": "cannula phlebitis VIP score hand hygiene gloves isolation side room swab",
    "Communication": "relatives phone call family message interpreter leaflet explained",
    "Discharge": "discharge transport pharmacy TTO leaflet teach-back home package",
    "Deterioration": "sepsis NEWS2 escalation antibiotics outreach obs lactate fluids",
    "Equipment": "wristband printer label pump battery hoist sling broken library",
    "Kindness": "thank-you card tea kindness smile time listened chocolates",
    "Sleep": "noise bins lights snoring earplugs eye mask menus hydration jug",
}
EVERYDAY = (
    "patient bay bed team shift nurse HCA doctor student ward morning evening "
    "weekend busy staff time asked found noticed helped"
).split()
QUERIES = [
    "insulin",
    "call bell",
    "handover",
    "pressure ulcer",
    "sepsis",
    "relatives phone",
    "discharge",
    "cannula",
    "mattress",
    "pain",
    "menus",
    "bed rails",
    "escalation",
    "wristband",
    "thank-you card",
    "noise",
    "hydration",
    "teach-back",
    "hoist",
    "interpreter",
]
WORST_QUERY = "patient"
THEMES = list(TOPICS)


def sentence(rnd: random.Random, topic: str, words: int) -> str:
    own = TOPICS[topic].split()
    chosen = [
        rnd.choice(own) if rnd.random() < 0.35 else rnd.choice(EVERYDAY) for _ in range(words)
    ]
    return " ".join(chosen).capitalize() + "."


def fill_log(app: HuddleApp, items: int, *, seed: int = 7) -> float:
    """Record ``items`` learning items through the service; seconds taken."""
    rnd = random.Random(seed)
    kinds = list(LearningKind)
    start = time.perf_counter()
    today = app.clock.today()
    batch = 5000
    for first in range(0, items, batch):
        with app.store.transaction():
            for n in range(first, min(first + batch, items)):
                topic = rnd.choice(THEMES)
                app.learning.record_learning(
                    kind=rnd.choice(kinds),
                    title=sentence(rnd, topic, 5)[:80],
                    occurred_on=today - timedelta(days=rnd.randrange(3650)),
                    what_happened=sentence(rnd, topic, 25),
                    what_helped=sentence(rnd, topic, 10) if n % 2 else "",
                    what_learned=sentence(rnd, topic, 12),
                    what_change=sentence(rnd, topic, 12),
                    themes=[topic, *rnd.sample(THEMES, rnd.randrange(2))],
                )
    return time.perf_counter() - start


def time_searches(
    app: HuddleApp, *, limit: int | None, queries: list[str] = QUERIES
) -> tuple[float, float, int]:
    """(median ms, worst ms, most rows) over the queries, after one warm-up each."""
    times, most = [], 0
    for query in queries:
        app.learning.search(text=query, limit=limit)
        start = time.perf_counter()
        found = app.learning.search(text=query, limit=limit)
        times.append((time.perf_counter() - start) * 1000)
        most = max(most, len(found))
    return statistics.median(times), max(times), most


def time_pid_scan(path: Path) -> tuple[float, int]:
    """Seconds for ``huddle pid-scan --db PATH`` in this process, and its exit code."""
    from huddle.cli.main import main as cli

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli(["pid-scan", "--db", str(path)])
    return time.perf_counter() - start, int(code or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--weeks", type=int, default=520)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-learning-"))
    clock = FixedClock(datetime(2026, 8, 6, 8, 0, tzinfo=UTC))

    log_path = folder / "log.db"
    app = HuddleApp.open(log_path, clock=clock)
    app.store.conn.execute("PRAGMA synchronous = OFF")  # a throwaway benchmark ward
    app.setup.create_ward(name="Ward 7B", site="Sample General", roster=[("Sam", "Nurse")])
    took = fill_log(app, args.items)
    print(f"recorded {args.items:,} learning items through the service in {took:.1f} s")
    median, worst, most = time_searches(app, limit=PAGE_LIMIT)
    verdict = "PASS" if median < SEARCH_TARGET_MS else "FAIL"
    print(
        f"search of {len(QUERIES)} queries as the page calls it (newest {PAGE_LIMIT:,}): "
        f"median {median:.1f} ms, worst {worst:.1f} ms, up to {most:,} rows   "
        f"[{verdict} < {SEARCH_TARGET_MS:.0f} ms]"
    )
    median, worst, most = time_searches(app, limit=None)
    print(
        f"search without a limit: median {median:.1f} ms, worst {worst:.1f} ms, up to {most:,} rows"
    )
    median, _, most = time_searches(app, limit=PAGE_LIMIT, queries=[WORST_QUERY] * 5)
    print(
        f"worst case, “{WORST_QUERY}” (in nearly every item), newest {PAGE_LIMIT}: "
        f"median {median:.1f} ms"
    )
    start = time.perf_counter()
    app.learning.search(
        text="insulin",
        kinds=[LearningKind.NEAR_MISS],
        theme="Medication",
        since=date(2025, 1, 1),
        linked=False,
        limit=PAGE_LIMIT,
    )
    print(f"search with every filter: {(time.perf_counter() - start) * 1000:.1f} ms")
    app.close()
    seconds, code = time_pid_scan(log_path)
    print(f"pid-scan of the {args.items:,}-item log: {seconds:.2f} s (exit {code})")

    from benchmarks.bench_reports import build_ward

    ward_path = folder / "ten-years.db"
    start = time.perf_counter()
    build_ward(ward_path, args.weeks, FixedClock(clock.now())).close()
    print(
        f"built a {args.weeks}-week ward in {time.perf_counter() - start:.1f} s "
        f"({ward_path.stat().st_size / 1e6:.0f} MB)"
    )
    seconds, code = time_pid_scan(ward_path)
    verdict = "PASS" if seconds < SCAN_TARGET_S else "FAIL"
    print(
        f"pid-scan of the {args.weeks}-week ward: {seconds:.2f} s (exit {code})   "
        f"[{verdict} < {SCAN_TARGET_S:.0f} s]"
    )


if __name__ == "__main__":
    main()
