"""Every hostile spelling, in the text each export prints, stops that export.

The identifiers are planted as data saved before the guard sat on every write;
each export must refuse before writing anything, name where (kind, date and
field) and never print the identifier, not even masked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from huddle.clock import FixedClock
from huddle.reports import (
    IdentifiersFoundError,
    export_action_log,
    export_huddle_summary,
    export_period_report,
    export_poster,
    export_slip,
)
from huddle.services import HuddleApp
from tests.helpers.identifiers import written_before_the_guard
from tests.huddle.identifier_cases import HOSTILE
from tests.huddle.reports.ward_data import run_huddle

Export = Callable[[HuddleApp, dict[str, str], Path], Path]
EXPORTS: list[tuple[str, Export]] = [
    ("summary", lambda app, ids, out: export_huddle_summary(
        app, huddle_id=ids["huddle"], out=out / "s.pdf")),
    ("report", lambda app, ids, out: export_period_report(
        app, start=date(2026, 7, 1), end=date(2026, 8, 31), out=out / "r.pdf")),
    ("action log PDF", lambda app, ids, out: export_action_log(
        app, out=out / "a.pdf", status="all")),
    ("action log CSV", lambda app, ids, out: export_action_log(app, out=out / "a.csv")),
    ("poster", lambda app, ids, out: export_poster(app, month=date(2026, 8, 1), out=out / "p.pdf")),
    ("slip", lambda app, ids, out: export_slip(app, learning_id=ids["slip"], out=out / "t.pdf")),
]  # fmt: skip


@pytest.mark.parametrize(("label", "text", "kind", "secret"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_every_export_refuses_every_spelling(
    app: HuddleApp, clock: FixedClock, tmp_path: Path, label: str, text: str, kind: str,
    secret: str,
) -> None:  # fmt: skip
    with written_before_the_guard(app):
        made = run_huddle(app, clock, notes=f"Seen: {text}")
        slip = app.learning.record_learning(
            kind="excellence", title="Thanks", what_helped=f"Stayed with {text}",
            huddle_id=made.huddle_id,
        )  # fmt: skip
        app.actions.create_action(title=f"Follow up {text}", huddle_id=made.huddle_id)
    ids = {"huddle": made.huddle_id, "slip": slip.id}
    out = tmp_path / "out"
    out.mkdir()
    for name, export in EXPORTS:
        with pytest.raises(IdentifiersFoundError) as caught:
            export(app, ids, out)
        message = caught.value.message
        assert secret not in message and text not in message, name
        assert all(what.startswith(("a ", "an ")) for _, what in caught.value.findings), name
        assert list(out.iterdir()) == [], name
