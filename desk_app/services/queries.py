"""Read side of the desk: queue pages and counts in SQL, ticket details, customer cards and print data."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import peewee as pw

from desk_app.core.errors import NotFound, PermissionDenied
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.kinds import Role, TicketKind
from desk_app.core.permissions import Operation
from desk_app.core.queues import Queue, queue_states
from desk_app.core.rules import R_READ, require, sees_contact
from desk_app.core.search import mask_address, mask_phone
from desk_app.core.states import OPEN_STATES, State
from desk_app.core.validation import display_phone, phone_search_key
from desk_app.models.db import is_postgres
from desk_app.models.schema import (
    CallRecord,
    CatalogueEntry,
    Circulation,
    Clock,
    ConstructionTask,
    ClockPause,
    Customer,
    CustomerNumber,
    Department,
    History,
    Setting,
    Staff,
    Ticket,
)
from desk_app.services.customer_store import customer_id_by_number
from desk_app.services.desk import Viewer, ticket_facts
from desk_app.services.search import ticket_condition
from desk_app.services.views import (
    ClockView,
    CustomerCard,
    DepartmentView,
    HistoryLine,
    StaffView,
    TicketDetail,
    TicketRow,
)

if TYPE_CHECKING:
    from desk_app.print.slip import SlipData

Receiver = Staff.alias("receiver")

# Columns a queue can be sorted by, in SQL (the id breaks ties so pages never overlap).
SORT_FIELDS: dict[str, pw.Field] = {
    "number": Ticket.id,
    "created_at": Ticket.created_at,
    "priority": Ticket.priority,
    "state": Ticket.state,
    "kind": Ticket.kind,
    "due_at": Ticket.due_at,
    "caller_name": Ticket.caller_name,
    "department": Ticket.department,
}
OPEN_STATE_VALUES = [s.value for s in OPEN_STATES]
# Up to this many hidden sensitive tickets are excluded by a list of ids, more by a subquery.
HIDDEN_INLINE = 200
# A ticket number (YYYY-NNNNNN) or its beginning ("2026-0001"): it would otherwise pass for a landline number.
_MAINLAND_MOBILE = re.compile(r"\+861[3-9]\d{9}")


class TicketCondition(Protocol):
    """A condition on Ticket that a queue filter can carry (hashable, compared by value)."""

    def sql(self) -> pw.Expression: ...


@dataclass(frozen=True)
class QueueFilter:
    """What a queue shows: the queue, an optional search text, and the moment 'approaching'/'overdue' refer to.
    `viewer` is who reads it (DeskService.viewer): a queue shows only what the rule book lets them read."""

    queue: Queue
    now: dt.datetime
    search: str = ""
    department_id: int | None = None
    viewer: Viewer | None = None
    # Narrows the queue to the tickets behind a figure (services.summary.Drill): anything hashable with sql().
    drill: TicketCondition | None = None


def scope_condition(viewer: Viewer) -> pw.Expression:
    """The rule book's read scope (desk_app.core.rules.read_scope) as SQL."""
    scope = viewer.scope
    visible: list[pw.Expression] = []
    if scope.departments:
        visible.append(Ticket.department.in_(sorted(scope.departments)))
    if scope.states:
        visible.append(Ticket.state.in_(sorted(s.value for s in scope.states)))
    if scope.circulated_department is not None:
        visible.append(Ticket.id.in_(Circulation.select(Circulation.ticket).where(
            Circulation.department == scope.circulated_department)) & ~Ticket.sensitive)
    if scope.kinds:
        visible.append(Ticket.kind.in_(sorted(scope.kinds)) & ~Ticket.sensitive)
    if scope.construction:
        visible.append(Ticket.id.in_(ConstructionTask.select(ConstructionTask.ticket)) & ~Ticket.sensitive)
    if scope.everything:
        if scope.sensitive_kinds is None:
            visible.append(pw.SQL("1 = 1"))
        else:
            # Same reading as rules.can_read: a ticket follows its kind@channel workflow where one is configured.
            def on(key: str) -> pw.Expression:
                kind, channel = key.split("@", 1)
                return (Ticket.kind == kind) & (Ticket.channel == channel)

            allowed: pw.Expression = pw.SQL("1 = 0")
            plain = sorted(k for k in scope.sensitive_kinds if "@" not in k)
            if plain:
                own_path = Ticket.kind.in_(plain)
                for key in sorted(scope.channel_keys):
                    own_path &= ~on(key)
                allowed |= own_path
            for key in sorted(k for k in scope.sensitive_kinds if "@" in k):
                allowed |= on(key)
            if scope.sensitive_states:
                allowed |= Ticket.state.in_(sorted(s.value for s in scope.sensitive_states))
            # Hidden: the few sensitive tickets off the reader's path, found at once by a partial index. Written as
            # an exclusion of ids the condition is answered from any index's row ids without reading the rows, and
            # with nothing to hide it costs nothing.
            hidden = Ticket.select(Ticket.id).where(Ticket.sensitive & ~(allowed))
            ids = [row.id for row in hidden.limit(HIDDEN_INLINE + 1)]
            if not ids:
                visible.append(pw.SQL("1 = 1"))
            else:
                visible.append(Ticket.id.not_in(ids if len(ids) <= HIDDEN_INLINE else hidden))
    if not visible:
        return pw.SQL("1 = 0")
    condition = visible[0]
    for extra in visible[1:]:
        condition |= extra
    if scope.areas is not None:
        condition = Ticket.area.in_(sorted(scope.areas)) & (condition)
    return condition


