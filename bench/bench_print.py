"""How much the printed forms' layout costs over bare ReportLab canvas calls drawing the same text.

Run: .venv/bin/python bench/bench_print.py [--count N] [--repeat R] [--no-accel]
The baseline draws, page for page, the text lines each page of the form prints (read back from the
form's own PDF, so nothing the form prints is left out of it: copy names, notes, continuation
pages), each line with one drawString call in the same embedded CJK font, no layout, no lines.
The ratio is the price of the layout (tables, wrapping, fitting, continuation) and nothing else.
Both sides run with ReportLab's C accelerator when `rl_accel` is installed (`--no-accel`: both
without it, as before it was a dependency). Times are this process's CPU time (other work on the
machine does not count), the best of R rounds, the rounds alternating between the two sides.
Measured: the dispatch slip (3 copies), the same with a 2,000-character 工单内容, the slip of one
copy, and a 1,000-line call register (desk_app.print.registers) when that form exists.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import io
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

if "--no-accel" in sys.argv:  # before ReportLab loads: it looks for its accelerator once
    sys.modules["_rl_accel"] = None

from pypdf import PdfReader  # noqa: E402
from reportlab import rl_config  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from desk_app.print.fonts import register_cjk_font  # noqa: E402
from desk_app.print.slip import SlipData, dispatch_slip_pdf  # noqa: E402

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
REGISTER_LINES = 1000


def page_lines(pdf: bytes) -> list[list[str]]:
    """The text lines each page of `pdf` prints."""
    return [
        [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def raw_canvas_pdf(
    pages: list[list[str]], pagesize: tuple[float, float] = A4, size: float = 10.5
) -> bytes:
    """The baseline: each page's lines drawn with bare canvas calls, one drawString a line."""
    font = register_cjk_font()
    width, height = pagesize
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, initialFontName=font)
    for lines in pages:
        canvas.setFont(font, size)
        y = height - 40
        for text in lines:
            canvas.drawString(40, y, text)
            y -= 14 if y > 60 else -(height - 100)  # wrap back to the top: stay on the page
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def best_rates(form: Callable[[], bytes], raw: Callable[[], bytes], count: int, repeat: int):
    """(form per second, baseline per second): the best of `repeat` alternating rounds of `count`."""
    form()  # warm-up: font parsing and imports are not what is measured
    raw()
    best_form = best_raw = float("inf")
    for _ in range(repeat):
        for make, is_form in ((form, True), (raw, False)):
            start = time.process_time()
            for _ in range(count):
                make()
            elapsed = time.process_time() - start
            if is_form:
                best_form = min(best_form, elapsed)
            else:
                best_raw = min(best_raw, elapsed)
    return count / best_form, count / best_raw


def report(label: str, form: Callable[[], bytes], count: int, repeat: int,
           pagesize: tuple[float, float] = A4, size: float = 10.5) -> None:
    pages = page_lines(form())
    form_rate, raw_rate = best_rates(
        form, lambda: raw_canvas_pdf(pages, pagesize, size), count, repeat
    )
    print(
        f"{label} ({len(pages)} page{'s' if len(pages) != 1 else ''}): {form_rate:.1f}/s"
        f" vs raw canvas {raw_rate:.1f}/s"
        f"  ratio {raw_rate / form_rate:.2f}x"
    )


def _register_sample():
    """The 1,000-line call register of bench_registers.py, or None while that form does not exist."""
    if importlib.util.find_spec("desk_app.print.registers") is None:
        return None
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_registers import sample  # noqa: E402 (a sibling script, not a package)

    return sample(REGISTER_LINES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10, help="forms per round")
    parser.add_argument("--repeat", type=int, default=15, help="rounds; the best counts")
    parser.add_argument("--no-accel", action="store_true", help="ReportLab without rl_accel")
    args = parser.parse_args()
    rl_config.invariant = 1  # as in the tests; also keeps timestamps out of the loop
    from reportlab.lib import rl_accel

    accelerated = type(rl_accel.fp_str).__name__ == "builtin_function_or_method"
    print(f"rl_accel: {'in use' if accelerated else 'not in use (pure-Python fallbacks)'}")
    report("slip", lambda: dispatch_slip_pdf(SAMPLE), args.count, args.repeat)
    report("slip, 2,000-character content", lambda: dispatch_slip_pdf(LONG), args.count, args.repeat)
    report("slip, one copy", lambda: dispatch_slip_pdf(SAMPLE, copies=("执行",)), args.count,
           args.repeat)
    register = _register_sample()
    if register is None:
        print("register: desk_app/print/registers.py does not exist yet")
        return
    from desk_app.print.registers import FONT_SIZE, PAGE_SIZE, register_pdf

    report(f"register, {REGISTER_LINES:,} lines", lambda: register_pdf(register),
           max(1, args.count // 10), args.repeat, PAGE_SIZE, FONT_SIZE)


if __name__ == "__main__":
    main()
