"""Administration (管理员): departments and their receiver, areas, routing rules, the service catalogue, approval
workflows, time-limit policies, the priority matrix and the approaching share.

Every write checks Operation.ADMINISTER first (a refused call raises PermissionDenied and writes nothing), validates
its input into ValidationError(field=...), writes in one transaction and then emits Change("settings", ...) on the
DeskService's EventBus so open windows refresh. Reads return frozen views; no peewee object reaches the UI.
Staff accounts live in services.auth, notification settings in services.notify, the calendar in DeskService.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import peewee as pw

from desk_app.core.errors import NotFound, ValidationError
from desk_app.core.kinds import Channel, Role, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation, may
from desk_app.core.rules import require
from desk_app.core.policies import ClockKind
from desk_app.core.routing import Rule, Scope
from desk_app.core.states import OPEN_STATES, Action
from desk_app.core.text import check_texts, no_nul
from desk_app.models.db import database
from desk_app.models.schema import (
    Area,
    AuditLog,
    CalendarOverride,
    CalendarYear,
    CatalogueEntry,
    Department,
    KindWorkflow,
    PolicyRecord,
    RoutingRule,
    Staff,
    Ticket,
)
from desk_app.services.audit import AuditEntry, audited
from desk_app.services.config import (  # noqa: F401 - the matrix's levels are read from here by the screens
    LEVELS,
    PRIORITY_CLOCKS,
    PRIORITY_LEVELS,
    SETTING_APPROACHING_SHARE,
    SETTING_PRIORITY_LIMITS,
    SETTING_PRIORITY_MATRIX,
    _limit,
    _matrix_key,
    _parse_limits,
    _parse_matrix,
    load_priority_config,  # noqa: F401 - the administration screens read it from here
    load_workflows,
    Configuration,
    put_setting,
)
from desk_app.services.desk import Actor, DeskService, current_actor
from desk_app.services.events import Change

log = logging.getLogger(__name__)

# The clocks a policy may set; the return-visit clock follows the resolve deadline by procedure (24 h).
POLICY_CLOCKS = (ClockKind.RESPOND, ClockKind.TRANSFER, ClockKind.ARRIVE, ClockKind.RESOLVE)


# ----- views -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffInfo:
    id: int
    username: str
    name: str
    role: str
    department_id: int | None
    department: str
    phone: str
    email: str
    active: bool
    locked_until: dt.datetime | None
    failed_signins: int
    must_change_password: bool
    has_password: bool


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    code: str
    phone: str
    active: bool
    receiver_id: int | None
    receiver: str
    members: int
    # The named receiver left the department, was deactivated or may not accept tickets: dispatch will misfire.
    receiver_problem: bool
    leaders: str = ""            # 部门主管, joined with "、"


@dataclass(frozen=True)
class AreaInfo:
    id: int
    name: str
    code: str
    active: bool


@dataclass(frozen=True)
class RoutingRuleInfo:
    id: int
    position: int
    name: str
    kind: str
    category: str
    area: str
    scope: str
    station: str
    department_id: int
    department: str
    active: bool


@dataclass(frozen=True)
class CatalogueInfo:
    id: int
    kind: str
    name: str
    position: int
    active: bool


@dataclass(frozen=True)
class WorkflowInfo:
    kind: str
    steps: tuple[str, ...]
    sensitive_steps: tuple[str, ...]
    configured: bool             # False: the procedure's default for the kind applies


@dataclass(frozen=True)
class PolicyInfo:
    id: int
    code: str
    name: str
    kind: str | None
    variant: str | None
    severity: str | None
    clocks: tuple[tuple[str, str], ...]     # (clock kind, limit text) in ClockKind order
    use_priority: bool
    active: bool

    @property
    def is_catch_all(self) -> bool:
        return self.kind is None and self.variant is None and self.severity is None

    def limit(self, clock: str) -> str:
        return dict(self.clocks).get(str(clock), "")


@dataclass(frozen=True)
class OverrideInfo:
    day: dt.date
    working: bool
    note: str


# ----- guards and small helpers ----------------------------------------------------------------------------------


def require_admin(actor: Actor) -> Actor:
    """Administration is checked against the actor's current record: a demoted or deactivated administrator
    loses it at once, even in a window that is still open."""
    actor = current_actor(actor)
    require(actor.facts, Operation.ADMINISTER)
    return actor


def _emit(service: DeskService, action: str) -> None:
    # The desk caches policies, routing rules and workflows: this desk sees the change at once.
    service.forget_cached()
    service.events.emit(Change("settings", action))


def _text(value: str | None, field: str, *, limit: int, required: bool = False) -> str:
    no_nul(value, field)
    text = " ".join((value or "").split())
    if required and not text:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field=field)
    if len(text) > limit:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "At most {limit} characters."), field=field,
                              limit=limit)
    return text


def _in_use(count: int, field: str = "active") -> None:
    if count:
        raise ValidationError(
            QT_TRANSLATE_NOOP("DeskError", "{count} active routing rules use it: change or deactivate them first."),
            field=field, count=count)


def _department(department_id: int | None) -> Department:
    department = Department.get_or_none(Department.id == department_id) if department_id else None
    if department is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No department with id {id}."), id=department_id)
    return department


# ----- departments -------------------------------------------------------------------------------------------------


def departments(include_inactive: bool = True) -> list[DepartmentInfo]:
    Receiver = Staff.alias("receiver")
    members = (Staff.select(Staff.department, pw.fn.COUNT(Staff.id).alias("n"))
               .where(Staff.active & Staff.department.is_null(False)).group_by(Staff.department))
    counts = {row.department_id: row.n for row in members}
    leaders: dict[int, list[str]] = {}
    for person in (Staff.select(Staff.department, Staff.name)
                   .where(Staff.active & (Staff.role == Role.LEADER.value)).order_by(Staff.id)):
        leaders.setdefault(person.department_id, []).append(person.name)
    query = (Department.select(Department, Receiver)
             .join(Receiver, pw.JOIN.LEFT_OUTER, on=(Department.receiver == Receiver.id))
             .order_by(Department.id))
    if not include_inactive:
        query = query.where(Department.active)
    result = []
    for d in query:
        receiver = d.receiver if d.receiver_id else None
        problem = receiver is not None and not _may_receive(receiver, d.id)
        result.append(DepartmentInfo(d.id, d.name, d.code, d.phone, d.active, d.receiver_id,
                                     receiver.name if receiver else "", counts.get(d.id, 0), problem,
                                     "、".join(leaders.get(d.id, []))))
    return result


def open_tickets_by_department() -> dict[int, int]:
    """How many open tickets each department holds (the departments page's column, read on a worker: a pass over
    the open tickets, about 100 ms at 1,000,000 tickets)."""
    held = (Ticket.select(Ticket.department, pw.fn.COUNT(Ticket.id).alias("n"))
            .where(Ticket.state.in_([s.value for s in OPEN_STATES]) & Ticket.department.is_null(False))
            .group_by(Ticket.department))
    return {row.department_id: row.n for row in held}


def department_members(department_id: int) -> list[StaffInfo]:
    """Active members of a department, receivers first (the receiver combo's choices)."""
    query = Staff.select().where((Staff.department == department_id) & Staff.active).order_by(Staff.id)
    order = {Role.RECEIVER: 0, Role.LEADER: 1}
    rows = sorted(query, key=lambda s: (order.get(s.role, 2), s.id))
    return [_staff_info(s, "") for s in rows]


def receiver_candidates(department_id: int) -> list[StaffInfo]:
    """The members who may be named the department's receiver (active and allowed to accept its tickets)."""
    return [s for s in department_members(department_id)
            if may(Role(s.role), Action.ACCEPT, actor_department=department_id, ticket_department=department_id)]


def _may_receive(staff: Staff, department_id: int) -> bool:
    return (staff.active and staff.department_id == department_id
            and may(Role(staff.role), Action.ACCEPT, actor_department=department_id,
                    ticket_department=department_id))


def _refuse_clash(clash: pw.ModelSelect, model: type[pw.Model], exclude: int | None, field: str,
                  value: str) -> None:
    """ValidationError on `field` if `clash` finds a row other than `exclude` (a name or code must stay unique)."""
    if exclude is not None:
        clash = clash.where(model.id != exclude)
    if clash.exists():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "{name} already exists."), field=field, name=value)


