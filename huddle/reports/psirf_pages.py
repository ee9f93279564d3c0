"""The ward report's PSIRF pages: learning responses and events not yet reported,
the speak-up pulse (run charts, weeks with too few answers hidden) and the
patient's voice (the touchpoints that felt bad most often).

:func:`gather` reads through the services (so the identifier check sees every
text printed); :func:`pages` lays the sections out for ``period_pages``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from huddle.domain import LearningItem, LearningKind
from huddle.domain_psirf import (
    LearningResponse,
    PulseWeek,
    ResponseKind,
    StageCount,
    Touchpoint,
    WhatMatters,
)
from huddle.identifier_refusal import place
from huddle.reports.charts import spc_drawing
from huddle.reports.layout import Styles, fmt_date, markup, plural
from huddle.reports.parts import data_table, heading, para, tiles
from huddle.services.app import HuddleApp
from huddle.services.charts import MeasureChart
from huddle.words import LEARNING_KIND, PULSE_TOO_FEW, pulse_mean, pulse_share

PULSE_WEEKS = 26  # the pulse charts show up to half a year, ending with the period
CELL_TEXT = 220
ROWS = 12
RESPONSE_WORDS = {ResponseKind.SWARM: "SWARM huddle", ResponseKind.AAR: "After Action Review"}
FEELING_WORDS = {"positive": "felt good", "negative": "felt bad"}
CONTENTS = (
    "6. Learning responses and reporting",
    "7. Speak-up pulse",
    "8. The patient's voice",
)


@dataclass(frozen=True)
class PsirfPeriod:
    responses: tuple[tuple[LearningResponse, LearningItem], ...]  # held in the period
    actions_agreed: int
    safety_events: int  # incidents and near misses in the period
    unreported: tuple[LearningItem, ...]  # of those, not yet reported
    exempted: int  # of those, marked as needing no report
    question: str
    pulse_weeks: tuple[PulseWeek, ...]  # up to PULSE_WEEKS, ending with the period
    mean_chart: MeasureChart
    agree_chart: MeasureChart
    felt_bad: tuple[StageCount, ...]
    touchpoints: tuple[Touchpoint, ...]  # in the period, newest first
    what_matters: tuple[WhatMatters, ...]


def gather(app: HuddleApp, start: date, end: date) -> PsirfPeriod:
    responses = []
    linked: set[str] = set()  # actions linked to the items reviewed
    for response in app.responses.responses(since=start, until=end):
        item = app.learning.item(response.learning_id)
        responses.append((response, item))
        linked.update(item.action_ids)
    agreed = len(linked)
    events = app.learning.items(kinds=(LearningKind.INCIDENT, LearningKind.NEAR_MISS),
                                since=start, until=end)  # fmt: skip
    exempted = sum(1 for i in events if app.responses.exemption_reason(i.id) is not None)
    weeks = [
        w for w in app.pulse.weeks(until=end) if w.week >= start - timedelta(weeks=PULSE_WEEKS)
    ]
    weeks = weeks[-PULSE_WEEKS:]
    mean_chart, agree_chart = app.pulse.charts(weeks)
    return PsirfPeriod(
        responses=tuple(sorted(responses, key=lambda p: p[0].started_at)),
        actions_agreed=agreed,
        safety_events=len(events),
        unreported=tuple(app.responses.unreported(since=start, until=end)),
        exempted=exempted,
        question=app.pulse.question().text,
        pulse_weeks=tuple(weeks),
        mean_chart=mean_chart,
        agree_chart=agree_chart,
        felt_bad=tuple(app.patient_voice.felt_bad_most(since=start, until=end)),
        touchpoints=tuple(app.patient_voice.touchpoints(since=start, until=end)),
        what_matters=tuple(app.patient_voice.what_matters(since=start, until=end)),
    )


def texts(data: PsirfPeriod) -> Iterator[tuple[str, str]]:
    """Every piece of free text the pages print, placed by kind, date and field (never by
    a title, which may be what holds the identifier)."""
    for response, item in data.responses:
        yield place("learning_item", "title", item.occurred_on), item.title
        for field in ("happened", "difference", "learning"):
            yield place("learning_response", field, response.started_at), getattr(response, field)
        for role, _ in response.present:
            yield place("learning_response", "present_json", response.started_at), role
    for item in data.unreported:
        yield place("learning_item", "title", item.occurred_on), item.title
    for point in data.touchpoints:
        for field in ("emotion", "what_happened", "staff_suggestion", "patient_suggestion"):
            yield place("touchpoint", field, point.noted_on), getattr(point, field)
    for note in data.what_matters:
        yield place("what_matters", "text", note.noted_on), note.text


def pages(data: PsirfPeriod, styles: Styles, width: float) -> list[Flowable]:
    return [*_responses(data, styles, width), *_pulse(data, styles, width),
            *_voice(data, styles, width)]  # fmt: skip


def _responses(data: PsirfPeriod, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(260)]
    story += heading(CONTENTS[0], styles)
    swarms = [r for r, _ in data.responses if r.kind is ResponseKind.SWARM]
    reviews = [r for r, _ in data.responses if r.kind is ResponseKind.AAR]
    story.append(tiles([
        ("SWARM huddles", str(len(swarms)), "held soon after an incident or near miss"),
        ("After Action Reviews", str(len(reviews)), "good outcomes included"),
        ("Actions agreed", str(data.actions_agreed), "linked to the learning"),
        ("Not yet reported", str(len(data.unreported)),
         f"of {plural(data.safety_events, 'incident or near miss', 'incidents and near misses')}"
         f"; {data.exempted} need no report"),
    ], width, styles))  # fmt: skip
    story.append(Spacer(1, 6))
    rows = [
        [Paragraph(f"<b>{markup(RESPONSE_WORDS[r.kind])}</b><br/>{markup(fmt_date(r.held_on))}",
                   styles.cell),
         Paragraph(f"<b>{markup(i.title)}</b><br/>{markup(LEARNING_KIND[i.kind])}", styles.cell),
         para(str(r.head_count), styles.cell),
         para(r.learning or r.safer, styles.cell, limit=CELL_TEXT)]
        for r, i in data.responses[-ROWS:]
    ]  # fmt: skip
    story.append(data_table(["Response", "About", "Taking part", "What we learned"], rows,
                            [0.2 * width, 0.33 * width, 0.1 * width, 0.37 * width], styles,
                            empty="No SWARMs or After Action Reviews in this period."))  # fmt: skip
    if len(data.responses) > ROWS:
        story.append(para(f"The latest {ROWS} of {len(data.responses)} are shown.", styles.muted))
    if data.unreported:
        story += heading("Not yet reported to the trust's incident system", styles, level=2)
        story.append(data_table(
            ["Date", "Kind", "What happened"],
            [[fmt_date(i.occurred_on), LEARNING_KIND[i.kind], i.title] for i in data.unreported],
            [0.15 * width, 0.15 * width, 0.7 * width], styles,
        ))  # fmt: skip
    return story


def _chart(chart: MeasureChart, styles: Styles, width: float) -> Flowable:
    title = Paragraph(markup(chart.measure.name), styles.h2)
    if chart.run is None:
        return KeepTogether([title, para("Fewer than two weeks with 5 or more answers: no "
                                         "chart yet.", styles.muted)])  # fmt: skip
    drawing = spc_drawing(chart.run, chart.points, (), width=width, height=170,
                          unit=chart.measure.unit)  # fmt: skip
    return KeepTogether([title, drawing])


def _pulse(data: PsirfPeriod, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(300)]
    story += heading(CONTENTS[1], styles)
    story.append(para(
        f"\u201c{data.question}\u201d One anonymous tap a week at the huddle; 1 is strongly "
        "disagree, 5 strongly agree. Weeks with fewer than 5 answers show "
        f"\u201c{PULSE_TOO_FEW}\u201d and are left off the run charts, so no one's answer can be "
        "picked out.", styles.body))  # fmt: skip
    story.append(_chart(data.mean_chart, styles, width))
    story.append(_chart(data.agree_chart, styles, width))
    rows = [
        [fmt_date(w.week), str(w.answers), pulse_mean(w.mean, out_of_five=False),
         pulse_share(w.agree_share)]
        for w in data.pulse_weeks[-ROWS:]
    ]  # fmt: skip
    story += heading("The latest weeks", styles, level=2)
    story.append(data_table(["Week of", "Answers", "Mean (1 to 5)", "Agreeing"], rows,
                            [0.3 * width, 0.15 * width, 0.25 * width, 0.3 * width], styles,
                            empty="No pulse answers yet."))  # fmt: skip
    return story


def _voice(data: PsirfPeriod, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(260)]
    story += heading(CONTENTS[2], styles)
    story += heading("Touchpoints that felt bad most often this period", styles, level=2)
    story.append(data_table(
        ["Touchpoint", "Felt bad", "Felt good"],
        [[c.label, str(c.negative), str(c.positive)] for c in data.felt_bad[:8]],
        [0.5 * width, 0.25 * width, 0.25 * width], styles,
        empty="No touchpoints recorded in this period.",
    ))  # fmt: skip
    suggestions = [t for t in data.touchpoints if t.staff_suggestion or t.patient_suggestion]
    if suggestions:
        story += heading("What staff and patients suggested", styles, level=2)
        story.append(data_table(
            ["Touchpoint", "How it felt", "Staff suggested", "Patients suggested"],
            [[f"{t.stage_label}, {fmt_date(t.noted_on)}",
              f"{FEELING_WORDS[t.feeling.value]}" + (f", {t.emotion}" if t.emotion else ""),
              t.staff_suggestion, t.patient_suggestion] for t in suggestions[:8]],
            [0.22 * width, 0.18 * width, 0.3 * width, 0.3 * width], styles,
        ))  # fmt: skip
    if data.what_matters:
        quotes = [
            para(f"\u201c{n.text}\u201d", styles.body, limit=CELL_TEXT)
            for n in data.what_matters[:6]
        ]
        # six short quotes at most: kept with their heading, so no page opens mid-list
        story.append(KeepTogether([*heading("What matters to you", styles, level=2), *quotes]))
    return story


# -- the huddle summary's line ------------------------------------------------------------
SUMMARY_DAYS = 7


@dataclass(frozen=True)
class HuddleLearning:
    """Learning together around one huddle: the week before it, as the huddle saw it."""

    swarms: int
    reviews: int
    unreported: int
    pulse: PulseWeek | None
    felt_bad: int
    felt_good: int
    titles: tuple[str, ...]  # of the items the responses were about


def gather_for_huddle(app: HuddleApp, day: date) -> HuddleLearning:
    since = day - timedelta(days=SUMMARY_DAYS - 1)
    responses = app.responses.responses(since=since, until=day)
    weeks = app.pulse.weeks(until=day)
    touchpoints = app.patient_voice.touchpoints(since=since, until=day)
    return HuddleLearning(
        swarms=sum(1 for r in responses if r.kind is ResponseKind.SWARM),
        reviews=sum(1 for r in responses if r.kind is ResponseKind.AAR),
        unreported=app.responses.unreported_count(until=day),
        pulse=weeks[-1] if weeks and weeks[-1].week > day - timedelta(days=7) else None,
        felt_bad=sum(1 for t in touchpoints if t.feeling.value == "negative"),
        felt_good=sum(1 for t in touchpoints if t.feeling.value == "positive"),
        titles=tuple(app.learning.item(r.learning_id).title for r in responses),
    )


def huddle_learning_lines(data: HuddleLearning) -> list[str]:
    """The summary's sentences (plain text: the caller marks them up)."""
    lines = [
        f"In the {SUMMARY_DAYS} days to this huddle: "
        f"{plural(data.swarms, 'SWARM huddle')} and "
        f"{plural(data.reviews, 'After Action Review')}; touchpoints "
        f"{data.felt_bad} felt bad, {data.felt_good} felt good.",
        (
            f"{plural(data.unreported, 'incident or near miss', 'incidents and near misses')} "
            "not yet reported to the trust's incident system."
            if data.unreported
            else "Every incident and near miss is reported (or needs no report)."
        ),
    ]
    if data.pulse is not None:
        pulse = data.pulse
        result = (
            f"mean {pulse_mean(pulse.mean)}, {pulse_share(pulse.agree_share)} agreeing"
            if pulse.shown
            else PULSE_TOO_FEW
        )
        lines.append(
            f"This week's speak-up pulse: {plural(pulse.answers, 'answer')} so far ({result})."
        )
    return lines
