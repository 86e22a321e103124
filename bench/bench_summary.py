"""What opening the supervisor summary costs over 1,000,000 tickets, against the same aggregates in raw SQL.

Run: .venv/bin/python bench/bench_summary.py [--tickets N] [--rebuild] [--repeat R]

1. Takes bench_queue.py's cached database of N tickets (building it if needed) and adds, once (cached under
   /tmp/desk-bench/ as desk-summary-N.db), what the summary reads besides tickets: their clocks (resolution for
   every ticket, response for half, transfer for 10086, return visit for completed ones, some late), the call
   register (a line per ticket and one answered on the spot per three), return visits with satisfaction, and
   resolved_at. All by INSERT … SELECT, so it takes a minute rather than an hour.
2. summarize() as the administrator (every figure, six breakdowns, the trend, clocks per procedure) for today,
   this month and the year so far, against a careful hand's raw SQL for the same numbers (the same grouping
   strategy, written out) run with the sqlite3 module.
   The window runs summarize() in a background job; this is how long the figures take to arrive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_queue  # noqa: E402 - the shared 1,000,000-ticket database

NOW = bench_queue.NOW
COMPLETED = "('resolved', 'visited', 'archived')"
OPEN = ("('new', 'returned', 'dispatched', 'accepted', 'appointed', 'in_progress', 'blocked', 'resolved', "
        "'pending_leader', 'pending_office', 'pending_center', 'pending_audit', 'pending_reply', "
        "'pending_coordination', 'pending_quality')")


def ensure_summary_database(tickets: int, rebuild: bool) -> Path:
    from desk_app.models.db import close_database
    from desk_app.services.setup import init_database

    path = bench_queue.CACHE / f"desk-summary-{tickets}.db"
    if path.exists() and not rebuild:
        init_database(f"sqlite:///{path}")   # migrates a cache made by an older schema
        close_database()
        print(f"reusing {path}")
        return path
    source = bench_queue.ensure_database(tickets, False)
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, path)
    init_database(f"sqlite:///{path}")
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    staff = conn.execute("SELECT MIN(id) FROM staff WHERE role = 'receptionist'").fetchone()[0]
    # Pseudo-random but reproducible: from the ticket id.
    steps = [
        # Completed tickets were solved 0–8 days after intake (some after their deadline).
        f"UPDATE ticket SET resolved_at = datetime(created_at, '+' || ((id * 7) % 9) || ' days', '+3 hours') "
        f"WHERE state IN {COMPLETED}",
        "DELETE FROM clock",
        # Resolution: due 1–7 days after intake; stopped when solved, running otherwise.
        "INSERT INTO clock (ticket_id, kind, \"limit\", started_at, deadline, warn_at, stopped_at, provisional) "
        "SELECT id, 'resolve', '3wd', created_at, datetime(created_at, '+' || (id % 7 + 1) || ' days'), "
        "datetime(created_at, '+' || (id % 7) || ' days'), resolved_at, 0 FROM ticket",
        # Response: half of the tickets, answered within 0–5 hours of a 4-hour limit.
        "INSERT INTO clock (ticket_id, kind, \"limit\", started_at, deadline, warn_at, stopped_at, provisional) "
        "SELECT id, 'respond', '4h', created_at, datetime(created_at, '+4 hours'), datetime(created_at, '+3 hours'), "
        "CASE WHEN state NOT IN ('new', 'returned', 'dispatched') "
        "THEN datetime(created_at, '+' || (id % 6) || ' hours') END, 0 FROM ticket WHERE id % 2 = 0",
        # Transfer: 10086 tickets, dispatched after 20 or 80 minutes of a one-hour limit.
        "INSERT INTO clock (ticket_id, kind, \"limit\", started_at, deadline, warn_at, stopped_at, provisional) "
        "SELECT id, 'transfer', '1h', created_at, datetime(created_at, '+1 hours'), "
        "datetime(created_at, '+45 minutes'), dispatched_at, 0 FROM ticket WHERE channel = '10086'",
        # Return visit: due a day after completion; made for visited and archived tickets.
        "INSERT INTO clock (ticket_id, kind, \"limit\", started_at, deadline, warn_at, stopped_at, provisional) "
        "SELECT id, 'visit', '24h', resolved_at, datetime(resolved_at, '+1 days'), datetime(resolved_at, '+18 hours'), "
        "CASE WHEN state IN ('visited', 'archived') THEN datetime(resolved_at, '+' || (id % 30 + 1) || ' hours') END, "
        "0 FROM ticket WHERE state IN " + COMPLETED,
        "DELETE FROM return_visit",
        "INSERT INTO return_visit (ticket_id, at, by_id, satisfaction, note, reopened) "
        "SELECT id, datetime(resolved_at, '+10 hours'), " + str(staff) + ", "
        "CASE WHEN id % 10 < 7 THEN 'satisfied' WHEN id % 10 < 9 THEN 'basically' ELSE 'unsatisfied' END, '', 0 "
        "FROM ticket WHERE state IN ('visited', 'archived')",
        "DELETE FROM call_record",
        "INSERT INTO call_record (received_at, channel, caller_name, phone, customer_id, content, agent_id, outcome, "
        "transferred_to, follow_up, ticket_id) SELECT datetime(created_at, '-5 minutes'), channel, caller_name, "
        "phone, customer_id, description, created_by_id, 'ticket', '', '', id FROM ticket",
        "INSERT INTO call_record (received_at, channel, caller_name, phone, customer_id, content, agent_id, outcome, "
        "transferred_to, follow_up, ticket_id) SELECT datetime(created_at, '+17 minutes'), channel, caller_name, "
        "phone, customer_id, '咨询', created_by_id, 'solved', '', '', NULL FROM ticket WHERE id % 3 = 0",
        "ANALYZE",
    ]
    for sql in steps:
        with conn:
            conn.execute(sql)
    conn.execute("PRAGMA journal_mode=WAL")
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("clock", "call_record",
                                                                                  "return_visit")}
    conn.close()
    print(f"added {counts} in {time.perf_counter() - started:.1f} s → {path}")
    return path


def raw_summary(conn: sqlite3.Connection, since: str, until: str, now: str) -> dict[str, object]:
    """The summary's numbers as a careful hand would get them: a query per figure group, grouped where it can."""
    p = {"since": since, "until": until, "now": now}
    q = conn.execute
    out: dict[str, object] = {}
    out["tickets"] = q("SELECT COUNT(*), SUM(kind = 'complaint' AND complaint_level = 'formal') FROM ticket "
                       "WHERE created_at >= :since AND created_at < :until", p).fetchone()
    out["closed"] = q("SELECT COUNT(*) FROM ticket WHERE resolved_at >= :since AND resolved_at < :until",
                      p).fetchone()
    out["overdue"] = q("SELECT COUNT(*) FROM ticket WHERE due_at <= :now", p).fetchone()
    out["approaching"] = q("SELECT COUNT(*) FROM ticket WHERE warn_at <= :now AND due_at > :now", p).fetchone()
    decided = ("c.deadline >= :since AND c.deadline < :until AND c.deadline IS NOT NULL "
               "AND (c.stopped_at IS NOT NULL OR c.deadline <= :now)")
    met = "(c.stopped_at IS NOT NULL AND c.stopped_at <= c.deadline)"
    out["on_time"] = q(f"SELECT c.kind, t.channel = '10086', t.policy_code, COUNT(*), SUM({met}), "
                       f"SUM(c.stopped_at IS NULL AND c.deadline <= :now) FROM clock c "
                       f"JOIN ticket t ON t.id = c.ticket_id WHERE {decided} GROUP BY 1, 2, 3", p).fetchall()
    out["coverage"] = q("SELECT COUNT(*), SUM(stopped_at IS NOT NULL) FROM clock WHERE kind = 'visit' "
                        "AND started_at >= :since AND started_at < :until", p).fetchone()
    out["satisfaction"] = q("SELECT satisfaction, COUNT(*) FROM return_visit WHERE at >= :since AND at < :until "
                            "GROUP BY 1", p).fetchall()
    out["calls"] = q("SELECT channel, COUNT(*), SUM(outcome = 'solved') FROM call_record "
                     "WHERE received_at >= :since AND received_at < :until GROUP BY 1", p).fetchall()
    # The breakdowns as the same hand would write them once it has seen SQLite walk a whole one-column index for
    # GROUP BY department: every breakdown column grouped together, per measure, and summed per breakdown after.
    cols = "department_id, receiver_id, kind, area, channel, station"
    tcols = ", ".join(f"t.{c}" for c in cols.split(", "))
    grouped = {
        "in": q(f"SELECT {cols}, COUNT(*) FROM ticket WHERE created_at >= :since AND created_at < :until "
                f"GROUP BY {cols}", p).fetchall(),
        "closed": q(f"SELECT {cols}, COUNT(*) FROM ticket WHERE resolved_at >= :since AND resolved_at < :until "
                    f"GROUP BY {cols}", p).fetchall(),
        "open": q(f"SELECT {cols}, COUNT(*), SUM(due_at <= :now) FROM ticket "
                  f"WHERE state IN {OPEN} GROUP BY {cols}", p).fetchall(),
        "rate": q(f"SELECT {tcols}, COUNT(*), SUM({met}) FROM clock c JOIN ticket t ON t.id = c.ticket_id "
                  f"WHERE c.kind = 'resolve' AND {decided} GROUP BY {tcols}", p).fetchall(),
    }
    for i in range(6):
        for name, rows in grouped.items():
            sums: dict[object, int] = {}
            for row in rows:
                sums[row[i]] = sums.get(row[i], 0) + row[6]
            out[f"by_{i}_{name}"] = sums
    complaints: dict[object, int] = {}
    for row in grouped["in"]:
        if row[2] == "complaint":
            complaints[row[3]] = complaints.get(row[3], 0) + row[6]
    out["hot_area"] = sorted(complaints.items(), key=lambda kv: -kv[1])[:10]
    out["trend_new"] = q("SELECT date(created_at), COUNT(*) FROM ticket WHERE created_at >= :since "
                         "AND created_at < :until GROUP BY 1", p).fetchall()
    out["trend_closed"] = q("SELECT date(resolved_at), COUNT(*) FROM ticket WHERE resolved_at >= :since "
                            "AND resolved_at < :until GROUP BY 1", p).fetchall()
    out["trend_overdue"] = q(f"SELECT date(c.deadline), COUNT(*) - SUM({met}) FROM clock c WHERE c.kind = 'resolve' "
                             f"AND {decided} GROUP BY 1", p).fetchall()
    return out


