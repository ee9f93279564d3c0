"""Building blocks the reports share: headings, key-figure tiles, tables,
variation and assurance icons, and the 21-day huddle record strip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeAlias

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Table, TableStyle

from huddle.reports import fonts
from huddle.reports.layout import (
    BORDER,
    GREEN,
    GREY,
    NHS_BLUE,
    ORANGE,
    PALE,
    PALE_BLUE,
    SECONDARY,
    WHITE,
    Styles,
    markup,
)
from huddle.spc.icon_shapes import DOT_RADIUS, Dot, Path, Ring, Shape, verdict_shapes
from huddle.spc.verdict import Verdict

Cell: TypeAlias = str | Flowable


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float | None] | None = None,
    commands: Sequence[tuple[Any, ...]] = (),
    **options: Any,
) -> PagedTable:
    """A reportlab Table whose every cell uses the embedded font (never Helvetica)."""
    made = PagedTable([list(r) for r in rows], colWidths=None if widths is None else list(widths),
                 **options)  # fmt: skip
    made.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY), *commands]))
    return made


MIN_ROWS = 2  # a table split across pages keeps at least this many rows on each side
TAIL_SHARE = 0.3  # a table that ends a document fills at least this much of its last page


class PagedTable(Table):  # type: ignore[misc]  # reportlab has no type hints
    """A house table that breaks across pages the way a reader expects.

    It never carries fewer than :data:`MIN_ROWS` rows to a new page (so never its
    last row, or the "+34 more" line, alone under a repeated header) and never
    leaves fewer at the foot of a page. Given ``page_height`` (the table ends the
    document), the rows on its last page fill at least :data:`TAIL_SHARE` of a
    page, so the last page is never nearly empty.
    """

    page_height: float | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        height = availHeight
        plain: list[Flowable] | None = None  # reportlab's own split, the fallback
        while True:
            parts: list[Flowable] = Table.split(self, availWidth, height)
            if len(parts) != 2:
                return parts
            plain = plain or parts
            kept = len(parts[0]._cellvalues) - head
            if kept < MIN_ROWS:
                # start the table on the next page; at the top of one already, split as it can
                return plain if getattr(getattr(self, "_frame", None), "_atTop", False) else []
            carried = len(self._cellvalues) - head - kept
            if carried >= MIN_ROWS and not self._tail_too_short(carried):
                for part in parts:  # the rest splits again by the same rules
                    part.page_height = self.page_height
                return parts
            height -= float(self._rowHeights[head + kept - 1])  # one more row goes over

    def _tail_too_short(self, carried: int) -> bool:
        """True when the carried rows end the document on a nearly empty page."""
        if self.page_height is None:
            return False
        heights: list[float] = list(self._rowHeights)
        rows = sum(heights[-carried:]) + sum(heights[: self.repeatRows])
        return rows < TAIL_SHARE * self.page_height <= rows + sum(heights[:-carried])


def tight(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float | None] | None = None,
    commands: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A layout table without padding (for placing things side by side)."""
    pad = [(f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")]
    return table(rows, widths, [("VALIGN", (0, 0), (-1, -1), "TOP"), *pad, *commands])


def drawing(width: float, height: float) -> Drawing:
    """A Drawing that starts in the embedded font (the renderer's default is Helvetica)."""
    made = Drawing(width, height)
    made.initialFontName = fonts.FAMILY
    return made


def heading(text: str, styles: Styles, *, level: int = 1) -> list[Flowable]:
    style = styles.h1 if level == 1 else styles.h2
    parts: list[Flowable] = [Paragraph(markup(text), style)]
    if level == 1:
        rule = HRFlowable(width="100%", thickness=0.8, color=BORDER, spaceAfter=4)
        rule.keepWithNext = 1  # the heading, its rule and what follows share a page
        parts.append(rule)
    return parts


def para(text: str, style: Any, *, limit: int | None = None) -> Paragraph:
    """A paragraph of plain text (escaped; never read as markup)."""
    return Paragraph(markup(text, limit=limit), style)


def tiles(
    items: Sequence[tuple[str, str, str]], width: float, styles: Styles, *, scale: float = 1.0
) -> Table:
    """Key figures in a row: (label, value, note) each."""
    value_style = styles.title.clone("tile_value", fontSize=18 * scale, leading=21 * scale)
    label_style = styles.label.clone(
        "tile_label", fontSize=7.5 * scale, leading=9 * scale, textColor=SECONDARY
    )
    note_style = styles.muted.clone("tile_note", fontSize=7.5 * scale, leading=9 * scale)
    cells = [
        [Paragraph(markup(label.upper()), label_style),
         Paragraph(markup(value), value_style),
         Paragraph(markup(note), note_style)]
        for label, value, note in items
    ]  # fmt: skip
    gap = 4 * scale
    col = (width - gap * (len(items) - 1)) / len(items)
    inner = [tight([[c] for c in cell], [col - 12 * scale]) for cell in cells]
    row: list[Any] = []
    widths: list[float] = []
    for i, tile in enumerate(inner):
        if i:
            row.append("")
            widths.append(gap)
        row.append(tile)
        widths.append(col)
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for i in range(0, len(row), 2):
        commands += [
            ("BACKGROUND", (i, 0), (i, 0), PALE_BLUE),
            ("LINEBEFORE", (i, 0), (i, 0), 3 * scale, NHS_BLUE),
            ("LEFTPADDING", (i, 0), (i, 0), 8 * scale),
            ("TOPPADDING", (i, 0), (i, 0), 6 * scale),
            ("BOTTOMPADDING", (i, 0), (i, 0), 6 * scale),
        ]
    return table([row], widths, commands)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    styles: Styles,
    *,
    repeat_header: bool = True,
    highlight: Sequence[int] = (),
    empty: str = "Nothing to show.",
    page_height: float | None = None,
) -> Flowable:
    """A table in the house style: blue header row, hairlines, every cell wrapping.

    ``page_height``: the table ends the document, so its last page is kept well filled.
    """
    if not rows:
        return Paragraph(markup(empty), styles.muted)
    head = [Paragraph(markup(h), styles.cell_head) for h in header]
    body = [[c if isinstance(c, Flowable) else para(c, styles.cell) for c in row] for row in rows]
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, BORDER),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for i in range(1, len(body) + 1):
        if i % 2 == 0:
            commands.append(("BACKGROUND", (0, i), (-1, i), PALE))
    for i in highlight:
        commands.append(("LINEBEFORE", (0, i + 1), (0, i + 1), 2.5, ORANGE))
    made = table([head, *body], widths, commands, repeatRows=1 if repeat_header else 0)
    made.page_height = page_height
    return made


