"""Excel workbooks of the summary and of any queue: Chinese headers, real numbers and dates, written a page at a time.

Both exports stream through openpyxl's write-only mode, so a queue of a million tickets costs the memory of one
page. They run in a background job: `progress(done, total)` is called as the work goes and may raise to cancel;
whatever stops an export removes its half-written file. The customer's phone number is masked unless the exporting
person may see customer data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desk_app.core.kinds import Channel, Role, Satisfaction, TicketKind
from desk_app.core.labels import chinese
from desk_app.core.permissions import Operation
from desk_app.core.queues import Queue
from desk_app.core.rules import require, sees_contact
from desk_app.core.search import mask_address, mask_phone
from desk_app.core.states import State
from desk_app.core.summary import (
    RATE_FIGURES,
    REGISTER_FIGURES,
    Dimension,
    Figure,
    Granularity,
    Measure,
    Ratio,
    Summary,
    definition_chinese,
)
from desk_app.models.db import database
from desk_app.models.schema import Department, Ticket
from desk_app.services import audit
from desk_app.services.desk import Actor, Viewer, current_actor
from desk_app.services.queries import QueueFilter, TicketCondition, count_queue, organization_name, queue_page
from desk_app.services.views import TicketRow

ProgressFn = Callable[[int, int], None]

# Rows fetched and written per step of a queue export (one progress report each).
QUEUE_PAGE = 2000
# Data rows on one sheet: Excel's 1,048,576 rows less the header.
MAX_SHEET_ROWS = 1_048_575
RATE_FORMAT = "0.0%"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"
# Column widths in Excel's units (about one Latin character; a Chinese character takes two).
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 6, 60, 70
NO_VALUE = "（未指定）"

_TITLE_FONT = Font(bold=True, size=14)
_NOTE_FONT = Font(color="595959")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
_WRAP = Alignment(wrap_text=True, vertical="top")


def _noop(done: int, total: int) -> None:
    return None


# ----- who may export, and what they see -----------------------------------------------------------------------


def may_export(viewer: Viewer) -> Actor:
    """The exporting person's current record, if they may export (supervisor, administrator, center leader, office,
    department leaders); PermissionDenied otherwise."""
    actor = current_actor(viewer.actor)
    require(actor.facts, Operation.EXPORT)
    return actor


def sees_phones(actor: Actor) -> bool:
    """Customer data (the caller's number and address) is for the roles that need it (the rule book's
    sees_contact); only they may export it whole, and only when they ask for it (full_numbers)."""
    return sees_contact(actor.facts)


# ----- writing sheets ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a table: its Chinese header, how its values are written, and a width if fixed in advance
    (a streamed queue cannot be measured first)."""

    title: str
    kind: str = "text"          # text | int | rate | datetime | date | month
    width: int | None = None
    wrap: bool = False


_FORMATS = {"rate": RATE_FORMAT, "datetime": DATETIME_FORMAT, "date": DATE_FORMAT, "month": MONTH_FORMAT}
_KIND_WIDTHS = {"rate": 8, "datetime": 16, "date": 10, "month": 7}


