"""本地区号: the administrator sets the center's area code; a local landline typed anywhere (intake, the register, the
archive, the lookups, the queue search) is completed with it.

The seed, 客服前台工作流程: "将来电来访人的姓名、反应内容、联系方式、流转人及跟进情况详细填写" — the caller's number is
written down as the caller gives it, and at a local desk that is often the eight digits without the city's 010.
"""

from __future__ import annotations

import pytest

from desk_app.core.customers import CustomerDraft, NumberDraft
from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.kinds import CallOutcome, Role, TicketKind
from desk_app.core.queues import Queue
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import AuditLog, CallRecord, Customer, Setting, Staff, Ticket
from desk_app.services import customers, queries
from desk_app.services.config import SETTING_AREA_CODE, put_setting
from desk_app.services.customers import card_for_number, create_customer, set_area_code
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import Change
from desk_app.services.queries import QueueFilter
from desk_app.services.search import search_customers
from tests.services.conftest import ManualClock

LOCAL = "62345678"
FULL = "+861062345678"
CONTENT = "卫生间水管漏水"


def _admin() -> Actor:
    staff = Staff.get_or_none(Staff.username == "admin") or Staff.create(username="admin", name="管理员",
                                                                        role=Role.ADMIN.value)
    return Actor.of(staff)


def _area_code_rows() -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.action == "area_code"))


def _archive_with_landline(service: DeskService, desk: Actor) -> int:
    """A customer whose archive has the number written the long way, 010-62345678."""
    return create_customer(service, desk, CustomerDraft("王五", (NumberDraft("010-62345678"),)))


def test_the_administrator_sets_the_area_code_once_audited(service, people, events):
    seen: list[Change] = []
    events.subscribe(seen.append)
    assert service.area_code() == ""
    assert set_area_code(service, _admin(), " 10 ") == "010"      # typed without its 0: stored as dialled
    assert Setting.get(Setting.key == SETTING_AREA_CODE).value == "010"
    assert customers.SETTING_AREA_CODE == SETTING_AREA_CODE
    assert service.area_code() == "010"                          # the cache was dropped
    assert service.viewer(people["reception"]).area_code == "010"
    rows = _area_code_rows()
    assert [(r.actor_id, r.entity, r.detail) for r in rows] == [(_admin().id, "settings", "010")]
    assert Change("settings", "area_code") in seen


def test_a_local_number_at_intake_takes_the_area_code_and_finds_the_customer(service, people):
    desk = people["reception"]
    customer_id = _archive_with_landline(service, desk)
    set_area_code(service, _admin(), "010")

    call_id, ticket_id = service.create_ticket_from_intake(
        desk, CallDraft(content=CONTENT, phone=LOCAL),
        TicketDraft(kind=TicketKind.REPAIR, description=CONTENT, phone="6234 5678"))
    ticket, call = Ticket.get_by_id(ticket_id), CallRecord.get_by_id(call_id)
    assert (ticket.phone, ticket.customer_id) == (FULL, customer_id)
    assert (call.phone, call.customer_id) == (FULL, customer_id)

    solved = service.record_call(desk, CallDraft(content="咨询物业费", phone=LOCAL), outcome=CallOutcome.SOLVED)
    assert CallRecord.get_by_id(solved).customer_id == customer_id
    alone = service.create_ticket(desk, TicketDraft(kind=TicketKind.CONSULTATION, description="咨询", phone=LOCAL))
    assert Ticket.get_by_id(alone).customer_id == customer_id


