"""Compile the Windows installer source with wixl, over the Linux bundle as a stand-in.

Usage (``make msi`` runs it, then ``check_msi.py``)::

    python installer/build_msi.py [--bundle dist/ward-huddle] [--out dist] [--work build/msi]

The real MSI is built on Windows by ``installer/windows/build.ps1`` with WiX 3.
Here the point is to prove the source compiles and that the MSI's tables say
what IT needs (per-machine, properties, upgrade code, shortcut, config, ACL).

Steps:
1. Lay the bundle out as on Windows: ``ward-huddle.exe``, ``huddle.exe`` and
   ``_internal/`` (hard links or copies of the Linux files; symlinks skipped).
2. Harvest ``_internal/`` into the ``BundleInternal`` component group with
   ``wixl-heat`` (``heat dir`` on Windows).
3. ``wixl -D Wixl=1``: the source's WiX-only parts (IniFile, PermissionEx,
   Secure properties) are skipped by ``<?ifndef var.Wixl ?>``.
4. Add those parts' tables with ``msibuild -q`` SQL, exactly as WiX would
   write them: IniFile rows, the MsiLockPermissionsEx row, the WriteIniValues
   and RemoveIniValues actions, and the secure public properties.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_deb import project_version  # noqa: E402

ROOT = HERE.parent
WXS = HERE / "windows" / "ward-huddle.wxs"
ICON = ROOT / "resources" / "icons" / "app" / "ward-huddle.ico"
PROGRAMS = ("ward-huddle", "huddle")

# What WiX 3 compiles from the <IniFile> elements (Action 0 = msidbIniFileActionAddLine).
INI_ROWS = (
    ("IniWardName", "ward_name", "[WARDNAME]", "ConfigWardName"),
    ("IniDatabase", "database", "[DATAFOLDER]ward.db", "ConfigDatabase"),
    ("IniBackupFolder", "backup_folder", "[BACKUPFOLDER]", "ConfigBackupFolder"),
)
# What WiX 3 compiles from <PermissionEx Sddl=...> under the data folder's <CreateFolder>.
DATA_FOLDER_SDDL = "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;BU)"
SECURE_PROPERTIES = ("WARDNAME", "DATAFOLDER", "BACKUPFOLDER")
# Standard sequence numbers (the ones WiX uses).
SEQUENCE_ACTIONS = (("RemoveIniValues", 3800), ("WriteIniValues", 5100))
# Component attributes wixl cannot express: 256 = 64-bit, 16 = Permanent.
PERMANENT_64BIT = 256 | 16
# Components kept on uninstall, and the condition each is installed under
# (what WiX 3 compiles from Permanent="yes" and <Condition>).
PERMANENT_COMPONENTS = {
    "DataFolder": None,
    "ConfigWardName": "WARDNAME",
    "ConfigDatabase": "DATAFOLDER_GIVEN",
    "ConfigBackupFolder": "BACKUPFOLDER",
}


def msi_version(version: str) -> str:
    """MSI ProductVersion: numeric major.minor.build (a pre-release suffix is dropped)."""
    parts = []
    for part in version.split(".")[:3]:
        leading = re.match(r"\d+", part)
        parts.append(str(int(leading.group())) if leading else "0")
    return ".".join(parts)


def stage(bundle: Path, stage_dir: Path) -> None:
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    stage_dir.mkdir(parents=True)
    for program in PROGRAMS:
        source = bundle / program
        if not source.is_file():
            source = bundle / f"{program}.exe"
        if not source.is_file():
            raise SystemExit(f"build_msi: {bundle / program} is missing; run `make bundle` first")
        shutil.copy2(source, stage_dir / f"{program}.exe")
    (stage_dir / "_internal").symlink_to((bundle / "_internal").resolve())


def harvest(internal: Path) -> str:
    files = sorted(
        str(p) for p in internal.resolve().rglob("*") if p.is_file() and not p.is_symlink()
    )
    prefix = str(internal.resolve()) + os.sep
    result = subprocess.run(
        [
            "wixl-heat",
            "--prefix",
            prefix,
            "--component-group",
            "BundleInternal",
            "--var",
            "var.InternalDir",
            "--directory-ref",
            "INTERNALDIR",
            "--win64",
        ],
        input="\n".join(files) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def sql_quote(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def post_process_queries(existing_secure: str) -> list[str]:
    queries = [
        "CREATE TABLE `IniFile` (`IniFile` CHAR(72) NOT NULL, `FileName` CHAR(255) NOT NULL "
        "LOCALIZABLE, `DirProperty` CHAR(72), `Section` CHAR(96) NOT NULL LOCALIZABLE, "
        "`Key` CHAR(128) NOT NULL LOCALIZABLE, `Value` CHAR(255) NOT NULL LOCALIZABLE, "
        "`Action` SHORT NOT NULL, `Component_` CHAR(72) NOT NULL PRIMARY KEY `IniFile`)",
        "CREATE TABLE `MsiLockPermissionsEx` (`MsiLockPermissionsEx` CHAR(72) NOT NULL, "
        "`LockObject` CHAR(72) NOT NULL, `Table` CHAR(32) NOT NULL, `SDDLText` LONGCHAR NOT "
        "NULL, `Condition` CHAR(255) PRIMARY KEY `MsiLockPermissionsEx`)",
    ]
    for row_id, key, value, component in INI_ROWS:
        queries.append(
            "INSERT INTO `IniFile` (`IniFile`, `FileName`, `DirProperty`, `Section`, `Key`, "
            "`Value`, `Action`, `Component_`) VALUES "
            f"({sql_quote(row_id)}, 'huddle.ini', 'CONFIGFOLDER', 'huddle', {sql_quote(key)}, "
            f"{sql_quote(value)}, 0, {sql_quote(component)})"
        )
    queries.append(
        "INSERT INTO `MsiLockPermissionsEx` (`MsiLockPermissionsEx`, `LockObject`, `Table`, "
        f"`SDDLText`) VALUES ('DataFolderAcl', 'DATAFOLDER', 'CreateFolder', "
        f"{sql_quote(DATA_FOLDER_SDDL)})"
    )
    for action, sequence in SEQUENCE_ACTIONS:
        queries.append(
            "INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES "
            f"({sql_quote(action)}, {sequence})"
        )
    for component, condition in PERMANENT_COMPONENTS.items():
        condition_set = f", `Condition` = {sql_quote(condition)}" if condition else ""
        queries.append(
            f"UPDATE `Component` SET `Attributes` = {PERMANENT_64BIT}{condition_set} "
            f"WHERE `Component` = {sql_quote(component)}"
        )
    # wixl writes every shortcut advertised (Target = the feature), ignoring
    # Advertise="no"; WiX 3 points a plain shortcut at the file.
    queries.append(
        "UPDATE `Shortcut` SET `Target` = '[#WardHuddleExe]' WHERE `Shortcut` = 'StartMenuShortcut'"
    )
    # wixl ignores Execute and Before on the custom action: make it an immediate
    # set-property action (type 51) just before CostFinalize, as WiX 3 does.
    queries.append("UPDATE `CustomAction` SET `Type` = 51 WHERE `Action` = 'NoteDataFolderGiven'")
    queries.append(
        "UPDATE `InstallExecuteSequence` SET `Sequence` = 999 "
        "WHERE `Action` = 'NoteDataFolderGiven'"
    )
    secure = [p for p in existing_secure.split(";") if p] + list(SECURE_PROPERTIES)
    queries.append(
        "UPDATE `Property` SET `Value` = "
        f"{sql_quote(';'.join(dict.fromkeys(secure)))} "
        "WHERE `Property` = 'SecureCustomProperties'"
    )
    return queries


def property_value(msi: Path, name: str) -> str:
    table = subprocess.run(
        ["msiinfo", "export", str(msi), "Property"], capture_output=True, text=True, check=True
    ).stdout
    for line in table.splitlines()[3:]:
        key, _, value = line.partition("\t")
        if key == name:
            return value
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ward-huddle")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "msi")
    args = parser.parse_args(argv)

    version = project_version()
    stage_dir = args.work / "ward-huddle"
    stage(args.bundle, stage_dir)
    fragment = args.work / "bundle-internal.wxs"
    fragment.write_text(harvest(stage_dir / "_internal"), encoding="utf-8")

    args.out.mkdir(parents=True, exist_ok=True)
    msi = args.out / f"ward-huddle-{version}.msi"
    msi.unlink(missing_ok=True)

    # wixl looks sources up relative to where it runs and refuses absolute paths.
    def rel(path: Path) -> str:
        return os.path.relpath(path, ROOT)

    subprocess.run(
        [
            "wixl",
            "--arch",
            "x64",
            "-D",
            "Wixl=1",
            "-D",
            "Win64=yes",
            "-D",
            f"Version={msi_version(version)}",
            "-D",
            f"BundleDir={rel(stage_dir)}",
            "-D",
            f"InternalDir={rel(stage_dir / '_internal')}",
            "-D",
            f"IconFile={rel(ICON)}",
            "-o",
            str(msi.resolve()),
            rel(WXS),
            rel(fragment),
        ],
        cwd=ROOT,
        check=True,
    )
    queries = post_process_queries(property_value(msi, "SecureCustomProperties"))
    subprocess.run(
        ["msibuild", str(msi), *(arg for query in queries for arg in ("-q", query))], check=True
    )
    print(f"built {msi} ({msi.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
