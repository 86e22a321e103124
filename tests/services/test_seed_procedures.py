"""The seed's procedures, end to end, on the organisation of the matching preset.

Each test walks one procedure of /work/shared/seeds/000_2e209a1af0f899b0.txt with the preset's own people, every step
taken by the role that owns it, on an injected clock; it checks the state, the exact deadlines (working days on the
mainland-China calendar), the history, and that whoever may not take a step is refused with nothing written. The
seed's line a check proves is quoted beside it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desk_app.core.errors import DeskError, PermissionDenied, ValidationError
from desk_app.core.inspections import WEEKLY_CHECKLIST, InspectionKind, Notice, Responsibility
from desk_app.core.kinds import (
    CallOutcome,
    Channel,
    ComplaintLevel,
    Escalation,
    Level,
    Satisfaction,
    Severity,
    TicketKind,
)
from desk_app.core.labels import chinese
from desk_app.core.policies import Variant
from desk_app.core.queues import Queue
from desk_app.core.routing import Routed, Scope
from desk_app.core.states import State
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import (
    CallRecord,
    Department,
    EscalationReport,
    Setting,
    Staff,
    Ticket,
)
from desk_app.services import admin, construction, coordination, inspections, queries
from desk_app.services.config import put_setting
from desk_app.services.notify import Notifier
from tests.services.seed_support import (
    actions,
    at,
    clock_row,
    deadline,
    last_note,
    note_of,
    notices,
    outcome,
    preset_org,
    refused,
    state,
    steps,
    ticket,
    visible_ids,
)


@pytest.fixture
def notifier(events, clock):
    """The in-app notices the desk sends on every ticket action (第十一条: the receiver is told)."""
    notifier = Notifier(now=clock)
    events.subscribe(notifier.on_change)
    return notifier


def setting(key: str) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else None


# ===== FTTH待装工单建设流程 (增加分纤箱) ============================================================================


def test_ftth_install_with_new_distribution_box_stays_within_13_working_days(service, clock, notifier):
    """FTTH待装工单建设流程(增加分纤箱): "片区装维人员(FTTH片区人员)接到工单后现场确认" … "整个流程时间从用户受理时间起
    不得超过13个工作日"; the 建设任务单 to 世康通信有限责任公司, 营销部门确认, "施工完毕后，请通知片区维护人员"."""
    # 业务受理时间 on the Monday before National Day; the desk enters the install the next morning.
    clock.now = at("2026-09-29 09:00")
    org = preset_org("telecom", clock.now)
    lina, lvbo, shenyan = org["lina"], org["lvbo"], org["shenyan"]
    dong, chenyan, wangpei = org["dongqingwen"], org["chenyan"], org["wangpei"]

    ticket_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX, category="增加分纤箱", channel=Channel.BUSINESS_HALL,
        description="光网宽带开通：楼栋分纤箱资源已满", caller_name="王建国", phone="13812345678",
        address="城北片区和平里小区3栋", area="城北片区", accepted_at=at("2026-09-28 15:00")))
    # Routed by area straight to the area team's one receiver (直派), who is told.
    t = ticket(ticket_id)
    assert (t.state, t.routed, t.department_id, t.receiver_id, t.policy_code) == (
        State.DISPATCHED, Routed.DIRECT, org.dept("lvbo"), lvbo.id, "ftth_box")
    assert [n.kind for n in notices("lvbo")] == ["dispatch"]
    # "从用户受理时间起不得超过13个工作日": counted from the acceptance on 9-28, not from entry on 9-29; the day of
    # acceptance is not counted, 10-01..10-07 (国庆) are off, Saturday 10-10 is a 调休 working day.
    resolve = clock_row(ticket_id, "resolve")
    assert (resolve.limit, resolve.started_at, resolve.deadline, resolve.provisional) == (
        "13wd", at("2026-09-28 15:00"), at("2026-10-21 23:59:59"), False)
    # The receiver's response (P3: 4 working hours of 08:30-12:00, 13:30-17:30) comes first.
    assert (t.due_clock, t.due_at) == ("respond", at("2026-09-29 10:00"))

    # Another area's receiver and the field staff do not accept (接单 is the receiver's).
    with refused(PermissionDenied):
        service.accept(shenyan, ticket_id)
    with refused(PermissionDenied):
        service.accept(dong, ticket_id)
    clock.now = at("2026-09-29 09:30")
    service.accept(lvbo, ticket_id)
    assert (ticket(ticket_id).due_clock, ticket(ticket_id).due_at) == ("resolve", at("2026-10-21 23:59:59"))
    # "片区装维人员接到工单后现场确认".
    clock.now = at("2026-09-29 14:00")
    service.start(dong, ticket_id, worker="董清文", note="现场确认：分纤箱无空余端口")
    assert (state(ticket_id), ticket(ticket_id).worker) == (State.IN_PROGRESS, "董清文")

    # "经现场查勘，该处资源已用完，现需增加…请你单位接到此任务单后，在__年__月__日前完成施工及相关资源录入。"
    task = dict(item="分纤箱", cable_cores=12, cable_metres=150, maintainer_name="董清文",
                maintainer_phone="18074803980")
    with refused(PermissionDenied):             # the front desk issues no construction task
        construction.open_task(service, lina, ticket_id, due_date=dt.date(2026, 10, 16), **task)
    with refused(ValidationError, match="own time limit"):   # the construction is inside the 13 working days
        construction.open_task(service, chenyan, ticket_id, due_date=dt.date(2026, 10, 22), **task)
    task_id = construction.open_task(service, chenyan, ticket_id, due_date=dt.date(2026, 10, 16), **task)
    sheet = construction.tasks_of(ticket_id)[0]
    assert (sheet.number, sheet.contractor, sheet.dispatch_department, sheet.stage) == (
        "2026-0001", "世康通信有限责任公司", "网络部", "dispatched")
    assert [n.kind for n in notices("wangpei")] == ["construction"]      # 营销部门确认人 is asked
    # Not solved while the construction is open; the contractor's report waits for marketing's confirmation.
    with refused(DeskError, match="not finished yet"):
        service.resolve(lvbo, ticket_id, "已装机")
    with refused(DeskError, match="not at this stage"):
        construction.report_done(service, chenyan, task_id, resources_entered=True)
    # "营销部门确认人": the marketing department confirms, nobody else.
    with refused(PermissionDenied):
        construction.confirm_by_marketing(service, chenyan, task_id)
    clock.now = at("2026-09-30 10:00")
    construction.confirm_by_marketing(service, wangpei, task_id)
    # "施工完毕后，请通知片区维护人员": done after the holiday, resources entered, the maintainer is told.
    clock.now = at("2026-10-15 16:00")
    with refused(ValidationError):
        construction.report_done(service, chenyan, task_id, resources_entered=False)
    construction.report_done(service, chenyan, task_id, resources_entered=True)
    assert construction.tasks_of(ticket_id)[0].stage == "done"
    assert [n.kind for n in notices("dongqingwen")] == ["construction_done"]

    clock.now = at("2026-10-16 11:00")
    service.resolve(lvbo, ticket_id, "已增加分纤箱并完成装机")
    resolve = clock_row(ticket_id, "resolve")
    assert state(ticket_id) == State.RESOLVED and resolve.stopped_at == at("2026-10-16 11:00") <= resolve.deadline
    clock.now = at("2026-10-16 15:00")
    service.return_visit(lina, ticket_id, Satisfaction.SATISFIED, "用户确认宽带已开通")
    service.archive(lina, ticket_id)
    with refused(DeskError, match="archived"):      # archived: read-only
        service.return_visit(lina, ticket_id, Satisfaction.UNSATISFIED, "不满意")
    assert steps(ticket_id) == [
        ("create", None, "new", "lina"), ("dispatch", "new", "dispatched", "lina"),
        ("accept", "dispatched", "accepted", "lvbo"), ("start", "accepted", "in_progress", "dongqingwen"),
        ("construction", "in_progress", "in_progress", "chenyan"),
        ("construction_confirm", "in_progress", "in_progress", "wangpei"),
        ("construction_done", "in_progress", "in_progress", "chenyan"),
        ("resolve", "in_progress", "resolved", "lvbo"), ("visit", "resolved", "visited", "lina"),
        ("archive", "visited", "archived", "lina")]


# ===== FTTH 建设流程 (更换、增加分光器) ===========================================================================


