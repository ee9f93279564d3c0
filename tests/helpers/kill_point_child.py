"""A child process for the kill-point trials: one restore, recovery or automatic
backup that kills itself at its Nth step on the files of the ward's folder.

``python -m tests.helpers.kill_point_child MODE DB SOURCE N [LINKS]`` counts, through
Python's audit hooks, each step the operation takes on a file under DB's
folder: an open for writing counts twice (killed just before it, and killed
just after it returned, the file created or emptied with nothing written yet),
and a link, rename, removal or SQLite connection once. At step N it prints
``killed ...`` and SIGKILLs itself; if the operation ends first it prints
``ok``. Walking N from 1 kills the operation at every step it has, in order,
with no timing involved. LINKS ``refused`` makes the folder refuse hard links,
as FAT drives and some network shares do.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import unquote, urlparse

from huddle import backup, restore

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
STEPS = {"os.link", "os.rename", "os.remove", "os.rmdir", "os.mkdir", "sqlite3.connect"}


class KillPoint:
    def __init__(self, folder: Path, kill_at: int, *, links: bool) -> None:
        self.folder = str(folder.resolve())
        self.kill_at = kill_at
        self.links = links
        self.step = 0
        self.after_open = ""

    def inside(self, value: object) -> bool:
        if not isinstance(value, str | bytes | os.PathLike):
            return False
        text = os.fsdecode(value)
        if text.startswith("file:"):  # a SQLite URI
            text = unquote(urlparse(text).path)
        return text.startswith(self.folder)

    def kill(self, what: str) -> None:
        print(f"killed {what}", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path, _mode, flags = args
            if not (self.inside(path) and flags & WRITING):
                return
            name = os.path.basename(os.fsdecode(path))
            self.step += 1
            if self.step == self.kill_at:
                self.kill(f"before opening {name}")
            self.step += 1
            if self.step == self.kill_at:
                self.after_open = name  # the profile hook kills once open() returns
        elif event in STEPS and any(self.inside(a) for a in args):
            self.step += 1
            if self.step == self.kill_at:
                names = [os.path.basename(os.fsdecode(a)) for a in args if self.inside(a)]
                self.kill(f"before {event} {' '.join(names)}")
            if event == "os.link" and not self.links:
                raise PermissionError(errno.EPERM, "this folder refuses hard links")

    def profile(self, _frame: FrameType, event: str, _arg: object) -> None:
        if event == "c_return" and self.after_open:
            self.kill(f"after opening {self.after_open}")


def main() -> None:
    mode, db, source, kill_at, *links = sys.argv[1:]
    point = KillPoint(Path(db).parent, int(kill_at), links=links != ["refused"])
    sys.addaudithook(point.audit)
    sys.setprofile(point.profile)
    if mode == "restore":
        restore.restore(Path(db), Path(source))
    elif mode == "recover":
        restore.recover_from_backup(Path(db), Path(source))
    elif mode == "auto":
        backup.backup_file_if_due(Path(db), Path(source))
    sys.setprofile(None)
    print("ok", flush=True)


if __name__ == "__main__":
    main()
