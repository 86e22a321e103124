"""The papers of inspections on the property preset: a weekly check's checklist with its findings and both
signatures, the 工作联系单 / 整改通知单 it produced, each numbered at its first print and marked 补打 after."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from desk_app.core.errors import NotFound, PermissionDenied, ValidationError
from desk_app.core.inspections import WEEKLY_CHECKLIST, InspectionKind, Notice, Responsibility
from desk_app.core.papers import FormKind
from desk_app.models.schema import FormIssue, Ticket
from desk_app.services import inspections
from desk_app.services.papers import inspections as papers
from tests.services.seed_support import preset_org

MONDAY_10_30 = dt.datetime(2026, 11, 16, 10, 30)
ORGANIZATION = "锦绣家园物业服务中心"


def text(pdf: bytes) -> str:
    """All pages' text without whitespace."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def org(service, clock):
    clock.now = MONDAY_10_30
    return preset_org("property", clock.now)


@pytest.fixture
def weekly(service, clock, org):
    """A weekly check walked with the property company's person: two problems on the list and one outside it,
    co-signed, then followed up (a 工作联系单, a repair ticket, an 整改通知单)."""
    desk = org["wangfang"]
    check = inspections.start_inspection(service, desk, InspectionKind.WEEKLY, area="一期")
    problems = {"1.1.2": ("3号楼垃圾箱外观脏污", Responsibility.PROPERTY, False, "3号楼"),
                "1.2.2": ("5号楼单元门禁无法刷卡开门", Responsibility.OWN, False, "5号楼2单元")}
    ids = {}
    for item in WEEKLY_CHECKLIST:
        if item.code in problems:
            problem, responsibility, serious, where = problems[item.code]
            ids[item.code] = inspections.record_result(service, desk, check, item.code, ok=False, problem=problem,
                                                       responsibility=responsibility, serious=serious, location=where)
        else:
            inspections.record_result(service, desk, check, item.code, ok=True)
    ids["kiosk"] = inspections.record_finding(service, desk, check, "东门岗亭玻璃破损，有划伤风险", serious=True,
                                              responsibility=Responsibility.PROPERTY, location="东门岗亭")
    clock.now = dt.datetime(2026, 11, 16, 11, 45)
    inspections.co_sign(service, desk, check, "物业公司 赵经理")
    clock.now = dt.datetime(2026, 11, 16, 12, 0)
    inspections.follow_up(service, desk, ids["1.1.2"], notified_to="物业公司 王经理")
    inspections.follow_up(service, desk, ids["1.2.2"], rectify_by=dt.datetime(2026, 11, 18, 18, 0))
    inspections.follow_up(service, desk, ids["kiosk"], notice=Notice.RECTIFICATION_NOTICE,
                          rectify_by=dt.datetime(2026, 11, 19, 17, 0))
    return check, ids


def test_the_checklist_prints_every_item_the_findings_and_both_signatures(service, org, weekly):
    check, ids = weekly
    desk = org["wangfang"]
    pdf = papers.checklist(desk, check, desk, at=dt.datetime(2026, 11, 16, 12, 5))
    printed = text(pdf)
    repair = Ticket.get_by_id(inspections.item_view(ids["1.2.2"]).ticket_id)

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert f"{ORGANIZATION}周检检查表" in printed and "编号：2026-0001" in printed and "补打" not in printed
    for item in WEEKLY_CHECKLIST:
        assert f"{item.printed}{item.chinese}" in printed
    assert printed.count("√") == len(WEEKLY_CHECKLIST)
    assert "3号楼垃圾箱外观脏污（3号楼）物业责任；工作联系单2026-0001，整改期限11月23日12:00" in printed
    assert f"5号楼单元门禁无法刷卡开门（5号楼2单元）新元责任；派工单{repair.number}，要求完成11月18日18:00" in printed
    assert "东门岗亭玻璃破损，有划伤风险东门岗亭物业责任情节严重整改通知单2026-0001，整改期限11月19日17:00" in printed
    assert "检查人王芳物业陪同人员物业公司赵经理" in printed
    assert "签字时间2026年11月16日11:45" in printed and "日期2026年11月16日" in printed


