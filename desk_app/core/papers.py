"""The printed forms of the desk and how their numbers read (2026-0001: the year, then the form's own sequence).

Each form counts on its own, year by year; a number once printed stays with what was printed, and a second print of
the same thing carries the same number marked 补打. The numbers are kept by desk_app.services.papers.numbering.
"""

from __future__ import annotations

import re
from enum import StrEnum

from desk_app.core.labels import QT_TRANSLATE_NOOP, register

# Printed on a form that was printed before (a reprint keeps its number).
REPRINT_MARK = "补打"

_YEAR_PREFIX = re.compile(r"(\d{4})-")


class FormKind(StrEnum):
    """A printed form that carries a number."""

    SLIP = "slip"                               # 派工单
    TASK_SHEET = "task_sheet"                   # FTTH待装工单建设任务单
    TICKET_FORM = "ticket_form"                 # 工单处理单
    CALL_REGISTER = "call_register"             # 来电来访登记表
    COMPLAINT_REGISTER = "complaint_register"   # 客户投诉登记表
    VISIT_REGISTER = "visit_register"           # 维修回访登记表
    INCIDENT_REPORT = "incident_report"         # 住户投诉事件报告
    CONTACT_SHEET = "contact_sheet"             # 工作联系单
    RECTIFICATION = "rectification"             # 整改通知单
    CHECKLIST = "checklist"                     # 周检/月检检查表


register({
    FormKind.SLIP: (QT_TRANSLATE_NOOP("Label", "Dispatch slip"), "派工单"),
    FormKind.TASK_SHEET: (QT_TRANSLATE_NOOP("Label", "FTTH construction task sheet"), "FTTH待装工单建设任务单"),
    FormKind.TICKET_FORM: (QT_TRANSLATE_NOOP("Label", "Ticket handling form"), "工单处理单"),
    FormKind.CALL_REGISTER: (QT_TRANSLATE_NOOP("Label", "Call and visit register"), "来电来访登记表"),
    FormKind.COMPLAINT_REGISTER: (QT_TRANSLATE_NOOP("Label", "Customer complaint register"), "客户投诉登记表"),
    FormKind.VISIT_REGISTER: (QT_TRANSLATE_NOOP("Label", "Repair return-visit register"), "维修回访登记表"),
    FormKind.INCIDENT_REPORT: (QT_TRANSLATE_NOOP("Label", "Resident complaint incident report"), "住户投诉事件报告"),
    FormKind.CONTACT_SHEET: (QT_TRANSLATE_NOOP("Label", "Work contact sheet"), "工作联系单"),
    FormKind.RECTIFICATION: (QT_TRANSLATE_NOOP("Label", "Rectification notice"), "整改通知单"),
    FormKind.CHECKLIST: (QT_TRANSLATE_NOOP("Label", "Weekly / monthly checklist"), "周检/月检检查表"),
})


def form_number(year: int, sequence: int) -> str:
    """The number printed on a form: 2026-0001 (more digits past 9999)."""
    return f"{year}-{sequence:04d}"


def number_year(number: str) -> int | None:
    """The year a form number starts with ("2026-0001" → 2026), None when it does not start with one."""
    found = _YEAR_PREFIX.match(number)
    return int(found.group(1)) if found else None
