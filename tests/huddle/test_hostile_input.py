"""Hostile input: every public service method, driven with anything a tired person
(or a pasted spreadsheet) could type, either works or raises a HuddleError, and
the database stays healthy. PDF exports of such text do not fail; CSV exports
neutralise formulas.

Arguments are drawn from each method's own type hints, so a new service method
is driven too without touching this file (the count test says if one is missed).
"""

from __future__ import annotations

import collections.abc
import contextlib
import csv
import inspect
import shutil
import tempfile
import typing
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from types import NoneType, UnionType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huddle.backup import integrity_problem
from huddle.clock import FixedClock
from huddle.domain import HuddleKind, SectionKey, SectionPlan
from huddle.errors import HuddleError
from huddle.services import HuddleApp
from tests.helpers.fixtures import ROSTER

SERVICES = (
    "setup",
    "huddles",
    "learning",
    "insights",
    "actions",
    "measures",
    "charts",
    "board",
    "preferences",
    "manager",
)
EXAMPLES = 25
TRIED: dict[str, int] = {}  # calls made per method, for docs/reliability.md

# -- hostile values ----------------------------------------------------------------
no_surrogates = st.characters(exclude_categories=("Cs",))
control_heavy = st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Zs"))
formulas = st.sampled_from(
    [
        "=1+1",
        '=HYPERLINK("http://x","y")',
        "+44 7700",
        "-2",
        "@SUM(A1)",
        "\t=cmd",
        "\r=1",
        "'; DROP TABLE action; --",
        "<b>bold</b> & <i>",
        "\u202eevil",
        "a\x00b",
        "%s %d {0}",
    ]
)
long_text = st.builds(lambda c, n: c * n, no_surrogates, st.integers(1_000, 100_000))
hostile_text = st.one_of(
    st.text(no_surrogates, max_size=300),
    st.text(control_heavy, max_size=40),
    st.just(""),
    st.just("   "),
    formulas,
    long_text,
)
hostile_int = st.one_of(
    st.integers(-(2**70), 2**70), st.sampled_from([0, -1, 1, 2**31, 2**63, -(2**63), 10**9 + 1])
)
hostile_float = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 5e-324, -0.0]),
)
hostile_day_text = st.one_of(
    hostile_text,
    st.sampled_from(
        ["2026-02-30", "9999-12-31", "0001-01-01", "2026-13-01", "06/08/2026", "today", "2026-8-6"]
    ),
)
hostile_date = st.dates(date(1, 1, 1), date(9999, 12, 31))
hostile_moment = st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.just(UTC))
hostile_object = st.one_of(hostile_int, hostile_float, hostile_text, st.none(), st.booleans())

ID_POOLS = {  # parameter name -> which pool of real ids it may draw from
    "person_id": "person",
    "facilitator_id": "person",
    "owner_id": "person",
    "huddle_id": "huddle",
    "section_id": "section",
    "template_id": "template",
    "learning_id": "learning",
    "action_id": "action",
    "cycle_id": "cycle",
    "measure_id": "measure",
    "pdsa_id": "cycle",
    "record_id": "any",
}
UPDATE_FIELDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "update_action": {
        "title": hostile_text,
        "detail": hostile_text,
        "owner_text": hostile_text,
        "due_on": st.one_of(st.none(), hostile_date, hostile_day_text),
        "priority": hostile_text,
    },
    "update_learning": {
        "title": hostile_text,
        "what_happened": hostile_text,
        "what_learned": hostile_text,
        "kind": hostile_text,
        "occurred_on": st.one_of(hostile_date, hostile_day_text),
        "harm": hostile_text,
        "safety_category": st.one_of(st.none(), hostile_text),
    },
    "update_measure": {
        "name": hostile_text,
        "unit": hostile_text,
        "better": hostile_text,
        "target": st.one_of(st.none(), hostile_float),
        "period": hostile_text,
        "chart_kind": hostile_text,
        "baseline_points": st.one_of(st.none(), hostile_int),
        "description": hostile_text,
    },
}


