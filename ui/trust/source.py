"""Where the trust view reads from: the server, the replica folder, the groups, the clock."""

from __future__ import annotations

from pathlib import Path

import msgspec

from huddle.clock import Clock, SystemClock


class TrustSource(msgspec.Struct, frozen=True):
    address: str  # the trust server (a huddle_reader or huddle_tier login)
    cache_dir: Path  # the ward replicas
    groups_text: str = ""  # the trust_groups setting
    clock: Clock = msgspec.field(default_factory=SystemClock)

    @classmethod
    def from_settings(cls) -> TrustSource | None:
        """This PC's trust view, or None when it is a ward PC (no server, or trust_view off)."""
        from huddle.config import load_settings

        settings = load_settings()
        if not (settings.trust_view and settings.server):
            return None
        return cls(settings.server, settings.trust_cache_dir, settings.trust_groups)
