"""PDF chart drawings: the right parts, the right colours, and readable text in a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, String

from huddle.errors import ValidationError
from huddle.spc import run_chart, xmr_chart
from huddle.spc.drawing import POINT_COLOURS, RUN_SIGNAL_COLOUR, draw_run_chart, draw_xmr_chart

BEFORE = [12.0, 14, 13, 15, 12, 11, 14, 13, 12, 15, 14, 13]
AFTER = [9.0, 8, 9, 7, 8, 9, 8, 7, 8, 30]
LABELS = [f"Wk {i + 1}" for i in range(len(BEFORE) + len(AFTER))]


def part(drawing: Drawing, name: str) -> Group:
    group = getattr(drawing, name)
    assert isinstance(group, Group)
    return group


def texts(drawing: Drawing) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, String):
            found.append(node.text)
        for child in getattr(node, "contents", []):
            walk(child)

    walk(drawing)
    return found


def pdf_text(drawing: Drawing, path: Path) -> str:
    renderPDF.drawToFile(drawing, str(path))
    return PdfReader(str(path)).pages[0].extract_text()


def test_xmr_drawing_has_every_part() -> None:
    chart = xmr_chart([*BEFORE, *AFTER], rebase_at=[12], better="down", target=10)
    drawing = draw_xmr_chart(
        chart,
        width=500,
        height=250,
        title="Falls per 1,000 bed days",
        unit="falls",
        x_labels=LABELS,
        annotations=[(12, "Bed rails audit"), ("Wk 22", "Outbreak")],
    )
    assert (drawing.width, drawing.height) == (500, 250)
    points = part(drawing, "points").contents
    assert len(points) == chart.n
    assert all(isinstance(p, Circle) for p in points)
    assert [p.fillColor for p in points] == [POINT_COLOURS[p.type] for p in chart.points]
    assert POINT_COLOURS["improvement"] in [p.fillColor for p in points]  # the shift down
    assert POINT_COLOURS["concern"] in [p.fillColor for p in points]  # the 30
    limits = part(drawing, "limits").contents
    assert len(limits) == 2 * len(chart.segments)
    assert all(isinstance(line, Line) and line.strokeDashArray for line in limits)
    assert len(part(drawing, "centre_lines").contents) == 2
    assert len(part(drawing, "segment_breaks").contents) == 1
    assert len(part(drawing, "target").contents) == 1
    words = texts(drawing)
    for expected in ("Falls per 1,000 bed days", "falls", "Bed rails audit", "Outbreak", "Wk 1"):
        assert expected in words
    assert "Trial limits" in words  # the second segment has 10 points
    assert any(w.startswith("Mean") for w in words)


def test_trial_label_only_when_limits_are_trial() -> None:
    full = xmr_chart(BEFORE)
    assert not full.trial
    assert "Trial limits" not in texts(draw_xmr_chart(full))
    assert "Trial limits" in texts(draw_xmr_chart(xmr_chart(BEFORE[:8])))


def test_xmr_drawing_renders_to_a_pdf_with_its_text(tmp_path: Path) -> None:
    chart = xmr_chart(BEFORE[:8])
    drawing = draw_xmr_chart(
        chart, title="Pressure ulcers", unit="per week", annotations=[(3, "New mattresses")]
    )
    text = pdf_text(drawing, tmp_path / "xmr.pdf")
    for expected in ("Pressure ulcers", "per week", "New mattresses", "Trial limits", "Mean"):
        assert expected in text


def test_run_drawing_highlights_signals_and_renders(tmp_path: Path) -> None:
    values = [*BEFORE, *AFTER]
    chart = run_chart(values)
    drawing = draw_run_chart(chart, title="Run chart of falls", x_labels=LABELS)
    colours = [p.fillColor for p in part(drawing, "points").contents]
    assert colours == [
        RUN_SIGNAL_COLOUR if p.rules else POINT_COLOURS["common_cause"] for p in chart.points
    ]
    assert RUN_SIGNAL_COLOUR in colours
    text = pdf_text(drawing, tmp_path / "run.pdf")
    assert "Run chart of falls" in text
    assert "Median" in text
    assert "shift" in text


def test_constant_data_draws_without_a_zero_range() -> None:
    drawing = draw_xmr_chart(xmr_chart([5.0] * 12))
    ys = [p.cy for p in part(drawing, "points").contents]
    assert len(set(ys)) == 1


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"x_labels": ["a", "b"]}, "wrong_length"),
        ({"annotations": [(99, "late")]}, "out_of_range"),
        ({"annotations": [("Wk 99", "late")], "x_labels": LABELS[:12]}, "unknown_label"),
    ],
)
def test_bad_labels_and_annotations_are_reported(kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        draw_xmr_chart(xmr_chart(BEFORE), **kwargs)  # type: ignore[arg-type]
    assert raised.value.problems[0].code == code


def test_annotation_labels_never_overlap_each_other() -> None:

    chart = xmr_chart([*BEFORE, *AFTER])
    notes = [
        (18, "PDSA 1: 'What matters to me' board"),
        (18, "PDSA 2: Discharge summaries"),
        (19, "Outbreak on the ward, bay closed"),
        (3, "Bed rails audit"),
    ]
    drawing = draw_xmr_chart(chart, width=500, height=250, annotations=notes)
    labels = [s for s in part(drawing, "annotations").contents if isinstance(s, String)]
    assert len(labels) == len(notes)
    assert_apart(labels)


def assert_apart(labels: list[String], gap: float = 0.0) -> None:
    """No two texts' boxes (width by the font's ascent and descent) overlap, or come
    closer than ``gap`` points; the check the PDSA markers' labels and the lines'
    labels share."""
    from huddle.spc.drawing import text_box

    boxes = [text_box(label) for label in labels]
    for i, (l1, r1, b1, t1) in enumerate(boxes):
        for j, (l2, r2, b2, t2) in enumerate(boxes[i + 1 :], start=i + 1):
            apart = r1 + gap <= l2 or r2 + gap <= l1 or t1 + gap <= b2 or t2 + gap <= b1
            assert apart, f"{labels[i].text!r} and {labels[j].text!r} touch or overlap"


@pytest.mark.parametrize(
    ("values", "kwargs"),
    [
        # hand hygiene after a rebase: mean, target and both limits within 4 points
        (
            [88.0, 86, 84, 90, 89, 86, 86, 90, 71, 86, 87, 86]
            + [96.0, 95.5, 95.8, 95.6, 95.6, 98.3, 98, 97.2, 97, 98.2, 96.2, 96.5, 96.3, 95],
            {"rebase_at": [12], "better": "up", "target": 95.0},
        ),
        # a percentage capped at 100 %: every line crowds the top, a marker on the last point
        (
            [99.0, 98.5, 99.5, 99, 98.8, 99.2, 99, 98.9, 99.4, 99.1, 98.7, 99.3],
            {"better": "up", "target": 99.0},
        ),
        # the target exactly on the mean
        ([4.0, 6, 5, 5, 4, 6, 5, 5, 4, 6, 5, 5], {"better": "down", "target": 5.0}),
    ],
    ids=["rebased", "capped", "target-on-mean"],
)
def test_the_lines_labels_never_touch_each_other_or_a_markers_label(values, kwargs) -> None:
    """#15 item 5: "Mean", "Target" and the limits' labels right of the plot keep
    their lines' order, stay on the drawing and never touch anything drawn."""
    chart = xmr_chart(values, **kwargs)
    last = len(values) - 1
    for width, height in ((480, 240), (480, 150), (300, 120)):
        drawing = draw_xmr_chart(
            chart, width=width, height=height, title="Hand hygiene compliance", unit="%",
            annotations=[(last, "1"), (last - 1, "2"), (last - 2, "3")],
        )  # fmt: skip
        margin = [s for s in part(drawing, "labels").contents if isinstance(s, String)]
        assert [s.text.split()[0] for s in margin][:1] and len(margin) >= 3
        everything = [*margin, *part(drawing, "annotations").contents,
                      *part(drawing, "heading").contents]  # fmt: skip
        assert_apart([s for s in everything if isinstance(s, String)], gap=1.0)
        from huddle.spc.drawing import text_box

        for label in margin:
            left, right, bottom, top = text_box(label)
            assert 0 <= bottom and top <= height and right <= width, label.text
        levels = {"Lower": 0, "Mean": 1, "Target": 1, "Upper": 2}
        ordered = sorted(margin, key=lambda s: s.y)
        ranks = [levels[s.text.split()[0]] for s in ordered]
        assert ranks == sorted(ranks), [s.text for s in ordered]  # the lines' order


