"""The preview of any printed form: the PDF (kept in memory) shown with QtPdf, with zoom and page navigation, saved
as a file or sent to a printer through the system print dialog."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt, Slot
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# Zoom steps of the zoom-in and zoom-out buttons (factors of the page's natural size).
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class PdfPreviewDialog(QDialog):
    """A printed form before it goes out: page by page or all pages, zoomed to the width, the page or a factor;
    Save PDF… and Print… (the system dialog: printer, copies, pages)."""

    PRINT_DPI = 300

    def __init__(self, pdf: bytes, *, title: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf_bytes = pdf
        self.file_name = file_name
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        # The view first: children go in creation order, so the view never outlives its document.
        self.view = QPdfView(self)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a9399; }")

        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("page_spin")
        self.page_spin.setRange(1, max(1, self.document.pageCount()))
        self.page_count_label = QLabel(self)
        self.zoom_out_button = QToolButton(self)
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_in_button = QToolButton(self)
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.fit_width_button = QPushButton(self)
        self.fit_page_button = QPushButton(self)
        self.zoom_label = QLabel(self)
        self.save_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.print_button.setDefault(True)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        tools = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.page_spin, self.page_count_label):
            tools.addWidget(widget)
        tools.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button, self.fit_page_button,
                       self.zoom_label):
            tools.addWidget(widget)
        tools.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        for widget in (self.save_button, self.print_button, self.close_button):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.page_spin.valueChanged.connect(self._on_page_spin_value_changed)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_current_page_changed)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_width_button.clicked.connect(self._on_fit_width_button_clicked)
        self.fit_page_button.clicked.connect(self._on_fit_page_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.close_button.clicked.connect(self.close)
        self.view.zoomFactorChanged.connect(self._update_zoom_label)
        self.view.zoomModeChanged.connect(self._update_zoom_label)
        self.setWindowTitle(title)
        self.translate_ui()
        self.resize(800, 940)

    def translate_ui(self) -> None:
        self.previous_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.page_count_label.setText(self.tr("of {count}").format(count=self.document.pageCount()))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.fit_width_button.setText(self.tr("Fit width"))
        self.fit_page_button.setText(self.tr("Whole page"))
        self.save_button.setText(self.tr("&Save PDF…"))
        self.print_button.setText(self.tr("&Print…"))
        self.close_button.setText(self.tr("Close"))
        self._update_zoom_label()

    # ----- pages and zoom --------------------------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown, counted from 0."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    @Slot()
    def zoom_in(self) -> None:
        self._set_zoom(next((z for z in ZOOM_STEPS if z > self.view.zoomFactor() + 0.01), ZOOM_STEPS[-1]))

    @Slot()
    def zoom_out(self) -> None:
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.view.zoomFactor() - 0.01), ZOOM_STEPS[0]))

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    @Slot()
    def _update_zoom_label(self) -> None:
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.FitToWidth:
            self.zoom_label.setText(self.tr("fit to width"))
        elif mode == QPdfView.ZoomMode.FitInView:
            self.zoom_label.setText(self.tr("whole page"))
        else:
            self.zoom_label.setText(f"{self.view.zoomFactor() * 100:.0f}%")

    @Slot()
    def _on_fit_width_button_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    @Slot()
    def _on_fit_page_button_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    @Slot()
    def _on_previous_button_clicked(self) -> None:
        self.go_to_page(self.current_page() - 1)

    @Slot()
    def _on_next_button_clicked(self) -> None:
        self.go_to_page(self.current_page() + 1)

    @Slot(int)
    def _on_page_spin_value_changed(self, value: int) -> None:
        if value - 1 != self.current_page():
            self.go_to_page(value - 1)

    @Slot(int)
    def _on_navigator_current_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count() - 1)

    # ----- saving and printing ---------------------------------------------------------------------------------

    def save_to(self, path: str) -> None:
        with open(path, "wb") as out:
            out.write(self.pdf_bytes)

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages the print dialog chose (all by default), rendered from the PDF at up to 300 dpi; returns
        how many pages were printed."""
        printer.setDocName(self.windowTitle())
        printer.setFullPage(True)
        dpi = min(printer.resolution(), self.PRINT_DPI)
        first, last = 0, self.page_count() - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage() - 1, min(printer.toPage() - 1, last)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(self.tr("The printer could not be opened."))
        try:
            for page in range(first, last + 1):
                if page > first:
                    printer.newPage()
                size_pt = self.document.pagePointSize(page)
                image = self.document.render(page, QSize(round(size_pt.width() * dpi / 72),
                                                         round(size_pt.height() * dpi / 72)))
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        return last - first + 1

    @Slot()
    def _on_save_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.file_name,
                                              self.tr("PDF files (*.pdf)"))
        if not path:
            return
        try:
            self.save_to(path)
        except OSError as err:
            self._show_message(self.tr("Could not save: {error}").format(error=err.strerror or str(err)), error=True)
            return
        self._show_message(self.tr("Saved to {path}").format(path=path))

    @Slot()
    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            pages = self.print_to(printer)
        except OSError as err:
            self._show_message(str(err), error=True)
            return
        self._show_message(self.tr("Sent {count} pages to the printer").format(count=pages))

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet("color: #c62828;" if error else "color: #1b5e20;")
        self.message_label.setText(text)
        self.message_label.show()
