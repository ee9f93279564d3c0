"""`make safety-case`: the report is made from the hazard log and says what it says."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from huddle.safetycase.__main__ import main
from huddle.safetycase.hazard_log import load
from tests.safety.evidence import REPO

LOG = REPO / "docs" / "safety" / "hazard-log.toml"


def test_the_report_lists_the_release_matrix_and_every_hazard_with_its_evidence(
    tmp_path: Path, capsys
) -> None:
    out = tmp_path / "safety-case.pdf"
    assert main(["--log", str(LOG), "--out", str(out), "--commit", "abc123def456"]) == 0
    reader = PdfReader(out)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert reader.metadata is not None and "clinical safety case" in reader.metadata.title
    assert "commit abc123def456" in text
    for section in ("Scope, intended use and users", "Risk matrix", "Hazard summary",
                    "Open hazards", "Safety position and sign-off"):  # fmt: skip
        assert section in text
    log = load(LOG)
    for hazard in log.hazards:
        assert hazard.id in text
    # evidence is printed (node ids may wrap, so look for each test's name)
    for node_id in log.node_ids():
        assert node_id.rsplit("::", 1)[1][:40] in text.replace(" ", "")


def test_an_incomplete_log_writes_nothing_and_says_why(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "log.toml"
    bad.write_text(LOG.read_text().replace("rating = 3 }", "rating = 4 }", 1))
    out = tmp_path / "case.pdf"
    assert main(["--log", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("safety-case: Fix the hazard log first: HAZ-01: the initial rating")
    assert err.count("\n") == 1
    assert not out.exists()
