"""Matron's trust report: one page of icons and counts for all her wards, then a page a ward.

The figures are the overview's (:mod:`huddle.trust.overview`, the wards' own
services on their replicas) and the measures' icons and words come from
``build_chart`` as of the report's last day, so every page agrees with what
each ward sees on its own Today and Measures pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from huddle.clock import Clock, SystemClock
from huddle.domain import Action
from huddle.domain_escalations import EscalationView
from huddle.identifier_refusal import place
from huddle.reports.layout import PageSetup, Progress, fmt_date, make_styles, markup, render_pdf
from huddle.reports.parts import (
    assurance_icon,
    data_table,
    heading,
    icon_drawing,
    icon_with_label,
    keep,
    para,
    tight,
    tiles,
    variation_icon,
)
from huddle.services.charts import MeasureChart
from huddle.services.learning_insights import ThemeCount
from huddle.trust import words
from huddle.trust.learning import TrustLearning, learning_texts, trust_learning
from huddle.trust.overview import WardOverview, as_of_clock, trust_overview
from huddle.trust.replicas import replica_path
from huddle.words import answer_due, escalation_age

THEMES_SHOWN = 8
ACTIONS_SHOWN = 4
SHARED_THEMES_SHOWN = 6
EXCELLENCE_SHOWN = 4
ICON = 11
ESCALATIONS_SHOWN = 3


@dataclass(frozen=True)
class WardPage:
    row: WardOverview
    charts: tuple[MeasureChart, ...]
    overdue: tuple[Action, ...] = ()
    themes: tuple[ThemeCount, ...] = ()  # the period's, most items first
    escalations: tuple[EscalationView, ...] = ()  # open at the period's end, overdue first


@dataclass(frozen=True)
class TrustReportData:
    generated: datetime
    start: date
    end: date
    wards: tuple[WardPage, ...]
    learning: TrustLearning


def gather(
    address: str,
    cache_dir: Path,
    *,
    start: date,
    end: date,
    wards: Sequence[str] | None = None,
    clock: Clock | None = None,
) -> TrustReportData:
    """Refresh the replicas (only what changed) and read each ward as of ``end``."""
    from huddle.services import HuddleApp

    rows = trust_overview(address, cache_dir, as_of=end, wards=wards, clock=clock)
    pages = []
    paths = [replica_path(cache_dir, row.ward_id) for row in rows]
    for row, path in zip(rows, paths, strict=True):
        with HuddleApp.open(path, clock=as_of_clock(end), read_only=True) as app:
            summary = app.insights.summary(since=start, until=end, top_themes=THEMES_SHOWN)
            pages.append(
                WardPage(
                    row=row,
                    charts=tuple(app.charts.all_charts(as_of=end)),
                    overdue=tuple(app.actions.overdue_actions()),
                    themes=summary.by_theme,
                    escalations=tuple(app.escalations.open_for_ward()),
                )
            )
    learning = trust_learning(paths, since=start, until=end)
    now = (clock or SystemClock()).now()
    return TrustReportData(now, start, end, tuple(pages), learning)


def texts(data: TrustReportData) -> Iterator[tuple[str, str]]:
    """Every piece of free text the report prints, for the identifier check."""
    for page in data.wards:
        yield place("ward", "name"), page.row.name
        yield place("ward", "site"), page.row.site
        for chart in page.charts:
            yield place("measure", "name"), chart.measure.name
        for action in page.overdue:
            yield place("action", "title", action.created_at), action.title
        for theme in page.themes:
            yield place("learning_theme", "theme"), theme.theme
        for view in page.escalations:
            esc, latest = view.escalation, view.latest_answer
            yield place("escalation", "reason", esc.raised_at), esc.reason
            if latest is not None:
                yield place("escalation_answer", "answer", latest.answered_at), latest.answer
    yield from learning_texts(data.learning)


def _icons(charts: Iterable[MeasureChart]) -> Flowable:
    """Each measure's two icons in a row, small (the words are on the ward's page)."""
    cells = [
        icon_drawing(spec(chart.verdict), ICON)
        for chart in charts
        for spec in (variation_icon, assurance_icon)
    ]
    if not cells:
        return Paragraph("No measures", make_styles().muted)
    return tight([cells], [ICON + 2] * len(cells))


def _summary_page(data: TrustReportData, width: float) -> list[Flowable]:
    styles = make_styles()
    period = words.period_text(data.start, data.end)
    story: list[Flowable] = [
        Paragraph(markup(f"Trust report: {period}"), styles.title),
        para(f"{len(data.wards)} ward(s), each as of {fmt_date(data.end)}, the ward most in "
             "need of attention first. Each measure shows its variation and assurance icons; "
             "their words are on the ward's own page.", styles.subtitle),
        Spacer(1, 6),
    ]  # fmt: skip
    rows = [
        [
            Paragraph(f"<b>{markup(page.row.name)}</b><br/>{markup(page.row.site)}", styles.cell),
            words.synced_text(page.row),
            words.huddles_text(page.row),
            words.harm_text(page.row),
            words.actions_text(page.row),
            words.escalations_text(page.row),
            _icons(page.charts),
        ]
        for page in data.wards
    ]
    overdue = [i for i, page in enumerate(data.wards) if page.row.overdue_actions]
    story.append(data_table(
        ["Ward", "Last synced", "Huddles (21 days)", "Since harm", "Actions", "Escalations",
         "Measures"], rows,
        [0.15 * width, 0.11 * width, 0.09 * width, 0.08 * width, 0.1 * width, 0.13 * width,
         0.34 * width], styles, highlight=overdue, empty="No wards on the server yet.",
    ))  # fmt: skip
    story += [Spacer(1, 10), *heading("Learning across the wards", styles, level=2)]
    shared = [t for t in data.learning.themes if t.ward_count > 1][:SHARED_THEMES_SHOWN]
    if shared:
        for theme in shared:
            line = words.shared_theme_line(theme.theme, theme.ward_count, theme.items)
            story.append(para(f"{line} ({', '.join(theme.wards)})", styles.small))
    else:
        story.append(para("No theme was met on more than one ward in this period.", styles.muted))
    story += [Spacer(1, 6), *heading("Learning from Excellence to share", styles, level=2)]
    for ward, item in data.learning.excellence[:EXCELLENCE_SHOWN]:
        story.append(para(f"{ward}, {fmt_date(item.occurred_on)}: {item.title}", styles.small))
    if not data.learning.excellence:
        story.append(para("No excellence recorded in this period.", styles.muted))
    return story


def _ward_page(page: WardPage, data: TrustReportData, width: float) -> list[Flowable]:
    styles = make_styles()
    row = page.row
    story: list[Flowable] = [
        PageBreak(),
        *heading(f"{row.name}, {row.site}" if row.site else row.name, styles),
        tiles([
            ("Huddles", words.huddles_text(row), "in the last 21 days"),
            ("Since harm", words.harm_text(row), f"as of {fmt_date(data.end)}"),
            ("Actions", words.actions_text(row), ""),
            ("Escalations", words.escalations_text(row), ""),
        ], width, styles),
        Spacer(1, 4),
        para("Learning themes in the period: " + ("; ".join(f"{t.theme} ({t.count})"
             for t in page.themes) or "none recorded") + ".", styles.small),
        Spacer(1, 4),
        *heading("Measures", styles, level=2),
    ]  # fmt: skip
    rows = [
        [chart.measure.name, icon_with_label(variation_icon(chart.verdict), styles),
         icon_with_label(assurance_icon(chart.verdict), styles)]
        for chart in page.charts
    ]  # fmt: skip
    story.append(data_table(["Measure", "Variation", "Assurance"], rows,
                            [0.36 * width, 0.32 * width, 0.32 * width], styles,
                            empty="This ward has no measures yet."))  # fmt: skip
    story += [Spacer(1, 6), *heading("Overdue actions", styles, level=2)]
    shown = sorted(page.overdue, key=lambda a: (a.due_on or data.end, a.title))[:ACTIONS_SHOWN]
    story.append(data_table(
        ["Action", "Due"], [[a.title, fmt_date(a.due_on)] for a in shown],
        [0.8 * width, 0.2 * width], styles, empty="Nothing overdue.",
    ))  # fmt: skip
    if len(page.overdue) > len(shown):
        story.append(para(f"and {len(page.overdue) - len(shown)} more.", styles.muted))
    story += [Spacer(1, 6), keep(*heading("Open escalations", styles, level=2), data_table(
        ["Escalation", "To", "Raised", "Latest answer"],
        [[v.escalation.reason, v.escalation.tier,
          f"{escalation_age(v.age)}; {answer_due(v.due_in)}",
          "–" if v.latest_answer is None else v.latest_answer.answer]
         for v in page.escalations[:ESCALATIONS_SHOWN]],
        [0.4 * width, 0.1 * width, 0.2 * width, 0.3 * width], styles,
        highlight=[i for i, v in enumerate(page.escalations[:ESCALATIONS_SHOWN]) if v.overdue],
        empty="No escalation waiting for an answer.",
    ))]  # fmt: skip
    return story


def build(data: TrustReportData, *, progress: Progress | None = None) -> bytes:
    period = words.period_text(data.start, data.end)
    setup = PageSetup("Trust overview", "Trust report", data.generated, f"Trust report, {period}",
                      "Every ward's huddles, harm, actions, escalations and measures",
                      landscape(A4))  # fmt: skip
    width = setup.body_box[2]
    story = _summary_page(data, width)
    for page in data.wards:
        story += _ward_page(page, data, width)
    return render_pdf(setup, story, progress=progress)


def export_trust_report(
    address: str,
    cache_dir: Path,
    *,
    out: Path,
    start: date,
    end: date,
    wards: Sequence[str] | None = None,
    allow_identifiers: bool = False,
    clock: Clock | None = None,
    progress: Progress | None = None,
) -> Path:
    """Matron's report for ``start`` to ``end`` across the wards (or those named)."""
    from huddle.reports.runner import run_export

    data = gather(address, cache_dir, start=start, end=end, wards=wards, clock=clock)
    return run_export(out, texts(data), lambda: build(data, progress=progress),
                      allow_identifiers=allow_identifiers, progress=progress)  # fmt: skip


__all__ = ["export_trust_report", "gather", "build", "texts"]
