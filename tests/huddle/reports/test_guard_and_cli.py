"""Identifiers stop an export (unless allowed); the export commands end to end; fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.cli.main import main
from huddle.clock import FixedClock
from huddle.identifiers import is_valid_nhs_number as nhs_number_valid
from huddle.reports import IdentifiersFoundError, export_action_log, export_huddle_summary
from huddle.reports.fonts import LIBERATION, choose_fonts
from huddle.reports.guard import check_texts, find_identifiers
from huddle.resources import resources_dir
from huddle.services import HuddleApp
from tests.helpers.identifiers import written_before_the_guard
from tests.huddle.reports.ward_data import VALID_NHS_NUMBER, run_huddle


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("943 476 5919", True),
        ("943-476-5919", True),
        ("9434765919", True),
        ("943 476 5918", False),  # wrong check digit
        ("94347659190", False),  # part of a longer number
        ("943 476-5919", True),  # mixed separators: any run of them separates (issue 14)
        ("ward 7, bed 12, 3 falls", False),
    ],
)
def test_nhs_number_check(text: str, found: bool) -> None:
    assert bool(find_identifiers(f"seen {text} today")) is found


def test_check_digit_of_ten_is_never_valid() -> None:
    # 0000000060: weights give a remainder of 1, so the check digit would be 10
    assert not nhs_number_valid("0000000060")
    assert nhs_number_valid("4010232137")


def test_findings_are_masked_and_name_where_they_are() -> None:
    where = "the what happened of the learning item of 3 Aug 2026"
    with pytest.raises(IdentifiersFoundError) as caught:
        check_texts([(where, f"NHS no {VALID_NHS_NUMBER}")])
    assert caught.value.findings == [(where, "an NHS number")]
    assert VALID_NHS_NUMBER not in caught.value.message and "19" not in caught.value.message
    assert caught.value.message == f"not exported: an NHS number in {where}"
    check_texts([("x", VALID_NHS_NUMBER)], allow_identifiers=True)


def test_identifiers_stop_the_export_before_anything_is_written(
    app: HuddleApp, clock: FixedClock, tmp_path: Path
) -> None:
    with written_before_the_guard(app):
        made = run_huddle(app, clock, notes=f"Bed 3 is {VALID_NHS_NUMBER}")
    out = tmp_path / "s.pdf"
    with pytest.raises(IdentifiersFoundError) as caught:
        export_huddle_summary(app, huddle_id=made.huddle_id, out=out)
    assert len(caught.value.findings) == 3  # the three sections with notes
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
    export_huddle_summary(app, huddle_id=made.huddle_id, out=out, allow_identifiers=True)
    assert out.exists()


def test_identifiers_in_the_csv_log_are_checked_too(app: HuddleApp, tmp_path: Path) -> None:
    with written_before_the_guard(app):
        app.actions.create_action(title="Follow up", detail=f"re {VALID_NHS_NUMBER}")
    with pytest.raises(
        IdentifiersFoundError, match=r"an NHS number in the detail of the action of 6 Aug 2026"
    ):
        export_action_log(app, out=tmp_path / "log.csv")


# -- the command line ---------------------------------------------------------
@pytest.fixture
def ward_db(app: HuddleApp, clock: FixedClock, db_path: Path) -> tuple[Path, str]:
    made = run_huddle(app, clock)
    return db_path, made.excellence_id


def test_export_commands_end_to_end(
    ward_db: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, excellence = ward_db
    runs = [
        ["summary", "--out", str(tmp_path / "s.pdf")],
        ["report", "--from", "2026-07-01", "--to", "2026-08-31", "--out", str(tmp_path / "r.pdf")],
        ["actions", "--status", "all", "--out", str(tmp_path / "a.pdf")],
        ["actions", "--out", str(tmp_path / "a.csv")],
        ["poster", "--month", "2026-08", "--out", str(tmp_path / "p.pdf")],
        ["slip", "--learning", excellence, "--out", str(tmp_path / "t.pdf")],
    ]
    for args in runs:
        assert main(["export", args[0], "--db", str(db), *args[1:]]) == 0, args
        out = Path(args[-1])
        assert out.exists() and out.stat().st_size > 200
        assert f"Saved {out}" in capsys.readouterr().out


def test_export_command_stops_on_identifiers(
    app: HuddleApp, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with written_before_the_guard(app):
        item = app.learning.record_learning(
            kind="incident", title="Fall in bay 4", what_happened=f"Patient {VALID_NHS_NUMBER} fell"
        )
    out = tmp_path / "r.pdf"
    args = ["export", "report", "--db", str(db_path), "--from", "2026-08-01", "--to",
            "2026-08-31", "--out", str(out)]  # fmt: skip
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "huddle export: not exported: an NHS number in the what happened of the learning item "
        "of 6 Aug 2026; edit it out, or if it is not an identifier pass --allow-identifiers"
    )
    assert "\n" not in err and not out.exists()
    assert main([*args, "--allow-identifiers"]) == 0 and out.exists()
    assert item.id


def test_export_command_problems_and_usage(
    ward_db: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = ward_db
    assert main(["export", "summary", "--db", str(tmp_path / "none.db"),
                 "--out", str(tmp_path / "s.pdf")]) == 1  # fmt: skip
    assert "There is no database" in capsys.readouterr().err
    assert main(["export", "summary", "--db", str(db), "--huddle", "nope",
                 "--out", str(tmp_path / "s.pdf")]) == 1  # fmt: skip
    assert "No huddle with id nope" in capsys.readouterr().err
    assert main(["export", "summary", "--db", str(db),
                 "--out", str(tmp_path / "missing" / "s.pdf")]) == 1  # fmt: skip
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["export", "report", "--db", str(db), "--from", "August", "--to", "2026-08-31",
              "--out", "x.pdf"])  # fmt: skip
    assert usage.value.code == 2
    capsys.readouterr()


# -- fonts ----------------------------------------------------------------------
def test_arial_is_chosen_when_all_four_faces_are_there(tmp_path: Path) -> None:
    for name in ("arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf"):
        (tmp_path / name).write_bytes(b"")
    choice = choose_fonts([tmp_path])
    assert choice.name == "Arial" and choice.files[1].name == "arialbd.ttf"
    (tmp_path / "arialbi.ttf").unlink()
    choice = choose_fonts([tmp_path])
    assert choice.name == "Liberation Sans"
    assert all(f.is_file() for f in choice.files)


def test_shipped_fonts_and_licence_are_found() -> None:
    # The installed package, wherever it is (tests/installer/test_wheel.py
    # checks a wheel; PyInstaller's importer resolves the same call).
    folder = resources_dir() / "fonts"
    assert all((folder / name).is_file() for name in LIBERATION)
    assert "SIL OPEN FONT LICENSE" in (folder / "OFL.txt").read_text(encoding="utf-8")
