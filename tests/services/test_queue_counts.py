"""The grouped queue counts (one count per state, the deadline queues by range) say exactly what count_queue says of
each queue, for every role's reader, on the demo data."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desk_app.core.kinds import Role
from desk_app.core.queues import QUEUES_FOR_ROLE, Queue
from desk_app.core.states import State
from desk_app.models.schema import Department, Staff, Ticket
from desk_app.services import queries
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import QueueFilter, count_filters, count_queue, queue_counts
from tests.conftest import DEMO_TICKETS, FIXED_NOW

# One reader of each role, and the ones whose scope is unusual: a department's leader (approval step, department
# scope), a 二级客服 with a jurisdiction (areas), a receiver of another department.
READERS = ["reception", "dispatcher", "supervisor", "admin", "audit", "office", "center", "engineering.recv",
           "engineering.lead", "engineering.w1", "security.recv", "jurisdiction"]
# Deadline queues depend on the moment: before, at and after the demo's now.
MOMENTS = [FIXED_NOW - dt.timedelta(days=3), FIXED_NOW, FIXED_NOW + dt.timedelta(hours=5),
           FIXED_NOW + dt.timedelta(days=20)]


@pytest.fixture
def service(demo_db):
    return prepared()


def prepared() -> DeskService:
    """The demo with some of its tickets made sensitive (so the desk and center roles have tickets hidden from them),
    some quarantined, one returned, and a dispatcher with a jurisdiction."""
    ids = [t.id for t in Ticket.select(Ticket.id).order_by(Ticket.id)]
    Ticket.update(sensitive=True).where(Ticket.id.in_(ids[::3])).execute()
    new = [t.id for t in Ticket.select(Ticket.id).where(Ticket.state == State.NEW.value).order_by(Ticket.id)]
    assert len(new) >= 2, "the demo has tickets waiting for dispatch"
    Ticket.update(quarantined=True).where(Ticket.id == new[0]).execute()
    Ticket.update(state=State.RETURNED.value, quarantined=True).where(Ticket.id == new[1]).execute()
    area = Ticket.select(Ticket.area).where(Ticket.area != "").order_by(Ticket.id).first().area
    Staff.create(username="jurisdiction", name="辖区客服", role=Role.DISPATCHER.value, jurisdiction=area)
    return DeskService(now=lambda: FIXED_NOW)


def reader(service: DeskService, username: str):
    return service.viewer(Actor.of(queries.staff_by_username(username)))


def one_by_one(viewer, now, department_id=None) -> dict[Queue, int]:
    return {q: count_queue(QueueFilter(q, now, department_id=department_id, viewer=viewer)) for q in Queue}


@pytest.mark.parametrize("hidden_inline", [queries.HIDDEN_INLINE, 1], ids=["hidden-by-ids", "hidden-by-subquery"])
@pytest.mark.parametrize("username", READERS)
def test_the_grouped_counts_equal_one_count_per_queue(monkeypatch, service, username, hidden_inline):
    monkeypatch.setattr(queries, "HIDDEN_INLINE", hidden_inline)
    viewer = reader(service, username)
    tabs = QUEUES_FOR_ROLE[viewer.actor.role]  # most roles have no archived tab: ALL is then counted by itself
    for now in MOMENTS:
        expected = one_by_one(viewer, now)
        assert queue_counts(viewer, now) == expected, now
        assert queue_counts(viewer, now, tabs) == {q: expected[q] for q in tabs}, now


def test_the_test_data_covers_what_the_grouping_must_get_right(service):
    """Hidden sensitive tickets, quarantined ones in both to-dispatch states, a leader's approvals, a jurisdiction:
    otherwise the equality above would prove little."""
    total = Ticket.select().count()
    counts = {name: queue_counts(reader(service, name), FIXED_NOW) for name in READERS}
    assert counts["supervisor"][Queue.ALL] == total  # a stand-in reads every ticket, sensitive or not
    assert counts["reception"][Queue.ALL] < total and counts["audit"][Queue.ALL] < total  # sensitive ones hidden
    assert 0 < counts["jurisdiction"][Queue.ALL] < counts["dispatcher"][Queue.ALL]
    assert counts["engineering.recv"][Queue.ALL] < counts["reception"][Queue.ALL]
    assert counts["supervisor"][Queue.QUARANTINE] == 1
    assert counts["supervisor"][Queue.TO_DISPATCH] == Ticket.select().where(
        Ticket.state.in_([State.NEW.value, State.RETURNED.value]) & ~Ticket.quarantined).count()
    everyone = counts["supervisor"]
    assert all(everyone[q] for q in (Queue.ALL, Queue.ARCHIVED, Queue.IN_HAND, Queue.OVERDUE))
    assert any(queue_counts(reader(service, name), now)[Queue.APPROACHING] for name in READERS for now in MOMENTS)
    leader = reader(service, "engineering.lead")
    assert leader.approval_states and counts["engineering.lead"][Queue.APPROVAL] == count_queue(
        QueueFilter(Queue.APPROVAL, FIXED_NOW, viewer=leader))


def test_a_department_filter_is_counted_the_same_way(service):
    engineering = Department.get(Department.code == "engineering").id
    for username in ("supervisor", "reception", "engineering.recv", "jurisdiction"):
        viewer = reader(service, username)
        assert queue_counts(viewer, FIXED_NOW, department_id=engineering) == one_by_one(viewer, FIXED_NOW,
                                                                                         engineering)


def test_a_subset_of_queues_is_counted_alone(service):
    viewer = reader(service, "reception")
    wanted = [Queue.OVERDUE, Queue.TO_DISPATCH, Queue.QUARANTINE, Queue.OVERDUE]
    assert queue_counts(viewer, FIXED_NOW, wanted) == {q: one_by_one(viewer, FIXED_NOW)[q] for q in wanted}


def test_count_filters_counts_searched_drilled_and_plain_filters_in_order(service):
    """Plain filters of one reader go together; a search, a department or another reader's are counted apart."""
    desk, crew = reader(service, "reception"), reader(service, "engineering.recv")
    sample = Ticket.select().where(Ticket.phone != "").order_by(Ticket.id).first()
    filters = [QueueFilter(q, FIXED_NOW, viewer=desk) for q in Queue]
    filters += [QueueFilter(Queue.ALL, FIXED_NOW, search=sample.number[:7], viewer=desk),
                QueueFilter(Queue.ALL, FIXED_NOW, search=sample.caller_name, viewer=desk),
                QueueFilter(Queue.IN_HAND, FIXED_NOW, department_id=sample.department_id, viewer=desk),
                QueueFilter(Queue.OVERDUE, FIXED_NOW + dt.timedelta(days=2), viewer=desk)]
    filters += [QueueFilter(q, FIXED_NOW, viewer=crew) for q in Queue]
    assert count_filters(filters) == [count_queue(f) for f in filters]
    assert count_filters([]) == []


