"""Background work for the window: run one callable off the GUI thread, get progress and its outcome back by signal.

The callable never touches a widget. It receives a `report(done, total)` function; everything it sends back
(progress, result, error) is posted to the job object, which lives on the GUI thread and re-emits it there, so
any receiver (a slot, a method, even a lambda) runs on the GUI thread. The worker thread's database connection
(peewee keeps one per thread) is closed when the job ends.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from desk_app.models.db import close_database

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
Work = Callable[[ProgressFn], Any]

# Progress is forwarded at most this often (a demo build reports hundreds of steps).
_PROGRESS_INTERVAL = 0.05

# Jobs that have started and not yet delivered `finished`: keeps them alive and lets the app wait for them.
_running: set[BackgroundJob] = set()


class JobCancelled(Exception):
    """Raised inside the work by `report()` once cancel() was requested."""


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
                close_database()  # this thread's connection only: peewee's connection state is thread-local
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
