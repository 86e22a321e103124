"""Who may do what: the role of the actor, and for department roles, whether the ticket is their department's."""

from __future__ import annotations

from enum import StrEnum

from desk_app.core.kinds import Role
from desk_app.core.labels import QT_TRANSLATE_NOOP, register
from desk_app.core.states import Action


class Operation(StrEnum):
    """Things other than state transitions that need a permission."""

    RECORD_CALL = "record_call"
    CREATE_TICKET = "create_ticket"
    EDIT_TICKET = "edit_ticket"
    PRINT_SLIP = "print_slip"
    VIEW_CUSTOMER = "view_customer"
    EDIT_CUSTOMER = "edit_customer"
    ADMINISTER = "administer"
    ESCALATE = "escalate"
    CIRCULATE = "circulate"
    RELEASE_QUARANTINE = "release_quarantine"
    HANDOVER = "handover"
    REPORT = "report"
    QUOTE = "quote"
    CONSTRUCTION = "construction"
    INSPECT = "inspect"
    VIEW_SUMMARY = "view_summary"
    SIGN_REGISTER = "sign_register"
    EXPORT = "export"
    VIEW_ARCHIVE = "view_archive"
    EDIT_KNOWLEDGE = "edit_knowledge"


register({
    Operation.RECORD_CALL: (QT_TRANSLATE_NOOP("Label", "Record a call"), "登记来电来访"),
    Operation.CREATE_TICKET: (QT_TRANSLATE_NOOP("Label", "Create a ticket"), "生成工单"),
    Operation.EDIT_TICKET: (QT_TRANSLATE_NOOP("Label", "Edit a ticket"), "修改工单"),
    Operation.PRINT_SLIP: (QT_TRANSLATE_NOOP("Label", "Print the dispatch slip"), "打印派工单"),
    Operation.VIEW_CUSTOMER: (QT_TRANSLATE_NOOP("Label", "View customer data"), "查看客户资料"),
    Operation.EDIT_CUSTOMER: (QT_TRANSLATE_NOOP("Label", "Edit customer data"), "修改客户资料"),
    Operation.ADMINISTER: (QT_TRANSLATE_NOOP("Label", "Administer"), "系统管理"),
    Operation.ESCALATE: (QT_TRANSLATE_NOOP("Label", "Escalate"), "升级处理"),
    Operation.CIRCULATE: (QT_TRANSLATE_NOOP("Label", "Circulate in the department"), "部门内公告传阅"),
    Operation.RELEASE_QUARANTINE: (QT_TRANSLATE_NOOP("Label", "Release from quarantine"), "解除隔离"),
    Operation.HANDOVER: (QT_TRANSLATE_NOOP("Label", "Shift handover"), "交接班"),
    Operation.REPORT: (QT_TRANSLATE_NOOP("Label", "Escalation report"), "请示报告"),
    Operation.QUOTE: (QT_TRANSLATE_NOOP("Label", "Quote a paid repair"), "有偿维修报价"),
    Operation.CONSTRUCTION: (QT_TRANSLATE_NOOP("Label", "Construction task"), "建设任务"),
    Operation.INSPECT: (QT_TRANSLATE_NOOP("Label", "Patrol and inspections"), "巡视检查"),
    Operation.VIEW_SUMMARY: (QT_TRANSLATE_NOOP("Label", "View the summary"), "查看统计汇总"),
    Operation.SIGN_REGISTER: (QT_TRANSLATE_NOOP("Label", "Sign off the call register"), "签署来电来访登记表"),
    Operation.EXPORT: (QT_TRANSLATE_NOOP("Label", "Export to Excel"), "导出Excel"),
    Operation.VIEW_ARCHIVE: (QT_TRANSLATE_NOOP("Label", "Open the customer archive"), "查阅客户档案"),
    Operation.EDIT_KNOWLEDGE: (QT_TRANSLATE_NOOP("Label", "Edit the knowledge base"), "编辑知识库"),
})

Permission = Action | Operation

_EVERYONE = {Operation.HANDOVER, Operation.REPORT, Operation.CIRCULATE}
_DESK = _EVERYONE | {Operation.RECORD_CALL, Operation.CREATE_TICKET, Operation.EDIT_TICKET, Operation.PRINT_SLIP,
                     Operation.VIEW_CUSTOMER, Operation.EDIT_CUSTOMER, Operation.ESCALATE,
                     Operation.RELEASE_QUARANTINE, Operation.INSPECT, Operation.VIEW_ARCHIVE}
_HANDLING = _EVERYONE | {Action.ACCEPT, Action.RETURN, Action.TRANSFER, Action.APPOINT, Action.START, Action.BLOCK,
                         Action.UNBLOCK, Action.RESOLVE, Action.DATA_RETURN, Action.RETURN_SLIP,
                         Operation.PRINT_SLIP, Operation.VIEW_CUSTOMER,
                         Operation.QUOTE, Operation.CONSTRUCTION, Operation.ESCALATE}
# Approving roles: which step a person may take is checked against the ticket's current step as well. They approve
# and sign, they do not call customers: customer data (phones, addresses) stays hidden from them (issue 9,
# "phones and addresses masked for roles that do not need them"; rules.sees_contact).
_APPROVING = _EVERYONE | {Action.APPROVE, Action.SEND_BACK, Operation.PRINT_SLIP}

# The summary window, read-only (DOMAIN: the center leader and the office see it; department leaders their department).
_SUMMARY = {Operation.VIEW_SUMMARY, Operation.EXPORT}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # The desk agrees the visit time with the customer and records the slip coming back (返单).
    Role.RECEPTIONIST: frozenset(_DESK | {Action.DISPATCH, Action.APPOINT, Action.REPLY, Action.RETURN_SLIP,
                                          Action.VISIT, Action.REOPEN, Action.ARCHIVE}),
    Role.DISPATCHER: frozenset(_DESK | {Action.DISPATCH, Action.TRANSFER}),
    Role.RECEIVER: frozenset(_HANDLING),
    Role.LEADER: frozenset(_HANDLING | _APPROVING | _SUMMARY),
    Role.FIELD: frozenset(_HANDLING - {Action.ACCEPT, Action.RETURN, Action.TRANSFER, Action.DATA_RETURN}),
    Role.AUDIT: frozenset(_APPROVING | {Action.DISPATCH, Action.TRANSFER, Action.ARCHIVE, Operation.ESCALATE}),
    Role.OFFICE: frozenset(_APPROVING | _SUMMARY),
    Role.CENTER: frozenset(_APPROVING | _SUMMARY | {Operation.ESCALATE}),
    Role.SUPERVISOR: frozenset(set(Action) | set(Operation) - {Operation.ADMINISTER}),
    Role.ADMIN: frozenset(set(Action) | set(Operation)),
}

# Roles that act only on tickets held by their own department.
DEPARTMENT_BOUND = frozenset({Role.RECEIVER, Role.LEADER, Role.FIELD})


def may(role: Role, permission: Permission, *, actor_department: int | None = None,
        ticket_department: int | None = None) -> bool:
    """True if a person of `role` (in `actor_department`) may do `permission` on a ticket of `ticket_department`."""
    if permission not in ROLE_PERMISSIONS[Role(role)]:
        return False
    if Role(role) in DEPARTMENT_BOUND and isinstance(permission, Action):
        return actor_department is not None and actor_department == ticket_department
    return True
