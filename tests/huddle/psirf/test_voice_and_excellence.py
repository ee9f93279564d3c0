"""The patient's voice, excellence credits and milestone certificates."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from huddle.cli.main import main
from huddle.clock import FixedClock
from huddle.errors import ValidationError
from huddle.reports import export_certificate
from huddle.services import HuddleApp
from huddle.services.excellence import parse_milestones


def test_touchpoints_summarise_what_felt_bad_most_often(app: HuddleApp) -> None:
    voice = app.patient_voice
    for stage, feeling in [
        ("night", "negative"), ("night", "negative"), ("discharge", "negative"),
        ("mealtimes", "positive"), ("discharge", "positive"), ("night", "positive"),
    ]:  # fmt: skip
        voice.record_touchpoint(stage=stage, feeling=feeling, emotion="worried")
    ranked = voice.felt_bad_most()
    assert [(c.label, c.negative, c.positive) for c in ranked] == [
        ("Night", 2, 1), ("Discharge", 1, 1), ("Mealtimes", 0, 1),
    ]  # fmt: skip
    with pytest.raises(ValidationError) as bad:
        voice.record_touchpoint(stage="car park", feeling="meh")
    assert set(bad.value.fields) == {"stage", "feeling"}
    note = voice.note_what_matters(text="Being able to see my dog's photo")
    assert voice.what_matters() == [note]


def test_excellence_names_who(app: HuddleApp) -> None:
    good = app.learning.record_learning(kind="excellence", title="Calm handover")
    saved = app.excellence.credit(good.id, who="Night team, bay 3", expected_version=None)
    assert app.excellence.who(good.id) == "Night team, bay 3"
    assert app.excellence.credit_version(good.id) == saved
    # a change names the version it started from (#17)
    app.excellence.credit(good.id, who="Night team", expected_version=saved)
    assert app.excellence.credits([good.id]) == {good.id: "Night team"}
    bad = app.learning.record_learning(kind="incident", title="Fall")
    with pytest.raises(ValidationError):
        app.excellence.credit(bad.id, who="Anyone", expected_version=None)


def test_milestones_parse_and_refuse() -> None:
    assert [(m.level, m.days) for m in parse_milestones("10, 30,100")] == [
        ("bronze", 10), ("silver", 30), ("gold", 100),
    ]  # fmt: skip
    for wrong in ("", "30, 10", "ten", "0, 5"):
        with pytest.raises(ValidationError):
            parse_milestones(wrong)


def test_export_certificate(
    app: HuddleApp, clock: FixedClock, db_path: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    app.learning.record_learning(
        kind="incident", title="Fall with a fracture", harm="moderate",
        occurred_on=clock.today() - timedelta(days=34),
    )  # fmt: skip
    out = tmp_path / "cert.pdf"
    export_certificate(app, out=out)
    text = PdfReader(out).pages[0].extract_text()
    assert "Silver certificate" in text and "30 days without a harm" in text
    assert "Ward 7B" in text and "reached on 6 Aug 2026" not in text
    with pytest.raises(ValidationError, match="not yet 100"):
        export_certificate(app, out=out, days=100)
    app.close()
    # the command line (on today's real clock, long after the fall)
    cli_out = tmp_path / "cli.pdf"
    args = ["export", "certificate", "--db", str(db_path), "--out", str(cli_out)]
    assert main([*args, "--days", "30"]) == 0
    assert "Silver certificate" in PdfReader(cli_out).pages[0].extract_text()
    assert main([*args[:-1], str(tmp_path / "other.pdf"), "--days", "45"]) == 1
    assert "45 days is not a milestone" in capsys.readouterr().err


def test_slip_names_who_was_excellent(app: HuddleApp, tmp_path: Path) -> None:
    from huddle.reports import export_slip

    good = app.learning.record_learning(
        kind="excellence", title="Calm handover in a busy bay",
        what_happened="Handed over every patient at the bedside, with the family.",
        what_learned="Bedside handover with families works.",
    )  # fmt: skip
    app.excellence.credit(good.id, who="Night team, bay 3", expected_version=None)
    text = PdfReader(export_slip(app, learning_id=good.id, out=tmp_path / "s.pdf")).pages[0]
    words = text.extract_text()
    assert "Night team, bay 3" in words
    assert "WHAT THEY DID" in words and "WHAT WE CAN ALL LEARN" in words
