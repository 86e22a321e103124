"""公告 inside one department, the shift handover, 请示报告 level by level, and the FTTH construction task."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.errors import DeskError, PermissionDenied, ValidationError
from desk_app.core.kinds import Role, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.states import State
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import Department, History, Notification, Staff, Ticket
from desk_app.services import construction, coordination
from desk_app.services.desk import Actor


def repair(**overrides) -> TicketDraft:
    fields = dict(kind=TicketKind.REPAIR, description="楼道灯不亮", phone="13812345678", caller_name="张三",
                  address="阳光花园3栋")
    fields.update(overrides)
    return TicketDraft(**fields)


def notices(staff_id: int) -> list[str]:
    return [n.title for n in Notification.select().where(Notification.recipient == staff_id)]


def test_circulation_reaches_the_members_of_one_department_only(service, people):
    ticket_id = service.create_ticket(people["reception"], repair())
    engineering = people["engineering"]
    with pytest.raises(PermissionDenied):      # not the engineering department's ticket (yet)
        coordination.circulate(service, engineering, ticket_id, engineering.department_id)
    service.dispatch(people["reception"], ticket_id, engineering.department_id)
    told = coordination.circulate(service, engineering, ticket_id, engineering.department_id, "请各位注意")
    members = Staff.select().where(Staff.department == engineering.department_id, Staff.id != engineering.id)
    assert told == members.count() >= 2
    assert all(notices(m.id) == ["公告：工单 2026-000001"] for m in members)
    assert notices(people["finance"].id) == []
    with pytest.raises(PermissionDenied):
        coordination.circulate(service, engineering, ticket_id, people["finance"].department_id)


def test_handover_is_acknowledged_by_the_next_shift_not_its_writer(service, people):
    first, second = people["reception"], people["reception2"]
    with pytest.raises(ValidationError):
        coordination.write_handover(service, first, "  ")
    handover_id = coordination.write_handover(service, first, "2026-000012 等待业主回电；3号楼停水通知已张贴")
    assert [h.content[:11] for h in coordination.pending_handovers(second)] == ["2026-000012"]
    with pytest.raises(PermissionDenied):
        coordination.acknowledge_handover(service, first, handover_id)
    coordination.acknowledge_handover(service, second, handover_id)
    assert coordination.pending_handovers(second) == []
    assert coordination.handovers()[0].acknowledged_by == second.name


def test_reports_go_one_level_up_and_an_emergency_skip_is_reported_afterwards(service, people):
    center, office = people["center"], people["office"]
    desk, supervisor = people["reception"], people["supervisor"]
    with pytest.raises(ValidationError):
        coordination.submit_report(service, desk, office.id, "业主聚集投诉")       # two levels up, no emergency
    coordination.submit_report(service, desk, supervisor.id, "业主聚集投诉，请指示")
    assert notices(supervisor.id) == [f"请示报告：{desk.name}"]
    coordination.submit_report(service, supervisor, center.id, "燃气泄漏，已疏散", emergency=True)
    assert notices(center.id) == [f"请示报告：{supervisor.name}（紧急）"]
    assert notices(office.id) == [f"越级报告抄报：{supervisor.name} \u2192 {center.name}"]
    report = coordination.reports_for(center)[0]
    with pytest.raises(PermissionDenied):
        coordination.answer_report(service, office, report.id, "收到")
    coordination.answer_report(service, center, report.id, "立即上报燃气公司")
    assert coordination.reports_for(supervisor)[0].answer == "立即上报燃气公司"


@pytest.fixture
def ftth(service, people):
    """An FTTH install with the network maintenance station, and a marketing department."""
    marketing = Department.create(name="市场营销部", code="marketing")
    marketer = Staff.create(username="marketing.recv", name="营销张", role=Role.RECEIVER.value, department=marketing)
    marketing.receiver = marketer.id
    marketing.save()
    network = people["network"]
    ticket_id = service.create_ticket(people["reception"], TicketDraft(
        kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX, description="光网宽带开通", phone="13812345678",
        caller_name="李四", address="城北新村5栋"))
    service.dispatch(people["reception"], ticket_id, network.department_id)
    service.accept(network, ticket_id)
    service.start(network, ticket_id)
    return ticket_id, Actor.of(marketer)


def test_ftth_construction_task_path(service, people, clock, ftth):
    ticket_id, marketer = ftth
    network = people["network"]
    maintainer = Staff.get(Staff.username == "network.w1")
    with pytest.raises(ValidationError) as info:
        construction.open_task(service, network, ticket_id, item="分纤箱", cable_cores=-1, cable_metres=120,
                               due_date=clock.now.date(), maintainer_name="秦工", maintainer_phone="13900001111")
    assert info.value.field == "cable_cores"
    task_id = construction.open_task(service, network, ticket_id, item="分纤箱", cable_cores=12, cable_metres=120,
                                     due_date=clock.now.date() + dt.timedelta(days=5), maintainer_name=maintainer.name,
                                     maintainer_phone="13900001111")
    task = construction.tasks_of(ticket_id)[0]
    assert (task.number, task.contractor, task.stage) == ("2026-0001", "世康通信有限责任公司", "dispatched")
    assert notices(marketer.id) == ["建设任务单 2026-0001 待营销部门确认"]
    with pytest.raises(DeskError):
        service.resolve(network, ticket_id, "装机完成")            # construction unfinished
    with pytest.raises(DeskError):
        construction.report_done(service, network, task_id, resources_entered=True)   # not confirmed yet
    with pytest.raises(PermissionDenied):
        construction.confirm_by_marketing(service, network, task_id)
    construction.confirm_by_marketing(service, marketer, task_id)
    with pytest.raises(ValidationError):
        construction.report_done(service, network, task_id, resources_entered=False)
    construction.report_done(service, network, task_id, resources_entered=True)
    assert notices(maintainer.id) == ["施工完毕：工单 2026-000001 可上门装机"]
    service.resolve(network, ticket_id, "装机完成")
    assert Ticket.get_by_id(ticket_id).state == State.RESOLVED
    history = [h.action for h in History.select().where(History.ticket == ticket_id).order_by(History.id)]
    assert history[-4:] == ["construction", "construction_confirm", "construction_done", "resolve"]
