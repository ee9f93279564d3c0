"""The ward report's PSIRF pages: responses, unreported events, pulse, touchpoints."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from huddle.clock import FixedClock
from huddle.reports import IdentifiersFoundError, export_period_report
from huddle.services import HuddleApp
from tests.helpers.identifiers import written_before_the_guard


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_report_counts_responses_unreported_pulse_and_touchpoints(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    start = clock.today() - timedelta(days=20)
    near_miss = app.learning.record_learning(kind="near_miss", title="Insulin nearly given twice")
    swarm = app.responses.start_swarm(learning_id=near_miss.id, present=[("Staff Nurse", 3)])
    swarm = app.responses.save_answers(
        swarm.id, expected_version=swarm.version, learning="Check the chart, not the handover."
    )
    app.responses.finish(swarm.id, expected_version=swarm.version)
    for score in (4, 4, 5):  # three answers: too few to show
        app.pulse.answer(score=score)
    app.patient_voice.record_touchpoint(
        stage="night", feeling="negative", emotion="scared", staff_suggestion="Quiet time at 23:00"
    )
    out = export_period_report(app, start=start, end=clock.today(), out=tmp_path / "r.pdf")
    text = _text(out)
    assert "6. Learning responses and reporting" in text
    assert "SWARM huddle" in text and "Check the chart, not the handover." in text
    assert "Not yet reported to the trust's incident system" in text
    assert "Insulin nearly given twice" in text
    assert "7. Speak-up pulse" in text and "too few answers to show" in text
    assert "Touchpoints that felt bad most often" in text and "Night" in text
    assert "Quiet time at 23:00" in text


def test_report_refuses_an_identifier_in_a_touchpoint(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    # saved as an older version could (the guard on every save now refuses it, issue 14)
    with written_before_the_guard(app):
        app.patient_voice.record_touchpoint(
            stage="discharge", feeling="negative", what_happened="Patient 999 000 0018 waited"
        )
    with pytest.raises(IdentifiersFoundError, match="the what happened of the touchpoint of"):
        export_period_report(
            app, start=clock.today() - timedelta(days=7), end=clock.today(),
            out=tmp_path / "r.pdf",
        )  # fmt: skip


def test_huddle_summary_has_a_learning_together_line(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    from huddle.reports import export_huddle_summary

    item = app.learning.record_learning(kind="near_miss", title="Wrong bed rails used")
    app.responses.start_swarm(learning_id=item.id)
    for score in (4, 5, 4, 3, 4):
        app.pulse.answer(score=score)
    huddle = app.huddles.start_huddle()
    app.huddles.finish_huddle(huddle.id)
    text = _text(export_huddle_summary(app, huddle_id=huddle.id, out=tmp_path / "s.pdf"))
    assert "Learning together" in text
    assert "1 SWARM huddle" in text
    assert "1 incident or near miss not yet reported" in text
    assert "5 answers so far (mean 4.0 out of 5, 80% agreeing)" in text
