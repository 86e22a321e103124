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


_NAMES: dict[Enum, tuple[str, str]] = {}


def register(names: dict[Enum, tuple[str, str]]) -> None:
    """Add (English, Chinese) names for enum members; every member of each enum must be named."""
    for member in {type(m) for m in names}:
        missing = [m for m in member if m not in names]
        if missing:
            raise ValueError(f"no name for {missing}")
    _NAMES.update(names)


def english(member: Enum) -> str:
    """The English name, which is also the source text the UI translates in context LABEL_CONTEXT."""
    return _NAMES[member][0]


def chinese(member: Enum) -> str:
    """The Chinese term, as printed on forms and registers."""
    return _NAMES[member][1]


def all_names() -> dict[Enum, tuple[str, str]]:
    return dict(_NAMES)
