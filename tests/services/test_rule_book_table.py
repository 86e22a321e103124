"""The rule book as a table: role × department × state × action, for writes and for reads.

A demo-like organisation gets a ticket in every state (and in the states' variants that decide a refusal: the slip
back or not, a quoted price or not, a construction task at each stage, quarantine, sensitivity, another area),
all made through the services. Then, for every person and every action of core.states.Action and every
core.rules.TicketOp, the matching service call succeeds exactly when `rules.check` allows it, and a refused call
raises the verdict's own error and writes nothing. For reads, the SQL queue shows exactly the tickets `rules.can_read`
allows, and a ticket that may not be read is refused, never shown empty.

The organisation is built once (a template database file) and copied for every cell, so the cells are independent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from desk_app.core import rules
from desk_app.core.errors import DeskError, PermissionDenied
from desk_app.core.kinds import Channel, Escalation, Role, Satisfaction, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.queues import Queue
from desk_app.core.rules import TicketOp
from desk_app.core.states import Action, State
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import close_database, database, is_postgres
from desk_app.models.schema import (
    Area,
    CalendarOverride,
    Circulation,
    Clock,
    ClockPause,
    ConstructionTask,
    Department,
    History,
    KindWorkflow,
    Notification,
    Outbox,
    Staff,
    Ticket,
)
from desk_app.services import admin, auth, construction, coordination, queries
from desk_app.services.config import put_setting
from desk_app.services.demo import create_organization
from desk_app.services.desk import Actor, DeskService, current_actor, ticket_facts
from desk_app.services.events import EventBus
from desk_app.services.notify import Notifier
from desk_app.services.setup import init_database

START = dt.datetime(2026, 11, 17, 9, 0)        # a Tuesday
NOW = dt.datetime(2026, 11, 17, 16, 0)         # when the table is tried (after the template was built)
NORTH, SOUTH = "城北片区", "城南片区"


class TableClock:
    """The injected `now` of the table: fixed, moved a minute per step so history lines keep their order."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self) -> None:
        self.now += dt.timedelta(minutes=1)


# ----- the people ----------------------------------------------------------------------------------------------

# "own" is 客服助理, which holds every ticket a department holds; "other" is 工程部. Besides, the departments the
# configuration names: 协调小组 / 质检部 (10086 steps), 市场营销部 (confirms construction), 网络维护站 (issues it).
OWN, OTHER = "assist", "engineering"
DEPARTMENT_ROLES = ("receiver", "leader", "field")
CELLS: list[tuple[str, str]] = (
    [(role, "-") for role in ("receptionist", "dispatcher", "dispatcher_north", "supervisor", "admin", "audit",
                              "office", "center")]
    + [(role, dept) for role in DEPARTMENT_ROLES for dept in ("own", "other")]
    + [(role, dept) for role in ("receiver", "leader") for dept in ("coord", "quality")]
    + [("receiver", "marketing"), ("receiver", "network")]
)
CELL_IDS = [f"{role}@{dept}" for role, dept in CELLS]
DEPARTMENT_CODE = {"own": OWN, "other": OTHER, "coord": "coord", "quality": "quality", "marketing": "marketing",
                   "network": "network"}


def staff_username(role: str, dept: str) -> str:
    if dept == "-":
        return {"receptionist": "reception", "dispatcher_north": "dispatcher.north"}.get(role, role)
    code = DEPARTMENT_CODE[dept]
    return {"receiver": f"{code}.recv", "leader": f"{code}.lead", "field": f"{code}.w1"}[role]


def actor(username: str) -> Actor:
    return Actor.of(Staff.get(Staff.username == username))


_DEPARTMENT_IDS: dict[tuple[str, str], int] = {}


def department_id(code: str) -> int:
    """A department's id (cached per database file: the table asks often)."""
    key = (str(database.obj.database), code)
    if key not in _DEPARTMENT_IDS:
        _DEPARTMENT_IDS[key] = Department.get(Department.code == code).id
    return _DEPARTMENT_IDS[key]


# ----- the tickets -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """How one ticket of the table is made: its draft and the steps (by their owners) that bring it to its state."""

    kind: TicketKind = TicketKind.COMPLAINT
    steps: tuple[str, ...] = ()
    variant: Variant = Variant.NONE
    channel: Channel = Channel.PHONE
    area: str = NORTH
    sensitive: bool = False
    quarantined: bool = False


