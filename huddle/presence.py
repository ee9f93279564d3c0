"""Who has a ward database open, so a second PC or login can be named.

SQLite's own locks say nothing about *who* holds a file. Beside the database
we keep a small marker file, ``<name>.inuse.json``, naming the login, the
computer, the process and when it opened. A marker whose process is gone (on
this computer) or which has not been refreshed for a long while (another
computer that was switched off at the wall) is stale and is taken over.

Claiming is atomic: the read-then-write happens while holding a short lock,
``<name>.inuse.lock``, made with an exclusive create (which only one process
can win), so two PCs claiming at the same moment never both win. A lock left by
a process killed mid-claim is broken after :data:`LOCK_STALE_AFTER`.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import platform
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

STALE_AFTER = timedelta(minutes=10)  # the app refreshes its marker every minute
LOCK_STALE_AFTER = 10.0  # seconds: a claim takes milliseconds
LOCK_WAIT = 5.0  # seconds to wait for another claim to finish


class Holder(msgspec.Struct, frozen=True):
    user: str
    host: str
    pid: int
    since: datetime
    refreshed: datetime

    @property
    def description(self) -> str:
        return f"{self.user} on {self.host}"


class Claim(msgspec.Struct, frozen=True):
    """The result of asking to use a database: ours, or held by someone else."""

    marker: Path
    me: Holder
    other: Holder | None

    @property
    def granted(self) -> bool:
        return self.other is None


def marker_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".inuse.json")


def this_process(now: datetime | None = None) -> Holder:
    moment = now or datetime.now(UTC)
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return Holder(user, platform.node() or "this-pc", os.getpid(), moment, moment)


def _read(marker: Path) -> Holder | None:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        return Holder(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            datetime.fromisoformat(data["since"]),
            datetime.fromisoformat(data["refreshed"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(marker: Path, holder: Holder) -> None:
    data = {
        "user": holder.user,
        "host": holder.host,
        "pid": holder.pid,
        "since": holder.since.isoformat(timespec="seconds"),
        "refreshed": holder.refreshed.isoformat(timespec="seconds"),
    }
    temporary = marker.with_name(marker.name + f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, marker)


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_live(holder: Holder, me: Holder, now: datetime) -> bool:
    if holder.host == me.host:
        return holder.pid != me.pid and process_alive(holder.pid)
    return now - holder.refreshed < STALE_AFTER


def current_holder(db_path: Path, *, now: datetime | None = None) -> Holder | None:
    """Another live holder of the database, if there is one."""
    moment = now or datetime.now(UTC)
    holder = _read(marker_path(db_path))
    if holder is None or not is_live(holder, this_process(moment), moment):
        return None
    return holder


def _lock_path(marker: Path) -> Path:
    return marker.with_name(marker.name.removesuffix(".json") + ".lock")


@contextlib.contextmanager
def _claim_lock(marker: Path) -> Iterator[bool]:
    """Hold the claim lock (an exclusive create); yields False where the folder
    cannot be written (nothing to mark there, nobody to race)."""
    lock = _lock_path(marker)
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o664)
        except FileExistsError:
            try:
                age = time.time() - lock.stat().st_mtime
            except OSError:
                continue  # released between our try and our look: try again
            if age > LOCK_STALE_AFTER:
                with contextlib.suppress(OSError):
                    lock.unlink()  # left by a claim that was killed
                continue
            if time.monotonic() > deadline:
                yield True  # a stuck lock must not stop the ward opening
                return
            time.sleep(0.01)
            continue
        except OSError:
            yield False
            return
        os.close(handle)
        try:
            yield True
        finally:
            with contextlib.suppress(OSError):
                lock.unlink()
        return


def claim(db_path: Path, *, now: datetime | None = None) -> Claim:
    """Take the marker unless someone else live holds it (atomically: see above)."""
    moment = now or datetime.now(UTC)
    me = this_process(moment)
    marker = marker_path(db_path)
    with _claim_lock(marker):
        holder = _read(marker)
        if holder is not None and is_live(holder, me, moment):
            return Claim(marker, me, holder)
        try:
            _write(marker, me)
        except OSError:
            pass  # a read-only folder: nothing to mark, nobody to tell
    return Claim(marker, me, None)


def refresh(claim_: Claim, *, now: datetime | None = None) -> None:
    if not claim_.granted:
        return
    moment = now or datetime.now(UTC)
    holder = _read(claim_.marker)
    if holder is not None and (holder.pid, holder.host) != (claim_.me.pid, claim_.me.host):
        return  # someone took over a marker we let go stale; do not fight
    try:
        _write(
            claim_.marker,
            Holder(claim_.me.user, claim_.me.host, claim_.me.pid, claim_.me.since, moment),
        )
    except OSError:
        pass


def release(claim_: Claim) -> None:
    if not claim_.granted:
        return
    holder = _read(claim_.marker)
    if holder is not None and (holder.pid, holder.host) == (claim_.me.pid, claim_.me.host):
        try:
            claim_.marker.unlink()
        except OSError:
            pass