def text_width(value: object) -> int:
    """How wide a value shows in Excel's units: a Chinese (wide) character counts as two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clean(text: str) -> str:
    # Control characters make the file unreadable to Excel; openpyxl refuses them.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


class _Sheet:
    """One table on a write-only sheet: optional title lines, a frozen bold header, typed cells, an autofilter."""

    def __init__(self, workbook: Workbook, name: str, columns: Sequence[Column], *, titles: Sequence[str] = (),
                 rows_for_width: Iterable[Sequence[Any]] = ()) -> None:
        self.ws: WriteOnlyWorksheet = workbook.create_sheet(name)
        self.columns = list(columns)
        self.header_row = len(titles) + 1
        self.rows = 0
        widths = [max(text_width(c.title), _KIND_WIDTHS.get(c.kind, 0)) for c in self.columns]
        for row in rows_for_width:
            for i, (column, value) in enumerate(zip(self.columns, row)):
                if column.kind == "text" or column.kind == "int" and isinstance(value, int):
                    widths[i] = max(widths[i], text_width(value))
        # Widths and the frozen pane must be set before the first row: the sheet is written as it goes.
        for i, column in enumerate(self.columns):
            width = column.width or min(max(widths[i] + 2, MIN_WIDTH), WRAP_WIDTH if column.wrap else MAX_WIDTH)
            self.ws.column_dimensions[get_column_letter(i + 1)].width = width
        self.ws.freeze_panes = f"A{self.header_row + 1}"
        self._templates: list[Cell | None] = []
        for column in self.columns:
            template = None
            if column.kind in _FORMATS:
                template = WriteOnlyCell(self.ws)
                template.number_format = _FORMATS[column.kind]
            self._templates.append(template)
        for i, title in enumerate(titles):
            cell = WriteOnlyCell(self.ws, value=_clean(title))
            cell.font = _TITLE_FONT if i == 0 else _NOTE_FONT
            self.ws.append([cell])
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(self.ws, value=column.title)
            cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _HEADER_BORDER
            header.append(cell)
        self.ws.append(header)

    def append(self, values: Sequence[Any]) -> None:
        cells: list[Any] = []
        for column, template, value in zip(self.columns, self._templates, values):
            if value is None or value == "":
                cells.append(None)   # nothing to rate is an empty cell, never 0
            elif isinstance(value, Cell):
                cells.append(value)  # styled by the caller
            elif column.kind == "text":
                text = _clean(str(value))
                if text.startswith("=") or column.wrap:
                    cell = WriteOnlyCell(self.ws, value=text)
                    cell.data_type = "s"  # a caller named "=HYPERLINK(…)" stays text, never a formula
                    if column.wrap:
                        cell.alignment = _WRAP
                    cells.append(cell)
                else:
                    cells.append(text)
            elif template is not None:
                # One styled cell per column, reused: the row is written out before append() returns.
                template.value = value
                cells.append(template)
            else:
                cells.append(value)
        self.ws.append(cells)
        self.rows += 1

    def close(self, *, autofilter: bool = True) -> None:
        if autofilter:
            last = get_column_letter(len(self.columns))
            self.ws.auto_filter.ref = f"A{self.header_row}:{last}{self.header_row + self.rows}"


def _table(workbook: Workbook, name: str, columns: Sequence[Column], rows: list[Sequence[Any]], *,
           titles: Sequence[str] = (), autofilter: bool = True) -> int:
    sheet = _Sheet(workbook, name, columns, titles=titles, rows_for_width=rows)
    for row in rows:
        sheet.append(row)
    sheet.close(autofilter=autofilter)
    return sheet.rows


def _write_file(path: Path, fill: Callable[[Workbook], int]) -> int:
    """Build a workbook with `fill` and save it to `path`; nothing is left at `path` (or beside it) if that fails
    or is cancelled, and a file already there is replaced only by a complete one."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    workbook = Workbook(write_only=True)
    try:
        rows = fill(workbook)
        workbook.save(partial)
        os.replace(partial, path)
    except BaseException:
        _discard(workbook)
        partial.unlink(missing_ok=True)
        raise
    return rows


def _discard(workbook: Workbook) -> None:
    """Close the sheets of a workbook that will not be saved and remove their temporary files (openpyxl 3.1 keeps
    each write-only sheet in one until the save; left open, it complains when collected and leaves the file)."""
    for ws in workbook.worksheets:
        try:
            if ws._rows is not None:
                ws._rows.close()
            writer = ws._writer
            if writer is not None:
                writer.close()
                if os.path.exists(writer.out):
                    writer.cleanup()
        except Exception:  # noqa: BLE001, S110 - the export failed already; that is what gets reported
            pass


def _audit(actor: Actor, entity_id: str, action: str, detail: str, at: dt.datetime) -> None:
    with database.atomic():
        audit.record(actor.id, "export", action, entity_id, detail, at=at)


def _exporter_line(actor: Actor, now: dt.datetime) -> str:
    return f"导出人：{actor.name}（{chinese(Role(actor.role))}）　导出时间：{now:%Y-%m-%d %H:%M}"


def _enum_name(enum: type, value: object) -> str:
    try:
        return chinese(enum(value))
    except ValueError:
        return str(value) if value else NO_VALUE


# ----- the summary ---------------------------------------------------------------------------------------------


_RATE_COLUMN = Column("办结/反馈及时率", "rate")


def summary_is_empty(summary: Summary) -> bool:
    """Nothing happened in the period: no call, no ticket in or completed, no clock due, no return visit. (The
    figures of the moment, such as the tickets open now, say nothing about the period and are not looked at.)"""
    counts = (Figure.CALLS_IN, Figure.TICKETS_IN, Figure.CLOSED, Figure.FORMAL_COMPLAINTS)
    return (not any(summary.counts.get(f) for f in counts)
            and not any(r.denominator for r in summary.ratios.values()))


