"""A child process for the crash tests: saves through the services until killed.

Prints ``ok <action id>`` after each save returns, so the parent knows which
saves had been confirmed to the user before the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path

from huddle.services import HuddleApp


def main() -> None:
    path = Path(sys.argv[1])
    app = HuddleApp.open(path, actor="crash-test")
    if not app.has_ward:
        app.setup.create_ward(name="Crash ward", roster=[("Amara K", "Ward Sister")])
    learning = app.learning.record_learning(kind="near_miss", title="Seed item")
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        action = app.actions.create_action(
            title=f"Action {n}", detail="x" * (n % 500), learning_ids=[learning.id]
        )
        app.actions.add_progress_note(action.id, text=f"Note for {n}")
        print(f"ok {action.id}", flush=True)


if __name__ == "__main__":
    main()
