"""Pieces every command shares: the ``--db`` option and problem reporting."""

from __future__ import annotations

import argparse
from pathlib import Path

from huddle.config import EffectiveSettings, load_settings
from huddle.errors import HuddleError


class CommandProblem(HuddleError):
    """A problem a command reports in one line and exits 1 for."""


def settings_for(args: argparse.Namespace) -> EffectiveSettings:
    return load_settings(cli={"db": getattr(args, "db", None)})


def existing_db_path(args: argparse.Namespace) -> Path:
    """The resolved database path, which must already exist."""
    path = settings_for(args).db_path
    if not path.exists():
        raise CommandProblem(f"There is no database at {path}.")
    return path
