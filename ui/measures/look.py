"""The Measures page's style: NHS colours, big readable text, a visible focus.

Sizes come from :class:`ui.theme.TypeScale` (board mode scales them); the
style sheet reaches the page's dialogs too, as they are its children.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui import theme

MIN_TARGET = theme.MIN_TOUCH


def style_sheet(scale: theme.TypeScale) -> str:
    return f"""
* {{ font-family: Arial, "Liberation Sans", "DejaVu Sans"; font-size: {scale.body}pt; }}
QWidget#MeasuresPage {{ background: {theme.BACKGROUND}; color: {theme.TEXT}; }}
QFrame#Card {{ background: {theme.WHITE}; border: 1px solid {theme.BORDER}; border-radius: 6px; }}
QLabel {{ color: {theme.TEXT}; background: transparent; }}
QLabel[role="title"] {{ font-size: {scale.title}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {scale.heading}pt; font-weight: bold; }}
QLabel[role="secondary"] {{ color: {theme.SECONDARY_TEXT}; }}
QLabel[role="error"] {{ color: {theme.ERROR}; font-weight: bold; }}
QLabel[role="banner"] {{ background: {theme.WARNING}; color: {theme.TEXT}; padding: 8px; }}
QPushButton {{
    min-height: {MIN_TARGET}px; padding: 2px 16px; border-radius: 4px;
    background: {theme.WHITE}; color: {theme.NHS_BLUE}; border: 2px solid {theme.NHS_BLUE};
}}
QPushButton:hover {{ background: {theme.BACKGROUND}; }}
QPushButton[kind="primary"] {{
    background: {theme.SUCCESS}; color: {theme.WHITE}; border-color: {theme.SUCCESS};
    font-weight: bold;
}}
QPushButton[kind="primary"]:hover {{ background: #00662F; }}
QPushButton[kind="danger"] {{ color: {theme.ERROR}; border-color: {theme.ERROR}; }}
QPushButton:disabled {{ color: {theme.SECONDARY_TEXT}; border-color: {theme.BORDER}; }}
QPushButton[kind="primary"]:disabled {{ background: {theme.BORDER}; }}
QPushButton:focus {{
    background: {theme.FOCUS}; color: {theme.TEXT}; border: 3px solid {theme.TEXT};
}}
QTableView {{
    background: {theme.WHITE}; color: {theme.TEXT}; gridline-color: {theme.BORDER};
    border: 1px solid {theme.BORDER}; selection-background-color: {theme.NHS_BLUE};
    selection-color: {theme.WHITE};
}}
QTableView:focus {{ border: 3px solid {theme.TEXT}; }}
QHeaderView::section {{
    background: {theme.BACKGROUND}; color: {theme.TEXT}; font-weight: bold;
    border: none; border-bottom: 2px solid {theme.BORDER}; padding: 6px;
}}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit {{
    background: {theme.WHITE}; color: {theme.TEXT}; border: 2px solid {theme.SECONDARY_TEXT};
    min-height: {MIN_TARGET - 8}px; padding: 2px 6px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus {{
    border: 3px solid {theme.TEXT}; background: #FFFDE7;
}}
*[problem="true"] {{ border: 3px solid {theme.ERROR}; }}
QCheckBox {{ min-height: {MIN_TARGET}px; }}
QSplitter::handle {{ background: {theme.BORDER}; }}
""" + theme.drop_down_rules()


def mark(widget: QWidget, prop: str, value: str) -> None:
    """Set a style property (``kind``/``role``) and re-apply the style sheet."""
    widget.setProperty(prop, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
