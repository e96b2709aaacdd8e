"""ETL and query benchmark.

    .venv/bin/python bench/run.py --size 1000 --jobs 2              # ETL: one job, then two
    .venv/bin/python bench/run.py --size 0 --queries                 # queries over 1M deals + 1M stats
    .venv/bin/python bench/run.py --size 1000 --profile extract.prof # cProfile read+extract, no database

ETL part: builds a reproducible corpus of ``--size`` documents (bench/corpus.py, fixed seed) in a
temp folder, loads it through ``etl.load.Loader`` into a fresh, migrated database (created on the
server of ``--database-url`` / ``$DATABASE_URL`` / the embedded PostgreSQL, dropped afterwards) and
prints end-to-end throughput (file read -> committed rows), seconds per stage from the run summary
(normalise runs inside extract), facts/s, peak RSS, the time of a second unchanged run, and the
ratio of the ETL's time to ``jieba.lcut`` (precise mode) over the same texts. With ``--jobs N`` (N>1)
it loads the corpus again with N worker processes into a second fresh database, prints the speedup
and checks both databases hold the same facts (counts per table, checksum of the views' rows).

Query part (``--queries``): 1,000,000 synthetic deals and 1,000,000 synthetic stats (plus investors
and rankings) copied into a fresh migrated database, ANALYZE, then a set of analyst queries timed
(median of several warm runs) with the plan of the slowest printed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402

from corpus import SEED, build_corpus  # noqa: E402

FACT_TABLES = ("source_doc", "company", "investor", "deal", "deal_investor", "funding_stat", "ranking_list",
               "ranking_entry", "extraction_warning")
ID_COLUMNS = {"deal_id", "doc_id", "stat_id", "entry_id", "list_id"}


# ---------------------------------------------------------------------------------------------
# databases


def server_url(explicit: str | None) -> str:
    from etl.database import resolve_url

    return resolve_url(explicit or os.environ.get("DATABASE_URL") or None)


def with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


class Databases:
    """Throwaway databases on one server, dropped on exit (unless kept)."""

    def __init__(self, url: str, keep: bool = False):
        self.url, self.keep, self.names = url, keep, []

    def create(self, prefix: str) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(with_db(self.url, "postgres"), autocommit=True) as conn:
            conn.execute(f"create database \"{name}\" encoding 'UTF8' template template0")
        self.names.append(name)
        return with_db(self.url, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.keep:
            for n in self.names:
                print(f"kept database {with_db(self.url, n)}")
            return
        with psycopg.connect(with_db(self.url, "postgres"), autocommit=True) as conn:
            for n in self.names:
                conn.execute(f'drop database if exists "{n}" with (force)')


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("select version()").fetchone()[0].split(" on ")[0]


def contents(url: str) -> dict:
    """Counts per fact table and an md5 of each view's rows (ids left out, source_name in), ordered."""
    from models.views import VIEWS

    out = {}
    with psycopg.connect(url) as conn:
        for t in FACT_TABLES:
            out[f"count:{t}"] = conn.execute(f"select count(*) from {t}").fetchone()[0]
        for v in VIEWS:
            if v.name not in ("v_deals", "v_funding_stats", "v_rankings"):
                continue
            cols = ", ".join(f"v.{c}" for c in v.columns if c not in ID_COLUMNS)
            out[f"md5:{v.name}"] = conn.execute(
                f"select count(*) || ':' || coalesce(md5(string_agg(r, E'\\n' order by r)), '')"
                f"  from (select row(d.source_name, {cols})::text as r"
                f"          from {v.name} v join source_doc d on d.doc_id = v.doc_id) x").fetchone()[0]
    return out


def sizes(url: str) -> dict:
    """On-disk MB per table (with its indexes and TOAST) and for the whole database."""
    with psycopg.connect(url) as conn:
        out = {t: conn.execute("select pg_total_relation_size(%s) / 1e6", (t,)).fetchone()[0] for t in FACT_TABLES}
        out["database"] = conn.execute("select pg_database_size(current_database()) / 1e6").fetchone()[0]
        out["ix_source_doc_search_text"] = conn.execute(
            "select coalesce(sum(pg_relation_size(indexrelid)), 0) / 1e6 from pg_index"
            " where indexrelid = to_regclass('ix_source_doc_search_text')").fetchone()[0]
    return {k: float(v) for k, v in out.items()}