def _membership(queue: Queue, viewer: Viewer) -> tuple[frozenset[State] | None, bool | None]:
    """The states a queue holds for a reader (None: a queue of deadlines, or all), and whether only quarantined
    tickets (True), none of them (False) or either (None): what _where and the grouped counts both follow."""
    if queue == Queue.APPROVAL:
        return viewer.approval_states, None
    if queue == Queue.QUARANTINE:
        return frozenset({State.NEW}), True
    states = queue_states(queue)
    return states, (False if queue == Queue.TO_DISPATCH else None)


def _where(flt: QueueFilter) -> pw.Expression:
    if flt.viewer is None:
        raise PermissionDenied(R_READ)   # a read names its reader
    states, quarantined = _membership(flt.queue, flt.viewer)
    if states is not None:
        condition = Ticket.state.in_([s.value for s in states])
        if quarantined is not None:
            condition &= Ticket.quarantined if quarantined else ~Ticket.quarantined
    elif flt.queue == Queue.OVERDUE:
        condition = Ticket.due_at <= flt.now
    elif flt.queue == Queue.APPROACHING:
        condition = (Ticket.warn_at <= flt.now) & (Ticket.due_at > flt.now)
    else:
        condition = pw.SQL("1 = 1")  # not "id > 0": that makes SQLite count by walking the whole table
    if flt.department_id is not None:
        condition &= Ticket.department == flt.department_id
    if flt.drill is not None:
        condition &= flt.drill.sql()
    text = flt.search.strip()
    if text:
        condition &= _search_condition(text, area_code=flt.viewer.area_code)
    return condition & scope_condition(flt.viewer)


def _search_condition(text: str, *, area_code: str = "") -> pw.Expression:
    """The search box: every term answered by an index (services.search.ticket_condition)."""
    condition = ticket_condition(text, area_code=area_code)
    return pw.SQL("1 = 1") if condition is None else condition


def _row_query() -> pw.ModelSelect:
    return (Ticket.select(Ticket.id, Ticket.number, Ticket.state, Ticket.kind, Ticket.priority, Ticket.caller_name,
                          Ticket.phone, Ticket.address, Ticket.created_at, Ticket.due_at, Ticket.warn_at,
                          Ticket.due_clock, Ticket.provisional, Ticket.version, Department.name.alias("dept_name"),
                          Receiver.name.alias("receiver_name"))
            .join(Department, pw.JOIN.LEFT_OUTER, on=(Ticket.department == Department.id))
            .switch(Ticket)
            .join(Receiver, pw.JOIN.LEFT_OUTER, on=(Ticket.receiver == Receiver.id)))


@functools.lru_cache(maxsize=8192)
def _shown_phone(stored: str) -> str:
    """display_phone, memoised; a mainland mobile (most callers) is formatted without phonenumbers (~0.1 ms)."""
    if _MAINLAND_MOBILE.fullmatch(stored):
        return f"{stored[3:6]} {stored[6:10]} {stored[10:]}"
    return display_phone(stored)


def _to_row(r: dict, contact: bool = True) -> TicketRow:
    """A queue line; without `contact` (rules.sees_contact) its phone and address are masked (138****8000)."""
    phone = _shown_phone(r["phone"])
    return TicketRow(
        id=r["id"], number=r["number"], state=r["state"], kind=r["kind"], priority=r["priority"],
        caller_name=r["caller_name"], phone=phone if contact else mask_phone(phone),
        address=r["address"] if contact else mask_address(r["address"]),
        department=r["dept_name"] or "", receiver=r["receiver_name"] or "", created_at=r["created_at"],
        due_at=r["due_at"], warn_at=r["warn_at"], due_clock=r["due_clock"], provisional=bool(r["provisional"]),
        version=r["version"],
    )


def count_queue(flt: QueueFilter) -> int:
    return Ticket.select(pw.fn.COUNT(pw.SQL("*"))).where(_where(flt)).scalar() or 0


