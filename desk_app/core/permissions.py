"""Who may do what: the role of the actor, and for department roles, whether the ticket is their department's."""

from __future__ import annotations

from enum import StrEnum

from desk_app.core.kinds import Role
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


Permission = Action | Operation

_DESK = {Operation.RECORD_CALL, Operation.CREATE_TICKET, Operation.EDIT_TICKET, Operation.PRINT_SLIP,
         Operation.VIEW_CUSTOMER, Operation.EDIT_CUSTOMER}
_HANDLING = {Action.ACCEPT, Action.RETURN, Action.APPOINT, Action.START, Action.BLOCK, Action.UNBLOCK,
             Action.RESOLVE, Operation.PRINT_SLIP, Operation.VIEW_CUSTOMER}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTIONIST: frozenset(_DESK | {Action.DISPATCH, Action.VISIT, Action.REOPEN, Action.ARCHIVE}),
    Role.DISPATCHER: frozenset(_DESK | {Action.DISPATCH}),
    Role.RECEIVER: frozenset(_HANDLING),
    Role.LEADER: frozenset(_HANDLING),
    Role.FIELD: frozenset(_HANDLING - {Action.ACCEPT, Action.RETURN}),
    Role.AUDIT: frozenset({Action.DISPATCH, Action.ARCHIVE, Operation.VIEW_CUSTOMER, Operation.PRINT_SLIP}),
    Role.OFFICE: frozenset({Operation.VIEW_CUSTOMER}),
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
