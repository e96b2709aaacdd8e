"""Query speed at scale: synthetic facts copied into a fresh migrated database, then analyst queries.

``run_queries`` (``bench/run.py --queries``): 20,000 synthetic documents, 300,000 companies,
30,000 investors, 1,000,000 deals (with ~1.2M deal_investor links), 1,000,000 funding stats and
200,000 ranking entries in 2,000 lists, all written with COPY (psycopg ``cursor.copy``). Places,
sectors, rounds and currencies come from the reference tables the migration seeds; dates spread over
2015–2026; every fact has an evidence string. Then ANALYZE, and each query is timed (the median
of five runs after one warm-up run) with its plan; the slowest one's EXPLAIN (ANALYZE, BUFFERS) is
printed. The blocks of docs/queries.md are timed too, as written (they were written for the five
samples, so some return nothing here — what matters is the plan and the time).
"""
from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import time
from decimal import Decimal
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
LIMIT_MS = 200.0
# what revision 0003 (indexes for analyst queries) adds; timed with and without
NEW_INDEXES = ("ix_deal_announced_on", "ix_funding_stat_metric_geo_period")
DOCS = 20_000

PUBLISHERS = ["加冕研究院", "IT桔子", "投中研究院", "清科研究中心", "36氪研究院", "鲸准研究院", "烯牛数据", "创业邦研究中心",
              "节点财经", "张通社", "亿欧智库", "融中研究"]
LIST_KINDS = ["中国科创城市100强", "投融资Top50城市榜单", "硬科技投资城市50强", "人工智能融资城市30强", "最活跃投资机构Top100"]
METRICS = [("deal_count", 0.40), ("amount", 0.30), ("deal_count_share", 0.08), ("amount_share", 0.08),
           ("deal_count_yoy", 0.06), ("amount_yoy", 0.05), ("amount_mean", 0.03)]

# the representative analyst questions of the issue (periods chosen inside the synthetic 2015–2026)
QUERIES: list[tuple[str, str]] = [
    ("top cities by deal count, 2025H1 (deals)", """
select city, count(*) as deals
  from v_deals
 where announced_on between '2025-01-01' and '2025-06-30' and city is not null
 group by city
 order by deals desc, city
 limit 10"""),
    ("top cities by stated deal count, 2025H1 (stats)", """
select geo_name as city, value::int as deals
  from v_funding_stats
 where metric = 'deal_count' and geo_level = 'city' and sector is null
   and period_start = '2025-01-01' and period_end = '2025-06-30'
 order by value desc
 limit 10"""),
    ("disclosed amount in CNY by sector, 2024", """
select sector, count(*) as deals, count(amount_cny) as with_amount, round(sum(amount_cny) / 1e8, 2) as amount_cny_yi
  from v_deals
 where announced_on >= '2024-01-01' and announced_on < '2025-01-01'
 group by sector
 order by 4 desc nulls last, sector"""),
    ("disclosed amount in CNY by sector, all years (full aggregate)", """
select sector, count(*) as deals, count(amount_cny) as with_amount, round(sum(amount_cny) / 1e8, 2) as amount_cny_yi
  from v_deals
 group by sector
 order by 4 desc nulls last, sector"""),
    ("D round or later with investors, 2025, largest 50", """
select company, round, amount_cny, array_to_string(investors, '、') as investors
  from v_deals
 where round_order >= (select stage_order from dim_round where round = 'D轮')
   and round not in ('战略投资', '股权投资', '并购', '定向增发')
   and announced_on >= '2025-01-01' and announced_on < '2026-01-01'
 order by amount_cny desc nulls last, company
 limit 50"""),
    ("one document's facts", """
select 'stat' as kind, geo_name as subject, metric as what, value, left(evidence, 24) as evidence_begins
  from v_funding_stats join v_documents using (doc_id)
 where source_name = 'syn_012345.txt'
union all
select 'ranking', entity_name, list_name, rank, left(evidence, 24)
  from v_rankings join v_documents using (doc_id)
 where source_name = 'syn_012345.txt'
union all
select 'deal', company, round, amount, left(evidence, 24)
  from v_deals join v_documents using (doc_id)
 where source_name = 'syn_012345.txt'
 order by 1, 2, 3, 4"""),
    ("a ranking list in order", """
select rank, entity_name as city, province
  from v_rankings
 where list_name = '2025年度投中研究院中国科创城市100强' and rank is not null
 order by rank"""),
    ("funding by province and macro-region, 2025 (BI view)", """
select coalesce(macro_region, '(unknown)') as macro_region, province, count(*) as deals,
       round(sum(amount_cny) / 1e8, 2) as amount_cny_yi
  from bi_deals
 where announced_on >= '2025-01-01' and announced_on < '2026-01-01'
 group by 1, 2
 order by 4 desc nulls last, 1, 2"""),
    ("funding by macro-region, all years (BI view, full aggregate)", """
select coalesce(macro_region, '(unknown)') as macro_region, count(*) as deals,
       round(sum(amount_cny) / 1e8, 2) as amount_cny_yi
  from bi_deals
 group by 1
 order by 3 desc nulls last, 1"""),
]


