"""docs/queries.md never rots: every ```sql block runs on the loaded samples and must print the
```text block that follows it (psql-like rows; alignment and surrounding spaces do not matter).

After a deliberate change (better extraction, new samples), rewrite the expected blocks with

    python -m tests.integration.test_queries --update postgresql://…/db_with_the_samples_loaded

and read the diff before committing it.
"""
from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "queries.md"
BLOCK = re.compile(r"```sql\n(?P<sql>.*?)```[ \t]*\n+```text\n(?P<out>.*?)```", re.S)


def blocks(md: str) -> list[re.Match]:
    return list(BLOCK.finditer(md))


def run(conn, sql: str) -> tuple[list[str], list[list[str]]]:
    """Column names and rows as PostgreSQL prints them (text output; NULL as empty)."""
    body = sql.strip().rstrip(";").strip()
    buf = io.StringIO()
    with conn.cursor() as cur:
        with cur.copy(f"copy ({body}) to stdout with (format csv, header true)") as copy:
            for data in copy:
                buf.write(bytes(data).decode("utf-8"))
    table = list(csv.reader(io.StringIO(buf.getvalue())))
    return table[0], table[1:]


def parse(out: str) -> tuple[list[str], list[list[str]], int | None]:
    lines = [ln for ln in out.splitlines() if ln.strip()]
    header = [c.strip() for c in lines[0].split("|")]
    assert set(lines[1].replace("+", "")) == {"-"}, "second line must be the ---+--- rule"
    count = None
    body = []
    for ln in lines[2:]:
        m = re.fullmatch(r"\((\d+) rows?\)", ln.strip())
        if m:
            count = int(m.group(1))
            break
        body.append([c.strip() for c in ln.split("|")])
    return header, body, count


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _numeric(col: list[str]) -> bool:
    vals = [v for v in col if v != ""]
    return bool(vals) and all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in vals)


def render(header: list[str], rows: list[list[str]]) -> str:
    """psql's aligned format: numbers right-aligned, everything else left-aligned."""
    cols = list(zip(header, *rows)) if rows else [(h,) for h in header]
    widths = [max(_width(v) for v in c) for c in cols]
    right = [_numeric(list(c[1:])) for c in cols]

    def cell(v, i, head=False):
        pad = widths[i] - _width(v)
        if head:
            return " " * (pad // 2) + v + " " * (pad - pad // 2)
        return " " * pad + v if right[i] else v + " " * pad

    lines = [" " + " | ".join(cell(h, i, True) for i, h in enumerate(header)).rstrip()]
    lines.append("-" + "-+-".join("-" * w for w in widths) + "-")
    for r in rows:
        lines.append(" " + " | ".join(cell(v, i) for i, v in enumerate(r)).rstrip())
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _prepare(url: str) -> None:
    """The search example needs search_text (filled by the loader, else by refresh_search_text)."""
    from etl.database import make_engine
    from etl.search import refresh_search_text

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            refresh_search_text(conn)
    finally:
        engine.dispose()


MD = DOC.read_text(encoding="utf-8")
CASES = blocks(MD)


def test_the_doc_has_enough_documented_questions():
    assert len(CASES) >= 15
    assert MD.count("```sql") == len(CASES), "every ```sql block needs a ```text block with its expected rows"


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"q{i + 1:02d}" for i in range(len(CASES))])
def test_documented_query_prints_the_documented_rows(loaded_url, i):
    _prepare(loaded_url)
    m = CASES[i]
    want_header, want_rows, want_count = parse(m.group("out"))
    with psycopg.connect(loaded_url) as conn:
        header, got = run(conn, m.group("sql"))
    assert header == want_header, m.group("sql")
    assert got == want_rows, m.group("sql")
    if want_count is not None:
        assert len(got) == want_count


def update(url: str) -> None:
    _prepare(url)
    md = DOC.read_text(encoding="utf-8")
    with psycopg.connect(url) as conn:
        def sub(m: re.Match) -> str:
            header, rows = run(conn, m.group("sql"))
            return f"```sql\n{m.group('sql')}```\n```text\n{render(header, rows)}```"
        md = BLOCK.sub(sub, md)
    DOC.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--update":
        raise SystemExit("usage: python -m tests.integration.test_queries --update DATABASE_URL")
    update(sys.argv[2])
