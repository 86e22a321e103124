"""月度工单统计报告: the monthly report as PDF bytes — the figures, the charts, a table per breakdown and a page per
procedure (time-limit policy), A4 portrait, every page numbered "第 N 页 共 M 页"."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Hatching, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.core.kinds import Channel, Satisfaction
from desk_app.core.labels import chinese
from desk_app.core.policies import ClockKind
from desk_app.core.summary import (
    REGISTER_FIGURES,
    BreakdownRow,
    Dimension,
    Figure,
    Granularity,
    Measure,
    Period,
    PolicyClockRow,
    Ratio,
    Summary,
    definition_chinese,
    percent,
)
from desk_app.print.common import FormTitle, held_pages_canvas, markup
from desk_app.print.fonts import register_cjk_font

PAGE_SIZE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm      # the running header sits in it from the second page on
MARGIN_BOTTOM = 18 * mm   # the footer sits in it
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
CONTENT_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

NO_DATA = "本月无数据"
SIGNATURE = "客服主管：____________________　　　　中心领导：____________________"

# Greys and patterns that stay apart on a black-and-white printer (a hue alone would not).
BLACK = colors.black
GRID_GREY = colors.Color(0.75, 0.75, 0.75)
HEADER_FILL = colors.Color(0.88, 0.88, 0.88)
TOTAL_FILL = colors.Color(0.95, 0.95, 0.95)
BAR_GREY = colors.Color(0.55, 0.55, 0.55)
DARK_GREY = colors.Color(0.3, 0.3, 0.3)

# The breakdown tables the report prints, with what their first column is called.
BREAKDOWN_TABLES: tuple[tuple[Dimension, str], ...] = (
    (Dimension.DEPARTMENT, "部门统计"),
    (Dimension.HANDLER, "承接人统计"),
)
# What the group without a value is called in each breakdown (a ticket not yet dispatched has no department).
UNASSIGNED = {
    Dimension.DEPARTMENT: "（未派单）",
    Dimension.HANDLER: "（未承接）",
}
BREAKDOWN_MEASURES = (Measure.TICKETS_IN, Measure.CLOSED, Measure.OPEN_NOW, Measure.OVERDUE_NOW)
BREAKDOWN_NOTE = ("说明：新建、办结按本月受理、办结时间计；在办、超时为统计时点的数；办结及时率为本月到期且已有结果的"
                  "办结时限中在时限内办结的比例（括号内为及时数/到期数），含10086受理工单的反馈时限，"
                  "故合计与主要指标中分列的办结及时率、反馈及时率口径不同。")
# The rate chart shows at most this many departments (the busiest), so it always fits a page.
CHART_DEPARTMENTS = 30
CLOCK_NOTE = ("说明：到期——本月内到期且已有结果（已停止，或到期仍在计时）的计时数；及时——在时限内停止的；"
              "逾期未办——到期后仍在计时的（计入到期，不计入及时）；暂停中的计时不计。")


@dataclass(frozen=True)
class ReportData:
    """What the monthly report prints: plain values, so printing needs no database."""

    organization: str
    summary: Summary
    printed_by: str            # 编制
    printed_at: datetime       # 日期
    # The desk's procedures (time-limit policies), code → Chinese name, in the order the pages come in; a procedure
    # with no clock due in the month is listed by name instead of getting an empty page.
    procedures: Mapping[str, str] = field(default_factory=dict)


# ----- text ---------------------------------------------------------------------------------------------------


def period_title(period: Period) -> str:
    """"2026年11月" for a whole calendar month, "2026年11月3日至2026年11月9日" otherwise."""
    first, last = period.first, period.last
    whole_month = (first.day == 1 and (last + timedelta(days=1)).day == 1
                   and (first.year, first.month) == (last.year, last.month))
    if whole_month:
        return f"{first.year}年{first.month}月"
    return f"{_date(first)}至{_date(last)}"


def report_title(data: ReportData) -> str:
    """"XX服务中心 2026年11月 工单统计报告"."""
    return f"{data.organization} {period_title(data.summary.period)} 工单统计报告"


def _date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _moment(at: datetime) -> str:
    return f"{_date(at)} {at:%H:%M}"


def ratio_text(ratio: Ratio | None) -> str:
    """"92.3%（12/13）", or "—" when there is nothing to rate."""
    if ratio is None or ratio.value is None:
        return "—"
    return f"{percent(ratio.value)}（{ratio.numerator}/{ratio.denominator}）"


def figure_text(summary: Summary, figure: Figure) -> str:
    value = summary.figure(figure)
    if value is None:
        return "—"
    if isinstance(value, Ratio):
        return ratio_text(value)
    return str(value)


def _enum_name(enum: type[Enum], value: str) -> str:
    try:
        return chinese(enum(value))
    except (ValueError, KeyError):
        return value


def _chinese_number(n: int) -> str:
    """一 … 九十九, for the (一)(二) numbering of the procedure pages."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


