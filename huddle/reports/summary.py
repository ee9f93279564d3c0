"""The one-page huddle summary: who came, what was said, raised, agreed and closed.

It always fits one A4 page: long lists are cut to their first few items with
"+N more", long notes are shortened, and if it still overflows the whole body
is shrunk to fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reportlab.platypus import Flowable, Paragraph, Spacer

from huddle.domain import Action, HuddleKind, HuddleStatus, LearningKind, Person, Priority
from huddle.identifier_refusal import place
from huddle.reports.layout import (
    BORDER,
    PageSetup,
    Progress,
    Styles,
    fmt_date,
    fmt_time,
    make_styles,
    markup,
    one_page,
    plural,
    render_pdf,
)
from huddle.reports.parts import data_table, heading, para, table, tiles
from huddle.reports.psirf_pages import HuddleLearning, gather_for_huddle, huddle_learning_lines
from huddle.services.app import HuddleApp
from huddle.services.huddles import HuddleRecord
from huddle.spc.verdict import Verdict
from huddle.words import HUDDLE_KIND, LEARNING_KIND, owner_name


@dataclass(frozen=True)
class SummaryData:
    ward: str
    generated: datetime
    record: HuddleRecord
    people: dict[str, Person]
    days_since_harm: int | None
    measures: tuple[tuple[str, Verdict], ...] = ()  # each measure's verdict on the day
    together: HuddleLearning | None = None  # SWARMs, reviews, reporting, pulse (#20)


def gather(app: HuddleApp, huddle_id: str) -> SummaryData:
    record = app.huddles.record(huddle_id)
    people = {p.id: p for p in app.setup.people(include_inactive=True)}
    return SummaryData(
        ward=app.setup.ward().name,
        generated=app.clock.now(),
        record=record,
        people=people,
        days_since_harm=_days_since_harm(app, record.huddle.held_on),
        together=gather_for_huddle(app, record.huddle.held_on),
    )


def _days_since_harm(app: HuddleApp, day: date) -> int | None:
    """Days from the last harm incident to the huddle's day, as the board then showed."""
    for window in (92, None):
        since = None if window is None else day - timedelta(days=window)
        for item in app.learning.items(kinds=(LearningKind.INCIDENT,), since=since, until=day):
            if item.harm.value != "none":
                return (day - item.occurred_on).days
    return None


def texts(data: SummaryData) -> Iterator[tuple[str, str]]:
    """Every piece of free text the summary prints, and where it comes from (by kind and
    date, never by its own words)."""
    record = data.record
    held = record.huddle.held_on
    yield place("ward", "name"), data.ward
    yield place("huddle", "risks_today", held), record.huddle.risks_today
    for section in record.huddle.sections:
        yield place("huddle_section", "title", held), section.title
        yield place("huddle_section", "notes", held), section.notes
    for item in record.learning_raised:
        for field in ("title", "what_happened", "what_learned"):
            yield place("learning_item", field, item.occurred_on), getattr(item, field)
    for action in (*record.actions_agreed, *record.actions_closed):
        for field in ("title", "owner_text", "closing_note"):
            yield place("action", field, action.created_at), getattr(action, field)
    for action, note in record.progress_given:
        yield place("progress_note", "text", note.created_at), note.text
        yield place("action", "title", action.created_at), action.title
    for person in data.people.values():
        yield place("person", "display_name"), person.display_name
    if data.together is not None:
        for title in data.together.titles:
            yield "a title in the Learning together block", title


# How much of each list and text to print, from roomy to tight.
LEVELS = ((8, 420), (6, 260), (5, 180), (4, 120), (3, 80))


def build(data: SummaryData, *, progress: Progress | None = None) -> bytes:
    styles = make_styles()
    huddle = data.record.huddle
    kind = HUDDLE_KIND.get(huddle.kind, "Huddle")
    setup = PageSetup(
        ward=data.ward,
        report="Huddle summary",
        generated=data.generated,
        title=f"{kind} summary, {data.ward}, {fmt_date(huddle.held_on)}",
        subject="One-page summary of a ward huddle",
    )
    _, _, width, height = setup.body_box
    bodies = (_body(data, styles, width, items, chars) for items, chars in LEVELS)
    return render_pdf(setup, [one_page(bodies, width, height)], progress=progress)


