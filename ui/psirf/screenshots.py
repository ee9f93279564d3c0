"""Pictures of the PSIRF screens for the docs, from a copy of a ward's database::

    python -m ui.psirf.screenshots --db demo.db --out docs/screenshots

A SWARM huddle in progress, an After Action Review with the SEIPS prompts,
the speak-up pulse on the Measures page, the touchpoints in the huddle's
patient-voice section and Today with the "not yet reported" flag. The database
is copied first, so the SWARM and the huddle started for the pictures never
touch the real ward. Runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def save_pictures(db: Path, out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget

    from huddle.clock import FixedClock
    from huddle.domain import LearningKind, SectionKey
    from huddle.services import HuddleApp
    from ui import theme
    from ui.context import ChangeBus, UiContext
    from ui.fonts import register_shipped_fonts
    from ui.pages.measures import MeasuresPage
    from ui.pages.today import TodayPage
    from ui.psirf.response_dialog import ResponseDialog
    from ui.runner.agenda import panel_for

    qt = QApplication.instance() or QApplication([])
    register_shipped_fonts()
    QApplication.setFont(theme.app_font())
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "ward.db"
        shutil.copyfile(db, copy)
        latest = None
        with HuddleApp.open(copy) as probe:
            near = probe.learning.items(kinds=(LearningKind.NEAR_MISS, LearningKind.INCIDENT))
            latest = max(near, key=lambda i: i.created_at)
        clock = FixedClock(latest.created_at + timedelta(hours=2))
        app = HuddleApp.open(copy, clock=clock)
        ctx = UiContext(app=app, bus=ChangeBus(app))

        def grab(widget: QWidget, name: str, size: tuple[int, int]) -> None:
            widget.resize(*size)
            widget.show()
            for _ in range(5):  # until laid out: a scroll area settles a round after its page
                qt.processEvents()
            path = out / name
            widget.grab().save(str(path))
            saved.append(path)

        def hosted(child: QWidget, as_part: str = "") -> QWidget:
            host = QWidget()
            host.setObjectName(as_part)  # a part's rules reach the child as in the app
            theme.apply_style(host)
            layout = QVBoxLayout(host)
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
            layout.addWidget(child)
            return host

        # a SWARM huddle in progress, on its third step
        swarm = app.responses.start_swarm(
            learning_id=latest.id,
            present=[("Staff Nurse", 3), ("HCA", 2), ("Pharmacist", 1), ("Charge Nurse", 1)],
        )
        swarm = app.responses.save_answers(
            swarm.id,
            expected_version=swarm.version,
            happened=latest.what_happened or latest.title,
            expected="The chart checked at the bedside before anything is given, as the "
            "policy sets out.",
            difference="Two admissions at once and the bay nurse covering a break, so the check "
            "was interrupted.\nWhat helped: the HCA noticed and asked straight away.",
        )
        app.responses.add_action(
            swarm.id, title="High-risk medicines prompt on the handover sheet",
            owner_text="Ward pharmacist", due_on=clock.today() + timedelta(days=14),
        )  # fmt: skip
        dialog = ResponseDialog(None, ctx=ctx, response=swarm, item=latest)
        theme.apply_style(dialog)
        dialog.step_list.setCurrentRow(2)
        dialog.elapsed = 97
        dialog._tick(advance=False)
        grab(dialog, "psirf-swarm.png", (1280, 800))
        dialog.close()

        # an After Action Review of a good outcome, SEIPS prompts open
        good = app.learning.items(kinds=(LearningKind.EXCELLENCE,))[0]
        review = app.responses.start_review(
            learning_id=good.id, present=[("Staff Nurse", 2), ("Doctor (FY1)", 1), ("HCA", 1)]
        )
        review = app.responses.save_answers(
            review.id,
            expected_version=review.version,
            expected="A safe, unhurried response with the right people there.",
            happened=good.what_happened or good.title,
            difference="Clear roles and a practised plan; the NEWS2 chart was up to date.",
        )
        dialog = ResponseDialog(None, ctx=ctx, response=review, item=good)
        theme.apply_style(dialog)
        dialog.step_list.setCurrentRow(2)
        dialog.seips_toggle.setChecked(True)
        grab(dialog, "psirf-aar.png", (1280, 800))
        dialog.close()

        # the speak-up pulse on the Measures page
        measures = MeasuresPage(ctx)
        host = hosted(measures)
        measures.refresh()
        measures.pulse_button.setChecked(True)
        grab(host, "psirf-pulse.png", (1440, 900))
        host.close()

        # the touchpoints in the huddle's patient-voice section
        huddle = app.huddles.start_huddle()
        section = next(s for s in huddle.sections if s.key is SectionKey.PATIENT_VOICE)
        scale = theme.NORMAL.scaled(1.2)
        panel = panel_for(ctx, section, scale)
        host = hosted(panel, "HuddleRunner")
        grab(host, "psirf-touchpoints.png", (1280, 1180))
        host.close()

        # Today, with the flag for events not yet reported
        today = TodayPage(ctx)
        host = hosted(today)
        today.refresh()
        grab(host, "psirf-today.png", (1440, 1100))
        host.close()
        app.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    for path in save_pictures(args.db, args.out):
        print(f"Saved {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