# ----- styles and tables --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Styles:
    font: str
    body: ParagraphStyle
    right: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle       # table header cells
    section: ParagraphStyle    # 一、主要指标
    subsection: ParagraphStyle  # 表1 … / 图1 … / （一）…
    caption: ParagraphStyle
    no_data: ParagraphStyle


def _styles() -> _Styles:
    font = register_cjk_font()
    body = ParagraphStyle("report-body", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
    return _Styles(
        font=font,
        body=body,
        right=ParagraphStyle("report-right", parent=body, alignment=TA_RIGHT),
        small=ParagraphStyle("report-small", parent=body, fontSize=7.5, leading=10),
        cell=ParagraphStyle("report-cell", parent=body, fontSize=9.5, leading=12.5),
        head=ParagraphStyle("report-head", parent=body, fontSize=9.5, leading=12.5, alignment=TA_CENTER),
        section=ParagraphStyle("report-section", parent=body, fontSize=14, leading=20, spaceBefore=4,
                               spaceAfter=6),
        subsection=ParagraphStyle("report-subsection", parent=body, fontSize=11.5, leading=16, spaceBefore=6,
                                  spaceAfter=4),
        caption=ParagraphStyle("report-caption", parent=body, fontSize=10, leading=14, alignment=TA_CENTER,
                               spaceBefore=4, spaceAfter=2),
        no_data=ParagraphStyle("report-no-data", parent=body, alignment=TA_CENTER),
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def _grid_table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], s: _Styles, *,
                numeric_from: int = 1, total: Sequence[object] | None = None) -> Table:
    """A ruled table with a grey header row repeated on every page it runs onto; "本月无数据" across it when there
    are no rows; a shaded 合计 row at the bottom when `total` is given."""
    data: list[list[object]] = [[_p(h, s.head) for h in header]]
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), s.font),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, BLACK),
        ("BOX", (0, 0), (-1, -1), 1, BLACK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 1, BLACK),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
    ]
    if not rows:
        data.append([_p(NO_DATA, s.no_data)] + [""] * (len(header) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    else:
        data += [[_p(c, s.cell) if isinstance(c, str) and i < numeric_from else c for i, c in enumerate(row)]
                 for row in rows]
        if total is not None:
            data.append([_p(c, s.cell) if isinstance(c, str) and i < numeric_from else c
                         for i, c in enumerate(total)])
            commands += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL), ("LINEABOVE", (0, -1), (-1, -1), 1, BLACK)]
    return Table(data, colWidths=list(widths), repeatRows=1, style=TableStyle(commands), hAlign="CENTER")


# ----- page 1: the figures ------------------------------------------------------------------------------------


