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

from desk_app.print.common import (
    CONTINUATION_MARK,
    CONTINUED_MARK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MIN_READABLE_SIZE,
    PAGE_SIZE,
    PRINTABLE_EDGE,
)
from desk_app.print.fonts import CJK_FONT_NAME, register_cjk_font
from desk_app.print.slip import CONTINUATION_TITLE, SlipData, dispatch_slip_pdf, dispatch_slips_pdf
from tests.print.support import check_fonts, check_layout, check_structure, page_texts

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


# The copy's name printed down the right margin, outside the form's frame.
SIDE_LABEL_STRIP = (PAGE_SIZE[0] - MARGIN_X, MARGIN_BOTTOM, PAGE_SIZE[0], PAGE_SIZE[1] - MARGIN_TOP)


def check_slip_layout(pdf: bytes):
    """Every glyph inside the margins (the side label in its strip), on no grid line, over no other."""
    return check_layout(pdf, outside=[SIDE_LABEL_STRIP])


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
    pdf = dispatch_slip_pdf(slip)
    reader = PdfReader(io.BytesIO(pdf))

    fonts = check_fonts(pdf)  # pages and the form XObject their shared body is drawn in
    assert {font.name.split("+")[1] for font in fonts} == {f"{CJK_FONT_NAME}-0"}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])  # a subset, not the whole face
            descriptor: DictionaryObject = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
            assert "/ToUnicode" in font
    assert len(pdf) < 80_000  # the subset, not the 5 MB face


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


def copies_of(texts: list[str], title: str = "派工单") -> list[str]:
    """Each copy's text: its first page and the continuation pages after it, joined and compacted."""
    copies: list[str] = []
    for text in texts:
        continued = compact(CONTINUATION_TITLE) in compact(text)
        if continued:
            copies[-1] += compact(text)
        else:
            assert compact(title) in compact(text)
            copies.append(compact(text))
    return copies


GRID_LABELS = {
    "number": "编号", "kind": "工单类型", "priority": "优先级", "customer_name": "客户姓名",
    "contact_phone": "联系电话", "address": "地址", "area": "片区", "department": "承接部门",
    "receiver": "承接人", "worker": "维修人员", "dispatcher": "派单人",
}


def copy_pages(texts: list[str]) -> list[list[str]]:
    """Each copy's pages, compacted: its first page, then its continuation pages."""
    copies: list[list[str]] = []
    for text in texts:
        if compact(CONTINUATION_TITLE) in compact(text):
            copies[-1].append(compact(text))
        else:
            copies.append([compact(text)])
    return copies


def field_text(pages: list[str], label: str, number: str) -> str:
    """What a copy prints for the field `label`: on its first page up to the continued mark if it
    has one, then its parts on the continuation pages (each after the label and the continuation
    mark, up to the next field or the page's end), marks taken out."""
    first, *continued = (page.split(f"编号：{number}", 1)[1] for page in pages)  # after the heading
    head = re.search(re.escape(label) + "(.*?)" + re.escape(CONTINUED_MARK), first)
    if head is None:
        return ""
    text = head.group(1)
    field_start = "(?:" + "|".join(GRID_LABELS.values()) + "|工单内容)" + re.escape(CONTINUATION_MARK)
    for page in continued:
        for part in re.finditer(re.escape(label + CONTINUATION_MARK) + "(.*?)(?=" + field_start + "|$)", page):
            text += part.group(1).replace(CONTINUED_MARK, "")
    return text


def without_marks(text: str) -> str:
    return text.replace(CONTINUED_MARK, "").replace(CONTINUATION_MARK, "")


def test_moderately_long_content_shrinks_to_a_readable_size_and_stays_on_one_page(
    slip, poppler, tmp_path
):
    content = ("卫生间顶棚渗水，楼上住户装修后出现，已持续三天，墙面起皮发霉，请派员查看。" * 20)[:700]
    pdf = dispatch_slip_pdf(dataclasses.replace(slip, content=content))

    # poppler extracts only what lies on the page, so text pushed off it would be missing here.
    pdf_path = tmp_path / "long.pdf"
    pdf_path.write_bytes(pdf)
    pages = pdftotext(pdf_path).split("\f")[:-1]
    assert len(pages) == 3
    for page in pages:
        visible = compact(page)
        assert content in visible  # all of it, nothing cut
        assert CONTINUED_MARK not in visible
        assert "维修人员签字" in visible and "说明" in visible  # the form below the content
    layouts = check_slip_layout(pdf)
    sizes = {round(g.size, 2) for g in layouts[0].glyphs if g.text in content}
    assert min(sizes) >= MIN_READABLE_SIZE
    assert_words_inside_the_margins(pdf_path)


