"""Passwords kept out of the database, the settings and every message: the system keyring, else a private file.

Where the operating system offers a keyring (Windows Credential Manager, macOS Keychain, a Secret Service on a Linux
desktop) the passwords go there through `keyring`, under the service name "desk-app". Where it offers none (a
headless Linux), or when the app runs portable (DESK_APP_DATA_DIR set: nothing is kept outside its folder), they go
into `secrets.json` in the user's configuration folder (the data folder when portable), a file only that user may
read or write (mode 0600, its folder 0700). `where()` says which. Names: "smtp", "database:<user>@<host>:<port>/<db>".
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import platformdirs

from desk_app import paths
from desk_app.models.db import url_password

log = logging.getLogger(__name__)

SERVICE = "desk-app"
SMTP = "smtp"
FILE_NAME = "secrets.json"
# The folder of the fallback file (tests, a machine that wants it elsewhere).
ENV_CONFIG_DIR = "DESK_APP_CONFIG_DIR"

_lock = threading.Lock()
# Passwords given for this run only (a URL on the command line): used, never written anywhere.
_session: dict[str, str] = {}


class SecretStoreError(RuntimeError):
    """The password could not be stored or read; the message never contains it."""


def _keyring():
    """The keyring backend to use, or None when there is no usable one (or the app runs portable)."""
    if os.environ.get("DESK_APP_DATA_DIR") and not os.environ.get(ENV_CONFIG_DIR):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - keyring is a dependency; a trimmed frozen build may lack a backend
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration: the file is still safe
        log.warning("the system keyring could not be loaded; passwords go into the private file")
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return backend


def secrets_file() -> Path:
    """The fallback file: secrets.json in the configuration folder (the data folder of a portable install)."""
    folder = os.environ.get(ENV_CONFIG_DIR) or os.environ.get("DESK_APP_DATA_DIR") \
        or platformdirs.user_config_dir(paths.APP_NAME, paths.APP_AUTHOR)
    return Path(folder) / FILE_NAME


def where() -> str:
    """Where passwords are kept on this machine, for the README's claim and the connection dialog."""
    backend = _keyring()
    if backend is not None:
        return f"system keyring ({type(backend).__module__}.{type(backend).__name__})"
    return f"file {secrets_file()} (readable by this user only)"


def _read_file() -> dict[str, str]:
    path = secrets_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise SecretStoreError(f"cannot read the password file {path}: {type(error).__name__}") from None
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_file(values: dict[str, str]) -> None:
    """Replace the file in one step; created 0600 from the start, so no other user ever sees it, not even briefly."""
    path = secrets_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(prefix=".secrets-", dir=path.parent)  # mkstemp makes it 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(values, handle, ensure_ascii=False, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as error:
        raise SecretStoreError(f"cannot write the password file {path}: {error.strerror}") from None


def get_secret(name: str) -> str | None:
    """The password kept under `name` (this run's first), or None."""
    if name in _session:
        return _session[name]
    backend = _keyring()
    if backend is not None:
        try:
            return backend.get_password(SERVICE, name)
        except Exception as error:
            raise SecretStoreError(f"the system keyring could not read {name}: {type(error).__name__}") from None
    with _lock:
        return _read_file().get(name)


def set_secret(name: str, value: str) -> None:
    """Keep `value` under `name` (an empty value deletes it)."""
    if not value:
        delete_secret(name)
        return
    _session.pop(name, None)
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(SERVICE, name, value)
        except Exception as error:
            raise SecretStoreError(f"the system keyring could not store {name}: {type(error).__name__}") from None
        return
    with _lock:
        values = _read_file()
        values[name] = value
        _write_file(values)


def delete_secret(name: str) -> None:
    """Forget the password under `name`; nothing happens if there is none."""
    _session.pop(name, None)
    backend = _keyring()
    if backend is not None:
        try:
            if backend.get_password(SERVICE, name) is not None:
                backend.delete_password(SERVICE, name)
        except Exception as error:
            raise SecretStoreError(f"the system keyring could not delete {name}: {type(error).__name__}") from None
        return
    with _lock:
        values = _read_file()
        if values.pop(name, None) is not None:
            _write_file(values)


def remember_for_this_run(name: str, value: str) -> None:
    """Use `value` for `name` until the program ends, writing it nowhere (a password typed into a URL)."""
    _session[name] = value


# ----- database passwords -------------------------------------------------------------------------------------------


def database_secret_name(url: str) -> str:
    """The name a server database's password is kept under: database:<user>@<host>:<port>/<db>."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"database:{parts.username or ''}@{parts.hostname or 'localhost'}{port}/{parts.path.strip('/')}"


def _is_server(url: str) -> bool:
    return urlsplit(url).scheme.lower().startswith(("postgres", "psycopg"))


def without_password(url: str) -> str:
    """`url` with no password in it: what may be saved in the settings (and, redacted or not, shown)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url  # as it is (urlunsplit would turn sqlite:////abs into sqlite://abs)
    user, _, host = parts.netloc.rpartition("@")
    netloc = f"{user.partition(':')[0]}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def with_password(url: str, password: str) -> str:
    """`url` (with no password) carrying `password`: the form handed to the driver, kept in memory only."""
    parts = urlsplit(without_password(url))
    user, _, host = parts.netloc.rpartition("@")
    netloc = f"{user}:{quote(password, safe='')}@{host}" if user else parts.netloc
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def take_password(url: str, *, store: bool = False) -> str:
    """Move the password out of a server URL: into the secret store when `store`, else kept for this run only.
    Returns the URL without it (other URLs unchanged)."""
    password = url_password(url) if _is_server(url) else None
    if not password or urlsplit(url).password is None:
        return url
    name = database_secret_name(url)
    if store:
        set_secret(name, password)
    else:
        remember_for_this_run(name, password)
    return without_password(url)


def url_for_connecting(url: str) -> str:
    """The URL to hand to open_database: a server URL without a password gets the one kept for it, if any. The
    result may carry a password: keep it in memory, show only desk_app.models.db.redact_url of it."""
    if not _is_server(url) or urlsplit(url).password is not None or not urlsplit(url).username:
        return url
    try:
        password = get_secret(database_secret_name(url))
    except SecretStoreError as error:
        log.warning("%s", error)
        return url
    return with_password(url, password) if password else url
