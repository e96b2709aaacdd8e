"""Screenshot of `fundingdb report --html` with headless Chromium, to look at the page as a person would.

    python bench/screenshot_report.py                      # samples in a throwaway database → report.png
    python bench/screenshot_report.py --database-url URL --out /tmp/report.png --html /tmp/report.html

Without --database-url, a temporary database is created on the target server ($DATABASE_URL, else
the embedded PostgreSQL), the bundled samples are loaded into it, and it is dropped afterwards.
Needs a Chromium binary (Debian: `apt-get install chromium fonts-noto-cjk`); exits 3 without one.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html_file: Path, png: Path, *, width: int = 1100, height: int = 2400, browser: str | None = None) -> Path:
    """Render ``html_file`` in headless Chromium and write a PNG of ``width`` x ``height`` pixels."""
    browser = browser or find_browser()
    if not browser:
        raise FileNotFoundError("no chromium binary on PATH (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               f"--user-data-dir={profile}", f"--window-size={width},{height}",
               f"--screenshot={png.resolve()}", html_file.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    if not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(f"{browser} wrote no screenshot")
    return png


@contextmanager
def samples_database():
    """A throwaway database with the bundled samples loaded, dropped on exit."""
    import psycopg
    from click.testing import CliRunner

    from etl.cli import cli
    from etl.database import resolve_url

    server = resolve_url(os.environ.get("DATABASE_URL") or None)
    parts = urlsplit(server)
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = f"fdbshot_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"create database \"{name}\" encoding 'UTF8' template template0")
    url = urlunsplit(parts._replace(path="/" + name))
    try:
        res = CliRunner().invoke(cli, ["load", str(REPO / "seeds" / "reports"), "--database-url", url, "-q"])
        if res.exit_code != 0:
            raise RuntimeError(res.output)
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


def main(argv: list[str] | None = None) -> int:
    from etl.report import build_report, render_html

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--database-url", help="report on this database (default: the samples in a throwaway database)")
    ap.add_argument("--out", type=Path, default=Path("report.png"), help="PNG to write (default: report.png)")
    ap.add_argument("--html", type=Path, help="also keep the HTML page here")
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--height", type=int, default=2400)
    args = ap.parse_args(argv)
    if not find_browser():
        print("no chromium binary on PATH (Debian: apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 3

    def shoot(url: str) -> None:
        page = render_html(build_report(url))
        with tempfile.TemporaryDirectory() as tmp:
            html_file = args.html or Path(tmp) / "report.html"
            html_file.write_text(page, encoding="utf-8")
            screenshot(html_file, args.out, width=args.width, height=args.height)
        print(f"wrote {args.out}" + (f" and {args.html}" if args.html else ""))

    if args.database_url:
        shoot(args.database_url)
    else:
        with samples_database() as url:
            shoot(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
