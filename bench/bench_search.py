"""Search that uses indexes, and the ticket save, at 1,000,000 tickets and 1,000,000 customers.

Run: .venv/bin/python bench/bench_search.py [--tickets N] [--customers N] [--articles N] [--rebuild] [--repeat R]

1. Builds (once, cached under /tmp/desk-bench/) a SQLite database: init_database (schema, search indexes and their
   triggers), the demo organisation, then N customers (each with a number row, an address row, pinyin keys and
   search text), N tickets of those customers and 10,000 knowledge-base articles, by raw executemany in big
   batches with the full-text triggers on.
2. (a) A ticket saved through DeskService.create_ticket_from_intake (register line, ticket, clocks, history,
   routing) against the same rows written by raw INSERTs with the sqlite3 module (goal ≤ 3×).
3. (b) search_customers by typed digits, last four digits, pinyin initials, full pinyin, a two-character and a
   three-character name, against the equivalent raw indexed SQL (goal ≤ 2×).
4. (c) search_articles over the articles against the raw FTS5 query (goal ≤ 2×).
5. The query plan of the queue's search (queries.queue_page with each kind of term): no step scans the ticket table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CACHE = Path("/tmp/desk-bench")
BATCH = 20_000
NOW = dt.datetime(2026, 11, 26, 10, 0, 0)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["秀英", "桂英", "明", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "霞",
         "平", "刚", "建华", "建国", "志强", "海燕", "春梅", "玉兰", "文", "斌", "宇", "浩", "欣怡", "子轩", "梓涵",
         "晓东", "丽华", "伟", "芳", "婷", "鹏", "飞", "红", "建军", "秀兰", "国强", "淑珍", "佳怡", "雨涵"]
ESTATES = [("阳光花园", "城北片区"), ("翠湖苑", "城南片区"), ("锦绣家园", "城东片区"), ("金色港湾", "城西片区"),
           ("和平里小区", "城北片区"), ("东方明珠苑", "城南片区"), ("幸福里", "城东片区"), ("滨江一号", "城西片区")]
TEXTS = ["卫生间水管漏水，楼下住户天花板渗水", "厨房下水道堵塞，需要疏通", "楼道声控灯不亮，已有一周",
         "楼上住户深夜噪音扰民，多次沟通无果", "家中宽带频繁掉线，影响孩子网课", "咨询物业费缴费方式及发票开具",
         "建议小区增加垃圾分类投放点", "地下车库有大量蚊虫，需要消杀", "申请临时车辆出入证",
         "IPTV无信号，机顶盒提示网络连接失败", "电梯困人，3号楼2单元", "光网宽带开通：该楼栋分纤箱资源已满，需增加分纤箱"]
KINDS = ["repair", "complaint", "consultation", "suggestion", "request", "fault", "maintenance"]
PREFIXES = ["130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "158", "159", "180", "186", "189"]
KB_TOPICS = ["水管漏水", "下水道堵塞", "电梯困人", "宽带掉线", "物业费缴费", "停车证办理", "垃圾分类", "噪音扰民",
             "门禁卡补办", "燃气报修", "装修申请", "快递代收", "空调外机", "消防通道", "宠物管理", "发票开具"]


def _fmt(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _defaults(model) -> tuple[list[str], dict[str, object]]:
    """Every column of the model's table but id, with the value the model would give it when left out."""
    columns: list[str] = []
    defaults: dict[str, object] = {}
    for field in model._meta.sorted_fields:
        if field.column_name == "id":
            continue
        columns.append(field.column_name)
        default = field.default
        if callable(default):
            default = None
        if default is None and not field.null:
            default = "" if field.field_type in ("VARCHAR", "TEXT") else 0
        if isinstance(default, bool):
            default = int(default)
        defaults[field.column_name] = default
    return columns, defaults


def _inserter(conn: sqlite3.Connection, model) -> Callable[[list[dict]], None]:
    columns, defaults = _defaults(model)
    columns = ["id", *columns]
    sql = f'INSERT INTO "{model._meta.table_name}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'

    def insert(rows: list[dict]) -> None:
        conn.executemany(sql, [tuple(r.get(c, defaults.get(c)) for c in columns) for r in rows])
    return insert


