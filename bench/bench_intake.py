"""Intakes per second through the service (受理 → 工单生成) against raw INSERTs of the same rows, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/bench_intake.py [--count 1000] [--database sqlite|postgres|both] [--postgres-url URL]
The service side calls DeskService.create_ticket_from_intake once per intake, one transaction each (the actor re-read,
validation, the number, the ticket, its clocks, its history, routing, the register line). The baseline then writes
exactly the rows the service wrote (read back from its database) into a fresh database of the same schema with the
driver's own cursor: per intake one transaction of bare INSERTs (ticket, clocks, history rows, register line) and the
number's UPDATE. The ratio is what the service's work costs over the bare writes. Without --postgres-url a
throwaway PostgreSQL cluster is started (initdb + pg_ctl, as the tests do; fsync off, as in the tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk_app.core.kinds import TicketKind  # noqa: E402
from desk_app.core.validation import CallDraft, TicketDraft  # noqa: E402
from desk_app.models.db import close_database, database, is_postgres  # noqa: E402
from desk_app.models.schema import CallRecord, Clock, History, Ticket  # noqa: E402
from desk_app.services.demo import create_organization  # noqa: E402
from desk_app.services.desk import DeskService  # noqa: E402
from desk_app.services.setup import init_database  # noqa: E402

NOW = dt.datetime(2026, 11, 17, 9, 0, 0)
CONTENTS = ("卫生间水管漏水，楼下住户天花板渗水", "7栋2单元电梯故障困人", "小区路灯不亮，晚上出行不便", "楼道堆放杂物，存在消防隐患")
KINDS = (TicketKind.REPAIR, TicketKind.REPAIR, TicketKind.REPAIR, TicketKind.COMPLAINT)


def intake(n: int) -> tuple[CallDraft, TicketDraft]:
    text = f"{CONTENTS[n % len(CONTENTS)]}（{n}）"
    phone = f"138{n % 10_000_000:08d}"
    return (CallDraft(content=text, phone=phone, caller_name="张三", address=f"阳光花园{n % 30 + 1}栋"),
            TicketDraft(kind=KINDS[n % len(KINDS)], description=text, phone=phone, caller_name="张三",
                        address=f"阳光花园{n % 30 + 1}栋", area="城北片区"))


def through_service(url: str, count: int) -> float:
    """Seconds for `count` intakes through the service on a fresh database at `url` (left open)."""
    init_database(url)
    people = create_organization()
    service = DeskService(now=lambda: NOW)
    actor = people["reception"]
    drafts = [intake(n) for n in range(count)]
    started = time.perf_counter()
    for call, draft in drafts:
        service.create_ticket_from_intake(actor, call, draft)
    return time.perf_counter() - started


def rows_written() -> list[list[tuple[str, list[str], tuple]]]:
    """Per ticket, the INSERTs that wrote it: (table, columns, values) of its ticket, clocks, history, register line."""
    def rows(model, where):
        query = model.select().where(where).order_by(model.id).dicts()
        return [(model._meta.table_name, [model._meta.fields[k].column_name for k in row], tuple(row.values()))
                for row in query]

    written = []
    for ticket_id in [t.id for t in Ticket.select(Ticket.id).order_by(Ticket.id)]:
        written.append(rows(Ticket, Ticket.id == ticket_id) + rows(Clock, Clock.ticket == ticket_id)
                       + rows(History, History.ticket == ticket_id) + rows(CallRecord, CallRecord.ticket == ticket_id))
    return written


def raw_inserts(url: str, written: list[list[tuple[str, list[str], tuple]]]) -> float:
    """Seconds to write the same rows into a fresh database at `url` with the driver's cursor, a transaction each."""
    init_database(url)
    create_organization()
    postgres = is_postgres()
    mark = "%s" if postgres else "?"
    conn = database.connection()
    cursor = conn.cursor()
    statements = []
    for group in written:
        batch = []
        for table, columns, values in group:
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join(mark for _ in columns)
            batch.append((f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values))
        statements.append(batch)
    bump = (f'INSERT INTO "number_sequence" ("name", "year", "value") VALUES ({mark}, {mark}, 1) '
            'ON CONFLICT ("name", "year") DO UPDATE SET "value" = "number_sequence"."value" + 1')
    begin = "BEGIN" if postgres else "BEGIN IMMEDIATE"
    started = time.perf_counter()
    for group in statements:
        cursor.execute(begin)
        cursor.execute(bump, ("ticket", NOW.year))
        for sql, values in group:
            cursor.execute(sql, values)
        cursor.execute("COMMIT")
    return time.perf_counter() - started


def measure(kind: str, count: int, make_url) -> tuple[float, float]:
    service_seconds = through_service(make_url("service"), count)
    written = rows_written()
    assert len(written) == count
    close_database()
    raw_seconds = raw_inserts(make_url("raw"), written)
    assert Ticket.select().count() == count
    close_database()
    print(f"{kind:<10} {count:>6} intakes  service {count / service_seconds:>8.0f}/s ({service_seconds * 1000 / count:.2f} ms)"
          f"  raw INSERTs {count / raw_seconds:>8.0f}/s ({raw_seconds * 1000 / count:.2f} ms)"
          f"  ratio {service_seconds / raw_seconds:.1f}×")
    return count / service_seconds, count / raw_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres-url", help="a server to create the two benchmark databases on (postgres://…/); "
                                               "default: a throwaway cluster")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    folder = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    os.environ.setdefault("DESK_APP_DATA_DIR", str(folder / "data"))
    if args.database in ("sqlite", "both"):
        measure("SQLite", args.count, lambda name: f"sqlite:///{folder / (name + '.db')}")
    if args.database in ("postgres", "both"):
        if args.postgres_url:
            import psycopg2

            base = args.postgres_url.rstrip("/").rsplit("/", 1)[0]

            def make_url(name: str) -> str:
                admin = psycopg2.connect(f"{base}/postgres")
                admin.autocommit = True
                stamp = f"bench_intake_{name}_{os.getpid()}"
                admin.cursor().execute(f'CREATE DATABASE "{stamp}"')
                admin.close()
                return f"{base}/{stamp}"

            measure("PostgreSQL", args.count, make_url)
        else:
            from tests.postgres import Cluster

            cluster = Cluster().start()
            try:
                measure("PostgreSQL", args.count, lambda name: cluster.create_database(f"bench_{name}"))
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
