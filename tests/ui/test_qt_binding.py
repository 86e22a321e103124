"""The installed Qt binding keeps Python's reference counts: calls into Qt neither take nor drop references to the
shared objects True and None.

PySide6 6.12.0 on CPython 3.11 dropped one reference to True on every signal emit() and one to None on every Qt
method returning nothing; a few hundred calls later CPython freed True and aborted ("Fatal Python error:
bool_dealloc"). pyproject.toml pins a release without that defect; this test fails on one that has it. The probes
run in a child interpreter, so a defective binding fails this test instead of aborting the whole test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

CALLS = 20

PROBE = """
import json, sys
from PySide6.QtCore import QObject, Signal, Slot

class Probe(QObject):
    bare = Signal()
    number = Signal(int)
    flag = Signal(bool)

class Receiver(QObject):
    @Slot(bool)
    def on_flag(self, value):
        pass

probe = Probe()
receiver = Receiver()
probe.flag.connect(receiver.on_flag)

def lost(shared, call, calls):
    before = sys.getrefcount(shared)
    for _ in range(calls):
        call()
    return before - sys.getrefcount(shared)

calls = int(sys.argv[1])
print(json.dumps({
    "True after emit()": lost(True, probe.bare.emit, calls),
    "True after emit(int)": lost(True, lambda: probe.number.emit(7), calls),
    "True after emit(True) to a slot": lost(True, lambda: probe.flag.emit(True), calls),
    "True after a method returning bool": lost(True, probe.signalsBlocked, calls),
    "None after a method returning nothing": lost(None, lambda: probe.setObjectName("probe"), calls),
    "None after emit()": lost(None, probe.bare.emit, calls),
}))
"""


def test_calls_into_qt_lose_no_reference_to_true_or_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", PROBE, str(CALLS)], capture_output=True, text=True, env=env,
                         timeout=60)
    # A defective binding loses one reference a call (CALLS each) and may then abort at exit; a sound one loses none.
    assert run.stdout, f"the probe's interpreter died (exit {run.returncode}): {run.stderr[-800:]}"
    lost = json.loads(run.stdout)
    assert len(lost) == 6
    assert lost == dict.fromkeys(lost, 0), f"references lost in {CALLS} calls: {lost}"
    assert run.returncode == 0, f"the probe's interpreter died (exit {run.returncode}): {run.stderr[-800:]}"
