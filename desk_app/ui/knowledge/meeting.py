"""存入知识库（班务会答复口径）: the weekly meeting's agreed answer to a solved ticket, saved as an article in one step.

The seed: "班务会每周一次…针对特殊疑难问题的解决进行案例分析，并总结出统一的答复口径，传达到每位业务代表"."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from desk_app.core.errors import DeskError
from desk_app.services import knowledge
from desk_app.services.knowledge import MAX_QUESTION, TicketAnswer
from desk_app.ui.context import DeskContext
from desk_app.ui.dialogs import FormDialog

log = logging.getLogger(__name__)


def last_meeting_day(today: dt.date) -> dt.date:
    """The default meeting date: this week's Monday (the meeting is weekly)."""
    return today - dt.timedelta(days=today.weekday())


class MeetingAnswerDialog(FormDialog):
    """The ticket's question and answer prefilled (editable: the meeting may reword them) and the meeting's date;
    `saved(article_id)` once the article exists."""

    saved = Signal(int)

    def __init__(self, ctx: DeskContext, taken: TicketAnswer, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Save to the knowledge base (weekly meeting's answer)"), self.tr("Save"),
                         self.tr("Ticket {number}: the answer agreed at the weekly meeting becomes a knowledge-base "
                                 "article every representative finds.").format(number=taken.number), parent)
        self.ctx = ctx
        self.ticket_id = taken.ticket_id
        self.setMinimumWidth(560)
        today = ctx.now().date()
        self.date_edit = QDateEdit(QDate(last_meeting_day(today)))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate(today))
        self.question_edit = QLineEdit(taken.question)
        self.question_edit.setMaxLength(MAX_QUESTION)
        self.answer_edit = QPlainTextEdit(taken.answer)
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.add_field(self.tr("&Meeting date"), self.date_edit, "meeting_on")
        self.add_field(self.tr("&Question"), self.question_edit, "question")
        self.add_field(self.tr("&Answer"), self.answer_edit, "answer")
        self.question_edit.textEdited.connect(self._on_question_edit_text_edited)
        self.answer_edit.textChanged.connect(self._on_answer_edit_text_changed)
        self.submitted.connect(self.save)

    def values(self) -> dict:
        return {"meeting_on": self.date_edit.date().toPython(), "question": self.question_edit.text(),
                "answer": self.answer_edit.toPlainText()}

    @Slot()
    def save(self) -> int | None:
        self.errors.clear()
        v = self.values()
        try:
            article_id = knowledge.article_from_ticket(self.ctx.service, self.ctx.actor, self.ticket_id,
                                                       meeting_on=v["meeting_on"], question=v["question"],
                                                       answer=v["answer"])
        except DeskError as err:
            widget = self.errors.show_error(err)
            if widget is not None:
                widget.setFocus()
            return None
        except Exception:
            log.exception("saving the meeting's answer failed")
            self.errors.show_general(self.tr("The article could not be saved. Nothing was written; try again."))
            return None
        self.saved.emit(article_id)
        self.accept()
        return article_id

    @Slot()
    def _on_question_edit_text_edited(self) -> None:
        self.errors.clear_field("question")

    @Slot()
    def _on_answer_edit_text_changed(self) -> None:
        self.errors.clear_field("answer")
