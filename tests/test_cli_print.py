"""`desk-app print …`: every paper of the seed to a PDF file; a number that has no such form gets one line and exit
code 2, a reader without the right one line and exit code 1."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desk_app.cli import main
from desk_app.models.schema import Ticket


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def text_of(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture
def numbers(demo_db):
    def of(kind: str) -> str:
        return Ticket.select(Ticket.number).where(Ticket.kind == kind).order_by(Ticket.id).first().number
    return of


@pytest.mark.parametrize(("form", "kind", "expect"), [
    ("slip", "repair", "派工单"),
    ("form", "complaint", "工单处理单"),
    ("incident", "complaint", "住户投诉事件报告"),
])
def test_a_tickets_papers_print_with_its_number(capsys, demo_db, numbers, tmp_path, form, kind, expect):
    pdf = tmp_path / f"{form}.pdf"
    number = numbers(kind)
    code, out, err = run(capsys, "print", form, number, "-o", str(pdf), "--database", demo_db, "--user", "supervisor")
    assert (code, err) == (0, "") and str(pdf) in out
    text = text_of(pdf)
    assert expect in text and number in text


def test_registers_print_over_a_date_range(capsys, demo_db, tmp_path):
    for register, user, title in (("calls", "reception", "来电来访登记表"), ("complaints", "supervisor", "客户投诉登记表"),
                                  ("visits", "supervisor", "维修回访登记表")):
        pdf = tmp_path / f"{register}.pdf"
        code, _, err = run(capsys, "print", "register", register, "--from", "2026-11-01", "--to", "2026-11-26",
                           "-o", str(pdf), "--database", demo_db, "--user", user)
        assert (code, err) == (0, "")
        assert title in text_of(pdf)


@pytest.mark.parametrize("argv", [
    ["task", "REPAIR"],                # a repair has no construction task sheet
    ["incident", "REPAIR"],            # nor an incident report
    ["slip", "1999-000001"],           # no such ticket
    ["check", "999999"],               # no such inspection
    ["notice", "999999"],              # no such finding
])
def test_a_number_without_such_a_form_gets_one_line_and_exit_code_2(capsys, demo_db, numbers, tmp_path, argv):
    argv = [numbers("repair") if a == "REPAIR" else a for a in argv]
    target = tmp_path / "none.pdf"
    code, out, err = run(capsys, "print", *argv, "-o", str(target), "--database", demo_db, "--user", "supervisor")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert not target.exists()


def test_a_reader_without_the_right_gets_exit_code_1(capsys, demo_db, tmp_path):
    target = tmp_path / "r.pdf"
    code, _, err = run(capsys, "print", "register", "calls", "--from", "2026-11-01", "--to", "2026-11-26",
                       "-o", str(target), "--database", demo_db, "--user", "engineering.lead")
    assert code == 1 and len(err.strip().splitlines()) == 1 and not target.exists()


def test_a_slip_prints_on_a5_when_asked(capsys, demo_db, numbers, tmp_path):
    from reportlab.lib.pagesizes import A5

    pdf = tmp_path / "a5.pdf"
    code, _, err = run(capsys, "print", "slip", numbers("repair"), "--paper", "A5", "-o", str(pdf),
                       "--database", demo_db, "--user", "supervisor")
    assert (code, err) == (0, "")
    page = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A5, abs=0.5)
