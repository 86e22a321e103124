"""Background work for the window: run one callable off the GUI thread, get progress and its outcome back by signal.

The callable never touches a widget. It receives a `report(done, total)` function; everything it sends back
(progress, result, error) is posted to the job object, which lives on the GUI thread and re-emits it there, so
any receiver (a slot, a method, even a lambda) runs on the GUI thread. The worker thread's database connection
(peewee keeps one per thread) is closed when the job ends.
"""

from __future__ import annotations

import functools
import gc
import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from desk_app.core.errors import DeskError

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
Work = Callable[[ProgressFn], Any]

# Progress is forwarded at most this often (a demo build reports hundreds of steps).
_PROGRESS_INTERVAL = 0.05

# How long a sequenced answer waits for its thread to end (it has only to return by then).
_END_WAIT_MS = 2

# A thread running Python (a worker building a page's rows) keeps the interpreter lock until another thread has waited
# the switch interval for it, 5 ms by default; the window's thread needs the lock at every call its painting makes into
# Python (each cell's data()). While workers run beside the window, it waits at most this long for the lock each time
# (0.5 ms still left Ctrl+End over its limit now and then on a busy machine; the cost, a lock handed over more often
# while both threads want it, is a few per cent of the worker's speed).
WORKER_SWITCH_INTERVAL = 0.0001

# Jobs that have started and not yet delivered `finished`: keeps them alive and lets the app wait for them.
_running: set[BackgroundJob] = set()


