"""Build the Linux package: ``dist/ward-huddle_<version>_<arch>.deb`` from the bundle.

Usage (``make deb`` runs it after ``make bundle``)::

    python installer/build_deb.py [--bundle dist/ward-huddle] [--out dist] [--work build/deb]

What goes where:

    /opt/ward-huddle/                 the PyInstaller bundle (ward-huddle, huddle, _internal/)
    /usr/bin/ward-huddle, huddle      symlinks into /opt/ward-huddle
    /usr/share/applications/          ward-huddle.desktop
    /usr/share/icons/hicolor/         the app icon, every PNG size and scalable SVG
    /etc/ward-huddle/huddle.ini       machine settings, a conffile (commented examples)
    /var/lib/ward-huddle/             made by postinst, shared by the PC's logins; kept on
                                      upgrade, removal and purge

The system libraries the bundle links to but does not carry (libc, GL, xcb...)
become ``Depends`` by asking ``ldd`` and ``dpkg -S``, so the list follows the
bundle rather than a hand-kept guess.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "installer" / "linux"
ICONS = ROOT / "resources" / "icons" / "app"
PACKAGE = "ward-huddle"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Loaded at run time (dlopen) rather than linked, so ldd cannot see them.
RUNTIME_DEPENDS = (
    "libc6",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libdbus-1-3",
)
DESCRIPTION = """\
Offline app for ward improvement huddles
 Ward Huddle lets an NHS ward team run its short safety and improvement
 huddles at a shared PC: attendance, yesterday's safety events, patients'
 feedback and overdue actions on one screen, a no-blame learning log,
 improvement actions with PDSA cycles, SPC charts of the ward's measures and
 PDF summaries for governance meetings. It never needs a network.
 .
 The ward's data lives in /var/lib/ward-huddle and is kept when the package
 is upgraded, removed or purged."""


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    with pyproject.open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def deb_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def system_libraries(bundle: Path) -> set[str]:
    """Paths outside the bundle that its programs and libraries load (per ldd)."""
    found: set[str] = set()
    missing: set[str] = set()
    # The bootloader puts _internal/ on the library path at run time; do the same.
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}
    for path in sorted(p for p in bundle.rglob("*") if is_elf(p)):
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where.startswith("not found"):
                missing.add(name)
            elif where.startswith("/"):
                target = Path(where.split(" (", 1)[0]).resolve()
                if bundle.resolve() not in target.parents:
                    found.add(str(target))
    if missing:
        raise SystemExit(
            "build_deb: the bundle links to libraries this machine lacks: "
            + ", ".join(sorted(missing))
            + "\n  install them (see .ci/run) so their packages can be named in Depends."
        )
    return found


def owning_packages(paths: set[str]) -> set[str]:
    """Debian packages that ship ``paths`` (trying the /usr-merged spellings too)."""
    packages: set[str] = set()
    for path in sorted(paths):
        candidates = [path]
        if path.startswith("/usr/lib/"):
            candidates.append(path[len("/usr") :])
        elif path.startswith("/lib/"):
            candidates.append("/usr" + path)
        for candidate in candidates:
            result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if result.returncode == 0:
                for line in result.stdout.splitlines():
                    owners = line.split(": ", 1)[0]
                    packages.update(o.strip().split(":", 1)[0] for o in owners.split(","))
                break
        else:
            print(f"build_deb: no package owns {path}; not listed in Depends", file=sys.stderr)
    return packages


def installed_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_relative_to(root / "DEBIAN"):
            continue
        total += path.lstat().st_size if path.is_file() or path.is_symlink() else 4096
    return (total + 1023) // 1024


def control_text(*, version: str, arch: str, depends: list[str], size_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Ward Huddle maintainers <ward-huddle@localhost>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def normalise_modes(root: Path) -> None:
    """Directories 0755, programs and libraries 0755, everything else 0644."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & stat.S_IXUSR
            path.chmod(0o755 if executable else 0o644)


def stage(bundle: Path, root: Path, *, version: str, arch: str) -> None:
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / PACKAGE
    shutil.copytree(bundle, opt, symlinks=True)

    usr_bin = root / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for program in ("ward-huddle", "huddle"):
        if not (opt / program).is_file():
            raise SystemExit(f"build_deb: {opt / program} is missing; run `make bundle` first")
        (usr_bin / program).symlink_to(f"/opt/{PACKAGE}/{program}")

    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(LINUX / "ward-huddle.desktop", applications / "ward-huddle.desktop")

    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(ICONS / f"ward-huddle-{size}.png", target / "ward-huddle.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ICONS / "ward-huddle.svg", hicolor / "scalable" / "apps" / "ward-huddle.svg")

    etc = root / "etc" / PACKAGE
    etc.mkdir(parents=True)
    shutil.copy2(LINUX / "huddle.ini", etc / "huddle.ini")

    doc = root / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy2(LINUX / "copyright", doc / "copyright")
    deploying = ROOT / "docs" / "deploying.md"
    if deploying.exists():
        shutil.copy2(deploying, doc / "deploying.md")

    normalise_modes(root)

    debian = root / "DEBIAN"
    debian.mkdir()
    for script in ("postinst", "prerm", "postrm"):
        shutil.copy2(LINUX / script, debian / script)
        (debian / script).chmod(0o755)
    (debian / "conffiles").write_text(f"/etc/{PACKAGE}/huddle.ini\n", encoding="utf-8")
    depends = sorted(set(RUNTIME_DEPENDS) | owning_packages(system_libraries(opt)))
    (debian / "control").write_text(
        control_text(
            version=version, arch=arch, depends=depends, size_kib=installed_size_kib(root)
        ),
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "deb")
    args = parser.parse_args(argv)

    version = project_version()
    arch = deb_architecture()
    root = args.work / f"{PACKAGE}_{version}_{arch}"
    stage(args.bundle, root, version=version, arch=arch)
    args.out.mkdir(parents=True, exist_ok=True)
    deb = args.out / f"{PACKAGE}_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--build", "--root-owner-group", "-Zxz", "-z6", str(root), str(deb)],
        check=True,
    )
    print(f"built {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
    print((root / "DEBIAN" / "control").read_text(encoding="utf-8"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
