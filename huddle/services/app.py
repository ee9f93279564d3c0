"""The opened ward: one object the UI and the command line pass around.

It owns the store, the clock, which ward is current and the change listeners,
and exposes each area's service as an attribute::

    app = HuddleApp.open("ward.db")
    huddle = app.huddles.start_huddle()

Each service is made, and its module imported, the first time it is used: the
desktop app paints Today with five of them, and loads the rest afterwards.
"""

from __future__ import annotations

import contextlib
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from huddle.clock import Clock
from huddle.domain import Change, Ward
from huddle.errors import NotFoundError
from huddle.services.base import ChangeListener
from huddle.store import open_store
from huddle.store import roster as roster_q
from huddle.store.connection import Store

if TYPE_CHECKING:
    from huddle.services.actions import Actions
    from huddle.services.board import Board
    from huddle.services.charts import Charts
    from huddle.services.escalations import EscalationService
    from huddle.services.excellence import Excellence
    from huddle.services.huddles import Huddles
    from huddle.services.identifiers import IdentifierChecks
    from huddle.services.learning import Learning
    from huddle.services.learning_insights import LearningInsights
    from huddle.services.manager import ManagerPin
    from huddle.services.measures import Measures
    from huddle.services.patient_voice import PatientVoice
    from huddle.services.preferences import Preferences
    from huddle.services.pulse import Pulse
    from huddle.services.responses import Responses
    from huddle.services.sync import SyncService
    from huddle.services.ward_setup import WardSetup


class HuddleApp(contextlib.AbstractContextManager["HuddleApp", None]):
    """The open ward and its services; a ``with`` block closes it."""

    def __init__(self, store: Store, *, ward_id: str | None = None) -> None:
        self.store = store
        self.clock: Clock = store.clock
        self._listeners: list[ChangeListener] = []
        wards = roster_q.wards(store)
        if ward_id is not None:
            roster_q.ward(store, ward_id)
            self._ward_id: str | None = ward_id
        else:
            self._ward_id = wards[0].id if wards else None

    # The services: each made (and its module imported) when first used.
    @cached_property
    def setup(self) -> WardSetup:
        from huddle.services.ward_setup import WardSetup

        return WardSetup(self)

    @cached_property
    def huddles(self) -> Huddles:
        from huddle.services.huddles import Huddles

        return Huddles(self)

    @cached_property
    def learning(self) -> Learning:
        from huddle.services.learning import Learning

        return Learning(self)

    @cached_property
    def actions(self) -> Actions:
        from huddle.services.actions import Actions

        return Actions(self)

    @cached_property
    def measures(self) -> Measures:
        from huddle.services.measures import Measures

        return Measures(self)

    @cached_property
    def charts(self) -> Charts:
        from huddle.services.charts import Charts

        return Charts(self)

    @cached_property
    def board(self) -> Board:
        from huddle.services.board import Board

        return Board(self)

    @cached_property
    def preferences(self) -> Preferences:
        from huddle.services.preferences import Preferences

        return Preferences(self)

    @cached_property
    def manager(self) -> ManagerPin:
        from huddle.services.manager import ManagerPin

        return ManagerPin(self)

    @cached_property
    def insights(self) -> LearningInsights:
        from huddle.services.learning_insights import LearningInsights

        return LearningInsights(self)

    @cached_property
    def responses(self) -> Responses:
        from huddle.services.responses import Responses

        return Responses(self)

    @cached_property
    def pulse(self) -> Pulse:
        from huddle.services.pulse import Pulse

        return Pulse(self)

    @cached_property
    def patient_voice(self) -> PatientVoice:
        from huddle.services.patient_voice import PatientVoice

        return PatientVoice(self)

    @cached_property
    def excellence(self) -> Excellence:
        from huddle.services.excellence import Excellence

        return Excellence(self)

    @cached_property
    def sync(self) -> SyncService:
        from huddle.services.sync import SyncService

        return SyncService(self)

    @cached_property
    def escalations(self) -> EscalationService:
        from huddle.services.escalations import EscalationService

        return EscalationService(self)

    @cached_property
    def escalation_tiers(self) -> tuple[str, ...]:
        """The trust's tiers (the ``escalation_tiers`` setting); a test or a trust
        PC may set them on the opened ward instead."""
        from huddle.config import load_settings

        return load_settings().escalation_tiers

    @cached_property
    def identifiers(self) -> IdentifierChecks:
        from huddle.services.identifiers import IdentifierChecks

        return IdentifierChecks(self)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        clock: Clock | None = None,
        actor: str | None = None,
        read_only: bool = False,
        ward_id: str | None = None,
    ) -> HuddleApp:
        return cls(open_store(path, clock=clock, actor=actor, read_only=read_only), ward_id=ward_id)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def has_ward(self) -> bool:
        return self._ward_id is not None

    @property
    def ward_id(self) -> str:
        if self._ward_id is None:
            raise NotFoundError("ward", "(none set up yet)")
        return self._ward_id

    def wards(self) -> list[Ward]:
        return roster_q.wards(self.store)

    def select_ward(self, ward_id: str) -> None:
        roster_q.ward(self.store, ward_id)
        self._ward_id = ward_id

    def subscribe(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        self._listeners.remove(listener)

    def notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    def close(self) -> None:
        self.store.close()

    def __exit__(self, *exc: object) -> None:
        self.close()
