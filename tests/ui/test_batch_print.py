"""批量打印派工单: several rows selected in a queue, their slips made off the GUI thread behind a progress dialog that
can be cancelled, then one preview with every slip; a reprint says 补打."""

from __future__ import annotations

import io
import threading

import pytest
from pane_waits import settle
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from desk_app.core.queues import Queue
from desk_app.models.schema import Ticket
from desk_app.services.desk import Actor, DeskService
from desk_app.services.papers import slips as slips_service
from desk_app.services.queries import staff_by_username
from desk_app.ui.context import DeskContext
from desk_app.ui.batch_print import PaperJob
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.pdf_preview import PdfPreviewDialog


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


@pytest.fixture
def window(qtbot, qapp, demo_db, clock):
    ctx = DeskContext(DeskService(now=clock), Actor.of(staff_by_username("reception")))
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.show_queue(Queue.ALL)
    yield main
    main.close()
    ctx.close()


def select_rows(view, rows: list[int]) -> list[int]:
    model = view.queue_model()
    for row in rows:
        model.row_at(row)   # loads the page
        view.selectionModel().select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                     | QItemSelectionModel.SelectionFlag.Rows)
    return [model.row_at(r).id for r in rows]


def test_the_selected_rows_slips_come_in_one_preview_made_off_the_gui_thread(qtbot, window, monkeypatch):
    threads = []
    real = slips_service.slips_pdf

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr("desk_app.ui.batch_print.slips_pdf", spy)
    ids = select_rows(window.current_view(), [0, 2, 3])
    assert window.current_view().selected_ticket_ids() == ids
    batch = window.print_selected_slips()
    with qtbot.waitSignal(batch.done, timeout=30_000) as done:
        pass
    preview = done.args[0]
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert threads and threads[0] is not threading.main_thread()
    pages = PdfReader(io.BytesIO(preview.pdf_bytes)).pages
    assert len(pages) == 9   # three copies each
    numbers = [Ticket.get_by_id(i).number for i in ids]
    text = "".join(p.extract_text() for p in pages)
    assert all(number in text for number in numbers) and "补打" not in text
    preview.close()

    batch = window.print_selected_slips()   # the same three again: reprints
    with qtbot.waitSignal(batch.done, timeout=30_000) as done:
        pass
    again = "".join(p.extract_text() for p in PdfReader(io.BytesIO(done.args[0].pdf_bytes)).pages)
    assert again.count("补打") >= 3
    done.args[0].close()


def test_cancel_stops_the_batch_and_shows_nothing(qtbot, window, monkeypatch):
    def slow(viewer, ids, actor, *, progress, paper):
        for done in range(1, 1000):
            progress(done, 1000)   # raises JobCancelled once cancelled
            threading.Event().wait(0.01)
        raise AssertionError("not cancelled")

    monkeypatch.setattr("desk_app.ui.batch_print.slips_pdf", slow)
    select_rows(window.current_view(), [0, 1])
    batch = window.print_selected_slips()
    qtbot.waitUntil(lambda: batch.dialog.isVisible(), timeout=5_000)
    with qtbot.waitSignal(batch.done, timeout=10_000) as done:
        batch.dialog.canceled.emit()   # what its 取消 button does
    assert done.args == [None] and batch.preview is None
    assert not window.findChildren(QMessageBox, "paper_message")


def test_nothing_selected_says_so(qtbot, window, monkeypatch):
    window.current_view().clear_selection_quietly()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    assert window.print_selected_slips() is None
    assert len(shown) == 1


def test_the_detail_panes_other_papers_open_in_the_preview(qtbot, window):
    complaint = Ticket.select().where(Ticket.kind == "complaint").order_by(Ticket.id).first()
    window.show_ticket(complaint.id)
    settle(qtbot, window.detail)
    pane = window.detail
    assert pane.forms_button.isVisible()
    for action, title in ((pane.ticket_form_action, "工单处理单"), (pane.incident_report_action, "住户投诉事件报告")):
        jobs_before = set(pane.findChildren(PaperJob))
        action.trigger()
        job = next(j for j in pane.findChildren(PaperJob) if j not in jobs_before)
        with qtbot.waitSignal(job.done, timeout=30_000) as done:
            pass
        preview = done.args[0]
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(preview.pdf_bytes)).pages)
        assert title in text and complaint.number in text
        preview.close()


def test_a_paper_the_ticket_does_not_have_is_a_message(qtbot, window):
    repair = Ticket.select().where(Ticket.kind == "repair").order_by(Ticket.id).first()
    window.show_ticket(repair.id)
    settle(qtbot, window.detail)
    window.detail.task_sheet_action.trigger()
    job = window.detail.findChildren(PaperJob)[-1]
    with qtbot.waitSignal(job.done, timeout=30_000) as done:
        pass
    assert done.args == [None]
    box = window.detail.findChild(QMessageBox, "paper_message")
    assert box is not None and repair.number in box.text()
    box.close()


def test_the_desk_chooses_a5_for_its_slips(qtbot, window):
    from reportlab.lib.pagesizes import A5

    from desk_app.ui import settings as app_settings

    window.a5_slip_action.setChecked(True)
    assert app_settings.slip_paper() == "A5"
    select_rows(window.current_view(), [0])
    batch = window.print_selected_slips()
    with qtbot.waitSignal(batch.done, timeout=30_000) as done:
        pass
    page = PdfReader(io.BytesIO(done.args[0].pdf_bytes)).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A5, abs=0.5)
    done.args[0].close()
    window.a5_slip_action.setChecked(False)
    assert app_settings.slip_paper() == "A4"