def queue_page(flt: QueueFilter, *, offset: int, limit: int, sort: str = "created_at",
               descending: bool = True) -> list[TicketRow]:
    """One page of a queue, sorted and filtered in SQL, by offset (the command line's listing, exports); the window's
    table pages by key instead (queue_seek), in the same order."""
    query = _row_query().where(_where(flt)).order_by(*_order(sort, descending)).offset(offset).limit(limit)
    contact = sees_contact(flt.viewer.actor.facts)
    return [_to_row(r, contact) for r in query.dicts()]


# ----- paging by key (keyset / seek): a deep page or the last page costs what the first does -------------------------


@dataclass(frozen=True)
class SortKey:
    """Where a row stands in a queue's order: its sort column's value (None: NULL) and its id, the tie-breaker."""

    value: object
    id: int


@dataclass(frozen=True)
class KeyedPage:
    """Rows in the queue's order with the keys of the first and last of them (None when there are no rows)."""

    rows: list[TicketRow]
    first: SortKey | None
    last: SortKey | None


def _sort_field(sort: str) -> pw.Field:
    return SORT_FIELDS.get(sort, Ticket.created_at)


def _order(sort: str, descending: bool) -> list[pw.Ordering]:
    """The queue's order: the sort column either way, NULLs (a ticket with no running clock, none's department)
    last in both directions on SQLite and PostgreSQL alike, then the id the same way to break ties."""
    field = _sort_field(sort)
    if field.null:
        order = [field.desc(nulls="LAST") if descending else field.asc(nulls="LAST")]
    else:
        order = [field.desc() if descending else field.asc()]
    order.append(Ticket.id.desc() if descending else Ticket.id.asc())
    return order


def _parts(sort: str, descending: bool, cursor: SortKey | None, forward: bool, *, sort_found: bool = False,
           nulls: bool = True, row_values: bool = False) -> list[tuple[pw.Expression | None, list[pw.Ordering]]]:
    """The stretches of a queue's order after (forward) or before `cursor` (None: from the start, or from the end),
    nearest first, each a condition and an order that one index range answers: the rows sharing the cursor's value
    beyond its id, then the rows beyond its value, then (a nullable column) the NULLs, which come after the values in
    both directions. Spelt as one condition, (value > v OR value = v AND id > i), SQLite walks every row sharing the
    value up to the cursor (a state: half the table), and reads a row value (value, id) > (v, i) no better; PostgreSQL
    reads the row value as one range (row_values: the first two stretches in one statement, one round trip fewer)."""
    field = _sort_field(sort)
    ascending = descending != forward   # the direction the rows are read in, in the column's own terms

    # "+column" (SQLite): the same values, but no index of the column can find or order them, so the planner finds
    # the rows by the queue's own condition (its states) and sorts them (see _sorted_after_filtering).
    column = pw.NodeList((pw.SQL("+"), field), glue="") if sort_found else field
    ident = pw.NodeList((pw.SQL("+"), Ticket.id), glue="") if sort_found else Ticket.id
    by_id = [pw.Ordering(ident, "ASC" if ascending else "DESC")]
    by_value = [pw.Ordering(column, "ASC" if ascending else "DESC"), *by_id]

    def id_beyond(key: SortKey) -> pw.Expression:
        return ident > key.id if ascending else ident < key.id

    sections = [False]
    if field.null:
        sections = [False, True] if forward else [True, False]
        if cursor is not None:
            sections = sections[sections.index(cursor.value is None):]
    parts: list[tuple[pw.Expression | None, list[pw.Ordering]]] = []
    for index, of_nulls in enumerate(sections):
        key = cursor if index == 0 else None
        if of_nulls and not nulls:
            continue
        if of_nulls:
            parts.append((column.is_null() if key is None else column.is_null() & id_beyond(key), by_id))
        elif field is Ticket.id:
            parts.append((None if key is None else id_beyond(key), by_id))
        else:
            values = column.is_null(False) if field.null else None
            if key is not None and row_values:
                # PostgreSQL reads a row value as one range of the column's index: one statement, one round trip.
                pair, bound = pw.Tuple(field, Ticket.id), pw.Tuple(key.value, key.id)
                beyond = ((field >= key.value) & (pair > bound)) if ascending else ((field <= key.value) & (pair < bound))
                values = beyond if values is None else values & beyond
            elif key is not None:
                parts.append(((column == key.value) & id_beyond(key), by_id))
                beyond = column > key.value if ascending else column < key.value
                values = beyond if values is None else values & beyond
            parts.append((values, by_value))
    return parts


