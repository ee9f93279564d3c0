"""The WiX source, what build_msi.py adds for wixl, and the MSI table checks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import build_msi
import check_msi
import pytest

from huddle import config
from tests.installer.conftest import INSTALLER

WXS = INSTALLER / "windows" / "ward-huddle.wxs"
NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}


@pytest.fixture(scope="module")
def product() -> ET.Element:
    root = ET.parse(WXS).getroot()  # well-formed XML (the <?if?> are processing instructions)
    assert root.tag == "{http://schemas.microsoft.com/wix/2006/wi}Wix"  # WiX 3, as wixl reads
    found = root.find("w:Product", NS)
    assert found is not None
    return found


def test_upgrade_code_is_the_fixed_one(product: ET.Element) -> None:
    assert "{" + product.get("UpgradeCode", "") + "}" == check_msi.UPGRADE_CODE
    assert product.get("Id") == "*"  # a new product code for every build: a major upgrade
    assert product.find("w:MajorUpgrade", NS) is not None


def test_per_machine_package(product: ET.Element) -> None:
    package = product.find("w:Package", NS)
    assert package is not None
    assert package.get("InstallScope") == "perMachine"  # ALLUSERS=1
    assert int(package.get("InstallerVersion", "0")) >= 500  # MsiLockPermissionsEx


def test_public_properties_are_secure(product: ET.Element) -> None:
    secure = {p.get("Id") for p in product.iter(f"{{{NS['w']}}}Property") if p.get("Secure")}
    assert {"WARDNAME", "BACKUPFOLDER"} <= secure
    assert set(build_msi.SECURE_PROPERTIES) == {"WARDNAME", "DATAFOLDER", "BACKUPFOLDER"}


def directory(product: ET.Element, dir_id: str) -> ET.Element:
    for element in product.iter(f"{{{NS['w']}}}Directory"):
        if element.get("Id") == dir_id:
            return element
    raise AssertionError(f"no Directory {dir_id}")


def test_machine_config_folder_is_where_the_app_reads_it(product: ET.Element) -> None:
    common = directory(product, "CommonAppDataFolder")
    config_dir = directory(product, "CONFIGFOLDER")
    assert config_dir in list(common)
    assert config_dir.get("Name") == config.APP_NAME  # C:\ProgramData\WardHuddle
    assert directory(product, "DATAFOLDER") in list(config_dir)


def components(product: ET.Element) -> dict[str, ET.Element]:
    return {c.get("Id", ""): c for c in product.iter(f"{{{NS['w']}}}Component")}


def test_ini_entries_match_the_settings_and_the_wixl_rows(product: ET.Element) -> None:
    ini_keys = {spec.ini for spec in config.SETTINGS}
    from_source = {
        (ini.get("Id"), ini.get("Key"), ini.get("Value"), component_id)
        for component_id, component in components(product).items()
        for ini in component.findall("w:IniFile", NS)
    }
    assert from_source == set(build_msi.INI_ROWS)
    for _id, key, _value, _component in from_source:
        assert key in ini_keys
    for ini in product.iter(f"{{{NS['w']}}}IniFile"):
        assert ini.get("Name") == "huddle.ini"
        assert ini.get("Section") == config.INI_SECTION
        assert ini.get("Directory") == "CONFIGFOLDER"


def test_kept_components_and_their_conditions_match_the_wixl_rows(product: ET.Element) -> None:
    by_id = components(product)
    for component_id, condition in build_msi.PERMANENT_COMPONENTS.items():
        component = by_id[component_id]
        assert component.get("Permanent") == "yes"
        found = component.find("w:Condition", NS)
        assert (found.text if found is not None else None) == condition


def test_data_folder_is_users_writable_and_never_removed(product: ET.Element) -> None:
    data = components(product)["DataFolder"]
    permission = data.find("w:CreateFolder/w:PermissionEx", NS)
    assert permission is not None
    assert permission.get("Sddl") == build_msi.DATA_FOLDER_SDDL
    assert "(A;OICI;0x1301bf;;;BU)" in build_msi.DATA_FOLDER_SDDL  # Users: modify, inherited
    assert not list(product.iter(f"{{{NS['w']}}}RemoveFolder"))


def test_start_menu_shortcut_to_the_desktop_app(product: ET.Element) -> None:
    shortcuts = list(product.iter(f"{{{NS['w']}}}Shortcut"))
    assert [s.get("Directory") for s in shortcuts] == ["ProgramMenuFolder"]
    exe = next(f for f in product.iter(f"{{{NS['w']}}}File") if f.get("Id") == "WardHuddleExe")
    assert exe.get("Name") == "ward-huddle.exe"
    assert shortcuts[0] in list(exe)


def test_wix_only_blocks_are_balanced() -> None:
    text = re.sub(r"<!--.*?-->", "", WXS.read_text(encoding="utf-8"), flags=re.S)
    opened = len(re.findall(r"<\?if(n?def)? ", text))
    closed = len(re.findall(r"<\?endif \?>", text))
    assert opened == closed > 0
    # wixl fails on elements it does not know; each must sit in a WiX-only block.
    for element in ("IniFile", "PermissionEx", "Condition"):
        for match in re.finditer(rf"<{element}\b", text):
            before = text[: match.start()]
            assert before.rfind("<?ifndef var.Wixl ?>") > before.rfind("<?endif ?>"), element


@pytest.mark.parametrize(
    ("version", "expected"), [("0.1.0", "0.1.0"), ("1.2", "1.2"), ("2.0.0rc1", "2.0.0")]
)
def test_msi_version(version: str, expected: str) -> None:
    assert build_msi.msi_version(version) == expected


def good_tables() -> dict[str, check_msi.Table]:
    code = check_msi.UPGRADE_CODE
    return {
        "Property": [
            {"Property": "ALLUSERS", "Value": "1"},
            {"Property": "UpgradeCode", "Value": code},
            {"Property": "ProductVersion", "Value": "0.1.0"},
            {
                "Property": "SecureCustomProperties",
                "Value": "WIX_UPGRADE_DETECTED;WARDNAME;DATAFOLDER;BACKUPFOLDER",
            },
        ],
        "Upgrade": [{"UpgradeCode": code, "ActionProperty": "WIX_UPGRADE_DETECTED"}],
        "InstallExecuteSequence": [
            {"Action": a}
            for a in (
                "FindRelatedProducts",
                "RemoveExistingProducts",
                "WriteIniValues",
                "RemoveIniValues",
                "CreateShortcuts",
            )
        ],
        "Shortcut": [{"Directory_": "ProgramMenuFolder", "Target": "[#WardHuddleExe]"}],
        "IniFile": [
            {
                "Key": key,
                "Value": value,
                "FileName": "huddle.ini",
                "DirProperty": "CONFIGFOLDER",
                "Section": "huddle",
            }
            for _id, key, value, _component in build_msi.INI_ROWS
        ],
        "Directory": [
            {
                "Directory": "CONFIGFOLDER",
                "Directory_Parent": "CommonAppDataFolder",
                "DefaultDir": "WardHuddle",
            },
            {"Directory": "DATAFOLDER", "Directory_Parent": "CONFIGFOLDER", "DefaultDir": "."},
        ],
        "Component": [
            {"Component": c, "Attributes": "272", "Condition": cond or ""}
            for c, cond in build_msi.PERMANENT_COMPONENTS.items()
        ],
        "CreateFolder": [{"Directory_": "DATAFOLDER", "Component_": "DataFolder"}],
        "RemoveFile": [],
        "MsiLockPermissionsEx": [
            {
                "LockObject": "DATAFOLDER",
                "Table": "CreateFolder",
                "SDDLText": build_msi.DATA_FOLDER_SDDL,
            }
        ],
        "File": [{"FileName": "ward-huddle.exe"}, {"FileName": "huddle.exe"}],
    }


def test_table_checks_pass_a_good_msi() -> None:
    results = check_msi.checks(good_tables(), version="0.1.0", template="x64;1033")
    assert [d for d, ok in results if not ok] == []


def test_table_checks_catch_a_per_user_msi_without_the_ward_name() -> None:
    tables = good_tables()
    tables["Property"] = [p for p in tables["Property"] if p["Property"] != "ALLUSERS"]
    tables["IniFile"] = [r for r in tables["IniFile"] if r["Key"] != "ward_name"]
    failed = [
        d for d, ok in check_msi.checks(tables, version="0.1.0", template="x64;1033") if not ok
    ]
    assert any("ALLUSERS" in d for d in failed)
    assert any("ward_name" in d for d in failed)


def test_parse_export_reads_msiinfo_idt_text() -> None:
    text = "Property\tValue\ns72\tl0\nProperty\tProperty\nALLUSERS\t1\nProductName\tWard Huddle\n"
    assert check_msi.parse_export(text) == [
        {"Property": "ALLUSERS", "Value": "1"},
        {"Property": "ProductName", "Value": "Ward Huddle"},
    ]
