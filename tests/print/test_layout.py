"""The forms' shared layout toolkit (desk_app.print.common) and the checks every form's tests use
(tests.print.support): Chinese line breaking, boxes that continue on the next page instead of
being cut or shrunk, blocks laid out once for every copy, and the checks catching what they claim."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from desk_app.print.common import (
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    CONTINUATION_MARK,
    CONTINUED_MARK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MIN_READABLE_SIZE,
    NO_LINE_END,
    NO_LINE_START,
    PAGE_SIZE,
    TITLE_MIN_SIZE,
    BoxedField,
    FormTitle,
    SharedBlock,
    Stack,
    TextBox,
    break_lines,
    field_table,
    fit_text,
    form_styles,
    layout_lines,
    normalize_text,
    paginate,
    style_at_size,
    text_cell,
    text_paragraph,
)
from desk_app.print.fonts import register_cjk_font
from tests.print.support import (
    check_fonts,
    check_layout,
    check_structure,
    embedded_fonts,
    page_layouts,
    page_texts,
)

SENTENCE = "卫生间顶棚渗水，楼上住户装修后出现（已拍照），已持续三天；联系电话 13800138000，Room 501。"


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture(scope="module")
def font() -> str:
    return register_cjk_font()


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def width_of(chars: int, font: str, size: float = 10.5) -> float:
    """A line that holds `chars` CJK characters and a bit."""
    return chars * size + 0.5


def document(story, **kwargs) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, initialFontName=register_cjk_font(), **kwargs,
    ).build(story)
    return buffer.getvalue()


# ----- Chinese line breaking -----------------------------------------------------------------------


def test_closing_punctuation_never_starts_a_line_the_character_before_moves_down(font):
    lines = break_lines("一二三四五六七八九十，好的。", font, 10.5, width_of(10, font))

    assert lines == ["一二三四五六七八九", "十，好的。"]


def test_opening_punctuation_never_ends_a_line(font):
    lines = break_lines("一二三四五六七八九（十一）", font, 10.5, width_of(10, font))

    assert lines == ["一二三四五六七八九", "（十一）"]


def test_numbers_and_latin_words_are_kept_whole_when_they_fit(font):
    lines = break_lines("请联系电话13800138000或者 email desk@example.com 谢谢", font, 10.5, 120)

    assert lines == ["请联系电话13800138000", "或者 email", "desk@example.com 谢谢"]


def test_a_word_longer_than_a_line_breaks_between_its_letters(font):
    lines = break_lines("A" * 80, font, 10.5, 100)

    assert "".join(lines) == "A" * 80
    assert len(lines) > 1


def test_ellipsis_and_dash_pairs_are_never_split_and_an_ellipsis_never_starts_a_line(font):
    assert break_lines("一二三四五六七八九……十", font, 10.5, width_of(10, font)) == [
        "一二三四五六七八", "九……十"
    ]
    assert break_lines("一二三四五六七八九——十", font, 10.5, width_of(10, font)) == [
        "一二三四五六七八九", "——十"
    ]


def test_hard_line_breaks_and_blank_lines_are_kept_and_spaces_collapse(font):
    assert break_lines("第一行\r\n\r\n第三行   有  空格 ", font, 10.5, 200) == ["第一行", "", "第三行 有 空格"]
    assert break_lines("", font, 10.5, 200) == []
    assert normalize_text("  a \t b \u00a0\u3000c ") == "a b \u00a0\u3000c"


CJK_TEXT = st.text(
    alphabet=st.sampled_from(list("工单内容卫生间渗水楼上住户装修，。、；：？！（）《》“”……——ABCxyz0123 ")),
    max_size=300,
)


@settings(max_examples=150, deadline=None)
@given(text=CJK_TEXT, chars=st.integers(min_value=1, max_value=40))
def test_breaking_loses_nothing_and_keeps_every_line_in_its_width(text, chars):
    font = register_cjk_font()
    width = width_of(chars, font)
    normalized = normalize_text(text)
    lines = layout_lines(normalized, font, 10.5, width)

    # Nothing lost or reordered: only the spaces a line ends on are dropped.
    rebuilt = "".join(normalized[start:end] for start, end, _ in lines)
    assert compact(rebuilt) == compact(normalized)
    for start, end, line_width in lines:
        line = normalized[start:end]
        assert line_width <= width + 1e-6 or end - start == 1  # only a lone glyph may be wider
        assert line == line.strip(" ")


# Chinese prose: each character maybe followed by one punctuation mark, none leading.
PROSE = st.lists(
    st.tuples(st.sampled_from(list("渗水楼上住户装修卫生间")), st.sampled_from(["", "，", "。", "、", "）", "」", "（", "《"])),
    min_size=1, max_size=120,
).map(lambda pairs: "".join(char + mark for char, mark in pairs))


@settings(max_examples=150, deadline=None)
@given(text=PROSE, chars=st.integers(min_value=4, max_value=30))
def test_prose_lines_never_start_with_closing_or_end_with_opening_punctuation(text, chars):
    font = register_cjk_font()
    lines = break_lines(text, font, 10.5, width_of(chars, font))

    assert "".join(lines) == text
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines


# ----- TextBox ------------------------------------------------------------------------------------


def test_text_box_sets_short_text_where_a_paragraph_would(font):
    style = form_styles().value
    for text in ("王秀兰", "2026年5月6日 09:30", "厨房水龙头漏水\n客户白天不在家"):
        box, paragraph = TextBox(text, style), text_paragraph(text, style)
        assert box.wrap(180, 1000) == paragraph.wrap(180, 1000)


def test_text_box_is_laid_out_once_per_width(font, monkeypatch):
    import desk_app.print.common as common

    calls = []
    original = common.layout_lines
    monkeypatch.setattr(common, "layout_lines", lambda *a, **k: calls.append(a) or original(*a, **k))
    box = TextBox(SENTENCE * 5, form_styles().value)
    for _ in range(3):  # a table measures, then draws: one layout
        box.wrap(200, 1000)
        box.text_height(200)

    assert len(calls) == 1


def test_split_keeps_every_character_and_marks_both_parts(font):
    style = form_styles().value
    box = TextBox(SENTENCE * 20, style)
    head, rest = box.split_at(200, 6 * style.leading)

    assert head is not None and rest is not None
    assert head.text_height(200) <= 6 * style.leading
    assert head.mark == CONTINUED_MARK
    assert rest.prefix == CONTINUATION_MARK
    assert compact(head.text + rest.text) == compact(box.text)
    assert "".join(head.lines(200)) and rest.lines(200)[0].startswith(CONTINUATION_MARK)


def test_split_of_text_that_fits_or_of_a_box_too_small_for_one_line(font):
    style = form_styles().value
    box = TextBox("王秀兰", style)

    assert box.split_at(200, 100) == (box, None)
    assert TextBox(SENTENCE * 5, style).split_at(200, style.leading)[0] is None  # nothing fits with the mark


def test_text_cell_falls_back_to_a_paragraph_for_styles_it_does_not_render(font):
    style = form_styles().value
    assert isinstance(text_cell("x", style), TextBox)
    indented = ParagraphStyle("indented", parent=style, leftIndent=10)
    assert isinstance(text_cell("x", indented), Paragraph)


# ----- fit_text -----------------------------------------------------------------------------------


def test_fit_text_keeps_the_size_when_the_text_fits(font):
    style = form_styles().value
    box, rest = fit_text("厨房水龙头漏水", style, 400, 100)

    assert rest is None and box.style.fontSize == style.fontSize


def test_fit_text_shrinks_moderately_long_text_but_not_below_a_readable_size(font):
    style = form_styles().value
    text = SENTENCE * 12
    box, rest = fit_text(text, style, 400, 180)

    assert rest is None
    assert MIN_READABLE_SIZE <= box.style.fontSize < style.fontSize
    assert box.text_height(400) <= 180


def test_fit_text_continues_what_even_the_smallest_readable_size_cannot_hold(font):
    style = form_styles().value
    text = SENTENCE * 80
    box, rest = fit_text(text, style, 400, 180, min_height=50)

    assert rest is not None
    assert box.style.fontSize == style.fontSize  # shrinking would not have saved it: kept readable
    assert box.text_height(400) <= 180
    assert compact(box.text + rest.text) == compact(text)


# ----- continuing boxes in a flowing form ----------------------------------------------------------


def test_boxed_field_continues_over_pages_with_marks_and_nothing_cut(font):
    text = "\n".join(f"{n:03d} {SENTENCE}" for n in range(120))
    pdf = document([BoxedField("处理意见", text), BoxedField("备注", "无")])

    check_structure(pdf)
    check_fonts(pdf)
    layouts = check_layout(pdf)  # inside the margins, inside the box: no glyph on its lines
    texts = [compact(t) for t in page_texts(pdf)]
    assert len(texts) >= 3
    for before, after in zip(texts, texts[1:]):
        assert before.endswith(CONTINUED_MARK)
        assert after.startswith("处理意见" + CONTINUATION_MARK)
    joined = "".join(texts).replace(CONTINUED_MARK, "").replace("处理意见" + CONTINUATION_MARK, "")
    assert joined == compact("处理意见" + text + "备注无")
    for layout in layouts:
        assert min(g.size for g in layout.glyphs) == pytest.approx(form_styles().value.fontSize)


def test_boxed_field_keeps_writing_room(font):
    field = BoxedField("处理意见", "", min_height=30 * mm)
    assert field.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1] >= 30 * mm


def test_paginate_cuts_a_story_into_page_sized_stacks(font):
    fields = [BoxedField(f"第{n}项", SENTENCE * 30) for n in range(6)]
    pages = paginate(fields, CONTENT_WIDTH, 400)

    assert len(pages) > 1
    for page in pages:
        assert Stack(page, CONTENT_WIDTH).height <= 400 + 1e-6
    text = "".join(box.value.text for page in pages for box in page)
    assert compact(text).count(compact(SENTENCE)) == 6 * 30


# ----- one layout for every copy -------------------------------------------------------------------


def test_shared_block_is_drawn_once_and_shown_on_every_page(font):
    styles = form_styles()
    grid = field_table([["编号", "2026-000123", "地址", "幸福里小区7栋2单元501室"]],
                       (26 * mm, 64 * mm, 26 * mm, 64 * mm), styles=styles)
    block = SharedBlock([grid], CONTENT_WIDTH, name="grid")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, initialFontName=styles.font)
    for copy in ("存根", "执行", "回执"):
        Stack([TextBox(copy, styles.header), block], CONTENT_WIDTH).draw_page(canvas)
        canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()

    check_structure(pdf)
    check_layout(pdf)
    assert len(re.findall(rb"/Subtype /Form", pdf)) == 1
    for text, copy in zip(page_texts(pdf), ("存根", "执行", "回执"), strict=True):
        assert copy in text and "幸福里小区7栋2单元501室" in text


def test_two_shared_blocks_of_one_name_in_one_document_are_refused(font):
    styles = form_styles()
    canvas = Canvas(io.BytesIO(), initialFontName=styles.font)
    SharedBlock([TextBox("甲", styles.value)], 100, name="same").drawOn(canvas, 0, 0)
    with pytest.raises(ValueError, match="same"):
        SharedBlock([TextBox("乙", styles.value)], 100, name="same").drawOn(canvas, 0, 0)


def test_a_stack_that_does_not_fit_the_page_is_refused_rather_than_drawn_off_it(font):
    tall = Stack([TextBox("渗水\n" * 80, form_styles().value)], CONTENT_WIDTH)
    with pytest.raises(ValueError, match="overflow"):
        tall.draw_page(Canvas(io.BytesIO()))


# ----- titles and grids with extremely long text ---------------------------------------------------


def test_a_title_too_long_for_one_line_wraps_instead_of_shrinking_unreadably(font):
    short, long = FormTitle("派工单"), FormTitle("某某市某某区某某街道物业管理服务中心" * 4 + " 派工单")
    short.wrap(CONTENT_WIDTH, 100)
    long.wrap(CONTENT_WIDTH, 100)

    assert short.lines == ["派工单"] and short.fitted_size == short.size
    assert len(long.lines) > 1 and long.fitted_size == TITLE_MIN_SIZE
    pdf = document([long])
    check_layout(pdf)
    assert compact("某某市某某区某某街道物业管理服务中心" * 4 + "派工单") in compact(page_texts(pdf)[0])


@pytest.mark.parametrize("length", [10, 300, 700])
def test_grid_values_of_any_length_stay_inside_their_cells(font, length):
    value = (SENTENCE * 40)[:length]
    grid = field_table(
        [["地址", value, "片区", "东片区"], ["联系电话", "13800138000", "客户姓名", value[:length // 3]]],
        (26 * mm, 64 * mm, 26 * mm, 64 * mm),
    )
    pdf = document([grid])

    check_structure(pdf)
    layouts = check_layout(pdf)
    assert compact(value) in compact(page_texts(pdf)[0])
    assert min(g.size for g in layouts[0].glyphs) == pytest.approx(form_styles().value.fontSize)


# ----- the checks catch what they claim ------------------------------------------------------------


def overflowing_cell_pdf() -> bytes:
    """A fixed-height row holding more text than it can: ReportLab draws it past the cell."""
    style = form_styles().value
    table = Table([[text_paragraph("地址", style), text_paragraph(SENTENCE, style)]],
                  colWidths=[26 * mm, 80 * mm], rowHeights=[20],
                  style=TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                    ("FONTNAME", (0, 0), (-1, -1), style.fontName)]))
    return document([table])


def test_check_layout_catches_text_overflowing_its_cell(font):
    with pytest.raises(AssertionError, match="crosses the line"):
        check_layout(overflowing_cell_pdf())


def test_check_layout_catches_text_sticking_out_of_a_given_cell(font):
    styles = form_styles()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, initialFontName=styles.font)
    canvas.setFont(styles.font, 10.5)
    canvas.drawString(100, 400, "幸福里小区7栋2单元501室")
    canvas.save()
    pdf = buffer.getvalue()

    check_layout(pdf, cells=[(95, 390, 400, 420)])
    with pytest.raises(AssertionError, match="sticks out of its cell"):
        check_layout(pdf, cells={0: [(95, 390, 150, 420)]})


def test_check_layout_catches_text_in_the_margins_and_too_near_the_edge(font):
    styles = form_styles()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, initialFontName=styles.font)
    canvas.setFont(styles.font, 9)
    canvas.drawString(PAGE_SIZE[0] - 10 * mm, 400, "联")  # in the right margin, clear of the edge
    canvas.drawString(PAGE_SIZE[0] - 4 * mm, 300, "根")  # where a printer may not print
    canvas.save()
    pdf = buffer.getvalue()
    strip = [(PAGE_SIZE[0] - MARGIN_X, 0, PAGE_SIZE[0], PAGE_SIZE[1])]

    with pytest.raises(AssertionError, match="outside the margins"):
        check_layout(pdf)
    with pytest.raises(AssertionError, match="paper's edge") as raised:
        check_layout(pdf, outside=strip)
    assert "'联'" not in str(raised.value)


def test_check_layout_catches_text_drawn_over_text(font):
    styles = form_styles()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, initialFontName=styles.font)
    canvas.setFont(styles.font, 10.5)
    canvas.drawString(100, 400, "客户姓名")
    canvas.drawString(104, 402, "王秀兰")
    canvas.save()

    with pytest.raises(AssertionError, match="overlaps"):
        check_layout(buffer.getvalue())


def test_page_layouts_read_text_inside_form_xobjects(font):
    styles = form_styles()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, initialFontName=styles.font)
    block = SharedBlock([TextBox("共用的表格", styles.value)], 200, name="b")
    for _ in range(2):
        block.drawOn(canvas, 100, 500)
        canvas.showPage()
    canvas.save()

    layouts = page_layouts(buffer.getvalue())
    assert [layout.text() for layout in layouts] == ["共用的表格", "共用的表格"]
    assert all(100 <= g.box[0] < 300 and g.box[1] >= 500 for g in layouts[1].glyphs)


def test_check_structure_catches_a_damaged_file(font):
    pdf = document([text_paragraph("派工单", form_styles().value)])
    check_structure(pdf)

    damaged = pdf.replace(b"startxref", b"startxref\n9", 1)  # the table of objects is not where it says
    with pytest.raises(Exception):  # noqa: B017 (qpdf's warning or pypdf's strict error)
        check_structure(damaged)
    with pytest.raises(Exception):  # noqa: B017
        check_structure(pdf[: len(pdf) // 2])


def test_check_fonts_catches_a_font_that_is_not_embedded(font):
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(100, 100, "Helvetica is not embedded")
    canvas.save()

    assert any(f.font_file is None for f in embedded_fonts(buffer.getvalue()))
    with pytest.raises(AssertionError):
        check_fonts(buffer.getvalue())


def test_a_form_at_a_smaller_size_passes_the_checks_too(font):
    small = dataclasses.replace(form_styles())
    style = style_at_size(small.value, 8)
    pdf = document([BoxedField("内容", SENTENCE * 200, styles=dataclasses.replace(small, value=style))])

    check_structure(pdf)
    check_layout(pdf)
    check_fonts(pdf)
