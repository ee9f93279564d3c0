"""Sync through a real PostgreSQL server: wards, joining, idempotent pushes, faults, security."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from huddle.cli.main import main
from huddle.demo import build_demo
from huddle.services import HuddleApp
from huddle.sync import conflicts, server
from huddle.sync.bundle import export_bundle
from huddle.sync.changes import pending_count
from huddle.sync.engine import sync_ward
from huddle.sync.server import ServerRefused, ServerUnavailable
from huddle.sync.server_schema import ServerSchemaError, init_server
from tests.huddle.sync.conftest import TrustServer
from tests.huddle.sync.pcs import new_ward, open_pc, table_counts

WARDS = ("Ward 1 (sample)", "Ward 2 (sample)", "Ward 3 (sample)")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stats(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, int]:
    code, out, err = cli(capsys, "stats", "--db", str(path), "--json")
    assert code == 0, err
    tables: dict[str, int] = json.loads(out)["tables"]
    return tables


def test_three_wards_on_one_server_and_a_new_pc_joins_one(
    trust_server: TrustServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = []
    for seed, name in enumerate(WARDS, start=1):
        path = tmp_path / f"ward{seed}.db"
        build_demo(path, weeks=5, seed=seed, ward_name=name)
        url = trust_server.login_url()
        code, out, err = cli(capsys, "sync", "--db", str(path), "--server", url, "--json")
        assert code == 0, err
        result = json.loads(out)
        assert result["pushed"] > 300 and result["pulled"] == 0 and result["conflicts"] == 0
        paths.append(path)

    joiner, url = tmp_path / "new-pc.db", trust_server.login_url()
    code, out, err = cli(
        capsys, "sync", "--db", str(joiner), "--server", url, "--join", WARDS[1], "--json"
    )
    assert code == 0, err
    assert json.loads(out)["pulled"] > 300
    assert stats(capsys, joiner) == stats(capsys, paths[1])

    code, out, err = cli(capsys, "sync", "--db", str(joiner), "--server", url, "--json")
    assert code == 0, err
    assert json.loads(out) == {"pushed": 0, "pulled": 0, "conflicts": 0}
    assert stats(capsys, joiner) == stats(capsys, paths[1])


def test_a_device_cannot_write_another_wards_rows(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    one, two = new_ward(tmp_path / "one.db", "Ward 1"), new_ward(tmp_path / "two.db", "Ward 2")
    url_one = trust_server.login_url()
    sync_ward(one.store, url_one)
    sync_ward(two.store, trust_server.login_url())
    # ward 2's database through ward 1's login: refused, and nothing stored
    with pytest.raises(ServerRefused, match="writes for another ward"):
        sync_ward(two.store, url_one)
    # and straight SQL as ward 1's login cannot slip a row into ward 2
    with psycopg.connect(url_one) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO huddle_sync.change (ward_id, device_id, seq, entity, entity_id, "
                "op, payload) VALUES (%s, 'x', 1, 'action', 'y', 'insert', '{}')",
                (two.ward_id,),
            )
        conn.rollback()
        seen = conn.execute("SELECT DISTINCT ward_id FROM huddle_sync.change").fetchall()
        assert seen == [(one.ward_id,)]  # it cannot even read the other ward


def test_the_reader_role_sees_every_ward_and_writes_nothing(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    for name in ("Ward 1", "Ward 2"):
        sync_ward(new_ward(tmp_path / f"{name}.db", name).store, trust_server.login_url())
    with psycopg.connect(trust_server.reader_url()) as conn:
        wards = conn.execute("SELECT count(DISTINCT ward_id) FROM huddle_sync.change").fetchone()
        assert wards == (2,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM huddle_sync.change")


def test_trust_init_is_repeatable_and_refuses_a_newer_schema(
    trust_server: TrustServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert init_server(trust_server.admin_url) == []
    trust_server.cluster.admin(
        "INSERT INTO huddle_sync.migration (name) VALUES ('9999_from_the_future')",
        trust_server.database,
    )
    code, _out, err = cli(capsys, "trust", "init", "--server", trust_server.admin_url)
    assert code == 1 and "9999_from_the_future" in err and "nothing was changed" in err
    pc = new_ward(tmp_path / "a.db")
    with pytest.raises(ServerSchemaError, match="newer version"):
        sync_ward(pc.store, trust_server.login_url())


def test_server_killed_mid_push_loses_and_doubles_nothing(
    trust_server: TrustServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ward.db"
    build_demo(path, weeks=3, seed=5)
    pc = open_pc(path)
    total = pending_count(pc.store, pc.ward_id)
    url = trust_server.login_url()
    monkeypatch.setattr(server, "PUSH_BATCH", 100)  # several batches, so it dies part-way
    cluster = trust_server.cluster

    def kill_after_first_batch(sent: int) -> None:
        cluster.stop("immediate")

    try:
        with pytest.raises(ServerUnavailable, match="nothing was lost"):
            sync_ward(pc.store, url, on_batch=kill_after_first_batch)
    finally:
        cluster.start()
    assert 0 < pending_count(pc.store, pc.ward_id) < total
    result = sync_ward(pc.store, url)
    assert pending_count(pc.store, pc.ward_id) == 0
    assert result.pushed == total - 100
    with psycopg.connect(trust_server.admin_url) as conn:
        stored = conn.execute("SELECT count(*), count(DISTINCT seq) FROM huddle_sync.change")
        assert stored.fetchone() == (total, total)


def test_a_batch_sent_twice_is_stored_once(trust_server: TrustServer, tmp_path: Path) -> None:
    pc = new_ward(tmp_path / "a.db")
    url = trust_server.login_url()
    sync_ward(pc.store, url)
    with pc.store.transaction():  # as if the acknowledgement had been lost on the way back
        pc.store.execute("UPDATE sync_change SET pushed = 0")
    again = sync_ward(pc.store, url)
    assert again.pushed == table_counts(pc)["audit"]
    with psycopg.connect(trust_server.admin_url) as conn:
        row = conn.execute("SELECT count(*) FROM huddle_sync.change").fetchone()
        assert row == (table_counts(pc)["audit"],)


def test_two_pcs_edit_one_action_apart_then_sync_through_the_server(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    a = new_ward(tmp_path / "station.db")
    url_a = trust_server.login_url()
    sync_ward(a.store, url_a)
    b = open_pc(tmp_path / "office.db", hours_ahead=-7)  # a clock seven hours behind
    url_b = trust_server.login_url()
    sync_ward(b.store, url_b, join="Ward 7B")
    b = HuddleApp(b.store)
    action = a.actions.actions()[0].id
    a.actions.update_action(action, expected_version=1, title="Lock the drug fridge")
    b.actions.update_action(action, expected_version=1, title="Label the fridge shelves")
    b.actions.add_progress_note(action, text="Asked estates")
    assert sync_ward(a.store, url_a).conflicts == 0
    assert sync_ward(b.store, url_b).conflicts == 1
    assert sync_ward(a.store, url_a).conflicts == 1
    assert b.actions.action(action).title == "Label the fridge shelves"
    assert len(a.actions.progress_notes(action)) == len(b.actions.progress_notes(action))

    (found,) = conflicts.conflicts(a.store, a.ward_id)
    conflicts.resolve(a.store, found.id, keep=conflicts.KEEP_LOCAL)
    sync_ward(a.store, url_a)
    result = sync_ward(b.store, url_b)
    assert result.conflicts == 0
    assert (
        a.actions.action(action).title == b.actions.action(action).title == "Lock the drug fridge"
    )
    assert table_counts(a)["action"] == table_counts(b)["action"]


def test_a_server_that_is_down_is_one_line_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = new_ward(tmp_path / "a.db")
    pending = pending_count(pc.store, pc.ward_id)
    pc.close()
    dead = "postgresql://nobody@127.0.0.1:9/huddle"  # the discard port: nothing listens
    code, out, err = cli(capsys, "sync", "--db", str(tmp_path / "a.db"), "--server", dead)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "could not be reached" in err and "will sync later" in err
    with HuddleApp.open(tmp_path / "a.db") as again:
        assert pending_count(again.store, again.ward_id) == pending


def test_trust_import_loads_a_bundle_for_a_new_pc_to_join(
    trust_server: TrustServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = new_ward(tmp_path / "offline.db", "Ward 9")
    made = export_bundle(
        pc.store, ward_id=pc.ward_id, out=tmp_path / "w9.bundle", since_last=False, trust_key=None
    )
    for expected in (f"Loaded {made.manifest.count} new", "Loaded 0 new"):
        code, out, err = cli(
            capsys, "trust", "import", "--server", trust_server.admin_url, str(made.path)
        )
        assert code == 0, err
        assert out.startswith(expected)
    joiner = open_pc(tmp_path / "joiner.db")
    sync_ward(joiner.store, trust_server.login_url(), join="Ward 9")
    assert table_counts(joiner) == table_counts(pc)


def test_config_show_never_prints_a_password_or_the_trust_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUDDLE_SERVER", "postgresql://ward7:hunter2@sync.example/huddle")
    monkeypatch.setenv("HUDDLE_TRUST_KEY", "very-secret-key")
    code, out, _err = cli(capsys, "config", "--show")
    assert code == 0
    assert "hunter2" not in out and "very-secret-key" not in out
    assert "postgresql://ward7:***@sync.example/huddle" in out and "(set)" in out