def _check_department_name(name: str, exclude: int | None = None) -> str:
    name = _text(name, "name", limit=100, required=True)
    _refuse_clash(Department.select().where(Department.name == name), Department, exclude, "name", name)
    return name


def _check_department_code(code: str, exclude: int | None = None) -> str:
    code = _text(code, "code", limit=40)
    if not code:
        return ""
    if " " in code:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A code has no spaces."), field="code")
    _refuse_clash(Department.select().where(Department.code == code), Department, exclude, "code", code)
    return code


def _free_department_code() -> str:
    number = (Department.select(pw.fn.MAX(Department.id)).scalar() or 0) + 1
    while Department.select().where(Department.code == f"dept{number}").exists():
        number += 1
    return f"dept{number}"


@audited("department")
def create_department(service: DeskService, actor: Actor, name: str, code: str = "", phone: str = "") -> int:
    """A new active department (its receiver is named once it has members)."""
    require_admin(actor)
    with database.atomic():
        name = _check_department_name(name)
        code = _check_department_code(code) or _free_department_code()
        phone = _text(phone, "phone", limit=40)
        department_id = Department.create(name=name, code=code, phone=phone).id
    _emit(service, "department")
    return department_id


@audited("department")
def update_department(service: DeskService, actor: Actor, department_id: int, *, name: str | None = None,
                      code: str | None = None, phone: str | None = None, active: bool | None = None,
                      receiver_id: int | None = None) -> None:
    """Change what is given (None leaves a field alone), all in one transaction."""
    require_admin(actor)
    with database.atomic():
        department = _department(department_id)
        if name is not None:
            department.name = _check_department_name(name, department.id)
        if code is not None:
            department.code = _check_department_code(code, department.id) or department.code
        if phone is not None:
            department.phone = _text(phone, "phone", limit=40)
        if receiver_id is not None and receiver_id != department.receiver_id:
            department.receiver = _checked_receiver(department.id, receiver_id).id
        if active is not None and bool(active) != department.active:
            if not active:
                _in_use(RoutingRule.select().where((RoutingRule.department == department.id)
                                                   & RoutingRule.active).count())
            department.active = bool(active)
        department.save()
    _emit(service, "department")


