"""`fundingdb report`: a data-quality summary as text, or a self-contained HTML page with charts."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from sqlalchemy import text

from .database import make_engine


@dataclass
class ReportData:
    totals: dict[str, int] = field(default_factory=dict)
    per_document: list[tuple] = field(default_factory=list)
    warnings: list[tuple] = field(default_factory=list)
    errors: list[tuple] = field(default_factory=list)
    deals_by_city: list[tuple] = field(default_factory=list)
    amount_by_sector: list[tuple] = field(default_factory=list)
    runs: list[tuple] = field(default_factory=list)


def build_report(url: str) -> ReportData:
    engine = make_engine(url)
    r = ReportData()
    try:
        with engine.connect() as c:
            for name, q in [
                ("documents", "select count(*) from v_documents"),
                ("superseded versions", "select count(*) from source_doc where not is_current"),
                ("deals", "select count(*) from v_deals"),
                ("funding stats", "select count(*) from v_funding_stats"),
                ("ranking entries", "select count(*) from v_rankings"),
                ("extraction warnings", "select count(*) from extraction_warning w join source_doc d using (doc_id) where d.is_current"),
                ("quarantined (unresolved)", "select count(*) from etl_error where resolved_at is null"),
            ]:
                r.totals[name] = c.execute(text(q)).scalar_one()
            r.per_document = c.execute(text(
                "select source_name, script, n_deals, n_stats, n_rankings, coalesce(title, '') from v_documents order by doc_id")).all()
            r.warnings = c.execute(text(
                "select w.kind, w.phrase, count(*) from extraction_warning w join source_doc d using (doc_id)"
                " where d.is_current group by 1, 2 order by 3 desc, 1, 2 limit 50")).all()
            r.errors = c.execute(text(
                "select source_path, stage, reason from etl_error where resolved_at is null order by occurred_at")).all()
            r.deals_by_city = c.execute(text(
                "select coalesce(city, '(unknown)'), count(*) from v_deals group by 1 order by 2 desc, 1 limit 15")).all()
            r.amount_by_sector = c.execute(text(
                "select coalesce(sector, '(none)'), round(sum(amount_cny) / 1e8, 2) from v_deals where amount_cny is not null"
                " group by 1 order by 2 desc limit 15")).all()
            r.runs = c.execute(text(
                "select run_id, command, status, files_seen, files_loaded, files_skipped, files_failed, started_at"
                " from etl_run order by run_id desc limit 10")).all()
    finally:
        engine.dispose()
    return r


def render_text(r: ReportData) -> str:
    lines = ["fundingdb data-quality report", ""]
    lines += [f"  {k:28} {v}" for k, v in r.totals.items()]
    lines += ["", "per document (deals / stats / rankings):"]
    lines += [f"  {n:32} {s}  {d:4} {st:4} {rk:4}  {t[:40]}" for n, s, d, st, rk, t in r.per_document]
    if r.warnings:
        lines += ["", "extraction warnings (kind, phrase, count):"]
        lines += [f"  {k:20} {p[:40]:40} {n}" for k, p, n in r.warnings]
    if r.errors:
        lines += ["", "quarantined documents:"]
        lines += [f"  {p} [{s}] {why}" for p, s, why in r.errors]
    return "\n".join(lines)


def _bars(title: str, rows: list[tuple], unit: str) -> str:
    if not rows:
        return f"<h2>{html.escape(title)}</h2><p>no data</p>"
    top = max(float(v) for _, v in rows) or 1.0
    h = 24 * len(rows) + 10
    parts = [f'<h2>{html.escape(title)}</h2><svg class="chart" width="720" height="{h}" role="img" aria-label="{html.escape(title)}">']
    for i, (label, v) in enumerate(rows):
        w = 480 * float(v) / top
        y = 5 + 24 * i
        parts.append(f'<text x="150" y="{y + 15}" text-anchor="end">{html.escape(str(label))}</text>'
                     f'<rect x="160" y="{y}" width="{w:.1f}" height="18" fill="#3b6ea8"></rect>'
                     f'<text x="{165 + w:.1f}" y="{y + 15}">{v} {unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(r: ReportData) -> str:
    e = html.escape
    totals = "".join(f"<tr><th>{e(k)}</th><td>{v}</td></tr>" for k, v in r.totals.items())
    docs = "".join(f"<tr><td>{e(n)}</td><td>{s}</td><td>{d}</td><td>{st}</td><td>{rk}</td><td>{e(t)}</td></tr>"
                   for n, s, d, st, rk, t in r.per_document)
    warns = "".join(f"<tr><td>{e(k)}</td><td>{e(p)}</td><td>{n}</td></tr>" for k, p, n in r.warnings) or "<tr><td colspan=3>none</td></tr>"
    errs = "".join(f"<tr><td>{e(p)}</td><td>{e(s)}</td><td>{e(w)}</td></tr>" for p, s, w in r.errors) or "<tr><td colspan=3>none</td></tr>"
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>fundingdb report</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:960px}}table{{border-collapse:collapse;margin-bottom:1.5em}}
td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left}}svg text{{font-size:12px}}</style></head>
<body><h1>fundingdb data-quality report</h1>
<table>{totals}</table>
{_bars("Deals by city", r.deals_by_city, "")}
{_bars("Disclosed deal amount by sector (亿元 CNY)", r.amount_by_sector, "亿")}
<h2>Documents</h2><table><tr><th>file</th><th>script</th><th>deals</th><th>stats</th><th>rankings</th><th>title</th></tr>{docs}</table>
<h2>Extraction warnings</h2><table><tr><th>kind</th><th>phrase</th><th>count</th></tr>{warns}</table>
<h2>Quarantined documents</h2><table><tr><th>path</th><th>stage</th><th>reason</th></tr>{errs}</table>
</body></html>"""
