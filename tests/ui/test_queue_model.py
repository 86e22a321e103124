"""The queue table model and the deadlines dock: Qt model rules, paging in SQL, sorting, search, countdown colours."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desk_app.core.kinds import TicketKind
from desk_app.core.queues import Queue
from desk_app.core.states import State
from desk_app.core.timelimits import ClockStatus
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import Department, Staff, Ticket
from desk_app.services import queries
from desk_app.services.desk import Actor
from desk_app.services.queries import QueueFilter, count_queue, queue_page
from desk_app.ui import deadlines_dock, queue_model
from desk_app.ui.common import STATUS_BACKGROUNDS, STATUS_COLORS
from desk_app.ui.deadlines_dock import DeadlineModel, DeadlinesDock
from desk_app.ui.queue_model import CLOCK_STATUS_ROLE, COLUMNS, TICKET_ID_ROLE, TIME_LEFT, QueueModel
from desk_app.ui.workers import running_jobs

NUMBER = COLUMNS.index("number")
DISPLAY = Qt.ItemDataRole.DisplayRole


class QueryCounter:
    """Wraps a query function of a module and records each call's keyword arguments."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
        self.calls: list[dict] = []
        original = getattr(module, name)

        def counting(*args, **kwargs):
            self.calls.append(kwargs)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)


def all_rows(ctx, queue: Queue, now: dt.datetime) -> list:
    return queue_page(QueueFilter(queue, now, viewer=ctx.viewer()), offset=0, limit=10_000, sort="number", descending=False)


def new_ticket(ctx, description: str = "测试：楼道灯不亮") -> int:
    draft = TicketDraft(kind=TicketKind.REPAIR, description=description, phone="13800138000", caller_name="测试用户",
                        address="阳光花园1栋1单元101")
    return ctx.service.create_ticket(ctx.actor, draft)


@pytest.mark.parametrize("queue", list(Queue))
def test_every_queue_model_follows_the_qt_model_rules(qtmodeltester, ctx, queue):
    model = QueueModel(queue, ctx.now, viewer=ctx.viewer, page_size=10)
    qtmodeltester.check(model)
    assert model.rowCount() == count_queue(QueueFilter(queue, ctx.now(), viewer=ctx.viewer()))


def test_the_rules_hold_through_refresh_sort_and_search(qtmodeltester, ctx, clock):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=10, cached_pages=2)
    qtmodeltester.check(model)  # the tester stays attached and checks every signal that follows
    before = model.rowCount()
    new_ticket(ctx)
    model.refresh()
    assert model.rowCount() == before + 1
    model.sort(NUMBER, Qt.SortOrder.AscendingOrder)
    model.set_search("阳光花园")
    assert 0 < model.rowCount() < before
    model.set_search("")
    clock.advance(days=400)  # everything open is overdue now: the overdue queue grows, approaching shrinks
    overdue = QueueModel(Queue.OVERDUE, ctx.now, viewer=ctx.viewer, page_size=10)
    qtmodeltester.check(overdue)
    shown = overdue.rowCount()
    clock.advance(days=-800)
    overdue.refresh()
    assert overdue.rowCount() < shown
    qtmodeltester.check(overdue)


def where(call: dict) -> str:
    """How a page was read: from the start, after a key, before one, or from the end."""
    if call.get("from_end"):
        return "end"
    if call.get("after") is not None:
        return "after"
    return "before" if call.get("before") is not None else "start"


def test_only_the_pages_touched_are_fetched(monkeypatch, ctx):
    counter = QueryCounter(monkeypatch, queue_model, "queue_seek")
    jumps = QueryCounter(monkeypatch, queue_model, "queue_key_at")
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=10, cached_pages=2)
    assert model.rowCount() == count_queue(QueueFilter(Queue.ALL, ctx.now(), viewer=ctx.viewer())) > 35
    assert counter.calls == []  # the count alone; no row read yet

    model.data(model.index(0, NUMBER))
    assert [where(c) for c in counter.calls] == ["start"]
    assert all(c["limit"] == 10 for c in counter.calls)
    for row in range(10):
        for column in range(model.columnCount()):
            model.data(model.index(row, column))
    assert len(counter.calls) == 1  # the first page served every cell of its rows

    model.data(model.index(15, NUMBER))   # the next page: after the last key of the first
    model.data(model.index(25, NUMBER))
    model.data(model.index(35, NUMBER))   # a fourth page: the least recently used ones are dropped
    assert [where(c) for c in counter.calls] == ["start", "after", "after", "after"]
    assert model.cached_page_numbers() == [2, 3]
    model.data(model.index(0, NUMBER))    # read again, from the start
    model.data(model.index(12, NUMBER))   # page 1 again: its neighbours' keys are remembered though not their rows
    assert [where(c) for c in counter.calls][4:] == ["start", "after"]
    assert jumps.calls == []              # every page had a neighbour whose key was known


