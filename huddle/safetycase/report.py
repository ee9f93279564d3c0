"""The clinical safety case report (DCB0129) as a PDF in the app's report style.

Made from the hazard log alone, so it says exactly what the log says: the
release it describes, scope and intended use, the risk matrix, a summary of
every hazard, the open hazards, each hazard's controls with their evidence,
and a sign-off block for the Clinical Safety Officer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from huddle.reports.layout import (
    BORDER,
    NHS_BLUE,
    PALE,
    PageSetup,
    Styles,
    fmt_date,
    make_styles,
    markup,
    plural,
    render_pdf,
)
from huddle.reports.parts import data_table, heading, para, table, tiles
from huddle.safetycase.hazard_log import Hazard, HazardLog, Risk

# Pale backgrounds behind dark text (every pair above 4.5:1); the number and
# words say the same, so nothing depends on the colour.
RATING_COLOURS = {
    1: colors.HexColor("#CCE8D8"),
    2: colors.HexColor("#E6F0C8"),
    3: colors.HexColor("#FFE9A8"),
    4: colors.HexColor("#FACBA8"),
    5: colors.HexColor("#F4B9B4"),
}
KIND_WORDS = {
    "software": "Software",
    "design": "Design",
    "procedure": "Procedure",
    "training": "Training",
    "deployment": "Deployment",
}


@dataclass(frozen=True)
class Release:
    version: str
    made_on: date
    commit: str
    generated: datetime


def build(log: HazardLog, release: Release) -> bytes:
    """The report's PDF bytes."""
    styles = make_styles()
    setup = PageSetup(
        ward="Ward Huddle",
        report="Clinical safety case report (DCB0129)",
        generated=release.generated,
        title=f"Ward Huddle {release.version}: clinical safety case report",
        subject="DCB0129 clinical safety case report and hazard log",
    )
    width = setup.body_box[2]
    story: list[Flowable] = [
        Paragraph(markup("Clinical safety case report"), styles.title),
        para(
            f"Ward Huddle {release.version}, {fmt_date(release.made_on)}, commit "
            f"{release.commit}. DCB0129 clinical risk management.",
            styles.subtitle,
        ),
        Spacer(1, 8),
        tiles(
            [
                ("Hazards", str(len(log.hazards)), "in the hazard log"),
                ("Open", str(len(log.open_hazards())), "monitored at each release"),
                ("Controls", str(sum(len(h.controls) for h in log.hazards)), "in place"),
                ("Tests cited", str(len(log.node_ids())), "all passed in the release build"),
            ],
            width,
            styles,
        ),
        Spacer(1, 6),
    ]
    story += _release(release, styles, width)
    story += _scope(log, styles)
    story += _matrix(log, styles, width)
    story += _summary(log, styles, width)
    story += _open(log, styles)
    story += heading("6. Hazards, controls and evidence", styles)
    for hazard in log.hazards:
        story += _hazard(log, hazard, styles, width)
    story += _sign_off(styles, width)
    return render_pdf(setup, story)


def _release(release: Release, styles: Styles, width: float) -> list[Flowable]:
    rows = [
        ["Product", "Ward Huddle (offline desktop application)"],
        ["Version", release.version],
        ["Release date", fmt_date(release.made_on)],
        ["Source commit", release.commit],
        ["Hazard log", "docs/safety/hazard-log.toml at that commit"],
        ["Standard", "DCB0129 (manufacturer); the trust's DCB0160 pack: "
                     "docs/safety/deploying-safely.md"],
        ["Evidence", "Each software control cites tests; tests/safety/test_hazard_log.py fails "
                     "the build unless every cited test exists and passes in the same run."],
    ]  # fmt: skip
    return [
        *heading("1. The release this report describes", styles),
        _two_columns(rows, styles, width),
    ]


def _scope(log: HazardLog, styles: Styles) -> list[Flowable]:
    s = log.scope
    parts: list[Flowable] = [
        *heading("2. Scope, intended use and users", styles),
        para(s.system, styles.body),
        Spacer(1, 4),
        Paragraph("<b>Intended use.</b> " + markup(s.intended_use), styles.body),
        *heading("Intended users", styles, level=2),
    ]
    parts += [para(f"• {user}", styles.body) for user in s.users]
    parts += heading("Out of scope", styles, level=2)
    parts += [para(f"• {item}", styles.body) for item in s.out_of_scope]
    return parts


