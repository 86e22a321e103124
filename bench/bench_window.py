"""Does the window wait, at 1,000,000 tickets? Pages by key, and the longest block of the window's thread.

Run: .venv/bin/python bench/bench_window.py [--tickets N] [--cache DIR] [--repeat R]

Uses bench_queue.py's database (built once and cached; `--cache` picks the folder, default /tmp/desk-bench).

1. Pages of the 全部 queue (as the front desk reads it) through QueueModel, every sort column both ways: the first
   page, the last page (read from the end), a deep middle page reached by scrolling (the key of the page above it is
   known: one seek) and one reached by a jump (the scroll bar dragged there: a step over the sort column's index,
   then a seek), each read in full from a model with no page cached; as ratios to the first page, beside the last
   page by OFFSET (services.queries.queue_page) as it was read before. Then the same jump as the window makes it
   (reads_on_worker): what the window's thread spends when that page is painted ("asked": the read starts once the
   paint is over) and the time until its rows can be shown ("rows after").
2. A scripted session on the main window (offscreen, 1480x900): open every queue, scroll to the bottom and back,
   drag the scroll bar to the middle, sort by every column both ways, search a ticket number, select tickets so the
   detail pane loads, Ctrl+End, open the intake and type a number. A timer every 2 ms on the window's thread
   (tests/ui/thread_watch.py) measures how late it comes: the longest block of each step (the least of five runs,
   as the test does, and the worst run; time spent waiting for a CPU left out), against a bare QMainWindow of the
   same size repainted in the same run, the main window repainted with its rows cached and resized by a pixel
   (laid out and painted, no query). Every statement the window's thread runs is timed (StatementClock), by step.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import bench_queue  # noqa: E402 - the cached 1M database and its fixed "now"

NOW = bench_queue.NOW
RUNS = 5   # as the timing test: the least of five runs


def _ms(run: Callable[[], object], repeat: int, setup: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        setup()
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _viewer_and_context(role: str = "receptionist"):
    from desk_app.models.schema import Staff
    from desk_app.services.desk import Actor, DeskService
    from desk_app.ui.context import DeskContext

    reader = Staff.select().where((Staff.role == role) & Staff.active).order_by(Staff.id).first()
    service = DeskService(now=lambda: NOW)
    ctx = DeskContext(service, Actor.of(reader))
    return (lambda: service.viewer(Actor.of(reader))), ctx


def bench_pages(repeat: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desk_app.core.queues import Queue
    from desk_app.services.queries import queue_page
    from desk_app.ui.queue_model import COLUMNS, SORT_KEYS, QueueModel

    app = QApplication.instance()
    viewer, ctx = _viewer_and_context()
    model = QueueModel(Queue.ALL, lambda: NOW, viewer=viewer)
    painted = QueueModel(Queue.ALL, lambda: NOW, viewer=viewer, reads_on_worker=True)   # as the window's queues
    count = model.rowCount()
    size = 100
    middle = (count // 2 // size) * size
    print(f"\n1. pages of the 全部 queue by key ({count:,} tickets, {size} rows a page, median of {repeat}, "
          "no page cached)")
    print(f"   {'sort':<22}{'first':>9}{'last':>9}{'middle,':>9}{'middle,':>9}{'window:':>9}{'rows':>9}   {'last/':>6}"
          f"{'scroll/':>8}{'jump/':>7}   {'OFFSET':>9}")
    print(f"   {'':<22}{'ms':>9}{'ms':>9}{'scroll':>9}{'jump':>9}{'asked':>9}{'after':>9}   {'first':>6}{'first':>8}"
          f"{'first':>7}   {'last ms':>9}")
    worst = {"last": 0.0, "scroll": 0.0, "jump": 0.0}
    for column, key in enumerate(COLUMNS):
        if key not in SORT_KEYS:
            continue
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            painted.sort(column, order)
            forget = model.refresh   # counts again (not timed) and forgets every page and key

            def above_middle() -> None:
                forget()
                model.row_at(middle - size)   # the page above is on screen: its last key is known

            first = _ms(lambda: model.row_at(0), repeat, forget)
            last = _ms(lambda: model.row_at(count - 1), repeat, forget)
            scroll = _ms(lambda: model.row_at(middle), repeat, above_middle)
            jump = _ms(lambda: model.row_at(middle), repeat, forget)

            def forget_painted() -> None:
                painted.wait_for_pages()
                app.processEvents()
                painted.refresh()

            # The window: painting the page only asks for its read on a worker; the rows come when it is in.
            cell = functools.partial(painted.index, middle, 0)
            asked = _ms(lambda: painted.data(cell()), repeat, forget_painted)

            def jump_to_rows() -> None:
                painted.data(cell())
                painted.wait_for_pages()
                app.processEvents()   # the answer is delivered on this thread
                assert painted.data(cell()) is not None

            landed = _ms(jump_to_rows, repeat, forget_painted)
            flt = model.current_filter()
            offset = _ms(lambda: queue_page(flt, offset=count - size, limit=size, sort=model.sort_key,
                                            descending=model.descending), 1, lambda: None)
            name = f"{key} {'desc' if model.descending else 'asc'}"
            print(f"   {name:<22}{first:9.1f}{last:9.1f}{scroll:9.1f}{jump:9.1f}{asked:9.1f}{landed:9.1f}"
                  f"   {last / first:6.2f}{scroll / first:8.2f}{jump / first:7.2f}   {offset:9.1f}")
            worst["last"] = max(worst["last"], last / first)
            worst["scroll"] = max(worst["scroll"], scroll / first)
            worst["jump"] = max(worst["jump"], jump / first)
    print(f"   largest ratios: last/first {worst['last']:.2f}, deep page scrolled/first {worst['scroll']:.2f}, "
          f"deep page by a jump/first {worst['jump']:.2f}")
    painted.wait_for_pages()
    ctx.close()


class _Waiter:
    """qtbot's wait outside pytest: an event loop for so long (QTest.qWait sleeps up to 10 ms between its rounds of
    events, which the watch would count as a block)."""

    @staticmethod
    def wait(ms: int) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    @classmethod
    def wait_until(cls, condition: Callable[[], bool], timeout_ms: int = 20_000) -> None:
        deadline = time.monotonic() + timeout_ms / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("a step did not finish")
            cls.wait(10)


RESIZED = "main window resized (laid out, painted)"


def bench_session(url: str) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    from desk_app.core.queues import Queue
    from desk_app.ui.main_window.window import MainWindow
    from desk_app.ui.queue_model import COLUMNS, SORT_KEYS
    from tests.ui.thread_watch import StatementClock, ThreadWatch, in_loop, key_press, post, type_text

    app = QApplication.instance() or QApplication([])
    home = tempfile.mkdtemp(prefix="h3-bench-settings-")
    QCoreApplication.setOrganizationName("DeskAppBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, home)
    bot = _Waiter()
    settle = functools.partial(bot.wait, 80)
    watch = ThreadWatch()
    statements = StatementClock(watch, between_steps=True)   # every statement, less the benchmark's own resets

    def step(name: str, action: Callable[[], object], reset: Callable[[], object] | None = None,
             runs: int = RUNS) -> None:
        for _ in range(runs):
            if reset is not None:
                statements.paused = True
                reset()
                settle()
                statements.paused = False
            with watch.step(name):
                action()
                settle()

    bare = QMainWindow()
    bare.setCentralWidget(QTableView(bare))
    bare.resize(1480, 900)
    bare.show()
    settle()
    step("bare QMainWindow repainted", lambda: [in_loop(bare.repaint) for _ in range(3)])
    bare.close()

    MainWindow.SCAN_FIRST_DELAY_MS = 3_600_000   # the deadline scan (a worker) is not part of the session
    _viewer, ctx = _viewer_and_context()
    started = time.perf_counter()
    window = MainWindow(ctx, database_url=url)
    window.resize(1480, 900)
    window.show()
    settle()
    opened = (time.perf_counter() - started) * 1000
    step("main window repainted, rows cached", lambda: [in_loop(window.repaint) for _ in range(3)])
    window.intake_dock.show()   # as the test's baseline: laid out and painted with its largest dock open
    settle()
    step(RESIZED, lambda: [in_loop(functools.partial(window.resize, 1480 + grown, 900)) for grown in (1, 0)])
    window.intake_dock.hide()
    for queue in window.queues:
        other = window.queues[0] if queue != window.queues[0] else window.queues[1]
        step(f"open the {queue.value} queue", lambda q=queue: in_loop(functools.partial(window.show_queue, q)),
             lambda q=queue, o=other: (window.show_queue(o), window.models[q].refresh()))
    window.show_queue(Queue.ALL)
    view = window.current_view()
    model = view.queue_model()
    bar = view.verticalScrollBar()

    def forget(scroll: Callable[[], object] = view.scrollToTop) -> None:
        model.refresh()
        scroll()

    step("scroll to the bottom", lambda: in_loop(view.scrollToBottom), forget)
    step("page up from the bottom",
         lambda: in_loop(functools.partial(bar.triggerAction, bar.SliderAction.SliderPageStepSub)),
         functools.partial(forget, view.scrollToBottom))
    step("scroll bar dragged to the middle", lambda: in_loop(functools.partial(bar.setValue, bar.maximum() // 2)),
         forget)
    step("scroll to the top", lambda: in_loop(view.scrollToTop),
         functools.partial(forget, functools.partial(bar.setValue, bar.maximum() // 3)))
    number = COLUMNS.index("number")
    for column, key in enumerate(COLUMNS):
        if key not in SORT_KEYS:
            continue
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            other = COLUMNS.index("created_at") if column == number else number
            step(f"sort by {key} {order.name[:-5].lower()}",
                 lambda c=column, o=order: in_loop(functools.partial(view.sortByColumn, c, o)),
                 lambda c=other: view.sortByColumn(c, Qt.SortOrder.AscendingOrder))
    view.sortByColumn(COLUMNS.index("created_at"), Qt.SortOrder.DescendingOrder)
    sample = model.row_at(0)
    window.search_edit.setFocus()

    def search() -> None:
        type_text(bot, window.search_edit, sample.number[:9])
        bot.wait_until(lambda: model.search == sample.number[:9])

    def clear_search() -> None:
        window.search_edit.clear()
        bot.wait_until(lambda: model.search == "")

    step("search: type a ticket number", search, clear_search)
    clear_search()
    view.select_row(0)
    settle()
    step("select the next ticket (Down)", lambda: (post(view, key_press(Qt.Key.Key_Down)), bot.wait(300)))

    def to_the_end() -> None:
        post(view, key_press(Qt.Key.Key_End, ctrl=True))
        bot.wait_until(lambda: view.currentIndex().row() == model.rowCount() - 1)
        bot.wait(300)

    step("Ctrl+End: the last ticket selected", to_the_end, lambda: (model.refresh(), view.select_row(0)))
    step("open the intake", lambda: in_loop(window.new_call_action.trigger), window.intake_dock.hide)
    phone = window.intake.phone_edit
    step("type a caller's number", lambda: (type_text(bot, phone, "13800138000"), bot.wait(400)),
         lambda: (phone.clear(), bot.wait(400)))
    window.close()
    ctx.close()
    app.processEvents()

    # The other windows, opened by an administrator (each the first time: then they are built and read).
    _admin_viewer, admin_ctx = _viewer_and_context("admin")
    window = MainWindow(admin_ctx, database_url=url)
    window.resize(1480, 900)
    window.show()
    settle()
    bot.wait(1500)   # its queues counted and first pages read
    for name, opener in [("open the summary window", window.open_summary),
                         ("open the customer archive", window.open_customer_archive),
                         ("open the knowledge base", window.open_knowledge_window),
                         ("open the register", window.open_register),
                         ("open the follow-ups", window.open_follow_ups),
                         ("open the administration", window.open_admin_window)]:
        step(name, lambda o=opener: in_loop(o), runs=1)
        bot.wait(1500)   # what it reads on workers comes in
    window.close()
    watch.stop()
    statements.stop()
    admin_ctx.close()
    app.processEvents()

    bare_ms = watch.longest("bare QMainWindow repainted")
    print(f"\n2. the window's thread during a scripted session (offscreen 1480x900; main window built in "
          f"{opened:.0f} ms, not watched); longest block of each step, least of its runs (worst run)")
    for name, s in watch.steps.items():
        flag = "  > 16 ms" if s.longest > 16 else ""
        print(f"   {name:<40}{s.longest:8.1f} ms  ({s.worst:6.1f}){flag}")
    queue_steps = [s for n, s in watch.steps.items() if n.startswith(("open the", "scroll", "page up", "sort", "search"))
                   and n.endswith(("queue", "top", "bottom", "middle", "ascending", "descending", "number"))]
    painting = watch.longest("main window repainted, rows cached")
    other_steps = [s for s in watch.steps.values()
                   if s not in queue_steps and not s.name.startswith(("bare", "main window re"))]
    worst_queue = max(queue_steps, key=lambda s: s.longest)
    worst_other = max(other_steps, key=lambda s: s.longest)
    print(f"   longest block, queue steps: {worst_queue.longest:.1f} ms ({worst_queue.name}); other steps: "
          f"{worst_other.longest:.1f} ms ({worst_other.name}); bare QMainWindow {bare_ms:.1f} ms "
          f"(worst run {watch.steps['bare QMainWindow repainted'].worst:.1f})")
    print(f"   the main window repainted with its rows cached (no query): {painting:.1f} ms; resized, laid out and "
          f"painted: {watch.longest(RESIZED):.1f} ms")
    between = [r for r in statements.records if r.step == StatementClock.BETWEEN_STEPS]
    inside = [r for r in statements.records if r.step != StatementClock.BETWEEN_STEPS]
    for where, records in (("in the steps", inside),
                           ("between the steps (windows built, the benchmark's own reads)", between)):
        longest = max(records, key=lambda r: r.ms, default=None)
        per_step = collections.Counter(r.step for r in records)
        print(f"   statements run on the window's thread {where}: {len(records)}"
              + (f" ({', '.join(f'{step}: {n}' for step, n in per_step.most_common())})" if inside is records else "")
              + (f", the longest {longest}" if longest else ""))
    if bare_ms > 0:
        print(f"   ratio to the bare window: queue {worst_queue.longest / bare_ms:.0f}x, "
              f"whole session {max(worst_queue.longest, worst_other.longest) / bare_ms:.0f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=bench_queue.CACHE, help="folder of the cached database")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-session", action="store_true")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    bench_queue.CACHE = args.cache
    total = time.perf_counter()
    path = bench_queue.ensure_database(args.tickets, rebuild=False)
    from desk_app.services.setup import init_database

    url = f"sqlite:///{path}"
    init_database(url)
    if not args.skip_pages:
        bench_pages(args.repeat)
    if not args.skip_session:
        bench_session(url)
    print(f"\ntotal {time.perf_counter() - total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
