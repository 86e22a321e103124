"""A realistic demo: a month of calls and tickets, made through the services.

On a bare database the demo brings its own small property-and-telecom service center (`create_organization`); on a
database set up as an organisation (`init-db --preset telecom|property|terminal`, or departments an administrator
made) the calls and tickets fit that organisation and are made by its own people (`build_organisation_demo`)."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from desk_app.core.errors import DeskError
from desk_app.core.kinds import CallOutcome, Channel, Escalation, Level, Role, Satisfaction, Severity, TicketKind
from desk_app.core.states import Action, State
from desk_app.core.workflow import (
    DEPARTMENT_STEPS,
    STATE_STEP,
    STEP_ORDER,
    STEP_ROLE,
    STEP_STATE,
    Step,
    workflow_for,
)
from desk_app.core.policies import ClockKind, Variant, VisitRule
from desk_app.core.routing import Scope
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import database
from desk_app.models.schema import (
    Area,
    CatalogueEntry,
    Clock,
    ConstructionTask,
    Customer,
    Department,
    RoutingRule,
    Setting,
    Staff,
    Ticket,
)
from desk_app.core.rules import SLIP_KINDS, TicketOp
from desk_app.services.config import SETTING_QUARANTINE
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
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["秀英", "桂英", "明", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "霞",
         "平", "刚", "建华", "建国", "志强", "海燕", "春梅", "玉兰", "文", "斌", "宇", "浩", "欣怡", "子轩", "梓涵"]
ESTATES = [("阳光花园", "城北片区"), ("翠湖苑", "城南片区"), ("锦绣家园", "城东片区"), ("金色港湾", "城西片区"),
           ("和平里小区", "城北片区"), ("东方明珠苑", "城南片区")]
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
MOBILE_PREFIXES = ["130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159",
                   "177", "180", "181", "185", "186", "187", "188", "189"]
# The service-catalogue entry (服务目录) each scenario is filed under.
CATEGORIES: dict[tuple[TicketKind, str], str] = {
    (TicketKind.REPAIR, "engineering"): "水电维修", (TicketKind.COMPLAINT, "assist"): "邻里纠纷",
    (TicketKind.COMPLAINT, "network"): "网络质量", (TicketKind.CONSULTATION, "finance"): "缴费咨询",
    (TicketKind.CONSULTATION, "assist"): "物业咨询", (TicketKind.SUGGESTION, "environment"): "环境绿化",
    (TicketKind.MAINTENANCE, "environment"): "保洁消杀", (TicketKind.REQUEST, "security"): "出入管理",
    (TicketKind.FTTH_INSTALL, "network"): "光网开通", (TicketKind.FAULT, "network"): "网络故障",
}
QUICK_ANSWERS = ["询问物业服务中心办公时间，已告知", "询问停水通知，已告知恢复时间", "咨询宽带资费套餐，已电话解答",
                 "查询快递柜位置，已告知", "询问垃圾清运时间，已告知"]
SOLUTIONS = ["已派维修人员上门处理完毕，客户确认", "已更换损坏部件，恢复正常", "已与相关住户沟通协调，问题解决",
             "已电话回复客户并解释原因", "已完成施工及资源录入，通知片区维护人员"]
BLOCK_REASONS = ["等待业主家中有人，约定下周上门", "需银行方面配合核实", "等待厂家配件到货"]


def _phone(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(10000000, 99999999)}"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


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
    customers = []
    with database.atomic():
        for _ in range(count):
            estate, area = rng.choice(ESTATES)
            address = f"{estate}{rng.randint(1, 12)}栋{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}"
            customers.append(Customer.create(name=_name(rng), phone="+86" + _phone(rng), address=address, area=area,
                                             notes=rng.choice(["", "", "老人独居，上门前请先电话联系", "VIP业主"])))
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
            service.record_call(agent, CallDraft(content=rng.choice(QUICK_ANSWERS), phone=customer.phone,
                                                 caller_name=customer.name), outcome=CallOutcome.SOLVED)
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


# ===== Demo data for an organisation: a preset applied by `init-db --preset`, or an administrator's own ===========
#
# Nothing of the organisation is created or changed: its departments, people, areas, stations, catalogue, routing
# and approval paths are read from the database, and every call and ticket is made through DeskService by one of its
# own people. A ticket is walked along its path step by step; whoever takes a step is chosen among the people whose
# role owns it (the receiver accepts, the department's workers handle, its leader approves, the audit center
# confirms and re-dispatches, the desk replies, takes the slip back, visits and archives), and the rule book is asked
# (DeskService.evaluate) which of them may. A few recent tickets are stopped on purpose at each approval step and in
# the handling states, so that every queue of the organisation has something in it.

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scenario:
    """One kind of request that becomes a ticket: what the caller says (catalogue entry, text) and how it goes."""

    kind: TicketKind
    items: tuple[tuple[str, str], ...]          # (服务目录 entry, description)
    weight: int = 1
    department: str = ""                         # where a dispatcher sends it when no routing rule does (a code)
    variant: Variant = Variant.NONE
    severities: tuple[Severity, ...] = ()
    channels: tuple[Channel, ...] = (Channel.PHONE,)
    scope: Scope = Scope.NONE
    station: bool = False                        # 10086: the complaint location's station (派单组, Mapinfo)
    relay: bool = False                          # 10086 without a station: 省监控中心 → (网管数据中心) → a station
    patrol: bool = False                         # found on patrol: no caller, a rectification deadline
    sensitive: float = 0.0                       # share marked sensitive at intake (舆情, media)
    escalate: float = 0.0                        # share of complaints given a level at intake
    appoint: float = 0.0                         # share whose visit time is agreed with the customer
    block: float = 0.06                          # share that waits for an outside party (未完结)
    construction: float = 0.0                    # FTTH: share whose on-site check finds the resources used up
    # What the department reports: for every entry, or per entry.
    solutions: tuple[str, ...] | Mapping[str, tuple[str, ...]] = ()

    def solution(self, rng: random.Random, category: str) -> str:
        if isinstance(self.solutions, Mapping):
            return rng.choice(self.solutions.get(category) or next(iter(self.solutions.values())))
        return rng.choice(self.solutions or tuple(SOLUTIONS))


@dataclass(frozen=True)
class Profile:
    """What the calls of one kind of organisation look like."""

    scenarios: tuple[Scenario, ...]
    quick_answers: tuple[str, ...]
    quick_share: float
    address: Callable[[random.Random, str], str]
    customer_name: Callable[[random.Random, str], str] = lambda rng, area: _name(rng)
    block_reasons: tuple[str, ...] = tuple(BLOCK_REASONS)
    # Transfer dispatch by area when no rule matches (terminal: a city without its own team → a team nearby).
    nearby: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Share of calls taken by a second-level dispatcher for his own jurisdiction (terminal: 本辖区客户受理).
    dispatcher_intake: float = 0.0
    # Share of tickets from callers not in the customer archive (they wait in 隔离区 where that is switched on).
    unregistered: float = 0.0
    # 10086: the departments a complaint without a station passes (省监控中心, 网管数据中心).
    monitor: str = ""
    netdata: str = ""
    # Kinds the customer-service supervisor return-visits himself (property: "客服主管进行回访" of complaints).
    supervisor_visits: frozenset[TicketKind] = frozenset()
    # The front desk agrees the visit time and then dispatches (property: "与客户约定上门维修时间后派单").
    desk_appoints: bool = False
    # The kind preferred for the ticket stopped at an approval step (telecom: a consultation waits for the audit
    # center and for the reply, having passed its department leader: 第三条/第七条).
    showcase: dict[State, TicketKind] = field(default_factory=dict)
    # Kinds whose work the department's field staff do (on site, with the slip); None: every kind (terminal: the
    # 巡检员 handles every ticket). The receiver handles the others.
    field_kinds: frozenset[TicketKind] | None = frozenset(SLIP_KINDS | {TicketKind.FTTH_INSTALL})


_TELECOM_ESTATES = {"城北片区": ("北湖春晓", "驷马桥小区", "金府花园", "华润二十四城"),
                    "城南片区": ("南苑新城", "桐梓林小区", "锦江花园", "新会展家园")}
_DEFAULT_ESTATES = tuple(estate for estate, _ in ESTATES)


def _flat(rng: random.Random, estate: str) -> str:
    return f"{estate}{rng.randint(1, 18)}栋{rng.randint(1, 4)}单元{rng.randint(2, 28)}{rng.randint(1, 4):02d}"


def _telecom_address(rng: random.Random, area: str) -> str:
    return _flat(rng, rng.choice(_TELECOM_ESTATES.get(area, _DEFAULT_ESTATES)))


def _property_address(rng: random.Random, area: str) -> str:
    if "商铺" in area:
        return f"锦绣家园{area}{rng.randint(1, 36)}号"
    return _flat(rng, f"锦绣家园{area}")


_CITY_DISTRICTS = {"长沙市": ("芙蓉区", "天心区", "岳麓区", "开福区"), "株洲市": ("天元区", "芦淞区", "荷塘区"),
                   "湘潭市": ("雨湖区", "岳塘区"), "武汉市": ("江汉区", "武昌区", "洪山区", "汉阳区"),
                   "宜昌市": ("西陵区", "伍家岗区"), "襄阳市": ("樊城区", "襄城区")}
_STREETS = ("人民路", "解放路", "建设大道", "中山路", "新华路", "五一大道", "长江路", "光明街", "胜利路", "和平街")
_SHOPS = ("鑫源便利店", "好邻居超市", "湘味小厨", "老街牛肉面", "佳佳母婴店", "百姓大药房", "新华五金店", "悦来茶楼",
          "顺发汽修", "天天鲜果园", "美丽人生美容院", "金鹰服饰", "乐购生活超市", "小城故事咖啡", "福满楼酒家")


def _district(rng: random.Random, city: str) -> str:
    return rng.choice(_CITY_DISTRICTS.get(city, ("",)))


def _merchant_address(rng: random.Random, area: str) -> str:
    return f"{area}{_district(rng, area)}{rng.choice(_STREETS)}{rng.randint(1, 399)}号"


def _merchant_name(rng: random.Random, area: str) -> str:
    return f"{_district(rng, area) or area}{rng.choice(_SHOPS)}"


def _patrol_place(address: str) -> str:
    """Where a patrol found it: the building, not a flat."""
    return address[:address.index("栋") + 1] + "周边" if "栋" in address else address + "门前"


def _items(category: str, *texts: str) -> tuple[tuple[str, str], ...]:
    return tuple((category, text) for text in texts)


_TELECOM_10086 = (("覆盖类", "10086转来：小区室内手机信号差，经常无法接通"), ("覆盖类", "10086转来：地下车库完全没有信号"),
                  ("呼叫类", "10086转来：通话中频繁掉话，对方听不清"), ("呼叫类", "10086转来：拨打电话提示网络忙"),
                  ("话费类", "10086转来：本月话费异常，多扣了流量费"), ("话费类", "10086转来：未订购的增值业务被扣费"),
                  ("GPRS/数据类", "10086转来：手机上网速度很慢，视频无法播放"),
                  ("GPRS/数据类", "10086转来：4G图标显示正常但无法上网"))
_TELECOM_10086_SOLUTIONS = {
    "覆盖类": ("查看告警及KPI指标，站点天线已调整，覆盖恢复", "基站故障已修复，室内信号恢复"),
    "呼叫类": ("站点传输故障已处理，通话恢复正常",),
    "话费类": ("核查计费记录后已退还多扣费用", "已取消未订购的增值业务并退费"),
    "GPRS/数据类": ("小区参数已优化，上网速率恢复", "核心网配置已修正，数据业务恢复")}
_SEVERITIES = (Severity.URGENT, Severity.IMPORTANT, Severity.IMPORTANT, Severity.SECONDARY, Severity.SECONDARY,
               Severity.GENERAL, Severity.GENERAL)

TELECOM = Profile(
    scenarios=(
        Scenario(TicketKind.FTTH_INSTALL, _items("增加分纤箱", "光网宽带开通：现场查勘该楼栋分纤箱资源已用完，需增加分纤箱",
                                                 "新装光宽带：单元分纤箱无空余端口", "新交付楼栋尚未布放分纤箱，客户申请光网宽带"),
                 weight=6, variant=Variant.FTTH_BOX, channels=(Channel.BUSINESS_HALL, Channel.PHONE),
                 construction=0.6, appoint=0.5, solutions=("已完成施工及资源录入，上门装机开通，测速正常",)),
        Scenario(TicketKind.FTTH_INSTALL, _items("更换/增加分光器", "光网宽带开通：分光器端口已满，需增加分光器",
                                                 "分光器故障需更换，影响新装宽带开通"),
                 weight=4, variant=Variant.FTTH_SPLITTER, channels=(Channel.BUSINESS_HALL, Channel.PHONE),
                 construction=0.4, appoint=0.5, solutions=("已更换分光器并录入资源，装机开通",)),
        Scenario(TicketKind.FAULT, _items("宽带故障", "家中宽带无法上网，光猫LOS灯红色闪烁", "宽带频繁掉线，晚上尤其严重",
                                          "IPTV无信号，机顶盒提示网络连接失败")
                 + _items("固话故障", "固定电话无拨号音", "固话通话有杂音"),
                 weight=5, appoint=0.6, block=0.08, solutions=("已上门更换尾纤，恢复正常", "已更换光猫，测试正常")),
        Scenario(TicketKind.COMPLAINT, _TELECOM_10086, weight=8, severities=_SEVERITIES,
                 channels=(Channel.HOTLINE_10086,), station=True, sensitive=0.05, escalate=0.12,
                 solutions=_TELECOM_10086_SOLUTIONS),
        Scenario(TicketKind.COMPLAINT, _TELECOM_10086[4:], weight=3, severities=_SEVERITIES,
                 channels=(Channel.HOTLINE_10086,), relay=True, solutions=_TELECOM_10086_SOLUTIONS),
        Scenario(TicketKind.COMPLAINT, _items("宽带类", "宽带装机人员多次爽约", "宽带提速后网速没有变化")
                 + _items("服务质量", "营业厅办理业务排队时间过长，服务态度差", "装维人员上门未出示工牌"),
                 weight=3, department="service", channels=(Channel.PHONE, Channel.BUSINESS_HALL), escalate=0.15,
                 sensitive=0.05, solutions=("已约谈相关人员并向用户致歉，拟回复方案报领导审批",)),
        Scenario(TicketKind.CONSULTATION, _items("资费套餐", "咨询融合套餐资费及办理条件")
                 + _items("宽带业务", "咨询千兆宽带能否在本小区开通") + _items("网络覆盖", "咨询所在村镇何时开通5G信号")
                 + _items("账单查询", "对上月账单明细有疑问，要求书面说明"),
                 weight=5, department="service", channels=(Channel.PHONE, Channel.WECHAT),
                 solutions=("已拟定答复口径，报部门领导审批后反馈用户",)),
        Scenario(TicketKind.SUGGESTION, _items("业务建议", "建议营业厅延长周末营业时间")
                 + _items("服务建议", "建议宽带报修增加微信预约"),
                 weight=2, department="service", solutions=("建议已收悉，纳入下季度服务改进计划",)),
    ),
    quick_answers=("咨询宽带资费套餐，已电话解答", "查询话费余额，已告知", "咨询营业厅营业时间，已告知",
                   "询问光猫指示灯含义，电话指导后恢复上网", "咨询携号转网办理条件，已解答"),
    quick_share=0.22,
    address=_telecom_address,
    block_reasons=("用户家中无人，约定时间再上门", "等待物业同意进场布线", "等待设备厂家配件到货"),
    monitor="monitor",
    netdata="netdata",
    showcase={State.PENDING_AUDIT: TicketKind.CONSULTATION, State.PENDING_REPLY: TicketKind.CONSULTATION},
)

PROPERTY = Profile(
    scenarios=(
        Scenario(TicketKind.REPAIR, _items("燃气", "厨房燃气灶打不着火", "燃气表显示异常，需要检查")
                 + _items("水管", "卫生间水管漏水，楼下天花板渗水", "厨房下水道堵塞，需要疏通")
                 + _items("电路", "客厅插座跳闸，冰箱无法通电") + _items("门窗", "入户门锁损坏，无法正常开关"),
                 weight=7, scope=Scope.PRIVATE, appoint=0.8, department="assist",
                 solutions=("已上门维修完毕，业主确认", "已更换损坏部件，恢复正常")),
        Scenario(TicketKind.REPAIR, _items("门窗", "单元门闭门器损坏，门关不上", "楼道窗户玻璃破裂"),
                 weight=1, department="engineering", appoint=1.0, solutions=("已更换闭门器/玻璃",)),
        Scenario(TicketKind.REPAIR, _items("公共水管道", "3栋地下室上水管渗漏") + _items("公共电设施", "2单元电表箱门损坏")
                 + _items("路灯/楼道灯", "楼道声控灯不亮，已有一周", "小区东门路灯不亮"),
                 weight=4, scope=Scope.PUBLIC, solutions=("工程部已维修完毕", "已更换灯具，恢复照明")),
        Scenario(TicketKind.REPAIR, _items("门禁", "单元门禁刷卡无反应", "地库门禁无法识别业主卡"),
                 weight=2, scope=Scope.PUBLIC, solutions=("已重置门禁控制器，测试正常",)),
        Scenario(TicketKind.REPAIR, _items("燃气", "燃气管道有异味，怀疑泄漏，请立即派人")
                 + _items("水管", "户内主水管爆裂，家中大量积水"),
                 weight=1, variant=Variant.EMERGENCY, scope=Scope.PRIVATE,
                 solutions=("20分钟内到场关阀处置，已修复",)),
        Scenario(TicketKind.REPAIR, _items("公共水管道", "主水管爆裂，楼道大量积水")
                 + _items("公共电设施", "整栋楼停电，配电箱冒烟"),
                 weight=1, variant=Variant.EMERGENCY, scope=Scope.PUBLIC,
                 solutions=("已到场采取紧急措施并修复",)),
        Scenario(TicketKind.REPAIR, _items("房屋质量", "外墙渗水导致卧室墙面发霉", "楼板开裂，需鉴定维修"),
                 weight=1, variant=Variant.MAJOR, scope=Scope.PRIVATE, appoint=1.0, block=0.2,
                 solutions=("已联系开发商维修，修复完毕",)),
        Scenario(TicketKind.REPAIR, _items("户内有偿维修", "更换卫生间龙头及角阀（有偿）", "疏通马桶并更换水箱配件（有偿）",
                                           "安装厨房置物架（有偿）"),
                 weight=2, variant=Variant.PAID, scope=Scope.PRIVATE, appoint=1.0,
                 solutions=("已按报价完成有偿维修，业主签字确认",)),
        Scenario(TicketKind.COMPLAINT, _items("噪音", "楼上住户深夜噪音扰民，多次沟通无果")
                 + _items("漏水", "楼上卫生间漏水到我家，协商未果") + _items("房屋质量", "新房墙面多处开裂，要求处理"),
                 weight=3, escalate=0.15, department="assist",
                 solutions=("已上门协调双方，达成处理意见",)),
        Scenario(TicketKind.COMPLAINT, _items("公共秩序", "外来车辆占用消防通道") + _items("环境卫生", "垃圾桶满溢无人清理")
                 + _items("绿化", "中心花园树木多日未修剪") + _items("物业费用", "对本季度物业费计费有异议"),
                 weight=3, escalate=0.1, solutions=("已整改并向业主说明",)),
        Scenario(TicketKind.COMPLAINT, _items("服务态度", "前台人员服务态度差", "维修工上门后未清理现场"),
                 weight=1, department="assist", sensitive=0.2, solutions=("已约谈当事人并向业主致歉",)),
        Scenario(TicketKind.CONSULTATION, _items("装修手续", "咨询装修申请需要哪些材料")
                 + _items("水电气开通", "咨询新房燃气开通流程") + _items("物业费用", "咨询物业费缴费方式及发票开具"),
                 weight=2, department="assist", sensitive=0.1, solutions=("已答复业主",)),
        Scenario(TicketKind.REQUEST, _items("装修申请", "申请办理装修手续") + _items("IC住户卡增办/补办", "补办IC住户卡")
                 + _items("特约服务", "申请特约保洁服务"),
                 weight=2, department="assist", solutions=("已办理完毕",)),
        Scenario(TicketKind.REQUEST, _items("车辆出入", "申请搬家车辆进入小区", "申请临时车辆出入证"),
                 weight=1, solutions=("已登记放行",)),
        Scenario(TicketKind.SUGGESTION, _items("环境绿化", "建议小区增加垃圾分类投放点"), weight=1,
                 department="environment", solutions=("建议已采纳，下月增设",)),
        Scenario(TicketKind.SUGGESTION, _items("服务改进", "建议前台增加夜间值班电话"), weight=1,
                 department="assist", solutions=("建议已收悉，纳入服务改进",)),
        Scenario(TicketKind.MAINTENANCE, _items("四害消杀", "地下车库有大量蚊虫，需要消杀")
                 + _items("环境卫生", "楼道卫生未按时清扫") + _items("绿化", "草坪斑秃需要补种"),
                 weight=2, solutions={"四害消杀": ("已完成消杀",), "环境卫生": ("已安排保洁重新清扫",),
                                      "绿化": ("已补种草皮并设置提示牌",)}),
        Scenario(TicketKind.INSPECTION, _items("环境卫生", "巡视发现：东侧绿化带旁垃圾堆积")
                 + _items("消防安全", "巡视发现：地库消防通道被杂物占用", "巡视发现：消火栓箱玻璃破损")
                 + _items("门禁", "巡视发现：单元门禁闭门器损坏") + _items("公共电设施", "巡视发现：中心花园路灯不亮")
                 + _items("绿化", "巡视发现：草坪有踩踏痕迹，未设防踩踏提示"),
                 weight=3, channels=(Channel.PATROL,), patrol=True, scope=Scope.PUBLIC,
                 solutions=("已按整改期限完成整改，拍照存档",)),
    ),
    quick_answers=("询问物业服务中心办公时间，已告知", "询问停水通知，已告知恢复时间", "查询快递柜位置，已告知",
                   "询问垃圾清运时间，已告知", "咨询停车月卡价格，已解答"),
    quick_share=0.22,
    address=_property_address,
    block_reasons=("等待业主家中有人，约定时间再上门", "等待配件到货", "需开发商配合处理"),
    supervisor_visits=frozenset({TicketKind.COMPLAINT}),
    desk_appoints=True,
)

TERMINAL = Profile(
    scenarios=(
        Scenario(TicketKind.REPAIR, _items("机具故障", "POS机无法开机", "刷卡提示通讯失败，无法交易", "打印机卡纸，无法打印小票",
                                           "扫码盒子无法识别付款码", "电签机屏幕碎裂"),
                 weight=6, appoint=0.5, block=0.1, solutions=("已上门更换机具，交易测试正常", "已更换通讯模块，恢复交易")),
        Scenario(TicketKind.REQUEST, _items("耗材配送", "需配送打印纸20卷", "需补充POS机电池及充电器")
                 + _items("装/撤/换", "新店开业申请新装一台智能POS", "商户搬迁，申请撤机", "旧机型停用，申请换装电签机")
                 + _items("资料收取", "上门收取商户签约资料", "收取商户营业执照复印件"),
                 weight=6, appoint=0.5, block=0.1,
                 solutions={"耗材配送": ("已送达，商户签收",), "装/撤/换": ("已完成装/撤/换机，商户签字确认",),
                            "资料收取": ("资料已收取并寄回总部",)}),
        Scenario(TicketKind.BUSINESS, _items("信息变更", "变更商户结算账户", "变更商户联系人及电话", "商户名称变更，需重新签约"),
                 weight=3, block=0.25, solutions=("信息已变更，商户确认",)),
        Scenario(TicketKind.CONSULTATION, _items("操作指导", "电话指导后仍无法完成退货操作，需上门")
                 + _items("问题咨询", "咨询结算到账延迟原因，需核实"),
                 weight=2, block=0.2, solutions=("已上门指导商户完成操作", "已核实并告知商户")),
        Scenario(TicketKind.COMPLAINT, _items("服务态度", "巡检员上门态度生硬") + _items("上门时效", "报修两天仍未上门"),
                 weight=1, solutions=("已向商户致歉并安排上门",)),
    ),
    quick_answers=("电话指导商户重新签到后恢复交易", "指导商户更换打印纸，已解决", "咨询结算周期，已解答",
                   "指导商户进行退货操作，已解决", "询问流量卡续费方式，已告知"),
    quick_share=0.3,
    address=_merchant_address,
    customer_name=_merchant_name,
    block_reasons=("需银行方面配合核实结算信息", "商户门店暂停营业，待恢复后上门", "等待商户补充资料"),
    nearby={"湘潭市": ("cs_team", "zz_team"), "襄阳市": ("yc_team", "wh_team")},
    dispatcher_intake=0.3,
    unregistered=0.12,
    field_kinds=None,
)

PROFILES: dict[str, Profile] = {"telecom": TELECOM, "property": PROPERTY, "terminal": TERMINAL}
# What an organisation of no known preset hears, per kind of its catalogue.
_GENERIC_TEXTS = {
    TicketKind.CONSULTATION: "客户来电咨询{entry}相关问题，需部门答复", TicketKind.COMPLAINT: "客户投诉：{entry}问题多次反映未解决",
    TicketKind.REPAIR: "客户报修：{entry}，请上门处理", TicketKind.FAULT: "客户报障：{entry}，请尽快处理",
    TicketKind.SUGGESTION: "客户建议：{entry}", TicketKind.REQUEST: "客户申请：{entry}",
}


# ----- the organisation as the database has it ----------------------------------------------------------------------


# The names services.presets writes (the two are independent modules of one layer: neither imports the other).
SETTING_PRESET = "preset"
SETTING_STATIONS = "stations"
AUDIT_DEPARTMENT = "audit"


@dataclass
class Organisation:
    """An organisation already set up in the database (what the demo reads; it changes none of it)."""

    preset: str                                    # the preset's name; "" for an administrator's own organisation
    departments: dict[str, Department]             # active departments by code
    staff: list[Actor]
    areas: list[str]
    stations: list[str]
    catalogue: dict[str, list[str]]
    station_departments: dict[str, str]            # station → department code (from the routing rules)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.staff}
        self.code_of = {d.id: code for code, d in self.departments.items()}

    def with_role(self, *roles: Role) -> list[Actor]:
        return [a for a in self.staff if a.role in roles]

    def members(self, code: str, *roles: Role) -> list[Actor]:
        department = self.departments.get(code)
        if department is None:
            return []
        return [a for a in self.staff if a.department_id == department.id and (not roles or a.role in roles)]

    def receiver(self, code: str) -> Actor | None:
        department = self.departments.get(code)
        return self.by_id.get(department.receiver_id) if department is not None else None

    def dispatchable(self) -> list[str]:
        """Departments a ticket can be sent to (with a receiver), the audit center last."""
        codes = [code for code, d in self.departments.items() if d.receiver_id in self.by_id]
        return sorted(codes, key=lambda code: code == AUDIT_DEPARTMENT)




def find_organisation() -> Organisation | None:
    """The organisation of a database that has one (departments), else None (a bare database)."""
    departments = {d.code: d for d in Department.select().where(Department.active).order_by(Department.id)}
    if not departments:
        return None
    preset = Setting.get_or_none(Setting.key == SETTING_PRESET)
    staff = [Actor.of(s) for s in Staff.select().where(Staff.active).order_by(Staff.id)]
    catalogue: dict[str, list[str]] = {}
    for entry in CatalogueEntry.select().where(CatalogueEntry.active).order_by(CatalogueEntry.kind,
                                                                             CatalogueEntry.position):
        catalogue.setdefault(entry.kind, []).append(entry.name)
    stations_row = Setting.get_or_none(Setting.key == SETTING_STATIONS)
    stations = [s for s in (stations_row.value if stations_row else "").split(";") if s]
    code_of = {d.id: code for code, d in departments.items()}
    station_departments = {r.station: code_of[r.department_id] for r in RoutingRule.select().where(
        RoutingRule.active & RoutingRule.station.is_null(False)).order_by(RoutingRule.position)
        if r.station and r.department_id in code_of}
    return Organisation(preset.value if preset else "", departments, staff,
                        [a.name for a in Area.select().where(Area.active).order_by(Area.id)], stations, catalogue,
                        station_departments)


def _generic_profile(org: Organisation) -> Profile:
    """Calls for an organisation of no known preset: one scenario per kind of its catalogue."""
    scenarios = []
    for kind, entries in org.catalogue.items():
        kind = TicketKind(kind)
        if kind in (TicketKind.INSPECTION, TicketKind.FTTH_INSTALL):
            continue   # need a patrol's deadline or an install's variant: left to the people who know them
        text = _GENERIC_TEXTS.get(kind, "客户来电反映：{entry}")
        scenarios.append(Scenario(kind, tuple((e, text.format(entry=e)) for e in entries),
                                  weight=3 if kind in SLIP_KINDS else 2, appoint=0.4 if kind in SLIP_KINDS else 0.0))
    if not scenarios:
        scenarios = [Scenario(TicketKind.CONSULTATION, (("", "客户来电咨询业务办理流程"),)),
                     Scenario(TicketKind.REPAIR, (("", "客户报修：设备故障，请上门处理"),), weight=2, appoint=0.4),
                     Scenario(TicketKind.COMPLAINT, (("", "客户投诉：问题多次反映未解决"),))]
    return Profile(tuple(scenarios), tuple(QUICK_ANSWERS), 0.2,
                   lambda rng, area: _flat(rng, rng.choice(_DEFAULT_ESTATES)))


# ----- building -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Goal:
    """A ticket stopped on purpose where a queue should show something."""

    state: State
    scenario: Scenario
    sensitive: bool = False
    channel: Channel | None = None
    unregistered: bool = False


# Handling states a recent ticket is stopped in besides the approval steps: 未处理, 已预约, 处理中, 未完结.
_SHOWCASE_HANDLING = (State.DISPATCHED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED)


def _goals(rng: random.Random, profile: Profile, org: Organisation, service: DeskService) -> list[_Goal]:
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
            goals.append(_Goal(STEP_STATE[step], scenario, sensitive, channel))
    # Different kinds of request in the handling states, so that the queues show the variety.
    handled = [s for s in scenarios if not s.patrol and s.variant != Variant.PAID]
    rng.shuffle(handled)
    states = list(_SHOWCASE_HANDLING)
    if profile.unregistered and service.setting(SETTING_QUARANTINE) == "1":
        states.append(State.NEW)
    for i, state in enumerate(states if handled else []):
        goals.append(_Goal(state, handled[i % len(handled)], unregistered=state == State.NEW))
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
    profile = PROFILES.get(org.preset) or _generic_profile(org)
    scenarios = [s for s in profile.scenarios if _usable(s, org)]
    if not scenarios:
        raise ValueError("none of the demo's calls fits the organisation's service catalogue")
    rng = random.Random(seed)
    end = (now or dt.datetime.now()).replace(microsecond=0)
    clock = [end]
    service = DeskService(now=lambda: clock[0], events=EventBus())
    demo = _OrgDemo(org, profile, scenarios, service, rng, clock, end)
    demo.create_customers(max(40, tickets // 2), end - dt.timedelta(days=days + 30))
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
    return made


class _OrgDemo:
    def __init__(self, org: Organisation, profile: Profile, scenarios: list[Scenario], service: DeskService,
                 rng: random.Random, clock: list[dt.datetime], end: dt.datetime) -> None:
        self.org, self.profile, self.scenarios = org, profile, scenarios
        self.service, self.rng, self.clock, self.end = service, rng, clock, end
        self.customers: list[Customer] = []
        self.desk = org.with_role(Role.RECEPTIONIST)
        self.dispatchers = org.with_role(Role.DISPATCHER)
        self.supervisors = org.with_role(Role.SUPERVISOR)
        self.areas = org.areas or [""]

    def create_customers(self, count: int, since: dt.datetime) -> None:
        rng = self.rng
        with database.atomic():
            for _ in range(count):
                area = rng.choice(self.areas)
                self.customers.append(Customer.create(
                    name=self.profile.customer_name(rng, area), phone="+86" + _phone(rng),
                    address=self.profile.address(rng, area), area=area, created_at=since,
                    notes=rng.choice(["", "", "", "老人独居，上门前请先电话联系", "VIP客户"])))

    def intake_person(self, area: str) -> Actor:
        """Headquarters' front desk, or (where the organisation has them) the dispatcher of the caller's area."""
        local = [d for d in self.dispatchers if d.jurisdiction and area in d.jurisdiction]
        if local and self.rng.random() < self.profile.dispatcher_intake:
            return self.rng.choice(local)
        return self.rng.choice(self.desk)

    def intake(self, goal: _Goal | None) -> bool:
        """One call; a ticket unless answered at once. True if a ticket was made."""
        rng, service = self.rng, self.service
        customer = rng.choice(self.customers)
        if goal is None and rng.random() < self.profile.quick_share:
            agent = self.intake_person(customer.area)
            service.record_call(agent, CallDraft(content=rng.choice(self.profile.quick_answers), phone=customer.phone,
                                                 caller_name=customer.name, address=customer.address),
                                outcome=CallOutcome.SOLVED)
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
            caller = (self.profile.customer_name(rng, area), "+86" + _phone(rng), self.profile.address(rng, area), area)
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
        _Walk(self, ticket_id, scenario, agent, goal, caller).run()
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


class _Walk:
    """One ticket moved along its path as far as its age allows, with realistic gaps; some stall on purpose (fewer
    the older the ticket), a goal ticket goes straight to its stop."""

    def __init__(self, demo: _OrgDemo, ticket_id: int, scenario: Scenario, agent: Actor, goal: _Goal | None,
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
            phone = Staff.get_by_id(maintainer.id).phone or "+86" + _phone(self.rng)
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
