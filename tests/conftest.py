"""Shared test set-up: offscreen Qt, strict hypothesis profile, fresh databases."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import HealthCheck, settings

# Shared, noisy machines: never fail a property on wall-clock time.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60
)
settings.load_profile("ci")

pytest_plugins = ["tests.helpers.fixtures", "tests.helpers.outcomes"]
