"""Alembic, driven from code: the CLI's ``migrate`` and the first step of ``load``."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .database import make_engine

REPO = Path(__file__).resolve().parents[1]


def alembic_config(url: str) -> Config:
    cfg = Config(str(REPO / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO / "migrations"))
    cfg.attributes["database_url"] = url
    cfg.attributes["configure_logger"] = False
    return cfg


def head_revisions(url: str) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(url)).get_heads())


def current_revisions(conn) -> set[str]:
    return set(MigrationContext.configure(conn).get_current_heads())


def at_head(url: str) -> bool:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return current_revisions(conn) == head_revisions(url)
    finally:
        engine.dispose()


def upgrade(url: str) -> bool:
    """Migrate to head and sync reference data; False when there was nothing to migrate.

    Skipping when already at head matters: the nightly writer role may not run DDL.
    """
    from .seed import seed

    migrated = False
    if not at_head(url):
        cfg = alembic_config(url)
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                # one advisory lock so two first-time loads do not migrate at once
                conn.exec_driver_sql("select pg_advisory_xact_lock(7243000001)")
                cfg.attributes["connection"] = conn
                if current_revisions(conn) != head_revisions(url):
                    command.upgrade(cfg, "head")
                    migrated = True
        finally:
            engine.dispose()
    if not migrated:
        refresh_views(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("select pg_advisory_xact_lock(7243000001)")
            seed(conn)
            if migrated:
                # documents stored before search_text existed get it from their text (needs OpenCC,
                # so it is done here rather than in SQL)
                from .search import refresh_search_text

                refresh_search_text(conn)
    finally:
        engine.dispose()
    return migrated


def refresh_views(url: str) -> bool:
    """Views are declared in code, not in revisions: when the code's views differ from the
    database's (a release that changed a view but added no revision), recreate them. A role that may
    not run DDL (the nightly writer) leaves them for the owner's next `fundingdb migrate`."""
    from sqlalchemy.exc import ProgrammingError

    from models import views

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if views.stored_signature(conn) == views.signature():
                return False
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("select pg_advisory_xact_lock(7243000001)")
                if views.stored_signature(conn) == views.signature():
                    return False
                views.drop_views(conn)
                views.create_views(conn)
            return True
        except ProgrammingError:
            return False   # not the owner: the views stay as they are
    finally:
        engine.dispose()


def downgrade(url: str, revision: str = "base") -> None:
    cfg = alembic_config(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()