def test_without_the_setting_a_local_number_is_refused_on_the_phone_field(service, people):
    desk = people["reception"]
    _archive_with_landline(service, desk)
    calls, tickets = CallRecord.select().count(), Ticket.select().count()
    attempts = [
        lambda: service.record_call(desk, CallDraft(content=CONTENT, phone=LOCAL)),
        lambda: service.create_ticket(desk, TicketDraft(kind=TicketKind.REPAIR, description=CONTENT, phone=LOCAL)),
        lambda: service.create_ticket_from_intake(desk, CallDraft(content=CONTENT, phone=LOCAL),
                                                  TicketDraft(kind=TicketKind.REPAIR, description=CONTENT,
                                                              phone=LOCAL)),
        lambda: service.register_customer(desk, "赵六", LOCAL),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.field == "phone"
        assert refused.value.render() == f"Not a valid phone number: {LOCAL}"
    assert (CallRecord.select().count(), Ticket.select().count()) == (calls, tickets)


def test_clearing_the_area_code_refuses_local_numbers_again(service, people):
    set_area_code(service, _admin(), "010")
    assert set_area_code(service, _admin(), "") == ""
    assert service.area_code() == ""
    with pytest.raises(ValidationError):
        service.record_call(people["reception"], CallDraft(content=CONTENT, phone=LOCAL))
    assert [r.detail for r in _area_code_rows()] == ["010", "-"]


@pytest.mark.parametrize("code", ["0138", "138", "0400", "0100", "030", "abc", "12345", "01 0x", "0\x0010"])
def test_a_bad_area_code_is_refused_on_its_field_and_nothing_is_stored(service, people, code):
    with pytest.raises(ValidationError) as refused:
        set_area_code(service, _admin(), code)
    assert refused.value.field == "area_code"
    assert refused.value.render().startswith("Not a mainland area code: ")
    assert not Setting.select().where(Setting.key == SETTING_AREA_CODE).exists()
    assert _area_code_rows() == []


@pytest.mark.parametrize("who", ["reception", "supervisor", "dispatcher"])
def test_only_the_administrator_sets_the_area_code(service, people, who):
    with pytest.raises(PermissionDenied):
        set_area_code(service, people[who], "010")
    assert not Setting.select().where(Setting.key == SETTING_AREA_CODE).exists()
    assert _area_code_rows() == []


def test_the_lookups_and_searches_complete_a_local_number(service, people):
    desk = people["reception"]
    customer_id = _archive_with_landline(service, desk)
    ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.REPAIR, description=CONTENT,
                                                        phone="010 6234 5678"))
    before = service.viewer(desk)
    assert queries.customer_card(before, LOCAL) is None
    set_area_code(service, _admin(), "010")
    viewer = service.viewer(desk)
    assert queries.customer_card(viewer, LOCAL).id == customer_id
    assert card_for_number(viewer, "6234-5678").id == customer_id
    hits = search_customers(viewer, LOCAL)
    assert [(h.id, h.matched) for h in hits][:1] == [(customer_id, "number")]
    page = queries.queue_page(QueueFilter(Queue.ALL, service.now(), search=LOCAL, viewer=viewer), offset=0, limit=50)
    assert ticket_id in [row.id for row in page]


def test_a_quarantined_ticket_is_counted_and_released_by_a_local_number(service, people):
    put_setting("terminal.quarantine_unregistered", "1")
    set_area_code(service, _admin(), "010")
    desk = people["reception"]
    ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.REPAIR, description=CONTENT, phone=LOCAL))
    assert Ticket.get_by_id(ticket_id).quarantined
    assert queries.quarantined_count(LOCAL, area_code=service.area_code()) == 1
    assert queries.quarantined_count(LOCAL) == 0        # without the code the eight digits are nobody's number
    customer_id = service.register_customer(desk, "赵六", "6234 5678")
    assert Customer.get_by_id(customer_id).name == "赵六"
    assert Ticket.get_by_id(ticket_id).customer_id == customer_id and not Ticket.get_by_id(ticket_id).quarantined


def test_an_unreadable_stored_area_code_is_no_area_code(service, people):
    put_setting(SETTING_AREA_CODE, "0138")          # written by hand: it would turn 8 digits into a mobile
    service.forget_cached()
    assert service.area_code() == ""


def test_another_desk_reads_the_new_code_after_its_cache_is_dropped(service, people, clock):
    other = DeskService(now=ManualClock(clock.now))
    assert other.area_code() == ""
    set_area_code(service, _admin(), "0755")
    other.forget_cached()              # what a settings notice does
    assert other.area_code() == "0755"
    call_id = other.record_call(people["reception"], CallDraft(content=CONTENT, phone="2345 6789"))
    assert CallRecord.get_by_id(call_id).phone == "+8675523456789"


def test_a_preset_brings_its_citys_area_code(db_url):
    from desk_app.services.presets import apply_preset

    apply_preset("telecom")
    assert DeskService().area_code() == "028"       # 锦城 (成都)