# Asked for a section of a queue in an index's order (the NULLs by id, the deadlines by due_at), SQLite prefers
# walking that index and checking each row's state; where the queue's rows are few the walk reads most of the index
# for them (1,000,000 tickets: 0.3-2 s for a small or empty section). A queue of at most SORT_AFTER_FILTERING rows is
# found by its own condition (its states' index) and sorted instead: a few ms, what its first page cost before paging
# by key (1,000,000 tickets, 3,000 in the queue: 5-20 ms). Above that the walk finds a page's rows soon enough (~100 *
# table / queue entries; sorting 8,000 rows cost 20-50 ms where the walk took 2). The deadline queues are
# found by the due_at index itself, 全部 and 已归档 by any. PostgreSQL's planner weighs both ways with its statistics.
SORT_AFTER_FILTERING = 5_000
_FOUND_BY_ORDER = frozenset({Queue.ALL, Queue.ARCHIVED, Queue.OVERDUE, Queue.APPROACHING})
# Their condition is on due_at: no NULLs to read after the deadlines.
_NO_NULL_DEADLINES = frozenset({Queue.OVERDUE, Queue.APPROACHING})


def _sorted_after_filtering(flt: QueueFilter, count: int | None) -> bool:
    return (count is not None and count <= SORT_AFTER_FILTERING and flt.queue not in _FOUND_BY_ORDER
            and not is_postgres())


def _walk(flt: QueueFilter, sort: str, descending: bool, cursor: SortKey | None, forward: bool, limit: int, *,
          skip: int = 0, keys_only: bool = False, count: int | None = None) -> list[dict]:
    """Up to `limit` rows after (forward) or before `cursor`, nearest first, past the `skip` nearest: a stretch
    entirely skipped is counted (from its index) rather than read."""
    field = _sort_field(sort)
    where = _where(flt)
    found: list[dict] = []
    parts = _parts(sort, descending, cursor, forward, sort_found=_sorted_after_filtering(flt, count),
                   nulls=not (sort == "due_at" and flt.queue in _NO_NULL_DEADLINES), row_values=is_postgres())
    for extra, order in parts:
        condition = where if extra is None else where & extra
        if keys_only:
            query = Ticket.select(field.alias("sort_value"), Ticket.id)
        else:
            query = _row_query().select_extend(field.alias("sort_value"))
        rows = list(query.where(condition).order_by(*order).offset(skip or None).limit(limit - len(found)).dicts())
        if skip and not rows:
            skip -= Ticket.select(pw.fn.COUNT(pw.SQL("*"))).where(condition).scalar() or 0
            continue
        skip = 0
        found += rows
        if len(found) >= limit:
            break
    return found


def _key(row: dict) -> SortKey:
    return SortKey(row["sort_value"], row["id"])


def queue_seek(flt: QueueFilter, *, limit: int, sort: str = "created_at", descending: bool = True,
               after: SortKey | None = None, before: SortKey | None = None, from_end: bool = False,
               count: int | None = None) -> KeyedPage:
    """Up to `limit` rows of a queue in its order (queue_page's), by key rather than offset, so a deep page or the
    last page costs what the first does: from the start, `after` a row's key, `before` one (the rows just above it),
    or the last `limit` rows (`from_end`). `count`, the queue's size if known, helps choose how (SORT_AFTER_FILTERING)."""
    if after is not None and (before is not None or from_end):
        raise ValueError("after excludes before and from_end")
    backwards = before is not None or from_end
    found = (_walk(flt, sort, descending, before if backwards else after, not backwards, limit, count=count)
             if limit > 0 else [])
    if backwards:
        found.reverse()
    contact = sees_contact(flt.viewer.actor.facts)
    return KeyedPage([_to_row(r, contact) for r in found], _key(found[0]) if found else None,
                     _key(found[-1]) if found else None)


def queue_key_at(flt: QueueFilter, distance: int, *, sort: str = "created_at", descending: bool = True,
                 after: SortKey | None = None, before: SortKey | None = None, from_end: bool = False,
                 count: int | None = None) -> SortKey | None:
    """The key of the row `distance` rows on (0: the next one) after `after` (or the start), or before `before` (or
    the end, with from_end): where a jump into the middle of a queue lands before seeking from there. Only an index
    is read (the sort column's, or the id's), stepped over by OFFSET: a jump costs what that many index entries do.
    None past the end."""
    backwards = before is not None or from_end
    found = _walk(flt, sort, descending, before if backwards else after, not backwards, 1, skip=distance,
                  keys_only=True, count=count)
    return _key(found[0]) if found else None


def queue_counts(viewer: Viewer, now: dt.datetime, queues: list[Queue] | None = None, *,
                 department_id: int | None = None) -> dict[Queue, int]:
    """The size of each queue as a person sees it (what they may read, their approval steps only): what count_queue
    says of each, from one statement counting the states needed and one count per deadline queue (see below)."""
    wanted = list(dict.fromkeys(queues or list(Queue)))
    filters = [QueueFilter(q, now, department_id=department_id, viewer=viewer) for q in wanted]
    return dict(zip(wanted, _grouped_counts(filters), strict=True))


