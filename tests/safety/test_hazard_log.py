"""The hazard log (docs/safety/hazard-log.toml) is complete and its evidence passes.

``test_every_cited_test_exists_and_passes`` runs last: by then every cited test
that is part of this run has its outcome recorded; any that are not (the test
run alone, or a narrower run) are run in a pytest subprocess.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from huddle.safetycase.hazard_log import HazardLogError, load, problems
from tests.helpers.outcomes import collected_in, outcomes_of
from tests.safety.evidence import REPO, evidence_problems, run_in_subprocess

LOG = REPO / "docs" / "safety" / "hazard-log.toml"

# The hazards the issue names: each must stay in the log.
REQUIRED = {
    "wrong spc verdict": "HAZ-01",
    "disagree": "HAZ-02",
    "never reported": "HAZ-03",
    "patient identifier": "HAZ-04",
    "data lost": "HAZ-05",
    "overwritten": "HAZ-06",
    "stale screen": "HAZ-07",
    "overdue action": "HAZ-08",
    "wrong ward": "HAZ-09",
    "time zones": "HAZ-10",
    "unavailable at huddle time": "HAZ-11",
}


def test_the_log_is_complete_and_its_ratings_follow_the_matrix() -> None:
    log = load(LOG)
    assert problems(log) == []
    titles = {h.id: h.title.lower() for h in log.hazards}
    for words, hazard_id in REQUIRED.items():
        assert words in titles[hazard_id], f"{hazard_id} should be about {words}"
    assert all(h.controls and h.residual for h in log.hazards)


def test_problems_name_what_is_missing() -> None:
    log = load(LOG)
    first = log.hazards[0]
    broken = dataclasses.replace(
        first,
        controls=(),
        residual=dataclasses.replace(first.residual, rating=5),
    )
    software = dataclasses.replace(
        log.hazards[1],
        controls=(dataclasses.replace(log.hazards[1].controls[0], evidence=()),),
    )
    found = problems(dataclasses.replace(log, hazards=(broken, software, broken)))
    assert f"{first.id}: has no control" in found
    assert any("the residual rating is 5 but the matrix gives" in p for p in found)
    assert f"{first.id}: the id is used twice" in found
    assert f"{software.id} control 1: a software control needs a test" in found


def test_an_unreadable_log_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "log.toml"
    bad.write_text("[matrix]\nseverities = [")
    with pytest.raises(HazardLogError, match="Cannot read the hazard log"):
        load(bad)
    bad.write_text("[scope]\nsystem = 'x'\n")
    with pytest.raises(HazardLogError, match="is incomplete"):
        load(bad)


def test_the_subprocess_tells_passed_failed_and_missing_apart(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_sample.py").write_text(
        "import pytest\n\n"
        "def test_passes():\n    pass\n\n"
        "def test_fails():\n    assert False\n\n"
        "@pytest.mark.parametrize('n', [1, 2])\n"
        "def test_cases(n):\n    assert n == 1\n"
    )
    sample = "tests/test_sample.py"
    ids = [f"{sample}::test_passes", f"{sample}::test_fails", f"{sample}::test_gone",
           f"{sample}::test_cases", "tests/test_nowhere.py::test_x"]  # fmt: skip
    assert run_in_subprocess(ids, rootdir=tmp_path) == {
        f"{sample}::test_passes": "passed",
        f"{sample}::test_fails": "failed",
        f"{sample}::test_gone": "missing",
        f"{sample}::test_cases": "failed",
        "tests/test_nowhere.py::test_x": "missing",
    }
    assert evidence_problems(ids, collected=(), outcomes={}, rootdir=tmp_path) == [
        f"{sample}::test_fails failed",
        f"{sample}::test_gone is not in the test suite",
        f"{sample}::test_cases failed",
        "tests/test_nowhere.py::test_x is not in the test suite",
    ]


def test_outcomes_of_this_run_are_used_when_the_test_ran_here() -> None:
    ran = "tests/safety/test_x.py::test_y"
    assert evidence_problems([ran], collected={ran}, outcomes={ran: "failed"}) == [f"{ran} failed"]
    assert evidence_problems([ran], collected={ran}, outcomes={ran: "passed"}) == []
    assert evidence_problems([ran], collected={ran + "[a]"}, outcomes={ran + "[a]": "skipped"}) == [
        f"{ran} was skipped"
    ]


@pytest.mark.runs_last
@pytest.mark.timeout(1800)  # run alone, it runs every cited test in a subprocess
def test_every_cited_test_exists_and_passes(request: pytest.FixtureRequest) -> None:
    log = load(LOG)
    found = evidence_problems(
        log.node_ids(),
        collected=collected_in(request.config),
        outcomes=outcomes_of(request.config),
    )
    assert found == [], "The hazard log cites evidence that does not hold:\n" + "\n".join(found)