def rename_department(service: DeskService, actor: Actor, department_id: int, name: str) -> None:
    update_department(service, actor, department_id, name=name)


@audited("department")
def set_department_active(service: DeskService, actor: Actor, department_id: int, active: bool) -> None:
    """Deactivate (or reactivate) a department; refused while active routing rules still send tickets to it."""
    update_department(service, actor, department_id, active=active)


def _checked_receiver(department_id: int, staff_id: int | None) -> Staff:
    staff = Staff.get_or_none(Staff.id == staff_id) if staff_id else None
    if staff is None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose the receiver."), field="receiver")
    if not staff.active or staff.department_id != department_id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("DeskError", "{name} is not an active member of this department."),
            field="receiver", name=staff.name)
    if not _may_receive(staff, department_id):
        raise ValidationError(
            QT_TRANSLATE_NOOP("DeskError", "{name} is {role} and may not accept tickets."),
            field="receiver", name=staff.name, role=Role(staff.role))
    return staff


@audited("department")
def set_receiver(service: DeskService, actor: Actor, department_id: int, staff_id: int) -> None:
    """部门承接人: name the one receiver of a department; they must be an active member allowed to accept tickets."""
    require_admin(actor)
    with database.atomic():
        department = _department(department_id)
        Department.update(receiver=_checked_receiver(department.id, staff_id).id).where(
            Department.id == department.id).execute()
    _emit(service, "receiver")


# ----- staff (read side; writes are services.auth's) ----------------------------------------------------------------


def _staff_info(s: Staff, department: str) -> StaffInfo:
    return StaffInfo(s.id, s.username, s.name, s.role, s.department_id, department, s.phone, s.email, s.active,
                     s.locked_until, s.failed_signins or 0, bool(s.must_change_password), bool(s.password_hash))


