"""A pytest plugin that records every test's outcome in the run.

The hazard log's test (``tests/safety/test_hazard_log.py``, marked
``runs_last``) reads these records to prove that every test the log cites as
evidence was collected and passed in the same run. Two options let that test
run cited tests in a pytest subprocess when they are not part of the run:
``--only-node-ids FILE`` keeps just the node ids listed in FILE (one a line; a
parametrised test's base id keeps all its cases) and ``--outcomes-json FILE``
writes ``{node id: outcome}`` for every test that ran.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OUTCOMES = pytest.StashKey[dict[str, str]]()
COLLECTED = pytest.StashKey[set[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("hazard-log evidence")
    group.addoption(
        "--only-node-ids",
        metavar="FILE",
        default=None,
        help="run only the node ids listed in FILE, one a line",
    )
    group.addoption(
        "--outcomes-json",
        metavar="FILE",
        default=None,
        help="write each test's outcome to FILE as JSON at the end of the run",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[OUTCOMES] = {}
    config.stash[COLLECTED] = set()
    config.pluginmanager.register(OutcomeRecorder(config.stash[OUTCOMES]), "outcome-recorder")


def base_id(node_id: str) -> str:
    """``tests/a.py::test_b[x]`` without its parameters: ``tests/a.py::test_b``."""
    return node_id.split("[", 1)[0]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    only = config.getoption("only_node_ids")
    if only:
        wanted = {line.strip() for line in Path(only).read_text().splitlines() if line.strip()}
        keep = [i for i in items if i.nodeid in wanted or base_id(i.nodeid) in wanted]
        dropped = [i for i in items if i not in keep]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = keep
    # a stable sort: tests marked runs_last go to the end, everything else keeps its order
    items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[COLLECTED] = {item.nodeid for item in session.items}


class OutcomeRecorder:
    """Keeps the worst outcome of each test's setup, call and teardown."""

    def __init__(self, outcomes: dict[str, str]) -> None:
        self.outcomes = outcomes

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        before = self.outcomes.get(report.nodeid)
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped and before != "failed":
            self.outcomes[report.nodeid] = "skipped"
        elif report.when == "call" and report.passed and before is None:
            self.outcomes[report.nodeid] = "passed"


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = session.config.getoption("outcomes_json")
    if path:
        Path(path).write_text(json.dumps(session.config.stash[OUTCOMES], indent=1))


def outcomes_of(config: pytest.Config) -> dict[str, str]:
    """Each test's outcome so far in this run: passed, failed or skipped."""
    return config.stash[OUTCOMES]


def collected_in(config: pytest.Config) -> set[str]:
    """The node ids this run collected (and did not deselect)."""
    return config.stash[COLLECTED]
