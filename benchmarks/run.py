"""Run every benchmark in turn: each ``benchmarks/bench_*.py`` module's ``main()``.

    .venv/bin/python -m benchmarks.run [NAME ...]

With names (``core``, ``bench_spc``...) only those run. A module that fails to
import is skipped with the reason printed; one that fails while running is
reported and the rest still run. Exits 1 if any benchmark could not run.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover(wanted: Sequence[str] = ()) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if wanted:
        chosen = {w if w.startswith("bench_") else f"bench_{w}" for w in wanted}
        names = [n for n in names if n in chosen]
    return names


def run_one(name: str) -> bool:
    print(f"\n=== {name} ===", flush=True)
    try:
        module = importlib.import_module(f"benchmarks.{name}")
    except Exception as error:  # any import problem means "skip it"
        print(f"skipped: could not import {name}: {type(error).__name__}: {error}")
        return False
    main = getattr(module, "main", None)
    if not callable(main):
        print(f"skipped: {name} has no main()")
        return False
    saved_argv = sys.argv
    sys.argv = [f"{name}.py"]  # each main() parses its own (default) options
    began = time.perf_counter()
    try:
        result = main()
    except SystemExit as stop:
        result = stop.code
    except Exception:  # report it and carry on with the others
        traceback.print_exc()
        print(f"{name} failed after {time.perf_counter() - began:.1f} s")
        return False
    finally:
        sys.argv = saved_argv
    print(f"--- {name} finished in {time.perf_counter() - began:.1f} s", flush=True)
    return result in (None, 0)


def main(argv: Sequence[str] | None = None) -> int:
    names = discover(sys.argv[1:] if argv is None else argv)
    if not names:
        print("no benchmarks found")
        return 1
    results = {name: run_one(name) for name in names}
    failed = [n for n, ok in results.items() if not ok]
    print(
        f"\n{len(results) - len(failed)} of {len(results)} benchmarks ran"
        + (f"; not run or failed: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