@dataclasses.dataclass(frozen=True)
class OfKind:
    """A narrowing condition of the kind a queue filter can carry besides its search."""

    kind: str

    def sql(self):
        return Ticket.kind == self.kind


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(QueueFilter)
                                   if f.name not in ("queue", "now", "department_id", "viewer")])
def test_a_filter_narrowed_by_any_other_field_is_counted_one_by_one(service, monkeypatch, field):
    """The search, and whatever QueueFilter gains later (a drill into a figure…), are never dropped by the grouped
    path: such a filter goes to count_queue."""
    desk = reader(service, "reception")
    plain = QueueFilter(Queue.ALL, FIXED_NOW, viewer=desk)
    narrowed = dataclasses.replace(plain, **{field: "张" if field == "search" else OfKind("repair")})
    expected = [queue_counts(desk, FIXED_NOW, [Queue.ALL])[Queue.ALL], count_queue(narrowed)]
    assert expected[1] < expected[0]
    counted = []
    monkeypatch.setattr(queries, "count_queue", lambda flt: counted.append(flt) or expected[1])
    assert count_filters([plain, narrowed]) == expected
    assert counted == [narrowed]


def test_counting_needs_a_reader(service):
    with pytest.raises(queries.PermissionDenied):
        count_filters([QueueFilter(Queue.ALL, FIXED_NOW)])
    with pytest.raises(queries.PermissionDenied):
        queue_counts(None, FIXED_NOW)  # type: ignore[arg-type]


# ----- PostgreSQL ---------------------------------------------------------------------------------------------------




def test_the_grouped_counts_equal_one_count_per_queue_on_postgres(cluster, data_dir, monkeypatch):
    """The same statements on the shared-database setup (the UNION ALL of per-state counts, the ranges)."""
    from desk_app.models.db import close_database
    from desk_app.services.demo import build_demo
    from desk_app.services.setup import init_database

    init_database(cluster.create_database("queue_counts"))
    try:
        build_demo(tickets=DEMO_TICKETS, now=FIXED_NOW)
        service = prepared()
        for hidden_inline in (queries.HIDDEN_INLINE, 1):
            monkeypatch.setattr(queries, "HIDDEN_INLINE", hidden_inline)
            for username in ("reception", "supervisor", "engineering.lead", "jurisdiction"):
                viewer = reader(service, username)
                tabs = QUEUES_FOR_ROLE[viewer.actor.role]
                for now in MOMENTS:
                    expected = one_by_one(viewer, now)
                    assert queue_counts(viewer, now) == expected, (username, now)
                    assert queue_counts(viewer, now, tabs) == {q: expected[q] for q in tabs}, (username, now)
    finally:
        close_database()