def test_the_last_page_is_read_from_the_end_and_a_jump_steps_over_the_index(monkeypatch, ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=4)
    expected = [r.id for r in queue_page(model.current_filter(), offset=0, limit=100_000, sort=model.sort_key,
                                         descending=model.descending)]
    counter = QueryCounter(monkeypatch, queue_model, "queue_seek")
    jumps = QueryCounter(monkeypatch, queue_model, "queue_key_at")
    last = model.rowCount() - 1
    assert model.row_at(last).id == expected[-1]
    assert [where(c) for c in counter.calls] == ["end"] and jumps.calls == []
    assert counter.calls[0]["limit"] == last % 4 + 1   # only the rows of the last (short) page
    assert model.row_at(last - 4).id == expected[last - 4]   # the page above it: before the last page's first key
    assert [where(c) for c in counter.calls] == ["end", "before"]
    middle = len(expected) // 2
    assert len(expected) > 30
    assert model.row_at(middle).id == expected[middle]  # no neighbour known: one jump over the index, then a seek
    assert len(jumps.calls) == 1
    # everything read that way, in any order, is the offset order exactly
    for row in [*range(last, -1, -7), *range(0, last + 1, 3)]:
        assert model.row_at(row).id == expected[row]


def test_phone_and_address_do_not_sort(ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer)
    before = (model.sort_key, model.descending)
    model.sort(COLUMNS.index("address"), Qt.SortOrder.AscendingOrder)
    assert (model.sort_key, model.descending) == before


def test_default_order_puts_the_most_urgent_first_in_open_queues(ctx):
    model = QueueModel(Queue.IN_HAND, ctx.now, viewer=ctx.viewer)
    dues = [model.row_at(r).due_at for r in range(model.rowCount())]
    known = [d for d in dues if d is not None]
    assert known == sorted(known)
    assert dues[: len(known)] == known  # paused tickets (no deadline) come last


def test_search_narrows_by_name_and_by_phone(ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer)
    total = model.rowCount()
    sample = model.row_at(0)
    model.set_search(sample.caller_name)
    assert 0 < model.rowCount() < total
    assert all(sample.caller_name in model.row_at(r).caller_name or sample.caller_name in model.row_at(r).address
               for r in range(model.rowCount()))
    model.set_search(sample.phone)  # shown with spaces; the search normalises it
    assert sample.id in {model.row_at(r).id for r in range(model.rowCount())}
    assert all(model.row_at(r).phone == sample.phone for r in range(model.rowCount()))
    model.set_search("")
    assert model.rowCount() == total


def test_time_left_shows_the_countdown_in_the_status_colours(ctx, clock):
    model = QueueModel(Queue.OVERDUE, ctx.now, viewer=ctx.viewer)
    overdue = model.index(0, TIME_LEFT)
    assert model.data(overdue, CLOCK_STATUS_ROLE) == ClockStatus.OVERDUE
    assert model.data(overdue).startswith("overdue ")
    assert model.data(overdue, Qt.ItemDataRole.ForegroundRole) == STATUS_COLORS[ClockStatus.OVERDUE]
    assert model.data(overdue, Qt.ItemDataRole.BackgroundRole) == STATUS_BACKGROUNDS[ClockStatus.OVERDUE]
    assert model.data(overdue, Qt.ItemDataRole.FontRole).bold()

    row = next(r for r in all_rows(ctx, Queue.IN_HAND, clock()) if r.warn_at and r.warn_at > clock())
    clock.at = row.warn_at + dt.timedelta(minutes=1)
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer)
    model.set_search(row.number)
    cell = model.index(0, TIME_LEFT)
    assert model.data(cell, TICKET_ID_ROLE) == row.id
    assert model.data(cell, CLOCK_STATUS_ROLE) == ClockStatus.APPROACHING
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) == STATUS_BACKGROUNDS[ClockStatus.APPROACHING]
    tooltip = model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert row.due_at.strftime("%Y-%m-%d %H:%M") in tooltip


