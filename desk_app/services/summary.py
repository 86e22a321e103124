"""The supervisor summary in SQL: the figures of core/summary.py over a period, per breakdown, as trends; and the
tickets behind any figure (a Drill, which a queue filter takes).

Nothing here loads tickets into Python: every figure is a COUNT or SUM grouped in the database, over what the reader
may read (the rule book's read scope). Built to run in a background job: `progress` is called between queries and
may raise to cancel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw

from desk_app.core.kinds import TicketKind
from desk_app.core.labels import chinese
from desk_app.core.permissions import Operation
from desk_app.core.policies import ClockKind
from desk_app.core.rules import require
from desk_app.core.states import OPEN_STATES
from desk_app.core.summary import (
    FEEDBACK_CHANNELS,
    ON_TIME_CLOCKS,
    SATISFIED,
    BreakdownRow,
    Dimension,
    Figure,
    Granularity,
    Measure,
    Period,
    PolicyClockRow,
    Ratio,
    Summary,
    Trend,
    bucket_start,
    buckets,
    default_granularity,
)
from desk_app.models.schema import (
    CallRecord,
    Clock,
    Department,
    PolicyRecord,
    ReturnVisit,
    Staff,
    Ticket,
)
from desk_app.services.desk import Viewer
from desk_app.services.queries import scope_condition

ProgressFn = Callable[[int, int], None]

OPEN_STATE_VALUES = sorted(s.value for s in OPEN_STATES)
# How many hot-spot areas and stations the summary lists.
HOT_SPOTS = 10


def _noop(done: int, total: int) -> None:
    return None


# ----- the tickets behind a figure ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    """The tickets behind a figure: of the period, within one breakdown group (`dimension` = `key`), of one kind,
    of one satisfaction level; `missed` keeps, for a rate, only what did not meet it.
    Hashable and comparable (a queue filter holds it); `sql()` is the condition on Ticket."""

    figure: Figure
    period: Period
    now: dt.datetime
    dimension: Dimension | None = None
    key: str | None = None
    missed: bool = False
    kind: str | None = None
    satisfaction: str | None = None
    # A breakdown's resolution rate counts every resolution clock: the 10086 feedback clocks as well.
    with_feedback: bool = False

    def sql(self) -> pw.Expression:
        condition = _figure_condition(self)
        if self.dimension is not None:
            condition &= _group_equals(self.dimension, self.key)
        if self.kind is not None:
            condition &= Ticket.kind == self.kind
        return condition


def _between(column: pw.Field, period: Period) -> pw.Expression:
    return (column >= period.since) & (column < period.until)


def _decided(now: dt.datetime) -> pw.Expression:
    """A clock with a known result: stopped, or still running past its deadline (a paused clock has no deadline)."""
    return Clock.deadline.is_null(False) & (Clock.stopped_at.is_null(False) | (Clock.deadline <= now))


def _met() -> pw.Expression:
    return Clock.stopped_at.is_null(False) & (Clock.stopped_at <= Clock.deadline)


def _clock_condition(figure: Figure, period: Period, now: dt.datetime, *,
                     with_feedback: bool = False) -> pw.Expression:
    """The clocks an on-time figure counts (joined to their Ticket for the feedback split)."""
    kind, feedback = ON_TIME_CLOCKS[figure]
    condition = (Clock.kind == kind.value) & _between(Clock.deadline, period) & _decided(now)
    if with_feedback:
        return condition
    if feedback is True:
        condition &= Ticket.channel.in_(sorted(FEEDBACK_CHANNELS))
    elif feedback is False:
        condition &= Ticket.channel.not_in(sorted(FEEDBACK_CHANNELS))
    return condition


def _figure_condition(drill: Drill) -> pw.Expression:
    figure, period, now = Figure(drill.figure), drill.period, drill.now
    if figure in (Figure.CALLS_IN, Figure.FIRST_CONTACT, Figure.KB_ANSWERED):
        # The register's lines are not tickets: behind them are the tickets made from them (the lines not solved
        # on the spot).
        return Ticket.id.in_(CallRecord.select(CallRecord.ticket).where(
            _between(CallRecord.received_at, period) & (CallRecord.direction == "in")
            & CallRecord.ticket.is_null(False)))
    if figure == Figure.TICKETS_IN:
        return _between(Ticket.created_at, period)
    if figure == Figure.CLOSED:
        return _between(Ticket.resolved_at, period)
    if figure == Figure.OPEN_NOW:
        return Ticket.state.in_(OPEN_STATE_VALUES)
    if figure == Figure.APPROACHING_NOW:
        return (Ticket.warn_at <= now) & (Ticket.due_at > now)
    if figure == Figure.OVERDUE_NOW:
        return Ticket.due_at <= now
    if figure == Figure.FORMAL_COMPLAINTS:
        return (_between(Ticket.created_at, period) & (Ticket.kind == TicketKind.COMPLAINT.value)
                & (Ticket.complaint_level == "formal"))
    if figure in ON_TIME_CLOCKS:
        clocks = Clock.select(Clock.ticket).join(Ticket, on=(Clock.ticket == Ticket.id)).where(
            _clock_condition(figure, period, now, with_feedback=drill.with_feedback)
            & (~_met() if drill.missed else pw.SQL("1 = 1")))
        return Ticket.id.in_(clocks)
    if figure == Figure.VISIT_COVERAGE:
        condition = (Clock.kind == ClockKind.VISIT.value) & _between(Clock.started_at, period)
        if drill.missed:
            condition &= Clock.stopped_at.is_null()
        return Ticket.id.in_(Clock.select(Clock.ticket).where(condition))
    if figure == Figure.SATISFACTION:
        condition = _between(ReturnVisit.at, period)
        if drill.satisfaction is not None:
            condition &= ReturnVisit.satisfaction == drill.satisfaction
        if drill.missed:
            condition &= ReturnVisit.satisfaction.not_in(sorted(SATISFIED))
        return Ticket.id.in_(ReturnVisit.select(ReturnVisit.ticket).where(condition))
    raise ValueError(figure)


_GROUP_COLUMNS: dict[Dimension, pw.Field] = {
    Dimension.DEPARTMENT: Ticket.department,
    Dimension.HANDLER: Ticket.receiver,
    Dimension.KIND: Ticket.kind,
    Dimension.AREA: Ticket.area,
    Dimension.CHANNEL: Ticket.channel,
    Dimension.STATION: Ticket.station,
}
_ID_DIMENSIONS = frozenset({Dimension.DEPARTMENT, Dimension.HANDLER})


def _group_equals(dimension: Dimension, key: str | None) -> pw.Expression:
    column = _GROUP_COLUMNS[Dimension(dimension)]
    if key is None:
        return column.is_null()
    return column == (int(key) if dimension in _ID_DIMENSIONS else key)


# ----- computing it ---------------------------------------------------------------------------------------------


def may_view(viewer: Viewer) -> None:
    """The summary is read by the roles with VIEW_SUMMARY (supervisor, center leader, office; department leaders
    for their department); PermissionDenied otherwise."""
    require(viewer.actor.facts, Operation.VIEW_SUMMARY)


def register_visible(viewer: Viewer) -> bool:
    """The call register belongs to the whole desk: only a reader of the whole territory counts it."""
    return viewer.scope.everything and viewer.scope.areas is None


class _Job:
    """One summary computation: the reader's scope as SQL once, progress between queries."""

    def __init__(self, viewer: Viewer, period: Period, now: dt.datetime, progress: ProgressFn, total: int) -> None:
        self.viewer, self.period, self.now = viewer, period, now
        self.scope = scope_condition(viewer)
        self._progress, self._done, self._total = progress, 0, total

    def step(self) -> None:
        self._done += 1
        self._progress(min(self._done, self._total), self._total)

    def count(self, condition: pw.Expression) -> int:
        self.step()
        return Ticket.select(pw.fn.COUNT(pw.SQL("*"))).where(condition & self.scope).scalar() or 0

    def grouped(self, column: pw.Field, condition: pw.Expression, *, source: type[pw.Model] = Ticket,
                join_ticket: bool = False) -> dict[object, int]:
        self.step()
        query = source.select(column, pw.fn.COUNT(pw.SQL("*")).alias("n"))
        if join_ticket:
            query = query.join(Ticket, on=(source.ticket == Ticket.id))
            condition &= self.scope
        elif source is Ticket:
            condition &= self.scope
        return {row[0]: int(row[1]) for row in query.where(condition).group_by(column).tuples()}

    def grouped_clocks(self, group: pw.Field | list[pw.Field], condition: pw.Expression) -> dict[object, tuple[int, int, int]]:
        """(due, met, still running past the deadline) of the clocks matching `condition`, per group."""
        self.step()
        columns = group if isinstance(group, list) else [group]
        running_late = Clock.stopped_at.is_null() & (Clock.deadline <= self.now)
        query = (Clock.select(*columns, pw.fn.COUNT(pw.SQL("*")),
                              pw.fn.SUM(pw.Case(None, [(_met(), 1)], 0)),
                              pw.fn.SUM(pw.Case(None, [(running_late, 1)], 0)))
                 .join(Ticket, on=(Clock.ticket == Ticket.id))
                 .where(condition & self.scope).group_by(*columns))
        result = {}
        for row in query.tuples():
            key = row[0] if len(columns) == 1 else tuple(row[:len(columns)])
            due, met, late = row[len(columns):]
            result[key] = (int(due or 0), int(met or 0), int(late or 0))
        return result


