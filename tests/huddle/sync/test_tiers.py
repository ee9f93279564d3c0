"""Escalations round the trust through a real server: a ward raises, a tier PC answers
with its tier login, the ward's Today shows the answer (#19's must-show)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg.types.json import Jsonb

from huddle.services import HuddleApp
from huddle.sync import server
from huddle.sync.changes import pending_count
from huddle.sync.engine import NotATierChange, cursor_key, push_tier_answers, sync_ward
from huddle.sync.server import ServerRefused
from tests.huddle.sync.conftest import TrustServer
from tests.huddle.sync.pcs import new_ward, open_pc

ANSWER = "A loan hoist comes from the equipment library at 14:00; the repair is booked."


def tier_replica(path: Path, url: str, ward_id: str) -> HuddleApp:
    """A tier PC's copy of one ward: an empty database filled by a pull with the tier login."""
    pc = open_pc(path, hours_ahead=3)  # the tier PC's clock is hours off: sync must not care
    with server.connect(url) as conn:
        server.pull(conn, pc.store, ward_id, cursor_key=cursor_key(url, ward_id))
    pc.select_ward(ward_id)
    return pc


def synced_ward(trust_server: TrustServer, path: Path) -> tuple[HuddleApp, str, str]:
    """A ward PC synced once with its own login, and a new tier login: (ward, its url, tier url)."""
    ward, url = new_ward(path), trust_server.login_url()
    sync_ward(ward.store, url)
    return ward, url, trust_server.tier_url()


def raise_one(ward: HuddleApp) -> str:
    action = ward.actions.actions()[0]  # "Label the drug fridge", from new_ward
    escalation = ward.escalations.raise_escalation(
        tier="Site",
        reason="The bariatric hoist is broken and no other is free on the site.",
        answer_by=ward.escalations.answer_needed_in(24),
        source_kind="action",
        source_id=action.id,
        raised_by="Amara K",
    )
    return escalation.id