def _body(
    data: SummaryData, styles: Styles, width: float, items: int, chars: int
) -> list[Flowable]:
    record = data.record
    huddle = record.huddle
    kind = HUDDLE_KIND.get(huddle.kind, "Huddle")
    story: list[Flowable] = [
        Paragraph(markup(f"{kind} summary"), styles.title),
        Paragraph(
            markup(_when(huddle.started_at, huddle.ended_at, huddle.held_on)), styles.subtitle
        ),
    ]
    if huddle.status is not HuddleStatus.FINISHED:
        story.append(para(f"This huddle is {huddle.status.value}; the record may be incomplete.",
                          styles.muted))  # fmt: skip
    story.append(Spacer(1, 6))
    harm = "–" if data.days_since_harm is None else str(data.days_since_harm)
    harm_note = "no harm recorded" if data.days_since_harm is None else "on the day"
    others = huddle.others_count
    story.append(tiles([
        ("Attendance", str(huddle.head_count),
         f"{len(record.attendees)} on the roster" + (f", {others} others" if others else "")),
        ("Facilitator", record.facilitator.display_name if record.facilitator else "Not recorded",
         record.facilitator.role if record.facilitator else ""),
        ("Days since last harm", harm, harm_note),
        ("Actions", f"{len(record.actions_agreed)} agreed",
         f"{len(record.actions_closed)} closed, {plural(len(record.progress_given), 'update')}"),
    ], width, styles))  # fmt: skip
    story += heading("Who was there", styles)
    story.append(_attendance(record.attendees, others, styles, limit=items * 4))
    if huddle.risks_today.strip():
        story += heading("Patients most at risk today (no names)", styles, level=2)
        # one patient or risk a line, as the team typed them
        story.append(Paragraph(markup(huddle.risks_today, limit=chars, keep_lines=True),
                               styles.body))  # fmt: skip
    story += heading("What we talked about", styles)
    story.append(_sections(record, styles, width, chars))
    story += heading("Learning raised", styles)
    learning = record.learning_raised
    story.append(data_table(
        ["Kind", "What happened", "What we learned"],
        [[LEARNING_KIND.get(i.kind, "Other"),
          Paragraph(f"<b>{markup(i.title)}</b><br/>{markup(i.what_happened, limit=chars // 2)}",
                    styles.cell),
          para(i.what_learned, styles.cell, limit=chars // 2)] for i in learning[:items]],
        [0.16 * width, 0.44 * width, 0.40 * width], styles,
        empty="No learning raised in this huddle.",
    ))  # fmt: skip
    story += _more(len(learning) - items, "learning item", styles)
    if data.together is not None:
        story += heading("Learning together", styles, level=2)
        story += [para(line, styles.body) for line in huddle_learning_lines(data.together)]
    story += heading("Actions agreed", styles)
    agreed = record.actions_agreed
    story.append(data_table(
        ["Action", "Owner", "Due", "Priority"],
        [[para(a.title, styles.cell_bold, limit=chars // 2),
          owner_name(a, data.people), fmt_date(a.due_on),
          _priority(a)] for a in agreed[:items]],
        [0.52 * width, 0.22 * width, 0.14 * width, 0.12 * width], styles,
        empty="No new actions agreed.",
    ))  # fmt: skip
    story += _more(len(agreed) - items, "action", styles)
    closed = record.actions_closed
    if closed:
        story += heading("Actions closed", styles)
        story.append(data_table(
            ["Action", "Outcome", "Owner"],
            [[para(a.title, styles.cell_bold, limit=chars // 2),
              para(a.closing_note or a.drop_reason or a.status.value, styles.cell,
                   limit=chars // 2),
              owner_name(a, data.people)] for a in closed[:items]],
            [0.40 * width, 0.40 * width, 0.20 * width], styles,
        ))  # fmt: skip
        story += _more(len(closed) - items, "closed action", styles)
    if data.measures:
        story += heading("Measures on the day", styles)
        story.append(data_table(
            ["Measure", "Variation", "Assurance"],
            [[para(name, styles.cell_bold), v.variation_label, v.assurance_label]
             for name, v in data.measures[:items]],
            [0.44 * width, 0.28 * width, 0.28 * width], styles,
        ))  # fmt: skip
        story += _more(len(data.measures) - items, "measure", styles)
    return story


def _when(start: datetime, end: datetime | None, day: date) -> str:
    text = f"{fmt_date(day, weekday=True)}, {fmt_time(start)}"
    if end is not None:
        minutes = max(0, round((end - start).total_seconds() / 60))
        text += f" to {fmt_time(end)} ({plural(minutes, 'minute')})"
    return text


def _attendance(
    attendees: tuple[Person, ...], others: int, styles: Styles, *, limit: int
) -> Paragraph:
    if not attendees and not others:
        return para("Attendance was not taken.", styles.muted)
    by_role: dict[str, list[str]] = {}
    for person in attendees[:limit]:
        by_role.setdefault(person.role or "Other roles", []).append(person.display_name)
    parts = [
        f"<b>{markup(role)}</b>: {markup(', '.join(names))}"
        for role, names in sorted(by_role.items(), key=lambda kv: kv[0].casefold())
    ]
    if len(attendees) > limit:
        parts.append(f"+{len(attendees) - limit} more on the roster")
    if others:
        parts.append(f"<b>Not on the roster</b>: {plural(others, 'other')}")
    return Paragraph(" · ".join(parts), styles.body)


def _sections(record: HuddleRecord, styles: Styles, width: float, chars: int) -> Flowable:
    with_notes = [s for s in record.huddle.sections if s.notes.strip()]
    silent = [s.title for s in record.huddle.sections if not s.notes.strip()]
    rows = [
        [para(s.title, styles.cell_bold), Paragraph(markup(s.notes, limit=chars, keep_lines=True)
                                                    if len(s.notes) <= chars
                                                    else markup(s.notes, limit=chars),
                                                    styles.cell)]
        for s in with_notes
    ]  # fmt: skip
    if silent:
        rows.append([para("No notes", styles.cell_bold), para(", ".join(silent), styles.muted)])
    return table(
        rows or [[para("No notes were taken.", styles.muted)]],
        [0.28 * width, 0.72 * width] if rows else [width],
        [("VALIGN", (0, 0), (-1, -1), "TOP"),
         ("LINEBELOW", (0, 0), (-1, -1), 0.5, BORDER),
         ("LEFTPADDING", (0, 0), (-1, -1), 4),
         ("TOPPADDING", (0, 0), (-1, -1), 3),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 3)],
    )  # fmt: skip


def _priority(action: Action) -> str:
    return {Priority.HIGH: "High", Priority.LOW: "Low"}.get(action.priority, "Normal")


def _more(count: int, noun: str, styles: Styles) -> list[Flowable]:
    if count <= 0:
        return []
    return [para(f"+{count} more {noun}{'' if count == 1 else 's'}: see the action log and "
                 "learning log.", styles.muted)]  # fmt: skip


__all__ = ["HuddleKind", "SummaryData", "build", "gather", "texts"]
