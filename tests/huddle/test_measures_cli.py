"""``huddle measures`` (#15 item 2): every active measure as the app shows it on a date."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from huddle.cli.main import main
from huddle.services import HuddleApp

KEYS = {
    "id", "name", "unit", "better", "chart", "as_of", "latest", "centre", "lower_limit",
    "upper_limit", "variation", "assurance", "variation_label", "assurance_label",
}  # fmt: skip


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ward(app: HuddleApp, db_path: Path) -> Path:
    falls = app.measures.define_measure(
        name="Falls", unit="falls", better="down", period="week", target=8
    )
    start = date(2026, 1, 5)
    values = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 9, 11, 6, 5, 7, 6, 5, 6, 7, 6]
    app.measures.record_points(
        falls.id, [(start + timedelta(weeks=w), v) for w, v in enumerate(values)]
    )
    app.measures.define_measure(name="Hand hygiene", unit="%", better="up", period="month")
    archived = app.measures.define_measure(name="Old measure")
    app.measures.archive_measure(archived.id, expected_version=archived.version)
    return db_path


def test_json_has_every_active_measure_in_the_apps_words(capsys, ward: Path, app) -> None:
    code, out, err = run(capsys, "measures", "--db", str(ward), "--as-of", "2026-05-31", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [r["name"] for r in rows] == ["Falls", "Hand hygiene"]  # not the archived one
    falls = rows[0]
    assert KEYS <= set(falls)
    chart = app.charts.chart(falls["id"], as_of=date(2026, 5, 31))
    assert falls["as_of"] == "2026-05-31"
    assert falls["latest"] == {"date": "2026-05-18", "value": 6.0}
    assert falls["better"] == "down" and falls["chart"] == "xmr"
    assert falls["variation_label"] == chart.verdict.variation_label == "Improvement (low)"
    assert falls["assurance_label"] == chart.verdict.assurance_label
    assert falls["upper_limit"] == chart.verdict.upper_limit
    assert rows[1]["latest"] is None and rows[1]["variation_label"] == "Too few points"
    assert "Infinity" not in out and "NaN" not in out


def test_as_of_judges_only_the_points_up_to_that_day(capsys, ward: Path) -> None:
    _, out, _ = run(capsys, "measures", "--db", str(ward), "--as-of", "2026-03-08", "--json")
    falls = json.loads(out)[0]
    assert falls["latest"] == {"date": "2026-03-02", "value": 10.0}
    assert falls["variation_label"] == "Common cause"


def test_csv_is_the_icons_summary(capsys, ward: Path) -> None:
    code, out, _ = run(capsys, "measures", "--db", str(ward), "--as-of", "2026-05-31", "--csv")
    assert code == 0
    rows = list(csv.reader(out.lstrip("\ufeff").splitlines()))
    assert rows[0][0] == "Measure" and rows[0][-2:] == ["Variation", "Assurance"]
    assert rows[1][0] == "Falls" and rows[1][-2] == "Improvement (low)"
    assert rows[1][7] == "8"  # the target


@pytest.mark.parametrize(
    "argv",
    [
        ["measures", "--json", "--csv"],
        ["measures"],
        ["measures", "--as-of", "31/05/2026", "--json"],
    ],
)
def test_bad_usage_exits_2(capsys, ward: Path, argv: list[str]) -> None:
    code, _, err = run(capsys, *argv, "--db", str(ward))
    assert code == 2 and err


def test_a_missing_database_is_one_line(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "measures", "--db", str(tmp_path / "none.db"), "--json")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "no database" in err


def test_printf_example_from_the_issue(capsys, monkeypatch) -> None:
    """printf '1,NA,3,4,2' | huddle spc xmr: limits -1.49 and 6.49, five points, the second
    missing."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("1,NA,3,4,2"))
    code, out, _ = run(capsys, "spc", "xmr")
    result = json.loads(out)
    assert code == 0 and result["n"] == 5
    assert [p["value"] for p in result["points"]] == [1.0, None, 3.0, 4.0, 2.0]
    assert (round(result["lpl"], 2), round(result["upl"], 2)) == (-1.49, 6.49)
    assert '"lpl": -1.49, "upl": 6.49' in out  # as printed, without floating-point noise