def _heading(data: ReportData, s: _Styles) -> list[Flowable]:
    summary = data.summary
    left = [f"统计期间：{_date(summary.period.first)}至{_date(summary.period.last)}"]
    if summary.now < summary.period.until:  # a month still running: the snapshot figures are of this moment
        left.append(f"数据截至：{_moment(summary.now)}")
    right = [f"编制：{data.printed_by}", f"日期：{_date(data.printed_at)}"]
    rows = [[_p(left[i] if i < len(left) else "", s.body), _p(right[i], s.right)] for i in range(2)]
    line = Table(rows, colWidths=[CONTENT_WIDTH * 0.65, CONTENT_WIDTH * 0.35],
                 style=TableStyle([("FONTNAME", (0, 0), (-1, -1), s.font),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("LINEBELOW", (0, -1), (-1, -1), 1.2, BLACK)]))
    return [*_title(data, s), line, Spacer(1, 4 * mm)]


TITLE_SIZE = 17
MIN_ONE_LINE_TITLE_SIZE = 14


def _title(data: ReportData, s: _Styles) -> list[Flowable]:
    """The title on one line; a long organization name gets a line of its own rather than tiny letters."""
    title = report_title(data)
    spacing = len(title) - 1
    if stringWidth(title, s.font, MIN_ONE_LINE_TITLE_SIZE) + spacing <= CONTENT_WIDTH:
        return [FormTitle(title, size=TITLE_SIZE, char_space=1, space_after=6)]
    return [FormTitle(data.organization, size=TITLE_SIZE, char_space=1, space_after=0),
            FormTitle(f"{period_title(data.summary.period)} 工单统计报告", size=TITLE_SIZE, char_space=1,
                      space_after=6)]


def _figures_table(summary: Summary, s: _Styles) -> Table:
    rows = []
    for figure in Figure:
        definition = definition_chinese(figure)
        if figure in REGISTER_FIGURES and not summary.register_visible:
            definition += "（来电来访登记表为全中心数据，编制人的查看范围不含全中心，本项不列数值。）"
        rows.append([chinese(figure), figure_text(summary, figure), _p(definition, s.small)])
    table = _grid_table(["指标", "数值", "口径说明"], rows, [27 * mm, 37 * mm, CONTENT_WIDTH - 64 * mm], s,
                        numeric_from=1)
    table.setStyle(TableStyle([("ALIGN", (2, 1), (2, -1), "LEFT"), ("TOPPADDING", (0, 1), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]))
    return table


def _channel_order(keys: set[str]) -> list[str]:
    known = [c.value for c in Channel if c.value in keys]
    return known + sorted(keys - set(known))


def _channels_table(summary: Summary, s: _Styles) -> Table:
    keys = set(summary.calls_by_channel) | set(summary.tickets_by_channel)
    calls_known = summary.register_visible
    rows = []
    for key in _channel_order(keys):
        calls = str(summary.calls_by_channel.get(key, 0)) if calls_known else "—"
        rows.append([_enum_name(Channel, key), calls, str(summary.tickets_by_channel.get(key, 0))])
    total = ["合计", str(sum(summary.calls_by_channel.values())) if calls_known else "—",
             str(sum(summary.tickets_by_channel.values()))]
    width = 40 * mm
    return _grid_table(["受理渠道", "来电来访", "新建工单"], rows, [CONTENT_WIDTH - 2 * width, width, width], s,
                       total=total)


def _figures_page(data: ReportData, s: _Styles) -> list[Flowable]:
    return [
        *_heading(data, s),
        _p("一、主要指标", s.section),
        _figures_table(data.summary, s),
        KeepTogether([_p("按受理渠道", s.subsection), _channels_table(data.summary, s)]),
    ]


# ----- page 2: the charts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fill:
    """How one series' bars are painted: a grey (None for none) and, optionally, diagonal hatching over it."""

    grey: colors.Color | None
    hatched: bool = False


# New, closed, overdue: an open bar, a dark solid one, a hatched one — apart in black and white too.
TREND_SERIES: tuple[tuple[str, _Fill], ...] = (
    ("新建工单", _Fill(colors.white)),
    ("办结工单", _Fill(DARK_GREY)),
    ("办结超时", _Fill(colors.white, hatched=True)),
)


def _bar(x: float, y: float, width: float, height: float, fill: _Fill, stroke_width: float = 0.5) -> Group:
    group = Group()
    group.add(Rect(x, y, width, height, fillColor=fill.grey, strokeColor=BLACK, strokeWidth=stroke_width))
    if fill.hatched and width > 0.5 and height > 0.5:
        group.add(Hatching(spacings=1.8, angles=45, xyLists=[x, y, x + width, y, x + width, y + height, x, y + height],
                           strokeColor=BLACK, strokeWidth=0.45))
    return group


class _PatternedBarChart(VerticalBarChart):
    """A vertical bar chart that paints each series with its _Fill (set `_fills` before drawing)."""

    _fills: Sequence[_Fill] = ()

    def _makeBar(self, g, x, y, width, height, rowNo, style):  # noqa: N802 - ReportLab's hook
        g.add(_bar(x, y, width, height, self._fills[rowNo % len(self._fills)], style.strokeWidth))


def _value_axis(maximum: float, steps: int = 6) -> tuple[int, int]:
    """A count axis from 0 in whole steps of 1, 2, 5, 10, 20, 50 …: (top, step), at most `steps` steps."""
    maximum = max(1, math.ceil(maximum))
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if maximum / step <= steps:
                return step * math.ceil(maximum / step), step
        magnitude *= 10


def _no_data_drawing(width: float, height: float, font: str) -> Drawing:
    drawing = Drawing(width, height, initialFontName=font)
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeColor=GRID_GREY, strokeWidth=0.6,
                     strokeDashArray=[3, 2]))
    drawing.add(String(width / 2, height / 2 - 5, NO_DATA, fontName=font, fontSize=11, textAnchor="middle"))
    return drawing