def _figure_rows(summary: Summary) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for figure in Figure:
        value = summary.figure(figure)
        definition = definition_chinese(figure)
        if figure in REGISTER_FIGURES and not summary.register_visible:
            definition += "（来电来访登记表属全中心，本范围不统计）"
        if isinstance(value, Ratio):
            rows.append([chinese(figure), value.value, value.numerator, value.denominator, definition])
        else:
            rows.append([chinese(figure), value, None, None, definition])
    return rows


def _channel_rows(summary: Summary) -> list[list[Any]]:
    keys = set(summary.calls_by_channel) | set(summary.tickets_by_channel)
    order = {c.value: i for i, c in enumerate(Channel)}
    rows: list[list[Any]] = []
    for key in sorted(keys, key=lambda k: (order.get(k, len(order)), k)):
        calls = summary.calls_by_channel.get(key, 0) if summary.register_visible else None
        rows.append([_enum_name(Channel, key), calls, summary.tickets_by_channel.get(key, 0)])
    return rows


def _satisfaction_rows(summary: Summary) -> list[list[Any]]:
    total = sum(summary.satisfaction.values())
    order = {s.value: i for i, s in enumerate(Satisfaction)}
    return [[_enum_name(Satisfaction, key), n, n / total if total else None]
            for key, n in sorted(summary.satisfaction.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))]


def _breakdown_rows(summary: Summary, dimension: Dimension) -> list[list[Any]]:
    rows = []
    for row in summary.breakdowns.get(dimension, []):
        name = row.name or (row.key if row.key else NO_VALUE)
        rows.append([name, *(row.values.get(m, 0) for m in Measure), row.resolve_rate.value])
    return rows


def export_summary(viewer: Viewer, summary: Summary, path: str | Path, *, now: dt.datetime | None = None,
                   progress: ProgressFn = _noop) -> Path:
    """统计汇总 as a workbook: 汇总 (every figure with its definition), 渠道, 满意度, 投诉热点, one sheet per breakdown,
    时限明细 (per procedure and clock) and 趋势. Written for `viewer` (who must have EXPORT); an audit row says who
    exported what. Returns the path written."""
    actor = may_export(viewer)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    path = Path(path)
    period = summary.period.text()
    dimensions = [d for d in Dimension if d in summary.breakdowns]
    total = 6 + len(dimensions)

    def fill(workbook: Workbook) -> int:
        done = 0

        def step() -> None:
            nonlocal done
            done += 1
            progress(done, total)

        progress(0, total)
        rows = 0
        head = f"{organization_name()} 统计汇总　{period}"
        titles = [head, _exporter_line(actor, now) + f"　数据截至：{summary.now:%Y-%m-%d %H:%M}"]
        # Counts and rates in one column: a count is written as a number, a rate as a number shown in %.
        sheet = _Sheet(workbook, "汇总", [Column("指标"), Column("数值", "int", width=10), Column("分子", "int"),
                                          Column("分母", "int"), Column("定义", wrap=True)],
                       titles=titles, rows_for_width=_figure_rows(summary))
        for figure, row in zip(Figure, _figure_rows(summary)):
            if figure in RATE_FIGURES and row[1] is not None:
                row[1] = WriteOnlyCell(sheet.ws, value=row[1])
                row[1].number_format = RATE_FORMAT
            sheet.append(row)
        sheet.close()
        rows += sheet.rows
        step()

        def subtitle(name: str) -> list[str]:
            return [f"{name}　{period}"]

        rows += _table(workbook, "渠道", [Column("受理渠道"), Column("来电来访", "int"), Column("新建工单", "int")],
                       _channel_rows(summary), titles=subtitle("按受理渠道"))
        step()
        rows += _table(workbook, "满意度", [Column("满意度"), Column("回访数", "int"), Column("占比", "rate")],
                       _satisfaction_rows(summary), titles=subtitle("回访满意度"))
        step()
        hot = [[i + 1, "片区", name, n] for i, (name, n) in enumerate(summary.hot_areas)]
        hot += [[i + 1, "站点", name, n] for i, (name, n) in enumerate(summary.hot_stations)]
        rows += _table(workbook, "投诉热点", [Column("排名", "int"), Column("类别"), Column("名称"),
                                          Column("投诉数", "int")], hot, titles=subtitle("投诉热点（片区、站点）"))
        step()
        measures = [Column(chinese(m), "int") for m in Measure]
        for dimension in dimensions:
            name = chinese(dimension)
            rows += _table(workbook, name, [Column(name), *measures, _RATE_COLUMN],
                           _breakdown_rows(summary, dimension), titles=subtitle(f"按{name}"))
            step()
        clocks = [[r.policy_name or r.policy_code, chinese(r.clock), r.due, r.on_time, r.running_overdue,
                   r.ratio.value] for r in summary.clocks_by_policy]
        rows += _table(workbook, "时限明细", [Column("程序"), Column("时限"), Column("到期", "int"), Column("及时", "int"),
                                          Column("逾期未办", "int"), Column("及时率", "rate")],
                       clocks, titles=subtitle("各程序时限执行情况"))
        step()
        trend = summary.trend
        points: list[list[Any]] = []
        date_column = Column("日期", "date")
        if trend is not None:
            if trend.granularity == Granularity.WEEK:
                date_column = Column("周起始日", "date")
            elif trend.granularity == Granularity.MONTH:
                date_column = Column("月份", "month")
            points = [[dt.datetime.combine(day, dt.time()), new, closed, overdue]
                      for day, new, closed, overdue in zip(trend.points, trend.new, trend.closed, trend.overdue)]
        granularity = chinese(trend.granularity) if trend is not None else ""
        rows += _table(workbook, "趋势", [date_column, Column("新建", "int"), Column("办结", "int"),
                                        Column("超时", "int")], points, titles=subtitle(f"趋势（{granularity}）"))
        step()
        return rows

    rows = _write_file(path, fill)
    _audit(actor, "summary", "export_summary", f"统计汇总 {period}, {rows} rows, {path}", now)
    return path


