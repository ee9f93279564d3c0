"""``huddle spc``: the JSON contract, exit codes and help, end to end through main()."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from huddle.cli import spc_commands
from huddle.cli.main import main

XMR_KEYS = {"chart", "n", "mean", "amr", "lpl", "upl", "trial", "points", "variation", "assurance"}
RUN_KEYS = {"chart", "n", "median", "useful", "runs", "runs_range", "points", "signals"}
# #15 added the words every screen prints (keys are only ever added)
XMR_KEYS |= {"no_variation", "variation_label", "assurance_label"}
RUN_KEYS |= {"variation_label"}


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdin: str,
    *argv: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_xmr_prints_the_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        monkeypatch,
        capsys,
        "1 2,3\n4 5 6 7\n3, 3 3",
        "spc",
        "xmr",
        "--better",
        "up",
        "--target",
        "2",
    )
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert set(result) == XMR_KEYS
    assert result["chart"] == "xmr"
    assert result["n"] == 10
    assert result["mean"] == pytest.approx(3.7)
    assert result["amr"] == pytest.approx(0.75)
    assert result["lpl"] == pytest.approx(3.7 - 2.66 * 0.75)
    assert result["upl"] == pytest.approx(3.7 + 2.66 * 0.75)
    assert result["trial"] is True
    assert all(set(p) == {"value", "rules", "type"} for p in result["points"])
    assert result["points"][0] == {
        "value": 1.0,
        "rules": ["outside", "trend", "two_of_three"],
        "type": "concern",
    }
    assert result["points"][3] == {"value": 4.0, "rules": ["trend"], "type": "improvement"}
    assert result["points"][-1] == {"value": 3.0, "rules": [], "type": "common_cause"}
    assert result["variation"] == "common_cause"
    assert result["assurance"] == "inconsistent"


def test_xmr_options_reach_the_chart(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = " ".join(["10 12"] * 5 + ["10 40"])
    _, out, _ = run(monkeypatch, capsys, values, "spc", "xmr")
    screened = json.loads(out)
    _, out, _ = run(monkeypatch, capsys, values, "spc", "xmr", "--no-screen")
    unscreened = json.loads(out)
    assert screened["amr"] == 2
    assert unscreened["amr"] == pytest.approx(50 / 11)
    assert screened["assurance"] is None
    _, out, _ = run(monkeypatch, capsys, values + " 100", "spc", "xmr", "--baseline", "12")
    fixed = json.loads(out)
    assert fixed["mean"] == pytest.approx(160 / 12)
    assert fixed["points"][-1]["type"] == "neutral_high"
    assert fixed["trial"] is False


def test_run_prints_the_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, "1 2 3 4 5 6 7 8 9 10", "spc", "run")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert set(result) == RUN_KEYS
    assert result == {
        "chart": "run",
        "n": 10,
        "median": 5.5,
        "useful": 10,
        "runs": 2,
        "runs_range": [3, 9],
        "points": [{"value": float(v), "rules": ["trend"]} for v in range(1, 11)],
        "signals": ["trend", "too_few_runs"],
        "variation_label": "Run chart signal: trend, too few runs",
    }


def test_run_with_few_points_has_no_runs_range(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(monkeypatch, capsys, "4 1 4 1 4 1", "spc", "run", "--baseline", "2")
    result = json.loads(out)
    assert result["runs_range"] is None
    assert result["median"] == 2.5


@pytest.mark.parametrize(
    ("chart", "stdin"),
    [("xmr", "1 2 abc"), ("run", "abc"), ("xmr", "7"), ("run", ""), ("xmr", "1 nan")],
)
def test_bad_input_exits_1_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chart: str, stdin: str
) -> None:
    code, out, err = run(monkeypatch, capsys, stdin, "spc", chart)
    assert code == 1
    assert out == ""
    assert err.startswith("huddle spc: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["spc", "xmr", "--better", "sideways"],
        ["spc", "xmr", "--baseline", "1"],
        ["spc", "xmr", "--baseline", "x"],
        ["spc", "xmr", "--target", "inf"],
        ["spc", "run", "--colour"],
        ["spc", "pie"],
        ["spc"],
    ],
)
def test_bad_flags_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("1 2 3"))
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "mentions"),
    [
        (["spc", "--help"], ["xmr", "run"]),
        (["spc", "xmr", "--help"], ["--baseline", "--better", "--target", "--no-screen"]),
        (["spc", "run", "--help"], ["--baseline", "median"]),
    ],
)
def test_help(capsys: pytest.CaptureFixture[str], argv: list[str], mentions: list[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    for word in mentions:
        assert word in out


def test_register_sets_a_handler_on_each_chart() -> None:
    parser = argparse.ArgumentParser()
    spc_commands.register(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["spc", "xmr"]).handler is spc_commands.run_xmr
    assert parser.parse_args(["spc", "run"]).handler is spc_commands.run_run
