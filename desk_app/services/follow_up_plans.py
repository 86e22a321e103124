"""定期电话访问跟踪, the planning: a follow-up call written inside another write's transaction (the return visit that
closes a complaint or a repair, its archiving, a call that plans the next one). Below the desk's writes; reading and
doing follow-ups is services.followups.

The seed, 客服前台工作流程: "在完成对客户的投诉或者是报修后，要定期对客户进行电话访问跟踪，定期维护与客户之间的关系".
"""

from __future__ import annotations

import datetime as dt

from desk_app.core.followups import FollowUpReason, FollowUpState
from desk_app.core.kinds import TicketKind
from desk_app.models.schema import CustomerNumber, FollowUp, Ticket


# The ticket kinds after whose return visit the desk calls again.
REASON_OF_KIND = {TicketKind.COMPLAINT.value: FollowUpReason.COMPLAINT, TicketKind.REPAIR.value: FollowUpReason.REPAIR}


def reason_of(ticket: Ticket) -> FollowUpReason | None:
    """complaint / repair for the kinds that get a follow-up call, None for the others."""
    return REASON_OF_KIND.get(ticket.kind)


def first_number(customer_id: int | None) -> str:
    """The customer's first number (E.164), "" without one."""
    if customer_id is None:
        return ""
    row = (CustomerNumber.select(CustomerNumber.number).where(CustomerNumber.customer == customer_id)
           .order_by(CustomerNumber.position, CustomerNumber.id).first())
    return row.number if row else ""


def has_plan(ticket_id: int) -> bool:
    """Whether the ticket has a follow-up already (planned, done or cancelled: never a second one by itself)."""
    return FollowUp.select(FollowUp.id).where(FollowUp.ticket == ticket_id).exists()


def plan_after_ticket(ticket: Ticket, actor_id: int | None, day: dt.date, days: int, at: dt.datetime) -> int | None:
    """Plan the follow-up call of a complaint or a repair whose return visit closed it, `days` after `day`, inside
    the caller's transaction. None (nothing planned) for another kind, an interval of 0, a ticket that has one
    already, or a caller with no number to call."""
    reason = reason_of(ticket)
    if reason is None or days <= 0 or has_plan(ticket.id):
        return None
    phone = ticket.phone or first_number(ticket.customer_id)
    if not phone:
        return None
    return insert_plan(reason, day + dt.timedelta(days=days), actor_id, at, customer_id=ticket.customer_id,
                       ticket_id=ticket.id, name=ticket.caller_name, phone=phone)


def insert_plan(reason: FollowUpReason, due_on: dt.date, actor_id: int | None, at: dt.datetime, *,
                customer_id: int | None, ticket_id: int | None, name: str, phone: str, note: str = "") -> int:
    """Write one planned follow-up, inside the caller's transaction; returns its id."""
    return FollowUp.create(customer=customer_id, ticket=ticket_id, name=(name or "")[:100], phone=phone[:40],
                           reason=FollowUpReason(reason).value, due_on=due_on, state=FollowUpState.PLANNED.value,
                           planned_by=actor_id, planned_at=at, note=note).id
