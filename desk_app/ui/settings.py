"""The window's own settings (QSettings), grouped, in one place: language, geometry, dock layout, column widths.

Shared desk settings (organisation, office hours, time limits) live in the database; these are per user and machine.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def settings(group: str = "") -> QSettings:
    """A QSettings for the application (names set once in ui.app), already inside `group` if one is given.

    Groups nest with "/", e.g. settings("queues/to_dispatch").
    """
    store = QSettings()
    if group:
        store.beginGroup(group)
    return store


def language() -> str:
    """The saved interface language, zh_CN unless the user chose another one we ship."""
    value = settings("ui").value("language", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    store = settings("ui")
    store.setValue("language", code)
    store.sync()


# The database the connection dialog (desk_app.ui.connection) chose for this desk, read at start-up.
DATABASE_GROUP = "database"
DATABASE_URL_KEY = "url"


def saved_database_url() -> str | None:
    """The URL the connection dialog saved (never with a password), or None."""
    value = settings(DATABASE_GROUP).value(DATABASE_URL_KEY, "")
    return value if isinstance(value, str) and value else None


def read_bytes(store: QSettings, key: str) -> QByteArray | None:
    """A saved QByteArray (window geometry, header or dock state), or None when absent or of another type."""
    value = store.value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def slip_paper() -> str:
    """The paper this desk prints dispatch slips on: "A4" (default) or "A5" (文件 › 派工单用A5纸)."""
    value = settings("print").value("slip_paper", "A4")
    return value if value in ("A4", "A5") else "A4"


def set_slip_paper(paper: str) -> None:
    settings("print").setValue("slip_paper", paper)