def _matrix(log: HazardLog, styles: Styles, width: float) -> list[Flowable]:
    m = log.matrix
    head = [Paragraph("<b>Likelihood \\ Severity</b>", styles.cell)] + [
        Paragraph(f"<b>{markup(s)}</b>", styles.cell) for s in m.severities
    ]
    rows: list[list[Any]] = [head]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, BORDER),
        ("BACKGROUND", (0, 0), (-1, 0), PALE),
        ("BACKGROUND", (0, 0), (0, -1), PALE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
    ]
    for li in reversed(range(len(m.likelihoods))):
        row: list[Any] = [Paragraph(f"<b>{markup(m.likelihoods[li])}</b>", styles.cell)]
        for si in range(len(m.severities)):
            rating = m.ratings[li][si]
            row.append(str(rating))
            y = len(rows)
            commands.append(("BACKGROUND", (si + 1, y), (si + 1, y), RATING_COLOURS[rating]))
        rows.append(row)
    columns = [width * 0.2] + [width * 0.16] * len(m.severities)
    key = [[str(r), para(w, styles.cell)] for r, w in sorted(m.rating_words.items())]
    key_commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, i), (0, i), RATING_COLOURS[int(r[0])]) for i, r in enumerate(key)
    ]
    key_commands += [("ALIGN", (0, 0), (0, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    return [
        CondPageBreak(220),
        *heading("3. Risk matrix", styles),
        para(
            "Each hazard's risk is rated before and after its controls from its severity "
            "(the worst credible harm) and its likelihood, using the DCB0129 matrix below.",
            styles.body,
        ),
        Spacer(1, 4),
        KeepTogether(
            [
                table(rows, columns, commands),
                Spacer(1, 4),
                table(key, [width * 0.06, width * 0.94], key_commands),
            ]
        ),
    ]


def _risk_cell(risk: Risk, styles: Styles) -> Paragraph:
    return Paragraph(
        f"<b>{risk.rating}</b> ({markup(risk.severity)}, {markup(risk.likelihood.lower())})",
        styles.cell,
    )


def _summary(log: HazardLog, styles: Styles, width: float) -> list[Flowable]:
    rows = [
        [h.id, para(h.title, styles.cell), _risk_cell(h.initial, styles),
         _risk_cell(h.residual, styles), "Open" if h.status == "open" else "Closed"]
        for h in log.hazards
    ]  # fmt: skip
    return [
        CondPageBreak(60),
        *heading("4. Hazard summary", styles),
        data_table(
            ["Id", "Hazard", "Initial risk", "Residual risk", "Status"],
            rows,
            [0.09 * width, 0.43 * width, 0.19 * width, 0.19 * width, 0.1 * width],
            styles,
        ),
    ]


def _open(log: HazardLog, styles: Styles) -> list[Flowable]:
    still = log.open_hazards()
    parts: list[Flowable] = [
        CondPageBreak(90),
        *heading("5. Open hazards", styles),
        para(
            f"{plural(len(still), 'hazard is', 'hazards are')} open: their controls are in "
            "place and they are reviewed at every release (docs/safety/plan.md). "
            + _unacceptable(log),
            styles.body,
        ),
    ]
    for hazard in still:
        if hazard.residual.rating >= 3 or hazard.notes:
            why = hazard.notes or f"residual risk {hazard.residual.rating}."
            parts.append(para(f"• {hazard.id} {hazard.title}: {why}", styles.body))
    return parts


def _unacceptable(log: HazardLog) -> str:
    high = [h.id for h in log.hazards if h.residual.rating >= 4]
    if not high:
        return "No hazard has a residual risk that is unacceptable (4 or 5)."
    return f"Unacceptable residual risk (4 or 5), to be reduced before release: {', '.join(high)}."


def _hazard(log: HazardLog, hazard: Hazard, styles: Styles, width: float) -> list[Flowable]:
    rows = [
        ["Cause", hazard.cause],
        ["Effect", hazard.effect],
        ["Harm", hazard.harm],
        ["Initial risk", _risk_words(log, hazard.initial)],
    ]
    control_rows = []
    for control in hazard.controls:
        text = f"<b>{KIND_WORDS[control.kind]}.</b> {markup(control.text)}"
        if control.evidence:
            tests = "<br/>".join(markup(node_id) for node_id in control.evidence)
            text += f'<br/><font size="7" color="#4C6272">{tests}</font>'
        control_rows.append(["", Paragraph(text, styles.cell)])
    control_rows[0][0] = "Controls"
    after = [["Residual risk", _risk_words(log, hazard.residual)]]
    if hazard.notes:
        after.append(["Notes", hazard.notes])
    after.append(["Status", "Open" if hazard.status == "open" else "Closed"])
    title = Paragraph(f"{markup(hazard.id)}&nbsp;&nbsp;{markup(hazard.title)}", styles.h2)
    return [
        CondPageBreak(120),
        title,
        _two_columns([*rows, *control_rows, *after], styles, width),
        Spacer(1, 6),
    ]


def _risk_words(log: HazardLog, risk: Risk) -> str:
    return (
        f"{risk.rating}: {risk.severity} severity, {risk.likelihood.lower()} likelihood. "
        f"{log.matrix.words(risk.rating)}."
    )


def _two_columns(rows: list[list[Any]], styles: Styles, width: float) -> Flowable:
    cells = [
        [Paragraph(f"<b>{markup(label)}</b>", styles.cell) if label else "",
         value if isinstance(value, Flowable) else para(value, styles.cell)]
        for label, value in rows
    ]  # fmt: skip
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, BORDER),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, NHS_BLUE),
        ("BACKGROUND", (0, 0), (0, -1), PALE),
    ]
    return table(cells, [0.18 * width, 0.82 * width], commands)


def _sign_off(styles: Styles, width: float) -> list[Flowable]:
    rows = ["Clinical Safety Officer (manufacturer)", "Approved for release by"]
    head = ["Role", "Name and registration", "Signature and date"]
    return [
        CondPageBreak(140),
        *heading("7. Safety position and sign-off", styles),
        para(
            "On the evidence above, the clinical risks of this release are reduced as low as "
            "reasonably practicable and are acceptable for its intended use, provided the "
            "deploying trust carries out its own DCB0160 work (docs/safety/deploying-safely.md).",
            styles.body,
        ),
        Spacer(1, 6),
        data_table(
            head,
            [[role, Spacer(1, 30), Spacer(1, 30)] for role in rows],
            [0.34 * width, 0.33 * width, 0.33 * width],
            styles,
            repeat_header=False,
        ),
    ]
