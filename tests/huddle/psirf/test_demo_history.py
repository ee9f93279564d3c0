"""The sample ward carries a believable PSIRF history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from huddle.demo import build_demo
from huddle.domain_psirf import Feeling, ResponseKind
from huddle.services import HuddleApp

TODAY = date(2026, 8, 6)


def test_sample_ward_has_swarms_reviews_pulse_and_touchpoints(tmp_path: Path) -> None:
    path = tmp_path / "sample.db"
    build_demo(path, weeks=26, seed=1, today=TODAY)
    with HuddleApp.open(path, read_only=True) as app:
        responses = app.responses.responses()
        kinds = {r.kind for r in responses}
        assert kinds == {ResponseKind.SWARM, ResponseKind.AAR}
        assert all(r.ended_at is not None and r.learning for r in responses)
        for swarm in (r for r in responses if r.kind is ResponseKind.SWARM):
            item = app.learning.item(swarm.learning_id)
            assert (swarm.started_at - item.created_at).total_seconds() <= 24 * 3600
        good = [r for r in responses if app.learning.item(r.learning_id).kind == "excellence"]
        assert good, "After Action Reviews of good outcomes too"
        weeks = app.pulse.weeks()
        assert len(weeks) >= 20
        assert any(w.answers >= 5 for w in weeks) and any(0 < w.answers < 5 for w in weeks)
        touchpoints = app.patient_voice.touchpoints()
        assert {t.feeling for t in touchpoints} == set(Feeling)
        assert app.patient_voice.what_matters()
        assert app.responses.unreported()
