"""The clock machinery of the desk (start, pause, stop and recompute deadlines); used only as a base of DeskService."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from desk_app.core.kinds import Severity, TicketKind
from desk_app.core.policies import (
    STOPS_ON,
    ClockKind,
    ClockRule,
    Policy,
    Variant,
    plan_clocks,
    select_policy,
    visit_clock,
)
from desk_app.core.states import Action, State
from desk_app.core.timelimits import (
    LimitSpec,
    Unit,
    compute_deadline,
    warn_time,
)
from desk_app.models.db import database, is_postgres
from desk_app.models.schema import Clock, ClockPause, Ticket

CALENDAR_UNITS = frozenset({Unit.WORKING_DAYS, Unit.WORKING_HOURS, Unit.DAYS})


class ClockKeeping:
    """The clocks of a ticket: relies on DeskService's now(), calendar(), config, policies() and priority_config()."""

    # ----- clocks ----------------------------------------------------------------------------------------------

    def _compute_clock(self, clock: Clock, pauses: list[ClockPause] | None = None,
                       resolve_deadline: dt.datetime | None = None) -> None:
        """Set a clock's deadline, warning time and provisional flag from its start, limit and pauses."""
        if pauses is None:
            pauses = list(ClockPause.select().where(ClockPause.clock == clock.id).order_by(ClockPause.started_at))
        open_pause = next((p for p in pauses if p.ended_at is None), None)
        spec = LimitSpec.parse(clock.limit)
        spans = [(p.started_at, p.ended_at) for p in pauses if p.ended_at is not None]
        if clock.kind == ClockKind.VISIT:
            # Same day ("0d"): by the end of the day the work was completed (the clock's start). Otherwise at the
            # latest 24 h after the required completion time, counted from the resolve deadline.
            same_day = spec.unit is Unit.DAYS and spec.amount == 0
            anchor = clock.started_at if same_day else (resolve_deadline or clock.started_at)
            deadline = compute_deadline(anchor, spec, self.calendar(), spans)
        else:
            deadline = compute_deadline(clock.started_at, spec, self.calendar(), spans)
        if open_pause is not None and deadline.at > open_pause.started_at:
            # Paused before the limit ran out: its end depends on when the pause ends.
            clock.deadline = clock.warn_at = None
            return
        # (A clock already overdue when it was paused stays overdue: waiting for an outside party does not undo a
        # missed limit.)
        clock.deadline = deadline.at
        clock.provisional = deadline.provisional
        start = min(clock.started_at, deadline.at)
        clock.warn_at = warn_time(start, deadline.at, spans, self.approaching_share())

    def _start_clocks(self, ticket: Ticket, rules: Iterable[ClockRule], at: dt.datetime | None = None) -> None:
        for clock in self._new_clocks(ticket.id, rules, at or ticket.accepted_at):
            clock.save(force_insert=True)

    def _new_clocks(self, ticket_id: int | None, rules: Iterable[ClockRule], at: dt.datetime) -> list[Clock]:
        """Clocks of `rules` started at `at`, their deadlines computed, not written yet (the ticket id may follow)."""
        clocks = []
        for rule in rules:
            clock = Clock(ticket=ticket_id, kind=rule.kind.value, limit=str(rule.limit), started_at=at)
            self._compute_clock(clock, pauses=[])
            clocks.append(clock)
        return clocks

    def _start_receipt_clocks(self, ticket: Ticket, at: dt.datetime) -> None:
        """第十三条: the transfer procedure's limits run from when the department's receiver receives the ticket.
        Started at the first receipt; a re-dispatch or a lateral transfer does not give the department new time."""
        started = {c.kind for c in Clock.select(Clock.kind).where(Clock.ticket == ticket.id)}
        matrix, limits = self.priority_config()
        plan = plan_clocks(self._policy_of(ticket), ticket.priority, limits)
        self._start_clocks(ticket, [r for r in plan.at_receipt if r.kind.value not in started], at)

    def _running_clocks(self, ticket: Ticket) -> list[Clock]:
        return list(Clock.select().where((Clock.ticket == ticket.id) & Clock.stopped_at.is_null()))

    def _refresh_due(self, ticket: Ticket, running: list[Clock] | None = None) -> None:
        """Keep the ticket's earliest deadline and warning time in step with its running clocks (`running`: those
        clocks when the caller has them, e.g. a new ticket's, not written yet)."""
        if running is None:
            running = self._running_clocks(ticket)
        running = [c for c in running if c.deadline is not None and c.stopped_at is None]
        if not running:
            ticket.due_at = ticket.warn_at = ticket.due_clock = None
            ticket.provisional = False
            return
        first = min(running, key=lambda c: c.deadline)
        ticket.due_at = first.deadline
        ticket.due_clock = first.kind
        ticket.warn_at = min(c.warn_at for c in running if c.warn_at is not None)
        ticket.provisional = any(c.provisional for c in running)

    def _apply_clock_effects(self, ticket: Ticket, action: Action, at: dt.datetime, reason: str,
                             to_state: State) -> None:
        if action == Action.DISPATCH:
            self._start_receipt_clocks(ticket, at)
        running = self._running_clocks(ticket)
        if action == Action.BLOCK:
            pausable = self._policy_of(ticket).pausable
            for clock in running:
                if clock.kind != ClockKind.VISIT and pausable:
                    ClockPause.create(clock=clock.id, started_at=at, reason=reason)
                    self._compute_clock(clock)
                    clock.save()
        elif action == Action.UNBLOCK:
            for clock in running:
                ClockPause.update(ended_at=at).where(
                    (ClockPause.clock == clock.id) & ClockPause.ended_at.is_null()).execute()
                self._compute_clock(clock)
                clock.save()
        elif to_state == State.RESOLVED and action != Action.REOPEN:
            # The customer has the answer (directly, or after the approval chain): every handling clock stops
            # and the return-visit clock starts.
            self._start_visit_clock(ticket, running, at)
        elif action == Action.RESOLVE:
            # Drafted, now waiting for approval: the work clocks stop; the resolution clock runs on until the reply.
            for clock in running:
                if clock.kind not in (ClockKind.RESOLVE, ClockKind.VISIT):
                    clock.stopped_at = at
                    clock.save()
        elif action == Action.REOPEN:
            # Unsatisfied: the resolution clock runs again from its original deadline; a new visit follows later.
            Clock.update(stopped_at=at).where(
                (Clock.ticket == ticket.id) & (Clock.kind == ClockKind.VISIT.value) & Clock.stopped_at.is_null()
            ).execute()
            Clock.update(stopped_at=None).where(
                (Clock.ticket == ticket.id) & (Clock.kind == ClockKind.RESOLVE.value)).execute()
        else:
            for clock in running:
                if STOPS_ON[ClockKind(clock.kind)] == action:
                    clock.stopped_at = at
                    clock.save()
        self._refresh_due(ticket)

    def _start_visit_clock(self, ticket: Ticket, running: list[Clock], at: dt.datetime) -> None:
        resolve_deadline = None
        for clock in running:
            if clock.kind == ClockKind.RESOLVE:
                resolve_deadline = clock.deadline
            if clock.kind != ClockKind.VISIT:
                clock.stopped_at = at
                clock.save()
        if resolve_deadline is None:
            stopped = Clock.get_or_none((Clock.ticket == ticket.id) & (Clock.kind == ClockKind.RESOLVE.value))
            resolve_deadline = stopped.deadline if stopped else at
        Clock.delete().where((Clock.ticket == ticket.id) & (Clock.kind == ClockKind.VISIT.value)).execute()
        rule = self.config.visit_rule()
        visit = Clock(ticket=ticket.id, kind=ClockKind.VISIT.value, limit=str(visit_clock(rule).limit), started_at=at)
        # Same day (property front desk): by the end of the day the work was completed; otherwise 24 h after
        # the required completion time (department procedure).
        self._compute_clock(visit, pauses=[], resolve_deadline=resolve_deadline)
        visit.save(force_insert=True)

    def _policy_of(self, ticket: Ticket) -> Policy:
        for policy in self.policies():
            if policy.code == ticket.policy_code:
                return policy
        return select_policy(TicketKind(ticket.kind), Variant(ticket.variant or ""),
                             Severity(ticket.severity) if ticket.severity else None, self.policies())

    def recompute_open_deadlines(self, batch: int = 200) -> int:
        """Recompute the calendar-dependent clocks of open tickets; returns how many tickets changed.

        Each batch is computed outside any write transaction and written in a short one, so that other desks'
        intakes get the database between batches (SQLite lets one writer at a time, and a writer that commits and
        begins again at once would keep the waiting ones out). A ticket another desk changed meanwhile (its version
        moved) is computed again inside the write."""
        changed = 0
        last_id = 0
        while True:
            tickets = list(
                Ticket.select().where(Ticket.id > last_id, Ticket.due_at.is_null(False) | (
                    Ticket.state == State.BLOCKED.value)).order_by(Ticket.id).limit(batch)
            )
            if not tickets:
                break
            last_id = tickets[-1].id
            with self._reading():
                planned = [(ticket, plan) for ticket in tickets if (plan := self._recomputed_clocks(ticket))[1]]
            if not planned:
                continue
            with database.atomic():
                versions = dict(Ticket.select(Ticket.id, Ticket.version).where(
                    Ticket.id.in_([ticket.id for ticket, _ in planned])).tuples())
                for ticket, (running, moved) in planned:
                    if versions.get(ticket.id) == ticket.version:
                        self._write_recomputed(ticket, running, moved)
                        changed += 1
                    else:
                        current = Ticket.get_or_none(Ticket.id == ticket.id)
                        if current is not None and self._recompute_ticket(current):
                            changed += 1
        return changed

    @staticmethod
    def _reading():
        """A read-only transaction: one snapshot for a batch's reads, without SQLite's write lock."""
        return database.atomic() if is_postgres() else database.atomic(lock_type="DEFERRED")

    def _recompute_ticket(self, ticket: Ticket) -> bool:
        running, moved = self._recomputed_clocks(ticket)
        if moved:
            self._write_recomputed(ticket, running, moved)
        return bool(moved)

    def _recomputed_clocks(self, ticket: Ticket) -> tuple[list[Clock], list[Clock]]:
        """The ticket's running clocks, computed again, and those of them whose deadline the calendar moved (nothing
        written)."""
        clocks = self._running_clocks(ticket)
        moved = []
        resolve = None
        for clock in clocks:
            if LimitSpec.parse(clock.limit).unit not in CALENDAR_UNITS and clock.kind != ClockKind.VISIT:
                continue
            before = (clock.deadline, clock.warn_at, clock.provisional)
            if clock.kind == ClockKind.VISIT:
                resolve = resolve or Clock.get_or_none(
                    (Clock.ticket == ticket.id) & (Clock.kind == ClockKind.RESOLVE.value))
                self._compute_clock(clock, resolve_deadline=resolve.deadline if resolve else None)
            else:
                self._compute_clock(clock)
            if (clock.deadline, clock.warn_at, clock.provisional) != before:
                moved.append(clock)
        return clocks, moved

    def _write_recomputed(self, ticket: Ticket, running: list[Clock], moved: list[Clock]) -> None:
        for clock in moved:
            clock.save()
        self._refresh_due(ticket, running)
        Ticket.update(due_at=ticket.due_at, warn_at=ticket.warn_at, due_clock=ticket.due_clock,
                      provisional=ticket.provisional).where(Ticket.id == ticket.id).execute()
