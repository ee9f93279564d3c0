"""Where a ward's backups are written and where to look for them: one precedence.

1. the ward's own choice (the ``backup_folder`` preference, set in Settings);
2. the PC's setting (``backup_dir``: IT's config file, policy or environment);
3. a ``backups`` folder beside the database.

The app's daily backup writes to the first that applies; restore and start-up
recovery look in all of them (the ward's choice is unreadable when the database
itself is damaged, so recovery starts from the PC's setting).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from huddle.config import load_settings


def beside(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def machine_backup_dir(db_path: Path) -> Path:
    """The PC's backup folder setting, else the folder beside the database."""
    return load_settings(cli={"db": str(db_path)}).backup_dir


def backup_folder(db_path: Path, ward_choice: str | None, *, machine: Path | None = None) -> Path:
    """Where this ward's backups are written (``machine``: the PC's setting, if known)."""
    if ward_choice:
        return Path(ward_choice).expanduser()
    return machine if machine is not None else machine_backup_dir(db_path)


def backup_folders(
    db_path: Path, ward_choice: str | None, *, also: Iterable[Path] = ()
) -> list[Path]:
    """Every folder that may hold this ward's backups, in order of precedence, each once."""
    folders = [backup_folder(db_path, ward_choice), machine_backup_dir(db_path), beside(db_path)]
    unique: dict[Path, Path] = {}
    for folder in [*folders, *also]:
        unique.setdefault(Path(folder).expanduser().resolve(), Path(folder).expanduser())
    return list(unique.values())
