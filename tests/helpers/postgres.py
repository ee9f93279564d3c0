"""A throwaway PostgreSQL cluster for the sync tests: real server, no mocks.

Started once per test session with Debian's ``initdb`` and ``pg_ctl`` as an
unprivileged user (PostgreSQL refuses to run as root: when the tests run as
root, as CI does, a system user is made and the commands run through
``runuser``), in a temporary folder that user owns, listening on 127.0.0.1 on
a free port and on a socket in that folder only. Stopped and removed at the
end. Without PostgreSQL installed the sync tests fail, saying what to install.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TEST_USER = "huddle-pgtest"


def find_bin_dir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    bin_dir: Path
    folder: Path
    port: int
    run_as: str | None
    databases: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _cmd(self, *argv: str) -> list[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return [*prefix, *argv]

    def _run(self, *argv: str) -> None:
        subprocess.run(self._cmd(*argv), check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        # fsync off is safe for a throwaway cluster (the OS keeps what a killed
        # server wrote); synchronous_commit stays on so a commit the client saw
        # survives the kill, as on a real server.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c full_page_writes=off"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "server.log"),
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, user: str = "postgres", database: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database=database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self) -> str:
        name = f"huddle_{uuid.uuid4().hex[:10]}"
        self.admin(f"CREATE DATABASE {name}")
        self.databases.append(name)
        return name

    def new_login(self, prefix: str = "ward") -> str:
        """A ward PC's login: a member of huddle_device, as IT would make it."""
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self.admin(f"CREATE ROLE {name} LOGIN IN ROLE huddle_device")
        return name


def _prepare_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
            check=True,
            capture_output=True,
        )
    return TEST_USER


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL is not installed, so the sync tests cannot run: install Debian's "
            "'postgresql' package (apt-get install postgresql), as .ci/run does.",
            pytrace=False,
        )
    run_as = _prepare_user()
    folder = Path(tempfile.mkdtemp(prefix="huddle-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o700)
    cluster = Cluster(bin_dir, folder, _free_port(), run_as)
    try:
        cluster._run(
            str(bin_dir / "initdb"),
            "-D",
            str(cluster.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        cluster.start()
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(
            f"The test PostgreSQL cluster did not start: {error.stderr.decode(errors='replace')}",
            pytrace=False,
        )
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