def test_ftth_splitter_within_5_working_days(service, clock, notifier):
    """FTTH 建设流程(更换、增加分光器): "片区装维人员(FTTH 片区人员)接到工单后现场确认" … "整个流程时间从用户受理时间起
    不得超过5个工作日"."""
    clock.now = at("2026-09-30 10:00")
    org = preset_org("telecom", clock.now)
    lina, shenyan, wangchi, lvbo = org["lina"], org["shenyan"], org["wangchi"], org["lvbo"]
    draft = dict(kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_SPLITTER, category="更换/增加分光器",
                 channel=Channel.BUSINESS_HALL, area="城南片区", accepted_at=at("2026-09-30 09:40"))
    assert "更换/增加分光器" in queries.catalogue_entries("ftth_install")      # 服务目录
    done_id = service.create_ticket(lina, TicketDraft(description="分光器端口不足", caller_name="李红",
                                                      address="城南片区翠湖苑1栋", **draft))
    late_id = service.create_ticket(lina, TicketDraft(description="需更换分光器", caller_name="赵军",
                                                      address="城南片区翠湖苑2栋", **draft))
    for ticket_id in (done_id, late_id):
        t = ticket(ticket_id)
        assert (t.department_id, t.receiver_id, t.policy_code) == (org.dept("shenyan"), shenyan.id, "ftth_splitter")
        # 9-30 is not counted; 10-01..10-07 off; 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
        assert (clock_row(ticket_id, "resolve").limit, deadline(ticket_id, "resolve")) == (
            "5wd", at("2026-10-13 23:59:59"))
    with refused(PermissionDenied):         # 城北's team does not take 城南's install
        service.accept(lvbo, done_id)
    clock.now = at("2026-09-30 11:00")
    service.accept(shenyan, done_id)
    service.accept(shenyan, late_id)
    clock.now = at("2026-09-30 15:00")
    service.start(wangchi, done_id, worker="汪池", note="现场确认需增加分光器")
    # A construction task past the 5 working days is refused; within it, it runs its course.
    task = dict(item="分光器", cable_cores=None, cable_metres=None, maintainer_name="汪池",
                maintainer_phone="15055352140")
    with refused(ValidationError, match="2026-10-13"):
        construction.open_task(service, org["chenyan"], done_id, due_date=dt.date(2026, 10, 14), **task)
    task_id = construction.open_task(service, org["chenyan"], done_id, due_date=dt.date(2026, 10, 12), **task)
    construction.confirm_by_marketing(service, org["zhongping"], task_id)     # the marketing leader confirms too
    clock.now = at("2026-10-12 10:00")
    construction.report_done(service, shenyan, task_id, resources_entered=True)   # the holding team records it
    clock.now = at("2026-10-12 15:00")
    service.resolve(wangchi, done_id, "已更换分光器，宽带开通")
    assert state(done_id) == State.RESOLVED
    assert clock_row(done_id, "resolve").stopped_at == at("2026-10-12 15:00")

    # The other install is not finished: approaching on the last day, overdue from the first second after it.
    assert late_id in visible_ids(service, lina, Queue.APPROACHING, at("2026-10-13 23:00"))
    assert late_id not in visible_ids(service, lina, Queue.OVERDUE, at("2026-10-13 23:00"))
    assert late_id in visible_ids(service, lina, Queue.OVERDUE, at("2026-10-14 00:00"))
    assert done_id not in visible_ids(service, lina, Queue.OVERDUE, at("2026-10-14 00:00"))


# ===== 客服前台工作流程 (property front desk) ======================================================================


def test_property_front_desk_register_slip_return_and_same_day_visit(service, clock, notifier):
    """客服前台工作流程: "登记在《来电来访登记表》表中，将来电来访人的姓名、反应内容、联系方式、流转人及跟进情况详细填写";
    "如果是有偿服务，联系外包服务单位对接人，询问价格后，回复业主，根据业主意愿，是否需开单上门维修";
    "工程人员维修后，至前台返单，客服进行回访"; "对当日完成的派工单须保证100%回访"."""
    clock.now = at("2026-11-17 09:00")          # a Tuesday
    org = preset_org("property", clock.now)
    wangfang, eng, worker = org["wangfang"], org["zhengjianhua"], org["sunweidong"]
    assert setting("return_visit.rule") == "same_day"

    # The call is a line of the register first (name, content, contact, 流转人, follow-up), then the ticket.
    call_id, repair_id = service.create_ticket_from_intake(
        wangfang,
        CallDraft(content="卫生间门锁损坏，无法关门", phone="13912345678", caller_name="刘业主",
                  address="一期3栋201", transferred_to="工程部 郑建华", follow_up="约定明日14:00上门"),
        TicketDraft(kind=TicketKind.REPAIR, category="门窗", description="卫生间门锁损坏，无法关门",
                    phone="13912345678", caller_name="刘业主", address="一期3栋201", area="一期"))
    call = CallRecord.get_by_id(call_id)
    assert (call.caller_name, call.phone, call.transferred_to, call.follow_up, call.outcome, call.ticket_id) == (
        "刘业主", "+8613912345678", "工程部 郑建华", "约定明日14:00上门", CallOutcome.TICKET, repair_id)
    assert (state(repair_id), ticket(repair_id).routed) == (State.NEW, Routed.TRANSFER)

    # "与客户约定上门维修时间后派单": the visit time agreed with the owner goes with the dispatch.
    with refused(PermissionDenied):                 # a worker does not dispatch (the desk deals with supervisors)
        service.dispatch(worker, repair_id, org.dept("zhengjianhua"), appointment_at=at("2026-11-18 14:00"))
    service.dispatch(wangfang, repair_id, org.dept("zhengjianhua"), appointment_at=at("2026-11-18 14:00"))
    assert ticket(repair_id).appointment_at == at("2026-11-18 14:00")
    assert "约定上门 2026-11-18 14:00" in last_note(repair_id)
    assert [n.kind for n in notices("zhengjianhua")] == ["dispatch"]
    clock.now = at("2026-11-17 09:20")
    service.accept(eng, repair_id)
    assert state(repair_id) == State.APPOINTED                      # 已预约
    clock.now = at("2026-11-18 14:05")
    service.start(worker, repair_id, worker="孙卫东")
    clock.now = at("2026-11-18 15:30")
    service.resolve(worker, repair_id, "更换门锁，已可正常开关")
    assert state(repair_id) == State.RESOLVED
    # "对当日完成的派工单须保证100%回访": the visit is due by the end of the day the work was completed.
    visit = clock_row(repair_id, "visit")
    assert (visit.limit, visit.started_at, visit.deadline) == ("0d", at("2026-11-18 15:30"), at("2026-11-18 23:59:59"))
    # "工程人员维修后，至前台返单，客服进行回访": no visit before the slip is back; the office does not take it in.
    with refused(DeskError, match="返单"):
        service.return_visit(wangfang, repair_id, Satisfaction.SATISFIED)
    with refused(PermissionDenied):
        service.return_slip(org["huangjing"], repair_id)
    clock.now = at("2026-11-18 16:00")
    service.return_slip(wangfang, repair_id, "孙卫东交回派工单，业主已签字")
    assert ticket(repair_id).slip_returned_at == at("2026-11-18 16:00")
    with refused(DeskError, match="come back already"):     # it comes back once
        service.return_slip(wangfang, repair_id)
    clock.now = at("2026-11-18 17:00")
    service.return_visit(wangfang, repair_id, Satisfaction.SATISFIED, "业主满意")
    visit = clock_row(repair_id, "visit")
    assert state(repair_id) == State.VISITED and visit.stopped_at == at("2026-11-18 17:00") <= visit.deadline

    # 有偿服务: the department asks the contractor's price, the desk tells the owner, the work starts on his word.
    paid_id = service.create_ticket(wangfang, TicketDraft(
        kind=TicketKind.REPAIR, variant=Variant.PAID, category="户内有偿维修", scope=Scope.PRIVATE,
        description="更换厨房水龙头（有偿）", phone="13912345678", caller_name="刘业主", address="一期3栋201",
        area="一期"))
    assert ticket(paid_id).department_id == org.dept("zhengjianhua")     # 业主室内各项有偿维修 → 工程部
    service.accept(eng, paid_id)
    with refused(PermissionDenied):                 # the desk does not quote; the department asks the contractor
        service.quote_price(wangfang, paid_id, "120")
    with refused(DeskError, match="no quoted price"):       # nothing to agree to yet
        service.record_consent(wangfang, paid_id, True)
    service.quote_price(eng, paid_id, "120", "外包单位报价")
    with refused(DeskError, match="agreed"):       # no work before the owner agreed
        service.start(worker, paid_id)
    service.record_consent(wangfang, paid_id, True, "业主同意，开单上门")
    service.start(worker, paid_id)
    service.resolve(worker, paid_id, "已更换水龙头")
    # "如遇公区维修，直接联系工程部派单": a public repair goes straight to 工程部.
    public_id = service.create_ticket(wangfang, TicketDraft(
        kind=TicketKind.REPAIR, scope=Scope.PUBLIC, category="水管", description="2栋地下室水管滴漏",
        caller_name="巡查", channel=Channel.VISIT, address="一期2栋", area="一期"))
    assert (ticket(public_id).routed, ticket(public_id).department_id) == (Routed.DIRECT, org.dept("zhengjianhua"))

    # A slip completed that day and not visited by midnight is overdue: 100 % means every one.
    assert paid_id in visible_ids(service, wangfang, Queue.TO_VISIT)
    assert deadline(paid_id, "visit") == at("2026-11-18 23:59:59")
    assert paid_id in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-19 00:00"))
    assert repair_id not in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-19 00:00"))
    assert steps(repair_id) == [
        ("create", None, "new", "wangfang"), ("dispatch", "new", "dispatched", "wangfang"),
        ("accept", "dispatched", "appointed", "zhengjianhua"), ("start", "appointed", "in_progress", "sunweidong"),
        ("resolve", "in_progress", "resolved", "sunweidong"), ("return_slip", "resolved", "resolved", "wangfang"),
        ("visit", "resolved", "visited", "wangfang")]


