"""Sync on a ten-year sample ward, through a throwaway PostgreSQL cluster. Run by hand:

    .venv/bin/python -m benchmarks.bench_sync [--weeks 520]

Targets (issue 18): the initial push of a ten-year ward < 60 s; pulling it onto
a new PC < 60 s; an incremental sync after a huddle < 1 s; a bundle of a month's
changes < 1 MB, imported in < 2 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from huddle.services import HuddleApp
from huddle.sync import feed
from huddle.sync.apply import receive
from huddle.sync.bundle import export_bundle, import_bundles
from huddle.sync.changes import known_changes
from huddle.sync.engine import sync_ward
from huddle.sync.server_schema import init_server
from tests.helpers.postgres import running_cluster


def timed(label: str, target: float, work: object) -> object:
    began = time.perf_counter()
    result = work()  # type: ignore[operator]
    took = time.perf_counter() - began
    verdict = "ok" if took < target else "OVER"
    print(f"{label}: {took:.2f} s (target < {target:g} s) {verdict}", flush=True)
    return result


def month_cutoff(app: HuddleApp) -> int:
    """This device's last sequence number before the final 30 days of the ward."""
    newest = app.store.scalar("SELECT max(at) FROM audit")
    from datetime import datetime

    edge = (datetime.fromisoformat(newest) - timedelta(days=30)).isoformat()
    seq = app.store.scalar(
        "SELECT max(c.seq) FROM sync_change c JOIN audit a ON a.id = c.audit_id WHERE a.at < ?",
        (edge,),
    )
    return int(seq or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weeks", type=int, default=520)
    args = parser.parse_args()
    from huddle.demo import build_demo

    with tempfile.TemporaryDirectory() as folder, running_cluster() as cluster:
        root = Path(folder)
        ward_db = root / "ward.db"
        began = time.perf_counter()
        build_demo(ward_db, weeks=args.weeks, seed=1)
        print(f"build_demo(weeks={args.weeks}): {time.perf_counter() - began:.1f} s")
        database = cluster.new_database()
        init_server(cluster.url(database=database))
        url_a = cluster.url(cluster.new_login(), database)
        url_b = cluster.url(cluster.new_login(), database)

        ward = HuddleApp.open(ward_db)
        changes = ward.store.scalar("SELECT count(*) FROM sync_change")
        print(f"  {changes:,} changes in the feed, database {ward_db.stat().st_size / 1e6:.1f} MB")
        timed("initial push of the ward", 60, lambda: sync_ward(ward.store, url_a))

        new_pc = HuddleApp.open(root / "new-pc.db")
        name = ward.setup.ward().name
        timed("pull the ward onto a new PC", 60, lambda: sync_ward(new_pc.store, url_b, join=name))

        huddle = ward.huddles.start_huddle()
        for person in ward.setup.people()[:6]:
            ward.huddles.record_attendance(huddle.id, person_id=person.id, present=True)
        ward.huddles.finish_huddle(huddle.id)
        result = timed("incremental sync after a huddle", 1, lambda: sync_ward(ward.store, url_a))
        print(f"  pushed {result.pushed}, pulled {result.pulled}")  # type: ignore[attr-defined]
        timed("the other PC's sync that picks it up", 1, lambda: sync_ward(new_pc.store, url_b))

        cutoff = month_cutoff(ward)
        device = feed.device_id(ward.store)
        with ward.store.transaction():
            feed.set_state(ward.store, f"exported:{ward.ward_id}:{device}", str(cutoff))
        made = export_bundle(
            ward.store,
            ward_id=ward.ward_id,
            out=root / "month.bundle",
            since_last=True,
            trust_key="bench-key",
        )
        size = made.path.stat().st_size
        verdict = "ok" if size < 1_000_000 else "OVER"
        print(
            f"bundle of the last month: {made.manifest.count:,} changes, {size / 1e3:.0f} kB "
            f"(target < 1000 kB) {verdict}"
        )
        other = HuddleApp.open(root / "other.db")
        history = [c for c in known_changes(ward.store, ward.ward_id) if c.seq <= cutoff]
        receive(other.store, history, pushed=False)
        got = timed(
            "import the month's bundle",
            2,
            lambda: import_bundles(other.store, [made.path], trust_key="bench-key"),
        )
        print(f"  applied {got.applied}, held {got.held}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