def test_an_axis_of_counts_starts_at_zero_not_below() -> None:
    days_without_harm = run_chart([0.0] * 30)
    words = texts(draw_run_chart(days_without_harm, width=500, height=250))
    assert "0" in words
    assert not any(w.startswith("-") for w in words)  # no negative ticks for a count
    assert not any(w.startswith("0.") for w in words)  # nor fractions of an incident
    falls = run_chart([0.0, 1, 0, 2, 0, 1, 3, 0, 1, 0, 2, 1])
    assert not any(w.startswith("-") for w in texts(draw_run_chart(falls)))


def test_numbered_annotation_labels_never_overlap_at_520_points() -> None:
    """#15: PDSA notes are numbered markers (the key prints under the chart); however
    crowded, no label overlaps another, and every number is on the chart."""
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from huddle.spc.drawing import draw_xmr_chart
    from huddle.spc.xmr import xmr_chart

    chart = xmr_chart([10 + (i % 7) for i in range(520)])
    where = sorted({*range(0, 520, 7), 100, 101, 102, 103, 300, 301})
    notes = [(index, str(number)) for number, index in enumerate(where, start=1)]
    drawing = draw_xmr_chart(chart, width=480, height=200, annotations=notes)
    group = drawing.annotations  # the named group (see huddle.spc.drawing)
    labels = [s for s in group.contents if isinstance(s, String)]
    boxes = [(s.x, s.x + stringWidth(s.text, s.fontName, s.fontSize), s.y) for s in labels]
    for i, (left, right, y) in enumerate(boxes):
        for other_left, other_right, other_y in boxes[i + 1 :]:
            if abs(y - other_y) < 1:
                assert right <= other_left or other_right <= left, (labels[i].text, y)
    shown: set[int] = set()
    for s in labels:
        first, _, last = s.text.partition("–")
        shown.update(range(int(first), int(last or first) + 1))
    assert shown == set(range(1, len(notes) + 1))