def _style_axes(chart, font: str, size: float = 7.5) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = size
        axis.strokeWidth = 0.6
        axis.strokeColor = BLACK
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = size
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_GREY
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.gridStrokeDashArray = [2, 2]


def _day_label(day, granularity: Granularity, same_month: bool) -> str:
    if granularity == Granularity.MONTH:
        return f"{day.year}年{day.month}月"
    if granularity == Granularity.DAY and same_month:
        return str(day.day)
    return f"{day.month}/{day.day}"


def _trend_chart(summary: Summary, font: str) -> Drawing:
    width, height = CONTENT_WIDTH, 230
    trend = summary.trend
    if trend is None or not any(trend.new) and not any(trend.closed) and not any(trend.overdue):
        return _no_data_drawing(width, 80, font)
    drawing = Drawing(width, height, initialFontName=font)
    chart = _PatternedBarChart()
    chart._fills = [fill for _name, fill in TREND_SERIES]
    chart.x, chart.y, chart.width, chart.height = 34, 38, width - 44, height - 72
    chart.data = [list(trend.new), list(trend.closed), list(trend.overdue)]
    same_month = len({(p.year, p.month) for p in trend.points}) == 1
    chart.categoryAxis.categoryNames = [_day_label(p, trend.granularity, same_month) for p in trend.points]
    top, step = _value_axis(max(max(series) for series in chart.data))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = "%d"
    chart.barSpacing = 0.4
    chart.groupSpacing = 3 if len(trend.points) > 20 else 8
    chart.bars.strokeWidth = 0.45
    _style_axes(chart, font)
    chart.categoryAxis.labels.dy = -2
    drawing.add(chart)
    unit = {Granularity.DAY: "日", Granularity.WEEK: "周（起始日）", Granularity.MONTH: "月"}[trend.granularity]
    axis_title = f"{unit}（{trend.points[0].month}月）" if same_month and trend.granularity == Granularity.DAY \
        else unit
    drawing.add(String(chart.x + chart.width / 2, 8, axis_title, fontName=font, fontSize=8, textAnchor="middle"))
    drawing.add(String(chart.x - 26, chart.y + chart.height + 10, "工单数（件）", fontName=font, fontSize=8))
    _legend(drawing, TREND_SERIES, x=chart.x + chart.width, y=height - 13, font=font)
    return drawing


