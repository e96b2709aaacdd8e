"""Least privilege: a read-only role for analysts and BI tools, a writer role for the nightly job.

Roles are cluster-wide, so creation is idempotent and grants are re-applied every time (new
tables and views are covered after a migration by running `fundingdb roles create` again).
"""
from __future__ import annotations

from sqlalchemy import text

from .database import make_engine

READER = "fundingdb_reader"
WRITER = "fundingdb_writer"

REFERENCE_TABLES = ("province", "city", "country", "region", "region_member", "sector", "round", "currency", "fx_rate")
FACT_TABLES = ("source_doc", "company", "investor", "deal", "deal_investor", "funding_stat", "ranking_list",
               "ranking_entry", "extraction_warning", "etl_run", "etl_error")


def create_roles(url: str) -> list[str]:
    engine = make_engine(url)
    out = []
    try:
        with engine.begin() as conn:
            dbname = conn.execute(text("select current_database()")).scalar_one()
            for role in (READER, WRITER):
                exists = conn.execute(text("select 1 from pg_roles where rolname = :r"), {"r": role}).first()
                if not exists:
                    conn.execute(text(f"create role {role} nologin"))
                    out.append(f"created role {role}")
                else:
                    out.append(f"role {role} exists; grants refreshed")
            views = conn.execute(text("select table_name from information_schema.views where table_schema = 'public'")).scalars().all()
            conn.execute(text(f'grant connect on database "{dbname}" to {READER}, {WRITER}'))
            conn.execute(text(f"grant usage on schema public to {READER}, {WRITER}"))
            # the reader sees the views and reference data, never raw input or quarantined bytes
            conn.execute(text(f"revoke all on all tables in schema public from {READER}"))
            conn.execute(text(f"grant select on {', '.join(REFERENCE_TABLES + tuple(views))} to {READER}"))
            # the writer does DML only; it owns nothing, so it cannot alter or drop the schema
            conn.execute(text(f"grant select on all tables in schema public to {WRITER}"))
            conn.execute(text(f"grant insert, update, delete on {', '.join(FACT_TABLES + REFERENCE_TABLES)} to {WRITER}"))
            conn.execute(text(f"grant usage, select on all sequences in schema public to {WRITER}"))
            conn.execute(text(f"revoke create on schema public from {WRITER}, {READER}"))
    finally:
        engine.dispose()
    return out