def count_filters(filters: list[QueueFilter]) -> list[int]:
    """count_queue of each filter, in order (a window's periodic refresh, on a worker thread). Filters without a
    search or a drill are counted together per reader and department, as queue_counts does; the others one by one."""
    counts = [0] * len(filters)
    groups: dict[tuple[int, int | None], list[int]] = {}
    for position, flt in enumerate(filters):
        if flt.viewer is not None and _plain(flt):
            groups.setdefault((id(flt.viewer), flt.department_id), []).append(position)
        else:
            counts[position] = count_queue(flt)
    for members in groups.values():
        for position, count in zip(members, _grouped_counts([filters[p] for p in members]), strict=True):
            counts[position] = count
    return counts


def _plain(flt: QueueFilter) -> bool:
    """Nothing narrows the queue but its reader and department (whatever fields QueueFilter gains later)."""
    return flt == QueueFilter(flt.queue, flt.now, department_id=flt.department_id, viewer=flt.viewer)


# How a reader's state-defined tabs and 全部 are counted, measured by bench/bench_queue_counts.py (section 3) on
# 1,000,000 tickets (2-core machine, warm cache; the two deadline queues left out):
#
#   reader                            as built   COUNT per state,   GROUP BY state,   GROUP BY   COUNT per queue
#                                                全部 their sum     quarantined       state      (until now)
#   front desk (8 tabs)                  53 ms          52 ms             567 ms         58 ms         70 ms
#   department receiver (4 tabs)         16 ms          24 ms             204 ms        352 ms         27 ms
#   二级客服, one jurisdiction (4 tabs)  258 ms         393 ms             393 ms        332 ms        267 ms
#
# One COUNT per state is a range of the (state, created_at) index (for a department's reader, of (department_id,
# state) in the OR of its scope): even the huge archived state is counted from the index alone. A GROUP BY with
# `quarantined` (in no index) reads every row, and SQLite answers a GROUP BY state over a scope that needs the rows by
# walking the index in order with a row lookup per ticket. So: one COUNT per state needed, all in one UNION ALL
# statement (one snapshot, one round trip); the quarantined tickets of the to-dispatch states counted apart (a few,
# through the same index); 全部 the sum of every state where the archived tab is counted anyway (nearly the whole
# table), else one COUNT by itself. A jurisdiction needs each row's area (no index on it): every way reads the table.
_STATES = tuple(State)
# A lower bound that changes no count, so SQLite sees a closed range on due_at/warn_at: on a one-sided one it guesses
# that a quarter of the table matches and prefers a department's index with a row lookup each (department receiver,
# both deadline queues: 317 ms → 60 ms; the front desk and a jurisdiction: 29–63 ms either way).
_EARLIEST = dt.datetime(1900, 1, 1)


def _grouped_counts(filters: list[QueueFilter]) -> list[int]:
    """count_queue of each filter; all are plain (no search, no drill) and share one reader and department."""
    viewer, department_id = filters[0].viewer, filters[0].department_id
    if viewer is None:
        raise PermissionDenied(R_READ)   # a read names its reader
    scope = scope_condition(viewer)      # once: it may look up the sensitive tickets to hide
    if department_id is not None:
        scope = (Ticket.department == department_id) & (scope)

    needed: set[State] = set()
    quarantine: set[State] = set()
    everything = False
    for flt in filters:
        states, quarantined = _membership(flt.queue, viewer)
        if states is not None:
            if quarantined is not True:
                needed |= states
            if quarantined is not None:
                quarantine |= states
        elif flt.queue not in (Queue.OVERDUE, Queue.APPROACHING):
            everything = True            # ALL
    # ALL as the sum of every state once the archived ones (nearly the whole table) are counted anyway; else alone.
    sum_all = everything and State.ARCHIVED in needed
    if sum_all:
        needed = set(_STATES)
    per_state = _state_counts(scope, [s for s in _STATES if s in needed])
    quarantined: dict[str, int] = {}
    if quarantine:
        rows = (Ticket.select(Ticket.state, pw.fn.COUNT(pw.SQL("*")))
                .where(Ticket.state.in_(sorted(s.value for s in quarantine)) & Ticket.quarantined & (scope))
                .group_by(Ticket.state).tuples())
        quarantined = {state: count for state, count in rows}

    counts = []
    for flt in filters:
        states, only_quarantined = _membership(flt.queue, viewer)
        if states is not None:
            held = sum(quarantined.get(s.value, 0) for s in states)
            if only_quarantined:
                count = held
            else:
                count = sum(per_state.get(s.value, 0) for s in states) - (held if only_quarantined is False else 0)
        elif flt.queue == Queue.OVERDUE:
            count = _count(Ticket.due_at.between(_EARLIEST, flt.now) & (scope))
        elif flt.queue == Queue.APPROACHING:
            count = _count((Ticket.warn_at <= flt.now) & (Ticket.warn_at >= _EARLIEST) & (Ticket.due_at > flt.now)
                           & (scope))
        elif sum_all:
            count = sum(per_state.values())
        else:
            count = _count(scope)
        counts.append(count)
    return counts


