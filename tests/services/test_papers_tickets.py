"""The papers of one ticket from the database: the FTTH construction task sheet and the ticket form, read as the
viewer may read the ticket, refused without PRINT_SLIP, numbered (a reprint keeps its number and says 补打)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from desk_app.core.errors import NotFound, PermissionDenied
from desk_app.core.kinds import Channel, TicketKind
from desk_app.core.papers import FormKind
from desk_app.core.states import Action, State
from desk_app.core.validation import TicketDraft, display_phone
from desk_app.models.db import close_database
from desk_app.models.schema import ConstructionTask, FormIssue, History, Staff, Ticket
from desk_app.services import queries
from desk_app.services.demo import build_demo
from desk_app.services.desk import Actor, DeskService
from desk_app.services.papers.tickets import task_sheet, ticket_form, ticket_form_data
from desk_app.services.presets import apply_preset
from desk_app.services.setup import init_database
from tests.services.seed_support import at, preset_org

NOW = dt.datetime(2026, 11, 26, 10, 0, 0)   # the demo's last day
TICKETS = 40


def text_of(pdf: bytes) -> str:
    """The printed text without whitespace (wrapped lines and the room around a filled blank do not matter)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def actor(username: str) -> Actor:
    return Actor.of(Staff.get(Staff.username == username))


def issues(form: FormKind) -> list[tuple[str, str, int]]:
    return list(FormIssue.select(FormIssue.ref, FormIssue.number, FormIssue.times)
                .where(FormIssue.form == form.value).order_by(FormIssue.id).tuples())


@pytest.fixture(scope="module")
def telecom_template(tmp_path_factory, template_database) -> Iterator[str]:
    """The telecom preset with its demo (FTTH installs with construction tasks, approvals), built once; its URL."""
    folder = tmp_path_factory.mktemp("telecom-papers")
    url = template_database("telecom-papers")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DESK_APP_DATA_DIR", str(folder / "data"))
        init_database(url)
        try:
            apply_preset("telecom", now=NOW)
            build_demo(tickets=TICKETS, now=NOW)
        finally:
            close_database()
    yield url


@pytest.fixture
def telecom_demo(data_dir, telecom_template, copy_database) -> Iterator[DeskService]:
    """A private copy of the telecom demo, opened; the desk service on the demo's clock."""
    init_database(copy_database(telecom_template))
    yield DeskService(now=lambda: NOW)
    close_database()


# ----- 建设任务单 ------------------------------------------------------------------------------------------------


def test_every_construction_task_of_the_demo_prints_its_sheet(telecom_demo):
    service = telecom_demo
    admin = actor("admin")
    tasks = list(ConstructionTask.select().order_by(ConstructionTask.id))
    assert tasks, "the telecom demo has FTTH installs with construction tasks"

    for task in tasks:
        ticket = Ticket.get_by_id(task.ticket_id)
        text = text_of(task_sheet(service.viewer(admin), ticket.id, admin, at=NOW))
        cores = "" if task.cable_cores is None else str(task.cable_cores)
        metres = "" if task.cable_metres is None else str(task.cable_metres)
        due = task.due_date
        assert (f"{task.contractor}：根据用户申请光网宽带开通工单，经现场查勘，该处资源已用完，现需增加{task.item}"
                f"（{cores}芯光缆{metres}米）。请你单位接到此任务单后，在{due.year}年{due.month}月{due.day}日前"
                f"完成施工及相关资源录入。") in text
        assert f"编号：{task.number}" in text
        assert f"派单部门{task.dispatch_department}时间" in text and task.dispatch_department
        assert f"待装工单账号{ticket.number}" in text
        assert "安装地址" + re.sub(r"\s+", "", ticket.address) in text
        accepted = ticket.accepted_at
        assert f"业务受理时间{accepted.year}年{accepted.month}月{accepted.day}日{accepted:%H:%M}" in text
        phone = display_phone(task.maintainer_phone).replace(" ", "")
        assert f"姓名：{task.maintainer_name}联系号码：{phone}" in text
        if task.marketing_confirmed_at:
            assert f"营销部门确认人{task.marketing_confirmed_by}时间" in text
        assert queries.organization_name() in text
        assert "补打" not in text
    assert [(ref, number) for ref, number, _ in issues(FormKind.TASK_SHEET)] == [(t.number, t.number) for t in tasks]


