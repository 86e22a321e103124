"""Names of domain values: an English name that the UI translates (zh_CN by default) and the Chinese term printed on paper.

The core cannot import Qt, so it marks translatable text with a no-op of the same name that Qt's lupdate recognises.
"""

from __future__ import annotations

from enum import Enum

LABEL_CONTEXT = "Label"
ERROR_CONTEXT = "DeskError"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark `text` for extraction into the translation file; return it unchanged."""
    return text


# Keyed by (enum type, value): members of different StrEnums with the same value (Action.RESOLVE and
# ClockKind.RESOLVE are both "resolve") compare and hash equal, so the member alone would mix their names up.
_NAMES: dict[tuple[type[Enum], object], tuple[str, str]] = {}


def _key(member: Enum) -> tuple[type[Enum], object]:
    return (type(member), member.value)


def register(names: dict[Enum, tuple[str, str]]) -> None:
    """Add (English, Chinese) names for enum members; every member of each enum must be named."""
    given = {_key(m) for m in names}
    for member_type in {type(m) for m in names}:
        missing = [m for m in member_type if _key(m) not in given]
        if missing:
            raise ValueError(f"no name for {missing} (or another enum's member with the same value hides it in "
                             "this register() call: register that enum in a call of its own)")
    _NAMES.update({_key(m): value for m, value in names.items()})


def english(member: Enum) -> str:
    """The English name, which is also the source text the UI translates in context LABEL_CONTEXT."""
    return _NAMES[_key(member)][0]


def chinese(member: Enum) -> str:
    """The Chinese term, as printed on forms and registers."""
    return _NAMES[_key(member)][1]


def all_names() -> dict[tuple[type[Enum], object], tuple[str, str]]:
    """(enum type, value) → (English, Chinese) for every registered member."""
    return dict(_NAMES)
