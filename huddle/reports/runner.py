"""The steps every export takes, in order: check the text, build, write safely."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from huddle.reports.guard import Finder, check_texts
from huddle.reports.layout import Progress, write_atomically


def run_export(
    out: Path,
    texts: Iterable[tuple[str, str]],
    build: Callable[[], bytes],
    *,
    allow_identifiers: bool,
    progress: Progress | None = None,
    finder: Finder | None = None,
) -> Path:
    """Refuse identifiers (unless allowed), then build and write ``out`` atomically."""
    check_texts(texts, allow_identifiers=allow_identifiers, finder=finder)
    if progress is not None:
        progress(0, 1)
    return write_atomically(Path(out), build)
