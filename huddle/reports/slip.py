"""Learning from Excellence thank-you slips: four to an A4 page.

The page is cut into quarters along the dashed guides (each slip sits inside
an A6 quarter); one to four excellence items fill the quarters in reading
order and the rest stay blank.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, FrameBreak, KeepInFrame, Paragraph, Spacer

from huddle.domain import LearningItem, LearningKind
from huddle.errors import ValidationError
from huddle.identifier_refusal import place
from huddle.reports.layout import (
    BORDER,
    NHS_BLUE,
    PALE_BLUE,
    SECONDARY,
    PageSetup,
    Progress,
    Styles,
    fmt_date,
    make_styles,
    markup,
    render_pdf,
)
from huddle.reports.parts import para
from huddle.services.app import HuddleApp

PER_PAGE = 4
GUTTER = 8 * mm
TEXT_LIMIT = 420


@dataclass(frozen=True)
class SlipData:
    ward: str
    generated: datetime
    items: tuple[LearningItem, ...]
    who: dict[str, str]  # learning id -> who was excellent, where named


def gather(app: HuddleApp, learning_ids: Sequence[str]) -> SlipData:
    ids = list(dict.fromkeys(learning_ids))
    if not 1 <= len(ids) <= PER_PAGE:
        raise ValidationError.single(
            "learning_id", "count", f"Choose between one and {PER_PAGE} items for a page of slips."
        )
    items = tuple(app.learning.item(i) for i in ids)
    for item in items:
        if item.kind not in (LearningKind.EXCELLENCE, LearningKind.COMPLIMENT):
            raise ValidationError.single(
                "learning_id",
                "not_excellence",
                f"'{item.title}' is not an excellence item or a compliment; "
                "thank-you slips are for those.",
            )
    return SlipData(
        ward=app.setup.ward().name,
        generated=app.clock.now(),
        items=items,
        who=app.excellence.credits([i.id for i in items]),
    )


def texts(data: SlipData) -> Iterator[tuple[str, str]]:
    for item in data.items:
        for field in ("title", "what_happened", "what_helped", "what_learned"):
            yield place("learning_item", field, item.occurred_on), getattr(item, field)
        yield place("excellence_credit", "who", item.occurred_on), data.who.get(item.id, "")


def _quarters(setup: PageSetup) -> list[Frame]:
    width, height = setup.pagesize
    x0, y0, w, h = setup.body_box
    mid_x, mid_y = width / 2, y0 + h / 2
    boxes = [
        (x0, mid_y + GUTTER / 2, mid_x - GUTTER / 2 - x0, y0 + h - mid_y - GUTTER / 2),
        (mid_x + GUTTER / 2, mid_y + GUTTER / 2, x0 + w - mid_x - GUTTER / 2,
         y0 + h - mid_y - GUTTER / 2),
        (x0, y0, mid_x - GUTTER / 2 - x0, mid_y - GUTTER / 2 - y0),
        (mid_x + GUTTER / 2, y0, x0 + w - mid_x - GUTTER / 2, mid_y - GUTTER / 2 - y0),
    ]  # fmt: skip
    return [Frame(x, y, fw, fh, leftPadding=14, rightPadding=14, topPadding=14,
                  bottomPadding=12, id=f"slip{i}", showBoundary=0)
            for i, (x, y, fw, fh) in enumerate(boxes)]  # fmt: skip


def _cut_guides(canv: Canvas, setup: PageSetup, used: int) -> None:
    """Dashed cut lines through the page's middle, and a border round each slip."""
    width, height = setup.pagesize
    x0, y0, w, h = setup.body_box
    canv.setStrokeColor(BORDER)
    canv.setDash(4, 3)
    canv.setLineWidth(0.6)
    canv.line(width / 2, 0, width / 2, height)
    canv.line(0, y0 + h / 2, width, y0 + h / 2)
    canv.setDash()
    canv.setStrokeColor(NHS_BLUE)
    canv.setLineWidth(2)
    for frame in _quarters(setup)[:used]:
        canv.roundRect(frame._x1, frame._y1, frame._width, frame._height, 6)


def build(data: SlipData, *, progress: Progress | None = None) -> bytes:
    styles = make_styles()
    setup = PageSetup(
        ward=data.ward,
        report="Learning from Excellence",
        generated=data.generated,
        title=f"Thank-you slips, {data.ward}",
        subject="Learning from Excellence thank-you slips, four to a page",
        frames=_quarters,
        decorate=lambda canv, page: _cut_guides(canv, page, len(data.items)),
    )
    frame = _quarters(setup)[0]
    inner_w = frame._width - 28
    inner_h = frame._height - 26
    story: list[Flowable] = []
    for number, item in enumerate(data.items):
        if number:
            story.append(FrameBreak())
        slip = _slip(item, data.ward, styles, data.who.get(item.id, ""))
        story.append(KeepInFrame(inner_w, inner_h, slip, mode="shrink"))
    return render_pdf(setup, story, progress=progress)


def _slip(item: LearningItem, ward: str, styles: Styles, who: str = "") -> list[Flowable]:
    thanks = styles.title.clone("thanks", fontSize=30, leading=34, textColor=NHS_BLUE,
                                alignment=TA_CENTER)  # fmt: skip
    kicker = styles.label.clone("kicker", alignment=TA_CENTER, fontSize=8, textColor=SECONDARY)
    title = styles.h2.clone("slip_title", alignment=TA_CENTER, fontSize=12, leading=15)
    story: list[Flowable] = [
        Paragraph("LEARNING FROM EXCELLENCE", kicker),
        Spacer(1, 4),
        Paragraph("Thank you", thanks),
        *(
            [
                Paragraph(
                    markup(who), title.clone("who", fontSize=15, leading=19, textColor=NHS_BLUE)
                )
            ]
            if who
            else []
        ),
        Spacer(1, 6),
        Paragraph(markup(item.title), title),
        Paragraph(markup(fmt_date(item.occurred_on)), kicker),
        Spacer(1, 8),
    ]
    for label, text in (
        # Learning from Excellence's three questions: who, what they did, what we learn
        ("What they did", item.what_happened),
        ("What made it go so well", item.what_helped),
        ("What we can all learn", item.what_learned),
    ):
        if text.strip():
            story.append(Paragraph(markup(label.upper()), styles.label))
            story.append(para(text, styles.small, limit=TEXT_LIMIT))
            story.append(Spacer(1, 5))
    sign = styles.body.clone("sign", alignment=TA_CENTER, backColor=PALE_BLUE, borderPadding=5)
    story += [Spacer(1, 6), Paragraph(f"From everyone on <b>{markup(ward)}</b>", sign)]
    return story