class MainThreadCollector(QObject):
    """Python's cyclic garbage collector, run on the GUI thread only, once worker threads run Python.

    Left automatic, Python collects on whichever thread allocates past the threshold: often a worker building a
    page's rows. A cycle freed there may hold Qt objects (a closed dialog and a lambda connected to it, a rebuilt
    queue tab): their C++ side is then deleted on that worker, and Qt's widgets may only be touched by the GUI thread
    (a crash or a hang, now and then). So automatic collection is switched off and the same thresholds are checked
    by a timer on the GUI thread, as pyqtgraph's GarbageCollector does."""

    INTERVAL_MS = 1000

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        # The counts past which each generation is collected: Python's own.
        self.thresholds: tuple[int, int, int] = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds (as Python would have); how many objects
        were unreachable."""
        first, second, third = self.thresholds
        young, middle, old = gc.get_count()
        found = 0
        if young > first:
            found += gc.collect(0)
            if middle > second:
                found += gc.collect(1)
                if old > third:
                    found += gc.collect(2)
        return found


_collector: MainThreadCollector | None = None


def collect_on_the_gui_thread() -> MainThreadCollector | None:
    """Switch automatic collection off and collect from a timer on the GUI thread (MainThreadCollector), once per
    application; None where there is no application to run the timer (then nothing changes)."""
    global _collector
    if _collector is not None and shiboken6.isValid(_collector):
        return _collector
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return None
    _collector = MainThreadCollector(app)
    return _collector


class JobCancelled(Exception):
    """Raised inside the work by `report()` once cancel() was requested."""


def _close_thread_connection() -> None:
    """Close this thread's database connection, if the database module is loaded at all (the sign-in dialog's first
    jobs run before it is: a job that never touched the database has nothing to close)."""
    db = sys.modules.get("desk_app.models.db")
    if db is not None:
        db.close_database()


class _JobThread(QThread):
    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:  # runs on the worker thread
        job = self._job
        try:
            try:
                result = job._work(job._report)
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the GUI thread
                job._error_posted.emit(error)
            else:
                job._result_posted.emit(result)
        except RuntimeError:  # the job object was deleted under us (its owner did not wait): nobody to tell
            log.warning("background job %s outlived its owner", self.objectName())
        finally:
            try:
                _close_thread_connection()  # this thread's only: peewee's connection state is thread-local
            except Exception:  # noqa: BLE001 - an unbound proxy or a connection already gone
                log.debug("closing the worker's database connection failed", exc_info=True)


class BackgroundJob(QObject):
    """One piece of background work (Anki's QueryOp, napari's thread_worker, reduced to what the desk needs).

        job = BackgroundJob(lambda report: build_demo(progress=report), parent=window)
        job.progressed.connect(dialog.set_progress)
        job.succeeded.connect(window._on_demo_built)
        job.start()

    Signals, all delivered on the GUI thread: `progressed(done, total)`, then exactly one of `succeeded(result)`
    or `failed(exception)` (JobCancelled after cancel()), then `finished()` once the thread has stopped.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    _progress_posted = Signal(int, int)
    _result_posted = Signal(object)
    _error_posted = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self._done = False
        self._thread = _JobThread(self)
        self._thread.setObjectName(name or "desk-job")
        queued = Qt.ConnectionType.QueuedConnection
        self._progress_posted.connect(self._on_progress_posted, queued)
        self._result_posted.connect(self._on_result_posted, queued)
        self._error_posted.connect(self._on_error_posted, queued)
        self._thread.finished.connect(self._on_thread_finished, queued)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    # ----- control (GUI thread) --------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread.isRunning() or self._done:
            raise RuntimeError("a BackgroundJob runs once")
        if sys.getswitchinterval() > WORKER_SWITCH_INTERVAL:
            sys.setswitchinterval(WORKER_SWITCH_INTERVAL)
        collect_on_the_gui_thread()
        _running.add(self)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop: its next report() raises JobCancelled."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self in _running

    def wait(self, msecs: int = -1) -> bool:
        """Block until the thread has stopped (True) or msecs passed (False); signals still arrive by the loop."""
        if not self._thread.isRunning():
            return True
        return self._thread.wait(msecs) if msecs >= 0 else self._thread.wait()

    def shutdown(self, msecs: int = 10_000) -> bool:
        """For an owner that is closing: cancel, wait for the thread, and deliver what it posted (its outcome and
        `finished`) right now instead of at the next turn of the event loop. True if the thread stopped in time."""
        self.cancel()
        stopped = self.wait(msecs)
        if stopped:
            QCoreApplication.sendPostedEvents(self, 0)
        return stopped

    # ----- worker thread ---------------------------------------------------------------------------------------

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise JobCancelled
        now = time.monotonic()
        if done >= total or now - self._last_progress >= _PROGRESS_INTERVAL:
            self._last_progress = now
            self._progress_posted.emit(int(done), int(total))

    # ----- GUI thread ------------------------------------------------------------------------------------------

    @Slot(int, int)
    def _on_progress_posted(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot(object)
    def _on_result_posted(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(object)
    def _on_error_posted(self, error: object) -> None:
        if not isinstance(error, JobCancelled):
            log.error("background job %s failed", self._thread.objectName(), exc_info=error)  # type: ignore[arg-type]
        self.failed.emit(error)

    @Slot()
    def _on_thread_finished(self) -> None:
        self._thread.wait()
        self._done = True
        _running.discard(self)
        self.finished.emit()

    @Slot()
    def _on_app_about_to_quit(self) -> None:
        self.cancel()
        self.wait()


def run_for_answer(work: Work, parent: QObject, name: str, done: Callable[[object], None]) -> BackgroundJob:
    """Start `work` on a BackgroundJob and hand `done` its answer (its result, or the exception it raised) once the
    job's thread has stopped (`finished`): acting on the answer may delete `parent`, and the job with it (a dialog
    that accepts)."""
    job = BackgroundJob(work, parent, name=name)
    answer: list[object] = [None]
    job.succeeded.connect(lambda result: answer.__setitem__(0, result))
    job.failed.connect(lambda error: answer.__setitem__(0, error))
    job.finished.connect(lambda: done(answer[0]))
    job.start()
    return job


def running_jobs() -> list[BackgroundJob]:
    """Jobs started and not finished yet (tests check none is left behind)."""
    return list(_running)


def cancel_and_wait_all(msecs: int = 10_000) -> bool:
    """Cancel every running job and wait for their threads; True if all stopped in time."""
    jobs = running_jobs()
    for job in jobs:
        job.cancel()
    deadline = time.monotonic() + msecs / 1000
    stopped = True
    for job in jobs:
        left = max(0, int((deadline - time.monotonic()) * 1000))
        stopped = job.wait(left) and stopped
    return stopped


class RequestSequencer(QObject):
    """Latest-wins reads and writes of one widget, each on a worker thread (the detail pane's load of the chosen
    ticket, its actions, the intake's customer card).

        self._requests = RequestSequencer(self, name="detail")
        self._requests.run(functools.partial(load, ticket_id), self._on_loaded, self._on_load_failed)

    `run(fn, on_done, on_error)` calls `fn()` (no arguments, no widgets) in a BackgroundJob; `on_done(result)` or
    `on_error(exception)` then runs on the GUI thread, but only if no newer request was started meanwhile (the user
    chose another ticket: the older answer is dropped, never shown). `busy_changed(bool)` says when the owner waits
    for an answer, and `slow()` fires once when an answer takes longer than SLOW_MS, for a quiet "loading" hint
    instead of an empty flash. Jobs that are dropped still finish on their own thread and close its connection.

    With a `key` (`run(fn, on_done, key=page)`), only requests of the same key replace one another: a table's pages
    are read side by side, each page's newest read wins, and drop() forgets them all.
    """

    busy_changed = Signal(bool)
    slow = Signal()

    SLOW_MS = 150

    def __init__(self, parent: QObject, *, name: str = "request") -> None:
        super().__init__(parent)
        self._name = name
        self._sequence = 0
        self._latest: dict[object, int] = {}   # the newest request of each key (None: the one of run() without)
        self._jobs: set[BackgroundJob] = set()
        self._busy = False
        self._slow_timer = QTimer(self)
        self._slow_timer.setSingleShot(True)
        self._slow_timer.setInterval(self.SLOW_MS)
        self._slow_timer.timeout.connect(self._on_slow_timer_timeout)
        self._watched: QObject | None = None   # the owner's window: when it closes, the jobs are waited for

    @property
    def busy(self) -> bool:
        """True while the answer to the newest request has not arrived."""
        return self._busy

    @property
    def idle(self) -> bool:
        """True when no job of this sequencer is running any more (answered or dropped)."""
        return not self._jobs

    @property
    def sequence(self) -> int:
        """The number of the newest request (it grows by one with each run() and drop())."""
        return self._sequence

    def pending(self, key: object = None) -> bool:
        """Whether an answer to a request of `key` is still expected."""
        return key in self._latest

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None, *, key: object = None) -> BackgroundJob:
        """Start `fn` on a worker; any answer still expected from an earlier request (of the same `key`) will be
        dropped. A DeskError raised by `fn` (a refusal, a conflict, bad input) goes to `on_error` quietly; anything
        else is logged."""
        self._sequence += 1
        token = self._sequence
        self._latest[key] = token
        # No Qt parent: a job outlives a closed owner until its thread ends (a QThread must never be deleted while
        # it runs); _running and self._jobs keep it alive meanwhile.
        job = BackgroundJob(functools.partial(_refusals_returned, fn), None, name=f"{self._name}-{token}")
        job.succeeded.connect(functools.partial(self._deliver, key, token, job, on_done, on_error))
        job.failed.connect(functools.partial(self._deliver, key, token, job, on_done, on_error))
        job.finished.connect(functools.partial(self._jobs.discard, job))
        self._watch_window()
        self._jobs.add(job)
        self._set_busy(True)
        self._slow_timer.start()
        job.start()
        return job

    def drop(self) -> None:
        """Forget every answer still expected (the owner shows something else now)."""
        self._sequence += 1
        self._latest.clear()
        self._set_busy(False)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until every started job has stopped and deliver what they posted (closing owners and tests)."""
        stopped = True
        for job in list(self._jobs):
            stopped = job.shutdown(msecs) and stopped
        return stopped

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Close and self._jobs:
            self.wait()  # the window closes: no thread of its widgets outlives it
        return False

    # ----- GUI thread ------------------------------------------------------------------------------------------

    def _watch_window(self) -> None:
        owner = self.parent()
        while owner is not None and not isinstance(owner, QWidget):
            owner = owner.parent()   # e.g. a table model: the window that holds it
        if owner is None:
            return
        window = owner.window()
        if window is self._watched:
            return
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        window.installEventFilter(self)
        self._watched = window

    def _deliver(self, key: object, token: int, job: BackgroundJob, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None, outcome: object) -> None:
        # The worker closed its connection before it posted this answer and is only returning now: give it a
        # moment to end, so that whoever reacts to the answer (a test, a closing window) finds no job left running;
        # never wait longer than that (a thread the system has not scheduled yet ends on its own).
        if job.wait(_END_WAIT_MS):
            QCoreApplication.sendPostedEvents(job, 0)
        if not shiboken6.isValid(self) or self._latest.get(key) != token:
            return  # the owner is gone, or a newer request is on its way: this answer is stale
        del self._latest[key]
        if not self._latest:
            self._set_busy(False)
        if isinstance(outcome, _Refused):
            if on_error is not None:
                on_error(outcome.error)
        elif isinstance(outcome, BaseException):
            if on_error is not None and not isinstance(outcome, JobCancelled):
                on_error(outcome)
        else:
            on_done(outcome)

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self._slow_timer.stop()
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    @Slot()
    def _on_slow_timer_timeout(self) -> None:
        if self._busy:
            self.slow.emit()


class _Refused:
    """A DeskError raised by a sequenced request: an answer for the user, not a failure for the log."""

    def __init__(self, error: DeskError) -> None:
        self.error = error


def _refusals_returned(fn: Callable[[], Any], _report: ProgressFn) -> Any:
    try:
        return fn()
    except DeskError as error:
        return _Refused(error)
    finally:
        # Before the answer is posted (not after, as any BackgroundJob does): the thread then only has to return.
        try:
            _close_thread_connection()
        except Exception:  # noqa: BLE001 - an unbound proxy or a connection already gone
            log.debug("closing the worker's database connection failed", exc_info=True)