def staff_members(include_inactive: bool = True) -> list[StaffInfo]:
    query = (Staff.select(Staff, Department).join(Department, pw.JOIN.LEFT_OUTER,
                                                  on=(Staff.department == Department.id)).order_by(Staff.id))
    if not include_inactive:
        query = query.where(Staff.active)
    return [_staff_info(s, s.department.name if s.department_id else "") for s in query]


# ----- areas -------------------------------------------------------------------------------------------------------


def areas(include_inactive: bool = True) -> list[AreaInfo]:
    query = Area.select().order_by(Area.name)
    if not include_inactive:
        query = query.where(Area.active)
    return [AreaInfo(a.id, a.name, a.code, a.active) for a in query]


def _check_area_name(name: str, exclude: int | None = None) -> str:
    name = _text(name, "name", limit=60, required=True)
    _refuse_clash(Area.select().where(Area.name == name), Area, exclude, "name", name)
    return name


def _area(area_id: int) -> Area:
    area = Area.get_or_none(Area.id == area_id)
    if area is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No area with id {id}."), id=area_id)
    return area


@audited("area")
def create_area(service: DeskService, actor: Actor, name: str, code: str = "") -> int:
    """片区: a new active area."""
    require_admin(actor)
    with database.atomic():
        area_id = Area.create(name=_check_area_name(name), code=_text(code, "code", limit=40)).id
    _emit(service, "area")
    return area_id


@audited("area")
def update_area(service: DeskService, actor: Actor, area_id: int, *, name: str | None = None,
                code: str | None = None, active: bool | None = None) -> None:
    """Rename (routing rules naming the area follow), recode, deactivate (refused while rules use it)."""
    require_admin(actor)
    with database.atomic():
        area = _area(area_id)
        old_name = area.name
        if name is not None:
            area.name = _check_area_name(name, area.id)
        if code is not None:
            area.code = _text(code, "code", limit=40)
        if active is not None and bool(active) != area.active:
            if not active:
                _in_use(RoutingRule.select().where((RoutingRule.area == old_name) & RoutingRule.active).count())
            area.active = bool(active)
        area.save()
        if area.name != old_name:
            RoutingRule.update(area=area.name).where(RoutingRule.area == old_name).execute()
    _emit(service, "area")


def rename_area(service: DeskService, actor: Actor, area_id: int, name: str) -> None:
    update_area(service, actor, area_id, name=name)


@audited("area")
def set_area_active(service: DeskService, actor: Actor, area_id: int, active: bool) -> None:
    update_area(service, actor, area_id, active=active)


# ----- service catalogue -------------------------------------------------------------------------------------------


def catalogue(kind: str | None = None, include_inactive: bool = True) -> list[CatalogueInfo]:
    query = CatalogueEntry.select().order_by(CatalogueEntry.kind, CatalogueEntry.position, CatalogueEntry.id)
    if kind:
        query = query.where(CatalogueEntry.kind == str(kind))
    if not include_inactive:
        query = query.where(CatalogueEntry.active)
    return [CatalogueInfo(e.id, e.kind, e.name, e.position, e.active) for e in query]


def _kind(kind: str | None, field: str = "kind", *, required: bool = True) -> TicketKind | None:
    if not kind:
        if required:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a ticket kind."), field=field)
        return None
    try:
        return TicketKind(kind)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a ticket kind."), field=field) from None


def _entry(entry_id: int) -> CatalogueEntry:
    entry = CatalogueEntry.get_or_none(CatalogueEntry.id == entry_id)
    if entry is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No catalogue entry with id {id}."), id=entry_id)
    return entry


def _check_entry_name(kind: str, name: str, exclude: int | None = None) -> str:
    name = _text(name, "name", limit=100, required=True)
    same = CatalogueEntry.select().where((CatalogueEntry.kind == kind) & (CatalogueEntry.name == name))
    _refuse_clash(same, CatalogueEntry, exclude, "name", name)
    return name


