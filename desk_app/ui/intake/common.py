"""Small pieces the intake panel and the customer card share."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """The widget's font, `factor` times as large, bold or not."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font