def keep(*parts: Flowable) -> KeepTogether:
    return KeepTogether(list(parts))


# -- icons ------------------------------------------------------------------
@dataclass(frozen=True)
class IconSpec:
    colour: Color
    letter: str  # "H", "L", "P", "F", "?" or "" for the common-cause dots
    label: str
    shapes: tuple[Shape, ...] = ()  # the Making Data Count design (huddle.spc.icon_shapes)


def variation_icon(verdict: Verdict) -> IconSpec:
    """The Making Data Count variation icon, in the verdict's own letter, colour and words."""
    return IconSpec(HexColor(verdict.variation_colour), verdict.variation_letter,
                    verdict.variation_label, tuple(verdict_shapes(verdict)[0]))  # fmt: skip


def assurance_icon(verdict: Verdict) -> IconSpec:
    """The Making Data Count assurance icon, in the verdict's own letter, colour and words."""
    return IconSpec(HexColor(verdict.assurance_colour), verdict.assurance_letter,
                    verdict.assurance_label, tuple(verdict_shapes(verdict)[1]))  # fmt: skip


def icon_drawing(spec: IconSpec, size: float) -> Drawing:
    """A Making Data Count icon, drawn from the same shapes as the screen's."""
    d = drawing(size, size)
    for shape in spec.shapes or (Ring(spec.colour.hexval(), False),):
        if isinstance(shape, Ring):
            ring = size * 0.08
            dash = [size * 0.12, size * 0.08] if shape.dashed else None
            d.add(Circle(size / 2, size / 2, size / 2 - ring, strokeColor=HexColor(shape.colour),
                         strokeWidth=ring, fillColor=WHITE, strokeDashArray=dash))  # fmt: skip
        elif isinstance(shape, Path):
            points = [c for x, y in shape.points for c in (x * size, (1 - y) * size)]
            dash = [size * 0.06, size * 0.04] if shape.dashed else None
            d.add(PolyLine(points, strokeColor=HexColor(shape.colour), strokeWidth=size * 0.035,
                           strokeDashArray=dash))  # fmt: skip
        elif isinstance(shape, Dot):
            d.add(Circle(shape.x * size, (1 - shape.y) * size, DOT_RADIUS * size,
                         fillColor=HexColor(shape.colour), strokeColor=None))  # fmt: skip
        else:
            font_size = size * shape.size
            d.add(String(shape.x * size, (1 - shape.y) * size - font_size * 0.36, shape.text,
                         fontName=fonts.BOLD, fontSize=font_size,
                         fillColor=HexColor(shape.colour), textAnchor="middle"))  # fmt: skip
    return d


