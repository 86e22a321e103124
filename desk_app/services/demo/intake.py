"""The demo of an organisation set up in the database: calls taken at its desk (受理) and the tickets they become,
made by its own people, some stopped on purpose where a queue should show something.

Nothing of the organisation is created or changed: its departments, people, areas, stations, catalogue, routing
and approval paths are read from the database, and every call and ticket is made through DeskService by one of its
own people. A ticket is walked along its path step by step; whoever takes a step is chosen among the people whose
role owns it (the receiver accepts, the department's workers handle, its leader approves, the audit center
confirms and re-dispatches, the desk replies, takes the slip back, visits and archives), and the rule book is asked
(DeskService.evaluate) which of them may. A few recent tickets are stopped on purpose at each approval step and in
the handling states, so that every queue of the organisation has something in it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from desk_app.core.errors import DeskError
from desk_app.core.kinds import CallOutcome, Channel, Escalation, Level, Role, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.rules import TicketOp
from desk_app.core.states import Action, State
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.core.workflow import STEP_ORDER, STEP_STATE, workflow_for
from desk_app.models.db import database
from desk_app.models.schema import Customer, Ticket
from desk_app.services.config import SETTING_QUARANTINE
from desk_app.services.demo.archive import detail_rng, write_customer, write_duplicates
from desk_app.services.demo.common import log, mobile_number
from desk_app.services.demo.followups import make_follow_ups
from desk_app.services.demo.generic import generic_profile
from desk_app.services.demo.knowledge import PRESET_ARTICLES, DemoKnowledge
from desk_app.services.demo.organisation import Organisation
from desk_app.services.demo.profile import Profile, Scenario
from desk_app.services.demo.property import PROPERTY
from desk_app.services.demo.telecom import TELECOM
from desk_app.services.demo.terminal import TERMINAL
from desk_app.services.demo.walk import Walk
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import EventBus

PROFILES: dict[str, Profile] = {"telecom": TELECOM, "property": PROPERTY, "terminal": TERMINAL}


@dataclass(frozen=True)
class Goal:
    """A ticket stopped on purpose where a queue should show something."""

    state: State
    scenario: Scenario
    sensitive: bool = False
    channel: Channel | None = None
    unregistered: bool = False


# Handling states a recent ticket is stopped in besides the approval steps: 未处理, 已预约, 处理中, 未完结.
_SHOWCASE_HANDLING = (State.DISPATCHED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED)


def _goals(rng: random.Random, profile: Profile, org: Organisation, service: DeskService) -> list[Goal]:
    """One ticket waiting at each approval step the organisation's paths have, and one in each handling state."""
    workflows = service.workflows()
    scenarios = [s for s in profile.scenarios if _usable(s, org)]
    goals = []
    for step in STEP_ORDER:
        found = [(scenario, channel, sensitive) for scenario in scenarios for channel in scenario.channels
                 for sensitive in (False, True)
                 if step in workflow_for(scenario.kind, workflows, channel).path(sensitive)]
        plain = [f for f in found if not f[2]]
        preferred = [f for f in plain if f[0].kind == profile.showcase.get(STEP_STATE[step])]
        if found:
            scenario, channel, sensitive = rng.choice(preferred or plain or found)
            goals.append(Goal(STEP_STATE[step], scenario, sensitive, channel))
    # Different kinds of request in the handling states, so that the queues show the variety.
    handled = [s for s in scenarios if not s.patrol and s.variant != Variant.PAID]
    rng.shuffle(handled)
    states = list(_SHOWCASE_HANDLING)
    if profile.unregistered and service.setting(SETTING_QUARANTINE) == "1":
        states.append(State.NEW)
    for i, state in enumerate(states if handled else []):
        goals.append(Goal(state, handled[i % len(handled)], unregistered=state == State.NEW))
    return goals


def _usable(scenario: Scenario, org: Organisation) -> bool:
    """A scenario fits the organisation if its entries are in the catalogue (when it has one for the kind)."""
    entries = org.catalogue.get(scenario.kind.value)
    return entries is None or any(category in entries for category, _ in scenario.items)


