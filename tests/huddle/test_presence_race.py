"""Two simultaneous claims of a ward never both win (issue #13, item 9)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from huddle import presence

TRIALS = 50


def _claimant(db: str, start: Any, done: Any, results: Any) -> None:
    start.wait()
    granted = presence.claim(Path(db)).granted
    results.put(granted)
    done.wait()  # stay alive until both have claimed: a live holder is never stale


def test_two_simultaneous_claims_never_both_win(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    both = 0
    for trial in range(TRIALS):
        db = tmp_path / f"ward{trial}.db"
        start, done = context.Barrier(2), context.Barrier(2)
        results = context.Queue()
        workers = [
            context.Process(target=_claimant, args=(str(db), start, done, results))
            for _ in range(2)
        ]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=30) for _ in workers]
        for worker in workers:
            worker.join(timeout=30)
        assert outcomes.count(True) >= 1, f"trial {trial}: nobody could open the ward"
        both += outcomes.count(True) == 2
    assert both == 0, f"both claims won in {both} of {TRIALS} trials"


def test_a_lock_left_by_a_killed_claim_is_broken(tmp_path: Path) -> None:
    import os
    import time

    db = tmp_path / "ward.db"
    lock = tmp_path / "ward.db.inuse.lock"
    lock.write_text("")
    old = time.time() - 60
    os.utime(lock, (old, old))
    assert presence.claim(db).granted
    assert not lock.exists()
