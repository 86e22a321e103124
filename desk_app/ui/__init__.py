"""The Qt user interface; the only layer that imports PySide6."""

from desk_app.ui import _pyside_fixes  # noqa: F401 - before any widget emits a signal
