"""Bundle files: the same ward as the source, idempotent, held out of order, refused if damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huddle.cli.main import main
from huddle.demo import build_demo
from huddle.services import HuddleApp
from huddle.sync.bundle import BundleRefused, export_bundle, import_bundles
from tests.huddle.sync.pcs import new_ward, open_pc, table_counts


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stats(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, int]:
    code, out, _ = cli(capsys, "stats", "--db", str(path), "--json")
    assert code == 0
    tables: dict[str, int] = json.loads(out)["tables"]
    return tables


@pytest.fixture(scope="module")
def sample_ward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ward") / "ward.db"
    build_demo(path, weeks=6, seed=3)
    return path


def test_a_bundle_gives_a_new_database_the_same_ward_once(
    sample_ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, new = tmp_path / "ward.bundle", tmp_path / "new.db"
    code, out, err = cli(capsys, "sync", "export", "--db", str(sample_ward), "--out", str(bundle))
    assert code == 0, err
    code, out, err = cli(capsys, "sync", "import", "--db", str(new), str(bundle), "--json")
    assert code == 0, err
    first = json.loads(out)
    assert first["applied"] > 500 and first["held"] == 0 and first["conflicts"] == 0
    assert stats(capsys, new) == stats(capsys, sample_ward)

    code, out, err = cli(capsys, "sync", "import", "--db", str(new), str(bundle), "--json")
    assert code == 0, err
    assert json.loads(out) == {"applied": 0, "already": first["applied"], "held": 0, "conflicts": 0}
    assert stats(capsys, new) == stats(capsys, sample_ward)


@pytest.mark.parametrize("damage", ["one byte changed", "truncated", "manifest edited"])
def test_a_damaged_bundle_is_refused_whole(
    damage: str, sample_ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, new = tmp_path / "ward.bundle", tmp_path / "new.db"
    assert cli(capsys, "sync", "export", "--db", str(sample_ward), "--out", str(bundle))[0] == 0
    data = bytearray(bundle.read_bytes())
    if damage == "one byte changed":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncated":
        del data[-200:]
    else:
        data = bytearray(bytes(data).replace(b'"count":', b'"count":1', 1))
    bundle.write_bytes(bytes(data))
    code, out, err = cli(capsys, "sync", "import", "--db", str(new), str(bundle))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "nothing from it was applied" in err
    with HuddleApp.open(new) as app:
        assert not app.has_ward
        assert app.store.scalar("SELECT count(*) FROM audit") == 0


def test_bundles_out_of_order_are_held_until_the_gap_arrives(tmp_path: Path) -> None:
    pc = new_ward(tmp_path / "a.db")
    first = export_bundle(
        pc.store, ward_id=pc.ward_id, out=tmp_path / "1.bundle", since_last=True, trust_key=None
    )
    pc.actions.create_action(title="Second visit to the fridge", origin="staff_idea")
    pc.actions.create_action(title="Check the fridge log daily", origin="staff_idea")
    second = export_bundle(
        pc.store, ward_id=pc.ward_id, out=tmp_path / "2.bundle", since_last=True, trust_key=None
    )
    assert second.manifest.count == 2  # the two new actions, nothing sent before
    other = open_pc(tmp_path / "b.db")
    got = import_bundles(other.store, [second.path], trust_key=None)
    assert (got.applied, got.held) == (0, 2)
    got = import_bundles(other.store, [first.path], trust_key=None)
    assert (got.applied, got.held) == (first.manifest.count + 2, 0)
    assert table_counts(other) == table_counts(pc)
    again = import_bundles(other.store, [first.path, second.path], trust_key=None)
    assert again.applied == 0 and table_counts(other) == table_counts(pc)


def test_with_a_trust_key_only_bundles_signed_with_it_are_accepted(tmp_path: Path) -> None:
    pc = new_ward(tmp_path / "a.db")
    unsigned = export_bundle(
        pc.store, ward_id=pc.ward_id, out=tmp_path / "u.bundle", since_last=False, trust_key=None
    )
    signed = export_bundle(
        pc.store, ward_id=pc.ward_id, out=tmp_path / "s.bundle", since_last=False, trust_key="k1"
    )
    other = open_pc(tmp_path / "b.db")
    for path, key in ((unsigned.path, "k1"), (signed.path, "another key")):
        with pytest.raises(BundleRefused, match="not signed with this trust's key"):
            import_bundles(other.store, [path], trust_key=key)
    assert import_bundles(other.store, [signed.path], trust_key="k1").applied > 0


def test_a_bundle_for_another_ward_is_refused(tmp_path: Path) -> None:
    a, b = new_ward(tmp_path / "a.db", "Ward 1"), new_ward(tmp_path / "b.db", "Ward 2")
    made = export_bundle(
        a.store, ward_id=a.ward_id, out=tmp_path / "a.bundle", since_last=False, trust_key=None
    )
    with pytest.raises(BundleRefused, match="Ward 1, which this database does not hold"):
        import_bundles(b.store, [made.path], trust_key=None)


def test_an_identifier_in_the_changes_stops_the_export(tmp_path: Path) -> None:
    from huddle.reports.errors import IdentifiersFoundError

    pc = new_ward(tmp_path / "a.db")
    with pc.store.transaction():  # as if saved before the guard existed
        pc.store.execute("UPDATE action SET detail = 'see 999 000 0018' WHERE 1 = 1")
        from huddle.store import records

        row = pc.store.query_one("SELECT * FROM action")
        assert row is not None
        records.update(
            pc.store, "action", row["id"], {"title": "Fridge"}, expected_version=records.ANY_VERSION
        )
    with pytest.raises(IdentifiersFoundError):
        export_bundle(
            pc.store,
            ward_id=pc.ward_id,
            out=tmp_path / "x.bundle",
            since_last=False,
            trust_key=None,
        )
    assert not (tmp_path / "x.bundle").exists()