def icon_with_label(spec: IconSpec, styles: Styles, *, size: float = 14) -> Table:
    """Icon and words side by side, so the meaning never rests on colour alone."""
    label = Paragraph(markup(spec.label), styles.cell)
    return tight([[icon_drawing(spec, size), label]], [size + 4, None],
                 [("VALIGN", (0, 0), (-1, -1), "MIDDLE")])  # fmt: skip


# -- the 21-day record ------------------------------------------------------
def huddle_strip(
    days: Sequence[date], held: set[date], width: float, *, scale: float = 1.0
) -> Drawing:
    """One square per day, filled where a huddle was held, with the day's initial
    and a tick or a dash (so it reads in black and white too)."""
    gap = 2 * scale
    box = min((width - gap * (len(days) - 1)) / max(len(days), 1), 22 * scale)
    height = box + 11 * scale
    d = drawing(width, height)
    for i, day in enumerate(days):
        x = i * (box + gap)
        done = day in held
        d.add(Rect(x, 10 * scale, box, box, fillColor=GREEN if done else WHITE,
                   strokeColor=GREEN if done else BORDER, strokeWidth=0.8))  # fmt: skip
        mark = "✓" if done else "–"
        d.add(String(x + box / 2, 10 * scale + box * 0.3, mark, fontName=fonts.FALLBACK
                     if done and fonts.register_fonts().fallback else fonts.BOLD,
                     fontSize=box * 0.5, fillColor=WHITE if done else GREY,
                     textAnchor="middle"))  # fmt: skip
        d.add(String(x + box / 2, 1 * scale, "MTWTFSS"[day.weekday()], fontName=fonts.FAMILY,
                     fontSize=7 * scale, fillColor=SECONDARY, textAnchor="middle"))  # fmt: skip
    return d


def sparkline(values: Sequence[float], width: float, height: float) -> Drawing:
    d = drawing(width, height)
    if len(values) < 2:
        return d
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = width / (len(values) - 1)
    points: list[float] = []
    for i, v in enumerate(values):
        points += [i * step, 2 + (v - low) / span * (height - 4)]
    d.add(PolyLine(points, strokeColor=NHS_BLUE, strokeWidth=1))
    d.add(Line(0, 0, width, 0, strokeColor=BORDER, strokeWidth=0.5))
    return d
