"""派工单: the three-part dispatch slip as PDF bytes."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab import rl_config

from desk_app.print.common import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X
from desk_app.print.fonts import CJK_FONT_NAME, register_cjk_font
from desk_app.print.slip import SlipData, dispatch_slip_pdf

COPY_TITLES = ("第一联 存根", "第二联 执行（维修人员持）", "第三联 回执（交回前台）")


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    """Fixed dates and ids in the PDF, so identical input gives identical bytes."""
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def slip() -> SlipData:
    return SlipData(
        number="2026-000123",
        created_at=datetime(2026, 5, 6, 9, 30),
        kind="报修",
        priority="P2",
        customer_name="王秀兰",
        contact_phone="13800138000",
        address="幸福里小区7栋2单元501室",
        area="东片区",
        content="厨房水龙头漏水，水槽下方柜子已泡湿。\n客户白天不在家，请提前电话联系。",
        department="维修部",
        receiver="李娜",
        worker="张建国",
        required_by=datetime(2026, 5, 7, 17, 0),
        dispatched_at=datetime(2026, 5, 6, 10, 5),
        dispatcher="赵敏",
    )


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def compact(text: str) -> str:
    """Text without any whitespace: wrapped lines and cell gaps do not matter."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is not installed: run the tests through ./run-tests, which installs it")


def pdftotext(pdf_path: Path, *options: str) -> str:
    result = subprocess.run(
        ["pdftotext", *options, str(pdf_path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


class _BboxParser(HTMLParser):
    """Reads `pdftotext -bbox` output: page sizes and word boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[tuple[float, float]] = []
        self.words: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "page":
            self.pages.append((float(values["width"]), float(values["height"])))
        elif tag == "word":
            box = {k: float(values[k]) for k in ("xmin", "ymin", "xmax", "ymax")}
            self.words.append({"page": len(self.pages) - 1, "text": "", **box})

    def handle_data(self, data):
        if self.words and self.lasttag == "word":
            self.words[-1]["text"] += data.strip()


def assert_words_inside_the_margins(pdf_path: Path) -> None:
    """Every word lies in the form's frame, except the copy name printed down the right margin."""
    boxes = _BboxParser()
    boxes.feed(pdftotext(pdf_path, "-bbox"))
    assert boxes.words
    tolerance = 1
    for word in boxes.words:
        width, height = boxes.pages[word["page"]]
        in_side_label = len(word["text"]) == 1 and word["xmin"] > width - MARGIN_X
        if not in_side_label:
            assert MARGIN_X - tolerance <= word["xmin"], word
            assert word["xmax"] <= width - MARGIN_X + tolerance, word
        assert MARGIN_TOP - tolerance <= word["ymin"], word
        assert word["ymax"] <= height - MARGIN_BOTTOM + tolerance, word


def filled_values(data: SlipData) -> list[str]:
    return [
        data.number,
        "2026年5月6日 09:30",
        data.kind,
        data.priority,
        data.customer_name,
        data.contact_phone,
        data.address,
        data.area,
        data.content,
        data.department,
        data.receiver,
        data.worker,
        "2026年5月7日 17:00",
        "2026年5月6日 10:05",
        data.dispatcher,
        data.organization,
    ]


def test_slip_has_one_page_per_copy_headed_with_the_copy_name(slip):
    texts = page_texts(dispatch_slip_pdf(slip))

    assert len(texts) == 3
    for text, title in zip(texts, COPY_TITLES, strict=True):
        assert "工单台服务中心 派工单" in text
        assert title in text
        assert "编号：2026-000123" in text


def test_every_filled_field_is_printed_on_every_copy(slip):
    for text in page_texts(dispatch_slip_pdf(slip)):
        printed = compact(text)
        for value in filled_values(slip):
            assert compact(value) in printed, value


def test_poppler_reads_the_same_chinese_text(slip, poppler, tmp_path):
    # A second, independent extractor: the glyphs really map back to the Chinese characters.
    pdf_path = tmp_path / "slip.pdf"
    pdf_path.write_bytes(dispatch_slip_pdf(slip))
    pages = pdftotext(pdf_path).split("\f")

    for page, title in zip(pages, COPY_TITLES, strict=False):
        printed = compact(page)
        assert compact(title) in printed
        for value in filled_values(slip):
            assert compact(value) in printed, value


def test_blanks_to_fill_on_site_are_printed(slip):
    for text in page_texts(dispatch_slip_pdf(slip)):
        printed = compact(text)
        for label in (
            "以下由维修人员在现场填写", "到达时间", "处理情况", "使用材料", "名称", "规格", "数量",
            "完成时间", "客户满意度", "满意", "基本满意", "不满意", "客户签字", "维修人员签字",
        ):
            assert label in printed, label
        assert "年月日时分" in printed  # the arrival and completion time blanks


def test_receipt_copy_asks_to_return_it_to_the_front_desk(slip):
    stub, work, receipt = page_texts(dispatch_slip_pdf(slip))

    assert "交回前台存档" in compact(receipt)
    assert "交回前台存档" not in compact(stub)
    assert "交回前台存档" not in compact(work)


def test_cjk_font_is_embedded_as_truetype_subset_and_no_other_font_is_used(slip):
    reader = PdfReader(io.BytesIO(dispatch_slip_pdf(slip)))

    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            assert CJK_FONT_NAME in font["/BaseFont"]
            assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])  # a subset, not the whole face
            descriptor: DictionaryObject = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
            assert "/ToUnicode" in font


def test_poppler_sees_only_embedded_fonts(slip, poppler, tmp_path):
    pdf_path = tmp_path / "slip.pdf"
    pdf_path.write_bytes(dispatch_slip_pdf(slip))
    rows = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]

    assert rows
    for row in rows:
        assert CJK_FONT_NAME in row
        assert row.split()[-5:-2] == ["yes", "yes", "yes"]  # emb, sub, uni


