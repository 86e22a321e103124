"""How long the periodic queue-count refresh holds the window's thread, and what the count job costs, at 1,000,000
tickets.

Run: .venv/bin/python bench/bench_queue_counts.py [--tickets N] [--rebuild] [--repeat R]

Uses bench_queue.py's database (built once, cached under /tmp/desk-bench/). For the front desk (receptionist) and a
department receiver, each with a real MainWindow (offscreen) on that database:

1. The window's thread, one periodic refresh of the counts: before = every queue counted by its model right there
   (model.refresh() and count_without_search(), what the window did until the count job), against after = the
   timer's refresh starting the count job (the moment control is back in the event loop) plus taking in its result
   when the signal arrives; and the longest gap between the ticks of a 1 ms timer while the job runs (how long the
   event loop waited for anything). The deadlines and notices docks, refreshed by the same timer on the window's
   thread (not changed here), are timed apart.
2. The count job's own time (who reads, then every tab's count) against the same counts written by hand and run with
   the sqlite3 module: one GROUP BY state, the quarantined ones apart, the two deadline ranges; and against the
   job's own statements (one COUNT per state in a UNION ALL, closed ranges) by hand, which is its overhead alone.
3. The ways to count a reader's state-defined tabs and 全部 (services.queries' comment above _grouped_counts quotes
   these): as queue_counts does it, one COUNT per state with 全部 their sum, one GROUP BY state, quarantined, one
   GROUP BY state, one COUNT per queue; for the front desk, a department receiver and a 二级客服 with a jurisdiction.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queue import NOW, _fmt, _median_ms, ensure_database  # noqa: E402


def _median(values: list[float]) -> float:
    return statistics.median(values)


# ----------------------------------------------------------------------------------------------------------- window


def open_window(path: Path, username: str):
    """A MainWindow signed in as `username` on the database, its own timers stopped (the bench fires the refresh)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import staff_by_username
    from desk_app.services.setup import init_database
    from desk_app.ui.context import DeskContext
    from desk_app.ui.main_window.window import MainWindow

    init_database(f"sqlite:///{path}")
    QCoreApplication.setOrganizationName("DeskAppBench")
    QCoreApplication.setApplicationName("desk-app-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = tempfile.mkdtemp(prefix="desk-bench-settings-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    ctx = DeskContext(DeskService(now=lambda: NOW), Actor.of(staff_by_username(username)))
    window = MainWindow(ctx, database_url=f"sqlite:///{path}")
    window.timer.stop()
    window.scan_timer.stop()  # the deadline scan would write notices into the cached database
    return window, ctx


def old_count_refresh(window) -> None:
    """What the window's count refresh was until the count job, word for word: every queue counted here."""
    for queue, model in window.models.items():
        model.refresh()
        window._counts[queue] = model.count_without_search()
    window.current_view().revalidate_selection()
    window._update_tab_titles()
    window._update_search_result()


class JobTiming:
    """Times the pieces of one count job: the worker's work, and taking its result in on the window's thread."""

    def __init__(self, window, module) -> None:
        self.worker_ms: list[float] = []
        self.apply_ms: list[float] = []
        original_work = module.count_queues
        original_apply = window._on_count_job_succeeded

        def timed_work(*args):
            started = time.perf_counter()
            try:
                return original_work(*args)
            finally:
                self.worker_ms.append((time.perf_counter() - started) * 1000)

        def timed_apply(result):
            started = time.perf_counter()
            original_apply(result)
            self.apply_ms.append((time.perf_counter() - started) * 1000)

        module.count_queues = timed_work
        window._on_count_job_succeeded = timed_apply  # refresh_counts connects whatever this attribute is


def run_one_job(window) -> tuple[float, float]:
    """The timer's count refresh: (ms until control is back in the event loop, longest event-loop gap in ms while
    the job runs)."""
    from PySide6.QtCore import QEventLoop, QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(1)
    ticker.timeout.connect(tick)
    loop = QEventLoop()
    started = time.perf_counter()
    job = window.refresh_counts()
    blocked = (time.perf_counter() - started) * 1000
    if job is None:
        raise RuntimeError("a count job was running already")
    job.finished.connect(loop.quit)
    last[0] = time.perf_counter()
    ticker.start()
    loop.exec()
    ticker.stop()
    return blocked, max(gaps, default=0.0)


def bench_window(path: Path, username: str, repeat: int) -> dict[str, float]:
    from desk_app.models.db import close_database
    from desk_app.ui.main_window import window as window_module

    window, ctx = open_window(path, username)
    try:
        timing = JobTiming(window, window_module)
        old_count_refresh(window)  # warm the caches alike
        run_one_job(window)
        before = _median_ms(lambda: old_count_refresh(window), repeat)

        def docks() -> None:
            window.deadlines_dock.refresh()
            window.notifications_dock.refresh()

        docks_ms = _median_ms(docks, repeat)
        timing.worker_ms.clear()
        timing.apply_ms.clear()
        runs = [run_one_job(window) for _ in range(repeat)]
        return {
            "before": before, "start": _median([b for b, _gap in runs]), "apply": _median(timing.apply_ms),
            "gap": max(gap for _b, gap in runs), "worker": _median(timing.worker_ms), "docks": docks_ms,
            "tabs": len(window.queues),
        }
    finally:
        window.close()
        window.deleteLater()
        ctx.close()
        close_database()


# ----------------------------------------------------------------------------------------------------------- raw SQL


def raw_counts(raw: sqlite3.Connection, queues, scope_sql: str, scope_params: list, approval: frozenset, *,
               per_state_counts: bool = False) -> dict:
    """The same counts written by hand: one GROUP BY state (or, with `per_state_counts`, the statements
    queue_counts makes: one COUNT per state needed in a UNION ALL, 全部 by itself unless the archived state is
    counted anyway, closed ranges), the quarantined to-dispatch tickets apart, the deadline queues as ranges."""
    from desk_app.core.queues import Queue, queue_states
    from desk_app.core.states import State

    where = f"WHERE {scope_sql}" if scope_sql else ""
    extra = f" AND ({scope_sql})" if scope_sql else ""
    sum_all = True
    if per_state_counts:
        needed = set().union(*(approval if q == Queue.APPROVAL else queue_states(q) or () for q in queues))
        sum_all = Queue.ALL in queues and State.ARCHIVED in needed
        states = list(State) if sum_all else [s for s in State if s in needed]
        union = " UNION ALL ".join(f"SELECT ?, COUNT(*) FROM ticket WHERE state = ?{extra}" for _ in states)
        params = [p for s in states for p in (s.value, s.value, *scope_params)]
        per_state = dict(raw.execute(union, params)) if states else {}
    else:
        per_state = dict(raw.execute(f"SELECT state, COUNT(*) FROM ticket {where} GROUP BY state", scope_params))
    quarantined = dict(raw.execute(
        f"SELECT state, COUNT(*) FROM ticket WHERE state IN ('new', 'returned') AND quarantined{extra} "
        "GROUP BY state", scope_params))
    now = _fmt(NOW)
    overdue, approaching = "due_at <= ?", "warn_at <= ? AND due_at > ?"
    if per_state_counts:
        overdue, approaching = "due_at BETWEEN '1900-01-01 00:00:00' AND ?", \
            "warn_at <= ? AND warn_at >= '1900-01-01 00:00:00' AND due_at > ?"
    counts = {}
    for queue in queues:
        states = approval if queue == Queue.APPROVAL else queue_states(queue)
        if states is not None:
            counts[queue] = sum(per_state.get(s.value, 0) for s in states)
            if queue == Queue.TO_DISPATCH:
                counts[queue] -= sum(quarantined.get(s.value, 0) for s in states)
        elif queue == Queue.QUARANTINE:
            counts[queue] = quarantined.get(State.NEW.value, 0)
        elif queue == Queue.OVERDUE:
            counts[queue] = raw.execute(f"SELECT COUNT(*) FROM ticket WHERE {overdue}{extra}",
                                        [now, *scope_params]).fetchone()[0]
        elif queue == Queue.APPROACHING:
            counts[queue] = raw.execute(f"SELECT COUNT(*) FROM ticket WHERE {approaching}{extra}",
                                        [now, now, *scope_params]).fetchone()[0]
        elif sum_all:
            counts[queue] = sum(per_state.values())
        else:
            counts[queue] = raw.execute(f"SELECT COUNT(*) FROM ticket {where}", scope_params).fetchone()[0]
    return counts


def bench_worker_vs_raw(path: Path, username: str, repeat: int) -> dict[str, float]:
    """The count job's work and the raw SQL baselines, in ms, for one reader."""
    from desk_app.core.queues import QUEUES_FOR_ROLE
    from desk_app.models.db import close_database
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import QueueFilter, queue_counts, staff_by_username
    from desk_app.services.setup import init_database
    from desk_app.ui.main_window.window import count_queues

    init_database(f"sqlite:///{path}")
    service = DeskService(now=lambda: NOW)
    actor = Actor.of(staff_by_username(username))
    viewer = service.viewer(actor)
    queues = QUEUES_FOR_ROLE[actor.role]
    snapshots = [QueueFilter(q, NOW) for q in queues]
    ours = {f.queue: count for f, count, _tab in count_queues(service, actor, snapshots, lambda done, total: None)}
    assert ours == queue_counts(viewer, NOW, queues)
    scope = viewer.scope
    if scope.everything:
        if scope.areas is not None or scope.sensitive_kinds is None:
            raise RuntimeError("the raw baseline is written for the front desk and a department receiver")
        hidden = [row[0] for row in sqlite3.connect(path).execute("SELECT id FROM ticket WHERE sensitive")]
        if hidden:
            raise RuntimeError("the bench database has no sensitive tickets; this one does: rebuild it")
        scope_sql, scope_params = "", []
    else:
        department = actor.department_id
        scope_sql = ("department_id = ? OR (id IN (SELECT ticket_id FROM circulation WHERE department_id = ?) "
                     "AND NOT sensitive)")
        scope_params = [department, department]
        if scope.states or scope.kinds or scope.construction:
            raise RuntimeError("the raw baseline is written for a plain department receiver")
    raw = sqlite3.connect(path)
    for per_state_counts in (False, True):
        theirs = raw_counts(raw, queues, scope_sql, scope_params, viewer.approval_states,
                            per_state_counts=per_state_counts)
        assert theirs == ours, (theirs, ours)
    timings = {
        "job": _median_ms(lambda: count_queues(service, actor, snapshots, lambda done, total: None), repeat),
        "raw": _median_ms(lambda: raw_counts(raw, queues, scope_sql, scope_params, viewer.approval_states), repeat),
        "raw_same": _median_ms(lambda: raw_counts(raw, queues, scope_sql, scope_params, viewer.approval_states,
                                                  per_state_counts=True), repeat),
    }
    where = f"WHERE {scope_sql}" if scope_sql else ""
    timings["naive"] = _median_ms(lambda: raw.execute(
        f"SELECT state, quarantined, COUNT(*) FROM ticket {where} GROUP BY state, quarantined",
        scope_params).fetchall(), repeat)
    raw.close()
    close_database()
    return timings


# ----------------------------------------------------------------------------------------------------------- strategies


def bench_strategies(path: Path, repeat: int) -> list[tuple[str, dict[str, float]]]:
    """The counts of one reader's state-defined tabs and 全部 (the deadline ranges left out), five ways."""
    import peewee as pw

    from desk_app.core.kinds import Role
    from desk_app.core.queues import QUEUES_FOR_ROLE, Queue
    from desk_app.core.rules import approval_states, read_scope
    from desk_app.core.states import State
    from desk_app.models.db import close_database
    from desk_app.models.schema import Staff, Ticket
    from desk_app.services import queries
    from desk_app.services.desk import Actor, DeskService, Viewer
    from desk_app.services.setup import init_database

    init_database(f"sqlite:///{path}")
    rules = DeskService(now=lambda: NOW).config.rules()
    desk = Actor.of(Staff.get(Staff.username == "reception"))
    receiver = Actor.of(Staff.select().where(Staff.role == Role.RECEIVER.value).order_by(Staff.id.desc()).first())
    area = Ticket.select(Ticket.area).where(Ticket.id == 1).scalar()
    # Not in the bench database's staff: the rule book only needs their facts.
    jurisdiction = Actor(0, "二级客服", Role.DISPATCHER, None, jurisdiction=frozenset({area}))
    count = pw.fn.COUNT(pw.SQL("*"))
    results = []
    for name, actor in (("front desk", desk), ("department receiver", receiver),
                        (f"二级客服, jurisdiction {area}", jurisdiction)):
        viewer = Viewer(actor, read_scope(actor.facts, rules), rules, approval_states(actor.facts, rules))
        tabs = [q for q in QUEUES_FOR_ROLE[actor.role] if q not in (Queue.APPROACHING, Queue.OVERDUE)]

        def as_built() -> object:
            return queries.queue_counts(viewer, NOW, tabs)

        def every_state() -> object:  # ALL always the sum of one COUNT per state
            return queries.queue_counts(viewer, NOW, [*tabs, Queue.ARCHIVED])

        def grouped_with_quarantined() -> object:
            return list(Ticket.select(Ticket.state, Ticket.quarantined, count).where(queries.scope_condition(viewer))
                        .group_by(Ticket.state, Ticket.quarantined).tuples())

        def grouped() -> object:
            return list(Ticket.select(Ticket.state, count).where(queries.scope_condition(viewer))
                        .group_by(Ticket.state).tuples())

        def per_queue() -> object:
            return [queries.count_queue(queries.QueueFilter(q, NOW, viewer=viewer)) for q in tabs]

        ranges = [Queue.APPROACHING, Queue.OVERDUE]

        def ranges_closed() -> object:
            return list(queries.queue_counts(viewer, NOW, ranges).values())

        def ranges_one_sided() -> object:
            return [queries.count_queue(queries.QueueFilter(q, NOW, viewer=viewer)) for q in ranges]

        assert ranges_closed() == ranges_one_sided()

        assert list(as_built().values()) == per_queue()
        assert sum(n for _s, n in grouped()) == as_built()[Queue.ALL]
        assert {s for s, _n in grouped()} <= {s.value for s in State}
        timings: dict[str, float] = {}
        for label, run in (("queue_counts (as built)", as_built), ("COUNT per state, ALL their sum", every_state),
                           ("GROUP BY state, quarantined", grouped_with_quarantined), ("GROUP BY state", grouped),
                           ("COUNT per queue (until now)", per_queue),
                           ("the two deadline queues, closed ranges (as built)", ranges_closed),
                           ("the two deadline queues, one-sided (count_queue)", ranges_one_sided)):
            run()
            timings[label] = _median_ms(run, repeat)
        results.append((f"{name} ({len(tabs)} tabs)", timings))
    close_database()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="build the cached database again")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    total = time.perf_counter()
    path = ensure_database(args.tickets, args.rebuild)
    readers = {"front desk": "reception", "department receiver": _receiver_username(path)}

    print(f"\n1. the window's thread, one periodic count refresh (median of {args.repeat}; now = {NOW})")
    for name, username in readers.items():
        w = bench_window(path, username, args.repeat)
        after = w["start"] + w["apply"]
        print(f"  {name:<20} {w['tabs']:2d} tabs: before {w['before']:7.1f} ms (every queue counted here)"
              f"  after {after:5.1f} ms (start job {w['start']:.1f} + take in result {w['apply']:.1f})"
              f"  ratio {after / w['before']:6.3f}")
        print(f"  {'':<20}          longest event-loop gap while the job ran {w['gap']:.1f} ms; "
              f"deadlines + notices docks (same timer, unchanged) {w['docks']:.1f} ms")
    app.processEvents()

    print(f"\n2. the count job's work against the same counts by hand in sqlite3 (median of {args.repeat})")
    for name, username in readers.items():
        t = bench_worker_vs_raw(path, username, args.repeat)
        print(f"  {name:<20} count job {t['job']:7.1f} ms vs raw GROUP BY state {t['raw']:7.1f} ms  "
              f"ratio {t['job'] / t['raw']:5.2f}")
        print(f"  {'':<20}                   vs raw, the job's statements by hand {t['raw_same']:7.1f} ms  "
              f"ratio {t['job'] / t['raw_same']:5.2f}   (raw GROUP BY state, quarantined alone: {t['naive']:.1f} ms)")

    print(f"\n3. one reader's state-defined tabs and 全部, five ways (median of {args.repeat})")
    for name, timings in bench_strategies(path, args.repeat):
        print(f"  {name}")
        for label, ms in timings.items():
            print(f"    {label:<50} {ms:7.1f} ms")
    print(f"\ntotal {time.perf_counter() - total:.0f} s")
    return 0


def _receiver_username(path: Path) -> str:
    """The receiver of the busiest department in the bench database."""
    raw = sqlite3.connect(path)
    try:
        row = raw.execute("SELECT s.username FROM staff s WHERE s.role = 'receiver' AND s.department_id = "
                          "(SELECT department_id FROM ticket WHERE department_id IS NOT NULL GROUP BY department_id "
                          "ORDER BY COUNT(*) DESC LIMIT 1)").fetchone()
    finally:
        raw.close()
    return row[0]


if __name__ == "__main__":
    sys.exit(main())
