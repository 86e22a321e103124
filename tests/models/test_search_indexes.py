"""The search indexes on both databases: the PostgreSQL migration indexes exactly the expressions the queries name
(models.search), the same searches find the same rows on SQLite and on a real PostgreSQL server, and PostgreSQL
answers the ticket search from its pg_trgm index.

The seed, 工单扭转管理办法 第二条: "可以对工单进行存档，以便于日后查询，统计" — on a center's shared server as on one desk.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from desk_app.models.db import close_database, database, is_postgres
from desk_app.models.migrations import _V6_SEARCH_POSTGRES, _V6_SEARCH_SQLITE
from desk_app.models.schema import Customer, Ticket
from desk_app.models.search import CUSTOMER_TEXT, FTS_TABLES, KB_TEXT, TICKET_TEXT
from desk_app.services.demo import create_organization
from desk_app.services.desk import DeskService
from desk_app.services.search import search_articles, search_customers, ticket_condition
from desk_app.services.setup import init_database
from tests.services.test_search import (
    CUSTOMER_CASES,
    TICKET_CASES,
    make_articles,
    make_customers,
    make_tickets,
    ticket_callers,
)

_names = itertools.count()
ARTICLE_CASES = ["水管", "水管爆裂", "总阀 报修", "发票", "停水", "水", ""]


def _indexed(table: str) -> str:
    """The expression of the migration's pg_trgm index on `table`."""
    statement = next(s for s in _V6_SEARCH_POSTGRES if f'ON "{table}" USING gin' in s)
    found = re.search(r"USING gin \((.*) gin_trgm_ops\)$", statement)
    assert found, statement
    return found.group(1)


def test_the_postgres_indexes_are_on_the_expressions_the_queries_name():
    assert _indexed("ticket") == TICKET_TEXT
    assert _indexed("customer") == CUSTOMER_TEXT
    assert _indexed("kb_article") == KB_TEXT


