"""`desk-app report monthly` and `desk-app export summary`, for scheduled jobs: files on success, one line otherwise."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desk_app.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_monthly_report_writes_the_months_pdf(capsys, demo_db, tmp_path):
    pdf = tmp_path / "2026-11.pdf"
    code, out, err = run(capsys, "report", "monthly", "--month", "2026-11", "-o", str(pdf), "--database", demo_db,
                         "--user", "supervisor")
    assert (code, err) == (0, "") and str(pdf) in out
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "2026年11月" in text and "工单统计报告" in text and "林主管" in text


def test_export_summary_writes_a_workbook_with_a_sheet_per_breakdown(capsys, demo_db, tmp_path):
    xlsx = tmp_path / "summary.xlsx"
    code, out, err = run(capsys, "export", "summary", "--from", "2026-11-01", "--to", "2026-11-26", "-o", str(xlsx),
                         "--database", demo_db, "--user", "supervisor")
    assert (code, err) == (0, "")
    names = load_workbook(xlsx, read_only=True).sheetnames
    assert {"部门", "承接人", "工单类型", "片区"} <= set(names)


@pytest.mark.parametrize(("argv", "message"), [
    (["report", "monthly", "--month", "2026-13"], "YYYY-MM"),
    (["report", "monthly", "--month", "November"], "YYYY-MM"),
    (["export", "summary", "--from", "2026-11-31", "--to", "2026-12-01"], "YYYY-MM-DD"),
    (["export", "summary", "--from", "2026-11-20", "--to", "2026-11-01"], "ends before"),
    (["report", "monthly", "--month", "2025-01"], "no calls or tickets in 2025-01-01 – 2025-01-31"),
    (["export", "summary", "--from", "2020-01-01", "--to", "2020-01-31"], "no calls or tickets"),
])
def test_bad_dates_and_empty_periods_get_one_line_and_no_file(capsys, demo_db, tmp_path, argv, message):
    target = tmp_path / "out.file"
    code, out, err = run(capsys, *argv, "-o", str(target), "--database", demo_db, "--user", "supervisor")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert not target.exists()


def test_a_receptionist_may_not_print_the_monthly_report(capsys, demo_db, tmp_path):
    target = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", "monthly", "--month", "2026-11", "-o", str(target), "--database", demo_db,
                       "--user", "reception")
    assert code == 1 and len(err.strip().splitlines()) == 1 and not target.exists()
