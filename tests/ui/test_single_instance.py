"""One running copy per login and database: a second copy raises the first."""

from __future__ import annotations

import uuid
from pathlib import Path

from ui.single_instance import SingleInstance, server_name


def unique_name() -> str:
    return f"ward-huddle-test-{uuid.uuid4().hex[:12]}"


def test_second_copy_asks_the_first_to_raise(qtbot):
    name = unique_name()
    first = SingleInstance(name)
    assert first.claim()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.raise_requested, timeout=3000):
        assert not second.claim()
    first.close()


def test_first_copy_gone_lets_the_next_one_run(qtbot):
    name = unique_name()
    first = SingleInstance(name)
    assert first.claim()
    first.close()
    again = SingleInstance(name)
    assert again.claim()
    again.close()


def test_names_differ_by_user_and_database(tmp_path: Path):
    one = server_name(tmp_path / "a.db", "sam")
    assert one == server_name(tmp_path / "a.db", "sam")
    assert one != server_name(tmp_path / "b.db", "sam")
    assert one != server_name(tmp_path / "a.db", "alex")
    assert len(one) < 60
