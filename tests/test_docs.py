"""The docs stay true, as Datasette keeps its own: every command-line command and
option, every setting, environment variable and ward preference is documented in
README.md or docs/, and no doc names a file that does not exist."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from huddle.cli.main import build_parser
from huddle.config import SETTINGS
from huddle.services.preferences import PREFERENCES

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
TEXT = "\n".join(path.read_text(encoding="utf-8") for path in DOCS)


def commands_and_options(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ("huddle",)
) -> list[tuple[str, str]]:
    """("huddle export summary", "--huddle") pairs, and ("huddle export summary", "")."""
    found: list[tuple[str, str]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                command = (*path, name)
                found.append((" ".join(command), ""))
                found.extend(commands_and_options(sub, command))
        else:
            found.extend(
                (" ".join(path), option)
                for option in action.option_strings
                if option.startswith("--") and option not in ("--help", "--version")
            )
    return found


CLI = commands_and_options(build_parser())


@pytest.mark.parametrize(("command", "option"), CLI, ids=[" ".join(p).strip() for p in CLI])
def test_every_command_and_option_is_documented(command: str, option: str) -> None:
    assert command in TEXT, f"`{command}` is not in README.md or docs/ (docs/cli.md)"
    if option:
        section = TEXT.split(f"`{command}`", 1)[1] if f"`{command}`" in TEXT else TEXT
        assert option in section, f"{command} {option} is not documented (docs/cli.md)"


def test_every_setting_and_environment_variable_is_documented() -> None:
    missing = [
        word for spec in SETTINGS for word in (spec.env, spec.ini, spec.policy) if word not in TEXT
    ]
    assert "HUDDLE_ID_PATTERNS" in TEXT
    assert missing == []


def test_every_ward_preference_is_documented() -> None:
    assert [key for key in PREFERENCES if f"`{key}`" not in TEXT] == []


def named_files(text: str) -> set[str]:
    """Repository paths a doc names in backticks (``ui/pages/today.py``)."""
    folders = r"(?:huddle|ui|tests|docs|installer|resources|benchmarks|\.ci)"
    pattern = rf"`({folders}/[\w./-]*\w(?:::[\w\[\]-]+)?)`"
    return {match.split("::")[0] for match in re.findall(pattern, text)}


def test_no_doc_names_a_file_that_does_not_exist() -> None:
    assert sorted(p for p in named_files(TEXT) if not (ROOT / p).exists()) == []


def test_the_path_finder_reads_backticked_paths() -> None:
    text = "see `ui/pages/lists.py` and `tests/x.py::test_y`, not `pip install`"
    assert named_files(text) == {"ui/pages/lists.py", "tests/x.py"}
