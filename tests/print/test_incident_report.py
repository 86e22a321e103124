"""住户投诉事件报告: one complaint, its handling step by step, the result, the return visit and the signatures."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from reportlab import rl_config

from desk_app.print.common import CONTENT_WIDTH, MARGIN_X
from desk_app.print.incident_report import (
    GRID_COLUMNS,
    IncidentReportData,
    ProcessStep,
    VisitLine,
    incident_report_pdf,
    step_text,
)
from tests.print.paper_checks import check_paper, column_text, compact, page_texts, same_line, whole_text, words
from tests.print.support import check_fonts, check_structure

ORGANIZATION = "幸福里客户服务中心"


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def at(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


@pytest.fixture
def report() -> IncidentReportData:
    return IncidentReportData(
        number="2026-0004", ticket_number="2026-000123", complainant="王秀兰", phone="138 0013 8000",
        address="幸福里小区7栋2单元501室", complained_at=at("2026-11-17 09:12"), channel="电话", category="申告",
        repeat_of="2026-000118", level="紧急/复杂投诉",
        description="业主来电投诉：楼上1601室装修每天早上7点开始施工，噪音很大。\n此前已投诉过一次，未见改善。",
        steps=(ProcessStep(at("2026-11-17 09:12"), "王芳", "受理"),
               ProcessStep(at("2026-11-17 09:20"), "王芳", "派单", "转客服助理"),
               ProcessStep(at("2026-11-17 15:05"), "李娜", "办结", "装修队承诺每天9:00后施工"),
               ProcessStep(at("2026-11-17 16:00"), "赵敏", "审批通过")),
        solution="已约谈1601室业主及装修负责人，装修时间调整为工作日9:00-12:00、14:00-18:00。",
        resolved_at=at("2026-11-17 15:05"),
        visits=(VisitLine(at("2026-11-18 10:00"), "王芳", "满意", "业主表示已安静。"),),
        department="客服部", receiver="李娜", received_by="王芳", reporter="王芳", reported_at=at("2026-11-18 10:30"),
        organization=ORGANIZATION,
    )


def test_every_field_is_printed_on_one_page(report, tmp_path):
    pdf = incident_report_pdf(report)
    texts = check_paper(pdf, tmp_path, pages=1)

    for printed in (compact(page_texts(pdf)[0]), compact(texts[0])):
        for value in (f"{ORGANIZATION} 住户投诉事件报告", "编号：2026-0004", "王秀兰", "138 0013 8000",
                      "幸福里小区7栋2单元501室", "2026年11月17日 09:12", "电话", "申告（重复投诉，前次工单 2026-000118）",
                      "紧急/复杂投诉", "客服部", "李娜", "王芳", "2026-000123", report.description,
                      report.solution + "办结时间：2026年11月17日 15:05",
                      "11月18日 10:00 王芳回访：满意。业主表示已安静。", "2026年11月18日"):
            assert compact(value) in printed, value
        for label in ("投诉人", "联系电话", "地址", "投诉时间", "受理渠道", "投诉类别", "投诉级别", "承办部门", "承接人",
                      "受理人", "工单编号", "事件经过", "处理经过", "处理结果", "回访情况", "报告人签字", "审核人签字",
                      "报告日期", "审核日期年月日"):
            assert label in printed, label
        assert "补打" not in printed


def test_the_handling_is_told_step_by_step_oldest_first(report, tmp_path):
    printed = compact(page_texts(incident_report_pdf(report))[0])

    steps = printed[printed.index("处理经过"):printed.index("处理结果")]
    assert steps == compact("处理经过 11月17日 09:12 王芳 受理 11月17日 09:20 王芳 派单：转客服助理 "
                            "11月17日 15:05 李娜 办结：装修队承诺每天9:00后施工 11月17日 16:00 赵敏 审批通过")
    assert step_text(report.steps[1]) == "11月17日 09:20\u3000王芳\u3000派单：转客服助理"


def test_a_complaint_not_yet_solved_or_visited_leaves_room_to_fill_in(report, tmp_path):
    data = dataclasses.replace(report, steps=report.steps[:2], solution="", resolved_at=None, visits=(),
                               repeat_of="", category="诉求", level="")
    pdf = incident_report_pdf(data)
    check_paper(pdf, tmp_path, pages=1)
    printed = compact(page_texts(pdf)[0])

    assert "处理结果（尚未办结）回访情况满意基本满意不满意报告人签字" in printed   # boxes to tick by hand
    assert "投诉类别诉求投诉级别承办部门" in printed


def test_a_reprint_says_so_beside_the_same_number(report, tmp_path):
    pdf = incident_report_pdf(dataclasses.replace(report, reprint=True))
    _, found = words(pdf, tmp_path)
    mark = next(w for w in found if w.text == "补打")
    number = next(w for w in found if w.text == "编号：2026-0004")

    assert same_line(mark, number) and mark.xmax <= number.xmin


def test_long_texts_wrap_go_on_over_numbered_pages_and_nothing_is_lost(report, tmp_path):
    steps = tuple(ProcessStep(at("2026-11-17 09:00") + dt.timedelta(hours=n), "李娜", "开始处理",
                              "与业主及装修队沟通，" * (n % 7 * 4)) for n in range(40))
    data = dataclasses.replace(report, description=report.description * 12, solution=report.solution * 20,
                               address="幸福里小区" * 40, steps=steps, reprint=True)
    pdf = incident_report_pdf(data)

    texts = check_paper(pdf, tmp_path)
    assert len(texts) > 2
    _, found = words(pdf, tmp_path)
    values = column_text(found, MARGIN_X + GRID_COLUMNS[0] + 2, MARGIN_X + CONTENT_WIDTH,
                         after=next(w for w in found if w.text == "事件经过"),
                         before=next(w for w in found if w.text == "回访情况"))
    expected = compact(data.description + "".join(step_text(s) for s in steps) + data.solution)
    assert values.replace("办结时间：2026年11月17日15:05", "") == expected
    text = whole_text(pdf)
    assert compact(data.address) in text
    assert compact("报告日期 2026年11月18日 审核日期") in compact(texts[-1])       # the signatures end it
    for page in texts:
        assert "编号：2026-0004（补打）" in compact(page)


def test_same_input_gives_identical_bytes(report):
    assert incident_report_pdf(report) == incident_report_pdf(dataclasses.replace(report))


def test_the_pdf_passes_qpdfs_check_and_embeds_the_font_as_a_subset(report):
    pdf = incident_report_pdf(report)
    check_structure(pdf)
    assert check_fonts(pdf)
