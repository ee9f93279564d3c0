"""An export cut off half-way (an error, or the PC killed mid-write) leaves no
truncated file: the PDF is whole or not there, and an older copy survives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from huddle.reports import action_log, export_action_log
from huddle.services import HuddleApp

ROOT = Path(__file__).resolve().parents[2]
KILLS = 8


def busy_ward(app: HuddleApp, count: int = 250) -> None:
    for n in range(count):
        app.actions.create_action(
            title=f"Action {n}: check the hoist sling sizes", detail="Agreed at the huddle. " * 12
        )


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.suffix in (".part", ".pdf", ".csv")]


@pytest.mark.parametrize("out_name", ["log.pdf", "log.csv"])
def test_an_error_mid_export_leaves_no_file_and_keeps_the_old_one(
    app: HuddleApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out_name: str
) -> None:
    busy_ward(app, 20)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    out = out_dir / out_name

    def fail_half_way(data, **_options):
        raise OSError("the USB stick was pulled out")

    monkeypatch.setattr(action_log, "build", fail_half_way)
    monkeypatch.setattr(action_log, "build_csv", fail_half_way)
    with pytest.raises(OSError, match="USB stick"):
        export_action_log(app, out=out, status="all")
    assert leftovers(out_dir) == []  # nothing truncated, no temporary file
    out.write_bytes(b"the earlier export")
    with pytest.raises(OSError):
        export_action_log(app, out=out, status="all")
    assert out.read_bytes() == b"the earlier export"
    assert leftovers(out_dir) == [out]


@pytest.mark.slow
def test_killing_an_export_at_random_never_leaves_a_truncated_pdf(
    app: HuddleApp, tmp_path: Path
) -> None:
    busy_ward(app)
    app.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rng = random.Random(926)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outcomes = {"whole": 0, "absent": 0}
    for trial in range(KILLS):
        out = tmp_path / f"log-{trial}.pdf"
        export = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "huddle.cli.main",
                "export",
                "actions",
                "--db",
                str(app.path),
                "--out",
                str(out),
                "--status",
                "all",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 2.0))
        export.send_signal(signal.SIGKILL)
        export.wait(timeout=30)
        if out.exists():
            pages = PdfReader(out).pages  # a whole, readable PDF
            assert len(pages) >= 1, f"trial {trial}"
            outcomes["whole"] += 1
        else:
            outcomes["absent"] += 1
        assert not [p for p in tmp_path.glob("log-*.pdf") if p.stat().st_size == 0]
    assert sum(outcomes.values()) == KILLS
    print(f"export kills: {outcomes}")
