"""FTTH 待装工单建设任务单: the seed's sentence with the task's values in its blanks, every field, the number and 补打."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from desk_app.print.fill_in import Blank
from desk_app.print.task_sheet import TaskSheetData, remark, sentence, task_sheet_pdf
from tests.print.paper_checks import check_paper, compact, page_texts
from tests.print.support import check_fonts, check_structure

# The seed's sentence, word for word, with the values of `sheet` below in its blanks.
FILLED_SENTENCE = ("根据用户申请光网宽带开通工单，经现场查勘，该处资源已用完，现需增加分纤箱（24芯光缆300米）。"
                   "请你单位接到此任务单后，在2026年12月3日前完成施工及相关资源录入。")
BLANK_SENTENCE = ("根据用户申请光网宽带开通工单，经现场查勘，该处资源已用完，现需增加（芯光缆米）。"
                  "请你单位接到此任务单后，在年月日前完成施工及相关资源录入。")


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def sheet() -> TaskSheetData:
    return TaskSheetData(
        number="2026-0007",
        contractor="世康通信有限责任公司",
        item="分纤箱",
        cable_cores=24,
        cable_metres=300,
        due_date=date(2026, 12, 3),
        dispatch_department="网络部",
        dispatched_at=datetime(2026, 11, 20, 10, 30),
        marketing_confirmed_by="王佩",
        marketing_confirmed_at=datetime(2026, 11, 20, 14, 5),
        ticket_number="2026-000123",
        address="锦城市高新区天府大道中段1388号美年广场A座2单元1702室",
        accepted_at=datetime(2026, 11, 19, 9, 12),
        maintainer_name="董清文",
        maintainer_phone="180 7480 3980",
        organization="锦城通信分公司客户服务中心",
    )


def without_footer(text: str) -> str:
    """A page's text without its footer ("第 1 页 共 2 页 …"), which ends each page of a paper of several."""
    return re.sub(r"第 \d+ 页 共 \d+ 页[^\n]*\n?", "", text).rsplit("FTTH 待装工单建设任务单\u3000编号", 1)[0]


def printed(data: TaskSheetData) -> str:
    return compact("".join(page_texts(task_sheet_pdf(data))))


def test_the_seeds_sentence_is_printed_with_the_values_in_its_blanks(sheet):
    text = printed(sheet)

    assert "世康通信有限责任公司：" + FILLED_SENTENCE in text


def test_every_field_of_the_task_is_printed(sheet):
    text = printed(sheet)

    for label, value in [
        ("编号：", "2026-0007"),
        ("派单部门", "网络部"),
        ("时间", "2026年11月20日10:30"),
        ("营销部门确认人", "王佩"),
        ("时间", "2026年11月20日14:05"),
        ("待装工单账号", "2026-000123"),
        ("安装地址", "锦城市高新区天府大道中段1388号美年广场A座2单元1702室"),
        ("业务受理时间", "2026年11月19日09:12"),
    ]:
        assert compact(label + value) in text, label
    assert "附：" in text
    assert "备注施工完毕后，请通知片区维护人员。姓名：董清文联系号码：18074803980" in text
    assert "锦城通信分公司客户服务中心FTTH待装工单建设任务单" in text


def test_one_a4_page_inside_the_margins_in_the_embedded_face(sheet, tmp_path):
    for data in (sheet, dataclasses.replace(sheet, reprint=True)):
        check_paper(task_sheet_pdf(data), tmp_path, pages=1)


def test_a_reprint_says_so_beside_the_same_number(sheet):
    first = printed(sheet)
    again = printed(dataclasses.replace(sheet, reprint=True))

    assert "补打" not in first
    assert re.search(r"编号：2026-0007补打|补打编号：2026-0007", again)  # the stamp sits just before the number
    metadata = PdfReader(io.BytesIO(task_sheet_pdf(dataclasses.replace(sheet, reprint=True)))).metadata
    assert metadata.title == "FTTH 待装工单建设任务单 2026-0007（补打）"


def test_missing_values_keep_their_blanks(sheet):
    data = dataclasses.replace(sheet, item="", cable_cores=None, cable_metres=None, due_date=None,
                               marketing_confirmed_by="", marketing_confirmed_at=None, maintainer_name="",
                               maintainer_phone="")
    text = printed(data)

    assert BLANK_SENTENCE in text
    assert "营销部门确认人时间年月日时分" in text
    assert "姓名：联系号码：" in text
    # Each blank is an underline at least its minimum length, value or not.
    blanks = [part for part in sentence(data) + remark(data) if isinstance(part, Blank)]
    assert len(blanks) == 8 and all(not b.value and b.min_em >= 2 for b in blanks)


def test_values_are_underlined_in_place_of_the_blanks(sheet):
    parts = sentence(sheet)

    assert [p.value for p in parts if isinstance(p, Blank)] == ["分纤箱", "24", "300", "2026", "12", "3"]
    assert "".join(p.value if isinstance(p, Blank) else p for p in parts) == FILLED_SENTENCE


def test_an_extremely_long_address_continues_on_the_next_page_and_nothing_is_lost(sheet, tmp_path):
    address = "锦城市高新区天府大道中段1388号美年广场A座2单元1702室（小区东门进入，左转第三栋，电梯到17楼）" * 40
    pdf = task_sheet_pdf(dataclasses.replace(sheet, address=address, reprint=True))
    check_paper(pdf, tmp_path, pages=2)  # nothing past the margins, both pages numbered
    texts = page_texts(pdf)

    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 2 页" in text
        assert "编号：2026-0007（补打）" in text  # every page says whose page it is
    assert compact(address) in compact("".join(without_footer(text) for text in texts))
    assert "备注" in texts[-1]  # the sheet goes on after the address


def test_long_values_wrap_inside_their_boxes(sheet, tmp_path):
    data = dataclasses.replace(sheet, contractor="某某市某某区通信工程建设有限责任公司第三分公司" * 2,
                               item="分纤箱及配套光分路器和尾纤跳线若干", dispatch_department="网络建设与运行维护部" * 3,
                               organization="某某市某某区某某街道通信分公司客户服务中心" * 2)
    check_paper(task_sheet_pdf(data), tmp_path, pages=1)
    text = printed(data)

    assert compact(data.contractor) + "：" in text
    assert "现需增加分纤箱及配套光分路器和尾纤跳线若干（24芯光缆300米）" in text
    assert "派单部门" + data.dispatch_department + "时间" in text


def test_same_input_gives_identical_bytes(sheet):
    assert task_sheet_pdf(sheet) == task_sheet_pdf(dataclasses.replace(sheet))


def test_the_pdf_passes_qpdfs_check_and_embeds_the_font_as_a_subset(sheet):
    pdf = task_sheet_pdf(sheet)
    check_structure(pdf)
    assert check_fonts(pdf)