def test_property_same_day_visit_stays_due_on_the_completion_day_when_the_calendar_changes(service, clock):
    """"对当日完成的派工单须保证100%回访": the visit is due the day the work was completed, whatever the administrator
    later changes in the calendar (a calendar change recomputes the open deadlines)."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("property", clock.now)
    wangfang, eng = org["wangfang"], org["zhengjianhua"]
    repair_id = service.create_ticket(wangfang, TicketDraft(
        kind=TicketKind.REPAIR, category="门窗", description="阳台门关不严", phone="13912340000", caller_name="何业主",
        address="二期1栋101", area="二期"))
    service.dispatch(wangfang, repair_id, org.dept("zhengjianhua"))
    service.accept(eng, repair_id)
    clock.now = at("2026-11-18 15:30")
    service.resolve(eng, repair_id, "调整门铰链")
    assert (deadline(repair_id, "resolve"), deadline(repair_id, "visit")) == (
        at("2026-11-20 23:59:59"), at("2026-11-18 23:59:59"))
    # The administrator makes Christmas Eve a day off (nothing to do with this ticket).
    service.set_calendar_day(org["admin"], dt.date(2026, 12, 24), False, "公司活动")
    assert deadline(repair_id, "visit") == at("2026-11-18 23:59:59")
    assert repair_id in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-19 00:00"))


# ===== 客服管家工作流程 (butler, property) ==========================================================================


def test_butler_emergency_repair_on_site_in_20_minutes_repaired_in_8_hours(service, clock, notifier):
    """客服管家工作流程 4.1.1 "负责客户个性化档案建立"; 4.2.2.1 "前台接到客户报修信息后，应初步判断报修的性质——急修、
    一般维修、重大维修，与客户约定上门维修时间后派单"; 4.2.2.2 "急修服务：20分钟到达现场，8小时修复，若不能，要有紧急处理
    措施，并对客户做出合理解释，…做出限时承诺"."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("property", clock.now)
    wangfang, eng, worker = org["wangfang"], org["zhengjianhua"], org["sunweidong"]

    # The customer's archive: household, job, age, hobbies, pets, festivals, special needs (4.1.1).
    notes = "家庭人口3人；教师；45岁；爱好书法；养猫一只；关注春节；上门前请先电话联系"
    customer_id = service.register_customer(wangfang, "陈业主", "13700001111", "一期5栋302", "一期", notes)
    with refused(PermissionDenied):                 # the archive is the desk's to keep
        service.register_customer(worker, "某人", "13700002222")

    burst = TicketDraft(kind=TicketKind.REPAIR, variant=Variant.EMERGENCY, category="公共水管道",
                        description="5栋地下室主水管爆裂，大量积水", phone="13700001111", caller_name="陈业主",
                        address="一期5栋", area="一期")
    fixed_id = service.create_ticket(wangfang, burst)
    late_id = service.create_ticket(wangfang, TicketDraft(
        kind=TicketKind.REPAIR, variant=Variant.EMERGENCY, category="公共电设施", description="3栋配电箱冒烟断电",
        caller_name="陈业主", phone="13700001111", address="一期3栋", area="一期"))
    t = ticket(fixed_id)
    assert (t.customer_id, t.policy_code, t.department_id, t.state) == (
        customer_id, "emergency_repair", org.dept("zhengjianhua"), State.DISPATCHED)
    assert (clock_row(fixed_id, "arrive").deadline, clock_row(fixed_id, "resolve").deadline) == (
        at("2026-11-17 09:20"), at("2026-11-17 17:00"))
    card = queries.customer_card(service.viewer(wangfang), "13700001111")
    assert (card.name, card.address, card.notes, {r.id for r in card.open_tickets}) == (
        "陈业主", "一期5栋302", notes, {fixed_id, late_id})
    # Another department's receiver sees the archive card but not the engineering department's ticket on it.
    assert queries.customer_card(service.viewer(org["zhoulihua"]), "13700001111").open_tickets == []

    clock.now = at("2026-11-17 09:03")
    service.accept(eng, fixed_id)
    clock.now = at("2026-11-17 09:10")
    service.accept(eng, late_id)
    clock.now = at("2026-11-17 09:18")
    service.start(worker, fixed_id, worker="孙卫东", note="已到达现场")       # 20分钟到达现场
    assert clock_row(fixed_id, "arrive").stopped_at == at("2026-11-17 09:18")
    # The other one: nobody on site after 20 minutes (overdue from 09:20), not repaired after 8 hours either.
    assert late_id not in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-17 09:19"))
    assert late_id in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-17 09:20"))
    clock.now = at("2026-11-17 09:35")
    service.start(worker, late_id)
    assert clock_row(late_id, "arrive").stopped_at == at("2026-11-17 09:35") > deadline(late_id, "arrive")
    clock.now = at("2026-11-17 16:30")
    service.resolve(worker, fixed_id, "更换爆裂管段，恢复供水")                # 8小时修复
    assert clock_row(fixed_id, "resolve").stopped_at == at("2026-11-17 16:30")
    assert fixed_id not in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-17 17:00"))
    assert late_id in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-17 17:00"))
    # "若不能，要有紧急处理措施…做出限时承诺": the promise waits for a part (未完结), and the ticket stays overdue.
    clock.now = at("2026-11-17 17:30")
    service.block(worker, late_id, "已断开该回路并设临时照明（紧急措施），承诺11-18 12:00前修复，待配件")
    assert state(late_id) == State.BLOCKED
    assert late_id in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-18 08:00"))
    clock.now = at("2026-11-18 10:00")
    service.unblock(worker, late_id, note="配件到货")
    service.resolve(worker, late_id, "更换配电箱断路器，恢复供电")
    assert clock_row(late_id, "resolve").stopped_at == at("2026-11-18 10:00") > deadline(late_id, "resolve")
    assert actions(late_id) == ["create", "dispatch", "accept", "start", "block", "unblock", "resolve"]


# ===== 客服部工作流程 (department procedure, property) =============================================================


def department_code(ticket_id: int) -> str | None:
    t = ticket(ticket_id)
    return Department.get_by_id(t.department_id).code if t.department_id else None