@pytest.fixture(scope="module")
def huge_pdf() -> tuple[SlipData, bytes]:
    """A 6,000-character description and a 300-character address: both continue on the next page."""
    data = SlipData(
        number="2026-000124",
        created_at=datetime(2026, 5, 6, 9, 30),
        kind="报修",
        priority="P1",
        customer_name="王秀兰",
        contact_phone="13800138000",
        address=("幸福里小区7栋2单元501室（东门进，左转第二个楼道）" * 12)[:300],
        area="东片区",
        content=("卫生间顶棚渗水，楼上住户装修后出现，已持续三天，墙面起皮发霉。"
                 "联系电话 13800138000，Room 501 / Block 7。\n" * 120)[:6000],
        department="维修部",
        receiver="李娜",
        worker="张建国",
        required_by=datetime(2026, 5, 7, 17, 0),
        dispatched_at=datetime(2026, 5, 6, 10, 5),
        dispatcher="赵敏",
    )
    rl_config.invariant = 1
    try:
        return data, dispatch_slip_pdf(data)
    finally:
        rl_config.invariant = 0


def test_text_too_long_for_its_box_continues_on_the_next_page_of_the_same_copy(huge_pdf):
    data, pdf = huge_pdf
    texts = page_texts(pdf)
    copies = copies_of(texts)

    assert len(copies) == 3
    assert len(texts) > 3 and len(texts) % 3 == 0  # each copy: its form, then its continuation
    for copy, pages, title in zip(copies, copy_pages(texts), COPY_TITLES, strict=True):
        assert compact(title) in copy
        assert "内容过长" not in copy  # never cut
        # All of it, in order: the part in the box, then the rest on the continuation pages.
        assert field_text(pages, "工单内容", data.number) == compact(data.content)
        assert field_text(pages, "地址", data.number) == compact(data.address)
        assert "维修人员签字" in copy  # the form itself stays whole on the first page
    first_pages = [text for text in texts if compact(CONTINUATION_TITLE) not in compact(text)]
    for text in first_pages:
        assert compact(text).count(CONTINUED_MARK) == 2  # 地址 and 工单内容 go on
    for text in texts:
        if compact(CONTINUATION_TITLE) in compact(text):
            assert CONTINUATION_MARK in compact(text)
            assert "编号：2026-000124" in text


def test_continued_text_stays_inside_its_box_and_the_page(huge_pdf):
    _, pdf = huge_pdf
    layouts = check_slip_layout(pdf)

    for layout in layouts:  # the copy's name is on every page, continuation pages too
        assert any(g.box[0] > PAGE_SIZE[0] - MARGIN_X for g in layout.glyphs)
    body_sizes = {round(g.size, 2) for layout in layouts[1:] for g in layout.glyphs}
    assert min(body_sizes) >= MIN_READABLE_SIZE  # never shrunk to unreadable


def test_continued_slip_is_a_well_formed_pdf_with_embedded_fonts(huge_pdf):
    _, pdf = huge_pdf
    check_structure(pdf)
    check_fonts(pdf)


def test_continued_slip_is_reproducible(huge_pdf):
    data, pdf = huge_pdf
    assert dispatch_slip_pdf(dataclasses.replace(data)) == pdf


@pytest.mark.parametrize(
    "field, value",
    [
        ("address", "幸福里小区" * 300),
        ("customer_name", "某某物业管理有限公司" * 80),
        ("contact_phone", "13800138000，" * 60),
        ("dispatcher", "赵敏" * 400),
    ],
    ids=["address", "customer_name", "contact_phone", "dispatcher"],
)
def test_extremely_long_values_wrap_in_their_cells_and_continue(slip, field, value):
    data = dataclasses.replace(slip, **{field: value})
    pdf = dispatch_slip_pdf(data)

    check_slip_layout(pdf)
    check_structure(pdf)
    label = GRID_LABELS[field]
    copies = copy_pages(page_texts(pdf))
    assert len(copies) == 3
    for pages in copies:
        assert field_text(pages, label, data.number) == compact(value)
        assert "维修人员签字" in pages[0]


