"""The password rules, as examples and as properties over arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.errors import ValidationError
from desk_app.core.passwords import MAX_LENGTH, MIN_LENGTH, check_password_strength, check_repeat


@pytest.mark.parametrize("password", ["Lantern-42", "abcdefgh", "1234567a", "春眠不觉晓处处闻", " spaced out "])
def test_good_passwords_pass(password):
    check_password_strength(password, "wang.fang")


@pytest.mark.parametrize("password, username", [
    ("", ""), ("abc", ""), ("        ", ""), ("12345678", ""), ("１２３４５６７８", ""),
    ("wang.fang", "wang.fang"), ("WANG.FANG", "wang.fang"), ("a" * (MAX_LENGTH + 1), ""),
])
def test_weak_passwords_are_refused_on_the_password_field(password, username):
    with pytest.raises(ValidationError) as caught:
        check_password_strength(password, username)
    assert caught.value.field == "password"


@given(st.text(max_size=MAX_LENGTH + 10), st.text(max_size=20))
def test_whatever_passes_obeys_every_rule(password, username):
    try:
        check_password_strength(password, username)
    except ValidationError as error:
        assert error.field == "password"
        return
    assert MIN_LENGTH <= len(password) <= MAX_LENGTH
    assert password.strip()
    assert not password.isdigit()
    assert not username or password.strip().casefold() != username.strip().casefold()


@given(st.text(alphabet="0123456789", min_size=1, max_size=40))
def test_digits_alone_never_pass(digits):
    with pytest.raises(ValidationError):
        check_password_strength(digits)


def test_the_repeat_must_match():
    check_repeat("Lantern-42", "Lantern-42")
    with pytest.raises(ValidationError) as caught:
        check_repeat("Lantern-42", "Lantern-43")
    assert caught.value.field == "repeat"
