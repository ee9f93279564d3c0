"""The trust view's tests: the real server and three synced sample wards."""

from __future__ import annotations

from tests.huddle.trust.conftest import pg_cluster, synced_wards, trust_server

__all__ = ["pg_cluster", "synced_wards", "trust_server"]
