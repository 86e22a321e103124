"""The rule book: from a ticket's facts, an actor and the configuration, whether an action or operation is allowed,
and if not, why. The services enforce these answers and nothing else; the windows and the command line show them.

Every refusal is a template in the "DeskError" translation context with its parameters, so the same sentence reaches
the tooltip of a disabled button, the message of a refused service call and the `ticket actions` command.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from desk_app.core.errors import DeskError, PermissionDenied
from desk_app.core.kinds import Channel, Role, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, register
from desk_app.core.permissions import DEPARTMENT_BOUND, ROLE_PERMISSIONS, Operation
from desk_app.core.policies import Variant
from desk_app.core.states import HANDLING_STATES, OPEN_STATES, TRANSITIONS, Action, State
from desk_app.core.workflow import DEPARTMENT_STEPS, STATE_STEP, STEP_ROLE, STEP_STATE, Step, Workflow, workflow_for

STAND_INS = frozenset({Role.SUPERVISOR, Role.ADMIN})
# Roles that work at the desk: for them a ticket's sensitivity and the owner's consent are ticket edits.
DESK_ROLES = frozenset({Role.RECEPTIONIST, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})
# Kinds whose work is done on site with a printed dispatch slip that comes back (返单) before the return visit.
SLIP_KINDS = frozenset({TicketKind.REPAIR, TicketKind.FAULT, TicketKind.MAINTENANCE, TicketKind.INSPECTION})


class TicketOp(StrEnum):
    """Things done to a ticket that are not state transitions."""

    VIEW = "view"
    ESCALATE = "escalate"
    SENSITIVE = "sensitive"
    CIRCULATE = "circulate"
    QUOTE = "quote"
    CONSENT = "consent"
    CONSTRUCTION_OPEN = "construction_open"
    CONSTRUCTION_CONFIRM = "construction_confirm"
    CONSTRUCTION_DONE = "construction_done"
    PRINT_SLIP = "print_slip"


register({
    TicketOp.VIEW: (QT_TRANSLATE_NOOP("Label", "View"), "查看"),
    TicketOp.ESCALATE: (QT_TRANSLATE_NOOP("Label", "Escalate"), "升级处理"),
    TicketOp.SENSITIVE: (QT_TRANSLATE_NOOP("Label", "Mark sensitive"), "标记敏感"),
    TicketOp.CIRCULATE: (QT_TRANSLATE_NOOP("Label", "Circulate in the department"), "部门内公告传阅"),
    TicketOp.QUOTE: (QT_TRANSLATE_NOOP("Label", "Quote a paid repair"), "有偿维修报价"),
    TicketOp.CONSENT: (QT_TRANSLATE_NOOP("Label", "Owner's answer to the price"), "业主意见"),
    TicketOp.CONSTRUCTION_OPEN: (QT_TRANSLATE_NOOP("Label", "Issue a construction task"), "开具建设任务单"),
    TicketOp.CONSTRUCTION_CONFIRM: (QT_TRANSLATE_NOOP("Label", "Marketing confirms construction"), "营销部门确认"),
    TicketOp.CONSTRUCTION_DONE: (QT_TRANSLATE_NOOP("Label", "Construction done"), "施工完毕"),
    TicketOp.PRINT_SLIP: (QT_TRANSLATE_NOOP("Label", "Print the dispatch slip"), "打印派工单"),
})

Capability = Action | TicketOp

# The permission of the role table each operation needs (who may, before the ticket's facts are looked at).
_OP_PERMISSION: dict[TicketOp, Operation | None] = {
    TicketOp.VIEW: None,
    TicketOp.ESCALATE: Operation.ESCALATE,
    TicketOp.SENSITIVE: Operation.ESCALATE,     # desk roles: EDIT_TICKET (see _op_permission)
    TicketOp.CIRCULATE: Operation.CIRCULATE,
    TicketOp.QUOTE: Operation.QUOTE,
    TicketOp.CONSENT: Operation.QUOTE,          # the department as quoting party; desk roles: EDIT_TICKET
    TicketOp.CONSTRUCTION_OPEN: Operation.CONSTRUCTION,
    TicketOp.CONSTRUCTION_CONFIRM: None,   # the marketing department, whatever its members' roles
    TicketOp.CONSTRUCTION_DONE: Operation.CONSTRUCTION,
    TicketOp.PRINT_SLIP: Operation.PRINT_SLIP,
}
# Where a paid repair is quoted: once the department has it, before it is solved.
QUOTE_STATES = frozenset(HANDLING_STATES | {State.DISPATCHED})
# Sensitivity decides the approval path, so it can change until the path is done.
SENSITIVE_STATES = frozenset(OPEN_STATES - {State.RESOLVED})
# 10086: where 网管数据中心 may find a data problem and send the ticket back to 客服中心. The 10086 center receives
# complaints through 10086 itself, business halls and 12530 alike (投诉工单流程: 诉求 / 申告).
DATA_RETURN_CHANNELS = frozenset({Channel.HOTLINE_10086, Channel.HOTLINE_12530, Channel.BUSINESS_HALL})
# The front desk's own steps: a sensitive ticket is visible to it while it waits there (dispatch, reply, 返单,
# return visit, archive).
DESK_STATES = frozenset({State.NEW, State.RETURNED, State.PENDING_REPLY, State.RESOLVED, State.VISITED})


@dataclass(frozen=True)
class ActorFacts:
    """The acting person as the database has them now (re-read for every command)."""

    id: int
    role: Role
    department_id: int | None = None
    active: bool = True
    # 二级客服: the areas of his jurisdiction; empty means the whole territory.
    jurisdiction: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TicketFacts:
    """What the rules look at in a ticket."""

    state: State
    kind: TicketKind
    number: str = ""
    variant: str = ""
    channel: str = ""
    area: str = ""
    department_id: int | None = None
    sensitive: bool = False
    quarantined: bool = False
    quoted: bool = False
    owner_consent: bool | None = None
    appointment: bool = False
    slip_returned: bool = False
    # The stage of the construction task not finished yet: None, "dispatched" or "confirmed".
    construction: str | None = None
    # Any construction task at all (finished or not): the marketing department confirms them and may read the install.
    construction_tasks: bool = False
    circulated_to: frozenset[int] = frozenset()


@dataclass(frozen=True)
class RuleConfig:
    """The configuration the rules read (from the configuration service)."""

    workflows: Mapping[str, Workflow] = field(default_factory=dict)
    # Steps taken by a department (10086 协调小组, 质检部门): step -> department id.
    step_departments: Mapping[Step, int] = field(default_factory=dict)
    marketing_department_id: int | None = None
    # The department that issues FTTH construction tasks (派单部门); None: the department holding the install.
    construction_department_id: int | None = None
    paid_consent_required: bool = True
    slip_return_required: bool = True


@dataclass(frozen=True)
class Verdict:
    """Allowed, or refused with a reason (a translatable template and its parameters)."""

    allowed: bool
    reason: str = ""
    params: Mapping[str, object] = field(default_factory=dict)
    # Allowed, but the action needs a reason typed by the user (退回, 挂起, 转派, ...).
    needs_reason: bool = False

    @property
    def waiting(self) -> bool:
        """Refused only because something must happen first (the owner's consent, the slip, ...)."""
        return not self.allowed and self.reason in WAITING_REASONS

    def render(self, template: str | None = None) -> str:
        return (template or self.reason).format(**self.params)

    def error(self) -> DeskError:
        """The refusal as the exception a service raises."""
        kind = PermissionDenied if self.reason in _PERMISSION_REASONS else DeskError
        return kind(self.reason, **self.params)


ALLOWED = Verdict(True)


def _no(reason: str, **params: object) -> Verdict:
    return Verdict(False, reason, params)


R_INACTIVE = QT_TRANSLATE_NOOP("DeskError", "Not allowed: your account is no longer active.")
R_ROLE = QT_TRANSLATE_NOOP("DeskError", "Not allowed: {role} may not do \u201c{action}\u201d here.")
R_DEPARTMENT = QT_TRANSLATE_NOOP("DeskError", "Not allowed: the ticket is held by another department.")
R_JURISDICTION = QT_TRANSLATE_NOOP("DeskError", "Not allowed: area \u201c{area}\u201d is outside your jurisdiction.")
R_READ = QT_TRANSLATE_NOOP("DeskError", "Not allowed: this ticket is not visible to you.")
R_SENSITIVE_READ = QT_TRANSLATE_NOOP("DeskError", "Not allowed: a sensitive ticket is shown only to the people on "
                                                  "its approval path.")
R_STEP = QT_TRANSLATE_NOOP("DeskError", "Not allowed: this step is for the {step_role}, not the {role}.")
R_STEP_DEPARTMENT = QT_TRANSLATE_NOOP("DeskError", "Not allowed: the step \u201c{step}\u201d is taken by its "
                                                   "department.")
R_STATE = QT_TRANSLATE_NOOP("DeskError", "Ticket {number} is \u201c{state}\u201d: \u201c{action}\u201d is not possible now.")
R_ARCHIVED = QT_TRANSLATE_NOOP("DeskError", "Ticket {number} is archived and read-only.")
R_QUARANTINE = QT_TRANSLATE_NOOP("DeskError", "In quarantine until the caller is registered as a customer.")
R_CONSENT = QT_TRANSLATE_NOOP("DeskError", "A paid repair starts only after the owner agreed to the quoted price.")
R_CONSTRUCTION = QT_TRANSLATE_NOOP("DeskError", "The construction task of this install is not finished yet.")
R_SLIP = QT_TRANSLATE_NOOP("DeskError", "The dispatch slip has not come back yet (返单).")
R_NOT_PAID = QT_TRANSLATE_NOOP("DeskError", "Only a paid repair is quoted.")
R_NO_QUOTE = QT_TRANSLATE_NOOP("DeskError", "There is no quoted price to agree to yet.")
R_NOT_COMPLAINT = QT_TRANSLATE_NOOP("DeskError", "Only a complaint is escalated.")
R_NOT_FTTH = QT_TRANSLATE_NOOP("DeskError", "A construction task belongs to an FTTH install that a department "
                                            "is handling.")
R_TASK_OPEN = QT_TRANSLATE_NOOP("DeskError", "The install has a construction task that is not finished.")
R_TASK_STAGE = QT_TRANSLATE_NOOP("DeskError", "The construction task is not at this stage.")
R_MARKETING = QT_TRANSLATE_NOOP("DeskError", "The marketing department confirms construction.")
R_NOT_10086 = QT_TRANSLATE_NOOP("DeskError", "Only a complaint of the 10086 center (10086, 12530, business hall) "
                                           "goes back on a data problem.")
R_NO_SLIP = QT_TRANSLATE_NOOP("DeskError", "This kind of ticket has no dispatch slip to return.")
R_SLIP_DONE = QT_TRANSLATE_NOOP("DeskError", "The slip has come back already.")
R_NO_DEPARTMENT = QT_TRANSLATE_NOOP("DeskError", "Not allowed: you belong to no department.")

# Refusals that mean "yours, but not yet": the window shows such an action disabled, with the reason as tooltip.
WAITING_REASONS = frozenset({R_QUARANTINE, R_CONSENT, R_CONSTRUCTION, R_SLIP})

_PERMISSION_REASONS = frozenset({R_INACTIVE, R_ROLE, R_DEPARTMENT, R_JURISDICTION, R_READ, R_SENSITIVE_READ, R_STEP,
                                 R_STEP_DEPARTMENT, R_MARKETING, R_NO_DEPARTMENT})


# ----- reading -----------------------------------------------------------------------------------------------------


def path_steps(ticket: TicketFacts, config: RuleConfig) -> list[Step]:
    return workflow_for(ticket.kind, dict(config.workflows), ticket.channel).path(ticket.sensitive)


def step_departments_of(actor: ActorFacts, config: RuleConfig) -> frozenset[Step]:
    """The department steps the actor's department takes (as its receiver or leader)."""
    if actor.department_id is None or actor.role not in (Role.RECEIVER, Role.LEADER):
        return frozenset()
    return frozenset(step for step, dept in config.step_departments.items() if dept == actor.department_id)


@dataclass(frozen=True)
class ReadScope:
    """Which tickets a person may read, in a form the queries turn into SQL (and `can_read` checks one ticket by).

    A ticket is visible when it is held by one of `departments`, or waits in one of `states`, or was circulated to
    `circulated_department` and is not sensitive, or `everything` holds; a sensitive ticket outside `departments`
    only if its kind is in `sensitive_kinds` (None: every kind). `areas`, when set, restricts all of it to a
    jurisdiction.
    """

    everything: bool = False
    departments: frozenset[int] = frozenset()
    states: frozenset[State] = frozenset()
    circulated_department: int | None = None
    # Sensitive tickets readable besides those held: their workflow key ("complaint" or "complaint@10086") is in
    # `sensitive_kinds` (None: every one), or they wait in one of `sensitive_states` (the desk's own steps).
    sensitive_kinds: frozenset[str] | None = frozenset()
    sensitive_states: frozenset[State] = frozenset()
    # The kind@channel keys that have a workflow of their own: such a ticket follows that one, not its kind's.
    channel_keys: frozenset[str] = frozenset()
    areas: frozenset[str] | None = None
    # FTTH: the department issuing construction tasks reads every install; marketing those with a task.
    kinds: frozenset[str] = frozenset()
    construction: bool = False


def read_scope(actor: ActorFacts, config: RuleConfig) -> ReadScope:
    """What the actor may read: the rule of confidentiality by role."""
    if not actor.active:
        return ReadScope()
    role = actor.role
    if role in STAND_INS:
        return ReadScope(everything=True, sensitive_kinds=None)
    if role in DEPARTMENT_BOUND:
        if actor.department_id is None:
            return ReadScope()
        states = frozenset(STEP_STATE[step] for step in step_departments_of(actor, config))
        kinds = frozenset({TicketKind.FTTH_INSTALL.value}) \
            if actor.department_id == config.construction_department_id else frozenset()
        return ReadScope(departments=frozenset({actor.department_id}), states=states,
                         circulated_department=actor.department_id, kinds=kinds,
                         construction=actor.department_id == config.marketing_department_id)
    # Desk and center roles read the whole center's tickets; a sensitive one only where their step is on its path
    # (and the front desk at its own steps: dispatch, reply, return visit, archive).
    step_of_role = {step for step, step_role in STEP_ROLE.items() if step_role == role and step not in DEPARTMENT_STEPS}
    workflows = dict(config.workflows)
    channel_keys = frozenset(key for key in workflows if "@" in key)
    kinds = frozenset(kind.value for kind in TicketKind if set(workflow_for(kind, workflows).path(True)) & step_of_role)
    kinds |= frozenset(key for key in channel_keys if set(workflows[key].path(True)) & step_of_role)
    states = DESK_STATES if role == Role.RECEPTIONIST else frozenset()
    areas = actor.jurisdiction if role == Role.DISPATCHER and actor.jurisdiction else None
    return ReadScope(everything=True, sensitive_kinds=kinds, sensitive_states=states, channel_keys=channel_keys,
                     areas=areas)


def workflow_key_of(ticket: TicketFacts, scope: ReadScope) -> str:
    """The key of the workflow a ticket follows: its kind on its channel where one is configured, else its kind."""
    key = f"{ticket.kind}@{ticket.channel}"
    return key if key in scope.channel_keys else str(ticket.kind)


def can_read(actor: ActorFacts, ticket: TicketFacts, config: RuleConfig) -> Verdict:
    """May the actor see this ticket at all (detail, history, customer data on it)?"""
    if not actor.active:
        return _no(R_INACTIVE)
    scope = read_scope(actor, config)
    if scope.areas is not None and ticket.area not in scope.areas:
        return _no(R_JURISDICTION, area=ticket.area or "—")
    held = ticket.department_id is not None and ticket.department_id in scope.departments
    if held or ticket.state in scope.states or (ticket.kind in scope.kinds and not ticket.sensitive) \
            or (scope.construction and ticket.construction_tasks and not ticket.sensitive):
        return ALLOWED
    circulated = scope.circulated_department is not None and scope.circulated_department in ticket.circulated_to
    if not (scope.everything or circulated):
        return _no(R_READ)
    if ticket.sensitive and scope.sensitive_kinds is not None:
        if circulated or not (workflow_key_of(ticket, scope) in scope.sensitive_kinds
                              or ticket.state in scope.sensitive_states):
            return _no(R_SENSITIVE_READ)
    return ALLOWED


# ----- acting ------------------------------------------------------------------------------------------------------


def _role_allows(actor: ActorFacts, permission: Action | Operation) -> bool:
    return permission in ROLE_PERMISSIONS[actor.role]


def _holds(actor: ActorFacts, ticket: TicketFacts) -> bool:
    """Department roles act on their own department's tickets only."""
    return actor.role not in DEPARTMENT_BOUND or (actor.department_id is not None
                                                  and actor.department_id == ticket.department_id)


def _in_jurisdiction(actor: ActorFacts, ticket: TicketFacts) -> bool:
    return not (actor.role == Role.DISPATCHER and actor.jurisdiction and ticket.area not in actor.jurisdiction)


def takes_step(actor: ActorFacts, state: State, config: RuleConfig, ticket: TicketFacts | None = None) -> Verdict:
    """Whether the actor takes the approval step waiting in `state`: its role (the leader of the ticket's own
    department for the leader step), the configured department for 协调小组/质检, or a supervisor or
    administrator standing in."""
    step = STATE_STEP.get(state)
    if step is None:
        return _no(R_STATE, number=ticket.number if ticket else "", state=state, action=Action.APPROVE)
    if actor.role in STAND_INS:
        return ALLOWED
    if step in DEPARTMENT_STEPS:
        if step in step_departments_of(actor, config):
            return ALLOWED
        return _no(R_STEP_DEPARTMENT, step=step)
    if actor.role != STEP_ROLE[step]:
        return _no(R_STEP, step_role=STEP_ROLE[step], role=actor.role)
    if step == Step.LEADER and ticket is not None and not _holds(actor, ticket):
        return _no(R_DEPARTMENT)
    return ALLOWED


def check(actor: ActorFacts, what: Capability, ticket: TicketFacts, config: RuleConfig) -> Verdict:
    """The rule book's answer for one action or operation on one ticket."""
    if not actor.active:
        return _no(R_INACTIVE)
    read = can_read(actor, ticket, config)
    if not read.allowed:
        return read
    if isinstance(what, TicketOp):
        return _check_op(actor, what, ticket, config)
    return _check_action(actor, Action(what), ticket, config)


def _check_action(actor: ActorFacts, action: Action, ticket: TicketFacts, config: RuleConfig) -> Verdict:
    transition = TRANSITIONS[action]
    state = ticket.state
    if action in (Action.APPROVE, Action.SEND_BACK):
        # Who approves is the step's business, not the role table's.
        if state not in transition.sources:
            return _no(R_STATE, number=ticket.number, state=state, action=action)
        verdict = takes_step(actor, state, config, ticket)
        return Verdict(True, needs_reason=transition.needs_reason) if verdict.allowed else verdict
    if not _role_allows(actor, action):
        return _no(R_ROLE, role=actor.role, action=action)
    if state == State.ARCHIVED:
        return _no(R_ARCHIVED, number=ticket.number)
    if state not in transition.sources:
        return _no(R_STATE, number=ticket.number, state=state, action=action)
    if not _holds(actor, ticket):
        return _no(R_DEPARTMENT)
    if not _in_jurisdiction(actor, ticket):
        return _no(R_JURISDICTION, area=ticket.area or "—")
    if action == Action.DISPATCH and ticket.quarantined:
        return _no(R_QUARANTINE)
    if action == Action.START and ticket.variant == Variant.PAID and config.paid_consent_required \
            and not ticket.owner_consent:
        return _no(R_CONSENT)
    if action == Action.RESOLVE and ticket.construction is not None:
        return _no(R_CONSTRUCTION)
    if action == Action.RETURN_SLIP:
        if ticket.kind not in SLIP_KINDS:
            return _no(R_NO_SLIP)
        if ticket.slip_returned:
            return _no(R_SLIP_DONE)
    if action == Action.VISIT and config.slip_return_required and ticket.kind in SLIP_KINDS \
            and not ticket.slip_returned:
        return _no(R_SLIP)
    if action == Action.DATA_RETURN and ticket.channel not in DATA_RETURN_CHANNELS:
        return _no(R_NOT_10086)
    return Verdict(True, needs_reason=transition.needs_reason)


def _op_permission(actor: ActorFacts, op: TicketOp) -> Operation | None:
    """The role-table permission an operation needs: for the desk, marking sensitive and recording the owner's answer
    are edits of the ticket."""
    if op in (TicketOp.SENSITIVE, TicketOp.CONSENT) and actor.role in DESK_ROLES:
        return Operation.EDIT_TICKET
    return _OP_PERMISSION[op]


def _check_op(actor: ActorFacts, op: TicketOp, ticket: TicketFacts, config: RuleConfig) -> Verdict:
    if op == TicketOp.VIEW:
        return ALLOWED
    permission = _op_permission(actor, op)
    if permission is not None and not _role_allows(actor, permission):
        return _no(R_ROLE, role=actor.role, action=op)
    if op == TicketOp.PRINT_SLIP:
        return ALLOWED
    state = ticket.state
    if state == State.ARCHIVED:
        return _no(R_ARCHIVED, number=ticket.number)
    if op == TicketOp.ESCALATE:
        if ticket.kind != TicketKind.COMPLAINT:
            return _no(R_NOT_COMPLAINT)
        if state not in OPEN_STATES:
            return _no(R_STATE, number=ticket.number, state=state, action=op)
        return ALLOWED if _holds(actor, ticket) else _no(R_DEPARTMENT)
    if op == TicketOp.SENSITIVE:
        if state not in SENSITIVE_STATES:
            return _no(R_STATE, number=ticket.number, state=state, action=op)
        return ALLOWED if _holds(actor, ticket) else _no(R_DEPARTMENT)
    if op == TicketOp.CIRCULATE:
        if actor.role not in STAND_INS and actor.department_id is None:
            return _no(R_NO_DEPARTMENT)
        return ALLOWED if _holds(actor, ticket) else _no(R_DEPARTMENT)
    if op in (TicketOp.QUOTE, TicketOp.CONSENT):
        if ticket.variant != Variant.PAID:
            return _no(R_NOT_PAID)
        if state not in QUOTE_STATES:
            return _no(R_STATE, number=ticket.number, state=state, action=op)
        if op == TicketOp.CONSENT:
            return ALLOWED if ticket.quoted else _no(R_NO_QUOTE)
        return ALLOWED if _holds(actor, ticket) else _no(R_DEPARTMENT)
    return _check_construction(actor, op, ticket, config)


def _issues_construction(actor: ActorFacts, ticket: TicketFacts, config: RuleConfig) -> bool:
    """The FTTH dispatch department (派单部门) of the configuration issues and closes construction tasks; without
    one, the department holding the install does."""
    if actor.role in STAND_INS:
        return True
    if actor.role not in DEPARTMENT_BOUND:
        return False
    if config.construction_department_id is not None:
        return actor.department_id in (config.construction_department_id, ticket.department_id)
    return _holds(actor, ticket)


def _check_construction(actor: ActorFacts, op: TicketOp, ticket: TicketFacts, config: RuleConfig) -> Verdict:
    if ticket.kind != TicketKind.FTTH_INSTALL or ticket.state not in HANDLING_STATES:
        return _no(R_NOT_FTTH)
    if op == TicketOp.CONSTRUCTION_OPEN:
        if ticket.construction is not None:
            return _no(R_TASK_OPEN)
        return ALLOWED if _issues_construction(actor, ticket, config) else _no(R_DEPARTMENT)
    if op == TicketOp.CONSTRUCTION_CONFIRM:
        if ticket.construction != "dispatched":
            return _no(R_TASK_STAGE)
        if actor.role in STAND_INS or (config.marketing_department_id is not None
                                       and actor.department_id == config.marketing_department_id):
            return ALLOWED
        return _no(R_MARKETING)
    if ticket.construction != "confirmed":
        return _no(R_TASK_STAGE)
    return ALLOWED if _issues_construction(actor, ticket, config) else _no(R_DEPARTMENT)


# The order in which a person meets the capabilities (the detail pane's buttons, the CLI's lines).
ACTION_ORDER: tuple[Action, ...] = tuple(TRANSITIONS)
OP_ORDER: tuple[TicketOp, ...] = tuple(op for op in TicketOp if op != TicketOp.VIEW)


def evaluate(actor: ActorFacts, ticket: TicketFacts, config: RuleConfig) -> list[tuple[Capability, Verdict]]:
    """Every action and operation with the rule book's answer, in the order a person meets them."""
    return [(what, check(actor, what, ticket, config)) for what in (*ACTION_ORDER, *OP_ORDER)]


# ----- things that are not about one ticket --------------------------------------------------------------------------


def may_operate(actor: ActorFacts, permission: Operation) -> Verdict:
    """A permission that is not about one ticket (record a call, administer, hand over a shift, ...)."""
    if not actor.active:
        return _no(R_INACTIVE)
    if not _role_allows(actor, permission):
        return _no(R_ROLE, role=actor.role, action=permission)
    return ALLOWED



def sees_contact(actor: ActorFacts) -> bool:
    """Who sees a customer's whole phone numbers and addresses: the roles that call or visit customers (the desk,
    the departments' receivers and field staff, their leaders, the supervisor, the administrator), those with
    VIEW_CUSTOMER. Everyone else (the approving-only office, center leader, audit) reads them masked (138****8000):
    queue rows, ticket details, the intake card and exports all ask this one question."""
    return actor.active and _role_allows(actor, Operation.VIEW_CUSTOMER)


def require(actor: ActorFacts, permission: Operation) -> None:
    """may_operate, enforced: PermissionDenied with the rule book's reason when refused."""
    verdict = may_operate(actor, permission)
    if not verdict.allowed:
        raise verdict.error()

def may_circulate_to(actor: ActorFacts, department_id: int | None) -> bool:
    """第十二条: a ticket is circulated (公告) inside one department, your own (supervisors and administrators: any)."""
    return actor.role in STAND_INS or (department_id is not None and actor.department_id == department_id)


def may_take_area(actor: ActorFacts, area: str) -> Verdict:
    """二级客服 takes calls and creates tickets for his own jurisdiction only."""
    if actor.role == Role.DISPATCHER and actor.jurisdiction and area not in actor.jurisdiction:
        return _no(R_JURISDICTION, area=area or "—")
    return ALLOWED


def approval_states(actor: ActorFacts, config: RuleConfig) -> frozenset[State]:
    """The approval steps waiting for this person (their queue 待审批; the audit center's and the desk's steps have
    queues of their own)."""
    return frozenset(state for state, step in STATE_STEP.items() if step not in (Step.AUDIT, Step.REPLY)
                     and takes_step(actor, state, config).allowed)
