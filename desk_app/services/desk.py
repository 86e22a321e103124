"""The service layer: every change of a call or a ticket checks permission, validates, writes history and commits together.

The user interface and the command line both call these methods; nothing else writes tickets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import peewee as pw

from desk_app.core.calendar import WorkCalendar
from desk_app.core.errors import ConflictError, NotFound, ValidationError
from desk_app.core.followups import CallDirection
from desk_app.core.kinds import (
    CallOutcome,
    Channel,
    ComplaintLevel,
    Escalation,
    Level,
    Role,
    Satisfaction,
    Severity,
    TicketKind,
)
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation
from desk_app.core.policies import (
    ClockKind,
    ClockRule,
    Policy,
    Variant,
    plan_clocks,
    select_policy,
)
from desk_app.core.rules import (
    ActorFacts,
    Capability,
    ReadScope,
    RuleConfig,
    TicketFacts,
    TicketOp,
    Verdict,
    approval_states,
    can_read,
    check,
    evaluate,
    may_operate,
    may_take_area,
    read_scope,
)
from desk_app.core.priority import priority_of
from desk_app.core.routing import Routed, RoutingFacts, Rule, route
from desk_app.core.states import APPROVAL_STATES, TRANSITIONS, Action, State, next_state
from desk_app.core.workflow import STATE_STEP, STEP_ORDER, Step, Workflow, state_after, workflow_for
from desk_app.core.timelimits import (
    LimitSpec,
    Unit,
    compute_deadline,
)
from desk_app.core.text import check_texts
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import database, execute_prepared, insert_row, is_postgres
from desk_app.models.schema import (
    CallRecord,
    Circulation,
    ConstructionTask,
    Customer,
    Department,
    History,
    KbArticle,
    NumberSequence,
    ReturnVisit,
    Staff,
    Ticket,
)
from desk_app.services import live
from desk_app.services.calendar_admin import CalendarAdministration
from desk_app.services.client_requests import replayed_now, request_done, request_made
from desk_app.services.clocks import ClockKeeping
from desk_app.services.config import SETTING_QUARANTINE, Configuration
from desk_app.services.customer_store import AddressLine, NumberLine, customer_id_by_number, insert_customer
from desk_app.services.events import Change, EventBus
from desk_app.services.follow_up_plans import plan_after_ticket
from desk_app.services.follow_up_plans import reason_of as follow_up_reason
from desk_app.services.register_days import ensure_day_open
from desk_app.services.views import ClockPreview, IntakePreview

APPROVAL_STATE_VALUES = frozenset(s.value for s in APPROVAL_STATES)
# A second complaint by the same customer within this time is upgraded from 诉求 to 申告.
COMPLAINT_UPGRADE_WINDOW = dt.timedelta(hours=4)


def _as_date(value: object) -> dt.date | None:
    """A timestamp as the database returns an aggregate of it: a datetime, or text on SQLite."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Actor:
    """Who is acting: enough of a staff member to check permissions without another query."""

    id: int
    name: str
    role: Role
    department_id: int | None
    active: bool = True
    jurisdiction: frozenset[str] = frozenset()

    @classmethod
    def of(cls, staff: Staff) -> "Actor":
        return cls(staff.id, staff.name, Role(staff.role), staff.department_id, bool(staff.active),
                   _areas(staff.jurisdiction))

    @property
    def facts(self) -> ActorFacts:
        return ActorFacts(self.id, self.role, self.department_id, self.active, self.jurisdiction)


@dataclass(frozen=True)
class Viewer:
    """Who reads, as the rule book sees them now: the reads of the desk (queues, counts, search, detail, customer
    card) take one and show only what it may see."""

    actor: Actor
    scope: ReadScope
    rules: RuleConfig
    approval_states: frozenset[State]
    area_code: str = ""          # the center's (010): a local number typed in a search completes with it

    def may_read(self, ticket: TicketFacts) -> Verdict:
        return can_read(self.actor.facts, ticket, self.rules)


def _areas(jurisdiction: str | None) -> frozenset[str]:
    """A staff member's jurisdiction ("城北片区; 城东片区") as a set of areas."""
    return frozenset(a.strip() for a in (jurisdiction or "").split(";") if a.strip())


def current_actor(actor: Actor) -> Actor:
    """The actor as the database has them now: a demoted or deactivated person loses their powers at once, even in
    a window that is still open."""
    row = execute_prepared("current_actor", lambda: Staff.select(
        Staff.id, Staff.name, Staff.role, Staff.department, Staff.active, Staff.jurisdiction).where(Staff.id == 0),
        [actor.id]).fetchone()
    if row is None:
        return Actor(actor.id, actor.name, actor.role, actor.department_id, active=False)
    staff_id, name, role, department_id, active, jurisdiction = row
    return Actor(staff_id, name, Role(role), department_id, bool(active), _areas(jurisdiction))


def ticket_facts(ticket: Ticket) -> TicketFacts:
    """What the rule book looks at in a ticket row (one or two small indexed queries)."""
    tasks = list(ConstructionTask.select(ConstructionTask.marketing_confirmed_at,
                                         ConstructionTask.maintainer_notified_at)
                 .where(ConstructionTask.ticket == ticket.id)) if ticket.kind == TicketKind.FTTH_INSTALL else []
    task = next((t for t in tasks if t.maintainer_notified_at is None), None)
    circulated = frozenset(c.department_id for c in Circulation.select(Circulation.department)
                           .where(Circulation.ticket == ticket.id))
    return TicketFacts(
        state=State(ticket.state), kind=TicketKind(ticket.kind), number=ticket.number, variant=ticket.variant or "",
        channel=ticket.channel or "", area=ticket.area or "", department_id=ticket.department_id,
        sensitive=bool(ticket.sensitive), quarantined=bool(ticket.quarantined),
        quoted=ticket.quoted_price is not None, owner_consent=ticket.owner_consent,
        appointment=ticket.appointment_at is not None, slip_returned=ticket.slip_returned_at is not None,
        construction=None if task is None else ("confirmed" if task.marketing_confirmed_at else "dispatched"),
        construction_tasks=bool(tasks),
        circulated_to=circulated,
    )