def test_department_procedure_complaint_levels_routing_table_and_24h_visit(service, clock, notifier):
    """客服部工作流程 一、投诉报修流程 1–3 (一般 / 紧急或复杂 / 重大紧急突发), "前台接待直接与个部门主管对接工作，不直接与工人
    对接", "回访工作：在规定的工作完成时间标准24小时后回访，对于没有按规定时间完成的工作记录并上报", 二、派单范围."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("property", clock.now)
    wangfang = org["wangfang"]
    # This procedure's visit rule (the front desk's is "same day"): the administrator's choice of the two.
    put_setting("return_visit.rule", "after_deadline")
    service.forget_cached()

    def make(kind: TicketKind, category: str, scope: Scope = Scope.NONE, **extra) -> int:
        return service.create_ticket(wangfang, TicketDraft(
            kind=kind, category=category, scope=scope, description=f"{category}问题", phone="13600001234",
            caller_name="钱业主", address="二期8栋602", area="二期", **extra))

    # 二、派单范围: the routing table, row by row.
    table = [
        (TicketKind.REPAIR, "燃气", Scope.PRIVATE, "assist"),            # 非公共区域 日常生活保修(燃气)
        (TicketKind.COMPLAINT, "房屋质量", Scope.PRIVATE, "assist"),      # 房屋质量投诉
        (TicketKind.COMPLAINT, "噪音", Scope.NONE, "assist"),             # 相邻权受侵害(噪音)
        (TicketKind.COMPLAINT, "漏水", Scope.PRIVATE, "assist"),          # 相邻权受侵害(漏水)
        (TicketKind.REQUEST, "车辆出入", Scope.PUBLIC, "security"),        # 人员、车辆出入管理
        (TicketKind.COMPLAINT, "公共秩序", Scope.PUBLIC, "security"),      # 小区公共秩序维护
        (TicketKind.INSPECTION, "消防安全", Scope.PUBLIC, "security"),     # 消防安全，防火防盗
        (TicketKind.MAINTENANCE, "环境卫生", Scope.PUBLIC, "environment"),  # 环境卫生
        (TicketKind.MAINTENANCE, "绿化", Scope.PUBLIC, "environment"),     # 绿化修剪、浇水、防病虫害
        (TicketKind.MAINTENANCE, "四害消杀", Scope.PUBLIC, "environment"),  # 四害预防和消除
        (TicketKind.CONSULTATION, "物业费用", Scope.NONE, "finance"),      # 各项费用收取和查询
        (TicketKind.REPAIR, "公共水管道", Scope.PUBLIC, "engineering"),    # 公共水管道设施
        (TicketKind.REPAIR, "公共电设施", Scope.PUBLIC, "engineering"),    # 公共电设施
        (TicketKind.REPAIR, "路灯/楼道灯", Scope.PUBLIC, "engineering"),   # 路灯、楼道灯
        (TicketKind.REPAIR, "户内有偿维修", Scope.PRIVATE, "engineering"),  # 业主室内各项有偿维修
    ]
    routed = {(kind, category): make(kind, category, scope) for kind, category, scope, _ in table}
    assert {key: department_code(tid) for key, tid in routed.items()} == {
        (kind, category): code for kind, category, _, code in table}
    # The dispatch reaches the department's supervisor (its receiver), never a worker.
    for ticket_id in routed.values():
        receiver = Staff.get_by_id(ticket(ticket_id).receiver_id)
        assert receiver.role == "receiver" and receiver.department_id == ticket(ticket_id).department_id

    # 1. 一般投诉报修: …→派单→相关部门主管→部门主管落实责任人→事发现场→解决问题→完整填写派工单→返单给部门主管→
    # 主管返单前台→前台回访满意程度→记录→存档.
    gas_id = routed[(TicketKind.REPAIR, "燃气")]
    supervisor, worker = org["zhangxiaoyan"], org["sunli"]
    with refused(PermissionDenied):
        service.accept(worker, gas_id)
    clock.now = at("2026-11-17 09:30")
    service.accept(supervisor, gas_id)
    service.start(supervisor, gas_id, worker="孙丽", note="落实责任人：孙丽")
    clock.now = at("2026-11-18 11:00")
    service.resolve(worker, gas_id, "燃气灶阀门更换")
    # "在规定的工作完成时间标准24小时后回访": 3 working days from 11-17 end 11-20 23:59:59; the visit 24 h later.
    assert deadline(gas_id, "resolve") == at("2026-11-20 23:59:59")
    visit = clock_row(gas_id, "visit")
    assert (visit.limit, visit.deadline) == ("24h", at("2026-11-21 23:59:59"))
    clock.now = at("2026-11-18 15:00")
    service.return_slip(supervisor, gas_id, "主管返单前台")
    clock.now = at("2026-11-19 10:00")
    service.return_visit(wangfang, gas_id, Satisfaction.BASICALLY, "业主基本满意")
    service.archive(wangfang, gas_id)
    assert [a for a, *_ in steps(gas_id)] == ["create", "dispatch", "accept", "start", "resolve", "return_slip",
                                              "visit", "archive"]
    assert ticket(gas_id).satisfaction == Satisfaction.BASICALLY

    # "对于没有按规定时间完成的工作记录并上报": a public repair not done in time is overdue and the supervisor told.
    lamp_id = routed[(TicketKind.REPAIR, "路灯/楼道灯")]
    assert lamp_id in visible_ids(service, wangfang, Queue.OVERDUE, at("2026-11-21 00:00"))
    notifier.scan_deadlines(at("2026-11-21 00:00"))
    assert lamp_id in {n.ticket_id for n in notices("linxiaohong", "overdue")}

    # Complaints by level: 一般 → 部门主管; 紧急或复杂 → and the customer-service supervisor; 重大 (经济损失、官司、负面
    # 影响) → 部门经理 and at once the leaders above (office, project manager as center leader).
    noise_id, leak_id = routed[(TicketKind.COMPLAINT, "噪音")], routed[(TicketKind.COMPLAINT, "漏水")]
    order_id = routed[(TicketKind.COMPLAINT, "公共秩序")]
    with refused(PermissionDenied):                 # the office does not grade complaints
        service.escalate(org["huangjing"], noise_id, Escalation.GENERAL)
    with refused(DeskError, match="Only a complaint"):      # only a complaint is graded
        service.escalate(wangfang, lamp_id, Escalation.GENERAL)
    service.escalate(wangfang, noise_id, Escalation.GENERAL, "一般投诉")
    service.escalate(wangfang, leak_id, Escalation.EMERGENCY, "楼上漏水严重")
    service.escalate(wangfang, order_id, Escalation.MAJOR, "业主财物被盗，扬言起诉")
    told = {who: {n.ticket_id for n in notices(who, "escalation")}
            for who in ("liuting", "duguoqiang", "linxiaohong", "huangjing", "gaojianguo")}
    assert told == {"liuting": {noise_id, leak_id}, "duguoqiang": {order_id}, "linxiaohong": {leak_id, order_id},
                    "huangjing": {order_id}, "gaojianguo": {order_id}}
    assert ticket(order_id).sensitive and ticket(order_id).escalation == Escalation.MAJOR

    # The major complaint goes past the department manager, the office and the center leader before the reply.
    security, manager = org["mayonggang"], org["duguoqiang"]
    service.accept(security, order_id)
    service.resolve(security, order_id, "调取监控，已报警并协助业主处理")
    assert state(order_id) == State.PENDING_LEADER
    with refused(PermissionDenied):
        service.approve(org["huangjing"], order_id)             # the office's turn comes after the manager's
    with refused(PermissionDenied):
        service.approve(org["liuting"], order_id)               # another department's leader
    for who, then in (("duguoqiang", State.PENDING_OFFICE), ("huangjing", State.PENDING_CENTER),
                      ("gaojianguo", State.PENDING_REPLY)):
        service.approve(org[who], order_id, "同意")
        assert state(order_id) == then
    with refused(PermissionDenied):
        service.reply(manager, order_id, "已处理")              # the desk tells the owner
    service.reply(wangfang, order_id, "已电话告知业主处理进展及结果")
    assert state(order_id) == State.RESOLVED and ticket(order_id).reply_note == "已电话告知业主处理进展及结果"


# ===== 客服工作标准化流程 (property) ===============================================================================


def test_property_standard_procedure_register_slip_complaint_report_and_daily_patrol(service, clock, notifier):
    """客服工作标准化流程 1 "每天填写《来电来访登记表》"; 1.1 "咨询问题及时回复并记录"; 1.2 "报修问题填写《派工单(三联单)》
    安排上门维修，维修结束后填写《维修回访登记表》做好回访工作"; 1.3 "投诉事件…及时上报领导及给投诉人反馈处理结果";
    2 "每天至少巡视一次园区，发现问题及时拍照记录"; 2.1 物业责任 "口头或微信通知物业"; 2.2 新元责任 "向修缮队伍发送
    《派工单(三联单)》，情节严重，上报项目经理处理"."""
    clock.now = at("2026-11-17 08:40")
    org = preset_org("property", clock.now)
    wangfang, chenchen = org["wangfang"], org["chenchen"]

    # 1.1 A question answered at once: a register line closed at first contact, no ticket.
    call_id = service.record_call(wangfang, CallDraft(content="咨询装修申请手续", phone="13800002222",
                                                      caller_name="孙业主"))
    service.solve_call(wangfang, call_id, "已告知需携带身份证、装修方案到前台办理")
    assert CallRecord.get_by_id(call_id).outcome == CallOutcome.SOLVED and Ticket.select().count() == 0
    with refused(PermissionDenied):                 # the register is the desk's
        service.record_call(org["sunweidong"], CallDraft(content="x", phone="13800002222"))

    # 1.2 A repair: the 派工单 carries what the crew needs; the visit is recorded after the work.
    _, repair_id = service.create_ticket_from_intake(
        wangfang, CallDraft(content="客厅插座跳闸", phone="13800003333", caller_name="周业主", address="三期2栋101"),
        TicketDraft(kind=TicketKind.REPAIR, category="电路", scope=Scope.PRIVATE, description="客厅插座跳闸",
                    phone="13800003333", caller_name="周业主", address="三期2栋101", area="三期"))
    slip = queries.slip_data(service.viewer(wangfang), repair_id)
    assert (slip.number, slip.customer_name, slip.address, slip.department, slip.receiver, slip.required_by) == (
        ticket(repair_id).number, "周业主", "三期2栋101", "客服助理", "张晓燕", deadline(repair_id, "resolve"))
    service.accept(org["zhangxiaoyan"], repair_id)
    service.start(org["sunli"], repair_id, worker="孙丽")
    clock.now = at("2026-11-17 10:30")
    service.resolve(org["sunli"], repair_id, "更换插座")
    service.return_slip(org["zhangxiaoyan"], repair_id)
    service.return_visit(chenchen, repair_id, Satisfaction.SATISFIED, "维修回访：满意")
    assert state(repair_id) == State.VISITED

    # 1.3 A complaint: reported to the leader, then the complainant is told the result.
    complaint_id = service.create_ticket(wangfang, TicketDraft(
        kind=TicketKind.COMPLAINT, category="噪音", description="楼上夜间装修噪音", phone="13800004444",
        caller_name="吴业主", address="一期1栋402", area="一期"))
    service.accept(org["zhangxiaoyan"], complaint_id)
    service.resolve(org["zhangxiaoyan"], complaint_id, "已约谈楼上业主，承诺22点后停止施工")
    assert state(complaint_id) == State.PENDING_LEADER                  # 及时上报领导
    with refused(DeskError, match="pending_leader"):
        service.reply(wangfang, complaint_id, "已告知")                  # not before the leader agreed
    service.approve(org["liuting"], complaint_id, "同意")
    service.reply(wangfang, complaint_id, "已电话反馈投诉人处理结果")      # 给投诉人反馈处理结果
    assert state(complaint_id) == State.RESOLVED

    # 2. The daily patrol: due until one is finished; findings photographed, followed up by who is responsible.
    assert "今日巡视未做" in [d.chinese for d in inspections.due(service)]
    with refused(PermissionDenied):                 # patrols are the desk's, not the repair crew's
        inspections.start_inspection(service, org["sunweidong"], InspectionKind.PATROL)
    patrol = inspections.start_inspection(service, wangfang, InspectionKind.PATROL, area="一期")
    litter = inspections.record_finding(service, wangfang, patrol, "2栋门口垃圾未清运",
                                        responsibility=Responsibility.PROPERTY, location="一期2栋",
                                        photo_path="/photos/2026-11-17/1.jpg")
    pump = inspections.record_finding(service, wangfang, patrol, "地下车库排水泵故障，积水", serious=True,
                                      responsibility=Responsibility.OWN, location="地下车库")
    oral = inspections.follow_up(service, wangfang, litter, notified_to="物业保洁主管（微信）")
    assert (oral.notice, oral.ticket_id, oral.rectify_by) == (Notice.ORAL, None, None)
    repair = inspections.follow_up(service, wangfang, pump)
    pump_ticket = ticket(repair.ticket_id)
    assert (pump_ticket.kind, pump_ticket.channel, department_code(pump_ticket.id)) == (
        TicketKind.REPAIR, Channel.PATROL, "engineering")
    assert deadline(pump_ticket.id, "resolve") == repair.rectify_by == at("2026-11-20 10:30")
    # Serious, our side: reported to the project manager (the supervisors when none is named).
    assert [n.kind for n in notices("linxiaohong", "inspection")] == ["inspection"]
    inspections.finish_patrol(service, wangfang, patrol)
    assert "今日巡视未做" not in [d.chinese for d in inspections.due(service)]


# ===== 巡视、周检、月检 (property) ==================================================================================


