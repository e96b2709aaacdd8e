"""Migrations and the self-documenting schema, on real PostgreSQL."""
import subprocess
import sys

import psycopg
import pytest
from alembic.script import ScriptDirectory

from etl.migrate import alembic_config, downgrade, upgrade
from tests.conftest import REPO, rows


def test_single_head():
    heads = ScriptDirectory.from_config(alembic_config("postgresql://x@localhost/x")).get_heads()
    assert len(heads) == 1


def test_round_trip_and_no_drift(empty_url):
    upgrade(empty_url)
    downgrade(empty_url, "base")
    left = rows(empty_url, "select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'alembic_version'")
    assert left == []
    upgrade(empty_url)
    env = {"DATABASE_URL": empty_url, "PATH": "/usr/bin:/bin"}
    res = subprocess.run([sys.executable, "-m", "alembic", "check"], cwd=REPO, env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "No new upgrade operations detected" in res.stdout + res.stderr


def test_every_table_view_and_column_has_a_bilingual_comment(loaded_url):
    objs = rows(loaded_url, """
        select c.relname, c.relkind, obj_description(c.oid, 'pg_class') as comment
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'v') and c.relname <> 'alembic_version'""")
    assert len([o for o in objs if o["relkind"] == "v"]) >= 4
    for o in objs:
        assert o["comment"] and " / " in o["comment"], o
    cols = rows(loaded_url, """
        select c.relname, a.attname, col_description(c.oid, a.attnum) as comment
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
         where n.nspname = 'public' and c.relkind in ('r', 'v') and c.relname <> 'alembic_version'""")
    blank = [(c["relname"], c["attname"]) for c in cols if not (c["comment"] or "").strip() or " / " not in c["comment"]]
    assert blank == []


def test_contract_view_columns(loaded_url):
    expected = {
        "v_documents": "doc_id source_name sha256 title publisher published_on period_start period_end script char_count n_deals n_stats n_rankings loaded_at text",
        "v_deals": "deal_id doc_id company round amount currency amount_cny qualifier amount_max announced_on city province country sector investors lead_investors evidence evidence_start evidence_end",
        "v_funding_stats": "stat_id doc_id geo_level geo_name city province country sector round period_start period_end metric value value_max currency qualifier evidence evidence_start evidence_end",
        "v_rankings": "entry_id doc_id list_name publisher edition_year period_start period_end basis entity_level entity_name city province sector rank value evidence evidence_start evidence_end",
    }
    for view, cols in expected.items():
        got = {r["column_name"] for r in rows(loaded_url, "select column_name from information_schema.columns where table_name = %s", (view,))}
        assert set(cols.split()) <= got, (view, set(cols.split()) - got)


def test_constraints_refuse_bad_facts(loaded_url):
    with psycopg.connect(loaded_url) as conn:
        doc_id = conn.execute("select min(doc_id) from source_doc").fetchone()[0]
        cid = conn.execute("select min(company_id) from company").fetchone()[0]
        for sql in [
            "insert into deal (doc_id, company_id, amount, evidence, evidence_start, evidence_end, fact_key) values (%s, %s, -1, 'x', 0, 1, 'neg')",
            "insert into deal (doc_id, company_id, qualifier, evidence, evidence_start, evidence_end, fact_key) values (%s, %s, 'maybe', 'x', 0, 1, 'q')",
        ]:
            with pytest.raises(psycopg.errors.CheckViolation):
                with conn.transaction():
                    conn.execute(sql, (doc_id, cid))
        lid = conn.execute("select min(list_id) from ranking_list").fetchone()[0]
        with pytest.raises(psycopg.errors.CheckViolation):
            with conn.transaction():
                conn.execute("insert into ranking_entry (doc_id, list_id, entity_level, entity_name, rank, evidence, evidence_start, evidence_end, fact_key)"
                             " values (%s, %s, 'city', '北京', 0, 'x', 0, 1, 'r0')", (doc_id, lid))


def test_reference_data_complete(loaded_url):
    one = lambda sql: rows(loaded_url, sql)[0]["n"]  # noqa: E731
    assert one("select count(*) n from province") == 34
    assert one("select count(*) n from city") >= 340
    assert one("select count(*) n from country") >= 190
    assert one("select count(*) n from city c left join province p using (province_code) where p.province_code is null") == 0
    assert one("select count(*) n from city where short_name in ('台北', '新竹', '香港', '澳门')") == 4
    assert one("select count(*) n from province where short_name in ('台湾', '香港')") == 2
    assert one("select count(*) n from fx_rate where currency_code = 'USD'") >= 130


def test_data_dictionary_is_current():
    from etl.docs import data_dictionary

    assert (REPO / "docs" / "data_dictionary.md").read_text(encoding="utf-8") == data_dictionary()


def test_declared_view_columns_match_database(loaded_url):
    from models.views import VIEWS

    for v in VIEWS:
        got = [r["attname"] for r in rows(loaded_url, "select attname from pg_attribute where attrelid = cast(%s as regclass) and attnum > 0 order by attnum", (v.name,))]
        assert got == list(v.columns), v.name


def test_views_follow_the_code_without_a_revision(empty_url, monkeypatch):
    """A release that changes a view but adds no revision still gets its view on the next load."""
    from models import views
    from sqlalchemy import text

    from etl.database import make_engine
    from etl.migrate import refresh_views

    upgrade(empty_url)
    assert refresh_views(empty_url) is False            # in step: nothing to do
    engine = make_engine(empty_url)
    with engine.begin() as conn:
        conn.execute(text("comment on table alembic_version is 'fundingdb views stale'"))
    engine.dispose()
    assert refresh_views(empty_url) is True
    engine = make_engine(empty_url)
    with engine.connect() as conn:
        assert views.stored_signature(conn) == views.signature()
    engine.dispose()