def _state_counts(scope: pw.Expression, states: list[State]) -> dict[str, int]:
    """How many tickets in scope are in each of `states` (state value → count)."""
    if not states:
        return {}
    parts = [Ticket.select(pw.Value(s.value), pw.fn.COUNT(pw.SQL("*"))).where((Ticket.state == s.value) & (scope))
             for s in states]
    query = functools.reduce(operator.add, parts)   # UNION ALL
    return {state: count for state, count in query.tuples()}


def _count(condition: pw.Expression) -> int:
    return Ticket.select(pw.fn.COUNT(pw.SQL("*"))).where(condition).scalar() or 0


def nearest_deadlines(viewer: Viewer, now: dt.datetime, limit: int = 40, *,
                      department_id: int | None = None) -> list[TicketRow]:
    """The open tickets the viewer may read whose running limit comes next (not yet overdue), soonest first;
    optionally of one department only."""
    condition = (Ticket.due_at > now) & scope_condition(viewer)
    if department_id is not None:
        condition &= Ticket.department == department_id
    query = _row_query().where(condition).order_by(Ticket.due_at.asc(), Ticket.id).limit(limit)
    contact = sees_contact(viewer.actor.facts)
    return [_to_row(r, contact) for r in query.dicts()]


def rows_by_ids(viewer: Viewer, ids: list[int]) -> list[TicketRow]:
    if not ids:
        return []
    query = _row_query().where(Ticket.id.in_(ids) & scope_condition(viewer))
    contact = sees_contact(viewer.actor.facts)
    by_id = {r["id"]: _to_row(r, contact) for r in query.dicts()}
    return [by_id[i] for i in ids if i in by_id]


def customer_ticket_rows(viewer: Viewer, customer_id: int, *, open_only: bool | None = None,
                         limit: int = 50) -> list[TicketRow]:
    """A customer's tickets that the viewer may read, newest first: open ones (open_only=True), closed ones (False)
    or all (None); masked as queue rows are."""
    condition = (Ticket.customer == customer_id) & scope_condition(viewer)
    if open_only is not None:
        condition &= (Ticket.state.in_(OPEN_STATE_VALUES) if open_only else Ticket.state.not_in(OPEN_STATE_VALUES))
    contact = sees_contact(viewer.actor.facts)
    query = _row_query().where(condition).order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(limit)
    return [_to_row(r, contact) for r in query.dicts()]


def ticket_id_by_number(number: str) -> int:
    ticket = Ticket.select(Ticket.id).where(Ticket.number == number.strip()).first()
    if ticket is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No ticket numbered {number}."), number=number)
    return ticket.id


def ticket_detail(viewer: Viewer, ticket_id: int) -> TicketDetail:
    """A ticket with its clocks and history, if the viewer may read it (PermissionDenied says so otherwise)."""
    ticket = (Ticket.select(Ticket, Department, Receiver)
              .join(Department, pw.JOIN.LEFT_OUTER, on=(Ticket.department == Department.id))
              .switch(Ticket).join(Receiver, pw.JOIN.LEFT_OUTER, on=(Ticket.receiver == Receiver.id))
              .where(Ticket.id == ticket_id).first())
    if ticket is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No ticket with id {id}."), id=ticket_id)
    verdict = viewer.may_read(ticket_facts(ticket))
    if not verdict.allowed:
        raise verdict.error()
    creator = Staff.get_or_none(Staff.id == ticket.created_by_id)
    clocks = list(Clock.select().where(Clock.ticket == ticket_id).order_by(Clock.id))
    open_pauses = {p.clock_id for p in ClockPause.select(ClockPause.clock)
                   .where(ClockPause.clock.in_([c.id for c in clocks]) & ClockPause.ended_at.is_null())}
    history = (History.select(History, Staff).join(Staff, pw.JOIN.LEFT_OUTER, on=(History.actor == Staff.id))
               .where(History.ticket == ticket_id).order_by(History.at, History.id))
    department = ticket.department if ticket.department_id else None
    receiver = getattr(ticket, "receiver", None) if ticket.receiver_id else None
    contact = sees_contact(viewer.actor.facts)
    linked = (Ticket.select(Ticket.number).where(Ticket.id == ticket.linked_ticket_id).first()
              if ticket.linked_ticket_id else None)
    return TicketDetail(
        id=ticket.id, number=ticket.number, version=ticket.version, state=ticket.state, kind=ticket.kind,
        variant=ticket.variant, severity=ticket.severity, channel=ticket.channel, category=ticket.category,
        urgency=ticket.urgency, impact=ticket.impact, priority=ticket.priority, policy_code=ticket.policy_code,
        customer_id=ticket.customer_id, caller_name=ticket.caller_name,
        phone=display_phone(ticket.phone) if contact else mask_phone(display_phone(ticket.phone)),
        address=ticket.address if contact else mask_address(ticket.address), area=ticket.area,
        description=ticket.description,
        department_id=ticket.department_id, department=department.name if department else "",
        receiver=receiver.name if receiver else "", worker=ticket.worker,
        created_by=creator.name if creator else "", created_at=ticket.created_at, accepted_at=ticket.accepted_at,
        dispatched_at=ticket.dispatched_at, appointment_at=ticket.appointment_at, resolved_at=ticket.resolved_at,
        solution=ticket.solution, satisfaction=ticket.satisfaction, archived_at=ticket.archived_at,
        due_at=ticket.due_at, warn_at=ticket.warn_at, provisional=ticket.provisional,
        clocks=[ClockView(c.kind, c.limit, c.started_at, c.deadline, c.warn_at, c.stopped_at, c.id in open_pauses,
                          c.provisional) for c in clocks],
        history=[HistoryLine(h.at, h.actor.name if h.actor_id else "", h.action, h.from_state, h.to_state, h.note)
                 for h in history],
        scope=ticket.scope or "", station=ticket.station or "", routed=ticket.routed or "",
        sensitive=bool(ticket.sensitive), complaint_level=ticket.complaint_level,
        linked_ticket_id=ticket.linked_ticket_id, linked_ticket_number=linked.number if linked else "",
        linked_from=[(t.id, t.number) for t in Ticket.select(Ticket.id, Ticket.number)
                     .where(Ticket.linked_ticket == ticket_id).order_by(Ticket.id)],
        escalation=ticket.escalation, quarantined=bool(ticket.quarantined), quoted_price=ticket.quoted_price,
        owner_consent=ticket.owner_consent, rectify_by=ticket.rectify_by, reply_note=ticket.reply_note or "",
        slip_returned_at=ticket.slip_returned_at,
    )


