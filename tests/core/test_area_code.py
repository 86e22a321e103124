"""区号: what the administrator may give as the center's area code, and what it does to a local number."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import TicketKind
from desk_app.core.validation import CallDraft, TicketDraft, parse_area_code, phone_search_key

NOW = dt.datetime(2026, 11, 17, 9, 0)


@pytest.mark.parametrize(("typed", "code"), [
    ("010", "010"), ("10", "010"), (" 021 ", "021"), ("029", "029"), ("0755", "0755"), ("(0571)", "0571"),
    ("0941", "0941"), ("0898", "0898"), ("", ""), ("  ", ""),
])
def test_a_mainland_area_code_is_kept_as_dialled(typed, code):
    assert parse_area_code(typed) == code


@pytest.mark.parametrize("typed", [
    "0138",     # the start of a mobile: 8 digits behind it would make a mobile number
    "0400",     # a 400 service number, not a city
    "0100",     # 010 and a local number starting 0
    "0200", "030", "011", "0", "00", "01", "12345", "abc", "０１０", "0\x0010", "010-1",
])
def test_anything_else_is_refused_on_the_area_code_field(typed):
    with pytest.raises(ValidationError) as refused:
        parse_area_code(typed, field="settings.area_code")
    assert refused.value.field == "settings.area_code"
    assert "\x00" not in refused.value.render()


@given(st.text(max_size=8))
def test_a_code_is_either_refused_or_a_zero_and_two_or_three_digits(text):
    try:
        code = parse_area_code(text)
    except ValidationError:
        return
    assert code == "" or (code.startswith("0") and code.isdigit() and len(code) in (3, 4))


def test_the_drafts_and_the_lookup_complete_a_local_number_with_the_code():
    assert CallDraft(content="咨询", phone="62345678").validated(area_code="010").phone == "+861062345678"
    draft = TicketDraft(kind=TicketKind.REPAIR, description="漏水", phone="6234 5678")
    assert draft.validated(NOW, area_code="010").phone == "+861062345678"
    assert phone_search_key("62345678", area_code="010") == "+861062345678"
    assert phone_search_key("62345678") is None
    with pytest.raises(ValidationError) as refused:
        draft.validated(NOW)
    assert refused.value.field == "phone"
    # A whole number is not touched by the code.
    assert CallDraft(content="咨询", phone="13812345678").validated(area_code="010").phone == "+8613812345678"
    assert phone_search_key("0755-2345 6789", area_code="010") == "+8675523456789"