def test_property_weekly_check_findings_become_rectification_tickets(service, clock, notifier):
    """客服工作标准化流程 3 "每周两次周检，需物业相关人员陪同检查并签署检查结果，根据检查问题，发放《工作联系单》；每月一次
    月检"; 二、物业监管 "每周一上午10点30开始每周第一次周检", items 1.1 / 1.2 / 1.3; 2.3 安全隐患."""
    clock.now = at("2026-11-16 10:30")              # Monday 10:30
    org = preset_org("property", clock.now)
    wangfang = org["wangfang"]
    due = [(d.kind, d.sequence, d.status) for d in inspections.due(service) if d.kind == InspectionKind.WEEKLY]
    assert (InspectionKind.WEEKLY, 1, "due") in due

    with refused(PermissionDenied):
        inspections.start_inspection(service, org["zhengjianhua"], InspectionKind.WEEKLY)
    check = inspections.start_inspection(service, wangfang, InspectionKind.WEEKLY, area="一期")
    problems = {
        "1.1.1": ("中心花园有明显垃圾", Responsibility.PROPERTY, False),          # 公共区域内是否有明显垃圾
        "1.2.2": ("3栋1单元门禁无法刷卡", Responsibility.OWN, False),             # 抽查单元门禁功能是否正常
        "1.3.2": ("中控主机显示2号楼烟感故障点", Responsibility.SAFETY, False),    # 中控主机是否有消防报警及故障点
    }
    ids = {}
    for item in WEEKLY_CHECKLIST:
        if item.code in problems:
            problem, responsibility, serious = problems[item.code]
            ids[item.code] = inspections.record_result(service, wangfang, check, item.code, ok=False, problem=problem,
                                                       responsibility=responsibility, serious=serious)
        else:
            inspections.record_result(service, wangfang, check, item.code, ok=True)
        if item.code == "1.2.4":
            with refused(ValidationError):      # signed only when every item has its result
                inspections.co_sign(service, wangfang, check, "物业公司 王经理")
    assert len(ids) == 3 and len(WEEKLY_CHECKLIST) == 13
    clock.now = at("2026-11-16 11:40")
    inspections.co_sign(service, wangfang, check, "物业公司 王经理")              # 签署检查结果
    with refused(DeskError, match="signed off"):
        inspections.record_result(service, wangfang, check, "1.1.2", ok=True)
    assert (InspectionKind.WEEKLY, 1) not in [(d.kind, d.sequence) for d in inspections.due(service)]

    # "根据检查问题，发放《工作联系单》": the property company's finding gets a numbered sheet with a deadline.
    with refused(ValidationError):                  # a weekly check's finding is not merely told orally
        inspections.follow_up(service, wangfang, ids["1.1.1"], notice=Notice.ORAL)
    sheet = inspections.follow_up(service, wangfang, ids["1.1.1"], notified_to="物业公司 王经理")
    assert (sheet.notice, sheet.notice_number, sheet.rectify_by, sheet.ticket_id) == (
        Notice.CONTACT_SHEET, "2026-0001", at("2026-11-23 11:40"), None)
    # Our side's finding becomes a repair ticket to the crew, due at the rectification deadline.
    door = inspections.follow_up(service, wangfang, ids["1.2.2"], rectify_by=at("2026-11-18 18:00"))
    door_id = door.ticket_id
    assert (department_code(door_id), ticket(door_id).channel, deadline(door_id, "resolve")) == (
        "engineering", Channel.PATROL, at("2026-11-18 18:00"))
    # A safety hazard: at once, an urgent ticket due in 2 hours; the supervisors (no project manager named) told.
    hazard = inspections.follow_up(service, wangfang, ids["1.3.2"])
    hazard_ticket = ticket(hazard.ticket_id)
    assert (hazard_ticket.kind, hazard_ticket.priority, deadline(hazard_ticket.id, "resolve")) == (
        TicketKind.INSPECTION, 1, at("2026-11-16 13:40"))
    assert [n.ticket_id for n in notices("linxiaohong", "inspection")] == [hazard_ticket.id]
    with refused(DeskError, match="already"):
        inspections.follow_up(service, wangfang, ids["1.2.2"])

    # The crew puts it right within the deadline; the desk confirms the rectification.
    clock.now = at("2026-11-17 15:00")
    service.accept(org["zhengjianhua"], door_id)
    service.start(org["hanming"], door_id, worker="韩明")
    service.resolve(org["hanming"], door_id, "更换门禁读卡器")
    assert clock_row(door_id, "resolve").stopped_at == at("2026-11-17 15:00")
    inspections.confirm_rectified(service, wangfang, ids["1.2.2"])
    assert not inspections.item_view(ids["1.2.2"]).overdue(at("2026-11-19 00:00"))
    assert inspections.item_view(ids["1.1.1"]).overdue(at("2026-11-23 11:41"))

    # 月检: once a month, co-signed the same way.
    assert "本月月检未做" in [d.chinese for d in inspections.due(service)]
    monthly = inspections.start_inspection(service, wangfang, InspectionKind.MONTHLY)
    for item in WEEKLY_CHECKLIST:
        inspections.record_result(service, wangfang, monthly, item.code, ok=True)
    inspections.co_sign(service, wangfang, monthly, "物业公司 王经理")
    assert "本月月检未做" not in [d.chinese for d in inspections.due(service)]


# ===== 工单扭转管理办法 (transfer procedure, telecom) ==============================================================


def test_transfer_procedure_consultation_and_complaint_via_leader_and_audit_center_from_receipt(
        service, clock, notifier):
    """工单扭转管理办法 第三条 (承接人接受或转回审核中心, 拟解决方案, 部门领导审核, 审核中心确认, 坐席反馈归档), 第七条
    "提交部门领导审批签字后，才能在工单系统进行提交操作", 第八条 (敏感: 办公室, 中心领导), 第十条 "只允许选择一个承接人",
    第十一条 (短信提醒承接人), 第十二条 (公告 本中心部门内), 第十三条 "工单承接人收到工单后…咨询类工单办理时限为三个工作日，
    投诉类工单为七个工作日"."""
    clock.now = at("2026-11-17 09:00")              # Tuesday
    org = preset_org("telecom", clock.now)
    lina, mali, chenyan, houdazhi = org["lina"], org["mali"], org["chenyan"], org["houdazhi"]
    network = org.dept("chenyan")
    assert Department.get_by_id(network).receiver_id == chenyan.id      # 第六条: one named receiver

    # 第三条: the knowledge base answers → no ticket; otherwise the agent starts one.
    call_id = service.record_call(lina, CallDraft(content="咨询宽带资费", phone="13500000001", caller_name="唐女士"))
    service.solve_call(lina, call_id, "知识库：已告知资费套餐")
    consult_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.CONSULTATION, description="咨询小区何时覆盖5G", phone="13500000002", caller_name="高先生"))
    complaint_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.COMPLAINT, category="宽带类", description="宽带装机后一直不能上网", phone="13500000003",
        caller_name="袁先生"))
    assert {state(consult_id), state(complaint_id)} == {State.NEW}
    # 第十三条: the 3/7 working days have not started: they run from the receiver's receipt.
    assert [c.kind for c in ticket(consult_id).clocks] == ["respond"]

    # The complaint first reaches the wrong department; its receiver sends it back to the audit center.
    clock.now = at("2026-11-17 09:30")
    service.dispatch(lina, complaint_id, org.dept("wangpei"))
    assert ticket(complaint_id).receiver_id == org["wangpei"].id                        # 第十条
    assert deadline(complaint_id, "resolve") == at("2026-11-26 23:59:59")              # 7 working days from receipt
    clock.now = at("2026-11-17 10:00")
    service.return_ticket(org["wangpei"], complaint_id, "不属于市场营销部，应为网络部")
    assert state(complaint_id) == State.RETURNED
    assert complaint_id in {n.ticket_id for n in notices("mali", "return")}
    clock.now = at("2026-11-17 11:00")
    service.dispatch(mali, complaint_id, network)                                       # re-dispatched
    assert deadline(complaint_id, "resolve") == at("2026-11-26 23:59:59")              # no new time for it

    # The consultation is received on Thursday: its 3 working days run from then, not from Tuesday's intake.
    clock.now = at("2026-11-19 10:00")
    service.dispatch(lina, consult_id, network)
    assert [n.kind for n in notices("chenyan")] == ["dispatch", "dispatch"]             # 第十一条
    resolve = clock_row(consult_id, "resolve")
    assert (resolve.limit, resolve.started_at, resolve.deadline) == (
        "3wd", at("2026-11-19 10:00"), at("2026-11-24 23:59:59"))

    # 第三条/第七条: the receiver accepts and drafts; the department leader approves; the audit center confirms;
    # the agent replies and archives. Consultations and complaints alike.
    for ticket_id in (consult_id, complaint_id):
        with refused(PermissionDenied):                 # a receiver of another department
            service.accept(org["liuchang"], ticket_id)
        service.accept(chenyan, ticket_id)
        clock.now += dt.timedelta(hours=1)
        service.resolve(chenyan, ticket_id, "已核实：计划12月完成覆盖" if ticket_id == consult_id else "更换光猫")
        assert state(ticket_id) == State.PENDING_LEADER
        for who in ("lina", "mali", "zhanghui", "xujing"):   # desk, audit (its turn later), another leader, office
            with refused(PermissionDenied):
                service.approve(org[who], ticket_id)
        with refused(DeskError, match="pending_leader"):
            service.reply(lina, ticket_id, "已答复")
    service.send_back(houdazhi, consult_id, "方案未写明覆盖时间依据")
    assert state(consult_id) == State.IN_PROGRESS
    service.resolve(chenyan, consult_id, "已核实：基站12月10日开通，届时覆盖")
    for ticket_id in (consult_id, complaint_id):
        service.approve(houdazhi, ticket_id, "同意")
        assert state(ticket_id) == State.PENDING_AUDIT
        with refused(PermissionDenied):
            service.approve(houdazhi, ticket_id)        # the audit center's step
        service.approve(mali, ticket_id, "审核确认")
        assert state(ticket_id) == State.PENDING_REPLY
        service.reply(lina, ticket_id, "已电话反馈客户")
        assert state(ticket_id) == State.RESOLVED
    assert clock_row(consult_id, "resolve").stopped_at <= deadline(consult_id, "resolve")
    assert [(a, f, t) for a, f, t, _ in steps(consult_id)] == [
        ("create", None, "new"), ("dispatch", "new", "dispatched"), ("accept", "dispatched", "accepted"),
        ("resolve", "accepted", "pending_leader"), ("send_back", "pending_leader", "in_progress"),
        ("resolve", "in_progress", "pending_leader"), ("approve", "pending_leader", "pending_audit"),
        ("approve", "pending_audit", "pending_reply"), ("reply", "pending_reply", "resolved")]
    service.return_visit(lina, consult_id, Satisfaction.SATISFIED)
    service.archive(lina, consult_id)                                                   # 反馈归档

    # 第八条: a sensitive complaint also goes to the office and then the center leader before the reply.
    hot_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.COMPLAINT, category="服务质量", description="客户称将向媒体曝光装维人员态度", sensitive=True,
        phone="13500000004", caller_name="覃先生"))
    service.dispatch(lina, hot_id, network)
    service.accept(chenyan, hot_id)
    service.resolve(chenyan, hot_id, "已致歉并约谈装维人员")
    with refused(PermissionDenied):
        service.approve(org["xujing"], hot_id)          # the office after the leader
    for who, then in (("houdazhi", State.PENDING_OFFICE), ("xujing", State.PENDING_CENTER),
                      ("liangguohua", State.PENDING_AUDIT), ("mali", State.PENDING_REPLY)):
        if who == "liangguohua":
            with refused(PermissionDenied):
                service.approve(mali, hot_id)           # the center leader before the audit center
        service.approve(org[who], hot_id)
        assert state(hot_id) == then

    # 第十二条: 公告 inside one's own department, never outside it.
    told = coordination.circulate(service, chenyan, complaint_id, network, "请注意同类宽带故障")
    assert told == Staff.select().where((Staff.department == network) & (Staff.id != chenyan.id)).count() == 1
    assert [n.kind for n in notices("houdazhi", "circulate")] == ["circulate"]
    with refused(PermissionDenied):
        coordination.circulate(service, chenyan, complaint_id, org.dept("wangpei"), "传阅")


