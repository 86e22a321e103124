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


class Customer(BaseModel):
    """客户档案: one household or business; phones are stored normalised (digits only, mainland numbers without +86)."""

    name = pw.CharField(max_length=100)
    phone = pw.CharField(max_length=40, index=True)
    phone2 = pw.CharField(default="", max_length=40, index=True)
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


ALL_MODELS: list[type[BaseModel]] = [
    SchemaVersion, Setting, Department, Staff, Customer, CallRecord, Ticket, Clock, ClockPause, History,
    CalendarOverride, CalendarYear, NumberSequence, PolicyRecord,
]