def _legend(drawing: Drawing, series: Sequence[tuple[str, _Fill]], *, x: float, y: float, font: str) -> None:
    """Swatches and names in a row ending at `x`, painted as the bars are."""
    size, gap, swatch = 8, 14, 14
    widths = [swatch + 4 + stringWidth(name, font, size) for name, _fill in series]
    left = x - sum(widths) - gap * (len(series) - 1)
    for (name, fill), item_width in zip(series, widths, strict=True):
        drawing.add(_bar(left, y - 1, swatch, 9, fill, 0.5))
        drawing.add(String(left + swatch + 4, y, name, fontName=font, fontSize=size))
        left += item_width + gap


def _fit_name(name: str, font: str, size: float, width: float) -> str:
    if stringWidth(name, font, size) <= width:
        return name
    while name and stringWidth(name + "…", font, size) > width:
        name = name[:-1]
    return name + "…"


def _horizontal_chart(names: Sequence[str], values: Sequence[float], labels: Sequence[str], *, width: float,
                      font: str, percent_axis: bool = False, row_height: float = 15,
                      label_room: float = 70, axis_title: str = "") -> Drawing:
    """One series of horizontal bars, first name at the top, each bar labelled at its end."""
    size = 8
    name_room = min(max(stringWidth(n, font, size) for n in names) + 8, 110)
    height = row_height * len(names) + 36
    drawing = Drawing(width, height, initialFontName=font)
    chart = HorizontalBarChart()
    chart.x, chart.y = name_room, 28
    chart.width, chart.height = width - name_room - label_room, row_height * len(names)
    # ReportLab puts the first category at the bottom: reverse, so the list reads from the top.
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = [_fit_name(n, font, size, name_room - 8) for n in reversed(names)]
    chart.barLabelArray = [list(reversed(labels))]
    chart.barLabelFormat = "values"
    if percent_axis:
        chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
        chart.valueAxis.labelTextFormat = "%d%%"
    else:
        top, step = _value_axis(max(values) if values else 1, steps=max(2, int(chart.width // 32)))
        chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
        chart.valueAxis.labelTextFormat = "%d"
    chart.bars[0].fillColor = BAR_GREY
    chart.bars[0].strokeColor = BLACK
    chart.bars[0].strokeWidth = 0.45
    chart.barSpacing = 0
    chart.groupSpacing = max(3, row_height * 0.3)
    _style_axes(chart, font, size)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    if axis_title:
        drawing.add(String(chart.x + chart.width / 2, 2, axis_title, fontName=font, fontSize=8, textAnchor="middle"))
    return drawing


def _department_rate_chart(summary: Summary, font: str) -> Drawing:
    rows = summary.breakdowns.get(Dimension.DEPARTMENT, [])
    if not any(row.resolve_rate.denominator for row in rows):  # departments with open work but nothing due
        return _no_data_drawing(CONTENT_WIDTH, 60, font)
    rows = rows[:CHART_DEPARTMENTS]  # the busiest first; all of them are in the department table
    names = [_row_name(Dimension.DEPARTMENT, row) for row in rows]
    values = [(row.resolve_rate.value or 0) * 100 for row in rows]
    labels = [ratio_text(row.resolve_rate) if row.resolve_rate.value is not None else "—（本月无到期）"
              for row in rows]
    return _horizontal_chart(names, values, labels, width=CONTENT_WIDTH, font=font, percent_axis=True,
                             row_height=13, label_room=90, axis_title="办结及时率（%）")


def _satisfaction_chart(summary: Summary, width: float, font: str) -> Drawing:
    counts = summary.satisfaction
    total = sum(counts.values())
    if not total:
        return _no_data_drawing(width, 60, font)
    keys = [k.value for k in Satisfaction if k.value in counts] + sorted(set(counts) - {k.value for k in Satisfaction})
    names = [_enum_name(Satisfaction, k) for k in keys]
    values = [counts[k] for k in keys]
    labels = [f"{n}（{percent(n / total)}）" for n in values]
    return _horizontal_chart(names, values, labels, width=width, font=font, row_height=22, label_room=62,
                             axis_title="回访次数")


def _hot_spot_chart(spots: Sequence[tuple[str, int]], width: float, font: str) -> Drawing:
    if not spots:
        return _no_data_drawing(width, 60, font)
    return _horizontal_chart([name for name, _n in spots], [n for _name, n in spots], [str(n) for _name, n in spots],
                             width=width, font=font, row_height=15, label_room=24, axis_title="投诉工单数")


def _charts_page(summary: Summary, s: _Styles) -> list[Flowable]:
    half = (CONTENT_WIDTH - 6 * mm) / 2
    departments = summary.breakdowns.get(Dimension.DEPARTMENT, [])
    story: list[Flowable] = [
        _p("二、趋势与分布", s.section),
        KeepTogether([_p("图1　每日新建、办结与办结超时工单数", s.caption), _trend_chart(summary, s.font)]),
        KeepTogether([_p("图2　各部门办结及时率（含10086受理工单的反馈时限）" + (
                          f"（受理最多的{CHART_DEPARTMENTS}个）" if len(departments) > CHART_DEPARTMENTS else ""),
                          s.caption),
                      _department_rate_chart(summary, s.font)]),
        Spacer(1, 3 * mm),
    ]
    # The small charts side by side, each column kept whole with its captions (a row moves to the next page whole).
    left: list[Flowable] = [_p("图3　回访满意度分布", s.caption), _satisfaction_chart(summary, half, s.font)]
    right: list[Flowable] = [_p("图4　投诉热点片区（前10）", s.caption),
                             _hot_spot_chart(summary.hot_areas, half, s.font)]
    if summary.hot_stations:
        right += [Spacer(1, 3 * mm), _p("图5　投诉热点站点（前10）", s.caption),
                 _hot_spot_chart(summary.hot_stations, half, s.font)]
    story.append(Table([[left, right]], colWidths=[half + 3 * mm, half + 3 * mm], style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), s.font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ])))
    return story


