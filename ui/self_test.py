"""``ward-huddle --self-test``: run a short huddle through the real widgets.

Opens a temporary database with a fictional ward, starts a huddle on the real
Huddle page, taps names, adds a near miss and an idea through the real
dialogs (typed into by :meth:`fill`, saved with a real click), moves an
overdue action to done, finishes, then checks through the services that the
database holds exactly that. Exports the summary PDF when the exporter is
there. Works offscreen and in the packaged app: it needs nothing from the
tests folder. Prints "self-test passed" and returns 0, or the reason and 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # Qt is imported only once the self-test runs
    from PySide6.QtWidgets import QApplication

    from huddle.domain import Person
    from huddle.services import HuddleApp
    from ui.runner.quick_add import QuickAddDialog

D = TypeVar("D", bound="QuickAddDialog")
P = TypeVar("P")

ROSTER = [
    ("Asha Test", "Ward Sister"),
    ("Bryn Test", "Staff Nurse"),
    ("Cara Test", "Staff Nurse"),
    ("Dele Test", "Healthcare Assistant"),
    ("Erin Test", "Student Nurse"),
    ("Finn Test", "Physiotherapist"),
]
PRESENT = ROSTER[:4]
NEAR_MISS = "Self-test: two doses of the same drug nearly given"
IDEA = "Self-test: a second check before every insulin dose"
CLOSING_NOTE = "Self-test: new sign-off sheet in place"


class SelfTestFailure(Exception):
    """What the self-test found wrong, in one sentence."""


def expect(condition: bool, problem: str) -> None:
    if not condition:
        raise SelfTestFailure(problem)


def _qt_application() -> QApplication:
    """The running QApplication, or a new one (offscreen unless told otherwise)."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(sys.argv[:1])


@contextmanager
def scripted_dialog(dialog_class: type[D], fill: Callable[[D], None]) -> Iterator[None]:
    """Make ``dialog_class.ask()`` fill its form and click Save instead of waiting."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def run(dialog: D) -> int:
        fill(dialog)
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    # Replaced on the class, as the code under test calls ``Dialog.ask()``
    # (setattr: mypy rightly refuses a plain assignment to a method).
    setattr(dialog_class, "exec", run)  # noqa: B010
    try:
        yield
    finally:
        delattr(dialog_class, "exec")


def _wait_until(done: Callable[[], bool], problem: str, seconds: float = 60) -> None:
    """Let the event loop run (callbacks from worker threads) until ``done()``."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SelfTestFailure(problem)
        QApplication.processEvents()
        time.sleep(0.01)


def _panel(panel: object, kind: type[P]) -> P:
    """The section's panel, checked to be the kind the script clicks in."""
    if not isinstance(panel, kind):
        raise SelfTestFailure(f"a section showed {type(panel).__name__}, not {kind.__name__}")
    return panel


