"""The action log: every open (or every) improvement action, as a landscape PDF
table whose header row repeats on each page, or as a spreadsheet-safe CSV."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, Paragraph, Spacer

from huddle.csv_safe import csv_bytes
from huddle.domain import Action, ActionStatus, Person
from huddle.errors import ValidationError
from huddle.identifier_refusal import place
from huddle.reports.action_csv import HEADER, csv_rows
from huddle.reports.layout import (
    PageSetup,
    Progress,
    fmt_date,
    fmt_moment,
    make_styles,
    markup,
    plural,
    render_pdf,
)
from huddle.reports.parts import data_table, para
from huddle.services.app import HuddleApp
from huddle.words import ACTION_STATUS, ORIGIN, PRIORITY, owner_name

STATUSES = ("open", "all")
DETAIL_TEXT = 400


@dataclass(frozen=True)
class ActionLogData:
    ward: str
    generated: datetime
    today: date
    status: str
    actions: tuple[Action, ...]
    people: dict[str, Person]
    stale_after: int = 30  # the ward's stale_days


def gather(app: HuddleApp, *, status: str = "open") -> ActionLogData:
    if status not in STATUSES:
        raise ValidationError.single("status", "invalid", "Choose open or all actions.")
    wanted = [s for s in ActionStatus if s.is_open] if status == "open" else []
    return ActionLogData(
        ward=app.setup.ward().name,
        generated=app.clock.now(),
        today=app.clock.today(),
        status=status,
        actions=tuple(app.actions.actions(statuses=wanted)),
        people={p.id: p for p in app.setup.people(include_inactive=True)},
        stale_after=app.preferences.stale_after_days(),
    )


def texts(data: ActionLogData) -> Iterator[tuple[str, str]]:
    yield place("ward", "name"), data.ward
    for action in data.actions:
        for field in ("title", "detail", "owner_text", "closing_note", "drop_reason"):
            yield place("action", field, action.created_at), getattr(action, field)


def _state(action: Action, today: date) -> str:
    words = ACTION_STATUS[action.status]
    return f"{words}, overdue" if action.is_overdue(today) else words


def build(data: ActionLogData, *, progress: Progress | None = None) -> bytes:
    styles = make_styles()
    which = "Open actions" if data.status == "open" else "All actions"
    setup = PageSetup(
        ward=data.ward,
        report=f"Action log: {which.lower()}",
        generated=data.generated,
        title=f"Action log ({which.lower()}), {data.ward}, {fmt_date(data.today)}",
        subject="Improvement actions: owner, due date, status and latest progress",
        pagesize=landscape(A4),
    )
    width = setup.body_box[2]
    overdue = [i for i, a in enumerate(data.actions) if a.is_overdue(data.today)]
    story: list[Flowable] = [
        Paragraph(markup(f"{which} at {fmt_date(data.today)}"), styles.title),
        para(f"{plural(len(data.actions), 'action')}, {len(overdue)} overdue (marked with an "
             "orange edge and the word overdue). Ordered by due date.", styles.subtitle),
        Spacer(1, 8),
    ]  # fmt: skip
    rows = []
    for action in data.actions:
        detail = action.closing_note or action.drop_reason or action.detail
        title = f"<b>{markup(action.title, limit=DETAIL_TEXT)}</b>"
        if detail.strip():
            title += f"<br/>{markup(detail, limit=DETAIL_TEXT)}"
        progress_at = action.last_progress_at
        rows.append([
            Paragraph(title, styles.cell),
            owner_name(action, data.people),
            Paragraph(markup(_state(action, data.today)) if not action.is_overdue(data.today)
                      else f"<b>{markup(_state(action, data.today))}</b>", styles.cell),
            PRIORITY[action.priority],
            fmt_date(action.due_on),
            "–" if progress_at is None else fmt_moment(progress_at).rsplit(" ", 1)[0],
            ORIGIN[action.origin],
        ])  # fmt: skip
    story.append(data_table(
        ["Action", "Owner", "Status", "Priority", "Due", "Last progress", "From"], rows,
        [0.38 * width, 0.13 * width, 0.11 * width, 0.07 * width, 0.1 * width, 0.11 * width,
         0.1 * width], styles, highlight=overdue, empty="No actions to show.",
        page_height=setup.body_box[3],
    ))  # fmt: skip
    return render_pdf(setup, story, progress=progress)


def build_csv(data: ActionLogData) -> bytes:
    """The same actions as a CSV (UTF-8 with BOM so Excel reads it), formula-safe."""
    rows = csv_rows(
        data.actions,
        owner_of=lambda a: owner_name(a, data.people),
        today=data.today,
        now=data.generated,
        stale_after=data.stale_after,
    )
    return csv_bytes(HEADER, rows)
