"""Numbers of printed forms: a yearly sequence per form, kept by reprints (补打), unique under concurrent desks."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from desk_app.core.errors import ConflictError, ValidationError
from desk_app.core.labels import chinese, english
from desk_app.models.db import database
from desk_app.models.schema import FormIssue, NumberSequence
from desk_app.services.papers.numbering import FormKind, IssuedNumber, issue

AT = dt.datetime(2026, 11, 17, 9, 0)


def test_first_prints_count_per_form_and_year(people):
    desk = people["reception"]
    assert issue(FormKind.SLIP, "2026-000001", desk, at=AT) == IssuedNumber("2026-0001", reprint=False, times=1)
    assert issue(FormKind.SLIP, "2026-000002", desk, at=AT).number == "2026-0002"
    # Another form counts on its own.
    assert issue(FormKind.TICKET_FORM, "2026-000002", desk, at=AT).number == "2026-0001"
    assert issue(FormKind.CALL_REGISTER, "calls:2026-11-01:2026-11-30", desk, at=AT).number == "2026-0001"
    assert issue(FormKind.SLIP, "2026-000003", desk, at=AT).number == "2026-0003"
    assert NumberSequence.get(name="form:slip", year=2026).value == 3


def test_a_reprint_keeps_its_number_and_says_so(people):
    desk, other = people["reception"], people["reception2"]
    first = issue(FormKind.SLIP, "2026-000007", desk, at=AT)
    issue(FormKind.SLIP, "2026-000008", desk, at=AT)
    later = AT + dt.timedelta(days=3, microseconds=5)
    assert issue(FormKind.SLIP, "2026-000007", other, at=later) == IssuedNumber(first.number, reprint=True, times=2)
    assert issue(FormKind.SLIP, " 2026-000007 ", desk, at=later).times == 3
    row = FormIssue.get(form="slip", ref="2026-000007")
    assert (row.number, row.year, row.times) == ("2026-0001", 2026, 3)
    assert (row.first_by_id, row.first_at, row.last_by_id, row.last_at) == (
        desk.id, AT, desk.id, later.replace(microsecond=0))
    # A reprint draws nothing: the next first print follows on.
    assert issue(FormKind.SLIP, "2026-000009", desk, at=later).number == "2026-0003"


def test_a_new_year_starts_again_at_one(people):
    desk = people["reception"]
    assert issue(FormKind.COMPLAINT_REGISTER, "complaints:2026-12", desk, at=dt.datetime(2026, 12, 31, 17, 0)) \
        .number == "2026-0001"
    assert issue(FormKind.COMPLAINT_REGISTER, "complaints:2026-11", desk, at=dt.datetime(2026, 12, 31, 17, 5)) \
        .number == "2026-0002"
    assert issue(FormKind.COMPLAINT_REGISTER, "complaints:2027-01", desk, at=dt.datetime(2027, 1, 2, 9, 0)) \
        .number == "2027-0001"
    # Reprinted in the new year, last year's form keeps last year's number.
    assert issue(FormKind.COMPLAINT_REGISTER, "complaints:2026-12", desk, at=dt.datetime(2027, 1, 2, 9, 5)) \
        == IssuedNumber("2026-0001", reprint=True, times=2)


def test_the_default_time_is_now(people):
    assert issue(FormKind.VISIT_REGISTER, "visits:2026-11", people["reception"]).number.startswith(
        f"{dt.date.today().year}-")


def test_a_given_number_is_recorded_and_kept(people):
    desk = people["reception"]
    assert issue(FormKind.TASK_SHEET, "task:3", desk, at=AT, number="2026-0012") == \
        IssuedNumber("2026-0012", reprint=False, times=1)
    assert issue(FormKind.TASK_SHEET, "task:3", desk, at=AT, number="2026-0012") == \
        IssuedNumber("2026-0012", reprint=True, times=2)
    assert issue(FormKind.TASK_SHEET, "task:3", desk, at=AT) == IssuedNumber("2026-0012", reprint=True, times=3)
    # The year of a given number is its own, whenever it is printed.
    issue(FormKind.RECTIFICATION, "item:9", desk, at=dt.datetime(2027, 1, 4, 9, 0), number="2026-0031")
    assert FormIssue.get(form="rectification", ref="item:9").year == 2026


def test_a_given_number_is_refused_when_another_ref_has_it(people):
    desk = people["reception"]
    issue(FormKind.CONTACT_SHEET, "item:1", desk, at=AT, number="2026-0001")
    with pytest.raises(ConflictError, match="No. 2026-0001 is already printed for item:1") as refused:
        issue(FormKind.CONTACT_SHEET, "item:2", desk, at=AT, number="2026-0001")
    assert refused.value.field == "number"
    # This ref was printed with another number: a second number for it is refused too.
    with pytest.raises(ConflictError, match="item:1 was printed as .* No. 2026-0001, not 2026-0002"):
        issue(FormKind.CONTACT_SHEET, "item:1", desk, at=AT, number="2026-0002")
    # Another form may carry the same number.
    assert issue(FormKind.RECTIFICATION, "item:2", desk, at=AT, number="2026-0001").number == "2026-0001"
    assert FormIssue.select().count() == 2
    assert FormIssue.get(form="contact_sheet").times == 1


def test_a_drawn_number_passes_over_one_recorded_by_hand(people):
    desk = people["reception"]
    issue(FormKind.CHECKLIST, "inspection:4", desk, at=AT, number="2026-0001")
    assert issue(FormKind.CHECKLIST, "inspection:5", desk, at=AT).number == "2026-0002"


@pytest.mark.parametrize(("ref", "number", "field"), [
    ("", None, "ref"), ("   ", None, "ref"), ("x" * 101, None, "ref"),
    ("2026-000001", "", "number"), ("2026-000001", "2026-" + "0" * 16, "number"),
])
def test_what_is_printed_and_a_given_number_are_checked(people, ref, number, field):
    with pytest.raises(ValidationError) as refused:
        issue(FormKind.SLIP, ref, people["reception"], at=AT, number=number)
    assert refused.value.field == field
    assert not FormIssue.select().exists()


def test_a_refused_print_draws_no_number(people):
    desk = people["reception"]
    issue(FormKind.CONTACT_SHEET, "item:1", desk, at=AT, number="2026-0005")
    with pytest.raises(ConflictError):
        with database.atomic():
            issue(FormKind.SLIP, "2026-000001", desk, at=AT)
            issue(FormKind.CONTACT_SHEET, "item:2", desk, at=AT, number="2026-0005")
    # The slip's number went back with the transaction that would have printed it.
    assert not FormIssue.select().where(FormIssue.form == "slip").exists()
    assert issue(FormKind.SLIP, "2026-000001", desk, at=AT).number == "2026-0001"


def test_every_form_has_its_names():
    assert chinese(FormKind.SLIP) == "派工单"
    assert chinese(FormKind.INCIDENT_REPORT) == "住户投诉事件报告"
    assert all(english(form) and chinese(form) for form in FormKind)


def test_numbers_stay_unique_when_desks_print_at_once(people, db_url):
    desks = [people["reception"], people["reception2"], people["dispatcher"], people["supervisor"]]
    errors: list[BaseException] = []
    issued: list[tuple[str, IssuedNumber]] = []

    def work(n: int) -> None:
        try:
            for i in range(8):
                # Every desk also prints one thing another desk prints: one first print, the rest reprints.
                ref = "2026-000999" if i == 0 else f"2026-{n:03d}{i:03d}"
                issued.append((ref, issue(FormKind.SLIP, ref, desks[n], at=AT)))
        except BaseException as error:  # collected and asserted below
            errors.append(error)
        finally:
            database.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    shared = [number for ref, number in issued if ref == "2026-000999"]
    assert sorted(n.times for n in shared) == [1, 2, 3, 4]
    assert len({n.number for n in shared}) == 1 and [n.reprint for n in shared].count(False) == 1
    numbers = [n.number for ref, n in issued if not n.reprint]
    assert len(numbers) == len(set(numbers)) == 29
    assert sorted(numbers) == [f"2026-{i:04d}" for i in range(1, 30)]
    assert FormIssue.select().count() == 29
