"""Writing safely: whole files or none, and clear messages for folders that refuse."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from huddle.clock import FixedClock
from huddle.errors import HuddleError
from huddle.reports import ExportError, export_huddle_summary
from huddle.reports import summary as summary_module
from huddle.services import HuddleApp
from tests.huddle.reports.ward_data import run_huddle


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_a_read_only_folder_gives_a_clear_error_and_no_file(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    made = run_huddle(app, clock)
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="Cannot save in .*locked"):
            export_huddle_summary(app, huddle_id=made.huddle_id, out=folder / "s.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_folder_that_refuses_the_file_gives_a_clear_error(
    app: HuddleApp, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = run_huddle(app, clock)

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(HuddleError) as caught:
        export_huddle_summary(app, huddle_id=made.huddle_id, out=tmp_path / "s.pdf")
    assert "permission denied" in caught.value.message
    assert "Choose a folder you can write to" in caught.value.message
    assert list(tmp_path.glob("s*")) == []


def test_a_missing_folder_gives_a_clear_error(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    made = run_huddle(app, clock)
    with pytest.raises(ExportError, match="does not exist"):
        export_huddle_summary(app, huddle_id=made.huddle_id, out=tmp_path / "nope" / "s.pdf")


def test_a_failure_midway_leaves_the_old_file_and_no_temporary_one(
    app: HuddleApp, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = run_huddle(app, clock)
    out = tmp_path / "s.pdf"
    out.write_bytes(b"the old file")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("the build failed")

    monkeypatch.setattr(summary_module, "build", broken)
    with pytest.raises(RuntimeError):
        export_huddle_summary(app, huddle_id=made.huddle_id, out=out)
    assert out.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_an_export_replaces_an_existing_file_whole(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    made = run_huddle(app, clock)
    out = tmp_path / "s.pdf"
    out.write_bytes(b"the old file")
    export_huddle_summary(app, huddle_id=made.huddle_id, out=out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
