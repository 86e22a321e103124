"""Plain read-only views of tickets for screens and printing: no database objects leave the service layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class TicketRow:
    """One line of a queue."""

    id: int
    number: str
    state: str
    kind: str
    priority: int
    caller_name: str
    phone: str
    address: str
    department: str
    receiver: str
    created_at: datetime
    due_at: datetime | None
    warn_at: datetime | None
    due_clock: str | None
    provisional: bool
    version: int


@dataclass(frozen=True)
class ClockView:
    kind: str
    limit: str
    started_at: datetime
    deadline: datetime | None
    warn_at: datetime | None
    stopped_at: datetime | None
    paused: bool
    provisional: bool


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str | None
    note: str


@dataclass(frozen=True)
class TicketDetail:
    id: int
    number: str
    version: int
    state: str
    kind: str
    variant: str
    severity: str | None
    channel: str
    category: str
    urgency: str
    impact: str
    priority: int
    policy_code: str
    customer_id: int | None
    caller_name: str
    phone: str
    address: str
    area: str
    description: str
    department_id: int | None
    department: str
    receiver: str
    worker: str
    created_by: str
    created_at: datetime
    accepted_at: datetime
    dispatched_at: datetime | None
    appointment_at: datetime | None
    resolved_at: datetime | None
    solution: str
    satisfaction: str | None
    archived_at: datetime | None
    due_at: datetime | None
    warn_at: datetime | None
    provisional: bool
    clocks: list[ClockView] = field(default_factory=list)
    history: list[HistoryLine] = field(default_factory=list)
    # The seed's full workflow: routing, complaint level and escalation, quarantine, paid repairs, patrol deadlines.
    scope: str = ""                          # core.routing.Scope
    station: str = ""
    routed: str = ""                         # core.routing.Routed: 直派 / 转派
    sensitive: bool = False
    complaint_level: str | None = None       # core.kinds.ComplaintLevel: 诉求 / 申告
    linked_ticket_id: int | None = None      # the earlier complaint a 申告 repeats
    linked_ticket_number: str = ""
    linked_from: list[tuple[int, str]] = field(default_factory=list)   # (id, number) of later repeats of this one
    escalation: str | None = None            # core.kinds.Escalation
    quarantined: bool = False
    quoted_price: Decimal | None = None
    owner_consent: bool | None = None
    rectify_by: datetime | None = None
    reply_note: str = ""
    slip_returned_at: datetime | None = None     # 返单


@dataclass(frozen=True)
class CustomerCard:
    """What the desk sees when a caller's number is typed: the customer and their open and recent tickets."""

    id: int
    name: str
    phone: str
    phone2: str
    address: str
    area: str
    notes: str
    open_tickets: list[TicketRow]
    recent_tickets: list[TicketRow]
    calls_count: int


@dataclass(frozen=True)
class DepartmentView:
    id: int
    name: str
    receiver_id: int | None
    receiver: str


@dataclass(frozen=True)
class StaffView:
    id: int
    username: str
    name: str
    role: str
    department_id: int | None
    department: str


@dataclass(frozen=True)
class ClockPreview:
    kind: str                 # core.policies.ClockKind
    limit: str                # e.g. "3wd"
    at_receipt: bool          # starts when the department receives the ticket, not at intake
    deadline: datetime | None  # for a clock starting now


@dataclass(frozen=True)
class IntakePreview:
    """What a ticket typed at the desk would get, as the service will decide it: priority from the configured
    matrix, the clocks of the configured policy, and the route of the configured rules."""

    priority: int
    policy: str
    clocks: list[ClockPreview]
    routed: str               # core.routing.Routed: direct / transfer
    department: str = ""
    receiver: str = ""
    rule: str = ""