def test_a_second_print_keeps_the_tasks_number_and_says_reprint(telecom_demo):
    service = telecom_demo
    receiver = actor("chenyan")
    task = ConstructionTask.select().order_by(ConstructionTask.id).first()
    admin = actor("admin")

    first = text_of(task_sheet(service.viewer(admin), task.ticket_id, admin, at=NOW))
    again = text_of(task_sheet(service.viewer(admin), task.ticket_id, receiver, at=NOW))

    assert "补打" not in first
    assert re.search(rf"编号：{task.number}补打|补打编号：{task.number}", again)
    assert issues(FormKind.TASK_SHEET) == [(task.number, task.number, 2)]


def test_a_ticket_without_a_construction_task_has_no_task_sheet(telecom_demo):
    service = telecom_demo
    admin = actor("admin")
    ticket = Ticket.select().where(Ticket.id.not_in(ConstructionTask.select(ConstructionTask.ticket))).first()

    with pytest.raises(NotFound, match=f"Ticket {ticket.number} has no construction task sheet"):
        task_sheet(service.viewer(admin), ticket.id, admin)
    assert issues(FormKind.TASK_SHEET) == []


def test_a_reader_of_another_department_is_refused_and_nothing_is_numbered(telecom_demo):
    service = telecom_demo
    task = ConstructionTask.select().order_by(ConstructionTask.id).first()
    stranger = actor("liuchang")           # a receiver of 维护站点: not his department's install

    with pytest.raises(PermissionDenied):
        task_sheet(service.viewer(stranger), task.ticket_id, stranger)
    with pytest.raises(PermissionDenied):
        ticket_form(service.viewer(stranger), task.ticket_id, stranger)
    assert issues(FormKind.TASK_SHEET) == issues(FormKind.TICKET_FORM) == []


def test_printing_needs_the_print_permission(telecom_demo):
    service = telecom_demo
    task = ConstructionTask.select().order_by(ConstructionTask.id).first()
    admin = actor("admin")
    viewer = service.viewer(admin)
    Staff.update(active=False).where(Staff.id == admin.id).execute()   # deactivated while the window is open

    with pytest.raises(PermissionDenied):
        task_sheet(service.viewer(admin), task.ticket_id, admin)
    with pytest.raises(PermissionDenied):
        ticket_form(service.viewer(admin), task.ticket_id, admin)
    assert viewer.actor.active and issues(FormKind.TASK_SHEET) == []


# ----- 工单处理单 ------------------------------------------------------------------------------------------------


def test_the_demos_approvals_of_the_office_and_center_leader_are_printed(telecom_demo):
    """Every ticket of the demo whose current solution the office or the center leader approved prints their names in
    their boxes, with the receiver's and the leader's."""
    service = telecom_demo
    admin = actor("admin")
    signed = (History.select(History.ticket).where(
        (History.action == Action.APPROVE.value)
        & History.from_state.in_([State.PENDING_OFFICE.value, State.PENDING_CENTER.value])).distinct())
    checked = 0
    for row in signed:
        data = ticket_form_data(service.viewer(admin), row.ticket_id)
        history = list(History.select().where(History.ticket == row.ticket_id).order_by(History.at, History.id))
        drafted = max(i for i, h in enumerate(history) if h.action == Action.RESOLVE.value)
        approvals = {h.from_state: h for h in history[drafted + 1:] if h.action == Action.APPROVE.value}
        text = text_of(ticket_form(service.viewer(admin), row.ticket_id, admin, at=NOW))
        assert "敏感工单" in text
        for state, label, signature in [(State.PENDING_LEADER, "部门领导意见", data.leader_signature),
                                        (State.PENDING_OFFICE, "办公室意见", data.office_signature),
                                        (State.PENDING_CENTER, "中心领导意见", data.center_signature)]:
            given = approvals.get(state.value)
            if given is None:
                assert not signature.signed
                continue
            day = given.at
            assert (signature.name, signature.at) == (given.actor.name, given.at)
            assert re.search(rf"{label}.*签字：{given.actor.name}日期：{day.year}年{day.month}月{day.day}日", text)
            checked += 1
        resolved = history[drafted]
        assert f"承接人签字：{resolved.actor.name}日期：" in text
    assert checked, "the telecom demo has a sensitive ticket approved by the office or the center leader"


