"""Desktop app timings, run by hand (never as a timed test):

    .venv/bin/python benchmarks/bench_ui.py [--weeks 520] [--runs 15] [--db PATH]

* cold start to a painted Today page (``ward-huddle --startup-probe``) on a
  large sample ward, against a bare PySide6 window's time to first paint in
  the same run (the ratio is the target: at most 2x, aim 1.5x);
* a real start's time to a painted Today (``ward-huddle --db``: the single-
  instance claim, the health check and recovery, the presence claim, the
  auto-backup), which the probe leaves out, on a copy of the ward;
* switching to the huddle runner (first time, and again);
* resident memory once Today has painted.

The sample comes from ``huddle.demo.build_demo`` when it exists; otherwise a
smaller ward is built here through the services.

Both processes start the way an installed copy does, from compiled bytecode:
the app's own modules are byte-compiled first (PySide6's already are, by pip;
the packaged app carries them in its archive). Without that, a machine that
sets PYTHONDONTWRITEBYTECODE would recompile every module of the app on every
start (~80 ms here) while the bare window paid nothing, and the ratio would
measure the compiler rather than the app.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}

BARE_WINDOW = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QLabel
class Window(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        print(f"painted_at {time.time():.6f}", file=sys.stderr); QApplication.instance().quit()
app = QApplication(sys.argv[:1])
w = Window("Hello"); w.resize(1920, 1080); w.show(); app.exec()
"""


def real_start_driver(on_paint: str) -> str:
    """Code for ``python -c CODE WARD`` that starts ``ward-huddle --db WARD`` as a
    person does and runs ``on_paint`` (Python; ``window`` is the main window) once
    Today has first painted. ui.main_window is patched as it loads, so nothing
    loads sooner than in a real start."""
    indented = "\n".join(f"                    {line}" for line in on_paint.splitlines())
    return f"""
import importlib.abc, importlib.util, os, sys, time
class Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "ui.main_window":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            made = module.MainWindow.__init__
            def init(window, *args, **kwargs):
                made(window, *args, **kwargs)
                def painted():
{indented}
                window.pages["today"].painted.connect(painted)
            module.MainWindow.__init__ = init
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, Hook())
from ui.app import main
main(["--db", sys.argv[1]])
"""


REAL_START = real_start_driver(
    'print(f"painted_at {time.time():.6f}", file=sys.stderr, flush=True)\nos._exit(0)'
)


def build_sample(path: Path, weeks: int) -> str:
    try:
        from huddle.demo import build_demo
    except ImportError:
        build_with_services(path, weeks=min(weeks, 26))
        return f"built here through the services ({min(weeks, 26)} weeks; huddle.demo missing)"
    build_demo(path, weeks=weeks)
    return f"huddle.demo.build_demo(weeks={weeks})"


def build_with_services(path: Path, *, weeks: int) -> None:
    from huddle.clock import FixedClock
    from huddle.services import HuddleApp

    start = datetime.now(UTC) - timedelta(weeks=weeks)
    clock = FixedClock(start.replace(hour=8, minute=0))
    with HuddleApp.open(path, clock=clock, actor="bench") as app:
        app.setup.create_ward(
            name="Bench Ward", roster=[(f"Person {i}", "Staff Nurse") for i in range(30)]
        )
        people = app.setup.people()
        falls = app.measures.define_measure(name="Falls", better="down", period="week")
        for day in range(weeks * 7):
            huddle = app.huddles.start_huddle()
            for person in people[day % 7 : day % 7 + 8]:
                app.huddles.record_attendance(huddle.id, person_id=person.id, present=True)
            if day % 3 == 0:
                app.learning.record_learning(kind="near_miss", title=f"Near miss {day}")
            if day % 5 == 0:
                app.actions.create_action(
                    title=f"Action {day}",
                    owner_id=people[day % 30].id,
                    due_on=clock.today() + timedelta(days=10),
                )
            app.huddles.finish_huddle(huddle.id)
            if day % 7 == 0:
                app.measures.record_point(
                    falls.id,
                    period_start=clock.today(),
                    value=float(day % 9),
                    expected_version=None,
                )
            clock.advance(timedelta(days=1))


def run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=300, check=True)