def _median_s(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = ensure_summary_database(args.tickets, args.rebuild)

    from desk_app.core.summary import Figure, Period
    from desk_app.models.db import close_database
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import staff_by_username
    from desk_app.services.setup import init_database
    from desk_app.services.summary import summarize

    init_database(f"sqlite:///{path}")
    viewer = DeskService(now=lambda: NOW).viewer(Actor.of(staff_by_username("admin")))
    conn = sqlite3.connect(path)
    fmt = "%Y-%m-%d %H:%M:%S"
    print(f"\nThe summary as the administrator, {args.tickets:,} tickets, median of {args.repeat} "
          f"(after one warm-up run each):")
    print(f"{'period':<28}{'summarize()':>14}{'raw SQL':>12}{'ratio':>8}   tickets in, on time (resolution)")
    for name, period in (("this month (11-01 … 11-26)", Period(dt.date(2026, 11, 1), NOW.date())),
                         ("today", Period(NOW.date(), NOW.date())),
                         ("the year so far", Period(dt.date(2026, 1, 1), NOW.date()))):
        summary = summarize(viewer, period, NOW)
        raw_summary(conn, period.since.strftime(fmt), period.until.strftime(fmt), NOW.strftime(fmt))
        ours = _median_s(lambda p=period: summarize(viewer, p, NOW), args.repeat)
        raw = _median_s(lambda p=period: raw_summary(conn, p.since.strftime(fmt), p.until.strftime(fmt),
                                                     NOW.strftime(fmt)), args.repeat)
        resolve = summary.ratios[Figure.ON_TIME_RESOLVE]
        print(f"{name:<28}{ours * 1000:>11.0f} ms{raw * 1000:>9.0f} ms{ours / raw:>7.2f}×   "
              f"{summary.counts[Figure.TICKETS_IN]:,}, {resolve.numerator:,}/{resolve.denominator:,}")
    conn.close()
    bench_window(viewer.actor, args.repeat)
    close_database()
    return 0


def bench_window(actor, repeat: int) -> None:
    """The summary window on the window's thread: building and showing it, then the gaps in the event loop while
    its job computes this month, and taking in the figures; against a bare QMainWindow built and shown."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from desk_app.services.desk import DeskService
    from desk_app.ui.context import DeskContext
    from desk_app.ui.summary import SummaryWindow

    app = QApplication.instance() or QApplication([])
    ctx = DeskContext(DeskService(now=lambda: NOW), actor)
    shown, arrived, gaps, bare = [], [], [], []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        window = SummaryWindow(ctx)
        window.resize(1280, 800)
        window.show()          # starts the job (showEvent)
        shown.append(time.perf_counter() - started)
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        while window.computing:
            app.processEvents()   # the benchmark's own event loop; the job runs on its thread meanwhile
        timer.stop()
        arrived.append(time.perf_counter() - started)
        gaps.append(max((b - a for a, b in zip(ticks, ticks[1:], strict=False)), default=0.0))
        window.close()
        window.deleteLater()
        app.processEvents()
        started = time.perf_counter()
        plain = QMainWindow()
        plain.resize(1280, 800)
        plain.show()
        app.processEvents()
        bare.append(time.perf_counter() - started)
        plain.close()
    median = lambda values: statistics.median(values[1:]) * 1000  # noqa: E731 - the first run warms up
    print(f"\nThe summary window, this month, {repeat} runs after a warm-up:")
    print(f"  built and shown on the window's thread {median(shown):6.0f} ms vs a bare QMainWindow "
          f"{median(bare):5.0f} ms  ratio {median(shown) / max(median(bare), 0.001):.1f}")
    print(f"  figures on screen after {median(arrived):6.0f} ms; longest wait of the event loop meanwhile "
          f"{median(gaps):.0f} ms (taking in the figures included; no query runs on the window's thread)")
    ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