# ----- a queue -------------------------------------------------------------------------------------------------


QUEUE_COLUMNS: tuple[Column, ...] = (
    Column("工单编号", width=14), Column("状态", width=12), Column("类型", width=14), Column("优先级", width=8),
    Column("客户", width=12), Column("电话", width=16), Column("地址", width=44), Column("部门", width=16),
    Column("承接人", width=10), Column("受理时间", "datetime", width=18), Column("截止时间", "datetime", width=18),
)

# Sort keys of queries.queue_page whose column is never NULL: such a queue is read by keyset (after the last row
# written) so the millionth row costs what the first does; the TicketRow attribute holds the key's value.
_KEYSET: dict[str, tuple[pw.Field, str]] = {
    "number": (Ticket.id, "id"),
    "created_at": (Ticket.created_at, "created_at"),
    "priority": (Ticket.priority, "priority"),
    "state": (Ticket.state, "state"),
    "kind": (Ticket.kind, "kind"),
    "caller_name": (Ticket.caller_name, "caller_name"),
    "due_at": (Ticket.due_at, "due_at"),      # nullable: queue_page puts the NULLs last either way
}


@dataclass(frozen=True)
class _After:
    """The queue's own narrowing (a drill, if any) and "after the last row written" in the queue's order. `value`
    None is the NULLs, which queue_page puts last either way; `last_id` None is from the first of them."""

    inner: TicketCondition | None
    sort: str
    value: Any
    last_id: int | None
    descending: bool

    def sql(self) -> pw.Expression:
        field = _KEYSET[self.sort][0]
        if self.last_id is None:
            beyond_id: pw.Expression = pw.SQL("1 = 1")
        else:
            beyond_id = Ticket.id < self.last_id if self.descending else Ticket.id > self.last_id
        if self.sort == "number":
            condition = beyond_id
        elif self.value is None:
            condition = field.is_null() & beyond_id
        else:
            beyond = field < self.value if self.descending else field > self.value
            # The redundant bound lets the database start at the last row in the sort column's index instead of
            # scanning it from the top (and it leaves the NULLs out: they come in a phase of their own).
            bound = field <= self.value if self.descending else field >= self.value
            condition = bound & (beyond | ((field == self.value) & beyond_id))
        return condition if self.inner is None else (self.inner.sql() & condition)


def _queue_rows(flt: QueueFilter, sort: str, descending: bool) -> Iterator[list[TicketRow]]:
    """The queue in pages of QUEUE_PAGE rows, in the order the table shows it."""
    if sort not in _KEYSET:
        # Sorted by a nullable column (the department) whose NULLs each database orders its own way: by offset.
        offset = 0
        while True:
            page = queue_page(flt, offset=offset, limit=QUEUE_PAGE, sort=sort, descending=descending)
            if not page:
                return
            yield page
            offset += len(page)
    field, attribute = _KEYSET[sort]
    cursor: _After | None = None
    while True:
        current = flt if cursor is None else dataclasses.replace(flt, drill=cursor)
        page = queue_page(current, offset=0, limit=QUEUE_PAGE, sort=sort, descending=descending)
        if page:
            yield page
        if len(page) < QUEUE_PAGE:
            if not (field.null and cursor is not None and cursor.value is not None):
                return
            cursor = _After(flt.drill, sort, None, None, descending)   # the rows with a value are done
        else:
            last = page[-1]
            cursor = _After(flt.drill, sort, getattr(last, attribute), last.id, descending)