def test_a_provisional_deadline_says_so_in_its_tooltip(ctx, clock):
    clock.at = dt.datetime(2026, 12, 28, 10, 0)  # a complaint's 7 working days end in 2027, not official yet
    draft = TicketDraft(kind=TicketKind.COMPLAINT, description="投诉：物业服务态度差", phone="13800138000",
                        caller_name="测试用户")
    ticket_id = ctx.service.create_ticket(ctx.actor, draft)
    assert queries.ticket_detail(ctx.viewer(), ticket_id).state == State.NEW.value  # 7 days count from dispatch
    engineering = Department.get(Department.code == "engineering")
    ctx.service.dispatch(ctx.actor, ticket_id, engineering.id)
    number = queries.ticket_detail(ctx.viewer(), ticket_id).number
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer)
    model.set_search(number)
    assert model.rowCount() == 1 and model.row_at(0).provisional
    assert "Provisional" in model.data(model.index(0, TIME_LEFT), Qt.ItemDataRole.ToolTipRole)


def test_tick_repaints_time_left_of_cached_rows_without_a_query(monkeypatch, qtbot, ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=10)
    model.data(model.index(0, 0))
    model.data(model.index(25, 0))
    pages = QueryCounter(monkeypatch, queue_model, "queue_seek")
    counts = QueryCounter(monkeypatch, queue_model, "count_queue")
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), b.row(), a.column(), b.column())))

    model.tick()
    assert changed == [(0, 9, TIME_LEFT, TIME_LEFT), (20, 29, TIME_LEFT, TIME_LEFT)]
    changed.clear()
    model.tick(5, 22)  # only what is on screen, within what is loaded
    assert changed == [(5, 9, TIME_LEFT, TIME_LEFT), (20, 22, TIME_LEFT, TIME_LEFT)]
    assert pages.calls == [] and counts.calls == []


def test_refresh_keeps_search_and_sort_and_grows_at_the_end(qtbot, ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer)
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    before = model.rowCount()
    new_id = new_ticket(ctx)
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.refresh()
    assert inserted.args[1:] == [before, before]
    assert model.row_at(0).id == new_id  # still sorted by number, newest first
    assert model.sort_key == "number" and model.descending


def test_row_at_past_the_end_and_find_row(ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=10)
    assert model.row_at(model.rowCount()) is None
    assert model.data(model.index(model.rowCount(), 0)) is None
    target = all_rows(ctx, Queue.ALL, ctx.now())[0]
    assert model.find_row(target.id) is None  # nothing loaded yet
    row = model.find_row(target.id, fetch_first_page=True)
    assert row is None or model.row_at(row).id == target.id


# ----- the deadlines dock ------------------------------------------------------------------------------------------


def test_deadline_model_follows_the_rules_and_lists_the_soonest_first(qtmodeltester, ctx):
    model = DeadlineModel(ctx.now, limit=40, viewer=ctx.viewer)
    qtmodeltester.check(model)
    model.refresh()
    expected = queries.nearest_deadlines(ctx.viewer(), ctx.now(), 40)
    assert model.rowCount() == len(expected) > 0
    assert [model.row_at(r).id for r in range(model.rowCount())] == [r.id for r in expected]
    assert model.data(model.index(0, 0)) and model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    model.refresh()  # the tester checks the reset too
    assert model.data(QModelIndex()) is None


def test_deadlines_dock_counts_the_overdue_and_ticks_without_a_query(monkeypatch, qtbot, ctx, clock):
    dock = DeadlinesDock(ctx)
    qtbot.addWidget(dock)
    assert dock.wait_for_reads()   # read on a worker
    overdue = count_queue(QueueFilter(Queue.OVERDUE, ctx.now(), viewer=ctx.viewer()))
    assert dock.overdue_count == overdue > 0
    assert str(overdue) in dock.summary.text()
    assert dock.windowTitle() == "Approaching limits"

    first = dock.model.data(dock.model.index(0, 0))
    clock.advance(hours=2)
    nearest = QueryCounter(monkeypatch, deadlines_dock, "nearest_deadlines")
    counts = QueryCounter(monkeypatch, deadlines_dock, "count_queue")
    with qtbot.waitSignal(dock.model.dataChanged):
        dock.tick()
    assert dock.model.data(dock.model.index(0, 0)) != first
    assert nearest.calls == [] and counts.calls == []


def test_deadlines_dock_refreshes_when_the_desk_changes(qtbot, ctx):
    dock = DeadlinesDock(ctx)
    qtbot.addWidget(dock)
    assert dock.wait_for_reads()   # read on a worker
    ticket = queries.nearest_deadlines(ctx.viewer(), ctx.now(), 1)[0]
    shown = dock.model.rowCount()
    with qtbot.waitSignal(dock.refreshed):
        new_ticket(ctx)  # the service tells the context, which tells the dock (queued), which reads on a worker
    assert dock.model.rowCount() >= min(shown, 40)
    assert ticket.id in {dock.model.row_at(r).id for r in range(dock.model.rowCount())}


