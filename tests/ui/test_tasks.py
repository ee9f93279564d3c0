"""The one helper for slow work: results, errors and progress arrive on the UI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool

from ui.tasks import TaskRunner


def test_result_and_progress_arrive_on_the_ui_thread(qtbot):
    runner = TaskRunner()
    seen: dict[str, object] = {"progress": []}
    ui_thread = threading.current_thread()

    def work(progress):
        progress(1, 2)
        progress((2, 2))
        progress("nearly")
        return threading.current_thread() is not ui_thread

    def done(value):
        seen["result"] = value
        seen["thread"] = threading.current_thread()

    runner.run(work, on_result=done, on_progress=seen["progress"].append)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] is True  # the work ran on another thread
    assert seen["thread"] is ui_thread
    assert seen["progress"] == [(1, 2), (2, 2), "nearly"]
    qtbot.waitUntil(lambda: not runner.busy)


def test_errors_are_handed_back(qtbot):
    runner = TaskRunner()
    errors = []

    def work(progress):
        raise ValueError("no good")

    runner.run(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)


def test_latest_wins_drops_what_a_newer_job_superseded(qtbot):
    pool = QThreadPool()
    pool.setMaxThreadCount(3)  # all three at once, whatever the machine's cores
    runner = TaskRunner(latest_wins=True, pool=pool)
    release = threading.Event()
    results, errors = [], []

    def slow(progress):
        release.wait(5)
        return "first"

    def fails_late(progress):
        release.wait(5)
        raise ValueError("superseded, so nobody hears of it")

    runner.run(slow, on_result=results.append, on_error=errors.append)
    runner.run(fails_late, on_result=results.append, on_error=errors.append)
    runner.run(lambda progress: "last", on_result=results.append, on_error=errors.append)
    qtbot.waitUntil(lambda: results == ["last"], timeout=5000)
    assert runner.busy  # the superseded two are still running
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert results == ["last"] and errors == []


def test_without_latest_wins_every_job_reports(qtbot):
    runner = TaskRunner()
    results = []
    for n in range(3):
        runner.run(lambda progress, n=n: n, on_result=results.append)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert sorted(results) == [0, 1, 2]