def test_transfer_procedure_a_returned_ticket_is_the_audit_centers_not_the_departments(service, clock):
    """第三条 "如果工单不属于本部门，该部门承接人将工单转回给审核中心，由客服人员重新分配": once returned, the department that
    returned it no longer acts on it; the audit center re-dispatches it."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("telecom", clock.now)
    lina, wangpei, zhongping = org["lina"], org["wangpei"], org["zhongping"]
    ticket_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.COMPLAINT, category="宽带类", description="宽带经常掉线", phone="13500000006",
        caller_name="韦先生"))
    service.dispatch(lina, ticket_id, org.dept("wangpei"))
    service.return_ticket(wangpei, ticket_id, "不属于市场营销部")
    assert (state(ticket_id), ticket(ticket_id).receiver_id) == (State.RETURNED, None)
    outcomes = {
        "agree a visit time": outcome(lambda: service.appoint(wangpei, ticket_id, at("2026-11-18 10:00"))),
        "grade the complaint": outcome(lambda: service.escalate(zhongping, ticket_id, Escalation.EMERGENCY)),
        "mark it sensitive": outcome(lambda: service.set_sensitive(wangpei, ticket_id, True)),
    }
    assert outcomes == dict.fromkeys(outcomes, "refused"), (
        f"the department that returned the ticket still acts on it: {outcomes}")
    service.dispatch(org["mali"], ticket_id, org.dept("chenyan"))
    assert state(ticket_id) == State.DISPATCHED


@pytest.mark.parametrize("found_at", [State.PENDING_AUDIT, State.PENDING_REPLY])
@pytest.mark.parametrize("how", ["major_complaint", "marked_sensitive"])
def test_transfer_procedure_a_complaint_found_sensitive_after_the_leader_still_needs_office_and_center(
        service, clock, notifier, found_at, how):
    """第八条 "涉及敏感性的问题、舆论、投诉的工单，需同时上报给办公室审核后提交中心领导审批后才能进行提交反馈": a complaint that
    turns out sensitive (graded 重大, or marked 舆情) after its leader approved is not replied before the office and
    the center leader approved it."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("telecom", clock.now)
    lina, chenyan = org["lina"], org["chenyan"]
    ticket_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.COMPLAINT, category="服务质量", description="装维人员态度恶劣", phone="13500000005",
        caller_name="蒋先生"))
    service.dispatch(lina, ticket_id, org.dept("chenyan"))
    service.accept(chenyan, ticket_id)
    service.resolve(chenyan, ticket_id, "已致歉")
    service.approve(org["houdazhi"], ticket_id)
    if found_at == State.PENDING_REPLY:
        service.approve(org["mali"], ticket_id)
    assert state(ticket_id) == found_at
    if how == "major_complaint":
        service.escalate(lina, ticket_id, Escalation.MAJOR, "客户已联系报社")
    else:
        service.set_sensitive(lina, ticket_id, True, "舆情")
    assert ticket(ticket_id).sensitive
    # Whoever's step it is takes it, until the desk may reply.
    approver = {State.PENDING_LEADER: "houdazhi", State.PENDING_OFFICE: "xujing", State.PENDING_CENTER: "liangguohua",
                State.PENDING_AUDIT: "mali"}
    for _ in range(6):
        if state(ticket_id) not in approver:
            break
        service.approve(org[approver[state(ticket_id)]], ticket_id)
    assert state(ticket_id) == State.PENDING_REPLY
    approved_by = [who for action, _, _, who in steps(ticket_id) if action == "approve"]
    assert {"xujing", "liangguohua"} <= set(approved_by), (
        f"the reply is open after approvals by {approved_by} only: the office and the center leader never saw it")


# ===== 客服工单管理办法 (terminal company) ========================================================================


