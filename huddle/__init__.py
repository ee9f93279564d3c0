"""Ward Huddle core: domain, storage, services, SPC, reports and the command line.

Pure Python: nothing under this package imports Qt (a test enforces it).
"""

import sys

__version__ = "0.1.0"


def _load_msgspec() -> None:
    """Load msgspec, the records' base, in its mode without ``typing_extensions``.

    msgspec reads type hints through ``typing_extensions`` when it can import it
    (psycopg installs it), otherwise through Python's own ``typing``, a mode it
    supports. The records here use only what Python 3.11's ``typing`` knows, so
    they read the same either way (tests/huddle/test_package.py checks every
    record), and every start is spared loading ``typing_extensions`` (about 2 ms,
    one of the largest modules of its kind). Whoever imports it later (psycopg,
    when sync runs) gets it as usual.
    """
    if "msgspec" in sys.modules:
        return
    missing = object()
    before = sys.modules.get("typing_extensions", missing)
    # a None entry makes the import fail, as if it were not installed
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]
    try:
        import msgspec  # noqa: F401
    finally:
        if before is missing:
            del sys.modules["typing_extensions"]
        else:
            sys.modules["typing_extensions"] = before  # type: ignore[assignment]


_load_msgspec()
