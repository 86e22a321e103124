"""A throwaway PostgreSQL cluster for the tests: the whole suite runs on it with DESK_TEST_DATABASE=postgres (one cluster
per session, a database per test copied from a template), and the PostgreSQL-only tests start one of their own."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

# Which database the suite's fixtures (desk_db, demo_db, db_url, database_url) give the tests: ./run-tests runs both.
ENV_TEST_DATABASE = "DESK_TEST_DATABASE"
TEST_DATABASES = ("sqlite", "postgres")


def test_database() -> str:
    """"sqlite" (the default) or "postgres", from DESK_TEST_DATABASE; anything else is a usage error."""
    kind = os.environ.get(ENV_TEST_DATABASE, "").strip().lower() or "sqlite"
    if kind not in TEST_DATABASES:
        raise RuntimeError(f"{ENV_TEST_DATABASE}={kind!r}: use one of {', '.join(TEST_DATABASES)}")
    return kind


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL is not installed: run the tests through ./run-tests, which installs it")


def _memory_folder() -> str | None:
    """/dev/shm when there is one: on a disk, copying a template database takes 0.2–0.4 s, in memory ~20 ms."""
    folder = Path("/dev/shm")
    if folder.is_dir() and os.access(folder, os.W_OK) and shutil.disk_usage(folder).free > 2 << 30:
        return str(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """initdb + pg_ctl on a free port in a temporary folder; as root the server runs as the postgres user."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="desk-pg-", dir=_memory_folder()))
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres")

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> "Cluster":
        data = self.root / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  # pg_trgm takes Chinese characters for word characters only under a UTF-8 locale
                  "--locale=C.UTF-8")
        self.resume()
        return self

    def pause(self) -> None:
        """Stop the server, keeping its data and port: a server gone away (resume() brings it back, as a restart)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-o",
                  f"-p {self.port} -k {self.root} -c fsync=off", "-l", str(self.root / "log"), "-w", "start")

    def restart(self) -> None:
        self.pause()
        self.resume()

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def _admin(self):
        """One autocommit connection to the maintenance database, kept for CREATE/DROP DATABASE (a createdb process
        costs ~30 ms, the statement a few)."""
        connection = getattr(self, "_admin_connection", None)
        if connection is None or connection.closed:
            import psycopg2

            connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
            connection.autocommit = True
            self._admin_connection = connection
        return connection

    def execute(self, sql: str) -> None:
        with self._admin().cursor() as cursor:
            cursor.execute(sql)

    def copy_database(self, template: str, name: str) -> str:
        """A new database `name` copied from `template` (no one may be connected to it); returns its URL."""
        # FILE_COPY copies the template's files; the default (WAL_LOG) writes every page through the WAL, slower here.
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop `name`, ending any connection a test left open to it."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        connection = getattr(self, "_admin_connection", None)
        if connection is not None and not connection.closed:
            connection.close()
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