# The queries summarize() runs (for its progress bar).
QUERY_COUNT = 15


def summarize(viewer: Viewer, period: Period, now: dt.datetime, *, granularity: Granularity | None = None,
              dimensions: list[Dimension] | None = None, progress: ProgressFn = _noop) -> Summary:
    """Every figure of the summary for what `viewer` may read. `progress(done, total)` is called between queries
    (a background job's report, which raises to cancel).

    One grouped query where one will do: the tickets of the period are counted once, grouped by all six breakdown
    columns together, and every breakdown, the channels and the hot-spots are sums of those groups (a handful of
    rows per department, not one per ticket); the on-time figures are one query grouped by clock."""
    may_view(viewer)
    dimensions = list(Dimension) if dimensions is None else dimensions
    job = _Job(viewer, period, now, progress, QUERY_COUNT)
    summary = Summary(period, now, register_visible(viewer))

    groups = _Groups(job)
    summary.counts[Figure.TICKETS_IN] = groups.total(groups.tickets_in)
    summary.counts[Figure.CLOSED] = groups.total(groups.closed)
    summary.counts[Figure.OPEN_NOW] = groups.total(groups.open_now)
    summary.tickets_by_channel = groups.by(Dimension.CHANNEL, groups.tickets_in)
    complaints = {key: n for key, n in groups.tickets_in.items()
                  if key[_COLUMN_INDEX[Dimension.KIND]] == TicketKind.COMPLAINT.value}
    summary.hot_areas = _top(groups.by(Dimension.AREA, complaints))
    summary.hot_stations = _top(groups.by(Dimension.STATION, complaints))
    for figure in (Figure.APPROACHING_NOW, Figure.OVERDUE_NOW, Figure.FORMAL_COMPLAINTS):
        summary.counts[figure] = job.count(_figure_condition(Drill(figure, period, now)))

    # Every on-time figure and the clocks of every procedure at once: decided clocks due in the period, per clock,
    # 10086 or not, and procedure.
    feedback = pw.Case(None, [(Ticket.channel.in_(sorted(FEEDBACK_CHANNELS)), 1)], 0)
    clocks = job.grouped_clocks([Clock.kind, feedback, Ticket.policy_code],
                                _between(Clock.deadline, period) & _decided(now))
    for figure, (kind, is_feedback) in ON_TIME_CLOCKS.items():
        due = met = 0
        for (clock_kind, from_10086, _policy), (n, on_time, _late) in clocks.items():
            if clock_kind == kind.value and (is_feedback is None or bool(from_10086) == is_feedback):
                due, met = due + n, met + on_time
        summary.ratios[figure] = Ratio(met, due)
    summary.clocks_by_policy = _clocks_by_policy(clocks)

    # Return-visit coverage: the visit clocks started in the period, and how many of them have stopped.
    job.step()
    started, covered = (Clock.select(pw.fn.COUNT(pw.SQL("*")),
                                     pw.fn.SUM(pw.Case(None, [(Clock.stopped_at.is_null(False), 1)], 0)))
                        .join(Ticket, on=(Clock.ticket == Ticket.id))
                        .where((Clock.kind == ClockKind.VISIT.value) & _between(Clock.started_at, period)
                               & job.scope).tuples().get())
    summary.ratios[Figure.VISIT_COVERAGE] = Ratio(int(covered or 0), int(started or 0))

    summary.satisfaction = {str(k): n for k, n in job.grouped(
        ReturnVisit.satisfaction, _between(ReturnVisit.at, period), source=ReturnVisit, join_ticket=True).items()}
    satisfied = sum(n for k, n in summary.satisfaction.items() if k in SATISFIED)
    summary.ratios[Figure.SATISFACTION] = Ratio(satisfied, sum(summary.satisfaction.values()))

    if summary.register_visible:
        job.step()
        # Incoming lines only: the desk's own outgoing calls (follow-ups) are not contacts.
        solved_here = CallRecord.outcome == "solved"
        calls = (CallRecord.select(CallRecord.channel, pw.fn.COUNT(pw.SQL("*")),
                                   pw.fn.SUM(pw.Case(None, [(solved_here, 1)], 0)),
                                   pw.fn.SUM(pw.Case(None, [(solved_here & CallRecord.kb_article.is_null(False), 1)],
                                                     0)))
                 .where(_between(CallRecord.received_at, period) & (CallRecord.direction == "in"))
                 .group_by(CallRecord.channel).tuples())
        solved = from_kb = 0
        for channel, n, on_the_spot, answered in calls:
            summary.calls_by_channel[str(channel)] = int(n)
            solved += int(on_the_spot or 0)
            from_kb += int(answered or 0)
        summary.counts[Figure.CALLS_IN] = sum(summary.calls_by_channel.values())
        summary.ratios[Figure.FIRST_CONTACT] = Ratio(solved, summary.counts[Figure.CALLS_IN])
        summary.ratios[Figure.KB_ANSWERED] = Ratio(from_kb, solved)

    for dimension in dimensions:
        summary.breakdowns[dimension] = groups.breakdown(dimension)
    summary.trend = _trend(job, granularity or default_granularity(period))
    return summary


