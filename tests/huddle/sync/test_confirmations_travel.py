"""A person's word that flagged text is not an identifier travels with sync (issue 14).

The bed manager's phone number is flagged as a phone number; once a nurse on PC A
confirms it is not a patient's, a record holding it must reach PC B intact, by
bundle and through the trust's server, with B's audit naming who confirmed it;
an identifier nobody confirmed is still refused on the way out and on the way in.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from huddle.identifier_refusal import IdentifierRefusedError
from huddle.reports.errors import IdentifiersFoundError
from huddle.services import HuddleApp
from huddle.store import records
from huddle.sync.bundle import MAGIC, export_bundle, import_bundles, read_bundle
from huddle.sync.changes import FeedChange
from huddle.sync.engine import sync_ward
from tests.huddle.sync.conftest import TrustServer
from tests.huddle.sync.pcs import new_ward, open_pc, table_counts

BED_MANAGER = "Ring the bed manager on 07700 900123 before 10:00"


def confirmed_on_a(path: Path) -> tuple[HuddleApp, str]:
    """PC A: the bed manager's number confirmed, then saved in an action's detail."""
    a = new_ward(path)
    with pytest.raises(IdentifierRefusedError):
        a.actions.create_action(title="Flow", detail=BED_MANAGER)
    a.identifiers.confirm(field="action detail", text=BED_MANAGER)
    action = a.actions.create_action(title="Flow", detail=BED_MANAGER)
    return a, action.id


def bundled_on_a(tmp_path: Path) -> tuple[HuddleApp, str, Path]:
    """PC A after the confirmation, and a bundle of all it knows."""
    a, action_id = confirmed_on_a(tmp_path / "a.db")
    made = export_bundle(
        a.store, ward_id=a.ward_id, out=tmp_path / "a.bundle", since_last=False, trust_key=None
    )
    return a, action_id, made.path


def who_confirmed(app: HuddleApp) -> list[str]:
    rows = app.store.query(
        "SELECT actor FROM audit WHERE entity = 'identifier_confirmation' AND op = 'insert'"
    )
    return [str(r["actor"]) for r in rows]


def test_a_confirmation_travels_in_a_bundle_before_the_record_it_confirms(
    tmp_path: Path,
) -> None:
    a, action_id, bundle = bundled_on_a(tmp_path)
    _manifest, changes = read_bundle(bundle, trust_key=None)
    entities = [c.entity for c in changes]
    confirmation = entities.index("identifier_confirmation")
    record = next(i for i, c in enumerate(changes) if c.entity_id == action_id)
    assert confirmation < record
    assert BED_MANAGER not in json.dumps(changes[confirmation].to_json())  # a fingerprint only

    b = open_pc(tmp_path / "b.db")
    received = import_bundles(b.store, [bundle], trust_key=None)
    assert received.held == 0 and received.conflicts == 0
    b = HuddleApp(b.store)
    assert b.actions.action(action_id).detail == BED_MANAGER
    assert who_confirmed(b) == ["nurse@a"]
    assert table_counts(b) == {**table_counts(a), "audit": table_counts(b)["audit"]}
    # B now knows it too: typing the same number there is not flagged
    assert b.identifiers.find(BED_MANAGER) == []
    # and the confirmation is the same record on both PCs, applied once
    again = import_bundles(b.store, [bundle], trust_key=None)
    assert again.applied == 0 and len(who_confirmed(b)) == 1


def test_the_same_text_confirmed_on_both_pcs_is_one_confirmation(tmp_path: Path) -> None:
    a, action_id, bundle = bundled_on_a(tmp_path)
    b = open_pc(tmp_path / "b.db")
    b.identifiers.confirm(field="progress note", text=BED_MANAGER)  # B's own word, first
    received = import_bundles(b.store, [bundle], trust_key=None)
    assert received.conflicts == 0 and received.held == 0
    assert HuddleApp(b.store).actions.action(action_id).detail == BED_MANAGER
    assert b.store.scalar("SELECT count(*) FROM identifier_confirmation") == 1


def rewrite_bundle(path: Path, edit: Callable[[FeedChange], FeedChange]) -> None:
    """Re-seal a bundle after changing its changes, as a tampering sender with no trust key
    could (the receiving PC's guard, not the seal, must stop what it holds)."""
    _manifest, changes = read_bundle(path, trust_key=None)
    body = gzip.compress(
        b"".join(edit(c).dumps().encode("utf-8") + b"\n" for c in changes), mtime=0
    )
    data = path.read_bytes()[len(MAGIC) :]
    manifest = json.loads(data[: data.index(b"\n")])
    manifest["sha256"] = hashlib.sha256(body).hexdigest()
    line = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    seal = {"sha256": hashlib.sha256(line + body).hexdigest()}
    seal_line = json.dumps(seal, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    path.write_bytes(MAGIC + line + seal_line + body)


def test_an_unconfirmed_identifier_is_refused_on_receive_and_nothing_is_applied(
    tmp_path: Path,
) -> None:
    a, action_id, bundle = bundled_on_a(tmp_path)

    def confirm_something_else(change: FeedChange) -> FeedChange:
        if change.entity != "identifier_confirmation" or change.after is None:
            return change
        after = {**change.after, "fingerprint": "0" * 64}
        return FeedChange(**{**change.__dict__, "after": after})

    rewrite_bundle(bundle, confirm_something_else)
    b = open_pc(tmp_path / "b.db")
    with pytest.raises(IdentifierRefusedError) as caught:
        import_bundles(b.store, [bundle], trust_key=None)
    assert "900123" not in str(caught.value) and "action" in str(caught.value)
    assert b.store.scalar("SELECT count(*) FROM action") == 0
    assert b.store.scalar("SELECT count(*) FROM ward") == 0
    assert action_id  # the record A holds never reached B


def test_an_unconfirmed_identifier_still_stops_the_export(tmp_path: Path) -> None:
    a, _action_id = confirmed_on_a(tmp_path / "a.db")
    with a.store.transaction():  # another number, saved as if before the guard existed
        row = a.store.query_one("SELECT * FROM action WHERE title = 'Flow'")
        assert row is not None
        a.store.execute(
            "UPDATE action SET detail = ? WHERE id = ?",
            (BED_MANAGER.replace("900123", "900456"), row["id"]),
        )
        records.update(
            a.store, "action", row["id"], {"title": "Flow 2"}, expected_version=records.ANY_VERSION
        )
    with pytest.raises(IdentifiersFoundError):
        export_bundle(
            a.store, ward_id=a.ward_id, out=tmp_path / "x.bundle", since_last=False, trust_key=None
        )
    assert not (tmp_path / "x.bundle").exists()


def test_a_confirmation_made_before_confirmations_travelled_is_sent_too(tmp_path: Path) -> None:
    a, action_id = confirmed_on_a(tmp_path / "a.db")
    with a.store.transaction():  # as an older version left it: never in the feed
        a.store.execute(
            "DELETE FROM sync_change WHERE audit_id IN "
            "(SELECT id FROM audit WHERE entity = 'identifier_confirmation')"
        )
        a.store.execute(  # numbered without it, one after another
            "UPDATE sync_change SET seq = (SELECT count(*) FROM sync_change c WHERE "
            "c.device_id = sync_change.device_id AND c.ward_id = sync_change.ward_id "
            "AND c.id <= sync_change.id)"
        )
    made = export_bundle(
        a.store, ward_id=a.ward_id, out=tmp_path / "a.bundle", since_last=False, trust_key=None
    )
    b = open_pc(tmp_path / "b.db")
    import_bundles(b.store, [made.path], trust_key=None)
    assert HuddleApp(b.store).actions.action(action_id).detail == BED_MANAGER
    assert who_confirmed(HuddleApp(b.store)) == ["nurse@a"]


def test_a_confirmation_travels_through_the_server(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    a, action_id = confirmed_on_a(tmp_path / "station.db")
    url_a = trust_server.login_url()
    assert sync_ward(a.store, url_a).pushed > 0
    b = open_pc(tmp_path / "office.db")
    url_b = trust_server.login_url()
    sync_ward(b.store, url_b, join="Ward 7B")
    b = HuddleApp(b.store)
    assert b.actions.action(action_id).detail == BED_MANAGER
    assert who_confirmed(b) == ["nurse@station"]
    # B edits the record, keeping the confirmed text; A takes it back
    b.actions.update_action(action_id, expected_version=1, title="Flow at 10")
    sync_ward(b.store, url_b)
    assert sync_ward(a.store, url_a).pulled > 0
    assert a.actions.action(action_id).title == "Flow at 10"

    # an identifier nobody confirmed is refused on the way out...
    with a.store.transaction():
        a.store.execute("UPDATE action SET detail = 'see 999 000 0018' WHERE id = ?", (action_id,))
        records.update(
            a.store, "action", action_id, {"title": "Mats"}, expected_version=records.ANY_VERSION
        )
    with pytest.raises(IdentifiersFoundError):
        sync_ward(a.store, url_a)
    # ...and on the way in, if it reaches the server by another road
    with psycopg.connect(trust_server.admin_url) as conn:
        device, seq = conn.execute(
            "SELECT device_id, max(seq) FROM huddle_sync.change WHERE device_id = "
            "(SELECT device_id FROM huddle_sync.change WHERE entity = 'identifier_confirmation')"
            " GROUP BY device_id"
        ).fetchone()
        current = a.actions.action(action_id)
        change = FeedChange(
            device, a.ward_id, seq + 1, "action", action_id, "update",
            {"id": action_id, "detail": BED_MANAGER, "version": current.version - 1},
            {"id": action_id, "detail": "see 999 000 0018", "version": current.version},
        )  # fmt: skip
        conn.execute(
            "INSERT INTO huddle_sync.change (ward_id, device_id, seq, entity, entity_id, op, "
            "payload) VALUES (%s, %s, %s, 'action', %s, 'update', %s)",
            (a.ward_id, device, seq + 1, action_id, json.dumps(change.to_json())),
        )
    before = b.actions.action(action_id)
    with pytest.raises(IdentifierRefusedError) as caught:
        sync_ward(b.store, url_b)
    assert "0018" not in str(caught.value)
    assert b.actions.action(action_id) == before
    assert b.store.scalar("SELECT count(*) FROM sync_conflict") == 0  # not kept as a copy
    assert b.store.scalar("SELECT count(*) FROM sync_held") == 0