TO_WORK = ("dispatch", "accept", "start")
SPECS: dict[str, Spec] = {
    "new": Spec(),
    "new_south": Spec(area=SOUTH),
    "quarantined": Spec(kind=TicketKind.REPAIR, quarantined=True),
    "returned": Spec(steps=("dispatch", "return")),
    "dispatched": Spec(steps=("dispatch",)),
    "accepted": Spec(steps=("dispatch", "accept")),
    "appointed": Spec(kind=TicketKind.REPAIR, steps=("dispatch", "accept", "appoint")),
    "in_progress": Spec(steps=TO_WORK),
    "blocked": Spec(steps=(*TO_WORK, "block")),
    "pending_leader": Spec(steps=(*TO_WORK, "resolve")),
    "pending_office": Spec(sensitive=True, steps=(*TO_WORK, "resolve", "leader")),
    "pending_center": Spec(sensitive=True, steps=(*TO_WORK, "resolve", "leader", "office")),
    "pending_coordination": Spec(channel=Channel.HOTLINE_10086, steps=(*TO_WORK, "resolve")),
    "pending_quality": Spec(channel=Channel.HOTLINE_10086, steps=(*TO_WORK, "resolve", "coordination")),
    "pending_audit": Spec(steps=(*TO_WORK, "resolve", "leader")),
    "pending_reply": Spec(steps=(*TO_WORK, "resolve", "leader", "audit")),
    "resolved": Spec(steps=(*TO_WORK, "resolve", "leader", "audit", "reply")),
    "visited": Spec(steps=(*TO_WORK, "resolve", "leader", "audit", "reply", "visit")),
    "archived": Spec(steps=(*TO_WORK, "resolve", "leader", "audit", "reply", "visit", "archive")),
    "c10086_in_progress": Spec(channel=Channel.HOTLINE_10086, steps=TO_WORK),
    "sensitive_in_progress": Spec(sensitive=True, steps=TO_WORK),
    "sensitive_suggestion": Spec(kind=TicketKind.SUGGESTION, sensitive=True, steps=("dispatch", "accept")),
    "sensitive_10086": Spec(channel=Channel.HOTLINE_10086, sensitive=True, steps=TO_WORK),
    "circulated_repair": Spec(kind=TicketKind.REPAIR, steps=(*TO_WORK, "circulate")),
    "repair_resolved": Spec(kind=TicketKind.REPAIR, steps=(*TO_WORK, "resolve")),
    "repair_slip_back": Spec(kind=TicketKind.REPAIR, steps=(*TO_WORK, "resolve", "slip")),
    "paid_accepted": Spec(kind=TicketKind.REPAIR, variant=Variant.PAID, steps=("dispatch", "accept")),
    "paid_quoted": Spec(kind=TicketKind.REPAIR, variant=Variant.PAID, steps=("dispatch", "accept", "quote")),
    "ftth_in_progress": Spec(kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX, steps=TO_WORK),
    "ftth_task_dispatched": Spec(kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX,
                                 steps=(*TO_WORK, "task")),
    "ftth_task_confirmed": Spec(kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX,
                                steps=(*TO_WORK, "task", "confirm")),
}
# Every state of the machine has a ticket in the table.
assert {name for name in SPECS if name in {s.value for s in State}} == {s.value for s in State}


def _open_task(service: DeskService, who: Actor, ticket_id: int) -> int:
    return construction.open_task(service, who, ticket_id, item="分纤箱", cable_cores=12, cable_metres=100,
                                  due_date=(service.now() + dt.timedelta(days=2)).date(),
                                  maintainer_name="秦工", maintainer_phone="13900001111")


