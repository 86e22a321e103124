"""Printed forms: pure functions from plain data to PDF bytes (no Qt, no database)."""

from desk_app.print.fonts import register_cjk_font
from desk_app.print.slip import SlipData, dispatch_slip_pdf

__all__ = ["SlipData", "dispatch_slip_pdf", "register_cjk_font"]
