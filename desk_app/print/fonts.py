"""The CJK font embedded in every printed form (WenQuanYi Micro Hei, shipped in resources/fonts)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desk_app.paths import cjk_font_path

CJK_FONT_NAME = "WenQuanYiMicroHei"

_lock = threading.Lock()


def register_cjk_font() -> str:
    """Register the shipped CJK TrueType font with ReportLab once and return its name.

    ReportLab's built-in CID fonts (STSong-Light) are not embedded and print blank without
    system fonts, so every form uses this TrueType face, subset-embedded in the PDF.
    """
    with _lock:
        if CJK_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(CJK_FONT_NAME, str(cjk_font_path()), subfontIndex=0))
            # The face has no bold or italic; map every variant to it so <b>/<i> markup never
            # fails with "can't map font". The plain variant goes last: the reverse lookup keeps it.
            for bold, italic in ((1, 1), (0, 1), (1, 0), (0, 0)):
                addMapping(CJK_FONT_NAME, bold, italic, CJK_FONT_NAME)
    return CJK_FONT_NAME