def _queue_values(row: TicketRow, phones: bool, masked: bool = False) -> list[Any]:
    """A ticket's cells; `phones`: the whole number and address, else masked (`masked`: the rows came masked
    already, for a reader who does not see contact data)."""
    whole = phones or masked
    return [row.number, _enum_name(State, row.state), _enum_name(TicketKind, row.kind), f"P{row.priority}",
            row.caller_name, row.phone if whole else mask_phone(row.phone),
            row.address if whole else mask_address(row.address), row.department,
            row.receiver, row.created_at, row.due_at]


def _queue_description(flt: QueueFilter) -> str:
    text = chinese(Queue(flt.queue))
    if flt.department_id is not None:
        department = Department.get_or_none(Department.id == flt.department_id)
        if department is not None:
            text += f"（{department.name}）"
    if flt.search.strip():
        text += f"，查询“{flt.search.strip()}”"
    if flt.drill is not None:
        figure = getattr(flt.drill, "figure", None)
        text += f"，{chinese(Figure(figure))}明细" if figure else "，明细"
    return text


def export_queue(viewer: Viewer, flt: QueueFilter, path: str | Path, *, sort: str = "created_at",
                 descending: bool = True, now: dt.datetime | None = None, progress: ProgressFn = _noop,
                 full_numbers: bool = False) -> int:
    """A queue (with its search, department and drill) as a workbook: sheet 工单, one line per ticket in the given
    order, and 说明 (what was exported, by whom, when). Only what `viewer` may read. Phone numbers and addresses are
    masked (confidential by default); `full_numbers` writes them whole, for a person who sees contact data only
    (PermissionDenied otherwise), and the audit row says so. Returns the number of tickets written."""
    actor = may_export(viewer)
    if full_numbers:
        require(actor.facts, Operation.VIEW_CUSTOMER)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    path = Path(path)
    flt = dataclasses.replace(flt, viewer=viewer)   # the rows are what the exporting person may read
    phones = full_numbers
    masked = not sees_phones(actor)                  # queue_page masks their rows already
    description = _queue_description(flt)

    def fill(workbook: Workbook) -> int:
        total = count_queue(flt)
        # Zipping the sheet up at the end takes about a tenth of the time: the bar keeps that much for it.
        saving = total // 10
        progress(0, total + saving)
        sheet = _Sheet(workbook, "工单", QUEUE_COLUMNS)
        written = 0
        for page in _queue_rows(flt, sort, descending):
            for row in page:
                if sheet.rows == MAX_SHEET_ROWS:
                    # An Excel sheet ends at row 1,048,576: the rest goes on 工单2, 工单3, …
                    sheet.close()
                    sheet = _Sheet(workbook, f"工单{written // MAX_SHEET_ROWS + 1}", QUEUE_COLUMNS)
                sheet.append(_queue_values(row, phones, masked))
                written += 1
            # Tickets can join the queue while it is written: the bar never runs past its end.
            total = max(total, written)
            progress(written, total + saving)
        sheet.close()
        _table(workbook, "说明", [Column("项目"), Column("内容")], [
            ["导出内容", description],
            ["工单数", str(written)],
            ["导出人", f"{actor.name}（{chinese(Role(actor.role))}）"],
            ["导出时间", f"{now:%Y-%m-%d %H:%M}"],
            ["电话号码", "完整显示" if phones else "已隐去中间四位"],
            ["地址", "完整显示" if phones else "只显示小区"],
        ], autofilter=False)
        return written

    rows = _write_file(path, fill)
    _audit(actor, str(flt.queue.value), "export_queue",
           f"{description}, {rows} rows, {'full numbers and addresses' if phones else 'phones masked'}, {path}",
           now)
    return rows


__all__ = [
    "QUEUE_COLUMNS", "QUEUE_PAGE", "Column", "export_queue", "export_summary", "may_export",
    "sees_phones", "summary_is_empty", "text_width",
]
