"""The A3 huddle-board poster for wards that keep a physical board: the month's
safety cross, the measures' icons, top open actions, recent learning and a
thank-you corner. Always one page; each block shrinks to its space."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib.pagesizes import A3
from reportlab.platypus import Flowable, Paragraph, Spacer

from huddle.domain import Action, ChartKind, LearningItem, LearningKind, Person, Priority
from huddle.formatting import measure_value
from huddle.identifier_refusal import place
from huddle.reports import fonts
from huddle.reports.layout import (
    BORDER,
    GREEN,
    GREY,
    NHS_BLUE,
    PALE_BLUE,
    RED,
    SECONDARY,
    TEXT,
    WHITE,
    PageSetup,
    Progress,
    Styles,
    fmt_date,
    fmt_month,
    make_styles,
    markup,
    one_page,
    plural,
    render_pdf,
)
from huddle.reports.parts import (
    assurance_icon,
    data_table,
    drawing,
    heading,
    icon_with_label,
    para,
    table,
    tiles,
    variation_icon,
)
from huddle.reports.period import MeasureView, last_harm_day, measure_view
from huddle.services.app import HuddleApp
from huddle.services.board import local_day_start
from huddle.spc import SafetyCross, days_since_last_harm, safety_cross
from huddle.spc.verdict import limits_text
from huddle.words import LEARNING_KIND, owner_name

# Read on a board from 3 m: table text at least 14 pt (8.5 pt x 1.7), day counts at
# least 48 pt; the lists are as long as fit at that size, so nothing is shrunk.
SCALE = 1.7
FIGURE_SCALE = 2.8  # tile numbers 18 pt x 2.8 = 50 pt
# (top actions, recent learning, thanks) to try, longest first
FITS = ((4, 2, 2), (3, 2, 1), (3, 1, 1), (3, 0, 1), (2, 0, 1), (1, 0, 1))
FOOTER_SCALE = 1.2  # header and footer: the footer's three texts side by side on A3
TOP_ACTIONS = 4
RECENT_LEARNING = 2
THANKS = 2
MEASURES = 6


@dataclass(frozen=True)
class PosterData:
    ward: str
    generated: datetime
    month: date  # the first of the month
    today: date
    as_at: date  # the month's last day, or today in a month still running
    cross: SafetyCross
    days_since_harm: int | None
    huddles_held: int
    measures: tuple[MeasureView, ...]
    actions: tuple[Action, ...]
    learning: tuple[LearningItem, ...]
    thanks: tuple[LearningItem, ...]
    people: dict[str, Person]


def gather(app: HuddleApp, month: date) -> PosterData:
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    today = app.clock.today()
    items = app.learning.items(since=first, until=last)
    harm = [i.occurred_on for i in items if i.kind is LearningKind.INCIDENT
            and i.harm.value != "none"]  # fmt: skip
    huddles = app.huddles.held_between(local_day_start(first), local_day_start(last + timedelta(1)))
    recorded = {h.held_on for h in huddles} | {i.occurred_on for i in items}
    last_harm = app.board.days_since_last_harm() if last >= today else None
    if last < today:  # a past month: count to its last day
        found = last_harm_day(app, last)
        last_harm = None if found is None else (last - found).days
    as_at = max(first, min(last, today))
    # the actions as they stood at the month's end: November's poster lists November's overdue
    then, _ = app.actions.actions_as_of(as_at)
    open_actions = [a for a in then if a.status.is_open]
    ranked = sorted(open_actions, key=lambda a: (
        not a.is_overdue(as_at), a.priority is not Priority.HIGH,
        a.due_on or date.max, a.title.casefold()))  # fmt: skip
    recent = [i for i in app.learning.items(until=last, limit=20)
              if i.kind is not LearningKind.EXCELLENCE]  # fmt: skip
    thanks = [i for i in items if i.kind in (LearningKind.EXCELLENCE, LearningKind.COMPLIMENT)]
    views = tuple(measure_view(app, m, first, last) for m in app.measures.measures())
    crosses = [v for v in views if v.measure.chart_kind is ChartKind.SAFETY_CROSS]
    # the ward's own safety cross, day by day, when it keeps one: a day nobody recorded
    # is "not recorded" here as on the Measures page, never harm-free
    cross = (
        crosses[0].chart.safety_cross(first.year, first.month, today)
        if crosses
        else safety_cross(
            first.year, first.month, harm_dates=harm, recorded_dates=recorded, today=today
        )
    )
    return PosterData(
        ward=app.setup.ward().name,
        generated=app.clock.now(),
        month=first,
        today=today,
        as_at=as_at,
        cross=cross,
        days_since_harm=last_harm if last_harm is not None else days_since_last_harm(harm, last),
        huddles_held=len(huddles),  # as the ward report counts them
        measures=views,
        actions=tuple(ranked[:TOP_ACTIONS]),
        learning=tuple(recent[:RECENT_LEARNING]),
        thanks=tuple(thanks[:THANKS]),
        people={p.id: p for p in app.setup.people(include_inactive=True)},
    )


def texts(data: PosterData) -> Iterator[tuple[str, str]]:
    for view in data.measures:
        yield place("measure", "name"), view.measure.name
    for action in data.actions:
        yield place("action", "title", action.created_at), action.title
        yield place("action", "owner_text", action.created_at), action.owner_text
    for item in (*data.learning, *data.thanks):
        for field in ("title", "what_happened", "what_learned"):
            yield place("learning_item", field, item.occurred_on), getattr(item, field)


# -- the safety cross ---------------------------------------------------------
# A Latin cross on a 7 x 8 grid: a three-wide upright with two-row arms.
def _cross_cells() -> list[tuple[int, int]]:
    cells = []
    for row in range(8):
        cols = range(7) if row in (2, 3) else range(2, 5)
        cells += [(row, col) for col in cols]
    return cells


MARKS = {"harm_free": (GREEN, WHITE), "harm": (RED, WHITE), "no_data": (BORDER, SECONDARY)}


def cross_drawing(cross: SafetyCross, size: float) -> Drawing:
    """The month's days on a safety cross: green with a tick when harm-free, red
    with H for harm, grey with a dash for no record, blank for days to come."""
    cell = size / 7
    d = drawing(size, cell * 8)
    for (row, col), day in zip(_cross_cells(), cross.days, strict=False):
        x, y = col * cell, (7 - row) * cell
        fill, ink = MARKS.get(day.status, (WHITE, SECONDARY))
        d.add(Rect(x + 1, y + 1, cell - 2, cell - 2, fillColor=fill, strokeColor=GREY,
                   strokeWidth=0.6))  # fmt: skip
        d.add(String(x + 4, y + cell - 12, str(day.number), fontName=fonts.BOLD, fontSize=9,
                     fillColor=ink))  # fmt: skip
        cx, cy = x + cell / 2, y + cell / 2 - 3
        if day.status == "harm_free":  # a drawn tick: no font needed
            d.add(PolyLine([cx - 9, cy, cx - 3, cy - 6, cx + 9, cy + 8], strokeColor=WHITE,
                           strokeWidth=3))  # fmt: skip
        elif day.status == "harm":
            d.add(String(cx, cy - 8, "H", fontName=fonts.BOLD, fontSize=cell * 0.45,
                         fillColor=WHITE, textAnchor="middle"))  # fmt: skip
        elif day.status == "no_data":
            d.add(Line(cx - 6, cy, cx + 6, cy, strokeColor=SECONDARY, strokeWidth=2))
    return d


def _legend(styles: Styles) -> Paragraph:
    return Paragraph(
        '<font color="#007F3B"><b>Green with a tick</b></font>: no harm · '
        '<font color="#D5281B"><b>Red with H</b></font>: harm to a patient · '
        "<b>Grey with a dash</b>: not recorded · white: days to come",
        styles.small,
    )


# -- the page -----------------------------------------------------------------
def build(data: PosterData, *, progress: Progress | None = None) -> bytes:
    styles = make_styles().scaled(SCALE)
    setup = PageSetup(
        ward=data.ward,
        report="Huddle board poster",
        generated=data.generated,
        title=f"Huddle board poster, {data.ward}, {fmt_month(data.month)}",
        subject="The ward's safety cross, measures, actions and learning for a month",
        pagesize=A3,
        scale=FOOTER_SCALE,
    )
    _, _, width, height = setup.body_box
    # the lists shorten until the page fits at full size: never shrink the type
    cuts = (
        replace(data, actions=data.actions[:actions], learning=data.learning[:learning],
                thanks=data.thanks[:thanks])
        for actions, learning, thanks in FITS
    )  # fmt: skip
    page = one_page((_story(cut, styles, width, height) for cut in cuts), width, height)
    return render_pdf(setup, [page], progress=progress)


def _story(data: PosterData, styles: Styles, width: float, height: float) -> list[Flowable]:
    half = (width - 16) / 2
    harm = "–" if data.days_since_harm is None else str(data.days_since_harm)
    top_right: list[Flowable] = [
        tiles([("Days since last harm", harm, "")], half, styles, scale=FIGURE_SCALE),
        Spacer(1, 8),
        tiles([("Harm-free days", str(data.cross.harm_free_days),
                f"{plural(data.cross.harm_days, 'day')} with harm"),
               ("Huddles held", str(data.huddles_held), f"in {fmt_month(data.month)}")],
              half, styles, scale=FIGURE_SCALE),
        Spacer(1, 10),
        *heading("Thank you", styles),
        _thanks(data, styles, half),
    ]  # fmt: skip
    cross_size = min(half, 330)
    top = table(
        [[[*heading(f"Safety cross: {fmt_month(data.month)}", styles),
           cross_drawing(data.cross, cross_size), Spacer(1, 4), _legend(styles)],
          top_right]],
        [half + 16, half],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
         ("RIGHTPADDING", (0, 0), (-1, -1), 0)],
    )  # fmt: skip
    story: list[Flowable] = [
        Paragraph(markup(f"Our huddle board: {fmt_month(data.month)}"), styles.title),
        Spacer(1, 6),
        top,
        *heading("Our measures", styles),
        _measures(data, styles, width),
        *heading("Top open actions", styles),
        _actions(data, styles, width),
    ]
    if data.learning:
        story += [*heading("Recent learning", styles), _learning(data, styles, width)]
    return story


def _thanks(data: PosterData, styles: Styles, width: float) -> Flowable:
    if not data.thanks:
        return para("Saw something go well? Add it as excellence at the next huddle, and "
                    "it will be thanked here.", styles.muted)  # fmt: skip
    rows = [[Paragraph(f"<b>{markup(i.title)}</b><br/>{markup(i.what_happened, limit=140)}",
                       styles.small)] for i in data.thanks]  # fmt: skip
    return table(
        rows,
        [width],
        [
            ("BACKGROUND", (0, 0), (-1, -1), PALE_BLUE),
            ("LINEBEFORE", (0, 0), (0, -1), 4, NHS_BLUE),
            ("LINEBELOW", (0, 0), (-1, -2), 0.6, WHITE),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ],
    )


def _measures(data: PosterData, styles: Styles, width: float) -> Flowable:
    rows = []
    for view in data.measures[:MEASURES]:
        latest, m = view.latest, view.measure
        value = "no values yet"
        if latest is not None:
            shown = measure_value(latest.value, m.unit, name=m.name)
            value = f"{shown}, {fmt_date(latest.period_start)}"
        rows.append([
            Paragraph(f"<b>{markup(view.measure.name)}</b><br/>{markup(value)}", styles.cell),
            icon_with_label(variation_icon(view.verdict), styles, size=30),
            icon_with_label(assurance_icon(view.verdict), styles, size=30),
            para(limits_text(view.verdict) or "–", styles.cell),
        ])  # fmt: skip
    if len(data.measures) > MEASURES:
        rows.append([para(f"+{len(data.measures) - MEASURES} more in the ward report",
                          styles.muted), "", "", ""])  # fmt: skip
    return data_table(["Measure and latest", "Variation", "Assurance", "Lines"], rows,
                      [0.28 * width, 0.2 * width, 0.2 * width, 0.32 * width],
                      styles, empty="No measures yet.")  # fmt: skip


def _actions(data: PosterData, styles: Styles, width: float) -> Flowable:
    rows = [[para(a.title, styles.cell_bold, limit=120), owner_name(a, data.people),
             fmt_date(a.due_on) + (" (overdue)" if a.is_overdue(data.as_at) else "")]
            for a in data.actions]  # fmt: skip
    overdue = [i for i, a in enumerate(data.actions) if a.is_overdue(data.as_at)]
    return data_table(["Action", "Owner", "Due"], rows,
                      [0.6 * width, 0.2 * width, 0.2 * width], styles, highlight=overdue,
                      empty="No open actions: time for a new idea?")  # fmt: skip


def _learning(data: PosterData, styles: Styles, width: float) -> Flowable:
    rows = [[Paragraph(f"<b>{markup(LEARNING_KIND[i.kind])}</b><br/>"
                       f"{markup(fmt_date(i.occurred_on))}", styles.cell),
             Paragraph(f"<b>{markup(i.title)}</b>", styles.cell),
             para(i.what_learned or i.what_change or i.what_happened, styles.cell, limit=160)]
            for i in data.learning]  # fmt: skip
    return data_table(["", "What happened", "What we learned"], rows,
                      [0.15 * width, 0.35 * width, 0.5 * width], styles,
                      empty="No learning recorded yet.")  # fmt: skip


__all__ = ["TEXT", "PosterData", "build", "cross_drawing", "gather", "texts"]
