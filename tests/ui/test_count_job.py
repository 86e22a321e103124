"""The queue counts come from a background job by signal: the periodic refresh and F5 count nothing on the window's
thread, a stale count is not applied, two jobs never run at once, and closing the window while counting is clean."""

from __future__ import annotations

import threading
import time

import pytest
from pane_waits import counted

from desk_app.core.kinds import TicketKind
from desk_app.core.queues import Queue
from desk_app.core.validation import TicketDraft
from desk_app.services import queries
from desk_app.services.desk import DeskService
from desk_app.services.queries import QueueFilter, count_queue
from desk_app.ui import queue_model
from desk_app.ui.common import label
from desk_app.ui.main_window import window as window_module
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.queue_model import QueueModel
from desk_app.ui.workers import running_jobs


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


@pytest.fixture
def window(qtbot, ctx, demo_db):
    win = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    counted(qtbot, win)   # its first count, on a worker
    yield win
    win.close()


def consultation(description: str = "测试：咨询物业费发票") -> TicketDraft:
    # A consultation waits in 待派单 (the demo routes repairs straight to a department).
    return TicketDraft(kind=TicketKind.CONSULTATION, description=description, phone="13800138000",
                       caller_name="测试用户")


def another_desk_creates(ctx, clock) -> int:
    """A ticket made at another desk: this window hears of it only through its refresh, not as a change."""
    return DeskService(now=clock).create_ticket(ctx.actor, consultation())


