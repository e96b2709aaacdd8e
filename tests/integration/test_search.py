"""Full-text search by Chinese keyword: pg_trgm index on source_doc.search_text (migration 0002),
filled from Python (etl.search.refresh_search_text), so simplified keywords find traditional text."""
import psycopg
import pytest
from click.testing import CliRunner

from etl.cli import cli
from etl.database import make_engine
from etl.read import to_match_text
from etl.roles import READER
from etl.search import refresh_search_text, search
from tests.conftest import rows


@pytest.fixture(scope="module")
def searchable_url(loaded_url):
    engine = make_engine(loaded_url)
    try:
        with engine.begin() as conn:
            refresh_search_text(conn, batch_size=2)   # several batches on five documents
        with engine.begin() as conn:
            assert refresh_search_text(conn) == 0      # nothing left: idempotent
    finally:
        engine.dispose()
    return loaded_url


def test_search_text_is_the_same_length_simplified_copy(searchable_url):
    docs = rows(searchable_url, "select doc_id, text, search_text, script from source_doc")
    assert docs and all(d["search_text"] is not None for d in docs)
    for d in docs:
        assert d["search_text"] == to_match_text(d["text"])
        assert len(d["search_text"]) == len(d["text"])
    assert any(d["script"] == "hant" and "機器人" in d["text"] and "机器人" in d["search_text"] for d in docs)


def test_simplified_keyword_finds_the_traditional_report(searchable_url):
    hits = rows(searchable_url, "select source_name from v_search where search_text like '%%' || %s || '%%'", ("机器人",))
    names = {h["source_name"] for h in hits}
    assert any(n.startswith("004_") for n in names)          # the traditional-script report
    assert any(n.startswith("000_") for n in names)
    found = rows(searchable_url, "select * from search_reports('机器人')")
    assert {f["source_name"] for f in found} == names
    trad = next(f for f in found if f["source_name"].startswith("004_"))
    assert "機器人" in trad["snippet"]                          # the snippet is cut from the text as written
    assert trad["n_hits"] >= 1
    assert [f["n_hits"] for f in found] == sorted((f["n_hits"] for f in found), reverse=True)


def test_python_search_takes_either_script(searchable_url):
    engine = make_engine(searchable_url)
    try:
        with engine.connect() as conn:
            simp = search(conn, "人形机器人")
            trad = search(conn, "人形機器人")
            assert simp == trad and any(r[1].startswith("004_") for r in simp)
            assert search(conn, "  ") == []
    finally:
        engine.dispose()


def test_like_wildcards_in_the_keyword_are_literal(searchable_url):
    for keyword in ("机_人", "机%人", ""):     # a naive LIKE would match 机器人 or everything
        assert rows(searchable_url, "select * from search_reports(%s)", (keyword,)) == [], keyword


def test_search_uses_the_trigram_index(searchable_url):
    with psycopg.connect(searchable_url) as conn:
        conn.execute("set enable_seqscan = off")
        plan = "\n".join(r[0] for r in conn.execute(
            "explain select doc_id from source_doc where search_text like '%%' || %s || '%%'", ("机器人",)))
    assert "ix_source_doc_search_text" in plan, plan


def test_reader_role_can_search(searchable_url):
    res = CliRunner().invoke(cli, ["roles", "create", "--database-url", searchable_url])
    assert res.exit_code == 0, res.output
    with psycopg.connect(searchable_url) as conn:
        conn.execute(f"set role {READER}")
        found = conn.execute("select source_name from search_reports('机器人')").fetchall()
        assert any(n.startswith("004_") for (n,) in found)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select search_text from source_doc")


def test_a_newly_loaded_traditional_document_is_searchable(empty_url, tmp_path):
    # the loader may fill search_text itself; refresh_search_text fills whatever is still NULL
    f = tmp_path / "news.txt"
    f.write_text("2025年3月12日，深圳機器人企業雲鯨智能宣布完成2億元B輪融資。\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["load", str(f), "--database-url", empty_url, "-q"])
    assert res.exit_code == 0, res.output
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            refresh_search_text(conn)
        with engine.connect() as conn:
            assert [r[1] for r in search(conn, "机器人企业")] == ["news.txt"]
    finally:
        engine.dispose()