def _step(service: DeskService, step: str, ticket_id: int) -> None:
    own = department_id(OWN)
    steps: dict[str, Callable[[], object]] = {
        "dispatch": lambda: service.dispatch(actor("reception"), ticket_id, own),
        "return": lambda: service.return_ticket(actor(f"{OWN}.recv"), ticket_id, "不属于本部门"),
        "accept": lambda: service.accept(actor(f"{OWN}.recv"), ticket_id),
        "appoint": lambda: service.appoint(actor(f"{OWN}.recv"), ticket_id, service.now() + dt.timedelta(days=1)),
        "start": lambda: service.start(actor(f"{OWN}.recv"), ticket_id),
        "block": lambda: service.block(actor(f"{OWN}.recv"), ticket_id, "等待业主"),
        "resolve": lambda: service.resolve(actor(f"{OWN}.recv"), ticket_id, "方案"),
        "leader": lambda: service.approve(actor(f"{OWN}.lead"), ticket_id),
        "office": lambda: service.approve(actor("office"), ticket_id),
        "coordination": lambda: service.approve(actor("coord.lead"), ticket_id),
        "audit": lambda: service.approve(actor("audit"), ticket_id),
        "reply": lambda: service.reply(actor("reception"), ticket_id, "已告知客户"),
        "visit": lambda: service.return_visit(actor("reception"), ticket_id, Satisfaction.SATISFIED),
        "archive": lambda: service.archive(actor("reception"), ticket_id),
        "slip": lambda: service.return_slip(actor("reception"), ticket_id),
        "quote": lambda: service.quote_price(actor(f"{OWN}.recv"), ticket_id, "80"),
        "circulate": lambda: coordination.circulate(service, actor("supervisor"), ticket_id, department_id(OTHER)),
        "task": lambda: _open_task(service, actor("network.recv"), ticket_id),
        "confirm": lambda: construction.confirm_by_marketing(
            service, actor("marketing.recv"), construction.unfinished_task(ticket_id).id),
    }
    steps[step]()


def build_world(service: DeskService, clock: TableClock) -> dict[str, int]:
    """The organisation, its configuration and one ticket per entry of SPECS; returns their ids by name."""
    create_organization()
    with database.atomic():
        for code, name in (("coord", "协调小组"), ("quality", "质检部"), ("marketing", "市场营销部")):
            department = Department.create(code=code, name=name)
            receiver = Staff.create(username=f"{code}.recv", name=f"{name}承接人", role=Role.RECEIVER.value,
                                    department=department)
            Staff.create(username=f"{code}.lead", name=f"{name}领导", role=Role.LEADER.value, department=department)
            department.receiver = receiver.id
            department.save()
        Staff.create(username="dispatcher.north", name="城北二级客服", role=Role.DISPATCHER.value,
                     jurisdiction=NORTH)
        put_setting("workflow.coordination_department", "coord")
        put_setting("workflow.quality_department", "quality")
        put_setting("ftth.dispatch_department", "network")
        put_setting("ftth.marketing_department", "marketing")
        KindWorkflow.insert(kind="complaint@10086", steps="coordination;quality;reply",
                            sensitive_steps="office;center").execute()
    service.forget_cached()
    ids: dict[str, int] = {}
    for number, (name, spec) in enumerate(SPECS.items()):
        if spec.quarantined:
            put_setting("terminal.quarantine_unregistered", "1")
            service.forget_cached()
        ids[name] = service.create_ticket(actor("reception"), TicketDraft(
            kind=spec.kind, variant=spec.variant, channel=spec.channel, area=spec.area, sensitive=spec.sensitive,
            description=f"表格工单 {name}", caller_name="张三", phone=f"1381234{number:04d}",
            address=f"{spec.area}和平里{number}栋"))
        if spec.quarantined:
            put_setting("terminal.quarantine_unregistered", "0")
            service.forget_cached()
        for step in spec.steps:
            clock.tick()
            _step(service, step, ids[name])
    return ids


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, template_database) -> tuple[str, dict[str, int]]:
    folder = tmp_path_factory.mktemp("rule-book-table")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DESK_APP_DATA_DIR", str(folder / "data"))
        url = template_database("rule-book-table")
        init_database(url)
        try:
            clock = TableClock(START)
            ids = build_world(DeskService(now=clock, events=EventBus()), clock)
            # The table's premise: each entry is in the state it is named after.
            for name, ticket_id in ids.items():
                if name in {s.value for s in State}:
                    assert Ticket.get_by_id(ticket_id).state == name, name
            assert Ticket.get_by_id(ids["quarantined"]).quarantined
        finally:
            close_database()
    return url, ids


@dataclass
class World:
    service: DeskService
    clock: TableClock
    ids: dict[str, int]


