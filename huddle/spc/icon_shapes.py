"""The Making Data Count icons as shapes, so the screen and every PDF draw one design.

Each icon is a ring in the verdict's colour. Variation icons hold a small run of
points: level and grey for common cause; for a special cause the last two points
step up (H) or down (L) in the signal's colour, under its letter. Assurance
icons hold a dashed target line and the letter P (the points sit on the passing
side), F (on the failing side) or ? (they cross it). "No target" and "too few
points" are a pale dashed ring with a dash, never mistaken for common cause.

Coordinates are in a unit square with y growing downwards (Qt's way); the PDF
drawer flips them.
"""

from __future__ import annotations

from typing import NamedTuple

from huddle.spc.verdict import COMMON_CAUSE, Verdict


class Ring(NamedTuple):
    colour: str
    dashed: bool


class Dot(NamedTuple):
    x: float
    y: float
    colour: str


class Path(NamedTuple):
    points: tuple[tuple[float, float], ...]
    colour: str
    dashed: bool


class Letter(NamedTuple):
    x: float
    y: float  # the centre of the letter
    size: float  # as a fraction of the icon
    text: str
    colour: str


Shape = Ring | Dot | Path | Letter
DOT_RADIUS = 0.055
_XS = (0.24, 0.37, 0.5, 0.63, 0.76)


def _series(ys: tuple[float, ...], colours: tuple[str, ...]) -> list[Shape]:
    shapes: list[Shape] = [Path(tuple(zip(_XS, ys, strict=True)), COMMON_CAUSE, False)]
    shapes += [Dot(x, y, c) for x, y, c in zip(_XS, ys, colours, strict=True)]
    return shapes


def variation_shapes(code: str, colour: str, letter: str) -> list[Shape]:
    """The variation icon for a verdict code (see ``huddle.spc.verdict``)."""
    grey = COMMON_CAUSE
    if letter in ("H", "L"):
        step = -0.1 if letter == "H" else 0.1
        ys = (0.7, 0.66, 0.7, 0.7 + step, 0.7 + 2 * step * 0.9)
        return [
            Ring(colour, False),
            Letter(0.5, 0.33, 0.36, letter, colour),
            *_series(ys, (grey, grey, grey, colour, colour)),
        ]
    if letter == "" or code in ("common_cause", "run_no_signal"):
        return [Ring(colour, False), *_series((0.5, 0.44, 0.56, 0.46, 0.52), (grey,) * 5)]
    return [Ring(colour, letter == "–"), Letter(0.5, 0.5, 0.5, letter, colour)]


def assurance_shapes(code: str, colour: str, letter: str) -> list[Shape]:
    """The assurance icon for a verdict code."""
    if code not in ("pass", "fail", "inconsistent"):
        return [Ring(colour, True), Letter(0.5, 0.5, 0.5, letter, colour)]
    target = Path(((0.18, 0.66), (0.82, 0.66)), colour, True)
    ys = {
        "pass": (0.56, 0.52, 0.57, 0.53, 0.56),
        "fail": (0.76, 0.8, 0.75, 0.79, 0.76),
        "inconsistent": (0.58, 0.74, 0.6, 0.76, 0.62),
    }[code]
    return [
        Ring(colour, False),
        Letter(0.5, 0.3, 0.34, letter, colour),
        target,
        *_series(ys, (COMMON_CAUSE,) * 5),
    ]


def verdict_shapes(verdict: Verdict) -> tuple[list[Shape], list[Shape]]:
    """(variation icon, assurance icon) for a verdict."""
    return (
        variation_shapes(verdict.variation, verdict.variation_colour, verdict.variation_letter),
        assurance_shapes(verdict.assurance, verdict.assurance_colour, verdict.assurance_letter),
    )


__all__ = ["Dot", "Letter", "Path", "Ring", "Shape", "assurance_shapes", "variation_shapes"]
