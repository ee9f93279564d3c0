"""One opened ward database: its ``HuddleApp``, its presence claim, its UI context.

Opening claims the database's presence marker first. When another live copy
(another login, or another PC on a shared folder) holds it, the ward opens
read-only and the context names who has it, so the window can say so rather
than fight over the file. A file (or folder) this login may not write to opens
read-only too, with the reason. A database on a network drive or in a folder a
cloud client syncs opens normally, with a warning. ``close()`` releases the
claim.
"""

from __future__ import annotations

import getpass
import os
import platform
from pathlib import Path

import msgspec

from huddle import presence
from huddle.clock import Clock
from huddle.placement import placement_warnings
from huddle.services import HuddleApp
from ui.context import ChangeBus, UiContext


def actor_name() -> str:
    """Who is making changes, for the audit trail: login@computer."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return f"{user}@{platform.node() or 'this-pc'}"


class WardSession(msgspec.Struct):
    path: Path
    ctx: UiContext
    claim: presence.Claim | None

    @property
    def app(self) -> HuddleApp:
        return self.ctx.app

    @property
    def read_only(self) -> bool:
        return self.ctx.read_only

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock | None = None,
        claim_presence: bool = True,
        read_only: bool = False,
    ) -> WardSession:
        path = Path(path)
        reason = file_read_only_reason(path)
        if reason is not None:
            claim_presence = False  # nothing can be written beside it either
        claim = presence.claim(path) if claim_presence else None
        holder = claim.other if claim is not None else None
        if claim is None and not read_only:
            holder = presence.current_holder(path)
        read_only = read_only or holder is not None or reason is not None
        try:
            app = HuddleApp.open(path, clock=clock, actor=actor_name(), read_only=read_only)
        except BaseException:
            if claim is not None:
                presence.release(claim)
            raise
        ctx = UiContext(
            app=app,
            bus=ChangeBus(app),
            read_only=read_only,
            holder=holder,
            read_only_reason=reason,
            placement_warnings=tuple(w.message for w in placement_warnings(path)),
        )
        session = cls(path, ctx, claim)
        ctx.close_ward = session.close
        return session

    def refresh_presence(self) -> None:
        if self.claim is not None:
            presence.refresh(self.claim)

    def who_else(self) -> presence.Holder | None:
        return presence.current_holder(self.path)

    def close(self) -> None:
        try:
            self.app.close()
        finally:
            if self.claim is not None:
                presence.release(self.claim)
                self.claim = None


def close_ward(ctx: UiContext) -> None:
    """Let go of the ward's database file (its connection and presence claim), as
    restoring a backup must before it replaces the file. The window reopens it."""
    if ctx.close_ward is not None:
        ctx.close_ward()
    else:  # a context made without a session (tests): only the connection to close
        ctx.app.close()


def file_read_only_reason(path: Path) -> str | None:
    """Why this login cannot write the database file, or None when it can.

    SQLite needs to write the file and to make its journal beside it, so a
    read-only folder counts as much as a read-only file.
    """
    if not path.exists():
        return None
    if not os.access(path, os.W_OK):
        return (
            f"This login is not allowed to change the ward's database file ({path}), "
            "so it has opened read-only: you can look but not change anything. "
            "Ask IT to give your login permission to write to the file."
        )
    if not os.access(path.parent, os.W_OK):
        return (
            f"The folder that holds the ward's database ({path.parent}) is read-only for "
            "this login, so the ward has opened read-only: you can look but not change "
            "anything. Ask IT to give your login permission to write to the folder."
        )
    return None


def read_only_message(holder: presence.Holder | None, reason: str | None = None) -> str:
    if reason:
        return reason
    if holder is None:
        return "This ward's data is open read-only here, so you can look but not change anything."
    return (
        f"{holder.user} on {holder.host} has this ward open, so you can look but not "
        "change anything here."
    )


def banner_text(ctx: UiContext) -> str:
    """The shell's banner: why this PC is read-only, then any warning about where
    the database lives; empty when there is nothing to say."""
    lines = []
    if ctx.read_only:
        lines.append(read_only_message(ctx.holder, ctx.read_only_reason))
    lines.extend(ctx.placement_warnings)
    notice = pin_reset_notice(ctx)
    if notice:
        lines.append(notice)
    return "\n".join(lines)


def pin_reset_notice(ctx: UiContext) -> str:
    """Says that IT cleared the manager PIN (``huddle reset-pin``), until a new one is set."""
    from huddle.errors import HuddleError
    from ui.formatting import date_and_time

    try:
        notice = ctx.app.manager.reset_notice()
    except (HuddleError, AttributeError, KeyError, ValueError):
        return ""
    if notice is None:
        return ""
    by, at = notice
    return (
        f"The ward manager's PIN was cleared from the command line by {by} on "
        f"{date_and_time(at)}. Set a new PIN in Settings, Ward manager."
    )