@pytest.fixture
def world(template, tmp_path, monkeypatch, copy_database) -> Iterator[World]:
    """A private copy of the template, opened, with a notifier listening (so refusals can be seen to notify none)."""
    source, ids = template
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    init_database(copy_database(source))
    clock = TableClock(NOW)
    events = EventBus()
    events.subscribe(Notifier(now=clock).on_change)
    try:
        yield World(DeskService(now=clock, events=events), clock, ids)
    finally:
        close_database()


# ----- the calls --------------------------------------------------------------------------------------------------

CAPABILITIES: list[rules.Capability] = [*Action, *TicketOp]


def call(world: World, who: Actor, what: rules.Capability, ticket_id: int,
         task: construction.ConstructionView | None) -> Callable[[], object] | None:
    """The service call that does `what`; None where the service has no call for this ticket (a construction step
    of an install without such a task)."""
    service = world.service
    own, other = department_id(OWN), department_id(OTHER)
    calls: dict[rules.Capability, Callable[[], object]] = {
        Action.DISPATCH: lambda: service.dispatch(who, ticket_id, own),
        Action.ACCEPT: lambda: service.accept(who, ticket_id),
        Action.RETURN: lambda: service.return_ticket(who, ticket_id, "不属于本部门"),
        Action.APPOINT: lambda: service.appoint(who, ticket_id, NOW + dt.timedelta(days=1)),
        Action.START: lambda: service.start(who, ticket_id),
        Action.BLOCK: lambda: service.block(who, ticket_id, "等待银行"),
        Action.UNBLOCK: lambda: service.unblock(who, ticket_id),
        Action.RESOLVE: lambda: service.resolve(who, ticket_id, "已处理"),
        Action.VISIT: lambda: service.return_visit(who, ticket_id, Satisfaction.SATISFIED),
        Action.REOPEN: lambda: service.return_visit(who, ticket_id, Satisfaction.UNSATISFIED, "不满意"),
        Action.ARCHIVE: lambda: service.archive(who, ticket_id),
        Action.APPROVE: lambda: service.approve(who, ticket_id, "同意"),
        Action.SEND_BACK: lambda: service.send_back(who, ticket_id, "方案不具体"),
        Action.REPLY: lambda: service.reply(who, ticket_id, "已告知客户"),
        Action.TRANSFER: lambda: service.transfer(who, ticket_id, other, "属于工程部"),
        Action.RETURN_SLIP: lambda: service.return_slip(who, ticket_id),
        Action.DATA_RETURN: lambda: service.data_return(who, ticket_id, "数据有误"),
        TicketOp.VIEW: lambda: queries.ticket_detail(service.viewer(who), ticket_id),
        TicketOp.ESCALATE: lambda: service.escalate(who, ticket_id, Escalation.GENERAL),
        TicketOp.SENSITIVE: lambda: service.set_sensitive(who, ticket_id, True, "舆情"),
        TicketOp.CIRCULATE: lambda: coordination.circulate(service, who, ticket_id, who.department_id or own),
        TicketOp.QUOTE: lambda: service.quote_price(who, ticket_id, "120"),
        TicketOp.CONSENT: lambda: service.record_consent(who, ticket_id, True),
        TicketOp.CONSTRUCTION_OPEN: lambda: _open_task(service, who, ticket_id),
        TicketOp.PRINT_SLIP: lambda: queries.slip_data(service.viewer(who), ticket_id),
    }
    if task is not None:
        calls[TicketOp.CONSTRUCTION_CONFIRM] = lambda: construction.confirm_by_marketing(service, who, task.id)
        calls[TicketOp.CONSTRUCTION_DONE] = lambda: construction.report_done(service, who, task.id,
                                                                             resources_entered=True)
    return calls.get(what)


COUNTED = (History, Notification, Outbox, Clock, ClockPause, ConstructionTask, Circulation)


def footprint(ticket_id: int) -> tuple:
    """What a refused call must leave as it was: the ticket's version and fields, every row count the desk writes,
    the stage of its construction tasks (one query: the table makes many thousand calls)."""
    counts = ", ".join(f"(SELECT COUNT(*) FROM {model._meta.table_name})" for model in COUNTED)
    tasks = ConstructionTask._meta.table_name
    stage = ("coalesce(CAST(k.marketing_confirmed_at AS TEXT), '-') || '/' ||"
             " coalesce(CAST(k.maintainer_notified_at AS TEXT), '-')")
    stages = f"string_agg({stage}, ',')" if is_postgres() else f"group_concat({stage})"
    return tuple(database.execute_sql(
        f"SELECT t.version, t.state, t.sensitive, t.escalation, t.quoted_price, t.owner_consent, t.slip_returned_at,"
        f" {counts}, (SELECT {stages} FROM {tasks} k WHERE k.ticket_id = t.id)"
        f" FROM {Ticket._meta.table_name} t WHERE t.id = {database.param}", (ticket_id,)).fetchone())


