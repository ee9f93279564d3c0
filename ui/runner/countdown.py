"""Countdowns for the current section and the whole huddle.

Time comes from a callable (``now() -> datetime``) handed in by the page, so
tests move a fake clock instead of sleeping. :class:`SectionTimer` is plain
book-keeping; :class:`CountdownDisplay` shows big digits that turn red with
the words "Over time" (never colour alone) once the time box has passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui import theme
from ui.runner.look import set_font

Now = Callable[[], datetime]
WARN_SECONDS = 30  # the last half-minute of a time box shows amber


def format_clock(seconds: float) -> str:
    """Whole seconds as ``m:ss`` (``1:05``), or ``h:mm:ss`` past an hour."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(seconds: float) -> str:
    """``2 minutes 5 seconds`` for screen readers."""
    total = int(abs(seconds))
    minutes, secs = divmod(total, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not minutes:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


class SectionTimer:
    """How long the team has spent in each section, given a clock."""

    def __init__(self, now: Now) -> None:
        self._now = now
        self._spent: dict[int, float] = {}
        self._current: int | None = None
        self._since: datetime | None = None

    @property
    def current(self) -> int | None:
        return self._current

    def enter(self, index: int) -> None:
        """Start (or carry on) timing section ``index``; stop the one before."""
        moment = self._now()
        if self._current is not None and self._since is not None:
            self._spent[self._current] = self.spent(self._current, moment)
        self._current, self._since = index, moment

    def spent(self, index: int, moment: datetime | None = None) -> float:
        earlier = self._spent.get(index, 0.0)
        if index != self._current or self._since is None:
            return earlier
        moment = moment or self._now()
        return earlier + max(0.0, (moment - self._since).total_seconds())

    def resume(self, elapsed: float, boxes: Sequence[int]) -> int:
        """After a restart, pick the section the agenda's clock points to.

        The time already spent is laid over the time boxes in order; the
        section it ends in becomes current with the remainder as time spent.
        """
        index, left = 0, max(0.0, elapsed)
        for index, box in enumerate(boxes):
            if left < box or index == len(boxes) - 1:
                break
            self._spent[index] = float(box)
            left -= box
        self._spent[index] = left
        self._current, self._since = None, None
        self.enter(index)
        return index


class CountdownDisplay(QFrame):
    """A caption, big digits and a status word; red with "Over time" when late."""

    def __init__(
        self,
        caption: str,
        digits_points: float,
        caption_points: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Countdown")
        self._caption_text = caption
        self.over_time = False
        self.caption = QLabel(caption)
        self.digits = QLabel("0:00")
        self.state = QLabel("")
        set_font(self.caption, caption_points, bold=True)
        set_font(self.digits, digits_points, bold=True)
        set_font(self.state, caption_points, bold=True)
        for label in (self.caption, self.digits, self.state):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit_digits()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.digits)
        layout.addWidget(self.state)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Qt gives a widget of our own no role a screen reader can say; this says it
        self.setAccessibleDescription("Countdown timer: the time left, read out on focus")
        self._mood = ""
        self._paint("normal")

    def set_points(self, digits_points: float, caption_points: float) -> None:
        """Resize the digits and words (a short screen gets smaller countdowns)."""
        if abs(self.digits.font().pointSizeF() - digits_points) < 0.1:
            return
        set_font(self.caption, caption_points, bold=True)
        set_font(self.digits, digits_points, bold=True)
        set_font(self.state, caption_points, bold=True)
        self.fit_digits()

    def fit_digits(self) -> None:
        """Room for the widest reading, so the box does not jump as the digits change."""
        widest = self.digits.fontMetrics().horizontalAdvance("+88:88")
        self.digits.setMinimumWidth(widest + 8)

    def show_remaining(self, remaining: float) -> None:
        """Show the time left (negative once over time)."""
        over = remaining < 0
        self.over_time = over
        shown = format_clock(remaining)
        if over:
            self.digits.setText(f"+{shown}")
            self.state.setText("Over time")
            spoken = f"over time by {spoken_duration(remaining)}"
            self._paint("over")
        else:
            self.digits.setText(shown)
            self.state.setText("Time left")
            spoken = f"{spoken_duration(remaining)} left"
            self._paint("warn" if remaining <= WARN_SECONDS else "normal")
        self.setAccessibleName(f"{self._caption_text}: {spoken}")

    def _paint(self, mood: str) -> None:
        if mood == self._mood:
            return
        self._mood = mood
        # its colours: ui.style_rules.COUNTDOWN_MOODS; the labels' follow the frame's
        theme.mark(self, "mood", mood, with_children=True)
