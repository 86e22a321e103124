"""The answers the knowledge base offers while the receptionist types what the caller wants: up to five under the
content field; the chosen one is shown whole, to read to the caller, and closes the call as answered at first
contact (已解答（知识库）)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.services import knowledge
from desk_app.services.search import ArticleHit, search_articles
from desk_app.ui.knowledge.common import first_line

log = logging.getLogger(__name__)

SUGGESTIONS_STYLE = """
QFrame#kbSuggestions { background: #fbfaf2; border: 1px solid #e3dcb0; border-radius: 4px; }
QFrame#kbSuggestions QLabel { background: transparent; }
QLabel#kbTitle { color: #6d5d00; font-weight: bold; }
QListWidget#kbList { background: #ffffff; border: 1px solid #e3dcb0; }
QPlainTextEdit#kbAnswer { background: #ffffff; border: 1px solid #e3dcb0; }
"""


class KbSuggestions(QFrame):
    """Answers for the text given to `set_query` (looked up after a short pause); `answered(article_id)` when the
    receptionist closes the call with the chosen one. Hidden while nothing matches."""

    answered = Signal(int)
    DELAY_MS = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbSuggestions")
        self.setStyleSheet(SUGGESTIONS_STYLE)
        self._text = ""
        self._hits: list[ArticleHit] = []
        self._may_answer = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.title_label = QLabel()
        self.title_label.setObjectName("kbTitle")
        self.list = QListWidget()
        self.list.setObjectName("kbList")
        # Two lines an answer (question, the answer's first line, cut to the width): five fit without scrolling.
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 10 + 16)
        self.answer_view = QPlainTextEdit()
        self.answer_view.setObjectName("kbAnswer")
        self.answer_view.setReadOnly(True)
        self.answer_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.answer_view.hide()
        self.answer_button = QPushButton()
        self.answer_button.setObjectName("kbAnswerButton")
        self.answer_button.setEnabled(False)
        self.answer_button.setStyleSheet(
            "QPushButton { background: #2e7d32; color: white; font-weight: bold; padding: 4px 14px;"
            " border-radius: 3px; border: 1px solid #1b5e20; }"
            "QPushButton:disabled { background: #a5c8a7; border-color: #a5c8a7; }")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.list)
        layout.addWidget(self.answer_view)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.answer_button.clicked.connect(self._on_answer_button_clicked)
        self.translate_ui()
        self.hide()

    def translate_ui(self) -> None:
        self.title_label.setText(self.tr("Answers from the knowledge base"))
        self.answer_button.setText(self.tr("Answered (knowledge base)"))
        self.answer_button.setToolTip(self.tr("The chosen answer solved it: log the call as answered at first "
                                              "contact, no ticket"))

    # ----- public --------------------------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """What the caller says, as typed so far: looked up once typing pauses."""
        self._text = text
        self._timer.start()

    def set_may_answer(self, may: bool) -> None:
        self._may_answer = may
        self._update_button()

    @Slot()
    def refresh(self) -> list[ArticleHit]:
        """Look the text up now; returns the answers offered, best first."""
        self._timer.stop()
        try:
            hits = knowledge.suggest(self._text, search_articles) if self._text.strip() else []
        except DeskError:
            hits = []
        except Exception:   # the desk goes on without suggestions; the log keeps the details
            log.exception("knowledge-base suggestions failed")
            hits = []
        chosen = self.chosen_id()
        self._hits = hits
        self.list.blockSignals(True)
        self.list.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.question}\n    {first_line(hit.answer)}")
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            item.setToolTip(hit.answer)
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, h in enumerate(hits) if h.id == chosen), -1)
        self.list.setCurrentRow(row)
        self._show_answer(row)
        self.setVisible(bool(hits))
        return hits

    def clear(self) -> None:
        self._timer.stop()
        self._text = ""
        self._hits = []
        self.list.clear()
        self._show_answer(-1)
        self.hide()

    def hits(self) -> list[ArticleHit]:
        return list(self._hits)

    def chosen_id(self) -> int | None:
        row = self.list.currentRow()
        return self._hits[row].id if 0 <= row < len(self._hits) else None

    def choose(self, article_id: int) -> None:
        row = next((i for i, h in enumerate(self._hits) if h.id == article_id), -1)
        self.list.setCurrentRow(row)

    # ----- internals -----------------------------------------------------------------------------------------

    def _show_answer(self, row: int) -> None:
        if 0 <= row < len(self._hits):
            self.answer_view.setPlainText(self._hits[row].answer)
            self.answer_view.show()
        else:
            self.answer_view.clear()
            self.answer_view.hide()
        self._update_button()

    def _update_button(self) -> None:
        self.answer_button.setEnabled(self._may_answer and self.chosen_id() is not None)

    @Slot(int)
    def _on_list_current_row_changed(self, row: int) -> None:
        self._show_answer(row)

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, _item: QListWidgetItem) -> None:
        self.answer_view.setFocus()

    @Slot()
    def _on_answer_button_clicked(self) -> None:
        chosen = self.chosen_id()
        if chosen is not None and self._may_answer:
            self.answered.emit(chosen)