# ---------------------------------------------------------------------------------------------
# synthetic data


def _reference(conn) -> dict:
    q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
    cities = q("select city_code, province_code from city order by city_code")
    return dict(
        cities=cities,
        city_name={c: n for c, n in q("select city_code, short_name from city")},
        provinces=q("select province_code, short_name from province order by province_code"),
        sectors=[r[0] for r in q("select sector_code from sector order by sector_code")],
        rounds=[r[0] for r in q("select round_code from round where round_kind = 'single' order by stage_order")],
        fx={r[0]: float(r[1]) for r in q("select currency_code, avg(cny_per_unit) from fx_rate group by 1")},
    )


def _zipf_weights(n: int, s: float = 1.05) -> list[float]:
    return [1.0 / (k + 1) ** s for k in range(n)]


def _period(rng: random.Random, near: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """A month, quarter, half or year; in ``near``'s year (or the year before) when given."""
    y = rng.randint(2015, 2026) if near is None else max(2015, near.year - (rng.random() < 0.2))
    kind = rng.random()
    if kind < 0.35:          # a month
        m = rng.randint(1, 12)
        end = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(y, m, 1), end
    if kind < 0.55:          # a quarter
        q = rng.randint(0, 3)
        start = dt.date(y, 3 * q + 1, 1)
        end = dt.date(y + (q == 3), (3 * q + 3) % 12 + 1, 1) - dt.timedelta(days=1)
        return start, end
    if kind < 0.80:          # a half
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if rng.random() < 0.5 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def populate(url: str, rows: int, seed: int = 6) -> dict:
    """COPY the synthetic data; returns row counts and the seconds it took."""
    rng = random.Random(seed)
    out: dict = {}
    t0 = time.perf_counter()
    with psycopg.connect(url) as conn:
        ref = _reference(conn)
        # the data is consistent by construction: skip the per-row FK triggers while copying
        conn.execute("set session_replication_role = replica")
        cur = conn.cursor()
        cities, sectors, rounds = ref["cities"], ref["sectors"], ref["rounds"]
        city_w = _zipf_weights(len(cities))
        rng.shuffle(cities := list(cities))
        sector_w = _zipf_weights(len(sectors), 0.8)
        round_w = [max(0.2, 6 - abs(i - 4)) for i in range(len(rounds))]
        run_id = conn.execute("insert into etl_run (command, extractor_version, status) values ('bench', 'synthetic', 'ok')"
                              " returning run_id").fetchone()[0]

        n_docs = DOCS
        # documents arrive in time order (doc_id follows the publication date, as nightly loads leave
        # them) and a fact's dates lie near its document's period: deals and stats are written in
        # document order, so a period is a contiguous stretch of each table, as in a real database
        span = (dt.date(2026, 12, 31) - dt.date(2015, 1, 1)).days
        doc_date = [None] + [dt.date(2015, 1, 1) + dt.timedelta(days=span * i // n_docs) for i in range(1, n_docs + 1)]
        with cur.copy("copy source_doc (doc_id, sha256, source_name, source_path, raw_bytes, encoding, text, script, char_count,"
                      " title, publisher, published_on, period_start, period_end, extractor_version, run_id, search_text)"
                      " from stdin") as cp:
            for i in range(1, n_docs + 1):
                ps, pe = _period(rng, doc_date[i])
                body = f"合成报告{i}：{ps.year}年{rng.choice(['人工智能', '机器人', '半导体', '生物医药', '新能源'])}投融资观察。"
                cp.write_row((i, f"{i:064x}", f"syn_{i:06d}.txt", f"/synthetic/syn_{i:06d}.txt", body.encode(), "utf-8", body,
                              "hans", len(body), f"{ps.year}年合成报告{i}", rng.choice(PUBLISHERS), pe, ps, pe, "synthetic",
                              run_id, body))
        n_companies, n_investors = 300_000, 30_000
        with cur.copy("copy company (company_id, company_name) from stdin") as cp:
            for i in range(1, n_companies + 1):
                cp.write_row((i, f"合成公司{i:06d}"))
        with cur.copy("copy investor (investor_id, investor_name) from stdin") as cp:
            for i in range(1, n_investors + 1):
                cp.write_row((i, f"合成资本{i:05d}"))

        currencies = ["CNY"] * 15 + ["USD"] * 4 + ["HKD", "EUR"]
        with cur.copy("copy deal (deal_id, doc_id, company_id, round_code, amount, currency_code, amount_cny, qualifier,"
                      " announced_on, city_code, province_code, country_code, sector_code, evidence, evidence_start,"
                      " evidence_end, fact_key) from stdin") as cp:
            city_pick = rng.choices(range(len(cities)), weights=city_w, k=rows)
            sector_pick = rng.choices(sectors, weights=sector_w, k=rows)
            round_pick = rng.choices(rounds, weights=round_w, k=rows)
            for i in range(1, rows + 1):
                doc = 1 + (i - 1) * n_docs // rows            # 50 deals per document, in document order
                cc, pc = cities[city_pick[i - 1]] if rng.random() < 0.9 else (None, None)
                cur_code = rng.choice(currencies) if rng.random() < 0.8 else None
                amount = Decimal(rng.randint(1, 2000)) * 1_000_000 if cur_code else None
                amount_cny = (amount * Decimal(str(ref["fx"].get(cur_code, 1.0)))).quantize(Decimal(1)) if amount else None
                rnd = round_pick[i - 1] if rng.random() < 0.85 else None
                ev = f"合成公司{i % n_companies + 1:06d}宣布完成{'数亿元' if amount is None else '新一轮'}融资，第{i}条。"
                cp.write_row((i, doc, i % n_companies + 1, rnd, amount, cur_code, amount_cny,
                              rng.choice(["exact", "exact", "exact", "approx", "at_least"]) if amount else None,
                              doc_date[doc] - dt.timedelta(days=rng.randrange(90)), cc, pc, "CN" if cc or rng.random() < 0.5 else "US", sector_pick[i - 1],
                              ev, 0, len(ev), f"k{i}"))
        with cur.copy("copy deal_investor (deal_id, investor_id, is_lead, position) from stdin") as cp:
            n_links = 0
            for i in range(1, rows + 1):
                k = rng.choice((0, 0, 1, 1, 1, 2, 2, 3))
                for pos, inv in enumerate(rng.sample(range(1, n_investors + 1), k)):
                    cp.write_row((i, inv, pos == 0, pos))
                    n_links += 1

        geo = [("city", None)] * 6 + [("province", None)] * 2 + [("country", "中国"), ("world", "全球"), ("overseas", "海外")]
        with cur.copy("copy funding_stat (stat_id, doc_id, geo_level, geo_name, city_code, province_code, country_code,"
                      " sector_code, round_label, period_start, period_end, metric, value, currency_code, value_cny, qualifier,"
                      " evidence, evidence_start, evidence_end, fact_key) from stdin") as cp:
            metrics = [m for m, _ in METRICS]
            mw = [w for _, w in METRICS]
            city_pick = rng.choices(range(len(cities)), weights=city_w, k=rows)
            metric_pick = rng.choices(metrics, weights=mw, k=rows)
            provinces = ref["provinces"]
            for i in range(1, rows + 1):
                doc = 1 + (i - 1) * n_docs // rows
                level, name = rng.choice(geo)
                cc = pc = co = None
                if level == "city":
                    cc, pc = cities[city_pick[i - 1]]
                    name = ref["city_name"][cc]
                elif level == "province":
                    pc, name = rng.choice(provinces)
                if level in ("city", "province", "country"):
                    co = "CN"
                metric = metric_pick[i - 1]
                ps, pe = _period(rng, doc_date[doc])
                if metric == "deal_count":
                    value, cur_code, cny = Decimal(rng.randint(1, 600)), None, None
                elif metric in ("amount", "amount_mean"):
                    value = Decimal(rng.randint(1, 5000)) * 10_000_000
                    cur_code = "CNY" if rng.random() < 0.8 else "USD"
                    cny = (value * Decimal(str(ref["fx"].get(cur_code, 1.0)))).quantize(Decimal(1))
                else:
                    value, cur_code, cny = Decimal(rng.randint(-500, 999)) / 10, None, None
                sector = rng.choice(sectors) if rng.random() < 0.5 else None
                ev = f"{ps.year}年{name}{'共发生' if metric == 'deal_count' else '披露'}融资，第{i}条统计。"
                cp.write_row((i, doc, level, name, cc, pc, co, sector,
                              rng.choice(["天使轮+A轮", "B轮及以后"]) if rng.random() < 0.05 else None, ps, pe, metric, value,
                              cur_code, cny, "exact", ev, 0, len(ev), f"s{i}"))

        n_lists, per_list = 2_000, 100
        with cur.copy("copy ranking_list (list_id, doc_id, list_key, list_name, publisher, edition_year, basis) from stdin") as cp:
            for i in range(1, n_lists + 1):
                pub = PUBLISHERS[i % len(PUBLISHERS)]
                kind = LIST_KINDS[(i // len(PUBLISHERS)) % len(LIST_KINDS)]
                year = 2015 + (i // (len(PUBLISHERS) * len(LIST_KINDS))) % 12
                cp.write_row((i, rng.randint(1, n_docs), f"l{i}", f"{year}年度{pub}{kind}", pub, year,
                              "composite" if i % 3 else "deal_count"))
        with cur.copy("copy ranking_entry (entry_id, doc_id, list_id, entity_level, entity_name, city_code, province_code,"
                      " country_code, rank, value, evidence, evidence_start, evidence_end, fact_key) from stdin") as cp:
            e = 0
            for i in range(1, n_lists + 1):
                doc = rng.randint(1, n_docs)
                for rank, ci in enumerate(rng.sample(range(len(cities)), per_list), 1):
                    e += 1
                    cc, pc = cities[ci]
                    ev = f"第{rank}名的{ref['city_name'][cc]}。"
                    cp.write_row((e, doc, i, "city", ref["city_name"][cc], cc, pc, "CN", rank if rank <= 80 else None,
                                  None, ev, 0, len(ev), f"r{e}"))
        for table, key in (("source_doc", "doc_id"), ("company", "company_id"), ("investor", "investor_id"), ("deal", "deal_id"),
                           ("funding_stat", "stat_id"), ("ranking_list", "list_id"), ("ranking_entry", "entry_id"),
                           ("etl_run", "run_id")):
            conn.execute(f"select setval(pg_get_serial_sequence('{table}', '{key}'), (select max({key}) from {table}))")
        conn.commit()
    copy_s = time.perf_counter() - t0
    with psycopg.connect(url, autocommit=True) as conn:
        t1 = time.perf_counter()
        conn.execute("analyze")
        out["analyze_seconds"] = time.perf_counter() - t1
        for t in ("source_doc", "company", "investor", "deal", "deal_investor", "funding_stat", "ranking_list", "ranking_entry"):
            out[t] = conn.execute(f"select count(*) from {t}").fetchone()[0]
        out["database_mb"] = conn.execute("select pg_database_size(current_database()) / 1e6").fetchone()[0]
    out["copy_seconds"] = copy_s
    return out


# ---------------------------------------------------------------------------------------------
# timing


def doc_queries() -> list[tuple[str, str]]:
    """The ```sql blocks of docs/queries.md with their headings."""
    path = REPO / "docs" / "queries.md"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"^###\s+(?P<title>.+?)\n(?P<body>.*?)(?=^###\s|\Z)", text, re.S | re.M):
        for b in re.finditer(r"```sql\n(.*?)```", m.group("body"), re.S):
            out.append(("queries.md " + m.group("title").strip(), b.group(1).strip().rstrip(";")))
    return out


def time_query(conn, sql: str, runs: int = 5) -> tuple[float, int]:
    """Median milliseconds of ``runs`` runs after a warm-up; a query slower than 5 s is timed once."""
    t = time.perf_counter()
    n = len(conn.execute(sql).fetchall())             # warm-up (and plan caches)
    first = 1000 * (time.perf_counter() - t)
    if first > 5000:
        return first, n
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        n = len(conn.execute(sql).fetchall())
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times), n


def explain(conn, sql: str) -> str:
    return "\n".join(r[0] for r in conn.execute("explain (analyze, buffers, costs off) " + sql).fetchall())


def run_queries(args, dbs) -> dict:
    from etl.migrate import upgrade

    url = dbs.create("bench_q")
    upgrade(url)
    print(f"synthetic data: {args.rows:,} deals and {args.rows:,} stats (COPY) …", flush=True)
    counts = populate(url, args.rows)
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items() if isinstance(v, int))
          + f"; {counts['database_mb']:.0f} MB; COPY {counts['copy_seconds']:.0f} s, ANALYZE {counts['analyze_seconds']:.1f} s")
    res: dict = {"counts": counts, "queries": [], "doc_queries": []}
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("set statement_timeout = '60s'")
        res["server"] = conn.execute("select version()").fetchone()[0].split(" on ")[0]
        res["settings"] = dict(conn.execute(
            "select name, setting || coalesce(unit, '') from pg_settings where name in"
            " ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'effective_cache_size')").fetchall())
        print(f"\n{'ms':>9}  {'rows':>6}  query (median of 5 warm runs; limit {LIMIT_MS:.0f} ms)")
        for label, sql in QUERIES:
            ms, n = time_query(conn, sql)
            res["queries"].append(dict(label=label, ms=ms, rows=n, sql=sql.strip()))
            print(f"{ms:9.1f}  {n:6d}  {label}{'  <-- over ' + str(int(LIMIT_MS)) + ' ms' if ms > LIMIT_MS else ''}", flush=True)
        slow = max(res["queries"], key=lambda q: q["ms"])
        res["slowest"] = dict(label=slow["label"], ms=slow["ms"], plan=explain(conn, slow["sql"]))
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the slowest (schema at head), {slow['label']}:\n{res['slowest']['plan']}")
        dq = doc_queries() if args.doc_queries else []
        if dq:
            print(f"\ndocs/queries.md, as written ({len(dq)} blocks; median of 3 after a warm-up, once when over 5 s):")
            for label, sql in dq:
                try:
                    ms, n = time_query(conn, sql, runs=3)
                except psycopg.Error as e:
                    print(f"{'error':>9}  {label}: {str(e).splitlines()[0]}", flush=True)
                    res["doc_queries"].append(dict(label=label, error=str(e).splitlines()[0]))
                    continue
                res["doc_queries"].append(dict(label=label, ms=ms, rows=n))
                print(f"{ms:9.1f}  {n:6d}  {label}{'  <-- over' if ms > LIMIT_MS else ''}", flush=True)

        # the same questions without what revision 0003 added: its indexes and planner settings
        present = [r[0] for r in conn.execute(
            "select indexname from pg_indexes where schemaname = 'public' and indexname = any(%s)", (list(NEW_INDEXES),)).fetchall()]
        if present:
            for name in present:
                conn.execute(f"drop index {name}")
            conn.execute("set join_collapse_limit = 8")    # the PostgreSQL defaults
            conn.execute("set from_collapse_limit = 8")
            print(f"\nwithout revision 0003 ({', '.join(present)} dropped, collapse limits back to 8):")
            for q in res["queries"]:
                ms, n = time_query(conn, q["sql"])
                q["ms_without_0003"] = ms
                print(f"{ms:9.1f}  {n:6d}  {q['label']}{'  <-- over ' + str(int(LIMIT_MS)) + ' ms' if ms > LIMIT_MS else ''}",
                      flush=True)
            slow0 = max(res["queries"], key=lambda q: q["ms_without_0003"])
            res["slowest_without_0003"] = dict(label=slow0["label"], ms=slow0["ms_without_0003"], plan=explain(conn, slow0["sql"]))
            print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the slowest without 0003, {slow0['label']}:\n"
                  f"{res['slowest_without_0003']['plan']}")
    res["url"] = url
    return res
