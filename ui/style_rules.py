"""The rules each part of the app adds to the one style sheet (see :mod:`ui.theme`).

Each part is data: rules written as if the part's top widget held them, which
:func:`ui.theme.style_sheet` scopes under that widget's object name (so they
win over the shell's rules there, as a widget's own sheet would). Widgets pick
a rule by setting a property (``kind``, ``role``, ``tone``...), never a sheet;
a property that changes while shown is set with :func:`ui.theme.mark`.
"""

from __future__ import annotations

from ui.theme import (
    BACKGROUND,
    BORDER,
    ERROR,
    FOCUS,
    IDENTIFIER_MARK,
    NHS_BLUE,
    NHS_DARK_BLUE,
    SECONDARY_TEXT,
    SUCCESS,
    TEXT,
    WARNING,
    WHITE,
    TypeScale,
)

REPORT_KIND_PADDING = (8, 6)  # pixels above and beside each report's name
MIN_TARGET = 48  # pixels: comfortably above the 44 px touch-target minimum
BUTTON_BORDER = 2  # pixels, each side of every runner button
NAME_PADDING = 10  # pixels either side of the name on an attendance button

# The huddle runner's countdown: (background, text) for each of its moods.
COUNTDOWN_MOODS = {
    "normal": (WHITE, NHS_DARK_BLUE),
    "warn": (WARNING, TEXT),
    "over": (ERROR, WHITE),
}
# Bars of a touchpoint's feelings, by the feeling's value.
FEELING_COLOURS = {"negative": ERROR, "positive": SUCCESS}


def runner_rules(scale: TypeScale) -> str:
    """The huddle runner: NHS colours, visible focus, large touch targets."""
    countdown = "".join(
        f'QFrame#Countdown[mood="{mood}"] {{ background: {back}; border: 1px solid {BORDER};'
        f' border-radius: 6px; }}\nQFrame#Countdown[mood="{mood}"] QLabel {{ color: {text}; }}\n'
        for mood, (back, text) in COUNTDOWN_MOODS.items()
    )
    return f"""
QWidget#HuddleRunner {{ background: {BACKGROUND}; color: {TEXT}; }}
QFrame#Card {{ background: {WHITE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel {{ color: {TEXT}; }}
QLabel[role="secondary"] {{ color: {SECONDARY_TEXT}; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: bold; }}
QLabel[role="banner"] {{ background: {WARNING}; color: {TEXT}; padding: 8px; }}
QPushButton {{
    min-height: {MIN_TARGET}px; padding: 4px 16px; border-radius: 4px;
    background: {WHITE}; color: {NHS_BLUE};
    border: {BUTTON_BORDER}px solid {NHS_BLUE};
}}
QPushButton:hover {{ background: {BACKGROUND}; }}
QPushButton[kind="primary"] {{ background: {NHS_BLUE}; color: {WHITE}; }}
QPushButton[kind="primary"]:hover {{ background: {NHS_DARK_BLUE}; }}
QPushButton[kind="danger"] {{ color: {ERROR}; border-color: {ERROR}; }}
QPushButton[kind="person"] {{
    color: {TEXT}; border-color: {SECONDARY_TEXT}; text-align: left;
    padding: 4px {NAME_PADDING}px;
}}
QPushButton[kind="person"]:checked {{
    background: {SUCCESS}; color: {WHITE}; border-color: {SUCCESS};
}}
QPushButton:disabled {{ color: {SECONDARY_TEXT}; border-color: {BORDER}; }}
QPushButton[kind="primary"]:disabled {{ background: {BORDER}; }}
QPushButton:focus, QListWidget:focus, QPlainTextEdit:focus, QLineEdit:focus,
QComboBox:focus, QDateEdit:focus {{ border: 3px solid {TEXT};
    outline: none; }}
QPushButton:focus {{ background: {FOCUS}; color: {TEXT}; }}
QWidget#SectionPanel {{ background: {WHITE}; }}
QScrollArea, QWidget#ScrollContent {{ background: transparent; border: none; }}
QPushButton[kind="step"] {{
    color: {TEXT}; border: 1px solid {BORDER}; text-align: left; padding: 6px;
}}
QLabel[step="other"] {{ color: {TEXT}; background: transparent; }}
QLabel[step="current"] {{ color: {WHITE}; background: transparent; }}
QPushButton[kind="step"][current="true"] {{
    background: {NHS_BLUE}; border: 2px solid {NHS_DARK_BLUE};
}}
QPushButton[kind="step"]:focus {{ border: 3px solid {TEXT}; background: {FOCUS}; }}
QPushButton[kind="step"][current="true"]:focus {{
    background: {NHS_BLUE}; border: 4px solid {FOCUS};
}}
QSpinBox, QCheckBox {{ min-height: {MIN_TARGET}px; }}
QPlainTextEdit, QLineEdit, QComboBox, QDateEdit {{
    background: {WHITE}; color: {TEXT}; border: 2px solid {SECONDARY_TEXT};
    min-height: {MIN_TARGET - 8}px; padding: 2px 6px;
}}
QPlainTextEdit:disabled, QLineEdit:disabled {{ background: {BACKGROUND}; }}
QFrame#IdentifierStrip {{
    background: {IDENTIFIER_MARK}; border: none; border-left: 8px solid {ERROR};
}}
QFrame#IdentifierStrip QLabel {{ color: {TEXT}; background: transparent; }}
{countdown}QSpinBox[arrows="none"]::up-button, QSpinBox[arrows="none"]::down-button {{
    width: 0px; border: none; }}
QSpinBox[arrows="none"]::up-arrow, QSpinBox[arrows="none"]::down-arrow {{ image: none;
    width: 0px; }}
"""