class DeskService(ClockKeeping, CalendarAdministration):
    """All writes of the desk. `now` is injectable so tests and the demo can move the clock."""

    def __init__(self, *, now: Callable[[], dt.datetime] | None = None, events: EventBus | None = None,
                 config: Configuration | None = None) -> None:
        self._now = now or dt.datetime.now
        self.events = events or EventBus()
        self.config = config or Configuration()

    # ----- clock and configuration -----------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        kept = replayed_now()   # a ticket action done during an outage keeps the time it was done
        return kept.at if kept is not None else self._now().replace(microsecond=0)

    def setting(self, key: str, default: str = "") -> str:
        return self.config.setting(key, default)

    def approaching_share(self) -> float:
        return self.config.approaching_share()

    def calendar(self) -> WorkCalendar:
        return self.config.calendar()

    def policies(self) -> list[Policy]:
        return self.config.policies()

    def routing_rules(self) -> list[Rule]:
        return self.config.routing_rules()

    def workflows(self) -> dict[str, Workflow]:
        return self.config.workflows()

    def priority_config(self) -> tuple:
        return self.config.priority_config()

    def area_code(self) -> str:
        """The center's area code (010), which completes a local landline typed without it; "" if none."""
        return self.config.area_code()

    def forget_cached(self) -> None:
        """Drop the cached configuration (after a change by this or another desk)."""
        self.config.forget()

    # ----- guards ----------------------------------------------------------------------------------------------

    def _require(self, actor: Actor, *permissions: Operation) -> Actor:
        """Permissions that are not about one ticket, checked against the actor's current record (read once);
        returns it."""
        actor = current_actor(actor)
        for permission in permissions:
            verdict = may_operate(actor.facts, permission)
            if not verdict.allowed:
                raise verdict.error()
        return actor

    @staticmethod
    def _require_area(actor: Actor, area: str) -> None:
        """二级客服 takes calls for his own jurisdiction only."""
        verdict = may_take_area(actor.facts, area)
        if not verdict.allowed:
            raise ValidationError(verdict.reason, field="area", **verdict.params)

    def _check(self, actor: Actor, what: Capability, ticket: Ticket) -> Actor:
        """The rule book's answer for `what` on `ticket`, enforced; returns the actor's current record."""
        actor = current_actor(actor)
        verdict = check(actor.facts, what, ticket_facts(ticket), self.config.rules())
        if not verdict.allowed:
            raise verdict.error()
        return actor

    def viewer(self, actor: Actor) -> Viewer:
        """The reader's current record and what the rule book lets them read (one small query)."""
        actor = current_actor(actor)
        rules = self.config.rules()
        return Viewer(actor, read_scope(actor.facts, rules), rules, approval_states(actor.facts, rules),
                      self.area_code())

    def priority(self, urgency: Level, impact: Level) -> int:
        """P1–P5 from the administrator's matrix (what a new ticket gets)."""
        matrix, _limits = self.priority_config()
        return priority_of(Level(urgency), Level(impact), matrix)

    def preview(self, *, kind: TicketKind, variant: Variant = Variant.NONE, severity: Severity | None = None,
                urgency: Level = Level.MEDIUM, impact: Level = Level.MEDIUM, category: str = "", area: str = "",
                scope: str = "", station: str = "", rectify_by: dt.datetime | None = None) -> IntakePreview:
        """The intake form's preview: exactly the priority, clocks and route `create_ticket` would give now."""
        policy = select_policy(kind, variant, severity, self.policies())
        limits = self.priority_config()[1]
        priority = self.priority(urgency, impact)
        now = self.now()
        clocks = []
        for rule in plan_clocks(policy, priority, limits).start_clocks:
            if rectify_by is not None and rule.kind == ClockKind.RESOLVE:
                clocks.append(ClockPreview(rule.kind.value, "", False, rectify_by))
                continue
            deadline = None if rule.at_receipt else compute_deadline(now, rule.limit, self.calendar()).at
            clocks.append(ClockPreview(rule.kind.value, str(rule.limit), rule.at_receipt, deadline))
        target = self.route_preview(RoutingFacts(kind, category, area, scope, station))
        return IntakePreview(priority, policy.name, clocks, target.routed, target.department, target.receiver,
                             target.rule)

    def route_preview(self, facts: RoutingFacts) -> IntakePreview:
        """Where a ticket with these facts goes now: the routing test panel shows exactly what intake will do."""
        department, receiver, rule = self._routing_target(facts)
        return IntakePreview(0, "", [], (Routed.DIRECT if receiver else Routed.TRANSFER).value,
                             department.name if department else "", receiver.name if receiver else "",
                             rule.name if rule else "")

    def _routing_target(self, facts: RoutingFacts) -> tuple[Department | None, Staff | None, Rule | None]:
        """The department, its receiver and the rule that route these facts; a rule whose department is inactive or
        has no receiver falls back to transfer dispatch (receiver None)."""
        rule = route(self.routing_rules(), facts)
        department = (Department.get_or_none((Department.id == rule.department_id) & Department.active)
                      if rule else None)
        if department is None or department.receiver_id is None:
            return department, None, rule
        return department, Staff.get_by_id(department.receiver_id), rule

    def evaluate(self, actor: Actor, ticket_id: int) -> list[tuple[Capability, Verdict]]:
        """Every action and operation on the ticket with the rule book's answer for this actor (for the detail pane's
        buttons and `desk-app ticket actions`)."""
        actor = current_actor(actor)
        ticket = self._load_ticket(ticket_id)
        facts = ticket_facts(ticket)
        config = self.config.rules()
        read = can_read(actor.facts, facts, config)
        if not read.allowed:
            raise read.error()
        return evaluate(actor.facts, facts, config)

    @contextlib.contextmanager
    def _command(self, actor: Actor, ticket_id: int, what: Capability, *,
                 expected_version: int | None = None) -> Iterator[tuple[Actor, Ticket]]:
        """The one path of every change of a ticket: one transaction in which the actor is re-read, the row locked,
        the version checked and the rule book asked; the body changes the ticket and writes its history. The
        caller emits the event after the transaction."""
        with database.atomic():
            ticket = self._load_ticket(ticket_id, for_update=True)
            # What the user saw is stale: say that first, whatever the rule book would now answer.
            self._check_version(ticket, expected_version)
            actor = self._check(actor, what, ticket)
            if (kept := replayed_now()) is not None and request_done(kept.key) is None:
                request_made(kept.key, "action", kept.at, None, ticket.id)   # once, if the action takes two steps
            yield actor, ticket

    @staticmethod
    def _load_ticket(ticket_id: int, *, for_update: bool = False) -> Ticket:
        query = Ticket.select().where(Ticket.id == ticket_id)
        if for_update and is_postgres():
            query = query.for_update()
        ticket = query.first()
        if ticket is None:
            raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No ticket with id {id}."), id=ticket_id)
        return ticket

    @staticmethod
    def _check_version(ticket: Ticket, expected_version: int | None) -> None:
        if expected_version is not None and ticket.version != expected_version:
            raise ConflictError(
                QT_TRANSLATE_NOOP(
                    "DeskError",
                    "Ticket {number} was changed by someone else meanwhile. Reload it and try again; "
                    "what you typed is kept.",
                ),
                number=ticket.number,
            )

    def _save_ticket(self, ticket: Ticket, loaded_version: int) -> None:
        """Write the ticket only if nobody else did since it was loaded (the version check)."""
        ticket.version = loaded_version + 1
        ticket.updated_at = self.now()
        # Only the fields this action assigned (peewee marks them dirty), plus the version and the time.
        data = {f: getattr(ticket, f.name) for f in ticket.dirty_fields if f.name != "id"}
        data[Ticket.version] = ticket.version
        data[Ticket.updated_at] = ticket.updated_at
        updated = Ticket.update(data).where((Ticket.id == ticket.id) & (Ticket.version == loaded_version)).execute()
        if updated != 1:
            raise ConflictError(
                QT_TRANSLATE_NOOP(
                    "DeskError",
                    "Ticket {number} was changed by someone else meanwhile. Reload it and try again; "
                    "what you typed is kept.",
                ),
                number=ticket.number,
            )
        ticket._dirty.clear()

    def _history(self, ticket: Ticket, actor: Actor | None, action: str, from_state: str | None,
                 to_state: str | None, note: str = "") -> None:
        insert_row(History(ticket=ticket.id, at=self.now(), actor=actor.id if actor else None, action=action,
                        from_state=from_state, to_state=to_state, note=note))
        # Every change of a ticket writes its history here, in its transaction: the one place other desks hear of it.
        live.announce("ticket", (ticket.id,), action)

    # ----- numbers ---------------------------------------------------------------------------------------------

    def _next_number(self, name: str, year: int) -> int:
        """The next number of a yearly sequence, inside the caller's transaction (never reused, never duplicated)."""
        if is_postgres() or pw.sqlite3.sqlite_version_info >= (3, 35):
            # One statement: the row is made at the first number of a year, or counted up (locked until commit).
            return execute_prepared("next_number", lambda: NumberSequence.insert(name="", year=0, value=1).on_conflict(
                conflict_target=[NumberSequence.name, NumberSequence.year],
                update={NumberSequence.value: NumberSequence.value + 1}).returning(NumberSequence.value),
                [name, year, 1, 1]).fetchone()[0]
        NumberSequence.insert(name=name, year=year, value=0).on_conflict_ignore().execute()
        NumberSequence.update(value=NumberSequence.value + 1).where(
            (NumberSequence.name == name) & (NumberSequence.year == year)).execute()
        return NumberSequence.get((NumberSequence.name == name) & (NumberSequence.year == year)).value

    # ----- calls -----------------------------------------------------------------------------------------------

    def record_call(self, actor: Actor, draft: CallDraft, *, outcome: CallOutcome = CallOutcome.OPEN,
                    kb_article_id: int | None = None, direction: CallDirection = CallDirection.IN,
                    request_key: str | None = None) -> int:
        """来电来访登记: log one call or visit; returns its id. `kb_article_id`: solved at first contact with this
        knowledge-base article ("answered from the knowledge base"). `direction` OUT: a call the desk made (去电)."""
        self._require(actor, Operation.RECORD_CALL)
        draft = draft.validated(area_code=self.area_code())
        if kb_article_id is not None and CallOutcome(outcome) != CallOutcome.SOLVED:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Only a solved call is answered from the knowledge "
                                                                 "base."), field="kb_article")
        with database.atomic():
            done = request_done(request_key)   # see create_ticket_from_intake
            if done is not None:
                return done.call_id
            call_id = self._insert_call(actor, draft, outcome, direction=direction)
            if kb_article_id is not None:
                self._answer_from_kb(call_id, kb_article_id)
            request_made(request_key, "call", self.now(), call_id, None)
        self.events.emit(Change("call", "recorded"))
        return call_id

    @staticmethod
    def _answer_from_kb(call_id: int, article_id: int) -> None:
        """Note the article that answered the call on its register line; a missing or retired one is refused."""
        found = KbArticle.select(KbArticle.id, KbArticle.retired).where(KbArticle.id == article_id).first()
        if found is None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "No knowledge-base article with id {id}."),
                                  field="kb_article", id=article_id)
        if found.retired:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This article is retired."), field="kb_article")
        CallRecord.update(kb_article=article_id).where(CallRecord.id == call_id).execute()

    def _insert_call(self, actor: Actor, draft: CallDraft, outcome: CallOutcome, *,
                     direction: CallDirection = CallDirection.IN, ticket_id: int | None = None,
                     known: dict[str, int | None] | None = None) -> int:
        """Write one validated register line, inside the caller's transaction (`ticket_id`: the ticket it became;
        `known`: customers already looked up by phone in this transaction)."""
        ensure_day_open(self.now())
        customer_id = self._customer_of(draft.customer_id, draft.phone, known)
        return insert_row(CallRecord(
            received_at=self.now(), channel=draft.channel.value, caller_name=draft.caller_name,
            phone=draft.phone, customer=customer_id, content=draft.content, agent=actor.id,
            outcome=outcome.value, transferred_to=draft.transferred_to, follow_up=draft.follow_up,
            direction=CallDirection(direction).value, ticket=ticket_id,
        ))

    def _customer_of(self, customer_id: int | None, phone: str, known: dict[str, int | None] | None) -> int | None:
        """The customer a draft names, or the one whose number is `phone`; each phone looked up once per `known`."""
        if customer_id:
            return customer_id
        if known is None:
            return self._customer_id_by_phone(phone)
        if phone not in known:
            known[phone] = self._customer_id_by_phone(phone)
        return known[phone]

    def solve_call(self, actor: Actor, call_id: int, note: str = "", *, kb_article_id: int | None = None) -> None:
        """Close a register line as solved at first contact (knowledge base or phone guidance): no ticket;
        `kb_article_id` names the knowledge-base article that answered it."""
        check_texts(note=note)
        self._require(actor, Operation.RECORD_CALL)
        with database.atomic():
            call = CallRecord.get_or_none(CallRecord.id == call_id)
            if call is None:
                raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No call with id {id}."), id=call_id)
            ensure_day_open(call.received_at)
            if call.outcome == CallOutcome.TICKET:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This call is already a ticket."))
            call.outcome = CallOutcome.SOLVED.value
            call.follow_up = (note or "").strip()
            call.save()
            if kb_article_id is not None:
                self._answer_from_kb(call.id, kb_article_id)
        self.events.emit(Change("call", "solved"))

    @staticmethod
    def _customer_id_by_phone(phone: str) -> int | None:
        return customer_id_by_number(phone)

    # ----- tickets ---------------------------------------------------------------------------------------------

    def create_ticket(self, actor: Actor, draft: TicketDraft, *, call_id: int | None = None) -> int:
        """工单生成: a new ticket with its number and running clocks; returns its id."""
        actor = self._require(actor, Operation.CREATE_TICKET)
        now = self.now()
        draft = draft.validated(now, area_code=self.area_code())
        self._require_area(actor, draft.area)
        with database.atomic():
            ticket = self._insert_ticket(actor, draft, now, call_id)
        self._emit_created(ticket)
        return ticket.id

    def _emit_created(self, ticket: Ticket) -> None:
        self.events.emit(Change("ticket", "create", ticket.id, ticket.number, ticket.version))
        if ticket.routed == Routed.DIRECT:
            self.events.emit(Change("ticket", Action.DISPATCH.value, ticket.id, ticket.number, ticket.version))

    def create_ticket_from_intake(self, actor: Actor, call: CallDraft, draft: TicketDraft, *,
                                  request_key: str | None = None) -> tuple[int, int]:
        """受理 → 工单生成: log the call and make its ticket in one transaction; returns (call id, ticket id).

        Both drafts are validated before anything is written, so a refused ticket leaves no orphan register line.
        `request_key`: the desk's own key for this save (an intake kept on disk during an outage); saved again under
        the same key, it returns the rows of the first save instead of writing them twice.
        """
        actor = self._require(actor, Operation.RECORD_CALL, Operation.CREATE_TICKET)
        now = self.now()
        draft = draft.validated(now, area_code=self.area_code())
        call = call.validated(area_code=self.area_code())
        self._require_area(actor, draft.area)
        known: dict[str, int | None] = {}
        with database.atomic():
            done = request_done(request_key)
            if done is not None:
                return done.call_id, done.ticket_id
            # The ticket first, so that the register line is written once, already linked to it (outcome ticket).
            ticket = self._insert_ticket(actor, draft, now, None, known=known)
            call_id = self._insert_call(actor, call, CallOutcome.TICKET, ticket_id=ticket.id, known=known)
            request_made(request_key, "intake", now, call_id, ticket.id)
        self.events.emit(Change("call", "recorded"))
        self._emit_created(ticket)
        return call_id, ticket.id

    def _insert_ticket(self, actor: Actor, draft: TicketDraft, now: dt.datetime, call_id: int | None, *,
                       known: dict[str, int | None] | None = None) -> Ticket:
        """Write a validated ticket, its clocks, its history and the call's link, inside the caller's transaction;
        then route it: a matching rule dispatches it at once (直派), otherwise it waits for the dispatcher (转派).
        The row is written once, complete (deadlines, routing); `known`: customers already looked up by phone."""
        policy = select_policy(draft.kind, draft.variant, draft.severity, self.policies())
        matrix, limits = self.priority_config()
        priority = priority_of(draft.urgency, draft.impact, matrix)
        plan = plan_clocks(policy, priority, limits)
        accepted_at = draft.accepted_at or now
        rules = list(plan.at_intake)
        if draft.rectify_by is not None:
            # A patrol finding is due when the notice says: the resolve clock runs exactly until then.
            minutes = max(1, int((draft.rectify_by - accepted_at).total_seconds() // 60))
            rules = [r for r in rules if r.kind != ClockKind.RESOLVE]
            rules.append(ClockRule(ClockKind.RESOLVE, LimitSpec(minutes, Unit.MINUTES)))
        year = now.year
        number = f"{year}-{self._next_number('ticket', year):06d}"
        customer_id = self._customer_of(draft.customer_id, draft.phone, known)
        complaint_level, linked = (self._complaint_level(draft, customer_id, now)
                                   if draft.kind == TicketKind.COMPLAINT else (None, None))
        quarantined = customer_id is None and self.setting(SETTING_QUARANTINE) == "1"
        ticket = Ticket(
            number=number, kind=draft.kind.value, variant=draft.variant.value,
            severity=draft.severity.value if draft.severity else None, channel=draft.channel.value,
            category=draft.category, urgency=draft.urgency.value, impact=draft.impact.value, priority=priority,
            policy_code=policy.code, customer=customer_id, caller_name=draft.caller_name, phone=draft.phone,
            address=draft.address, area=draft.area, description=draft.description, state=State.NEW.value,
            created_by=actor.id, created_at=now, accepted_at=accepted_at, updated_at=now, version=1,
            scope=draft.scope.value, station=draft.station, sensitive=draft.sensitive,
            complaint_level=complaint_level.value if complaint_level else None, linked_ticket=linked,
            escalation=draft.escalation.value if draft.escalation else None, quarantined=quarantined,
            rectify_by=draft.rectify_by,
        )
        clocks = self._new_clocks(None, rules, accepted_at)
        self._refresh_due(ticket, clocks)
        department, receiver, rule = (None, None, None) if quarantined else self._routing_target(RoutingFacts(
            ticket.kind, ticket.category, ticket.area, ticket.scope, ticket.station))
        if not quarantined and receiver is None:
            ticket.routed = Routed.TRANSFER.value
        insert_row(ticket)
        for clock in clocks:
            clock.ticket = ticket.id
            insert_row(clock)
        if call_id is not None:
            received = CallRecord.select(CallRecord.received_at).where(CallRecord.id == call_id).scalar()
            if received is not None:
                ensure_day_open(received)   # a signed day's line does not change outcome afterwards
            updated = CallRecord.update(outcome=CallOutcome.TICKET.value, ticket=ticket.id).where(
                (CallRecord.id == call_id) & (CallRecord.outcome == CallOutcome.OPEN.value)).execute()
            if updated != 1:
                if received is None:
                    raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No call with id {id}."), id=call_id)
                # Answered or made a ticket at another desk meanwhile: one line, one outcome.
                raise ConflictError(QT_TRANSLATE_NOOP("DeskError", "This register line is closed already: "
                                                                   "answered, or a ticket."))
        notes = [policy.name]
        if complaint_level == ComplaintLevel.FORMAL:
            notes.append("申告" + (f"（4小时内重复投诉，关联 {Ticket.get_by_id(linked).number}）" if linked else ""))
        if quarantined:
            notes.append("隔离区：来电人尚未登记为客户")
        self._history(ticket, actor, "create", None, State.NEW.value, "；".join(notes))
        if receiver is not None:
            self._dispatch_direct(ticket, actor, now, department, receiver, rule)
        return ticket

    def _complaint_level(self, draft: TicketDraft, customer_id: int | None,
                         now: dt.datetime) -> tuple[ComplaintLevel, int | None]:
        """申告 for a repeat complaint of the same customer (phone, address or archive) within 4 h, or one made in a
        business hall or through 12530; otherwise 诉求."""
        same = []
        if draft.phone:
            same.append(Ticket.phone == draft.phone)
        if draft.address:
            same.append(Ticket.address == draft.address)
        if customer_id:
            same.append(Ticket.customer == customer_id)
        earlier = None
        if same:
            condition = same[0]
            for extra in same[1:]:
                condition |= extra
            earlier = (Ticket.select(Ticket.id)
                       .where((Ticket.kind == TicketKind.COMPLAINT.value)
                              & (Ticket.created_at >= now - COMPLAINT_UPGRADE_WINDOW) & (Ticket.created_at <= now)
                              & condition)
                       .order_by(Ticket.created_at.desc(), Ticket.id.desc()).first())
        if earlier is not None:
            return ComplaintLevel.FORMAL, earlier.id
        if draft.channel in (Channel.BUSINESS_HALL, Channel.HOTLINE_12530):
            return ComplaintLevel.FORMAL, None
        return ComplaintLevel.APPEAL, None

    def _route(self, ticket: Ticket, actor: Actor, now: dt.datetime) -> None:
        """直派 when a routing rule names a department with a receiver; otherwise 转派 via the dispatcher's queue."""
        department, receiver, rule = self._routing_target(RoutingFacts(
            ticket.kind, ticket.category, ticket.area, ticket.scope, ticket.station))
        if receiver is None:
            ticket.routed = Routed.TRANSFER.value
            Ticket.update(routed=ticket.routed).where(Ticket.id == ticket.id).execute()
            return
        self._dispatch_direct(ticket, actor, now, department, receiver, rule)

    def _dispatch_direct(self, ticket: Ticket, actor: Actor, now: dt.datetime, department: Department,
                         receiver: Staff, rule: Rule | None) -> None:
        """直派: the routing rule's department and receiver take the new ticket at once."""
        ticket.department = department.id
        ticket.receiver = receiver.id
        ticket.dispatched_at = now
        ticket.routed = Routed.DIRECT.value
        ticket.state = State.DISPATCHED.value
        self._apply_clock_effects(ticket, Action.DISPATCH, now, "", State.DISPATCHED)
        loaded = ticket.version
        self._save_ticket(ticket, loaded)
        self._history(ticket, actor, Action.DISPATCH.value, State.NEW.value, State.DISPATCHED.value,
                      f"直派 \u2192 {department.name} / {receiver.name}（{rule.name or '派单规则'}）")

    def _transition(self, actor: Actor, ticket_id: int, action: Action, *, reason: str = "",
                    expected_version: int | None = None, note: str = "",
                    apply: Callable[[Ticket, dt.datetime], str | None] | None = None) -> None:
        """Run one state-machine action through the command path: state change, clocks and history."""
        if TRANSITIONS[action].needs_reason and not (reason or "").strip():
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give a reason."), field="reason")
        with self._command(actor, ticket_id, action, expected_version=expected_version) as (actor, ticket):
            from_state = State(ticket.state)
            path_target = None
            if action in (Action.RESOLVE, Action.APPROVE):
                path = workflow_for(TicketKind(ticket.kind), self.workflows(), ticket.channel).path(ticket.sensitive)
                approved = self._approved_steps(ticket) if action == Action.APPROVE else ()
                path_target = state_after(path, None if action == Action.RESOLVE else from_state, approved)
            to_state = next_state(from_state, action, reason, path_target=path_target,
                                  appointed=ticket.appointment_at is not None)
            at = self.now()
            loaded_version = ticket.version
            extra = apply(ticket, at) if apply else None
            ticket.state = to_state.value
            self._apply_clock_effects(ticket, action, at, reason, to_state)
            self._save_ticket(ticket, loaded_version)
            text = "; ".join(part for part in (extra, reason.strip(), note.strip()) if part)
            self._history(ticket, actor, action.value, from_state.value, to_state.value, text)
        self.events.emit(Change("ticket", action.value, ticket.id, ticket.number, ticket.version))

    def _rejoin_path(self, ticket: Ticket) -> None:
        """A ticket found sensitive during its approval chain takes the steps its path gained before it goes on
        (第八条: the office and the center leader approve before any reply)."""
        path = workflow_for(TicketKind(ticket.kind), self.workflows(), ticket.channel).path(True)
        current = State(ticket.state)
        done = self._approved_steps(ticket)
        target = state_after(path, None, done)
        if target != current and target in STATE_STEP and STEP_ORDER.index(STATE_STEP[target]) < STEP_ORDER.index(
                STATE_STEP[current]):
            ticket.state = target.value

    @staticmethod
    def _approved_steps(ticket: Ticket) -> set[Step]:
        """The approval steps taken since the solution was last drafted (办结; a send-back means a new draft)."""
        drafted = (History.select(pw.fn.MAX(History.id)).where(
            (History.ticket == ticket.id) & (History.action == Action.RESOLVE.value)).scalar()) or 0
        rows = History.select(History.from_state).where(
            (History.ticket == ticket.id) & (History.id > drafted) & (History.action == Action.APPROVE.value))
        return {STATE_STEP[State(r.from_state)] for r in rows if r.from_state and State(r.from_state) in STATE_STEP}

    def dispatch(self, actor: Actor, ticket_id: int, department_id: int, *, worker: str = "", note: str = "",
                 appointment_at: dt.datetime | None = None, expected_version: int | None = None) -> None:
        """派单: send the ticket to one department; its one named receiver gets it. The front desk may give the visit
        time agreed with the customer (客服前台: "与客户约定上门维修时间后派单")."""
        check_texts(worker=worker, note=note)
        department, receiver = self._department_with_receiver(department_id)

        def apply(ticket: Ticket, at: dt.datetime) -> str:
            ticket.department = department.id
            ticket.receiver = receiver.id
            ticket.dispatched_at = at
            if worker.strip():
                ticket.worker = worker.strip()[:60]
            text = f"\u2192 {department.name} / {receiver.name}"
            if appointment_at is not None:
                ticket.appointment_at = self._checked_appointment(appointment_at, at)
                text += f"；约定上门 {ticket.appointment_at:%Y-%m-%d %H:%M}"
            return text

        self._transition(actor, ticket_id, Action.DISPATCH, note=note, expected_version=expected_version,
                         apply=apply)

    def accept(self, actor: Actor, ticket_id: int, *, note: str = "", expected_version: int | None = None) -> None:
        """接单: the receiver confirms the ticket is his department's."""
        check_texts(note=note)
        self._transition(actor, ticket_id, Action.ACCEPT, note=note, expected_version=expected_version)

    def return_ticket(self, actor: Actor, ticket_id: int, reason: str, *,
                      expected_version: int | None = None) -> None:
        """退回: not this department's; back to the audit center for re-dispatch. The department lets go of it."""
        check_texts(reason=reason)
        def apply(ticket: Ticket, at: dt.datetime) -> None:
            ticket.receiver = None
            ticket.department = None

        self._transition(actor, ticket_id, Action.RETURN, reason=reason, expected_version=expected_version,
                         apply=apply)

    def appoint(self, actor: Actor, ticket_id: int, at: dt.datetime, *, note: str = "",
                expected_version: int | None = None) -> None:
        """已预约: the visit time agreed with the customer."""
        check_texts(note=note)
        if at is None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give the agreed visit time."), field="appointment")

        def apply(ticket: Ticket, now: dt.datetime) -> str:
            ticket.appointment_at = self._checked_appointment(at, now)
            return at.strftime("%Y-%m-%d %H:%M")

        self._transition(actor, ticket_id, Action.APPOINT, note=note, expected_version=expected_version,
                         apply=apply)

    @staticmethod
    def _checked_appointment(at: dt.datetime, now: dt.datetime) -> dt.datetime:
        if at < now - dt.timedelta(days=1):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The visit time is in the past."),
                                  field="appointment")
        return at.replace(second=0, microsecond=0)

    def return_slip(self, actor: Actor, ticket_id: int, note: str = "", *,
                    expected_version: int | None = None) -> None:
        """返单: the completed dispatch slip came back (worker → department supervisor → front desk); the return
        visit follows ("工程人员维修后，至前台返单，客服进行回访")."""
        check_texts(note=note)
        def apply(ticket: Ticket, at: dt.datetime) -> str:
            ticket.slip_returned_at = at
            return "派工单已返回前台"

        self._transition(actor, ticket_id, Action.RETURN_SLIP, note=note, expected_version=expected_version,
                         apply=apply)

    def data_return(self, actor: Actor, ticket_id: int, reason: str, *,
                    expected_version: int | None = None) -> None:
        """10086: 网管数据中心 found a data problem; the ticket goes back to 客服中心, who tells the customer
        ("若存在数据问题，返回客服中心")."""
        check_texts(reason=reason)
        self._transition(actor, ticket_id, Action.DATA_RETURN, reason=reason, expected_version=expected_version)

    def start(self, actor: Actor, ticket_id: int, *, note: str = "", worker: str = "",
              expected_version: int | None = None) -> None:
        """处理中: work has started (on site for a repair). A paid repair needs the owner's consent first."""
        check_texts(note=note, worker=worker)
        def apply(ticket: Ticket, at: dt.datetime) -> None:
            if worker.strip():
                ticket.worker = worker.strip()[:60]

        self._transition(actor, ticket_id, Action.START, note=note, expected_version=expected_version, apply=apply)

    def block(self, actor: Actor, ticket_id: int, reason: str, *, expected_version: int | None = None) -> None:
        """未完结: waiting for an outside party; the clocks pause until unblocked."""
        check_texts(reason=reason)
        self._transition(actor, ticket_id, Action.BLOCK, reason=reason, expected_version=expected_version)

    def unblock(self, actor: Actor, ticket_id: int, *, note: str = "", expected_version: int | None = None) -> None:
        check_texts(note=note)
        self._transition(actor, ticket_id, Action.UNBLOCK, note=note, expected_version=expected_version)

    def resolve(self, actor: Actor, ticket_id: int, solution: str, *, expected_version: int | None = None) -> None:
        """已完结: the department solved it; the return-visit clock starts."""
        check_texts(solution=solution)
        solution = (solution or "").strip()
        if not solution:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Describe how it was solved."), field="solution")

        def apply(ticket: Ticket, at: dt.datetime) -> None:
            ticket.solution = solution[:4000]
            ticket.resolved_at = at

        self._transition(actor, ticket_id, Action.RESOLVE, expected_version=expected_version, apply=apply,
                         note=solution[:200])

    def return_visit(self, actor: Actor, ticket_id: int, satisfaction: Satisfaction, note: str = "", *,
                     expected_version: int | None = None) -> None:
        """回访: record the customer's satisfaction; 不满意 reopens the ticket with its department."""
        check_texts(note=note)
        satisfaction = Satisfaction(satisfaction)

        def apply(ticket: Ticket, at: dt.datetime) -> str:
            ticket.satisfaction = satisfaction.value
            # The visit's own record (the summary counts coverage and satisfaction from it), in the same transaction.
            ReturnVisit.create(ticket=ticket.id, at=at, by=actor.id, satisfaction=satisfaction.value,
                               note=(note or "").strip(), reopened=satisfaction == Satisfaction.UNSATISFIED)
            if satisfaction != Satisfaction.UNSATISFIED:
                self._plan_follow_up(ticket, actor, at.date(), at)
            return satisfaction.value

        if satisfaction == Satisfaction.UNSATISFIED:
            if not (note or "").strip():
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give a reason."), field="reason")

            def reopen(ticket: Ticket, at: dt.datetime) -> str:
                ticket.slip_returned_at = None   # the redone work comes back on a slip of its own (返单)
                return apply(ticket, at)

            self._transition(actor, ticket_id, Action.REOPEN, reason=note, expected_version=expected_version,
                             apply=reopen)
        else:
            self._transition(actor, ticket_id, Action.VISIT, note=note, expected_version=expected_version,
                             apply=apply)

    def archive(self, actor: Actor, ticket_id: int, *, expected_version: int | None = None) -> None:
        """归档: closed and read-only, still searchable."""
        def apply(ticket: Ticket, at: dt.datetime) -> None:
            ticket.archived_at = at
            # A ticket visited before follow-ups were planned gets its call now, counted from its last visit.
            visited = ReturnVisit.select(pw.fn.MAX(ReturnVisit.at)).where(ReturnVisit.ticket == ticket.id).scalar()
            self._plan_follow_up(ticket, actor, _as_date(visited) or at.date(), at)

        self._transition(actor, ticket_id, Action.ARCHIVE, expected_version=expected_version, apply=apply)

    def _plan_follow_up(self, ticket: Ticket, actor: Actor, day: dt.date, at: dt.datetime) -> None:
        """定期电话访问跟踪: a complaint or a repair closed by its return visit gets a follow-up call, the configured
        number of days later (0: none), once per ticket; inside the visit's (or the archiving's) transaction."""
        reason = follow_up_reason(ticket)
        if reason is not None:
            plan_after_ticket(ticket, actor.id, day, self.config.follow_up_days(reason.value), at)

    def approve(self, actor: Actor, ticket_id: int, note: str = "", *, expected_version: int | None = None) -> None:
        """审批: the current step of the approval chain (leader, office, center leader, audit center) agrees."""
        check_texts(note=note)
        self._transition(actor, ticket_id, Action.APPROVE, note=note, expected_version=expected_version)

    def send_back(self, actor: Actor, ticket_id: int, reason: str, *, expected_version: int | None = None) -> None:
        """退回修改: an approver sends the drafted solution back to the department."""
        check_texts(reason=reason)
        self._transition(actor, ticket_id, Action.SEND_BACK, reason=reason, expected_version=expected_version)

    def reply(self, actor: Actor, ticket_id: int, note: str, *, expected_version: int | None = None) -> None:
        """反馈: the front desk has told the customer the result; then the return visit follows."""
        check_texts(note=note)
        note = (note or "").strip()
        if not note:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Say what the customer was told."), field="note")

        def apply(ticket: Ticket, at: dt.datetime) -> None:
            ticket.reply_note = note[:4000]

        self._transition(actor, ticket_id, Action.REPLY, note=note[:200], expected_version=expected_version,
                         apply=apply)

    def transfer(self, actor: Actor, ticket_id: int, department_id: int, reason: str, *,
                 expected_version: int | None = None) -> None:
        """转派: lateral transfer to another department (station); its receiver must accept again."""
        check_texts(reason=reason)
        department, receiver = self._department_with_receiver(department_id)

        def apply(ticket: Ticket, at: dt.datetime) -> str:
            if ticket.department_id == department.id:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The ticket is already with {department}."),
                                      field="department", department=department.name)
            ticket.department = department.id
            ticket.receiver = receiver.id
            ticket.dispatched_at = at
            return f"\u2192 {department.name} / {receiver.name}"

        self._transition(actor, ticket_id, Action.TRANSFER, reason=reason, expected_version=expected_version,
                         apply=apply)

    @staticmethod
    def _department_with_receiver(department_id: int) -> tuple[Department, Staff]:
        department = Department.get_or_none((Department.id == department_id) & Department.active)
        if department is None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
        if department.receiver_id is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "{department} has no receiver: the administrator must name one."),
                field="department", department=department.name)
        return department, Staff.get_by_id(department.receiver_id)

    def _operate(self, actor: Actor, ticket_id: int, op: TicketOp, action: str,
                 apply: Callable[[Ticket, dt.datetime], str], *, expected_version: int | None = None) -> None:
        """A change of a ticket that is not a state transition: the same command path, its history line."""
        with self._command(actor, ticket_id, op, expected_version=expected_version) as (actor, ticket):
            loaded = ticket.version
            from_state = ticket.state
            note = apply(ticket, self.now())
            if ticket.sensitive and from_state in APPROVAL_STATE_VALUES:
                self._rejoin_path(ticket)
            self._save_ticket(ticket, loaded)
            self._history(ticket, actor, action, from_state, ticket.state, note)
        self.events.emit(Change("ticket", action, ticket.id, ticket.number, ticket.version))

    def escalate(self, actor: Actor, ticket_id: int, level: Escalation, note: str = "", *,
                 expected_version: int | None = None) -> None:
        """投诉分级: set the complaint's level; the notifier alerts the people that level calls for at once."""
        check_texts(note=note)
        level = Escalation(level)

        def apply(ticket: Ticket, at: dt.datetime) -> str:
            ticket.escalation = level.value
            if level == Escalation.MAJOR:
                ticket.sensitive = True   # a major complaint also goes past the office and the center leader
            return "；".join(part for part in (level.value, (note or "").strip()) if part)

        self._operate(actor, ticket_id, TicketOp.ESCALATE, "escalate", apply, expected_version=expected_version)

    def set_sensitive(self, actor: Actor, ticket_id: int, sensitive: bool, note: str = "", *,
                      expected_version: int | None = None) -> None:
        """Mark a ticket sensitive (舆情, media, major complaint): the office and the center leader approve too."""
        check_texts(note=note)
        def apply(ticket: Ticket, at: dt.datetime) -> str:
            ticket.sensitive = bool(sensitive)
            return ("敏感" if sensitive else "非敏感") + (f"；{note.strip()}" if note and note.strip() else "")

        self._operate(actor, ticket_id, TicketOp.SENSITIVE, "sensitive", apply, expected_version=expected_version)

    def quote_price(self, actor: Actor, ticket_id: int, price: str, note: str = "", *,
                    expected_version: int | None = None) -> None:
        """有偿维修: the department quotes a price; work may start once the owner consents."""
        check_texts(price=price, note=note)
        from decimal import Decimal, InvalidOperation

        try:
            amount = Decimal(str(price).strip()).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Not an amount: {price}"), field="price",
                                  price=price) from None
        if amount <= 0 or amount >= Decimal("100000000"):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Not an amount: {price}"), field="price",
                                  price=price)

        def apply(ticket: Ticket, at: dt.datetime) -> str:
            ticket.quoted_price = amount
            ticket.owner_consent = None
            return f"报价 {amount} 元" + (f"；{note.strip()}" if note and note.strip() else "")

        self._operate(actor, ticket_id, TicketOp.QUOTE, "quote", apply, expected_version=expected_version)

    def record_consent(self, actor: Actor, ticket_id: int, consent: bool, note: str = "", *,
                       expected_version: int | None = None) -> None:
        """The owner's answer to the quoted price of a paid in-home repair."""
        check_texts(note=note)
        def apply(ticket: Ticket, at: dt.datetime) -> str:
            ticket.owner_consent = bool(consent)
            return ("业主同意报价" if consent else "业主不同意报价") + (f"；{note.strip()}" if note and note.strip() else "")

        self._operate(actor, ticket_id, TicketOp.CONSENT, "consent", apply, expected_version=expected_version)

    def register_customer(self, actor: Actor, name: str, phone: str, address: str = "", area: str = "",
                          notes: str = "") -> int:
        """客户登记: a new customer archive card; tickets of this number waiting in quarantine are released."""
        check_texts(name=name, phone=phone, address=address, area=area, notes=notes)
        from desk_app.core.validation import normalize_phone

        self._require(actor, Operation.EDIT_CUSTOMER)
        name = (name or "").strip()
        if not name:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="name")
        number = normalize_phone(phone, area_code=self.area_code())
        if not number:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="phone")
        with database.atomic():
            if self._customer_id_by_phone(number) is not None:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A customer with this number exists already."),
                                      field="phone")
            address = (address or "").strip()[:200]
            customer = Customer.get_by_id(insert_customer(
                name[:100], [NumberLine(number)], [AddressLine(address, (area or "").strip()[:60])] if address else [],
                notes=(notes or "").strip(), created_at=self.now()))
            released = self.adopt_numbers(actor, customer.id, [number])
        self.announce_released(released)
        self.events.emit(Change("customer", "registered"))
        return customer.id

    def adopt_numbers(self, actor: Actor, customer_id: int, numbers: list[str]) -> list[Ticket]:
        """A new customer's numbers (E.164) claim the register lines and tickets of those numbers that have no
        customer yet; the quarantined ones among the tickets are released and routed. Inside the caller's
        transaction; returns the released tickets for announce_released once it has committed."""
        released: list[Ticket] = []
        if not numbers:
            return released
        CallRecord.update(customer=customer_id).where(
            CallRecord.phone.in_(numbers) & CallRecord.customer.is_null()).execute()
        for ticket in Ticket.select().where(Ticket.phone.in_(numbers) & Ticket.customer.is_null()):
            loaded = ticket.version
            ticket.customer = customer_id
            was_quarantined = ticket.quarantined
            ticket.quarantined = False
            self._save_ticket(ticket, loaded)
            if was_quarantined:
                self._history(ticket, actor, "release", ticket.state, ticket.state, "客户已登记，解除隔离")
                self._route(ticket, actor, self.now())
                released.append(ticket)
        return released

    def announce_released(self, released: list[Ticket]) -> None:
        """The events of tickets adopt_numbers released (after the commit)."""
        for ticket in released:
            self.events.emit(Change("ticket", "release", ticket.id, ticket.number, ticket.version))
            if ticket.routed == Routed.DIRECT:
                self.events.emit(Change("ticket", Action.DISPATCH.value, ticket.id, ticket.number, ticket.version))

    def record_history(self, ticket: Ticket, actor: Actor | None, action: str, note: str = "") -> None:
        """A history line on a ticket from another service (e.g. 客户档案合并), its state unchanged."""
        self._history(ticket, actor, action, ticket.state, ticket.state, note)

    def save_ticket(self, ticket: Ticket, loaded_version: int) -> None:
        """Write a ticket another service changed, with the version check (ConflictError if stale)."""
        self._save_ticket(ticket, loaded_version)
