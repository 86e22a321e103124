"""Background jobs: the work runs off the GUI thread, and progress, result and errors come back on it."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from desk_app.models.db import database
from desk_app.models.schema import Ticket
from desk_app.ui.workers import (
    BackgroundJob,
    JobCancelled,
    cancel_and_wait_all,
    collect_on_the_gui_thread,
    running_jobs,
)


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(report):
        seen["worker"] = threading.get_ident()
        for step in range(1, 4):
            report(step, 3)
        return 42

    job = BackgroundJob(work, name="test")
    progress: list[tuple[int, int, int]] = []
    job.progressed.connect(lambda done, total: progress.append((done, total, threading.get_ident())))
    job.succeeded.connect(lambda result: seen.update(result=result, thread=threading.get_ident()))
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
        assert job.is_running()
    assert seen["result"] == 42 and seen["thread"] == gui and seen["worker"] != gui
    assert progress[-1] == (3, 3, gui)  # the last step always gets through the throttle
    assert not job.is_running() and running_jobs() == []


def test_an_error_is_delivered_not_raised(qtbot, caplog):
    def work(report):
        raise ValueError("broken")

    job = BackgroundJob(work)
    errors = []
    job.failed.connect(errors.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert [type(e) for e in errors] == [ValueError]
    assert "failed" in caplog.text


def test_cancel_stops_the_work_at_its_next_report(qtbot):
    started = threading.Event()
    release = threading.Event()

    def work(report):
        started.set()
        release.wait(5)
        report(1, 2)
        return "not reached"

    job = BackgroundJob(work)
    outcomes = []
    job.failed.connect(outcomes.append)
    job.succeeded.connect(outcomes.append)
    job.start()
    assert started.wait(5)
    job.cancel()
    release.set()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert len(outcomes) == 1 and isinstance(outcomes[0], JobCancelled)
    with pytest.raises(RuntimeError):
        job.start()  # a job runs once


def test_the_worker_thread_reads_the_database_with_its_own_connection(qtbot, demo_db):
    def work(report):
        count = Ticket.select().count()
        return count, database.is_closed()

    job = BackgroundJob(work)
    results = []
    job.succeeded.connect(results.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert results == [(Ticket.select().count(), False)]
    assert not database.is_closed()  # closing the worker's connection left the GUI thread's one open


def test_cancel_and_wait_all(qtbot):
    release = threading.Event()
    job = BackgroundJob(lambda report: (release.wait(5), report(1, 1)))
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
        release.set()
        assert cancel_and_wait_all(5000)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_is_collected_on_the_gui_thread_never_on_a_worker(qtbot):
    """A worker allocating many objects does not run the cycle collector (which could delete Qt objects of a freed
    cycle on that worker; with automatic collection it ran there 570 times in this test); the GUI thread's collector
    frees the cycle."""
    collecting_threads: list[threading.Thread] = []

    def on_collection(phase: str, _info: dict) -> None:
        if phase == "start":
            collecting_threads.append(threading.current_thread())

    def allocate(report):
        return len([[n] for n in range(200_000)])   # live containers: past the threshold many times over

    gc.callbacks.append(on_collection)
    try:
        job = BackgroundJob(allocate)
        with qtbot.waitSignal(job.finished, timeout=10_000):
            job.start()
        garbage = _Cycle()
        gone = weakref.ref(garbage)
        del garbage
        job = BackgroundJob(allocate)
        with qtbot.waitSignal(job.finished, timeout=10_000):
            job.start()
        assert [t for t in collecting_threads if t is not threading.main_thread()] == []
        assert not gc.isenabled()
        collector = collect_on_the_gui_thread()
        assert collector is not None and collector is collect_on_the_gui_thread()
        thresholds = collector.thresholds
        collector.thresholds = (0, 0, 0)   # every generation at its next ticks, whichever holds the cycle by now
        try:
            qtbot.waitUntil(lambda: gone() is None, timeout=5 * collector.INTERVAL_MS)   # its timer collected
        finally:
            collector.thresholds = thresholds
        assert collecting_threads and all(t is threading.main_thread() for t in collecting_threads)
    finally:
        gc.callbacks.remove(on_collection)
