"""Full-text search over the stored reports by Chinese keyword.

``source_doc.search_text`` is the same-length simplified, half-width copy of ``source_doc.text``
(:func:`etl.read.to_match_text`), indexed with a pg_trgm GIN index (migration 0002), so a
simplified keyword finds a traditional-script report (机器人 finds 機器人) and
``search_text like '%机器人%'`` is an index scan. Because both texts have the same length, a hit's
offset in ``search_text`` is its offset in ``text``: snippets are cut from the text as written.

In SQL: ``select * from search_reports('机器人')`` (keyword in simplified script), or ``v_search``.
From Python: :func:`search` converts the keyword first, so traditional keywords work too.

The column is computed here, in Python (OpenCC), not by the database: the loader fills it for the
documents it stores; :func:`refresh_search_text` fills any that are still NULL, e.g. documents
loaded before migration 0002::

    python -m etl.search [--database-url URL] [KEYWORD]
"""
from __future__ import annotations

import argparse
import sys

from sqlalchemy import text

from .read import to_match_text

BATCH = 50


def refresh_search_text(conn, batch_size: int = BATCH) -> int:
    """Fill ``source_doc.search_text`` where it is NULL, ``batch_size`` documents per round trip.

    ``conn`` is a SQLAlchemy connection; the caller owns the transaction. Returns the number of
    documents filled.
    """
    done = 0
    last = 0
    while True:
        batch = conn.execute(text(
            "select doc_id, text from source_doc where search_text is null and doc_id > :last"
            " order by doc_id limit :n"), {"last": last, "n": batch_size}).all()
        if not batch:
            return done
        ids = [r.doc_id for r in batch]
        texts = [to_match_text(r.text or "") for r in batch]
        conn.execute(text(
            "update source_doc d set search_text = u.search_text"
            " from unnest(cast(:ids as bigint[]), cast(:texts as text[])) as u(doc_id, search_text)"
            " where d.doc_id = u.doc_id"), {"ids": ids, "texts": texts})
        done += len(batch)
        last = ids[-1]


def search(conn, keyword: str, context: int = 30) -> list[tuple]:
    """(doc_id, source_name, title, snippet, n_hits) of current documents containing ``keyword``
    (either script), most hits first."""
    kw = to_match_text(keyword.strip())
    if not kw:
        return []
    return [tuple(r) for r in conn.execute(
        text("select doc_id, source_name, title, snippet, n_hits from search_reports(:k, :c)"), {"k": kw, "c": context}).all()]


def main(argv: list[str] | None = None) -> int:
    from .database import make_engine, resolve_url

    ap = argparse.ArgumentParser(prog="python -m etl.search", description=__doc__.split("\n\n")[0])
    ap.add_argument("keyword", nargs="?", help="keyword to search for after filling search_text")
    ap.add_argument("--database-url", help="libpq URL (default: $DATABASE_URL, else the embedded server)")
    args = ap.parse_args(argv)
    engine = make_engine(resolve_url(args.database_url))
    try:
        with engine.begin() as conn:
            n = refresh_search_text(conn)
        print(f"search_text filled for {n} document(s)", file=sys.stderr)
        if args.keyword:
            with engine.connect() as conn:
                for doc_id, name, title, snippet, hits in search(conn, args.keyword):
                    print(f"{doc_id}\t{name}\t{hits}\t{title or ''}\t{snippet}")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
