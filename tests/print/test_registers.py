"""登记表: the three registers over a period, on hand-built data whose every line is known."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab import rl_config
from reportlab.lib.pagesizes import A4

from desk_app.core.papers import FormKind
from desk_app.print.fonts import register_cjk_font
from desk_app.print.registers import (
    BLANK_SIGNATURE,
    CALL_COLUMNS,
    CANNOT_END,
    CANNOT_START,
    COMPLAINT_COLUMNS,
    EMPTY,
    FONT_SIZE,
    MARGIN_BOTTOM,
    VISIT_COLUMNS,
    DaySignature,
    Metrics,
    RegisterData,
    column_edges,
    register_pdf,
    wrap,
)
from tests.print.support import check_fonts, check_structure

FIRST = dt.date(2026, 11, 16)
LAST = dt.date(2026, 11, 18)
PRINTED_AT = dt.datetime(2026, 11, 26, 10, 0)
ORGANIZATION = "幸福里物业服务中心"
SENTENCE = "楼上住户装修后卫生间顶棚持续渗水，墙面起皮发霉（已拍照），多次沟通未果，要求物业出面协调并书面答复处理时限。"


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    """Fixed dates and ids in the PDF, so identical input gives identical bytes."""
    monkeypatch.setattr(rl_config, "invariant", 1)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def compact(text: str) -> str:
    """Text without any whitespace: wrapped lines and cell gaps do not matter."""
    return re.sub(r"\s+", "", text)


def call_row(day: dt.date, n: int, content: str = "询问停水时间") -> tuple[str, ...]:
    return (f"{day:%m-%d} {8 + n % 10:02d}:{n % 60:02d}", "电话", f"张{n}", "138 1234 5678", f"{content}（第{n}条）",
            "已转工单 2026-000123" if n % 2 else "当场解决", "工程部 刘工", f"已告知业主，跟进{n}", "王芳")


def calls(per_day: tuple[int, ...] = (2, 0, 3), **changes) -> RegisterData:
    """A call register of three days: Monday signed, Tuesday without calls, Wednesday not signed yet."""
    rows, days, n = [], [], 0
    for offset, count in enumerate(per_day):
        day = FIRST + dt.timedelta(days=offset)
        for _ in range(count):
            n += 1
            rows.append(call_row(day, n))
        signed = offset == 0
        days.append(DaySignature(day, count, "林主管" if signed else None,
                                 dt.datetime(2026, 11, 16, 17, 30) if signed else None))
    data = RegisterData(FormKind.CALL_REGISTER, ORGANIZATION, FIRST, FIRST + dt.timedelta(days=len(per_day) - 1),
                        rows, PRINTED_AT, "王芳", "2026-0007", days=days)
    return dataclasses.replace(data, **changes)


def complaints(rows: list[tuple[str, ...]], **changes) -> RegisterData:
    data = RegisterData(FormKind.COMPLAINT_REGISTER, ORGANIZATION, FIRST, LAST, rows, PRINTED_AT, "王芳", "2026-0003")
    return dataclasses.replace(data, **changes)


def complaint_row(n: int, content: str = "邻居空调外机滴水到我家窗台") -> tuple[str, ...]:
    return (f"11-16 {n % 24:02d}:00", f"2026-{n:06d}", "李四", "139 0000 1111", "和平里小区3栋1单元1604", content,
            "诉求", "客服助理", "已与相关住户沟通协调，问题解决", "满意", "已归档")


def test_the_call_register_prints_every_line_and_each_days_signature():
    data = calls()
    (text,) = page_texts(register_pdf(data))
    flat = compact(text)

    assert "来电来访登记表" in compact(text.replace(" ", ""))
    assert compact(f"单位：{ORGANIZATION}") in flat and compact("期间：2026年11月16日至2026年11月18日") in flat
    assert "编号：2026-0007" in flat and "补打" not in flat
    assert "".join(["序号", *(c.name for c in CALL_COLUMNS)]) in flat
    for number, row in enumerate(data.rows, 1):
        assert compact(str(number) + "".join(row)) in flat
    # Monday signed, by name and time; Tuesday had no calls; Wednesday's line waits for the supervisor's hand.
    assert compact("以上为2026年11月16日（星期一）登记，共 2 条 客服主管签字：林主管 日期：2026年11月16日 17:30") in flat
    assert compact("2026年11月17日（星期二）无来电来访登记") in flat
    assert compact(f"以上为2026年11月18日（星期三）登记，共 3 条 {BLANK_SIGNATURE}") in flat
    assert flat.count(compact(BLANK_SIGNATURE)) == 2
    # The signature lines close their days: Monday's after its two lines, before Wednesday's.
    assert flat.index("（第2条）") < flat.index("客服主管签字：林主管") < flat.index("（第3条）")


def test_every_page_repeats_the_column_heads_and_says_page_x_of_y_and_when_it_was_printed():
    data = complaints([complaint_row(n) for n in range(1, 121)])
    texts = page_texts(register_pdf(data))

    assert len(texts) > 3
    heads = "".join(["序号", *(c.name for c in COMPLAINT_COLUMNS)])
    for number, text in enumerate(texts, 1):
        flat = compact(text)
        assert "客户投诉登记表" in flat
        assert heads in flat
        assert f"第{number}页共{len(texts)}页" in flat
        assert "打印时间：2026年11月26日10:00" in flat and "打印人：王芳" in flat
        assert "编号：2026-0003" in flat


def test_1200_lines_paginate_with_nothing_lost_and_in_order():
    per_day = tuple(40 for _ in range(30))
    data = calls(per_day, first=dt.date(2026, 11, 1), last=dt.date(2026, 11, 30), days=[
        DaySignature(dt.date(2026, 11, 1) + dt.timedelta(days=k), 40) for k in range(30)], rows=[
        call_row(dt.date(2026, 11, 1) + dt.timedelta(days=n // 40), n + 1) for n in range(1200)])
    texts = page_texts(register_pdf(data))
    flat = compact("".join(texts))

    assert len(texts) > 30
    position = 0
    for number, row in enumerate(data.rows, 1):
        line = compact(str(number) + "".join(row))
        found = flat.find(line, position)
        assert found >= 0, f"line {number} is missing or out of order"
        position = found + len(line)
    assert flat.count("客服主管签字：") == 30
    heads = "".join(["序号", *(c.name for c in CALL_COLUMNS)])
    for text in texts[1:]:   # a day's signature line never opens a page without a line of its day
        page = compact(text)
        assert not page[page.index(heads) + len(heads):].startswith("以上为")
    assert flat.endswith(f"第{len(texts)}页共{len(texts)}页") and "以下空白" in compact(texts[-1])


def test_the_page_is_a4_landscape_and_the_font_is_embedded():
    reader = PdfReader(io.BytesIO(register_pdf(calls())))
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((A4[1], A4[0]))
    fonts = page["/Resources"]["/Font"]
    assert all(register_cjk_font() in ref.get_object()["/BaseFont"] for ref in fonts.values())
    assert reader.metadata.title == "来电来访登记表 2026年11月16日至2026年11月18日"
    assert reader.metadata.author == ORGANIZATION


def test_a_reprint_says_so_and_keeps_its_number():
    texts = page_texts(register_pdf(complaints([complaint_row(n) for n in range(1, 60)], reprint=True)))
    assert len(texts) > 1
    for text in texts:
        assert "编号：2026-0003（补打）" in compact(text)


def text_render_modes(pdf: bytes) -> dict[float, set[int]]:
    """The render modes (0 fill, 2 fill and stroke: the faux bold) text of each font size is drawn with."""
    reader = PdfReader(io.BytesIO(pdf))
    modes: dict[float, set[int]] = {}
    for page in reader.pages:
        stack, mode, size = [], 0, 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(mode)
            elif operator == b"Q":
                mode = stack.pop()
            elif operator == b"Tr":
                mode = int(operands[0])
            elif operator == b"Tf":
                size = float(operands[1])
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                modes.setdefault(size, set()).add(mode)
    return modes


def test_only_the_title_and_the_reprint_stamp_are_set_bold():
    for reprint in (False, True):
        modes = text_render_modes(register_pdf(calls(reprint=reprint)))
        assert modes.pop(FONT_SIZE) == {0} and modes.pop(10) == {0}   # the table, the lines above and below it
        assert set().union(*modes.values()) == {2}                  # the title (and the stamp)


def test_an_empty_period_says_there_is_nothing_in_it():
    for data in (complaints([]), calls((0, 0, 0))):
        (text,) = page_texts(register_pdf(data))
        assert EMPTY in compact(text) and "共0条" in compact(text)
    (text,) = page_texts(register_pdf(calls((0, 0, 0))))
    flat = compact(text)   # each day is still signed off, the first one signed already
    assert flat.count("客服主管签字：") == 3 and flat.count(compact(BLANK_SIGNATURE)) == 2


def test_the_visit_register_has_its_columns():
    row = ("11-17 15:00", "2026-000008", "程欣怡", "189 3524 7599", "东方明珠苑2栋1单元2202",
           "卫生间水管漏水，楼下住户天花板渗水", "沈师傅", "11-17 11:30", "满意", "陈晨", "")
    data = RegisterData(FormKind.VISIT_REGISTER, ORGANIZATION, FIRST, LAST, [row], PRINTED_AT, "陈晨", "2026-0002")
    (text,) = page_texts(register_pdf(data))
    flat = compact(text)
    assert "维修回访登记表" in flat
    assert "".join(["序号", *(c.name for c in VISIT_COLUMNS)]) in flat
    assert compact("1" + "".join(row)) in flat


def test_same_input_gives_identical_bytes():
    assert register_pdf(calls()) == register_pdf(calls())


def test_rows_must_fit_the_columns_and_the_days_the_rows():
    with pytest.raises(ValueError, match="row 1 has 2 cells"):
        complaints([("a", "b")])
    with pytest.raises(ValueError, match="do not add up"):
        calls(days=[DaySignature(FIRST, 1)])


# ----- wrapping ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def metrics() -> Metrics:
    return Metrics(register_cjk_font(), FONT_SIZE)


@pytest.mark.parametrize("width", [40, 61, 90, 150])
def test_wrapped_lines_fit_keep_everything_and_follow_the_chinese_rules(metrics, width):
    text = (SENTENCE + "联系电话13812345678，工单2026-000123。" + "“急”！") * 3
    lines = wrap(text, width, metrics)

    assert "".join(line for line, _ in lines) == text
    for line, line_width in lines:
        assert line_width == pytest.approx(metrics.text(line))
        assert line_width <= width + 1e-6
    for (line, _), (following, _) in zip(lines, lines[1:]):
        assert following[0] not in CANNOT_START, (line, following)
        assert line[-1] not in CANNOT_END, (line, following)
    if width >= 90:   # numbers are kept whole where the cell is wide enough for them
        assert any("13812345678" in line for line, _ in lines)
        assert any("2026-000123" in line for line, _ in lines)


def test_wrapping_breaks_latin_text_at_spaces_and_keeps_line_breaks(metrics):
    assert [line for line, _ in wrap("已转工单 2026-000123", 70, metrics)] == ["已转工单", "2026-000123"]
    assert [line for line, _ in wrap("第一行\n第二行", 200, metrics)] == ["第一行", "第二行"]
    assert [line for line, _ in wrap("", 50, metrics)] == [""]


# ----- what poppler sees --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is not installed: run the tests through ./run-tests, which installs it")


class _Words(HTMLParser):
    """`pdftotext -bbox` output: the words with their page and box."""

    def __init__(self) -> None:
        super().__init__()
        self.pages = 0
        self.words: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "page":
            self.pages += 1
        elif tag == "word":
            self.words.append({"page": self.pages, "text": "",
                               **{k: float(values[k]) for k in ("xmin", "ymin", "xmax", "ymax")}})

    def handle_data(self, data):
        if self.words and self.lasttag == "word":
            self.words[-1]["text"] += data.strip()


def words(pdf: bytes, tmp_path: Path) -> _Words:
    path = tmp_path / "register.pdf"
    path.write_bytes(pdf)
    parsed = _Words()
    parsed.feed(subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True,
                               text=True).stdout)
    return parsed


def test_an_extremely_long_cell_wraps_inside_its_cell_over_pages_and_nothing_is_lost(poppler, tmp_path):
    content = "".join(f"{SENTENCE}（{n}）" for n in range(1, 101))    # some 6,000 characters
    rows = [complaint_row(1), complaint_row(2, content), complaint_row(3)]
    data = complaints(rows)
    pdf = register_pdf(data)
    texts = page_texts(pdf)

    assert len(texts) > 3
    heads = "".join(["序号", *(c.name for c in COMPLAINT_COLUMNS)])
    for text in texts:
        assert heads in compact(text)
    assert "以下空白" in compact(texts[-1]) and compact("".join(complaint_row(3))) in compact(texts[-1])

    parsed = words(pdf, tmp_path)
    edges = column_edges(data.columns)
    left, right = edges[6], edges[7]            # 投诉内容, after 序号 and five columns
    head_bottom = {w["page"]: w["ymax"] for w in parsed.words if w["text"] == "投诉内容"}
    assert sorted(head_bottom) == list(range(1, len(texts) + 1))
    # The words of the column under its head, above the page's foot.
    inside = [w for w in parsed.words if left - 1 <= w["xmin"] < right and head_bottom[w["page"]] < w["ymin"]
              and w["ymax"] < A4[0] - MARGIN_BOTTOM]
    for word in inside:
        assert word["xmax"] <= right + 0.5, word
    cell = [w for w in inside if w["text"] != "以下空白"]
    cell.sort(key=lambda w: (w["page"], w["ymin"], w["xmin"]))
    assert "".join(w["text"] for w in cell) == compact(rows[0][5] + content + rows[2][5])
    # The line that runs over says so on the following pages.
    assert all("2续" in compact(text) for text in texts[1:-1])


def test_poppler_reads_every_word_inside_the_page(poppler, tmp_path):
    data = calls((30, 0, 25))
    parsed = words(register_pdf(data), tmp_path)
    width, height = A4[1], A4[0]
    assert parsed.pages >= 2 and parsed.words
    for word in parsed.words:
        assert 0 < word["xmin"] and word["xmax"] < width and 0 < word["ymin"] and word["ymax"] < height, word


def test_the_pdf_passes_qpdfs_check_and_embeds_the_font_as_a_subset():
    pdf = register_pdf(calls((40, 0, 35)))
    check_structure(pdf)
    assert check_fonts(pdf)