def measures_rules(scale: TypeScale) -> str:
    """The Measures page (and its dialogs): big readable text, a visible focus."""
    return f"""
* {{ font-family: Arial, "Liberation Sans", "DejaVu Sans"; font-size: {scale.body}pt; }}
QWidget#MeasuresPage {{ background: {BACKGROUND}; color: {TEXT}; }}
QFrame#Card {{ background: {WHITE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel {{ color: {TEXT}; background: transparent; }}
QLabel[role="title"] {{ font-size: {scale.title}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {scale.heading}pt; font-weight: bold; }}
QLabel[role="secondary"] {{ color: {SECONDARY_TEXT}; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: bold; }}
QLabel[role="banner"] {{ background: {WARNING}; color: {TEXT}; padding: 8px; }}
QPushButton {{
    min-height: {MIN_TARGET}px; padding: 2px 16px; border-radius: 4px;
    background: {WHITE}; color: {NHS_BLUE}; border: 2px solid {NHS_BLUE};
}}
QPushButton:hover {{ background: {BACKGROUND}; }}
QPushButton[kind="primary"] {{
    background: {SUCCESS}; color: {WHITE}; border-color: {SUCCESS};
    font-weight: bold;
}}
QPushButton[kind="primary"]:hover {{ background: #00662F; }}
QPushButton[kind="danger"] {{ color: {ERROR}; border-color: {ERROR}; }}
QPushButton:disabled {{ color: {SECONDARY_TEXT}; border-color: {BORDER}; }}
QPushButton[kind="primary"]:disabled {{ background: {BORDER}; }}
QPushButton:focus {{
    background: {FOCUS}; color: {TEXT}; border: 3px solid {TEXT};
}}
QTableView {{
    background: {WHITE}; color: {TEXT}; gridline-color: {BORDER};
    border: 1px solid {BORDER}; selection-background-color: {NHS_BLUE};
    selection-color: {WHITE};
}}
QTableView:focus {{ border: 3px solid {TEXT}; }}
QHeaderView::section {{
    background: {BACKGROUND}; color: {TEXT}; font-weight: bold;
    border: none; border-bottom: 2px solid {BORDER}; padding: 6px;
}}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit {{
    background: {WHITE}; color: {TEXT}; border: 2px solid {SECONDARY_TEXT};
    min-height: {MIN_TARGET - 8}px; padding: 2px 6px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus {{
    border: 3px solid {TEXT}; background: #FFFDE7;
}}
*[problem="true"] {{ border: 3px solid {ERROR}; }}
QCheckBox {{ min-height: {MIN_TARGET}px; }}
QSplitter::handle {{ background: {BORDER}; }}
"""


