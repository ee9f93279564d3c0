"""What every export shares: colours, words for dates, paragraph styles, the page
frame (header, footer, "Page X of Y"), document properties and the atomic write.

A report module builds a list of flowables and hands it to :func:`render_pdf`
with a :class:`PageSetup`; :func:`write_atomically` puts the bytes in place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepInFrame, PageTemplate

from huddle.formatting import clock_time, date_and_time, day_heading, month_and_year, short_date
from huddle.reports import fonts
from huddle.reports.errors import ExportError

NHS_BLUE = colors.HexColor("#005EB8")
DARK_BLUE = colors.HexColor("#003087")
TEXT = colors.HexColor("#212B32")
SECONDARY = colors.HexColor("#4C6272")
BORDER = colors.HexColor("#D8DDE0")
PALE = colors.HexColor("#F0F4F5")
PALE_BLUE = colors.HexColor("#E8F1FA")
GREEN = colors.HexColor("#007F3B")
RED = colors.HexColor("#D5281B")
ORANGE = colors.HexColor("#ED8B00")
PURPLE = colors.HexColor("#330072")
GREY = colors.HexColor("#768692")
WHITE = colors.white

AUTHOR = "Ward Huddle"
LANGUAGE = "en-GB"
MARGIN = 15 * mm
HEADER_H = 12 * mm
FOOTER_H = 10 * mm
Progress = Callable[[int, int], None]


# -- words: the app's one date wording (huddle/formatting.py), "–" for none ----
def fmt_date(day: date | None, *, weekday: bool = False) -> str:
    """6 Aug 2026 (Thu 6 Aug 2026 with ``weekday``)."""
    if day is None:
        return "–"
    return day_heading(day) if weekday else short_date(day)


def fmt_time(moment: datetime | None) -> str:
    return "–" if moment is None else clock_time(moment)


def fmt_moment(moment: datetime) -> str:
    """6 Aug 2026 14:05, in local time."""
    return date_and_time(moment, comma=False)


def fmt_month(day: date) -> str:
    return month_and_year(day, long=True)


def fmt_range(start: date, end: date) -> str:
    return f"{fmt_date(start)} to {fmt_date(end)}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def clip(text: str, limit: int) -> str:
    """Shorten ``text`` to ``limit`` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def markup(text: str, *, limit: int | None = None, keep_lines: bool = False) -> str:
    """Plain text made safe for a Paragraph: XML escaped, line breaks kept if
    asked, and characters the main font lacks set in the fallback font."""
    if keep_lines:
        lines = _clip_lines(text, limit)
    else:
        lines = [clip(text, limit) if limit is not None else " ".join(text.split())]
    return "<br/>".join(_with_fallback(line) for line in lines)


