"""Timing the PDF exports on a ten-year ward (run by hand, not in CI).

    .venv/bin/python -m benchmarks.bench_reports [--weeks 520]

Targets: a huddle summary under 0.3 s and a quarter's ward report with six
SPC charts under 1.5 s. Each is compared with a bare reportlab document of a
similar size built in the same run, so the ratio shows our own overhead.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from huddle.clock import FixedClock
from huddle.services import HuddleApp

ROSTER = [
    (f"Person {n}", role)
    for n, role in enumerate(
        [
            "Ward Sister",
            "Staff Nurse",
            "Staff Nurse",
            "Staff Nurse",
            "Healthcare Assistant",
            "Healthcare Assistant",
            "Student Nurse",
            "Physiotherapist",
            "Pharmacist",
            "Doctor",
        ]
        * 2
    )
]


def build_ward(path: Path, weeks: int, clock: FixedClock) -> HuddleApp:
    """The shared demo ward when it exists, else a synthetic one through the services."""
    try:
        from huddle.demo import build_demo  # type: ignore[import-not-found]
    except ImportError:
        return _synthetic(path, weeks, clock)
    build_demo(path, weeks=weeks, seed=1)
    return HuddleApp.open(path, clock=clock)


def _synthetic(path: Path, weeks: int, clock: FixedClock) -> HuddleApp:
    rnd = random.Random(1)
    end = clock.now()
    clock.set(end - timedelta(weeks=weeks))
    app = HuddleApp.open(path, clock=clock)
    app.store.conn.execute("PRAGMA synchronous = OFF")  # a throwaway benchmark ward
    app.setup.create_ward(name="Ward 7B", site="Sample General", roster=ROSTER)
    people = app.setup.people()
    kinds = ["incident", "near_miss", "compliment", "excellence", "patient_feedback"]
    measures = [
        app.measures.define_measure(name=f"Measure {n}", unit="%", better="up", target=90.0)
        for n in range(6)
    ]
    for week in range(weeks):
        for _ in range(3):
            huddle = app.huddles.start_huddle(facilitator_id=people[0].id)
            for person in rnd.sample(people, 7):
                app.huddles.record_attendance(huddle.id, person_id=person.id, present=True)
            section = app.huddles.huddle(huddle.id).sections[0]
            app.huddles.save_section_notes(
                section.id, notes="Two patients at risk of falls.", expected_version=section.version
            )
            app.learning.record_learning(
                kind=rnd.choice(kinds),
                title=f"Learning {week}",
                what_happened="Something happened. " * 5,
                what_learned="We learned. " * 5,
                huddle_id=huddle.id,
                themes=[rnd.choice(["falls", "meds", "flow"])],
            )
            if rnd.random() < 0.4:
                app.actions.create_action(
                    title=f"Action {week}",
                    huddle_id=huddle.id,
                    owner_id=rnd.choice(people).id,
                    due_on=clock.today() + timedelta(days=21),
                )
            clock.advance(timedelta(minutes=12))
            app.huddles.finish_huddle(huddle.id)
            clock.advance(timedelta(days=2, hours=23, minutes=48) / 1.5)
        week_start = clock.today() - timedelta(days=clock.today().weekday())
        for measure in measures:
            app.measures.record_point(
                measure.id,
                period_start=week_start,
                value=round(rnd.gauss(88, 4), 1),
                expected_version=None,
            )
    clock.set(end)
    return app


def timed(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_document(pages: int, charts: int) -> bytes:
    """Plain reportlab: Helvetica, tables and line charts of about the same size."""
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    story = []
    for page in range(pages):
        story.append(Paragraph(f"Section {page}", styles["Heading1"]))
        story.append(
            Table(
                [
                    [Paragraph(f"cell {r} {c} " * 4, styles["BodyText"]) for c in range(4)]
                    for r in range(14)
                ]
            )
        )
        if page < charts:
            drawing = Drawing(500, 200)
            plot = LinePlot()
            plot.width, plot.height = 440, 160
            plot.data = [[(i, 88 + (i * 7) % 9) for i in range(36)]]
            drawing.add(plot)
            story.append(drawing)
        story.append(PageBreak())
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weeks", type=int, default=520)
    args = parser.parse_args(argv)
    from pypdf import PdfReader

    from huddle.reports import export_huddle_summary, export_period_report

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        clock = FixedClock(datetime(2026, 8, 6, 8, 0, tzinfo=UTC))
        made = time.perf_counter()
        app = build_ward(tmp / "ward.db", args.weeks, clock)
        print(f"ward of {args.weeks} weeks built in {time.perf_counter() - made:.1f} s")
        latest = app.huddles.latest_finished()
        assert latest is not None
        summary_out, report_out = tmp / "summary.pdf", tmp / "report.pdf"
        export_huddle_summary(app, huddle_id=latest.id, out=summary_out)  # warm fonts up
        summary_s = timed(lambda: export_huddle_summary(app, huddle_id=latest.id, out=summary_out))
        bare_summary_s = timed(lambda: bare_document(1, 0))
        start, end = date(2026, 4, 1), date(2026, 6, 30)
        report_s = timed(lambda: export_period_report(app, start=start, end=end, out=report_out))
        pages = len(PdfReader(report_out).pages)
        bare_report_s = timed(lambda: bare_document(pages, 6))
        print(
            f"huddle summary: {summary_s:.3f} s (target < 0.3 s); bare reportlab page "
            f"{bare_summary_s:.3f} s; ratio {summary_s / bare_summary_s:.1f}"
        )
        print(
            f"quarter report, {len(app.measures.measures())} charts, {pages} pages: "
            f"{report_s:.3f} s (target < 1.5 s); bare reportlab {pages} pages "
            f"{bare_report_s:.3f} s; ratio {report_s / bare_report_s:.1f}"
        )
        app.close()


if __name__ == "__main__":
    main()
