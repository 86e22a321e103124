"""统计汇总: the supervisor's summary window (window.py), its figure tiles, charts, breakdown tables and the drilled
ticket lists, a module each."""

from desk_app.ui.summary.window import SummaryWindow

__all__ = ["SummaryWindow"]
