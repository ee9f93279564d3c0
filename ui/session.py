"""One opened ward database: its ``HuddleApp``, its presence claim, its UI context.

Opening claims the database's presence marker first. When another live copy
(another login, or another PC on a shared folder) holds it, the ward opens
read-only and the context names who has it, so the window can say so rather
than fight over the file. ``close()`` releases the claim.
"""

from __future__ import annotations

import getpass
import platform
from dataclasses import dataclass
from pathlib import Path

from huddle import presence
from huddle.clock import Clock
from huddle.services import HuddleApp
from ui.context import ChangeBus, UiContext


def actor_name() -> str:
    """Who is making changes, for the audit trail: login@computer."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return f"{user}@{platform.node() or 'this-pc'}"


@dataclass
class WardSession:
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
    def open(cls, path: Path, *, clock: Clock | None = None, claim_presence: bool = True,
             read_only: bool = False) -> WardSession:
        path = Path(path)
        claim = presence.claim(path) if claim_presence else None
        holder = claim.other if claim is not None else None
        if claim is None and not read_only:
            holder = presence.current_holder(path)
        read_only = read_only or holder is not None
        try:
            app = HuddleApp.open(path, clock=clock, actor=actor_name(), read_only=read_only)
        except BaseException:
            if claim is not None:
                presence.release(claim)
            raise
        ctx = UiContext(app=app, bus=ChangeBus(app), read_only=read_only, holder=holder)
        return cls(path, ctx, claim)

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


def read_only_message(holder: presence.Holder | None) -> str:
    if holder is None:
        return "This ward's data is open read-only here, so you can look but not change anything."
    return (f"{holder.user} on {holder.host} has this ward open, so you can look but not "
            "change anything here.")