def strategy_for(name: str, hint: Any, pools: dict[str, list[str]]) -> st.SearchStrategy[Any]:
    """Anything of ``hint``'s type that a person could feed in, real ids mixed in."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, UnionType):
        return st.one_of(*(strategy_for(name, arg, pools) for arg in typing.get_args(hint)))
    if hint is NoneType:
        return st.none()
    if hint is str:
        pool = pools.get(ID_POOLS.get(name, ""), [])
        return st.one_of(st.sampled_from(pool), hostile_text) if pool else hostile_text
    if hint is bool:
        return st.booleans()
    if hint is int:
        return hostile_int
    if hint is float:
        return hostile_float
    if hint is date:
        return hostile_date
    if hint is datetime:
        return hostile_moment
    if hint is object or hint is Any:
        return hostile_object
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    if hint is SectionPlan:
        return st.builds(SectionPlan, st.sampled_from(list(SectionKey)), hostile_text, hostile_int)
    if origin is tuple:
        return st.tuples(*(strategy_for(name, arg, pools) for arg in typing.get_args(hint)))
    if origin in (dict, collections.abc.Mapping):
        key, value = typing.get_args(hint)
        return st.dictionaries(
            strategy_for(name, key, pools), strategy_for(name, value, pools), max_size=4
        )
    if origin in (list, typing.Sequence, typing.Iterable) or str(origin).startswith(
        "<class 'collections.abc."
    ):
        (item,) = typing.get_args(hint)
        item_name = name[:-1] if name.endswith("_ids") else name  # learning_ids -> learning_id
        return st.lists(strategy_for(item_name, item, pools), max_size=4)
    raise AssertionError(f"no hostile strategy for {name}: {hint!r}")


def public_methods() -> list[tuple[str, str]]:
    with HuddleApp.open(":memory:") as app:
        return [
            (service, name)
            for service in SERVICES
            for name, _ in inspect.getmembers(type(getattr(app, service)), inspect.isfunction)
            if not name.startswith("_")
        ]


METHODS = public_methods()


@contextlib.contextmanager
def ward_copy(template: Path) -> Iterator[HuddleApp]:
    """A fresh, populated ward for one method's examples (hypothesis runs many)."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        shutil.copyfile(template, folder / "ward.db")
        clock = FixedClock(datetime(2026, 8, 6, 8, 0, tzinfo=UTC))
        with HuddleApp.open(folder / "ward.db", clock=clock, actor="hostile@test") as app:
            yield app
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def populate(app: HuddleApp) -> dict[str, list[str]]:
    app.setup.create_ward(name="Ward 7B", roster=ROSTER)
    people = [p.id for p in app.setup.people()]
    huddle = app.huddles.start_huddle(kind=HuddleKind.DAILY_SAFETY)
    record = app.huddles.record(huddle.id)
    learning = app.learning.record_learning(kind="near_miss", title="Seed", themes=["falls"])
    action = app.actions.create_action(title="Seed action", learning_ids=[learning.id])
    cycle = app.actions.start_cycle(action.id, plan="Seed plan")
    measure = app.measures.define_measure(name="Falls")
    app.measures.record_point(
        measure.id, period_start=date(2026, 8, 3), value=3, expected_version=None
    )
    pools = {
        "person": people,
        "huddle": [huddle.id],
        "learning": [learning.id],
        "action": [action.id],
        "cycle": [cycle.id],
        "measure": [measure.id],
        "template": [t.id for t in app.setup.templates()],
        "section": [s.id for s in record.sections] if hasattr(record, "sections") else [],
    }
    pools["any"] = [i for ids in pools.values() for i in ids]
    return pools


def call_with(
    data: st.DataObject, method: Callable[..., Any], name: str, pools: dict[str, list[str]]
) -> tuple[list[Any], dict[str, Any]]:
    hints = typing.get_type_hints(method)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for parameter in inspect.signature(method).parameters.values():
        if parameter.kind is parameter.VAR_KEYWORD:
            fields = UPDATE_FIELDS[name]
            chosen = data.draw(
                st.lists(st.sampled_from(sorted(fields)), unique=True, max_size=len(fields)),
                label="fields",
            )
            kwargs.update({f: data.draw(fields[f], label=f) for f in chosen})
            continue
        optional = parameter.default is not parameter.empty
        if optional and data.draw(st.booleans(), label=f"skip {parameter.name}"):
            continue
        if name == "get" and parameter.name == "key":  # preferences: real keys too
            from huddle.services.preferences import PREFERENCES

            value = data.draw(st.one_of(st.sampled_from(sorted(PREFERENCES)), hostile_text))
        else:
            value = data.draw(
                strategy_for(parameter.name, hints[parameter.name], pools), label=parameter.name
            )
        if parameter.kind is parameter.POSITIONAL_OR_KEYWORD:
            args.append(value)
        else:
            kwargs[parameter.name] = value
    return args, kwargs


