"""The tables: customers, departments, staff, tickets with their clocks and pauses, history, the call register, settings."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from desk_app.models.db import database


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = pw.IntegerField()
    applied_at = pw.DateTimeField(default=now)


class Setting(BaseModel):
    key = pw.CharField(primary_key=True, max_length=100)
    value = pw.TextField()


class Department(BaseModel):
    name = pw.CharField(unique=True, max_length=100)
    code = pw.CharField(unique=True, max_length=40)
    # The one named person who accepts or returns the department's tickets (部门承接人).
    receiver = pw.DeferredForeignKey("Staff", null=True, on_delete="SET NULL")
    phone = pw.CharField(default="", max_length=40)
    active = pw.BooleanField(default=True)


class Staff(BaseModel):
    username = pw.CharField(unique=True, max_length=60)
    name = pw.CharField(max_length=60)
    role = pw.CharField(max_length=20)
    department = pw.ForeignKeyField(Department, null=True, backref="staff", on_delete="SET NULL")
    phone = pw.CharField(default="", max_length=40)
    email = pw.CharField(default="", max_length=120)
    password_hash = pw.CharField(null=True, max_length=200)
    active = pw.BooleanField(default=True)
    failed_signins = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    must_change_password = pw.BooleanField(default=False)


class Customer(BaseModel):
    """客户档案: one household or business. `phone` is its first number in E.164 (+8613812345678), kept equal to the
    first of its customer_number rows (every number, the lookups' index); the butler procedure's fields are version 6's
    columns below; `phone2` of versions 1–5 moved to customer_number."""

    name = pw.CharField(max_length=100)
    phone = pw.CharField(max_length=40, index=True)
    address = pw.CharField(default="", max_length=200)
    area = pw.CharField(default="", max_length=60)
    notes = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)


class CallRecord(BaseModel):
    """来电来访登记表: every call or visit, answered at once or turned into a ticket."""

    received_at = pw.DateTimeField(default=now, index=True)
    channel = pw.CharField(max_length=20)
    caller_name = pw.CharField(default="", max_length=100)
    phone = pw.CharField(default="", max_length=40, index=True)
    customer = pw.ForeignKeyField(Customer, null=True, backref="calls", on_delete="SET NULL")
    content = pw.TextField()
    agent = pw.ForeignKeyField(Staff, backref="calls")
    outcome = pw.CharField(max_length=20)
    transferred_to = pw.CharField(default="", max_length=100)   # 流转人
    follow_up = pw.TextField(default="")
    ticket = pw.DeferredForeignKey("Ticket", null=True, on_delete="SET NULL")


class Ticket(BaseModel):
    number = pw.CharField(unique=True, max_length=20)
    kind = pw.CharField(max_length=20)
    variant = pw.CharField(default="", max_length=20)
    severity = pw.CharField(null=True, max_length=20)
    channel = pw.CharField(max_length=20)
    category = pw.CharField(default="", max_length=100)          # 服务目录 entry
    urgency = pw.CharField(max_length=10)
    impact = pw.CharField(max_length=10)
    priority = pw.IntegerField()
    policy_code = pw.CharField(max_length=40)
    customer = pw.ForeignKeyField(Customer, null=True, backref="tickets", on_delete="SET NULL")
    caller_name = pw.CharField(default="", max_length=100)
    phone = pw.CharField(default="", max_length=40)
    address = pw.CharField(default="", max_length=200)
    area = pw.CharField(default="", max_length=60)
    description = pw.TextField()
    state = pw.CharField(max_length=20)
    department = pw.ForeignKeyField(Department, null=True, backref="tickets", on_delete="SET NULL")
    receiver = pw.ForeignKeyField(Staff, null=True, backref="received", on_delete="SET NULL")
    worker = pw.CharField(default="", max_length=60)              # the responsible worker named on the slip
    created_by = pw.ForeignKeyField(Staff, backref="created")
    created_at = pw.DateTimeField(default=now)
    accepted_at = pw.DateTimeField()                              # 业务受理时间: clocks start here
    dispatched_at = pw.DateTimeField(null=True)
    appointment_at = pw.DateTimeField(null=True)
    resolved_at = pw.DateTimeField(null=True)
    solution = pw.TextField(default="")
    satisfaction = pw.CharField(null=True, max_length=20)
    archived_at = pw.DateTimeField(null=True)
    updated_at = pw.DateTimeField(default=now)
    # Optimistic lock: every update bumps it; an update expecting an older version is refused.
    version = pw.IntegerField(default=1)
    # Earliest deadline and warning time among running clocks, kept with the clocks so queues sort and filter in SQL.
    due_at = pw.DateTimeField(null=True, index=True)
    warn_at = pw.DateTimeField(null=True, index=True)
    due_clock = pw.CharField(null=True, max_length=20)
    provisional = pw.BooleanField(default=False)
    # Workflow of the seed (schema version 2).
    scope = pw.CharField(default="", max_length=20)               # public / private area (property routing)
    station = pw.CharField(default="", max_length=60)             # complaint location → nearest station (telecom)
    # 舆情/媒体/重大投诉: office and center leader approve too (partial index "ticket_sensitive", version 3)
    sensitive = pw.BooleanField(default=False)
    complaint_level = pw.CharField(null=True, max_length=20)      # appeal 诉求 / formal 申告
    linked_ticket = pw.ForeignKeyField("self", null=True, backref="linked", on_delete="SET NULL")
    escalation = pw.CharField(null=True, max_length=20)           # general / emergency / major
    quarantined = pw.BooleanField(default=False)                  # 隔离区: caller not yet a registered customer
    routed = pw.CharField(default="", max_length=20)              # direct 直派 / transfer 转派
    quoted_price = pw.DecimalField(null=True, max_digits=10, decimal_places=2)   # paid in-home repair
    owner_consent = pw.BooleanField(null=True)
    rectify_by = pw.DateTimeField(null=True)                      # patrol finding: rectification deadline
    reply_note = pw.TextField(default="")

    class Meta:
        indexes = (
            (("state", "created_at"), False),
            (("department", "state"), False),
            (("phone", "created_at"), False),
            (("created_at",), False),
        )


class Clock(BaseModel):
    """One running time limit of a ticket (respond, transfer, arrive, resolve, visit)."""

    ticket = pw.ForeignKeyField(Ticket, backref="clocks", on_delete="CASCADE")
    kind = pw.CharField(max_length=20)
    limit = pw.CharField(max_length=20)
    started_at = pw.DateTimeField()
    deadline = pw.DateTimeField(null=True)       # null while paused: it depends on when the pause ends
    warn_at = pw.DateTimeField(null=True)
    stopped_at = pw.DateTimeField(null=True)
    provisional = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("ticket", "kind"), True),)


class ClockPause(BaseModel):
    clock = pw.ForeignKeyField(Clock, backref="pauses", on_delete="CASCADE")
    started_at = pw.DateTimeField()
    ended_at = pw.DateTimeField(null=True)
    reason = pw.TextField(default="")


class History(BaseModel):
    """Append-only: who did what to a ticket, when, from which state to which (database triggers refuse edits)."""

    ticket = pw.ForeignKeyField(Ticket, backref="history", on_delete="RESTRICT")
    at = pw.DateTimeField(default=now)
    actor = pw.ForeignKeyField(Staff, null=True, backref="actions")
    action = pw.CharField(max_length=30)
    from_state = pw.CharField(null=True, max_length=20)
    to_state = pw.CharField(null=True, max_length=20)
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("ticket", "at"), False),)


class CalendarOverride(BaseModel):
    day = pw.DateField(unique=True)
    working = pw.BooleanField()
    note = pw.CharField(default="", max_length=100)


class CalendarYear(BaseModel):
    """A year whose official schedule an administrator entered or imported."""

    year = pw.IntegerField(unique=True)
    imported_at = pw.DateTimeField(default=now)


class NumberSequence(BaseModel):
    name = pw.CharField(max_length=40)
    year = pw.IntegerField()
    value = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("name", "year"), True),)


class PolicyRecord(BaseModel):
    """An editable copy of a time-limit policy (see desk_app.core.policies)."""

    code = pw.CharField(unique=True, max_length=40)
    name = pw.CharField(max_length=100)
    kind = pw.CharField(null=True, max_length=20)
    variant = pw.CharField(null=True, max_length=20)
    severity = pw.CharField(null=True, max_length=20)
    clocks = pw.CharField(default="", max_length=200)     # "transfer=1h;resolve=4h"
    use_priority = pw.BooleanField(default=True)
    active = pw.BooleanField(default=True)


V1_MODELS: list[type[BaseModel]] = [
    SchemaVersion, Setting, Department, Staff, Customer, CallRecord, Ticket, Clock, ClockPause, History,
    CalendarOverride, CalendarYear, NumberSequence, PolicyRecord,
]


# ----- schema version 2: the whole workflow (roles, routing, approvals, notifications, presets) -----------------


class Area(BaseModel):
    """片区: an area of the service territory; a routing rule may send its tickets to a department."""

    name = pw.CharField(unique=True, max_length=60)
    code = pw.CharField(default="", max_length=40)
    active = pw.BooleanField(default=True)


class CatalogueEntry(BaseModel):
    """服务目录: the entries a ticket of a kind can be filed under (e.g. 投诉 › 覆盖类)."""

    kind = pw.CharField(max_length=20)
    name = pw.CharField(max_length=100)
    position = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)

    class Meta:
        indexes = ((("kind", "name"), True),)


class RoutingRule(BaseModel):
    """派单范围: ticket attributes → a department. Rules are tried by position; empty conditions match anything."""

    position = pw.IntegerField(default=0)
    name = pw.CharField(default="", max_length=100)
    kind = pw.CharField(null=True, max_length=20)
    category = pw.CharField(null=True, max_length=100)
    area = pw.CharField(null=True, max_length=60)
    scope = pw.CharField(null=True, max_length=20)
    station = pw.CharField(null=True, max_length=60)
    department = pw.ForeignKeyField(Department, backref="routing_rules", on_delete="CASCADE")
    active = pw.BooleanField(default=True)


class KindWorkflow(BaseModel):
    """Which approval steps a kind's tickets go through after the solution is drafted (leader, office, center, ...).
    The key is a kind, or a kind on one channel ("complaint@business_hall"; 40 characters since version 3)."""

    kind = pw.CharField(primary_key=True, max_length=40)
    steps = pw.CharField(default="", max_length=200)        # e.g. "leader;audit;reply"
    sensitive_steps = pw.CharField(default="", max_length=200)  # added for sensitive tickets, e.g. "office;center"


class Notification(BaseModel):
    """An in-app notice for one staff member; outbound copies go through the outbox."""

    recipient = pw.ForeignKeyField(Staff, backref="notifications", on_delete="CASCADE")
    ticket = pw.ForeignKeyField(Ticket, null=True, backref="notifications", on_delete="CASCADE")
    kind = pw.CharField(max_length=30)
    title = pw.CharField(max_length=200)
    body = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now, index=True)
    read_at = pw.DateTimeField(null=True)
    # Set for notices that must be sent once only (e.g. "clock resolve of ticket 7 is approaching").
    dedupe_key = pw.CharField(null=True, unique=True, max_length=120)

    class Meta:
        indexes = ((("recipient", "read_at"), False),)


class Outbox(BaseModel):
    """A message to send by e-mail or SMS; kept until sent, retried with back-off, failures visible."""

    channel = pw.CharField(max_length=10)        # email / sms
    address = pw.CharField(max_length=200)
    subject = pw.CharField(default="", max_length=200)
    body = pw.TextField(default="")
    notification = pw.ForeignKeyField(Notification, null=True, backref="outbox", on_delete="SET NULL")
    created_at = pw.DateTimeField(default=now)
    attempts = pw.IntegerField(default=0)
    next_attempt_at = pw.DateTimeField(default=now, index=True)
    last_error = pw.TextField(default="")
    sent_at = pw.DateTimeField(null=True, index=True)


class Circulation(BaseModel):
    """公告: a ticket circulated to the members of one department (never outside it)."""

    ticket = pw.ForeignKeyField(Ticket, backref="circulations", on_delete="CASCADE")
    department = pw.ForeignKeyField(Department, backref="circulations", on_delete="CASCADE")
    by = pw.ForeignKeyField(Staff, backref="circulated")
    at = pw.DateTimeField(default=now)
    note = pw.TextField(default="")


class ShiftHandover(BaseModel):
    """交接班记录: what one shift hands to the next; the next shift acknowledges it."""

    by = pw.ForeignKeyField(Staff, backref="handovers")
    at = pw.DateTimeField(default=now, index=True)
    content = pw.TextField()
    acknowledged_by = pw.ForeignKeyField(Staff, null=True, backref="acknowledged_handovers")
    acknowledged_at = pw.DateTimeField(null=True)


class EscalationReport(BaseModel):
    """请示报告: goes up level by level; an emergency may skip a level but is then reported to the skipped one."""

    ticket = pw.ForeignKeyField(Ticket, null=True, backref="reports", on_delete="SET NULL")
    by = pw.ForeignKeyField(Staff, backref="reports_made")
    to = pw.ForeignKeyField(Staff, backref="reports_received")
    level = pw.IntegerField()                   # the level of the recipient
    content = pw.TextField()
    emergency = pw.BooleanField(default=False)
    skipped = pw.ForeignKeyField(Staff, null=True, backref="reports_skipped")   # informed afterwards
    created_at = pw.DateTimeField(default=now)
    answered_at = pw.DateTimeField(null=True)
    answer = pw.TextField(default="")


class ConstructionTask(BaseModel):
    """FTTH 待装工单建设任务单: resources exhausted, a contractor adds cable (cores, metres) by a date."""

    ticket = pw.ForeignKeyField(Ticket, backref="construction_tasks", on_delete="CASCADE")
    number = pw.CharField(unique=True, max_length=20)          # 2026-0001
    contractor = pw.CharField(max_length=100)
    item = pw.CharField(default="分纤箱", max_length=60)        # what is added: 分纤箱 / 分光器
    cable_cores = pw.IntegerField(null=True)
    cable_metres = pw.IntegerField(null=True)
    due_date = pw.DateField()
    dispatched_by = pw.ForeignKeyField(Staff, backref="construction_dispatched")
    dispatched_at = pw.DateTimeField(default=now)
    marketing_confirmed_by = pw.CharField(default="", max_length=60)
    marketing_confirmed_at = pw.DateTimeField(null=True)
    done_at = pw.DateTimeField(null=True)
    resources_entered = pw.BooleanField(default=False)
    maintainer_name = pw.CharField(default="", max_length=60)
    maintainer_phone = pw.CharField(default="", max_length=40)
    maintainer_notified_at = pw.DateTimeField(null=True)


V2_MODELS: list[type[BaseModel]] = [
    Area, CatalogueEntry, RoutingRule, KindWorkflow, Notification, Outbox, Circulation, ShiftHandover,
    EscalationReport, ConstructionTask,
]
ALL_MODELS: list[type[BaseModel]] = V1_MODELS + V2_MODELS


# ----- schema version 3: the seed's procedures exactly (rule book, audit log, inspections) ----------------------

# New columns of existing tables, added by the version-3 migration.
V3_COLUMNS: dict[type[BaseModel], list[str]] = {}


def _v3_column(model: type[BaseModel], name: str, field: pw.Field) -> None:
    model._meta.add_field(name, field)
    V3_COLUMNS.setdefault(model, []).append(name)


# 二级客服: the areas (片区) of his jurisdiction, ";"-separated; empty: the whole territory (headquarters).
_v3_column(Staff, "jurisdiction", pw.CharField(default="", max_length=400))
# 返单: the completed slip came back (worker → department supervisor → front desk) before the return visit.
_v3_column(Ticket, "slip_returned_at", pw.DateTimeField(null=True))
# When a policy's clocks start: at intake (受理) or when the department's receiver receives the ticket (收到工单).
_v3_column(PolicyRecord, "starts_at", pw.CharField(default="intake", max_length=20))
# Whether 未完结 pauses the policy's clocks (FTTH's whole-flow limit does not pause).
_v3_column(PolicyRecord, "pausable", pw.BooleanField(default=True))
# 派单部门 of a construction task sheet (the preset's FTTH dispatch department, e.g. 网络部).
_v3_column(ConstructionTask, "dispatch_department", pw.CharField(default="", max_length=100))


class AuditLog(BaseModel):
    """Append-only record of changes of configuration and staff: who, when, what, before and after."""

    at = pw.DateTimeField(default=now, index=True)
    actor = pw.ForeignKeyField(Staff, null=True, backref="audit_entries", on_delete="SET NULL")
    entity = pw.CharField(max_length=40)           # staff, department, policy, calendar, setting, ...
    entity_id = pw.CharField(default="", max_length=60)
    action = pw.CharField(max_length=40)
    detail = pw.TextField(default="")


V3_MODELS: list[type[BaseModel]] = [AuditLog]
ALL_MODELS = ALL_MODELS + V3_MODELS


class Inspection(BaseModel):
    """巡视 / 周检 / 月检: one round of the estate, or one check with the property company's person who co-signs it.
    Finished (a patrol) or co-signed (a check), it is read-only."""

    kind = pw.CharField(max_length=20)                        # core.inspections.InspectionKind
    started_at = pw.DateTimeField(index=True)
    finished_at = pw.DateTimeField(null=True)
    inspector = pw.ForeignKeyField(Staff, backref="inspections")
    area = pw.CharField(default="", max_length=100)           # estate or route walked
    co_signer = pw.CharField(default="", max_length=60)       # the property company's person (物业相关人员)
    co_signed_at = pw.DateTimeField(null=True)
    note = pw.TextField(default="")


class InspectionItem(BaseModel):
    """One line of an inspection: a checklist item's result (ok, or the problem), or a problem found on patrol;
    a problem's follow-up: the notice to the property company (numbered per kind and year) or the ticket made."""

    inspection = pw.ForeignKeyField(Inspection, backref="items", on_delete="CASCADE")
    item_code = pw.CharField(null=True, max_length=10)        # checklist item "1.1.3"; null: a free finding
    ok = pw.BooleanField(default=False)
    problem = pw.TextField(default="")
    location = pw.CharField(default="", max_length=200)
    responsibility = pw.CharField(null=True, max_length=20)   # core.inspections.Responsibility
    serious = pw.BooleanField(default=False)                  # 情节严重
    photo_path = pw.CharField(default="", max_length=500)
    found_at = pw.DateTimeField()
    recorded_by = pw.ForeignKeyField(Staff, backref="inspection_items")
    notice = pw.CharField(default="none", max_length=30)      # core.inspections.Notice
    notice_number = pw.CharField(null=True, max_length=20)    # 2026-0001 for a 工作联系单 / 整改通知单
    notified_to = pw.CharField(default="", max_length=100)    # who at the property company was told
    rectify_by = pw.DateTimeField(null=True)
    ticket = pw.ForeignKeyField(Ticket, null=True, backref="inspection_items", on_delete="SET NULL")
    manager_notified_at = pw.DateTimeField(null=True)         # 上报项目经理
    followed_up_by = pw.ForeignKeyField(Staff, null=True, backref="inspection_follow_ups")
    followed_up_at = pw.DateTimeField(null=True)
    rectified_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = (
            (("inspection", "item_code"), True),
            (("notice", "notice_number"), True),
        )


V3_MODELS.extend([Inspection, InspectionItem])
ALL_MODELS.extend([Inspection, InspectionItem])


# ----- schema version 4: the register's sign-off, the return-visit record, the summary's indexes -----------------


def _v4_index(model: type[BaseModel], *names: str) -> None:
    """An index of an existing table, added by the version-4 migration (its CREATE INDEX is frozen there)."""
    model._meta.indexes = [*model._meta.indexes, (names, False)]


# The summary counts clocks by kind over a period (due or started in it) and tickets resolved in a period.


_v4_index(Clock, "kind", "deadline")
_v4_index(Clock, "kind", "started_at")
_v4_index(Ticket, "resolved_at")


class RegisterDay(BaseModel):
    """来电来访登记表, one day of it signed by the customer-service supervisor ("客服主管每日审核签字"); its lines are
    read-only from then on."""

    day = pw.DateField(unique=True)
    signed_by = pw.ForeignKeyField(Staff, backref="signed_register_days")
    signed_at = pw.DateTimeField()
    calls = pw.IntegerField()                       # how many lines the signature covers
    note = pw.TextField(default="")


class RegisterMonth(BaseModel):
    """A month of the register archived ("月度存档") once every day of it with calls was signed."""

    month = pw.CharField(unique=True, max_length=7)    # "2026-11"
    archived_by = pw.ForeignKeyField(Staff, backref="archived_register_months")
    archived_at = pw.DateTimeField()
    days = pw.IntegerField()                        # signed days
    calls = pw.IntegerField()


class ReturnVisit(BaseModel):
    """回访: one return visit of a ticket and the customer's satisfaction (core.kinds.Satisfaction); an unsatisfied one
    reopened the ticket. Append-only, like the history it is also written to (database triggers refuse edits)."""

    ticket = pw.ForeignKeyField(Ticket, backref="return_visits", on_delete="RESTRICT")
    at = pw.DateTimeField(index=True)
    by = pw.ForeignKeyField(Staff, null=True, backref="return_visits")
    satisfaction = pw.CharField(max_length=20)
    note = pw.TextField(default="")
    reopened = pw.BooleanField(default=False)


V4_MODELS: list[type[BaseModel]] = [RegisterDay, RegisterMonth, ReturnVisit]
ALL_MODELS.extend(V4_MODELS)


# ----- schema version 5: the numbers of printed forms ------------------------------------------------------------


class FormIssue(BaseModel):
    """The number a printed form carries: one row per form and thing printed (its ref: a ticket number, a register's
    period, an inspection item), the number drawn at its first print and kept for every reprint (补打)."""

    form = pw.CharField(max_length=30)          # core.papers.FormKind
    ref = pw.CharField(max_length=100)          # what was printed, e.g. "2026-000123", "calls:2026-11-01:2026-11-30"
    number = pw.CharField(max_length=20)        # 2026-0001
    year = pw.IntegerField()                    # the year the number counts in
    first_by = pw.ForeignKeyField(Staff, backref="forms_first_printed")
    first_at = pw.DateTimeField()
    last_by = pw.ForeignKeyField(Staff, backref="forms_last_printed")
    last_at = pw.DateTimeField()
    times = pw.IntegerField(default=1)          # prints so far, the first included

    class Meta:
        indexes = (
            (("form", "ref"), True),
            (("form", "number"), True),
        )


V5_MODELS: list[type[BaseModel]] = [FormIssue]
ALL_MODELS.extend(V5_MODELS)


# ----- schema version 6: the customer archive, the knowledge base, follow-up calls, search indexes ---------------

# New columns of existing tables, added by the version-6 migration (tools/freeze_ddl.py schema:V6_COLUMNS).
V6_COLUMNS: dict[type[BaseModel], list[str]] = {}


def _v6_column(model: type[BaseModel], name: str, field: pw.Field) -> None:
    model._meta.add_field(name, field)
    V6_COLUMNS.setdefault(model, []).append(name)


# The butler procedure 4.1.1 (客户个性化档案): 家庭人口数量、职业、年龄、兴趣爱好、特长、宠物情况、关注的节日、个性化需求.
_v6_column(Customer, "household_size", pw.IntegerField(null=True))
_v6_column(Customer, "occupation", pw.CharField(default="", max_length=60))
_v6_column(Customer, "birth_year", pw.IntegerField(null=True))
_v6_column(Customer, "interests", pw.CharField(default="", max_length=200))
_v6_column(Customer, "specialties", pw.CharField(default="", max_length=200))
_v6_column(Customer, "pets", pw.CharField(default="", max_length=200))
_v6_column(Customer, "festivals", pw.CharField(default="", max_length=200))
_v6_column(Customer, "needs", pw.TextField(default=""))
# Search keys kept by the service on every write: the name's pinyin (zhangsan) and initials (zs), prefix-searched by
# index, and one text of name, every number, address, member and note for the full-text index (FTS5 trigram on SQLite,
# pg_trgm on PostgreSQL).
_v6_column(Customer, "name_pinyin", pw.CharField(default="", max_length=200, index=True))
_v6_column(Customer, "name_initials", pw.CharField(default="", max_length=60, index=True))
_v6_column(Customer, "search_text", pw.TextField(default=""))
_v6_column(Customer, "updated_at", pw.DateTimeField(null=True))
# A duplicate merged into another archive keeps its row (and its id in old audit rows) and points at the survivor.
_v6_column(Customer, "merged_into", pw.ForeignKeyField(Customer, null=True, field=Customer.id, on_delete="SET NULL"))
# Optimistic lock, as a ticket's: every update bumps it.
_v6_column(Customer, "version", pw.IntegerField(default=1))
# A line of the register is a call or visit that came in, or a call the desk made (回访, 定期电话访问跟踪).
_v6_column(CallRecord, "direction", pw.CharField(default="in", max_length=3))


class CustomerNumber(BaseModel):
    """One number of a customer: E.164 for the exact lookup, the national digits (13812345678, 01062345678) for the
    prefix lookup while the number is typed, an extension apart (分机)."""

    customer = pw.ForeignKeyField(Customer, backref="numbers", on_delete="CASCADE")
    number = pw.CharField(max_length=40, index=True)
    digits = pw.CharField(max_length=20, index=True)
    extension = pw.CharField(default="", max_length=10)
    label = pw.CharField(default="", max_length=20)       # 手机 / 家庭 / 单位 ...
    position = pw.IntegerField(default=0)


class CustomerAddress(BaseModel):
    """One address of a customer (a household may own several units), with its area (片区)."""

    customer = pw.ForeignKeyField(Customer, backref="addresses", on_delete="CASCADE")
    address = pw.CharField(max_length=200)
    area = pw.CharField(default="", max_length=60)
    label = pw.CharField(default="", max_length=20)
    position = pw.IntegerField(default=0)


class CustomerMember(BaseModel):
    """A member of the customer's household (家庭成员): who, relation, age, occupation, interests."""

    customer = pw.ForeignKeyField(Customer, backref="members", on_delete="CASCADE")
    name = pw.CharField(default="", max_length=100)
    relation = pw.CharField(default="", max_length=20)
    birth_year = pw.IntegerField(null=True)
    occupation = pw.CharField(default="", max_length=60)
    interests = pw.CharField(default="", max_length=200)
    phone = pw.CharField(default="", max_length=40)
    note = pw.CharField(default="", max_length=200)
    position = pw.IntegerField(default=0)


class KbArticle(BaseModel):
    """知识库: a question and its answer, as the desk gives it; an answer agreed at the weekly team meeting (班务会
    "总结出统一的答复口径") comes in with its source and date."""

    question = pw.TextField()
    answer = pw.TextField()
    kind = pw.CharField(default="", max_length=20)        # core.kinds.TicketKind value, or "" for any
    tags = pw.CharField(default="", max_length=200)       # space-separated
    author = pw.ForeignKeyField(Staff, backref="kb_articles")
    created_at = pw.DateTimeField()
    updated_by = pw.ForeignKeyField(Staff, null=True, backref="kb_articles_updated")
    updated_at = pw.DateTimeField()
    source = pw.CharField(default="", max_length=20)      # "" written at the desk, "meeting" 班务会, "ticket"
    source_ticket = pw.ForeignKeyField(Ticket, null=True, backref="kb_articles", on_delete="SET NULL")
    meeting_on = pw.DateField(null=True)
    retired = pw.BooleanField(default=False)
    version = pw.IntegerField(default=1)


# "answered from the knowledge base": the article that solved the call at first contact.
_v6_column(CallRecord, "kb_article", pw.ForeignKeyField(KbArticle, null=True, field=KbArticle.id,
                                                        on_delete="SET NULL"))


class FollowUp(BaseModel):
    """定期电话访问跟踪: a call the desk plans after a complaint or a repair ("在完成对客户的投诉或者是报修后，要定期
    对客户进行电话访问跟踪"); done by an outgoing register line."""

    customer = pw.ForeignKeyField(Customer, null=True, backref="follow_ups", on_delete="SET NULL")
    ticket = pw.ForeignKeyField(Ticket, null=True, backref="follow_ups", on_delete="SET NULL")
    name = pw.CharField(default="", max_length=100)       # whom to call, as on the ticket
    phone = pw.CharField(default="", max_length=40)       # E.164
    reason = pw.CharField(max_length=20)                  # complaint / repair / periodic
    due_on = pw.DateField()
    state = pw.CharField(default="planned", max_length=10)    # planned / done / cancelled
    planned_by = pw.ForeignKeyField(Staff, null=True, backref="follow_ups_planned")
    planned_at = pw.DateTimeField()
    done_by = pw.ForeignKeyField(Staff, null=True, backref="follow_ups_done")
    done_at = pw.DateTimeField(null=True)
    call = pw.ForeignKeyField(CallRecord, null=True, backref="follow_ups", on_delete="SET NULL")
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("state", "due_on"), False),)


