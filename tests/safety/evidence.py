"""Proves the hazard log's evidence: each cited test was collected and passed.

Cited tests that ran in this pytest run are judged by their recorded outcome
(``tests.helpers.outcomes``); the rest are run here, in a pytest subprocess
over just those node ids, so the hazard-log test gives the same answer whether
it runs alone or at the end of ``make test``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from huddle.safetycase.hazard_log import node_files
from tests.helpers.outcomes import base_id

REPO = Path(__file__).resolve().parents[2]


def outcome_of(node_id: str, outcomes: Mapping[str, str]) -> str | None:
    """A node id's outcome; a parametrised test passes only when every case passed."""
    if node_id in outcomes:
        return outcomes[node_id]
    cases = [outcome for ran, outcome in outcomes.items() if base_id(ran) == node_id]
    if not cases:
        return None
    for worst in ("failed", "skipped"):
        if worst in cases:
            return worst
    return "passed"


def was_collected(node_id: str, collected: Iterable[str]) -> bool:
    return any(ran == node_id or base_id(ran) == node_id for ran in collected)


def run_in_subprocess(node_ids: list[str], *, rootdir: Path = REPO) -> dict[str, str]:
    """Run ``node_ids`` in a fresh pytest; each one's outcome ("missing" when not found)."""
    files = [f for f in node_files(node_ids) if (rootdir / f).is_file()]
    results: dict[str, str] = {}
    if files:
        with tempfile.TemporaryDirectory(prefix="hazard-evidence-") as scratch:
            wanted = Path(scratch) / "node-ids.txt"
            wanted.write_text("\n".join(node_ids) + "\n")
            report = Path(scratch) / "outcomes.json"
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
            command = [
                sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "-p", "tests.helpers.outcomes", "--only-node-ids", str(wanted),
                "--outcomes-json", str(report), *files,
            ]  # fmt: skip
            subprocess.run(command, cwd=rootdir, env=env, capture_output=True, check=False)
            if report.is_file():
                results = json.loads(report.read_text())
    return {node_id: outcome_of(node_id, results) or "missing" for node_id in node_ids}


def evidence_problems(
    node_ids: list[str],
    *,
    collected: Iterable[str],
    outcomes: Mapping[str, str],
    rootdir: Path = REPO,
) -> list[str]:
    """One line for each cited test that is missing or did not pass."""
    collected = set(collected)
    here = [n for n in node_ids if was_collected(n, collected)]
    elsewhere = [n for n in node_ids if n not in here]
    verdicts = {n: outcome_of(n, outcomes) or "did not run" for n in here}
    if elsewhere:
        verdicts.update(run_in_subprocess(elsewhere, rootdir=rootdir))
    words = {
        "missing": "is not in the test suite",
        "failed": "failed",
        "skipped": "was skipped",
        "did not run": "was collected but did not run",
    }
    return [f"{n} {words[verdicts[n]]}" for n in node_ids if verdicts[n] != "passed"]