@audited("catalogue")
def add_catalogue_entry(service: DeskService, actor: Actor, kind: str, name: str) -> int:
    """服务目录: a new entry at the end of the kind's list."""
    check_texts(kind=kind, name=name)
    require_admin(actor)
    kind_value = _kind(kind).value
    with database.atomic():
        name = _check_entry_name(kind_value, name)
        last = CatalogueEntry.select(pw.fn.MAX(CatalogueEntry.position)).where(
            CatalogueEntry.kind == kind_value).scalar() or 0
        entry_id = CatalogueEntry.create(kind=kind_value, name=name, position=last + 1).id
    _emit(service, "catalogue")
    return entry_id


def _rules_naming_entry(entry: CatalogueEntry) -> pw.Expression:
    return (RoutingRule.category == entry.name) & ((RoutingRule.kind == entry.kind) | RoutingRule.kind.is_null())


@audited("catalogue")
def rename_catalogue_entry(service: DeskService, actor: Actor, entry_id: int, name: str) -> None:
    """Rename an entry; routing rules that name it follow. Tickets filed earlier keep the old name."""
    require_admin(actor)
    with database.atomic():
        entry = _entry(entry_id)
        name = _check_entry_name(entry.kind, name, entry.id)
        if name != entry.name:
            RoutingRule.update(category=name).where(_rules_naming_entry(entry)).execute()
            entry.name = name
            entry.save()
    _emit(service, "catalogue")


@audited("catalogue")
def set_catalogue_entry_active(service: DeskService, actor: Actor, entry_id: int, active: bool) -> None:
    require_admin(actor)
    with database.atomic():
        entry = _entry(entry_id)
        if not active and entry.active:
            _in_use(RoutingRule.select().where(_rules_naming_entry(entry) & RoutingRule.active).count())
        entry.active = bool(active)
        entry.save()
    _emit(service, "catalogue")


@audited("catalogue")
def move_catalogue_entry(service: DeskService, actor: Actor, entry_id: int, delta: int) -> None:
    """Move an entry up (delta < 0) or down within its kind's list."""
    require_admin(actor)
    with database.atomic():
        entry = _entry(entry_id)
        siblings = list(CatalogueEntry.select().where(CatalogueEntry.kind == entry.kind)
                        .order_by(CatalogueEntry.position, CatalogueEntry.id))
        _reorder(siblings, entry.id, delta)
    _emit(service, "catalogue")


def _reorder(rows: list[pw.Model], row_id: int, delta: int) -> None:
    """Move one row by delta places and renumber all positions 1..n (saves only rows whose position changed)."""
    index = next(i for i, r in enumerate(rows) if r.id == row_id)
    target = max(0, min(len(rows) - 1, index + delta))
    rows.insert(target, rows.pop(index))
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            type(row).update(position=position).where(type(row).id == row.id).execute()


# ----- routing rules -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleInput:
    """A routing rule as typed in the rule dialog; empty conditions match anything."""

    department_id: int | None
    kind: str = ""
    category: str = ""
    area: str = ""
    scope: str = ""
    station: str = ""
    name: str = ""
    active: bool = True


def routing_rules(include_inactive: bool = True) -> list[RoutingRuleInfo]:
    query = (RoutingRule.select(RoutingRule, Department)
             .join(Department, on=(RoutingRule.department == Department.id))
             .order_by(RoutingRule.position, RoutingRule.id))
    if not include_inactive:
        query = query.where(RoutingRule.active)
    return [RoutingRuleInfo(r.id, r.position, r.name, r.kind or "", r.category or "", r.area or "", r.scope or "",
                            r.station or "", r.department_id, r.department.name, r.active) for r in query]


def load_routing_rules() -> list[Rule]:
    """The active rules as the core's routing.Rule, in position order (for core.routing.route)."""
    from desk_app.services.routing import routing_rules as stored_rules

    return stored_rules()