def build_database(path: Path, tickets: int, customers: int, articles: int) -> None:
    from desk_app.core.search import customer_search_text, name_keys, national_digits
    from desk_app.models.db import close_database
    from desk_app.models.schema import Customer, CustomerAddress, CustomerNumber, KbArticle, Ticket
    from desk_app.services.demo import create_organization
    from desk_app.services.setup import init_database

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(20261201)
    init_database(f"sqlite:///{path}")
    people = create_organization()
    staff_id = people["reception"].id
    close_database()

    conn = sqlite3.connect(path)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "cache_size=-1000000"):
        conn.execute(f"PRAGMA {pragma}")
    add_customers = _inserter(conn, Customer)
    add_numbers = _inserter(conn, CustomerNumber)
    add_addresses = _inserter(conn, CustomerAddress)
    add_tickets = _inserter(conn, Ticket)
    add_articles = _inserter(conn, KbArticle)
    created = _fmt(dt.datetime(2024, 1, 1))
    kept: list[tuple[str, str, str, str]] = []   # name, phone, address, area of each customer (id = index + 1)
    number_id = 0
    with conn:
        for first in range(0, customers, BATCH):
            batch, numbers, addresses = [], [], []
            for cid in range(first + 1, min(customers, first + BATCH) + 1):
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                phones = [f"+86{rng.choice(PREFIXES)}{rng.randint(10**7, 10**8 - 1)}"]
                if rng.random() < 0.2:
                    phones.append(f"+86{rng.choice(('10', '21', '755'))}{rng.randint(10**7, 10**8 - 1)}")
                estate, area = rng.choice(ESTATES)
                address = (f"{estate}{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元"
                           f"{rng.randint(1, 28)}{rng.randint(1, 4):02d}")
                pinyin, initials = name_keys(name)
                batch.append({"id": cid, "name": name, "phone": phones[0], "address": address, "area": area,
                              "created_at": created, "updated_at": created, "name_pinyin": pinyin,
                              "name_initials": initials, "version": 1,
                              "search_text": customer_search_text(name, phones, [address])})
                for position, phone in enumerate(phones):
                    number_id += 1
                    numbers.append({"id": number_id, "customer_id": cid, "number": phone,
                                    "digits": national_digits(phone), "position": position})
                addresses.append({"id": cid, "customer_id": cid, "address": address, "area": area})
                kept.append((name, phones[0], address, area))
            add_customers(batch)
            add_numbers(numbers)
            add_addresses(addresses)
    print(f"  {customers:,} customers in {time.perf_counter() - started:.0f} s", flush=True)
    span = 730 * 86400
    sequence: dict[int, int] = {}
    with conn:
        for first in range(0, tickets, BATCH):
            batch = []
            for tid in range(first + 1, min(tickets, first + BATCH) + 1):
                at = NOW - dt.timedelta(seconds=int(span * (1 - (tid - rng.random()) / tickets)) + 3600)
                sequence[at.year] = sequence.get(at.year, 0) + 1
                cid = rng.randint(1, customers)
                name, phone, address, area = kept[cid - 1]
                batch.append({
                    "id": tid, "number": f"{at.year}-{sequence[at.year]:06d}", "kind": rng.choice(KINDS),
                    "channel": "phone", "urgency": "medium", "impact": "medium", "priority": 3,
                    "policy_code": "default", "customer_id": cid, "caller_name": name, "phone": phone,
                    "address": address, "area": area, "description": rng.choice(TEXTS), "state": "archived",
                    "created_by_id": staff_id, "created_at": _fmt(at), "accepted_at": _fmt(at),
                    "updated_at": _fmt(at), "version": 1, "provisional": 0})
            add_tickets(batch)
    conn.execute("INSERT OR REPLACE INTO number_sequence (name, year, value) VALUES ('ticket', ?, ?)",
                 (NOW.year, sequence.get(NOW.year, 0)))
    print(f"  {tickets:,} tickets in {time.perf_counter() - started:.0f} s", flush=True)
    with conn:
        add_articles([{
            "id": i, "question": f"{rng.choice(KB_TOPICS)}怎么办？第{i}条", "tags": " ".join(rng.sample(KB_TOPICS, 2)),
            "answer": "；".join(rng.sample(TEXTS, 3)) + f"。请联系前台，编号{i:05d}。", "kind": rng.choice(KINDS + [""]),
            "author_id": staff_id, "created_at": created, "updated_at": _fmt(NOW - dt.timedelta(minutes=i)),
            "retired": int(rng.random() < 0.05), "version": 1} for i in range(1, articles + 1)])
        conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.commit()
    conn.close()
    print(f"built in {time.perf_counter() - started:.0f} s → {path} ({path.stat().st_size / 2**20:.0f} MiB)",
          flush=True)