def test_double_click_in_the_dock_opens_the_ticket(qtbot, ctx):
    dock = DeadlinesDock(ctx)
    qtbot.addWidget(dock)
    assert dock.wait_for_reads()   # read on a worker
    dock.show()
    qtbot.waitExposed(dock)
    view = dock.view
    rect = view.visualRect(dock.model.index(0, 1))
    with qtbot.waitSignal(dock.ticket_activated) as activated:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [dock.model.row_at(0).id]


# ----- what a person sees: their department, their approval step ----------------------------------------------------


def test_a_department_queue_counts_and_pages_only_that_departments_tickets(qtmodeltester, ctx):
    engineering = Department.get(Department.code == "engineering")
    everyone = count_queue(QueueFilter(Queue.ALL, ctx.now(), viewer=ctx.viewer()))
    ctx.set_actor(Actor.of(Staff.get_by_id(engineering.receiver_id)))
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=5)
    qtmodeltester.check(model)
    expected = Ticket.select().where(Ticket.department == engineering.id).count()
    assert 0 < model.rowCount() == expected < everyone
    assert model.count_without_search() == expected
    assert {model.row_at(r).department for r in range(model.rowCount())} == {"工程部"}


def test_the_approval_queue_holds_only_the_step_of_the_role(ctx):
    for username, state in (("engineering.lead", State.PENDING_LEADER), ("office", State.PENDING_OFFICE),
                            ("center", State.PENDING_CENTER)):
        person = Actor.of(Staff.get(Staff.username == username))
        ctx.set_actor(person)
        model = QueueModel(Queue.APPROVAL, ctx.now, viewer=ctx.viewer)
        waiting = Ticket.select().where(Ticket.state == state.value)
        if username == "engineering.lead":
            waiting = waiting.where(Ticket.department == person.department_id)
        assert model.rowCount() == waiting.count()
        assert {model.row_at(r).state for r in range(model.rowCount())} <= {state.value}


def test_the_deadlines_dock_of_a_department_role_counts_its_department_only(qtbot, ctx):
    engineering = Department.get(Department.code == "engineering")
    receiver = Actor.of(Staff.get_by_id(engineering.receiver_id))
    dock = DeadlinesDock(ctx)
    qtbot.addWidget(dock)
    assert dock.wait_for_reads()   # read on a worker
    everyone = dock.overdue_count
    assert everyone == count_queue(QueueFilter(Queue.OVERDUE, ctx.now(), viewer=ctx.viewer()))
    with qtbot.waitSignal(dock.refreshed):
        ctx.set_actor(receiver)
    assert dock.overdue_count == count_queue(QueueFilter(Queue.OVERDUE, ctx.now(), department_id=engineering.id,
                                                         viewer=ctx.viewer()))
    assert all(dock.model.row_at(r).department == "工程部" for r in range(dock.model.rowCount()))
    assert dock.model.rowCount() == len(queries.nearest_deadlines(ctx.viewer(), ctx.now(), 40))

@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("column", [c for c in COLUMNS if c in queue_model.SORT_KEYS])
def test_every_sort_reads_the_offset_order_whatever_the_rows_asked_in_what_order(ctx, column, descending):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=4, cached_pages=2)
    model.sort(COLUMNS.index(column), Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    expected = [r.id for r in queue_page(model.current_filter(), offset=0, limit=100_000, sort=model.sort_key,
                                         descending=descending)]
    rows = model.rowCount()
    # the end first, then a jump to the middle, then scrolling up and down from there: pages evicted and read again
    for row in [rows - 1, rows // 2, *range(rows // 2, -1, -1), *range(rows), *range(rows - 1, -1, -5)]:
        assert model.row_at(row).id == expected[row], row


def test_the_windows_queues_read_pages_on_workers_and_the_rows_follow(qtbot, monkeypatch, ctx):
    """reads_on_worker: painting never reads. A page not cached shows empty while a worker reads it (one read per
    page however often it is painted meanwhile), then its rows are announced; a page far from any known row steps
    over the index on the worker too."""
    import threading

    read_on: list[threading.Thread] = []
    real_seek = queue_model.queue_seek
    monkeypatch.setattr(queue_model, "queue_seek",
                        lambda *a, **k: read_on.append(threading.current_thread()) or real_seek(*a, **k))
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=4, reads_on_worker=True)
    expected = [r.id for r in queue_page(model.current_filter(), offset=0, limit=100_000, sort=model.sort_key,
                                         descending=model.descending)]
    page_start = len(expected) // 2 // 4 * 4
    middle = page_start + 1
    assert page_start > 12
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), b.row())))
    assert model.data(model.index(middle, NUMBER)) is None and model.loading()
    assert model.data(model.index(middle + 1, NUMBER)) is None     # painted again meanwhile: still one read
    assert model.wait_for_pages()
    assert changed == [(page_start, page_start + 3)]               # the rows are announced when they are in
    assert model.data(model.index(middle, NUMBER)) == model.row_at(middle).number
    assert model.row_at(middle).id == expected[middle]
    assert len(read_on) == 1 and read_on[0] is not threading.main_thread()
    # Scrolled on: the next page is a seek from the known keys, on a worker as well.
    assert model.data(model.index(page_start + 4, NUMBER)) is None
    assert model.wait_for_pages() and model.row_at(page_start + 4).id == expected[page_start + 4]
    assert len(read_on) == 2 and read_on[1] is not threading.main_thread()


