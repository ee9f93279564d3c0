"""Killing a writing process at random moments never loses a confirmed save
and never leaves half of one behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from huddle.backup import integrity_problem
from huddle.health import check_database
from huddle.store import open_store

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 50


def start_writer(db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_writer", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_confirmed(tmp_path: Path) -> None:
    db = tmp_path / "ward.db"
    rng = random.Random(20261126)
    confirmed: set[str] = set()
    for trial in range(TRIALS):
        writer = start_writer(db)
        assert writer.stdout is not None
        first_line = writer.stdout.readline().strip()
        assert first_line == "ready", writer.stderr.read() if writer.stderr else ""
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=30)
        confirmed.update(line.split()[1] for line in out.splitlines() if line.startswith("ok "))
        assert check_database(db).ok, f"trial {trial}: {check_database(db).problem}"
        with open_store(db, read_only=True) as store:
            assert integrity_problem(store.conn) is None
            actions = {r["id"] for r in store.query("SELECT id FROM action")}
            missing = confirmed - actions
            assert not missing, f"trial {trial}: confirmed saves lost: {len(missing)}"
            # every logical save is all or nothing: each action has its link and
            # its audit rows; a progress note is a separate, later save
            links = store.scalar(
                "SELECT count(*) FROM action a WHERE NOT EXISTS "
                "(SELECT 1 FROM action_learning l WHERE l.action_id = a.id)"
            )
            audits = store.scalar(
                "SELECT count(*) FROM action a WHERE NOT EXISTS (SELECT 1 FROM audit u "
                "WHERE u.entity = 'action' AND u.entity_id = a.id AND u.op = 'insert')"
            )
            orphan_audit = store.scalar(
                "SELECT count(*) FROM audit u WHERE u.entity = 'action' AND u.op = 'insert' "
                "AND NOT EXISTS (SELECT 1 FROM action a WHERE a.id = u.entity_id)"
            )
            assert (links, audits, orphan_audit) == (0, 0, 0), f"trial {trial}"
    assert len(confirmed) > TRIALS  # the writer really was writing when killed
