"""Checking input before anything is written.

A :class:`Checker` gathers every problem with a request, so the user hears
about all of them at once, then raises one :class:`ValidationError` naming each
field. Free text is cleaned of control characters that have no place in a
note (keeping new lines and tabs) and held to a sensible length.
"""

from __future__ import annotations

import math
import re
from datetime import date
from enum import StrEnum
from typing import TypeVar

from huddle.errors import FieldProblem, ValidationError

E = TypeVar("E", bound=StrEnum)

TITLE_MAX = 200
NAME_MAX = 120
TEXT_MAX = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Normalise line endings and drop control characters and lone surrogates."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


class Checker:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def fail(self, field: str, code: str, message: str) -> None:
        self.problems.append(FieldProblem(field, code, message))

    def done(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def text(
        self,
        field: str,
        value: object,
        *,
        required: bool = False,
        max_len: int = TEXT_MAX,
        label: str | None = None,
    ) -> str:
        what = label or field.replace("_", " ")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(field, "type", f"{what.capitalize()} must be text.")
            return ""
        cleaned = clean_text(value).strip()
        if required and not cleaned:
            self.fail(field, "required", f"Please enter {what}.")
        elif len(cleaned) > max_len:
            self.fail(
                field,
                "too_long",
                f"{what.capitalize()} is too long ({len(cleaned):,} characters); "
                f"shorten it to {max_len:,} or fewer.",
            )
        return cleaned

    def choice(self, field: str, value: object, enum: type[E]) -> E | None:
        try:
            return enum(str(value))
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.fail(field, "choice", f"'{value}' is not one of: {allowed}.")
            return None

    def day(self, field: str, value: object, *, required: bool = False) -> date | None:
        if value is None or value == "":
            if required:
                self.fail(field, "required", f"Please give the {field.replace('_', ' ')}.")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(field, "date", "Give a date as YYYY-MM-DD, for example 2026-08-06.")
        return None

    def number(
        self,
        field: str,
        value: object,
        *,
        required: bool = True,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        if value is None or value == "":
            if required:
                self.fail(
                    field, "required", f"Please enter a number for {field.replace('_', ' ')}."
                )
            return None
        if isinstance(value, bool):
            self.fail(field, "number", "Enter a number.")
            return None
        try:
            number = float(value.strip().replace(",", "") if isinstance(value, str) else value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.fail(field, "number", f"'{value}' is not a number; enter digits such as 12.5.")
            return None
        if not math.isfinite(number):
            self.fail(field, "number", "Enter an ordinary number (not infinity or 'nan').")
            return None
        if minimum is not None and number < minimum:
            self.fail(field, "range", f"Must be at least {minimum:g}.")
        if maximum is not None and number > maximum:
            self.fail(field, "range", f"Must be at most {maximum:g}.")
        return number

    def whole(self, field: str, value: object, *, minimum: int = 0, maximum: int = 10**9) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, "number", "Enter a whole number.")
            return minimum
        if not minimum <= value <= maximum:
            self.fail(field, "range", f"Enter a whole number from {minimum} to {maximum}.")
        return value


MAX_DAYS = 366 * 200  # how far a look-ahead or look-back may reach


def whole_number(field: str, value: object, *, minimum: int = 0, maximum: int = 10**9) -> int:
    """``value`` if it is a whole number in range, else a ValidationError now."""
    check = Checker()
    number = check.whole(field, value, minimum=minimum, maximum=maximum)
    check.done()
    return number
