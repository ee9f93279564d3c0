"""Check a built bundle: both programs, resources, nothing trimmed left, every library found.

Usage (``make bundle`` runs it)::

    python installer/check_bundle.py [dist/ward-huddle] [--limit-mb 150]

Fails (exit 1) when a program or the resources are missing, when a Qt file
that ``bundle_trim.keep`` drops is still there, when a library in the bundle
links to something neither the bundle nor this machine has (Linux, via ldd),
or when the bundle is larger than the ceiling (what an untrimmed Qt would
weigh). Above the 150 MB target it only warns, so that a new dependency does
not stop CI; benchmarks/bench_bundle.py reports the size against the target.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bundle_trim  # noqa: E402

PROGRAMS = ("ward-huddle", "huddle")
SIZE_TARGET_MB = 150.0  # issue 8: the Linux bundle stays under 150 MB unpacked
SIZE_CEILING_MB = 175.0  # an untrimmed Qt (every plugin, QML, translations) is ~180 MB


def bundle_size(bundle: Path) -> int:
    return sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() or p.is_symlink())


def internal_dir(bundle: Path) -> Path:
    internal = bundle / "_internal"
    return internal if internal.is_dir() else bundle


def missing_programs(bundle: Path) -> list[str]:
    suffix = ".exe" if sys.platform == "win32" else ""
    return [name for name in PROGRAMS if not os.access(bundle / f"{name}{suffix}", os.X_OK)]


def untrimmed_files(bundle: Path) -> list[str]:
    internal = internal_dir(bundle)
    left = []
    for path in internal.rglob("*"):
        if path.is_file() or path.is_symlink():
            dest = path.relative_to(internal).as_posix()
            if not bundle_trim.keep(dest):
                left.append(dest)
    return sorted(left)


def unresolved_libraries(bundle: Path) -> list[str]:
    """``file: library`` for every link ldd cannot resolve (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal_dir(bundle))}
    problems = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            if "not found" in line:
                name = line.strip().split(" ", 1)[0]
                problems.append(f"{path.relative_to(bundle)}: {name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, nargs="?", default=Path("dist/ward-huddle"))
    parser.add_argument("--target-mb", type=float, default=SIZE_TARGET_MB)
    parser.add_argument("--ceiling-mb", type=float, default=SIZE_CEILING_MB)
    args = parser.parse_args(argv)
    bundle: Path = args.bundle

    problems: list[str] = []
    if not bundle.is_dir():
        print(f"check_bundle: {bundle} does not exist; run `make bundle`", file=sys.stderr)
        return 1
    problems += [f"program missing: {name}" for name in missing_programs(bundle)]
    icon = internal_dir(bundle) / "resources" / "icons" / "app" / "ward-huddle.svg"
    if not icon.is_file():
        problems.append(f"resources missing: {icon.relative_to(bundle)}")
    problems += [f"should have been left out: {dest}" for dest in untrimmed_files(bundle)]
    problems += [f"library not found: {item}" for item in unresolved_libraries(bundle)]

    size_mb = bundle_size(bundle) / 1e6
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    print(
        f"bundle {bundle}: {size_mb:.1f} MB ({size_mb * 1e6 / 2**20:.1f} MiB) unpacked "
        f"in {files} files (target {args.target_mb:.0f} MB)"
    )
    if size_mb > args.ceiling_mb:
        problems.append(f"bundle is {size_mb:.1f} MB, over the {args.ceiling_mb:.0f} MB ceiling")
    elif size_mb > args.target_mb:
        print(f"check_bundle: WARNING: over the {args.target_mb:.0f} MB target", file=sys.stderr)

    for problem in problems:
        print(f"check_bundle: {problem}", file=sys.stderr)
    if not problems:
        print("check_bundle: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
