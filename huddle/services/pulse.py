"""The speak-up pulse: one anonymous tap a week at the shared PC.

An answer is kept only as one more in a count for its ward, week (the Monday),
question and score: no row per answer, no person, no moment finer than the
week, and its audit row says "anonymous" and carries the week, not the time
(:func:`huddle.store.records.count_anonymously`). The screen hands over the
answers of a huddle together (:meth:`Pulse.record_answers`), added up by score
and written in score order, so not even the order of the audit rows says who
answered what. Results are shown only for
weeks with at least :data:`PULSE_MIN_ANSWERS` answers, so nobody's answer can
be picked out; the weekly mean and the share agreeing are charted with the
run chart engine every measure uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from huddle.domain import ChartKind, Direction, Measure, MeasurePoint, Period
from huddle.domain_psirf import (
    AGREE_FROM,
    PULSE_BY_KEY,
    PULSE_MIN_ANSWERS,
    PULSE_QUESTIONS,
    PulseQuestion,
    PulseWeek,
    week_of,
)
from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.services.charts import MeasureChart, build_chart
from huddle.services.validation import Checker
from huddle.store import psirf as psirf_q
from huddle.store import records


def summarise(week: date, counts: dict[int, int]) -> PulseWeek:
    """One week's results: mean and share agreeing only from 5 answers."""
    answers = sum(counts.values())
    if answers < PULSE_MIN_ANSWERS:
        return PulseWeek(week, answers, None, None)
    total = sum(score * n for score, n in counts.items())
    agree = sum(n for score, n in counts.items() if score >= AGREE_FROM)
    return PulseWeek(week, answers, round(total / answers, 2), round(agree / answers, 3))


class Pulse(Service):
    def question(self) -> PulseQuestion:
        key = str(self._app.preferences.get("pulse_question"))
        return PULSE_BY_KEY.get(key, PULSE_QUESTIONS[0])

    def is_pulse_day(self, day: date | None = None) -> bool:
        """The day of the week set in Settings (0 Monday .. 6 Sunday)."""
        day = day or self.clock.today()
        return day.weekday() == int(self._app.preferences.get("pulse_weekday"))

    def answer(self, *, score: int) -> int:
        """Add one anonymous answer to this week's count; returns how many this week."""
        return self.record_answers(scores=[score])

    def record_answers(self, *, scores: Iterable[int]) -> int:
        """Add a group's answers to this week's counts, one count per score, in score
        order (never the order they were given). Returns how many answered this week."""
        check = Checker()
        given = [check.whole("score", s, minimum=1, maximum=5) for s in scores]
        check.done()
        week = week_of(self.clock.today()).isoformat()
        question = self.question().key
        with self.store.transaction():
            for score, count in sorted(Counter(given).items()):
                records.count_anonymously(
                    self.store,
                    "pulse_tally",
                    {"ward_id": self.ward_id, "week": week, "question": question, "score": score},
                    week=week,
                    by=count,
                )
        if given:
            self._changed("pulse_tally")
        return self.answered_this_week()

    def answered_this_week(self) -> int:
        week = week_of(self.clock.today()).isoformat()
        return psirf_q.pulse_answers(self.store, self.ward_id, week, self.question().key)

    def weeks(self, *, until: date | None = None, question: str | None = None) -> list[PulseWeek]:
        """One entry per week from the first answered week to ``until``'s week (default
        this week), oldest first; weeks without answers count 0."""
        key = question or self.question().key
        if key not in PULSE_BY_KEY:
            raise ValidationError.single(
                "question", "unknown", f"There is no pulse question {key}."
            )
        counts = psirf_q.pulse_counts(self.store, self.ward_id, key)
        last = week_of(until or self.clock.today())
        counts = {w: c for w, c in counts.items() if w <= last}
        if not counts:
            return []
        week, found = min(counts), []
        while week <= last:
            found.append(summarise(week, counts.get(week, {})))
            week += timedelta(days=7)
        return found

    def charts(self, weeks: list[PulseWeek]) -> tuple[MeasureChart, MeasureChart]:
        """Run charts of the weekly mean and of the percentage agreeing, over the weeks
        with results to show, built by the same chart function as every measure."""
        return pulse_charts(self.ward_id, weeks)


MEAN_CHART = ("pulse-mean", "Speak-up pulse: weekly mean", "score, 1 to 5")
AGREE_CHART = ("pulse-agree", "Speak-up pulse: agreeing", "% agree or strongly agree")


def pulse_charts(ward_id: str, weeks: list[PulseWeek]) -> tuple[MeasureChart, MeasureChart]:
    shown = [w for w in weeks if w.shown]
    means = [(w.week, float(w.mean or 0)) for w in shown]
    agree = [(w.week, round(100 * float(w.agree_share or 0), 1)) for w in shown]
    return _run_chart(ward_id, MEAN_CHART, means), _run_chart(ward_id, AGREE_CHART, agree)


def _run_chart(
    ward_id: str, names: tuple[str, str, str], values: list[tuple[date, float]]
) -> MeasureChart:
    key, name, unit = names
    measure = Measure(
        id=key, ward_id=ward_id, name=name, unit=unit, better=Direction.UP, target=None,
        period=Period.WEEK, chart_kind=ChartKind.RUN, baseline_points=None,
        description="", archived=False, version=1,
    )  # fmt: skip
    points = [MeasurePoint(f"{key}-{day}", key, day, value, "", 1) for day, value in values]
    return build_chart(measure, points, [], [])
