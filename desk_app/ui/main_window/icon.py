"""The window and tray icon of the application, drawn at start-up (and by packaging/make_icon.py into the
installer's icon files)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPaintDevice, QPainter, QPixmap

ICON_COLOR = QColor("#1565c0")


def draw_tile(device: QPaintDevice, size: int, family: str = "") -> None:
    """工 on a blue tile, `size` pixels square, onto a transparent device (a font family may be named)."""
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ICON_COLOR)
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    font = QFont(family) if family else QFont()
    font.setPixelSize(int(size * 0.72))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "工")
    painter.end()


def app_icon() -> QIcon:
    """The window and tray icon: 工 on a blue tile, drawn (no image file to ship)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        draw_tile(pixmap, size)
        icon.addPixmap(pixmap)
    return icon