def _validated_rule(rule: RuleInput, exclude: int | None = None) -> dict:
    if not rule.department_id:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
    department = Department.get_or_none(Department.id == rule.department_id)
    if department is None or not department.active:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
    kind = _kind(rule.kind, required=False)
    category = _text(rule.category, "category", limit=100)
    if category and kind is not None:
        entries = [e.name for e in CatalogueEntry.select(CatalogueEntry.name)
                   .where((CatalogueEntry.kind == kind.value) & CatalogueEntry.active)]
        if entries and category not in entries:
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "{name} is not in the service catalogue of {kind}."),
                field="category", name=category, kind=kind)
    area = _text(rule.area, "area", limit=60)
    if area:
        known = [a.name for a in Area.select(Area.name).where(Area.active)]
        if known and area not in known:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "{name} is not an active area."),
                                  field="area", name=area)
    try:
        scope = Scope(rule.scope or "")
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose where the problem is."),
                              field="scope") from None
    values = {
        "department": department.id,
        "kind": kind.value if kind else None,
        "category": category or None,
        "area": area or None,
        "scope": scope.value or None,
        "station": _text(rule.station, "station", limit=60) or None,
        "name": _text(rule.name, "name", limit=100),
        "active": bool(rule.active),
    }
    same = RoutingRule.select().where(*[
        (getattr(RoutingRule, f).is_null() if values[f] is None else getattr(RoutingRule, f) == values[f])
        for f in ("kind", "category", "area", "scope", "station")])
    if exclude is not None:
        same = same.where(RoutingRule.id != exclude)
    twin = same.order_by(RoutingRule.position).first()
    if twin is not None:
        # The later of two rules with the same conditions could never match.
        raise ValidationError(
            QT_TRANSLATE_NOOP("DeskError", "Rule {position} already has exactly these conditions."),
            position=twin.position)
    return values


def _rule(rule_id: int) -> RoutingRule:
    row = RoutingRule.get_or_none(RoutingRule.id == rule_id)
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No routing rule with id {id}."), id=rule_id)
    return row


@audited("routing")
def create_rule(service: DeskService, actor: Actor, rule: RuleInput) -> int:
    """派单规则: a new rule, tried after the existing ones."""
    require_admin(actor)
    with database.atomic():
        values = _validated_rule(rule)
        last = RoutingRule.select(pw.fn.MAX(RoutingRule.position)).scalar() or 0
        rule_id = RoutingRule.create(position=last + 1, **values).id
    _emit(service, "routing")
    return rule_id


@audited("routing")
def update_rule(service: DeskService, actor: Actor, rule_id: int, rule: RuleInput) -> None:
    require_admin(actor)
    with database.atomic():
        _rule(rule_id)
        values = _validated_rule(rule, exclude=rule_id)
        RoutingRule.update(**values).where(RoutingRule.id == rule_id).execute()
    _emit(service, "routing")


@audited("routing")
def delete_rule(service: DeskService, actor: Actor, rule_id: int) -> None:
    require_admin(actor)
    with database.atomic():
        _rule(rule_id).delete_instance()
        rows = list(RoutingRule.select().order_by(RoutingRule.position, RoutingRule.id))
        if rows:
            _reorder(rows, rows[0].id, 0)
    _emit(service, "routing")


@audited("routing")
def move_rule(service: DeskService, actor: Actor, rule_id: int, delta: int) -> None:
    """Try a rule earlier (delta < 0) or later; positions are renumbered 1..n."""
    require_admin(actor)
    with database.atomic():
        _rule(rule_id)
        _reorder(list(RoutingRule.select().order_by(RoutingRule.position, RoutingRule.id)), rule_id, delta)
    _emit(service, "routing")


# ----- approval workflows ------------------------------------------------------------------------------------------


def _workflow_module():
    # Imported on use: core.workflow needs the approval states the state machine gains with the workflow issue.
    from desk_app.core import workflow

    return workflow


def _step_names(steps: Iterable[str] | str, field: str) -> str:
    if isinstance(steps, str):
        steps = steps.split(";")
    names = [str(s).strip() for s in steps if str(s).strip()]
    workflow = _workflow_module()
    try:
        parsed = workflow.Workflow.parse(";".join(names))
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Unknown approval step."), field=field) from None
    # Stored in the procedure's order, each step once.
    return ";".join(step.value for step in workflow.STEP_ORDER if step in parsed.steps)