@pytest.mark.parametrize("what", CAPABILITIES, ids=[str(c) for c in CAPABILITIES])
@pytest.mark.parametrize(("role", "dept"), CELLS, ids=CELL_IDS)
def test_a_service_call_succeeds_exactly_when_the_rule_book_allows_it(world, role, dept, what):
    who = actor(staff_username(role, dept))
    facts = current_actor(who).facts
    config = world.service.config.rules()
    # Each call touches its own ticket only, so every verdict can be asked before the first call.
    tickets = {t.id: t for t in Ticket.select()}
    tasks = {ticket_id: construction.unfinished_task(ticket_id) for ticket_id in
             {t.ticket_id for t in ConstructionTask.select(ConstructionTask.ticket)}}
    wrong: list[str] = []
    for name, ticket_id in world.ids.items():
        verdict = rules.check(facts, what, ticket_facts(tickets[ticket_id]), config)
        attempt = call(world, who, what, ticket_id, tasks.get(ticket_id))
        if attempt is None:
            if verdict.allowed:
                wrong.append(f"{name}: allowed by the rule book, but the service has no call for it")
            continue
        before = footprint(ticket_id)
        world.clock.tick()
        try:
            attempt()
        except DeskError as error:
            if verdict.allowed:
                wrong.append(f"{name}: allowed by the rule book, refused by the service: {error!r}")
                continue
            expected = verdict.error()
            if type(error) is not type(expected) or str(error) != str(expected):
                wrong.append(f"{name}: refused with {error!r}, the rule book says {expected!r}")
            if footprint(ticket_id) != before:
                wrong.append(f"{name}: refused, but something was written")
        else:
            if not verdict.allowed:
                wrong.append(f"{name}: refused by the rule book ({verdict.render()}), done by the service")
    assert not wrong, f"{role}@{dept} × {what}:\n" + "\n".join(wrong)


def test_the_table_is_not_vacuous(world):
    """Every action and operation is allowed to someone somewhere in the table, and refused somewhere else."""
    config = world.service.config.rules()
    tickets = [ticket_facts(t) for t in Ticket.select()]
    people = [current_actor(actor(staff_username(role, dept))).facts for role, dept in CELLS]
    for what in CAPABILITIES:
        answers = {rules.check(person, what, facts, config).allowed for person in people for facts in tickets}
        assert answers == {True, False}, what


# ----- reads ------------------------------------------------------------------------------------------------------


def queue_ids(service: DeskService, who: Actor, queue: Queue = Queue.ALL) -> list[int]:
    flt = queries.QueueFilter(queue, NOW, viewer=service.viewer(who))
    return [row.id for row in queries.queue_page(flt, offset=0, limit=1000)]


@pytest.mark.parametrize(("role", "dept"), CELLS, ids=CELL_IDS)
def test_the_queue_shows_exactly_what_the_rule_book_lets_read(world, role, dept):
    """The SQL read scope and the Python rule agree, ticket by ticket; a ticket that may not be read is refused
    (PermissionDenied), never shown empty."""
    service = world.service
    who = actor(staff_username(role, dept))
    config = service.config.rules()
    readable = {t.id for t in Ticket.select() if rules.can_read(current_actor(who).facts, ticket_facts(t),
                                                                 config).allowed}
    shown = queue_ids(service, who)
    assert len(shown) == len(set(shown)) and set(shown) == readable
    assert queries.count_queue(queries.QueueFilter(Queue.ALL, NOW, viewer=service.viewer(who))) == len(readable)
    for name, ticket_id in world.ids.items():
        if ticket_id in readable:
            assert queries.ticket_detail(service.viewer(who), ticket_id).id == ticket_id
        else:
            with pytest.raises(PermissionDenied):
                queries.ticket_detail(service.viewer(who), ticket_id)
    # The approval queue holds exactly the steps this person takes, of the tickets they may read.
    approvals = {t.id for t in Ticket.select() if t.id in readable and State(t.state) in
                 rules.approval_states(current_actor(who).facts, config)}
    assert set(queue_ids(service, who, Queue.APPROVAL)) == approvals


