"""住户投诉事件报告 of a complaint on the property preset: read by the rule book's read rule, printed by those who may
print, numbered at the first print and marked 补打 after."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from desk_app.core.errors import NotFound, PermissionDenied, ValidationError
from desk_app.core.kinds import Satisfaction, TicketKind
from desk_app.core.papers import FormKind
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import FormIssue, Ticket
from desk_app.services.papers.complaints import incident_report
from tests.services.seed_support import preset_org


def text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def at(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%d %H:%M")


@pytest.fixture
def org(service, clock):
    clock.now = at("2026-11-17 08:40")
    return preset_org("property", clock.now)


@pytest.fixture
def complaint(service, clock, org):
    """A noise complaint taken at the desk, handled by the customer-service assistant, approved, answered and
    return-visited."""
    desk = org["wangfang"]
    ticket_id = service.create_ticket(desk, TicketDraft(
        kind=TicketKind.COMPLAINT, category="噪音", description="楼上夜间装修噪音，影响老人休息", phone="13800004444",
        caller_name="吴业主", address="一期1栋402", area="一期"))
    clock.now = at("2026-11-17 09:30")
    service.accept(org["zhangxiaoyan"], ticket_id)
    clock.now = at("2026-11-17 15:00")
    service.resolve(org["zhangxiaoyan"], ticket_id, "已约谈楼上业主，承诺22点后停止施工")
    service.approve(org["liuting"], ticket_id, "同意")
    service.reply(desk, ticket_id, "已电话反馈投诉人处理结果")
    clock.now = at("2026-11-18 10:00")
    service.return_visit(org["chenchen"], ticket_id, Satisfaction.SATISFIED, "业主表示已安静")
    return ticket_id


def test_the_report_tells_the_complaint_its_handling_result_and_visit(service, org, complaint):
    desk = org["wangfang"]
    number = Ticket.get_by_id(complaint).number
    printed = text(incident_report(service.viewer(desk), complaint, desk, at=at("2026-11-18 10:30")))

    assert "锦绣家园物业服务中心住户投诉事件报告" in printed and "编号：2026-0001" in printed
    for value in ("吴业主", "138", "一期1栋402", "2026年11月17日08:40", "楼上夜间装修噪音，影响老人休息", number,
                  "已约谈楼上业主，承诺22点后停止施工", "办结时间：2026年11月17日15:00", "诉求",
                  "11月18日10:00陈晨回访：满意。业主表示已安静", "报告日期2026年11月18日"):
        assert value in printed, value
    steps = printed[printed.index("处理经过"):]
    assert re.search("11月17日08:40王芳受理.*11月17日09:30张晓燕接单.*11月17日15:00张晓燕办结：已约谈.*"
                     "刘婷审批通过：同意.*王芳反馈客户.*11月18日10:00陈晨回访", steps), steps
    assert "补打" not in printed


def test_a_reprint_keeps_the_number_and_says_so(service, org, complaint):
    desk = org["wangfang"]
    incident_report(service.viewer(desk), complaint, desk)
    again = text(incident_report(service.viewer(org["linxiaohong"]), complaint, org["linxiaohong"]))

    assert "补打编号：2026-0001" in again
    number = Ticket.get_by_id(complaint).number
    assert FormIssue.get((FormIssue.form == FormKind.INCIDENT_REPORT.value) & (FormIssue.ref == number)).times == 2


def test_only_a_complaint_has_an_incident_report(service, org):
    desk = org["wangfang"]
    repair = service.create_ticket(desk, TicketDraft(
        kind=TicketKind.REPAIR, category="电路", description="客厅插座跳闸", phone="13800003333",
        caller_name="周业主", address="三期2栋101", area="三期"))
    with pytest.raises(ValidationError, match="not a complaint") as refused:
        incident_report(service.viewer(desk), repair, desk)
    assert refused.value.params["number"] == Ticket.get_by_id(repair).number
    with pytest.raises(NotFound):
        incident_report(service.viewer(desk), 999_999, desk)
    assert FormIssue.select().count() == 0


def test_a_reader_the_rule_book_keeps_out_is_refused(service, org, complaint):
    outsider = org["sunweidong"]          # an engineering worker: the complaint is the assistants' department's
    with pytest.raises(PermissionDenied):
        incident_report(service.viewer(outsider), complaint, outsider)
    assert FormIssue.select().count() == 0