@audited("workflow")
def set_workflow(service: DeskService, actor: Actor, kind: str, steps: Iterable[str] | str,
                 sensitive_steps: Iterable[str] | str = ()) -> None:
    """The approval steps of a kind's tickets, and the extra ones for sensitive tickets (舆情, media, major)."""
    check_texts(kind=kind)
    require_admin(actor)
    kind_value = _workflow_key(kind)
    always = _step_names(steps, "steps")
    extra = _step_names(sensitive_steps, "sensitive_steps")
    chosen = set(always.split(";"))
    # A step taken always is not "extra" for sensitive tickets.
    extra = ";".join(s for s in extra.split(";") if s and s not in chosen)
    _workflow_module().Workflow.parse(always, extra)
    with database.atomic():
        KindWorkflow.insert(kind=kind_value, steps=always, sensitive_steps=extra).on_conflict(
            conflict_target=[KindWorkflow.kind],
            update={KindWorkflow.steps: always, KindWorkflow.sensitive_steps: extra}).execute()
    _emit(service, "workflow")


@audited("workflow")
def reset_workflow(service: DeskService, actor: Actor, kind: str) -> None:
    """Back to the procedure's default for the kind."""
    check_texts(kind=kind)
    require_admin(actor)
    kind_value = _workflow_key(kind)
    with database.atomic():
        KindWorkflow.delete().where(KindWorkflow.kind == kind_value).execute()
    _emit(service, "workflow")


def _workflow_key(key: str) -> str:
    """A kind ("complaint"), or a kind on one channel ("complaint@10086", e.g. the 10086 path)."""
    kind, _, channel = str(key or "").partition("@")
    kind_value = _kind(kind).value
    if not channel:
        return kind_value
    try:
        return f"{kind_value}@{Channel(channel).value}"
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Unknown channel {channel}."), field="kind",
                              channel=channel) from None


def workflows() -> list[WorkflowInfo]:
    """Every kind's approval steps (configured, else the procedure's default), then the paths configured for one
    kind on one channel (e.g. complaint@10086)."""
    workflow = _workflow_module()
    configured = load_workflows()
    result = []
    for kind in TicketKind:
        flow = configured.get(kind.value) or workflow.workflow_for(kind)
        result.append(WorkflowInfo(kind.value, tuple(s.value for s in flow.steps),
                                   tuple(s.value for s in flow.sensitive_steps), kind.value in configured))
    for key in sorted(k for k in configured if "@" in k):
        flow = configured[key]
        result.append(WorkflowInfo(key, tuple(s.value for s in flow.steps),
                                   tuple(s.value for s in flow.sensitive_steps), True))
    return result


# ----- time-limit policies -----------------------------------------------------------------------------------------


def _policy_info(r: PolicyRecord) -> PolicyInfo:
    pairs = dict(part.split("=", 1) for part in r.clocks.split(";") if "=" in part)
    order = [k.value for k in ClockKind]
    clocks = tuple(sorted(((k.strip(), v.strip()) for k, v in pairs.items()),
                          key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
    return PolicyInfo(r.id, r.code, r.name, r.kind, r.variant, r.severity, clocks, r.use_priority, r.active)


def policies() -> list[PolicyInfo]:
    return [_policy_info(r) for r in PolicyRecord.select().order_by(PolicyRecord.id)]


def _policy(policy_id: int) -> PolicyRecord:
    record = PolicyRecord.get_or_none(PolicyRecord.id == policy_id)
    if record is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No time-limit policy with id {id}."), id=policy_id)
    return record


@audited("policy")
def update_policy(service: DeskService, actor: Actor, policy_id: int, *, name: str | None = None,
                  clocks: Mapping[str, str] | None = None, use_priority: bool | None = None,
                  active: bool | None = None) -> None:
    """Edit a policy's name, clocks ({"resolve": "3wd", "transfer": ""} — empty removes a clock) and switches.

    Policies apply to tickets created afterwards; running clocks keep the limit they started with.
    """
    require_admin(actor)
    with database.atomic():
        record = _policy(policy_id)
        if name is not None:
            record.name = _text(name, "name", limit=100, required=True)
        if clocks is not None:
            current = dict(_policy_info(record).clocks)
            for kind, text in clocks.items():
                if kind not in {c.value for c in POLICY_CLOCKS}:
                    raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Unknown clock {kind}."),
                                          field="clocks", kind=kind)
                spec = _limit(text, f"clocks.{kind}")
                if spec is None:
                    current.pop(kind, None)
                else:
                    current[kind] = str(spec)
            record.clocks = ";".join(f"{k.value}={current[k.value]}" for k in ClockKind if k.value in current)
        if use_priority is not None:
            record.use_priority = bool(use_priority)
        if not record.clocks and not record.use_priority:
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "A policy needs at least one time limit or the priority matrix."),
                field="clocks")
        if active is not None:
            record.active = bool(active)
        record.save()
        if not PolicyRecord.select().where(PolicyRecord.active & PolicyRecord.kind.is_null()
                                           & PolicyRecord.variant.is_null()
                                           & PolicyRecord.severity.is_null()).exists():
            # select_policy needs a policy that matches every ticket.
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "At least one active policy must apply to every ticket."),
                field="active")
    _emit(service, "policy")


