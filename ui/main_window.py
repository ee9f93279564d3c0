"""The main window: header, big navigation buttons and one page at a time.

Pages are built the first time they are shown (Today straight away), so
start-up only pays for what it paints. Each page's ``on_changed`` listens to
the one ``ChangeBus.changed`` signal. With no ward in the database the window
shows the welcome instead. F11 (or the Board mode button) switches to a
full-screen, larger-type board for wall screens; F1 (or the header's button)
lists every keyboard shortcut.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import msgspec
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huddle.domain import Action, Change, HuddleKind
from ui import theme
from ui.context import board_factor_for
from ui.elided import ElidedLabel
from ui.fonts import register_shipped_fonts
from ui.formatting import day_heading
from ui.layouts import scroller
from ui.pages.base import Page
from ui.session import WardSession, banner_text

if TYPE_CHECKING:  # built later: sync once Today has painted, the welcome only for a new ward
    from PySide6.QtGui import QShortcut

    from ui.background_sync import BackgroundSync, SyncBadge
    from ui.first_run import FirstRunPage

log = logging.getLogger(__name__)
PRESENCE_REFRESH_MS = 60_000
NAV_WIDTH = 250
NAV_NARROW = 200  # below WIDE_WINDOW the pages need the room more than the labels
WIDE_WINDOW = 1500  # pixels
WARM_UP_MS = 150  # after Today has painted


class PageSpec(msgspec.Struct, frozen=True):
    key: str
    label: str
    module: str  # imported the first time the page is shown (start-up stays lean)
    class_name: str


PAGES = (
    PageSpec("today", "Today", "ui.pages.today", "TodayPage"),
    PageSpec("huddle", "Huddle", "ui.pages.huddle_runner", "HuddlePage"),
    PageSpec("actions", "Actions", "ui.pages.actions", "ActionsPage"),
    PageSpec("learning", "Learning", "ui.pages.learning", "LearningPage"),
    PageSpec("measures", "Measures", "ui.pages.measures", "MeasuresPage"),
    PageSpec("reports", "Reports", "ui.pages.reports", "ReportsPage"),
    PageSpec("settings", "Settings", "ui.pages.settings", "SettingsPage"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
P = TypeVar("P", bound=Page)


def load_page_class(spec: PageSpec) -> type[Page]:
    """The page's class; every page ships with the app, so a failure here is a bug."""
    found = getattr(importlib.import_module(spec.module), spec.class_name)
    if not (isinstance(found, type) and issubclass(found, Page)):
        raise TypeError(f"{spec.module}.{spec.class_name} is not a page")
    return found


