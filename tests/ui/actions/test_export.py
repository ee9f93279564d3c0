"""Action services the page relies on (conflicts, status rules, PDSA) and the CSV export."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import pytest
from msgspec.structs import replace

from huddle.domain import ActionStatus, PdsaDecision
from huddle.errors import ConflictError, ValidationError
from huddle.services import HuddleApp
from ui.actions.export import HEADER, rows, write_actions_csv
from ui.actions.models import ActionInfo

NOW = datetime(2026, 8, 6, 8, 0, tzinfo=UTC)
WHEN = {"today": NOW.date(), "now": NOW, "stale_after": 30}
HOSTILE = ['=HYPERLINK("x")', "+44 7700", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn"]


def test_stale_version_is_a_conflict_carrying_the_saved_row(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Falls signage")
    newer = app.actions.update_action(
        action.id, expected_version=action.version, title="Falls signage (estates)"
    )
    with pytest.raises(ConflictError) as caught:
        app.actions.update_action(action.id, expected_version=action.version, title="Mine")
    assert caught.value.current["title"] == "Falls signage (estates)"
    assert caught.value.current["version"] == newer.version
    with pytest.raises(ConflictError):
        app.actions.change_status(action.id, status="in_progress", expected_version=action.version)
    assert app.actions.action(action.id).title == "Falls signage (estates)"
    assert app.actions.progress_notes(action.id) == []  # nothing half-written


def test_moving_back_from_done_keeps_history(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Falls signage")
    done = app.actions.change_status(
        action.id, status="done", note="In every bay", expected_version=action.version
    )
    back = app.actions.change_status(
        action.id, status="planned", note="Undone: moved back.", expected_version=done.version
    )
    assert back.status is ActionStatus.PLANNED
    assert [n.status_to for n in app.actions.progress_notes(action.id)] == [
        ActionStatus.DONE,
        ActionStatus.PLANNED,
    ]
    with pytest.raises(ValidationError, match="already"):
        app.actions.change_status(action.id, status="planned", expected_version=back.version)


def test_pdsa_abandon_closes_the_cycle_and_a_new_one_can_start(app: HuddleApp) -> None:
    action = app.actions.create_action(title="Protected mealtimes sign")
    first = app.actions.start_cycle(action.id, plan="Sign on bay 1", prediction="Fewer calls")
    closed = app.actions.record_cycle(
        first.id, expected_version=first.version, study="No change", act=PdsaDecision.ABANDON
    )
    assert closed.act is PdsaDecision.ABANDON
    with pytest.raises(ConflictError):
        app.actions.record_cycle(first.id, expected_version=first.version, do="late")
    assert app.actions.start_cycle(action.id, plan="Try a bell").number == 2


def _infos(app: HuddleApp) -> list[ActionInfo]:
    names = {p.id: p.display_name for p in app.setup.people()}
    return [ActionInfo(a, names, NOW.date(), NOW, 30) for a in app.actions.actions()]


def test_csv_neutralises_cells_a_spreadsheet_would_run(app: HuddleApp, tmp_path) -> None:
    saved = app.actions.create_action(title="placeholder")
    names = {p.id: p.display_name for p in app.setup.people()}
    # The services trim leading tabs and returns, so build those rows directly.
    infos = [
        ActionInfo(
            replace(saved, title=text, detail=text, owner_text=text), names, NOW.date(), NOW, 30
        )
        for text in HOSTILE
    ]
    path = tmp_path / "actions.csv"
    assert write_actions_csv(path, infos, **WHEN) == len(HOSTILE)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        found = list(csv.reader(handle))
    assert found[0] == list(HEADER)
    for row in found[1:]:
        for cell in (row[0], row[1], row[2]):
            assert cell.startswith("'"), cell
    assert [row[0] for row in found[1:]] == ["'" + text for text in HOSTILE]


def test_a_hyperlink_title_saved_through_the_service_exports_as_text(
    app: HuddleApp, tmp_path
) -> None:
    app.actions.create_action(title='=HYPERLINK("x")')
    path = tmp_path / "actions.csv"
    write_actions_csv(path, _infos(app), **WHEN)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1][0] == '\'=HYPERLINK("x")'


def test_csv_rows_say_what_needs_attention(app: HuddleApp) -> None:
    app.actions.create_action(title="Bed rails audit", due_on="2026-08-01", owner_text="Matron")
    (row,) = rows(_infos(app), **WHEN)
    assert row[:5] == ["Bed rails audit", "", "Matron", "2026-08-01", "Planned"]
    assert row[7] == 5 and date.fromisoformat(row[11]) == NOW.date()
