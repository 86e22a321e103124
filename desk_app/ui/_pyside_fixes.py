"""Work-arounds for defects of the PySide6 release we ship, applied once when desk_app.ui is imported.

PySide6 6.12.0 on CPython 3.11: every `SignalInstance.emit()` called from Python drops one reference to `True`
that it never took. The window emits a few signals a second, so after enough of them CPython frees `True` and
aborts ("Fatal Python error: bool_dealloc: deallocating True or False"), typically at exit or in a long session.
CPython 3.12 made `True` immortal; on 3.11 we give it the same protection by adding 2**40 references up front
(at a thousand emits a second that lasts 35,000 years). Detected by probing, so a fixed PySide6 is left alone.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

_SPARE_REFERENCES = 1 << 40


class _Probe(QObject):
    fired = Signal()


def emit_drops_a_reference_to_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def protect_true_from_emit() -> bool:
    """Apply the work-around if this PySide6 needs it and this Python can take it; True if it was applied."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not emit_drops_a_reference_to_true():
        return False
    import ctypes

    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(True)).value += _SPARE_REFERENCES
    return True


def method_without_result_drops_a_reference_to_none() -> bool:
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def protect_none_from_void_calls() -> bool:
    """The same defect for None: every call of a Qt method returning nothing (setText, setVisible, setEnabled...)
    drops one reference to None, so a busy window aborts with "none_dealloc" within minutes. Same remedy."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not method_without_result_drops_a_reference_to_none():
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += _SPARE_REFERENCES
    return True


applied = protect_true_from_emit()
applied_none = protect_none_from_void_calls()
