"""周检 / 月检检查表: the seed's checklist with each result, the findings and both signatures."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from reportlab import rl_config

from desk_app.core.inspections import WEEKLY_CHECKLIST, WEEKLY_SECTIONS
from desk_app.print.checklist import (
    CHECK_COLUMNS,
    FINDING_COLUMNS,
    CheckLine,
    ChecklistData,
    CheckSection,
    Finding,
    checklist_pdf,
    finding_text,
)
from desk_app.print.common import CONTENT_WIDTH, MARGIN_X
from tests.print.paper_checks import check_paper, column_text, compact, page_texts, same_line, whole_text, words
from tests.print.support import check_fonts, check_structure

ORGANIZATION = "幸福里客户服务中心"
DOOR = Finding("5号楼单元门禁无法刷卡开门", "5号楼2单元", "新元责任", True,
               "派工单 2026-000031，要求完成 11月19日 10:30；已上报项目经理")
BINS = Finding("3号楼垃圾箱外观脏污", "3号楼", "物业责任", False, "工作联系单 2026-0001，整改期限 11月23日 17:00")
KIOSK = Finding("东门岗亭玻璃破损", "东门岗亭", "物业责任", True, "整改通知单 2026-0002，整改期限 11月19日 17:00")


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def sections(problems: dict[str, Finding], *, checked: bool = True) -> tuple[CheckSection, ...]:
    """The seed's list: the items in `problems` with that problem, the rest normal (or all unchecked)."""
    return tuple(
        CheckSection(section.code, section.chinese, tuple(
            CheckLine(item.printed, item.chinese, (item.code not in problems) if checked else None,
                      problems.get(item.code))
            for item in WEEKLY_CHECKLIST if item.section == section.code))
        for section in WEEKLY_SECTIONS)


@pytest.fixture
def signed() -> ChecklistData:
    return ChecklistData(
        number="2026-0007", kind="周检", started_at=dt.datetime(2026, 11, 16, 10, 30), inspector="王芳",
        sections=sections({"1.1.2": BINS, "1.2.2": DOOR}), area="一期", finished_at=dt.datetime(2026, 11, 16, 11, 45),
        findings=(KIOSK,), note="东门岗亭已临时围挡。", co_signer="物业公司 赵经理",
        co_signed_at=dt.datetime(2026, 11, 16, 11, 45), organization=ORGANIZATION,
    )


@pytest.fixture
def blank(signed) -> ChecklistData:
    """The sheet printed before the round: nothing checked, nobody signed."""
    return dataclasses.replace(signed, sections=sections({}, checked=False), finished_at=None, findings=(), note="",
                               co_signer="", co_signed_at=None)


def marks(pdf: bytes, tmp_path) -> dict[str, str]:
    """Item code → the column its √ stands in ("正常" or "问题"), read from the words' positions."""
    _, found = words(pdf, tmp_path)
    normal = next(w for w in found if w.text == "正常")
    problem = next(w for w in found if w.text == "问题")
    ticks = [w for w in found if w.text == "√"]
    result = {}
    for item in WEEKLY_CHECKLIST:
        code = next(w for w in found if w.text == item.printed)
        on_row = [t for t in ticks if same_line(t, code, 8)]
        assert len(on_row) <= 1, item.printed
        if on_row:
            tick = on_row[0]
            result[item.code] = "正常" if abs(tick.x - normal.x) < abs(tick.x - problem.x) else "问题"
    return result


def test_every_item_is_printed_by_section_with_its_mark(signed, tmp_path):
    pdf = checklist_pdf(signed)
    check_paper(pdf, tmp_path, pages=1)
    printed = compact(page_texts(pdf)[0])

    assert f"{ORGANIZATION}周检检查表" in printed and "编号：2026-0007" in printed
    for section in WEEKLY_SECTIONS:
        assert compact(f"{section.code} {section.chinese}") in printed
    for item in WEEKLY_CHECKLIST:
        assert compact(f"{item.printed}{item.chinese}") in printed, item.printed
    assert printed.index("1.1(6)") < printed.index("1.2公共秩序维护") < printed.index("1.2(1)")
    assert marks(pdf, tmp_path) == {item.code: "问题" if item.code in ("1.1.2", "1.2.2") else "正常"
                                    for item in WEEKLY_CHECKLIST}


def test_each_problem_says_where_whose_and_how_it_was_followed_up(signed):
    printed = compact(page_texts(checklist_pdf(signed))[0])

    assert compact("3号楼垃圾箱外观脏污（3号楼）物业责任；工作联系单 2026-0001，整改期限 11月23日 17:00") in printed
    assert compact("5号楼单元门禁无法刷卡开门（5号楼2单元）新元责任，情节严重；派工单 2026-000031") in printed
    assert finding_text(BINS) == "3号楼垃圾箱外观脏污（3号楼）\n物业责任；工作联系单 2026-0001，整改期限 11月23日 17:00"


