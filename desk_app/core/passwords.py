"""Account rules: what a new password must satisfy before it is hashed, and how long a user name may be (pure; no
hashing, no database)."""

from __future__ import annotations

from desk_app.core.errors import ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP

MIN_LENGTH = 8
MAX_USERNAME = 60
# argon2 takes any length; the cap only keeps a pasted novel from costing memory and time at every sign-in.
MAX_LENGTH = 128


def check_password_strength(plain: str, username: str = "") -> None:
    """Refuse a weak new password with a ValidationError on the `password` field; return None if it will do.

    Rules: at least MIN_LENGTH characters (spaces alone do not count), not digits only (a phone number or a
    birthday is the first thing tried), not the user name. Length counts characters, so a Chinese passphrase
    of eight characters is as good as eight Latin letters.
    """
    plain = plain or ""
    if len(plain) < MIN_LENGTH or not plain.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A password needs at least {min} characters."),
                              field="password", min=MIN_LENGTH)
    if len(plain) > MAX_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A password can have at most {max} characters."),
                              field="password", max=MAX_LENGTH)
    if plain.isdigit():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A password of digits only is too easy to guess."),
                              field="password")
    if username and plain.strip().casefold() == username.strip().casefold():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The password cannot be the user name."),
                              field="password")


def check_repeat(plain: str, repeat: str) -> None:
    """The "repeat the new password" field must match, else a ValidationError on the `repeat` field."""
    if (plain or "") != (repeat or ""):
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The two passwords are not the same."),
                              field="repeat")
