"""Is the ward database somewhere safe to keep a live SQLite file?

The live database belongs on a local disk. On a network share SQLite's locks
are unreliable (we fall back to a rollback journal with exclusive locking, and
warn); in a folder a cloud client syncs, the client can copy a half-written
file or resurrect an old one (we warn). Backups and exports may go anywhere.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from huddle.store.connection import is_network_path

# Folder names that the common sync clients create or use.
CLOUD_FOLDER_MARKERS = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "iclouddrive",
    "box sync",
    "box",
    "nextcloud",
    "owncloud",
    "sync.com",
)


class PlacementWarning(msgspec.Struct, frozen=True):
    code: str  # "network" or "cloud_sync"
    message: str


def cloud_sync_client(path: Path) -> str | None:
    """The sync client whose folder holds ``path``, if it looks like one."""
    for part in path.expanduser().resolve().parts[:-1]:
        lowered = part.casefold()
        for marker in CLOUD_FOLDER_MARKERS:
            if (
                lowered == marker
                or lowered.startswith(marker + " - ")
                or (marker != "box" and lowered.startswith(marker))
            ):
                return part
    return None


def placement_warnings(path: Path) -> list[PlacementWarning]:
    warnings = []
    if is_network_path(path):
        warnings.append(
            PlacementWarning(
                "network",
                "The ward's database is on a network drive. It will work, one PC at a time, "
                "but a dropped connection can damage it: ask IT to move it to this PC's "
                "local disk and use the network drive for backups.",
            )
        )
    client = cloud_sync_client(path)
    if client is not None:
        warnings.append(
            PlacementWarning(
                "cloud_sync",
                f"The ward's database is in a folder synced by {client}. Sync can copy a "
                "half-saved file or bring back an old one: keep the database outside synced "
                "folders and put backups there instead.",
            )
        )
    return warnings