def ms_to_paint(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    """Milliseconds from spawning ``command`` to its first paint (it prints when)."""
    spawned = time.time()
    done = run(command)
    for line in done.stderr.splitlines():
        if line.startswith("painted_at "):
            return (float(line.split()[1]) - spawned) * 1000, done
    raise RuntimeError(f"{command[-1]} never said it painted: {done.stderr[-500:]}")


def byte_compile() -> None:
    """Write the app's bytecode caches, as installing a wheel or bundling does."""
    for package in ("huddle", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def cold_starts(db: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Spawn-to-paint times of the app and the bare window, run by turns."""
    app_ms, bare_ms, rss = [], [], []
    byte_compile()
    probe = [sys.executable, "-m", "ui.app", "--db", str(db), "--startup-probe"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    run(probe)  # warm the file cache for both
    run(bare)
    for _ in range(runs):  # interleaved, so both see the same machine load
        took, done = ms_to_paint(probe)
        app_ms.append(took)
        for line in done.stderr.splitlines():
            if line.startswith("rss_mb"):
                rss.append(float(line.split()[1]))
        bare_ms.append(ms_to_paint(bare)[0])
    return app_ms, bare_ms, rss


def real_starts(db: Path, runs: int) -> list[float]:
    """Spawn-to-paint times of ``ward-huddle --db`` on a copy of ``db`` (it claims
    presence and may write; the ward itself is never touched)."""
    with tempfile.TemporaryDirectory(prefix="bench-real-") as folder:
        copy = Path(folder) / "ward.db"
        for suffix in ("", "-wal"):
            if Path(f"{db}{suffix}").exists():
                shutil.copyfile(f"{db}{suffix}", f"{copy}{suffix}")
        command = [sys.executable, "-c", REAL_START, str(copy)]
        run(command)  # warm the file cache
        return [ms_to_paint(command)[0] for _ in range(runs)]


def switch_to_runner(db: Path) -> tuple[float, float]:
    """Milliseconds to show the Huddle page the first time and again (painted)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.session import WardSession

    make_application(sys.argv[:1])
    session = WardSession.open(db, claim_presence=False, read_only=True)
    window = MainWindow(session)
    window.resize(1920, 1080)
    window.show()
    QApplication.processEvents()
    window.pages["today"].painted.disconnect()  # measure the cold build, not the warm-up
    timings = []
    for _ in range(2):
        began = time.perf_counter()
        window.show_page("huddle")
        window.repaint()
        QApplication.processEvents()
        timings.append((time.perf_counter() - began) * 1000)
        window.show_page("today")
        QApplication.processEvents()
    window.close_session()
    return timings[0], timings[1]


def switch_after_warm_up(db: Path) -> float:
    """As a person meets it: the window has idled after Today painted, then Start."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.main_window import WARM_UP_MS, MainWindow
    from ui.session import WardSession

    session = WardSession.open(db, claim_presence=False, read_only=True)
    window = MainWindow(session)
    window.resize(1920, 1080)
    window.show()
    loop = QEventLoop()
    QTimer.singleShot(WARM_UP_MS + 500, loop.quit)
    loop.exec()
    began = time.perf_counter()
    window.show_page("huddle")
    window.repaint()
    QApplication.processEvents()
    took = (time.perf_counter() - began) * 1000
    window.close_session()
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=520)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, help="use this ward instead of building one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as folder:
        db = args.db
        if db is None:
            db = Path(folder) / "sample.db"
            began = time.perf_counter()
            how = build_sample(db, args.weeks)
            print(
                f"sample ward: {how} in {time.perf_counter() - began:.1f} s, "
                f"{db.stat().st_size / 1e6:.1f} MB"
            )
        app_ms, bare_ms, rss = cold_starts(db, args.runs)
        app_median, bare_median = statistics.median(app_ms), statistics.median(bare_ms)
        pairs = statistics.median(a / b for a, b in zip(app_ms, bare_ms, strict=True))
        print(
            f"cold start to painted Today: median {app_median:.0f} ms, "
            f"fastest {min(app_ms):.0f} ms {[round(v) for v in app_ms]}"
        )
        print(
            f"bare PySide6 window first paint: median {bare_median:.0f} ms, "
            f"fastest {min(bare_ms):.0f} ms {[round(v) for v in bare_ms]}"
        )
        print(
            f"ratio: {app_median / bare_median:.2f}x of the medians, {pairs:.2f}x the median "
            f"of the {len(app_ms)} side-by-side pairs, {min(app_ms) / min(bare_ms):.2f}x of "
            "the fastest (target <= 2x, aim 1.5x)"
        )
        real_ms = real_starts(db, max(5, args.runs // 3))
        print(
            f"a real start (ward-huddle --db, with its health check, single-instance and "
            f"presence claims): median {statistics.median(real_ms):.0f} ms, "
            f"{statistics.median(real_ms) / bare_median:.2f}x the bare window "
            f"{[round(v) for v in real_ms]}"
        )
        if rss:
            print(f"resident memory after start: {max(rss):.0f} MB (target < 250 MB)")
        first, again = switch_to_runner(db)
        warm = switch_after_warm_up(db)
        print(
            f"switch to the huddle runner: {warm:.0f} ms once the window has idled after "
            f"Today painted (target < 100 ms); built cold {first:.0f} ms, again {again:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
