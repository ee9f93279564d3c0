"""Make a small ward database with the services, for smoke tests when ``huddle demo``
is not in the tree yet (CI and check_deb.sh use ``huddle demo`` once it is).

    .venv/bin/python installer/sample_ward.py PATH.db
"""

from __future__ import annotations

import sys
from pathlib import Path

from huddle.services import HuddleApp


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: sample_ward.py PATH.db", file=sys.stderr)
        return 2
    db = Path(args[0])
    if db.exists():
        print(f"sample_ward: {db} already exists", file=sys.stderr)
        return 1
    app = HuddleApp.open(db, actor="packaging check")
    app.setup.create_ward(
        name="Packaging Check Ward",
        site="Nowhere General",
        roster=[("Asha Test", "Ward Sister"), ("Bryn Test", "Staff Nurse")],
    )
    print(f"sample_ward: made {db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
