"""Machine and user settings: declared once, resolved in a fixed order.

First found wins: command-line option, environment variable, Windows machine
policy (``HKLM\\SOFTWARE\\Policies\\WardHuddle``), the machine config file
(``huddle.ini`` in the machine config folder), the user config file, then the
built-in default. ``huddle config --show`` prints each value and its source.

A ward's data belongs to the PC, not to whoever logged in: the default
database lives in the machine-wide data folder, falling back to the user's
data folder only when the machine one cannot be written.
"""

from __future__ import annotations

import configparser
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from huddle.errors import HuddleError

if TYPE_CHECKING:
    from huddle.identifiers import IdentifierGuard

APP_NAME = "WardHuddle"
INI_SECTION = "huddle"
POLICY_KEY = r"SOFTWARE\Policies\WardHuddle"
log = logging.getLogger(__name__)
TRUE_WORDS = frozenset({"1", "on", "yes", "true"})


class SettingsError(HuddleError):
    """A setting IT gave cannot be used as written (for example a malformed pattern)."""

    code = "settings"


@dataclass(frozen=True)
class SettingSpec:
    name: str
    env: str
    ini: str
    policy: str
    label: str
    section: str = "huddle"  # the huddle.ini section it is read from
    secret: bool = False  # never printed by ``huddle config --show``


SETTINGS = (
    SettingSpec("db", "HUDDLE_DB", "database", "Database", "Ward database file"),
    SettingSpec(
        "backup_dir", "HUDDLE_BACKUP_DIR", "backup_folder", "BackupFolder", "Folder for backups"
    ),
    SettingSpec(
        "ward_name", "HUDDLE_WARD_NAME", "ward_name", "WardName", "Ward name offered on first run"
    ),
    SettingSpec("log_dir", "HUDDLE_LOG_DIR", "log_folder", "LogFolder", "Folder for logs"),
    SettingSpec(
        "id_patterns",
        "HUDDLE_ID_PATTERNS",
        "identifier_patterns",
        "IdentifierPatterns",
        "Extra identifier patterns (name | label | regex)",
    ),
    # The trust's sync server (issue 18): a libpq URL without a password (the
    # password comes from the PC's pgpass or service file), and the bundle key.
    SettingSpec(
        "server", "HUDDLE_SERVER", "server", "SyncServer", "Trust sync server", section="sync"
    ),
    SettingSpec(
        "trust_key",
        "HUDDLE_TRUST_KEY",
        "trust_key",
        "TrustKey",
        "Key that signs bundle files",
        section="sync",
        secret=True,
    ),
    # The trust view (issue 19): where a trust PC keeps its ward replicas, whether
    # this PC shows the trust view at all (ward PCs do not), and matron's groups.
    SettingSpec(
        "trust_cache_dir",
        "HUDDLE_TRUST_CACHE_DIR",
        "trust_cache_folder",
        "TrustCacheFolder",
        "Folder for the trust's ward replicas",
        section="trust",
    ),
    SettingSpec(
        "trust_view",
        "HUDDLE_TRUST_VIEW",
        "trust_view",
        "TrustView",
        "Show the trust view",
        section="trust",
    ),  # fmt: skip
    SettingSpec(
        "trust_groups",
        "HUDDLE_TRUST_GROUPS",
        "trust_groups",
        "TrustGroups",
        "Matrons' groups of wards (group: ward, ward; group: ...)",
        section="trust",
    ),
    SettingSpec(
        "id_checks_off",
        "HUDDLE_ID_CHECKS_OFF",
        "identifier_checks_off",
        "IdentifierChecksOff",
        "Identifier checks switched off (comma-separated kinds)",
    ),
    # The trust's tiered huddles a ward escalates to (#19), lowest first.
    SettingSpec(
        "escalation_tiers",
        "HUDDLE_ESCALATION_TIERS",
        "escalation_tiers",
        "EscalationTiers",
        "Tiers a ward escalates to (comma-separated, lowest first)",
    ),
)
DEFAULT_ESCALATION_TIERS = ("Site", "Division", "Executive")
SPECS = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Resolved:
    value: str | None
    source: str  # "command line", "environment (HUDDLE_DB)", "default", ...


@dataclass(frozen=True)
class EffectiveSettings:
    values: Mapping[str, Resolved]

    def source(self, name: str) -> str:
        return self.values[name].source

    def raw(self, name: str) -> str | None:
        return self.values[name].value

    @property
    def db_path(self) -> Path:
        value = self.raw("db")
        assert value is not None
        return Path(value).expanduser()

    @property
    def backup_dir(self) -> Path:
        value = self.raw("backup_dir")
        return Path(value).expanduser() if value else self.db_path.parent / "backups"

    @property
    def ward_name(self) -> str | None:
        return self.raw("ward_name") or None

    @property
    def log_dir(self) -> Path:
        value = self.raw("log_dir")
        return (
            Path(value).expanduser()
            if value
            else platformdirs.user_log_path(APP_NAME, appauthor=False)
        )

    @property
    def id_patterns(self) -> str:
        return self.raw("id_patterns") or ""

    @property
    def server(self) -> str | None:
        return self.raw("server") or None

    @property
    def trust_key(self) -> str | None:
        return self.raw("trust_key") or None

    @property
    def id_checks_off(self) -> str:
        return self.raw("id_checks_off") or ""

    @property
    def trust_cache_dir(self) -> Path:
        value = self.raw("trust_cache_dir")
        return Path(value).expanduser() if value else self.db_path.parent / "trust-cache"

    @property
    def trust_view(self) -> bool:
        return (self.raw("trust_view") or "").strip().casefold() in TRUE_WORDS

    @property
    def trust_groups(self) -> str:
        return self.raw("trust_groups") or ""

    @property
    def escalation_tiers(self) -> tuple[str, ...]:
        return parse_tiers(self.raw("escalation_tiers") or "")

    def describe(self) -> list[tuple[str, str, str]]:
        """(setting, value, source) rows for ``huddle config --show``."""
        from huddle.sync.address import without_password

        shown = {
            "db": str(self.db_path),
            "backup_dir": str(self.backup_dir),
            "ward_name": self.ward_name or "",
            "log_dir": str(self.log_dir),
            "id_patterns": self.id_patterns.replace("\n", "; "),
            "server": without_password(self.server or ""),
            "trust_key": "(set)" if self.trust_key else "",
            "id_checks_off": self.id_checks_off,
            "trust_cache_dir": str(self.trust_cache_dir),
            "trust_view": "on" if self.trust_view else "off",
            "trust_groups": self.trust_groups.replace("\n", "; "),
            "escalation_tiers": ", ".join(self.escalation_tiers),
        }
        return [(name, shown[name], self.source(name)) for name in SPECS]


