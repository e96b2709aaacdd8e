"""Load: facts → rows. One transaction per document; idempotent; the only stage with a database.

- A document is identified by the SHA-256 of its raw bytes: a file already loaded is skipped
  without a single write, so a rerun over an unchanged folder changes nothing.
- A file whose content changed under the same path becomes a new version; the old version stays
  in ``source_doc`` (``is_current = false``) and its facts leave the views.
- A failure at any stage rolls back that document only; it is recorded in ``etl_error`` with its
  stage and reason, and the run goes on.
- One run at a time per database (session advisory lock): a second ``load`` waits, or with
  ``no_wait`` gives up at once.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import text

from . import EXTRACTOR_VERSION
from .database import make_engine
from .facts import Extraction
from .lexicon import lexicon
from .normalize.fx import to_cny
from .pipeline import Processed, StageError, process_bytes, process_text, sha256

RUN_LOCK = 7243000002
MAX_BYTES = 20_000_000


class LockBusy(Exception):
    pass


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValueError(f"file too large: {size} bytes > limit {MAX_BYTES}")
        return path.read_bytes()
    except (OSError, ValueError) as e:
        raise StageError("read", e) from e


def _process_job(item: tuple[Path, bytes]):
    """Read and extract one document (runs in a worker process with --jobs); returns the result and
    the seconds spent in the read and extract stages, for the run summary and the benchmark."""
    from .pipeline import extract_stage, read_stage

    path, raw = item
    t0 = time.perf_counter()
    try:
        doc = read_stage(raw)
        t1 = time.perf_counter()
        ex = extract_stage(doc, path.name)
        t2 = time.perf_counter()
        return path, Processed(sha256(raw), raw, doc, ex), (t1 - t0, t2 - t1)
    except StageError as err:
        err.sha256, err.raw = sha256(raw), raw
        return path, err, (time.perf_counter() - t0, 0.0)


def _process_job_in_worker(item: tuple[Path, bytes]):
    """``_process_job`` in a --jobs worker: the writer needs the text, not the paragraph and sentence
    index, so those stay behind (a third of what would be pickled back, and most of the unpickling
    time in the writer, which is the busiest process)."""
    path, result, secs = _process_job(item)
    if isinstance(result, Processed):
        result.doc.paragraphs, result.doc.sentences = [], []
    return path, result, secs


@dataclass
class RunSummary:
    run_id: int | None = None
    seen: int = 0
    loaded: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)   # (path, stage, reason)
    seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "extract": 0.0, "load": 0.0})
    facts: int = 0

    @property
    def status(self) -> str:
        return "partial" if self.failed else "ok"


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files under the given files and folders, recursively, in a stable order; hidden ones skipped."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
        else:
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------
# rows

# statements, parsed once (a text() construct parses its bind parameters when it is built)
_SQL_COMPANY_INSERT = text(
    "insert into company (company_name) select unnest(cast(:n as text[])) on conflict do nothing")
_SQL_COMPANY_IDS = text(
    "select company_name, company_id from company where company_name = any(:n)")
_SQL_INVESTOR_INSERT = text(
    "insert into investor (investor_name) select unnest(cast(:n as text[])) on conflict do nothing")
_SQL_INVESTOR_IDS = text(
    "select investor_name, investor_id from investor where investor_name = any(:n)")
_SQL_DEAL_INSERT = text(
    "insert into deal (doc_id, company_id, round_code, amount, amount_max, currency_code, amount_cny, qualifier,"
    " announced_on, city_code, province_code, country_code, sector_code, evidence, evidence_start, evidence_end, fact_key)"
    " select * from unnest(cast(:doc_id as bigint[]), cast(:company_id as bigint[]), cast(:round_code as text[]),"
    " cast(:amount as numeric[]), cast(:amount_max as numeric[]), cast(:currency_code as text[]), cast(:amount_cny as numeric[]),"
    " cast(:qualifier as text[]), cast(:announced_on as date[]), cast(:city_code as text[]), cast(:province_code as text[]),"
    " cast(:country_code as text[]), cast(:sector_code as text[]), cast(:evidence as text[]), cast(:evidence_start as int[]),"
    " cast(:evidence_end as int[]), cast(:fact_key as text[])) returning deal_id")
_SQL_DEAL_INVESTOR_INSERT = text(
    "insert into deal_investor (deal_id, investor_id, is_lead, position) select * from unnest("
    "cast(:deal_id as bigint[]), cast(:investor_id as bigint[]), cast(:is_lead as boolean[]), cast(:position as int[]))")
_SQL_STAT_INSERT = text(
    "insert into funding_stat (doc_id, geo_level, geo_name, city_code, province_code, country_code, region_code, sector_code,"
    " round_label, period_start, period_end, metric, value, value_max, currency_code, value_cny, qualifier, evidence,"
    " evidence_start, evidence_end, fact_key) select * from unnest(cast(:doc_id as bigint[]), cast(:geo_level as text[]),"
    " cast(:geo_name as text[]), cast(:city_code as text[]), cast(:province_code as text[]), cast(:country_code as text[]),"
    " cast(:region_code as text[]), cast(:sector_code as text[]), cast(:round_label as text[]), cast(:period_start as date[]),"
    " cast(:period_end as date[]), cast(:metric as text[]), cast(:value as numeric[]), cast(:value_max as numeric[]),"
    " cast(:currency_code as text[]), cast(:value_cny as numeric[]), cast(:qualifier as text[]), cast(:evidence as text[]),"
    " cast(:evidence_start as int[]), cast(:evidence_end as int[]), cast(:fact_key as text[]))")
_SQL_ENTRY_INSERT = text(
    "insert into ranking_entry (doc_id, list_id, entity_level, entity_name, city_code, province_code, country_code, region_code,"
    " rank, value, evidence, evidence_start, evidence_end, fact_key) select * from unnest(cast(:doc_id as bigint[]),"
    " cast(:list_id as bigint[]), cast(:entity_level as text[]), cast(:entity_name as text[]), cast(:city_code as text[]),"
    " cast(:province_code as text[]), cast(:country_code as text[]), cast(:region_code as text[]), cast(:rank as int[]),"
    " cast(:value as numeric[]), cast(:evidence as text[]), cast(:evidence_start as int[]), cast(:evidence_end as int[]),"
    " cast(:fact_key as text[]))")
_SQL_WARNING_INSERT = text(
    "insert into extraction_warning (doc_id, kind, phrase, evidence_start, evidence_end) values (:doc_id, :kind, :phrase, :s, :e)")
_SQL_DOC_INSERT = text(
    "insert into source_doc (sha256, source_name, source_path, raw_bytes, encoding, text, script, char_count, title, publisher,"
    " data_source, published_on, period_start, period_end, extractor_version, run_id, search_text)"
    " values (:sha, :name, :path, :raw, :enc, :text, :script, :n, :title, :pub, :ds, :pon, :ps, :pe, :ver, :run, :st) returning doc_id")
_SQL_DOC_SUPERSEDED = text(
    "update source_doc set superseded_by = :n where doc_id = any(:o)")
_SQL_DOC_LOCK = text(
    "select pg_advisory_xact_lock(hashtext(:s))")
_SQL_DOC_BY_SHA = text(
    "select doc_id, is_current from source_doc where sha256 = :s")
_SQL_DOC_RETIRE = text(
    "with resolved as (update etl_error set resolved_at = now() where source_path = :p and resolved_at is null)"
    " update source_doc set is_current = false where source_path = :p and is_current returning doc_id")
_SQL_LIST_INSERT = text(
    "insert into ranking_list (doc_id, list_key, list_name, publisher, edition_year, period_start, period_end, basis, sector_code)"
    " select * from unnest(cast(:doc_id as bigint[]), cast(:list_key as text[]), cast(:list_name as text[]), cast(:publisher as text[]),"
    " cast(:edition_year as int[]), cast(:period_start as date[]), cast(:period_end as date[]), cast(:basis as text[]),"
    " cast(:sector_code as text[]))"
    " returning list_key, list_id")


def _codes(lex, city, province, country, region=None):
    return dict(
        city_code=lex.city_code.get(city) if city else None,
        province_code=lex.province_code.get(province) if province else None,
        country_code=lex.country_code.get(country) if country else None,
        region_code=lex.region_code.get(region) if region else None,
    )


def _ref_date(ex: Extraction, on: dt.date | None) -> dt.date | None:
    d = ex.document
    return on or d.period_end or d.published_on


def insert_facts(conn, doc_id: int, ex: Extraction) -> None:
    lex = lexicon()
    if ex.deals:
        names = sorted({d.company for d in ex.deals})
        conn.execute(_SQL_COMPANY_INSERT, {"n": names})
        company_ids = dict(conn.execute(_SQL_COMPANY_IDS, {"n": names}).all())
        inv_names = sorted({i for d in ex.deals for i in d.investors + d.lead_investors})
        inv_ids = {}
        if inv_names:
            conn.execute(_SQL_INVESTOR_INSERT, {"n": inv_names})
            inv_ids = dict(conn.execute(_SQL_INVESTOR_IDS, {"n": inv_names}).all())
        rows = []
        for d in ex.deals:
            codes = _codes(lex, d.city, d.province, d.country)
            codes.pop("region_code")
            rows.append(dict(
                doc_id=doc_id, company_id=company_ids[d.company], round_code=lex.round_code.get(d.round) if d.round else None,
                amount=d.amount, amount_max=d.amount_max, currency_code=d.currency,
                amount_cny=to_cny(d.amount, d.currency, _ref_date(ex, d.announced_on)),
                qualifier=d.qualifier, announced_on=d.announced_on, sector_code=lex.sector_code.get(d.sector) if d.sector else None,
                evidence=d.evidence, evidence_start=d.evidence_start, evidence_end=d.evidence_end, fact_key=d.key(), **codes))
        deal_ids = conn.execute(_SQL_DEAL_INSERT, _columns(rows)).scalars().all()
        links = []
        for deal_id, d in zip(deal_ids, ex.deals):
            seen = set()
            for pos, name in enumerate(d.lead_investors + d.investors):
                if name in seen:
                    continue
                seen.add(name)
                links.append(dict(deal_id=deal_id, investor_id=inv_ids[name], is_lead=name in d.lead_investors, position=pos))
        if links:
            conn.execute(_SQL_DEAL_INVESTOR_INSERT, _columns(links))
    if ex.stats:
        rows = []
        for s in ex.stats:
            rows.append(dict(
                doc_id=doc_id, geo_level=s.geo_level, geo_name=s.geo_name, **_codes(lex, s.city, s.province, s.country, s.region),
                sector_code=lex.sector_code.get(s.sector) if s.sector else None, round_label=s.round,
                period_start=s.period_start, period_end=s.period_end, metric=s.metric, value=s.value, value_max=s.value_max,
                currency_code=s.currency, value_cny=to_cny(s.value, s.currency, _ref_date(ex, s.period_end)) if s.metric.startswith("amount") and s.currency else None,
                qualifier=s.qualifier, evidence=s.evidence, evidence_start=s.evidence_start, evidence_end=s.evidence_end, fact_key=s.key()))
        conn.execute(_SQL_STAT_INSERT, _columns(rows))
    if ex.rankings:
        list_rows: dict[str, dict] = {}
        for r in ex.rankings:
            k = r.list_key()
            if k not in list_rows:
                list_rows[k] = dict(doc_id=doc_id, list_key=k, list_name=r.list_name, publisher=r.publisher, edition_year=r.edition_year,
                                    period_start=r.period_start, period_end=r.period_end, basis=r.basis,
                                    sector_code=lex.sector_code.get(r.sector) if r.sector else None)
        lists: dict[str, int] = dict(conn.execute(_SQL_LIST_INSERT, _columns(list(list_rows.values()))).all())
        rows = []
        for r in ex.rankings:
            rows.append(dict(
                doc_id=doc_id, list_id=lists[r.list_key()], entity_level=r.entity_level, entity_name=r.entity_name,
                **_codes(lex, r.city, r.province, r.country, r.region), rank=r.rank, value=r.value,
                evidence=r.evidence, evidence_start=r.evidence_start, evidence_end=r.evidence_end, fact_key=r.key()))
        conn.execute(_SQL_ENTRY_INSERT, _columns(rows))
    if ex.warnings:
        conn.execute(_SQL_WARNING_INSERT, [dict(doc_id=doc_id, kind=w.kind, phrase=w.phrase, s=w.evidence_start, e=w.evidence_end) for w in ex.warnings])


def _columns(rows: list[dict]) -> dict[str, list]:
    """Row dicts → one array per column, for a single ``insert … select * from unnest(…)`` round trip."""
    return {k: [r[k] for r in rows] for k in rows[0]}


def delete_facts(conn, doc_id: int) -> None:
    for t in ("deal", "funding_stat", "ranking_entry", "extraction_warning"):
        conn.execute(text(f"delete from {t} where doc_id = :d"), {"d": doc_id})
    conn.execute(text("delete from ranking_list where doc_id = :d"), {"d": doc_id})


def store_document(conn, p: Processed, path: Path, run_id: int | None) -> int:
    """Insert the source_doc row and its facts (caller holds the transaction)."""
    m = p.extraction.document
    source_path = str(path.resolve()) if path.exists() else str(path)
    # one round trip: earlier versions of this path leave the views, its quarantine records are resolved
    old = conn.execute(_SQL_DOC_RETIRE, {"p": source_path}).scalars().all()
    doc_id = conn.execute(_SQL_DOC_INSERT,
        dict(sha=p.sha256, name=path.name, path=source_path, raw=p.raw, enc=p.doc.encoding, text=p.doc.text, script=p.doc.script,
             n=len(p.doc.text), title=m.title, pub=m.publisher, ds=m.data_source, pon=m.published_on, ps=m.period_start,
             pe=m.period_end, ver=EXTRACTOR_VERSION, run=run_id, st=p.doc.match_text)).scalar_one()
    if old:
        conn.execute(_SQL_DOC_SUPERSEDED, {"n": doc_id, "o": old})
    insert_facts(conn, doc_id, p.extraction)
    return doc_id


class Loader:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)

    def close(self) -> None:
        self.engine.dispose()

    # -- run bookkeeping ------------------------------------------------------------------------
    def _start_run(self, command: str) -> int:
        with self.engine.begin() as conn:
            return conn.execute(text("insert into etl_run (command, extractor_version) values (:c, :v) returning run_id"),
                                {"c": command, "v": EXTRACTOR_VERSION}).scalar_one()

    def _finish_run(self, s: RunSummary) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(
                "update etl_run set finished_at = now(), status = :st, files_seen = :a, files_loaded = :b, files_skipped = :c,"
                " files_failed = :d where run_id = :r"),
                dict(st=s.status, a=s.seen, b=s.loaded, c=s.skipped, d=s.failed, r=s.run_id))

    def _quarantine(self, run_id: int, path: Path, sha: str | None, raw: bytes | None, err: StageError) -> None:
        source_path = str(path.resolve()) if path.exists() else str(path)
        with self.engine.begin() as conn:
            conn.execute(text(
                "insert into etl_error (run_id, source_path, source_name, sha256, stage, error_type, reason, raw_bytes)"
                " values (:r, :p, :n, :s, :st, :t, :why, :raw)"),
                dict(r=run_id, p=source_path, n=path.name, s=sha, st=err.stage, t=err.error_type, why=err.reason[:1000],
                     raw=raw if raw is not None and len(raw) <= MAX_BYTES else None))

    # -- the run ------------------------------------------------------------------------------
    def load(self, files: list[Path], *, no_wait: bool = False, retry_errors: bool = False, jobs: int = 1,
             progress: Callable[[Path, str], None] | None = None) -> RunSummary:
        with self.engine.connect() as lock_conn:
            self._lock(lock_conn, no_wait)
            try:
                return self._load(files, retry_errors=retry_errors, jobs=jobs, progress=progress)
            finally:
                lock_conn.execute(text("select pg_advisory_unlock(:k)"), {"k": RUN_LOCK})
                lock_conn.commit()

    def _lock(self, conn, no_wait: bool) -> None:
        if no_wait:
            ok = conn.execute(text("select pg_try_advisory_lock(:k)"), {"k": RUN_LOCK}).scalar_one()
            if not ok:
                raise LockBusy("another fundingdb load is running on this database (--no-wait given)")
        else:
            conn.execute(text("select pg_advisory_lock(:k)"), {"k": RUN_LOCK})
        conn.commit()

    def _load(self, files: list[Path], *, retry_errors: bool, jobs: int, progress) -> RunSummary:
        s = RunSummary()
        if retry_errors:
            with self.engine.connect() as conn:
                extra = conn.execute(text("select distinct source_path from etl_error where resolved_at is null")).scalars().all()
            known = {str(f.resolve()) if f.exists() else str(f) for f in files}
            files = files + [Path(p) for p in extra if p not in known]
        with self.engine.connect() as conn:
            known_sha = set(conn.execute(text("select sha256 from source_doc where is_current")).scalars().all())
        s.run_id = self._start_run("load")

        def todo():
            """Read each file (cheap) and skip what is already loaded before any parsing."""
            for path in files:
                s.seen += 1
                try:
                    raw = read_file(path)
                except StageError as err:
                    self._fail(s, path, None, None, err)
                    if progress:
                        progress(path, "failed")
                    continue
                sha = sha256(raw)
                if sha in known_sha:
                    s.skipped += 1
                    if progress:
                        progress(path, "skipped")
                    continue
                yield path, raw, sha

        pending = todo()
        first = next(pending, None) if jobs > 1 else None
        if first is not None:
            import itertools
            import multiprocessing as mp
            import threading

            # read + extract are pure and CPU-bound: worker processes; this process writes rows.
            # (No pool when nothing is new: an unchanged rerun costs only reading and hashing.)
            # At most `window` documents are between reading and writing: when the writer is the
            # slower side, finished extractions would otherwise pile up in this process's memory.
            chunk = 4
            window = threading.Semaphore(max(2 * chunk, 4 * chunk * jobs))
            stop = threading.Event()

            def feed():
                for path, raw, _ in itertools.chain([first], pending):
                    while not window.acquire(timeout=0.2):
                        if stop.is_set():
                            return
                    if stop.is_set():
                        return
                    yield path, raw

            with mp.get_context("fork").Pool(jobs) as pool:
                try:
                    for path, result, secs in pool.imap(_process_job_in_worker, feed(), chunksize=chunk):
                        outcome = self._timed_store(path, result, secs, known_sha, s)
                        window.release()
                        if progress:
                            progress(path, outcome)
                finally:
                    stop.set()   # a feeder still waiting for room gives up, so the pool can shut down
        else:
            for path, raw, _ in pending:
                _, result, secs = _process_job((path, raw))
                outcome = self._timed_store(path, result, secs, known_sha, s)
                if progress:
                    progress(path, outcome)
        self._finish_run(s)
        return s

    def _fail(self, s: RunSummary, path: Path, sha, raw, err: StageError) -> str:
        s.failed += 1
        s.errors.append((str(path), err.stage, err.reason))
        self._quarantine(s.run_id, path, sha, raw, err)
        return "failed"

    def _timed_store(self, path: Path, result, secs, known_sha: set[str], s: RunSummary) -> str:
        s.seconds["read"] += secs[0]
        s.seconds["extract"] += secs[1]
        t0 = time.perf_counter()
        outcome = self._store(path, result, known_sha, s)
        s.seconds["load"] += time.perf_counter() - t0
        if outcome == "loaded":
            ex = result.extraction
            s.facts += len(ex.deals) + len(ex.stats) + len(ex.rankings)
        return outcome

    def _store(self, path: Path, result, known_sha: set[str], s: RunSummary) -> str:
        """Write one processed document (or its failure) in its own transaction."""
        if isinstance(result, StageError):
            return self._fail(s, path, result.sha256, result.raw, result)
        p: Processed = result
        try:
            with self.engine.begin() as conn:
                # two processes never insert the same document: serialise on its hash
                conn.execute(_SQL_DOC_LOCK, {"s": p.sha256})
                row = conn.execute(_SQL_DOC_BY_SHA, {"s": p.sha256}).first()
                if row is not None and row.is_current:
                    s.skipped += 1
                    return "skipped"
                if row is not None:
                    # the file went back to an earlier content: that version becomes current again
                    sp = str(path.resolve())
                    conn.execute(text("update source_doc set is_current = false where source_path = :p and is_current"), {"p": sp})
                    conn.execute(text("update source_doc set is_current = true, superseded_by = null, source_path = :p where doc_id = :d"),
                                 {"p": sp, "d": row.doc_id})
                else:
                    store_document(conn, p, path, s.run_id)
        except Exception as e:
            err = StageError("load", e)
            return self._fail(s, path, p.sha256, p.raw, err)
        known_sha.add(p.sha256)
        s.loaded += 1
        return "loaded"

    # -- re-extraction ------------------------------------------------------------------------
    def reextract(self, *, all_docs: bool = False, progress=None) -> RunSummary:
        with self.engine.connect() as lock_conn:
            self._lock(lock_conn, False)
            try:
                s = RunSummary()
                s.run_id = self._start_run("reextract")
                with self.engine.connect() as conn:
                    q = "select doc_id, source_name from source_doc where is_current"
                    if not all_docs:
                        q += " and extractor_version <> :v"
                    docs = conn.execute(text(q + " order by doc_id"), {"v": EXTRACTOR_VERSION}).all()
                for doc_id, name in docs:
                    s.seen += 1
                    try:
                        with self.engine.begin() as conn:
                            stored = conn.execute(text("select text from source_doc where doc_id = :d for update"), {"d": doc_id}).scalar_one()
                            doc, ex = process_text(stored, name)
                            m = ex.document
                            delete_facts(conn, doc_id)
                            conn.execute(text(
                                "update source_doc set text = :t, char_count = :n, script = :sc, title = :ti, publisher = :pu,"
                                " data_source = :ds, published_on = :po, period_start = :ps, period_end = :pe,"
                                " extractor_version = :v, extracted_at = now(), search_text = :st where doc_id = :d"),
                                dict(t=doc.text, n=len(doc.text), sc=doc.script, ti=m.title, pu=m.publisher, ds=m.data_source,
                                     po=m.published_on, ps=m.period_start, pe=m.period_end, v=EXTRACTOR_VERSION, d=doc_id,
                                     st=doc.match_text))
                            insert_facts(conn, doc_id, ex)
                        s.loaded += 1
                        outcome = "loaded"
                    except StageError as err:
                        s.failed += 1
                        s.errors.append((name, err.stage, err.reason))
                        outcome = "failed"
                    if progress:
                        progress(Path(name), outcome)
                self._finish_run(s)
                return s
            finally:
                lock_conn.execute(text("select pg_advisory_unlock(:k)"), {"k": RUN_LOCK})
                lock_conn.commit()
