"""客户档案 editor: one customer's archive in tabs (butler fields, numbers and addresses, household, history).

The editor shows a `CustomerArchive` from the customer service and gives back a `CustomerDraft`; it never writes.
Errors come back from the draft's validation with a field name ("name", "numbers.1", "members.0.birth_year", …) and
are shown beside that field, or on the row of the table the index names.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.customers import AddressDraft, CustomerDraft, MemberDraft, NumberDraft
from desk_app.core.errors import DeskError
from desk_app.core.validation import display_phone
from desk_app.ui.common import error_text
from desk_app.ui.forms import FieldErrors, style_error_label

__all__ = ["ArchiveEditor", "event_kind_text", "ROW_FIELD"]

# A table's field in a ValidationError: "numbers.1", "addresses.0", "members.2.birth_year" (index from 0).
ROW_FIELD = re.compile(r"^(?P<table>numbers|addresses|members)(?:\.(?P<row>\d+)(?:\.(?P<column>\w+))?)?$")
ERROR_BACKGROUND = QColor("#fdecea")

# The butler fields of procedure 4.1.1 that are one line of text.
LINE_FIELDS = ("occupation", "interests", "specialties", "pets", "festivals")
MEMBER_COLUMNS = ("name", "relation", "birth_year", "occupation", "interests", "phone", "note")
# The columns of each table by the draft's field names (numbers.N.label is column 1 of the numbers table).
TABLE_COLUMNS = {"numbers": ("text", "label"), "addresses": ("address", "area", "label"), "members": MEMBER_COLUMNS}


def event_kind_text(kind: str) -> str:
    """来电/去电/工单/投诉/维修/回访/跟踪 for an ArchiveEvent's kind."""
    texts = {
        "call_in": QCoreApplication.translate("ArchiveEvent", "Call in"),
        "call_out": QCoreApplication.translate("ArchiveEvent", "Call out"),
        "ticket": QCoreApplication.translate("ArchiveEvent", "Ticket"),
        "complaint": QCoreApplication.translate("ArchiveEvent", "Complaint"),
        "repair": QCoreApplication.translate("ArchiveEvent", "Repair"),
        "visit": QCoreApplication.translate("ArchiveEvent", "Return visit"),
        "follow_up": QCoreApplication.translate("ArchiveEvent", "Follow-up"),
    }
    return texts.get(kind, kind)


EVENT_COLORS = {"complaint": "#b71c1c", "repair": "#0d47a1", "call_out": "#1b5e20", "follow_up": "#1b5e20"}


class YearDelegate(QStyledItemDelegate):
    """A birth-year cell takes digits only; whether the year is plausible is the draft's to say."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(QIntValidator(0, 9999, editor))
        return editor


def _table(headers: int) -> QTableWidget:
    table = QTableWidget(0, headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setHighlightSections(False)
    return table


class RowTable(QWidget):
    """An editable table with 添加 / 删除 buttons and an error line under it naming the row in error."""

    edited = Signal()

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _table(columns)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.error_label = QLabel()
        style_error_label(self.error_label)
        self.error_label.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemChanged.connect(self._on_table_item_changed)

    def set_rows(self, rows: list[list[str]]) -> None:
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(rows))
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    self.table.setItem(r, c, QTableWidgetItem(value))
        finally:
            self.table.blockSignals(False)
        self.clear_error()

    def rows(self) -> list[tuple[int, list[str]]]:
        """(row index, cell texts) of every row that has any text; empty rows are left out."""
        result = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text() if self.table.item(r, c) else "").strip()
                     for c in range(self.table.columnCount())]
            if any(cells):
                result.append((r, cells))
        return result

    def set_editable(self, editable: bool) -> None:
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button.setVisible(editable)
        self.remove_button.setVisible(editable)

    def show_row_error(self, row: int | None, text: str) -> None:
        self.clear_error()
        if row is not None and 0 <= row < self.table.rowCount():
            self.table.blockSignals(True)
            for c in range(self.table.columnCount()):
                item = self.table.item(row, c)
                if item is None:
                    item = QTableWidgetItem("")
                    self.table.setItem(row, c, item)
                item.setBackground(QBrush(ERROR_BACKGROUND))
            self.table.blockSignals(False)
            self.table.selectRow(row)
            self.error_label.setText(QCoreApplication.translate("ArchiveEditor", "Row {row}: {message}").format(
                row=row + 1, message=text))
        else:
            self.error_label.setText(text)
        self.error_label.show()

    def error_row(self) -> int | None:
        """The row marked in error, if any."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.background().color() == ERROR_BACKGROUND:
                return r
        return None

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
        self.table.blockSignals(False)

    @Slot()
    def _on_add_button_clicked(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0) or self._new_item(row))
        self.edited.emit()

    def _new_item(self, row: int) -> QTableWidgetItem:
        item = QTableWidgetItem("")
        self.table.setItem(row, 0, item)
        return item

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.clear_error()
            self.edited.emit()

    @Slot(QTableWidgetItem)
    def _on_table_item_changed(self, _item: QTableWidgetItem) -> None:
        self.edited.emit()