def test_same_input_gives_identical_bytes(slip):
    assert dispatch_slip_pdf(slip) == dispatch_slip_pdf(dataclasses.replace(slip))


def test_metadata_names_the_slip_and_the_organization(slip):
    metadata = PdfReader(io.BytesIO(dispatch_slip_pdf(slip))).metadata

    assert metadata.title == "派工单 2026-000123"
    assert metadata.author == "工单台服务中心"


def test_long_content_wraps_and_stays_inside_the_page(slip, poppler, tmp_path):
    sentence = "卫生间顶棚渗水，楼上住户装修后出现，已持续三天，墙面起皮发霉，请派员查看。"
    content = (sentence * 60)[:2000]
    pdf_path = tmp_path / "long.pdf"
    pdf_path.write_bytes(dispatch_slip_pdf(dataclasses.replace(slip, content=content)))

    # poppler extracts only what lies on the page, so text pushed off it would be missing here.
    pages = pdftotext(pdf_path).split("\f")[:-1]
    assert len(pages) == 3
    for page in pages:
        visible = compact(page)
        assert content in visible  # all of it, nothing cut
        assert "维修人员签字" in visible and "说明" in visible  # the form below the content
    assert_words_inside_the_margins(pdf_path)


def test_content_too_long_for_one_page_is_cut_with_a_note(slip):
    content = "墙面渗水" * 5000
    texts = page_texts(dispatch_slip_pdf(dataclasses.replace(slip, content=content)))

    assert len(texts) == 3
    for text in texts:
        assert "内容过长，以下从略，全文见系统工单2026-000123" in compact(text)
        assert "维修人员签字" in text


@pytest.mark.parametrize(
    "field, value",
    [
        ("address", "幸福里小区" * 300),
        ("customer_name", "某某物业管理有限公司" * 80),
        ("organization", "某某市某某区某某街道物业管理服务中心" * 3),
    ],
    ids=["address", "customer_name", "organization"],
)
def test_long_values_still_fit_one_page_per_copy(slip, poppler, tmp_path, field, value):
    data = dataclasses.replace(slip, **{field: value})
    pdf_path = tmp_path / "long-values.pdf"
    pdf_path.write_bytes(dispatch_slip_pdf(data))

    assert_words_inside_the_margins(pdf_path)
    pages = pdftotext(pdf_path).split("\f")[:-1]
    assert len(pages) == 3
    for page in pages:
        assert compact(data.organization + "派工单") in compact(page)
        assert "维修人员签字" in page


def test_content_line_breaks_are_kept(slip):
    text = page_texts(dispatch_slip_pdf(slip))[0]

    assert re.search(r"已泡湿。\s*\n\s*客户白天不在家", text)


def test_empty_worker_leaves_the_cell_blank(slip):
    texts = page_texts(dispatch_slip_pdf(dataclasses.replace(slip, worker="")))

    for text in texts:
        assert re.search(r"维修人员\s*要求完成时间", text)
    filled = page_texts(dispatch_slip_pdf(slip))[0]
    assert re.search(r"维修人员\s*张建国\s*要求完成时间", filled)


def test_provisional_deadline_is_marked_tentative(slip):
    marked = page_texts(dispatch_slip_pdf(dataclasses.replace(slip, provisional_deadline=True)))
    plain = page_texts(dispatch_slip_pdf(slip))

    for text in marked:
        assert "2026年5月7日 17:00（暂定）" in text
    for text in plain:
        assert "暂定" not in text


def test_missing_times_leave_date_blanks_to_fill_in(slip, poppler, tmp_path):
    data = dataclasses.replace(
        slip, required_by=None, dispatched_at=None, provisional_deadline=True
    )
    pdf_path = tmp_path / "blank-times.pdf"
    pdf_path.write_bytes(dispatch_slip_pdf(data))
    layout = pdftotext(pdf_path, "-layout", "-f", "1", "-l", "1")

    # The whole blank stays on the label's line: it fits its half-width cell without wrapping.
    assert re.search(r"要求完成时间 +年 +月 +日 +时 +分", layout)
    assert re.search(r"派单时间 +年 +月 +日 +时 +分", layout)
    assert "暂定" not in layout  # nothing to be tentative about


def test_markup_characters_in_values_are_printed_literally(slip):
    data = dataclasses.replace(slip, customer_name="A&B <物业> 公司", content="1 < 2 & 3 > 2")
    printed = compact(page_texts(dispatch_slip_pdf(data))[0])

    assert "A&B<物业>公司" in printed
    assert "1<2&3>2" in printed


def test_copies_can_be_chosen(slip):
    texts = page_texts(dispatch_slip_pdf(slip, copies=("执行",)))

    assert len(texts) == 1
    assert "第一联 执行（维修人员持）" in texts[0]
    with pytest.raises(ValueError):
        dispatch_slip_pdf(slip, copies=())


def test_font_registration_is_idempotent():
    assert register_cjk_font() == register_cjk_font() == CJK_FONT_NAME
