"""The ward manager PIN: a salted slow hash, growing delays, reset by IT."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from huddle.cli.main import main
from huddle.clock import FixedClock
from huddle.errors import ValidationError
from huddle.services import HuddleApp
from huddle.services.manager import PinLockedError, delay_after


def test_no_pin_means_no_gate_and_pins_are_digits(app: HuddleApp) -> None:
    assert app.manager.verify("anything")
    with pytest.raises(ValidationError, match="4 to 12 digits"):
        app.manager.set_pin(new_pin="12ab")


def test_pin_is_stored_only_as_a_salted_hash(app: HuddleApp) -> None:
    app.manager.set_pin(new_pin="482913")
    stored = app.store.scalar("SELECT value_json FROM setting WHERE id = 'manager_pin'")
    assert "482913" not in stored
    value = json.loads(stored)
    assert len(value["salt"]) == 32 and len(value["hash"]) == 64 and value["n"] >= 2**14
    assert "482913" not in " ".join(
        str(r["after_json"]) for r in app.store.query("SELECT after_json FROM audit")
    )
    assert app.manager.verify("482913")
    assert not app.manager.verify("000000")


def test_wrong_tries_wait_longer_and_longer(app: HuddleApp, clock: FixedClock) -> None:
    app.manager.set_pin(new_pin="4829")
    for _ in range(3):
        assert not app.manager.verify("1111")
    with pytest.raises(PinLockedError, match="Try again in 2 seconds"):
        app.manager.verify("4829")
    clock.advance(timedelta(seconds=3))
    assert not app.manager.verify("1111")
    with pytest.raises(PinLockedError, match="4 seconds"):
        app.manager.verify("4829")
    clock.advance(timedelta(seconds=5))
    assert app.manager.verify("4829")
    assert app.manager.status().failures == 0
    assert delay_after(40) == timedelta(minutes=5)


def test_changing_the_pin_needs_the_current_one(app: HuddleApp) -> None:
    app.manager.set_pin(new_pin="4829")
    with pytest.raises(ValidationError, match="current PIN"):
        app.manager.set_pin(new_pin="5555", current_pin="0000")
    app.manager.set_pin(new_pin="5555", current_pin="4829")
    assert app.manager.verify("5555")


def test_it_can_reset_the_pin_from_the_command_line(
    app: HuddleApp, capsys: pytest.CaptureFixture[str]
) -> None:
    app.manager.set_pin(new_pin="4829")
    assert main(["reset-pin", "--db", str(app.path)]) == 0
    assert "cleared" in capsys.readouterr().out
    assert not app.manager.status().is_set
    assert app.manager.verify("")
