"""The server's address: shown without secrets, and opened with short timeouts.

The address is a libpq URL or key=value string (``postgresql://huddle-ward7b@
sync.trust.nhs.uk/huddle?sslmode=verify-full``). Passwords belong in the
PC's pgpass or service file, never in the address; if one is there anyway it
is masked wherever the address is shown.
"""

from __future__ import annotations

import re

CONNECT_TIMEOUT_SECONDS = 5
STATEMENT_TIMEOUT_MS = 30_000

_URL_PASSWORD = re.compile(r"^(postgres(?:ql)?://[^:/@]*:)([^@]*)(@)")
_KV_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)")
_QUERY_PASSWORD = re.compile(r"([?&]password=)([^&]*)")


def without_password(address: str) -> str:
    """The address with any password replaced by ``***``."""
    shown = _URL_PASSWORD.sub(r"\1***\3", address)
    shown = _QUERY_PASSWORD.sub(r"\1***", shown)
    return _KV_PASSWORD.sub(r"\1***", shown)


def connect_kwargs() -> dict[str, object]:
    """Options every connection uses: a dead or slow server costs seconds, not a huddle."""
    return {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        "application_name": "ward-huddle",
    }
