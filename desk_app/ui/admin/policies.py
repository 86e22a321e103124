"""时限策略与优先级矩阵: the time limits page of the administration window: policies, the priority matrix."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.kinds import Level, Severity, TicketKind
from desk_app.core.policies import ClockKind, Variant
from desk_app.services import admin, customers, followups
from desk_app.services.config import MAX_FOLLOW_UP_DAYS
from desk_app.ui.admin.common import (
    AdminPage,
    active_text,
    compact_form,
    fill_table,
    hint_label,
    make_table,
    select_id,
    selected_id,
    with_error,
)
from desk_app.ui.common import label, label_of
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors, limit_text


class PoliciesPage(AdminPage):
    """时限策略与优先级矩阵: each policy's clocks, the urgency × impact matrix, P1–P5 limits, the approaching share."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._policies: list[admin.PolicyInfo] = []
        self._current: admin.PolicyInfo | None = None
        self.table = make_table(self, "policy_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)

        # The selected policy.
        self.policy_box = QGroupBox(self)
        self.policy_message = QLabel(self)
        self.policy_errors = FieldErrors(self.policy_message, self)
        self.policy_name_edit = QLineEdit(self)
        self.policy_name_edit.setObjectName("policy_name_edit")
        self.applies_label = QLabel(self)
        self.applies_label.setWordWrap(True)
        self.limit_edits: dict[str, QLineEdit] = {}
        self.limit_previews: dict[str, QLabel] = {}
        self.limit_captions: dict[str, QLabel] = {}
        form = compact_form()
        self.policy_captions = [QLabel(self) for _ in range(4)]
        form.addRow(self.policy_captions[0], with_error(self.policy_name_edit, self.policy_errors, "name"))
        form.addRow(self.policy_captions[1], self.applies_label)
        for clock in admin.POLICY_CLOCKS:
            edit = QLineEdit(self)
            edit.setObjectName(f"limit_{clock.value}_edit")
            edit.setMaximumWidth(110)
            edit.textChanged.connect(self._on_limit_edit_text_changed)
            preview = hint_label("", self)
            preview.setWordWrap(False)
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(preview, 1)
            holder = QWidget(self)
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.setSpacing(1)
            holder_layout.addLayout(row)
            error = QLabel(holder)
            error.setObjectName(f"error_clocks.{clock.value}")
            holder_layout.addWidget(error)
            self.policy_errors.add(f"clocks.{clock.value}", error, edit)
            caption = QLabel(self)
            self.limit_captions[clock.value] = caption
            self.limit_edits[clock.value] = edit
            self.limit_previews[clock.value] = preview
            form.addRow(caption, holder)
        self.clocks_error = QLabel(self)
        self.policy_errors.add("clocks", self.clocks_error)
        form.addRow("", self.clocks_error)
        self.use_priority_check = QCheckBox(self)
        self.use_priority_check.setObjectName("use_priority_check")
        self.policy_active_check = QCheckBox(self)
        self.policy_active_check.setObjectName("policy_active_check")
        form.addRow(self.policy_captions[2], self.use_priority_check)
        form.addRow(self.policy_captions[3], with_error(self.policy_active_check, self.policy_errors, "active"))
        self.save_policy_button = QPushButton(self)
        self.save_policy_button.setObjectName("save_policy_button")
        self.save_policy_button.clicked.connect(self._on_save_policy_button_clicked)
        self.policy_note = hint_label("", self)
        policy_buttons = QHBoxLayout()
        policy_buttons.addWidget(self.policy_note, 1)
        policy_buttons.addWidget(self.save_policy_button, 0, Qt.AlignmentFlag.AlignBottom)
        policy_layout = QVBoxLayout(self.policy_box)
        policy_layout.addLayout(form)
        policy_layout.addWidget(self.policy_message)
        policy_layout.addStretch(1)
        policy_layout.addLayout(policy_buttons)

        # The priority matrix and the P1–P5 limits.
        self.priority_box = QGroupBox(self)
        self.priority_message = QLabel(self)
        self.priority_errors = FieldErrors(self.priority_message, self)
        matrix_grid = QGridLayout()
        matrix_grid.setHorizontalSpacing(6)
        matrix_grid.setVerticalSpacing(4)
        self.matrix_corner = QLabel(self)
        self.matrix_corner.setProperty("hint", True)
        matrix_grid.addWidget(self.matrix_corner, 0, 0)
        self.impact_headers: dict[Level, QLabel] = {}
        self.urgency_headers: dict[Level, QLabel] = {}
        self.matrix_combos: dict[tuple[Level, Level], QComboBox] = {}
        for column, impact in enumerate(admin.LEVELS, start=1):
            header = QLabel(self)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.impact_headers[impact] = header
            matrix_grid.addWidget(header, 0, column)
        for row, urgency in enumerate(admin.LEVELS, start=1):
            header = QLabel(self)
            self.urgency_headers[urgency] = header
            matrix_grid.addWidget(header, row, 0)
            for column, impact in enumerate(admin.LEVELS, start=1):
                combo = QComboBox(self)
                combo.setObjectName(f"matrix_{urgency.value}_{impact.value}")
                for level in admin.PRIORITY_LEVELS:
                    combo.addItem(f"P{level}", level)
                self.matrix_combos[(urgency, impact)] = combo
                matrix_grid.addWidget(combo, row, column)
        limits_grid = QGridLayout()
        limits_grid.setHorizontalSpacing(6)
        limits_grid.setVerticalSpacing(2)
        self.respond_header = QLabel(self)
        self.resolve_header = QLabel(self)
        limits_grid.addWidget(self.respond_header, 0, 1)
        limits_grid.addWidget(self.resolve_header, 0, 2)
        self.priority_limit_edits: dict[tuple[int, str], QLineEdit] = {}
        for row, level in enumerate(admin.PRIORITY_LEVELS, start=1):
            limits_grid.addWidget(QLabel(f"P{level}", self), row, 0, Qt.AlignmentFlag.AlignTop)
            for column, clock in enumerate(admin.PRIORITY_CLOCKS, start=1):
                edit = QLineEdit(self)
                edit.setObjectName(f"priority_{level}_{clock}_edit")
                edit.setMaximumWidth(120)
                self.priority_limit_edits[(level, clock)] = edit
                limits_grid.addWidget(with_error(edit, self.priority_errors, f"limits.{level}.{clock}"), row, column)
        limits_grid.setColumnStretch(3, 1)
        self.save_priority_button = QPushButton(self)
        self.save_priority_button.setObjectName("save_priority_button")
        self.save_priority_button.clicked.connect(self._on_save_priority_button_clicked)
        self.matrix_caption = QLabel(self)
        self.limits_caption = QLabel(self)
        for caption in (self.matrix_caption, self.limits_caption):
            font = QFont(caption.font())
            font.setBold(True)
            caption.setFont(font)
        priority_layout = QVBoxLayout(self.priority_box)
        priority_layout.addWidget(self.matrix_caption)
        priority_layout.addLayout(matrix_grid)
        priority_layout.addSpacing(6)
        priority_layout.addWidget(self.limits_caption)
        priority_layout.addLayout(limits_grid)
        priority_layout.addWidget(self.priority_message)
        priority_buttons = QHBoxLayout()
        priority_buttons.addStretch(1)
        priority_buttons.addWidget(self.save_priority_button)
        priority_layout.addLayout(priority_buttons)

        self.share_box = QGroupBox(self)
        self.share_message = QLabel(self)
        self.share_errors = FieldErrors(self.share_message, self)
        self.share_spin = QSpinBox(self)
        self.share_spin.setObjectName("share_spin")
        self.share_spin.setRange(1, 100)
        self.share_spin.setSuffix(" %")
        self.save_share_button = QPushButton(self)
        self.save_share_button.setObjectName("save_share_button")
        self.save_share_button.clicked.connect(self._on_save_share_button_clicked)
        self.share_hint = hint_label("", self)
        share_row = QHBoxLayout()
        share_row.addWidget(with_error(self.share_spin, self.share_errors, "approaching_share"))
        share_row.addWidget(self.save_share_button, 0, Qt.AlignmentFlag.AlignTop)
        share_row.addStretch(1)
        share_layout = QVBoxLayout(self.share_box)
        share_layout.addWidget(self.share_hint)
        share_layout.addLayout(share_row)
        share_layout.addWidget(self.share_message)

        # 定期电话访问跟踪: days from a complaint's / a repair's return visit to the follow-up call (0: none).
        self.follow_up_box = QGroupBox(self)
        self.follow_up_box.setObjectName("follow_up_box")
        self.follow_up_message = QLabel(self)
        self.follow_up_errors = FieldErrors(self.follow_up_message, self)
        self.follow_up_hint = hint_label("", self)
        self.follow_up_spins: dict[str, QSpinBox] = {}
        self.follow_up_captions: dict[str, QLabel] = {}
        follow_up_grid = QGridLayout()
        for row, reason in enumerate(("complaint", "repair")):
            spin = QSpinBox(self)
            spin.setObjectName(f"follow_up_{reason}_spin")
            spin.setRange(0, MAX_FOLLOW_UP_DAYS)
            self.follow_up_spins[reason] = spin
            caption = QLabel(self)
            caption.setBuddy(spin)
            self.follow_up_captions[reason] = caption
            follow_up_grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            follow_up_grid.addWidget(with_error(spin, self.follow_up_errors, f"{reason}_days"), row, 1)
        follow_up_grid.setColumnStretch(2, 1)
        self.save_follow_up_button = QPushButton(self)
        self.save_follow_up_button.setObjectName("save_follow_up_button")
        self.save_follow_up_button.clicked.connect(self._on_save_follow_up_button_clicked)
        follow_up_layout = QVBoxLayout(self.follow_up_box)
        follow_up_layout.addWidget(self.follow_up_hint)
        follow_up_layout.addLayout(follow_up_grid)
        follow_up_layout.addWidget(self.follow_up_message)
        follow_up_buttons = QHBoxLayout()
        follow_up_buttons.addStretch(1)
        follow_up_buttons.addWidget(self.save_follow_up_button)
        follow_up_layout.addLayout(follow_up_buttons)

        # 本地区号: the center's area code, which completes a local landline typed without it (62345678).
        self.area_code_box = QGroupBox(self)
        self.area_code_box.setObjectName("area_code_box")
        self.area_code_message = QLabel(self)
        self.area_code_errors = FieldErrors(self.area_code_message, self)
        self.area_code_hint = hint_label("", self)
        self.area_code_edit = QLineEdit(self)
        self.area_code_edit.setObjectName("area_code_edit")
        self.area_code_edit.setMaxLength(8)
        self.area_code_edit.setMaximumWidth(110)
        self.area_code_caption = QLabel(self)
        self.area_code_caption.setBuddy(self.area_code_edit)
        self.save_area_code_button = QPushButton(self)
        self.save_area_code_button.setObjectName("save_area_code_button")
        self.save_area_code_button.clicked.connect(self._on_save_area_code_button_clicked)
        self.area_code_edit.returnPressed.connect(self._on_save_area_code_button_clicked)
        area_code_row = QHBoxLayout()
        area_code_row.addWidget(self.area_code_caption, 0, Qt.AlignmentFlag.AlignTop)
        area_code_row.addWidget(with_error(self.area_code_edit, self.area_code_errors, "area_code"), 1)
        area_code_row.addWidget(self.save_area_code_button, 0, Qt.AlignmentFlag.AlignTop)
        area_code_layout = QVBoxLayout(self.area_code_box)
        area_code_layout.addWidget(self.area_code_hint)
        area_code_layout.addLayout(area_code_row)
        area_code_layout.addWidget(self.area_code_message)

        self.units_hint = hint_label("", self)
        self.units_hint.setObjectName("pageHint")
        right = QVBoxLayout()
        right.addWidget(self.priority_box)
        right.addWidget(self.share_box)
        right.addWidget(self.follow_up_box)
        right.addWidget(self.area_code_box)
        right.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.policy_box, 1)
        left = QVBoxLayout()
        left.addWidget(self.units_hint)
        left.addWidget(self.table, 1)
        left.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        right_holder = QWidget(self)
        right_holder.setLayout(right)
        right_holder.setMaximumWidth(420)
        layout.addWidget(right_holder, 2)

    def translate_ui(self) -> None:
        self.units_hint.setText(self.tr(
            "Limits: m minutes, h hours (24 h hotlines), wh working hours, wd working days (the day of acceptance "
            "does not count), d calendar days — e.g. 20m, 4h, 4wh, 3wd. Changes apply to tickets created from now "
            "on; running clocks keep the limits they started with."))
        for caption, text in zip(self.policy_captions, [self.tr("Name:"), self.tr("Applies to:"),
                                                        self.tr("Priority:"), self.tr("State:")]):
            caption.setText(text)
        for clock in admin.POLICY_CLOCKS:
            self.limit_captions[clock.value].setText(self.tr("{clock}:").format(clock=label(clock)))
            self.limit_edits[clock.value].setPlaceholderText(self.tr("none"))
        self.use_priority_check.setText(self.tr("Also run the priority matrix's response and resolution limits"))
        self.policy_active_check.setText(self.tr("Active"))
        self.save_policy_button.setText(self.tr("Save policy"))
        self.policy_note.setText(self.tr("A limit left empty is not run; the policy's own limits win over the "
                                         "priority matrix's."))
        self.priority_box.setTitle(self.tr("Priority"))
        self.matrix_caption.setText(self.tr("Urgency × impact → priority"))
        self.limits_caption.setText(self.tr("Limits of each priority"))
        self.matrix_corner.setText(self.tr("urgency \\ impact"))
        for level in admin.LEVELS:
            self.impact_headers[level].setText(label(level))
            self.urgency_headers[level].setText(label(level))
        self.respond_header.setText(label(ClockKind.RESPOND))
        self.resolve_header.setText(label(ClockKind.RESOLVE))
        self.save_priority_button.setText(self.tr("Save priority"))
        self.share_box.setTitle(self.tr("Approaching"))
        self.share_hint.setText(self.tr("A limit shows as approaching (amber) once this share of it is used."))
        self.save_share_button.setText(self.tr("Save"))
        self.follow_up_box.setTitle(self.tr("Follow-up calls"))
        self.follow_up_hint.setText(self.tr("Days from the return visit of a complaint or a repair to the desk's "
                                            "follow-up call; 0: no call."))
        self.follow_up_captions["complaint"].setText(self.tr("After a &complaint:"))
        self.follow_up_captions["repair"].setText(self.tr("After a re&pair:"))
        for spin in self.follow_up_spins.values():
            spin.setSuffix(self.tr(" days"))
        self.save_follow_up_button.setText(self.tr("Save follow-up calls"))
        self.area_code_box.setTitle(self.tr("Phone numbers"))
        self.area_code_hint.setText(self.tr("A local landline typed without its area code (62345678) is completed "
                                            "with this one, everywhere a number is typed; empty: none."))
        self.area_code_caption.setText(self.tr("&Local area code:"))
        self.area_code_edit.setPlaceholderText(self.tr("e.g. 010"))
        self.save_area_code_button.setText(self.tr("Save area code"))
        self.refresh()
        self._load_priority()

    def refresh(self) -> None:
        self._policies = admin.policies()
        headers = [self.tr("Policy"), self.tr("Kind"), self.tr("Variant"), self.tr("Severity"), self.tr("Limits"),
                   self.tr("Priority matrix"), self.tr("State")]
        rows = []
        for p in self._policies:
            limits = ", ".join(f"{label(ClockKind(k))} {self._limit_text(v)}" for k, v in p.clocks
                               if k in {c.value for c in ClockKind})
            rows.append((p.id, [p.name, label_of(TicketKind, p.kind) if p.kind else self.tr("every kind"),
                                label_of(Variant, p.variant) if p.variant else "—",
                                label_of(Severity, p.severity) if p.severity else "—", limits or "—",
                                self.tr("yes") if p.use_priority else self.tr("no"), active_text(p.active)]))
        fill_table(self.table, headers, rows, inactive=[p.id for p in self._policies if not p.active])
        for column, width in ((0, 240), (1, 130), (2, 150), (4, 250)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), width))
        if self._current is None and self._policies and selected_id(self.table) is None:
            select_id(self.table, self._policies[0].id)
        elif self._current is not None:
            self._current = next((p for p in self._policies if p.id == self._current.id), None)
        self.share_spin.setValue(round(admin.approaching_share() * 100))
        for reason, days in followups.follow_up_intervals(self.service).items():
            self.follow_up_spins[reason].setValue(days)
        self.area_code_edit.setText(self.service.area_code())

    @staticmethod
    def _limit_text(text: str) -> str:
        try:
            return limit_text(text)
        except ValueError:
            return text

    def _load_policy(self, policy: admin.PolicyInfo | None) -> None:
        self._current = policy
        self.policy_errors.clear()
        self.policy_box.setEnabled(policy is not None)
        if policy is None:
            return
        self.policy_box.setTitle(policy.name)
        self.policy_name_edit.setText(policy.name)
        conditions = [label_of(TicketKind, policy.kind) if policy.kind else self.tr("every kind")]
        if policy.variant:
            conditions.append(label_of(Variant, policy.variant))
        if policy.severity:
            conditions.append(label_of(Severity, policy.severity))
        self.applies_label.setText(" · ".join(conditions))
        for clock, edit in self.limit_edits.items():
            edit.setText(policy.limit(clock))
        self.use_priority_check.setChecked(policy.use_priority)
        self.policy_active_check.setChecked(policy.active)

    def _load_priority(self) -> None:
        matrix, limits = admin.load_priority_config()
        for key, combo in self.matrix_combos.items():
            combo.setCurrentIndex(combo.findData(matrix[key]))
        for (level, clock), edit in self.priority_limit_edits.items():
            edit.setText(str(getattr(limits[level], clock)))
        self.priority_errors.clear()

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        policy_id = selected_id(self.table)
        if policy_id is not None and (self._current is None or self._current.id != policy_id):
            self._load_policy(next((p for p in self._policies if p.id == policy_id), None))

    @Slot(str)
    def _on_limit_edit_text_changed(self, _text: str) -> None:
        for clock, edit in self.limit_edits.items():
            text = edit.text().strip()
            try:
                preview = "= " + limit_text(text) if text else ""
            except ValueError:
                preview = ""
            self.limit_previews[clock].setText(preview)

    @Slot()
    def _on_save_policy_button_clicked(self) -> None:
        if self._current is None:
            return
        policy_id = self._current.id
        clocks = {clock: edit.text() for clock, edit in self.limit_edits.items()}
        ok, _ = self.run(self.policy_errors, lambda: admin.update_policy(
            self.service, self.actor, policy_id, name=self.policy_name_edit.text(), clocks=clocks,
            use_priority=self.use_priority_check.isChecked(), active=self.policy_active_check.isChecked()),
            self.tr("Policy saved: it applies to tickets created from now on."))
        if ok:
            self._current = None
            self.refresh()
            self._load_policy(next((p for p in self._policies if p.id == policy_id), None))

    @Slot()
    def _on_save_priority_button_clicked(self) -> None:
        matrix = {f"{u.value}/{i.value}": combo.currentData() for (u, i), combo in self.matrix_combos.items()}
        limits: dict[str, dict[str, str]] = {}
        for (level, clock), edit in self.priority_limit_edits.items():
            limits.setdefault(str(level), {})[clock] = edit.text()
        ok, _ = self.run(self.priority_errors, lambda: admin.save_priority_config(
            self.service, self.actor, matrix, limits),
            self.tr("Priority saved: it applies to tickets created from now on."))
        if ok:
            self._load_priority()

    @Slot()
    def _on_save_follow_up_button_clicked(self) -> None:
        days = {reason: spin.value() for reason, spin in self.follow_up_spins.items()}
        self.run(self.follow_up_errors, lambda: followups.set_follow_up_intervals(
            self.service, self.actor, complaint_days=days["complaint"], repair_days=days["repair"]),
            self.tr("Saved: it applies to the return visits from now on."))

    @Slot()
    def _on_save_area_code_button_clicked(self) -> None:
        code = self.area_code_edit.text()
        ok, stored = self.run(self.area_code_errors, lambda: customers.set_area_code(
            self.service, self.actor, code), self.tr("Saved: numbers typed from now on use this area code."))
        if ok:
            self.area_code_edit.setText(stored)

    @Slot()
    def _on_save_share_button_clicked(self) -> None:
        share = self.share_spin.value() / 100
        self.run(self.share_errors, lambda: admin.set_approaching_share(self.service, self.actor, share))
