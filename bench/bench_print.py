"""How much the dispatch slip's layout costs over bare ReportLab drawing the same strings.

Run: .venv/bin/python bench/bench_print.py [--count N]
Both sides make the same number of pages (one per copy) with the same embedded CJK font, so the
ratio is the price of platypus layout (tables, wrapping, fitting the content) and nothing else.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import time
from collections.abc import Callable
from datetime import datetime

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desk_app.print.common import format_datetime
from desk_app.print.fonts import register_cjk_font
from desk_app.print.slip import DEFAULT_COPIES, SlipData, copy_title, dispatch_slip_pdf

SAMPLE = SlipData(
    number="2026-000123",
    created_at=datetime(2026, 5, 6, 9, 30),
    kind="报修",
    priority="P2",
    customer_name="王秀兰",
    contact_phone="13800138000",
    address="幸福里小区7栋2单元501室",
    area="东片区",
    content="厨房水龙头漏水，水槽下方柜子已泡湿，请尽快上门维修。\n客户白天不在家，请提前电话联系。",
    department="维修部",
    receiver="李娜",
    worker="张建国",
    required_by=datetime(2026, 5, 7, 17, 0),
    dispatched_at=datetime(2026, 5, 6, 10, 5),
    dispatcher="赵敏",
)
LONG = dataclasses.replace(
    SAMPLE, content=("卫生间顶棚渗水，楼上住户装修后出现，已持续三天，墙面起皮发霉。" * 70)[:2000]
)

LABELS = (
    "编号", "受理时间", "工单类型", "优先级", "客户姓名", "联系电话", "地址", "片区", "工单内容",
    "承接部门", "承接人", "维修人员", "要求完成时间", "派单人", "派单时间", "以下由维修人员在现场填写",
    "到达时间", "处理情况", "使用材料", "名称", "规格", "数量", "完成时间", "客户满意度",
    "满意", "基本满意", "不满意", "客户签字", "维修人员签字",
)


def slip_strings(data: SlipData) -> list[str]:
    """The text a slip page prints, minus the copy name."""
    values = [
        data.number, format_datetime(data.created_at), data.kind, data.priority, data.customer_name,
        data.contact_phone, data.address, data.area, *data.content.splitlines(), data.department,
        data.receiver, data.worker, format_datetime(data.required_by), data.dispatcher,
        format_datetime(data.dispatched_at),
    ]
    return [f"{data.organization} 派工单", f"编号：{data.number}", *LABELS, *values]


def raw_reportlab_pdf(data: SlipData, copies: tuple[str, ...] = DEFAULT_COPIES) -> bytes:
    """The baseline: one canvas page per copy, each string drawn on its own line, no layout."""
    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=font)
    strings = slip_strings(data)
    for position, name in enumerate(copies):
        canvas.setFont(font, 10.5)
        y = A4[1] - 40
        for text in (copy_title(position, name), *strings):
            canvas.drawString(40, y, text)
            y -= 14 if y > 60 else -(A4[1] - 100)  # wrap back to the top: stay on the page
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def rate(make: Callable[[SlipData], bytes], data: SlipData, count: int) -> float:
    make(data)  # warm-up: font parsing and imports are not what is measured
    start = time.perf_counter()
    for _ in range(count):
        make(data)
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--count", type=int, default=60, help="slips per measurement (3 pages each)"
    )
    args = parser.parse_args()
    rl_config.invariant = 1  # as in the tests; also keeps timestamps out of the loop
    for label, data in (("slip", SAMPLE), ("slip, 2,000-character content", LONG)):
        slips = rate(dispatch_slip_pdf, data, args.count)
        raw = rate(raw_reportlab_pdf, data, args.count)
        ratio = raw / slips
        print(f"{label}: {slips:.0f}/s vs raw reportlab {raw:.0f}/s  ratio {ratio:.1f}x slower")


if __name__ == "__main__":
    main()
