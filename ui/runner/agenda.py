"""Which panel shows which agenda section."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from huddle.domain import HuddleSection, SectionKey
from ui.context import UiContext
from ui.runner.actions_panel import ActionsPanel
from ui.runner.sections import (
    CelebratePanel,
    IdeasPanel,
    PatientVoicePanel,
    ReflectPanel,
    SafetyPanel,
    SectionPanel,
)

PANELS: dict[SectionKey, type[SectionPanel]] = {
    SectionKey.SAFETY: SafetyPanel,
    SectionKey.PATIENT_VOICE: PatientVoicePanel,
    SectionKey.ACTIONS: ActionsPanel,
    SectionKey.IDEAS: IdeasPanel,
    SectionKey.CELEBRATE: CelebratePanel,
    SectionKey.REFLECT: ReflectPanel,
}


def panel_for(
    ctx: UiContext, section: HuddleSection, scale, parent: QWidget | None = None
) -> SectionPanel:
    """The panel for ``section`` by its key; custom sections get notes only."""
    return PANELS.get(section.key, SectionPanel)(ctx, section, scale, parent)
