"""Timing the Actions page on a ten-year ward (20,000 actions).

Run by hand: ``.venv/bin/python benchmarks/bench_actions.py [--count N]``.
It builds a fictional ward in a temporary folder (all actions in one
transaction), then times, as medians of 10 runs: opening the page (construct
and first ``refresh()`` to a painted board), and a filter change (text search,
owner, overdue toggle) on the board and on the table. Target: under 100 ms
per filter change.

``populate()`` is also what the screenshots use for believable data.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from huddle.clock import FixedClock
from huddle.services import HuddleApp

ROSTER = [
    ("Amara K", "Ward Sister"),
    ("Ben T", "Charge Nurse"),
    ("Chloe R", "Staff Nurse"),
    ("Dev P", "Healthcare Assistant"),
    ("Ellie M", "Student Nurse"),
    ("Femi O", "Physiotherapist"),
    ("Grace L", "Pharmacist"),
    ("Hana S", "Staff Nurse"),
    ("Ifan J", "Doctor (F2)"),
    ("Jo W", "Occupational Therapist"),
]
OTHERS = ["Pharmacy", "Estates", "Night team", "Bank nurse Sam", "Matron"]
VERBS = [
    "Laminated",
    "Weekly audit of",
    "Poster for",
    "Teach-in on",
    "Checklist for",
    "Trial of",
    "Huddle reminder about",
    "New stock list for",
    "Signage for",
    "Shared folder for",
]
SUBJECTS = [
    "falls risk at night",
    "hand hygiene at bay entrances",
    "fluid balance charts",
    "pressure area care",
    "discharge letters before 11 am",
    "sepsis screening",
    "call bell response",
    "protected mealtimes",
    "controlled drug checks",
    "patient property at handover",
    "noise at night",
    "bed rails assessment",
    "oral care for frail patients",
    "delirium screening",
    "catheter care",
    "medicines reconciliation",
    "visiting hours information",
    "student induction",
]
NOTES = [
    "Chased with estates",
    "Discussed at the huddle",
    "Draft shared with the team",
    "Waiting for stock",
    "Tried on nights, feedback good",
    "Agreed with matron",
]


def populate(app: HuddleApp, clock: FixedClock, *, count: int, weeks: int, seed: int = 7) -> None:
    """``count`` believable actions spread over ``weeks`` weeks up to the clock's now."""
    rng = random.Random(seed)
    end = clock.now()
    start = end - timedelta(weeks=weeks)
    if not app.has_ward:
        app.setup.create_ward(
            name="Ward 7B", site="St Elsewhere General", specialty="Elderly care", roster=ROSTER
        )
    people = app.setup.people()
    moments = sorted(start + (end - start) * rng.random() for _ in range(count))
    with app.store.transaction():
        for made in moments:
            clock.set(made)
            age_days = (end - made).days
            title = f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}"
            owner_id, owner_text = None, ""
            pick = rng.random()
            if pick < 0.75:
                owner_id = rng.choice(people).id
            elif pick < 0.87:
                owner_text = rng.choice(OTHERS)
            status = "idea" if rng.random() < 0.25 else "planned"
            due = (
                (made + timedelta(days=rng.choice([7, 14, 21, 28, 42]))).date()
                if status == "planned" or rng.random() < 0.3
                else None
            )
            action = app.actions.create_action(
                title=title,
                detail=f"Agreed at the huddle: {title.lower()}.",
                owner_id=owner_id,
                owner_text=owner_text,
                due_on=due,
                status=status,
                priority=rng.choice(["normal", "normal", "high", "low"]),
                origin=rng.choice(["huddle", "learning", "staff_idea", "patient_feedback"]),
            )
            # Older actions have mostly run their course; recent ones are still moving.
            fate = rng.random()
            finish = min(end, made + timedelta(days=rng.randint(3, 60)))
            clock.set(finish)
            if age_days > 60 and fate < 0.8 or age_days > 20 and fate < 0.3:
                closed = "done" if rng.random() < 0.85 else "dropped"
                app.actions.change_status(
                    action.id,
                    status=closed,
                    expected_version=action.version,
                    note=rng.choice(NOTES) + "; finished.",
                )
            elif fate < 0.75 and status == "planned":
                moved = app.actions.change_status(
                    action.id, status="in_progress", expected_version=action.version
                )
                if rng.random() < 0.15:
                    app.actions.change_status(
                        action.id,
                        status="stalled",
                        expected_version=moved.version,
                        note="Waiting for estates",
                    )
                elif rng.random() < 0.5:
                    app.actions.add_progress_note(action.id, text=rng.choice(NOTES))
    clock.set(end)


def median_ms(run, repeats: int = 10) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument(
        "--keep", type=Path, default=None, help="build the ward in this file (reused if it exists)"
    )
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from ui.context import ChangeBus, UiContext
    from ui.pages.actions import ActionsPage

    qt = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "ward.db"
        clock = FixedClock(datetime(2026, 8, 6, 8, 0, tzinfo=UTC))
        reuse = path.exists()
        app = HuddleApp.open(path, clock=clock, actor="bench")
        if not reuse:
            began = time.perf_counter()
            populate(app, clock, count=args.count, weeks=520)
            print(f"built {args.count:,} actions in {time.perf_counter() - began:.1f} s")
        ctx = UiContext(app=app, bus=ChangeBus(app))
        began = time.perf_counter()
        loaded = app.actions.actions()
        print(
            f"app.actions.actions(): {len(loaded):,} in "
            f"{(time.perf_counter() - began) * 1000:.0f} ms"
        )

        def open_page():
            page = ActionsPage(ctx)
            page.resize(1670, 960)
            page.refresh()
            page.show()  # already fresh: showing only paints
            qt.processEvents()
            page.grab()
            page.close()
            page.deleteLater()
            qt.processEvents()

        print(f"open page (construct, refresh, paint): {median_ms(open_page, 5):.0f} ms")
        page = ActionsPage(ctx)
        page.resize(1670, 960)
        page.show()
        qt.processEvents()
        owner = page.filters.owner

        def change(apply):
            def run():
                page.filters.blockSignals(True)  # one apply per change, as the timer does
                apply()
                page.filters.blockSignals(False)
                page.apply_filters()
                qt.processEvents()
                page.repaint()

            return run

        cases = {
            "text search 'falls'": lambda: page.filters.search.setText("falls"),
            "text search cleared": lambda: page.filters.search.setText(""),
            "owner filter (one person)": lambda: owner.setCurrentIndex(2),
            "owner filter (everyone)": lambda: owner.setCurrentIndex(0),
            "overdue on": lambda: page.filters.overdue.setChecked(True),
            "overdue off": lambda: page.filters.overdue.setChecked(False),
        }
        for view_name, view in (("board", 0), ("table", 1)):
            page.show_view(view)
            qt.processEvents()
            for name, apply in cases.items():
                print(f"{view_name}: {name}: {median_ms(change(apply)):.1f} ms")
        page.filters.typing.stop()
        page.close()
        app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
