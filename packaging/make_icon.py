"""Render the application's icon (工 on a blue tile, as the window draws it: desk_app/ui/main_window/icon.py) into
packaging/desk_app.ico (16 to 256 pixels, for the Windows executable, the Start menu and the installer) and
packaging/desk_app.png (256 pixels).

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

The files are kept in the repository; run this again only when the icon's drawing changes.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from desk_app import paths  # noqa: E402 - after the path to the checkout
from desk_app.ui.main_window.icon import draw_tile  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256)


def tile(size: int, family: str) -> QImage:
    """The drawing of icon.app_icon at one size, with the shipped CJK font named (no system font needed)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    draw_tile(image, size, family)
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """An ICO file whose entries are PNG images (read by Windows Vista and later, PyInstaller and Inno Setup)."""
    pngs = [png_bytes(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = b""
    for image, png in zip(images, pngs, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(pngs)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        print(f"make_icon: cannot load {paths.cjk_font_path()}", file=sys.stderr)
        return 1
    images = [tile(size, families[0]) for size in SIZES]
    (HERE / "desk_app.ico").write_bytes(ico_bytes(images))
    images[-1].save(str(HERE / "desk_app.png"), "PNG")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
