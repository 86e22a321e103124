"""受理: the intake panel where every call or visit is logged and, unless solved at once, becomes a ticket."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDateTime, QEvent, QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from desk_app.core.customers import AddressDraft, CustomerDraft, NumberDraft
from desk_app.core.errors import DatabaseUnavailable, DeskError, ValidationError
from desk_app.core.kinds import CallOutcome, Channel, Escalation, Level, Severity, TicketKind
from desk_app.core.permissions import Operation, may
from desk_app.core.policies import Variant
from desk_app.core.priority import DEFAULT_KIND_LEVELS, priority_label
from desk_app.core.routing import Scope
from desk_app.core.validation import CallDraft, TicketDraft, display_phone, normalize_phone
from desk_app.services import customers as customer_service
from desk_app.services import queries
from desk_app.services.customers import CustomerArchive
from desk_app.services.desk import Actor, DeskService
from desk_app.services.presets import SETTING_STATIONS
from desk_app.services.views import IntakePreview, TicketDetail
from desk_app.ui.common import error_text, label
from desk_app.ui.context import DeskContext
from desk_app.ui.dialogs import RegisterCustomerDialog
from desk_app.ui.forms import collect_errors, priority_colors
from desk_app.ui.intake.customer_card import CallerLookup, card_address, look_up_caller
from desk_app.ui.intake.form import KIND_VARIANTS, PAID_MARK, SCOPE_KINDS, STATION_KINDS, build_form, tab_chain
from desk_app.ui.intake.preview import route_text, time_limits_text
from desk_app.ui.workers import RequestSequencer

if TYPE_CHECKING:
    from desk_app.ui.banner import OutageWatch

__all__ = ["IntakePanel", "IntakeSaved", "register_caller", "save_intake"]

log = logging.getLogger(__name__)

# Valid stand-ins for a field in error, so that validating again finds the next error (see collect_errors).
TICKET_STAND_INS: dict[str, dict] = {
    "kind": {"kind": TicketKind.OTHER}, "phone": {"phone": "", "channel": Channel.VISIT},
    "description": {"description": "-"}, "caller_name": {"caller_name": ""}, "address": {"address": ""},
    "area": {"area": ""}, "category": {"category": ""}, "variant": {"variant": Variant.NONE},
    "station": {"station": ""}, "scope": {"scope": Scope.NONE},
    "rectify_by": {"rectify_by": dt.datetime(9999, 1, 1)},
}
CALL_STAND_INS: dict[str, dict] = {
    "phone": {"phone": "", "channel": Channel.VISIT}, "content": {"content": "-"},
    "caller_name": {"caller_name": ""}, "address": {"address": ""},
}

PANEL_STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] { border: 1px solid #c62828; }
QFrame#customerCard { background: #f5f9fd; border: 1px solid #c9d9ea; border-radius: 4px; }
QFrame#customerCard QLabel { background: transparent; }
QLabel#priorityChip { border-radius: 3px; padding: 1px 8px; font-weight: bold; }
QLabel#limitsLabel { color: #37474f; }
QLabel#statusLine { color: #1b5e20; font-weight: bold; }
QLabel#routeLine { color: #0d47a1; }
QLabel#routeLine[quarantine="true"] { color: #8a4b00; }
QLabel#sectionTitle { color: #546e7a; font-weight: bold; }
"""


@dataclasses.dataclass(frozen=True)
class IntakeSaved:
    """What 生成工单 wrote: the call, its ticket, and the ticket as read back (its number and route; None if it
    could not be read right after)."""

    call_id: int
    ticket_id: int
    detail: TicketDetail | None


def save_intake(service: DeskService, actor: Actor, call: CallDraft, draft: TicketDraft) -> IntakeSaved:
    """生成工单's work on a worker thread (no widgets): the call and its ticket in one transaction, then the ticket
    read back for the status line."""
    call_id, ticket_id = service.create_ticket_from_intake(actor, call, draft)
    try:
        detail = queries.ticket_detail(service.viewer(actor), ticket_id)
    except DeskError:   # saved; only its number and route cannot be shown (the database went away meanwhile)
        detail = None
    return IntakeSaved(call_id, ticket_id, detail)


def register_caller(service: DeskService, actor: Actor, phone: str, values: dict, extra: dict) -> int:
    """登记客户's work on a worker thread: the caller's archive card (with the butler fields, if any, through the
    archive service); returns how many of the number's tickets waited in quarantine (released now)."""
    waiting = queries.quarantined_count(phone, area_code=service.area_code())
    if extra:
        addresses = (AddressDraft(values["address"], values["area"]),) if values["address"].strip() else ()
        customer_service.create_customer(service, actor, CustomerDraft(
            values["name"], (NumberDraft(phone),), addresses=addresses, **extra))
    else:
        service.register_customer(actor, values["name"], phone, values["address"], values["area"])
    return waiting


