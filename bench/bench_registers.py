"""How much a register's layout costs over bare ReportLab canvas calls drawing the same strings.

Run: .venv/bin/python bench/bench_registers.py [--count 1000] [--repeat 7] [--platypus]
Both sides draw the same strings (every cell of every line, the column heads, title, number and page footer on every
page) in the same embedded CJK font and size, on the same number of A4 landscape pages; the baseline puts each cell's
text on one line where it starts, no wrapping, no grid. The ratio is the price of wrapping, pagination and the boxes.
`--platypus` also times the same register as a platypus LongTable of CJK Paragraphs (repeatRows=1), the road not
taken.
"""

from __future__ import annotations

import argparse
import io
import math
import re
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from desk_app.core.papers import FormKind
from desk_app.print.common import format_datetime
from desk_app.print.fonts import register_cjk_font
from desk_app.print.registers import (
    FONT_SIZE,
    MARGIN_X,
    PAGE_SIZE,
    DaySignature,
    RegisterData,
    number_text,
    page_text,
    register_pdf,
)

CONTENTS = (
    "询问停水时间",
    "卫生间水管漏水，楼下天花板渗水，请尽快派人上门查看维修。",
    "咨询物业费收费标准及缴费方式，是否可以微信缴费",
    "7栋2单元电梯故障困人，已通知维保单位到场处理，住户情绪较大，要求物业给出书面说明。",
    "反映楼下商铺夜间噪音扰民",
)
FOLLOW_UPS = ("已告知周四恢复供水", "", "工程部已派人上门，待回访", "已电话回复业主，业主表示满意")
OUTCOMES = ("当场解决", "已转工单 2026-000123", "待处理")
CHANNELS = ("电话", "来访", "微信/即时消息")
NAMES = ("张三", "李四", "王秀兰", "欧阳建国")
PAGE_COUNT = re.compile(rb"/Type\s*/Page\b")


def sample(count: int = 1000, first: date = date(2026, 11, 1)) -> RegisterData:
    """A call register of `count` lines over a month, about a thirtieth of them a day, some days signed."""
    days = 30
    per_day = [count // days + (1 if k < count % days else 0) for k in range(days)]
    rows = []
    signatures = []
    for k, lines in enumerate(per_day):
        day = first + timedelta(days=k)
        for n in range(lines):
            at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=8 * 60 + n * 13)
            i = len(rows)
            rows.append((f"{at:%m-%d %H:%M}", CHANNELS[i % 3], NAMES[i % 4], f"138 {i % 10000:04d} 5678",
                         CONTENTS[i % 5], OUTCOMES[i % 3], "工程部 刘工" if i % 2 else "", FOLLOW_UPS[i % 4],
                         "王芳"))
        signed = k % 2 == 0
        signatures.append(DaySignature(day, lines, "林主管" if signed else None,
                                       datetime.combine(day, datetime.min.time()) + timedelta(hours=17, minutes=30)
                                       if signed else None))
    return RegisterData(FormKind.CALL_REGISTER, "幸福里物业服务中心", first, first + timedelta(days=days - 1), rows,
                        datetime(2026, 12, 1, 9, 0), "王芳", "2026-0001", days=signatures)


def raw_canvas_pdf(data: RegisterData, pages: int) -> bytes:
    """The baseline: the register's strings with bare drawString calls on `pages` pages, no layout."""
    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, initialFontName=font, initialFontSize=FONT_SIZE)
    columns = ("序号", *(c.name for c in data.columns))
    step = (PAGE_SIZE[0] - 2 * MARGIN_X) / len(columns)
    per_page = math.ceil(len(data.rows) / pages)
    footer = f"打印人：{data.printed_by}　　打印时间：{format_datetime(data.printed_at)}"
    for page in range(pages):
        canvas.setFont(font, 18)
        canvas.drawString(MARGIN_X, PAGE_SIZE[1] - 40, data.title)
        canvas.setFont(font, FONT_SIZE)
        canvas.drawString(MARGIN_X, PAGE_SIZE[1] - 60, f"单位：{data.organization}　　期间：{data.period}")
        canvas.drawString(MARGIN_X + 600, PAGE_SIZE[1] - 60, number_text(data))
        y = PAGE_SIZE[1] - 80
        for k, name in enumerate(columns):
            canvas.drawString(MARGIN_X + k * step, y, name)
        for index in range(page * per_page, min(len(data.rows), (page + 1) * per_page)):
            y -= 14 if y > 60 else -(PAGE_SIZE[1] - 120)   # wrap back to the top: stay on the page
            canvas.drawString(MARGIN_X, y, str(index + 1))
            for k, cell in enumerate(data.rows[index], 1):
                canvas.drawString(MARGIN_X + k * step, y, cell)
        canvas.drawString(MARGIN_X, 20, footer)
        canvas.drawString(MARGIN_X + 600, 20, page_text(page + 1, pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def platypus_pdf(data: RegisterData) -> bytes:
    """The same register as a platypus LongTable of CJK Paragraphs, heads repeated."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    font = register_cjk_font()
    style = ParagraphStyle("cell", fontName=font, fontSize=FONT_SIZE, leading=12, wordWrap="CJK")
    width = PAGE_SIZE[0] - 2 * MARGIN_X
    share = width / sum(c.width for c in data.columns)
    table = LongTable([[Paragraph(c.name, style) for c in data.columns]]
                      + [[Paragraph(cell, style) for cell in row] for row in data.rows],
                      colWidths=[c.width * share for c in data.columns], repeatRows=1,
                      style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X).build([table])
    return buffer.getvalue()


def best_of(repeat: int, *makers: Callable[[], bytes]) -> list[float]:
    """The shortest time of each maker over `repeat` rounds, the makers taking turns within a round so that a
    machine busy with something else slows both alike."""
    best = [float("inf")] * len(makers)
    for _ in range(repeat):
        for position, make in enumerate(makers):
            start = time.perf_counter()
            make()
            best[position] = min(best[position], time.perf_counter() - start)
    return best


def measure(count: int = 1000, repeat: int = 7, *, platypus: bool = False) -> dict[str, float]:
    """Seconds (best of `repeat`) for the register and for the baseline, their ratio, and the page count."""
    rl_config.invariant = 1
    data = sample(count)
    pdf = register_pdf(data)                 # warms the font up for both sides
    pages = len(PAGE_COUNT.findall(pdf))
    raw_canvas_pdf(data, pages)
    register_s, raw_canvas_s = best_of(repeat, lambda: register_pdf(data), lambda: raw_canvas_pdf(data, pages))
    result = {"lines": count, "pages": pages, "register_s": register_s, "raw_canvas_s": raw_canvas_s,
              "ratio": register_s / raw_canvas_s}
    if platypus:
        (result["platypus_s"],) = best_of(1, lambda: platypus_pdf(data))
        result["platypus_ratio"] = result["platypus_s"] / raw_canvas_s
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--platypus", action="store_true")
    args = parser.parse_args()
    result = measure(args.count, args.repeat, platypus=args.platypus)
    print(f"{result['lines']} lines, {result['pages']} pages: register {result['register_s'] * 1000:.0f} ms, "
          f"raw canvas {result['raw_canvas_s'] * 1000:.0f} ms, ratio {result['ratio']:.2f}")
    if args.platypus:
        print(f"platypus LongTable {result['platypus_s'] * 1000:.0f} ms, ratio {result['platypus_ratio']:.2f}")


if __name__ == "__main__":
    main()