class MainWindow(QMainWindow):
    page_shown = Signal(str)

    def __init__(
        self,
        session: WardSession,
        *,
        open_session: Callable[..., WardSession] = WardSession.open,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        register_shipped_fonts()  # a no-op after the first window or make_application
        self.setWindowTitle("Ward Huddle")
        self.setAccessibleName("Ward Huddle")
        self.styled_pages: set[str] = set()  # pages built that have rules of their own
        theme.apply_style(self, pages=self.styled_pages)
        self.setMinimumSize(1024, 700)
        self._open_session = open_session
        self.session: WardSession | None = None
        self.pages: dict[str, Page] = {}
        self.nav_buttons: dict[str, QPushButton] = {}
        self.welcome: FirstRunPage | None = None
        self._background_sync: BackgroundSync | None = None
        self._sync_badge: SyncBadge | None = None
        self.presence_timer = QTimer(self)
        self.presence_timer.setInterval(PRESENCE_REFRESH_MS)
        self.presence_timer.timeout.connect(self.refresh_presence)
        # A child timer, so it dies with the window (a bare singleShot would not).
        self.warm_up_timer = QTimer(self)
        self.warm_up_timer.setSingleShot(True)
        self.warm_up_timer.setInterval(WARM_UP_MS)
        self.warm_up_timer.timeout.connect(self._warm_up)
        # the window's keys are made by _add_keys: at once for a new ward's welcome, and
        # once Today has painted for a ward (QKeySequence's classes cost about 1.5 ms,
        # and nobody presses a key before the window shows)
        self.board_shortcut: QShortcut | None = None
        self.idea_shortcut: QShortcut | None = None
        self.help_shortcut: QShortcut | None = None
        self.page_shortcuts: list[QShortcut] = []  # Alt+1…: made once, for every ward shown
        self.use_session(session)

    # -- which ward -----------------------------------------------------------
    @property
    def ctx(self):
        assert self.session is not None
        return self.session.ctx

    def use_session(self, session: WardSession) -> None:
        """Show ``session``'s ward (the welcome if it has none yet)."""
        if self.session is not None and self.session is not session:
            self.close_session()
        self.session = session
        self.pages = {}
        self.nav_buttons = {}
        self.welcome = None
        if session.claim is not None:
            self.presence_timer.start()
        if session.app.has_ward:
            self._build_shell()
        else:
            self._build_welcome()

    def open_database(self, path: Path) -> None:
        """Close this ward and open the one at ``path`` (the sample ward, say)."""
        try:
            session = self._open_session(Path(path))
        except Exception as error:  # a damaged or too-new file: say so, keep this one
            from ui import dialogs  # (the dialogs' Qt classes load on first use)

            dialogs.show_error(self, error, title="That ward could not be opened")
            return
        self.use_session(session)

    def close_session(self) -> None:
        self.presence_timer.stop()
        self.warm_up_timer.stop()
        if self._background_sync is not None:
            self._background_sync.stop()
        if self.session is not None:
            session, self.session = self.session, None
            session.close()

    def refresh_presence(self) -> None:
        if self.session is not None:
            self.session.refresh_presence()

    # -- building -------------------------------------------------------------
    def _build_welcome(self) -> None:
        from ui.first_run import FirstRunPage

        assert self.session is not None  # only called from use_session()
        self.welcome = welcome = FirstRunPage(self.ctx, database=self.session.path)
        welcome.ward_created.connect(self._build_shell)
        welcome.open_requested.connect(self.open_database)
        self.setCentralWidget(welcome)
        welcome.show()
        self._add_keys(pages=False)  # no pages to go to yet

    def _build_shell(self) -> None:
        self.welcome = None
        # the window paints the background once; the shell, the page stack and its
        # holders are see-through (each would otherwise fill the whole screen again)
        shell = QWidget()
        outer = QVBoxLayout(shell)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # Sync (its settings, its service, its header line) is set up once Today
        # has painted: start-up need not wait for it.
        self._background_sync = self._sync_badge = None
        outer.addWidget(self._build_header())
        # why this PC is read-only, and any warning about where the database lives
        warning = banner_text(self.ctx)
        self.banner = QLabel(warning)
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(warning or "No warnings")
        self.banner.setVisible(bool(warning))
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self._nav_holder(self._build_nav()))
        self.stack = QStackedWidget()  # each page joins it when first built
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(shell)
        shell.show()
        self.ctx.bus.changed.connect(self._on_changed)
        from ui.pages.today import TodayPage

        # filled before the window shows: its widgets are then polished and laid out
        # once, with the window's, rather than each on its own as it joins a shown page
        self.show_page("today").refresh_if_stale()
        today = self.typed_page("today", TodayPage)
        today.painted.connect(self.warm_up_timer.start)
        today.painted.connect(self._keys_after_paint, Qt.ConnectionType.SingleShotConnection)

    def _keys_after_paint(self) -> None:
        # on the event loop's next turn: the painted frame goes out first
        QTimer.singleShot(0, self, partial(self._add_keys, pages=True))

    def _add_keys(self, *, pages: bool) -> None:
        """The window's keys (F11, Ctrl+I, F1) and, with ``pages``, a key for each page
        (Alt+1…); each made once, however many wards the window shows in turn."""
        from ui.shortcuts import add_shortcut

        if self.board_shortcut is None:
            self.board_shortcut = add_shortcut(Qt.Key.Key_F11, self, self.toggle_board_mode)
            # Anyone can drop an idea from any page, in seconds.
            self.idea_shortcut = add_shortcut("Ctrl+I", self, self.new_idea)
            self.help_shortcut = add_shortcut(Qt.Key.Key_F1, self, self.show_shortcuts)
        if pages and not self.page_shortcuts:
            self.page_shortcuts = [
                add_shortcut(f"Alt+{number}", self, partial(self.show_page, spec.key))
                for number, spec in enumerate(PAGES, start=1)
            ]

    @property
    def background_sync(self) -> BackgroundSync:
        """The ward's background sync, set up (and started) when first asked for."""
        if self._background_sync is None:
            from ui.background_sync import BackgroundSync, configured_server
            from ui.tasks import TaskRunner

            self._background_sync = BackgroundSync(
                self.ctx, server=configured_server(), runner=TaskRunner(self), parent=self
            )
            self._background_sync.start()
        return self._background_sync

    @property
    def sync_badge(self) -> SyncBadge:
        """The header's sync line, beside the date, made when first asked for."""
        if self._sync_badge is None:
            from ui.background_sync import SyncBadge

            self._sync_badge = SyncBadge(self.ctx, self.background_sync)
            self.header_row.insertWidget(self.header_row.indexOf(self.date_label), self._sync_badge)
        return self._sync_badge

    def set_up_own_ward(self) -> None:
        """Leave the sample ward for this PC's own database (the welcome, if it is new)."""
        from huddle.config import load_settings

        own = Path(load_settings().db_path)
        if self.session is not None and own.resolve() == Path(self.session.path).resolve():
            return
        self.open_database(own)

    def _warm_up(self) -> None:
        """Say how sync stands, and build the Huddle page while the team looks at
        Today, so Start is instant."""
        if self.session is not None and self.session.app.has_ward and self.pages:
            self.sync_badge.refresh()
            self.page("huddle")

    def _build_header(self) -> QWidget:
        header = theme.styled(QWidget(), "Header")
        row = QHBoxLayout(header)
        row.setContentsMargins(24, 12, 24, 12)
        self.ward_label = ElidedLabel()  # a long ward and site name ends in "…", never cut
        self.ward_label.setObjectName("WardName")
        self.date_label = QLabel()
        self.date_label.setObjectName("TodayDate")
        # board mode hides the navigation, so the way back is in the header
        self.leave_board_button = QPushButton("Leave board mode (F11)")
        self.leave_board_button.setProperty("kind", "header")
        self.leave_board_button.setAccessibleName("Leave board mode")
        self.leave_board_button.clicked.connect(lambda: self.set_board_mode(False))
        self.leave_board_button.hide()
        self.header_row = row
        row.addWidget(self.ward_label, 1)
        row.addSpacing(16)
        row.addWidget(self.date_label)  # the sync line goes before it, once Today has painted
        row.addWidget(self.leave_board_button)
        row.addSpacing(16)
        self.shortcuts_button = QPushButton("Keyboard shortcuts (F1)")
        self.shortcuts_button.setProperty("kind", "header")
        self.shortcuts_button.setObjectName("ShortcutsButton")  # no taller than the ward's name
        self.shortcuts_button.setAccessibleName("Keyboard shortcuts: every key the app answers to")
        self.shortcuts_button.clicked.connect(self.show_shortcuts)
        row.addWidget(self.shortcuts_button)
        self._show_ward_name()
        return header

    def _build_nav(self) -> QWidget:
        nav = self.nav = theme.styled(QWidget(), "Nav")
        column = QVBoxLayout(nav)
        column.setContentsMargins(0, 12, 0, 12)
        column.setSpacing(4)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        for number, spec in enumerate(PAGES, start=1):
            button = QPushButton(spec.label)
            button.setProperty("nav", True)
            button.setCheckable(True)
            button.setAccessibleName(f"{spec.label} page")
            button.setToolTip(f"{spec.label} (Alt+{number})")
            button.clicked.connect(lambda _=False, key=spec.key: self.show_page(key))
            self.nav_group.addButton(button)
            self.nav_buttons[spec.key] = button
            column.addWidget(button)
        column.addStretch(1)
        self.idea_button = QPushButton("New idea (Ctrl+I)")
        self.idea_button.setProperty("nav", True)
        self.idea_button.setAccessibleName("New idea: suggest an improvement in seconds")
        self.idea_button.clicked.connect(self.new_idea)
        column.addWidget(self.idea_button)
        self.board_button = QPushButton("Board mode (F11)")
        self.board_button.setProperty("nav", True)
        self.board_button.setCheckable(True)
        self.board_button.setAccessibleName("Board mode: full screen, larger text")
        self.board_button.clicked.connect(self.toggle_board_mode)
        column.addWidget(self.board_button)
        return nav

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_nav()

    def _fit_nav(self) -> None:
        """A narrower navigation (shortcuts in the tooltips) on a narrow window."""
        if not hasattr(self, "nav"):
            return
        narrow = self.width() < WIDE_WINDOW
        self.nav_holder.setFixedWidth(NAV_NARROW if narrow else NAV_WIDTH)
        self.idea_button.setText("New idea" if narrow else "New idea (Ctrl+I)")
        self.board_button.setText("Board mode" if narrow else "Board mode (F11)")
        self.idea_button.setToolTip("New idea (Ctrl+I)")
        self.board_button.setToolTip("Board mode (F11)")

    def _nav_holder(self, nav: QWidget) -> QScrollArea:
        """The navigation scrolls on a short screen rather than making the window taller."""
        holder = scroller(nav)  # Tab goes to the buttons, not the frame
        holder.setObjectName("NavHolder")
        holder.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        holder.setFixedWidth(NAV_WIDTH)
        self.nav_holder = holder
        return holder

    def _show_ward_name(self) -> None:
        app = self.ctx.app
        ward = app.setup.ward()
        place = " · ".join(p for p in (ward.site, ward.specialty) if p)
        self.ward_label.setText(ward.name + (f"  ·  {place}" if place else ""))
        self.ward_label.setAccessibleName(f"Ward: {ward.name}")
        self.date_label.setText(day_heading(app.clock.today()))
        self.date_label.setAccessibleName(f"Today is {day_heading(app.clock.today())}")

    # -- pages ----------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page for ``key``, built the first time it is asked for."""
        if key in self.pages:
            return self.pages[key]
        spec = PAGES[PAGE_KEYS.index(key)]
        page = load_page_class(spec)(self.ctx)
        self.stack.addWidget(page)  # shown by setCurrentWidget: the order is by first use
        self.pages[key] = page
        if key in theme.PAGE_RULES:  # the page's own rules join the window's sheet
            self.styled_pages.add(key)
            theme.apply_style(self, self._scale(), self.styled_pages)
        self.ctx.bus.changed.connect(page.on_changed)
        self._wire(key)
        if self.ctx.board_mode:
            page.set_board_mode(True)
        return page

    def _wire(self, key: str) -> None:
        """Connect what the page ``key`` asks of the window (the pages never reach for it).

        Only that page's own module is imported here (it already is): importing
        every page's would load them all at start-up, before Today has painted.
        """
        if key == "today":
            from ui.pages.today import TodayPage

            self.typed_page(key, TodayPage).start_requested.connect(self.start_huddle)
        elif key == "learning":
            from ui.pages.learning import LearningPage

            self.typed_page(key, LearningPage).action_created.connect(self.show_new_action)
        elif key == "actions":
            from ui.pages.actions import ActionsPage

            # the window's own button serves every page
            self.typed_page(key, ActionsPage).new_idea_button.hide()
        elif key == "settings":
            from ui.pages.settings import SettingsPage

            # the page let go of the file
            self.typed_page(key, SettingsPage).ward_restored.connect(self.open_database)

    def typed_page(self, key: str, kind: type[P]) -> P:
        """``page(key)``, checked to be of the class the caller works with."""
        page = self.page(key)
        if not isinstance(page, kind):
            raise TypeError(f"the {key} page is a {type(page).__name__}, not a {kind.__name__}")
        return page

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.nav_buttons[key].setChecked(True)
        if self.isVisible() and not self.ctx.board_mode or key == "today":
            page.setFocus()
        self.page_shown.emit(key)
        return page

    def current_key(self) -> str:
        current = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is current), "")

    def start_huddle(self, kind: HuddleKind = HuddleKind.DAILY_SAFETY) -> None:
        from ui.pages.huddle_runner import HuddlePage

        self.show_page("huddle")
        self.typed_page("huddle", HuddlePage).start(kind)

    def new_idea(self):
        """The quick "new idea" dialog, from any page (Ctrl+I or the nav button)."""
        if self.session is None or not self.session.app.has_ward or not self.pages:
            return None
        from ui.actions.quick_idea import QuickIdeaDialog

        return QuickIdeaDialog.ask(self.ctx, self)

    def show_shortcuts(self) -> None:
        """The list of keyboard shortcuts (F1 or the header's button)."""
        from ui.keyboard_help import ShortcutsDialog

        ShortcutsDialog.ask(self)

    def show_new_action(self, action: Action) -> None:
        """After "Turn into an action" on the Learning page, show that action."""
        from ui.pages.actions import ActionsPage

        self.show_page("actions")
        self.typed_page("actions", ActionsPage).open_action(action.id)

    def _on_changed(self, change: Change) -> None:
        if change.touches("ward") and self.session is not None:
            self._show_ward_name()

    # -- board mode -----------------------------------------------------------
    def _scale(self) -> theme.TypeScale:
        return theme.scale_for(self.ctx.board_mode, self.ctx.board_factor)

    def toggle_board_mode(self) -> None:
        self.set_board_mode(not self.ctx.board_mode)

    def set_board_mode(self, on: bool) -> None:
        self.ctx.board_mode = on
        if on:
            screen = self.screen().geometry() if self.screen() is not None else None
            self.ctx.board_factor = board_factor_for(screen.height() if screen else 1080)
        scale = self._scale()
        theme.apply_style(self, scale, self.styled_pages)
        self.setFont(theme.app_font(scale.body))
        if hasattr(self, "board_button"):
            self.board_button.setChecked(on)
            # a wall shows the page, not the ways to other pages
            self.nav_holder.setVisible(not on)
            self.leave_board_button.setVisible(on)
            self.shortcuts_button.setVisible(not on)
        for page in self.pages.values():
            page.set_board_mode(on)
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    # -- closing ----------------------------------------------------------------
    def closeEvent(self, event) -> None:
        self.close_session()
        super().closeEvent(event)
