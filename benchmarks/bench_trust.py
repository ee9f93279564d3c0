"""The trust view over many wards, through a throwaway PostgreSQL cluster. Run by hand:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_trust [--wards 100] [--weeks 52]

One sample ward of ``--weeks`` is built and pushed; the server's rows are then
copied under new ward ids until it holds ``--wards`` wards (each a year's
changes, as a real ward's would be). Targets (issue 19): ``huddle trust
overview --json`` < 500 ms warm (nothing changed since the last run); the trust
view paints in < 1 s from warm. The cold refresh (every replica pulled from
nothing) is reported too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from huddle.store import open_store
from huddle.sync.engine import sync_ward
from huddle.sync.server_schema import init_server
from tests.helpers.postgres import running_cluster

_NEW_WARD = "INSERT INTO huddle_sync.ward (id, name) VALUES (%(new)s, %(name)s)"
_COPY_WARD = """
INSERT INTO huddle_sync.change (ward_id, device_id, seq, entity, entity_id, op, payload)
SELECT %(new)s, device_id, seq, entity,
       CASE WHEN entity_id = %(old)s THEN %(new)s ELSE entity_id END, op,
       replace(payload::text, %(old)s, %(new)s)::jsonb
FROM huddle_sync.change WHERE ward_id = %(old)s ORDER BY id
"""


def report(label: str, took: float, target: float | None = None) -> None:
    verdict = (
        "" if target is None else f" (target < {target:g} s) " + ("ok" if took < target else "OVER")
    )
    print(f"{label}: {took:.3f} s{verdict}", flush=True)


def copy_wards(admin_url: str, ward_id: str, count: int) -> None:
    """Fill the server with ``count`` wards, each a copy of the first under a new id."""
    import uuid

    import psycopg

    with psycopg.connect(admin_url, autocommit=False) as conn:
        for number in range(2, count + 1):
            new = uuid.uuid4().hex
            names = {"new": new, "old": ward_id, "name": f"Ward {number:03d} (sample)"}
            with conn.transaction():
                conn.execute(_NEW_WARD, names)
                conn.execute(_COPY_WARD, names)


def overview_command(url: str, cache: Path) -> float:
    """Wall time of ``huddle trust overview --json`` as IT would run it (a new process)."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "huddle.cli.main", "trust", "overview", "--server", url,
         "--cache", str(cache), "--json"],
        capture_output=True, text=True, check=True, env={**os.environ},
    )  # fmt: skip
    took = time.perf_counter() - began
    assert done.stdout.strip().startswith("["), done.stderr
    return took


def paint_time(url: str, cache: Path) -> float:
    """From showing the trust view to its table painted with every ward (warm)."""
    from PySide6.QtTest import QTest

    from ui.app import make_application
    from ui.trust.source import TrustSource
    from ui.trust.window import TrustWindow

    make_application([])
    began = time.perf_counter()
    window = TrustWindow(TrustSource(url, cache))
    window.resize(1600, 1000)
    window.show()
    while not window.overview.rows:
        QTest.qWait(5)
    window.overview.table.viewport().repaint()
    took = time.perf_counter() - began
    window.grab().save(str(cache / "bench-trust-view.png"))
    window.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wards", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=52)
    args = parser.parse_args()
    from huddle.demo import build_demo
    from huddle.trust.overview import trust_overview

    with tempfile.TemporaryDirectory() as folder, running_cluster() as cluster:
        root = Path(folder)
        database = cluster.new_database()
        admin = cluster.url(database=database)
        init_server(admin)
        ward_db = root / "ward.db"
        began = time.perf_counter()
        build_demo(ward_db, weeks=args.weeks, seed=1)
        report(f"build_demo(weeks={args.weeks})", time.perf_counter() - began)
        with open_store(ward_db) as store:
            began = time.perf_counter()
            result = sync_ward(store, cluster.url(cluster.new_login(), database))
            report(f"push the first ward ({result.pushed:,} changes)", time.perf_counter() - began)
        began = time.perf_counter()
        copy_wards(admin, result.ward_id, args.wards)
        report(f"copy it to {args.wards} wards on the server", time.perf_counter() - began)
        reader = cluster.new_login("reader")
        cluster.admin(f"REVOKE huddle_device FROM {reader}; GRANT huddle_reader TO {reader}")
        url, cache = cluster.url(reader, database), root / "trust-cache"

        began = time.perf_counter()
        rows = trust_overview(url, cache)
        report(f"cold refresh and overview of {len(rows)} wards", time.perf_counter() - began)
        for run in (1, 2, 3):
            began = time.perf_counter()
            trust_overview(url, cache)
            report(f"warm overview in process, run {run}", time.perf_counter() - began, 0.5)
        for run in (1, 2, 3):
            report(f"warm 'huddle trust overview --json' (new process), run {run}",
                   overview_command(url, cache), 0.5)  # fmt: skip
        for run in (1, 2):
            report(f"the trust view paints, warm, run {run}", paint_time(url, cache), 1.0)


if __name__ == "__main__":
    main()
