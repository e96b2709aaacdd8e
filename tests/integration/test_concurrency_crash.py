"""Two loads at once, and a load killed with SIGKILL mid-batch."""
import os
import shutil
import signal
import subprocess
import sys
import time

import psycopg
from click.testing import CliRunner

from etl.cli import cli
from tests.conftest import SAMPLES, rows

SNAPSHOT = """select (select count(*) from source_doc) d, (select count(*) from deal) x, (select count(*) from funding_stat) s,
                     (select count(*) from ranking_entry) r, (select count(*) from company) c"""


def make_inbox(tmp_path, n=40):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    base = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir())]
    for i in range(n):
        (inbox / f"doc{i:03d}.txt").write_text(f"第{i}号。\n" + base[i % len(base)], encoding="utf-8")
    return inbox


def test_no_wait_refuses_while_another_load_holds_the_lock(empty_url):
    from etl.load import RUN_LOCK
    from etl.migrate import upgrade

    upgrade(empty_url)
    with psycopg.connect(empty_url, autocommit=True) as holder:
        holder.execute("select pg_advisory_lock(%s)", (RUN_LOCK,))
        res = CliRunner().invoke(cli, ["load", str(SAMPLES), "--database-url", empty_url, "--no-wait"])
        assert res.exit_code == 2 and "another fundingdb load" in res.output
    assert CliRunner().invoke(cli, ["load", str(SAMPLES), "--database-url", empty_url, "--no-wait", "-q"]).exit_code == 0


def test_two_loads_at_once_do_not_duplicate(empty_url, tmp_path):
    inbox = make_inbox(tmp_path, 20)
    cmd = [sys.executable, "-m", "etl.cli", "load", str(inbox), "--database-url", empty_url, "-q"]
    procs = [subprocess.Popen(cmd) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    assert rows(empty_url, "select count(*) n from source_doc")[0]["n"] == 20
    assert rows(empty_url, "select count(*) n from (select sha256 from source_doc group by 1 having count(*) > 1) x")[0]["n"] == 0


def test_sigkill_mid_batch_then_rerun_equals_uninterrupted(make_database, tmp_path):
    inbox = make_inbox(tmp_path, 60)
    clean = make_database()
    assert CliRunner().invoke(cli, ["load", str(inbox), "--database-url", clean, "-q"]).exit_code == 0
    expected = rows(clean, SNAPSHOT)

    killed = make_database()
    from etl.migrate import upgrade

    upgrade(killed)
    p = subprocess.Popen([sys.executable, "-m", "etl.cli", "load", str(inbox), "--database-url", killed, "-q"])
    deadline = time.time() + 120
    while time.time() < deadline:
        n = rows(killed, "select count(*) n from source_doc")[0]["n"]
        if n >= 5:
            break
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    partial = rows(killed, SNAPSHOT)[0]
    assert 0 < partial["d"] < 60, "the kill should land mid-batch"
    # no half-loaded document: every stored document has all of its facts
    assert rows(killed, "select count(*) n from source_doc d where not exists (select 1 from funding_stat s where s.doc_id = d.doc_id)"
                        " and not exists (select 1 from ranking_entry r where r.doc_id = d.doc_id)")[0]["n"] == 0
    assert CliRunner().invoke(cli, ["load", str(inbox), "--database-url", killed, "-q"]).exit_code == 0
    assert rows(killed, SNAPSHOT) == expected
