"""The ETL against real PostgreSQL through the CLI: loads, reruns, versions, bad input, errors."""
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from etl.cli import cli
from tests.conftest import GOLD, SAMPLES, rows
from tests.support.scoring import Tally, score_deals, score_rankings, score_stats


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def counts(url):
    return {v: rows(url, f"select count(*) n from {v}")[0]["n"] for v in ("v_documents", "v_deals", "v_funding_stats", "v_rankings")}


def writes(url):
    """Inserts, updates and deletes so far on document and fact tables (pg_stat_user_tables)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_stat_force_next_flush()") if conn.info.server_version >= 150000 else None
    r = rows(url, """select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) n from pg_stat_user_tables
                     where relname in ('source_doc', 'deal', 'deal_investor', 'funding_stat', 'ranking_list', 'ranking_entry',
                                       'company', 'investor', 'extraction_warning')""")
    return r[0]["n"]


def test_samples_load_into_the_views(loaded_url):
    c = counts(loaded_url)
    assert c["v_documents"] == 5
    assert c["v_deals"] >= 10 and c["v_funding_stats"] >= 30 and c["v_rankings"] >= 50
    docs = rows(loaded_url, "select source_name, script, sha256, char_count, length(text) n from v_documents")
    assert {d["script"] for d in docs} == {"hans", "hant"}
    assert all(d["char_count"] == d["n"] and len(d["sha256"]) == 64 for d in docs)


def test_views_score_against_gold(loaded_url):
    """What the project's scorer checks, on the views: F1 per kind and verbatim evidence."""
    cats = {"deals": Tally(), "stats": Tally(), "rankings": Tally()}
    for g in sorted(GOLD.glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        doc = rows(loaded_url, "select * from v_documents where source_name = %s", (gold["file"],))[0]
        d = rows(loaded_url, "select * from v_deals where doc_id = %s", (doc["doc_id"],))
        s = rows(loaded_url, "select * from v_funding_stats where doc_id = %s", (doc["doc_id"],))
        r = rows(loaded_url, "select * from v_rankings where doc_id = %s", (doc["doc_id"],))
        score_deals(gold["deals"], d, cats["deals"])
        score_stats(gold["stats"], s, cats["stats"])
        score_rankings(gold["rankings"], r, cats["rankings"])
        for f in d + s + r:
            assert doc["text"][f["evidence_start"]:f["evidence_end"]] == f["evidence"]
    for kind, t in cats.items():
        assert t.prf()[2] >= 0.9, (kind, t.misses, t.extras)


def test_amounts_in_whole_units_and_cny(loaded_url):
    d = rows(loaded_url, "select * from v_deals where company = '绵脉生物医药'")[0]
    assert (int(d["amount"]), d["currency"], d["round"]) == (165000000, "USD", "D轮")
    assert 6 * 165000000 < d["amount_cny"] < 8 * 165000000


def test_rerun_changes_nothing(loaded_url):
    before, w = counts(loaded_url), writes(loaded_url)
    res = run("load", SAMPLES, "--database-url", loaded_url)
    assert res.exit_code == 0
    assert "5 unchanged" in res.output
    assert counts(loaded_url) == before
    assert writes(loaded_url) == w


def test_changed_file_becomes_a_new_version(empty_url, tmp_path):
    f = tmp_path / "report.txt"
    f.write_text("2025年上半年，全国共发生4172起投融资事件。", encoding="utf-8")
    assert run("load", f, "--database-url", empty_url).exit_code == 0
    f.write_text("2025年上半年，全国共发生4200起投融资事件。", encoding="utf-8")
    assert run("load", f, "--database-url", empty_url).exit_code == 0
    assert rows(empty_url, "select count(*) n from source_doc")[0]["n"] == 2
    cur = rows(empty_url, "select * from v_funding_stats")
    assert [int(x["value"]) for x in cur] == [4200]
    old = rows(empty_url, "select superseded_by from source_doc where not is_current")
    assert len(old) == 1 and old[0]["superseded_by"] is not None


def test_bad_inputs_are_quarantined_and_good_ones_load(empty_url, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inbox / "junk.bin").write_bytes(bytes((i * 7919) % 256 for i in range(3000)))
    text = "2025年前三季度，全国共发生投融资事件6284起，披露融资总额约3856.4亿元。"
    (inbox / "gb.txt").write_bytes(text.encode("gb18030"))
    (inbox / "big5.txt").write_bytes("2019年香港初創企業共錄得融資交易236宗。".encode("big5"))
    (inbox / "utf16.txt").write_bytes(text.replace("6284", "6285").encode("utf-16"))
    (inbox / "page.html").write_text(f"<html><body><h1>周报</h1><p>{text.replace('6284', '6286')}</p><script>x=1</script></body></html>", encoding="utf-8")
    (inbox / "nofacts.txt").write_text("今天天气很好，适合出门散步。", encoding="utf-8")
    res = run("load", inbox, "--database-url", empty_url)
    assert res.exit_code == 1, res.output
    errs = rows(empty_url, "select source_name, stage, reason from etl_error order by source_name")
    assert [e["source_name"] for e in errs] == ["empty.txt", "image.png", "junk.bin"]
    assert all(e["stage"] == "read" and e["reason"] for e in errs)
    docs = {d["source_name"]: d for d in rows(empty_url, "select * from v_documents")}
    assert set(docs) >= {"gb.txt", "big5.txt", "utf16.txt", "page.html", "nofacts.txt"} | {p.name for p in SAMPLES.iterdir()}
    assert docs["big5.txt"]["script"] == "hant" and "<p>" not in docs["page.html"]["text"]
    assert docs["nofacts.txt"]["n_deals"] + docs["nofacts.txt"]["n_stats"] + docs["nofacts.txt"]["n_rankings"] == 0
    values = {int(r["value"]) for r in rows(empty_url, "select value from v_funding_stats where metric = 'deal_count'")}
    assert {6284, 6285, 6286, 236} <= values
    listed = run("errors", "--database-url", empty_url)
    assert listed.exit_code == 0 and "image.png" in listed.output and "read" in listed.output
    # a second run changes nothing and still reports the quarantined files
    before = counts(empty_url)
    assert run("load", inbox, "--database-url", empty_url).exit_code == 1
    assert counts(empty_url) == before


def test_retry_errors_loads_a_fixed_file(empty_url, tmp_path):
    f = tmp_path / "late.txt"
    f.write_bytes(b"")
    assert run("load", f, "--database-url", empty_url).exit_code == 1
    f.write_text("2025年上半年，全国共发生4172起投融资事件。", encoding="utf-8")
    assert run("load", "--retry-errors", tmp_path / "none-here", "--database-url", empty_url).exit_code == 2
    res = run("load", tmp_path, "--retry-errors", "--database-url", empty_url)
    assert res.exit_code == 0, res.output
    assert rows(empty_url, "select count(*) n from etl_error where resolved_at is null")[0]["n"] == 0
    assert "no quarantined documents" in run("errors", "--database-url", empty_url).output


def test_injected_extractor_bug_is_quarantined_with_its_type(empty_url, tmp_path, monkeypatch):
    import etl.pipeline

    def broken(doc, name):
        raise ZeroDivisionError("division by zero in a rule")

    monkeypatch.setattr(etl.pipeline, "extract", broken)
    f = tmp_path / "a.txt"
    f.write_text("全国共发生10起投融资事件。", encoding="utf-8")
    assert run("load", f, "--database-url", empty_url).exit_code == 1
    e = rows(empty_url, "select stage, error_type, reason from etl_error")[0]
    assert (e["stage"], e["error_type"]) == ("extract", "ZeroDivisionError") and "division by zero" in e["reason"]
    assert rows(empty_url, "select count(*) n from source_doc")[0]["n"] == 0


def test_usage_and_connection_errors_exit_2_in_one_line(tmp_path):
    res = run("load", tmp_path / "missing", "--database-url", "postgresql://nobody@127.0.0.1:1/x")
    assert res.exit_code == 2 and "no such file" in res.output
    res = run("load", SAMPLES, "--database-url", "postgresql://u:s3cret@127.0.0.1:1/x")
    assert res.exit_code == 2
    assert "s3cret" not in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_extract_json_needs_no_database(tmp_path):
    res = run("extract", SAMPLES / "000_1f1a27089006ff26.txt", "--json")
    assert res.exit_code == 0
    obj = json.loads(res.output.strip().splitlines()[0])
    assert set(obj) >= {"document", "deals", "stats", "rankings"}
    assert {"company", "round", "amount", "currency", "evidence", "evidence_start"} <= set(obj["deals"][0])


def test_reextract_rebuilds_facts_from_stored_text(loaded_url):
    before = counts(loaded_url)
    with psycopg.connect(loaded_url) as conn:
        conn.execute("update source_doc set extractor_version = 'old'")
    res = run("reextract", "--database-url", loaded_url)
    assert res.exit_code == 0 and "5 re-extracted" in res.output
    assert counts(loaded_url) == before
    assert rows(loaded_url, "select count(*) n from source_doc where extractor_version = 'old'")[0]["n"] == 0


def test_report_text_and_html(loaded_url, tmp_path):
    out = tmp_path / "r.html"
    res = run("report", "--database-url", loaded_url, "--html", out)
    assert res.exit_code == 0 and "documents" in res.output
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "Deals by city" in page


def test_db_url_is_libpq(server_url):
    res = run("db", "url", "--database-url", server_url)
    assert res.output.strip().startswith("postgresql://") and "+psycopg" not in res.output


def test_jobs_give_identical_contents(make_database, tmp_path):
    from tests.integration.test_concurrency_crash import SNAPSHOT, make_inbox

    inbox = make_inbox(tmp_path, 12)
    one, two = make_database(), make_database()
    assert run("load", inbox, "--database-url", one, "-q").exit_code == 0
    assert run("load", inbox, "--database-url", two, "-q", "--jobs", "2").exit_code == 0
    assert rows(one, SNAPSHOT) == rows(two, SNAPSHOT)
    q = "select source_name, company, round, amount, evidence_start from v_deals join v_documents using (doc_id) order by 1, 2, 3, 4"
    assert rows(one, q) == rows(two, q)


def test_huge_and_vanishing_files_are_quarantined(empty_url, tmp_path, monkeypatch):
    import etl.load

    monkeypatch.setattr(etl.load, "MAX_BYTES", 1000)   # the 20 MB limit, scaled down for the test
    big = tmp_path / "big.txt"
    big.write_text("北京" * 2000, encoding="utf-8")
    gone = tmp_path / "gone.txt"
    gone.write_text("全国共发生10起投融资事件。", encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text("全国共发生12起投融资事件。", encoding="utf-8")
    real_read = etl.load.read_file

    def vanish(path):
        if path.name == "gone.txt":
            path.unlink()   # deleted by a scraper between listing and reading
        return real_read(path)

    monkeypatch.setattr(etl.load, "read_file", vanish)
    res = run("load", tmp_path, "--database-url", empty_url)
    assert res.exit_code == 1, res.output
    errs = {e["source_name"]: e for e in rows(empty_url, "select * from etl_error")}
    assert "file too large" in errs["big.txt"]["reason"]
    assert errs["gone.txt"]["stage"] == "read" and "No such file" in errs["gone.txt"]["reason"]
    assert [d["source_name"] for d in rows(empty_url, "select source_name from v_documents")] == ["ok.txt"]


def test_large_file_streams_through_read_limit(empty_url, tmp_path):
    """A 50 MB file is refused before it is read, with its size in the reason."""
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    res = run("load", f, "--database-url", empty_url)
    assert res.exit_code == 1
    e = rows(empty_url, "select reason, raw_bytes from etl_error")[0]
    assert "file too large: 52428800 bytes" in e["reason"] and e["raw_bytes"] is None


def test_long_runs_log_progress(empty_url, tmp_path):
    from tests.integration.test_concurrency_crash import make_inbox

    inbox = make_inbox(tmp_path, 20)
    res = CliRunner().invoke(cli, ["load", str(inbox), "--database-url", empty_url])
    assert res.exit_code == 0
    assert "progress: 20/20 files" in res.output and "20 loaded" in res.output