def test_terminal_direct_and_transfer_dispatch_within_jurisdiction_and_the_seeds_states(service, clock, notifier):
    """客服工单管理办法 一、名词解释 1 直派 "通过客户信息可直接匹配并派发至巡检员的工单", 2 转派 "需通过二级客服转派的工单",
    3 未处理, 4 未完结 "因银行或商户方面的客观原因而无法处理完结需后续跟进", 5 已预约, 6 已完结; 三、"二级客服职责：负责转派
    工单派发、本辖区客户受理…"; 五、2 "应首先通过电话指导方式解决"."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("terminal", clock.now)
    qinyue, yijuan, xiongfang = org["qinyue"], org["yijuan"], org["xiongfang"]
    penglixin, liuzhen = org["penglixin"], org["liuzhen"]
    assert yijuan.jurisdiction == {"长沙市", "株洲市", "湘潭市"}
    assert xiongfang.jurisdiction == {"武汉市", "宜昌市", "襄阳市"}
    # The seed's four states are the desk's own names.
    assert [chinese(s) for s in (State.DISPATCHED, State.APPOINTED, State.BLOCKED, State.RESOLVED)] == [
        "未处理", "已预约", "未完结", "已完结"]

    # 电话指导 first: solved on the phone, no ticket.
    call_id = service.record_call(qinyue, CallDraft(content="操作指导：签到失败", phone="13700000001",
                                                    caller_name="长沙某超市"))
    service.solve_call(qinyue, call_id, "电话指导重新签到，已解决")
    assert CallRecord.get_by_id(call_id).outcome == CallOutcome.SOLVED and Ticket.select().count() == 0

    for phone, name, city in (("13700000002", "长沙星城便利店", "长沙市"), ("13700000003", "湘潭雨湖药房", "湘潭市"),
                              ("13700000004", "武汉江汉餐厅", "武汉市")):
        service.register_customer(qinyue, name, phone, f"{city}某路1号", city)

    def fault(phone: str, city: str, actor=qinyue) -> int:
        return service.create_ticket(actor, TicketDraft(
            kind=TicketKind.REPAIR, category="机具故障", description="POS机无法刷卡", phone=phone,
            caller_name="商户", address=f"{city}某路1号", area=city))

    # 直派: the merchant's city matches a team; its receiver has it at once, 未处理.
    direct_id = fault("13700000002", "长沙市")
    t = ticket(direct_id)
    assert (t.routed, t.department_id, t.receiver_id, chinese(State(t.state))) == (
        Routed.DIRECT, org.dept("penglixin"), penglixin.id, "未处理")
    # 转派: 湘潭市 matches no team; it waits for the 二级客服 of 湖南, not of 湖北.
    transfer_id = fault("13700000003", "湘潭市")
    assert (ticket(transfer_id).routed, state(transfer_id)) == (Routed.TRANSFER, State.NEW)
    assert transfer_id in visible_ids(service, yijuan, Queue.TO_DISPATCH)
    assert transfer_id not in visible_ids(service, xiongfang, Queue.TO_DISPATCH)
    assert {ticket(i).area for i in visible_ids(service, yijuan)} <= yijuan.jurisdiction
    with refused(PermissionDenied):
        service.dispatch(xiongfang, transfer_id, org.dept("zouhai"))
    clock.now = at("2026-11-17 09:30")
    service.dispatch(yijuan, transfer_id, org.dept("zouhai"), note="湘潭由株洲巡检组就近处理")
    assert (state(transfer_id), ticket(transfer_id).receiver_id) == (State.DISPATCHED, org["zouhai"].id)

    # 本辖区客户受理: a 二级客服 takes calls of his own province only; headquarters takes the whole country.
    with refused(ValidationError):
        fault("13700000002", "长沙市", actor=xiongfang)
    wuhan_id = fault("13700000004", "武汉市", actor=xiongfang)
    assert ticket(wuhan_id).department_id == org.dept("huliang")

    # The team: 已预约 with the merchant, 未完结 while the bank is waited for, then 已完结 and 回访核实.
    clock.now = at("2026-11-17 10:00")
    with refused(PermissionDenied):                 # the inspector does not accept; the receiver does
        service.accept(liuzhen, direct_id)
    service.accept(penglixin, direct_id)
    assert chinese(state(direct_id)) == "已接单"
    service.appoint(penglixin, direct_id, at("2026-11-18 09:30"), note="已与商户约定上门时间")
    assert chinese(state(direct_id)) == "已预约"
    clock.now = at("2026-11-18 09:40")
    service.start(liuzhen, direct_id, worker="刘振")
    service.block(liuzhen, direct_id, "需银行重新下发终端参数")
    assert chinese(state(direct_id)) == "未完结"
    with refused(DeskError, match="blocked"):               # not solved while blocked
        service.resolve(liuzhen, direct_id, "已解决")
    clock.now = at("2026-11-19 15:00")
    service.unblock(liuzhen, direct_id, note="银行已下发参数")
    service.resolve(liuzhen, direct_id, "重新下载参数，刷卡正常")
    assert chinese(state(direct_id)) == "已完结"
    service.return_slip(penglixin, direct_id)
    service.return_visit(qinyue, direct_id, Satisfaction.SATISFIED, "回访核实：商户确认可正常刷卡")
    assert [a for a, *_ in steps(direct_id)] == ["create", "dispatch", "accept", "appoint", "start", "block",
                                                 "unblock", "resolve", "return_slip", "visit"]


# ===== 工单管理系统全流程解析 (help desk) =========================================================================


def test_help_desk_priority_matrix_catalogue_and_quarantine(service, clock, notifier):
    """工单管理系统全流程解析: "任何工单…在创建时都需要进行分类和选择服务目录"; "SLA协议由紧急程度和影响程度组合而设定了5个优先
    等级(P1-P2-P3-P4-P5)，每一个等级对应着预设的响应时间和处理时间要求…响应时间和处理时间可在系统中进行差异化设定";
    "根据报告事件的属性自动指派工单的优先级"; 隔离区 "用于存放陌生客户提交的工单…在客户完成注册之后，该工单会自动从隔离区
    转移投递"; 工单分派 "当前处理人发现工单不在自己处理范畴之内或是需要协作处理时，可将工单转而分派给其他人员"."""
    clock.now = at("2026-11-17 09:00")              # Tuesday
    org = preset_org("terminal", clock.now)
    qinyue, boss, penglixin = org["qinyue"], org["admin"], org["penglixin"]

    # 服务目录 per kind, as the preset set it up.
    assert queries.catalogue_entries("repair") == ["机具故障"]
    assert queries.catalogue_entries("request") == ["耗材配送", "装/撤/换", "资料收取"]
    assert queries.catalogue_entries("consultation") == ["问题咨询", "操作指导"]

    service.register_customer(qinyue, "长沙湘江酒店", "13700000010", "长沙市五一路8号", "长沙市")

    def make(urgency: Level | None, impact: Level | None, kind: TicketKind = TicketKind.REPAIR,
             category: str = "机具故障", phone: str = "13700000010") -> int:
        return service.create_ticket(qinyue, TicketDraft(
            kind=kind, category=category, urgency=urgency, impact=impact, description="收银台POS故障",
            phone=phone, caller_name="长沙湘江酒店", area="长沙市"))

    p1, p3, p5 = make(Level.HIGH, Level.HIGH), make(Level.MEDIUM, Level.MEDIUM), make(Level.LOW, Level.LOW)
    expected = {
        p1: (1, "15m", at("2026-11-17 09:15"), "4h", at("2026-11-17 13:00")),
        p3: (3, "4wh", at("2026-11-17 14:30"), "3wd", at("2026-11-20 23:59:59")),     # 08:30-12:00, 13:30-17:30
        p5: (5, "2wd", at("2026-11-19 23:59:59"), "10wd", at("2026-12-01 23:59:59")),
    }
    for ticket_id, (priority, respond_limit, respond_at, resolve_limit, resolve_at) in expected.items():
        respond, resolve = clock_row(ticket_id, "respond"), clock_row(ticket_id, "resolve")
        assert (ticket(ticket_id).priority, respond.limit, respond.deadline, resolve.limit, resolve.deadline) == (
            priority, respond_limit, respond_at, resolve_limit, resolve_at)
    # Not given: derived from the kind (a repair is medium/medium → P3, a consultation low/medium → P4).
    assert ticket(make(None, None)).priority == 3
    assert ticket(make(None, None, TicketKind.CONSULTATION, "操作指导")).priority == 4

    # The administrator sets the levels' limits apart; tickets made afterwards get them, earlier ones keep theirs.
    limits = {"1": {"respond": "10m", "resolve": "2h"}, "2": {"respond": "30m", "resolve": "8h"},
              "3": {"respond": "2h", "resolve": "2wd"}, "4": {"respond": "1wd", "resolve": "5wd"},
              "5": {"respond": "2wd", "resolve": "10wd"}}
    with refused(PermissionDenied):
        admin.save_priority_config(service, qinyue, limits=limits)
    admin.save_priority_config(service, boss, limits=limits)
    assert json.loads(setting("priority.limits"))["1"] == {"respond": "10m", "resolve": "2h"}
    newer = make(Level.HIGH, Level.HIGH)
    assert (deadline(newer, "respond"), deadline(newer, "resolve")) == (at("2026-11-17 09:10"), at("2026-11-17 11:00"))
    assert deadline(p1, "resolve") == at("2026-11-17 13:00")

    # 隔离区: a stranger's ticket waits, undispatched, until the caller is registered; then it is delivered.
    stranger = make(Level.MEDIUM, Level.MEDIUM, phone="13700000099")
    t = ticket(stranger)
    assert (t.quarantined, t.state, t.department_id) == (True, State.NEW, None)
    assert stranger in visible_ids(service, qinyue, Queue.QUARANTINE)
    assert stranger not in visible_ids(service, qinyue, Queue.TO_DISPATCH)
    with refused(DeskError, match="quarantine"):
        service.dispatch(qinyue, stranger, org.dept("penglixin"))
    service.register_customer(qinyue, "长沙新开茶馆", "13700000099", "长沙市解放路2号", "长沙市")
    t = ticket(stranger)
    assert (t.quarantined, t.state, t.receiver_id) == (False, State.DISPATCHED, penglixin.id)
    assert actions(stranger) == ["create", "release", "dispatch"]

    # 受理 and 分派: the receiver takes it, then hands it on to another team (协作), always with a reason.
    service.accept(penglixin, stranger)
    with refused(ValidationError):
        service.transfer(penglixin, stranger, org.dept("zouhai"), " ")
    service.transfer(penglixin, stranger, org.dept("zouhai"), "株洲巡检组有备机，协作处理")
    assert (state(stranger), ticket(stranger).receiver_id) == (State.DISPATCHED, org["zouhai"].id)
    with refused(PermissionDenied):                 # no longer the first team's
        service.resolve(penglixin, stranger, "已处理")
    service.accept(org["zouhai"], stranger)
    assert actions(stranger)[-2:] == ["transfer", "accept"]
    assert "株洲巡检组有备机，协作处理" in note_of(stranger, "transfer")


# ===== 投诉工单流程 (10086, telecom) ===============================================================================


def complaint_10086(service, who, phone: str, *, severity: Severity = Severity.URGENT, category: str = "覆盖类",
                    station: str = "", channel: Channel = Channel.HOTLINE_10086) -> int:
    return service.create_ticket(who, TicketDraft(
        kind=TicketKind.COMPLAINT, channel=channel, severity=severity, category=category, station=station,
        description="家中室内手机无信号", phone=phone, caller_name="用户", address=f"城北片区和平里{phone[-2:]}栋"))


