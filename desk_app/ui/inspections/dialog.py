"""巡视检查: the inspections dialog. Left, what the schedule asks for today and the inspections made (overview.py);
right, the selected inspection's checklist (checklist.py), its findings and their follow-up (findings.py), and 签字确认
by the property company's person."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QDateTime, QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.inspections import DueItem, InspectionKind, Notice, Responsibility, proposed_deadline
from desk_app.core.papers import FormKind
from desk_app.core.permissions import Operation, may
from desk_app.services import inspections as service_inspections
from desk_app.services.inspections import InspectionDetail, InspectionRow, ItemView
from desk_app.ui.batch_print import PaperJob, print_paper
from desk_app.ui.common import error_text, format_time, label
from desk_app.ui.context import DeskContext
from desk_app.ui.inspections.checklist import build_checklist, fill_checklist, next_unchecked
from desk_app.ui.inspections.common import DIALOG_STYLE, status_text
from desk_app.ui.inspections.findings import (
    build_findings,
    build_problem_box,
    fill_findings,
    follow_up_text,
    record_button_text,
    rule_text,
)
from desk_app.ui.inspections.overview import build_overview, fill_due_list, fill_inspection_table

# The dialog logs as "desk_app.ui.inspections", the name it had as one module.
log = logging.getLogger(__package__)


class InspectionsDialog(QDialog):
    """巡视检查: left, what is due and the inspections made; right, the selected inspection's checklist (weekly and
    monthly checks), its findings with responsibility, seriousness, deadline and follow-up, and 签字确认."""

    TOPICS = frozenset({"inspection"})

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inspections_dialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumSize(1180, 760)
        self._rows: list[InspectionRow] = []
        self._due: list[DueItem] = []
        self._detail: InspectionDetail | None = None
        self._checklist_codes: list[str | None] = []     # per checklist row: the item's code, None for a section
        self._findings: list[ItemView] = []

        # ----- left: due and the list -----
        left = build_overview(self)

        # ----- right: the selected inspection -----
        self.header_label = QLabel(self)
        self.header_label.setObjectName("inspectionHeader")
        self.header_label.setWordWrap(True)
        build_checklist(self)
        build_problem_box(self)
        build_findings(self)

        self.co_signer_label = QLabel(self)
        self.co_signer_edit = QLineEdit(self)
        self.co_signer_edit.setObjectName("co_signer_edit")
        self.co_signer_edit.setMaxLength(60)
        self.co_signer_label.setBuddy(self.co_signer_edit)
        self.sign_button = QPushButton(self)
        self.sign_button.setObjectName("sign_button")
        self.finish_button = QPushButton(self)
        self.finish_button.setObjectName("finish_patrol_button")

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header_label)
        right_layout.addWidget(self.checklist_title)
        right_layout.addWidget(self.checklist_table, 3)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ok_button)
        right_layout.addLayout(row)
        right_layout.addWidget(self.problem_box)
        right_layout.addWidget(self.findings_title)
        right_layout.addWidget(self.findings_table, 2)
        right_layout.addWidget(self.rule_label)
        row = QHBoxLayout()
        row.addWidget(self.notice_combo)
        row.addWidget(self.deadline_edit)
        row.addWidget(self.notified_edit, 3)
        row.addStretch(1)
        row.addWidget(self.follow_up_button)
        row.addWidget(self.rectified_button)
        row.addWidget(self.remove_button)
        right_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.co_signer_label)
        row.addWidget(self.co_signer_edit, 1)
        row.addWidget(self.sign_button)
        row.addWidget(self.finish_button)
        right_layout.addLayout(row)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 740])

        self.message_label = QLabel(self)
        self.message_label.setObjectName("inspectionMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        # 打印: the check's checklist with findings and signatures; the selected finding's contact sheet or notice.
        self.print_checklist_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_checklist_button.setObjectName("print_checklist_button")
        self.print_checklist_button.clicked.connect(self.print_checklist)
        self.print_notice_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_notice_button.setObjectName("print_notice_button")
        self.print_notice_button.clicked.connect(self.print_notice)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        self.patrol_button.clicked.connect(self._on_patrol_button_clicked)
        self.weekly_button.clicked.connect(self._on_weekly_button_clicked)
        self.monthly_button.clicked.connect(self._on_monthly_button_clicked)
        self.inspection_table.itemSelectionChanged.connect(self._on_inspection_table_selection_changed)
        self.checklist_table.itemSelectionChanged.connect(self._update_buttons)
        self.ok_button.clicked.connect(self.mark_ok)
        self.problem_edit.textChanged.connect(self._update_buttons)
        self.photo_button.clicked.connect(self._on_photo_button_clicked)
        self.record_button.clicked.connect(self.record_problem)
        self.findings_table.itemSelectionChanged.connect(self._on_findings_table_selection_changed)
        self.notice_combo.currentIndexChanged.connect(self._on_notice_combo_changed)
        self.follow_up_button.clicked.connect(self.follow_up_selected)
        self.rectified_button.clicked.connect(self.confirm_rectified_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.co_signer_edit.textChanged.connect(self._update_buttons)
        self.sign_button.clicked.connect(self.sign)
        self.finish_button.clicked.connect(self.finish)

        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()
        self.refresh()

    # ----- language ----------------------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Patrols and inspections"))
        self.print_checklist_button.setText(self.tr("Print the checklist…"))
        self.print_notice_button.setText(self.tr("Print the finding's notice…"))
        self.due_title.setText(self.tr("Due"))
        self.area_edit.setPlaceholderText(self.tr("Estate or route (optional)"))
        self.patrol_button.setText(self.tr("New &patrol"))
        self.weekly_button.setText(self.tr("New &weekly check"))
        self.monthly_button.setText(self.tr("New &monthly check"))
        self.list_title.setText(self.tr("Inspections"))
        self.inspection_table.setHorizontalHeaderLabels(
            [self.tr("Started"), self.tr("Kind"), self.tr("Inspector"), self.tr("Problems"), self.tr("Status")])
        self.checklist_title.setText(self.tr("Checklist"))
        self.checklist_table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Check"), self.tr("Result")])
        self.ok_button.setText(self.tr("Mark &OK"))
        self.ok_button.setToolTip(self.tr("The selected checklist item is in order"))
        self.problem_box.setTitle(self.tr("Problem found"))
        self.problem_label.setText(self.tr("Pro&blem"))
        self.location_label.setText(self.tr("&Location"))
        self.responsibility_label.setText(self.tr("&Responsible"))
        self.photo_label.setText(self.tr("P&hoto"))
        self.problem_edit.setPlaceholderText(self.tr("What is wrong"))
        self.location_edit.setPlaceholderText(self.tr("Building, floor, spot"))
        self.photo_edit.setPlaceholderText(self.tr("Path of the photo file (optional)"))
        self.photo_button.setText(self.tr("Browse…"))
        self.serious_check.setText(self.tr("&Serious"))
        for index in range(self.responsibility_combo.count()):
            self.responsibility_combo.setItemText(
                index, label(Responsibility(self.responsibility_combo.itemData(index))))
        self.findings_title.setText(self.tr("Findings"))
        self.findings_table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Problem"), self.tr("Responsible"), self.tr("Serious"), self.tr("Deadline"),
             self.tr("Follow-up")])
        self.notice_combo.setToolTip(self.tr("How the property company is told"))
        self.deadline_edit.setToolTip(self.tr("Rectification deadline"))
        self.notified_edit.setPlaceholderText(self.tr("Told to (property company's person)"))
        self.follow_up_button.setText(self.tr("&Follow up"))
        self.rectified_button.setText(self.tr("Rectified"))
        self.rectified_button.setToolTip(self.tr("Confirm that the selected problem was put right"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Take back the selected finding recorded by mistake"))
        self.co_signer_label.setText(self.tr("Co-si&gner"))
        self.co_signer_edit.setPlaceholderText(self.tr("The property company's person who came along"))
        self.sign_button.setText(self.tr("Co-sign"))
        self.sign_button.setToolTip(self.tr("The property company's person signs the result; the check is then "
                                            "read-only"))
        self.finish_button.setText(self.tr("Finish patrol"))
        self._fill_lists()
        self._show_detail()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    # ----- reading -----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the due list, the inspections and the selected inspection again."""
        selected = self._detail.id if self._detail is not None else None
        self._due = service_inspections.due(self.ctx.service)
        self._rows = service_inspections.inspections()
        self._fill_lists()
        if selected is None or not self.select_inspection(selected):
            self._load_detail(None)

    def inspections(self) -> list[InspectionRow]:
        return list(self._rows)

    def due_items(self) -> list[DueItem]:
        return list(self._due)

    def due_texts(self) -> list[str]:
        return [self.due_list.item(i).text() for i in range(self.due_list.count())]

    def current(self) -> InspectionDetail | None:
        return self._detail

    def findings(self) -> list[ItemView]:
        return list(self._findings)

    def _fill_lists(self) -> None:
        fill_due_list(self.due_list, self._due)
        fill_inspection_table(self.inspection_table, self._rows,
                              self._detail.id if self._detail is not None else None)

    def select_inspection(self, inspection_id: int) -> bool:
        for row, inspection in enumerate(self._rows):
            if inspection.id == inspection_id:
                self.inspection_table.selectRow(row)
                self._load_detail(inspection_id)
                return True
        return False

    def _load_detail(self, inspection_id: int | None) -> None:
        try:
            self._detail = (service_inspections.inspection_detail(inspection_id)
                            if inspection_id is not None else None)
        except DeskError:
            self._detail = None
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self._detail
        selected_code = self.selected_checklist_code()
        selected_finding = self.selected_finding()
        if detail is None:
            self.header_label.setText(self.tr("Select an inspection, or start one."))
        else:
            parts = [label(detail.kind), format_time(detail.started_at), detail.inspector]
            if detail.area:
                parts.append(detail.area)
            parts.append(status_text(detail.kind, detail.finished_at, detail.co_signer))
            if detail.co_signed_at:
                parts[-1] += " " + format_time(detail.co_signed_at)
            self.header_label.setText(" · ".join(parts))
        has_checklist = detail is not None and bool(detail.checklist)
        for widget in (self.checklist_title, self.checklist_table):
            widget.setVisible(has_checklist)
        # Closed, nothing more is recorded: the checklist and the findings get the room.
        self.ok_button.setVisible(has_checklist and not detail.closed)
        self.problem_box.setVisible(detail is not None and not detail.closed)
        self._checklist_codes = fill_checklist(self.checklist_table, detail.checklist if detail is not None else [],
                                               selected_code)
        self._findings = list(detail.findings) if detail is not None else []
        fill_findings(self.findings_table, self._findings, self.ctx.now(),
                      selected_finding.id if selected_finding else None)
        co_signed = detail is not None and detail.co_signed
        for widget in (self.co_signer_label, self.co_signer_edit, self.sign_button):
            widget.setVisible(detail is None or co_signed)
        self.finish_button.setVisible(detail is not None and not co_signed)
        if detail is not None and detail.closed:
            self.co_signer_edit.setText(detail.co_signer)
        elif detail is not None and self.co_signer_edit.isReadOnly():
            self.co_signer_edit.clear()
        self.co_signer_edit.setReadOnly(detail is None or detail.closed)
        self.record_button.setText(record_button_text(self.selected_checklist_code()))
        self._on_findings_table_selection_changed()

    # ----- selection ---------------------------------------------------------------------------------------------

    def selected_checklist_code(self) -> str | None:
        row = self.checklist_table.currentRow()
        if not self.checklist_table.selectedItems() or not 0 <= row < len(self._checklist_codes):
            return None
        return self._checklist_codes[row]

    def select_checklist_item(self, code: str) -> bool:
        if code in self._checklist_codes:
            self.checklist_table.selectRow(self._checklist_codes.index(code))
            return True
        return False

    def checklist_row(self, code: str) -> int:
        return self._checklist_codes.index(code)

    def selected_finding(self) -> ItemView | None:
        row = self.findings_table.currentRow()
        if not self.findings_table.selectedItems() or not 0 <= row < len(self._findings):
            return None
        return self._findings[row]

    def select_finding(self, item_id: int) -> bool:
        for row, finding in enumerate(self._findings):
            if finding.id == item_id:
                self.findings_table.selectRow(row)
                return True
        return False

    @Slot()
    def _on_inspection_table_selection_changed(self) -> None:
        row = self.inspection_table.currentRow()
        if self.inspection_table.selectedItems() and 0 <= row < len(self._rows):
            if self._detail is None or self._detail.id != self._rows[row].id:
                self._load_detail(self._rows[row].id)
        else:
            self._load_detail(None)

    @Slot()
    def _on_findings_table_selection_changed(self) -> None:
        """Offer the follow-up the selected finding's responsibility calls for (asked of the rules, not copied)."""
        finding = self.selected_finding()
        rule = (service_inspections.rule_for(finding, self._detail.kind)
                if finding is not None and self._detail is not None else None)
        self.notice_combo.blockSignals(True)
        self.notice_combo.clear()
        if rule is not None and not finding.followed_up:
            for notice in rule.notices:
                if notice != Notice.NONE:
                    self.notice_combo.addItem(label(notice), notice.value)
        elif finding is not None and finding.followed_up and finding.notice != Notice.NONE:
            self.notice_combo.addItem(label(finding.notice), finding.notice.value)
        self.notice_combo.blockSignals(False)
        self.notice_combo.setVisible(self.notice_combo.count() > 0)
        self.notified_edit.setVisible(rule is not None and rule.ticket_kind is None)
        if finding is None or rule is None:
            self.rule_label.setText("")
        elif finding.followed_up:
            self.rule_label.setText(self.tr("Followed up by {name} at {time}: {what}").format(
                name=finding.followed_up_by, time=format_time(finding.followed_up_at), what=follow_up_text(finding)))
        else:
            self.rule_label.setText(rule_text(rule))
        self._on_notice_combo_changed()

    def _selected_notice(self) -> Notice:
        value = self.notice_combo.currentData()
        return Notice(value) if value else Notice.NONE

    @Slot()
    def _on_notice_combo_changed(self) -> None:
        finding = self.selected_finding()
        rule = (service_inspections.rule_for(finding, self._detail.kind)
                if finding is not None and self._detail is not None else None)
        needs = (rule is not None and not finding.followed_up and rule.needs_deadline(self._selected_notice()))
        if finding is not None and finding.followed_up and finding.rectify_by is not None:
            self.deadline_edit.setDateTime(QDateTime(finding.rectify_by))
            self.deadline_edit.setVisible(True)
        elif needs:
            now = self.ctx.now()
            self.deadline_edit.setMinimumDateTime(QDateTime(now))
            proposed = proposed_deadline(rule, finding.responsibility, self._selected_notice(), now)
            self.deadline_edit.setDateTime(QDateTime(proposed))
            self.deadline_edit.setVisible(True)
        else:
            self.deadline_edit.setVisible(False)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        detail = self._detail
        allowed = may(self.ctx.actor.role, Operation.INSPECT)
        open_ = detail is not None and not detail.closed and allowed
        for button in (self.patrol_button, self.weekly_button, self.monthly_button):
            button.setEnabled(allowed)
        self.area_edit.setEnabled(allowed)
        code = self.selected_checklist_code()
        self.record_button.setText(record_button_text(code))
        self.ok_button.setEnabled(open_ and code is not None)
        self.problem_box.setEnabled(open_)
        self.record_button.setEnabled(open_ and bool(self.problem_edit.text().strip()))
        finding = self.selected_finding()
        self.follow_up_button.setEnabled(allowed and finding is not None and not finding.followed_up)
        self.rectified_button.setEnabled(allowed and finding is not None and finding.followed_up
                                         and finding.rectified_at is None)
        self.remove_button.setEnabled(open_ and finding is not None and not finding.followed_up)
        self.notice_combo.setEnabled(allowed and finding is not None and not finding.followed_up)
        self.deadline_edit.setEnabled(allowed and finding is not None and not finding.followed_up)
        self.notified_edit.setEnabled(allowed and finding is not None and not finding.followed_up)
        self.sign_button.setEnabled(open_ and detail.co_signed and not detail.unchecked
                                    and bool(self.co_signer_edit.text().strip()))
        self.finish_button.setEnabled(open_ and not detail.co_signed)
        # Whether the check or the finding has such a paper is the service's answer when printing.
        self.print_checklist_button.setEnabled(detail is not None)
        self.print_notice_button.setEnabled(finding is not None)

    # ----- printing ----------------------------------------------------------------------------------------------

    @Slot()
    def print_checklist(self) -> PaperJob | None:
        if self._detail is None:
            return None
        from desk_app.services.papers.inspections import checklist  # ReportLab loads on the first print

        title = f"{label(FormKind.CHECKLIST)} {self._detail.id}"
        return print_paper(self, self.ctx, checklist, self._detail.id, title=title, file_name=f"{title}.pdf")

    @Slot()
    def print_notice(self) -> PaperJob | None:
        finding = self.selected_finding()
        if finding is None:
            return None
        from desk_app.services.papers.inspections import notice  # ReportLab loads on the first print

        title = self.tr("Notice of finding {id}").format(id=finding.id)
        return print_paper(self, self.ctx, notice, finding.id, title=title, file_name=f"{title}.pdf")

    # ----- changing ----------------------------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setProperty("error", "true" if error else "false")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)
        self.message_label.show()

    def run(self, call: Callable[[], object], done: str) -> object | None:
        """Call a service; say what happened (a refusal in red). Its result, or None if it was refused."""
        try:
            result = call()
        except DeskError as error:
            self.show_message(error_text(error), error=True)
            self.refresh()   # another desk may have signed or followed up meanwhile: show what is there now
            return None
        except Exception:  # never a traceback at the desk
            log.exception("inspection action failed")
            self.show_message(self.tr("Could not save. Nothing was changed; try again."), error=True)
            return None
        self.show_message(done)
        self.refresh()
        return True if result is None else result

    def start(self, kind: InspectionKind) -> int | None:
        """Start a patrol or a check now, with this person as the inspector; it is selected."""
        area = self.area_edit.text()
        new_id = self.run(lambda: service_inspections.start_inspection(self.ctx.service, self.ctx.actor, kind,
                                                                       area=area),
                          self.tr("{kind} started.").format(kind=label(kind)))
        if isinstance(new_id, int) and not isinstance(new_id, bool):
            self.select_inspection(new_id)
            return new_id
        return None

    @Slot()
    def _on_patrol_button_clicked(self) -> None:
        self.start(InspectionKind.PATROL)

    @Slot()
    def _on_weekly_button_clicked(self) -> None:
        self.start(InspectionKind.WEEKLY)

    @Slot()
    def _on_monthly_button_clicked(self) -> None:
        self.start(InspectionKind.MONTHLY)

    @Slot()
    def _on_photo_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Photo of the problem"), "",
                                                    self.tr("Images (*.jpg *.jpeg *.png *.heic);;All files (*)"))
        if path:
            self.photo_edit.setText(path)

    @Slot()
    def mark_ok(self) -> bool:
        """The selected checklist item is in order."""
        code = self.selected_checklist_code()
        if self._detail is None or code is None:
            return False
        inspection_id = self._detail.id
        done = self.run(lambda: service_inspections.record_result(self.ctx.service, self.ctx.actor, inspection_id,
                                                                  code, ok=True), self.tr("Marked OK."))
        if done is None:
            return False
        self._select_next_unchecked(code)
        return True

    def _select_next_unchecked(self, after: str) -> None:
        if self._detail is not None:
            self.select_checklist_item(next_unchecked(self._detail.checklist, after))

    @Slot()
    def record_problem(self) -> bool:
        """The problem typed: for the selected checklist item, or a finding of its own (发现问题及时拍照记录)."""
        if self._detail is None:
            return False
        inspection_id = self._detail.id
        code = self.selected_checklist_code()
        fields = dict(problem=self.problem_edit.text(), location=self.location_edit.text(),
                      responsibility=Responsibility(self.responsibility_combo.currentData()),
                      serious=self.serious_check.isChecked(), photo_path=self.photo_edit.text())
        service, actor = self.ctx.service, self.ctx.actor
        if code is not None:
            call = partial(service_inspections.record_result, service, actor, inspection_id, code, ok=False, **fields)
        else:
            call = partial(service_inspections.record_finding, service, actor, inspection_id, **fields)
        item_id = self.run(call, self.tr("Problem recorded."))
        if item_id is None:
            return False
        for edit in (self.problem_edit, self.location_edit, self.photo_edit):
            edit.clear()
        self.serious_check.setChecked(False)
        if isinstance(item_id, int):
            self.select_finding(item_id)
        if code is not None:
            self._select_next_unchecked(code)
        return True

    def set_responsibility(self, responsibility: Responsibility) -> None:
        self.responsibility_combo.setCurrentIndex(self.responsibility_combo.findData(responsibility.value))

    def choose_notice(self, notice: Notice) -> bool:
        index = self.notice_combo.findData(notice.value)
        if index >= 0:
            self.notice_combo.setCurrentIndex(index)
        return index >= 0

    def deadline(self) -> dt.datetime | None:
        """The rectification deadline offered for the selected finding (None when its follow-up needs none)."""
        if not self.deadline_edit.isVisibleTo(self):
            return None
        return self.deadline_edit.dateTime().toPython().replace(second=0, microsecond=0)

    def set_deadline(self, at: dt.datetime) -> None:
        self.deadline_edit.setDateTime(QDateTime(at))

    @Slot()
    def follow_up_selected(self) -> bool:
        """Do what the selected finding's responsibility asks for: a ticket, a numbered notice, an oral notice."""
        finding = self.selected_finding()
        if finding is None:
            return False
        notice = self._selected_notice() if self.notice_combo.count() else None
        rectify_by = self.deadline()
        told = self.notified_edit.text()
        service, actor = self.ctx.service, self.ctx.actor
        result = self.run(lambda: service_inspections.follow_up(service, actor, finding.id, notice=notice,
                                                               rectify_by=rectify_by, notified_to=told),
                          self.tr("Followed up."))
        if result is None:
            return False
        self.notified_edit.clear()
        self.select_finding(finding.id)
        if isinstance(result, ItemView):
            self.show_message(self.tr("Followed up: {what}").format(what=follow_up_text(result)))
        return True

    @Slot()
    def confirm_rectified_selected(self) -> bool:
        finding = self.selected_finding()
        if finding is None:
            return False
        done = self.run(lambda: service_inspections.confirm_rectified(self.ctx.service, self.ctx.actor, finding.id),
                        self.tr("Rectification confirmed."))
        if done is not None:
            self.select_finding(finding.id)
        return done is not None

    @Slot()
    def remove_selected(self) -> bool:
        finding = self.selected_finding()
        if finding is None:
            return False
        return self.run(lambda: service_inspections.remove_item(self.ctx.service, self.ctx.actor, finding.id),
                        self.tr("Finding removed.")) is not None

    @Slot()
    def sign(self) -> bool:
        """签字确认: the property company's person signs the weekly or monthly check."""
        if self._detail is None:
            return False
        inspection_id, name = self._detail.id, self.co_signer_edit.text()
        return self.run(lambda: service_inspections.co_sign(self.ctx.service, self.ctx.actor, inspection_id, name),
                        self.tr("Signed by {name}: the check is closed.").format(name=name.strip())) is not None

    @Slot()
    def finish(self) -> bool:
        """结束巡视: the patrol counts for today and is closed."""
        if self._detail is None:
            return False
        inspection_id = self._detail.id
        return self.run(lambda: service_inspections.finish_patrol(self.ctx.service, self.ctx.actor, inspection_id),
                        self.tr("Patrol finished.")) is not None

    # ----- context -----------------------------------------------------------------------------------------------

    @Slot(object)
    def _on_ctx_changed(self, change: object) -> None:
        if getattr(change, "topic", None) in self.TOPICS:
            self.refresh()

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor: object) -> None:
        self._update_buttons()
