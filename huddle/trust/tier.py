"""The tier-2 huddle's core: one agenda over every ward's open escalations, and the answers.

The agenda is read from the wards' replicas by each ward's own
``EscalationService`` and ordered by its ``tier_agenda`` (overdue first,
then the answer needed soonest, then the oldest). An answer is written into
that ward's replica through ``EscalationService.answer`` (audited, in the
replica's feed like any change) and sent with the tier login by
:func:`huddle.sync.engine.push_tier_answers`; the ward's PCs apply it at their
next pull and show it on Today.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from huddle.clock import Clock
from huddle.domain_escalations import EscalationAnswer, EscalationView
from huddle.services.escalations import EscalationService
from huddle.trust.overview import forget
from huddle.trust.replicas import replica_path

TIER_ACTOR = "tier huddle"


class TierItem(msgspec.Struct, frozen=True):
    """One escalation on the tier's agenda, with the ward it came from."""

    ward_id: str
    ward_name: str
    view: EscalationView

    @property
    def id(self) -> str:
        return self.view.id


def tier_agenda(
    cache_dir: Path,
    ward_ids: Iterable[str],
    *,
    tier: str | None = None,
    clock: Clock | None = None,
    as_of: date | None = None,
) -> list[TierItem]:
    """Every open escalation of the wards (to ``tier``, or to any), oldest and most urgent
    first, as the wards' own services see them."""
    from huddle.services import HuddleApp

    found: list[TierItem] = []
    for ward_id in ward_ids:
        path = replica_path(cache_dir, ward_id)
        if not path.exists():
            continue
        with HuddleApp.open(path, clock=clock, read_only=True) as app:
            if not app.has_ward:
                continue
            name = app.setup.ward().name
            for view in app.escalations.open_for_ward(as_of=as_of):
                if tier is None or view.escalation.tier.casefold() == tier.casefold():
                    found.append(TierItem(ward_id, name, view))
    order = EscalationService.tier_agenda(item.view for item in found)
    by_id = {item.id: item for item in found}
    return [by_id[view.id] for view in order]


def answer_escalation(
    cache_dir: Path, item: TierItem, *, clock: Clock | None = None, **answer: Any
) -> EscalationAnswer:
    """Write the tier's answer into the ward's replica: ``answer`` is what
    ``EscalationService.answer`` takes (answer, owner, status, answered_by), checked there."""
    from huddle.services import HuddleApp

    path = replica_path(cache_dir, item.ward_id)
    with HuddleApp.open(path, clock=clock, actor=TIER_ACTOR) as app:
        made = app.escalations.answer(escalation_id=item.id, **answer)
    forget(cache_dir, item.ward_id)
    return made


def push_answers(address: str, cache_dir: Path, ward_ids: Iterable[str]) -> int:
    """Send the answers waiting in the wards' replicas with the tier login; how many went."""
    from huddle.store import open_store
    from huddle.sync.engine import push_tier_answers

    sent = 0
    for ward_id in dict.fromkeys(ward_ids):
        path = replica_path(cache_dir, ward_id)
        if path.exists():
            with open_store(path, actor=TIER_ACTOR) as store:
                sent += push_tier_answers(store, address, ward_id)
    return sent


ROSTER_FILE = "tier-roster.json"
ROSTER_MAX = 60
NAME_MAX = 80


def tier_roster(cache_dir: Path) -> list[str]:
    """The people who come to the tier huddle (kept on this trust PC), in the order added."""
    import json

    try:
        names = json.loads((Path(cache_dir) / ROSTER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return (
        [str(n) for n in names if isinstance(n, str)][:ROSTER_MAX]
        if isinstance(names, list)
        else []
    )


def add_to_roster(cache_dir: Path, name: str) -> list[str]:
    """Add a person to the tier roster (once, whatever the case); returns the roster."""
    import json

    from huddle.errors import ValidationError

    shown = " ".join(name.split())
    if not shown or len(shown) > NAME_MAX:
        raise ValidationError.single(
            "name", "length", f"Give the person's name (up to {NAME_MAX} characters)."
        )
    names = tier_roster(cache_dir)
    if shown.casefold() not in {n.casefold() for n in names}:
        if len(names) >= ROSTER_MAX:
            raise ValidationError.single(
                "name", "full", f"The tier roster holds {ROSTER_MAX} names; remove one first."
            )
        names.append(shown)
        target = Path(cache_dir) / ROSTER_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        spare = target.with_suffix(".new")
        spare.write_text(json.dumps(names, indent=1), encoding="utf-8")
        spare.replace(target)
    return names
