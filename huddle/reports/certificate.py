"""A Learning from Excellence certificate: a milestone of days without a harm.

A landscape A4 page for the huddle to celebrate and pin on the board: the
ward, the level (bronze, silver, gold by default, set in Settings), the number
of days and the day it was reached.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer

from huddle.domain_psirf import Milestone
from huddle.errors import ValidationError
from huddle.identifier_refusal import place
from huddle.reports.layout import (
    DARK_BLUE,
    NHS_BLUE,
    SECONDARY,
    PageSetup,
    Progress,
    fmt_date,
    make_styles,
    markup,
    render_pdf,
)
from huddle.services.app import HuddleApp

LEVEL_COLOURS = {
    "bronze": colors.HexColor("#A0522D"),
    "silver": colors.HexColor("#6B7780"),
    "gold": colors.HexColor("#B8860B"),
    "platinum": colors.HexColor("#4C6272"),
    "diamond": colors.HexColor("#003087"),
}


@dataclass(frozen=True)
class CertificateData:
    ward: str
    generated: datetime
    milestone: Milestone
    reached_on: date  # the day the ward reached the milestone


def gather(app: HuddleApp, *, days: int | None = None) -> CertificateData:
    since = app.board.days_since_last_harm()
    milestones = app.excellence.milestones()
    if days is None:
        milestone = app.excellence.reached(since)
        if milestone is None:
            so_far = "no harm recorded yet" if since is None else f"{since} days without a harm"
            raise ValidationError.single(
                "days",
                "not_reached",
                f"The ward has {so_far}; the first certificate is at {milestones[0].days} days.",
            )
    else:
        found = [m for m in milestones if m.days == days]
        if not found:
            levels = ", ".join(str(m.days) for m in milestones)
            raise ValidationError.single(
                "days", "not_milestone", f"{days} days is not a milestone; choose one of {levels}."
            )
        milestone = found[0]
        if since is not None and since < days:
            raise ValidationError.single(
                "days",
                "not_reached",
                f"The ward has {since} days without a harm, not yet {days}.",
            )
    today = app.clock.today()
    reached = today - timedelta(days=(since or milestone.days) - milestone.days)
    return CertificateData(app.setup.ward().name, app.clock.now(), milestone, reached)


def texts(data: CertificateData) -> Iterator[tuple[str, str]]:
    yield place("ward", "name"), data.ward


def _frame(canv: Canvas, setup: PageSetup, colour: colors.Color) -> None:
    width, height = setup.pagesize
    canv.setStrokeColor(colour)
    canv.setLineWidth(8)
    canv.rect(24, 24, width - 48, height - 48)
    canv.setStrokeColor(NHS_BLUE)
    canv.setLineWidth(1.5)
    canv.rect(36, 36, width - 72, height - 72)


def build(data: CertificateData, *, progress: Progress | None = None) -> bytes:
    styles = make_styles()
    level = data.milestone.level
    colour = LEVEL_COLOURS.get(level, NHS_BLUE)
    setup = PageSetup(
        ward=data.ward,
        report="Learning from Excellence",
        generated=data.generated,
        title=f"{level.capitalize()} certificate, {data.ward}",
        subject=f"{data.milestone.days} days without a harm",
        pagesize=landscape(A4),
        margin=50,
        decorate=lambda canv, page: _frame(canv, page, colour),
    )
    centre = {"alignment": TA_CENTER}
    kicker = styles.label.clone("kicker", fontSize=12, leading=16, textColor=SECONDARY, **centre)
    medal = styles.title.clone("medal", fontSize=44, leading=52, textColor=colour, **centre)
    ward = styles.title.clone("ward", fontSize=30, leading=36, textColor=DARK_BLUE, **centre)
    big = styles.title.clone("days", fontSize=26, leading=32, textColor=NHS_BLUE, **centre)
    body = styles.body.clone("cert_body", fontSize=14, leading=19, **centre)
    story: list[Flowable] = [
        Spacer(1, 10),
        Paragraph("LEARNING FROM EXCELLENCE", kicker),
        Spacer(1, 14),
        Paragraph(f"{markup(level.capitalize())} certificate", medal),
        Spacer(1, 14),
        Paragraph("awarded to everyone on", body),
        Spacer(1, 6),
        Paragraph(markup(data.ward), ward),
        Spacer(1, 16),
        Paragraph(f"{data.milestone.days} days without a harm", big),
        Spacer(1, 8),
        Paragraph(f"reached on {markup(fmt_date(data.reached_on))}", body),
        Spacer(1, 22),
        Paragraph(
            "Thank you for the checks, the handovers and the care that kept our patients "
            "safe. What went well is worth learning from too.",
            body,
        ),
    ]
    return render_pdf(setup, story, progress=progress)
