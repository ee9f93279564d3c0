"""``huddle trust overview`` against a real server: every ward, with the ward's own figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huddle.cli.main import main
from huddle.domain import ActionStatus
from huddle.services import HuddleApp
from huddle.trust.overview import as_of_clock, trust_overview
from huddle.trust.replicas import refresh
from tests.huddle.trust.conftest import DAY, SyncedWards


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_overview_lists_every_ward_with_its_own_todays_figures(
    synced_wards: SyncedWards, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = synced_wards.server.reader_url()
    cache = tmp_path / "trust-cache"
    code, out, err = cli(
        capsys, "trust", "overview", "--server", reader, "--cache", str(cache),
        "--as-of", DAY.isoformat(), "--json",
    )  # fmt: skip
    assert code == 0, err
    rows = {row["name"]: row for row in json.loads(out)}
    assert len(rows) == 3
    for path in synced_wards.paths:
        with HuddleApp.open(path, clock=as_of_clock(DAY), read_only=True) as app:
            board = app.board.today()
            ward = app.setup.ward()
            open_actions = app.actions.actions(statuses=[s for s in ActionStatus if s.is_open])
        row = rows[ward.name]
        assert row["ward_id"] == ward.id and row["site"] == ward.site
        assert row["huddles_last_21_days"] == board.huddles_held
        assert row["days_since_harm"] == board.days_since_last_harm
        assert row["overdue_actions"] == len(board.overdue)
        assert row["open_actions"] == len(open_actions)
        assert row["open_escalations"] == len(board.open_escalations)
        assert row["overdue_escalations"] == sum(v.overdue for v in board.open_escalations)
        assert row["last_sync_at"] is not None
        code, measures, err = cli(
            capsys, "measures", "--db", str(path), "--as-of", DAY.isoformat(), "--json"
        )
        assert code == 0, err
        assert row["measures"] == json.loads(measures) and row["measures"]


def test_a_warm_overview_reuses_its_rows_and_a_new_change_refreshes_one_ward(
    synced_wards: SyncedWards, tmp_path: Path
) -> None:
    from huddle.store import open_store
    from huddle.sync.engine import sync_ward

    reader, cache = synced_wards.server.reader_url(), tmp_path / "cache"
    first = trust_overview(reader, cache, as_of=DAY)
    assert [r.pulled for r in refresh(reader, cache)] == [0, 0, 0]
    assert trust_overview(reader, cache, as_of=DAY) == first

    with HuddleApp.open(synced_wards.paths[0], clock=as_of_clock(DAY)) as app:
        name = app.setup.ward().name
        app.actions.create_action(title="Check the hoist slings", origin="staff_idea")
    with open_store(synced_wards.paths[0]) as store:
        sync_ward(store, synced_wards.urls[0])
    after = {r.name: r for r in trust_overview(reader, cache, as_of=DAY)}
    before = {r.name: r for r in first}
    assert after[name].open_actions == before[name].open_actions + 1
    assert [after[n] == before[n] for n in sorted(before) if n != name] == [True, True]


def test_the_trust_report_prints_each_wards_verdict_words(
    synced_wards: SyncedWards, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    out = tmp_path / "trust.pdf"
    code, _out, err = cli(
        capsys, "export", "trust-report", "--server", synced_wards.server.reader_url(),
        "--cache", str(tmp_path / "cache"), "--from", "2026-11-01", "--to", DAY.isoformat(),
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    pages = PdfReader(out).pages
    assert len(pages) == 4, "one page for all, then one a ward"
    texts = [" ".join((page.extract_text() or "").split()) for page in pages]
    text = " ".join(texts)
    for path in synced_wards.paths:
        with HuddleApp.open(path, read_only=True) as app:
            name = app.setup.ward().name
            charts = app.charts.all_charts(as_of=DAY)
        assert name in texts[0]
        assert any(name in page for page in texts[1:])
        for chart in charts:
            assert chart.verdict.variation_label in text
            assert chart.verdict.assurance_label in text
