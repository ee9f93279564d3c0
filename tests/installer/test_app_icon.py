"""The app icon: hand-drawn SVG, its PNG sizes and the Windows .ico."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import build_deb
import pytest

from tests.installer.conftest import ROOT

ICONS = ROOT / "resources" / "icons" / "app"


def test_svg_source_is_nhs_blue_and_square() -> None:
    root = ET.parse(ICONS / "ward-huddle.svg").getroot()
    assert root.get("viewBox") == "0 0 512 512"
    assert "#005EB8" in (ICONS / "ward-huddle.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", build_deb.ICON_SIZES)
def test_png_sizes(size: int) -> None:
    data = (ICONS / f"ward-huddle-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_ico_holds_the_sizes_windows_uses() -> None:
    data = (ICONS / "ward-huddle.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 24, 32, 48, 256} <= sizes
