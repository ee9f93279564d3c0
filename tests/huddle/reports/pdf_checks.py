"""Reading exported PDFs back: text with its position, fonts, rendering."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float


def page_texts(path: Path) -> list[str]:
    """Each page's text with runs of white space (line breaks too) made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def positioned(path: Path, page_number: int = 0) -> tuple[list[Word], float, float]:
    """Each text run on a page with where it starts, and the page's size."""
    page = PdfReader(path).pages[page_number]
    found: list[Word] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Word(text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    box = page.mediabox
    return found, float(box.width), float(box.height)


def where(words: list[Word], text: str) -> Word:
    for word in words:
        if text in word.text:
            return word
    raise AssertionError(f"{text!r} not on the page: {[w.text for w in words][:40]}")


def unembedded_fonts(path: Path) -> list[str]:
    """Fonts used on any page whose descriptor carries no embedded font file."""
    missing = []
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get("/Font", {})
        for name, ref in fonts.items():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3")):
                missing.append(f"{name}={font.get('/BaseFont')}")
    return missing


def render_variances(path: Path, tmp_path: Path) -> list[float]:
    """Render every page with pdftoppm (greyscale, 40 dpi) and measure each page's
    pixel variance: a blank page is near 0."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    prefix = tmp_path / "render"
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(path), str(prefix)], check=True)
    variances = []
    for image in sorted(tmp_path.glob("render*.pgm")):
        pixels = _read_pgm(image)
        mean = sum(pixels) / len(pixels)
        variances.append(sum((p - mean) ** 2 for p in pixels) / len(pixels))
    return variances


def _read_pgm(path: Path) -> bytes:
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:  # magic, width, height, maxval
        while data[position : position + 1].isspace():
            position += 1
        start = position
        while not data[position : position + 1].isspace():
            position += 1
        fields.append(data[start:position])
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    return data[position + 1 : position + 1 + width * height]
