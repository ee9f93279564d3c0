"""Check an MSI's tables say what hospital IT needs (``make msi`` runs it).

Usage::

    python installer/check_msi.py dist/ward-huddle-0.1.0.msi

Reads the tables with ``msiinfo export`` (Debian msitools) and checks: a
per-machine install (ALLUSERS=1, 64-bit), the fixed upgrade code and a major
upgrade, the public properties IT sets (secure, so they reach the elevated
install), the machine config rows they write, the Start-menu shortcut, both
programs, and a permanent, Users-writable data folder. Prints one line per
check and exits 1 if any fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_deb import project_version  # noqa: E402
from build_msi import msi_version  # noqa: E402

# Generated once; every version of Ward Huddle carries it. Never change it.
UPGRADE_CODE = "{8E4C7B52-1F3A-4D6B-9C2E-5A7D0F9B3E61}"
PUBLIC_PROPERTIES = ("WARDNAME", "DATAFOLDER", "BACKUPFOLDER")
PERMANENT = 16  # msidbComponentAttributesPermanent
TABLES = (
    "Property",
    "Upgrade",
    "InstallExecuteSequence",
    "Shortcut",
    "IniFile",
    "Directory",
    "Component",
    "CreateFolder",
    "RemoveFile",
    "MsiLockPermissionsEx",
    "File",
)

Table = list[dict[str, str]]


def parse_export(text: str) -> Table:
    """Rows of an ``msiinfo export`` (.idt) text: names, types, key line, then rows."""
    lines = text.splitlines()
    if len(lines) < 3:
        return []
    names = lines[0].split("\t")
    rows = []
    for line in lines[3:]:
        values = line.split("\t")
        rows.append(dict(zip(names, values + [""] * (len(names) - len(values)), strict=True)))
    return rows


def load_tables(msi: Path) -> dict[str, Table]:
    present = subprocess.run(
        ["msiinfo", "tables", str(msi)], capture_output=True, text=True, check=True
    ).stdout.split()
    tables: dict[str, Table] = {}
    # msiinfo writes a table's binary streams (the Icon table's) into the
    # working folder: keep them out of the source tree
    with tempfile.TemporaryDirectory() as scratch:
        for name in TABLES:
            if name not in present:
                tables[name] = []
                continue
            text = subprocess.run(
                ["msiinfo", "export", str(msi.resolve()), name],
                capture_output=True,
                text=True,
                check=True,
                cwd=scratch,
            ).stdout
            tables[name] = parse_export(text)
    return tables


def summary_template(msi: Path) -> str:
    text = subprocess.run(
        ["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True
    ).stdout
    for line in text.splitlines():
        if line.startswith("Template:"):
            return line.split(":", 1)[1].strip()
    return ""


def checks(tables: dict[str, Table], *, version: str, template: str) -> list[tuple[str, bool]]:
    """(description, passed) for every rule the MSI must meet."""
    props = {row["Property"]: row["Value"] for row in tables["Property"]}
    secure = set(props.get("SecureCustomProperties", "").split(";"))
    sequence = {row["Action"]: row for row in tables["InstallExecuteSequence"]}
    ini = {row["Key"]: row for row in tables["IniFile"]}
    dirs = {row["Directory"]: row for row in tables["Directory"]}
    components = {row["Component"]: row for row in tables["Component"]}
    files = {row["FileName"].split("|")[-1] for row in tables["File"]}

    def has(predicate: Callable[[], bool]) -> bool:
        try:
            return bool(predicate())
        except (KeyError, ValueError):
            return False

    results = [
        ("Property ALLUSERS = 1 (per-machine)", props.get("ALLUSERS") == "1"),
        ("Summary template x64;1033 (64-bit)", template == "x64;1033"),
        (f"Property UpgradeCode = {UPGRADE_CODE}", props.get("UpgradeCode") == UPGRADE_CODE),
        (f"Property ProductVersion = {version}", props.get("ProductVersion") == version),
        (
            "Upgrade table: older versions detected (WIX_UPGRADE_DETECTED) and removed",
            any(
                r["UpgradeCode"] == UPGRADE_CODE and r["ActionProperty"] == "WIX_UPGRADE_DETECTED"
                for r in tables["Upgrade"]
            )
            and "RemoveExistingProducts" in sequence
            and "FindRelatedProducts" in sequence,
        ),
        (
            "Public properties are secure: " + ", ".join(PUBLIC_PROPERTIES),
            all(p in secure for p in PUBLIC_PROPERTIES),
        ),
        (
            "Directory CONFIGFOLDER = [CommonAppDataFolder]WardHuddle",
            has(
                lambda: (
                    dirs["CONFIGFOLDER"]["Directory_Parent"] == "CommonAppDataFolder"
                    and dirs["CONFIGFOLDER"]["DefaultDir"] == "WardHuddle"
                )
            ),
        ),
        ("Directory DATAFOLDER (settable, defaults to CONFIGFOLDER)", "DATAFOLDER" in dirs),
    ]
    for key, value in (
        ("ward_name", "[WARDNAME]"),
        ("database", "[DATAFOLDER]ward.db"),
        ("backup_folder", "[BACKUPFOLDER]"),
    ):
        results.append(
            (
                f"IniFile huddle.ini [huddle] {key} = {value}",
                has(
                    lambda key=key, value=value: (
                        ini[key]["Value"] == value
                        and ini[key]["FileName"].split("|")[-1] == "huddle.ini"
                        and ini[key]["DirProperty"] == "CONFIGFOLDER"
                        and ini[key]["Section"] == "huddle"
                    )
                ),
            )
        )
    results += [
        (
            "IniFile values written and removed in sequence (WriteIniValues)",
            "WriteIniValues" in sequence and "RemoveIniValues" in sequence,
        ),
        (
            "Shortcut in the Start menu to ward-huddle.exe",
            any(
                r["Directory_"] == "ProgramMenuFolder" and r["Target"] == "[#WardHuddleExe]"
                for r in tables["Shortcut"]
            )
            and "CreateShortcuts" in sequence,
        ),
        ("File ward-huddle.exe and huddle.exe", {"ward-huddle.exe", "huddle.exe"} <= files),
        (
            "Component DataFolder is permanent (kept on uninstall)",
            has(lambda: int(components["DataFolder"]["Attributes"]) & PERMANENT),
        ),
        (
            "Machine config components are permanent and installed only when given",
            has(
                lambda: all(
                    int(components[c]["Attributes"]) & PERMANENT and components[c]["Condition"]
                    for c in ("ConfigWardName", "ConfigDatabase", "ConfigBackupFolder")
                )
            ),
        ),
        (
            "Data folder is created and never removed",
            any(r["Directory_"] == "DATAFOLDER" for r in tables["CreateFolder"])
            and not any(
                r.get("DirProperty") in ("DATAFOLDER", "CONFIGFOLDER") for r in tables["RemoveFile"]
            ),
        ),
        (
            "MsiLockPermissionsEx: Users (BU) may modify the data folder, inherited (OICI)",
            any(
                r["LockObject"] == "DATAFOLDER"
                and r["Table"] == "CreateFolder"
                and "(A;OICI;0x1301bf;;;BU)" in r["SDDLText"]
                for r in tables["MsiLockPermissionsEx"]
            ),
        ),
    ]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("msi", type=Path)
    args = parser.parse_args(argv)
    if not args.msi.is_file():
        print(f"check_msi: {args.msi} does not exist; run `make msi`", file=sys.stderr)
        return 1
    results = checks(
        load_tables(args.msi),
        version=msi_version(project_version()),
        template=summary_template(args.msi),
    )
    for description, passed in results:
        print(f"  {'ok  ' if passed else 'FAIL'} {description}")
    failed = sum(1 for _d, passed in results if not passed)
    print(f"check_msi: {args.msi.name}: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