@audited("policy")
def set_policy_active(service: DeskService, actor: Actor, policy_id: int, active: bool) -> None:
    update_policy(service, actor, policy_id, active=active)


# ----- priority matrix, its limits, the approaching share ----------------------------------------------------------


@audited("priority")
def save_priority_config(service: DeskService, actor: Actor, matrix: Mapping | None = None,
                         limits: Mapping | None = None) -> None:
    """Store the matrix ({"high/medium": 2, ...}) and/or the limits ({"1": {"respond": "15m", ...}}) together.

    Like policies, they apply to tickets created afterwards.
    """
    require_admin(actor)
    parsed_matrix = _parse_matrix(matrix) if matrix is not None else None
    parsed_limits = _parse_limits(limits) if limits is not None else None
    with database.atomic():
        if parsed_matrix is not None:
            put_setting(SETTING_PRIORITY_MATRIX, json.dumps(
                {_matrix_key(u, i): p for (u, i), p in parsed_matrix.items()}, sort_keys=True))
        if parsed_limits is not None:
            put_setting(SETTING_PRIORITY_LIMITS, json.dumps(
                {str(p): {"respond": str(lim.respond), "resolve": str(lim.resolve)}
                 for p, lim in sorted(parsed_limits.items())}, sort_keys=True))
    _emit(service, "priority")


def approaching_share() -> float:
    """The stored share as the desk reads it (one reading of the setting: services.config)."""
    return Configuration().approaching_share()


@audited("settings")
def set_approaching_share(service: DeskService, actor: Actor, share: float | str) -> None:
    """When a clock counts as "approaching": the share of its span used, 0 < share <= 1 (default 0.75)."""
    check_texts(share=share)
    require_admin(actor)
    try:
        value = float(str(share).strip().rstrip("%")) / (100 if str(share).strip().endswith("%") else 1)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give a share above 0 and at most 100 %."),
                              field="approaching_share")
    with database.atomic():
        put_setting(SETTING_APPROACHING_SHARE, repr(round(value, 4)))
    _emit(service, "approaching_share")


# ----- calendar (read side; writes are DeskService's) ---------------------------------------------------------------


def calendar_overrides(year: int) -> list[OverrideInfo]:
    rows = CalendarOverride.select().where(
        (CalendarOverride.day >= dt.date(year, 1, 1)) & (CalendarOverride.day <= dt.date(year, 12, 31))
    ).order_by(CalendarOverride.day)
    return [OverrideInfo(r.day, r.working, r.note) for r in rows]


def imported_years() -> list[int]:
    """Years whose official schedule an administrator imported."""
    return [y.year for y in CalendarYear.select().order_by(CalendarYear.year)]


# ----- the audit log ------------------------------------------------------------------------------------------------


def audit_entries(actor: Actor, *, limit: int = 200, offset: int = 0) -> list[AuditEntry]:
    """Changes of configuration and staff, newest first (administrators only)."""
    require_admin(actor)
    rows = (AuditLog.select(AuditLog, Staff.name.alias("actor_name"))
            .join(Staff, pw.JOIN.LEFT_OUTER, on=(AuditLog.actor == Staff.id))
            .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit).offset(offset).dicts())
    return [AuditEntry(r["id"], r["at"], r["actor_name"] or "", r["entity"], r["entity_id"], r["action"], r["detail"])
            for r in rows]
