"""Alembic environment: target metadata is the single declaration in ``models``."""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context

import models
from alembic.script import ScriptDirectory
from models import views
from etl.database import make_engine, resolve_url

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = models.metadata


def include_object(obj, name, type_, reflected, compare_to):
    # Views are managed by models.views, not by autogenerate.
    if type_ == "table" and reflected and name.startswith("v_"):
        return False
    return True


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or resolve_url(config.attributes.get("database_url"))
    engine = make_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        compare_type=True,
        compare_server_default=False,
        transaction_per_migration=True,
    )
    # Views are "repeatable": dropped before any revision runs and recreated from models.views
    # once the schema is at head, so a revision never has to know which views read its tables.
    with context.begin_transaction():
        views.drop_views(connection)
        context.run_migrations()
        heads = set(ScriptDirectory.from_config(config).get_heads())
        if set(context.get_context().get_current_heads()) == heads:
            views.create_views(connection)


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_migrations_online()
