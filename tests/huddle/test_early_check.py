"""The start-up health check begun early, on a thread of its own (huddle.health.EarlyCheck)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from huddle import health
from huddle.health import EarlyCheck, check_database
from huddle.services import HuddleApp


def test_it_answers_as_the_quick_check_does_from_another_thread(app: HuddleApp, monkeypatch):
    app.close()
    seen: list[str] = []
    check = health.check_database

    def recorded(path: Path, *, thorough: bool = True) -> health.Health:
        seen.append(threading.current_thread().name)
        return check(path, thorough=thorough)

    monkeypatch.setattr(health, "check_database", recorded)
    early = EarlyCheck(app.path)
    assert early.result() == check_database(app.path, thorough=False)
    assert early.result().ok
    assert seen == ["start-up check"]  # not the thread that loads the window


def test_a_failure_inside_is_raised_to_whoever_asks(tmp_path: Path, monkeypatch) -> None:
    def broken(path: Path, *, thorough: bool = True) -> health.Health:
        raise OSError("the disk went away")

    monkeypatch.setattr(health, "check_database", broken)
    early = EarlyCheck(tmp_path / "ward.db")
    with pytest.raises(OSError, match="the disk went away"):
        early.result()
