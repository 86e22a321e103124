"""Notify-to-repaint: how long a ticket another desk creates takes to show in this desk's open queue.

Run: .venv/bin/python bench/bench_live.py [--changes N] [--postgres URL]

Two processes on one database: a writer process (another desk) creates N tickets one after another; this process
shows a real MainWindow (offscreen) with live updates on, on the queue 全部, and for each ticket waits until its number
is in the rows on screen and the table has been repainted. Measured from the writer's commit (its wall clock, same
machine) to (1) the window hearing of it (LiveUpdates.tickets_changed) and (2) the repaint. On PostgreSQL (a private
cluster started here, or --postgres URL of an empty database) and on one SQLite file. Baseline, in the same run: a
bare `SELECT pg_notify(...)` sent by the same writer process and received by a bare psycopg2 listener (select()),
from before the statement is sent (its commit is the statement's own) to its arrival.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DESK_APP_CHEAP_HASH", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WRITER = r"""
import json, sys, time
from desk_app.core.kinds import TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.db import database, open_database
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import staff_by_username

open_database(sys.argv[1])
service = DeskService()
desk = Actor.of(staff_by_username("reception"))
print("ready", flush=True)
for line in sys.stdin:
    command = line.strip()
    started = time.time()
    if command == "create":
        ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.CONSULTATION, description="另一台的咨询",
                                                            phone="13800138000", caller_name="李四"))
    elif command == "notify":
        ticket_id = 0
        database.execute_sql("SELECT pg_notify('desk_bench', %s)", (str(started),))
    print(json.dumps({"id": ticket_id, "started": started, "committed": time.time()}), flush=True)
"""


class Writer:
    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", WRITER, url], cwd=ROOT, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit("the writer process did not start")

    def do(self, command: str) -> dict:
        self.send(command)
        return json.loads(self.process.stdout.readline())

    def send(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def answer(self) -> dict | None:
        """The answer to the last command if it is there (never waits): the bench's thread keeps working."""
        readable, _, _ = select.select([self.process.stdout], [], [], 0)
        return json.loads(self.process.stdout.readline()) if readable else None

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


def _stats(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms"


def prepare(url: str) -> None:
    from desk_app.models.db import close_database
    from desk_app.services.demo import build_demo
    from desk_app.services.setup import init_database

    init_database(url)
    build_demo(tickets=100)
    close_database()


def bare_notify(url: str, changes: int) -> list[float]:
    """The writer sends a bare pg_notify; a bare psycopg2 connection here hears it."""
    import psycopg2
    from playhouse.db_url import parse

    params = parse(url)
    params["dbname"] = params.pop("database")
    params.pop("passwd", None)
    listener = psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
    listener.autocommit = True
    listener.cursor().execute("LISTEN desk_bench")
    writer = Writer(url)
    latencies = []
    try:
        for _ in range(changes):
            writer.send("notify")
            while not listener.notifies:  # stamped when it arrives, before the writer's answer is read
                select.select([listener], [], [], 2.0)
                listener.poll()
            received = time.time()
            listener.notifies.clear()
            sent = json.loads(writer.process.stdout.readline())
            # From before the statement was sent: the commit is the statement's own, its return comes after.
            latencies.append(received - sent["started"])
    finally:
        writer.close()
        listener.close()
    return latencies


def window_latency(url: str, changes: int) -> tuple[list[float], list[float]]:
    """(heard, repainted) latencies of `changes` tickets created by the writer, seen in a MainWindow here."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from desk_app.core.queues import Queue
    from desk_app.models.db import close_database
    from desk_app.models.schema import Ticket
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import staff_by_username
    from desk_app.services.setup import init_database
    from desk_app.ui.context import DeskContext
    from desk_app.ui.main_window.window import MainWindow
    from desk_app.ui.queue_model import COLUMNS

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("DeskAppBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="desk-bench-"))
    init_database(url)
    ctx = DeskContext(DeskService(), Actor.of(staff_by_username("reception2")))
    window = MainWindow(ctx, database_url=url, live_updates=True)
    window.scan_timer.stop()
    window.resize(1280, 800)
    window.show()
    window.show_queue(Queue.ALL)
    view = window.current_view()
    model = view.queue_model()
    number_column = COLUMNS.index("number")
    heard_at: dict[int, float] = {}
    window.live.tickets_changed.connect(lambda batch: heard_at.update({i: time.time() for i in batch.ids}))

    def shown_numbers() -> set[str]:
        first, last = view.visible_rows()
        return set() if first < 0 else {model.index(r, number_column).data() for r in range(first, last + 1)}

    writer = Writer(url)
    heard, repainted = [], []
    try:
        for _ in range(changes):
            # The window's thread never waits for the writer: its answer (the id and the commit time) is read
            # when it is there, while the event loop runs on.
            writer.send("create")
            made, number, shown_at = None, None, None
            deadline = time.monotonic() + 10
            while made is None or shown_at is None:
                if time.monotonic() > deadline:
                    raise SystemExit("a ticket did not show within 10 s")
                app.processEvents()
                if made is None:
                    made = writer.answer()
                    if made is not None:
                        number = Ticket.get_by_id(made["id"]).number
                if number is not None and number in shown_numbers():
                    view.viewport().repaint()
                    shown_at = time.time()
                else:
                    time.sleep(0.0005)
            repainted.append(shown_at - made["committed"])
            heard.append(heard_at.get(made["id"], time.time()) - made["committed"])
            while window.counting:  # let the count job end before the next change
                app.processEvents()
                time.sleep(0.001)
    finally:
        writer.close()
        window.close()
        ctx.close()
        window.deleteLater()
        app.processEvents()
        close_database()
    return heard, repainted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database (default: a private cluster)")
    args = parser.parse_args()
    cluster = None
    if args.postgres:
        pg_url = args.postgres
    else:
        from tests.postgres import Cluster

        cluster = Cluster().start()
        pg_url = cluster.create_database("bench_live")
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-live-"))
    os.environ["DESK_APP_DATA_DIR"] = str(folder / "data")
    sqlite_url = f"sqlite:///{folder / 'desk.db'}"
    try:
        prepare(pg_url)
        prepare(sqlite_url)
        print(f"{args.changes} tickets created by another process, each until it shows in this window's open queue")
        baseline = bare_notify(pg_url, args.changes)
        print(f"baseline  bare pg_notify sent -> heard (psycopg2) {_stats(baseline)}")
        for name, url in (("postgres", pg_url), ("sqlite  ", sqlite_url)):
            heard, repainted = window_latency(url, args.changes)
            ratio = statistics.median(repainted) / statistics.median(baseline)
            print(f"{name}  commit -> heard (tickets_changed)   {_stats(heard)}")
            print(f"{name}  commit -> repainted in the queue   {_stats(repainted)}   "
                  f"(median {ratio:.1f}x the bare round trip)")
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
