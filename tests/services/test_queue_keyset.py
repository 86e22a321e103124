"""Paging a queue by key (queries.queue_seek, queue_key_at): pages read forwards, backwards from the end, and from a
key found by a jump give exactly the rows of the offset order, for every sort column and direction, with ties and
NULLs, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desk_app.core.queues import Queue
from desk_app.models.schema import Staff, Ticket
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import QueueFilter, SortKey, count_queue, queue_key_at, queue_page, queue_seek
from tests.conftest import FIXED_NOW

SORTS = ["number", "state", "kind", "priority", "caller_name", "department", "created_at", "due_at"]
PAGE = 7


@pytest.fixture
def everything(demo_db: str) -> QueueFilter:
    """The whole demo (everything a supervisor reads), with ties made on purpose: a run of tickets received in the
    same second by the same caller, and NULLs (no running clock, no department yet) among them."""
    ids = [t.id for t in Ticket.select(Ticket.id).order_by(Ticket.id).limit(12)]
    Ticket.update(created_at=dt.datetime(2026, 11, 1, 9, 0), caller_name="同名").where(Ticket.id.in_(ids)).execute()
    Ticket.update(due_at=None).where(Ticket.id.in_(ids[:4])).execute()
    Ticket.update(department=None).where(Ticket.id.in_(ids[4:8])).execute()
    supervisor = Staff.get(Staff.role == "supervisor")
    viewer = DeskService(now=lambda: FIXED_NOW).viewer(Actor.of(supervisor))
    return QueueFilter(Queue.ALL, FIXED_NOW, viewer=viewer)


# 全部 is read in its indexes' order; 处理中 (a small queue, on SQLite) found by its states and sorted; 已超时 has no
# NULL deadlines to read.
@pytest.fixture(params=[Queue.ALL, Queue.IN_HAND, Queue.OVERDUE], ids=lambda q: q.value)
def flt(request, everything: QueueFilter) -> QueueFilter:
    return dataclasses.replace(everything, queue=request.param)


def expected(flt: QueueFilter, sort: str, descending: bool) -> list[int]:
    return [r.id for r in queue_page(flt, offset=0, limit=100_000, sort=sort, descending=descending)]


def test_the_demo_has_ties_and_nulls_in_every_nullable_sort(everything):
    rows = queue_page(everything, offset=0, limit=100_000, sort="number", descending=False)
    assert len(rows) == count_queue(everything) > 5 * PAGE
    assert any(r.due_at is None for r in rows) and any(r.due_at is not None for r in rows)
    assert any(r.department == "" for r in rows) and any(r.department for r in rows)
    assert len({r.created_at for r in rows}) < len(rows)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", SORTS)
def test_pages_after_each_last_key_make_the_whole_order(flt, sort, descending):
    order = expected(flt, sort, descending)
    seen: list[int] = []
    after: SortKey | None = None
    while True:
        page = queue_seek(flt, limit=PAGE, sort=sort, descending=descending, after=after, count=len(order))
        seen += [r.id for r in page.rows]
        if len(page.rows) < PAGE:
            break
        after = page.last
    assert seen == order


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", SORTS)
def test_pages_read_back_from_the_end_make_the_whole_order(flt, sort, descending):
    order = expected(flt, sort, descending)
    seen: list[int] = []
    page = queue_seek(flt, limit=PAGE, sort=sort, descending=descending, from_end=True, count=len(order))
    while page.rows:
        seen = [r.id for r in page.rows] + seen
        page = queue_seek(flt, limit=PAGE, sort=sort, descending=descending, before=page.first,
                          count=len(order))
    assert seen == order


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", SORTS)
def test_a_jump_lands_on_the_row_at_that_position_from_either_end(flt, sort, descending):
    order = expected(flt, sort, descending)
    total = len(order)
    assert total > 5
    for position in sorted({0, 1, min(PAGE, total - 1), total // 3, total // 2, max(total - PAGE - 1, 0), total - 1}):
        from_start = queue_key_at(flt, position, sort=sort, descending=descending, count=total)
        from_end = queue_key_at(flt, total - 1 - position, sort=sort, descending=descending, from_end=True,
                                count=total)
        assert from_start is not None and from_end is not None
        assert from_start.id == from_end.id == order[position]
        # and seeking on from a key, either way, continues the order exactly
        after = queue_seek(flt, limit=PAGE, sort=sort, descending=descending, after=from_start, count=total)
        assert [r.id for r in after.rows] == order[position + 1:position + 1 + PAGE]
        before = queue_seek(flt, limit=PAGE, sort=sort, descending=descending, before=from_start, count=total)
        assert [r.id for r in before.rows] == order[max(0, position - PAGE):position]
    assert queue_key_at(flt, total, sort=sort, descending=descending) is None
    assert queue_key_at(flt, total, sort=sort, descending=descending, from_end=True) is None


def test_the_nulls_come_last_in_both_directions(everything):
    flt = everything
    for sort, attribute in (("due_at", "due_at"), ("department", "department")):
        for descending in (False, True):
            rows = queue_page(flt, offset=0, limit=100_000, sort=sort, descending=descending)
            missing = [not getattr(r, attribute) for r in rows]
            first_null = missing.index(True)
            assert all(missing[first_null:]), (sort, descending)


def test_after_and_before_together_are_refused(everything):
    flt = everything
    key = SortKey(None, 1)
    with pytest.raises(ValueError):
        queue_seek(flt, limit=PAGE, after=key, before=key)
