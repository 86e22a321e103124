"""A common phrase in the queue's search box answers at once: the full-text index hands out the newest matching
tickets first and the search stops at TEXT_MATCHES of them, and says so.

The seed, 工单扭转管理办法 第二条: "可以对工单进行存档，以便于日后查询，统计" — the archive grows by the year, and the
receptionist's search must still answer while the caller waits.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.queues import Queue
from desk_app.core.validation import normalize_phone
from desk_app.models.db import database
from desk_app.models.schema import Staff, Ticket
from desk_app.services import search
from desk_app.services.queries import QueueFilter, count_queue, queue_page
from desk_app.services.search import text_matches_capped, ticket_condition

NOW = dt.datetime(2026, 11, 20, 9, 0)


def add_tickets(descriptions: list[str], phone: str = "13812345678") -> list[int]:
    """Tickets written as rows, oldest first (ids grow with time, as the desk writes them)."""
    staff = Staff.select().first()
    start = Ticket.select().count()
    ids = []
    with database.atomic():
        for i, description in enumerate(descriptions, start + 1):
            at = dt.datetime(2026, 11, 1, 8) + dt.timedelta(minutes=i)
            ids.append(Ticket.create(
                number=f"2026-{i:06d}", kind="repair", channel="phone", urgency="medium", impact="medium",
                priority=3, policy_code="default", caller_name="张三", phone=normalize_phone(phone),
                address="阳光花园3栋2单元301", description=description, state="new", created_by=staff,
                created_at=at, accepted_at=at, updated_at=at).id)
    return ids


@pytest.fixture
def leaks(db_url, people, monkeypatch):
    monkeypatch.setattr(search, "TEXT_MATCHES", 3)
    return add_tickets(["卫生间水管漏水"] * 5 + ["楼道声控灯不亮"])


def page_ids(service, people, text: str) -> tuple[list[int], int]:
    flt = QueueFilter(Queue.ALL, NOW, search=text, viewer=service.viewer(people["supervisor"]))
    return [row.id for row in queue_page(flt, offset=0, limit=100, sort="created_at")], count_queue(flt)


@pytest.mark.sqlite_only("the newest-matches cap is SQLite's (FTS5 hands matches out newest first); PostgreSQL returns every match")
def test_a_common_phrase_finds_its_newest_matches_only_and_says_so(service, people, leaks):
    ids, count = page_ids(service, people, "水管漏水")
    assert ids == leaks[4:1:-1] and count == 3        # the three newest of the five, newest first
    assert text_matches_capped("水管漏水")
    # Short terms beside it are checked in the texts found; the cap counts what matches all of them.
    assert page_ids(service, people, "水管漏水 张三")[0] == leaks[4:1:-1]


def test_a_phrase_within_the_cap_finds_every_match(service, people, leaks, monkeypatch):
    assert page_ids(service, people, "声控灯") == ([leaks[5]], 1)
    assert not text_matches_capped("声控灯")
    monkeypatch.setattr(search, "TEXT_MATCHES", 5)     # exactly as many as the cap: none left out
    assert page_ids(service, people, "水管漏水") == (leaks[4::-1], 5)
    assert not text_matches_capped("水管漏水")


@pytest.mark.sqlite_only("the newest-matches cap is SQLite's (FTS5 hands matches out newest first); PostgreSQL returns every match")
def test_digits_inside_phones_find_the_newest_matches_too(service, people, leaks):
    newer = add_tickets(["门禁卡补办"] * 2, phone="13900005678")
    ids, count = page_ids(service, people, "5678")
    assert ids == [newer[1], newer[0], leaks[5]] and count == 3
    assert text_matches_capped("5678")
    assert not text_matches_capped("9000056")          # only the two newer tickets hold these digits


def test_searches_that_are_not_text_are_never_capped(service, people, leaks):
    for text in ("2026-00000", "13812345678", "张三", ""):
        assert not text_matches_capped(text), text
    assert page_ids(service, people, "13812345678")[1] == 6   # the exact phone: every ticket of it


@pytest.mark.sqlite_only("the newest-matches cap is SQLite's (FTS5 hands matches out newest first); PostgreSQL returns every match")
def test_the_text_condition_reads_the_index_newest_first_and_stops(db_url):
    condition = ticket_condition("水管漏水")
    sql, params = Ticket.select(Ticket.id).where(condition).sql()
    assert f'ORDER BY "rowid" DESC LIMIT {search.TEXT_MATCHES}' in sql
    plan = " ".join(row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "ticket_fts VIRTUAL TABLE INDEX" in plan and "SCAN t1" not in plan, plan