class IntakePanel(QWidget):
    """受理台: phone first, the caller's card, then what they want; solve at once or make a ticket.

    Saves run on a worker (the buttons are off until the answer is back, so nothing is sent twice); the form is
    cleared only once it is saved. Signals: `ticket_created(ticket_id)`, `call_recorded(call_id)` (every logged call
    or visit, with or without a ticket), `save_finished(saved)` (a started save came back: True saved, False refused,
    failed or kept on this PC), `customer_registered()`, `ticket_activated(ticket_id)` (a ticket of the caller's card
    was opened), `archive_requested(customer_id)` (查看完整档案 on the card) and `customer_looked_up()` (the card
    shows the answer of a lookup).
    """

    ticket_created = Signal(int)
    call_recorded = Signal(int)
    ticket_activated = Signal(int)
    archive_requested = Signal(int)
    customer_looked_up = Signal()   # a lookup ran (the card shows its answer)
    save_finished = Signal(bool)    # a save started by create_ticket / record_solved came back (True: saved)
    customer_registered = Signal()  # 登记客户 saved (the dialog closed, the card is looked up again)

    # The caller's archive is looked up while the number is typed: after this pause, from this many digits on.
    LOOKUP_DELAY_MS = 150
    LOOKUP_MIN_DIGITS = 3
    CANDIDATES = 8

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # The window's OutageWatch (ui.banner): a save the database refuses for being away is kept on this PC.
        self.outage: OutageWatch | None = None
        self.setStyleSheet(PANEL_STYLE)
        self._autofilled: dict[QLineEdit, str] = {}
        self._clear_armed = False
        self._resetting = False
        self._syncing = False

        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(self.LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self.lookup_customer)
        self._lookups = RequestSequencer(self, name="customer-card")
        # Writes: one at a time (the buttons are off meanwhile), never dropped by a newer request.
        self._saves = RequestSequencer(self, name="intake-save")
        self._saves.busy_changed.connect(self._on_saves_busy_changed)
        self._registers = RequestSequencer(self, name="register-customer")

        self._register_dialog: RegisterCustomerDialog | None = None
        build_form(self)
        self._reset_rectify()
        self.translate_ui()
        self._connect()
        self._on_kind_changed()

    # ----- texts and wiring (form.build_form makes the widgets) ----------------------------------------------

    def translate_ui(self) -> None:
        texts = {
            "phone": self.tr("&Phone"), "channel": self.tr("C&hannel"), "caller": self.tr("Caller &name"),
            "address": self.tr("&Address"), "area": self.tr("A&rea"), "content": self.tr("&Content"),
            "kind": self.tr("&Kind"), "variant": self.tr("&Variant"), "severity": self.tr("&Severity"),
            "urgency": self.tr("&Urgency"), "impact": self.tr("&Impact"), "category": self.tr("Catal&ogue"),
            "scope": self.tr("&Where"), "station": self.tr("S&tation"), "escalation": self.tr("&Escalation"),
            "rectify_by": self.tr("Rectify &by"),
        }
        for key, text in texts.items():
            self._captions[key].setText(text)
        self.title_label.setText(self.tr("New call or visit"))
        self.phone_edit.setPlaceholderText(self.tr("Caller's number: the customer card appears"))
        self.caller_edit.setPlaceholderText(self.tr("Who is calling"))
        self.address_edit.setPlaceholderText(self.tr("Where: building, unit, room"))
        self.area_edit.setPlaceholderText(self.tr("Area"))
        self.content_edit.setPlaceholderText(self.tr("What, since when, how to reach them"))
        self.kind_combo.setItemText(0, self.tr("Choose…"))
        self.severity_combo.setItemText(0, self.tr("(not from 10086)"))
        self.escalation_combo.setItemText(0, self.tr("(not escalated)"))
        self.category_combo.lineEdit().setPlaceholderText(self.tr("Service catalogue entry"))
        self.station_combo.lineEdit().setPlaceholderText(self.tr("Nearest station"))
        self.rectify_edit.setSpecialValueText(self.tr("(no deadline)"))
        self.sensitive_check.setText(self.tr("Sensitive (public opinion, &media)"))
        self.sensitive_check.setToolTip(self.tr("The office and the center leader approve too before any reply"))
        self.priority_caption.setText(self.tr("Priority"))
        self.limits_caption.setText(self.tr("Time limits"))
        self.solved_button.setText(self.tr("Solved at once"))
        self.solved_button.setToolTip(self.tr("Answered at first contact: log the call, no ticket"))
        self.create_button.setText(self.tr("Create ticket"))
        self.create_button.setToolTip(self.tr("Log the call and create a ticket (Ctrl+Enter)"))
        for combo, enum_type in ((self.channel_combo, Channel), (self.kind_combo, TicketKind),
                                 (self.variant_combo, Variant), (self.severity_combo, Severity),
                                 (self.urgency_combo, Level), (self.impact_combo, Level),
                                 (self.scope_combo, Scope), (self.escalation_combo, Escalation)):
            for i in range(combo.count()):
                value = combo.itemData(i)
                if value is not None:
                    combo.setItemText(i, label(enum_type(value)))
        self.card_view.translate_ui()
        self.kb_suggestions.translate_ui()
        if self.card_view.card is not None:
            self.card_view.show_card(self.card_view.card)
        self._update_priority()
        self._update_permissions()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    def _connect(self) -> None:
        self.phone_edit.textChanged.connect(self._on_phone_edit_text_changed)
        self.phone_edit.editingFinished.connect(self._on_phone_edit_editing_finished)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.channel_combo.currentIndexChanged.connect(self._on_channel_changed)
        self.variant_combo.currentIndexChanged.connect(self._on_variant_changed)
        self.category_combo.currentTextChanged.connect(self._on_category_changed)
        self.rectify_edit.dateTimeChanged.connect(self._on_rectify_changed)
        self.card_view.register_requested.connect(self.open_register_dialog)
        self.card_view.archive_requested.connect(self.archive_requested)
        self.card_view.candidate_chosen.connect(self._on_card_view_candidate_chosen)
        for field, combo in (("scope", self.scope_combo), ("station", self.station_combo),
                             ("escalation", self.escalation_combo)):
            combo.currentIndexChanged.connect(lambda _i, f=field: self.errors.clear_field(f))
        self.station_combo.editTextChanged.connect(lambda _t: self.errors.clear_field("station"))
        self.severity_combo.currentIndexChanged.connect(self._update_priority)
        self.urgency_combo.currentIndexChanged.connect(self._update_priority)
        self.impact_combo.currentIndexChanged.connect(self._update_priority)
        # The route shown in the preview follows what routing looks at.
        self.area_edit.editingFinished.connect(self._update_priority)
        self.scope_combo.currentIndexChanged.connect(self._update_priority)
        self.station_combo.currentTextChanged.connect(self._update_priority)
        self.category_combo.currentTextChanged.connect(self._update_priority)
        self.solved_button.clicked.connect(self.record_solved)
        self.create_button.clicked.connect(self.create_ticket)
        for shortcut in self._create_shortcuts:
            shortcut.activated.connect(self.create_ticket)
        self._escape_shortcut.activated.connect(self._on_escape)
        self.card_view.ticket_activated.connect(self.ticket_activated)
        self.ctx.actor_changed.connect(self._on_ctx_actor_changed)
        for edit in (self.caller_edit, self.address_edit, self.area_edit):
            edit.textEdited.connect(self._on_form_edited)
        self.content_edit.textChanged.connect(self._on_form_edited)
        for field, edit in (("caller_name", self.caller_edit), ("address", self.address_edit),
                            ("area", self.area_edit)):
            edit.textEdited.connect(lambda _text, f=field: self.errors.clear_field(f))
        self.content_edit.textChanged.connect(lambda: self.errors.clear_field("content"))
        self.content_edit.textChanged.connect(self._on_content_edit_text_changed)
        self.kb_suggestions.answered.connect(self.record_answered_from_kb)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.errors.clear_field("kind"))

    # ----- public --------------------------------------------------------------------------------------------

    @property
    def customer(self) -> CustomerArchive | None:
        """The caller's archive shown now, if the number (or the digits typed so far) is one customer's."""
        return self.card_view.card

    def is_dirty(self) -> bool:
        """True if anything is typed (what Esc would throw away)."""
        return any((self.phone_edit.text().strip(), self.caller_edit.text().strip(), self.address_edit.text().strip(),
                    self.area_edit.text().strip(), self.content_edit.toPlainText().strip(),
                    self._kind() is not None, self.category_combo.currentText().strip(),
                    self.sensitive_check.isChecked()))

    def clear_form(self) -> None:
        """Empty every field (the channel stays: a desk mostly gets calls of one kind) and focus the phone field."""
        self._resetting = True
        try:
            self._lookup_timer.stop()
            self._lookups.drop()
            for edit in (self.phone_edit, self.caller_edit, self.address_edit, self.area_edit):
                edit.clear()
            self.content_edit.clear()
            self.kind_combo.setCurrentIndex(0)
            self.severity_combo.setCurrentIndex(0)
            self.escalation_combo.setCurrentIndex(0)
            self.scope_combo.setCurrentIndex(0)
            self.station_combo.setEditText("")
            self.category_combo.setEditText("")
            self.sensitive_check.setChecked(False)
            self._reset_rectify()
            self._autofilled.clear()
            self.card_view.show_card(None)
            self.card_view.hide()
            self.kb_suggestions.clear()
            self.errors.clear()
            self._clear_armed = False
        finally:
            self._resetting = False
        self._on_kind_changed()
        self.phone_edit.setFocus()

    @Slot()
    def lookup_customer(self) -> None:
        """Look the caller up now (typing does it after a short pause), on a worker: a complete number by index;
        from the third digit on, the customers whose numbers begin with the digits typed. One customer: their
        archive is shown; several: the candidates; a complete number nobody has: "new caller" with 新建档案.
        `customer_looked_up` is emitted when the answer is on the card (`customer` is the archive shown, if any);
        an answer for digits no longer in the field is dropped."""
        self._lookup_timer.stop()
        self._lookups.run(functools.partial(look_up_caller, self.ctx.service, self.ctx.actor,
                                            self.phone_edit.text(), self.LOOKUP_MIN_DIGITS, self.CANDIDATES + 1),
                          self._on_lookup_done, self._on_lookup_failed)

    @property
    def looking_up(self) -> bool:
        """True while a customer lookup has not come back, or its worker thread has not ended yet."""
        return self._lookups.busy or not self._lookups.idle

    def _on_lookup_done(self, found: CallerLookup) -> None:
        if found.text != self.phone_edit.text():
            return  # typed on meanwhile: the lookup after the pause answers for what is there now
        card, hits = found.card, found.hits
        if card is not None or found.complete or not hits:
            self._show_card(card, looked_up=found.complete or card is not None)
        else:
            self._show_card(None, looked_up=False)
            self.card_view.show_candidates(hits[:self.CANDIDATES], more=len(hits) > self.CANDIDATES)
            self.card_view.show()
        self.customer_looked_up.emit()

    def _on_lookup_failed(self, error: BaseException) -> None:
        self.errors.show_general(error_text(error) if isinstance(error, DeskError)
                                 else self.tr("The customer archive could not be read. Try again."))

    @Slot()
    def create_ticket(self) -> bool | None:
        """生成工单: log the call and create its ticket in one go, on a worker. True if the save was started: then
        `ticket_created(ticket_id)` and `save_finished(True)` when it is in (the form is cleared), or
        `save_finished(False)` (a refusal is shown beside its field; an outage keeps it on this PC). None if nothing
        was sent: bad input (shown beside its field), a save still running, or kept on this PC at once."""
        if self.saving:
            return None
        self._lookup_timer.stop()
        self.errors.clear()
        call, draft = self._drafts()
        now = self.ctx.now()
        try:
            area_code = self.ctx.service.area_code()
        except DatabaseUnavailable as err:   # the configuration not cached yet: kept as typed, checked when saved
            if not self._keep_for_later(call, draft):
                self._show_error(err)
            return None
        if self._show_input_errors(collect_errors(lambda d: d.validated(now, area_code=area_code), draft,
                                                  TICKET_STAND_INS)):
            return None
        self._start_save(functools.partial(save_intake, self.ctx.service, self.ctx.actor, call, draft),
                         self._on_ticket_saved, functools.partial(self._on_save_failed, call, draft, None))
        return True

    @Slot()
    def record_solved(self) -> bool | None:
        """当场解决: log the call as solved at first contact (no ticket), on a worker. True if the save was started
        (`call_recorded(call_id)` and `save_finished(True)` when it is in), None if nothing was sent."""
        return self._record_solved(None)

    @Slot(int)
    def record_answered_from_kb(self, article_id: int) -> bool | None:
        """已解答（知识库）: the chosen knowledge-base answer solved it; the call is logged as answered at first contact
        with the article on its register line (no ticket), on a worker. True if the save was started, None if
        nothing was sent (as record_solved)."""
        return self._record_solved(article_id)

    @property
    def saving(self) -> bool:
        """True while a save (a ticket, a solved call) has not come back."""
        return self._saves.busy

    @property
    def idle(self) -> bool:
        """True when no save, registration or lookup is outstanding and their worker threads have ended."""
        return (not self.saving and self._saves.idle and not self._registers.busy and self._registers.idle
                and not self.looking_up)

    def _record_solved(self, kb_article_id: int | None) -> bool | None:
        if self.saving:
            return None
        self._lookup_timer.stop()
        self.errors.clear()
        call, _draft = self._drafts()
        try:
            area_code = self.ctx.service.area_code()
        except DatabaseUnavailable as err:
            if not self._keep_for_later(call, kb_article_id=kb_article_id):
                self._show_error(err)
            return None
        if self._show_input_errors(collect_errors(lambda d: d.validated(area_code=area_code), call, CALL_STAND_INS)):
            return None
        question = next((h.question for h in self.kb_suggestions.hits() if h.id == kb_article_id), "")
        question = question if len(question) <= 40 else question[:39] + "…"
        self._start_save(functools.partial(self.ctx.service.record_call, self.ctx.actor, call,
                                           outcome=CallOutcome.SOLVED, kb_article_id=kb_article_id),
                         functools.partial(self._on_call_saved, kb_article_id, question),
                         functools.partial(self._on_save_failed, call, None, kb_article_id))
        return True

    def _start_save(self, work, on_done, on_failed) -> None:
        self._saves.run(work, on_done, on_failed)

    def _on_ticket_saved(self, saved: IntakeSaved) -> None:
        number = saved.detail.number if saved.detail else str(saved.ticket_id)
        self.clear_form()
        self.status_label.setText(self.tr("Ticket {number} created").format(number=number))
        self._show_route(saved.detail)
        self.call_recorded.emit(saved.call_id)
        self.ticket_created.emit(saved.ticket_id)
        self.save_finished.emit(True)

    def _on_call_saved(self, kb_article_id: int | None, question: str, call_id: int) -> None:
        self.clear_form()
        if kb_article_id is None:
            self.status_label.setText(self.tr("Call logged as solved at first contact"))
        else:
            self.status_label.setText(self.tr("Call answered from the knowledge base at first contact: {question}")
                                      .format(question=question))
        self.call_recorded.emit(call_id)
        self.save_finished.emit(True)

    def _on_save_failed(self, call: CallDraft, draft: TicketDraft | None, kb_article_id: int | None,
                        error: BaseException) -> None:
        """The form stays as typed: a refusal beside its field; an outage keeps it on this PC (the form is then
        free for the next caller); a defect (logged by the worker) says nothing was written."""
        if isinstance(error, DatabaseUnavailable):
            if not self._keep_for_later(call, draft, kb_article_id=kb_article_id):
                self._show_error(error)
        elif isinstance(error, DeskError):
            self._show_error(error)
        elif draft is not None:   # never a traceback at the desk; the log keeps the details
            self.errors.show_general(self.tr("The ticket could not be saved. Nothing was written; try again."))
        else:
            self.errors.show_general(self.tr("The call could not be saved. Nothing was written; try again."))
        self.save_finished.emit(False)

    def _keep_for_later(self, call: CallDraft, draft: TicketDraft | None = None, *,
                        kb_article_id: int | None = None) -> bool:
        """The database is away: keep the intake (or the solved call) on this PC, to be saved once it is back; the
        form stays as typed unless that worked. False if there is nowhere to keep it."""
        if self.outage is None or not self.outage.can_keep():
            return False
        try:
            if draft is None:
                self.outage.keep_call(self.ctx.actor, call, kb_article_id=kb_article_id)
            else:
                self.outage.keep_intake(self.ctx.actor, call, draft)
        except OSError:
            log.exception("keeping a draft on disk failed")
            return False
        self.clear_form()
        self.status_label.setText(self.tr("The database cannot be reached: kept on this PC, saved when it is back."))
        return True

    def priority(self) -> int:
        return self.ctx.service.priority(Level(self.urgency_combo.currentData()),
                                         Level(self.impact_combo.currentData()))

    # ----- internals -----------------------------------------------------------------------------------------

    def _drafts(self) -> tuple[CallDraft, TicketDraft]:
        card = self.card_view.card
        customer_id = card.id if card is not None else None
        channel = Channel(self.channel_combo.currentData())
        content = self.content_edit.toPlainText()
        common = dict(channel=channel, phone=self.phone_edit.text(), caller_name=self.caller_edit.text(),
                      address=self.address_edit.text(), customer_id=customer_id)
        call = CallDraft(content=content, **common)
        kind = self._kind()
        escalation = self.escalation_combo.currentData() if kind == TicketKind.COMPLAINT else None
        draft = TicketDraft(
            kind=kind or "", description=content, area=self.area_edit.text(),
            urgency=Level(self.urgency_combo.currentData()), impact=Level(self.impact_combo.currentData()),
            variant=self._variant(), severity=self._severity(), category=self.category_combo.currentText(),
            scope=Scope(self.scope_combo.currentData() or "") if self._scope_applies() else Scope.NONE,
            station=self.station_combo.currentText() if self._station_applies() else "",
            sensitive=self.sensitive_check.isChecked(), escalation=Escalation(escalation) if escalation else None,
            rectify_by=self.rectify_by(), **common,
        )
        return call, draft

    def rectify_by(self) -> dt.datetime | None:
        """整改期限 as set (None: no deadline, or the field does not apply)."""
        if not self._rectify_applies() or self.rectify_edit.dateTime() == self.rectify_edit.minimumDateTime():
            return None
        return self.rectify_edit.dateTime().toPython().replace(second=0, microsecond=0)

    def set_rectify_by(self, at: dt.datetime | None) -> None:
        self.rectify_edit.setDateTime(QDateTime(at) if at else self.rectify_edit.minimumDateTime())

    def _reset_rectify(self) -> None:
        # The minimum (shown as "no deadline") is now: every deadline the edit can hold is in the future.
        now = self.ctx.now().replace(second=0, microsecond=0)
        self.rectify_edit.blockSignals(True)
        self.rectify_edit.setMinimumDateTime(QDateTime(now))
        self.rectify_edit.setDateTime(QDateTime(now))
        self.rectify_edit.blockSignals(False)

    def _rules(self):
        try:
            return self.ctx.service.routing_rules()
        except DeskError:
            return []

    def _scope_applies(self) -> bool:
        return self._kind() in SCOPE_KINDS and any(rule.scope for rule in self._rules())

    def _stations(self) -> list[str]:
        return [s.strip() for s in self.ctx.service.setting(SETTING_STATIONS).split(";") if s.strip()]

    def _station_applies(self) -> bool:
        return self._kind() in STATION_KINDS and bool(self._stations() or any(r.station for r in self._rules()))

    def _rectify_applies(self) -> bool:
        return self._kind() == TicketKind.INSPECTION or self._channel() == Channel.PATROL

    def _rectify_required(self) -> bool:
        return self._kind() == TicketKind.INSPECTION and self._channel() == Channel.PATROL

    def _channel(self) -> Channel:
        return Channel(self.channel_combo.currentData())

    def _show_route(self, detail) -> None:
        """Where the new ticket went: straight to a department (直派), to the dispatcher (转派), or quarantine."""
        self.route_label.setProperty("quarantine", bool(detail and detail.quarantined))
        self.route_label.style().unpolish(self.route_label)
        self.route_label.style().polish(self.route_label)
        if detail is None:
            self.route_label.clear()
            return
        self.route_label.setText(route_text(detail))

    def _variant(self) -> Variant:
        if self._kind() not in KIND_VARIANTS:
            return Variant.NONE
        return Variant(self.variant_combo.currentData() or "")

    def _severity(self) -> Severity | None:
        if self._kind() != TicketKind.COMPLAINT:
            return None
        value = self.severity_combo.currentData()
        return Severity(value) if value else None

    def _kind(self) -> TicketKind | None:
        # Combo data comes back from Qt as plain text: turn it into the enum again.
        value = self.kind_combo.currentData()
        return TicketKind(value) if value else None

    def _show_input_errors(self, errors: list[ValidationError]) -> bool:
        """Show every input error at once and focus the first field concerned; False if there are none."""
        if not errors:
            return False
        widgets = self.errors.show_errors(errors)
        chain = tab_chain(self)
        if widgets:
            min(widgets, key=lambda w: chain.index(w) if w in chain else len(chain)).setFocus()
        return True

    def _show_error(self, err: DeskError) -> None:
        widget = self.errors.show_error(err)
        if widget is not None:
            widget.setFocus()

    def _show_card(self, card: CustomerArchive | None, *, looked_up: bool) -> None:
        self.card_view.show_card(card, looked_up=looked_up)
        self.card_view.setVisible(card is not None or looked_up)
        # A masked card's address is no address: only a card with the contact data fills the form.
        address, area = card_address(card) if card is not None and card.full else ("", "")
        self._autofill(self.caller_edit, card.name if card else "")
        self._autofill(self.address_edit, address)
        self._autofill(self.area_edit, area)

    def _autofill(self, edit: QLineEdit, value: str) -> None:
        """Fill an empty field from the card; replace only what an earlier card filled, never what was typed."""
        current = edit.text()
        if current and self._autofilled.get(edit) != current:
            return
        edit.setText(value)
        if value:
            self._autofilled[edit] = value
        else:
            self._autofilled.pop(edit, None)

    def _update_priority(self) -> None:
        preview = self._preview()
        level = preview.priority if preview is not None else self.priority()
        background, foreground = priority_colors(level)
        self.priority_label.setText(priority_label(level))
        self.priority_label.setStyleSheet(f"background: {background}; color: {foreground};")
        self.limits_label.setText(time_limits_text(preview))

    def _preview(self) -> IntakePreview | None:
        """What the service would give this ticket now (priority, clocks, route); None until the kind is chosen."""
        kind = self._kind()
        if kind is None:
            return None
        try:
            return self.ctx.service.preview(
                kind=kind, variant=self._variant(), severity=self._severity(),
                urgency=Level(self.urgency_combo.currentData()), impact=Level(self.impact_combo.currentData()),
                category=self.category_combo.currentText().strip(), area=self.area_edit.text().strip(),
                scope=(self.scope_combo.currentData() or "") if self._scope_applies() else "",
                station=(self.station_combo.currentText() or "").strip(), rectify_by=self.rectify_by())
        except (LookupError, ValueError, DeskError):
            return None

    # ----- slots ---------------------------------------------------------------------------------------------

    @Slot(str)
    def _on_card_view_candidate_chosen(self, phone: str) -> None:
        """One of the candidates was picked: their number completes the field and their archive shows."""
        self.phone_edit.setText(phone)
        self.lookup_customer()

    @Slot()
    def _on_content_edit_text_changed(self) -> None:
        if not self._resetting:
            self.kb_suggestions.set_query(self.content_edit.toPlainText())

    @Slot(str)
    def _on_phone_edit_text_changed(self, _text: str) -> None:
        if self._resetting:
            return
        self.errors.clear_field("phone")
        self._on_form_edited()
        self._lookup_timer.start()

    @Slot()
    def _on_phone_edit_editing_finished(self) -> None:
        text = self.phone_edit.text().strip()
        if not text:
            return
        try:
            normalize_phone(text, area_code=self.ctx.service.area_code())
        except ValidationError as err:
            self.errors.show_error(err)

    @Slot()
    def _on_form_edited(self) -> None:
        if self._resetting:
            return
        self.status_label.clear()
        self.route_label.clear()
        if self._clear_armed:
            self._clear_armed = False
            self.errors.general.hide()

    @Slot()
    def _on_kind_changed(self) -> None:
        kind = self._kind()
        variants = KIND_VARIANTS.get(kind, ())
        self.variant_combo.blockSignals(True)
        self.variant_combo.clear()
        for variant in variants:
            self.variant_combo.addItem(label(variant), variant)
        self.variant_combo.blockSignals(False)
        complaint = kind == TicketKind.COMPLAINT
        self.variant_caption.setVisible(bool(variants))
        self.variant_combo.setVisible(bool(variants))
        self.severity_caption.setVisible(complaint)
        self.severity_combo.setVisible(complaint)
        if not complaint:
            self.severity_combo.setCurrentIndex(0)
            self.escalation_combo.setCurrentIndex(0)
        self.escalation_caption.setVisible(complaint)
        self.escalation_combo.setVisible(complaint)
        self._fill_catalogue(kind)
        scope = self._scope_applies()
        self.scope_caption.setVisible(scope)
        self.scope_combo.setVisible(scope)
        self._fill_stations()
        station = self._station_applies()
        self.station_caption.setVisible(station)
        self.station_combo.setVisible(station)
        self._update_rectify()
        self._set_default_levels()

    def _fill_catalogue(self, kind: TicketKind | None) -> None:
        """服务目录 entries of the kind; free text stays possible (and is kept when the kind changes)."""
        typed = self.category_combo.currentText()
        self._syncing = True
        try:
            self.category_combo.clear()
            try:
                entries = queries.catalogue_entries(kind.value) if kind else []
            except DeskError:
                entries = []
            self.category_combo.addItem("")
            self.category_combo.addItems(entries)
            self.category_combo.setEditText(typed)
        finally:
            self._syncing = False

    def _fill_stations(self) -> None:
        typed = self.station_combo.currentText()
        self.station_combo.clear()
        self.station_combo.addItem("")
        self.station_combo.addItems(self._stations())
        self.station_combo.setEditText(typed)

    def _update_rectify(self) -> None:
        applies = self._rectify_applies()
        self.rectify_caption.setVisible(applies)
        self.rectify_edit.setVisible(applies)
        required = self._rectify_required()
        self.rectify_caption.setText(self.tr("Rectify &by") + (" *" if required else ""))
        self.rectify_edit.setToolTip(self.tr("Required for a patrol finding: the deadline on the rectification "
                                             "notice") if required else self.tr("The deadline on the notice, if any"))
        if not applies:
            self.errors.clear_field("rectify_by")

    @Slot()
    def _on_channel_changed(self) -> None:
        self._update_rectify()

    @Slot()
    def _on_rectify_changed(self) -> None:
        self.errors.clear_field("rectify_by")
        self._update_priority()

    @Slot()
    def _on_variant_changed(self) -> None:
        self.errors.clear_field("variant")
        self._sync_paid_from_variant()
        self._set_default_levels()

    @Slot(str)
    def _on_category_changed(self, text: str) -> None:
        self.errors.clear_field("category")
        if self._resetting or self._syncing or self._kind() != TicketKind.REPAIR:
            return
        # 户内有偿维修 and Variant.PAID go together: one sets the other.
        paid = PAID_MARK in text
        if paid and self._variant() != Variant.PAID:
            self._select_variant(Variant.PAID)
        elif not paid and text.strip() and self._variant() == Variant.PAID:
            self._select_variant(Variant.NONE)

    def _sync_paid_from_variant(self) -> None:
        if self._syncing or self._kind() != TicketKind.REPAIR:
            return
        current = self.category_combo.currentText()
        self._syncing = True
        try:
            if self._variant() == Variant.PAID and PAID_MARK not in current:
                entries = [self.category_combo.itemText(i) for i in range(self.category_combo.count())]
                paid = next((e for e in entries if PAID_MARK in e), None)
                if paid is not None:
                    self.category_combo.setCurrentIndex(entries.index(paid))
            elif self._variant() != Variant.PAID and PAID_MARK in current:
                self.category_combo.setCurrentIndex(0)
                self.category_combo.setEditText("")
        finally:
            self._syncing = False

    def _select_variant(self, variant: Variant) -> None:
        index = self.variant_combo.findData(variant.value)
        if index < 0:
            return
        self._syncing = True
        try:
            self.variant_combo.setCurrentIndex(index)
        finally:
            self._syncing = False

    def _set_default_levels(self) -> None:
        kind = self._kind()
        urgency, impact = DEFAULT_KIND_LEVELS.get(kind, (Level.LOW, Level.MEDIUM))
        if self._variant() == Variant.EMERGENCY:
            urgency, impact = Level.HIGH, Level.HIGH  # 急修: someone is at risk or a whole building is affected
        for combo, level in ((self.urgency_combo, urgency), (self.impact_combo, impact)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(level))
            combo.blockSignals(False)
        self._update_priority()

    def _update_permissions(self) -> None:
        role = self.ctx.actor.role
        may_record = may(role, Operation.RECORD_CALL)
        may_create = may_record and may(role, Operation.CREATE_TICKET)
        free = not self.saving   # a save on its way: nothing is sent twice
        self.solved_button.setEnabled(may_record and free)
        self.kb_suggestions.set_may_answer(may_record and free)
        self.create_button.setEnabled(may_create and free)
        self.card_view.set_may_register(may(role, Operation.EDIT_CUSTOMER))
        for shortcut in self._create_shortcuts:
            shortcut.setEnabled(may_create and free)
        if not may_create:
            self.create_button.setToolTip(self.tr("Your role does not take calls; switch to a front-desk user."))

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor) -> None:
        self.translate_ui()

    @Slot(bool)
    def _on_saves_busy_changed(self, _busy: bool) -> None:
        self._update_permissions()

    # ----- customer registration ------------------------------------------------------------------------------

    @Slot()
    def open_register_dialog(self) -> RegisterCustomerDialog | None:
        """登记客户: put the typed number into the customer archive (its quarantined tickets are released)."""
        try:
            phone = normalize_phone(self.phone_edit.text(), area_code=self.ctx.service.area_code())
        except ValidationError as err:
            self.errors.show_error(err)
            return None
        if not phone:
            return None
        if self._register_dialog is not None:
            self._register_dialog.reject()
        dialog = RegisterCustomerDialog(display_phone(phone), name=self.caller_edit.text(),
                                        address=self.address_edit.text(), area=self.area_edit.text(),
                                        waiting=queries.quarantined_count(phone), parent=self)
        dialog.submitted.connect(self._on_register_dialog_submitted)
        dialog.finished.connect(self._on_register_dialog_finished)
        self._register_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _on_register_dialog_submitted(self) -> None:
        """登记客户 saved on a worker; the dialog is off until the answer is back (nothing is sent twice) and closes
        only when it is saved, else it shows why beside the field."""
        dialog = self._register_dialog
        if dialog is None or self._registers.busy:
            return
        dialog.errors.clear()
        values = dialog.values()
        dialog.setEnabled(False)
        self._registers.run(functools.partial(register_caller, self.ctx.service, self.ctx.actor,
                                              self.phone_edit.text(), values, dialog.extra_values()),
                            functools.partial(self._on_registered, dialog, values["name"].strip()),
                            functools.partial(self._on_register_failed, dialog))

    def _on_registered(self, dialog: RegisterCustomerDialog, name: str, waiting: int) -> None:
        if shiboken6.isValid(dialog):
            dialog.setEnabled(True)
            dialog.accept()
        self.lookup_customer()  # the card shows the new archive when it arrives
        if waiting:
            text = self.tr("Customer {name} registered; %n ticket(s) released from quarantine.", "",
                           waiting).format(name=name)
        else:
            text = self.tr("Customer {name} registered.").format(name=name)
        self.status_label.setText(text)
        self.route_label.clear()
        self.customer_registered.emit()

    def _on_register_failed(self, dialog: RegisterCustomerDialog, error: BaseException) -> None:
        if not shiboken6.isValid(dialog):
            return
        dialog.setEnabled(True)
        if isinstance(error, DeskError):
            widget = dialog.errors.show_error(error)
            if widget is not None:
                widget.setFocus()
        else:   # a defect, logged by the worker
            dialog.errors.show_general(self.tr("The customer could not be saved. Nothing was written; try again."))

    @Slot()
    def _on_register_dialog_finished(self) -> None:
        if self.sender() is self._register_dialog:
            self._register_dialog = None

    @Slot()
    def _on_escape(self) -> None:
        if not self.is_dirty():
            self.errors.clear()
            self.status_label.clear()
            return
        if self._clear_armed:
            self.clear_form()
            self.status_label.setText(self.tr("Form cleared"))
            return
        self._clear_armed = True
        self.errors.show_hint(self.tr("Press Esc again to clear the form; what you typed is lost."))
