"""The sync tests' server: one throwaway PostgreSQL cluster, a fresh database per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from huddle.sync.server_schema import init_server
from tests.helpers.postgres import Cluster, running_cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    with running_cluster() as cluster:
        yield cluster


@dataclass
class TrustServer:
    cluster: Cluster
    database: str

    @property
    def admin_url(self) -> str:
        return self.cluster.url(database=self.database)

    def login_url(self, prefix: str = "ward") -> str:
        """A new ward login (member of huddle_device) and its address."""
        return self.cluster.url(self.cluster.new_login(prefix), self.database)

    def reader_url(self) -> str:
        name = self.cluster.new_login("reader")
        self.cluster.admin(f"REVOKE huddle_device FROM {name}; GRANT huddle_reader TO {name}")
        return self.cluster.url(name, self.database)

    def tier_url(self) -> str:
        """A tier login (matron's, the site team's): member of huddle_tier only."""
        name = self.cluster.new_login("tier")
        self.cluster.admin(f"REVOKE huddle_device FROM {name}; GRANT huddle_tier TO {name}")
        return self.cluster.url(name, self.database)


@pytest.fixture
def trust_server(pg_cluster: Cluster) -> TrustServer:
    database = pg_cluster.new_database()
    server = TrustServer(pg_cluster, database)
    init_server(server.admin_url)
    return server
