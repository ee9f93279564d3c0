"""The packaged app against the same app run from the virtual environment (by hand).

    make bundle
    .venv/bin/python -m benchmarks.bench_bundle [--runs 7] [--bundle dist/ward-huddle]

Targets (issue 8): the bundled app starts within 1.3x of the venv app, and the
Linux bundle stays under 150 MB unpacked.

Start-up is ``ward-huddle --startup-probe``: the milliseconds from process start
until the Today page has painted (offscreen), so the bundle's own unpacking
and imports are inside the number. Runs alternate bundle and venv so that
disk-cache warmth is shared fairly; the median is compared. The command line
(``huddle --help``, wall clock) is timed the same way for information.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
START_RATIO_TARGET = 1.3
SIZE_TARGET_MB = 150.0


def bundle_size_mb(bundle: Path) -> float:
    total = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() or p.is_symlink())
    return total / 1e6


def make_ward_database(folder: Path) -> Path:
    """A sample ward: ``huddle demo`` when it is there, else a small ward via the services.

    Made by the venv's code; a bundle built from older code may refuse it (a newer
    schema): rebuild it with ``make bundle`` so both run the same code.
    """
    db = folder / "bench.db"
    demo = subprocess.run(
        [str(VENV_BIN / "huddle"), "demo", "--db", str(db), "--weeks", "12"],
        capture_output=True,
        text=True,
    )
    if demo.returncode == 0:
        return db
    db.unlink(missing_ok=True)
    from huddle.services import HuddleApp

    app = HuddleApp.open(db, actor="bench")
    app.setup.create_ward(
        name="Bench Ward",
        site="Nowhere General",
        roster=[("Asha Test", "Ward Sister"), ("Bryn Test", "Staff Nurse")],
    )
    print("  (huddle demo not available: a two-person ward made through the services)")
    return db


def probe_ms(command: Sequence[str], env: dict[str, str]) -> float:
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        raise SystemExit(
            f"bench_bundle: {' '.join(command)} failed (is the bundle older than the "
            f"source? run `make bundle`):\n{result.stderr}"
        )
    numbers = [line for line in result.stdout.split() if line.strip().lstrip("-").isdigit()]
    return float(numbers[-1])


def wall_ms(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, env=env, check=True, timeout=120)
    return (time.perf_counter() - started) * 1000


def compare(
    label: str,
    bundled: Sequence[str],
    venv: Sequence[str],
    *,
    runs: int,
    env: dict[str, str],
    measure: str,
) -> float:
    measure_fn = probe_ms if measure == "probe" else wall_ms
    measure_fn(bundled, env)  # warm the disk cache for both once
    measure_fn(venv, env)
    bundle_times, venv_times = [], []
    for _ in range(runs):
        bundle_times.append(measure_fn(bundled, env))
        venv_times.append(measure_fn(venv, env))
    b, v = statistics.median(bundle_times), statistics.median(venv_times)
    ratio = b / v
    print(f"  {label:<36} bundle {b:7.0f} ms   venv {v:7.0f} ms   ratio {ratio:4.2f}")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ward-huddle")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    bundle: Path = args.bundle
    if not (bundle / "ward-huddle").is_file():
        print(f"bench_bundle: no bundle at {bundle}; run `make bundle` first", file=sys.stderr)
        return 2

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    size = bundle_size_mb(bundle)
    print(f"Bundle {bundle}")
    print(
        f"  size unpacked                        {size:.1f} MB ({size * 1e6 / 2**20:.1f} MiB)"
        f"   target < {SIZE_TARGET_MB:.0f} MB: {'met' if size < SIZE_TARGET_MB else 'MISSED'}"
    )

    with tempfile.TemporaryDirectory() as folder:
        db = make_ward_database(Path(folder))
        start_ratio = compare(
            "ward-huddle --startup-probe (median)",
            [str(bundle / "ward-huddle"), "--db", str(db), "--startup-probe"],
            [str(VENV_BIN / "ward-huddle"), "--db", str(db), "--startup-probe"],
            runs=args.runs,
            env=env,
            measure="probe",
        )
        compare(
            "huddle --help (wall clock, median)",
            [str(bundle / "huddle"), "--help"],
            [str(VENV_BIN / "huddle"), "--help"],
            runs=args.runs,
            env=env,
            measure="wall",
        )
    verdict = "met" if start_ratio <= START_RATIO_TARGET else "MISSED"
    print(f"  start-up ratio target <= {START_RATIO_TARGET}: {verdict}")
    return 0 if start_ratio <= START_RATIO_TARGET and size < SIZE_TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
