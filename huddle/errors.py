"""The errors the core raises, each carrying a code the UI can word for people.

Services raise these and nothing else for problems a user can cause or fix.
The ``message`` is plain British English for the command line and logs; the UI
may translate from ``code`` and ``field`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec


class HuddleError(Exception):
    """Base class for every problem the core reports to a person."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FieldProblem(msgspec.Struct, frozen=True):
    """One field that failed validation and what to do about it."""

    field: str
    code: str
    message: str


class ValidationError(HuddleError):
    """Input that cannot be saved; names each field and says what is wrong."""

    code = "invalid"

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))

    @classmethod
    def single(cls, field_name: str, code: str, message: str) -> ValidationError:
        return cls([FieldProblem(field_name, code, message)])

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)


class NotFoundError(HuddleError):
    code = "not_found"

    def __init__(self, entity: str, record_id: str) -> None:
        super().__init__(f"No {entity.replace('_', ' ')} with id {record_id} was found.")
        self.entity = entity
        self.record_id = record_id


@dataclass
class ConflictError(HuddleError):
    """A stale edit: someone else saved the record since it was read."""

    entity: str
    record_id: str
    expected_version: int
    current: dict[str, Any] = field(default_factory=dict)
    code = "conflict"

    def __post_init__(self) -> None:
        what = f"This {self.entity.replace('_', ' ')}"
        if self.expected_version == 0:  # there was none when it was opened
            super().__init__(
                f"{what} was added elsewhere since you opened it. "
                "Reload it and make your change again."
            )
            return
        super().__init__(
            f"{what} was changed elsewhere since you opened it "
            f"(you had version {self.expected_version}, it is now "
            f"{self.current.get('version', '?')}). Reload it and make your change again."
        )


class StoreError(HuddleError):
    """A problem with the database file itself."""

    code = "store"


class DatabaseTooNewError(StoreError):
    code = "too_new"


class DamagedDatabaseError(StoreError):
    code = "damaged"


class UpgradeNeededError(StoreError):
    """An older database that must be migrated, opened where it cannot be."""

    code = "upgrade_needed"


class ReadOnlyError(StoreError):
    code = "read_only"


class StorageFullError(StoreError):
    code = "full"


class BusyError(StoreError):
    code = "busy"
