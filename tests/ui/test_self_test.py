"""``ward-huddle --self-test`` runs a short huddle through the real widgets."""

from __future__ import annotations

from ui.self_test import run_self_test


def test_the_self_test_passes(qtbot, capsys):
    assert run_self_test() == 0
    assert "self-test passed" in capsys.readouterr().out