# Short names (潘洋), which trigrams cannot find, are found by the name's prefix; the 二级客服's counts by area.
_V6_INDEXES = (("caller_name",), ("area",))
for _names in _V6_INDEXES:
    Ticket._meta.indexes = [*Ticket._meta.indexes, (_names, False)]

V6_MODELS: list[type[BaseModel]] = [CustomerNumber, CustomerAddress, CustomerMember, KbArticle, FollowUp]
ALL_MODELS.extend(V6_MODELS)


# ----- schema version 7: saves replayed after an outage ----------------------------------------------------------


class ClientRequest(BaseModel):
    """A save made under the desk's own key (an intake kept on disk while the database could not be reached): when it
    is replayed, the key finds the rows written the first time instead of writing them twice."""

    key = pw.CharField(max_length=36, unique=True)    # a UUID made by the desk when the save was first tried
    kind = pw.CharField(max_length=20)                 # "intake" (a call and its ticket), "call"
    call = pw.ForeignKeyField(CallRecord, null=True, backref="client_requests")
    ticket = pw.ForeignKeyField(Ticket, null=True, backref="client_requests")
    at = pw.DateTimeField()


V7_MODELS: list[type[BaseModel]] = [ClientRequest]
ALL_MODELS.extend(V7_MODELS)


# ----- schema version 8: the queue pages by key on every sortable column ----------------------------------------
# The table is read a page at a time after (or before) a row's (sort value, id): each sort column needs an index
# ending in the id, or the database sorts the whole queue for every page (1,000,000 tickets: 0.3-2 s a page by state,
# kind or priority; bench/bench_window.py). The others have one: the id itself, caller_name, department_id,
# created_at and due_at (on SQLite every index ends in the rowid, the id; PostgreSQL adds the id in an incremental
# sort of the few rows sharing a value).
V8_INDEXES = (("state", "id"), ("kind", "id"), ("priority", "id"))
for _names in V8_INDEXES:
    Ticket._meta.indexes = [*Ticket._meta.indexes, (_names, False)]
