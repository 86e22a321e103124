"""create_ticket_from_intake: the register line and its ticket are written together or not at all."""

from __future__ import annotations

import pytest

from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.kinds import CallOutcome, TicketKind
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import CallRecord, History, Ticket

PHONE = "13812345678"


def drafts(**ticket_overrides) -> tuple[CallDraft, TicketDraft]:
    call = CallDraft(content="卫生间水管漏水", phone=PHONE, caller_name="张三", address="阳光花园3栋2单元501")
    fields = dict(kind=TicketKind.REPAIR, description="卫生间水管漏水", phone=PHONE, caller_name="张三",
                  address="阳光花园3栋2单元501", area="城北片区")
    fields.update(ticket_overrides)
    return call, TicketDraft(**fields)


def test_call_and_ticket_are_made_together_and_linked(service, people, events):
    seen = []
    events.subscribe(seen.append)
    call_id, ticket_id = service.create_ticket_from_intake(people["reception"], *drafts())
    call = CallRecord.get_by_id(call_id)
    assert call.outcome == CallOutcome.TICKET.value
    assert call.ticket_id == ticket_id
    assert Ticket.get_by_id(ticket_id).description == "卫生间水管漏水"
    assert [h.action for h in History.select().where(History.ticket == ticket_id)] == ["create"]
    assert [(c.topic, c.ticket_id) for c in seen] == [("call", None), ("ticket", ticket_id)]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"kind": ""}, "kind"),
    ({"description": "  "}, "description"),
    ({"phone": "12345"}, "phone"),
    ({"area": "区" * 61}, "area"),
])
def test_a_refused_ticket_leaves_no_register_line(service, people, overrides, field):
    call, draft = drafts(**overrides)
    if "phone" in overrides:
        call = CallDraft(content=call.content, phone=overrides["phone"])
    calls_before, tickets_before = CallRecord.select().count(), Ticket.select().count()
    with pytest.raises(ValidationError) as caught:
        service.create_ticket_from_intake(people["reception"], call, draft)
    assert caught.value.field == field
    assert (CallRecord.select().count(), Ticket.select().count()) == (calls_before, tickets_before)


def test_a_receiver_may_not_take_calls(service, people):
    with pytest.raises(PermissionDenied):
        service.create_ticket_from_intake(people["engineering"], *drafts())
    assert CallRecord.select().count() == 0
