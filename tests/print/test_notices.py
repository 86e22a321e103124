"""工作联系单 / 整改通知单: one numbered notice of an inspection finding, with its deadline and the receipt."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from reportlab import rl_config

from desk_app.core.inspections import Notice
from desk_app.print.notices import NoticeData, deadline_text, notice_pdf
from tests.print.paper_checks import check_paper, compact, page_texts, same_line, whole_text, words
from tests.print.support import check_fonts, check_structure

ORGANIZATION = "幸福里客户服务中心"


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    """Fixed dates and ids in the PDF, so identical input gives identical bytes."""
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def sheet() -> NoticeData:
    return NoticeData(
        number="2026-0003", notice=Notice.CONTACT_SHEET, addressee="幸福里物业管理有限公司 王经理",
        inspection="周检", inspected_at=dt.datetime(2026, 11, 16, 10, 30), found_at=dt.datetime(2026, 11, 16, 10, 52),
        location="3号楼北侧绿化带", responsibility="物业责任",
        problem="3号楼北侧绿化带内有明显垃圾（塑料袋、饮料瓶），已拍照留存。\n垃圾箱外观脏污。",
        rectify_by=dt.datetime(2026, 11, 23, 17, 0), issued_by="王芳", issued_at=dt.datetime(2026, 11, 16, 11, 50),
        checklist_item="1.1(1) 公共区域内是否有明显垃圾", organization=ORGANIZATION,
    )


@pytest.fixture
def rectification(sheet) -> NoticeData:
    return dataclasses.replace(sheet, notice=Notice.RECTIFICATION_NOTICE, number="2026-0001", serious=True,
                               checklist_item="")


def printed_values(data: NoticeData) -> list[str]:
    return [
        f"{ORGANIZATION} {data.title}", f"编号：{data.number}", data.addressee, data.inspection,
        "2026年11月16日 10:30", "2026年11月16日 10:52", data.location, data.responsibility, data.problem,
        "2026年11月23日 17:00 前", data.organization, data.issued_by, "2026年11月16日",
    ]


def test_every_field_of_a_contact_sheet_is_printed_on_one_page(sheet, tmp_path):
    pdf = notice_pdf(sheet)
    texts = check_paper(pdf, tmp_path, pages=1)

    for printed in (compact(page_texts(pdf)[0]), compact(texts[0])):   # pypdf and poppler read the same
        for value in [*printed_values(sheet), sheet.checklist_item]:
            assert compact(value) in printed, value
        for label in ("致", "检查类别", "检查时间", "发现时间", "责任类别", "问题位置", "检查项目", "问题描述", "整改要求",
                      "整改期限", "发出单位", "发出人", "发出日期", "整改情况回复", "回复人签字", "复查人签字"):
            assert label in printed, label
        assert "情节严重" not in printed and "补打" not in printed


def test_a_rectification_notice_has_its_own_title_and_wording(sheet, rectification, tmp_path):
    notice = compact(page_texts(notice_pdf(rectification))[0])
    contact = compact(page_texts(notice_pdf(sheet))[0])

    assert f"{ORGANIZATION}整改通知单" in notice and "工作联系单" not in notice
    assert "现通知贵方限期整改" in notice and "现予联系" in contact and "限期整改" not in contact
    assert "物业责任（情节严重）" in notice
    assert "检查项目" not in notice                 # a free finding has no checklist item
    check_paper(notice_pdf(rectification), tmp_path, pages=1)


def test_the_deadline_stands_out(sheet, tmp_path):
    _, found = words(notice_pdf(sheet), tmp_path)
    label = next(w for w in found if w.text == "整改期限")
    date = next(w for w in found if w.text.startswith("2026年11月23日") and same_line(w, label, 8))
    other = next(w for w in found if w.text.startswith("2026年11月16日"))

    assert (date.ymax - date.ymin) > 1.3 * (other.ymax - other.ymin)   # set larger than every other value


def test_the_receipt_is_signed_and_dated_below_the_cut_line(sheet, tmp_path):
    printed = compact(page_texts(notice_pdf(sheet))[0])
    receipt = printed[printed.index("沿此线剪下"):]

    assert receipt.startswith("沿此线剪下回执")
    assert f"兹收到{ORGANIZATION}《工作联系单》（编号：2026-0003），整改期限：2026年11月23日17:00前。" in receipt
    assert "签收人" in receipt and "日期年月日" in receipt


def test_a_reprint_says_so_beside_the_same_number(sheet, tmp_path):
    pdf = notice_pdf(dataclasses.replace(sheet, reprint=True))
    _, found = words(pdf, tmp_path)
    mark = next(w for w in found if w.text == "补打")
    number = next(w for w in found if w.text.startswith("编号：2026-0003"))

    assert same_line(mark, number) and mark.xmax <= number.xmin < mark.xmax + 40
    assert compact(page_texts(pdf)[0]).count("补打") == 1


def test_no_deadline_leaves_a_blank_to_fill_in(sheet):
    printed = compact(page_texts(notice_pdf(dataclasses.replace(sheet, rectify_by=None)))[0])

    assert "整改期限年月日时分前" in printed
    assert deadline_text(None).endswith("\u00a0前")


def test_a_long_problem_wraps_in_its_box_and_nothing_is_lost(sheet, tmp_path):
    sentence = "地下车库B区排水泵故障，雨后积水严重，已影响车辆通行，物业维修人员未及时处理（已拍照）。"
    problem = (sentence * 60)[:2000]
    data = dataclasses.replace(sheet, problem=problem, location="地下车库B区" * 30, addressee="某某物业服务有限公司" * 12)
    pdf = notice_pdf(data)

    texts = check_paper(pdf, tmp_path)
    text = whole_text(pdf)
    for value in (problem, data.location, data.addressee, "2026年11月23日17:00前", "签收人"):
        assert compact(value) in text
    assert len(texts) == 2 and "签收人" in compact(texts[-1])   # the receipt stays whole, at the end


def test_a_problem_a_little_too_long_shrinks_to_stay_on_one_page(sheet, tmp_path):
    problem = "楼道墙面渗水，" * 120      # too long for one page at the body size
    pdf = notice_pdf(dataclasses.replace(sheet, problem=problem))

    check_paper(pdf, tmp_path, pages=1)
    assert compact(problem) in whole_text(pdf)


def test_an_extremely_long_problem_goes_on_over_numbered_pages(sheet, tmp_path):
    problem = "墙面渗水。" * 1500
    pdf = notice_pdf(dataclasses.replace(sheet, problem=problem, reprint=True))

    texts = check_paper(pdf, tmp_path)
    assert len(texts) > 2
    assert problem in whole_text(pdf)
    for text in texts:
        assert "工作联系单" in compact(text) and "编号：2026-0003（补打）" in compact(text)   # the footer


def test_a_long_organization_name_still_fits_the_title(sheet, tmp_path):
    data = dataclasses.replace(sheet, organization="某某市某某区某某街道物业管理服务中心" * 3)
    check_paper(notice_pdf(data), tmp_path, pages=1)


def test_markup_characters_are_printed_literally(sheet):
    data = dataclasses.replace(sheet, problem="1 < 2 & 3 > 2", addressee="A&B <物业>")
    printed = compact(page_texts(notice_pdf(data))[0])

    assert "1<2&3>2" in printed and "A&B<物业>" in printed


def test_same_input_gives_identical_bytes(sheet):
    assert notice_pdf(sheet) == notice_pdf(dataclasses.replace(sheet))


def test_only_a_numbered_notice_is_printed(sheet):
    with pytest.raises(ValueError):
        dataclasses.replace(sheet, notice=Notice.ORAL)


def test_the_pdf_passes_qpdfs_check_and_embeds_the_font_as_a_subset(rectification):
    pdf = notice_pdf(rectification)
    check_structure(pdf)
    assert check_fonts(pdf)
