"""Laying out the period report: cover, huddles, attendance, measures and their
SPC charts, learning, actions and PDSA cycles."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from huddle.domain import LearningKind, RareEventChart
from huddle.formatting import measure_value
from huddle.reports import psirf_pages
from huddle.reports.charts import (
    annotation_key,
    days_between_block,
    huddles_by_week,
    limits_sentence,
    spc_drawing,
)
from huddle.reports.layout import (
    DARK_BLUE,
    NHS_BLUE,
    WHITE,
    PageSetup,
    Progress,
    Styles,
    fmt_date,
    fmt_range,
    make_styles,
    markup,
    plural,
    render_pdf,
)
from huddle.reports.parts import (
    assurance_icon,
    data_table,
    heading,
    huddle_strip,
    icon_with_label,
    para,
    table,
    tiles,
    variation_icon,
)
from huddle.reports.period import MeasureView, PeriodData
from huddle.services.measure_summary import csv_row
from huddle.spc.verdict import verdict_line
from huddle.words import ACTION_STATUS, CHART_WORDS, DECISION, LEARNING_KIND, days, owner_name

CELL_TEXT = 300  # characters of free text in one table cell
HIGHLIGHTS = 4
LIST_ROWS = 15  # longer lists belong in the action log


def build_report(data: PeriodData, *, progress: Progress | None = None) -> bytes:
    styles = make_styles()
    setup = PageSetup(
        ward=data.ward,
        report=f"Ward report, {fmt_range(data.start, data.end)}",
        generated=data.generated,
        title=f"Ward improvement report, {data.ward}, {fmt_range(data.start, data.end)}",
        subject="Huddles, measures, learning and improvement actions for a period",
    )
    width = setup.body_box[2]
    story: list[Flowable] = []
    story += _cover(data, styles, width)
    story.append(PageBreak())
    story += _huddles(data, styles, width)
    story += _measures(data, styles, width)
    story += _learning(data, styles, width)
    story += _actions(data, styles, width)
    story += _pdsa(data, styles, width)
    if data.psirf is not None:
        story += psirf_pages.pages(data.psirf, styles, width)
    story += _icons_summary(data, styles, width)
    return render_pdf(setup, story, progress=progress)


def _cover(data: PeriodData, styles: Styles, width: float) -> list[Flowable]:
    big = styles.title.clone("cover_title", fontSize=30, leading=36, textColor=WHITE)
    sub = styles.subtitle.clone("cover_sub", fontSize=15, leading=20, textColor=WHITE)
    where = " · ".join(x for x in (data.site, data.specialty) if x)
    band = table(
        [[Paragraph("Ward improvement report", sub)],
         [Paragraph(markup(data.ward), big)],
         [Paragraph(markup(where), sub)],
         [Spacer(1, 10)],
         [Paragraph(markup(fmt_range(data.start, data.end)), sub.clone("cover_period",
                                                                        fontName="WHSans-Bold"))]],
        [width],
        [("BACKGROUND", (0, 0), (-1, -1), NHS_BLUE),
         ("LEFTPADDING", (0, 0), (-1, -1), 18),
         ("TOPPADDING", (0, 0), (0, 0), 22),
         ("BOTTOMPADDING", (0, -1), (-1, -1), 22)],
    )  # fmt: skip
    harm = "–" if data.last_harm is None else str((data.through - data.last_harm).days)
    harm_note = "no harm recorded" if data.last_harm is None else f"at {fmt_date(data.through)}"
    closed = len(data.closed)
    figures = tiles([
        # the same count as page 2's "N huddles in all"
        ("Huddles held", str(len(data.huddles)),
         f"on {data.held_days} of {data.planned} planned days"),
        ("Learning recorded", str(len(data.learning)),
         f"{_count(data, LearningKind.EXCELLENCE)} excellence"),
        ("Actions", f"{len(data.opened)} opened", f"{closed} closed, {len(data.overdue)} overdue"),
        ("Days since last harm", harm, harm_note),
    ], width, styles)  # fmt: skip
    contents = [
        "1. Huddles and attendance",
        "2. Measures: summary and SPC charts",
        "3. Learning",
        "4. Improvement actions",
        "5. PDSA cycles",
        *psirf_pages.CONTENTS,
    ]
    story: list[Flowable] = [Spacer(1, 30), band, Spacer(1, 18), figures, Spacer(1, 24)]
    story += heading("In this report", styles)
    story += [para(line, styles.body) for line in contents]
    story.append(Spacer(1, 18))
    story.append(para(
        "Measures are shown as statistical process control (SPC) charts in the Making Data "
        "Count style: a point's colour and the icons say whether a change is more than the "
        "usual variation. Learning is recorded without blame; no patient-identifiable "
        "information belongs in this report.", styles.muted))  # fmt: skip
    return story


def _count(data: PeriodData, kind: LearningKind) -> int:
    return sum(1 for i in data.learning if i.kind is kind)


def _huddles(data: PeriodData, styles: Styles, width: float) -> list[Flowable]:
    story = heading("1. Huddles and attendance", styles)
    share = 0 if not data.planned else round(100 * data.held_days / data.planned)
    heads = [h.head_count for h in data.huddles]
    average = sum(heads) / len(heads) if heads else 0
    story.append(para(
        f"{plural(data.held_days, 'day')} with a huddle out of {data.planned} planned "
        f"to {fmt_date(data.through)} "
        f"({share}%), {plural(len(data.huddles), 'huddle')} in all, with an average of "
        f"{average:.1f} people at each.", styles.body))  # fmt: skip
    story += heading("Huddles each week", styles, level=2)
    story.append(huddles_by_week(data.start, data.end, [h.held_on for h in data.huddles],
                                 data.planned_per_week, width))  # fmt: skip
    held = sum(1 for d in data.record_days if d in data.record_held)
    story += heading(
        f"The last {len(data.record_days)} days to {fmt_date(data.record_days[-1])}: "
        f"{held} with a huddle", styles, level=2)  # fmt: skip
    story.append(huddle_strip(data.record_days, set(data.record_held), width))
    story += heading("Attendance by role", styles, level=2)
    roles = data.role_counts()
    others = sum(h.others_count for h in data.huddles)
    rows = [[role, str(n), f"{n / max(len(data.huddles), 1):.1f}", str(people)]
            for role, n, people in roles]  # fmt: skip
    if others:
        rows.append(["Not on the roster", str(others),
                     f"{others / max(len(data.huddles), 1):.1f}", "–"])  # fmt: skip
    story.append(data_table(
        ["Role", "Attendances", "Average per huddle", "Different people"], rows,
        [0.4 * width, 0.2 * width, 0.2 * width, 0.2 * width], styles,
        empty="No huddles were held in this period.",
    ))  # fmt: skip
    return story


def _measures(data: PeriodData, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(200)]
    story += heading("2. Measures", styles)
    rows = []
    for view in data.measures:
        m = view.measure
        latest = view.latest
        value = "–" if latest is None else measure_value(latest.value, m.unit, name=m.name)
        when = "" if latest is None else fmt_date(latest.period_start)
        rows.append([
            Paragraph(f"<b>{markup(m.name)}</b><br/>{markup(_better(view))}", styles.cell),
            Paragraph(f"{markup(value)}<br/><font size=7>{markup(when)}</font>", styles.cell),
            measure_value(m.target, m.unit, name=m.name),
            _variation(view, styles),
            _assurance(view, styles),
        ])  # fmt: skip
    story.append(data_table(
        ["Measure", "Latest", "Target", "Variation", "Assurance"], rows,
        [0.30 * width, 0.15 * width, 0.11 * width, 0.22 * width, 0.22 * width], styles,
        empty="The ward has no measures yet.",
    ))  # fmt: skip
    for view in data.measures:
        story.append(_chart_block(view, styles, width))
    return story


def _better(view: MeasureView) -> str:
    direction = {"up": "Higher is better", "down": "Lower is better"}.get(
        view.measure.better.value, "No better direction"
    )
    return f"{direction}; {view.in_period} of {len(view.points)} points in this period"


def _variation(view: MeasureView, styles: Styles) -> Flowable:
    return icon_with_label(variation_icon(view.verdict), styles)


def _assurance(view: MeasureView, styles: Styles) -> Flowable:
    return icon_with_label(assurance_icon(view.verdict), styles)


def _chart_block(view: MeasureView, styles: Styles, width: float) -> Flowable:
    m = view.measure
    chart = view.chart
    title = Paragraph(markup(m.name), styles.h2)
    summary = para(verdict_line(view.verdict), styles.cell_bold)
    parts: list[Flowable] = [Spacer(1, 6), title, summary]
    shown = chart.shown_xmr or chart.shown_run
    if shown is not None and m.rare_event_chart is not RareEventChart.INSTEAD:
        kind = CHART_WORDS.get(m.chart_kind.value, "Chart")
        first, last = view.points[0].period_start, view.points[-1].period_start
        drawing = spc_drawing(shown, view.points, view.annotations, width=width, height=200,
                              unit=m.unit)  # fmt: skip
        words = [
            f"{kind}, {plural(len(view.points), 'point')} from {fmt_date(first)} "
            f"to {fmt_date(last)}",
            limits_sentence(chart),
        ]
        parts += [drawing, para("; ".join(w for w in words if w) + ".", styles.muted),
                  *annotation_key(view.annotations, styles)]  # fmt: skip
    if chart.rare is not None:
        parts += days_between_block(chart.rare, styles, width)
    return KeepTogether(parts)


def _learning(data: PeriodData, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(220)]
    story += heading("3. Learning", styles)
    by_kind = Counter(i.kind for i in data.learning)
    kinds = [[LEARNING_KIND[k], str(by_kind[k])] for k in LearningKind if by_kind[k]]
    themes = Counter(t for i in data.learning for t in i.themes).most_common(10)
    left = data_table(["Kind", "Items"], kinds, [0.3 * width, 0.15 * width], styles,
                      empty="No learning recorded.")  # fmt: skip
    right = data_table(["Theme", "Items"], [[t, str(n)] for t, n in themes],
                       [0.35 * width, 0.12 * width], styles,
                       empty="No themes recorded.")  # fmt: skip
    story.append(table([[left, right]], [0.5 * width, 0.5 * width],
                       [("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    highlights = _highlights(data)
    if highlights:
        story += heading("Highlights", styles, level=2)
        story.append(data_table(
            ["", "What happened", "What we learned"],
            [[Paragraph(f"<b>{markup(LEARNING_KIND[i.kind])}</b><br/>"
                        f"{markup(fmt_date(i.occurred_on))}", styles.cell),
              Paragraph(f"<b>{markup(i.title)}</b><br/>"
                        f"{markup(i.what_happened, limit=CELL_TEXT)}", styles.cell),
              para(i.what_learned or i.what_change or i.what_helped, styles.cell,
                   limit=CELL_TEXT)] for i in highlights],
            [0.16 * width, 0.44 * width, 0.40 * width], styles,
        ))  # fmt: skip
    return story


def _highlights(data: PeriodData) -> list:  # type: ignore[type-arg]
    """A few items worth reading aloud: excellence first, then harm, then the rest."""
    order = {LearningKind.EXCELLENCE: 0, LearningKind.INCIDENT: 1, LearningKind.COMPLAINT: 2}
    with_learning = [i for i in data.learning if (i.what_learned or i.what_change).strip()]
    ranked = sorted(with_learning, key=lambda i: (order.get(i.kind, 3), -i.occurred_on.toordinal()))
    chosen, seen = [], set()
    for item in ranked:  # one of each kind before a second of any
        if item.kind not in seen:
            chosen.append(item)
            seen.add(item.kind)
    for item in ranked:
        if len(chosen) >= HIGHLIGHTS:
            break
        if item not in chosen:
            chosen.append(item)
    return chosen[:HIGHLIGHTS]


def _actions(data: PeriodData, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(200)]
    story += heading("4. Improvement actions", styles)
    story.append(tiles([
        ("Opened", str(len(data.opened)), "in the period"),
        ("Closed", str(len(data.closed)), "done or dropped"),
        ("Overdue", str(len(data.overdue)), f"at {fmt_date(data.through)}"),
        ("Stalled", str(len(data.stalled)), f"at {fmt_date(data.through)}"),
    ], width, styles))  # fmt: skip
    widths = [0.46 * width, 0.2 * width, 0.14 * width, 0.2 * width]
    for title, actions, empty, closed in (
        ("Overdue", data.overdue, "No actions were overdue.", False),
        (f"Stalled (no progress for {days(data.stale_after)}, or marked stalled)", data.stalled,
         "No actions were stalled.", False),
        ("Closed in the period", data.closed, "No actions were closed in the period.", True),
    ):  # fmt: skip
        story += heading(title, styles, level=2)
        rows = [[para(a.title, styles.cell_bold, limit=CELL_TEXT), owner_name(a, data.people),
                 fmt_date(data.closed_on.get(a.id) if closed else a.due_on),
                 ACTION_STATUS[a.status]] for a in actions[:LIST_ROWS]]  # fmt: skip
        if len(actions) > LIST_ROWS:
            # the "more" line is the table's last row, so it never opens a page alone
            more = f"+{len(actions) - LIST_ROWS} more: the action log lists them all."
            rows.append([para(more, styles.muted), "", "", ""])
        story.append(data_table(
            ["Action", "Owner", "Closed" if closed else "Due", "Status"], rows,
            widths, styles, empty=empty,
        ))  # fmt: skip
    return story


def _icons_summary(data: PeriodData, styles: Styles, width: float) -> list[Flowable]:
    """The icons summary trusts ask of every SPC tool: the CSV's rows, as of the last day."""
    if not data.measures:
        return []
    story: list[Flowable] = [CondPageBreak(160)]
    story += heading("Appendix: icons summary", styles)
    rows = []
    for view in data.measures:
        # Measure, Unit, Better, Chart, As of, Latest period, Latest value, Target,
        # Centre, Lower, Upper, Variation, Assurance
        cells = [str(cell) or "–" for cell in csv_row(view.chart)]
        latest = (
            "–" if view.latest is None else (f"{cells[6]} ({fmt_date(view.latest.period_start)})")
        )
        rows.append([para(cells[0], styles.cell_bold), latest, *cells[7:11],
                     cells[11], cells[12]])  # fmt: skip
    story.append(data_table(
        ["Measure", "Latest", "Target", "Centre", "Lower process limit",
         "Upper process limit", "Variation", "Assurance"], rows,
        [0.2 * width, 0.12 * width, 0.08 * width, 0.08 * width, 0.1 * width, 0.1 * width,
         0.16 * width, 0.16 * width], styles,
    ))  # fmt: skip
    story.append(para(f"As of {fmt_date(data.end)}; the same rows as huddle measures --csv "
                      "and the Measures page's icons summary.", styles.muted))  # fmt: skip
    return story


def _pdsa(data: PeriodData, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(150)]
    story += heading("5. PDSA cycles completed", styles)
    rows = [
        [Paragraph(f"<b>{markup(a.title)}</b><br/>Cycle {c.number}, "
                   f"{markup(fmt_date(c.completed_on))}", styles.cell),
         para(c.plan, styles.cell, limit=CELL_TEXT),
         para(c.study, styles.cell, limit=CELL_TEXT),
         Paragraph(f"<b>{markup(DECISION[c.act]) if c.act else '–'}</b>", styles.cell)]
        for a, c in data.cycles[:LIST_ROWS * 2]
    ]  # fmt: skip
    story.append(data_table(
        ["Action and cycle", "Plan", "What we found (study)", "Decision"], rows,
        [0.26 * width, 0.30 * width, 0.32 * width, 0.12 * width], styles,
        empty="No PDSA cycles were completed in this period.",
    ))  # fmt: skip
    story.append(Spacer(1, 8))
    story.append(para("Decisions: adopt (keep the change), adapt (change it and test again) or "
                      "abandon (stop, and keep what was learned).", styles.muted))  # fmt: skip
    return story


__all__ = ["DARK_BLUE", "build_report"]