def test_every_grid_value_too_long_at_once_still_gives_a_whole_form_per_copy(slip):
    # The number is the system's own ("2026-000123"); every value typed in may be long.
    long = {
        name: f"{name}：" + "某某物业管理有限公司" * 40
        for name in ("kind", "priority", "customer_name", "contact_phone", "address",
                     "area", "department", "receiver", "worker", "dispatcher")
    }
    data = dataclasses.replace(slip, content="墙面渗水" * 1500, **long)
    pdf = dispatch_slip_pdf(data)

    check_slip_layout(pdf)
    copies = copy_pages(page_texts(pdf))
    assert len(copies) == 3
    for pages in copies:
        assert "维修人员签字" in pages[0]
        assert field_text(pages, "工单内容", data.number) == "墙面渗水" * 1500
        for name, value in long.items():  # each one's head, then its rest: all of it
            assert field_text(pages, GRID_LABELS[name], data.number) == compact(value), name


def test_long_organization_wraps_the_title_and_keeps_one_page_per_copy(slip, poppler, tmp_path):
    data = dataclasses.replace(slip, organization="某某市某某区某某街道物业管理服务中心" * 3)
    pdf = dispatch_slip_pdf(data)
    pdf_path = tmp_path / "long-organization.pdf"
    pdf_path.write_bytes(pdf)

    check_slip_layout(pdf)
    assert_words_inside_the_margins(pdf_path)
    pages = pdftotext(pdf_path).split("\f")[:-1]
    assert len(pages) == 3
    for page in pages:
        assert compact(data.organization + "派工单") in compact(page)
        assert "维修人员签字" in page


def test_ordinary_slip_passes_the_layout_and_structure_checks(slip):
    pdf = dispatch_slip_pdf(slip)

    check_structure(pdf)
    layouts = check_slip_layout(pdf)
    assert len(layouts) == 3
    for layout in layouts:
        side = [g for g in layout.glyphs if g.box[0] > PAGE_SIZE[0] - MARGIN_X]
        assert side  # the copy's name down the margin, clear of the paper's edge (checked)


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


def test_a_reprint_says_so_next_to_the_number_on_every_page(slip):
    texts = page_texts(dispatch_slip_pdf(dataclasses.replace(slip, reprint=True)))

    for text in texts:
        assert "编号：2026-000123（补打）" in text
    assert all("补打" not in text for text in page_texts(dispatch_slip_pdf(slip)))


def test_a_batch_of_slips_prints_each_slips_copies_in_order(slip):
    other = dataclasses.replace(slip, number="2026-000124", content="墙面渗水" * 1500, reprint=True)
    pdf = dispatch_slips_pdf([slip, other])

    check_structure(pdf)
    check_slip_layout(pdf)
    slips = copy_pages(page_texts(pdf))
    assert len(slips) == 6
    assert all("编号：2026-000123" in pages[0] for pages in slips[:3])
    assert all("编号：2026-000124（补打）" in pages[0] for pages in slips[3:])
    for pages in slips[3:]:
        assert field_text(pages, "工单内容", "2026-000124（补打）") == "墙面渗水" * 1500
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "派工单 2026-000123、2026-000124（2 份）"
    with pytest.raises(ValueError):
        dispatch_slips_pdf([])


def test_a_slip_on_a5_is_the_a4_slip_scaled_with_every_value_on_it(slip):
    """派工单 "on A4 (slips on A5 if chosen)": the same three copies on A5 paper, nothing lost or cut."""
    from reportlab.lib.pagesizes import A5

    pdf = dispatch_slip_pdf(slip, paper="A5")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A5, abs=0.5)
    text = compact("".join(page.extract_text() for page in reader.pages))
    assert all(compact(value) in text for value in filled_values(slip))
    # Every glyph, the copy name down the margin too, keeps the printer's unprintable edge clear.
    check_layout(pdf, margins=(PRINTABLE_EDGE,) * 4, rules=False, overlaps=False)
    with pytest.raises(ValueError, match="paper"):
        dispatch_slip_pdf(slip, paper="Letter")
