"""月度工单统计报告 on a hand-built summary whose every number is known."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from desk_app.core.labels import chinese
from desk_app.core.policies import ClockKind
from desk_app.core.summary import (
    BreakdownRow,
    Dimension,
    Figure,
    Granularity,
    Measure,
    PolicyClockRow,
    Ratio,
    Summary,
    Trend,
    buckets,
    month_period,
)
from desk_app.print.fonts import CJK_FONT_NAME
from desk_app.print.monthly_report import NO_DATA, ReportData, monthly_report_pdf, ratio_text

PERIOD = month_period("2026-11")
NOW = dt.datetime(2026, 11, 26, 10, 0)
ORGANIZATION = "幸福里物业服务中心"
TITLE = "幸福里物业服务中心 2026年11月 工单统计报告"


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    """Fixed dates and ids in the PDF, so identical input gives identical bytes."""
    monkeypatch.setattr(rl_config, "invariant", 1)


def row(key: str | None, name: str, new: int, closed: int, open_now: int, overdue: int, due: int,
        on_time: int) -> BreakdownRow:
    return BreakdownRow(key, name, {
        Measure.TICKETS_IN: new, Measure.CLOSED: closed, Measure.OPEN_NOW: open_now,
        Measure.OVERDUE_NOW: overdue, Measure.RESOLVE_DUE: due, Measure.RESOLVE_ON_TIME: on_time,
    })


DEPARTMENTS = [
    row("1", "维修部", 30, 25, 6, 2, 13, 12),
    row("2", "环境部", 12, 10, 3, 1, 8, 6),
    row("3", "安全部", 4, 4, 0, 0, 0, 0),       # nothing due: its rate is "—"
    row(None, "", 2, 0, 2, 1, 0, 0),            # not dispatched yet
]
HANDLERS = [
    row("11", "张建国", 30, 25, 6, 2, 13, 12),
    row("12", "李娜", 12, 10, 3, 1, 8, 6),
]
CLOCKS = [
    PolicyClockRow("consultation", "咨询类 3个工作日", ClockKind.RESPOND, 10, 9, 1),
    PolicyClockRow("consultation", "咨询类 3个工作日", ClockKind.RESOLVE, 8, 6, 2),
    PolicyClockRow("emergency_repair", "急修: 20分钟到场 8小时修复", ClockKind.ARRIVE, 5, 3, 0),
    PolicyClockRow("emergency_repair", "急修: 20分钟到场 8小时修复", ClockKind.RESOLVE, 5, 5, 0),
    PolicyClockRow("complaint", "投诉类 7个工作日", ClockKind.VISIT, 3, 1, 1),
]
PROCEDURES = {"emergency_repair": "急修: 20分钟到场 8小时修复", "consultation": "咨询类 3个工作日",
              "complaint": "投诉类 7个工作日", "suggestion": "建议类 5个工作日"}

COUNTS = {Figure.CALLS_IN: 75, Figure.TICKETS_IN: 48, Figure.CLOSED: 39, Figure.OPEN_NOW: 11,
          Figure.APPROACHING_NOW: 3, Figure.OVERDUE_NOW: 4, Figure.FORMAL_COMPLAINTS: 2}
RATIOS = {Figure.ON_TIME_RESPOND: Ratio(12, 13), Figure.ON_TIME_TRANSFER: Ratio(0, 0),
          Figure.ON_TIME_ARRIVE: Ratio(3, 5), Figure.ON_TIME_RESOLVE: Ratio(18, 21),
          Figure.ON_TIME_FEEDBACK: Ratio(1, 2), Figure.ON_TIME_VISIT: Ratio(20, 25),
          Figure.FIRST_CONTACT: Ratio(27, 75), Figure.KB_ANSWERED: Ratio(12, 27), Figure.VISIT_COVERAGE: Ratio(30, 39),
          Figure.SATISFACTION: Ratio(27, 30)}
# What the figures table prints for each figure.
PRINTED = {Figure.CALLS_IN: "75", Figure.TICKETS_IN: "48", Figure.CLOSED: "39", Figure.OPEN_NOW: "11",
           Figure.APPROACHING_NOW: "3", Figure.OVERDUE_NOW: "4", Figure.FORMAL_COMPLAINTS: "2",
           Figure.ON_TIME_RESPOND: "92.3%（12/13）", Figure.ON_TIME_TRANSFER: "—",
           Figure.ON_TIME_ARRIVE: "60.0%（3/5）", Figure.ON_TIME_RESOLVE: "85.7%（18/21）",
           Figure.ON_TIME_FEEDBACK: "50.0%（1/2）", Figure.ON_TIME_VISIT: "80.0%（20/25）",
           Figure.FIRST_CONTACT: "36.0%（27/75）", Figure.KB_ANSWERED: "44.4%（12/27）",
           Figure.VISIT_COVERAGE: "76.9%（30/39）",
           Figure.SATISFACTION: "90.0%（27/30）"}


def trend() -> Trend:
    points = buckets(PERIOD, Granularity.DAY)
    new = [(i * 7) % 5 for i in range(len(points))]
    closed = [(i * 3) % 4 for i in range(len(points))]
    overdue = [1 if i % 6 == 0 else 0 for i in range(len(points))]
    return Trend(Granularity.DAY, points, new, closed, overdue)


def summary() -> Summary:
    return Summary(
        PERIOD, NOW, register_visible=True, counts=dict(COUNTS), ratios=dict(RATIOS),
        calls_by_channel={"phone": 50, "visit": 15, "wechat": 10},
        tickets_by_channel={"phone": 30, "visit": 8, "wechat": 10},
        satisfaction={"satisfied": 20, "basically": 7, "unsatisfied": 3},
        hot_areas=[("一期", 5), ("二期", 2)],
        breakdowns={Dimension.DEPARTMENT: DEPARTMENTS, Dimension.HANDLER: HANDLERS},
        clocks_by_policy=list(CLOCKS), trend=trend())


@pytest.fixture
def data() -> ReportData:
    return ReportData(ORGANIZATION, summary(), printed_by="林主管", printed_at=NOW, procedures=PROCEDURES)


def compact(text: str) -> str:
    """Text without any whitespace: wrapped lines and cell gaps do not matter."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is not installed: run the tests through ./run-tests, which installs it")


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def page_texts(pdf: bytes) -> list[str]:
    return [compact(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_first_page_has_the_title_the_period_who_made_it_and_every_figure(data):
    first = page_texts(monthly_report_pdf(data))[0]

    assert compact(TITLE) in first
    assert "统计期间：2026年11月1日至2026年11月30日" in first
    assert "数据截至：2026年11月26日10:00" in first
    assert "编制：林主管" in first and "日期：2026年11月26日" in first
    for figure in Figure:
        assert compact(chinese(figure) + PRINTED[figure]) in first, figure


def test_the_first_page_counts_calls_and_tickets_by_channel(data):
    first = page_texts(monthly_report_pdf(data))[0]

    assert "按受理渠道" in first
    assert "电话5030" in first and "来访158" in first and "微信/即时消息1010" in first
    assert "合计7548" in first


def test_the_definitions_are_printed_under_the_figures(data):
    first = page_texts(monthly_report_pdf(data))[0]

    assert "期间内受理（按受理时间）的工单数，按受理渠道分列。" in first
    assert "期间内的回访中，满意与基本满意的比例" in first


def test_the_charts_page_has_chinese_captions_axes_and_legend(data):
    charts = page_texts(monthly_report_pdf(data))[1]

    for text in ("二、趋势与分布", "每日新建、办结与办结超时工单数", "新建工单", "办结工单", "办结超时", "工单数（件）",
                 "各部门办结及时率", "回访满意度分布", "满意", "基本满意", "不满意", "20（66.7%）",
                 "投诉热点片区", "一期", "二期", "办结及时率（%）", "92.3%（12/13）"):
        assert text in charts, text
    assert "投诉热点站点" not in charts  # no station was given


def test_every_department_and_handler_has_its_row(data):
    texts = page_texts(monthly_report_pdf(data))
    breakdowns = texts[2]

    assert "三、部门统计" in breakdowns
    assert "部门新建办结在办超时办结/反馈及时率" in breakdowns
    assert "维修部302562" + "92.3%（12/13）" in breakdowns
    assert "环境部121031" + "75.0%（6/8）" in breakdowns
    assert "安全部4400—" in breakdowns
    assert "（未派单）2021—" in breakdowns
    assert "合计4839114" + "85.7%（18/21）" in breakdowns
    assert "承接人新建办结在办超时办结/反馈及时率" in breakdowns
    assert "张建国302562" in breakdowns and "李娜121031" in breakdowns


def test_each_procedure_has_a_page_of_its_clocks_in_the_desks_order(data):
    texts = page_texts(monthly_report_pdf(data))
    procedures = texts[3:]

    assert len(procedures) == 3  # the suggestion procedure had no clock due
    repair, consultation, complaint = procedures
    assert "四、分时限规定统计" in repair
    assert compact("（一）急修: 20分钟到场 8小时修复") in repair
    assert "时限到期及时逾期未办及时率" in repair
    assert "到场时限530" + "60.0%（3/5）" in repair and "办结时限550" + "100.0%（5/5）" in repair
    assert compact("（二）咨询类 3个工作日") in consultation
    assert "响应时限1091" + "90.0%（9/10）" in consultation and "办结时限862" in consultation
    assert "咨询" not in repair and "急修" not in consultation
    assert compact("（三）投诉类 7个工作日") in complaint and "回访时限311" in complaint
    assert compact("本月无到期计时的时限规定：建议类 5个工作日。") in complaint
    assert "客服主管：" in complaint and "中心领导：" in complaint


def test_every_page_says_which_page_of_how_many(data):
    texts = page_texts(monthly_report_pdf(data))

    assert len(texts) == 6
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共6页" in text
        assert ORGANIZATION in text


def test_the_cjk_font_is_embedded_and_no_other_font_is_used(data):
    reader = PdfReader(io.BytesIO(monthly_report_pdf(data)))

    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            assert CJK_FONT_NAME in font["/BaseFont"]
            assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
            assert "/ToUnicode" in font


def test_poppler_sees_only_the_embedded_font_and_reads_the_chinese(data, poppler, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(monthly_report_pdf(data))
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()[2:]

    assert rows
    for line in rows:
        assert CJK_FONT_NAME in line
        assert line.split()[-5:-2] == ["yes", "yes", "yes"]
    text = compact(pdftotext(path))
    assert compact(TITLE) in text and "办结及时率" in text and "第1页共6页" in text


def test_same_data_gives_identical_bytes(data):
    assert monthly_report_pdf(data) == monthly_report_pdf(dataclasses.replace(data, summary=summary()))


def test_the_metadata_names_the_report_and_the_organization(data):
    metadata = PdfReader(io.BytesIO(monthly_report_pdf(data))).metadata

    assert metadata.title == "2026年11月工单统计报告"
    assert metadata.author == ORGANIZATION


def test_an_empty_month_gives_a_report_that_says_so(poppler, tmp_path):
    empty = Summary(month_period("2026-02"), NOW, register_visible=True,
                    counts={f: 0 for f in COUNTS}, ratios={f: Ratio(0, 0) for f in RATIOS},
                    breakdowns={Dimension.DEPARTMENT: [], Dimension.HANDLER: []},
                    trend=Trend(Granularity.DAY, buckets(month_period("2026-02"), Granularity.DAY),
                                [0] * 28, [0] * 28, [0] * 28))
    pdf = monthly_report_pdf(ReportData(ORGANIZATION, empty, "林主管", NOW))
    path = tmp_path / "empty.pdf"
    path.write_bytes(pdf)
    texts = page_texts(pdf)

    assert len(texts) == 4  # figures, charts, breakdowns, the procedures' page
    assert compact("幸福里物业服务中心 2026年2月 工单统计报告") in texts[0]
    assert "新建工单0" in texts[0] and "满意率—" in texts[0] and "数据截至" not in texts[0]
    assert texts[0].count(NO_DATA) == 1  # the channels
    assert texts[1].count(NO_DATA) == 4  # the trend, the departments, satisfaction, hot areas
    assert texts[2].count(NO_DATA) == 2  # the department and the handler tables
    assert NO_DATA in texts[3] and "客服主管：" in texts[3]
    assert "第4页共4页" in texts[3]
    assert NO_DATA in compact(pdftotext(path))


def test_a_summary_without_the_register_prints_a_dash_for_the_calls():
    partial = dataclasses.replace(summary(), register_visible=False, calls_by_channel={},
                                  counts={k: v for k, v in COUNTS.items() if k != Figure.CALLS_IN},
                                  ratios={k: v for k, v in RATIOS.items()
                                          if k not in (Figure.FIRST_CONTACT, Figure.KB_ANSWERED)})
    first = page_texts(monthly_report_pdf(ReportData(ORGANIZATION, partial, "王主任", NOW)))[0]

    assert "来电来访—" in first and "一次解决率—" in first
    assert "编制人的查看范围不含全中心" in first
    assert "电话—30" in first


def test_a_long_table_repeats_its_header_on_the_next_page(data):
    many = [row(str(i), f"承接人{i:03d}", 3, 2, 1, 0, 2, 1) for i in range(90)]
    long = dataclasses.replace(data.summary, breakdowns={Dimension.DEPARTMENT: DEPARTMENTS, Dimension.HANDLER: many})
    texts = page_texts(monthly_report_pdf(dataclasses.replace(data, summary=long)))
    handler_pages = [t for t in texts if "承接人0" in t]

    assert len(handler_pages) >= 2
    for text in handler_pages:
        assert "承接人新建办结在办超时办结/反馈及时率" in text
    assert "承接人089" in handler_pages[-1] and "合计270180900" in handler_pages[-1]


def test_ratio_text():
    assert ratio_text(Ratio(12, 13)) == "92.3%（12/13）"
    assert ratio_text(Ratio(0, 0)) == "—"
    assert ratio_text(None) == "—"


def test_extreme_names_and_many_departments_still_give_a_numbered_report(data, poppler, tmp_path):
    long_name = "某某市某某区某某街道物业管理服务中心第三网格综合维修班" * 3
    departments = [row(str(i), f"{long_name}{i}" if i % 10 == 0 else f"A&B <部门{i}>", 3, 2, 1, 0, 2, 1)
                   for i in range(120)]
    clocks = [PolicyClockRow(f"p{i}", f"{long_name} 规定{i}", ClockKind.RESOLVE, 2, 1, 1) for i in range(3)]
    extreme = dataclasses.replace(
        data.summary, breakdowns={Dimension.DEPARTMENT: departments}, clocks_by_policy=clocks,
        hot_areas=[(long_name, 9), ("<一期>", 1)], hot_stations=[("A&B站", 4)],
        satisfaction={"satisfied": 3, "其他": 1})
    path = tmp_path / "extreme.pdf"
    path.write_bytes(monthly_report_pdf(dataclasses.replace(data, organization=long_name, summary=extreme)))
    pages = pdftotext(path).split("\f")[:-1]

    assert all(f"第 {n} 页 共 {len(pages)} 页" in page for n, page in enumerate(pages, start=1))
    text = compact("".join(pages))
    assert "A&B<部门119>" in text and "<一期>" in text and "A&B站" in text
    assert "受理最多的30个" in text and "投诉热点站点" in text
    assert f"{compact(long_name)}90" in text  # a long name wraps in the table, whole