def ensure_database(tickets: int, customers: int, articles: int, rebuild: bool) -> Path:
    from desk_app.models.db import close_database
    from desk_app.models.schema import Customer, KbArticle, Ticket
    from desk_app.services.setup import init_database

    path = CACHE / f"desk-search-{tickets}-{customers}.db"
    if path.exists() and not rebuild:
        try:
            init_database(f"sqlite:///{path}")
            counts = (Ticket.select().count(), Customer.select().count(), KbArticle.select().count())
            close_database()
            if counts == (tickets, customers, articles):
                print(f"reusing {path}")
                return path
            print(f"cached database has {counts}; rebuilding")
        except Exception as error:  # noqa: BLE001 - a broken cache is rebuilt
            close_database()
            print(f"cached database unusable ({error}); rebuilding")
    build_database(path, tickets, customers, articles)
    return path


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas the application uses (models.db.SQLITE_PRAGMAS)."""
    from desk_app.models.db import SQLITE_PRAGMAS

    conn = sqlite3.connect(path, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        conn.execute(f"PRAGMA {name}={value}")
    return conn


# ----------------------------------------------------------------------------------------------------- (a) the save

# The tables a ticket saved from the intake writes rows in (the transfer path: no rule routes the bench's ticket, so
# nothing is dispatched and no notification is written); the number sequence's row is updated. Checked at each run.
SAVE_TABLES = {"call_record", "ticket", "clock", "history"}


def _table_ends() -> dict[str, int | None]:
    """The last rowid of every table but the full-text indexes' own (their triggers fire for raw inserts too)."""
    from desk_app.models.db import database

    tables = [name for (name,) in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name NOT LIKE '%fts%'").fetchall()]
    return {t: database.execute_sql(f'SELECT MAX(rowid) FROM "{t}"').fetchone()[0] for t in tables}


def bench_save(path: Path, repeat: int) -> tuple[float, float]:
    """Median ms of one ticket saved through the service, and of the same rows by raw INSERTs, on the open database
    (a copy of the cached one: the history is append-only, saved rows cannot be taken back)."""
    from desk_app.core.kinds import TicketKind
    from desk_app.core.validation import CallDraft, TicketDraft
    from desk_app.models.schema import CallRecord, Clock, Customer, History, Ticket
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import staff_by_username

    service = DeskService(now=lambda: NOW)
    actor = Actor.of(staff_by_username("reception"))
    rng = random.Random(7)
    callers = list(Customer.select(Customer.name, Customer.phone, Customer.address)
                   .where(Customer.id.in_([rng.randint(1, 1_000) * 997 % Customer.select().count() + 1
                                           for _ in range(repeat * 2 + 2)])).tuples())
    last_ticket = Ticket.select(Ticket.id).order_by(Ticket.id.desc()).scalar()
    before = _table_ends()
    times = []
    for i in range(repeat + 1):
        name, phone, address = callers[i % len(callers)]
        national = phone[3:]
        started = time.perf_counter()
        service.create_ticket_from_intake(
            actor, CallDraft(content="卫生间水管漏水", phone=national, caller_name=name, address=address),
            TicketDraft(kind=TicketKind.REPAIR, description="卫生间水管漏水，楼下住户天花板渗水", phone=national,
                        caller_name=name, address=address))
        if i:
            times.append(time.perf_counter() - started)
        if not i:
            # Every table the save wrote a row in must be written by the raw baseline too, or the ratio flatters.
            grown = {table for table, end in _table_ends().items() if end != before.get(table)}
            if grown != SAVE_TABLES:
                raise SystemExit(f"the save wrote rows in {sorted(grown)}; the raw baseline writes "
                                 f"{sorted(SAVE_TABLES)}: make it write the same rows")
    service_ms = statistics.median(times) * 1000
    # What one save wrote, to be written again by hand.
    ticket = Ticket.select().where(Ticket.id > last_ticket).order_by(Ticket.id).first()
    ticket_row = Ticket.select().where(Ticket.id == ticket.id).dicts().get()
    call_row = CallRecord.select().where(CallRecord.ticket == ticket.id).dicts().get()
    clock_rows = list(Clock.select().where(Clock.ticket == ticket.id).dicts())
    history_rows = list(History.select().where(History.ticket == ticket.id).dicts())

    def plain(row: dict) -> dict:
        return {k: (_fmt(v) if isinstance(v, dt.datetime) else v) for k, v in row.items() if k != "id"}

    def columns(model, row: dict) -> dict:
        return {model._meta.fields[k].column_name: v for k, v in plain(row).items()}

    conn = _raw(path)
    call_cols = columns(CallRecord, call_row)
    ticket_cols = columns(Ticket, ticket_row)
    clock_cols = [columns(Clock, r) for r in clock_rows]
    history_cols = [columns(History, r) for r in history_rows]

    def insert(table: str, row: dict) -> int:
        names = ", ".join(f'"{c}"' for c in row)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})'
        return conn.execute(sql, list(row.values())).lastrowid

    raw_times = []
    for i in range(repeat + 1):
        # Each row written once with its final values (the register line already linked to its ticket), the next
        # number counted up in one statement: the least a hand could do for the same rows.
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        value = conn.execute("UPDATE number_sequence SET value = value + 1 WHERE name = 'ticket' AND year = ? "
                             "RETURNING value", (NOW.year,)).fetchone()[0]
        ticket_id = insert("ticket", {**ticket_cols, "number": f"{NOW.year}-{value:06d}"})
        for row in clock_cols:
            insert("clock", {**row, "ticket_id": ticket_id})
        insert("call_record", {**call_cols, "ticket_id": ticket_id})
        for row in history_cols:
            insert("history", {**row, "ticket_id": ticket_id})
        conn.execute("COMMIT")
        if i:
            raw_times.append(time.perf_counter() - started)
    conn.close()
    raw_ms = statistics.median(raw_times) * 1000
    return service_ms, raw_ms