def customer_card(viewer: Viewer, phone: str, *, recent: int = 10) -> CustomerCard | None:
    """Look a caller up by a complete phone number: the archive card with the open and recent tickets the viewer
    may read. Customer data is shown only to roles that need it (PermissionDenied otherwise)."""
    require(viewer.actor.facts, Operation.VIEW_CUSTOMER)
    key = phone_search_key(phone, area_code=viewer.area_code)
    if not key:
        return None
    customer_id = customer_id_by_number(key)
    if customer_id is None:
        return None
    customer = Customer.get_by_id(customer_id)
    numbers = [n.number for n in CustomerNumber.select(CustomerNumber.number)
               .where(CustomerNumber.customer == customer_id).order_by(CustomerNumber.position)]
    open_rows = customer_ticket_rows(viewer, customer.id, open_only=True, limit=50)
    recent_rows = customer_ticket_rows(viewer, customer.id, open_only=False, limit=recent)
    calls = CallRecord.select(pw.fn.COUNT(CallRecord.id)).where(CallRecord.customer == customer.id).scalar()
    contact = sees_contact(viewer.actor.facts)
    shown = [display_phone(n) if contact else mask_phone(display_phone(n)) for n in numbers[:2]]
    return CustomerCard(customer.id, customer.name, shown[0] if shown else "", shown[1] if len(shown) > 1 else "",
                        customer.address if contact else mask_address(customer.address), customer.area,
                        customer.notes, open_rows, recent_rows, calls or 0)


def catalogue_entries(kind: str | None) -> list[str]:
    """服务目录: the names of the active catalogue entries of a ticket kind, in the administrator's order."""
    if not kind:
        return []
    rows = (CatalogueEntry.select(CatalogueEntry.name)
            .where((CatalogueEntry.kind == str(kind)) & CatalogueEntry.active)
            .order_by(CatalogueEntry.position, CatalogueEntry.id))
    return [r.name for r in rows]


def department_member_count(department_id: int, *, exclude_staff_id: int | None = None) -> int:
    """How many active members a department has (e.g. who a 公告 circulation will tell, the sender left out)."""
    condition = (Staff.department == department_id) & Staff.active
    if exclude_staff_id is not None:
        condition &= Staff.id != exclude_staff_id
    return Staff.select(pw.fn.COUNT(Staff.id)).where(condition).scalar() or 0


def department_id_by_code(code: str) -> int | None:
    department = Department.select(Department.id).where((Department.code == code) & Department.active).first()
    return department.id if department else None


def field_staff(department_id: int | None) -> list[tuple[str, str]]:
    """(name, phone) of a department's area field staff (片区装维人员), e.g. to name the maintainer on a task sheet."""
    if department_id is None:
        return []
    rows = (Staff.select(Staff.name, Staff.phone)
            .where((Staff.department == department_id) & Staff.active & (Staff.role == Role.FIELD.value))
            .order_by(Staff.id))
    return [(s.name, display_phone(s.phone)) for s in rows]


