"""Ward preferences (Preferences): declared once, typed."""

from __future__ import annotations

import pytest

from huddle.errors import ValidationError
from huddle.services import HuddleApp


def test_preferences_are_declared_and_typed(app: HuddleApp) -> None:
    assert app.preferences.get("stale_days") == 30
    app.preferences.set("backup_folder", "/srv/backups")
    assert app.preferences.all()["backup_folder"] == "/srv/backups"
    with pytest.raises(ValidationError):
        app.preferences.set("stale_days", "thirty")
    with pytest.raises(ValidationError):
        app.preferences.set("no_such_setting", 1)
