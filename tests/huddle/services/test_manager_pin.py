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
    with pytest.raises(ValidationError, match="6 to 12 digits"):
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
    app.manager.set_pin(new_pin="482913")
    for _ in range(3):
        assert not app.manager.verify("111111")
    with pytest.raises(PinLockedError, match="Try again in 2 seconds"):
        app.manager.verify("482913")
    clock.advance(timedelta(seconds=3))
    assert not app.manager.verify("111111")
    with pytest.raises(PinLockedError, match="4 seconds"):
        app.manager.verify("482913")
    clock.advance(timedelta(seconds=5))
    assert app.manager.verify("482913")
    assert app.manager.status().failures == 0
    assert delay_after(40) == timedelta(minutes=5)


def test_changing_the_pin_needs_the_current_one(app: HuddleApp) -> None:
    app.manager.set_pin(new_pin="482913")
    with pytest.raises(ValidationError, match="current PIN"):
        app.manager.set_pin(new_pin="555555", current_pin="000000")
    app.manager.set_pin(new_pin="555555", current_pin="482913")
    assert app.manager.verify("555555")


def test_it_can_reset_the_pin_from_the_command_line(
    app: HuddleApp, capsys: pytest.CaptureFixture[str]
) -> None:
    app.manager.set_pin(new_pin="482913")
    assert main(["reset-pin", "--db", str(app.path)]) == 0
    assert "cleared" in capsys.readouterr().out
    assert not app.manager.status().is_set
    assert app.manager.verify("")


# -- issue #13, item 10 ------------------------------------------------------------


def test_no_pin_hash_ever_reaches_the_audit_trail(app: HuddleApp) -> None:
    app.manager.set_pin(new_pin="482913")
    app.manager.set_pin(new_pin="555555", current_pin="482913")
    stored = json.loads(app.store.scalar("SELECT value_json FROM setting WHERE id = 'manager_pin'"))
    audit = " ".join(
        f"{r['before_json']} {r['after_json']}"
        for r in app.store.query("SELECT before_json, after_json FROM audit")
    )
    assert stored["hash"] not in audit and stored["salt"] not in audit
    assert '"hash"' not in audit and "changed (not recorded)" in audit


def test_pins_need_six_digits_and_the_cost_makes_guessing_slow(app: HuddleApp) -> None:
    for short in ("4829", "48291", "４８２９１３"):
        with pytest.raises(ValidationError, match="6 to 12 digits"):
            app.manager.set_pin(new_pin=short)
    app.manager.set_pin(new_pin="482913")
    stored = json.loads(app.store.scalar("SELECT value_json FROM setting WHERE id = 'manager_pin'"))
    # 128 * r * n bytes of memory per try; n = 2^16 with r = 8 is 64 MiB
    assert stored["n"] * stored["r"] >= 2**16 * 8


def _guess(db: str, start: object, results: object) -> None:
    app = HuddleApp.open(db, actor="guesser")
    start.wait()  # type: ignore[attr-defined]
    outcome = "wrong"
    try:
        if app.manager.verify("000000"):
            outcome = "right"
    except PinLockedError:
        outcome = "locked"
    finally:
        app.close()
    results.put(outcome)  # type: ignore[attr-defined]


def test_parallel_guesses_share_one_counter(app: HuddleApp) -> None:
    import multiprocessing

    app.manager.set_pin(new_pin="482913")
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(6), context.Queue()
    guessers = [
        context.Process(target=_guess, args=(str(app.path), start, results)) for _ in range(6)
    ]
    for guesser in guessers:
        guesser.start()
    outcomes = [results.get(timeout=120) for _ in guessers]
    for guesser in guessers:
        guesser.join(timeout=60)
    # every try was counted, and once three were wrong the rest had to wait
    assert outcomes.count("wrong") <= 3 + 1
    assert app.manager.status().failures == outcomes.count("wrong")


def test_the_app_hears_that_it_reset_the_pin(app: HuddleApp) -> None:
    app.manager.set_pin(new_pin="482913")
    assert app.manager.reset_notice() is None
    assert main(["reset-pin", "--db", str(app.path)]) == 0
    notice = app.manager.reset_notice()
    assert notice is not None and notice[0]
    app.manager.acknowledge_reset()
    assert app.manager.reset_notice() is None
