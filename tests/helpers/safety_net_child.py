"""A child process for the safety-net crash trials: one backup, restore or recovery.

``python -m tests.helpers.safety_net_child MODE DB SOURCE`` prints ``ready``
once imported, does the operation, then prints ``ok``; the parent kills it at
a random moment and checks what is left.
"""

from __future__ import annotations

import sys
from pathlib import Path

from huddle import backup, restore


def main() -> None:
    mode, db, source = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    print("ready", flush=True)
    if mode == "backup":
        while True:  # back up and thin, over and over, until killed
            made = backup.backup_database(db, source)
            backup.rotate(source, db.stem, backup.Retention(daily=1, weekly=0, monthly=0))
            print(f"ok {made}", flush=True)
    elif mode == "restore":
        restore.restore(db, source)
    elif mode == "recover":
        restore.recover_from_backup(db, source)
    print("ok", flush=True)


if __name__ == "__main__":
    main()
