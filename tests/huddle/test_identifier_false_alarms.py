"""False alarms: ordinary ward text must save without a warning.

Two bodies of text are scanned with every built-in check on: a corpus of
realistic clinical phrases written for this test (observations, doses, times,
dates, beds and bays, scores, references, extensions, staffing) and the whole
text of the sample ward. The measured rate is printed (``pytest -s``) and must
stay at or below one phrase in a hundred; today it is none.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huddle.demo import build_demo
from huddle.identifiers import IdentifierGuard
from huddle.services import HuddleApp
from huddle.store import scan
from tests.huddle.clinical_phrases import PHRASES

GUARD = IdentifierGuard()
MOST = 0.01


def test_the_corpus_is_big_enough_and_all_different() -> None:
    assert len(PHRASES) >= 200
    assert len(set(PHRASES)) == len(PHRASES)


def test_clinical_phrases_are_rarely_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    flagged = [p for p in PHRASES if GUARD.find(p)]
    rate = len(flagged) / len(PHRASES)
    with capsys.disabled():
        print(f"\nfalse alarms, clinical corpus: {len(flagged)}/{len(PHRASES)} = {rate:.1%}")
    assert rate <= MOST, [
        (p, [(p[m.start : m.end], m.kind) for m in GUARD.find(p)]) for p in flagged
    ]


def test_the_sample_wards_whole_text_is_never_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sample.db"
    build_demo(path, weeks=26, seed=1, today=date(2026, 8, 6))
    fields = flagged = 0
    with HuddleApp.open(path, read_only=True) as app:
        for table in scan.FREE_TEXT:
            for _, texts in scan.free_text_rows(app.store, table):
                for text in texts.values():
                    fields += 1
                    flagged += bool(GUARD.find(text))
    with capsys.disabled():
        print(f"\nfalse alarms, sample ward: {flagged}/{fields} fields = {flagged / fields:.2%}")
    assert fields > 1000
    assert flagged == 0