# ---------------------------------------------------------------------------------------------
# ETL


def rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0   # Linux: KiB


def warm_up() -> float:
    """Build the gazetteer and load jieba's dictionary once, as a long-running loader would have."""
    import jieba

    from etl.lexicon import lexicon

    t = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.initialize()
    lexicon()
    return time.perf_counter() - t


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the --jobs workers); not the server's."""
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def load_once(url: str, files: list[Path], jobs: int) -> tuple[float, object]:
    from etl.load import Loader

    loader = Loader(url)
    try:
        c = cpu_seconds()
        t = time.perf_counter()
        s = loader.load(files, jobs=jobs)
        s.wall = time.perf_counter() - t
        s.cpu = cpu_seconds() - c
        return s.wall, s
    finally:
        loader.close()


def jieba_seconds(files: list[Path]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    total = cpu = 0.0
    for f in files:
        text = f.read_bytes().decode("utf-8")
        c = time.process_time()
        t = time.perf_counter()
        jieba.lcut(text)            # precise mode (cut_all=False, HMM=True)
        total += time.perf_counter() - t
        cpu += time.process_time() - c
    jieba_seconds.cpu = cpu
    return total


def run_etl(args, dbs: Databases) -> dict:
    from etl.load import collect_files
    from etl.migrate import upgrade

    res: dict = {"size": args.size, "seed": args.seed}
    with tempfile.TemporaryDirectory(prefix="fundingdb_bench_") as tmp:
        folder = Path(args.corpus or tmp) / f"corpus_{args.size}"
        t = time.perf_counter()
        n, nbytes = build_corpus(folder, args.size, args.seed)
        res["corpus_seconds"] = time.perf_counter() - t
        files = collect_files([folder])
        res["documents"], res["bytes"] = n, nbytes
        print(f"corpus: {n} documents, {nbytes / 1e6:.1f} MB in {folder} ({res['corpus_seconds']:.1f} s to build)")

        res["warm_up_seconds"] = warm_up()
        url1 = dbs.create("bench_etl1")
        upgrade(url1)
        res["server"] = server_version(url1)

        secs, s = load_once(url1, files, 1)
        assert s.loaded == n and not s.failed, (s.loaded, s.failed, s.errors[:3])
        res["one"] = dict(seconds=secs, cpu=s.cpu, stages=dict(s.seconds), facts=s.facts, loaded=s.loaded,
                          rss_mb=rss_mb())
        res["sizes_mb"] = sizes(url1)
        print("on disk (MB, with indexes): " + ", ".join(f"{k} {v:.1f}" for k, v in res["sizes_mb"].items()))
        rerun, s2 = load_once(url1, files, 1)
        assert s2.skipped == n and s2.loaded == 0, (s2.skipped, s2.loaded)
        res["one"]["rerun_seconds"] = rerun
        report_run("1 job", res, res["one"])

        res["jieba_seconds"] = jieba_seconds(files)
        res["jieba_cpu"] = jieba_seconds.cpu
        res["jieba_ratio"] = secs / res["jieba_seconds"]
        print(f"jieba.lcut (precise) over the same texts: {res['jieba_seconds']:.2f} s -> "
              f"ETL / jieba = {res['jieba_ratio']:.2f} (wall); in CPU seconds of this process "
              f"{s.cpu:.2f} / {res['jieba_cpu']:.2f} = {s.cpu / res['jieba_cpu']:.2f} (the server's CPU not counted)")

        if args.jobs > 1:
            urlj = dbs.create("bench_etlj")
            upgrade(urlj)
            before_children = rss_mb(resource.RUSAGE_CHILDREN)
            secs_j, sj = load_once(urlj, files, args.jobs)
            assert sj.loaded == n and not sj.failed, (sj.loaded, sj.failed, sj.errors[:3])
            rerun_j, sj2 = load_once(urlj, files, args.jobs)
            res["jobs"] = dict(n=args.jobs, seconds=secs_j, cpu=sj.cpu, stages=dict(sj.seconds), facts=sj.facts, loaded=sj.loaded,
                               rss_mb=rss_mb(), rss_children_mb=rss_mb(resource.RUSAGE_CHILDREN),
                               rss_children_before_mb=before_children, rerun_seconds=rerun_j)
            report_run(f"--jobs {args.jobs}", res, res["jobs"])
            res["speedup"] = secs / secs_j
            print(f"speedup --jobs {args.jobs} vs 1 job: {res['speedup']:.2f}x; "
                  f"ETL(--jobs {args.jobs}) / jieba = {secs_j / res['jieba_seconds']:.2f}")
            c1, cj = contents(url1), contents(urlj)
            res["identical"] = c1 == cj
            res["contents"] = c1
            print("database contents identical (counts per table, md5 of v_deals/v_funding_stats/v_rankings rows): "
                  + ("yes" if c1 == cj else "NO"))
            if c1 != cj:
                for k in c1:
                    if c1[k] != cj.get(k):
                        print(f"  {k}: {c1[k]} vs {cj.get(k)}")
        else:
            res["contents"] = contents(url1)
        print("counts: " + ", ".join(f"{k[6:]} {v}" for k, v in res["contents"].items() if k.startswith("count:")))
    return res


def report_run(label: str, res: dict, r: dict) -> None:
    n, mb = res["documents"], res["bytes"] / 1e6
    st = r["stages"]
    print(f"[{label}] {n} docs in {r['seconds']:.2f} s: {n / r['seconds']:.1f} docs/s, {mb / r['seconds']:.2f} MB/s, "
          f"{r['facts'] / r['seconds']:.0f} facts/s ({r['facts']} facts)")
    print(f"[{label}] stages (s, summed over documents{'; workers run in parallel' if label != '1 job' else ''}): "
          f"read {st['read']:.2f}, extract (incl. normalise) {st['extract']:.2f}, load {st['load']:.2f}")
    rss = f"peak RSS {r['rss_mb']:.0f} MB"
    if "rss_children_mb" in r:
        rss += f" (this process), {r['rss_children_mb']:.0f} MB (largest worker, RUSAGE_CHILDREN)"
    print(f"[{label}] CPU (this process{' and workers' if label != '1 job' else ''}): {r['cpu']:.2f} s")
    print(f"[{label}] {rss}; unchanged rerun {r['rerun_seconds']:.3f} s = {100 * r['rerun_seconds'] / r['seconds']:.2f}% of the first")


# ---------------------------------------------------------------------------------------------
# profile (no database)


def run_profile(args) -> None:
    import cProfile
    import pstats

    from etl.load import collect_files
    from etl.pipeline import extract_stage, read_stage

    with tempfile.TemporaryDirectory(prefix="fundingdb_bench_") as tmp:
        folder = Path(args.corpus or tmp) / f"corpus_{args.size}"
        build_corpus(folder, args.size, args.seed)
        raws = [(f.name, f.read_bytes()) for f in collect_files([folder])]
    warm_up()
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    for name, raw in raws:
        extract_stage(read_stage(raw), name)
    prof.disable()
    print(f"read+extract of {len(raws)} documents: {time.perf_counter() - t:.2f} s (under cProfile)")
    prof.dump_stats(args.profile)
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


# ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--size", type=int, default=1000, help="documents in the corpus (0: no ETL benchmark)")
    ap.add_argument("--jobs", type=int, default=1, help="also load with this many worker processes and compare")
    ap.add_argument("--database-url", help="server to create throwaway databases on (default $DATABASE_URL, else embedded)")
    ap.add_argument("--queries", action="store_true", help="query benchmark over 1M synthetic deals and stats")
    ap.add_argument("--rows", type=int, default=1_000_000, help="synthetic deals and stats for --queries")
    ap.add_argument("--no-doc-queries", dest="doc_queries", action="store_false",
                    help="with --queries, do not time the blocks of docs/queries.md")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--corpus", help="build the corpus under this folder instead of a temp folder (kept)")
    ap.add_argument("--keep", action="store_true", help="keep the databases")
    ap.add_argument("--profile", metavar="FILE", help="cProfile read+extract over the corpus (no database) into FILE")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = ap.parse_args(argv)

    if args.profile:
        run_profile(args)
        return 0
    url = server_url(args.database_url)
    out = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()}
    with Databases(url, keep=args.keep) as dbs:
        if args.size > 0:
            out["etl"] = run_etl(args, dbs)
        if args.queries:
            from queries import run_queries

            out["queries"] = run_queries(args, dbs)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
