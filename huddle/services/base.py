"""What every service shares: the open store, the clock, the ward and the
one change signal views listen to."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from huddle.clock import Clock
from huddle.domain import Change
from huddle.services.validation import Checker
from huddle.store import records
from huddle.store.connection import Store

if TYPE_CHECKING:
    from huddle.services.app import HuddleApp

ChangeListener = Callable[[Change], None]
Options = ParamSpec("Options")
Found = TypeVar("Found")


def refuse_unknown(fields: Iterable[str], editable: Iterable[str], what: str) -> None:
    """A field a service does not edit is a programming error, not a person's: say so."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")


def ward_query(
    query: Callable[Concatenate[Store, str, Options], Found],
) -> Callable[Concatenate[Service, Options], Found]:
    """A service method that runs the store's ``query`` for the service's ward: it takes
    the query's options (and docstring) as they are, so they are declared once."""

    @functools.wraps(query)
    def on_ward(service: Service, /, *args: Options.args, **kwargs: Options.kwargs) -> Found:
        return query(service.store, service.ward_id, *args, **kwargs)

    # what help() and inspect show: the service, then the query's options (not its store
    # and ward, which the service supplies)
    asked = inspect.signature(query)
    service = inspect.Parameter("service", inspect.Parameter.POSITIONAL_ONLY)
    options = list(asked.parameters.values())[2:]
    on_ward.__signature__ = asked.replace(parameters=[service, *options])  # type: ignore[attr-defined]
    return on_ward


class Service:
    def __init__(self, app: HuddleApp) -> None:
        self._app = app

    @property
    def store(self) -> Store:
        return self._app.store

    @property
    def clock(self) -> Clock:
        return self._app.clock

    @property
    def ward_id(self) -> str:
        return self._app.ward_id

    def _updated(
        self,
        table: str,
        record_id: str,
        values: dict[str, Any],
        *,
        expected_version: int | records.AnyVersion,
    ) -> None:
        """Save ``values`` to one record (if it is still at ``expected_version``) in a
        transaction of its own, then tell the views it changed."""
        with self.store.transaction():
            records.update(self.store, table, record_id, values, expected_version=expected_version)
        self._changed(table, ids=(record_id,))

    # A service whose records are edited field by field (see _edited) names the fields a
    # caller may edit and says in _check how each is checked.
    editable: tuple[str, ...] = ()

    def _check(self, check: Checker, fields: dict[str, Any]) -> dict[str, Any]:
        """The checked values of ``fields``, problems noted on ``check``."""
        raise NotImplementedError

    def _edited(
        self, table: str, record_id: str, fields: dict[str, Any], *, expected_version: int
    ) -> None:
        """Check ``fields`` (each one of :attr:`editable`) and save them to one record,
        as :meth:`_updated` does."""
        refuse_unknown(fields, self.editable, table)
        check = Checker()
        values = self._check(check, fields)
        check.done()
        self._updated(table, record_id, values, expected_version=expected_version)

    def _inserted(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        """Add one record (and its audit row) in a transaction of its own; the stored row.

        The caller says what changed: a new note may matter to its action's views."""
        with self.store.transaction():
            return records.insert(self.store, table, values)

    def _changed(self, *entities: str, ids: tuple[str, ...] = ()) -> Change:
        change = Change(frozenset(entities), frozenset(ids))
        self._app.notify(change)
        return change