def test_a_refresh_keeps_the_rows_on_screen_until_their_new_read_is_in(qtbot, ctx):
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=4, reads_on_worker=True)
    model.data(model.index(0, NUMBER))
    assert model.wait_for_pages()
    shown = model.data(model.index(0, NUMBER))
    assert shown
    model.refresh()   # counted again: the rows are forgotten, and read again on a worker when painted
    assert model.data(model.index(0, NUMBER)) == shown and model.loading()   # the old row meanwhile, not a blank
    assert model.wait_for_pages() and model.cached_page_numbers() == [0]
    model.sort(NUMBER, Qt.SortOrder.AscendingOrder)   # another order: nothing of the old one is shown
    assert model.data(model.index(0, NUMBER)) is None
    assert model.wait_for_pages()


def test_a_paint_only_asks_for_its_page_and_the_read_starts_once_the_paint_is_over(qtbot, ctx):
    """A worker started within a paint would hold the interpreter lock while the paint needs it for every cell."""
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=4, reads_on_worker=True)
    assert running_jobs() == []
    assert model.data(model.index(0, NUMBER)) is None and model.data(model.index(1, NUMBER)) is None
    assert model.loading() and running_jobs() == []   # asked for, not started
    qtbot.waitUntil(lambda: running_jobs() != [] or model.is_loaded(0))   # started by the event loop
    qtbot.waitUntil(lambda: model.data(model.index(0, NUMBER)) is not None)
    assert not model.loading() and model.cached_page_numbers() == [0]


@pytest.fixture
def held_read(monkeypatch):
    """A page's read on a worker waits inside the query until `release` is set; `entered` says it got there."""
    entered, release = threading.Event(), threading.Event()
    real_seek = queue_model.queue_seek

    def held_seek(*args, **kwargs):
        entered.set()
        assert release.wait(10)
        return real_seek(*args, **kwargs)

    monkeypatch.setattr(queue_model, "queue_seek", held_seek)
    yield entered, release
    release.set()


def test_a_page_answered_while_its_window_closes_is_dropped(qtbot, held_read, ctx):
    """shutdown() waits for the read running and drops its answer: rows announced then would move the selection of
    a window whose workers have already stopped (and start the detail pane's read there)."""
    entered, release = held_read
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=4, reads_on_worker=True)
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(a.row()))
    model.data(model.index(0, NUMBER))
    qtbot.waitUntil(entered.is_set)   # the read is running on its worker
    threading.Timer(0.05, release.set).start()   # it answers while shutdown() waits for it
    model.shutdown()
    qtbot.wait(50)
    assert changed == [] and model.cached_page_numbers() == [] and running_jobs() == []


def test_a_page_answered_after_the_rows_were_forgotten_is_dropped(qtbot, held_read, ctx):
    entered, release = held_read
    model = QueueModel(Queue.ALL, ctx.now, viewer=ctx.viewer, page_size=4, reads_on_worker=True)
    middle = model.rowCount() // 2
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(a.row()))
    model.data(model.index(middle, NUMBER))
    qtbot.waitUntil(entered.is_set)   # the read is running on its worker
    model.sort(NUMBER, Qt.SortOrder.AscendingOrder)   # forgets every page and key: the read's answer is stale
    release.set()   # from here on reads pass straight through
    assert model.wait_for_pages()
    qtbot.wait(50)
    assert changed == [] and model.cached_page_numbers() == []
    expected = [r.id for r in queue_page(model.current_filter(), offset=0, limit=100_000, sort="number",
                                         descending=False)]
    assert model.row_at(0).id == expected[0]
