"""SPC edge cases (#15), each through the one engine the app uses and the command line."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest

from huddle.cli.main import main
from huddle.domain import Period
from huddle.errors import ValidationError
from huddle.services.charts import missing_before
from huddle.spc.run_chart import run_chart
from huddle.spc.verdict import xmr_verdict
from huddle.spc.xmr import xmr_chart


def spc(monkeypatch, capsys, stdin: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main(["spc", *argv])
    except SystemExit as stop:  # argparse's usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("stdin", ["1,NA,3,4,2", "1,,3,4,2", "1 NA 3 4 2", "1\nna\n3\n4\n2"])
def test_a_missing_period_keeps_its_place_and_breaks_the_moving_range(
    monkeypatch, capsys, stdin: str
) -> None:
    code, out, err = spc(monkeypatch, capsys, stdin, "xmr")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["n"] == 5
    assert result["points"][1]["value"] is None
    # mean of 1, 3, 4, 2; moving ranges |4-3| and |2-4| only (NHSRplotthedots' NA)
    assert round(result["lpl"], 2) == -1.49 and round(result["upl"], 2) == 6.49


def test_a_missing_value_breaks_a_shift() -> None:
    values: list[float | None] = [1, 2, 1, 2, 1, 2, 1, 2, 9, 9, 9, None, 9, 9, 9, 9]
    chart = xmr_chart(values)
    assert "shift" not in chart.points[8].rules  # 3 then a gap then 4: never 7 in a row
    whole = xmr_chart([v if v is not None else 9 for v in values])
    assert "shift" in whole.points[8].rules


def test_a_period_nobody_recorded_breaks_the_moving_range_in_the_app() -> None:
    start = date(2026, 1, 5)
    weeks = [start + timedelta(weeks=w) for w in (0, 1, 2, 5, 6)]
    assert missing_before(weeks, Period.WEEK) == [3]
    chart = xmr_chart([1, 2, 3, 30, 31], gaps_before=[3])
    assert chart.amr == pytest.approx(1.0)  # the jump across the gap is not a moving range
    months = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 4, 1)]
    assert missing_before(months, Period.MONTH) == [2]


@pytest.mark.parametrize("stdin", ["1e308 -1e308 1e308", "1e308 1.7e308 1e308 1.7e308"])
def test_overflowing_arithmetic_is_one_line_never_infinity(monkeypatch, capsys, stdin) -> None:
    code, out, err = spc(monkeypatch, capsys, stdin, "xmr")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "too large to chart" in err
    assert "Traceback" not in err and "Infinity" not in err


def test_an_infinite_median_is_one_line(monkeypatch, capsys) -> None:
    code, out, err = spc(monkeypatch, capsys, "1.5e308 1.7e308", "run")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "too large to chart" in err


@pytest.mark.parametrize("better", ["up", "down"])
def test_a_target_exactly_on_a_limit_is_hit_and_miss(better: str) -> None:
    base = xmr_chart([10, 12, 11, 13, 10, 12, 11, 12, 10, 13, 11, 12])
    for target in (base.lpl, base.upl):
        chart = xmr_chart(base.values, better=better, target=target)  # type: ignore[arg-type]
        assert chart.assurance == "inconsistent"
        assert xmr_verdict(chart).assurance_label == "Hit and miss target"


def test_target_without_better_is_a_usage_error(monkeypatch, capsys) -> None:
    code, out, err = spc(monkeypatch, capsys, "1 2 3", "xmr", "--target", "2")
    assert (code, out) == (2, "")
    assert "--target needs --better" in err


@pytest.mark.parametrize("token", ["1_000", "nan", "inf", "0x10", "1,5e"])
def test_only_plain_numbers_are_numbers(monkeypatch, capsys, token: str) -> None:
    code, out, err = spc(monkeypatch, capsys, f"1 2 {token}", "xmr")
    assert (code, out) == (1, "")
    assert "not a" in err and err.count("\n") == 1


def test_underscore_target_is_a_usage_error(monkeypatch, capsys) -> None:
    code, _, err = spc(monkeypatch, capsys, "1 2", "xmr", "--better", "up", "--target", "1_0")
    assert code == 2 and "not a number" in err


def test_every_moving_range_zero_says_no_variation_yet(monkeypatch, capsys) -> None:
    code, out, _ = spc(monkeypatch, capsys, "5 5 5 5 5", "xmr", "--better", "up", "--target", "4")
    result = json.loads(out)
    assert code == 0
    assert result["no_variation"] is True and result["assurance"] is None
    assert result["variation_label"] == "No variation yet"
    assert result["assurance_label"] == "No variation yet"


def test_run_baseline_accepts_what_the_api_accepts(monkeypatch, capsys) -> None:
    assert run_chart([1, 2, 3], baseline=1).median == 1
    code, out, _ = spc(monkeypatch, capsys, "1 2 3", "run", "--baseline", "1")
    assert code == 0 and json.loads(out)["median"] == 1
    code, _, err = spc(monkeypatch, capsys, "1 2 3", "run", "--baseline", "0")
    assert code == 2 and "at least 1" in err
    with pytest.raises(ValidationError):
        run_chart([1, 2, 3], baseline=0)