def parse_tiers(text: str) -> tuple[str, ...]:
    """ "Site, Division,, Executive" -> ("Site", "Division", "Executive"): the
    trust's tier names in order, each once; the default when none are given."""
    names: list[str] = []
    for part in text.replace("\n", ",").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return tuple(names) or DEFAULT_ESCALATION_TIERS


def identifier_guard(settings: EffectiveSettings | None = None) -> IdentifierGuard:
    """The identifier guard with this PC's settings: extra patterns, checks switched off.

    A malformed pattern or an unknown check name raises :class:`SettingsError`
    saying which setting and why: the checks are never quietly skipped.
    """
    from huddle.identifiers import IdentifierGuard, parse_extra_patterns, parse_switched_off

    settings = settings or load_settings()
    try:
        extra = parse_extra_patterns(settings.id_patterns)
    except ValueError as error:
        raise SettingsError(
            f"The identifier_patterns setting ({settings.source('id_patterns')}) is wrong: "
            f"{error}. Correct it; exports and saving text are refused until then."
        ) from None
    try:
        off = parse_switched_off(settings.id_checks_off)
    except ValueError as error:
        raise SettingsError(
            f"The identifier_checks_off setting ({settings.source('id_checks_off')}) is wrong: "
            f"{error}."
        ) from None
    return IdentifierGuard(extra_patterns=extra, switched_off=off)


def settings_problems(settings: EffectiveSettings) -> list[str]:
    """Every setting that cannot be used as it stands, in one line each."""
    try:
        identifier_guard(settings)
    except SettingsError as error:
        return [error.message]
    return []


def machine_config_file() -> Path:
    if sys.platform.startswith("linux"):
        return Path("/etc/ward-huddle/huddle.ini")
    return platformdirs.site_config_path(APP_NAME, appauthor=False) / "huddle.ini"


def user_config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "huddle.ini"


def machine_data_dir() -> Path:
    if sys.platform.startswith("linux"):
        return Path("/var/lib/ward-huddle")
    return platformdirs.site_data_path(APP_NAME, appauthor=False)


def _writable_dir(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK)


def default_data_dir(machine_dir: Path | None = None) -> Path:
    """The machine-wide data folder when it can be written, else the user's."""
    machine = machine_dir if machine_dir is not None else machine_data_dir()
    if _writable_dir(machine):
        return machine
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def read_ini(path: Path, section: str = INI_SECTION) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, configparser.Error):
        return {}
    if not parser.has_section(section):
        return {}
    return {k: v for k, v in parser.items(section)}


def read_windows_policy() -> dict[str, str]:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return {}
    import winreg

    found: dict[str, str] = {}
    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY)
    except OSError:
        return found
    with key:
        for spec in SETTINGS:
            try:
                value, _kind = winreg.QueryValueEx(key, spec.policy)
            except OSError:
                continue
            # a multi-line value (REG_MULTI_SZ) arrives as a list: one entry a line
            found[spec.policy] = "\n".join(value) if isinstance(value, list) else str(value)
    return found


def load_settings(
    *,
    cli: Mapping[str, str | os.PathLike[str] | None] | None = None,
    env: Mapping[str, str] | None = None,
    policy: Callable[[], Mapping[str, str]] = read_windows_policy,
    machine_ini: Path | None = None,
    user_ini: Path | None = None,
    data_dir: Callable[[], Path] = default_data_dir,
) -> EffectiveSettings:
    """Resolve every setting; each source can be replaced for tests."""
    cli = cli or {}
    env = os.environ if env is None else env
    policy_values = policy()
    machine_path = machine_ini or machine_config_file()
    user_path = user_ini or user_config_file()
    sections = {spec.section for spec in SETTINGS}
    machine_ini_values = {name: read_ini(machine_path, name) for name in sections}
    user_ini_values = {name: read_ini(user_path, name) for name in sections}
    resolved: dict[str, Resolved] = {}
    for spec in SETTINGS:
        machine_values = machine_ini_values[spec.section]
        user_values = user_ini_values[spec.section]
        candidates: list[tuple[str | os.PathLike[str] | None, str]] = [
            (cli.get(spec.name), "command line"),
            (env.get(spec.env), f"environment ({spec.env})"),
            (policy_values.get(spec.policy), f"Windows policy ({spec.policy})"),
            (machine_values.get(spec.ini), f"machine config ({machine_path})"),
            (user_values.get(spec.ini), f"user config ({user_path})"),
        ]
        for value, source in candidates:
            if value is not None and value != "":
                resolved[spec.name] = Resolved(os.fspath(value), source)
                break
        else:
            resolved[spec.name] = Resolved(None, "default")
    if resolved["db"].value is None:
        resolved["db"] = Resolved(str(data_dir() / "ward.db"), "default")
    return EffectiveSettings(resolved)