def quarantined_count(phone: str, *, area_code: str = "") -> int:
    """How many tickets of this caller's number wait in quarantine (隔离区) for the customer to be registered
    (`area_code`: the center's, for a local number)."""
    key = phone_search_key(phone, area_code=area_code)
    if not key:
        return 0
    return Ticket.select(pw.fn.COUNT(Ticket.id)).where(
        (Ticket.phone == key) & Ticket.quarantined & Ticket.customer.is_null()).scalar() or 0


def departments() -> list[DepartmentView]:
    rows = (Department.select(Department, Staff).join(Staff, pw.JOIN.LEFT_OUTER,
                                                      on=(Department.receiver == Staff.id))
            .where(Department.active).order_by(Department.id))
    return [DepartmentView(d.id, d.name, d.receiver_id, d.receiver.name if d.receiver_id else "") for d in rows]


@dataclass(frozen=True)
class Directory:
    """The desk's small lists as one snapshot: the active departments, the active staff and the area field staff
    (name, phone) of each department. The window reads it on a worker (ui.context.DeskContext) so that the dialogs
    which list them (派单, 转派, 公告, 施工任务单) open without a read of their own, during an outage too."""

    departments: tuple[DepartmentView, ...] = ()
    staff: tuple[StaffView, ...] = ()
    field_staff_by_department: tuple[tuple[int, tuple[tuple[str, str], ...]], ...] = ()

    def field_staff(self, department_id: int | None) -> list[tuple[str, str]]:
        """(name, phone) of a department's field staff, as queries.field_staff reads them."""
        return list(dict(self.field_staff_by_department).get(department_id, ())) if department_id is not None else []

    def field_workers(self) -> dict[int, list[str]]:
        """The names of each department's field staff (the dispatch dialog's 装维人员 choices)."""
        return {department: [name for name, _phone in people]
                for department, people in self.field_staff_by_department}

    def department_name(self, department_id: int | None) -> str:
        return next((d.name for d in self.departments if d.id == department_id), "")

    def member_count(self, department_id: int, *, exclude_staff_id: int | None = None) -> int:
        """department_member_count from the snapshot (its staff are the active ones)."""
        return sum(1 for s in self.staff if s.department_id == department_id and s.id != exclude_staff_id)


def read_directory() -> Directory:
    """Read the Directory: three small queries."""
    field: dict[int, list[tuple[str, str]]] = {}
    rows = (Staff.select(Staff.name, Staff.phone, Staff.department)
            .where(Staff.active & (Staff.role == Role.FIELD.value) & Staff.department.is_null(False))
            .order_by(Staff.id))
    for s in rows:
        field.setdefault(s.department_id, []).append((s.name, display_phone(s.phone)))
    return Directory(tuple(departments()), tuple(staff_list()),
                     tuple((department, tuple(people)) for department, people in field.items()))


def staff_list() -> list[StaffView]:
    rows = (Staff.select(Staff, Department).join(Department, pw.JOIN.LEFT_OUTER,
                                                 on=(Staff.department == Department.id))
            .where(Staff.active).order_by(Staff.id))
    return [StaffView(s.id, s.username, s.name, s.role, s.department_id,
                      s.department.name if s.department_id else "") for s in rows]


def staff_by_username(username: str) -> Staff:
    staff = Staff.get_or_none((Staff.username == username) & Staff.active)
    if staff is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No active staff member {username}."), username=username)
    return staff


def organization_name() -> str:
    row = Setting.get_or_none(Setting.key == "organization")
    return row.value if row else "工单台服务中心"


def slip_data(viewer: Viewer, ticket_id: int) -> SlipData:
    """The dispatch slip's fields for a ticket (the form itself is a pure function of this)."""
    from desk_app.print.slip import SlipData  # ReportLab loads on the first print, not at start-up

    d = ticket_detail(viewer, ticket_id)
    resolve = next((c for c in d.clocks if c.kind == "resolve"), None)
    dispatcher = next((h.actor for h in reversed(d.history) if h.action == "dispatch"), "")
    # The slip goes to the field worker, who must call and visit: it keeps the whole number and address even when
    # the person printing it reads them masked.
    contact = Ticket.select(Ticket.phone, Ticket.address).where(Ticket.id == ticket_id).get()
    return SlipData(
        number=d.number, created_at=d.accepted_at, kind=chinese(TicketKind(d.kind)), priority=f"P{d.priority}",
        customer_name=d.caller_name, contact_phone=display_phone(contact.phone), address=contact.address,
        area=d.area,
        content=d.description, department=d.department, receiver=d.receiver, worker=d.worker,
        required_by=resolve.deadline if resolve else None, dispatched_at=d.dispatched_at, dispatcher=dispatcher,
        organization=organization_name(), provisional_deadline=bool(resolve and resolve.provisional),
    )
