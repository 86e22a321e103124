"""The customer archive: creating from a draft, editing with the version check, merging duplicates with their history,
masking per role, the audited opening of an archive, and the yearly summary (butler procedure 4.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from desk_app.core.customers import AddressDraft, CustomerDraft, MemberDraft, NumberDraft
from desk_app.core.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.core.kinds import Role, TicketKind
from desk_app.core.permissions import Operation, may
from desk_app.core.queues import Queue
from desk_app.core.rules import sees_contact
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import (
    AuditLog,
    CallRecord,
    Customer,
    CustomerAddress,
    CustomerMember,
    CustomerNumber,
    FollowUp,
    History,
    Setting,
    Ticket,
)
from desk_app.services import customers
from desk_app.services.customers import (
    archive_summary,
    card_for_number,
    create_customer,
    find_duplicates,
    merge_customers,
    open_archive,
    update_customer,
)
from desk_app.services.exports import export_queue
from desk_app.services.queries import QueueFilter, customer_card, queue_page, slip_data, ticket_detail

ZHANG = CustomerDraft(
    name="张三",
    numbers=(NumberDraft("138 1234 5678", "手机"), NumberDraft("010-62345678 转 123", "单位")),
    addresses=(AddressDraft("阳光花园3栋2单元501", "城北片区", "家"),),
    members=(MemberDraft("李梅", "配偶", 1985, "教师", "瑜伽"), MemberDraft("张小明", "儿子", 2015, "学生", "足球")),
    household_size=3, occupation="工程师", birth_year=1983, interests="钓鱼、书法", pets="一只猫",
    festivals="春节、中秋", needs="老人独居时请多关照；上门前电话联系", notes="VIP业主",
)


def audits(action: str) -> list[AuditLog]:
    return list(AuditLog.select().where((AuditLog.entity == "customer") & (AuditLog.action == action)))


def ticket_for(service, actor, phone: str, kind: TicketKind = TicketKind.REPAIR) -> int:
    return service.create_ticket(actor, TicketDraft(kind=kind, description="卫生间漏水", phone=phone,
                                                    caller_name="张三", address="阳光花园3栋2单元501",
                                                    area="城北片区"))


# ----- creating and editing ------------------------------------------------------------------------------------------


def test_a_customer_is_created_from_a_draft_with_every_number_address_and_member(service, people):
    # Seed 4.1.1: "负责客户个性化档案建立,容包括:家庭人口数量、职业、年龄、联 系、兴趣爱好、特长、宠物情况、关注的节日、对物业服务的个性
    # 化需求、物业使用过程中投诉或重大维修记录等。"
    customer_id = create_customer(service, people["reception"], ZHANG)
    customer = Customer.get_by_id(customer_id)
    assert (customer.name, customer.household_size, customer.occupation, customer.birth_year) == ("张三", 3, "工程师",
                                                                                                1983)
    assert (customer.pets, customer.festivals, customer.version) == ("一只猫", "春节、中秋", 1)
    numbers = [(n.number, n.digits, n.extension, n.label) for n in
               CustomerNumber.select().where(CustomerNumber.customer == customer_id).order_by(CustomerNumber.position)]
    assert numbers == [("+8613812345678", "13812345678", "", "手机"), ("+861062345678", "01062345678", "123", "单位")]
    assert [m.name for m in CustomerMember.select().where(CustomerMember.customer == customer_id)] == ["李梅", "张小明"]
    assert customer.name_initials == "zs" and "李梅" in customer.search_text and "01062345678" in customer.search_text
    assert audits("create")[0].entity_id == str(customer_id)


def test_creating_needs_edit_customer_and_refuses_a_number_of_another_customer(service, people):
    with pytest.raises(PermissionDenied):
        create_customer(service, people["office"], ZHANG)
    create_customer(service, people["reception"], ZHANG)
    again = CustomerDraft("张叁", (NumberDraft("13900001111"), NumberDraft("+86 138-1234-5678")))
    with pytest.raises(ValidationError) as info:
        create_customer(service, people["reception"], again)
    assert info.value.field == "numbers.1" and info.value.params["name"] == "张三"
    assert Customer.select().count() == 1   # nothing half-written


def test_a_bad_draft_names_its_field(service, people):
    today = dt.date(2026, 11, 17)
    cases = [
        (CustomerDraft("", (NumberDraft("13812345678"),)), "name"),
        (CustomerDraft("张三", ()), "numbers.0"),
        (CustomerDraft("张三", (NumberDraft("13812345678"), NumberDraft("1381234567"))), "numbers.1"),
        (CustomerDraft("张三", (NumberDraft("13812345678"), NumberDraft("138 1234 5678"))), "numbers.1"),
        (CustomerDraft("张三", (NumberDraft("13812345678"),), birth_year=1899), "birth_year"),
        (CustomerDraft("张三", (NumberDraft("13812345678"),), birth_year=2027), "birth_year"),
        (CustomerDraft("张三", (NumberDraft("13812345678"),), members=(MemberDraft("李梅", birth_year=3000),)),
         "members.0.birth_year"),
        (CustomerDraft("张三", (NumberDraft("13812345678"),), household_size=0), "household_size"),
        (CustomerDraft("张三", (NumberDraft("13812345678"),), addresses=(AddressDraft("x" * 201),)), "addresses.0"),
        (CustomerDraft("张\x00三", (NumberDraft("13812345678"),)), "name"),
        (CustomerDraft("张三", (NumberDraft("13812345678"),), notes="a\x00b"), "notes"),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as info:
            draft.validated(today)
        assert info.value.field == field, draft
    with pytest.raises(ValidationError) as info:
        CustomerDraft("张三", (NumberDraft("abc"),)).validated(today)
    assert info.value.render() == "Not a valid phone number: abc"


def test_a_local_number_takes_the_centers_area_code(service, people):
    Setting.create(key=customers.SETTING_AREA_CODE, value="010")
    service.forget_cached()
    customer_id = create_customer(service, people["reception"], CustomerDraft("王五", (NumberDraft("6234 5678"),)))
    assert CustomerNumber.get(CustomerNumber.customer == customer_id).number == "+861062345678"


def test_creating_a_customer_releases_the_quarantined_tickets_of_its_numbers(service, people):
    Setting.create(key="terminal.quarantine_unregistered", value="1")
    service.forget_cached()
    ticket_id = ticket_for(service, people["reception"], "010 6234 5678")
    assert Ticket.get_by_id(ticket_id).quarantined
    customer_id = create_customer(service, people["reception"], ZHANG)
    ticket = Ticket.get_by_id(ticket_id)
    assert not ticket.quarantined and ticket.customer_id == customer_id
    assert History.select().where((History.ticket == ticket_id) & (History.action == "release")).count() == 1


def test_an_edit_replaces_the_rows_and_a_stale_one_is_refused(service, people, clock):
    customer_id = create_customer(service, people["reception"], ZHANG)
    clock.advance(days=1)
    edited = CustomerDraft("张三", (NumberDraft("13812345678", "手机"),),
                           (AddressDraft("阳光花园3栋2单元501", "城北片区"), AddressDraft("翠湖苑8栋101", "城南片区")),
                           members=(MemberDraft("李梅", "配偶", 1985),), occupation="退休", notes="VIP业主")
    update_customer(service, people["reception"], customer_id, edited, expected_version=1)
    customer = Customer.get_by_id(customer_id)
    assert customer.version == 2 and customer.occupation == "退休" and customer.updated_at == clock.now
    assert CustomerNumber.select().where(CustomerNumber.customer == customer_id).count() == 1
    assert [a.address for a in CustomerAddress.select().where(CustomerAddress.customer == customer_id)
            .order_by(CustomerAddress.position)] == ["阳光花园3栋2单元501", "翠湖苑8栋101"]
    assert "翠湖苑8栋101" in customer.search_text and "01062345678" not in customer.search_text
    detail = audits("update")[0].detail
    assert "numbers" in detail and "addresses" in detail and "occupation" in detail and "notes" not in detail
    with pytest.raises(ConflictError) as info:
        update_customer(service, people["reception2"], customer_id, ZHANG, expected_version=1)
    assert "changed by someone else since you opened it; reopen it" in info.value.render()
    assert Customer.get_by_id(customer_id).occupation == "退休"


# ----- merging -------------------------------------------------------------------------------------------------------


def test_merging_moves_numbers_addresses_members_tickets_calls_and_follow_ups(service, people, clock):
    keep = create_customer(service, people["reception"], ZHANG)
    duplicate = create_customer(service, people["reception"], CustomerDraft(
        "张三", (NumberDraft("13900002222"),), (AddressDraft("阳光花园3栋2单元501"), AddressDraft("翠湖苑8栋101")),
        members=(MemberDraft("张老汉", "父亲", 1950),), pets="一只狗", specialties="象棋", notes="上门前先电话"))
    ticket_id = ticket_for(service, people["reception"], "13900002222")
    assert Ticket.get_by_id(ticket_id).customer_id == duplicate
    version = Ticket.get_by_id(ticket_id).version
    call_id = service.record_call(people["reception"], CallDraft("咨询缴费", phone="13900002222"))
    FollowUp.create(customer=duplicate, ticket=ticket_id, name="张三", phone="+8613900002222", reason="repair",
                    due_on=dt.date(2026, 11, 24), planned_at=clock.now)

    merge_customers(service, people["reception"], keep, duplicate)

    numbers = [n.number for n in CustomerNumber.select().where(CustomerNumber.customer == keep)
               .order_by(CustomerNumber.position)]
    assert numbers == ["+8613812345678", "+861062345678", "+8613900002222"]
    assert [a.address for a in CustomerAddress.select().where(CustomerAddress.customer == keep)
            .order_by(CustomerAddress.position)] == ["阳光花园3栋2单元501", "翠湖苑8栋101"]
    assert {m.name for m in CustomerMember.select().where(CustomerMember.customer == keep)} == {"李梅", "张小明", "张老汉"}
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.customer_id == keep and ticket.version == version + 1
    merged = History.get((History.ticket == ticket_id) & (History.action == "merge_customer"))
    assert merged.note.startswith("客户档案合并")
    assert CallRecord.get_by_id(call_id).customer_id == keep
    assert FollowUp.get(FollowUp.ticket == ticket_id).customer_id == keep
    kept, gone = Customer.get_by_id(keep), Customer.get_by_id(duplicate)
    assert kept.notes == "VIP业主\n上门前先电话" and kept.pets == "一只猫" and kept.specialties == "象棋"
    assert gone.merged_into_id == keep and CustomerNumber.select().where(CustomerNumber.customer == duplicate).count() == 0
    assert "13900002222" in kept.search_text
    assert audits("merge")[0].entity_id == str(keep)
    # The number now finds the archive kept, which tells its history; the merged one says where it went.
    assert card_for_number(service.viewer(people["reception"]), "13900002222").id == keep
    assert open_archive(service.viewer(people["reception"]), duplicate).merged_into_id == keep


def test_merging_refuses_itself_and_a_merged_archive(service, people):
    keep = create_customer(service, people["reception"], ZHANG)
    duplicate = create_customer(service, people["reception"], CustomerDraft("张三", (NumberDraft("13900002222"),)))
    with pytest.raises(ValidationError):
        merge_customers(service, people["reception"], keep, keep)
    merge_customers(service, people["reception"], keep, duplicate)
    with pytest.raises(ValidationError) as info:
        merge_customers(service, people["reception"], keep, duplicate)
    assert info.value.field == "duplicate"
    with pytest.raises(ValidationError):
        update_customer(service, people["reception"], duplicate, ZHANG, expected_version=2)
    with pytest.raises(PermissionDenied):
        merge_customers(service, people["center"], keep, duplicate)


def test_duplicates_are_the_same_name_at_one_address_or_the_same_pinyin_with_one_number_tail(service, people):
    first = create_customer(service, people["reception"], ZHANG)
    walk_in = create_customer(service, people["reception2"], CustomerDraft(
        "张三", (NumberDraft("13700001111"),), (AddressDraft("阳光花园3栋2单元501"),)))
    typo = create_customer(service, people["reception2"], CustomerDraft("张叁", (NumberDraft("0755-6234 5678"),)))
    create_customer(service, people["reception"], CustomerDraft("李四", (NumberDraft("13600001111"),),
                                                                (AddressDraft("阳光花园3栋2单元501"),)))
    create_customer(service, people["reception"], CustomerDraft("张三", (NumberDraft("13500009999"),)))
    pairs = find_duplicates(service.viewer(people["supervisor"]))
    assert pairs == [(first, walk_in, "address"), (first, typo, "number")]
    with pytest.raises(PermissionDenied):
        find_duplicates(service.viewer(people["office"]))


# ----- reading and masking ----------------------------------------------------------------------------------------------


def test_opening_the_full_archive_is_recorded_every_time(service, people, clock):
    # Issue 9: "opening a customer's full archive is itself recorded".
    customer_id = create_customer(service, people["reception"], ZHANG)
    ticket_id = ticket_for(service, people["reception"], "13812345678", TicketKind.COMPLAINT)
    clock.advance(hours=1)
    service.record_call(people["reception"], CallDraft("再次来电催促", phone="13812345678"))
    viewer = service.viewer(people["reception"])
    archive = open_archive(viewer, customer_id)
    open_archive(viewer, customer_id)
    assert [a.actor_id for a in audits("open")] == [people["reception"].id] * 2
    assert archive.full and archive.numbers[1].number == "010 6234 5678 转 123"
    assert archive.numbers[1].e164 == "+861062345678" and archive.numbers[1].label == "单位"
    assert [m.age for m in archive.members] == [dt.date.today().year - 1985, dt.date.today().year - 2015]
    kinds = [e.kind for e in archive.events]
    assert kinds[0] == "call_in" and "complaint" in kinds
    assert archive.counts["complaints"] == 1 and archive.counts["calls"] == 1
    assert [t.id for t in archive.open_tickets] == [ticket_id]
    # The card at intake is routine: not audited.
    card = card_for_number(viewer, "138 1234 5678")
    assert card.full and card.id == customer_id and len(audits("open")) == 2
    with pytest.raises(PermissionDenied):
        open_archive(service.viewer(people["engineering"]), customer_id)


def test_the_card_for_a_role_without_the_archive_is_masked(service, people):
    customer_id = create_customer(service, people["reception"], ZHANG)
    card = card_for_number(service.viewer(people["engineering"]), "13812345678")
    assert card.id == customer_id and not card.full
    assert [n.number for n in card.numbers] == ["138****5678", "010-****5678"]
    assert all(n.e164 == "" for n in card.numbers)
    assert card.addresses[0].address.endswith("***") and "501" not in card.addresses[0].address
    assert card.members == [] and card.events == [] and card.occupation == ""
    assert card_for_number(service.viewer(people["reception"]), "13900000000") is None
    with pytest.raises(PermissionDenied):
        card_for_number(service.viewer(people["office"]), "13812345678")


def test_the_approving_roles_do_not_see_contact_data():
    # Issue 9, 7: "phones and addresses masked (138****8000) for roles that do not need them". The office, the center
    # leader and audit approve and sign; they never call a customer.
    from desk_app.core.rules import ActorFacts

    hidden = {r for r in Role if not sees_contact(ActorFacts(1, r))}
    assert hidden == {Role.OFFICE, Role.CENTER, Role.AUDIT}
    assert all(may(r, Operation.VIEW_CUSTOMER) != (r in hidden) for r in Role)


def test_queue_rows_detail_and_card_are_masked_for_the_approving_roles(service, people, clock):
    create_customer(service, people["reception"], ZHANG)
    ticket_id = ticket_for(service, people["reception"], "13812345678")
    flt = dict(queue=Queue.ALL, now=clock.now)
    supervisor_row = queue_page(QueueFilter(**flt, viewer=service.viewer(people["supervisor"])), offset=0,
                                limit=10)[0]
    assert supervisor_row.phone == "138 1234 5678" and supervisor_row.address == "阳光花园3栋2单元501"
    center = service.viewer(people["center"])
    rows = queue_page(QueueFilter(**flt, viewer=center), offset=0, limit=10)
    assert [(r.phone, r.address) for r in rows] == [("138****5678", "阳光花园***")]
    detail = ticket_detail(center, ticket_id)
    assert (detail.phone, detail.address) == ("138****5678", "阳光花园***")
    # The slip goes to the field worker who must call: it keeps the number whoever prints it.
    assert slip_data(center, ticket_id).contact_phone == "138 1234 5678"
    card = customer_card(service.viewer(people["reception"]), "13812345678")
    assert card.phone == "138 1234 5678" and card.phone2 == "010 6234 5678"


def test_exports_mask_by_default_and_show_whole_numbers_only_when_asked_by_who_may(service, people, clock,
                                                                                   tmp_path):
    create_customer(service, people["reception"], ZHANG)
    ticket_for(service, people["reception"], "13812345678")
    supervisor = service.viewer(people["supervisor"])
    flt = QueueFilter(Queue.ALL, clock.now, viewer=supervisor)

    def phones(path):
        return [c.value for c in load_workbook(path)["工单"]["F"][1:]]

    export_queue(supervisor, flt, tmp_path / "default.xlsx", now=clock.now)
    assert phones(tmp_path / "default.xlsx") == ["138****5678"]
    export_queue(supervisor, flt, tmp_path / "full.xlsx", now=clock.now, full_numbers=True)
    assert phones(tmp_path / "full.xlsx") == ["138 1234 5678"]
    detail = AuditLog.select().where(AuditLog.action == "export_queue").order_by(AuditLog.id.desc()).first().detail
    assert "full numbers" in detail
    center = service.viewer(people["center"])
    with pytest.raises(PermissionDenied):
        export_queue(center, QueueFilter(Queue.ALL, clock.now, viewer=center), tmp_path / "no.xlsx",
                     full_numbers=True)
    export_queue(center, QueueFilter(Queue.ALL, clock.now, viewer=center), tmp_path / "center.xlsx")
    assert phones(tmp_path / "center.xlsx") == ["138****5678"]


# ----- the yearly summary -----------------------------------------------------------------------------------------------


def test_the_yearly_summary_counts_occupations_ages_and_needs(service, people, clock):
    # Seed 4.1.3: "每年对客户信息进行汇总和整理,如:客户职业分布、年龄分布、服 务需求等,为物业服务开发提供参考依据。"
    reception = people["reception"]
    clock.now = dt.datetime(2025, 6, 1, 9, 0)
    old = create_customer(service, reception, CustomerDraft(
        "老王", (NumberDraft("13600000001"),), occupation="退休", birth_year=1950, needs="送水上门、代收快递",
        pets="狗", festivals="春节"))
    clock.now = dt.datetime(2026, 3, 1, 9, 0)
    create_customer(service, reception, ZHANG)   # 工程师 1983; members 教师 1985, 学生 2015
    create_customer(service, reception, CustomerDraft(
        "赵六", (NumberDraft("13600000003"),), occupation="教师", needs="代收快递；家政保洁", festivals="春节、端午"))
    gone = create_customer(service, reception, CustomerDraft("赵六", (NumberDraft("13600000004"),), occupation="医生"))
    clock.advance(hours=1)
    merge_customers(service, reception, gone - 1, gone)
    clock.now = dt.datetime(2026, 5, 1, 9, 0)
    update_customer(service, reception, old, CustomerDraft(
        "老王", (NumberDraft("13600000001"),), occupation="退休", birth_year=1950, needs="送水上门、代收快递",
        pets="狗", festivals="春节"), expected_version=1)

    summary = archive_summary(service.viewer(people["center"]), 2026)
    # The merged-away 赵六 (医生) is no longer counted; 老王 was edited and the merge changed the 赵六 kept.
    assert (summary.total, summary.created, summary.updated) == (3, 2, 2)
    assert summary.occupations == [("教师", 2), ("学生", 1), ("工程师", 1), ("退休", 1)]
    # Ages at the end of 2026: 老王 76, 张三 43, 李梅 41, 张小明 11, 赵六 not known.
    assert summary.ages == [("under 18", 1), ("18-29", 0), ("30-44", 2), ("45-59", 0), ("60-74", 0), ("75+", 1),
                            ("unknown", 1)]
    assert summary.needs == [("代收快递", 2), ("上门前电话联系", 1), ("家政保洁", 1), ("老人独居时请多关照", 1),
                             ("送水上门", 1)]
    assert summary.festivals == [("春节", 3), ("中秋", 1), ("端午", 1)]
    assert summary.pets == [("一只猫", 1), ("狗", 1)]
    assert ("足球", 1) in summary.interests and ("钓鱼", 1) in summary.interests
    last_year = archive_summary(service.viewer(people["supervisor"]), 2025)
    assert (last_year.total, last_year.created) == (1, 1)
    with pytest.raises(PermissionDenied):
        archive_summary(service.viewer(people["engineering"]), 2026)


def test_the_card_reads_a_local_number_with_the_centers_area_code(service, people):
    customer_id = create_customer(service, people["reception"], ZHANG)
    viewer = service.viewer(people["reception"])
    assert card_for_number(viewer, "62345678") is None
    Setting.create(key=customers.SETTING_AREA_CODE, value="010")
    service.forget_cached()
    viewer = service.viewer(people["reception"])
    assert card_for_number(viewer, "6234 5678").id == customer_id
    assert card_for_number(viewer, "6234") is None


# ----- PostgreSQL --------------------------------------------------------------------------------------------------




def test_merging_duplicates_and_the_summary_on_postgres(cluster, clock):
    from desk_app.models.db import close_database, is_postgres
    from desk_app.services.demo import create_organization
    from desk_app.services.desk import DeskService
    from desk_app.services.setup import init_database

    init_database(cluster.create_database("desk_customers"))
    try:
        assert is_postgres()
        people = create_organization()
        service = DeskService(now=clock)
        first = create_customer(service, people["reception"], ZHANG)
        walk_in = create_customer(service, people["reception2"], CustomerDraft(
            "张三", (NumberDraft("13700001111"),), (AddressDraft("阳光花园3栋2单元501"),), birth_year=1940))
        typo = create_customer(service, people["reception2"], CustomerDraft("张叁", (NumberDraft("0755-6234 5678"),)))
        assert find_duplicates(service.viewer(people["supervisor"])) == [(first, walk_in, "address"),
                                                                           (first, typo, "number")]
        ticket_id = ticket_for(service, people["reception"], "13700001111")
        merge_customers(service, people["reception"], first, walk_in)
        assert Ticket.get_by_id(ticket_id).customer_id == first
        summary = archive_summary(service.viewer(people["center"]), 2026)
        assert (summary.total, summary.created) == (2, 2)
        assert summary.ages == [("under 18", 1), ("18-29", 0), ("30-44", 2), ("45-59", 0), ("60-74", 0),
                                ("75+", 0), ("unknown", 1)]
        assert summary.festivals == [("中秋", 1), ("春节", 1)]
    finally:
        close_database()