# ------------------------------------------------------------------------------------------------ (b), (c) lookups

_CUSTOMER_COLUMNS = 'c.id, c.name, c.phone, c.address, c.area'


def customer_cases(conn: sqlite3.Connection) -> list[tuple[str, str, list[tuple[str, list]]]]:
    """(label, query typed, the raw statements that answer it with the same indexes: SQL and parameters). Typed
    digits are both the beginning of a number and digits inside one, as the service looks them up when the first
    finds fewer than 50."""
    from desk_app.core.search import fts_match, name_readings, prefix_upper

    phone = conn.execute("SELECT number FROM customer_number WHERE id = 4242").fetchone()[0]
    typed = phone[3:10]   # the first seven digits of a mobile, typed so far
    last4 = phone[-4:]
    top = "\U0010ffff"
    number_sql = (f"SELECT {_CUSTOMER_COLUMNS} FROM customer_number n JOIN customer c ON c.id = n.customer_id "
                  "WHERE n.digits >= ? AND n.digits < ? AND c.merged_into_id IS NULL ORDER BY n.digits LIMIT 50")
    fts_sql = (f"SELECT {_CUSTOMER_COLUMNS} FROM customer_fts f JOIN customer c ON c.id = f.rowid "
               "WHERE customer_fts MATCH ? AND c.merged_into_id IS NULL LIMIT 50")
    initials_sql = (f"SELECT {_CUSTOMER_COLUMNS} FROM customer c WHERE c.name_initials >= ? AND c.name_initials < ? "
                    "AND c.merged_into_id IS NULL ORDER BY c.name_initials LIMIT 50")
    pinyin_sql = (f"SELECT {_CUSTOMER_COLUMNS} FROM customer c WHERE c.name_pinyin >= ? AND c.name_pinyin < ? "
                  "AND c.merged_into_id IS NULL ORDER BY c.name_pinyin LIMIT 50")
    # The name has no index: its pinyin has, one range per reading the name may be stored under (潘: pan, bo, fan).
    name_sql = (f"SELECT {_CUSTOMER_COLUMNS} FROM customer c WHERE ({{}}) "
                "AND c.name >= ? AND c.name < ? AND c.merged_into_id IS NULL ORDER BY c.name LIMIT 50")
    cases = [
        ("typed digits " + typed, typed, [(number_sql, [typed, typed + top]), (fts_sql, [fts_match([typed])])]),
        ("last 4 digits " + last4, last4, [(number_sql, [last4, last4 + top]), (fts_sql, [fts_match([last4])])]),
        ("pinyin initials zjh", "zjh", [(initials_sql, ["zjh", "zjh" + top])]),
        ("full pinyin zhangjianhua", "zhangjianhua", [(initials_sql, ["zhangjianhua", "zhangjianhua" + top]),
                                                      (pinyin_sql, ["zhangjianhua", "zhangjianhua" + top])]),
    ]
    for name in ("潘洋", "张建华"):
        readings = name_readings(name)
        ranges = " OR ".join("(c.name_pinyin >= ? AND c.name_pinyin < ?)" for _ in readings)
        params = [v for r in readings for v in (r, r + top)] + [name, prefix_upper(name)]
        cases.append((f"name {name} ({len(readings)} readings)", name, [(name_sql.format(ranges), params)]))
    return cases


