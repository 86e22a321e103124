"""巡视、周检、月检 through the service: findings followed up by who is responsible (a ticket with its deadline, a
numbered 工作联系单 / 整改通知单, an oral notice), the property company's co-signature closing a check, the schedule."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest

from desk_app.core.errors import DeskError, PermissionDenied, ValidationError
from desk_app.core.inspections import WEEKLY_CHECKLIST, InspectionKind, Notice, Responsibility
from desk_app.core.kinds import Channel, TicketKind
from desk_app.core.policies import ClockKind
from desk_app.models.db import database
from desk_app.models.schema import Clock, History, Inspection, InspectionItem, Notification, Staff, Ticket
from desk_app.services import inspections
from desk_app.services.config import put_setting

MONDAY_10_30 = dt.datetime(2026, 11, 16, 10, 30)


@pytest.fixture
def changes(events):
    seen = []
    events.subscribe(seen.append)
    return seen


def titles(staff_id: int) -> list[str]:
    return [n.title for n in Notification.select().where(Notification.recipient == staff_id).order_by(Notification.id)]


def resolve_deadline(ticket: Ticket) -> dt.datetime:
    return Clock.get((Clock.ticket == ticket.id) & (Clock.kind == ClockKind.RESOLVE.value)).deadline


def check_all(service, actor, inspection_id: int, problems: dict[str, str] | None = None,
              responsibility: Responsibility = Responsibility.PROPERTY) -> dict[str, int]:
    """Go through the checklist: the items in `problems` have that problem, the rest are ok."""
    problems = problems or {}
    ids = {}
    for item in WEEKLY_CHECKLIST:
        if item.code in problems:
            ids[item.code] = inspections.record_result(service, actor, inspection_id, item.code, ok=False,
                                                       problem=problems[item.code], responsibility=responsibility)
        else:
            ids[item.code] = inspections.record_result(service, actor, inspection_id, item.code, ok=True)
    return ids


def test_a_patrol_s_findings_are_followed_up_by_who_is_responsible(service, people, clock, changes):
    desk, supervisor = people["reception"], people["supervisor"]
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL, area="阳光花园")
    clock.advance(minutes=20)
    oral = inspections.record_finding(service, desk, patrol, "3栋门口垃圾未清运", responsibility=Responsibility.PROPERTY,
                                      location="阳光花园3栋", photo_path="/photos/2026-11-17/p1.jpg")
    sheet = inspections.record_finding(service, desk, patrol, "中心花园草坪大面积枯黄", serious=True,
                                       responsibility=Responsibility.PROPERTY, location="中心花园")
    repair = inspections.record_finding(service, desk, patrol, "5栋楼道声控灯不亮", responsibility=Responsibility.OWN,
                                        location="阳光花园5栋2单元")
    serious_repair = inspections.record_finding(service, desk, patrol, "地下车库排水泵故障，积水", serious=True,
                                                responsibility=Responsibility.OWN, location="地下车库B区")
    hazard = inspections.record_finding(service, desk, patrol, "配电房门锁损坏，无人看管",
                                        responsibility=Responsibility.SAFETY, location="2号配电房")
    now = clock.advance(minutes=10)

    # 物业责任, not serious: told orally or by WeChat, recorded as such; no number, no deadline.
    told = inspections.follow_up(service, desk, oral, notified_to="物业王经理（微信）")
    assert told.notice == Notice.ORAL and told.notice_number == "" and told.rectify_by is None
    assert told.notified_to == "物业王经理（微信）" and told.followed_up_at == now and told.ticket_id is None

    # 物业责任, serious: a numbered 整改通知单 with its deadline.
    deadline = dt.datetime(2026, 11, 20, 17, 0)
    notice = inspections.follow_up(service, desk, sheet, notice=Notice.RECTIFICATION_NOTICE, rectify_by=deadline)
    assert (notice.notice, notice.notice_number, notice.rectify_by) == (Notice.RECTIFICATION_NOTICE, "2026-0001",
                                                                        deadline)

    # 新元责任: a repair ticket through the normal service (派工单 to the repair crew), due at the deadline.
    fixed_by = dt.datetime(2026, 11, 19, 12, 0)
    own = inspections.follow_up(service, desk, repair, rectify_by=fixed_by)
    ticket = Ticket.get_by_id(own.ticket_id)
    assert own.ticket_number == ticket.number == "2026-000001"
    assert (ticket.kind, ticket.channel, ticket.rectify_by) == (TicketKind.REPAIR, Channel.PATROL, fixed_by)
    assert resolve_deadline(ticket) == fixed_by and ticket.created_by_id == desk.id
    assert ticket.description == "巡视发现：5栋楼道声控灯不亮（阳光花园5栋2单元）"
    assert ticket.address == "阳光花园5栋2单元" and ticket.scope == "public"
    assert own.manager_notified_at is None and titles(supervisor.id) == []

    # 新元责任, serious: the ticket with the proposed deadline, and the project manager is told.
    put_setting(inspections.SETTING_PROJECT_MANAGER, "engineering.lead")
    service.forget_cached()
    serious = inspections.follow_up(service, desk, serious_repair)
    ticket = Ticket.get_by_id(serious.ticket_id)
    assert ticket.rectify_by == serious.rectify_by == dt.datetime(2026, 11, 20, 9, 30)   # 3 days
    assert serious.manager_notified_at == now
    assert titles(people["engineering.lead"].id) == ["严重问题：巡视发现：地下车库排水泵故障，积水（地下车库B区）"]

    # 安全隐患: at once, an urgent inspection ticket with a short deadline; the project manager is told.
    safety = inspections.follow_up(service, desk, hazard)
    ticket = Ticket.get_by_id(safety.ticket_id)
    assert ticket.kind == TicketKind.INSPECTION and ticket.priority == 1
    assert ticket.urgency == ticket.impact == "high"
    assert ticket.rectify_by == resolve_deadline(ticket) == now + dt.timedelta(hours=2)
    assert titles(people["engineering.lead"].id)[-1].startswith("安全隐患：巡视发现：配电房门锁损坏")
    assert History.select().where(History.ticket == ticket.id, History.action == "create").count() == 1

    inspections.finish_patrol(service, desk, patrol)
    detail = inspections.inspection_detail(patrol)
    assert detail.closed and detail.checklist == [] and len(detail.findings) == 5
    assert all(f.followed_up for f in detail.findings)
    assert detail.findings[0].photo_path == "/photos/2026-11-17/p1.jpg"
    row = inspections.inspections()[0]
    assert (row.id, row.kind, row.problems, row.open_follow_ups, row.inspector) == (
        patrol, InspectionKind.PATROL, 5, 0, "王芳")
    assert {c.topic for c in changes} >= {"inspection", "ticket", "notification"}


def test_a_weekly_check_is_co_signed_and_then_read_only(service, people, clock):
    desk = people["reception"]
    clock.now = MONDAY_10_30
    check = inspections.start_inspection(service, desk, InspectionKind.WEEKLY)
    ids = check_all(service, desk, check, {"1.1.1": "3栋北侧绿化带内有明显垃圾", "1.2.2": "5栋2单元门禁无法刷卡"})
    detail = inspections.inspection_detail(check)
    assert [line.item.code for line in detail.checklist] == [i.code for i in WEEKLY_CHECKLIST]
    assert [f.item_code for f in detail.findings] == ["1.1.1", "1.2.2"] and detail.unchecked == []

    # An item recorded again replaces its result while the check is open.
    assert inspections.record_result(service, desk, check, "1.3.3", ok=False, problem="东门摄像头黑屏",
                                     responsibility=Responsibility.PROPERTY) == ids["1.3.3"]
    inspections.record_result(service, desk, check, "1.3.3", ok=True)
    assert len(inspections.inspection_detail(check).findings) == 2

    with pytest.raises(ValidationError):
        inspections.co_sign(service, desk, check, "  ")
    clock.advance(minutes=75)
    inspections.co_sign(service, desk, check, "物业李主管")
    signed = inspections.inspection_detail(check)
    assert (signed.co_signer, signed.co_signed_at, signed.finished_at) == ("物业李主管", clock.now, clock.now)

    # Signed: read-only.
    before = list(InspectionItem.select().where(InspectionItem.inspection == check).order_by(InspectionItem.id).dicts())
    for attempt in (
        lambda: inspections.record_result(service, desk, check, "1.1.2", ok=False, problem="垃圾箱脏",
                                          responsibility=Responsibility.PROPERTY),
        lambda: inspections.record_finding(service, desk, check, "补记一条", responsibility=Responsibility.PROPERTY),
        lambda: inspections.remove_item(service, desk, ids["1.1.1"]),
        lambda: inspections.co_sign(service, desk, check, "另一人"),
    ):
        with pytest.raises(DeskError, match="signed off"):
            attempt()
    after = list(InspectionItem.select().where(InspectionItem.inspection == check).order_by(InspectionItem.id).dicts())
    assert after == before and Inspection.get_by_id(check).co_signer == "物业李主管"

    # The findings go out on 工作联系单 after the signature (根据检查问题，发放《工作联系单》).
    with pytest.raises(ValidationError):   # not serious: a contact sheet, not a rectification notice
        inspections.follow_up(service, desk, ids["1.1.1"], notice=Notice.RECTIFICATION_NOTICE)
    first = inspections.follow_up(service, desk, ids["1.1.1"])
    second = inspections.follow_up(service, desk, ids["1.2.2"], rectify_by=dt.datetime(2026, 11, 18, 18, 0))
    assert (first.notice, first.notice_number) == (Notice.CONTACT_SHEET, "2026-0001")
    assert first.rectify_by == clock.now.replace(second=0) + dt.timedelta(days=7)
    assert (second.notice_number, second.rectify_by) == ("2026-0002", dt.datetime(2026, 11, 18, 18, 0))
    assert Ticket.select().count() == 0


def test_a_check_is_signed_only_when_every_item_has_a_result(service, people, clock):
    desk = people["reception"]
    check = inspections.start_inspection(service, desk, InspectionKind.WEEKLY)
    for item in WEEKLY_CHECKLIST[:-1]:
        inspections.record_result(service, desk, check, item.code, ok=True)
    with pytest.raises(ValidationError) as refused:
        inspections.co_sign(service, desk, check, "物业李主管")
    assert refused.value.params == {"count": 1, "first": "1.3(3)"}
    with pytest.raises(DeskError):
        inspections.finish_patrol(service, desk, check)     # a check ends by its signature
    with pytest.raises(ValidationError):
        inspections.record_result(service, desk, check, "1.4.1", ok=True)
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL)
    with pytest.raises(DeskError):
        inspections.co_sign(service, desk, patrol, "物业李主管")
    with pytest.raises(ValidationError):
        inspections.record_result(service, desk, patrol, "1.1.1", ok=True)   # a patrol has no checklist
    assert Inspection.get_by_id(check).finished_at is None


def test_a_monthly_check_is_co_signed_the_same_way_and_counts_for_the_month(service, people, clock):
    desk = people["reception2"]
    assert "本月月检未做" in [d.chinese for d in inspections.due(service)]
    check = inspections.start_inspection(service, desk, InspectionKind.MONTHLY)
    ids = check_all(service, desk, check, {"1.3.2": "中控主机显示3处故障点"})
    clock.advance(hours=2)
    inspections.co_sign(service, desk, check, "物业张经理")
    assert "本月月检未做" not in [d.chinese for d in inspections.due(service)]
    row = inspections.inspections(kind=InspectionKind.MONTHLY)[0]
    assert (row.co_signer, row.problems, row.open_follow_ups, row.closed) == ("物业张经理", 1, 1, True)
    sheet = inspections.follow_up(service, desk, ids["1.3.2"])
    assert sheet.notice == Notice.CONTACT_SHEET and sheet.notice_number == "2026-0001"
    assert inspections.inspections(kind=InspectionKind.MONTHLY)[0].open_follow_ups == 0


def test_the_schedule_is_asked_at_the_service_s_now(service, people, clock):
    desk = people["reception"]
    assert [d.chinese for d in inspections.due(service)] == ["今日巡视未做", "本周第2次周检未做", "本月月检未做"]
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL)
    assert "今日巡视未做" in [d.chinese for d in inspections.due(service)]   # begun, not finished
    inspections.finish_patrol(service, desk, patrol)
    assert [d.chinese for d in inspections.due(service)] == ["本周第2次周检未做", "本月月检未做"]
    clock.advance(days=1)
    assert [d.chinese for d in inspections.due(service)] == ["今日巡视未做", "本周第2次周检未做", "本月月检未做"]
    clock.advance(days=1)
    assert [d.chinese for d in inspections.due(service)][:2] == ["昨日巡视未做", "今日巡视未做"]


def test_notice_numbers_are_unique_per_kind_and_counted_per_year(service, people, clock):
    desk = people["reception"]
    clock.now = dt.datetime(2026, 12, 30, 15, 0)

    def serious_property_finding() -> int:
        patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL)
        return inspections.record_finding(service, desk, patrol, "消防通道被占用", serious=True,
                                          responsibility=Responsibility.PROPERTY)

    numbers = [inspections.follow_up(service, desk, serious_property_finding()).notice_number for _ in range(3)]
    assert numbers == ["2026-0001", "2026-0002", "2026-0003"]
    rectification = inspections.follow_up(service, desk, serious_property_finding(),
                                          notice=Notice.RECTIFICATION_NOTICE)
    assert rectification.notice_number == "2026-0001"    # its own sequence
    clock.now = dt.datetime(2027, 1, 4, 9, 0)
    assert inspections.follow_up(service, desk, serious_property_finding()).notice_number == "2027-0001"
    rows = list(InspectionItem.select(InspectionItem.notice, InspectionItem.notice_number)
                .where(InspectionItem.notice_number.is_null(False)).tuples())
    assert len(rows) == len(set(rows)) == 5
    # The table refuses a second sheet with the same number.
    item = InspectionItem.get(InspectionItem.notice_number == "2026-0002")
    with pytest.raises(pw.IntegrityError), database.atomic():
        InspectionItem.update(notice_number="2026-0001").where(InspectionItem.id == item.id).execute()


def test_a_finding_is_followed_up_once_and_only_as_its_rule_allows(service, people, clock):
    desk = people["reception"]
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL)
    with pytest.raises(ValidationError) as refused:
        inspections.record_finding(service, desk, patrol, "路灯不亮", responsibility=None)
    assert refused.value.field == "responsibility"
    with pytest.raises(ValidationError):
        inspections.record_finding(service, desk, patrol, "  ", responsibility=Responsibility.OWN)
    minor = inspections.record_finding(service, desk, patrol, "草坪有烟头", responsibility=Responsibility.PROPERTY)
    with pytest.raises(ValidationError) as refused:       # not serious: told orally, no contact sheet
        inspections.follow_up(service, desk, minor, notice=Notice.CONTACT_SHEET)
    assert refused.value.field == "notice"
    light = inspections.record_finding(service, desk, patrol, "路灯不亮", responsibility=Responsibility.OWN)
    with pytest.raises(ValidationError) as refused:
        inspections.follow_up(service, desk, light, rectify_by=clock.now - dt.timedelta(hours=1))
    assert refused.value.field == "rectify_by"
    assert Ticket.select().count() == 0 and InspectionItem.get_by_id(light).followed_up_at is None
    inspections.follow_up(service, desk, light)
    with pytest.raises(DeskError, match="already followed up"):
        inspections.follow_up(service, desk, light)
    with pytest.raises(DeskError):
        inspections.remove_item(service, desk, light)
    assert Ticket.select().count() == 1
    inspections.remove_item(service, desk, minor)
    assert [f.problem for f in inspections.inspection_detail(patrol).findings] == ["路灯不亮"]


def test_a_rectification_is_confirmed_and_an_unconfirmed_one_goes_overdue(service, people, clock):
    desk = people["reception"]
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL)
    finding = inspections.record_finding(service, desk, patrol, "消防栓被杂物遮挡", serious=True,
                                         responsibility=Responsibility.PROPERTY)
    with pytest.raises(DeskError):
        inspections.confirm_rectified(service, desk, finding)
    sheet = inspections.follow_up(service, desk, finding, rectify_by=clock.now + dt.timedelta(days=1))
    assert [f.id for f in inspections.open_follow_ups()] == [finding]
    clock.advance(days=2)
    assert inspections.item_view(finding).overdue(clock.now) and sheet.notice_number == "2026-0001"
    inspections.confirm_rectified(service, desk, finding)
    view = inspections.item_view(finding)
    assert view.rectified_at == clock.now and not view.overdue(clock.now)
    assert inspections.open_follow_ups() == []


@pytest.mark.parametrize("who", ["engineering", "engineering.lead", "audit", "office", "center"])
def test_roles_without_the_permission_are_refused_and_nothing_is_written(service, people, clock, who):
    desk, outsider = people["reception"], people[who]
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL)
    finding = inspections.record_finding(service, desk, patrol, "井盖缺失", responsibility=Responsibility.SAFETY)
    check = inspections.start_inspection(service, desk, InspectionKind.WEEKLY)
    check_all(service, desk, check)

    def snapshot():
        return [list(model.select().order_by(model.id).dicts())
                for model in (Inspection, InspectionItem, Ticket, Notification)]

    before = snapshot()
    for attempt in (
        lambda: inspections.start_inspection(service, outsider, InspectionKind.PATROL),
        lambda: inspections.record_finding(service, outsider, patrol, "路面破损", responsibility=Responsibility.OWN),
        lambda: inspections.record_result(service, outsider, check, "1.1.1", ok=True),
        lambda: inspections.follow_up(service, outsider, finding),
        lambda: inspections.co_sign(service, outsider, check, "物业李主管"),
        lambda: inspections.finish_patrol(service, outsider, patrol),
        lambda: inspections.remove_item(service, outsider, finding),
        lambda: inspections.confirm_rectified(service, outsider, finding),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert snapshot() == before


def test_the_supervisor_may_inspect_and_without_a_project_manager_set_the_supervisors_hear(service, people):
    supervisor = people["supervisor"]
    patrol = inspections.start_inspection(service, supervisor, InspectionKind.PATROL)
    finding = inspections.record_finding(service, supervisor, patrol, "电梯轿厢照明损坏", serious=True,
                                         responsibility=Responsibility.OWN)
    put_setting(inspections.SETTING_PROJECT_MANAGER, "nobody")
    service.forget_cached()
    inspections.follow_up(service, supervisor, finding)
    supervisors = Staff.select().where(Staff.role == "supervisor")
    assert all(titles(s.id) == ["严重问题：巡视发现：电梯轿厢照明损坏"] for s in supervisors)


def test_a_refused_ticket_rolls_the_whole_follow_up_back(service, people, clock, monkeypatch):
    desk = people["reception"]
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL)
    finding = inspections.record_finding(service, desk, patrol, "楼顶防水层破损", serious=True,
                                         responsibility=Responsibility.OWN)

    def refuse(*_args, **_kwargs):
        raise PermissionDenied("no")

    monkeypatch.setattr(service, "create_ticket", refuse)
    with pytest.raises(PermissionDenied):
        inspections.follow_up(service, desk, finding)
    assert InspectionItem.get_by_id(finding).followed_up_at is None
    assert Notification.select().count() == 0 and Ticket.select().count() == 0