def build_organisation_demo(org: Organisation, *, tickets: int = 320, days: int = 30, seed: int = 20261126,
                            now: dt.datetime | None = None,
                            progress: Callable[[int, int], None] | None = None) -> int:
    """Calls and tickets that fit the organisation, made by its own people; returns the number of tickets made."""
    if not org.with_role(Role.RECEPTIONIST):
        raise ValueError("the organisation has no front-desk account (role receptionist) to take the demo's calls")
    profile = PROFILES.get(org.preset) or generic_profile(org)
    scenarios = [s for s in profile.scenarios if _usable(s, org)]
    if not scenarios:
        raise ValueError("none of the demo's calls fits the organisation's service catalogue")
    rng = random.Random(seed)
    end = (now or dt.datetime.now()).replace(microsecond=0)
    clock = [end]
    service = DeskService(now=lambda: clock[0], events=EventBus())
    demo = OrgDemo(org, profile, scenarios, service, rng, clock, end)
    demo.create_customers(max(40, tickets // 2), end - dt.timedelta(days=days + 30))
    demo.kb = DemoKnowledge(PRESET_ARTICLES.get(org.preset, ()), seed)
    editor = demo.knowledge_editor()
    if editor is not None:
        demo.kb.write(service, editor, clock, end - dt.timedelta(days=days + 10))
    starts = []
    for _ in range(tickets):
        start = end - dt.timedelta(seconds=rng.randint(600, days * 86400))
        if start.hour < 8 or start.hour >= 21:
            start = start.replace(hour=rng.randint(8, 20))
        starts.append(min(start, end))
    starts.sort()
    goals = _goals(rng, profile, org, service)
    # The youngest tickets that are old enough to have got there, one goal each (at most half of the demo).
    eligible = sorted((i for i, start in enumerate(starts) if end - start >= dt.timedelta(days=2)),
                      key=lambda i: end - starts[i])
    assigned = dict(zip(eligible, goals[:max(0, tickets // 2)], strict=False))
    made = 0
    for index, start in enumerate(starts):
        clock[0] = start
        if demo.intake(assigned.get(index)):
            made += 1
        if progress:
            progress(index + 1, len(starts))
    if editor is not None:
        demo.kb.weekly_meetings(service, editor, clock, end)
    make_follow_ups(service, rng, clock, end, org.with_role(Role.RECEPTIONIST))
    return made


def _patrol_place(address: str) -> str:
    """Where a patrol found it: the building, not a flat."""
    return address[:address.index("栋") + 1] + "周边" if "栋" in address else address + "门前"


class OrgDemo:
    """One organisation's demo as it is made: its people, its customers and its clock; it takes the calls."""

    def __init__(self, org: Organisation, profile: Profile, scenarios: list[Scenario], service: DeskService,
                 rng: random.Random, clock: list[dt.datetime], end: dt.datetime) -> None:
        self.org, self.profile, self.scenarios = org, profile, scenarios
        self.service, self.rng, self.clock, self.end = service, rng, clock, end
        self.customers: list[Customer] = []
        self.desk = org.with_role(Role.RECEPTIONIST)
        self.dispatchers = org.with_role(Role.DISPATCHER)
        self.supervisors = org.with_role(Role.SUPERVISOR)
        self.areas = org.areas or [""]
        self.kb = DemoKnowledge((), 0)   # the organisation's own is set by build_organisation_demo

    def create_customers(self, count: int, since: dt.datetime) -> None:
        rng = self.rng
        details = detail_rng(f"{self.org.preset}-{count}")

        def elsewhere() -> tuple[str, str]:
            area = details.choice(self.areas)
            return self.profile.address(details, area), area

        with database.atomic():
            for _ in range(count):
                area = rng.choice(self.areas)
                name, mobile = self.profile.customer_name(rng, area), mobile_number(rng)
                address = self.profile.address(rng, area)
                notes = rng.choice(["", "", "", "老人独居，上门前请先电话联系", "VIP客户"])
                self.customers.append(Customer.get_by_id(write_customer(
                    details, name, mobile, address, area, created_at=since, notes=notes, other_address=elsewhere)))
            write_duplicates(details, self.customers, created_at=since + dt.timedelta(days=20))

    def knowledge_editor(self) -> Actor | None:
        """Who writes the knowledge base: a supervisor, else an administrator (None: nobody may)."""
        from desk_app.core.permissions import Operation
        from desk_app.core.rules import may_operate

        editors = self.supervisors + self.org.with_role(Role.ADMIN)
        return next((a for a in editors if may_operate(a.facts, Operation.EDIT_KNOWLEDGE).allowed), None)

    def intake_person(self, area: str) -> Actor:
        """Headquarters' front desk, or (where the organisation has them) the dispatcher of the caller's area."""
        local = [d for d in self.dispatchers if d.jurisdiction and area in d.jurisdiction]
        if local and self.rng.random() < self.profile.dispatcher_intake:
            return self.rng.choice(local)
        return self.rng.choice(self.desk)

    def intake(self, goal: Goal | None) -> bool:
        """One call; a ticket unless answered at once. True if a ticket was made."""
        rng, service = self.rng, self.service
        customer = rng.choice(self.customers)
        if goal is None and rng.random() < self.profile.quick_share:
            agent = self.intake_person(customer.area)
            content = rng.choice(self.profile.quick_answers)
            service.record_call(agent, CallDraft(content=content, phone=customer.phone,
                                                 caller_name=customer.name, address=customer.address),
                                outcome=CallOutcome.SOLVED, kb_article_id=self.kb.answered_by(content))
            return False
        if goal is not None:
            scenario = goal.scenario
        else:
            scenario = rng.choices(self.scenarios, weights=[s.weight for s in self.scenarios])[0]
        entries = self.org.catalogue.get(scenario.kind.value)
        category, text = rng.choice([item for item in scenario.items if entries is None or item[0] in entries])
        channel = goal.channel if goal is not None and goal.channel else rng.choice(scenario.channels)
        unregistered = goal.unregistered if goal is not None else rng.random() < self.profile.unregistered
        now = self.clock[0]
        if unregistered:
            # A caller not in the customer archive (a new merchant): he is registered later, or waits in 隔离区.
            area = rng.choice(self.areas)
            caller = (self.profile.customer_name(rng, area), "+86" + mobile_number(rng),
                      self.profile.address(rng, area), area)
        else:
            caller = (customer.name, customer.phone, customer.address, customer.area)
        name, phone, address, area = caller
        agent = self.intake_person(area)
        draft = TicketDraft(
            kind=scenario.kind, description=text, channel=channel, category=category, variant=scenario.variant,
            severity=rng.choice(scenario.severities) if scenario.severities else None, scope=scenario.scope,
            station=rng.choice(self.org.stations) if scenario.station and self.org.stations else "",
            sensitive=goal.sensitive if goal is not None else rng.random() < scenario.sensitive,
            urgency=Level.HIGH if scenario.variant == Variant.EMERGENCY else None,
            impact=Level.HIGH if scenario.variant == Variant.EMERGENCY else None,
            phone="" if scenario.patrol else phone, caller_name="" if scenario.patrol else name,
            address=_patrol_place(address) if scenario.patrol else address, area=area,
            # 业务受理时间: an install comes from the business system some time after the customer applied.
            accepted_at=now - dt.timedelta(minutes=rng.randint(10, 300))
            if scenario.kind == TicketKind.FTTH_INSTALL else None,
            rectify_by=(now + dt.timedelta(days=rng.randint(1, 5))).replace(hour=18, minute=0, second=0)
            if scenario.patrol else None)
        try:
            call_id = None if scenario.patrol else service.record_call(agent, CallDraft(
                content=text, channel=channel, phone=phone, caller_name=name, address=address))
            ticket_id = service.create_ticket(agent, draft, call_id=call_id)
        except DeskError as error:
            log.warning("demo: %s could not file %r: %s", agent.name, text, error)
            return False
        if scenario.kind == TicketKind.COMPLAINT and goal is None and rng.random() < scenario.escalate:
            level = rng.choices([Escalation.GENERAL, Escalation.EMERGENCY, Escalation.MAJOR], weights=[5, 3, 1])[0]
            self.act([agent], ticket_id, TicketOp.ESCALATE,
                     lambda actor: service.escalate(actor, ticket_id, level, "客户情绪激动，多次来电"))
        Walk(self, ticket_id, scenario, agent, goal, caller).run()
        return True

    # -- asking the rule book who may --

    def act(self, candidates: list[Actor], ticket_id: int, what: Action | TicketOp,
            do: Callable[[Actor], object]) -> bool:
        """Do `what` as the first candidate the rule book allows to (DeskService.evaluate); False if nobody may."""
        for actor in candidates:
            try:
                verdict = next(v for capability, v in self.service.evaluate(actor, ticket_id) if capability is what)
            except DeskError:
                continue   # the ticket is not visible to this person
            if not verdict.allowed:
                continue
            try:
                do(actor)
            except DeskError as error:
                log.warning("demo: %s refused to %s on ticket %s: %s", actor.name, what, ticket_id, error)
                return False
            return True
        state = Ticket.get_by_id(ticket_id).state
        log.warning("demo: nobody of %s may %s ticket %s in state %s", [a.name for a in candidates], what,
                    ticket_id, state)
        return False