# ----- page 3+: the breakdowns --------------------------------------------------------------------------------


def _row_name(dimension: Dimension, row: BreakdownRow) -> str:
    if row.key is None or row.key == "":
        return UNASSIGNED.get(dimension, "（未填写）")
    return row.name or str(row.key)


def _breakdown_table(dimension: Dimension, rows: Sequence[BreakdownRow], s: _Styles) -> Table:
    header = [chinese(dimension), *(chinese(m) for m in BREAKDOWN_MEASURES), "办结/反馈及时率"]
    body = [[_row_name(dimension, row), *(str(row.values.get(m, 0)) for m in BREAKDOWN_MEASURES),
             ratio_text(row.resolve_rate)] for row in rows]
    sums = {m: sum(row.values.get(m, 0) for row in rows) for m in Measure}
    total = ["合计", *(str(sums[m]) for m in BREAKDOWN_MEASURES),
             ratio_text(Ratio(sums[Measure.RESOLVE_ON_TIME], sums[Measure.RESOLVE_DUE]))]
    number = 22 * mm
    return _grid_table(header, body, [CONTENT_WIDTH - 4 * number - 42 * mm, number, number, number, number, 42 * mm],
                       s, total=total)


def _breakdowns_pages(summary: Summary, s: _Styles) -> list[Flowable]:
    story: list[Flowable] = [_p("三、部门统计", s.section)]
    for index, (dimension, title) in enumerate(BREAKDOWN_TABLES, start=1):
        story += [CondPageBreak(60 * mm), _p(f"表{index}　{title}", s.subsection),
                  _breakdown_table(dimension, summary.breakdowns.get(dimension, []), s)]
    story += [Spacer(1, 1.5 * mm), _p(BREAKDOWN_NOTE, s.small)]
    return story


# ----- one page per procedure ---------------------------------------------------------------------------------


def _procedure_groups(data: ReportData) -> list[tuple[str, str, list[PolicyClockRow]]]:
    """(code, name, clock rows) per procedure with clocks due, in the order of `data.procedures`, others after."""
    grouped: dict[str, list[PolicyClockRow]] = {}
    for row in data.summary.clocks_by_policy:
        grouped.setdefault(row.policy_code, []).append(row)
    order = list(data.procedures) + sorted(set(grouped) - set(data.procedures))
    return [(code, data.procedures.get(code) or grouped[code][0].policy_name, grouped[code])
            for code in order if code in grouped]