def test_a_ward_escalates_a_tier_answers_and_the_wards_today_shows_it(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    ward = new_ward(tmp_path / "ward-a.db")
    ward_url = trust_server.login_url()
    escalation_id = raise_one(ward)
    assert [v.id for v in ward.board.today().open_escalations] == [escalation_id]
    sync_ward(ward.store, ward_url)

    tier_url = trust_server.tier_url()
    tier = tier_replica(tmp_path / "tier-pc.db", tier_url, ward.ward_id)
    agenda = tier.escalations.tier_agenda(tier.escalations.open_for_ward())
    assert [v.id for v in agenda] == [escalation_id]
    tier.escalations.answer(
        escalation_id=escalation_id, answer=ANSWER, owner="Site manager", answered_by="Matron J"
    )
    assert push_tier_answers(tier.store, tier_url, ward.ward_id) == 1
    assert pending_count(tier.store, ward.ward_id) == 0
    assert push_tier_answers(tier.store, tier_url, ward.ward_id) == 0  # nothing twice

    ward.clock.advance(timedelta(hours=2))
    result = sync_ward(ward.store, ward_url)
    assert result.pulled == 1 and result.conflicts == 0
    today = ward.board.today()
    assert today.open_escalations == ()
    [answered] = today.recent_answers
    assert answered.id == escalation_id
    assert answered.latest_answer is not None
    assert answered.latest_answer.answer == ANSWER
    assert answered.latest_answer.owner == "Site manager"


def test_offline_the_escalation_waits_in_the_feed_and_goes_at_the_next_sync(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    ward, ward_url, tier_url = synced_ward(trust_server, tmp_path / "ward-a.db")
    escalation_id = raise_one(ward)  # the network is down: nothing is tried
    assert pending_count(ward.store, ward.ward_id) == 1
    tier = tier_replica(tmp_path / "tier-pc.db", tier_url, ward.ward_id)
    assert tier.escalations.open_for_ward() == []  # the trust cannot see it yet
    sync_ward(ward.store, ward_url)
    assert pending_count(ward.store, ward.ward_id) == 0
    with server.connect(tier_url) as conn:
        server.pull(conn, tier.store, ward.ward_id, cursor_key=cursor_key(tier_url, ward.ward_id))
    assert [v.id for v in tier.escalations.open_for_ward()] == [escalation_id]


def test_a_tier_pc_refuses_to_send_anything_but_answers(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    ward, _ward_url, tier_url = synced_ward(trust_server, tmp_path / "ward-a.db")
    tier = tier_replica(tmp_path / "tier-pc.db", tier_url, ward.ward_id)
    tier.actions.create_action(title="Order a second hoist", origin="staff_idea")
    with pytest.raises(NotATierChange, match="may not send \\(action\\).*Nothing was sent"):
        push_tier_answers(tier.store, tier_url, ward.ward_id)
    assert _changes_by(trust_server, tier_url) == []


def _changes_by(trust_server: TrustServer, url: str) -> list[tuple[str]]:
    login = psycopg.conninfo.conninfo_to_dict(url)["user"]
    with psycopg.connect(trust_server.admin_url) as conn:
        return conn.execute(
            "SELECT entity FROM huddle_sync.change WHERE pushed_by = %s", (login,)
        ).fetchall()


def _insert_change(
    url: str, ward_id: str, device: str, table: str, payload_table: str | None = None
) -> None:
    """One change row with ``url``'s login; the payload may name another table."""
    body = {"device": device, "ward": ward_id, "seq": 1, "entity": payload_table or table}
    body |= {"entity_id": "x", "op": "insert", "before": None, "after": {"id": "x"}}
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO huddle_sync.device (id, ward_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (device, ward_id),
        )
        conn.execute(
            "INSERT INTO huddle_sync.change (ward_id, device_id, seq, entity, entity_id, op, "
            "payload) VALUES (%s, %s, 1, %s, 'x', 'insert', %s)",
            (ward_id, device, table, Jsonb(body)),
        )


def test_the_server_refuses_a_tier_login_anything_but_an_answer(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    ward, _ward_url, tier_url = synced_ward(trust_server, tmp_path / "ward-a.db")
    # straight SQL with the tier login: another table, a payload that says another
    # table, another login's device, a change to the ward's own records
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _insert_change(tier_url, ward.ward_id, "tier-device", "action")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _insert_change(tier_url, ward.ward_id, "tier-device", "escalation_answer", "action")
    ward_device = ward.store.scalar("SELECT value FROM sync_state WHERE key = 'device_id'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _insert_change(tier_url, ward.ward_id, str(ward_device), "escalation_answer")
    with psycopg.connect(tier_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM huddle_sync.change")
    assert _changes_by(trust_server, tier_url) == []
    # an answer from its own device is accepted, for any ward
    _insert_change(tier_url, ward.ward_id, "tier-device", "escalation_answer")
    assert _changes_by(trust_server, tier_url) == [("escalation_answer",)]


def test_a_ward_login_cannot_push_an_answer_for_another_ward(
    trust_server: TrustServer, tmp_path: Path
) -> None:
    one = new_ward(tmp_path / "one.db", "Ward 1")
    two = new_ward(tmp_path / "two.db", "Ward 2")
    url_one, url_two = trust_server.login_url(), trust_server.login_url()
    sync_ward(one.store, url_one)
    sync_ward(two.store, url_two)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _insert_change(url_one, two.ward_id, "one-device", "escalation_answer")
    # and a ward login pushing a replica's answers is told what to ask IT for
    raise_one(two)
    sync_ward(two.store, url_two)
    replica = tier_replica(tmp_path / "replica.db", trust_server.tier_url(), two.ward_id)
    replica.escalations.answer(
        escalation_id=replica.escalations.open_for_ward()[0].id, answer="Agreed: loan hoist."
    )
    with pytest.raises(ServerRefused, match="GRANT huddle_tier"):
        push_tier_answers(replica.store, url_one, two.ward_id)
