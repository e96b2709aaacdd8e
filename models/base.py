"""Declarative base and the one helper every column goes through.

Every table and column is declared once, here in ``models/``, with a bilingual comment
("中文 / English"). Alembic autogenerate copies the comments into the revisions, PostgreSQL gets
them as ``COMMENT ON``, and ``docs/data_dictionary.md`` is generated from the same metadata, so
``\\d+`` in psql, the docs and the code never disagree.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, mapped_column

# Named constraints so migrations can drop them by name and autogenerate stays stable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def doc(zh: str, en: str) -> str:
    """The comment format used everywhere: Chinese first, then English."""
    return f"{zh} / {en}"


def col(*args: Any, zh: str, en: str, **kw: Any):
    """``mapped_column`` that refuses to exist without a comment in both languages."""
    if not zh.strip() or not en.strip():
        raise ValueError("every column needs a Chinese and an English comment")
    return mapped_column(*args, comment=doc(zh, en), **kw)


def table_args(zh: str, en: str, *constraints: Any) -> tuple:
    return (*constraints, {"comment": doc(zh, en)})