def _clock_table(rows: Sequence[PolicyClockRow], s: _Styles) -> Table:
    order = {kind: i for i, kind in enumerate(ClockKind)}
    body = [[chinese(row.clock), str(row.due), str(row.on_time), str(row.running_overdue), ratio_text(row.ratio)]
            for row in sorted(rows, key=lambda r: order[r.clock])]
    number = 25 * mm
    return _grid_table(["时限", "到期", "及时", "逾期未办", "及时率"], body,
                       [CONTENT_WIDTH - 3 * number - 45 * mm, number, number, number, 45 * mm], s)


def _procedure_pages(data: ReportData, s: _Styles) -> list[Flowable]:
    groups = _procedure_groups(data)
    story: list[Flowable] = [_p("四、分时限规定统计", s.section)]
    if not groups:
        story.append(_grid_table(["时限", "到期", "及时", "逾期未办", "及时率"], [],
                                 [CONTENT_WIDTH - 120 * mm, 25 * mm, 25 * mm, 25 * mm, 45 * mm], s))
    for index, (code, name, rows) in enumerate(groups, start=1):
        if index > 1:
            story.append(PageBreak())
        story += [_p(f"（{_chinese_number(index)}）{name}", s.subsection),
                  _p(f"时限规定代码：{code}", s.small), Spacer(1, 2 * mm), _clock_table(rows, s),
                  Spacer(1, 2 * mm), _p(CLOCK_NOTE, s.small)]
    idle = [name for code, name in data.procedures.items()
            if code not in {row.policy_code for row in data.summary.clocks_by_policy}]
    if idle:
        story += [Spacer(1, 4 * mm), _p("本月无到期计时的时限规定：" + "、".join(idle) + "。", s.small)]
    story += [Spacer(1, 18 * mm), _p(SIGNATURE, s.body)]
    return story


# ----- the document -------------------------------------------------------------------------------------------




def monthly_report_pdf(data: ReportData) -> bytes:
    """月度工单统计报告 as PDF bytes: figures, charts, the breakdown tables, then a page per procedure."""
    s = _styles()
    title = report_title(data)

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(s.font, 8.5)
        canvas.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, y + 11, PAGE_SIZE[0] - MARGIN_X, y + 11)
        canvas.drawCentredString(PAGE_SIZE[0] / 2, y, f"第 {number} 页 共 {total} 页")
        canvas.drawString(MARGIN_X, y, _fit_name(data.organization, s.font, 8.5, CONTENT_WIDTH / 2 - 45))
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN_X, y, f"{period_title(data.summary.period)}工单统计报告")
        canvas.restoreState()

    def running_header(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if doc.page == 1:
            return
        canvas.saveState()
        canvas.setFont(s.font, 8.5)
        canvas.setLineWidth(0.5)
        y = PAGE_SIZE[1] - MARGIN_TOP + 6 * mm
        canvas.drawString(MARGIN_X, y, _fit_name(title, s.font, 8.5, CONTENT_WIDTH))
        canvas.line(MARGIN_X, y - 4, PAGE_SIZE[0] - MARGIN_X, y - 4)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=f"{period_title(data.summary.period)}工单统计报告",
        author=data.organization,
        subject="月度工单统计报告",
        creator="工单台",
        lang="zh-CN",
        initialFontName=s.font,  # otherwise every page references an unembedded Helvetica
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, CONTENT_HEIGHT,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="report")
    doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=running_header)])
    story = [
        *_figures_page(data, s), PageBreak(),
        *_charts_page(data.summary, s), PageBreak(),
        *_breakdowns_pages(data.summary, s), PageBreak(),
        *_procedure_pages(data, s),
    ]
    doc.build(story, canvasmaker=held_pages_canvas(footer))
    return buffer.getvalue()
