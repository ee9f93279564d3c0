"""The safety net's costs and catch rate, for docs/reliability.md.

    .venv/bin/python -m benchmarks.run safety_net

* one manager-PIN hash at the app's scrypt cost, and what trying every
  six-digit PIN would take on one core;
* ``check --deep`` on a two-year sample ward (the app runs it before every
  backup and once a day);
* random single-bit flips in a copy of the ward: how many changed stored rows,
  and how many of those ``check --deep`` caught (it must catch all).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from huddle.deep_check import deep_check
from huddle.demo import build_demo
from huddle.services.manager import SCRYPT, _hash

FLIPS = 400


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]] | None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        dump = {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
        conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return None
    return dump


def main() -> None:
    started = time.perf_counter()
    for _ in range(3):
        _hash("482913", b"0123456789abcdef")
    one = (time.perf_counter() - started) / 3
    print(
        f"PIN hash (scrypt n={SCRYPT['n']}, r={SCRYPT['r']}): {one:.3f} s; "
        f"all 10^6 six-digit PINs on one core: {one * 1e6 / 86400:.1f} days"
    )
    with tempfile.TemporaryDirectory() as folder:
        ward = Path(folder) / "ward.db"
        build_demo(ward, weeks=104, seed=3)
        started = time.perf_counter()
        result = deep_check(ward)
        seconds = time.perf_counter() - started
        print(f"check --deep, two-year sample ward: {seconds:.2f} s, ok={result.ok}")
        conn = sqlite3.connect(ward)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        expected = _dump(ward)
        original = ward.read_bytes()
        rng = random.Random(13)
        changed = caught = 0
        flipped = Path(folder) / "flipped.db"
        for _ in range(FLIPS):
            data = bytearray(original)
            data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
            flipped.write_bytes(bytes(data))
            if _dump(flipped) != expected:
                changed += 1
                caught += not deep_check(flipped).ok
        shutil.rmtree(folder, ignore_errors=True)
    print(f"bit flips: {FLIPS} tried, {changed} changed stored rows, check --deep caught {caught}")


if __name__ == "__main__":
    main()
