"""#19's must-show on the screen: an escalation raised on one ward's PC, answered with
a tier login on another PC, shows its answer on the first ward's Today page after
both have synced (a real PostgreSQL server, no mocks)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from huddle.sync.engine import push_tier_answers, sync_ward
from tests.helpers import pages
from tests.huddle.sync.conftest import TrustServer, pg_cluster, trust_server  # noqa: F401
from tests.huddle.sync.test_tiers import ANSWER, raise_one, synced_ward, tier_replica
from ui.pages.today import TodayPage


def test_the_answer_from_the_tier_pc_shows_on_the_wards_today_page(
    qtbot,
    trust_server: TrustServer,  # noqa: F811 (the sync tests' fixture, imported above)
    tmp_path: Path,
) -> None:
    ward, ward_url, tier_url = synced_ward(trust_server, tmp_path / "ward-a.db")
    page = pages.open_page(qtbot, TodayPage, pages.ui_context(ward))
    escalation_id = raise_one(ward)
    assert page.escalations_tile.lines()[0].startswith("Site: The bariatric hoist is broken")
    sync_ward(ward.store, ward_url)

    tier = tier_replica(tmp_path / "tier-pc.db", tier_url, ward.ward_id)
    tier.escalations.answer(escalation_id=escalation_id, answer=ANSWER, owner="Site manager")
    push_tier_answers(tier.store, tier_url, ward.ward_id)

    ward.clock.advance(timedelta(hours=1))
    assert sync_ward(ward.store, ward_url).pulled == 1
    ward.sync.received(1)  # as the app's background sync tells every screen
    assert page.escalations_tile.lines() == [
        "You said, we did",
        "You said: The bariatric hoist is broken and no other is free on the site.",
        f"Site (Site manager): {ANSWER}",
    ]
