"""How long the window's thread is kept from its event loop: a fast timer on that thread stamps each tick, and a tick
that comes late says the thread was busy (handling an event, painting, reading the database) for that long.

    watch = ThreadWatch()
    with watch.step("scroll to the last page"):
        post(view, key_press(Qt.Key.Key_End, ctrl=True))   # posted, so the event loop handles it, watched
        qtbot.waitUntil(lambda: ...)
    assert watch.longest("scroll to the last page") < LIMIT_MS

Only time inside a step counts: the test's own code between steps runs on the same thread but is not the window's
work. Time the thread spent ready to run but waiting for a CPU (other programs on a shared machine: on two cores
shared by several people it was 40 % of the wall time) is not the window's doing either: on Linux the kernel counts
it per thread (/proc/thread-self/schedstat, its second figure) and it is taken off each gap. What is left is the
thread working (painting, Python, SQLite) or waiting for an answer (a PostgreSQL round trip, the disk). Events are
delivered from the event loop (a zero timer), not sent by the test, so the window handles them inside the loop.
StatementClock records the statements the window's thread runs meanwhile (none should: reads run on workers).
Used by tests/ui/test_window_never_waits.py, tests/ui/test_detail_off_thread.py and bench/bench_window.py.
"""

from __future__ import annotations

import functools
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent

TICK_MS = 2


@dataclass
class Step:
    """One watched step, run one or more times: the tick gaps (ms) of each run.

    `longest` is the block every run showed (the least of the runs' longest gaps): on a machine shared with other
    work the scheduler now and then keeps any process off the CPU for tens of ms, at random; a block the window
    itself causes comes back in every run. `worst` is the longest gap of any run, for the report."""

    name: str
    runs: list[list[float]] = field(default_factory=list)

    @property
    def longest(self) -> float:
        return min((max(run, default=0.0) for run in self.runs), default=0.0)

    @property
    def worst(self) -> float:
        return max((max(run, default=0.0) for run in self.runs), default=0.0)


_SCHEDSTAT = Path("/proc/thread-self/schedstat")


def waited_for_cpu_ms() -> float:
    """How long the calling thread has been ready to run but not running, since it started (0 where unknown)."""
    try:
        return int(_SCHEDSTAT.read_text().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


class ThreadWatch(QObject):
    """A timer every TICK_MS ms on the thread that makes it (the window's); a block is how much later than that a
    tick comes. Stopped by stop() (or as a context manager), so no timer outlives the test."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.steps: dict[str, Step] = {}
        self._step: Step | None = None
        self._run: list[float] = []
        self._last = 0.0
        self._waited = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def __enter__(self) -> ThreadWatch:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._timer.stop()

    @contextmanager
    def step(self, name: str) -> Iterator[Step]:
        """Watch what the event loop does from here to the end of the block: one run of the step `name` (using the
        name again adds a run)."""
        step = self.steps.setdefault(name, Step(name))
        self._run = []
        step.runs.append(self._run)
        self._step = step
        self._last = time.perf_counter()
        self._waited = waited_for_cpu_ms()
        try:
            yield step
        finally:
            # A block that outlasted the step's wait has no tick after it within the step: count it to here.
            self._on_timer_timeout()
            self._step = None

    @property
    def current_step(self) -> Step | None:
        """The step being watched now, if any."""
        return self._step

    def longest(self, name: str | None = None) -> float:
        """The longest block (ms) of one step, or of all of them."""
        if name is not None:
            return self.steps[name].longest
        return max((s.longest for s in self.steps.values()), default=0.0)

    def worst(self) -> tuple[str, float]:
        """The step with the longest block, and that block (ms)."""
        step = max(self.steps.values(), key=lambda s: s.longest)
        return step.name, step.longest

    @Slot()
    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        waited = waited_for_cpu_ms()
        if self._step is not None:
            self._run.append(max(0.0, (now - self._last) * 1000 - TICK_MS - (waited - self._waited)))
        self._last = now
        self._waited = waited


@dataclass(frozen=True)
class Statement:
    """A statement the window's thread ran: in which step, how long it took (ms), its SQL and who ran it."""

    step: str
    ms: float
    sql: str
    caller: str

    def __str__(self) -> str:
        return f"{self.step}: {self.ms:.1f} ms {self.sql} <- {self.caller}"


class StatementClock:
    """Times every statement the window's thread runs (peewee's execute_sql: the statement up to its first row, where
    SQLite does a sort's work), with its callers in desk_app (and a benchmark). With a watch, only those run inside
    its steps count (a test's own setup between steps runs on the same thread), unless `between_steps`; without,
    every one does. None counts while `paused`.

        with StatementClock(watch) as statements:
            ...
        assert not statements.records
    """

    BETWEEN_STEPS = "between steps"

    def __init__(self, watch: ThreadWatch | None = None, *, between_steps: bool = False) -> None:
        from desk_app.models.db import database

        self.records: list[Statement] = []
        self.paused = False
        self._watch = watch
        self._between_steps = between_steps   # with a watch: those run outside its steps count too, so named
        self._class = type(database.obj)
        self._real = self._class.execute_sql
        clock = self

        def timed(db: object, sql: str, params: object = None, *args: object, **kwargs: object) -> object:
            step = clock._counting()
            if step is None:
                return clock._real(db, sql, params, *args, **kwargs)
            started = time.perf_counter()
            try:
                return clock._real(db, sql, params, *args, **kwargs)
            finally:
                took = (time.perf_counter() - started) * 1000
                callers = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_stack()
                           if ("desk_app" in f.filename and "/models/" not in f.filename)
                           or "bench_" in Path(f.filename).name][-4:]
                clock.records.append(Statement(step, took, " ".join(str(sql).split())[:140],
                                               " <- ".join(reversed(callers))))

        self._class.execute_sql = timed

    def __enter__(self) -> StatementClock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _counting(self) -> str | None:
        """The step a statement run now belongs to, or None when it does not count."""
        if self.paused or threading.current_thread() is not threading.main_thread():
            return None
        if self._watch is None:
            return ""
        step = self._watch.current_step
        if step is None:
            return self.BETWEEN_STEPS if self._between_steps else None
        return step.name

    @property
    def longest(self) -> Statement | None:
        return max(self.records, key=lambda r: r.ms, default=None)

    def stop(self) -> None:
        self._class.execute_sql = self._real


def post(receiver: QObject, event: QEvent) -> None:
    """Deliver an event from the event loop (a zero timer), as the window system delivers input."""
    QTimer.singleShot(0, functools.partial(QCoreApplication.sendEvent, receiver, event))


def key_press(key: Qt.Key, text: str = "", *, ctrl: bool = False) -> QKeyEvent:
    modifiers = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)


def type_text(qtbot: object, receiver: QObject, text: str, pause_ms: int = 60) -> None:
    """Post one key press and release per character (ASCII), a pause apart as a person types (`qtbot` runs the
    event loop meanwhile)."""
    for char in text:
        key = Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_unknown
        post(receiver, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char))
        post(receiver, QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, char))
        qtbot.wait(pause_ms)


def in_loop(call: Callable[[], object]) -> None:
    """Run `call` from the event loop (a zero timer), as a click or a shortcut would, so a step watches it."""
    QTimer.singleShot(0, call)


__all__ = [
    "TICK_MS", "Statement", "StatementClock", "Step", "ThreadWatch", "in_loop", "key_press", "post", "type_text",
    "waited_for_cpu_ms",
]