def bench_customers(path: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import staff_by_username
    from desk_app.services.search import search_customers

    viewer = DeskService(now=lambda: NOW).viewer(Actor.of(staff_by_username("reception")))
    conn = _raw(path)
    results = []
    for label, typed, statements in customer_cases(conn):
        hits = search_customers(viewer, typed)
        ours = _median_ms(lambda: search_customers(viewer, typed), repeat)
        raw = _median_ms(lambda: [conn.execute(sql, params).fetchall() for sql, params in statements], repeat)
        results.append((label, ours, raw, len(hits)))
    conn.close()
    return results


def bench_articles(path: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    from desk_app.core.search import fts_match
    from desk_app.services.search import search_articles

    conn = _raw(path)
    sql = ("SELECT a.id, a.question, a.answer, a.kind, a.tags, a.updated_at, -f.rank FROM "
           "(SELECT rowid AS id, bm25(kb_fts, 5.0, 1.0, 3.0) AS rank FROM kb_fts WHERE kb_fts MATCH ?) f "
           "JOIN kb_article a ON a.id = f.id WHERE a.retired = 0 ORDER BY f.rank LIMIT 20")
    results = []
    for text in ("水管漏水", "电梯困人 3号楼", "物业费缴费"):
        terms = [t for t in text.split() if len(t) >= 3]
        short = [t for t in text.split() if len(t) < 3]
        query_sql = sql if not short else sql.replace(
            "WHERE a.retired = 0", "WHERE a.retired = 0" + " AND (a.question || ' | ' || a.answer || ' | ' || a.tags) "
            "LIKE ? ESCAPE '\\'" * len(short))
        params = [fts_match(terms), *(f"%{t}%" for t in short)]
        hits = search_articles(text)
        ours = _median_ms(lambda: search_articles(text), repeat)
        raw = _median_ms(lambda: conn.execute(query_sql, params).fetchall(), repeat)
        results.append((f"kb {text}", ours, raw, len(hits)))
    conn.close()
    return results


# ------------------------------------------------------------------------------------------------ query plans

QUEUE_SEARCHES = ["2026-0001", "13812345678", "5678", "水管漏水", "潘洋", "潘", "zs", "zhangsan", "阳光花园 潘",
                  "010 6234"]


def queue_plans() -> list[tuple[str, list[str], float]]:
    """EXPLAIN QUERY PLAN of the queue page's SELECT and COUNT for each kind of search term, and the page's time."""
    from desk_app.core.queues import Queue
    from desk_app.models.db import database
    from desk_app.models.schema import Ticket
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import QueueFilter, _row_query, _where, queue_page, staff_by_username

    viewer = DeskService(now=lambda: NOW).viewer(Actor.of(staff_by_username("supervisor")))
    out = []
    for text in QUEUE_SEARCHES:
        flt = QueueFilter(Queue.ALL, NOW, search=text, viewer=viewer)
        select = _row_query().where(_where(flt)).order_by(Ticket.created_at.desc()).limit(100)
        sql, params = select.sql()
        plan = [row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
        started = time.perf_counter()
        queue_page(flt, offset=0, limit=100)
        out.append((text, plan, (time.perf_counter() - started) * 1000))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from desk_app.models.db import close_database
    from desk_app.services.setup import init_database

    total = time.perf_counter()
    path = ensure_database(args.tickets, args.customers, args.articles, args.rebuild)
    work = path.with_name(path.stem + "-save.db")
    shutil.copyfile(path, work)
    init_database(f"sqlite:///{work}")
    try:
        service_ms, raw_ms = bench_save(work, args.repeat)
    finally:
        close_database()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    init_database(f"sqlite:///{path}")
    ok = True
    print(f"\n{'':<34} {'ours ms':>9} {'raw ms':>9} {'ratio':>6}  goal")
    ratio = service_ms / raw_ms
    ok &= ratio <= 3
    print(f"{'(a) ticket save':<34} {service_ms:9.2f} {raw_ms:9.2f} {ratio:6.2f}  ≤ 3")
    for label, ours, raw, hits in bench_customers(path, args.repeat) + bench_articles(path, args.repeat):
        ratio = ours / raw
        ok &= ratio <= 2
        print(f"{label:<34} {ours:9.2f} {raw:9.2f} {ratio:6.2f}  ≤ 2   ({hits} found)")
    print("\nqueue search (queue_page, 100 rows): plan and time")
    for text, plan, ms in queue_plans():
        scans = [step for step in plan if step.startswith("SCAN") and ("t1" in step or "ticket" in step.split()[1:2])]
        ok &= not scans
        print(f"  {text!r:<18} {ms:8.1f} ms  {'SCANS ' + '; '.join(scans) if scans else 'no scan of ticket'}")
        for step in plan:
            print(f"      {step}")
    close_database()
    print(f"\ntotal {time.perf_counter() - total:.0f} s; {'all goals met' if ok else 'SOME GOALS MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
