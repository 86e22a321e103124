"""工作日历: the working calendar page of the administration window: the year view, schedule import, office hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.calendar import OfficeHours, parse_schedule_with_notes
from desk_app.core.errors import DeskError, ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.services import admin
from desk_app.ui.admin.common import AdminPage, fill_table, hint_label, make_table, selected_id, with_error
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors
from desk_app.ui.workers import BackgroundJob
from desk_app.ui.year_view import (
    ADJUSTED_BACKGROUND,
    ADJUSTED_TEXT,
    HOLIDAY_BACKGROUND,
    HOLIDAY_TEXT,
    OVERRIDE_OUTLINE,
    WEEKEND_BACKGROUND,
    WEEKEND_TEXT,
    YearView,
    kind_text,
    source_text,
    weekday_name,
)


class CalendarPage(AdminPage):
    """工作日历: the year at a glance; pick a day to make it a working day or a day off; import a year's official
    schedule; office hours. Each change recomputes open tickets' deadlines on a worker thread."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._job: BackgroundJob | None = None
        self._last_result = ""
        today = ctx.now().date()

        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("year_spin")
        self.year_spin.setRange(2000, 2099)
        self.year_spin.setValue(today.year)
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.official_badge = QLabel(self)
        self.official_badge.setObjectName("officialBadge")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_schedule_button")
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.legend_labels: list[QLabel] = []
        legend = QHBoxLayout()
        legend.setSpacing(4)
        for background, foreground, border in ((HOLIDAY_BACKGROUND, HOLIDAY_TEXT, None),
                                               (ADJUSTED_BACKGROUND, ADJUSTED_TEXT, None),
                                               (WEEKEND_BACKGROUND, WEEKEND_TEXT, None),
                                               (QColor("#ffffff"), QColor("#263238"), OVERRIDE_OUTLINE)):
            chip = QLabel(self)
            edge = f"2px solid {border.name()}" if border else "1px solid #cfd8dc"
            chip.setStyleSheet(f"background: {background.name()}; color: {foreground.name()}; border: {edge};"
                               " padding: 1px 6px;")
            self.legend_labels.append(chip)
            legend.addWidget(chip)
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.year_spin)
        top.addWidget(self.next_button)
        top.addSpacing(8)
        top.addWidget(self.official_badge)
        top.addSpacing(16)
        top.addLayout(legend)
        top.addStretch(1)
        top.addWidget(self.import_button)

        self.banner = QLabel(self)
        self.banner.setObjectName("calendarBanner")
        self.banner.setWordWrap(True)
        self.year_view = YearView(self)
        self.year_view.today = today
        self.year_view.day_clicked.connect(self._on_year_view_day_clicked)

        # The selected day.
        self.day_box = QGroupBox(self)
        self.day_title = QLabel(self)
        self.day_title.setObjectName("dayTitle")
        self.day_description = QLabel(self)
        self.day_description.setWordWrap(True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("day_note_edit")
        self.note_edit.setMaxLength(100)
        self.working_button = QPushButton(self)
        self.working_button.setObjectName("make_working_button")
        self.working_button.clicked.connect(self._on_working_button_clicked)
        self.off_button = QPushButton(self)
        self.off_button.setObjectName("make_off_button")
        self.off_button.clicked.connect(self._on_off_button_clicked)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clear_override_button")
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        day_buttons = QHBoxLayout()
        day_buttons.addWidget(self.working_button)
        day_buttons.addWidget(self.off_button)
        day_buttons.addWidget(self.clear_button)
        self.day_message = QLabel(self)
        self.day_errors = FieldErrors(self.day_message, self)
        day_layout = QVBoxLayout(self.day_box)
        day_layout.addWidget(self.day_title)
        day_layout.addWidget(self.day_description)
        day_layout.addWidget(self.note_edit)
        day_layout.addLayout(day_buttons)
        day_layout.addWidget(self.day_message)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("calendar_progress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        self.result_label = hint_label("", self)
        self.result_label.setObjectName("calendar_result")

        self.overrides_box = QGroupBox(self)
        self.overrides_table = make_table(self, "override_table")
        self.overrides_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.overrides_table.itemSelectionChanged.connect(self._on_overrides_table_item_selection_changed)
        overrides_layout = QVBoxLayout(self.overrides_box)
        overrides_layout.addWidget(self.overrides_table)

        self.hours_box = QGroupBox(self)
        self.hours_edit = QLineEdit(self)
        self.hours_edit.setObjectName("office_hours_edit")
        self.hours_button = QPushButton(self)
        self.hours_button.setObjectName("save_office_hours_button")
        self.hours_button.clicked.connect(self._on_hours_button_clicked)
        self.hours_message = QLabel(self)
        self.hours_errors = FieldErrors(self.hours_message, self)
        self.hours_hint = hint_label("", self)
        hours_row = QHBoxLayout()
        hours_row.addWidget(with_error(self.hours_edit, self.hours_errors, "office_hours"), 1)
        hours_row.addWidget(self.hours_button, 0, Qt.AlignmentFlag.AlignTop)
        hours_layout = QVBoxLayout(self.hours_box)
        hours_layout.addLayout(hours_row)
        hours_layout.addWidget(self.hours_hint)
        hours_layout.addWidget(self.hours_message)

        self.import_message = QLabel(self)
        self.import_errors = FieldErrors(self.import_message, self)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.day_box)
        side.addWidget(self.progress)
        side.addWidget(self.result_label)
        side.addWidget(self.overrides_box, 1)
        side.addWidget(self.hours_box)
        side_holder = QWidget(self)
        side_holder.setLayout(side)
        side_holder.setMinimumWidth(300)
        side_holder.setMaximumWidth(360)
        middle = QHBoxLayout()
        middle.addWidget(self.year_view, 1)
        middle.addWidget(side_holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.import_message)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)

        self._shortcut = QShortcut(QKeySequence("Ctrl+I"), self)
        self._shortcut.activated.connect(self._on_import_button_clicked)

    # ----- public ------------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def show_year(self, year: int) -> None:
        self.year_spin.setValue(year)
        self.refresh()

    def select_day(self, day: dt.date) -> None:
        if day.year != self.year:
            self.show_year(day.year)
        self.year_view.set_selected(day)
        self._show_day(day)

    def set_day(self, working: bool | None) -> None:
        """Override the selected day (None: back to the official/rule answer) on a worker thread."""
        day = self.year_view.selected
        if day is None or self.busy:
            return
        note = self.note_edit.text().strip()
        service, actor = self.service, self.actor
        done = {True: self.tr("{day} is now a working day."), False: self.tr("{day} is now a day off."),
                None: self.tr("{day} follows the official calendar again.")}[working].format(day=day.isoformat())
        self._start(lambda report: service.set_calendar_day(actor, day, working, note), self.day_errors, done)

    def import_schedule_file(self, path: str | Path) -> bool:
        """Read a schedule file ("2027-02-06,休,春节" lines), check it here, import it on a worker thread."""
        self.import_errors.clear()
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            self.import_errors.show_general(self.tr("Cannot read {file}: {error}").format(
                file=Path(path).name, error=error.strerror or error))
            return False
        text = _decode(raw)
        try:
            days, _notes = parse_schedule_with_notes(text)
        except ValueError as error:
            self.import_errors.show_general(self.tr("Cannot read the schedule: {error}").format(error=error))
            return False
        years = sorted({d.year for d in days})
        if len(years) != 1:
            self.import_errors.show_general(self.tr(
                "A schedule file holds the days of one year; this one has {years}.").format(
                    years=", ".join(map(str, years)) or self.tr("none")))
            return False
        year = years[0]
        service, actor = self.service, self.actor
        off = sum(1 for working in days.values() if not working)
        done = self.tr("Imported the official schedule of {year}: {off} days off, {work} adjusted working "
                       "days.").format(year=year, off=off, work=len(days) - off)
        self.show_year(year)
        self._start(lambda report: service.import_official_schedule(actor, year, text), self.import_errors, done)
        return True

    # ----- AdminPage ---------------------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.import_button.setText(self.tr("Import official schedule…"))
        self.import_button.setToolTip(self.tr(
            "A text file with one line per day: 2027-02-06,休,春节 or 2027-02-20,班,调休上班 (Ctrl+I)"))
        self.previous_button.setToolTip(self.tr("Previous year"))
        self.next_button.setToolTip(self.tr("Next year"))
        for chip, text in zip(self.legend_labels, [self.tr("Holiday"), self.tr("Adjusted working day"),
                                                   self.tr("Weekend"), self.tr("Set by the administrator")]):
            chip.setText(text)
        self.day_box.setTitle(self.tr("Selected day"))
        self.note_edit.setPlaceholderText(self.tr("Note, e.g. 临时停工 or 春节"))
        self.working_button.setText(self.tr("Working day"))
        self.off_button.setText(self.tr("Day off"))
        self.clear_button.setText(self.tr("Clear override"))
        self.overrides_box.setTitle(self.tr("Set by the administrator"))
        self.hours_box.setTitle(self.tr("Office hours"))
        self.hours_hint.setText(self.tr(
            "Working-hour limits (wh) count only these hours of working days, e.g. 08:30-12:00,13:30-17:30."))
        self.hours_button.setText(self.tr("Save"))
        self.refresh()

    def refresh(self) -> None:
        year = self.year
        calendar = self.service.calendar()
        infos = {}
        day = dt.date(year, 1, 1)
        while day.year == year:
            infos[day] = calendar.day_info(day)
            day += dt.timedelta(days=1)
        overrides = admin.calendar_overrides(year)
        self.year_view.set_days(year, infos, {o.day for o in overrides})
        official = calendar.is_official(year)
        imported = year in admin.imported_years()
        if official:
            self.official_badge.setText(self.tr("Official schedule (imported)") if imported
                                        else self.tr("Official schedule"))
        else:
            self.official_badge.setText(self.tr("暂定 provisional"))
        self.official_badge.setStyleSheet("" if official else "color: #b71c1c; background: #fde0e0;")
        self.banner.setVisible(not official)
        self.banner.setText(self.tr(
            "暂定: {year}'s official holiday schedule is not in the calendar yet. Its holidays (hatched) are computed "
            "by the statutory rule and no adjusted working days (调休上班) are known, so deadlines in {year} are "
            "provisional. Import the schedule as soon as the State Council publishes it.").format(year=year))
        rows = [(o.day, [o.day.isoformat(), weekday_name(o.day),
                         self.tr("Working day") if o.working else self.tr("Day off"), o.note]) for o in overrides]
        fill_table(self.overrides_table, [self.tr("Date"), self.tr("Day"), self.tr("Set to"), self.tr("Note")], rows)
        with QSignalBlocker(self.hours_edit):
            if not self.hours_edit.isModified():
                self.hours_edit.setText(str(calendar.office_hours))
        self._show_day(self.year_view.selected)
        self._update_enabled()

    def shutdown(self) -> None:
        if self._job is not None:
            self._job.wait()

    # ----- internals ---------------------------------------------------------------------------------------------

    def _show_day(self, day: dt.date | None) -> None:
        info = self.year_view.info(day) if day else None
        self.day_errors.clear()
        if info is None:
            self.day_title.setText(self.tr("Click a day in the calendar"))
            self.day_description.setText("")
        else:
            self.day_title.setText(f"{day.isoformat()}  {weekday_name(day, long=True)}")
            parts = [kind_text(info.kind)]
            if info.name:
                parts.append(info.name)
            parts.append(source_text(info.source))
            self.day_description.setText(" · ".join(parts))
            with QSignalBlocker(self.note_edit):
                override = next((o for o in admin.calendar_overrides(day.year) if o.day == day), None)
                self.note_edit.setText(override.note if override else "")
        self._update_enabled()

    def _update_enabled(self) -> None:
        day = self.year_view.selected
        info = self.year_view.info(day) if day else None
        free = not self.busy
        self.working_button.setEnabled(free and info is not None)
        self.off_button.setEnabled(free and info is not None)
        self.clear_button.setEnabled(free and day is not None and self.year_view.is_overridden(day))
        self.import_button.setEnabled(free)
        self.hours_button.setEnabled(free)
        self.year_spin.setEnabled(free)
        self.previous_button.setEnabled(free)
        self.next_button.setEnabled(free)

    def _start(self, work: Callable[[Callable[[int, int], None]], Any], errors: FieldErrors, done: str) -> None:
        errors.clear()
        job = BackgroundJob(work, self, name="calendar")
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self._job_errors = errors
        self._job_done = done
        self.progress.show()
        self.result_label.setText(self.tr("Recomputing the deadlines of open tickets…"))
        self._update_enabled()
        self.busy_changed.emit(True)
        job.start()

    @Slot(object)
    def _on_job_succeeded(self, changed: object) -> None:
        text = self._job_done
        if isinstance(changed, int):
            text += " " + self.tr("{n} open tickets got new deadlines.").format(n=changed)
        self._last_result = text
        self.status_message.emit(text)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self._last_result = ""
        if isinstance(error, DeskError):
            self._job_errors.show_error(error)
        else:
            self._job_errors.show_general(self.tr("The change failed: {error}").format(error=error))

    @Slot()
    def _on_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        self.progress.hide()
        # The worker's change already reached the service's listeners; build the calendar anew here too.
        self.service.forget_cached()
        self.refresh()
        self.result_label.setText(self._last_result)
        self.busy_changed.emit(False)

    @Slot(object)
    def _on_year_view_day_clicked(self, day: dt.date) -> None:
        self._show_day(day)

    @Slot()
    def _on_overrides_table_item_selection_changed(self) -> None:
        day = selected_id(self.overrides_table)
        if isinstance(day, dt.date):
            self.year_view.set_selected(day)
            self._show_day(day)

    @Slot(int)
    def _on_year_spin_value_changed(self, _year: int) -> None:
        self.refresh()

    @Slot()
    def _on_previous_button_clicked(self) -> None:
        self.year_spin.stepDown()

    @Slot()
    def _on_next_button_clicked(self) -> None:
        self.year_spin.stepUp()

    @Slot()
    def _on_working_button_clicked(self) -> None:
        self.set_day(True)

    @Slot()
    def _on_off_button_clicked(self) -> None:
        self.set_day(False)

    @Slot()
    def _on_clear_button_clicked(self) -> None:
        self.set_day(None)

    @Slot()
    def _on_import_button_clicked(self) -> None:
        if self.busy:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import official schedule"), str(Path.home()),
            self.tr("Schedule files (*.txt *.csv);;All files (*)"))
        if path:
            self.import_schedule_file(path)

    @Slot()
    def _on_hours_button_clicked(self) -> None:
        text = self.hours_edit.text()
        self.hours_errors.clear()
        try:
            OfficeHours.parse(text)
        except ValueError as error:
            self.hours_errors.show_error(ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "{error}"), field="office_hours", error=str(error)))
            return
        service, actor = self.service, self.actor
        self.hours_edit.setModified(False)
        self._start(lambda report: service.set_office_hours(actor, text), self.hours_errors,
                    self.tr("Office hours saved."))


def _decode(raw: bytes) -> str:
    """Schedules come from Notepad or Excel: UTF-8 (with or without BOM), else the Chinese Windows code page."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