def run_self_test() -> int:
    """Run the huddle self-test; 0 when it passed, 1 (with the reason printed) if not."""
    _qt_application()
    with tempfile.TemporaryDirectory(prefix="ward-huddle-self-test-") as folder:
        try:
            _run(Path(folder))
        except SelfTestFailure as failure:
            print(f"self-test failed: {failure}")
            return 1
        except Exception as error:  # any crash is a failed self-test, never a traceback
            print(f"self-test failed: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
            return 1
    print("self-test passed")
    return 0


def _run(folder: Path) -> None:
    from huddle.services import HuddleApp

    app = HuddleApp.open(folder / "self-test.db", actor="self-test")
    try:
        _drive(app, folder)
    finally:
        app.close()


def _drive(app, folder: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget

    from huddle.domain import ActionStatus, HarmLevel, HuddleStatus, LearningKind, SectionKey
    from ui.context import ChangeBus, UiContext
    from ui.pages.huddle_runner import HuddlePage
    from ui.runner.actions_panel import ActionsPanel
    from ui.runner.quick_add import IdeaDialog, LearningDialog
    from ui.runner.sections import IdeasPanel, SafetyPanel

    click = Qt.MouseButton.LeftButton
    app.setup.create_ward(name="Self-test Ward", site="Nowhere General", roster=ROSTER)
    today = app.clock.today()
    overdue = app.actions.create_action(
        title="Self-test: overdue action", owner_text="Night team", due_on=today - timedelta(days=3)
    )
    bus = ChangeBus(app)
    ctx = UiContext(app=app, bus=bus)
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    page = HuddlePage(ctx)
    layout.addWidget(page)
    bus.changed.connect(page.on_changed)
    host.resize(1920, 1080)
    host.show()
    try:
        page.refresh()
        QTest.mouseClick(page.prompt.start_button, click)
        running = app.huddles.running()
        expect(running is not None, "pressing Start huddle did not start a huddle")
        huddle_id = running.id
        view = page.run_view
        people = {p.display_name: p for p in app.setup.people()}
        for name, _role in PRESENT:
            QTest.mouseClick(view.attendance.buttons[people[name].id], click)

        keys = [s.key for s in running.sections]
        safety = _panel(view.panels[keys.index(SectionKey.SAFETY)], SafetyPanel)
        with scripted_dialog(
            LearningDialog,
            lambda d: d.fill(
                kind=LearningKind.NEAR_MISS,
                title=NEAR_MISS,
                what_happened="Two charts for one patient; caught at the bedside check.",
                harm=HarmLevel.NONE,
            ),
        ):
            QTest.mouseClick(safety.add_button, click)

        ideas_index = keys.index(SectionKey.IDEAS)
        QTest.mouseClick(view.steps.steps[ideas_index], click)
        expect(page.current_index == ideas_index, "clicking a step did not open that section")
        due = today + timedelta(days=14)
        with scripted_dialog(
            IdeaDialog, lambda d: d.fill(title=IDEA, owner="Bryn Test", due_on=due)
        ):
            ideas = _panel(view.panels[ideas_index], IdeasPanel)
            QTest.mouseClick(ideas.idea_button, click)

        actions_panel = _panel(view.panels[keys.index(SectionKey.ACTIONS)], ActionsPanel)
        page.go_to(keys.index(SectionKey.ACTIONS))
        row = actions_panel.rows[overdue.id]
        QTest.keyClicks(row.note, CLOSING_NOTE)
        QTest.mouseClick(row.status_buttons[ActionStatus.DONE], click)

        QTest.mouseClick(view.finish_button, click)
        QApplication.processEvents()
        expect(page.views.currentWidget() is page.summary, "the summary did not show")
        _check_database(app, huddle_id, people, overdue.id, due)
        pdf = folder / "summary.pdf"
        page.summary.write_pdf(pdf)
        _wait_until(lambda: not page.summary.busy, "the summary PDF took over a minute")
        expect(
            pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-",
            f"the summary PDF was not written: {page.summary.problem.text()}",
        )
        expect(
            app.huddles.huddle(huddle_id).status is HuddleStatus.FINISHED,
            "the huddle is not marked finished",
        )
    finally:
        host.hide()
        host.deleteLater()
        QApplication.processEvents()


def _check_database(
    app: HuddleApp, huddle_id: str, people: dict[str, Person], overdue_id: str, due: date
) -> None:
    from huddle.domain import ActionStatus, HuddleStatus, LearningKind

    record = app.huddles.record(huddle_id)
    expect(record.huddle.status is HuddleStatus.FINISHED, "the huddle was not finished")
    wanted = {people[name].id for name, _ in PRESENT}
    expect(
        set(record.huddle.attendee_ids) == wanted,
        f"attendance holds {len(record.huddle.attendee_ids)} people, not {len(wanted)}",
    )
    expect(
        [(i.kind, i.title) for i in record.learning_raised]
        == [(LearningKind.NEAR_MISS, NEAR_MISS)],
        "the near miss was not saved exactly once",
    )
    expect(len(record.actions_agreed) == 1, "the idea was not saved as exactly one action")
    idea = record.actions_agreed[0]
    expect(
        (idea.title, idea.owner_id, idea.due_on, idea.huddle_id)
        == (IDEA, people["Bryn Test"].id, due, huddle_id),
        "the idea's owner, due date or huddle link is wrong",
    )
    closed = app.actions.action(overdue_id)
    expect(
        closed.status is ActionStatus.DONE and closed.closing_note == CLOSING_NOTE,
        "the overdue action was not closed with its note",
    )
    notes = [n for n in app.actions.progress_notes(overdue_id) if n.huddle_id == huddle_id]
    expect(len(notes) == 1, "the closing progress note is not linked to the huddle")


if __name__ == "__main__":  # pragma: no cover - python -m ui.self_test
    raise SystemExit(run_self_test())