class ArchiveEditor(QWidget):
    """One customer's archive: 基本信息, 电话与地址, 家庭成员, 历史记录.

    `show_archive(archive)` fills it (None: a new, empty archive); `draft()` is what was typed; `show_error(err)`
    puts a service's error beside its field. Signals: `ticket_requested(ticket_id)` (a ticket of the history was
    double-clicked) and `edited()` (anything was typed).
    """

    ticket_requested = Signal(int)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = None
        self._editable = True
        self._filling = False
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.message_label = QLabel()
        self.errors = FieldErrors(self.message_label, self)
        self._build_basic()
        self._build_contacts()
        self._build_members()
        self._build_history()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)
        self.translate_ui()
        self.show_archive(None)

    # ----- building -----------------------------------------------------------------------------------------

    def _build_basic(self) -> None:
        page = QWidget()
        self.basic_page = page
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.household_spin = QSpinBox()
        self.household_spin.setRange(0, 99)
        self.birth_year_spin = QSpinBox()
        self.birth_year_spin.setRange(0, 2200)
        self.birth_year_spin.setGroupSeparatorShown(False)
        self.age_label = QLabel()
        self.age_label.setStyleSheet("color: #546e7a;")
        self.line_edits: dict[str, QLineEdit] = {}
        for field in LINE_FIELDS:
            edit = QLineEdit()
            edit.setMaxLength(200)
            self.line_edits[field] = edit
        self.needs_edit = QPlainTextEdit()
        self.notes_edit = QPlainTextEdit()
        line = self.fontMetrics().lineSpacing()
        for edit in (self.needs_edit, self.notes_edit):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(line * 3 + 12)
            edit.setMaximumHeight(line * 6 + 12)
        self.stamp_label = QLabel()
        self.stamp_label.setStyleSheet("color: #78909c;")
        self.counts_label = QLabel()
        self.counts_label.setStyleSheet("color: #37474f;")
        self.counts_label.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(3)
        self._captions: dict[str, QLabel] = {}

        def row(field: str, widget: QWidget, *, shown: QWidget | None = None) -> None:
            caption = QLabel()
            caption.setBuddy(widget)
            self._captions[field] = caption
            self.form.addRow(caption, shown or widget)
            error = QLabel()
            self.form.addRow("", error)
            self.errors.add(field, error, widget)

        row("name", self.name_edit)
        row("household_size", self.household_spin)
        year_row = QHBoxLayout()
        year_row.setContentsMargins(0, 0, 0, 0)
        year_row.addWidget(self.birth_year_spin)
        year_row.addWidget(self.age_label, 1)
        year_box = QWidget()
        year_box.setLayout(year_row)
        year_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row("birth_year", self.birth_year_spin, shown=year_box)
        for field in LINE_FIELDS:
            row(field, self.line_edits[field])
        row("needs", self.needs_edit)
        row("notes", self.notes_edit)
        layout = QVBoxLayout(page)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.stamp_label)
        layout.addStretch(1)
        self.tabs.addTab(page, "")
        self.name_edit.textEdited.connect(self._on_field_edited)
        self.household_spin.valueChanged.connect(self._on_field_edited)
        self.birth_year_spin.valueChanged.connect(self._on_birth_year_changed)
        for edit in self.line_edits.values():
            edit.textEdited.connect(self._on_field_edited)
        self.needs_edit.textChanged.connect(self._on_field_edited)
        self.notes_edit.textChanged.connect(self._on_field_edited)

    def _build_contacts(self) -> None:
        page = QWidget()
        self.contacts_page = page
        self.numbers = RowTable(2)
        self.addresses = RowTable(3)
        # The number and the address take the width; area and label get room for a few characters.
        wide = self.fontMetrics().horizontalAdvance("中") * 8
        for table in (self.numbers.table, self.addresses.table):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, table.columnCount()):
                header.resizeSection(column, wide)
        self.numbers_caption = QLabel()
        self.numbers_caption.setObjectName("sectionTitle")
        self.addresses_caption = QLabel()
        self.addresses_caption.setObjectName("sectionTitle")
        layout = QVBoxLayout(page)
        layout.addWidget(self.numbers_caption)
        layout.addWidget(self.numbers, 1)
        layout.addWidget(self.addresses_caption)
        layout.addWidget(self.addresses, 1)
        self.tabs.addTab(page, "")
        self.numbers.edited.connect(self._on_field_edited)
        self.addresses.edited.connect(self._on_field_edited)

    def _build_members(self) -> None:
        page = QWidget()
        self.members_page = page
        self.members = RowTable(len(MEMBER_COLUMNS))
        self.members.table.setItemDelegateForColumn(MEMBER_COLUMNS.index("birth_year"), YearDelegate(self))
        header = self.members.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.household_label = QLabel()
        self.household_label.setStyleSheet("color: #37474f;")
        layout = QVBoxLayout(page)
        layout.addWidget(self.household_label)
        layout.addWidget(self.members, 1)
        self.tabs.addTab(page, "")
        self.members.edited.connect(self._on_field_edited)

    def _build_history(self) -> None:
        page = QWidget()
        self.history_page = page
        self.history_table = _table(5)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(False)
        header = self.history_table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history_table.itemActivated.connect(self._on_history_table_item_activated)
        self.history_hint = QLabel()
        self.history_hint.setStyleSheet("color: #78909c;")
        layout = QVBoxLayout(page)
        layout.addWidget(self.history_table, 1)
        layout.addWidget(self.history_hint)
        self.tabs.addTab(page, "")

    def translate_ui(self) -> None:
        captions = {
            "name": self.tr("&Name"), "household_size": self.tr("&Household size"),
            "birth_year": self.tr("&Birth year"), "occupation": self.tr("&Occupation"),
            "interests": self.tr("&Interests"), "specialties": self.tr("&Specialties"), "pets": self.tr("&Pets"),
            "festivals": self.tr("&Festivals kept"), "needs": self.tr("Service &needs"), "notes": self.tr("N&otes"),
        }
        for field, text in captions.items():
            self._captions[field].setText(text)
        self.household_spin.setSpecialValueText(self.tr("(not known)"))
        self.birth_year_spin.setSpecialValueText(self.tr("(not known)"))
        self.line_edits["festivals"].setPlaceholderText(self.tr("e.g. Spring Festival; Mid-Autumn"))
        self.line_edits["pets"].setPlaceholderText(self.tr("e.g. one dog (large)"))
        self.needs_edit.setPlaceholderText(self.tr("What this household wants from the property service"))
        self.tabs.setTabText(0, self.tr("Basic information"))
        self.tabs.setTabText(1, self.tr("Phones and addresses"))
        self.tabs.setTabText(2, self.tr("Household members"))
        self.tabs.setTabText(3, self.tr("History"))
        self.numbers_caption.setText(self.tr("Phone numbers"))
        self.addresses_caption.setText(self.tr("Addresses"))
        self.numbers.table.setHorizontalHeaderLabels([self.tr("Number (extension after 转)"), self.tr("Label")])
        self.addresses.table.setHorizontalHeaderLabels([self.tr("Address"), self.tr("Area"), self.tr("Label")])
        self.members.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Relation"), self.tr("Birth year"), self.tr("Occupation"), self.tr("Interests"),
            self.tr("Phone"), self.tr("Note")])
        self.history_table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Kind"), self.tr("Ticket"), self.tr("What"), self.tr("Detail")])
        self.history_hint.setText(self.tr("Double-click a line with a ticket to open the ticket."))
        for table in (self.numbers, self.addresses, self.members):
            table.add_button.setText(self.tr("Add"))
            table.remove_button.setText(self.tr("Remove"))
        self._update_age()
        self._update_counts()

    # ----- showing ------------------------------------------------------------------------------------------

    @property
    def customer_id(self) -> int | None:
        return self.archive.id if self.archive is not None else None

    @property
    def version(self) -> int | None:
        return self.archive.version if self.archive is not None else None

    def show_archive(self, archive, *, name: str = "", number: str = "") -> None:
        """Show an archive; None starts a new one (prefilled with `name` and `number` if given)."""
        self.archive = archive
        self._filling = True
        try:
            self.errors.clear()
            for table in (self.numbers, self.addresses, self.members):
                table.clear_error()
            if archive is None:
                self.name_edit.setText(name)
                self.household_spin.setValue(0)
                self.birth_year_spin.setValue(0)
                for edit in self.line_edits.values():
                    edit.clear()
                self.needs_edit.clear()
                self.notes_edit.clear()
                self.numbers.set_rows([[number, ""]] if number else [])
                self.addresses.set_rows([])
                self.members.set_rows([])
                self.history_table.setRowCount(0)
                self.stamp_label.clear()
            else:
                self.name_edit.setText(archive.name)
                self.household_spin.setValue(archive.household_size or 0)
                self.birth_year_spin.setValue(archive.birth_year or 0)
                for field, edit in self.line_edits.items():
                    edit.setText(getattr(archive, field) or "")
                    edit.setCursorPosition(0)
                self.needs_edit.setPlainText(archive.needs or "")
                self.notes_edit.setPlainText(archive.notes or "")
                self.numbers.set_rows([[display_phone(n.e164, n.extension) if n.e164 else n.number, n.label]
                                       for n in archive.numbers])
                self.addresses.set_rows([[a.address, a.area, a.label] for a in archive.addresses])
                self.members.set_rows([[m.name, m.relation, str(m.birth_year or ""), m.occupation, m.interests,
                                        m.phone, m.note] for m in archive.members])
                self.members.table.resizeColumnsToContents()
                self._fill_history(archive.events)
                self.stamp_label.setText(self.tr("Created {created} · updated {updated} · version {version}").format(
                    created=_stamp(archive.created_at), updated=_stamp(archive.updated_at), version=archive.version))
        finally:
            self._filling = False
        self._update_age()
        self._update_counts()
        self.tabs.setTabEnabled(3, archive is not None)

    def _fill_history(self, events) -> None:
        self.history_table.setRowCount(len(events))
        for r, event in enumerate(events):
            values = [_stamp(event.at), event_kind_text(event.kind), event.ticket_number or "", event.title,
                      event.detail]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, event.ticket_id)
                if c == 1 and event.kind in EVENT_COLORS:
                    item.setForeground(QBrush(QColor(EVENT_COLORS[event.kind])))
                if c == 4:
                    item.setToolTip(text)
                self.history_table.setItem(r, c, item)

    def _update_age(self) -> None:
        year = self.birth_year_spin.value()
        self.age_label.setText(self.tr("age {age}").format(age=dt.date.today().year - year)
                               if 1900 <= year <= dt.date.today().year else "")

    def _update_counts(self) -> None:
        archive = self.archive
        if archive is None:
            self.counts_label.setText(self.tr("New archive: fill in at least the name and one phone number."))
            self.household_label.clear()
            return
        counts = archive.counts or {}
        self.counts_label.setText(self.tr(
            "{calls} calls · {tickets} tickets · {complaints} complaints · {repairs} repairs · {open} open").format(
            calls=counts.get("calls", 0), tickets=counts.get("tickets", 0), complaints=counts.get("complaints", 0),
            repairs=counts.get("repairs", 0), open=len(archive.open_tickets)))
        size = archive.household_size
        self.household_label.setText(
            self.tr("Household of {size}; {members} member(s) recorded.").format(size=size, members=len(
                archive.members)) if size else self.tr("{members} member(s) recorded.").format(
                members=len(archive.members)))

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for edit in (self.name_edit, *self.line_edits.values()):
            edit.setReadOnly(not editable)
        for edit in (self.needs_edit, self.notes_edit):
            edit.setReadOnly(not editable)
        for spin in (self.household_spin, self.birth_year_spin):
            spin.setReadOnly(not editable)
        for table in (self.numbers, self.addresses, self.members):
            table.set_editable(editable)

    # ----- reading ------------------------------------------------------------------------------------------

    def draft(self) -> CustomerDraft:
        """What is typed now, as the customer service takes it (validated there)."""
        numbers = tuple(NumberDraft(cells[0], cells[1]) for _r, cells in self.numbers.rows())
        addresses = tuple(AddressDraft(cells[0], cells[1], cells[2]) for _r, cells in self.addresses.rows())
        members = []
        for _r, cells in self.members.rows():
            values = dict(zip(MEMBER_COLUMNS, cells, strict=True))
            year = values.pop("birth_year")
            members.append(MemberDraft(birth_year=int(year) if year.isdigit() else None, **values))
        return CustomerDraft(
            self.name_edit.text(), numbers, addresses=addresses, members=tuple(members),
            household_size=self.household_spin.value() or None, birth_year=self.birth_year_spin.value() or None,
            needs=self.needs_edit.toPlainText(), notes=self.notes_edit.toPlainText(),
            **{field: edit.text() for field, edit in self.line_edits.items()})

    def draft_rows(self, table: str) -> list[int]:
        """The table rows the draft's entries come from (a draft's numbers.N is row draft_rows("numbers")[N])."""
        return [r for r, _cells in getattr(self, table).rows()]

    # ----- errors -------------------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.errors.clear()
        for table in (self.numbers, self.addresses, self.members):
            table.clear_error()

    def show_error(self, err: DeskError) -> QWidget | None:
        """Put a service's error beside its field (a row of a table for "numbers.N"), show its tab, and return the
        input to focus."""
        self.clear_errors()
        match = ROW_FIELD.match(err.field or "")
        if match:
            table = getattr(self, match["table"])
            index = int(match["row"]) if match["row"] is not None else None
            rows = self.draft_rows(match["table"])
            row = rows[index] if index is not None and index < len(rows) else None
            table.show_row_error(row, error_text(err))
            self.tabs.setCurrentWidget(self.members_page if match["table"] == "members" else self.contacts_page)
            if row is not None:
                columns = TABLE_COLUMNS[match["table"]]
                column = columns.index(match["column"]) if match["column"] in columns else 0
                table.table.setCurrentCell(row, column)
            return table.table
        widget = self.errors.show_error(err)
        if widget is not None:
            self.tabs.setCurrentWidget(self.basic_page)
        return widget

    def show_conflict(self, text: str) -> None:
        """A general message (a stale save, a refusal): what was typed stays."""
        self.errors.show_general(text)

    # ----- slots --------------------------------------------------------------------------------------------

    @Slot()
    def _on_field_edited(self) -> None:
        if not self._filling:
            self.edited.emit()

    @Slot()
    def _on_birth_year_changed(self) -> None:
        self._update_age()
        self._on_field_edited()

    @Slot(QTableWidgetItem)
    def _on_history_table_item_activated(self, item: QTableWidgetItem) -> None:
        ticket_id = item.data(Qt.ItemDataRole.UserRole)
        if ticket_id:
            self.ticket_requested.emit(int(ticket_id))


def _stamp(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")
