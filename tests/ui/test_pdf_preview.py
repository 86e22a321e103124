"""The preview of any form: pages navigated, zoomed, saved and printed (all pages or the range the dialog chose)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desk_app.ui.pdf_preview import ZOOM_STEPS, PdfPreviewDialog


def pages(count: int) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for page in range(count):
        canvas.drawString(72, 720, f"page {page + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.fixture
def preview(qtbot):
    dialog = PdfPreviewDialog(pages(4), title="登记表", file_name="登记表.pdf")
    qtbot.addWidget(dialog)   # closed (and so deleted) by qtbot after the test
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_pages_are_navigated_by_buttons_and_the_page_box(qtbot, preview):
    assert preview.page_count() == 4 and preview.page_count_label.text().endswith("4")
    preview.next_button.click()
    qtbot.waitUntil(lambda: preview.current_page() == 1)
    assert preview.page_spin.value() == 2
    preview.page_spin.setValue(4)
    qtbot.waitUntil(lambda: preview.current_page() == 3)
    assert not preview.next_button.isEnabled() and preview.previous_button.isEnabled()
    preview.previous_button.click()
    qtbot.waitUntil(lambda: preview.current_page() == 2)


def test_zoom_steps_and_fits(preview):
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    preview.view.setZoomMode(QPdfView.ZoomMode.Custom)
    preview.view.setZoomFactor(1.0)
    preview.zoom_in_button.click()
    assert preview.view.zoomFactor() == pytest.approx(1.25) and preview.zoom_label.text() == "125%"
    for _ in ZOOM_STEPS:
        preview.zoom_out_button.click()
    assert preview.view.zoomFactor() == pytest.approx(ZOOM_STEPS[0])
    preview.fit_page_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitInView


def test_saved_and_printed_whole_or_a_range(preview, tmp_path):
    preview.save_to(str(tmp_path / "saved.pdf"))
    assert len(PdfReader(tmp_path / "saved.pdf").pages) == 4

    def printer(name: str) -> QPrinter:
        p = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(tmp_path / name))
        return p

    assert preview.print_to(printer("all.pdf")) == 4
    assert len(PdfReader(tmp_path / "all.pdf").pages) == 4
    ranged = printer("range.pdf")
    ranged.setPrintRange(QPrinter.PrintRange.PageRange)
    ranged.setFromTo(2, 3)
    assert preview.print_to(ranged) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2
