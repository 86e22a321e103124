"""知识库 window (工作 › 知识库): a search box answering as one types, the articles found best first, the chosen one on the
right; 新建/编辑/停用 for those the rule book lets edit the knowledge base."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.permissions import Operation
from desk_app.core.rules import may_operate
from desk_app.services import knowledge
from desk_app.services.knowledge import ArticleView
from desk_app.services.search import search_articles
from desk_app.ui.common import error_text, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.knowledge.common import kind_text, source_text
from desk_app.ui.knowledge.editor import ArticleEditor
from desk_app.ui.knowledge.model import ArticleListModel

log = logging.getLogger(__name__)

WINDOW_STYLE = """
QLabel#kbQuestion { font-weight: bold; color: #1a237e; }
QLabel#kbMeta { color: #546e7a; }
QLabel#kbRetired { color: #b71c1c; font-weight: bold; }
QPlainTextEdit#kbAnswerText { background: #fbfcfd; }
"""


class KnowledgeWindow(QDialog):
    """Non-modal; `ticket_requested(ticket_id)` when the source ticket of an article is asked for."""

    ticket_requested = Signal(int)
    SEARCH_DELAY_MS = 120
    LIMIT = 200

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: ArticleView | None = None
        self._editor: ArticleEditor | None = None
        self.setStyleSheet(WINDOW_STYLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1000, 620)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.model = ArticleListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ArticleListModel.QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArticleListModel.ANSWER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArticleListModel.TAGS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ArticleListModel.UPDATED, QHeaderView.ResizeMode.ResizeToContents)

        self.question_label = QLabel()
        self.question_label.setObjectName("kbQuestion")
        self.question_label.setWordWrap(True)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("kbMeta")
        self.meta_label.setWordWrap(True)
        self.meta_label.setTextFormat(Qt.TextFormat.RichText)
        self.meta_label.linkActivated.connect(self._on_meta_label_link_activated)
        self.retired_label = QLabel()
        self.retired_label.setObjectName("kbRetired")
        self.retired_label.hide()
        self.answer_text = QPlainTextEdit()
        self.answer_text.setObjectName("kbAnswerText")
        self.answer_text.setReadOnly(True)
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.retire_button = QPushButton()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.question_label)
        right_layout.addWidget(self.meta_label)
        right_layout.addWidget(self.retired_label)
        right_layout.addWidget(self.answer_text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.message_label)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self.search)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.new_button.clicked.connect(self.open_new_editor)
        self.edit_button.clicked.connect(self.open_edit_editor)
        self.retire_button.clicked.connect(self.retire)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()
        self.search()

    # ----- texts -----------------------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Knowledge base"))
        self.search_edit.setPlaceholderText(self.tr("Search questions, answers and tags"))
        self.new_button.setText(self.tr("New…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.retire_button.setText(self.tr("Retire"))
        self.retired_label.setText(self.tr("Retired: no longer offered to the desk"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._show_count()
        self._show_article(self.view)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    # ----- public ----------------------------------------------------------------------------------------------

    @Slot()
    def search(self) -> None:
        """Run the search box's query now and keep the chosen article if it is still found."""
        self._timer.stop()
        chosen = self.view.id if self.view else None
        try:
            hits = search_articles(self.search_edit.text(), limit=self.LIMIT)
        except Exception:
            log.exception("knowledge-base search failed")
            hits = []
        self.model.set_hits(hits)
        self._show_count()
        row = self.model.row_of(chosen) if chosen is not None else -1
        self.select_row(row if row >= 0 else 0)
        if self.model.rowCount() == 0:
            self._show_article(None)

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        # After a model reset the current row may be "unchanged" (no signal): show the row's article either way.
        hit = self.model.hit(row)
        if hit is not None and (self.view is None or self.view.id != hit.id):
            self.show_article(hit.id)

    def show_article(self, article_id: int) -> None:
        """Put an article on the right (also one the search does not list, e.g. just retired)."""
        try:
            self._show_article(knowledge.article(article_id))
        except DeskError as err:
            self._message(error_text(err), error=True)

    @Slot()
    def open_new_editor(self) -> ArticleEditor | None:
        return self._open_editor(None)

    @Slot()
    def open_edit_editor(self) -> ArticleEditor | None:
        return self._open_editor(self.view) if self.view is not None else None

    @Slot()
    def retire(self) -> bool:
        """停用 the article shown, after a confirmation."""
        view = self.view
        if view is None:
            return False
        answer = QMessageBox.question(self, self.tr("Retire article"), self.tr(
            "Retire \"{question}\"? The desk is no longer offered it; the calls it answered keep it.").format(
            question=view.question))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.retire_now()

    def retire_now(self) -> bool:
        view = self.view
        if view is None:
            return False
        try:
            knowledge.retire_article(self.ctx.service, self.ctx.actor, view.id, expected_version=view.version)
        except DeskError as err:
            self._message(error_text(err), error=True)
            return False
        self._message(self.tr("Article retired."))
        self.view = None
        self.search()
        return True

    # ----- internals -------------------------------------------------------------------------------------------

    def _may_edit(self):
        return may_operate(self.ctx.actor.facts, Operation.EDIT_KNOWLEDGE)

    def _open_editor(self, view: ArticleView | None) -> ArticleEditor | None:
        verdict = self._may_edit()
        if not verdict.allowed:
            self._message(verdict_text(verdict), error=True)
            return None
        if self._editor is not None:
            self._editor.reject()
        editor = ArticleEditor(self.ctx, view, self)
        editor.saved.connect(self._on_editor_saved)
        editor.finished.connect(self._on_editor_finished)
        self._editor = editor
        editor.open()
        return editor

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{n} found").format(n=self.model.rowCount()))

    def _show_article(self, view: ArticleView | None) -> None:
        self.view = view
        if view is None:
            self.question_label.setText(self.tr("No article chosen"))
            self.meta_label.clear()
            self.answer_text.clear()
            self.retired_label.hide()
        else:
            self.question_label.setText(view.question)
            source = html.escape(source_text(view))
            if view.source_ticket_id and view.source_ticket_number:
                source = source.replace(view.source_ticket_number,
                                        f'<a href="ticket:{view.source_ticket_id}">{view.source_ticket_number}</a>')
            meta = self.tr("{kind} · tags: {tags} · {source}<br>Written by {author} on {created}; last changed by "
                           "{editor} on {updated} · answered {calls} call(s)").format(
                kind=html.escape(kind_text(view.kind)), tags=html.escape(view.tags or "—"), source=source,
                author=html.escape(view.author), created=view.created_at.strftime("%Y-%m-%d"),
                editor=html.escape(view.updated_by or view.author),
                updated=view.updated_at.strftime("%Y-%m-%d %H:%M"), calls=view.answered_calls)
            self.meta_label.setText(meta)
            self.answer_text.setPlainText(view.answer)
            self.retired_label.setVisible(view.retired)
        self._update_buttons()

    def _update_buttons(self) -> None:
        verdict = self._may_edit()
        tip = "" if verdict.allowed else verdict_text(verdict)
        usable = self.view is not None and not self.view.retired
        self.new_button.setEnabled(verdict.allowed)
        self.edit_button.setEnabled(verdict.allowed and usable)
        self.retire_button.setEnabled(verdict.allowed and usable)
        for button in (self.new_button, self.edit_button, self.retire_button):
            button.setToolTip(tip)

    def _message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet("color: #c62828;" if error else "color: #1b5e20;")
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # ----- slots -----------------------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _on_table_current_row_changed(self) -> None:
        hit = self.model.hit(self.table.currentIndex().row())
        if hit is None:
            return
        if self.view is None or self.view.id != hit.id:
            self.message_label.hide()
        self.show_article(hit.id)

    @Slot(int)
    def _on_editor_saved(self, article_id: int) -> None:
        self._message(self.tr("Article saved."))
        self.show_article(article_id)
        self.search()

    @Slot()
    def _on_editor_finished(self) -> None:
        if self.sender() is self._editor:
            self._editor = None

    @Slot(str)
    def _on_meta_label_link_activated(self, link: str) -> None:
        if link.startswith("ticket:"):
            self.ticket_requested.emit(int(link.split(":", 1)[1]))

    @Slot(object)
    def _on_ctx_changed(self, change) -> None:
        if change.topic == "knowledge" and self.isVisible():
            self.search()

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor) -> None:
        self._update_buttons()
