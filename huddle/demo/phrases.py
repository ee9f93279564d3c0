"""The sample ward's text bank, read from ``resources/demo/phrases.json``.

How a ward team writes things down: names, risks, section notes, learning
stories, improvement ideas and PDSA projects. The words are data (edited
without touching code); this module gives them their types and the names the
demo builder uses (``P.STORIES``, ``P.IDEAS``...).

Everything there is fictional. People are a first name and a surname initial;
patients are never named, numbered or dated, only placed in a bay or side
room ("Bay 3", "side room 2") the way a huddle talks about today's risks.

Slots in braces are filled by the builder:

``{bay}`` 1-6, ``{side}`` 1-4, ``{shift}`` early/late/night, ``{n}`` a small
number, ``{time}`` a time of day, ``{day}`` a weekday, ``{drug}`` a common
ward medicine, ``{ref}`` a fictional incident reference such as W23817,
``{team}`` a team outside the roster.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from huddle.domain import HuddleKind, LearningKind, SafetyCategory, SectionKey
from huddle.resources import resources_dir

PHRASES_FILE = "demo/phrases.json"


@dataclass(frozen=True)
class Story:
    """One learning item the way a nurse would write it, no blame."""

    kind: LearningKind
    title: str
    what_happened: str
    what_helped: str = ""
    what_learned: str = ""
    what_change: str = ""
    category: SafetyCategory | None = None
    themes: tuple[str, ...] = ()
    can_harm: bool = False  # can this be written up with a harm grade above none
    always_harm: bool = False  # only ever written up with harm (pressure damage)


@dataclass(frozen=True)
class Idea:
    """An improvement action or idea the team might take on."""

    title: str
    detail: str
    themes: tuple[str, ...]
    owner_role: str = ""  # a roster role to own it, else a free-text team
    owner_team: str = ""
    closing: str = "Done and embedded in our routine."
    progress: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cycle:
    plan: str
    prediction: str
    do: str
    study: str


@dataclass(frozen=True)
class Project:
    """An improvement project tested with PDSA cycles."""

    idea: Idea
    cycles: tuple[Cycle, ...]
    closing: str
    drop_reason: str = ""


class RosterRole(msgspec.Struct, array_like=True, frozen=True):
    role: str
    count: int  # how many on the roster
    attendance: float  # how often they come to a huddle: 0-1


class PhraseBank(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Everything in ``phrases.json``, typed."""

    first_names: tuple[str, ...]
    surname_initials: str
    roster_roles: tuple[RosterRole, ...]
    facilitator_roles: tuple[str, ...]  # roles that lead a huddle
    team_owners: tuple[str, ...]  # owners outside the roster, written as free text
    ward_site: str
    ward_specialty: str
    shifts: tuple[str, ...]
    times: tuple[str, ...]
    days: tuple[str, ...]
    drugs: tuple[str, ...]
    risks: tuple[str, ...]
    section_notes: dict[HuddleKind, dict[SectionKey, tuple[str, ...]]]
    stories: tuple[Story, ...]
    ideas: tuple[Idea, ...]
    progress_notes: tuple[str, ...]
    stall_notes: tuple[str, ...]
    restart_notes: tuple[str, ...]
    drop_reasons: tuple[str, ...]
    idea_review_reasons: tuple[str, ...]
    stalled_review_reasons: tuple[str, ...]
    planned_notes: tuple[str, ...]
    start_notes: tuple[str, ...]
    falls_project: Project
    hand_hygiene_project: Project
    abandon_project: Project
    projects: tuple[Project, ...]  # shorter projects for the rest of the ward's history
    measure_names: dict[str, str]
    falls_notes: tuple[str, ...]
    hand_hygiene_outlier_note: str
    fft_notes: tuple[str, ...]
    history_note: str
    hand_hygiene_rebase_reason: str
    safety_cross_description: str


def load_bank() -> PhraseBank:
    return msgspec.json.decode(
        (resources_dir() / PHRASES_FILE).read_bytes(), type=PhraseBank, strict=True
    )


BANK = load_bank()

FIRST_NAMES = BANK.first_names
SURNAME_INITIALS = BANK.surname_initials
ROSTER_ROLES = tuple((r.role, r.count, r.attendance) for r in BANK.roster_roles)
FACILITATOR_ROLES = BANK.facilitator_roles
TEAM_OWNERS = BANK.team_owners
WARD_SITE = BANK.ward_site
WARD_SPECIALTY = BANK.ward_specialty
SHIFTS = BANK.shifts
TIMES = BANK.times
DAYS = BANK.days
DRUGS = BANK.drugs
RISKS = BANK.risks
# Any other kind of huddle takes the daily safety huddle's notes.
SECTION_NOTES_BY_KIND = {
    **BANK.section_notes,
    HuddleKind.OTHER: BANK.section_notes[HuddleKind.DAILY_SAFETY],
}
STORIES = BANK.stories
IDEAS = BANK.ideas
PROGRESS_NOTES = BANK.progress_notes
STALL_NOTES = BANK.stall_notes
RESTART_NOTES = BANK.restart_notes
DROP_REASONS = BANK.drop_reasons
IDEA_REVIEW_REASONS = BANK.idea_review_reasons
STALLED_REVIEW_REASONS = BANK.stalled_review_reasons
PLANNED_NOTES = BANK.planned_notes
START_NOTES = BANK.start_notes
FALLS_PROJECT = BANK.falls_project
HAND_HYGIENE_PROJECT = BANK.hand_hygiene_project
ABANDON_PROJECT = BANK.abandon_project
PROJECTS = BANK.projects
FALLS_NAME = BANK.measure_names["falls"]
PRESSURE_NAME = BANK.measure_names["pressure"]
HAND_HYGIENE_NAME = BANK.measure_names["hand_hygiene"]
FFT_NAME = BANK.measure_names["fft"]
SAFETY_CROSS_NAME = BANK.measure_names["safety_cross"]
FALLS_NOTES = BANK.falls_notes
HAND_HYGIENE_OUTLIER_NOTE = BANK.hand_hygiene_outlier_note
FFT_NOTES = BANK.fft_notes
HISTORY_NOTE = BANK.history_note
HAND_HYGIENE_REBASE_REASON = BANK.hand_hygiene_rebase_reason
SAFETY_CROSS_DESCRIPTION = BANK.safety_cross_description

# Themes the builder picks by name.
INFECTION = "Infection prevention"
FAMILY = "Family involvement"
EXPERIENCE = "Patient experience"
SC = SafetyCategory
