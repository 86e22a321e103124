"""Phone numbers as callers and agents really write them, parsed by phonenumbers into E.164 and an extension.

Short service numbers (95588 a bank, 12345 the government hotline, 10086) are refused as a caller's or a customer's
number: they reach a service, never a person, and the desk cannot call a customer back on them. 400/800 numbers are
companies' ordinary numbers and are accepted."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.customers import CustomerDraft, NumberDraft
from desk_app.core.errors import ValidationError
from desk_app.core.validation import PhoneNumber, display_phone, normalize_phone, parse_phone

GOOD = [
    # typed                     area code  E.164               extension  shown
    ("13812345678", "", "+8613812345678", "", "138 1234 5678"),
    ("+86 138 1234 5678", "", "+8613812345678", "", "138 1234 5678"),
    ("0086-138-1234-5678", "", "+8613812345678", "", "138 1234 5678"),
    ("138-1234-5678", "", "+8613812345678", "", "138 1234 5678"),
    ("(010) 6234 5678", "", "+861062345678", "", "010 6234 5678"),
    ("010-62345678 转 123", "", "+861062345678", "123", "010 6234 5678 转 123"),
    ("010-62345678转123", "", "+861062345678", "123", "010 6234 5678 转 123"),
    ("010-62345678 分机 8001", "", "+861062345678", "8001", "010 6234 5678 转 8001"),
    ("010 6234 5678 ext. 55", "", "+861062345678", "55", "010 6234 5678 转 55"),
    ("010-62345678-123", "", "+861062345678", "123", "010 6234 5678 转 123"),
    ("0755-2345 6789", "", "+8675523456789", "", "0755 2345 6789"),
    ("62345678", "010", "+861062345678", "", "010 6234 5678"),
    ("6234-5678", "10", "+861062345678", "", "010 6234 5678"),
    ("2345 6789", "0755", "+8675523456789", "", "0755 2345 6789"),
    ("400-810-8888", "", "+864008108888", "", "400 810 8888"),
    ("+852 9123 4567", "", "+85291234567", "", "+852 9123 4567"),
]

BAD = [
    ("1381234567", ""),         # a mobile one digit short
    ("abc", ""),
    ("0000", ""),
    ("199999999999", ""),       # a mobile one digit long
    ("62345678", ""),           # a local number, and no area code configured
    ("95588", "010"),           # short service numbers: see the module's docstring
    ("12345", "010"),
    ("10086", ""),
    ("010-62345678 转 abc", ""),
]


@pytest.mark.parametrize(("typed", "area_code", "e164", "extension", "shown"), GOOD)
def test_a_real_format_number_is_read(typed, area_code, e164, extension, shown):
    assert parse_phone(typed, area_code=area_code) == PhoneNumber(e164, extension)
    assert normalize_phone(typed, area_code=area_code) == e164     # the lookup key leaves the extension out
    assert display_phone(e164, extension) == shown


@pytest.mark.parametrize(("typed", "area_code"), BAD)
def test_a_bad_number_is_refused_beside_its_field(typed, area_code):
    with pytest.raises(ValidationError) as info:
        parse_phone(typed, area_code=area_code, field="numbers.2")
    assert info.value.field == "numbers.2"
    assert info.value.render() == f"Not a valid phone number: {typed}"


def test_nothing_typed_is_no_number():
    assert parse_phone("  ") is None and normalize_phone("") == ""


def test_a_customer_draft_reads_its_numbers_with_the_centers_area_code():
    valid = CustomerDraft("张三", (NumberDraft("62345678", "家庭"), NumberDraft("010-62345679 转 12"))).validated(
        dt.date(2026, 11, 17), area_code="010")
    assert [(n.number, n.extension, n.label) for n in valid.numbers] == [
        ("+861062345678", "", "家庭"), ("+861062345679", "12", "")]
    with pytest.raises(ValidationError) as info:
        CustomerDraft("张三", (NumberDraft("62345678"), NumberDraft("010 6234 5678"))).validated(
            dt.date(2026, 11, 17), area_code="010")
    assert info.value.field == "numbers.1"      # the same number twice
