"""The PySide6 6.12.0 emit defect cannot bring the window down (see desk_app/ui/_pyside_fixes.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from desk_app.ui import _pyside_fixes


class Emitter(QObject):
    fired = Signal(int)


def test_many_emits_leave_true_alive():
    emitter = Emitter()
    before = sys.getrefcount(True)
    for value in range(50_000):
        emitter.fired.emit(value)
    if _pyside_fixes.emit_drops_a_reference_to_true():
        assert _pyside_fixes.applied
        assert sys.getrefcount(True) > 1 << 39
    else:
        assert sys.getrefcount(True) >= before - 10