SENSITIVE_SEERS = {
    # The complaint's path: department leader (and its department, which holds it), office, center leader, audit
    # center, the desk's reply; the supervisor and the administrator stand in.
    "complaint": {"receptionist@-", "supervisor@-", "admin@-", "audit@-", "office@-", "center@-",
                  "receiver@own", "leader@own", "field@own"},
    # A suggestion is not confirmed by the audit center: the audit center does not see a sensitive one.
    "suggestion": {"receptionist@-", "supervisor@-", "admin@-", "office@-", "center@-",
                   "receiver@own", "leader@own", "field@own"},
    # A 10086 complaint goes past the coordination group and the quality department (each sees it at its step),
    # the office and the center leader, and the desk's reply: not past the audit center.
    "complaint@10086": {"receptionist@-", "supervisor@-", "admin@-", "office@-", "center@-",
                        "receiver@own", "leader@own", "field@own"},
}


def test_a_sensitive_ticket_is_shown_only_to_its_approval_path_the_supervisor_and_the_administrator(world):
    service = world.service
    sensitive = {"sensitive_in_progress": "complaint", "pending_office": "complaint", "pending_center": "complaint",
                 "sensitive_suggestion": "suggestion", "sensitive_10086": "complaint@10086"}
    wrong = []
    for name, kind in sensitive.items():
        ticket_id = world.ids[name]
        assert Ticket.get_by_id(ticket_id).sensitive
        seers = {cell for cell, (role, dept) in zip(CELL_IDS, CELLS, strict=True)
                 if ticket_id in queue_ids(service, actor(staff_username(role, dept)))}
        if seers != SENSITIVE_SEERS[kind]:
            wrong.append(f"{name}: also shown to {sorted(seers - SENSITIVE_SEERS[kind])}, "
                         f"not to {sorted(SENSITIVE_SEERS[kind] - seers)}")
    # Circulated (公告) to another department, a ticket shows there; made sensitive, it no longer does.
    circulated = world.ids["circulated_repair"]
    other = actor(f"{OTHER}.recv")
    assert circulated in queue_ids(service, other)
    service.set_sensitive(actor("reception"), circulated, True, "媒体关注")
    assert circulated not in queue_ids(service, other)
    with pytest.raises(PermissionDenied):
        queries.ticket_detail(service.viewer(other), circulated)
    assert not wrong, "\n".join(wrong)


def test_a_second_level_dispatcher_sees_and_dispatches_only_his_areas(world):
    """客服工单管理办法: "二级客服职责：负责转派工单派发、本辖区客户受理…"."""
    service = world.service
    north, everywhere = actor("dispatcher.north"), actor("dispatcher")
    south_ticket = world.ids["new_south"]
    areas = {t.id: t.area for t in Ticket.select()}
    shown = queue_ids(service, north)
    assert shown and {areas[i] for i in shown} == {NORTH}
    assert south_ticket in queue_ids(service, everywhere) and south_ticket not in shown
    assert south_ticket not in queue_ids(service, north, Queue.TO_DISPATCH)
    with pytest.raises(PermissionDenied, match=SOUTH):
        queries.ticket_detail(service.viewer(north), south_ticket)
    version = Ticket.get_by_id(south_ticket).version
    with pytest.raises(PermissionDenied):
        service.dispatch(north, south_ticket, department_id(OWN))
    assert Ticket.get_by_id(south_ticket).version == version
    service.dispatch(north, world.ids["new"], department_id(OWN))        # his own area
    service.dispatch(everywhere, south_ticket, department_id(OWN))       # headquarters: the whole territory


# ----- powers taken away while a window is open -------------------------------------------------------------------


