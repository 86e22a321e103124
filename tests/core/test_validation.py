"""Input rules: phone numbers through phonenumbers, required fields, and a ValidationError naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Channel, Level, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.validation import CallDraft, TicketDraft, display_phone, normalize_phone

NOW = dt.datetime(2026, 11, 26, 10, 0)


@pytest.mark.parametrize(("typed", "stored"), [
    ("13812345678", "+8613812345678"),
    ("138 1234 5678", "+8613812345678"),
    ("+86 138-1234-5678", "+8613812345678"),
    ("010-62345678", "+861062345678"),
])
def test_phone_numbers_are_normalised(typed, stored):
    assert normalize_phone(typed) == stored


def test_phone_numbers_are_shown_in_national_format():
    assert display_phone("+8613812345678") == "138 1234 5678"
    assert display_phone("+861062345678") == "010 6234 5678"


@given(st.text(max_size=30))
def test_any_typed_phone_is_either_normalised_or_refused_on_the_phone_field(text):
    try:
        result = normalize_phone(text)
    except ValidationError as error:
        assert error.field == "phone"
    else:
        assert result == "" or result.startswith("+")


@given(st.text(max_size=50), st.text(max_size=50), st.text(max_size=5000))
def test_ticket_draft_is_valid_or_names_the_bad_field(name, address, description):
    draft = TicketDraft(kind=TicketKind.REPAIR, description=description, channel=Channel.VISIT,
                        caller_name=name, address=address)
    try:
        valid = draft.validated(NOW)
    except ValidationError as error:
        assert error.field in {"description", "caller_name", "address"}
    else:
        assert valid.description == valid.description.strip() and valid.description


def test_kind_defaults_give_urgency_and_impact():
    valid = TicketDraft(kind=TicketKind.COMPLAINT, description="噪音", channel=Channel.VISIT).validated(NOW)
    assert (valid.urgency, valid.impact) == (Level.MEDIUM, Level.MEDIUM)


def test_phone_call_needs_a_number():
    with pytest.raises(ValidationError) as info:
        TicketDraft(kind=TicketKind.REPAIR, description="漏水", channel=Channel.PHONE).validated(NOW)
    assert info.value.field == "phone"
    with pytest.raises(ValidationError) as info:
        CallDraft(content="咨询", channel=Channel.PHONE).validated()
    assert info.value.field == "phone"


def test_acceptance_time_cannot_be_in_the_future():
    with pytest.raises(ValidationError) as info:
        TicketDraft(kind=TicketKind.FTTH_INSTALL, description="开通", channel=Channel.VISIT,
                    accepted_at=NOW + dt.timedelta(hours=1)).validated(NOW)
    assert info.value.field == "accepted_at"


def test_ftth_variant_only_on_ftth_tickets():
    with pytest.raises(ValidationError) as info:
        TicketDraft(kind=TicketKind.REPAIR, description="x", channel=Channel.VISIT,
                    variant=Variant.FTTH_BOX).validated(NOW)
    assert info.value.field == "variant"