def _top(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(((k, n) for k, n in counts.items() if k), key=lambda kv: (-kv[1], kv[0]))[:HOT_SPOTS]


_DIMENSIONS = list(Dimension)
_COLUMN_INDEX = {d: i for i, d in enumerate(_DIMENSIONS)}


class _Groups:
    """The period's tickets counted once per combination of the six breakdown columns (four queries), from which
    every breakdown is summed. Grouping by all six also keeps SQLite from walking a one-column index of the whole
    table to avoid sorting, which it does for GROUP BY department alone."""

    def __init__(self, job: _Job) -> None:
        self.job = job
        period, now = job.period, job.now
        columns = [_GROUP_COLUMNS[d] for d in _DIMENSIONS]
        self.tickets_in = self._counts(columns, _between(Ticket.created_at, period))
        self.closed = self._counts(columns, _between(Ticket.resolved_at, period))
        job.step()
        late = pw.fn.SUM(pw.Case(None, [(Ticket.due_at <= now, 1)], 0))
        self.open_now: dict[tuple, int] = {}
        self.overdue_now: dict[tuple, int] = {}
        for row in (Ticket.select(*columns, pw.fn.COUNT(pw.SQL("*")), late)
                    .where(Ticket.state.in_(OPEN_STATE_VALUES) & job.scope).group_by(*columns).tuples()):
            self.open_now[row[:-2]] = int(row[-2])
            self.overdue_now[row[:-2]] = int(row[-1] or 0)
        resolve = job.grouped_clocks(columns, (Clock.kind == ClockKind.RESOLVE.value)
                                     & _between(Clock.deadline, period) & _decided(now))
        self.resolve_due = {k: v[0] for k, v in resolve.items()}
        self.resolve_met = {k: v[1] for k, v in resolve.items()}

    def _counts(self, columns: list[pw.Field], condition: pw.Expression) -> dict[tuple, int]:
        self.job.step()
        query = (Ticket.select(*columns, pw.fn.COUNT(pw.SQL("*"))).where(condition & self.job.scope)
                 .group_by(*columns).tuples())
        return {row[:-1]: int(row[-1]) for row in query}

    @staticmethod
    def total(counts: dict[tuple, int]) -> int:
        return sum(counts.values())

    @staticmethod
    def by(dimension: Dimension, counts: dict[tuple, int]) -> dict[object, int]:
        index = _COLUMN_INDEX[dimension]
        result: dict[object, int] = {}
        for key, n in counts.items():
            result[key[index]] = result.get(key[index], 0) + n
        return result

    def breakdown(self, dimension: Dimension) -> list[BreakdownRow]:
        measures: dict[object, dict[Measure, int]] = {}
        for measure, counts in ((Measure.TICKETS_IN, self.tickets_in), (Measure.CLOSED, self.closed),
                                (Measure.OPEN_NOW, self.open_now), (Measure.OVERDUE_NOW, self.overdue_now),
                                (Measure.RESOLVE_DUE, self.resolve_due), (Measure.RESOLVE_ON_TIME, self.resolve_met)):
            for key, n in self.by(dimension, counts).items():
                if n:
                    measures.setdefault(key, {})[measure] = n
        names = _names(dimension, [k for k in measures if k is not None])
        rows = [BreakdownRow(None if key is None else str(key), names.get(key, "") if key is not None else "",
                             {m: values.get(m, 0) for m in Measure})
                for key, values in measures.items()]
        # The busiest first; the group without a value (no department yet, no area given) last.
        rows.sort(key=lambda r: (r.key is None or r.key == "", -r.values[Measure.TICKETS_IN],
                                 -r.values[Measure.OPEN_NOW], r.name))
        return rows


def _names(dimension: Dimension, keys: list[object]) -> dict[object, str]:
    """What a breakdown group is called: the department's or the person's name, the Chinese term of a kind or a
    channel, the area or station as entered."""
    if dimension == Dimension.DEPARTMENT:
        return {d.id: d.name for d in Department.select(Department.id, Department.name).where(Department.id.in_(keys))}
    if dimension == Dimension.HANDLER:
        return {s.id: s.name for s in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(keys))}
    if dimension == Dimension.KIND:
        return {k: _enum_chinese(TicketKind, k) for k in keys}
    if dimension == Dimension.CHANNEL:
        from desk_app.core.kinds import Channel

        return {k: _enum_chinese(Channel, k) for k in keys}
    return {k: str(k) for k in keys}


