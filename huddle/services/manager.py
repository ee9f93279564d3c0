"""The ward manager's PIN: guards restore, purge, roster, agenda and settings.

Stored only as a salted scrypt hash in the ward's preferences, never in the
audit trail (which records only that the PIN changed). At least six digits,
and a scrypt cost that makes trying all million six-digit PINs take days on
one core. Every try is counted in the database before the PIN is checked, in
one write transaction, so parallel guesses (several windows or processes)
share one counter and one delay; after three wrong tries each further try
waits longer (doubling, up to five minutes). IT can clear it from the command
line on the PC itself (``huddle reset-pin``); the app says so at next start.
Everyday huddle work needs no PIN.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import msgspec

from huddle.clock import iso_now
from huddle.domain import Change
from huddle.errors import HuddleError, ValidationError
from huddle.services.base import Service
from huddle.store import preferences as preferences_q
from huddle.store import purge as purge_q
from huddle.store import records

PIN_KEY = "manager_pin"
# What a manager may purge: the table, and how to delete it with its links.
PURGEABLE = {"action": purge_q.purge_action, "learning_item": purge_q.purge_learning}
FAILURES_KEY = "manager_pin_failures"
RESET_NOTICE_KEY = "manager_pin_reset"
# n = 2^16, r = 8: 64 MiB and about a quarter of a second per try on one core,
# so all 10^6 six-digit PINs take days (docs/reliability.md has the figure).
SCRYPT = {"n": 2**16, "r": 8, "p": 1}
PIN_DIGITS = (6, 12)
FREE_TRIES = 3
MAX_DELAY = timedelta(minutes=5)


class PinLockedError(HuddleError):
    code = "pin_locked"

    def __init__(self, wait: timedelta) -> None:
        seconds = max(1, int(wait.total_seconds()))
        super().__init__(
            f"Too many wrong PINs. Try again in {seconds} second{'s' if seconds != 1 else ''}."
        )
        self.wait = wait


class PinStatus(msgspec.Struct, frozen=True):
    is_set: bool
    failures: int
    locked_until: datetime | None


def _hash(pin: str, salt: bytes, cost: dict[str, int] | None = None) -> bytes:
    """scrypt at ``cost`` (the one a stored PIN was made with; new ones use SCRYPT)."""
    # hashlib, hmac and secrets load when a PIN is set or checked: the start-up
    # banner only reads whether IT cleared the PIN
    import hashlib

    params = cost or SCRYPT
    memory = 128 * params["r"] * params["n"] * params["p"] + 16 * 1024 * 1024
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, dklen=32, maxmem=memory, **params)


def delay_after(failures: int) -> timedelta:
    if failures < FREE_TRIES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_TRIES + 1)), MAX_DELAY)


class ManagerPin(Service):
    def _read(self, key: str) -> dict[str, object] | None:
        row = preferences_q.preference_row(self.store, key)
        value = None if row is None else json.loads(row["value_json"])
        return dict(value) if value else None

    def _write(self, key: str, value: dict[str, object] | None) -> None:
        preferences_q.write_preference(self.store, key, value)

    def status(self) -> PinStatus:
        pin = self._read(PIN_KEY)
        failures = self._read(FAILURES_KEY) or {}
        count = int(str(failures.get("count", 0)))
        last = failures.get("last")
        locked = None
        if last and count >= FREE_TRIES:
            locked = datetime.fromisoformat(str(last)) + delay_after(count)
        return PinStatus(bool(pin), count, locked)

    def set_pin(self, *, new_pin: str, current_pin: str | None = None) -> None:
        shortest, longest = PIN_DIGITS
        if not (new_pin.isdigit() and new_pin.isascii() and shortest <= len(new_pin) <= longest):
            raise ValidationError.single(
                "new_pin", "format", f"Use {shortest} to {longest} digits for the PIN."
            )
        if self.status().is_set and not self.verify(current_pin or ""):
            raise ValidationError.single("current_pin", "wrong", "The current PIN is not right.")
        import secrets

        salt = secrets.token_bytes(16)
        value = {"salt": salt.hex(), "hash": _hash(new_pin, salt).hex(), **SCRYPT}
        with self.store.transaction():
            self._write(PIN_KEY, value)
            self._write(FAILURES_KEY, {"count": 0, "last": None})
            if self._read(RESET_NOTICE_KEY):
                self._write(RESET_NOTICE_KEY, None)
        self._changed("setting", ids=(PIN_KEY,))

    def verify(self, pin: str) -> bool:
        """True for the right PIN (or when none is set). Wrong tries slow down."""
        stored = self._read(PIN_KEY)
        if not stored:
            return True
        with self.store.transaction():  # BEGIN IMMEDIATE: parallel tries queue here
            state = self.status()
            now = self.clock.now()
            if state.locked_until is not None and now < state.locked_until:
                raise PinLockedError(state.locked_until - now)
            # count this try before checking it: a guess killed half-way still counts
            self._write(FAILURES_KEY, {"count": state.failures + 1, "last": iso_now(self.clock)})
        salt = bytes.fromhex(str(stored["salt"]))
        cost = {k: int(str(stored.get(k, SCRYPT[k]))) for k in SCRYPT}
        import hmac

        right = hmac.compare_digest(_hash(pin, salt, cost).hex(), str(stored["hash"]))
        if right:
            with self.store.transaction():
                self._write(FAILURES_KEY, {"count": 0, "last": None})
        return right

    def reset(self) -> None:
        """Clear the PIN (IT, at the PC). The audit trail records who did it, and
        the app says so at its next start (:meth:`reset_notice`)."""
        with self.store.transaction():
            self._write(PIN_KEY, None)
            self._write(FAILURES_KEY, {"count": 0, "last": None})
            self._write(RESET_NOTICE_KEY, {"by": self.store.actor, "at": iso_now(self.clock)})
        self._changed("setting", ids=(PIN_KEY,))

    def reset_notice(self) -> tuple[str, datetime] | None:
        """Who cleared the PIN from the command line and when, until a new PIN is
        set or the notice is acknowledged."""
        notice = self._read(RESET_NOTICE_KEY)
        if not notice:
            return None
        return str(notice["by"]), datetime.fromisoformat(str(notice["at"]))

    def acknowledge_reset(self) -> None:
        if self._read(RESET_NOTICE_KEY):
            with self.store.transaction():
                self._write(RESET_NOTICE_KEY, None)
            self._changed("setting", ids=(RESET_NOTICE_KEY,))

    def purge(self, *, entity: str, record_id: str, pin: str) -> Change:
        """Delete an archived action or learning item for good, with its notes,
        cycles and links, in one audited save. The audit rows stay."""
        purge_record = PURGEABLE.get(entity)
        if purge_record is None:
            raise ValidationError.single(
                "entity", "not_purgeable", "Only actions and learning items can be purged."
            )
        if not self.verify(pin):
            raise ValidationError.single("pin", "wrong", "The manager PIN is not right.")
        with self.store.transaction():
            row = records.fetch(self.store, entity, record_id)
            if row["ward_id"] != self.ward_id:
                raise ValidationError.single(
                    "record_id", "other_ward", "That record belongs to another ward."
                )
            if not row["archived"]:
                raise ValidationError.single(
                    "record_id", "not_archived", "Archive the record before purging it."
                )
            purge_record(self.store, record_id)
        return self._changed(entity, "action", "learning_item", "annotation", ids=(record_id,))
