"""An organisation's ticket walked along its path: each step taken, after a realistic gap, by one of the people whose
role owns it and whom the rule book allows (the receiver accepts, the workers handle, the leader approves, the audit
center confirms and re-dispatches, the desk replies, takes the slip back, visits and archives)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from desk_app.core.errors import DeskError
from desk_app.core.kinds import Role, Satisfaction, Severity, TicketKind
from desk_app.core.policies import ClockKind, Variant, VisitRule
from desk_app.core.rules import SLIP_KINDS, TicketOp
from desk_app.core.states import Action, State
from desk_app.core.workflow import DEPARTMENT_STEPS, STATE_STEP, STEP_ROLE, Step, workflow_for
from desk_app.models.schema import Clock, ConstructionTask, Staff, Ticket
from desk_app.services.demo.common import log, mobile_number
from desk_app.services.demo.organisation import AUDIT_DEPARTMENT
from desk_app.services.demo.profile import Scenario
from desk_app.services.desk import Actor

if TYPE_CHECKING:
    from desk_app.services.demo.intake import Goal, OrgDemo


class Walk:
    """One ticket moved along its path as far as its age allows, with realistic gaps; some stall on purpose (fewer
    the older the ticket), a goal ticket goes straight to its stop."""

    def __init__(self, demo: OrgDemo, ticket_id: int, scenario: Scenario, agent: Actor, goal: Goal | None,
                 caller: tuple[str, str, str, str]) -> None:
        self.demo, self.org, self.service, self.rng = demo, demo.org, demo.service, demo.rng
        self.profile = demo.profile
        self.id, self.scenario, self.agent, self.goal, self.caller = ticket_id, scenario, agent, goal, caller
        if agent.role != Role.RECEPTIONIST:
            self.desk_person = demo.rng.choice(demo.desk)   # the front desk replies, takes slips back, visits
        else:
            self.desk_person = agent
        age_days = (demo.end - demo.clock[0]).total_seconds() / 86400
        self.stall = 0.0 if goal else (1.0 if age_days < 3 else 0.15)   # old tickets rarely stay stuck
        self.pace = 0.3 if goal else 1.0
        self.emergency = scenario.variant == Variant.EMERGENCY
        self.daytime = not self.emergency and Ticket.get_by_id(ticket_id).severity != Severity.URGENT.value
        self.misrouted: str | None = None
        self.transferred = self.sent_back = self.reopened = self.blocked = False
        self.construction = scenario.construction > 0 and demo.rng.random() < scenario.construction \
            and not (goal and goal.state in (State.IN_PROGRESS, State.BLOCKED))
        self.appoint = goal.state == State.APPOINTED if goal else demo.rng.random() < scenario.appoint
        # 隔离区: a recent caller may not have registered yet; an older one mostly has.
        self.keep_in_quarantine = goal is not None or demo.rng.random() < (0.6 if age_days < 3 else 0.25)

    # -- time --

    @property
    def now(self) -> dt.datetime:
        return self.demo.clock[0]

    def wait(self, low: int, high: int) -> bool:
        """Let `low`..`high` minutes pass (faster for a goal ticket); False once the demo's present is reached.
        Only an emergency or an urgent complaint is worked on at night."""
        minutes = max(1, round(self.rng.randint(low, high) * self.pace))
        at = self.now + dt.timedelta(minutes=minutes)
        if self.daytime and (at.hour >= 21 or at.hour < 8):
            morning = at if at.hour < 8 else at + dt.timedelta(days=1)
            at = morning.replace(hour=8, minute=0, second=0) + dt.timedelta(minutes=self.rng.randint(0, 90))
        self.demo.clock[0] = at
        return self.now < self.demo.end

    def stalls(self, probability: float) -> bool:
        return self.rng.random() < probability * self.stall

    def happy(self) -> bool:
        """A goal ticket takes no detours."""
        return self.goal is not None

    # -- people --

    def ticket(self) -> Ticket:
        return Ticket.get_by_id(self.id)

    def code(self, ticket: Ticket) -> str:
        return self.org.code_of.get(ticket.department_id, "")

    def receivers(self, ticket: Ticket) -> list[Actor]:
        code = self.code(ticket)
        receiver = self.org.receiver(code)
        return ([receiver] if receiver else []) + self.org.members(code, Role.RECEIVER, Role.LEADER)

    def workers(self, ticket: Ticket) -> list[Actor]:
        """Who does the work: on site the department's field staff (巡检员, 装维人员, 维修人员), else its receiver."""
        kinds = self.profile.field_kinds
        if kinds is not None and TicketKind(ticket.kind) not in kinds:
            return self.receivers(ticket)
        field_staff = self.org.members(self.code(ticket), Role.FIELD)
        self.rng.shuffle(field_staff)
        return field_staff + self.receivers(ticket)

    def same_day(self) -> bool:
        return self.service.config.visit_rule() == VisitRule.SAME_DAY

    def wait_today(self, low: int, high: int) -> bool:
        """Let some minutes pass, but not beyond this evening (the same-day return visit)."""
        evening = self.now.replace(hour=21, minute=0, second=0)
        midnight = self.now.replace(hour=23, minute=59, second=59)
        self.demo.clock[0] = min(self.now + dt.timedelta(minutes=self.rng.randint(low, high)),
                                 max(evening, min(self.now + dt.timedelta(minutes=5), midnight)))
        return self.now < self.demo.end

    def desk(self) -> list[Actor]:
        return [self.desk_person] + [a for a in self.demo.desk if a != self.desk_person]

    def dispatchers(self, area: str) -> list[Actor]:
        """Who dispatches: a dispatcher of the area (or of the whole territory), or the desk agent."""
        people = [d for d in self.demo.dispatchers if not d.jurisdiction or area in d.jurisdiction]
        self.rng.shuffle(people)
        if self.agent.role != Role.DISPATCHER and self.rng.random() < 0.3:
            people.insert(0, self.agent)
        return people + [self.agent] + self.demo.supervisors

    def approvers(self, step: Step, ticket: Ticket) -> list[Actor]:
        if step == Step.LEADER:
            people = self.org.members(self.code(ticket), Role.LEADER)
        elif step in DEPARTMENT_STEPS:
            department_id = self.service.config.rules().step_departments.get(step)
            code = self.org.code_of.get(department_id, "")
            people = self.org.members(code, Role.RECEIVER, Role.LEADER)
        else:
            people = self.org.with_role(STEP_ROLE[step])
        self.rng.shuffle(people)
        return people + self.demo.supervisors

    def act(self, candidates: list[Actor], what: Action | TicketOp, do: Callable[[Actor], object]) -> bool:
        return self.demo.act(candidates, self.id, what, do)

    # -- where it should go --

    def intended(self, ticket: Ticket) -> str:
        """The department the ticket belongs to."""
        org, scenario = self.org, self.scenario
        options = [c for c in self.profile.nearby.get(ticket.area or "", ()) if c in org.departments]
        if options:
            return self.rng.choice(options)
        if scenario.relay and self.profile.monitor in org.departments:
            return self.profile.monitor
        if ticket.station and ticket.station in org.station_departments:
            return org.station_departments[ticket.station]
        if scenario.relay and org.station_departments:
            return self.rng.choice(sorted(set(org.station_departments.values())))
        if scenario.department in org.departments and org.receiver(scenario.department):
            return scenario.department
        choices = [c for c in org.dispatchable() if c != AUDIT_DEPARTMENT] or org.dispatchable()
        return self.rng.choice(choices)

    def a_station(self, besides: str = "") -> str:
        stations = sorted(set(self.org.station_departments.values()) - {besides})
        return self.rng.choice(stations) if stations else ""

    def appointment(self) -> dt.datetime:
        """A visit time agreed with the customer: within the next two days, in working hours."""
        at = self.now + dt.timedelta(hours=self.rng.randint(2, 40))
        if at.hour < 9 or at.hour >= 18:
            at = (at + dt.timedelta(days=1 if at.hour >= 18 else 0)).replace(hour=self.rng.randint(9, 16))
        return at.replace(minute=self.rng.choice([0, 30]), second=0)

    # -- the walk --

    def run(self) -> None:
        for _ in range(60):
            ticket = self.ticket()
            state = State(ticket.state)
            if self.goal is not None and state == self.goal.state and not (
                    state == State.NEW and ticket.quarantined != self.goal.unregistered):
                return
            if state == State.ARCHIVED:
                return
            if state in STATE_STEP:
                moved = self.approval(ticket, STATE_STEP[state])
            else:
                moved = getattr(self, f"on_{state.value}")(ticket)
            if not moved:
                return

    def on_new(self, ticket: Ticket) -> bool:
        if ticket.quarantined:
            # 隔离区: the caller registers as a customer (the desk makes the archive card); the ticket is released.
            if self.keep_in_quarantine or not self.wait(30, 900):
                return False
            name, phone, address, area = self.caller
            try:
                self.service.register_customer(self.desk_person, name, phone, address, area)
            except DeskError as error:
                log.warning("demo: registering %s failed: %s", name, error)
                return False
            return True
        if self.stalls(0.06) or not self.wait(2, 20 if self.emergency else 90):
            return False
        target = self.intended(ticket)
        if not self.happy() and self.rng.random() < 0.05:
            wrong = [c for c in self.org.dispatchable() if c not in (target, AUDIT_DEPARTMENT)]
            if wrong:
                self.misrouted = target = self.rng.choice(wrong)
        appointment = (self.appointment() if self.appoint and self.profile.desk_appoints
                       and self.scenario.kind in SLIP_KINDS else None)
        workers = self.org.members(target, Role.FIELD)
        worker = self.rng.choice(workers).name if workers and self.scenario.kind in SLIP_KINDS else ""
        department_id = self.org.departments[target].id
        return self.act(self.dispatchers(ticket.area or ""), Action.DISPATCH, lambda actor: self.service.dispatch(
            actor, self.id, department_id, worker=worker, appointment_at=appointment))

    def on_returned(self, ticket: Ticket) -> bool:
        # 退回: the audit center re-dispatches to the department it belongs to (it does not let one lie).
        if not self.wait(20, 600):
            return False
        target = self.intended(ticket)
        if target == self.code(ticket):
            others = [c for c in self.org.dispatchable() if c not in (target, AUDIT_DEPARTMENT)]
            if not others:
                return False
            target = self.rng.choice(others)
        department_id = self.org.departments[target].id
        auditors = self.org.with_role(Role.AUDIT)
        self.rng.shuffle(auditors)
        return self.act(auditors + self.demo.supervisors, Action.DISPATCH,
                        lambda actor: self.service.dispatch(actor, self.id, department_id, note="审核中心重新分配"))

    def transfer(self, ticket: Ticket, code: str, reason: str) -> bool:
        department_id = self.org.departments[code].id
        return self.act(self.receivers(ticket), Action.TRANSFER,
                        lambda actor: self.service.transfer(actor, self.id, department_id, reason))

    def on_dispatched(self, ticket: Ticket) -> bool:
        code = self.code(ticket)
        profile = self.profile
        if code and code == profile.monitor:
            # 省监控中心: data to check → 网管数据中心; otherwise down to the area's station.
            if self.stalls(0.05) or not self.wait(10, 120):
                return False
            if profile.netdata in self.org.departments and not self.happy() and self.rng.random() < 0.4:
                return self.transfer(ticket, profile.netdata, "工单需核实数据，转网管数据中心")
            station = self.a_station()
            return bool(station) and self.transfer(ticket, station, "分片区下发至就近站点")
        if code and code == profile.netdata:
            if self.stalls(0.05) or not self.wait(30, 300):
                return False
            if not self.happy() and self.rng.random() < 0.45:
                # "若存在数据问题，返回客服中心": the desk tells the customer.
                return self.act(self.receivers(ticket), Action.DATA_RETURN, lambda actor: self.service.data_return(
                    actor, self.id, "核实为计费/网管数据问题，退回客服中心"))
            station = self.a_station()
            return bool(station) and self.transfer(ticket, station, "数据核实无误，下发片区站点")
        if self.appoint and self.profile.desk_appoints and ticket.appointment_at is None \
                and self.scenario.kind in SLIP_KINDS:
            # 客服前台: the desk agrees the visit time with the owner; the department then accepts it as 已预约.
            if not self.wait(5, 40):
                return False
            at = self.appointment()
            return self.act(self.desk(), Action.APPOINT, lambda actor: self.service.appoint(actor, self.id, at))
        if self.stalls(0.05) or not (self.wait(2, 15) if self.emergency else self.wait(5, 240)):
            return False
        if self.misrouted and code == self.misrouted:
            self.misrouted = None
            return self.act(self.receivers(ticket), Action.RETURN, lambda actor: self.service.return_ticket(
                actor, self.id, "不属于本部门处理范围，退回审核中心重新分配"))
        if code in self.org.station_departments.values() and not self.transferred and not self.happy() \
                and self.rng.random() < 0.1:
            # 站点: not this station's: a lateral transfer (平级调动), recorded.
            self.transferred = True
            station = self.a_station(besides=code)
            return bool(station) and self.transfer(ticket, station, "投诉地点不属于本站点，平级调动")
        return self.act(self.receivers(ticket), Action.ACCEPT, lambda actor: self.service.accept(actor, self.id))

    def on_accepted(self, ticket: Ticket) -> bool:
        return self.working(ticket)

    def on_appointed(self, ticket: Ticket) -> bool:
        return self.working(ticket)

    def working(self, ticket: Ticket) -> bool:
        """Accepted or appointed: a paid repair is quoted and agreed first; the worker agrees the visit time, goes."""
        service = self.service
        if self.scenario.variant == Variant.PAID:
            if ticket.quoted_price is None:
                if not self.wait(30, 240):
                    return False
                price = str(self.rng.choice([80, 120, 150, 260, 380]))
                return self.act(self.receivers(ticket), TicketOp.QUOTE,
                                lambda actor: service.quote_price(actor, self.id, price, "外包服务单位报价"))
            if ticket.owner_consent is None:
                if not self.wait(20, 300):
                    return False
                consent = self.happy() or self.rng.random() < 0.85
                return self.act(self.desk(), TicketOp.CONSENT, lambda actor: service.record_consent(
                    actor, self.id, consent, "已电话告知业主报价"))
            if not ticket.owner_consent:
                return False   # the owner declined the price: nothing to do on site
        if ticket.state == State.ACCEPTED and self.appoint and ticket.appointment_at is None:
            if not self.wait(10, 120):
                return False
            at = self.appointment()
            return self.act(self.workers(ticket), Action.APPOINT, lambda actor: service.appoint(actor, self.id, at))
        if self.stalls(0.08):
            return False
        if ticket.state == State.APPOINTED and ticket.appointment_at is not None:
            # On site at the agreed time.
            self.demo.clock[0] = max(self.now, ticket.appointment_at) + dt.timedelta(minutes=self.rng.randint(0, 20))
            if self.now >= self.demo.end:
                return False
        elif not (self.wait(5, 18) if self.emergency else self.wait(10, 600)):
            return False
        workers = self.workers(ticket)
        return self.act(workers, Action.START, lambda actor: service.start(
            actor, self.id, worker=actor.name if actor.role == Role.FIELD else ""))

    def on_in_progress(self, ticket: Ticket) -> bool:
        service = self.service
        if self.construction:
            return self.construction_step(ticket)
        block = self.goal.state == State.BLOCKED if self.goal else self.rng.random() < self.scenario.block
        if block and not self.blocked:
            self.blocked = True
            if not self.wait(30, 300):
                return False
            reason = self.rng.choice(self.profile.block_reasons)
            return self.act(self.workers(ticket), Action.BLOCK, lambda actor: service.block(actor, self.id, reason))
        if self.stalls(0.12) or not (self.wait(30, 400) if self.emergency else self.wait(60, 4000)):
            return False
        path = workflow_for(TicketKind(ticket.kind), service.workflows(), ticket.channel).path(ticket.sensitive)
        # With an approval path the receiver drafts the solution (第三条); otherwise whoever did the work reports it.
        people = self.receivers(ticket) if path else self.workers(ticket)
        solution = self.scenario.solution(self.rng, ticket.category or "")
        return self.act(people, Action.RESOLVE, lambda actor: service.resolve(actor, self.id, solution))

    def on_blocked(self, ticket: Ticket) -> bool:
        if self.stalls(0.4) or not self.wait(600, 4000):
            return False
        return self.act(self.workers(ticket), Action.UNBLOCK, lambda actor: self.service.unblock(actor, self.id))

    def construction_step(self, ticket: Ticket) -> bool:
        """FTTH 建设任务单: the dispatch department issues it, marketing confirms, the contractor's work is recorded
        done and the area maintainer notified; then the install goes on."""
        from desk_app.services import construction

        service = self.service
        task = construction.unfinished_task(self.id)
        issuers = (self.org.members(service.setting("ftth.dispatch_department"), Role.RECEIVER, Role.LEADER)
                   + self.receivers(ticket))
        if task is None and not ConstructionTask.select().where(ConstructionTask.ticket == self.id).exists():
            if not self.wait(60, 600):
                return False
            deadline = Clock.get_or_none((Clock.ticket == self.id) & (Clock.kind == ClockKind.RESOLVE.value))
            latest = deadline.deadline.date() if deadline and deadline.deadline else self.now.date()
            if latest < self.now.date():
                self.construction = False   # the install is overdue already: no time for a construction task
                return True
            due = min(latest, (self.now + dt.timedelta(days=self.rng.randint(3, 8))).date())
            maintainers = self.org.members(self.code(ticket), Role.FIELD) or self.receivers(ticket)
            maintainer = self.rng.choice(maintainers)
            phone = Staff.get_by_id(maintainer.id).phone or "+86" + mobile_number(self.rng)
            box = self.scenario.variant == Variant.FTTH_BOX
            return self.act(issuers, TicketOp.CONSTRUCTION_OPEN, lambda actor: construction.open_task(
                service, actor, self.id, item="分纤箱" if box else "分光器",
                cable_cores=self.rng.choice([12, 24, 48]) if box else None,
                cable_metres=self.rng.randint(5, 30) * 10 if box else None, due_date=due,
                maintainer_name=maintainer.name, maintainer_phone=phone))
        if task is None:
            self.construction = False
            return True
        if task.marketing_confirmed_at is None:
            if self.stalls(0.1) or not self.wait(60, 900):
                return False
            marketing = self.org.members(service.setting("ftth.marketing_department", "marketing"),
                                         Role.RECEIVER, Role.LEADER)
            return self.act(marketing + self.demo.supervisors, TicketOp.CONSTRUCTION_CONFIRM,
                            lambda actor: construction.confirm_by_marketing(service, actor, task.id))
        if self.stalls(0.2) or not self.wait(1440, 5000):
            return False
        return self.act(issuers, TicketOp.CONSTRUCTION_DONE,
                        lambda actor: construction.report_done(service, actor, task.id, resources_entered=True))

    def approval(self, ticket: Ticket, step: Step) -> bool:
        service = self.service
        urgent = ticket.severity == Severity.URGENT.value
        if step == Step.REPLY:
            if self.stalls(0.1) or not self.wait(20, 300):
                return False
            return self.act(self.desk(), Action.REPLY,
                            lambda actor: service.reply(actor, self.id, "已电话告知客户处理结果"))
        if self.stalls(0.1) or not (self.wait(10, 60) if urgent else self.wait(20, 600)):
            return False
        people = self.approvers(step, ticket)
        if step == Step.LEADER and not self.sent_back and not self.happy() and self.rng.random() < 0.08:
            self.sent_back = True
            return self.act(people, Action.SEND_BACK,
                            lambda actor: service.send_back(actor, self.id, "方案不够具体，请补充"))
        return self.act(people, Action.APPROVE, lambda actor: service.approve(actor, self.id, "同意"))

    def on_resolved(self, ticket: Ticket) -> bool:
        service = self.service
        if TicketKind(ticket.kind) in SLIP_KINDS and ticket.slip_returned_at is None \
                and service.config.rules().slip_return_required:
            # 返单: the worker brings the completed slip back to the desk.
            if self.stalls(0.1) or not (self.wait_today(10, 120) if self.same_day() else self.wait(30, 600)):
                return False
            return self.act(self.desk(), Action.RETURN_SLIP, lambda actor: service.return_slip(actor, self.id))
        # "对当日完成的派工单须保证100%回访": the same evening at the latest; otherwise within a day or so.
        if self.stalls(0.1) or not (self.wait_today(20, 240) if self.same_day() else self.wait(30, 1500)):
            return False
        visitors = self.desk()
        if TicketKind(ticket.kind) in self.profile.supervisor_visits:
            visitors = self.demo.supervisors + visitors
        unhappy = not self.reopened and not self.happy() and self.rng.random() < 0.05
        satisfaction = Satisfaction.UNSATISFIED if unhappy else \
            self.rng.choices([Satisfaction.SATISFIED, Satisfaction.BASICALLY], weights=[75, 25])[0]
        what = Action.REOPEN if unhappy else Action.VISIT
        self.reopened = self.reopened or unhappy
        return self.act(visitors, what, lambda actor: service.return_visit(
            actor, self.id, satisfaction, "客户反映问题仍未解决" if unhappy else ""))

    def on_visited(self, ticket: Ticket) -> bool:
        if self.stalls(0.05) or not self.wait(10, 2000):
            return False
        return self.act(self.desk(), Action.ARCHIVE, lambda actor: self.service.archive(actor, self.id))
