"""新建/编辑知识: the article editor. Errors appear beside their field; on a conflict what was typed stays."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desk_app.core.errors import ConflictError, DeskError
from desk_app.core.kinds import TicketKind
from desk_app.services import knowledge
from desk_app.services.knowledge import MAX_QUESTION, MAX_TAGS, ArticleView
from desk_app.ui.common import error_text, label
from desk_app.ui.context import DeskContext
from desk_app.ui.dialogs import FormDialog

log = logging.getLogger(__name__)


class ArticleEditor(FormDialog):
    """A new article (`view` None) or a change of one; `saved(article_id)` once the service accepted it."""

    saved = Signal(int)

    def __init__(self, ctx: DeskContext, view: ArticleView | None = None, parent: QWidget | None = None) -> None:
        title = self.tr("New article") if view is None else self.tr("Edit article")
        super().__init__(title, self.tr("Save"), "", parent)
        self.ctx = ctx
        self.article_id = view.id if view else None
        self.expected_version = view.version if view else None
        self.setMinimumWidth(560)
        self.question_edit = QLineEdit(view.question if view else "")
        self.question_edit.setMaxLength(MAX_QUESTION)
        self.question_edit.setPlaceholderText(self.tr("As the caller asks it"))
        self.answer_edit = QPlainTextEdit(view.answer if view else "")
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.setPlaceholderText(self.tr("The answer as the desk gives it"))
        self.answer_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("(any kind)"), "")
        for kind in TicketKind:
            self.kind_combo.addItem(label(kind), kind.value)
        if view is not None:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(view.kind)))
        self.tags_edit = QLineEdit(view.tags if view else "")
        self.tags_edit.setMaxLength(MAX_TAGS)
        self.tags_edit.setPlaceholderText(self.tr("Words the desk searches by, separated by spaces"))
        self.add_field(self.tr("&Question"), self.question_edit, "question")
        self.add_field(self.tr("&Answer"), self.answer_edit, "answer")
        self.add_field(self.tr("&Kind"), self.kind_combo, "kind")
        self.add_field(self.tr("&Tags"), self.tags_edit, "tags")
        self.question_edit.textEdited.connect(self._on_question_edit_text_edited)
        self.answer_edit.textChanged.connect(self._on_answer_edit_text_changed)
        self.submitted.connect(self.save)

    def values(self) -> dict:
        return {"question": self.question_edit.text(), "answer": self.answer_edit.toPlainText(),
                "kind": self.kind_combo.currentData() or "", "tags": self.tags_edit.text()}

    @Slot()
    def save(self) -> int | None:
        """Write the article through the service; the error beside its field, or the dialog closes."""
        self.errors.clear()
        v = self.values()
        service, actor = self.ctx.service, self.ctx.actor
        try:
            if self.article_id is None:
                self.article_id = knowledge.create_article(service, actor, v["question"], v["answer"],
                                                           kind=v["kind"], tags=v["tags"])
            else:
                knowledge.update_article(service, actor, self.article_id, v["question"], v["answer"], v["kind"],
                                         v["tags"], expected_version=self.expected_version)
        except ConflictError as err:
            # What is typed stays; the next Save writes over the newer version on purpose.
            self.show_conflict(error_text(err))
            try:
                self.expected_version = knowledge.article(self.article_id).version
            except DeskError:
                pass
            return None
        except DeskError as err:
            widget = self.errors.show_error(err)
            if widget is not None:
                widget.setFocus()
            return None
        except Exception:
            log.exception("saving a knowledge-base article failed")
            self.errors.show_general(self.tr("The article could not be saved. Nothing was written; try again."))
            return None
        self.saved.emit(self.article_id)
        self.accept()
        return self.article_id

    @Slot()
    def _on_question_edit_text_edited(self) -> None:
        self.errors.clear_field("question")

    @Slot()
    def _on_answer_edit_text_changed(self) -> None:
        self.errors.clear_field("answer")
