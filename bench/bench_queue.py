"""How much the queue table model and the main window cost over the database at 1,000,000 tickets.

Run: .venv/bin/python bench/bench_queue.py [--tickets N] [--rebuild] [--repeat R]

1. Builds (once, cached under /tmp/desk-bench/) a SQLite database with N tickets (default 1,000,000) made by
   init_database and then bulk-inserted with raw executemany in big batches: two years of work, most of it
   archived, the recent part spread over every state, with deadlines and warning times like the services set.
2. First page of several queues through QueueModel (rowCount + every column of the first 30 rows), against the
   same COUNT and SELECT … JOIN … ORDER BY … LIMIT 100 written by hand and run with the sqlite3 module; a search
   against the same indexes asked by hand (a text: the newest TEXT_MATCHES matches of the full-text index).
Start-up (to the sign-in dialog and to the main window) is measured by bench/bench_startup.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CACHE = Path("/tmp/desk-bench")
ROOT = Path(__file__).resolve().parents[1]
BATCH = 50_000
# Fixed "now" of the generated data (and of the measurements), so the cached database stays meaningful.
NOW = dt.datetime(2026, 11, 26, 10, 0, 0)

OPEN_MIX = [  # state, weight: what the last month looks like
    ("new", 4), ("returned", 1), ("dispatched", 5), ("accepted", 5), ("appointed", 3), ("in_progress", 8),
    ("blocked", 2), ("resolved", 6), ("visited", 6), ("archived", 60),
]
KINDS = ["repair", "complaint", "consultation", "suggestion", "request", "fault", "maintenance", "ftth_install"]
CHANNELS = ["phone"] * 6 + ["visit", "wechat", "10086"]
CLOCKS = ["respond", "transfer", "arrive", "resolve", "visit"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["秀英", "桂英", "明", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "霞",
         "平", "刚", "建华", "建国", "志强", "海燕", "春梅", "玉兰", "文", "斌", "宇", "浩", "欣怡", "子轩", "梓涵"]
ESTATES = [("阳光花园", "城北片区"), ("翠湖苑", "城南片区"), ("锦绣家园", "城东片区"), ("金色港湾", "城西片区"),
           ("和平里小区", "城北片区"), ("东方明珠苑", "城南片区"), ("幸福里", "城东片区"), ("滨江一号", "城西片区")]
TEXTS = ["卫生间水管漏水，楼下住户天花板渗水", "厨房下水道堵塞，需要疏通", "楼道声控灯不亮，已有一周",
         "楼上住户深夜噪音扰民，多次沟通无果", "家中宽带频繁掉线，影响孩子网课", "咨询物业费缴费方式及发票开具",
         "建议小区增加垃圾分类投放点", "地下车库有大量蚊虫，需要消杀", "申请临时车辆出入证", "IPTV无信号，机顶盒提示网络连接失败",
         "电梯困人，3号楼2单元", "光网宽带开通：该楼栋分纤箱资源已满，需增加分纤箱"]
PREFIXES = ["130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "158", "159", "180", "186", "189"]


# ----------------------------------------------------------------------------------------------------------- build


def _fmt(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else None


def _column_defaults(conn: sqlite3.Connection) -> tuple[list[str], dict[str, object]]:
    """Every column of `ticket` with the value the model would give it when the generator leaves it out."""
    from desk_app.models.schema import Ticket

    columns = [row[1] for row in conn.execute("PRAGMA table_info(ticket)") if row[1] != "id"]
    defaults: dict[str, object] = {}
    for field in Ticket._meta.sorted_fields:
        if field.column_name == "id":
            continue
        default = field.default
        if callable(default):
            default = None
        if default is None and not field.null:
            default = "" if field.field_type in ("VARCHAR", "TEXT") else 0
        if isinstance(default, bool):
            default = int(default)
        defaults[field.column_name] = default
    return columns, defaults


def build_database(path: Path, tickets: int) -> None:
    """init_database for the schema and the people (peewee), then tickets by raw executemany in big batches."""
    from desk_app.models.db import close_database, database
    from desk_app.models.schema import Customer, Department, Staff
    from desk_app.services.setup import init_database

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(20261126)
    init_database(f"sqlite:///{path}")
    with database.atomic():
        staff_ids = [Staff.create(username=u, name=n, role="receptionist").id
                     for u, n in (("reception", "王芳"), ("reception2", "陈晨"))]
        receivers: dict[int, int] = {}
        for i, (name, person) in enumerate(zip(["客服助理", "安全部", "环境部", "财务部", "工程部", "网络维护站"],
                                               ["李静", "周强", "王丽", "刘洋", "张伟", "杨帆"], strict=True), 1):
            department = Department.create(name=name, code=f"d{i}")
            receivers[department.id] = Staff.create(username=f"d{i}.recv", name=person, role="receiver",
                                                    department=department).id
            department.receiver = receivers[department.id]
            department.save()
    customers = max(1000, tickets // 10)
    with database.atomic():
        for first in range(0, customers, 5000):
            Customer.insert_many([
                {"name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                 "phone": f"+86{rng.choice(PREFIXES)}{rng.randint(10**7, 10**8 - 1)}",
                 "address": f"{e}{rng.randint(1, 12)}栋{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}",
                 "area": a, "created_at": dt.datetime(2024, 1, 1)}
                for e, a in (rng.choice(ESTATES) for _ in range(min(5000, customers - first)))]).execute()
    close_database()

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    people = conn.execute("SELECT id, name, phone, address, area FROM customer").fetchall()

    # Ticket indexes are dropped during the load and made again afterwards: much faster than updating them.
    index_sql = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='ticket' AND sql IS NOT NULL")]
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='ticket' "
                                "AND sql IS NOT NULL").fetchall():
        conn.execute(f'DROP INDEX "{name}"')

    columns, defaults = _column_defaults(conn)
    placeholders = ", ".join("?" for _ in columns)
    insert = f"INSERT INTO ticket ({', '.join(columns)}) VALUES ({placeholders})"
    states, weights = zip(*OPEN_MIX, strict=True)
    span = 730 * 86400
    sequence: dict[int, int] = {}

    def rows(start: int, count: int):
        for i in range(start, start + count):
            # Evenly spread over two years, oldest first, with jitter.
            age = span * (1 - (i + rng.random()) / tickets)
            created = NOW - dt.timedelta(seconds=int(age))
            year = created.year
            sequence[year] = sequence.get(year, 0) + 1
            days_old = age / 86400
            if days_old > 45:
                state = "archived" if rng.random() < 0.985 else rng.choice(("visited", "in_progress", "blocked"))
            else:
                state = rng.choices(states, weights)[0]
            customer = rng.choice(people)
            department = rng.randint(1, 6)
            dispatched = state not in ("new", "returned")
            due = warn = clock = None
            if state not in ("visited", "archived", "blocked"):
                limit = rng.choice((4 * 3600, 14 * 3600, 3 * 86400, 7 * 86400, 13 * 86400))
                due = created + dt.timedelta(seconds=limit)
                warn = due - dt.timedelta(seconds=limit // 4)
                clock = rng.choice(CLOCKS[:4]) if state != "resolved" else "visit"
            values = {
                "number": f"{year}-{sequence[year]:06d}", "kind": rng.choice(KINDS), "variant": "",
                "channel": rng.choice(CHANNELS), "category": "", "urgency": "medium", "impact": "medium",
                "priority": rng.choice((1, 2, 3, 3, 3, 4, 4, 5)), "policy_code": "default",
                "customer_id": customer[0], "caller_name": customer[1], "phone": customer[2],
                "address": customer[3], "area": customer[4], "description": rng.choice(TEXTS), "state": state,
                "department_id": department if dispatched else None,
                "receiver_id": receivers[department] if dispatched else None, "worker": "",
                "created_by_id": rng.choice(staff_ids), "created_at": _fmt(created), "accepted_at": _fmt(created),
                "dispatched_at": _fmt(created + dt.timedelta(minutes=20)) if dispatched else None,
                "updated_at": _fmt(created), "version": 1, "due_at": _fmt(due), "warn_at": _fmt(warn),
                "due_clock": clock, "provisional": 1 if due is not None and due.year >= 2027 else 0,
            }
            yield tuple(values[c] if c in values else defaults.get(c) for c in columns)

    with conn:
        for start in range(0, tickets, BATCH):
            conn.executemany(insert, rows(start, min(BATCH, tickets - start)))
    with conn:
        for sql in index_sql:
            conn.execute(sql)
        conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    print(f"built {tickets:,} tickets in {time.perf_counter() - started:.1f} s → {path} "
          f"({path.stat().st_size / 2**20:.0f} MiB)")


def ensure_database(tickets: int, rebuild: bool) -> Path:
    from desk_app.models.db import close_database
    from desk_app.models.schema import Ticket
    from desk_app.services.setup import init_database

    path = CACHE / f"desk-{tickets}.db"
    if path.exists() and not rebuild:
        try:
            init_database(f"sqlite:///{path}")  # migrates a cache made by an older schema
            if Ticket.select().count() == tickets:
                close_database()
                print(f"reusing {path} ({tickets:,} tickets)")
                return path
        except Exception as error:  # noqa: BLE001 - a broken cache is rebuilt
            print(f"cached database unusable ({error}); rebuilding")
        close_database()
    build_database(path, tickets)
    return path


# ----------------------------------------------------------------------------------------------------------- measure


def _median_ms(run: Callable[[], object], repeat: int, setup: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


RAW_SELECT = (
    "SELECT t.id, t.number, t.state, t.kind, t.priority, t.caller_name, t.phone, t.address, t.created_at, "
    "t.due_at, t.warn_at, t.due_clock, t.provisional, t.version, d.name, r.name "
    "FROM ticket t LEFT JOIN department d ON t.department_id = d.id LEFT JOIN staff r ON t.receiver_id = r.id "
)


def raw_queries(queue: str, search: str, now: str) -> tuple[str, str, list]:
    """The COUNT and the first-page SELECT a careful hand would write for a queue (same order as the model)."""
    from desk_app.core.queues import Queue, queue_states
    from desk_app.core.search import fts_match
    from desk_app.services.search import TEXT_MATCHES
    from desk_app.ui.queue_model import default_sort

    q = Queue(queue)
    params: list = []
    states = queue_states(q)
    if states is not None:
        values = [s.value for s in states]
        where = f"t.state IN ({', '.join('?' for _ in values)})"
        params += values
        if q == Queue.TO_DISPATCH:
            where += " AND NOT t.quarantined"
    elif q == Queue.OVERDUE:
        where, params = "t.due_at <= ?", [now]
    elif q == Queue.APPROACHING:
        where, params = "t.warn_at <= ? AND t.due_at > ?", [now, now]
    else:
        where = "1"
    if search:
        # What a careful hand would ask the same indexes: the number's range, the exact phone, or the newest matches
        # of the full-text index (the same cap as services.search.TEXT_MATCHES: FTS5 walks them newest first).
        newest = ("t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid DESC "
                  f"LIMIT {TEXT_MATCHES})")
        if search[:1].isdigit() and "-" in search:
            where += " AND t.number BETWEEN ? AND ?"
            fill = 11 - len(search)
            params += [search + "0" * fill, search + "9" * fill]
        elif search.isdigit() and len(search) < 7:
            # Digits inside a phone number, or the beginning of a ticket number.
            where += f" AND (t.number >= ? AND t.number < ? OR {newest})"
            params += [search, search + "\U0010ffff", f"phone : ({fts_match([search])})"]
        elif search[:1] == "1" or search.startswith("+"):
            where += " AND t.phone = ?"
            params.append(search)
        else:
            where += f" AND {newest}"
            params.append(fts_match([search]))
    key, descending = default_sort(q)
    direction = "DESC" if descending else "ASC"
    order = f"t.{key} {direction}" + (" NULLS LAST" if key == "due_at" else "") + f", t.id {direction}"
    count = f"SELECT COUNT(*) FROM ticket t WHERE {where}"
    select = RAW_SELECT + f"WHERE {where} ORDER BY {order} LIMIT 100"
    return count, select, params


def bench_first_pages(path: Path, repeat: int) -> list[tuple[str, float, float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desk_app.core.queues import Queue
    from desk_app.services import queries
    from desk_app.services.setup import init_database
    from desk_app.ui.queue_model import QueueModel

    QApplication.instance() or QApplication([])
    init_database(f"sqlite:///{path}")
    # The queue as the front desk reads it: the rule book's read scope (sensitive tickets filtered) is in the SQL.
    from desk_app.models.schema import Staff
    from desk_app.services.desk import Actor, DeskService

    reader = (Staff.select().where((Staff.role == "receptionist") & Staff.active).first()
              or Staff.get(Staff.username == "admin"))
    service = DeskService(now=lambda: NOW)
    viewer = lambda: service.viewer(Actor.of(reader))  # noqa: E731 - the models ask it at each refresh
    raw = sqlite3.connect(path)
    now_text = _fmt(NOW)
    sample_phone, sample_address = raw.execute(
        "SELECT phone, address FROM ticket WHERE id = (SELECT MAX(id) / 2 FROM ticket)").fetchone()
    # A common phrase (in a twelfth of the tickets), an estate (an eighth), one flat's address (a few tickets), the
    # last four digits of a phone (hundreds).
    cases = [(Queue.TO_DISPATCH, ""), (Queue.IN_HAND, ""), (Queue.APPROACHING, ""), (Queue.OVERDUE, ""),
             (Queue.ARCHIVED, ""), (Queue.ALL, ""), (Queue.ALL, sample_phone), (Queue.ALL, "2026-0004"),
             (Queue.ALL, "水管漏水"), (Queue.ALL, "阳光花园"), (Queue.ALL, sample_address), (Queue.ALL, sample_phone[-4:])]
    results = []
    for queue, search in cases:
        made: list[QueueModel] = []

        def make_model() -> None:
            forget = getattr(queries, "_shown_phone", None)
            if forget is not None:
                forget.cache_clear()  # every run pays for formatting its phone numbers, as a first start does
            made[:] = [] if not search else [QueueModel(queue, lambda: NOW, viewer=viewer)]

        def through_model() -> None:
            # A search is typed into a queue already on screen: only set_search and the page are timed.
            model = made[0] if made else QueueModel(queue, lambda: NOW, viewer=viewer)
            if search:
                model.set_search(search)
            for row in range(min(30, model.rowCount())):
                for column in range(model.columnCount()):
                    model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)

        count_sql, select_sql, params = raw_queries(queue.value, search, now_text)
        count_params = params

        def through_sqlite() -> None:
            raw.execute(count_sql, count_params).fetchone()
            raw.execute(select_sql, params).fetchall()

        make_model()
        through_model()  # warm both caches alike
        through_sqlite()
        name = queue.value + (f" search {search!r}" if search else "")
        results.append((name, _median_ms(through_model, repeat, make_model), _median_ms(through_sqlite, repeat)))
    raw.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="build the cached database again")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    total = time.perf_counter()
    path = ensure_database(args.tickets, args.rebuild)
    print(f"\nfirst page (rowCount + 30 rows x 10 columns), median of {args.repeat}; now = {NOW}")
    for name, model_ms, raw_ms in bench_first_pages(path, args.repeat):
        print(f"  first page {name:<32} {model_ms:8.1f} ms vs raw SQL {raw_ms:8.1f} ms  ratio {model_ms / raw_ms:5.2f}")
    print("\nstart-up: bench/bench_startup.py")
    print(f"\ntotal {time.perf_counter() - total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
