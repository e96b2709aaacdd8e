"""Least privilege: the analyst role reads views and reference data only; the writer does DML, no DDL."""
import uuid

import psycopg
import pytest
from click.testing import CliRunner

from etl.cli import cli
from etl.roles import READER, WRITER


@pytest.fixture()
def role_urls(loaded_url):
    res = CliRunner().invoke(cli, ["roles", "create", "--database-url", loaded_url])
    assert res.exit_code == 0, res.output
    again = CliRunner().invoke(cli, ["roles", "create", "--database-url", loaded_url])
    assert again.exit_code == 0 and "exists" in again.output   # idempotent
    logins = {}
    with psycopg.connect(loaded_url, autocommit=True) as conn:
        for role in (READER, WRITER):
            login = f"{role}_t{uuid.uuid4().hex[:6]}"
            conn.execute(f"create role {login} login in role {role}")
            logins[role] = login
    yield {r: loaded_url.replace("postgresql://postgres@", f"postgresql://{login}@", 1) for r, login in logins.items()}
    with psycopg.connect(loaded_url, autocommit=True) as conn:
        for login in logins.values():
            conn.execute(f"drop role if exists {login}")


def test_reader_reads_views_but_cannot_write_or_read_raw_input(role_urls):
    with psycopg.connect(role_urls[READER]) as conn:
        assert conn.execute("select count(*) from v_deals").fetchone()[0] > 0
        assert conn.execute("select count(*) from city").fetchone()[0] >= 340
        for sql in ("select raw_bytes from etl_error", "select raw_bytes from source_doc", "delete from city"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                with conn.transaction():
                    conn.execute(sql)


def test_writer_writes_but_cannot_change_the_schema(role_urls):
    with psycopg.connect(role_urls[WRITER]) as conn:
        with conn.transaction():
            conn.execute("insert into company (company_name) values ('写入测试公司')")
            conn.execute("delete from company where company_name = '写入测试公司'")
        for sql in ("alter table deal add column x int", "drop view v_deals", "create table t (x int)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                with conn.transaction():
                    conn.execute(sql)