def actions_rules(scale: TypeScale) -> str:
    """The Actions page: the board's columns, the summary line, PDSA cycle cards."""
    return f"""
QFrame#BoardColumn {{ background: #E8EDEE; border-radius: 6px; }}
QLabel#BoardHeading {{ font-size: {scale.heading}pt; font-weight: bold; padding: 6px 8px;
    color: {NHS_DARK_BLUE}; }}
QFrame#BoardColumn QListView {{ background: transparent; border: 3px solid transparent; }}
QFrame#BoardColumn QListView:focus {{ border: 3px solid {TEXT}; }}
QFrame#BoardColumn QScrollBar:vertical {{ width: 14px; background: transparent; }}
QFrame#BoardColumn QScrollBar::handle:vertical {{ background: #AEB7BD; min-height: 40px;
    border-radius: 5px; margin: 2px; }}
QFrame#BoardColumn QScrollBar::add-line, QFrame#BoardColumn QScrollBar::sub-line {{
    height: 0; }}
QLabel#Summary {{ font-size: {scale.heading}pt; }}
QLabel#CycleCard {{ background: {WHITE}; border: 1px solid {BORDER};
    border-left: 6px solid {NHS_BLUE}; padding: 8px; }}
QCheckBox::indicator {{ width: 22px; height: 22px; }}
QPushButton[view="true"]:checked {{ background: {NHS_BLUE}; color: {WHITE}; }}
"""


def widget_rules(scale: TypeScale) -> str:
    """Single widgets that look their own way wherever they appear."""
    bars = "".join(
        f'QProgressBar[feeling="{feeling}"] {{ border: 1px solid {BORDER}; background: white;'
        f" color: {TEXT}; text-align: center; }}\n"
        f'QProgressBar[feeling="{feeling}"]::chunk {{ background: {colour}; }}\n'
        for feeling, colour in FEELING_COLOURS.items()
    )
    pad_y, pad_x = REPORT_KIND_PADDING
    return f"""
QLabel#PdfPreview {{ background: {BACKGROUND}; color: {SECONDARY_TEXT};
    border: 1px solid {BORDER}; padding: 12px; }}
QPushButton#SaveReport {{ background: {NHS_BLUE}; color: white; font-weight: bold;
    font-size: 16px; padding: 8px 24px; border-radius: 4px; }}
QPushButton#SaveReport:disabled {{ background: {BORDER}; color: {SECONDARY_TEXT}; }}
QListWidget#ReportKinds::item {{ padding: {pad_y}px {pad_x}px; border-bottom: 1px solid {BORDER}; }}
QListWidget#ResponseSteps::item {{ padding: 9px 6px; border-bottom: 1px solid {BORDER}; }}
QListWidget#ReportKinds::item:selected, QListWidget#ResponseSteps::item:selected {{
    background: {NHS_BLUE}; color: {WHITE}; }}
QFrame#PulseOffer {{ background: {WHITE}; border: 2px solid {NHS_BLUE}; border-radius: 6px; }}
QFrame#UnreportedFlag {{ background: #FFF4D6; border-left: 6px solid {WARNING};
    border-radius: 4px; }}
QFrame#UnreportedFlag QLabel {{ color: {TEXT}; }}
{bars}QWidget#EditorFields {{ background: {WHITE}; }}
QPushButton[kind="chip"] {{ background: {BACKGROUND}; color: {NHS_DARK_BLUE};
    border: 1px solid {NHS_BLUE}; border-radius: 14px; padding: 2px 12px; min-height: 28px; }}
QLabel[differs="true"] {{ font-weight: bold; }}
QLabel[side="mine"], QLabel[side="saved"] {{ background: {WHITE}; padding: 4px; }}
QLabel[side="mine"] {{ border-left: 6px solid {NHS_BLUE}; }}
QLabel[side="saved"] {{ border-left: 6px solid {ERROR}; }}
"""


def identifier_rules(scale: TypeScale) -> str:
    """A one-line box holding what looks like an identifier: over every other rule."""
    return f"""
QLineEdit[identifierFound="true"] {{ background: {IDENTIFIER_MARK}; border: 3px solid {ERROR};
    color: {TEXT}; }}
"""
