"""The main window (window.py) and its parts: the queue tabs, the menus and bars, the icon."""

from desk_app.ui.main_window.menus import describe_database
from desk_app.ui.main_window.window import MainWindow

__all__ = ["MainWindow", "describe_database"]