def _enum_chinese(enum: type, value: object) -> str:
    try:
        return chinese(enum(value))
    except ValueError:
        return str(value)


def _clocks_by_policy(clocks: dict[tuple, tuple[int, int, int]]) -> list[PolicyClockRow]:
    """Per procedure (time-limit policy) and clock: due, on time, still running late."""
    per: dict[tuple[str, str], list[int]] = {}
    for (kind, _from_10086, code), counts in clocks.items():
        total = per.setdefault((code, kind), [0, 0, 0])
        for i, n in enumerate(counts):
            total[i] += n
    names = {p.code: p.name for p in PolicyRecord.select(PolicyRecord.code, PolicyRecord.name)}
    order = {k.value: i for i, k in enumerate(ClockKind)}
    rows = [PolicyClockRow(code, names.get(code, code), ClockKind(kind), due, met, late)
            for (code, kind), (due, met, late) in per.items()]
    rows.sort(key=lambda r: (r.policy_code, order[r.clock.value]))
    return rows


def _day(value: object) -> dt.date:
    """DATE() comes back as text from SQLite and as a date from PostgreSQL."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _trend(job: _Job, granularity: Granularity) -> Trend:
    period, now = job.period, job.now
    points = buckets(period, granularity)
    index = {p: i for i, p in enumerate(points)}

    def series(counts: dict[object, int]) -> list[int]:
        values = [0] * len(points)
        for day, n in counts.items():
            if day is None:
                continue
            values[index[bucket_start(_day(day), granularity)]] += n
        return values

    created = pw.fn.DATE(Ticket.created_at)
    resolved = pw.fn.DATE(Ticket.resolved_at)
    new = series(job.grouped(created, _between(Ticket.created_at, period)))
    closed = series(job.grouped(resolved, _between(Ticket.resolved_at, period)))
    missed = job.grouped_clocks(pw.fn.DATE(Clock.deadline), (Clock.kind == ClockKind.RESOLVE.value)
                                & _between(Clock.deadline, period) & _decided(now))
    overdue = series({day: due - met for day, (due, met, _late) in missed.items()})
    return Trend(granularity, points, new, closed, overdue)