def test_a_demoted_or_deactivated_administrator_loses_the_powers_at_once(world):
    """The session still holds the old Actor (role admin); every command re-reads the person."""
    service = world.service
    chief = actor("admin")
    deputy_id = auth.create_staff(chief, "deputy", "副管理员", Role.ADMIN)
    leaving_id = auth.create_staff(chief, "leaving", "离职管理员", Role.ADMIN)
    deputy, leaving = actor("deputy"), actor("leaving")          # their windows are open now
    admin.create_area(service, deputy, "城东片区")                 # the powers work before
    service.set_calendar_day(deputy, dt.date(2026, 12, 24), False, "公司活动")

    auth.update_staff(chief, deputy_id, role=Role.RECEPTIONIST.value)
    auth.update_staff(chief, leaving_id, active=False)
    pending = world.ids["pending_leader"]
    for old in (deputy, leaving):
        assert old.role == Role.ADMIN                             # the stale object still says administrator
        before = snapshot()
        with pytest.raises(PermissionDenied):
            admin.create_area(service, old, "城西片区")
        with pytest.raises(PermissionDenied):
            service.set_calendar_day(old, dt.date(2026, 12, 25), False)
        with pytest.raises(PermissionDenied):
            auth.create_staff(old, "sneaky", "某人", Role.ADMIN)
        with pytest.raises(PermissionDenied):
            auth.update_staff(old, actor("reception").id, role=Role.ADMIN.value)
        with pytest.raises(PermissionDenied):
            service.approve(old, pending)                         # no longer a stand-in for the leader
        assert snapshot() == before
    # Demoted: a receptionist now (reads the center's tickets); deactivated: nothing at all.
    assert service.viewer(deputy).actor.role == Role.RECEPTIONIST
    assert queue_ids(service, leaving) == []
    with pytest.raises(PermissionDenied):
        queries.ticket_detail(service.viewer(leaving), pending)
    with pytest.raises(PermissionDenied):
        service.record_call(leaving, CallDraft(content="来电", phone="13800001111"))


def snapshot() -> tuple:
    return (Area.select().count(), CalendarOverride.select().count(),
            tuple(Staff.select(Staff.id, Staff.role, Staff.active).order_by(Staff.id).tuples()),
            tuple(Ticket.select(Ticket.id, Ticket.version).order_by(Ticket.id).tuples()),
            History.select().count())


# ----- 未完结 while overdue ----------------------------------------------------------------------------------------


def test_a_ticket_blocked_while_overdue_stays_overdue_until_it_resumes(service, people, clock):
    """未完结 (waiting for the bank, the merchant, the owner) pauses the clocks, but a limit already missed stays
    missed: the ticket stays in the overdue queue while blocked. One blocked in time leaves it and gets the time."""
    desk, crew = people["reception"], people["engineering"]
    start = clock.now                                   # Tuesday 09:00
    drafts = [TicketDraft(kind=TicketKind.REPAIR, description=text, phone="13812345678", caller_name="张三",
                          urgency="high", impact="high") for text in ("配电箱跳闸", "水泵异响")]
    late, timely = (service.create_ticket(desk, d) for d in drafts)      # P1: respond 15 min, resolve 4 h
    for ticket_id in (late, timely):
        service.dispatch(desk, ticket_id, crew.department_id)
        service.accept(crew, ticket_id)
        service.start(crew, ticket_id)
    resolve_by = start + dt.timedelta(hours=4)
    assert {Ticket.get_by_id(i).due_at for i in (late, timely)} == {resolve_by}

    def overdue(at: dt.datetime) -> set[int]:
        flt = queries.QueueFilter(Queue.OVERDUE, at, viewer=service.viewer(desk))
        assert queries.count_queue(flt) == len(rows := queries.queue_page(flt, offset=0, limit=100))
        return {row.id for row in rows}

    clock.now = start + dt.timedelta(hours=1)
    service.block(crew, timely, "等待业主回家开门")                      # blocked in time
    assert Ticket.get_by_id(timely).due_at is None and timely not in overdue(start + dt.timedelta(hours=5))
    clock.now = start + dt.timedelta(hours=4, minutes=1)
    assert overdue(clock.now) == {late}
    service.block(crew, late, "等待配件")                                  # blocked after the limit ran out
    assert Ticket.get_by_id(late).state == State.BLOCKED
    for later in (dt.timedelta(hours=5), dt.timedelta(days=2)):
        assert late in overdue(start + later)
    clock.now = start + dt.timedelta(days=2)
    service.unblock(crew, late)
    service.unblock(crew, timely)
    assert late in overdue(clock.now)
    # The one blocked in time got its 3 untouched hours back: due 3 h after it resumed.
    assert Ticket.get_by_id(timely).due_at == clock.now + dt.timedelta(hours=3)
    assert timely not in overdue(clock.now)
