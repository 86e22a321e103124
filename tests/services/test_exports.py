"""Excel exports of the summary and of queues, read back with openpyxl: sheets, frozen headers, real numbers, rates and
dates; every row of a queue in the table's order however it is paged; phones masked for whoever may not see them; a
cancelled export leaves no file; only the roles with EXPORT may export, and each export is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet import _writer as openpyxl_writer

from desk_app.core.errors import PermissionDenied
from desk_app.core.kinds import Role
from desk_app.core.labels import chinese
from desk_app.core.permissions import Operation, may
from desk_app.core.queues import Queue
from desk_app.core.states import State
from desk_app.core.summary import RATE_FIGURES, Dimension, Figure, Measure, Period, Ratio
from desk_app.models.schema import AuditLog, Staff, Ticket
from desk_app.services import exports, queries
from desk_app.services.desk import Actor, DeskService
from desk_app.core.search import mask_phone
from desk_app.services.exports import export_queue, export_summary, summary_is_empty, text_width
from desk_app.services.queries import QueueFilter, count_queue, queue_page
from desk_app.services.summary import summarize
from desk_app.ui.workers import JobCancelled
from tests.conftest import FIXED_NOW

NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
SUMMARY_SHEETS = ["汇总", "渠道", "满意度", "投诉热点", "部门", "承接人", "工单类型", "片区", "受理渠道", "站点", "时限明细",
                  "趋势"]


@pytest.fixture
def service(demo_db):
    return DeskService(now=lambda: FIXED_NOW)


def person(username: str) -> Actor:
    return Actor.of(queries.staff_by_username(username))


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the files written (the database lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def supervisor(service):
    return service.viewer(person("supervisor"))


@pytest.fixture
def summary(supervisor):
    return summarize(supervisor, NOVEMBER, FIXED_NOW)


def header_row(ws) -> int:
    """The frozen pane is just below the header."""
    return int(ws.freeze_panes[1:]) - 1


def table(ws) -> list[dict[str, object]]:
    rows = list(ws.iter_rows(min_row=header_row(ws), values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def cells(ws, title: str):
    """The data cells of one column, by its header."""
    head = header_row(ws)
    column = [c.value for c in ws[head]].index(title)
    return [row[column] for row in ws.iter_rows(min_row=head + 1)]


# ----- the summary -------------------------------------------------------------------------------------------------


def test_the_summary_has_a_sheet_per_part_each_with_a_frozen_header_and_a_filter(supervisor, summary, tmp_path):
    path = export_summary(supervisor, summary, tmp_path / "统计汇总.xlsx", now=FIXED_NOW)
    assert path == tmp_path / "统计汇总.xlsx" and not (tmp_path / "统计汇总.xlsx.part").exists()
    wb = load_workbook(path)
    assert wb.sheetnames == SUMMARY_SHEETS
    assert wb["汇总"].freeze_panes == "A4"   # the title, who exported it and when, then the header
    title, exporter = wb["汇总"]["A1"].value, wb["汇总"]["A2"].value
    assert "2026-11-01 – 2026-11-30" in title
    assert "林主管" in exporter and "2026-11-26 10:00" in exporter
    for ws in wb.worksheets:
        head = header_row(ws)
        assert head >= 2 and ws.auto_filter.ref.startswith(f"A{head}:"), ws.title
        assert all(c.font.bold for c in ws[head]), ws.title
    assert [c.value for c in wb["部门"][2]] == ["部门", "新建", "办结", "在办", "超时", "办结/反馈到期", "办结/反馈及时", "办结/反馈及时率"]
    assert [c.value for c in wb["时限明细"][2]] == ["程序", "时限", "到期", "及时", "逾期未办", "及时率"]


def test_every_figure_is_the_summarys_with_rates_as_percent_numbers(supervisor, summary, tmp_path):
    ws = load_workbook(export_summary(supervisor, summary, tmp_path / "s.xlsx", now=FIXED_NOW))["汇总"]
    head = header_row(ws)
    rows = {r[0].value: r for r in ws.iter_rows(min_row=head + 1)}
    assert list(rows) == [chinese(f) for f in Figure]
    for figure in Figure:
        name, value, numerator, denominator, definition = rows[chinese(figure)]
        expected = summary.figure(figure)
        assert definition.value.startswith(exports.definition_chinese(figure))
        if isinstance(expected, Ratio):
            assert (numerator.value, denominator.value) == (expected.numerator, expected.denominator), name.value
            if expected.value is None:
                assert value.value is None   # nothing to rate: an empty cell, not 0 %
            else:
                assert isinstance(value.value, (int, float)) and value.value == pytest.approx(expected.value)
                assert value.number_format == "0.0%"
        else:
            assert figure not in RATE_FIGURES
            assert value.value == expected and isinstance(value.value, int), name.value
    assert any(summary.ratios[f].value is not None for f in RATE_FIGURES if f in summary.ratios)


def test_breakdowns_clocks_channels_and_trend_are_the_summarys(supervisor, summary, tmp_path):
    wb = load_workbook(export_summary(supervisor, summary, tmp_path / "s.xlsx", now=FIXED_NOW))
    for dimension in Dimension:
        name = chinese(dimension)
        rows = table(wb[name])
        assert len(rows) == len(summary.breakdowns[dimension]), name
        for line, row in zip(rows, summary.breakdowns[dimension]):
            assert [line[chinese(m)] for m in Measure] == [row.values[m] for m in Measure]
            rate = row.resolve_rate.value
            assert line["办结/反馈及时率"] == (pytest.approx(rate) if rate is not None else None)
    assert all(f == "0.0%" for f in (c.number_format for c in wb["部门"]["H"][2:]))
    clocks = table(wb["时限明细"])
    assert [(r["到期"], r["及时"], r["逾期未办"]) for r in clocks] == \
        [(r.due, r.on_time, r.running_overdue) for r in summary.clocks_by_policy]
    channels = {r["受理渠道"]: (r["来电来访"], r["新建工单"]) for r in table(wb["渠道"])}
    assert sum(c for c, _ in channels.values()) == summary.counts[Figure.CALLS_IN]
    assert sum(t for _, t in channels.values()) == summary.counts[Figure.TICKETS_IN]
    trend = wb["趋势"]
    days = cells(trend, "日期")
    assert len(days) == 30 and all(isinstance(d.value, dt.datetime) for d in days)
    assert days[0].value == dt.datetime(2026, 11, 1) and days[0].number_format == "yyyy-mm-dd"
    assert [r["新建"] for r in table(trend)] == summary.trend.new
    satisfaction = table(wb["满意度"])
    assert sum(r["回访数"] for r in satisfaction) == summary.ratios[Figure.SATISFACTION].denominator
    assert sum(r["占比"] for r in satisfaction) == pytest.approx(1)


def test_column_widths_fit_chinese_text(supervisor, summary, tmp_path):
    ws = load_workbook(export_summary(supervisor, summary, tmp_path / "s.xlsx", now=FIXED_NOW))["时限明细"]
    longest = max(text_width(v) for v in cells(ws, "程序") for v in [v.value])
    assert ws.column_dimensions["A"].width >= longest
    assert ws.column_dimensions["F"].width >= text_width("及时率")
    assert text_width("办结及时率") == 10 and text_width("P1") == 2


def test_an_empty_period_is_empty_and_still_exports(supervisor, tmp_path):
    empty = summarize(supervisor, Period(dt.date(2025, 1, 1), dt.date(2025, 1, 31)), FIXED_NOW)
    assert summary_is_empty(empty)
    assert not summary_is_empty(summarize(supervisor, NOVEMBER, FIXED_NOW))
    wb = load_workbook(export_summary(supervisor, empty, tmp_path / "empty.xlsx", now=FIXED_NOW))
    assert wb.sheetnames == SUMMARY_SHEETS


# ----- queues ------------------------------------------------------------------------------------------------------


def test_the_all_queue_has_every_ticket_with_real_dates(supervisor, tmp_path):
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor)
    written = export_queue(supervisor, flt, tmp_path / "all.xlsx", now=FIXED_NOW)
    assert written == count_queue(flt) > 0
    wb = load_workbook(tmp_path / "all.xlsx")
    assert wb.sheetnames == ["工单", "说明"]
    ws = wb["工单"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:K{written + 1}"
    assert [c.value for c in ws[1]] == ["工单编号", "状态", "类型", "优先级", "客户", "电话", "地址", "部门", "承接人",
                                        "受理时间", "截止时间"]
    rows = table(ws)
    expected = queue_page(flt, offset=0, limit=written + 10)
    assert [r["工单编号"] for r in rows] == [t.number for t in expected]   # newest first, as the tab shows them
    assert rows[0]["状态"] == chinese(State(expected[0].state))
    received = cells(ws, "受理时间")
    assert all(isinstance(c.value, dt.datetime) and c.number_format == "yyyy-mm-dd hh:mm" for c in received)
    assert [c.value for c in received] == [t.created_at for t in expected]
    assert ws.column_dimensions["G"].width > ws.column_dimensions["D"].width   # the address is wide
    notes = dict(wb["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["工单数"] == str(written) and notes["导出人"].startswith("林主管")


@pytest.mark.parametrize(("sort", "descending"), [
    ("created_at", True), ("created_at", False), ("due_at", False), ("due_at", True), ("priority", False),
    ("state", True), ("kind", False), ("caller_name", False), ("number", True), ("department", False),
])
def test_paging_in_any_order_writes_each_ticket_once_in_the_tables_order(supervisor, tmp_path, monkeypatch, sort,
                                                                       descending):
    monkeypatch.setattr(exports, "QUEUE_PAGE", 7)   # many pages, and ties across their edges
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor)
    written = export_queue(supervisor, flt, tmp_path / "q.xlsx", sort=sort, descending=descending, now=FIXED_NOW)
    numbers = [c.value for c in load_workbook(tmp_path / "q.xlsx")["工单"]["A"][1:]]
    expected = [t.number for t in queue_page(flt, offset=0, limit=1000, sort=sort, descending=descending)]
    assert written == len(numbers) == len(expected)
    assert numbers == expected


def test_a_searched_queue_and_a_leaders_scope(service, supervisor, tmp_path):
    flt = QueueFilter(Queue.ALL, FIXED_NOW, search="东方明珠苑", viewer=supervisor)
    assert export_queue(supervisor, flt, tmp_path / "s.xlsx", now=FIXED_NOW) == count_queue(flt) > 0
    assert all("东方明珠苑" in c.value for c in load_workbook(tmp_path / "s.xlsx")["工单"]["G"][1:])
    leader = next(s for s in Staff.select() if s.role == Role.LEADER.value)
    viewer = service.viewer(Actor.of(leader))
    # Whoever's filter it was, the rows are what the exporting person may read.
    written = export_queue(viewer, QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor), tmp_path / "l.xlsx")
    assert written == count_queue(QueueFilter(Queue.ALL, FIXED_NOW, viewer=viewer))
    assert written < count_queue(QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor))


def test_a_full_sheet_goes_on_to_the_next(supervisor, tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_SHEET_ROWS", 10)
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor)
    written = export_queue(supervisor, flt, tmp_path / "q.xlsx")
    wb = load_workbook(tmp_path / "q.xlsx")
    sheets = [name for name in wb.sheetnames if name.startswith("工单")]
    assert sheets == ["工单"] + [f"工单{i}" for i in range(2, len(sheets) + 1)] and len(sheets) == -(-written // 10)
    assert sum(wb[name].max_row - 1 for name in sheets) == written


def test_text_that_looks_like_a_formula_stays_text(supervisor, tmp_path):
    ticket = Ticket.select().order_by(Ticket.created_at.desc(), Ticket.id.desc()).first()
    Ticket.update(caller_name="=HYPERLINK(\"http://x\")", address="门牌\x07号").where(Ticket.id == ticket.id).execute()
    export_queue(supervisor, QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor), tmp_path / "q.xlsx",
                 full_numbers=True)   # the address whole: masked by default (issue 9)
    ws = load_workbook(tmp_path / "q.xlsx")["工单"]
    assert ws["E2"].value == "=HYPERLINK(\"http://x\")" and ws["E2"].data_type == "s"
    assert ws["G2"].value == "门牌号"


# ----- phones ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("shown", "masked"), [
    ("138 1234 5678", "138****5678"),
    ("13812345678", "138****5678"),
    ("010 8765 4321", "010-****4321"),
    ("0571 8888 7777", "0571-****7777"),
    ("0571 888 7777", "0571-***7777"),
    ("02087654321", "020-****4321"),
    ("+852 9123 4567", "+852-****4567"),
    ("95588", "95588"),
    ("", ""),
])
def test_mask_phone(shown, masked):
    assert mask_phone(shown) == masked


def test_phones_are_masked_by_default_and_whole_only_when_asked_by_who_sees_them(supervisor, tmp_path):
    # Issue 9, 7: "phones and addresses masked (138****8000) for roles that do not need them, and in exports by
    # default". The office and the center leader export without seeing customer data at all.
    assert {r for r in Role if may(r, Operation.EXPORT) and not may(r, Operation.VIEW_CUSTOMER)} == {
        Role.OFFICE, Role.CENTER}
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor)
    export_queue(supervisor, flt, tmp_path / "whole.xlsx", full_numbers=True)
    rows = queue_page(flt, offset=0, limit=1000)
    whole = [c.value for c in load_workbook(tmp_path / "whole.xlsx")["工单"]["F"][1:]]
    assert whole == [r.phone or None for r in rows] and any("*" not in (p or "") for p in whole)

    export_queue(supervisor, flt, tmp_path / "masked.xlsx")
    wb = load_workbook(tmp_path / "masked.xlsx")
    masked = [c.value for c in wb["工单"]["F"][1:]]
    assert masked == [mask_phone(r.phone) or None for r in rows]
    assert all("****" in p for p in masked if p)
    assert dict(wb["说明"].iter_rows(min_row=2, values_only=True))["电话号码"] == "已隐去中间四位"

    office = DeskService().viewer(person("office"))
    with pytest.raises(PermissionDenied):
        export_queue(office, QueueFilter(Queue.ALL, FIXED_NOW, viewer=office), tmp_path / "no.xlsx",
                     full_numbers=True)


# ----- cancelling, permission, audit ------------------------------------------------------------------------------


def test_cancelling_mid_way_leaves_no_file_and_keeps_an_older_one(supervisor, out, monkeypatch):
    monkeypatch.setattr(exports, "QUEUE_PAGE", 5)
    temporary = list(openpyxl_writer.ALL_TEMP_FILES)
    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))
        if done >= 10:
            raise JobCancelled

    target = out / "q.xlsx"
    with pytest.raises(JobCancelled):
        export_queue(supervisor, QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor), target, progress=progress)
    assert reports[0][0] == 0 and reports[-1][0] == 10
    assert list(out.iterdir()) == []
    assert openpyxl_writer.ALL_TEMP_FILES == temporary   # openpyxl's own temporary file of the sheet is gone too

    target.write_bytes(b"last month's export")
    with pytest.raises(JobCancelled):
        export_queue(supervisor, QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor), target, progress=progress)
    assert target.read_bytes() == b"last month's export" and list(out.iterdir()) == [target]
    assert not AuditLog.select().where(AuditLog.entity == "export").exists()


def test_cancelling_the_summary(supervisor, summary, out):
    def progress(done: int, total: int) -> None:
        if done == 3:
            raise JobCancelled

    with pytest.raises(JobCancelled):
        export_summary(supervisor, summary, out / "s.xlsx", progress=progress)
    assert list(out.iterdir()) == []


def test_the_front_desk_may_not_export(service, summary, out):
    reception = service.viewer(person("reception"))
    with pytest.raises(PermissionDenied):
        export_queue(reception, QueueFilter(Queue.ALL, FIXED_NOW, viewer=reception), out / "q.xlsx")
    with pytest.raises(PermissionDenied):
        export_summary(reception, summary, out / "s.xlsx")
    assert list(out.iterdir()) == []
    assert not AuditLog.select().where(AuditLog.entity == "export").exists()


def test_a_demoted_person_is_refused_with_the_window_still_open(service, supervisor, tmp_path):
    Staff.update(role=Role.RECEPTIONIST.value).where(Staff.id == supervisor.actor.id).execute()
    with pytest.raises(PermissionDenied):
        export_queue(supervisor, QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor), tmp_path / "q.xlsx")


def test_each_export_is_audited(service, supervisor, summary, tmp_path):
    flt = QueueFilter(Queue.TO_DISPATCH, FIXED_NOW, viewer=supervisor)
    written = export_queue(supervisor, flt, tmp_path / "q.xlsx", now=FIXED_NOW)
    export_summary(service.viewer(person("office")), summary, tmp_path / "s.xlsx", now=FIXED_NOW)
    entries = list(AuditLog.select().where(AuditLog.entity == "export").order_by(AuditLog.id))
    assert [(e.action, e.entity_id, e.actor_id) for e in entries] == [
        ("export_queue", "to_dispatch", supervisor.actor.id),
        ("export_summary", "summary", person("office").id)]
    assert f"{written} rows" in entries[0].detail and "待派单" in entries[0].detail
    assert "phones masked" in entries[0].detail and str(tmp_path / "q.xlsx") in entries[0].detail
    assert "统计汇总 2026-11-01 – 2026-11-30" in entries[1].detail
    assert entries[0].at == FIXED_NOW
