"""Unstorable text is a ValidationError on its field, from every service that takes text, on both databases.

A NUL character (PostgreSQL refuses it, SQLite cuts or keeps it) and a lone surrogate such as '\\ud800' (not UTF-8:
neither database nor a UTF-8 file takes it) are checked in one place, core.text.text_problem; each service
below asks it before it reads or writes anything. The table names every text argument of every service; a
hypothesis test then throws arbitrary text (surrogates and control characters included) at the intake and the
ticket actions and fails on anything but success or a ValidationError.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_app.core.errors import ValidationError
from desk_app.core.customers import CustomerDraft, NumberDraft
from desk_app.core.kinds import Channel, Satisfaction, TicketKind
from desk_app.core.text import check_texts, no_nul, text_problem
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import AuditLog, History, Ticket
from desk_app.services import (
    admin,
    auth,
    coordination,
    customers,
    followups,
    inspections,
    knowledge,
    register,
)

BAD_TEXTS = ["维修\x00", "\ud800", "x\udcff"]
DAY = dt.date(2026, 11, 17)


def _ticket(service, people) -> int:
    return service.create_ticket(people["reception"], TicketDraft(
        kind=TicketKind.REPAIR, description="厨房水管漏水", phone="13800000001", caller_name="张三"))


# Every service that takes typed text: (name, the call with `text` in one argument, the field named in the error).
# The ids and the other arguments are plausible; the text is refused before they are looked at.
CALLS = [
    ("create_ticket.description", lambda s, p, t, x: s.create_ticket(p["reception"], TicketDraft(
        kind=TicketKind.REPAIR, description=x, phone="13800000001")), "description"),
    ("create_ticket.caller_name", lambda s, p, t, x: s.create_ticket(p["reception"], TicketDraft(
        kind=TicketKind.REPAIR, description="漏水", phone="13800000001", caller_name=x)), "caller_name"),
    ("create_ticket.address", lambda s, p, t, x: s.create_ticket(p["reception"], TicketDraft(
        kind=TicketKind.REPAIR, description="漏水", phone="13800000001", address=x)), "address"),
    ("record_call.content", lambda s, p, t, x: s.record_call(p["reception"], CallDraft(
        content=x, channel=Channel.VISIT)), "content"),
    ("solve_call.note", lambda s, p, t, x: s.solve_call(p["reception"], 1, x), "note"),
    ("dispatch.worker", lambda s, p, t, x: s.dispatch(p["reception"], t, p["assist"].department_id, worker=x),
     "worker"),
    ("dispatch.note", lambda s, p, t, x: s.dispatch(p["reception"], t, p["assist"].department_id, note=x), "note"),
    ("accept.note", lambda s, p, t, x: s.accept(p["assist"], t, note=x), "note"),
    ("return_ticket.reason", lambda s, p, t, x: s.return_ticket(p["assist"], t, x), "reason"),
    ("appoint.note", lambda s, p, t, x: s.appoint(p["assist"], t, dt.datetime(2026, 11, 18, 9), note=x), "note"),
    ("start.worker", lambda s, p, t, x: s.start(p["assist"], t, worker=x), "worker"),
    ("block.reason", lambda s, p, t, x: s.block(p["assist"], t, x), "reason"),
    ("unblock.note", lambda s, p, t, x: s.unblock(p["assist"], t, note=x), "note"),
    ("resolve.solution", lambda s, p, t, x: s.resolve(p["assist"], t, x), "solution"),
    ("approve.note", lambda s, p, t, x: s.approve(p["assist.lead"], t, note=x), "note"),
    ("send_back.reason", lambda s, p, t, x: s.send_back(p["assist.lead"], t, x), "reason"),
    ("reply.note", lambda s, p, t, x: s.reply(p["reception"], t, x), "note"),
    ("return_visit.note", lambda s, p, t, x: s.return_visit(p["reception"], t, Satisfaction.SATISFIED, note=x), "note"),
    ("transfer.reason", lambda s, p, t, x: s.transfer(p["dispatcher"], t, p["network"].department_id, x), "reason"),
    ("escalate.note", lambda s, p, t, x: s.escalate(p["supervisor"], t, "general", x), "note"),
    ("set_sensitive.note", lambda s, p, t, x: s.set_sensitive(p["supervisor"], t, True, x), "note"),
    ("quote_price.price", lambda s, p, t, x: s.quote_price(p["assist"], t, x), "price"),
    ("quote_price.note", lambda s, p, t, x: s.quote_price(p["assist"], t, "100", x), "note"),
    ("record_consent.note", lambda s, p, t, x: s.record_consent(p["reception"], t, True, x), "note"),
    ("register_customer.name", lambda s, p, t, x: s.register_customer(p["reception"], x, "13800000009"), "name"),
    ("register_customer.address", lambda s, p, t, x: s.register_customer(p["reception"], "李四", "13800000009",
                                                                         address=x), "address"),
    ("create_customer.name", lambda s, p, t, x: customers.create_customer(s, p["reception"], CustomerDraft(
        name=x, numbers=(NumberDraft("13800000009"),))), "name"),
    ("create_customer.number", lambda s, p, t, x: customers.create_customer(s, p["reception"], CustomerDraft(
        name="李四", numbers=(NumberDraft(x),))), "numbers.0"),
    ("set_calendar_day.note", lambda s, p, t, x: s.set_calendar_day(p["admin"], DAY, False, x), "note"),
    ("import_official_schedule", lambda s, p, t, x: s.import_official_schedule(p["admin"], 2027, x), "schedule"),
    ("set_office_hours", lambda s, p, t, x: s.set_office_hours(p["admin"], x), "office_hours"),
    ("circulate.note", lambda s, p, t, x: coordination.circulate(s, p["supervisor"], t, p["network"].department_id,
                                                                 x), "note"),
    ("write_handover.content", lambda s, p, t, x: coordination.write_handover(s, p["reception"], x), "content"),
    ("submit_report.content", lambda s, p, t, x: coordination.submit_report(s, p["reception"], p["supervisor"].id,
                                                                            x), "content"),
    ("answer_report.answer", lambda s, p, t, x: coordination.answer_report(s, p["supervisor"], 1, x), "answer"),
    ("do_follow_up.content", lambda s, p, t, x: followups.do_follow_up(s, p["reception"], 1, content=x), "content"),
    ("cancel_follow_up.reason", lambda s, p, t, x: followups.cancel_follow_up(s, p["reception"], 1, x), "reason"),
    ("plan_follow_up.note", lambda s, p, t, x: followups.plan_follow_up(s, p["reception"], ticket_id=t, due_on=DAY,
                                                                        note=x), "note"),
    ("start_inspection.note", lambda s, p, t, x: inspections.start_inspection(s, p["supervisor"], "patrol", note=x),
     "note"),
    ("record_finding.problem", lambda s, p, t, x: inspections.record_finding(s, p["supervisor"], 1, x,
                                                                             responsibility="property"), "problem"),
    ("co_sign.co_signer", lambda s, p, t, x: inspections.co_sign(s, p["supervisor"], 1, x), "co_signer"),
    ("solve_line.note", lambda s, p, t, x: register.solve_line(s, p["reception"], 1, x), "note"),
    ("sign_day.note", lambda s, p, t, x: register.sign_day(s, p["supervisor"], DAY, x), "note"),
    ("archive_month.month", lambda s, p, t, x: register.archive_month(s, p["supervisor"], x), "month"),
    ("create_article.question", lambda s, p, t, x: knowledge.create_article(s, p["supervisor"], x, "答"),
     "question"),
    ("create_article.tags", lambda s, p, t, x: knowledge.create_article(s, p["supervisor"], "问", "答", tags=x),
     "tags"),
    ("create_department.name", lambda s, p, t, x: admin.create_department(s, p["admin"], x), "name"),
    ("create_area.name", lambda s, p, t, x: admin.create_area(s, p["admin"], x), "name"),
    ("add_catalogue_entry.name", lambda s, p, t, x: admin.add_catalogue_entry(s, p["admin"], "repair", x), "name"),
    ("set_approaching_share", lambda s, p, t, x: admin.set_approaching_share(s, p["admin"], x), "share"),
    ("create_staff.name", lambda s, p, t, x: auth.create_staff(p["admin"], "new.one", x, "reception"), "name"),
    ("create_staff.username", lambda s, p, t, x: auth.create_staff(p["admin"], x, "新人", "reception"),
     "username"),
    ("set_password", lambda s, p, t, x: auth.set_password(p["admin"], p["reception"].id, "Abcdef-2026" + x),
     "new_password"),
    ("set_area_code", lambda s, p, t, x: customers.set_area_code(s, p["admin"], x), "area_code"),
]


@pytest.fixture
def actors(service, people):
    from desk_app.services.desk import Actor
    from desk_app.services.queries import staff_by_username

    return dict(people, admin=Actor.of(staff_by_username("admin")))


def _written() -> tuple[int, int, int]:
    return Ticket.select().count(), History.select().count(), AuditLog.select().count()


@pytest.mark.parametrize("text", BAD_TEXTS, ids=["nul", "surrogate", "low-surrogate"])
@pytest.mark.parametrize(("name", "call", "field"), CALLS, ids=[c[0] for c in CALLS])
def test_unstorable_text_is_refused_on_its_field_and_nothing_is_written(service, actors, name, call, field, text):
    ticket_id = _ticket(service, actors)
    before = _written()
    with pytest.raises(ValidationError) as refused:
        call(service, actors, ticket_id, text)
    assert refused.value.field == field, (name, refused.value.field, str(refused.value))
    assert _written() == before


def test_the_one_check_names_nul_and_unencodable_text():
    assert text_problem("工单 ok\t\n") is None and text_problem("") is None and text_problem(None) is None
    assert "NUL" in text_problem("a\x00")
    assert "Unicode" in text_problem("a\ud800")
    with pytest.raises(ValidationError) as refused:
        check_texts(note="fine", reason="\udc80")
    assert refused.value.field == "reason"
    check_texts(share=0.5, note=None)   # not text: nothing to check


# Any character at all, lone surrogates and NUL included (hypothesis leaves surrogates out unless asked).
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)


@settings(max_examples=60, deadline=None)
@given(text=ANY_TEXT)
def test_no_nul_refuses_exactly_what_utf8_cannot_store(text):
    storable = "\x00" not in text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        storable = False
    try:
        no_nul(text, "note")
    except ValidationError as error:
        assert not storable and error.field == "note"
    else:
        assert storable


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(description=ANY_TEXT, note=ANY_TEXT)
def test_arbitrary_text_through_intake_and_actions_is_stored_or_a_validation_error(service, actors, description,
                                                                                   note):
    """The fuzz: whatever is typed, a ticket is made and dispatched, or the desk is told what is wrong with a field;
    never another exception (a database error, UnicodeEncodeError)."""
    try:
        ticket_id = service.create_ticket(actors["reception"], TicketDraft(
            kind=TicketKind.REPAIR, description=description, phone="13800000001", caller_name=note[:20]))
    except ValidationError as error:
        assert error.field in ("description", "caller_name")
        return
    stored = Ticket.get_by_id(ticket_id)
    assert stored.description == description.strip()
    try:
        service.dispatch(actors["reception"], ticket_id, actors["assist"].department_id, note=note)
    except ValidationError as error:
        assert error.field == "note" and text_problem(note) is not None
    else:
        assert text_problem(note) is None
