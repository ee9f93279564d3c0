"""The trust tests' server and sample wards: three small demo wards synced to a real PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from huddle.demo import build_demo
from huddle.store import open_store
from huddle.sync.engine import sync_ward
from tests.huddle.sync.conftest import TrustServer, pg_cluster, trust_server

__all__ = ["pg_cluster", "trust_server", "SyncedWards", "synced_wards", "DAY"]

DAY = date(2026, 11, 30)
WARDS = ("Ward 1 (sample)", "Ward 2 (sample)", "Ward 3 (sample)")


@dataclass
class SyncedWards:
    server: TrustServer
    paths: list[Path]  # each ward's own database, as its ward PC holds it
    urls: list[str]  # each ward PC's login


@pytest.fixture
def synced_wards(trust_server: TrustServer, tmp_path: Path) -> SyncedWards:
    paths, urls = [], []
    for seed, name in enumerate(WARDS, start=1):
        path = tmp_path / "wards" / f"ward{seed}.db"
        path.parent.mkdir(exist_ok=True)
        build_demo(path, weeks=8, seed=seed, ward_name=name, today=DAY)
        url = trust_server.login_url()
        with open_store(path) as store:
            sync_ward(store, url)
        paths.append(path)
        urls.append(url)
    return SyncedWards(trust_server, paths, urls)
