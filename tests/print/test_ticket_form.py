"""工单处理单: the ticket, the solution, and the signature boxes of the receiver, the leader and (sensitive) the office
and the center leader, with the approvals already given printed in."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import datetime

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from desk_app.print.ticket_form import Signature, TicketFormData, signature_rows, ticket_form_pdf
from tests.print.paper_checks import check_paper, compact, page_texts
from tests.print.support import check_fonts, check_structure


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def form() -> TicketFormData:
    return TicketFormData(
        number="2026-0031",
        ticket_number="2026-000412",
        kind="投诉",
        channel="10086热线",
        caller_name="陈晓梅",
        phone="138 0013 8000",
        address="锦城市武侯区人民南路四段27号商鼎国际1栋3单元902",
        content="客户反映家中宽带近一周每晚8点至11点频繁掉线，已自行重启光猫无效。\n客户表示如不解决将向工信部投诉。",
        department="网络部",
        receiver="陈艳",
        solution="经查该片区OLT上联端口拥塞，已扩容上联带宽并更换客户光猫，测速正常。拟回复客户致歉。",
        accepted_at=datetime(2026, 11, 19, 9, 12),
        receiver_signature=Signature("陈艳", datetime(2026, 11, 20, 16, 0)),
        leader_signature=Signature("侯大志", datetime(2026, 11, 21, 9, 30), "同意按此方案回复客户。"),
        organization="锦城通信分公司客户服务中心",
    )


def without_footer(text: str) -> str:
    """A page's text without the footer a paper of several pages has ("第 1 页 共 3 页", the paper and its number)."""
    return re.sub(r"第 \d+ 页 共 \d+ 页\n?[^\n]*编号：[^\n]*\n?", "", text)


def printed(data: TicketFormData) -> str:
    return compact("".join(without_footer(text) for text in page_texts(ticket_form_pdf(data))))


def test_every_field_of_the_ticket_is_printed(form):
    text = printed(form)

    assert "锦城通信分公司客户服务中心工单处理单" in text
    assert "编号：2026-0031" in text
    for label, value in [
        ("工单编号", "2026-000412"), ("受理时间", "2026年11月19日09:12"), ("工单类型", "投诉"),
        ("受理渠道", "10086热线"), ("来电人", "陈晓梅"), ("联系电话", "13800138000"),
        ("地址", form.address), ("工单内容", form.content), ("承接部门", "网络部"), ("承接人", "陈艳"),
        ("处理方案", form.solution),
    ]:
        assert compact(label + value) in text, label


def test_approvals_given_are_printed_in_their_boxes(form):
    text = printed(form)

    assert "审批意见及签字" in text
    assert "承接人签字：陈艳日期：2026年11月20日" in text
    assert "部门领导意见同意按此方案回复客户。签字：侯大志日期：2026年11月21日" in text
    assert "办公室" not in text and "中心领导" not in text  # not a sensitive ticket


def test_a_sensitive_ticket_has_the_office_and_center_leader_boxes(form):
    data = dataclasses.replace(form, sensitive=True, office_signature=Signature("徐静", datetime(2026, 11, 21, 14, 0)))
    text = printed(data)

    assert "敏感工单：须经办公室审核、中心领导审批" in text
    # An approval without a comment reads 同意; the center leader has not signed yet: blank lines.
    assert "办公室意见同意签字：徐静日期：2026年11月21日" in text
    assert text.endswith("中心领导意见签字：日期：年月日")
    assert [label for label, _, _ in signature_rows(data)] == ["承接人", "部门领导\n意见", "办公室\n意见", "中心领导\n意见"]


def test_nothing_signed_leaves_every_signature_blank(form):
    data = dataclasses.replace(form, solution="", receiver_signature=Signature(), leader_signature=Signature())
    text = printed(data)

    assert "处理方案承接部门" not in text
    assert "承接人签字：日期：年月日部门领导意见签字：日期：年月日" in text
    assert "侯大志" not in text


def test_one_a4_page_inside_the_margins_for_an_ordinary_ticket(form, tmp_path):
    for data in (form, dataclasses.replace(form, sensitive=True, reprint=True)):
        check_paper(ticket_form_pdf(data), tmp_path, pages=1)  # a one-page paper has no page footer


def test_a_reprint_says_so_beside_the_same_number(form):
    again = ticket_form_pdf(dataclasses.replace(form, reprint=True))

    assert "补打" not in printed(form)
    assert re.search(r"编号：2026-0031\s*补打|补打\s*编号：2026-0031", page_texts(again)[0])
    assert PdfReader(io.BytesIO(again)).metadata.title == "工单处理单 2026-0031（补打）"


def test_extremely_long_content_and_solution_continue_and_nothing_is_lost(form, tmp_path):
    content = ("客户反映家中宽带近一周每晚8点至11点频繁掉线，已自行重启光猫无效，客户情绪激动。" * 50 + "\n") * 2
    solution = "经查该片区OLT上联端口拥塞，已于11月20日扩容上联带宽并更换客户光猫，回访测速正常。" * 60
    address = "锦城市武侯区人民南路四段27号商鼎国际1栋3单元902（物业管理处对面）" * 12
    data = dataclasses.replace(form, content=content, solution=solution, address=address, sensitive=True,
                               reprint=True)
    pdf = ticket_form_pdf(data)
    check_paper(pdf, tmp_path)  # nothing past the margins, every page numbered
    texts = page_texts(pdf)

    assert len(texts) > 2
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {len(texts)} 页" in text
        assert "编号：2026-0031（补打）" in text
    body = printed(data)
    for value in (address, content, solution):
        assert compact(value) in body
    assert body.endswith("中心领导意见签字：日期：年月日")  # the signatures follow the solution


def test_line_breaks_of_the_content_are_kept(form):
    text = page_texts(ticket_form_pdf(form))[0]

    assert re.search(r"已自行重启光猫无效。\s*\n\s*客户表示", text)


def test_same_input_gives_identical_bytes(form):
    assert ticket_form_pdf(form) == ticket_form_pdf(dataclasses.replace(form))


def test_the_pdf_passes_qpdfs_check_and_embeds_the_font_as_a_subset(form):
    pdf = ticket_form_pdf(form)
    check_structure(pdf)
    assert check_fonts(pdf)
