"""Converting stored text to dates and moments, in one place."""

from __future__ import annotations

from datetime import date, datetime


def to_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def to_moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def required_date(text: str) -> date:
    return date.fromisoformat(text)


def required_moment(text: str) -> datetime:
    return datetime.fromisoformat(text)