def _clip_lines(text: str, limit: int | None) -> list[str]:
    """The text's lines (blank ones dropped), cut to ``limit`` characters in all."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if limit is None:
        return lines
    kept: list[str] = []
    room = limit
    for line in lines:
        if room <= 1:
            kept[-1] = kept[-1].rstrip("…") + "…"
            break
        kept.append(clip(line, room))
        room -= len(line) + 1
    return kept


def _with_fallback(text: str) -> str:
    main = fonts.covered(fonts.FAMILY)
    if all(ord(ch) in main or ch.isspace() for ch in text):
        return escape(text)
    extra = fonts.covered(fonts.FALLBACK) if fonts.register_fonts().fallback else frozenset()
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        use_fallback = ord(ch) not in main and ord(ch) in extra and not ch.isspace()
        if use_fallback:
            run.append(ch)
            continue
        if run:
            out.append(f'<font name="{fonts.FALLBACK}">{escape("".join(run))}</font>')
            run = []
        out.append(escape(ch))
    if run:
        out.append(f'<font name="{fonts.FALLBACK}">{escape("".join(run))}</font>')
    return "".join(out)


# -- styles -----------------------------------------------------------------
@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    label: ParagraphStyle

    def scaled(self, factor: float) -> Styles:
        """The same styles at another size (the poster is printed at A3)."""
        values = {}
        for name in self.__dataclass_fields__:
            style: ParagraphStyle = getattr(self, name)
            values[name] = ParagraphStyle(
                f"{style.name}x{factor}",
                parent=style,
                fontSize=style.fontSize * factor,
                leading=style.leading * factor,
                spaceBefore=style.spaceBefore * factor,
                spaceAfter=style.spaceAfter * factor,
            )
        return Styles(**values)


def make_styles() -> Styles:
    fonts.register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=fonts.FAMILY,
        fontSize=9.5,
        leading=12.5,
        textColor=TEXT,
        alignment=TA_LEFT,
        splitLongWords=1,
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        title=style("title", fontName=fonts.BOLD, fontSize=20, leading=24, textColor=DARK_BLUE),
        subtitle=style("subtitle", fontSize=12, leading=15, textColor=SECONDARY),
        h1=style(
            "h1", fontName=fonts.BOLD, fontSize=14, leading=17, textColor=DARK_BLUE,
            spaceBefore=8, spaceAfter=4, keepWithNext=1,  # never alone at a page's foot
        ),
        h2=style(
            "h2", fontName=fonts.BOLD, fontSize=11, leading=14, textColor=NHS_BLUE,
            spaceBefore=6, spaceAfter=2, keepWithNext=1,
        ),
        body=base,
        small=style("small", fontSize=8.5, leading=11),
        muted=style("muted", fontSize=8.5, leading=11, textColor=SECONDARY),
        cell=style("cell", fontSize=8.5, leading=10.5),
        cell_bold=style("cell_bold", fontName=fonts.BOLD, fontSize=8.5, leading=10.5),
        cell_head=style(
            "cell_head", fontName=fonts.BOLD, fontSize=8.5, leading=10.5, textColor=WHITE
        ),
        cell_right=style("cell_right", fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
        label=style(
            "label", fontName=fonts.BOLD, fontSize=7.5, leading=9, textColor=SECONDARY
        ),
    )  # fmt: skip


# -- the page ---------------------------------------------------------------
@dataclass(frozen=True)
class PageSetup:
    """What the header and footer say, and the document's properties."""

    ward: str
    report: str  # shown top right, and the PDF title's start
    generated: datetime
    title: str
    subject: str = ""
    pagesize: tuple[float, float] = A4
    margin: float = MARGIN
    scale: float = 1.0  # header and footer text size, 1.0 for A4
    frames: Callable[[PageSetup], list[Frame]] | None = None
    decorate: Callable[[Canvas, PageSetup], None] | None = None  # drawn under each page

    @property
    def body_box(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the area between header and footer."""
        width, height = self.pagesize
        m = self.margin
        top = HEADER_H * self.scale
        bottom = FOOTER_H * self.scale
        return m, m + bottom, width - 2 * m, height - 2 * m - top - bottom


def _draw_header_footer(setup: PageSetup) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = setup.pagesize
        m, s = setup.margin, setup.scale
        canv.saveState()
        if setup.decorate is not None:
            setup.decorate(canv, setup)
        # header: a blue rule, the ward on the left, the report on the right
        canv.setFillColor(NHS_BLUE)
        canv.rect(m, height - m - 3 * s, width - 2 * m, 3 * s, stroke=0, fill=1)
        base = height - m - 16 * s
        canv.setFont(fonts.BOLD, 10 * s)
        canv.setFillColor(DARK_BLUE)
        canv.drawString(m, base, _fit(setup.ward, fonts.BOLD, 10 * s, (width - 2 * m) * 0.55))
        canv.setFont(fonts.FAMILY, 9 * s)
        canv.setFillColor(SECONDARY)
        canv.drawRightString(
            width - m, base, _fit(setup.report, fonts.FAMILY, 9 * s, (width - 2 * m) * 0.42)
        )
        # footer: a hairline, when it was made, and the page number (drawn at save)
        canv.setStrokeColor(BORDER)
        canv.setLineWidth(0.6)
        canv.line(m, m + 12 * s, width - m, m + 12 * s)
        canv.setFont(fonts.FAMILY, 7.5 * s)
        canv.setFillColor(SECONDARY)
        canv.drawString(m, m + 3 * s, f"Generated {fmt_moment(setup.generated)} by Ward Huddle")
        if width > 700:  # room for a reminder between the two footer texts
            canv.drawCentredString(
                width / 2, m + 3 * s, "Check for patient-identifiable information before sharing."
            )
        canv.restoreState()

    return draw


def _fit(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds each page until the end so the footer can say "Page X of Y"."""

    footer_margin = MARGIN
    footer_scale = 1.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._page_number(number, total)
            super().showPage()
        super().save()

    def _page_number(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        m, s = self.footer_margin, self.footer_scale
        self.saveState()
        self.setFont(fonts.FAMILY, 7.5 * s)
        self.setFillColor(SECONDARY)
        self.drawRightString(width - m, m + 3 * s, f"Page {number} of {total}")
        self.restoreState()


def _canvas_for(setup: PageSetup) -> type[NumberedCanvas]:
    return type(
        "ReportCanvas",
        (NumberedCanvas,),
        {"footer_margin": setup.margin, "footer_scale": setup.scale},
    )


def render_pdf(
    setup: PageSetup,
    story: Sequence[Flowable],
    *,
    progress: Progress | None = None,
    templates: Sequence[PageTemplate] = (),
) -> bytes:
    """Lay out ``story`` on pages with the shared header and footer; the PDF bytes."""
    fonts.register_fonts()
    buffer = BytesIO()
    x, y, w, h = setup.body_box
    doc = BaseDocTemplate(
        buffer,
        pagesize=setup.pagesize,
        leftMargin=setup.margin,
        rightMargin=setup.margin,
        topMargin=setup.margin + HEADER_H * setup.scale,
        bottomMargin=setup.margin + FOOTER_H * setup.scale,
        title=setup.title,
        author=AUTHOR,
        creator=AUTHOR,
        producer=AUTHOR,
        subject=setup.subject,
        lang=LANGUAGE,
        initialFontName=fonts.FAMILY,
    )
    frames = (
        setup.frames(setup)
        if setup.frames
        else [
            Frame(
                x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body"
            )
        ]
    )
    draw = _draw_header_footer(setup)
    doc.addPageTemplates(
        [PageTemplate(id="main", frames=frames, onPage=draw, pagesize=setup.pagesize)]
    )
    for template in templates:
        template.beforeDrawPage = draw
        doc.addPageTemplates([template])
    if progress is not None:
        doc.setProgressCallBack(_progress_adapter(progress))
    doc.build(list(story), canvasmaker=_canvas_for(setup))
    return buffer.getvalue()


def _progress_adapter(progress: Progress) -> Callable[[str, int], None]:
    total = [0]

    def on_progress(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            total[0] = max(value, 1)
        elif kind == "PROGRESS" and total[0]:
            progress(min(value, total[0]), total[0])
        elif kind == "FINISHED" and total[0]:
            progress(total[0], total[0])

    return on_progress


# -- writing ----------------------------------------------------------------
def write_atomically(out: Path, make: Callable[[], bytes] | bytes) -> Path:
    """Write the file under a temporary name in the same folder, then rename it.

    A failure at any point leaves no half-written file and an existing file
    untouched. Problems with the folder become an :class:`ExportError`.
    """
    from huddle.output_guard import refuse_unsafe_output

    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    # replacing a chosen file was agreed by the caller; a database, device or folder never is
    refuse_unsafe_output(out, overwrite=True)
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist; choose another folder.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(
            f"Cannot save in {folder}: {_reason(error)}. Choose a folder you can write to."
        ) from None
    temp = Path(temp_name)
    stream = os.fdopen(handle, "wb")
    try:
        with stream:
            data = make() if callable(make) else make
            try:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            except OSError as error:
                raise ExportError(
                    f"Cannot save {out.name} in {folder}: {_reason(error)}."
                ) from None
        with contextlib.suppress(OSError):  # mkstemp makes it private; match a normal file
            os.chmod(temp, out.stat().st_mode & 0o777 if out.exists() else 0o644)
        try:
            os.replace(temp, out)
        except OSError as error:
            raise ExportError(
                f"Cannot replace {out.name} in {folder}: {_reason(error)}. If the file is "
                "open in another program, close it and try again."
            ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return out


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def story_height(story: Sequence[Flowable], width: float) -> float:
    """How tall ``story`` stands laid out ``width`` wide."""
    total = 0.0
    for flowable in story:
        _, h = flowable.wrap(width, 10_000)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def one_page(stories: Iterable[list[Flowable]], width: float, height: float) -> Flowable:
    """The first of ``stories`` (fullest first) that fits ``width`` by ``height`` at full
    size, as one frame; the last one, shrunk, if none does: the type is never shrunk
    while a shorter story would fit."""
    story: list[Flowable] = []
    for story in stories:
        if story_height(story, width) <= height:
            break
    return KeepInFrame(width, height, story, mode="shrink")
