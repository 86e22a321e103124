"""The demo of a bare database: its own small property-and-telecom service center (departments, people, routing,
customers), a month of calls and tickets made through DeskService, each ticket walked along its path, and the one
known password of its accounts."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from desk_app.core.errors import DeskError
from desk_app.core.kinds import CallOutcome, Channel, Escalation, Level, Role, Satisfaction, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.rules import SLIP_KINDS
from desk_app.core.states import State
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.core.workflow import STATE_STEP, Step
from desk_app.models.db import database
from desk_app.models.schema import Customer, Department, RoutingRule, Staff, Ticket
from desk_app.services.demo.archive import detail_rng, write_customer, write_duplicates
from desk_app.services.demo.common import (
    BLOCK_REASONS,
    ESTATES,
    QUICK_ANSWERS,
    SOLUTIONS,
    mobile_number,
    person_name,
)
from desk_app.services.demo.followups import make_follow_ups
from desk_app.services.demo.intake import build_organisation_demo
from desk_app.services.demo.knowledge import BARE_ARTICLES, DemoKnowledge
from desk_app.services.demo.organisation import find_organisation
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import EventBus

DEPARTMENTS = [
    # (code, name, receiver, leader, workers)
    ("assist", "客服助理", "李静", "赵敏", ["孙立"]),
    ("security", "安全部", "周强", "吴刚", ["郑涛"]),
    ("environment", "环境部", "王丽", "冯晓", ["陈刚"]),
    ("finance", "财务部", "刘洋", "褚红", ["卫东"]),
    ("engineering", "工程部", "张伟", "蒋斌", ["沈师傅", "韩师傅"]),
    ("network", "网络维护站", "杨帆", "朱军", ["秦工", "许工"]),
]
FRONT_DESK = [("reception", "王芳"), ("reception2", "陈晨")]
# (kind, department code, variant, severity, texts)
SCENARIOS: list[tuple[TicketKind, str, Variant, Severity | None, list[str]]] = [
    (TicketKind.REPAIR, "engineering", Variant.NONE, None,
     ["卫生间水管漏水，楼下住户天花板渗水", "厨房下水道堵塞，需要疏通", "楼道声控灯不亮，已有一周", "入户门锁损坏，无法正常开关",
      "客厅插座跳闸，冰箱无法通电", "阳台推拉门滑轨变形"]),
    (TicketKind.REPAIR, "engineering", Variant.EMERGENCY, None,
     ["燃气管道有异味，怀疑泄漏，请立即派人", "电梯困人，3号楼2单元", "主水管爆裂，楼道大量积水", "整栋楼停电，配电箱冒烟"]),
    (TicketKind.COMPLAINT, "assist", Variant.NONE, None,
     ["楼上住户深夜噪音扰民，多次沟通无果", "邻居空调外机滴水到我家窗台", "装修垃圾长期堆放在楼道", "物业人员服务态度差"]),
    (TicketKind.COMPLAINT, "network", Variant.NONE, Severity.IMPORTANT,
     ["10086转来：家中宽带频繁掉线，影响孩子网课", "10086转来：小区手机信号差，室内无法通话", "10086转来：话费扣费异常，多扣流量费"]),
    (TicketKind.COMPLAINT, "network", Variant.NONE, Severity.URGENT,
     ["10086转来：整个小区宽带中断超过两小时", "10086转来：专线中断，商户无法收款"]),
    (TicketKind.CONSULTATION, "finance", Variant.NONE, None,
     ["咨询物业费缴费方式及发票开具", "咨询停车费月卡办理", "咨询水电费账单明细"]),
    (TicketKind.CONSULTATION, "assist", Variant.NONE, None, ["咨询装修申请手续", "咨询快递代收服务时间"]),
    (TicketKind.SUGGESTION, "environment", Variant.NONE, None,
     ["建议小区增加垃圾分类投放点", "建议修剪中心花园的树木，遮挡低层采光"]),
    (TicketKind.MAINTENANCE, "environment", Variant.NONE, None, ["地下车库有大量蚊虫，需要消杀", "楼道卫生未按时清扫"]),
    (TicketKind.REQUEST, "security", Variant.NONE, None, ["申请临时车辆出入证", "申请搬家车辆进入小区"]),
    (TicketKind.FTTH_INSTALL, "network", Variant.FTTH_BOX, None,
     ["光网宽带开通：该楼栋分纤箱资源已满，需增加分纤箱", "新装宽带，现场查勘无空余端口"]),
    (TicketKind.FTTH_INSTALL, "network", Variant.FTTH_SPLITTER, None, ["光网宽带开通：需更换分光器", "分光器端口不足，需增加分光器"]),
    (TicketKind.FAULT, "network", Variant.NONE, None, ["IPTV无信号，机顶盒提示网络连接失败", "固定电话无拨号音"]),
]
# The service-catalogue entry (服务目录) each scenario is filed under.
CATEGORIES: dict[tuple[TicketKind, str], str] = {
    (TicketKind.REPAIR, "engineering"): "水电维修", (TicketKind.COMPLAINT, "assist"): "邻里纠纷",
    (TicketKind.COMPLAINT, "network"): "网络质量", (TicketKind.CONSULTATION, "finance"): "缴费咨询",
    (TicketKind.CONSULTATION, "assist"): "物业咨询", (TicketKind.SUGGESTION, "environment"): "环境绿化",
    (TicketKind.MAINTENANCE, "environment"): "保洁消杀", (TicketKind.REQUEST, "security"): "出入管理",
    (TicketKind.FTTH_INSTALL, "network"): "光网开通", (TicketKind.FAULT, "network"): "网络故障",
}


def create_organization() -> dict[str, Actor]:
    """Departments with one receiver each, their leaders and workers, two front-desk agents, a supervisor."""
    people: dict[str, Actor] = {}
    with database.atomic():
        for username, name in FRONT_DESK:
            people[username] = Actor.of(Staff.create(username=username, name=name, role=Role.RECEPTIONIST.value))
        people["dispatcher"] = Actor.of(Staff.create(username="dispatcher", name="何平", role=Role.DISPATCHER.value))
        people["supervisor"] = Actor.of(Staff.create(username="supervisor", name="林主管", role=Role.SUPERVISOR.value))
        people["audit"] = Actor.of(Staff.create(username="audit", name="审核中心", role=Role.AUDIT.value))
        people["office"] = Actor.of(Staff.create(username="office", name="办公室", role=Role.OFFICE.value))
        people["center"] = Actor.of(Staff.create(username="center", name="中心领导", role=Role.CENTER.value))
        for code, dept_name, receiver, leader, workers in DEPARTMENTS:
            department = Department.create(name=dept_name, code=code)
            recv = Staff.create(username=f"{code}.recv", name=receiver, role=Role.RECEIVER.value,
                                department=department)
            lead = Staff.create(username=f"{code}.lead", name=leader, role=Role.LEADER.value, department=department)
            people[f"{code}.lead"] = Actor.of(lead)
            for i, worker in enumerate(workers):
                Staff.create(username=f"{code}.w{i + 1}", name=worker, role=Role.FIELD.value, department=department)
            department.receiver = recv.id
            department.save()
            people[code] = Actor.of(recv)
    return people


# Part of the demo's routing table: home repairs and FTTH installs go straight to their department (直派);
# everything else waits for the second-level dispatcher (转派).
DEMO_ROUTING = [("报修 → 工程部", TicketKind.REPAIR, "engineering"),
                ("FTTH待装 → 网络维护站", TicketKind.FTTH_INSTALL, "network"),
                ("故障 → 网络维护站", TicketKind.FAULT, "network")]


def create_routing(people: dict[str, Actor]) -> None:
    with database.atomic():
        for position, (name, kind, code) in enumerate(DEMO_ROUTING, start=1):
            RoutingRule.create(position=position, name=name, kind=kind.value,
                               department=people[code].department_id)


def create_customers(rng: random.Random, count: int) -> list[Customer]:
    """The center's archives (with the butler procedure's details, drawn apart), and three walk-in duplicates of
    some of them, left out of the list the calls come from."""
    customers = []
    details = detail_rng(count)

    def elsewhere() -> tuple[str, str]:
        estate, area = details.choice(ESTATES)
        return f"{estate}{details.randint(1, 12)}栋{details.randint(1, 4)}单元{details.randint(1, 28)}01", area

    with database.atomic():
        for _ in range(count):
            estate, area = rng.choice(ESTATES)
            address = f"{estate}{rng.randint(1, 12)}栋{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}"
            name, mobile = person_name(rng), mobile_number(rng)
            notes = rng.choice(["", "", "老人独居，上门前请先电话联系", "VIP业主"])
            customers.append(Customer.get_by_id(write_customer(
                details, name, mobile, address, area, notes=notes, created_at=dt.datetime.now(),
                other_address=elsewhere)))
        write_duplicates(details, customers, created_at=dt.datetime.now())
    return customers


def build_demo(*, tickets: int = 320, days: int = 30, seed: int = 20261126,
               now: dt.datetime | None = None, progress: Callable[[int, int], None] | None = None) -> int:
    """Fill an initialised, empty database with a month of work; returns the number of tickets made.

    A database set up as an organisation (a preset applied by `init-db --preset`, or departments made by an
    administrator) gets calls and tickets that fit it, made by its own people (see `build_organisation_demo`); a
    bare database gets the demo's own small service center first (`create_organization`)."""
    organisation = find_organisation()
    if organisation is not None:
        return build_organisation_demo(organisation, tickets=tickets, days=days, seed=seed, now=now,
                                       progress=progress)
    rng = random.Random(seed)
    end = (now or dt.datetime.now()).replace(microsecond=0)
    clock = [end]
    service = DeskService(now=lambda: clock[0], events=EventBus())
    people = create_organization()
    create_routing(people)
    service.forget_cached()
    customers = create_customers(rng, max(40, tickets // 2))
    kb = DemoKnowledge(BARE_ARTICLES, seed)
    kb.write(service, people["supervisor"], clock, end - dt.timedelta(days=days + 10))
    desk = [people["reception"], people["reception2"]]
    made = 0
    starts = sorted(end - dt.timedelta(seconds=rng.randint(600, days * 86400)) for _ in range(tickets))
    for index, start in enumerate(starts):
        if start.hour < 8 or start.hour >= 21:
            start = start.replace(hour=rng.randint(8, 20))
        clock[0] = min(start, end)
        agent = rng.choice(desk)
        customer = rng.choice(customers)
        if rng.random() < 0.25:
            content = rng.choice(QUICK_ANSWERS)
            service.record_call(agent, CallDraft(content=content, phone=customer.phone,
                                                 caller_name=customer.name), outcome=CallOutcome.SOLVED,
                                kb_article_id=kb.answered_by(content))
            continue
        kind, dept_code, variant, severity, texts = rng.choice(SCENARIOS)
        channel = Channel.HOTLINE_10086 if severity else rng.choice([Channel.PHONE] * 5 + [Channel.VISIT, Channel.WECHAT])
        call_id = service.record_call(agent, CallDraft(content=rng.choice(texts), channel=channel,
                                                       phone=customer.phone, caller_name=customer.name,
                                                       address=customer.address))
        urgency = Level.HIGH if variant == Variant.EMERGENCY else None
        ticket_id = service.create_ticket(agent, TicketDraft(
            kind=kind, description=rng.choice(texts), channel=channel, phone=customer.phone,
            caller_name=customer.name, address=customer.address, area=customer.area, variant=variant,
            severity=severity, urgency=urgency, impact=Level.HIGH if urgency else None,
            category=CATEGORIES.get((kind, dept_code), "")), call_id=call_id)
        made += 1
        if kind == TicketKind.COMPLAINT and rng.random() < 0.15:
            service.escalate(agent, ticket_id, rng.choice([Escalation.GENERAL, Escalation.EMERGENCY, Escalation.MAJOR]),
                             "客户情绪激动，多次来电")
        _walk(service, rng, ticket_id, clock, end, agent, people, dept_code)
        if progress:
            progress(index + 1, len(starts))
    kb.weekly_meetings(service, people["supervisor"], clock, end)
    make_follow_ups(service, rng, clock, end, desk)
    return made


def _walk(service: DeskService, rng: random.Random, ticket_id: int, clock: list[dt.datetime], end: dt.datetime,
          agent: Actor, people: dict[str, Actor], dept_code: str) -> None:
    """Move one ticket along its path as far as its age allows, with realistic gaps; some stall on purpose
    (fewer the older the ticket, as a real desk clears its backlog)."""
    receiver = people[dept_code]
    department_id = receiver.department_id
    emergency = rng.random() < 0.3
    age_days = (end - clock[0]).total_seconds() / 86400
    stall = 1.0 if age_days < 3 else 0.25   # old tickets rarely stay stuck

    def step(minutes_low: int, minutes_high: int) -> bool:
        clock[0] = clock[0] + dt.timedelta(minutes=rng.randint(minutes_low, minutes_high))
        return clock[0] < end

    def stalls(probability: float) -> bool:
        return rng.random() < probability * stall

    try:
        if Ticket.get_by_id(ticket_id).state == State.NEW:   # not dispatched directly by a routing rule
            if stalls(0.06) or not step(2, 90):
                return
            dispatcher = people["dispatcher"] if rng.random() < 0.5 else agent
            service.dispatch(dispatcher, ticket_id, department_id, worker=rng.choice(["", "沈师傅", "秦工"]))
        if stalls(0.05) or not step(5, 240 if not emergency else 15):
            return
        if rng.random() < 0.04:
            service.return_ticket(receiver, ticket_id, "不属于本部门处理范围，请重新分配")
            return
        service.accept(receiver, ticket_id)
        if rng.random() < 0.3:
            if not step(10, 120):
                return
            service.appoint(receiver, ticket_id, clock[0] + dt.timedelta(hours=rng.randint(2, 48)))
        if stalls(0.08) or not step(10, 600):
            return
        service.start(receiver, ticket_id)
        if rng.random() < 0.1:
            if not step(30, 300):
                return
            service.block(receiver, ticket_id, rng.choice(BLOCK_REASONS))
            if stalls(0.4) or not step(600, 4000):
                return
            service.unblock(receiver, ticket_id)
        if stalls(0.12) or not step(60, 5000):
            return
        service.resolve(receiver, ticket_id, rng.choice(SOLUTIONS))
        if not _approve(service, rng, ticket_id, step, stalls, agent, people, dept_code):
            return
        if stalls(0.1) or not step(30, 1500):
            return
        if Ticket.get_by_id(ticket_id).kind in SLIP_KINDS:
            # 返单: the completed slip comes back to the desk before the return visit.
            service.return_slip(agent, ticket_id)
            if stalls(0.05) or not step(10, 240):
                return
        satisfaction = rng.choices(list(Satisfaction), weights=[70, 22, 8])[0]
        service.return_visit(agent, ticket_id, satisfaction,
                             "客户反映问题仍未解决" if satisfaction == Satisfaction.UNSATISFIED else "")
        if satisfaction == Satisfaction.UNSATISFIED or not step(10, 2000):
            return
        service.archive(agent, ticket_id)
    except DeskError:
        # A step the generated path cannot take (e.g. an appointment too far in the past) just ends the walk.
        return


def _approve(service: DeskService, rng: random.Random, ticket_id: int, step, stalls, agent: Actor,
             people: dict[str, Actor], dept_code: str) -> bool:
    """Take the drafted solution through its approval chain; False if the walk stops on the way."""
    approvers = {Step.LEADER: people[f"{dept_code}.lead"], Step.OFFICE: people["office"],
                 Step.CENTER: people["center"], Step.AUDIT: people["audit"]}
    while True:
        state = State(Ticket.get_by_id(ticket_id).state)
        if state not in STATE_STEP:
            return True
        if stalls(0.1) or not step(20, 600):
            return False
        current = STATE_STEP[state]
        if current == Step.REPLY:
            service.reply(agent, ticket_id, "已电话告知客户处理结果")
        elif current == Step.LEADER and rng.random() < 0.1:
            service.send_back(approvers[current], ticket_id, "方案不够具体，请补充")
            return False
        else:
            service.approve(approvers[current], ticket_id, "同意")


DEMO_PASSWORD = "demo1234"


def set_demo_passwords(password: str = DEMO_PASSWORD) -> int:
    """Give every member of the demo organisation the same known password (and `admin` too if it has none yet).

    The password is hashed once and that one hash is stored for everybody: a demo password is public anyway, and
    hashing it for each of the ~20 accounts with production parameters would add seconds to building the demo.
    Returns the number of accounts changed.
    """
    from desk_app.services.auth import hash_password

    usernames = [username for username, _ in FRONT_DESK] + ["dispatcher", "supervisor", "audit", "office", "center"]
    for code, _, _, _, workers in DEPARTMENTS:
        usernames += [f"{code}.recv", f"{code}.lead"] + [f"{code}.w{i + 1}" for i in range(len(workers))]
    hashed = hash_password(password)
    with database.atomic():
        changed = Staff.update(password_hash=hashed, must_change_password=False, failed_signins=0,
                               locked_until=None).where(Staff.username.in_(usernames)).execute()
        changed += Staff.update(password_hash=hashed, must_change_password=False).where(
            (Staff.username == "admin") & Staff.password_hash.is_null()).execute()
    return changed