@pytest.fixture
def telecom(service, clock):
    clock.now = at("2026-11-17 09:00")     # Tuesday
    return preset_org("telecom", clock.now)


def test_the_ticket_form_follows_the_approvals_of_a_sensitive_complaint(service, clock, telecom):
    """第七条/第八条: the receiver drafts, the leader approves, then the office and the center leader; each print shows
    the approvals given so far and the rest blank, a solution sent back voids the approvals of the old draft."""
    org = telecom
    lina, chenyan, houdazhi = org["lina"], org["chenyan"], org["houdazhi"]
    xujing, liangguohua = org["xujing"], org["liangguohua"]
    hot_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.COMPLAINT, category="服务质量", description="客户称将向媒体曝光装维人员态度", sensitive=True,
        phone="13500000004", caller_name="覃先生", address="城北片区和平里小区3栋", channel=Channel.PHONE))
    service.dispatch(lina, hot_id, org.dept("chenyan"))
    service.accept(chenyan, hot_id)
    clock.now = at("2026-11-17 15:00")
    service.resolve(chenyan, hot_id, "已致歉并约谈装维人员")
    clock.now = at("2026-11-18 09:00")
    service.send_back(houdazhi, hot_id, "请写明整改措施")
    clock.now = at("2026-11-18 11:00")
    service.resolve(chenyan, hot_id, "已致歉，约谈装维人员并纳入月度考核")
    viewer = service.viewer(chenyan)

    text = text_of(ticket_form(viewer, hot_id, chenyan, at=clock.now))
    number = Ticket.get_by_id(hot_id).number
    assert f"工单编号{number}" in text and "编号：2026-0001" in text
    assert "工单类型投诉" in text and "受理渠道电话" in text and "来电人覃先生" in text
    assert "处理方案已致歉，约谈装维人员并纳入月度考核" in text
    assert "承接人签字：陈艳日期：2026年11月18日" in text
    assert "部门领导意见签字：日期：年月日" in text             # the first draft's send-back is no approval
    assert "办公室意见签字：日期：年月日中心领导意见签字：日期：年月日" in text

    clock.now = at("2026-11-18 14:00")
    service.approve(houdazhi, hot_id, "同意按此回复")
    clock.now = at("2026-11-19 10:00")
    service.approve(xujing, hot_id)
    clock.now = at("2026-11-20 16:30")
    service.approve(liangguohua, hot_id, "同意")

    again = text_of(ticket_form(viewer, hot_id, chenyan, at=clock.now))
    assert re.search(r"编号：2026-0001补打|补打编号：2026-0001", again)
    assert "部门领导意见同意按此回复签字：侯大志日期：2026年11月18日" in again
    assert "办公室意见同意签字：许静日期：2026年11月19日" in again
    assert "中心领导意见同意签字：梁国华日期：2026年11月20日" in again
    assert issues(FormKind.TICKET_FORM) == [(number, "2026-0001", 2)]


def test_an_ordinary_ticket_form_has_no_office_or_center_box(service, clock, telecom):
    org = telecom
    lina = org["lina"]
    ticket_id = service.create_ticket(lina, TicketDraft(
        kind=TicketKind.CONSULTATION, description="咨询小区何时覆盖5G", phone="13500000002", caller_name="高先生"))
    service.dispatch(lina, ticket_id, org.dept("chenyan"))

    text = text_of(ticket_form(service.viewer(lina), ticket_id, lina, at=clock.now))

    assert "工单类型咨询" in text and "工单内容咨询小区何时覆盖5G" in text
    assert "承接人签字：日期：年月日部门领导意见签字：日期：年月日" in text
    assert "办公室" not in text and "中心领导" not in text
