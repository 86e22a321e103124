"""Sentences with blanks: Chinese line breaking, blanks kept whole on their line, every line inside its width."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.print.common import NO_LINE_END, NO_LINE_START, form_styles
from desk_app.print.fill_in import Blank, FillIn, break_lines
from desk_app.print.fonts import register_cjk_font

SIZE = 10.5
FONT = register_cjk_font()
SENTENCE = "卫生间顶棚渗水，楼上住户装修后出现，已持续三天（约72小时），墙面起皮发霉，请派员查看。"


def texts(parts, width: float, **options) -> list[str]:
    return [line.text for line in break_lines(parts, FONT, SIZE, width, **options)]


@pytest.mark.parametrize("width", [120 + 7 * step for step in range(20)])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width):
    lines = texts([SENTENCE * 3], width)

    assert "".join(lines) == SENTENCE * 3
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines


def test_numbers_and_latin_words_stay_whole():
    lines = texts(["请联系13800138000或见工单2026-000123，谢谢"], 9 * SIZE)

    assert any("13800138000" in line for line in lines)
    assert any("2026-000123" in line for line in lines)


def test_a_blank_is_not_split_and_keeps_its_minimum_length():
    lines = break_lines(["现需增加", Blank("分纤箱", 5), "（", Blank("", 3), "芯光缆）"], FONT, SIZE, 8 * SIZE)
    blanks = [token for line in lines for token in line.tokens if token.blank]

    assert [b.text for b in blanks] == ["分纤箱", ""]
    assert blanks[0].width >= 5 * SIZE and blanks[1].width >= 3 * SIZE


def test_a_blank_longer_than_a_line_runs_on_and_nothing_is_lost():
    value = "锦城市高新区天府大道中段1388号美年广场A座2单元1702室" * 3
    lines = break_lines(["地址：", Blank(value, 8)], FONT, SIZE, 20 * SIZE)

    assert "".join(t.text for line in lines for t in line.tokens if t.blank) == value
    assert len(lines) > 2


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            st.text(alphabet="测试工单，。（）《》、0123456789abc -", max_size=30),
            st.builds(Blank, st.text(alphabet="分纤箱光缆0123456789", max_size=40), st.floats(0, 8)),
        ),
        max_size=8,
    ),
    width=st.floats(4 * SIZE, 40 * SIZE),
)
def test_every_line_fits_its_width_and_keeps_the_text(parts, width):
    lines = break_lines(parts, FONT, SIZE, width, indent=2 * SIZE)

    for line in lines:
        for token in line.tokens:
            assert token.x >= -1e-6
            assert token.x + token.width <= width + 1e-3 or len(line.tokens) == 1
    plain = "".join(p.value if isinstance(p, Blank) else p for p in parts)
    assert "".join(line.text for line in lines).replace(" ", "") == "".join(plain.split())


def test_right_aligned_line_ends_at_the_width():
    filler = FillIn(["签字：", Blank("侯大志", 7)], form_styles().value, align="right")
    filler.wrap(300, 100)
    last = filler.lines(300)[0].tokens[-1]

    assert last.x + last.width == pytest.approx(300)