class ThreadSpy:
    """Records on which thread each counting function of the read side runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, threading.Thread]] = []
        for module, name in ((queries, "count_queue"), (queries, "_grouped_counts"), (queue_model, "count_queue"),
                             (queue_model, "count_filters"), (window_module, "count_filters")):
            monkeypatch.setattr(module, name, self._wrap(name, getattr(module, name)))

    def _wrap(self, name, original):
        def spying(*args, **kwargs):
            self.calls.append((name, threading.current_thread()))
            return original(*args, **kwargs)
        return spying

    def names(self) -> list[str]:
        return [name for name, _thread in self.calls]

    def on_main_thread(self) -> list[str]:
        return [name for name, thread in self.calls if thread is threading.main_thread()]


def tab_text(window: MainWindow, queue: Queue) -> str:
    return window.tabs.tabText(window.queues.index(queue))


def test_the_periodic_refresh_counts_off_the_windows_thread_and_the_tabs_follow_the_signal(
        monkeypatch, qtbot, window, ctx, clock):
    before = window.queue_count(Queue.TO_DISPATCH)
    another_desk_creates(ctx, clock)
    spy = ThreadSpy(monkeypatch)
    window._last_refresh -= 31  # as if half a minute had passed since the last refresh
    with qtbot.waitSignal(window.counts_refreshed, timeout=5000):
        pass
    assert spy.on_main_thread() == []
    assert "_grouped_counts" in spy.names() and "count_filters" in spy.names()
    assert tab_text(window, Queue.TO_DISPATCH) == f"{label(Queue.TO_DISPATCH)} ({before + 1})"
    assert window.models[Queue.TO_DISPATCH].rowCount() == before + 1
    for queue in window.queues:  # every tab and table says what a count of its own would say
        count = count_queue(QueueFilter(queue, ctx.now(), viewer=ctx.viewer()))
        assert window.queue_count(queue) == window.models[queue].rowCount() == count, queue
        assert tab_text(window, queue) == f"{label(queue)} ({count})"


def test_a_new_window_counts_its_queues_off_its_thread_and_says_counting_meanwhile(monkeypatch, qtbot, ctx,
                                                                                 demo_db):
    spy = ThreadSpy(monkeypatch)
    win = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(win)
    # Nothing counted yet: the tabs say so and the tables are empty until the count job's answer is in.
    assert all(not model.counted and model.rowCount() == 0 for model in win.models.values())
    assert tab_text(win, win.queues[0]) == f"{label(win.queues[0])} (…)"
    win.show()
    counted(qtbot, win)
    assert spy.on_main_thread() == []
    for queue in win.queues:
        count = count_queue(QueueFilter(queue, ctx.now(), viewer=ctx.viewer()))
        assert win.queue_count(queue) == win.models[queue].rowCount() == count, queue
        assert tab_text(win, queue) == f"{label(queue)} ({count})"
    win.close()


def test_a_search_typed_in_the_window_is_counted_off_its_thread(monkeypatch, qtbot, window, ctx):
    window.show_queue(Queue.ALL)
    model = window.models[Queue.ALL]
    sample = model.row_at(3)
    total = window.queue_count(Queue.ALL)
    spy = ThreadSpy(monkeypatch)
    with qtbot.waitSignal(model.searched, timeout=5000):
        window.search_edit.setText(sample.number)
        assert model.search == ""   # the rows shown stay until the search is counted
    assert model.search == sample.number and model.rowCount() == 1 and model.row_at(0).id == sample.id
    assert window.search_result_label.text() == "1 found"
    assert tab_text(window, Queue.ALL) == f"{label(Queue.ALL)} ({total})"   # the tab keeps the total
    # Another tab takes the search when shown, counted on a worker as well; cleared, every row is back.
    window.show_queue(Queue.TO_DISPATCH)
    qtbot.waitUntil(lambda: window.models[Queue.TO_DISPATCH].search == sample.number, timeout=5000)
    window.show_queue(Queue.ALL)
    window.search_edit.clear()
    qtbot.waitUntil(lambda: model.search == "", timeout=5000)
    assert model.rowCount() == total and window.search_result_label.text() == ""
    assert "count_queue" in spy.names() and spy.on_main_thread() == []


def test_the_newest_search_wins(qtbot, ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer)
    first, second = model.row_at(1), model.row_at(2)
    with qtbot.waitSignal(model.searched, timeout=5000):
        assert model.start_search(first.number)
        assert model.start_search(second.number)   # typed on: the first answer is dropped when it comes
    model.wait_for_searches()
    assert model.search == second.number and model.rowCount() == 1 and model.row_at(0).id == second.id
    assert not model.start_search(f" {second.number} ")   # what is shown already: nothing to count


def test_f5_counts_through_the_job_too(monkeypatch, qtbot, window, ctx, clock):
    window.show_queue(Queue.TO_DISPATCH)
    model = window.current_view().queue_model()
    before = model.rowCount()
    new_id = another_desk_creates(ctx, clock)
    spy = ThreadSpy(monkeypatch)
    with qtbot.waitSignal(window.counts_refreshed, timeout=5000):
        window.refresh_action.trigger()
        assert window.counting and model.rowCount() == before  # nothing counted yet: the window went on
    assert spy.on_main_thread() == []
    assert model.rowCount() == before + 1
    assert model.find_row(new_id, fetch_first_page=True) is not None  # its cached pages were forgotten


def test_a_searched_tab_gets_its_found_count_and_keeps_the_total_in_its_title(monkeypatch, qtbot, window, ctx):
    window.show_queue(Queue.ALL)
    model = window.models[Queue.ALL]
    sample = model.row_at(3)
    model.set_search(sample.number)
    total = count_queue(QueueFilter(Queue.ALL, ctx.now(), viewer=ctx.viewer()))
    spy = ThreadSpy(monkeypatch)
    with qtbot.waitSignal(window.counts_refreshed, timeout=5000):
        window.refresh_counts()
    assert spy.on_main_thread() == []
    assert spy.names().count("count_queue") == 1  # the search, one by one; the tab's total was grouped
    assert model.rowCount() == 1 and model.row_at(0).id == sample.id
    assert window.queue_count(Queue.ALL) == total
    assert tab_text(window, Queue.ALL) == f"{label(Queue.ALL)} ({total})"


def test_a_refresh_while_counting_starts_no_second_job_but_one_more_run(monkeypatch, qtbot, window, ctx, clock):
    runs = []
    original = window_module.count_filters
    monkeypatch.setattr(window_module, "count_filters", lambda filters: runs.append(len(filters)) or original(filters))
    first = window.refresh_counts()
    assert first is not None
    assert window.refresh_counts() is None and window.refresh_counts() is None  # never two at once
    another_desk_creates(ctx, clock)
    before = window.queue_count(Queue.TO_DISPATCH)
    qtbot.waitUntil(lambda: len(runs) == 2 and not window.counting, timeout=5000)
    assert runs == [len(window.queues)] * 2  # the two asked for while counting made one more run, not two
    # Whichever run saw the new ticket, the last one did: the tab shows it.
    assert window.queue_count(Queue.TO_DISPATCH) in (before, before + 1)
    assert window.queue_count(Queue.TO_DISPATCH) == count_queue(
        QueueFilter(Queue.TO_DISPATCH, ctx.now(), viewer=ctx.viewer()))


def test_closing_the_window_while_counting_stops_the_job_and_applies_nothing(monkeypatch, qtbot, window):
    started = threading.Event()
    jobs = []

    def slow_count(filters):
        """A count of a large database: still running when the window closes, done once asked to stop."""
        started.set()
        deadline = time.monotonic() + 10
        while not (jobs and jobs[0].cancelled) and time.monotonic() < deadline:
            time.sleep(0.005)
        return [0] * len(filters)

    monkeypatch.setattr(window_module, "count_filters", slow_count)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    arrived = []
    window.counts_refreshed.connect(lambda: arrived.append(True))
    jobs.append(window.refresh_counts())
    assert jobs[0] is not None and started.wait(5)
    window.close()  # asks the job to stop, waits for its thread and takes in what it posted: no job is left running
    assert not window.counting and running_jobs() == []
    assert arrived == []  # the late result of a closing window is not shown
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles
    assert window.refresh_counts() is None  # a closed window starts no count


# ----- the model's side ------------------------------------------------------------------------------------------


def counted_elsewhere(model: QueueModel, ctx) -> tuple[QueueFilter, int]:
    """What the count job does with a snapshot: put the viewer in and count."""
    snapshot = model.filter_snapshot()
    assert snapshot.viewer is None  # asking who reads is a read: the job does it on its own thread
    flt = QueueFilter(snapshot.queue, snapshot.now, snapshot.search, snapshot.department_id, ctx.viewer())
    return flt, count_queue(flt)


def test_a_model_takes_a_count_made_elsewhere_like_its_own_refresh(qtmodeltester, qtbot, ctx):
    model = QueueModel(Queue.TO_DISPATCH, ctx.now, viewer=ctx.viewer)
    qtmodeltester.check(model)
    model.row_at(0)
    before = model.rowCount()
    new_id = ctx.service.create_ticket(ctx.actor, consultation())
    flt, count = counted_elsewhere(model, ctx)
    assert count == before + 1
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        assert model.apply_count(flt, count)
    assert inserted.args[1:] == [before, before]
    assert model.rowCount() == before + 1
    assert model.find_row(new_id, fetch_first_page=True) is not None  # the stale cached page was forgotten
    assert not model.apply_count(flt, count)  # once


def test_a_stale_count_is_ignored(qtbot, ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer)
    sample = model.row_at(2)
    flt, count = counted_elsewhere(model, ctx)
    model.set_search(sample.number)  # the search changed since the snapshot
    assert not model.apply_count(flt, count)
    assert model.rowCount() == 1

    flt, count = counted_elsewhere(model, ctx)
    ctx.service.create_ticket(ctx.actor, consultation())
    model.refresh()  # counted itself since the snapshot: its count is the newer one
    assert not model.apply_count(flt, count + 5)

    flt, _count = counted_elsewhere(model, ctx)
    assert not model.apply_count(QueueFilter(flt.queue, flt.now, "", flt.department_id, ctx.viewer()), 0)
    assert not model.apply_count(QueueFilter(flt.queue, flt.now, flt.search, flt.department_id), 0)  # no viewer
    assert model.rowCount() == 1