def test_10086_complaint_through_stations_coordination_and_quality(service, clock, notifier):
    """投诉工单流程: 诉求/申告 ("用户进行一次投诉后，4小时内有第二次投诉，直接升级为申告；用户直接到移动营业厅进行投诉；用户
    通过拨动12530进行投诉"); 省监控中心 → (网管数据中心) → 片区 → 站点 ("如果不属于该站点的工单，可以进行平级的调动");
    "紧急工单：反馈时间4H，转派时间1H"; 协调小组 "汇总分析…反馈给质检部门"; "质检部门审核来自协调小组的工单后，回复给客服中心";
    "客服中心将来自质检部门的处理结果反馈给用户"."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("telecom", clock.now)
    lina, guotao = org["lina"], org["guotao"]
    assert (setting("workflow.coordination_department"), setting("workflow.quality_department")) == (
        "coord", "quality")

    # 紧急: feedback 4 h, transfer 1 h, clock hours from intake. No station known yet: 转派.
    first = complaint_10086(service, lina, "13900000001")
    assert ticket(first).complaint_level == ComplaintLevel.APPEAL                     # 诉求
    assert (ticket(first).policy_code, clock_row(first, "transfer").limit, deadline(first, "transfer"),
            clock_row(first, "resolve").limit, deadline(first, "resolve")) == (
        "c10086_urgent", "1h", at("2026-11-17 10:00"), "4h", at("2026-11-17 13:00"))

    # No station: the 二级客服 sends it to 省监控中心 within the transfer hour.
    assert state(first) == State.NEW
    clock.now = at("2026-11-17 09:40")
    service.dispatch(guotao, first, org.dept("luoxiaomei"))
    assert clock_row(first, "transfer").stopped_at == at("2026-11-17 09:40")
    service.accept(org["luoxiaomei"], first)
    # 监控中心 → 网管数据中心 (data to check) → the station; a station passes it on sideways (平级的调动).
    service.transfer(org["luoxiaomei"], first, org.dept("shilei"), "需核实基站数据")
    service.accept(org["shilei"], first)
    service.transfer(org["shilei"], first, org.dept("liuchang"), "数据无问题，下发片区维护站点")
    service.accept(org["liuchang"], first)
    clock.now = at("2026-11-17 10:10")
    with refused(ValidationError):
        service.transfer(org["liuchang"], first, org.dept("weining"), "")       # always with a reason
    service.transfer(org["liuchang"], first, org.dept("weining"), "属优化站点覆盖问题")
    assert ticket(first).receiver_id == org["weining"].id

    # 申告: a second complaint within 4 hours, one made in a business hall, one through 12530.
    clock.now = at("2026-11-17 10:30")
    again = complaint_10086(service, lina, "13900000001")
    assert (ticket(again).complaint_level, ticket(again).linked_ticket_id) == (ComplaintLevel.FORMAL, first)
    hall = complaint_10086(service, lina, "13900000002", channel=Channel.BUSINESS_HALL)
    via_12530 = complaint_10086(service, lina, "13900000003", channel=Channel.HOTLINE_12530)
    assert {ticket(hall).complaint_level, ticket(via_12530).complaint_level} == {ComplaintLevel.FORMAL}

    service.accept(org["weining"], first)
    service.start(org["weining"], first)
    clock.now = at("2026-11-17 11:30")
    service.resolve(org["weining"], first, "调整天线下倾角，室内信号恢复")
    assert state(first) == State.PENDING_COORDINATION
    assert first in visible_ids(service, org["fanting"], Queue.APPROVAL)

    # 协调小组 analyses, then 质检 checks; nobody else takes their steps.
    for who in ("wuzhen", "jialin", "lina", "houdazhi"):
        with refused(PermissionDenied):
            service.approve(org[who], first)
    clock.now = at("2026-11-17 12:00")
    service.approve(org["fanting"], first, "汇总：该区域集中投诉3起，告警已消除")
    assert state(first) == State.PENDING_QUALITY
    with refused(PermissionDenied):
        service.approve(org["liminghui"], first)            # the coordination group's turn is over
    clock.now = at("2026-11-17 12:20")
    service.approve(org["panzhiqiang"], first, "质检通过")
    assert state(first) == State.PENDING_REPLY
    with refused(PermissionDenied):
        service.reply(org["jialin"], first, "已回复")       # 客服中心 replies to the customer
    clock.now = at("2026-11-17 12:40")
    service.reply(lina, first, "已告知用户：信号已恢复")
    resolve = clock_row(first, "resolve")
    assert state(first) == State.RESOLVED and resolve.stopped_at == at("2026-11-17 12:40") <= resolve.deadline
    assert [a for a, *_ in steps(first)] == [
        "create", "dispatch", "accept", "transfer", "accept", "transfer", "accept", "transfer", "accept", "start",
        "resolve", "approve", "approve", "reply"]
    assert [who for a, _, _, who in steps(first) if a == "approve"] == ["fanting", "panzhiqiang"]

    # Later the same afternoon: within 4 h of the 10:30 complaint still 申告; 4 h after the last, 诉求 again.
    clock.now = at("2026-11-17 13:01")
    later = complaint_10086(service, lina, "13900000001")
    assert (ticket(later).complaint_level, ticket(later).linked_ticket_id) == (ComplaintLevel.FORMAL, again)
    clock.now = at("2026-11-17 17:31")
    calm = complaint_10086(service, lina, "13900000001")
    assert ticket(calm).complaint_level == ComplaintLevel.APPEAL
    # 重要, location known: the 派单组 routes it to the nearest station at once; feedback 14 h, transfer 2 h.
    located = complaint_10086(service, lina, "13900000004", severity=Severity.IMPORTANT, category="呼叫类",
                              station="交换站点")
    assert (department_code(located), ticket(located).routed, deadline(located, "resolve")) == (
        "st_switch", Routed.DIRECT, at("2026-11-18 07:31"))
    assert clock_row(located, "transfer").stopped_at == at("2026-11-17 17:31")


def test_10086_data_problem_goes_back_to_the_service_center(service, clock, notifier):
    """投诉工单流程: "网管中心审核来自监控中心的数据，若存在数据问题，返回客服中心。" — and 客服中心 tells the user."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("telecom", clock.now)
    lina, guotao, shilei = org["lina"], org["guotao"], org["shilei"]
    ticket_id = complaint_10086(service, lina, "13900000011", severity=Severity.SECONDARY, category="话费类")
    other_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.COMPLAINT, category="话费类", description="话费多扣", phone="13900000012", caller_name="用户"))
    assert (deadline(ticket_id, "transfer"), deadline(ticket_id, "resolve")) == (
        at("2026-11-17 12:00"), at("2026-11-18 15:00"))                    # 次要: 3 h / 30 h
    clock.now = at("2026-11-17 09:30")
    service.dispatch(guotao, ticket_id, org.dept("luoxiaomei"))
    service.dispatch(guotao, other_id, org.dept("shilei"))
    service.accept(org["luoxiaomei"], ticket_id)
    service.transfer(org["luoxiaomei"], ticket_id, org.dept("shilei"), "需核实计费数据")
    service.accept(shilei, ticket_id)

    with refused(PermissionDenied):                 # the desk does not declare a data problem
        service.data_return(lina, ticket_id, "数据问题")
    with refused(PermissionDenied):                 # the monitoring center no longer holds it
        service.data_return(org["luoxiaomei"], ticket_id, "数据问题")
    with refused(DeskError, match="10086"):         # only a ticket from 10086 goes back on a data problem
        service.data_return(shilei, other_id, "数据问题")
    clock.now = at("2026-11-17 11:00")
    service.data_return(shilei, ticket_id, "计费话单数据缺失，需客服中心向用户说明并退费")
    assert state(ticket_id) == State.PENDING_REPLY
    assert ticket_id in visible_ids(service, lina, Queue.TO_REPLY)
    clock.now = at("2026-11-17 11:20")
    service.reply(lina, ticket_id, "已向用户说明数据问题，办理退费")
    assert state(ticket_id) == State.RESOLVED
    assert clock_row(ticket_id, "resolve").stopped_at == at("2026-11-17 11:20")
    assert [(a, f, t, who) for a, f, t, who in steps(ticket_id)][-2:] == [
        ("data_return", "accepted", "pending_reply", "shilei"), ("reply", "pending_reply", "resolved", "lina")]


@pytest.mark.parametrize("channel", [Channel.HOTLINE_12530, Channel.BUSINESS_HALL])
def test_10086_formal_complaints_from_12530_and_the_business_hall_take_the_same_flow(service, clock, channel):
    """投诉工单流程: "10086客服中心：客服中心接收每日用户的投诉，客服中心将工单分类为：诉求、申告。… 申告：…用户直接到移动
    营业厅进行投诉；用户通过拨动12530进行投诉"; then 省监控中心 "接收来自客服中心的工单" — every one of them, through the
    stations, the 协调小组 and the 质检部门, and back to 客服中心 on a data problem."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("telecom", clock.now)
    lina, guotao = org["lina"], org["guotao"]
    formal = complaint_10086(service, lina, "13900000021", channel=channel)
    assert ticket(formal).complaint_level == ComplaintLevel.FORMAL                     # 申告
    service.dispatch(guotao, formal, org.dept("weining"))
    service.accept(org["weining"], formal)
    service.resolve(org["weining"], formal, "优化覆盖")
    data = complaint_10086(service, lina, "13900000022", channel=channel, category="话费类")
    service.dispatch(guotao, data, org.dept("shilei"))
    wrong = []
    if state(formal) != State.PENDING_COORDINATION:
        wrong.append(f"drafted, it waits in {state(formal).value}, not for the coordination group")
    try:
        service.data_return(org["shilei"], data, "计费数据有误")
    except DeskError as error:
        wrong.append(f"网管数据中心 cannot send it back to 客服中心: {error}")
    assert not wrong, "\n".join(wrong)
    assert state(data) == State.PENDING_REPLY


# ===== 客服管理制度及流程 (请示报告) =================================================================================


def test_escalation_reports_go_level_by_level(service, clock, notifier):
    """客服管理制度及流程: "请示报告应逐级进行，遇有紧急情况可越级进行，但事后应向上级汇报。"; "对上级指示要详细记载"."""
    clock.now = at("2026-11-17 09:00")
    org = preset_org("telecom", clock.now)
    lina, xieli, zeng, xujing, liang = (org[u] for u in ("lina", "xieli", "zengzhiwei", "xujing", "liangguohua"))

    # One level up: the agent to her supervisor or department leader; the leader to the office; the office to the
    # center leader.
    first = coordination.submit_report(service, lina, xieli.id, "用户故意刁难，要求赔偿，请示处理意见")
    coordination.submit_report(service, zeng, xujing.id, "本周投诉集中于宽带类，建议专项整治")
    coordination.submit_report(service, xujing, liang.id, "拟对宽带类投诉开展专项整治")
    assert [n.kind for n in notices("xieli")] == ["report"]
    # Skipping a level only in an emergency, one level at most.
    with refused(ValidationError):
        coordination.submit_report(service, lina, xujing.id, "发现设备安全隐患")
    with refused(ValidationError):
        coordination.submit_report(service, lina, liang.id, "发现设备安全隐患", emergency=True)
    with refused(ValidationError):
        coordination.submit_report(service, xieli, lina.id, "下行")           # not downwards
    urgent = coordination.submit_report(service, lina, xujing.id, "机房冒烟，危及通信设备安全", emergency=True)
    report = EscalationReport.get_by_id(urgent)
    skipped = Staff.get_by_id(report.skipped_id)
    # "事后应向上级汇报": the skipped level (the agent's own center: supervisor or leader) is told.
    assert report.emergency and skipped.username in ("xieli", "zengzhiwei")
    assert [n.kind for n in notices(skipped.username, "report_skipped")] == ["report_skipped"]
    assert [n.kind for n in notices("xujing")] == ["report", "report"]

    # "对上级指示要详细记载": only the recipient answers; the answer goes back to the one who asked.
    with refused(PermissionDenied):
        coordination.answer_report(service, zeng, first, "按规定解释")
    clock.now = at("2026-11-17 09:30")
    coordination.answer_report(service, xieli, first, "按资费规定解释，不予赔偿；做好记录")
    answered = EscalationReport.get_by_id(first)
    assert (answered.answer, answered.answered_at) == ("按资费规定解释，不予赔偿；做好记录", at("2026-11-17 09:30"))
    assert [n.kind for n in notices("lina", "report_answer")] == ["report_answer"]
    assert {r.id for r in coordination.reports_for(lina)} == {first, urgent}