def test_findings_outside_the_list_and_the_note(signed):
    printed = compact(page_texts(checklist_pdf(signed))[0])
    others = printed[printed.index("其他发现"):]

    assert compact("序号问题描述位置责任类别处理情况1东门岗亭玻璃破损东门岗亭物业责任情节严重整改通知单 2026-0002") in others
    assert "备注东门岗亭已临时围挡。" in others
    none = compact(page_texts(checklist_pdf(dataclasses.replace(signed, findings=(), note="")))[0])
    assert "处理情况无以上检查结果" in none and "备注" not in none


def test_both_signatures_with_the_co_signer_and_time(signed):
    printed = compact(page_texts(checklist_pdf(signed))[0])
    signatures = printed[printed.index("以上检查结果经双方现场确认。"):]

    assert signatures == compact("以上检查结果经双方现场确认。 检查人 王芳 物业陪同人员 物业公司 赵经理 签字 签字 "
                                 "日期 2026年11月16日 签字时间 2026年11月16日 11:45")


def test_before_the_round_the_marks_signatures_and_times_are_blank(blank, tmp_path):
    pdf = checklist_pdf(blank)
    check_paper(pdf, tmp_path, pages=1)
    printed = compact(page_texts(pdf)[0])

    assert marks(pdf, tmp_path) == {}
    assert "赵经理" not in printed and "无" not in printed.split("其他发现")[1]   # rows to write in instead
    assert printed.endswith(compact("检查人 王芳 物业陪同人员 签字 签字 日期 年 月 日 签字时间 年 月 日 时 分"))


def test_a_monthly_check_is_titled_as_such(signed):
    printed = compact(page_texts(checklist_pdf(dataclasses.replace(signed, kind="月检")))[0])
    assert f"{ORGANIZATION}月检检查表" in printed


def test_a_reprint_says_so_beside_the_same_number(signed, tmp_path):
    pdf = checklist_pdf(dataclasses.replace(signed, reprint=True))
    _, found = words(pdf, tmp_path)
    mark = next(w for w in found if w.text == "补打")
    number = next(w for w in found if w.text == "编号：2026-0007")

    assert same_line(mark, number) and mark.xmax <= number.xmin
    assert "补打" not in compact(page_texts(checklist_pdf(signed))[0])


def test_long_findings_go_on_over_numbered_pages_and_nothing_is_lost(signed, tmp_path):
    problem = ("垃圾箱外观脏污，周边地面有油污和散落垃圾，保洁人员未按标准清洁。" * 40)[:1200]
    long = Finding(problem, "3号楼" * 30, "物业责任", True, "工作联系单 2026-0001，整改期限 11月23日 17:00")
    data = dataclasses.replace(
        signed, sections=sections({code: long for code in ("1.1.1", "1.2.2", "1.3.3")}), reprint=True,
        findings=tuple(dataclasses.replace(KIOSK, problem=f"第{n}处：" + "岗亭玻璃破损" * 60) for n in range(4)),
        note="备注很长。" * 300)
    pdf = checklist_pdf(data)

    texts = check_paper(pdf, tmp_path)
    assert len(texts) > 3
    _, found = words(pdf, tmp_path)
    others = next(w for w in found if w.text.startswith("其他发现"))
    problems = column_text(found, MARGIN_X + sum(CHECK_COLUMNS[:4]), MARGIN_X + CONTENT_WIDTH, before=others)
    assert problems.replace("问题描述及处理", "").count(compact(finding_text(long))) == 3   # the head is repeated
    note = next(w for w in found if w.text == "备注")
    descriptions = column_text(found, MARGIN_X + FINDING_COLUMNS[0], MARGIN_X + sum(FINDING_COLUMNS[:2]),
                               after=others, before=note)
    for head in ("其他发现（检查表以外的问题）", "问题描述"):        # repeated on each continuation page
        descriptions = descriptions.replace(head, "")
    assert descriptions == "".join(compact(f.problem) for f in data.findings)
    text = whole_text(pdf)
    assert compact(data.note) in text
    assert compact("签字时间 2026年11月16日 11:45") in compact(texts[-1])     # the signatures end the last page
    for page in texts[1:]:
        assert "周检检查表" in compact(page) and "编号：2026-0007（补打）" in compact(page)   # the footer


def test_same_input_gives_identical_bytes(signed):
    assert checklist_pdf(signed) == checklist_pdf(dataclasses.replace(signed))


def test_the_pdf_passes_qpdfs_check_and_embeds_the_font_as_a_subset(signed):
    pdf = checklist_pdf(signed)
    check_structure(pdf)
    assert check_fonts(pdf)