def test_a_reprint_keeps_the_number_and_says_so(service, org, weekly):
    check, _ = weekly
    desk, other = org["wangfang"], org["chenchen"]
    first = text(papers.checklist(desk, check, desk))
    again = text(papers.checklist(service.viewer(other), check, other))    # a viewer reads as well as an actor

    assert "补打" not in first and "补打编号：2026-0001" in again
    row = FormIssue.get((FormIssue.form == FormKind.CHECKLIST.value) & (FormIssue.ref == f"inspection:{check}"))
    assert (row.number, row.times, row.first_by_id, row.last_by_id) == ("2026-0001", 2, desk.id, other.id)


def test_the_notices_a_check_produced_carry_their_own_numbers_and_deadlines(service, org, weekly):
    check, ids = weekly
    desk = org["wangfang"]
    assert papers.notices_of(desk, check) == [ids["1.1.2"], ids["kiosk"]]

    sheet = text(papers.notice(desk, ids["1.1.2"], desk))
    assert f"{ORGANIZATION}工作联系单" in sheet and "编号：2026-0001" in sheet
    assert "致物业公司王经理" in sheet and "检查项目1.1(2)垃圾箱是否保持外观干净、清洁" in sheet
    assert "3号楼垃圾箱外观脏污" in sheet and "整改期限2026年11月23日12:00前" in sheet
    assert "发出人王芳" in sheet and "签收人" in sheet and "补打" not in sheet

    notice = text(papers.notice(desk, ids["kiosk"], desk))
    assert f"{ORGANIZATION}整改通知单" in notice and "编号：2026-0001" in notice   # each kind counts on its own
    assert "致物业公司" in notice and "物业责任（情节严重）" in notice and "整改期限2026年11月19日17:00前" in notice

    reprint = text(papers.notice(desk, ids["1.1.2"], desk))
    assert "补打编号：2026-0001" in reprint
    assert FormIssue.get((FormIssue.form == FormKind.CONTACT_SHEET.value)
                         & (FormIssue.ref == f"item:{ids['1.1.2']}")).times == 2


def test_a_finding_without_a_numbered_notice_is_refused_clearly(service, org, weekly):
    _, ids = weekly
    desk = org["wangfang"]
    with pytest.raises(ValidationError, match="no work contact sheet or rectification notice") as refused:
        papers.notice(desk, ids["1.2.2"], desk)          # our side's: a repair ticket, no notice
    assert refused.value.field == "notice"
    with pytest.raises(NotFound):
        papers.notice(desk, 999_999, desk)
    with pytest.raises(NotFound):
        papers.checklist(desk, 999_999, desk)
    assert FormIssue.select().count() == 0               # nothing refused was numbered


def test_a_patrol_has_no_checklist_and_an_oral_notice_no_paper(service, clock, org):
    desk = org["wangfang"]
    patrol = inspections.start_inspection(service, desk, InspectionKind.PATROL, area="一期")
    litter = inspections.record_finding(service, desk, patrol, "2栋门口垃圾未清运",
                                        responsibility=Responsibility.PROPERTY, location="一期2栋")
    inspections.follow_up(service, desk, litter, notified_to="物业保洁主管（微信）")
    with pytest.raises(ValidationError, match="patrol"):
        papers.checklist(desk, patrol, desk)
    with pytest.raises(ValidationError):
        papers.notice(desk, litter, desk)
    assert papers.notices_of(desk, patrol) == []


def test_a_check_printed_before_it_is_signed_is_the_sheet_to_fill_in(service, org):
    desk = org["wangfang"]
    check = inspections.start_inspection(service, desk, InspectionKind.MONTHLY, area="二期")
    printed = text(papers.checklist(desk, check, desk))

    assert f"{ORGANIZATION}月检检查表" in printed and "√" not in printed
    assert printed.endswith("检查人王芳物业陪同人员签字签字日期年月日签字时间年月日时分")


def test_only_those_who_inspect_print_inspection_papers(service, org, weekly):
    check, ids = weekly
    engineer = org["zhengjianhua"]            # the engineering department's receiver: no patrols, no checks
    with pytest.raises(PermissionDenied):
        papers.checklist(engineer, check, engineer)
    with pytest.raises(PermissionDenied):
        papers.notice(service.viewer(engineer), ids["1.1.2"], engineer)
    with pytest.raises(PermissionDenied):
        papers.notices_of(engineer, check)
    assert FormIssue.select().count() == 0
