"""Where the app finds its shipped resources and keeps its data, alike in development, in a wheel and frozen."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

APP_NAME = "desk-app"
APP_AUTHOR = "DeskApp"
ORGANIZATION = "DeskApp"

CJK_FONT_FILE = "fonts/wqy-microhei.ttc"


def resource_path(relative: str) -> Path:
    """Absolute path of a file shipped in `resources/` (installed as the `desk_app.resources` package)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        # PyInstaller unpacks data next to the executable; the installer issue keeps this layout.
        return Path(frozen_root, "desk_app", "resources", relative)
    return Path(str(resources.files("desk_app.resources").joinpath(relative)))


def cjk_font_path() -> Path:
    """The shipped WenQuanYi Micro Hei collection, used on screen and embedded in every PDF."""
    return resource_path(CJK_FONT_FILE)


def data_dir() -> Path:
    """The user's data folder (created on demand); DESK_APP_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get("DESK_APP_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs  # loaded when first asked (not before the sign-in dialog paints)

        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """The embedded SQLite database in the user's data folder."""
    return f"sqlite:///{(data_dir() / 'desk.db').as_posix()}"
