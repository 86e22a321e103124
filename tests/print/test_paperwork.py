"""The parts of the desk's own papers: Chinese line breaking, the grid that splits long texts over pages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.print.common import form_styles
from desk_app.print.paperwork import CANNOT_END, CANNOT_START, break_lines

STYLE = form_styles().value


def width_of(text: str) -> float:
    return stringWidth(text, STYLE.fontName, STYLE.fontSize)


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one():
    text = "业主反映：楼上漏水，已三天（每天夜里），请尽快处理。“急”！《通知》已发，问题依旧；怎么办？" * 8
    for width in range(60, 300, 7):
        lines = break_lines(text, STYLE, width)
        assert "".join(lines) == text
        for line in lines:
            assert width_of(line) <= width + 0.01
        for line in lines[1:]:
            assert line[0] not in CANNOT_START, (width, line)
        for line in lines[:-1]:
            assert line[-1] not in CANNOT_END, (width, line)


def test_a_number_or_word_is_not_broken_when_it_fits_a_line():
    lines = break_lines("已生成工单 2026-000123，要求完成 2026-11-19 10:30 前", STYLE, 110)
    assert any("2026-000123" in line for line in lines)
    assert any("2026-11-19" in line for line in lines)


def test_line_breaks_are_kept_and_continuation_lines_indented():
    lines = break_lines("第一条很长很长很长很长很长很长很长很长很长很长\n第二条", STYLE, 100, indent="\u3000\u3000")
    assert lines[0].startswith("第一条") and lines[1].startswith("\u3000\u3000")
    assert lines[-1] == "第二条"


@given(st.text(alphabet="业主反映漏水，。、；：？！（）《》“”AB12 -", max_size=200),
       st.floats(min_value=40, max_value=400))
def test_nothing_is_lost_and_no_line_is_too_wide(text, width):
    lines = break_lines(text, STYLE, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert width_of(line) <= width + 0.01 or len(line) == 1
