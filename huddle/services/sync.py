"""Sync as the app sees it: status, records changed on two PCs, bundle files.

The sync with the server itself runs off the UI thread on its own connection
(:func:`huddle.sync.engine.sync_ward`); this service answers the screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from huddle.clock import from_iso
from huddle.services.base import Service
from huddle.sync import conflicts as conflicts_q
from huddle.sync import feed
from huddle.sync.address import without_password
from huddle.sync.apply import Received
from huddle.sync.bundle import Exported, export_bundle, import_bundles
from huddle.sync.changes import held_count, pending_count
from huddle.sync.conflicts import SyncConflict
from huddle.sync.engine import LAST_SYNC_KEY, SyncResult, sync_ward


@dataclass(frozen=True)
class SyncStatus:
    device_id: str
    server: str  # shown without any password; "" when none is set
    pending: int  # changes the server (or a bundle) has not taken yet
    last_synced_at: datetime | None
    open_conflicts: int
    held: int  # changes from elsewhere waiting for an earlier one


class SyncService(Service):
    def status(self, server: str | None) -> SyncStatus:
        store, ward = self.store, self.ward_id
        last = feed.state(store, f"{LAST_SYNC_KEY}:{ward}")
        return SyncStatus(
            device_id=feed.device_id(store),
            server=without_password(server or ""),
            pending=pending_count(store, ward),
            last_synced_at=from_iso(last) if last else None,
            open_conflicts=conflicts_q.open_count(store, ward),
            held=held_count(store, ward),
        )

    def sync_with_server(self, server: str) -> SyncResult:
        """Push and pull the ward through the server (run it off the UI thread)."""
        return sync_ward(self.store, server, ward_id=self.ward_id)

    def conflicts(self) -> list[SyncConflict]:
        return conflicts_q.conflicts(self.store, self.ward_id)

    def notes(self) -> list[SyncConflict]:
        """Archives undone because the record was edited on another PC."""
        every = conflicts_q.conflicts(self.store, self.ward_id, open_only=False)
        return [c for c in every if c.status == "noted"]

    def changed_on_two_pcs(self, entity: str) -> frozenset[str]:
        return conflicts_q.records_changed_twice(self.store, self.ward_id, entity)

    def resolve_conflict(
        self, conflict_id: str, *, keep: str, merged: dict[str, Any] | None = None
    ) -> None:
        entity = conflicts_q.conflict_entity(self.store, conflict_id)
        saved = conflicts_q.resolve(self.store, conflict_id, keep=keep, merged=merged)
        self._changed(entity, "sync", ids=(str(saved.get("id", "")),))

    def dismiss_note(self, conflict_id: str) -> None:
        conflicts_q.dismiss_note(self.store, conflict_id)
        self._changed("sync")

    def export_bundle(self, *, out: Path, since_last: bool, trust_key: str | None) -> Exported:
        made = export_bundle(
            self.store, ward_id=self.ward_id, out=out, since_last=since_last, trust_key=trust_key
        )
        self._changed("sync")
        return made

    def import_bundles(self, *, paths: list[Path], trust_key: str | None) -> Received:
        got = import_bundles(self.store, paths, trust_key=trust_key)
        self.received(got.applied + got.conflicts)
        return got

    def received(self, count: int) -> None:
        """Tell every screen that changes arrived from another PC."""
        if count:
            self._changed(*feed.SYNCED_TABLES, "sync")
        else:
            self._changed("sync")
