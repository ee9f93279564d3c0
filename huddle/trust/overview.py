"""The trust overview: one row per ward, computed from its replica by the ward's own services.

Every figure comes from the function the ward's own screens use: days since
harm and huddles in the last 21 days from :class:`huddle.services.board.Board`,
overdue actions from ``Actions.overdue_actions`` (Today's list), the measures
exactly as ``huddle measures --json`` prints them (``measure_row`` over
``build_chart``). Rows are cached beside the replicas, keyed on the ward, the
server's latest change for it and the date, so a warm overview of a hundred
wards is one server query and a hundred small file reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import msgspec

from huddle.clock import Clock, FixedClock, SystemClock, to_iso
from huddle.services.charts import MeasureChart
from huddle.trust.replicas import ServerWard, list_wards, refresh, replica_path

OVERVIEW_DIR = "overview"
# bumped when a row's fields or their meaning change, so old cached rows are not reused
ROW_FORMAT = 3


class MeasureIcons(msgspec.Struct, frozen=True):
    """A measure's two Making Data Count icons as ``build_chart`` decided them."""

    name: str
    variation: str
    variation_letter: str
    variation_colour: str
    variation_label: str
    assurance: str
    assurance_letter: str
    assurance_colour: str
    assurance_label: str


def measure_icons(chart: MeasureChart) -> MeasureIcons:
    v = chart.verdict
    return MeasureIcons(chart.measure.name, v.variation, v.variation_letter, v.variation_colour,
                        v.variation_label, v.assurance, v.assurance_letter, v.assurance_colour,
                        v.assurance_label)  # fmt: skip


class WardOverview(msgspec.Struct, frozen=True):
    ward_id: str
    name: str
    site: str
    last_sync_at: str | None  # when the server last received a change for the ward
    as_of: str
    huddles_last_21_days: int
    days_since_harm: int | None
    open_actions: int
    overdue_actions: int
    open_escalations: int
    overdue_escalations: int
    oldest_escalation_days: int | None
    measures: list[dict[str, Any]]  # exactly as ``huddle measures --json`` gives them
    icons: list[MeasureIcons] = []  # the same measures' icons, for the trust view


class _Cached(msgspec.Struct, frozen=True):
    format: int
    last_change_id: int
    as_of: str
    row: WardOverview


def as_of_clock(as_of: date) -> Clock:
    """A clock standing at midday of ``as_of``: the ward's services judge that day."""
    return FixedClock(datetime.combine(as_of, time(12), tzinfo=UTC))


def ward_row(path: Path, ward: ServerWard, as_of: date) -> WardOverview | None:
    """One ward's row from its replica (None when the replica holds no ward yet)."""
    from huddle.domain import ActionStatus
    from huddle.services import HuddleApp
    from huddle.services.measure_summary import measure_row

    if not path.exists():
        return None
    with HuddleApp.open(path, clock=as_of_clock(as_of), read_only=True) as app:
        if not app.has_ward:
            return None
        site = next((w.site for w in app.wards() if w.id == app.ward_id), "")
        open_statuses = [s for s in ActionStatus if s.is_open]
        charts = app.charts.all_charts(as_of=as_of)
        escalations = open_escalations(app, as_of)
        return WardOverview(
            ward_id=ward.ward_id,
            name=ward.name or app.wards()[0].name,
            site=site,
            last_sync_at=None if ward.last_sync_at is None else to_iso(ward.last_sync_at),
            as_of=as_of.isoformat(),
            huddles_last_21_days=len(app.board.huddle_days()),
            days_since_harm=app.board.days_since_last_harm(),
            open_actions=len(app.actions.actions(statuses=open_statuses)),
            overdue_actions=len(app.actions.overdue_actions()),
            open_escalations=escalations[0],
            overdue_escalations=escalations[1],
            oldest_escalation_days=escalations[2],
            measures=[measure_row(chart) for chart in charts],
            icons=[measure_icons(chart) for chart in charts],
        )


def open_escalations(app: Any, as_of: date) -> tuple[int, int, int | None]:
    """(open, overdue for an answer, the oldest's age in days) of the ward's escalations,
    as its Today lists them (the app's clock stands on ``as_of``)."""
    views = app.escalations.open_for_ward()
    oldest = max((view.age.days for view in views), default=None)
    return len(views), sum(1 for view in views if view.overdue), oldest


def _cache_file(cache_dir: Path, ward_id: str) -> Path:
    return Path(cache_dir) / OVERVIEW_DIR / f"{ward_id}.json"


def cached_row(cache_dir: Path, ward: ServerWard, as_of: date) -> WardOverview | None:
    try:
        data = _cache_file(cache_dir, ward.ward_id).read_bytes()
        found = msgspec.json.decode(data, type=_Cached)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    fresh = (
        found.format == ROW_FORMAT
        and found.last_change_id == ward.last_change_id
        and found.as_of == as_of.isoformat()
    )
    return found.row if fresh else None


def keep_row(cache_dir: Path, ward: ServerWard, row: WardOverview) -> None:
    target = _cache_file(cache_dir, ward.ward_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    spare = target.with_suffix(".new")
    spare.write_bytes(msgspec.json.encode(_Cached(ROW_FORMAT, ward.last_change_id, row.as_of, row)))
    spare.replace(target)


def forget(cache_dir: Path, ward_id: str) -> None:
    """Drop a ward's cached row (its replica was written here, e.g. a tier answer)."""
    _cache_file(cache_dir, ward_id).unlink(missing_ok=True)


def attention_key(row: WardOverview) -> tuple[Any, ...]:
    """What needs attention first: overdue escalations, overdue actions, recent harm, few
    huddles, old escalations; then by name."""
    since_harm = row.days_since_harm if row.days_since_harm is not None else 10**6
    return (
        -row.overdue_escalations,
        -row.overdue_actions,
        since_harm,
        row.huddles_last_21_days,
        -(row.oldest_escalation_days or 0),
        row.name.casefold(),
    )


def trust_overview(
    address: str,
    cache_dir: Path,
    *,
    as_of: date | None = None,
    site: str | None = None,
    wards: Iterable[str] | None = None,
    clock: Clock | None = None,
) -> list[WardOverview]:
    """Every ward (or those named, or one site's) as of a date, most in need of attention first.

    Warm (nothing changed on the server since the last call for that date):
    one server query and the cached rows. Otherwise the changed wards'
    replicas are pulled first, then their rows computed and cached.
    """
    as_of = as_of or (clock or SystemClock()).today()
    cache_dir = Path(cache_dir)
    listed = list_wards(address, wards)
    rows: dict[str, WardOverview | None] = {
        w.ward_id: cached_row(cache_dir, w, as_of) for w in listed
    }
    stale = [w for w in listed if rows[w.ward_id] is None]
    if stale:
        refresh(address, cache_dir, [w.ward_id for w in stale], clock=clock)
        for ward in stale:
            row = ward_row(replica_path(cache_dir, ward.ward_id), ward, as_of)
            if row is not None:
                keep_row(cache_dir, ward, row)
            rows[ward.ward_id] = row
    found = [row for row in rows.values() if row is not None]
    if site:
        found = [row for row in found if row.site.casefold() == site.strip().casefold()]
    return sorted(found, key=attention_key)


def overview_json(rows: list[WardOverview]) -> str:
    """The rows as ``huddle trust overview --json`` prints them (msgspec: a hundred wards'
    measures are encoded in a few milliseconds, where the json module takes tens)."""
    return msgspec.json.format(msgspec.json.encode(rows), indent=2).decode("utf-8")