def healthy(app: HuddleApp) -> None:
    assert not app.store.conn.in_transaction, "a failed save left a transaction open"
    assert integrity_problem(app.store.conn) is None


@pytest.mark.parametrize(("service", "name"), METHODS, ids=[f"{s}.{n}" for s, n in METHODS])
def test_every_service_method_takes_hostile_input(
    migrated_template: Path, service: str, name: str
) -> None:
    with ward_copy(migrated_template) as app:
        pools = populate(app)
        method = getattr(getattr(app, service), name)

        @settings(
            max_examples=EXAMPLES,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(data=st.data())
        def drive(data: st.DataObject) -> None:
            args, kwargs = call_with(data, method, name, pools)
            TRIED[f"{service}.{name}"] = TRIED.get(f"{service}.{name}", 0) + 1
            try:
                method(*args, **kwargs)
            except HuddleError:
                pass
            healthy(app)

        drive()


def test_every_service_is_covered() -> None:
    assert len(METHODS) >= 70
    assert {s for s, _ in METHODS} == set(SERVICES)


# -- exports of hostile text ----------------------------------------------------------
printable_hostile = st.one_of(
    st.text(no_surrogates, min_size=1, max_size=400),
    formulas,
    st.text(control_heavy, min_size=1, max_size=20),
    st.builds(lambda c, n: c * n, no_surrogates, st.integers(1_000, 20_000)),
)


@settings(
    max_examples=12,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(words=st.lists(printable_hostile, min_size=6, max_size=6))
def test_pdf_and_csv_exports_of_hostile_text_do_not_fail(
    migrated_template: Path, words: list[str]
) -> None:
    from huddle.reports import export_action_log, export_huddle_summary, export_period_report

    with ward_copy(migrated_template) as app:
        app.setup.create_ward(name="Ward 7B", roster=ROSTER)
        huddle = app.huddles.start_huddle()
        saved: list[str] = []
        for text in words:
            with contextlib.suppress(HuddleError):
                app.huddles.set_risks_today(
                    huddle.id, text=text, expected_version=app.huddles.huddle(huddle.id).version
                )
            with contextlib.suppress(HuddleError):
                app.learning.record_learning(
                    kind="near_miss", title=text, what_happened=text, huddle_id=huddle.id
                )
            with contextlib.suppress(HuddleError):
                saved.append(
                    app.actions.create_action(title=text, detail=text, huddle_id=huddle.id).title
                )
        app.huddles.finish_huddle(huddle.id)
        out = app.path.parent
        export_huddle_summary(
            app, huddle_id=huddle.id, out=out / "summary.pdf", allow_identifiers=True
        )
        export_action_log(app, out=out / "actions.pdf", status="all", allow_identifiers=True)
        export_period_report(
            app,
            start=date(2026, 8, 1),
            end=date(2026, 8, 31),
            out=out / "report.pdf",
            allow_identifiers=True,
        )
        for pdf in ("summary.pdf", "actions.pdf", "report.pdf"):
            assert (out / pdf).read_bytes().startswith(b"%PDF")
        export_action_log(app, out=out / "actions.csv", status="all", allow_identifiers=True)
        with (out / "actions.csv").open(encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        TRIED["exports"] = TRIED.get("exports", 0) + 1


def test_dates_far_in_the_future_and_past_do_not_break_the_board(migrated_template: Path):
    with ward_copy(migrated_template) as app:
        pools = populate(app)
        for day in (date(1, 1, 1), date(9999, 12, 31)):
            with contextlib.suppress(HuddleError):
                app.learning.record_learning(
                    kind="incident", title="Far", occurred_on=day, harm="low"
                )
            with contextlib.suppress(HuddleError):
                app.measures.record_point(
                    pools["measure"][0], period_start=day, value=1, expected_version=None
                )
        app.board.today()
        app.charts.all_charts()
        app.insights.summary(since=date(2026, 1, 1), until=date(2026, 12, 31))
        app.store.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
        healthy(app)
