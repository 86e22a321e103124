"""合并重复档案: two archives side by side, what moves from the duplicate to the one kept, and the merge itself."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.validation import display_phone
from desk_app.services import customers
from desk_app.services.search import search_customers
from desk_app.ui.common import error_text
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import style_error_label

__all__ = ["MergeDialog", "archive_html"]

log = logging.getLogger(__name__)


def archive_html(archive, widget: QWidget) -> str:
    """One archive as a short page: name, numbers, addresses, household, counts."""
    if archive is None:
        return ""
    esc = html.escape
    counts = archive.counts or {}
    numbers = "<br>".join(esc(display_phone(n.e164, n.extension) if n.e164 else n.number)
                          + (f" <span style='color:#78909c'>({esc(n.label)})</span>" if n.label else "")
                          for n in archive.numbers)
    addresses = "<br>".join(esc(a.address) + (f" · {esc(a.area)}" if a.area else "") for a in archive.addresses)
    members = "、".join(esc(m.name or m.relation) for m in archive.members)
    rows = [
        (QCoreApplication.translate("MergeDialog", "Phones"), numbers),
        (QCoreApplication.translate("MergeDialog", "Addresses"), addresses),
        (QCoreApplication.translate("MergeDialog", "Household"), members),
        (QCoreApplication.translate("MergeDialog", "Occupation"), esc(archive.occupation or "")),
        (QCoreApplication.translate("MergeDialog", "Notes"), esc(archive.notes or "")),
        (QCoreApplication.translate("MergeDialog", "History"), esc(QCoreApplication.translate("MergeDialog", "{calls} calls · {tickets} tickets · {complaints} complaints").format(
            calls=counts.get("calls", 0), tickets=counts.get("tickets", 0),
            complaints=counts.get("complaints", 0)))),
        (QCoreApplication.translate("MergeDialog", "Created"), esc(archive.created_at.strftime("%Y-%m-%d") if archive.created_at else "")),
    ]
    body = "".join(f"<tr><td style='color:#546e7a; padding-right:8px' valign='top'>{esc(k)}</td><td>{v}</td></tr>"
                   for k, v in rows if v)
    return f"<h3>{esc(archive.name)} <span style='color:#78909c'>#{archive.id}</span></h3><table>{body}</table>"


class MergeDialog(QDialog):
    """The customer shown is kept, the duplicate (picked here or from the suggestions) is merged into it: its
    numbers, addresses, members, calls and tickets move; the duplicate stays as "merged into" for the record.

    Emits `merged(keep_id)` after the service merged them.
    """

    merged = Signal(int)

    SEARCH_DELAY_MS = 150

    def __init__(self, ctx: DeskContext, *, keep_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.keep = None
        self.duplicate = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.suggestions_caption = QLabel()
        self.suggestions_combo = QComboBox()
        self.keep_caption = QLabel()
        self.keep_caption.setObjectName("sectionTitle")
        self.duplicate_caption = QLabel()
        self.duplicate_caption.setObjectName("sectionTitle")
        self.keep_view = QTextBrowser()
        self.duplicate_view = QTextBrowser()
        for view in (self.keep_view, self.duplicate_view):
            view.setOpenLinks(False)
            view.setMinimumSize(320, 260)
        self.duplicate_search = QLineEdit()
        self.duplicate_search.setClearButtonEnabled(True)
        self.duplicate_combo = QComboBox()
        self.swap_button = QPushButton()
        self.moves_label = QLabel()
        self.moves_label.setWordWrap(True)
        self.moves_label.setStyleSheet("background: #fff8e1; color: #5d4037; padding: 6px; border-radius: 3px;")
        self.message_label = QLabel()
        style_error_label(self.message_label)
        self.message_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

        top = QHBoxLayout()
        top.addWidget(self.suggestions_caption)
        top.addWidget(self.suggestions_combo, 1)
        grid = QGridLayout()
        grid.addWidget(self.keep_caption, 0, 0)
        grid.addWidget(self.duplicate_caption, 0, 2)
        grid.addWidget(self.swap_button, 1, 1, Qt.AlignmentFlag.AlignCenter)
        picker = QHBoxLayout()
        picker.addWidget(self.duplicate_search, 1)
        picker.addWidget(self.duplicate_combo, 1)
        grid.addLayout(picker, 1, 2)
        grid.addWidget(self.keep_view, 2, 0)
        grid.addWidget(self.duplicate_view, 2, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addWidget(self.moves_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        self.suggestions_combo.activated.connect(self._on_suggestions_combo_activated)
        self.duplicate_search.textChanged.connect(self._on_duplicate_search_text_changed)
        self.duplicate_combo.activated.connect(self._on_duplicate_combo_activated)
        self.swap_button.clicked.connect(self._on_swap_button_clicked)
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        self.translate_ui()
        self.resize(820, 560)
        self._fill_suggestions(keep_id)
        if keep_id is not None:
            pair = self.suggestions_combo.currentData()
            self.set_pair(keep_id, (pair[1] if pair[0] == keep_id else pair[0]) if pair else None)
        elif self.suggestions_combo.count() > 1:
            self.suggestions_combo.setCurrentIndex(1)
            self._on_suggestions_combo_activated(1)
        self._update()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Merge duplicate archives"))
        self.suggestions_caption.setText(self.tr("Likely duplicates:"))
        self.keep_caption.setText(self.tr("Kept"))
        self.duplicate_caption.setText(self.tr("Duplicate (merged into the kept archive)"))
        self.duplicate_search.setPlaceholderText(self.tr("Find the duplicate: phone, name, pinyin…"))
        self.swap_button.setText(self.tr("⇄ Swap"))
        self.swap_button.setToolTip(self.tr("Keep the other archive instead"))
        self.merge_button.setText(self.tr("Merge"))
        self.cancel_button.setText(self.tr("Cancel"))

    # ----- choosing the pair --------------------------------------------------------------------------------

    def _fill_suggestions(self, keep_id: int | None) -> None:
        self.suggestions_combo.clear()
        try:
            pairs = customers.find_duplicates(self.ctx.viewer(), limit=50)
        except DeskError as err:
            pairs = []
            self._show_message(error_text(err))
        if keep_id is not None:
            # The pairs of the customer shown first.
            pairs = sorted(pairs, key=lambda p: keep_id not in (p[0], p[1]))
        self.suggestions_combo.addItem(self.tr("(%n suggestion(s))", "", len(pairs)), None)
        reasons = {"address": self.tr("the same name and address"),
                   "number": self.tr("a name that sounds the same and a number ending alike")}
        for first, second, reason in pairs:
            self.suggestions_combo.addItem(self.tr("#{a} and #{b}: {reason}").format(
                a=first, b=second, reason=reasons.get(reason, reason)), (first, second))
        self.suggestions_combo.setEnabled(bool(pairs))
        if keep_id is not None and pairs and keep_id in pairs[0][:2]:
            self.suggestions_combo.setCurrentIndex(1)

    def set_pair(self, keep_id: int | None, duplicate_id: int | None) -> None:
        """Show the customer kept and the duplicate (None: not chosen yet)."""
        self.keep = self._load(keep_id)
        self.duplicate = self._load(duplicate_id) if duplicate_id != keep_id else None
        self._update()

    def _load(self, customer_id: int | None):
        if customer_id is None:
            return None
        try:
            return customers.open_archive(self.ctx.viewer(), customer_id, events=0)
        except DeskError as err:
            self._show_message(error_text(err))
            return None

    def _update(self) -> None:
        self.keep_view.setHtml(archive_html(self.keep, self) if self.keep else self._empty_html(
            self.tr("Open an archive in the window, or pick a suggestion.")))
        self.duplicate_view.setHtml(archive_html(self.duplicate, self) if self.duplicate else self._empty_html(
            self.tr("Find the duplicate above, or pick a suggestion.")))
        ready = self.keep is not None and self.duplicate is not None
        self.merge_button.setEnabled(ready)
        self.swap_button.setEnabled(ready)
        if not ready:
            self.moves_label.setText(self.tr("Choose the two archives of the same customer."))
            return
        counts = self.duplicate.counts or {}
        self.moves_label.setText(self.tr(
            "Moves to {keep}: {numbers} number(s), {addresses} address(es), {members} member(s), "
            "{tickets} ticket(s) and {calls} call(s) of {duplicate}. The archive of {duplicate} stays, marked as "
            "merged, so that its history can be traced.").format(
            keep=self.keep.name, duplicate=self.duplicate.name, numbers=len(self.duplicate.numbers),
            addresses=len(self.duplicate.addresses), members=len(self.duplicate.members),
            tickets=counts.get("tickets", 0), calls=counts.get("calls", 0)))

    @staticmethod
    def _empty_html(text: str) -> str:
        return f"<p style='color:#78909c'>{html.escape(text)}</p>"

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # ----- merging ------------------------------------------------------------------------------------------

    @Slot()
    def merge(self) -> bool:
        if self.keep is None or self.duplicate is None:
            return False
        self._show_message("")
        try:
            customers.merge_customers(self.ctx.service, self.ctx.actor, self.keep.id, self.duplicate.id)
        except DeskError as err:
            self._show_message(error_text(err))
            return False
        except Exception:
            log.exception("merging customers failed")
            self._show_message(self.tr("The archives could not be merged. Nothing was written; try again."))
            return False
        keep_id = self.keep.id
        self.merged.emit(keep_id)
        self.accept()
        return True

    # ----- slots --------------------------------------------------------------------------------------------

    @Slot(int)
    def _on_suggestions_combo_activated(self, index: int) -> None:
        pair = self.suggestions_combo.itemData(index)
        if not pair:
            return
        first, second = pair
        keep_id = self.keep.id if self.keep is not None and self.keep.id in (first, second) else first
        self.set_pair(keep_id, second if keep_id == first else first)

    @Slot(str)
    def _on_duplicate_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self.search_duplicate(self.duplicate_search.text())

    def search_duplicate(self, text: str) -> list:
        """Customers matching `text` (the one kept left out) as choices for the duplicate."""
        self._search_timer.stop()
        self.duplicate_combo.clear()
        if not text.strip():
            return []
        try:
            hits = search_customers(self.ctx.viewer(), text, limit=20)
        except DeskError as err:
            self._show_message(error_text(err))
            return []
        hits = [h for h in hits if self.keep is None or h.id != self.keep.id]
        for hit in hits:
            self.duplicate_combo.addItem(f"{hit.name}  {hit.phone}  {hit.address}", hit.id)
        if hits:
            self.duplicate_combo.setCurrentIndex(0)
            self._on_duplicate_combo_activated(0)
        return hits

    @Slot(int)
    def _on_duplicate_combo_activated(self, index: int) -> None:
        customer_id = self.duplicate_combo.itemData(index)
        if customer_id is None:
            return
        self.duplicate = self._load(int(customer_id))
        self._update()

    @Slot()
    def _on_swap_button_clicked(self) -> None:
        self.keep, self.duplicate = self.duplicate, self.keep
        self._update()
