"""Before the ward opens: is its database healthy, and if not, bring back a backup.

``ward-huddle`` runs :func:`recover_at_start` before it opens the database. A
damaged file (a destroyed header, a truncated file, garbage pages) is found by
the same health check as ``huddle check``. The newest backup that passes its
integrity check is offered in :class:`RecoveryDialog`; restoring copies and
verifies the backup first, then swaps it in, keeping the damaged file and its
journals beside it (never overwritten, never into the backups folder); see
:mod:`huddle.restore`. A recovery killed half-way is finished or rolled back at
the next start, never replaced by a new, empty ward. Declining changes nothing
and the app closes, saying what to do next.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from huddle import backup, restore
from huddle.clock import Clock
from huddle.errors import HuddleError
from huddle.health import EarlyCheck, check_database
from ui import dialogs
from ui.dialogs import ACCEPT, REJECT, accepted, answer_buttons, message_text, stack
from ui.formatting import date_and_time

log = logging.getLogger(__name__)
TITLE = "The ward's data needs attention"


@dataclass(frozen=True)
class GoodBackup:
    path: Path
    taken_at: datetime


class RecoveryDialog(QDialog):
    """Says what is wrong and offers the newest good backup; Restore or Close."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        problem: str,
        database: Path,
        backup_file: Path,
        taken_at: datetime,
    ) -> None:
        super().__init__(parent)
        question = recovery_question(problem, database, backup_file, taken_at)
        self.text = message_text(self, title=TITLE, text=question, width=520)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons, (self.restore_button, self.close_button) = answer_buttons(
            self,
            ("Restore this backup", ACCEPT, ""),
            ("Close Ward Huddle", REJECT, "Close Ward Huddle without changing anything"),
        )
        stack(self, self.text, buttons)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        problem: str,
        database: Path,
        backup_file: Path,
        taken_at: datetime,
    ) -> bool:
        return accepted(
            cls(
                parent,
                problem=problem,
                database=database,
                backup_file=backup_file,
                taken_at=taken_at,
            )
        )


def recovery_question(problem: str, database: Path, backup_file: Path, taken_at: datetime) -> str:
    return (
        f"Ward Huddle cannot use the ward's database: {problem}.\n\n"
        f"The newest healthy backup was taken on {date_and_time(taken_at)} "
        f"({backup_file.name}). Restoring it brings back everything saved up to then; "
        "anything saved after it will be missing.\n\n"
        f"The damaged file is not deleted: it is renamed beside {database.name} so IT can "
        "look at it."
    )


def newest_good_backup(database: Path, folders: Sequence[Path]) -> GoodBackup | None:
    """The newest backup of ``database`` in any of ``folders`` that passes its check."""
    candidates = []
    for folder in dict.fromkeys(Path(f) for f in folders):  # each folder once, in order
        candidates.extend(backup.list_backups(folder, database.stem))
    for found in sorted(candidates, key=lambda b: b.taken_at, reverse=True):
        try:
            backup.verify_backup(found.path)
        except HuddleError:
            continue
        return GoodBackup(found.path, found.taken_at)
    return None


def is_damage(problem_health) -> bool:
    """A failed health check that a backup can mend (not a newer version's file)."""
    return not problem_health.ok and problem_health.schema_version is None


def recover_at_start(
    database: Path,
    backup_folders: Sequence[Path],
    *,
    parent: QWidget | None = None,
    clock: Clock | None = None,
    early: EarlyCheck | None = None,
) -> bool:
    """True when the app may go on to open ``database``; False to close cleanly.

    ``early``: the quick health check, begun while the app loaded (used unless an
    interrupted restore was finished meanwhile, which changes the file).
    """
    database = Path(database)
    if early is not None and restore.intent_path(database).exists():
        early.result()  # let go of the file before a restore's swap replaces it (Windows)
    try:
        outcome = restore.finish_interrupted_swap(database)
    except OSError as error:
        log.exception("finishing an interrupted recovery of %s failed", database)
        dialogs.MessageDialog.ask(
            parent,
            title=TITLE,
            text=(
                f"A restore of {database.name} was interrupted and could not be finished "
                f"({error.strerror or error}). Nothing was deleted; ask IT to check the folder."
            ),
        )
        return False
    if outcome is not None:
        log.warning("an interrupted restore of %s was %s", database, outcome)
    if not database.exists():
        # a ward whose file has gone (while its backups remain) is never papered
        # over with a new, empty ward: its newest good backup is offered first
        found = newest_good_backup(database, backup_folders)
        if found is None:
            return True  # a new ward: the welcome screen makes it
        log.error("the database is missing at start: %s", database)
        return _offer_backup(database, "the database file is missing", found, parent, clock)
    if early is not None and outcome is None and early.path == database:
        health = early.result()
    else:  # quick: the full check runs at every backup
        health = check_database(database, thorough=False)
    if not is_damage(health):
        return True  # healthy, or too new (opening says so in its own words)
    log.error("damaged database at start: %s: %s", database, health.problem)
    good = newest_good_backup(database, backup_folders)
    if good is None:
        if database.stat().st_size == 0:
            return True  # an empty file holds nothing to lose: start afresh
        dialogs.MessageDialog.ask(
            parent,
            title=TITLE,
            text=(
                f"Ward Huddle cannot use the ward's database: {health.problem}.\n\n"
                "No healthy backup of it was found in "
                f"{', '.join(str(f) for f in dict.fromkeys(backup_folders))}. Nothing has been "
                f"changed: the file is still at {database}. Ask IT to look for an older copy, "
                "or run 'huddle check' and 'huddle restore' when one is found."
            ),
        )
        return False
    return _offer_backup(database, health.problem, good, parent, clock)


def _offer_backup(
    database: Path,
    problem: str,
    good: GoodBackup,
    parent: QWidget | None,
    clock: Clock | None,
) -> bool:
    """Offer ``good``; restore it if accepted. True when the app may open the ward."""
    if not RecoveryDialog.ask(
        parent,
        problem=problem,
        database=database,
        backup_file=good.path,
        taken_at=good.taken_at,
    ):
        dialogs.MessageDialog.ask(
            parent,
            title=TITLE,
            text=(
                f"Ward Huddle has closed without changing anything ({problem}: {database}). "
                f"The newest good backup is at {good.path}.\n\nOpen Ward Huddle again "
                "to restore it, or ask IT (they can run 'huddle restore')."
            ),
        )
        return False
    try:
        recovery = restore.recover_from(database, good.path, clock=clock)
    except HuddleError as error:
        log.exception("restoring %s failed", good.path)
        dialogs.show_error(parent, error, title="The backup could not be restored")
        return False
    except OSError as error:
        log.exception("restoring %s failed", good.path)
        dialogs.MessageDialog.ask(
            parent,
            title="The backup could not be restored",
            text=(
                f"The backup could not be copied into place ({error.strerror or error}). "
                "Nothing was deleted; ask IT to check the folder's permissions."
            ),
        )
        return False
    kept = recovery.damaged_kept_at
    dialogs.MessageDialog.ask(
        parent,
        title="Backup restored",
        text=(
            f"The backup from {date_and_time(good.taken_at)} has been restored."
            + (
                f" The damaged file was kept as {kept.name} in {kept.parent} for IT."
                if kept
                else ""
            )
        ),
    )
    log.info("restored %s from %s; damaged file kept at %s", database, good.path, kept)
    return True