def test_the_sqlite_full_text_tables_index_the_same_columns():
    for table, fts in FTS_TABLES.items():
        create = next(s for s in _V6_SEARCH_SQLITE if s.startswith(f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} "))
        columns = re.search(r"fts5\((.*?), content=", create).group(1).split(", ")
        assert f"content='{table}'" in create and "tokenize='trigram'" in create
        expression = {"ticket": TICKET_TEXT, "customer": CUSTOMER_TEXT, "kb_article": KB_TEXT}[table]
        assert re.findall(r'"(\w+)"', expression) == columns


@pytest.mark.sqlite_only("reads the pages of SQLite's FTS5 index table (ticket_fts_data)")
def test_the_ticket_text_index_is_rewritten_only_when_its_texts_change(desk_db):
    """An update naming the indexed columns without changing them (a whole-row save) leaves the index alone; a change
    of a text is found at once and the old text no longer is."""
    create_organization()
    make_tickets(make_customers())
    ticket = Ticket.select().order_by(Ticket.id).first()

    def index_pages() -> list[tuple]:
        return database.execute_sql("SELECT id, block FROM ticket_fts_data ORDER BY id").fetchall()

    before = index_pages()
    Ticket.update(caller_name=Ticket.caller_name, phone=Ticket.phone, address=Ticket.address,
                  description=Ticket.description, version=Ticket.version + 1).where(Ticket.id == ticket.id).execute()
    assert index_pages() == before
    Ticket.update(description="阁楼天窗漏雨").where(Ticket.id == ticket.id).execute()
    assert index_pages() != before
    assert [t.id for t in Ticket.select(Ticket.id).where(ticket_condition("阁楼天窗"))] == [ticket.id]
    assert not Ticket.select().where((Ticket.id == ticket.id) & ticket_condition(ticket.description[:4])).exists()


def run_cases() -> dict[str, object]:
    """Every shared case on the open database: the rows each search finds."""
    people = create_organization()
    customers = make_customers()
    make_tickets(customers)
    make_articles()
    viewer = DeskService().viewer(people["reception"])
    return {
        "tickets": {text: sorted(ticket_callers(text)) for text, _ in TICKET_CASES},
        "customers": {text: [(h.name, h.phone, h.matched) for h in search_customers(viewer, text)]
                      for text, _, _ in CUSTOMER_CASES},
        "articles": {text: sorted(h.question for h in search_articles(text)) for text in ARTICLE_CASES},
    }




@pytest.fixture
def pg(cluster, data_dir):
    url = cluster.create_database(f"search_{next(_names)}")
    init_database(url)
    yield url
    close_database()


def test_the_same_searches_find_the_same_rows_on_sqlite_and_postgres(cluster, tmp_path, data_dir):
    init_database(f"sqlite:///{tmp_path / 'desk.db'}")
    try:
        on_sqlite = run_cases()
    finally:
        close_database()
    init_database(cluster.create_database(f"search_{next(_names)}"))
    try:
        assert is_postgres()
        on_postgres = run_cases()
    finally:
        close_database()
    assert on_postgres == on_sqlite
    # …and what they find is what the cases expect (tests/services/test_search.py checks each on SQLite).
    for text, callers in TICKET_CASES:
        assert on_postgres["tickets"][text] == sorted(callers), text
    for text, names, _matched in CUSTOMER_CASES:
        assert [name for name, _, _ in on_postgres["customers"][text]] == names, text


def _plan(sql: str, params) -> str:
    with database.atomic():
        database.execute_sql("SET LOCAL enable_seqscan = off")   # the test table is small; force the planner's hand
        return "\n".join(row[0] for row in database.execute_sql("EXPLAIN " + sql, params).fetchall())


def test_postgres_answers_the_ticket_search_from_the_trigram_index(pg):
    create_organization()
    make_tickets(make_customers())
    for text in ("水管爆裂", "阳光花园 噪音", "5678"):
        sql, params = Ticket.select(Ticket.id).where(ticket_condition(text)).sql()
        plan = _plan(sql, params)
        assert "ticket_search_trgm" in plan, (text, plan)
        assert "Seq Scan on ticket" not in plan, (text, plan)
    # A two-character name is a range of the caller's name index.
    sql, params = Ticket.select(Ticket.id).where(ticket_condition("潘洋")).sql()
    assert "ticket_caller_name" in _plan(sql, params)


def test_postgres_answers_the_customer_and_article_searches_from_indexes(pg):
    people = create_organization()
    make_customers()
    make_articles()
    # A few thousand more customers, all unmerged, so the planner sees that merged_into_id IS NULL narrows nothing.
    Customer.insert_many([{"name": f"客户{i}", "phone": "", "search_text": f"客户{i} | 幸福里{i % 30}栋",
                           "created_at": dt.datetime(2026, 1, 1)} for i in range(3000)]).execute()
    database.execute_sql("ANALYZE")
    plans = []
    real = database.obj.execute_sql

    def explained(sql, params=None, *args, **kwargs):
        if sql.startswith("SELECT") and "LIMIT %s" in sql:
            plans.append(_plan_raw(real, sql, params))
        return real(sql, params, *args, **kwargs)

    database.obj.execute_sql = explained
    try:
        viewer = DeskService().viewer(people["reception"])
        search_customers(viewer, "腿脚不便")
        search_customers(viewer, "zhangsan")
        search_customers(viewer, "1381")
        search_articles("水管爆裂")
    finally:
        database.obj.execute_sql = real
    joined = "\n".join(plans)
    assert "customer_search_trgm" in joined, joined
    assert "customer_name_initials" in joined and "customer_name_pinyin" in joined
    assert "customer_number_digits" in joined
    assert "kb_article_search_trgm" in joined


def _plan_raw(execute, sql: str, params) -> str:
    execute("BEGIN")
    try:
        execute("SET LOCAL enable_seqscan = off")
        return "\n".join(row[0] for row in execute("EXPLAIN " + sql, params).fetchall())
    finally:
        execute("ROLLBACK")

