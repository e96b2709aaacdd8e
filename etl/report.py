"""`fundingdb report`: a data-quality summary as text, or a self-contained HTML page with charts.

The HTML page has no external assets: styles are inline and the charts are inline SVG, so the file
can be mailed or opened offline. Sections: totals, funding by sector over time (disclosed deals,
and the amounts reports state), deals by city and amount by sector, cross-source conflicts
(``v_stat_conflicts``, ``v_deal_sources``), extraction warnings with their context, documents,
quarantined files and recent runs.
"""
from __future__ import annotations

import html
import math
from decimal import Decimal
from dataclasses import dataclass, field

from sqlalchemy import text

from .database import make_engine


@dataclass
class ReportData:
    totals: dict[str, int] = field(default_factory=dict)
    per_document: list[tuple] = field(default_factory=list)
    warnings: list[tuple] = field(default_factory=list)          # kind, phrase, count, documents, context
    errors: list[tuple] = field(default_factory=list)
    deals_by_city: list[tuple] = field(default_factory=list)
    amount_by_sector: list[tuple] = field(default_factory=list)
    # (period, sector, value in 亿元 CNY, n) with the period the year and quarter of period_start
    deals_sector_time: list[tuple] = field(default_factory=list)
    stats_sector_time: list[tuple] = field(default_factory=list)
    undated_deals: int = 0
    stat_conflicts: list[tuple] = field(default_factory=list)
    deal_sources: list[tuple] = field(default_factory=list)
    runs: list[tuple] = field(default_factory=list)


# The quarter a fact's period starts in: a deal's announcement month, else its report's period
# (bi_deals.period_start); a figure's own period_start.
_QUARTER = """to_char(period_start, 'YYYY"Q"Q')"""


def build_report(url: str) -> ReportData:
    engine = make_engine(url)
    r = ReportData()
    try:
        with engine.connect() as c:
            def q(sql: str) -> list[tuple]:
                return [tuple(x) for x in c.execute(text(sql)).all()]

            for name, sql in [
                ("documents", "select count(*) from v_documents"),
                ("superseded versions", "select count(*) from source_doc where not is_current"),
                ("deals", "select count(*) from v_deals"),
                ("funding stats", "select count(*) from v_funding_stats"),
                ("ranking entries", "select count(*) from v_rankings"),
                ("extraction warnings", "select count(*) from extraction_warning w join source_doc d using (doc_id) where d.is_current"),
                ("figure conflicts", "select count(*) from v_stat_conflicts"),
                ("deals in several sources", "select count(*) from v_deal_sources"),
                ("quarantined (unresolved)", "select count(*) from etl_error where resolved_at is null"),
            ]:
                r.totals[name] = c.execute(text(sql)).scalar_one()
            r.per_document = q(
                "select source_name, script, n_deals, n_stats, n_rankings, coalesce(title, '') from v_documents order by doc_id")
            r.warnings = q("""
                select w.kind, w.phrase, count(*)::int,
                       string_agg(distinct d.source_name, ', ' order by d.source_name),
                       min(replace(substr(d.text, greatest(w.evidence_start - 20, 0) + 1,
                                          least(w.evidence_start, 20) + (w.evidence_end - w.evidence_start) + 20), E'\\n', ' '))
                  from extraction_warning w join source_doc d using (doc_id)
                 where d.is_current
                 group by 1, 2 order by 3 desc, 1, 2 limit 50""")
            r.errors = q("select source_path, stage, reason from etl_error where resolved_at is null order by occurred_at")
            r.deals_by_city = q(
                "select coalesce(city, '(unknown)'), count(*) from v_deals group by 1 order by 2 desc, 1 limit 15")
            r.amount_by_sector = q(
                "select coalesce(sector, '(none)'), round(sum(amount_cny) / 1e8, 2) from v_deals where amount_cny is not null"
                " group by 1 order by 2 desc, 1 limit 15")
            r.deals_sector_time = q(f"""
                select {_QUARTER}, coalesce(top_sector, '(none)'), round(sum(amount_cny) / 1e8, 2), count(*)::int
                  from bi_deals where amount_cny is not null and period_start is not null
                 group by 1, 2 order by 1, 2""")
            r.undated_deals = c.execute(text(
                "select count(*) from bi_deals where amount_cny is not null and period_start is null")).scalar_one()
            # figures are not additive (全球 contains 中国): per quarter and sector, the largest figure stated
            r.stats_sector_time = q(f"""
                select {_QUARTER}, top_sector, round(max(value_cny) / 1e8, 2), count(*)::int
                  from bi_funding_stats
                 where metric = 'amount' and value_cny is not null and top_sector is not null and period_start is not null
                 group by 1, 2 order by 1, 2""")
            r.stat_conflicts = q("""
                select geo_name, coalesce(sector, ''), coalesce(round, ''), metric,
                       coalesce(to_char(period_start, 'YYYY-MM-DD'), '') || '..' || coalesce(to_char(period_end, 'YYYY-MM-DD'), ''),
                       source_name_a, value_a, source_name_b, value_b, diff_pct
                  from v_stat_conflicts order by diff_pct desc, geo_name limit 100""")
            r.deal_sources = q("""
                select company, coalesce(round, ''), n_documents, source_names, min_amount_cny, max_amount_cny,
                       first_announced_on, last_announced_on
                  from v_deal_sources order by n_documents desc, company limit 100""")
            r.runs = q(
                "select run_id, command, status, files_seen, files_loaded, files_skipped, files_failed, started_at"
                " from etl_run order by run_id desc limit 10")
    finally:
        engine.dispose()
    return r


def render_text(r: ReportData) -> str:
    lines = ["fundingdb data-quality report", ""]
    lines += [f"  {k:28} {v}" for k, v in r.totals.items()]
    lines += ["", "per document (deals / stats / rankings):"]
    lines += [f"  {n:32} {s}  {d:4} {st:4} {rk:4}  {t[:40]}" for n, s, d, st, rk, t in r.per_document]
    if r.warnings:
        lines += ["", "extraction warnings (kind, phrase, count, documents):"]
        lines += [f"  {k:20} {p[:40]:40} {n:4}  {docs}" for k, p, n, docs, _ in r.warnings]
    if r.stat_conflicts:
        lines += ["", "figure conflicts (v_stat_conflicts):"]
        lines += [f"  {g} {s} {rd} {m} {per}: {a}={va} vs {b}={vb} ({d}%)"
                  for g, s, rd, m, per, a, va, b, vb, d in r.stat_conflicts]
    if r.deal_sources:
        lines += ["", "deals in several sources (v_deal_sources):"]
        lines += [f"  {c} {rd}: {n} documents ({names})" for c, rd, n, names, *_ in r.deal_sources]
    if r.errors:
        lines += ["", "quarantined documents:"]
        lines += [f"  {p} [{s}] {why}" for p, s, why in r.errors]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# HTML and SVG

PALETTE = ("#3b6ea8", "#e08a2c", "#4a9a5b", "#c4493f", "#8564b0", "#8c6d4f", "#d16ba5", "#6f7d8c", "#b5b83a", "#3aa6b8")
FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"


def _e(v) -> str:
    return html.escape(str(v))


def _fmt(v, decimals: int | None = None) -> str:
    """1,855 for large or whole numbers, 10.30 otherwise; ``decimals`` forces a precision."""
    f = float(v)
    if decimals is None:
        decimals = 0 if abs(f) >= 1000 or f == int(f) else 2
    return f"{f:,.{decimals}f}"


def _decimals(values) -> int:
    """One precision per chart: none when every value is whole, else two."""
    return 0 if all(float(v) == int(float(v)) for v in values) else 2


def _nice_max(v: float) -> tuple[float, float]:
    """A round axis maximum and its tick step for data up to ``v``."""
    if v <= 0:
        return 1.0, 0.25
    step = 10 ** math.floor(math.log10(v / 4))
    for m in (1, 2, 2.5, 5, 10):
        if v / (m * step) <= 5:
            step *= m
            break
    return step * math.ceil(v / step), step


def _bars(title: str, rows: list[tuple], unit: str, note: str = "") -> str:
    """Horizontal bars, one per (label, value)."""
    head = f"<h2>{_e(title)}</h2>" + (f'<p class="note">{_e(note)}</p>' if note else "")
    if not rows:
        return head + '<p class="empty">no data</p>'
    top = max(float(v) for _, v in rows) or 1.0
    dec = _decimals(v for _, v in rows)
    h = 26 * len(rows) + 10
    parts = [head, f'<svg class="chart bars" width="760" height="{h}" viewBox="0 0 760 {h}" role="img" aria-label="{_e(title)}">']
    for i, (label, v) in enumerate(rows):
        w = max(480 * float(v) / top, 1.0)
        y = 5 + 26 * i
        parts.append(
            f'<g class="bar" data-label="{_e(label)}" data-value="{_e(v)}">'
            f'<text x="150" y="{y + 14}" text-anchor="end">{_e(label)}</text>'
            f'<rect x="160" y="{y}" width="{w:.1f}" height="19" rx="2" fill="{PALETTE[0]}"><title>{_e(label)}: {_e(v)} {_e(unit)}</title></rect>'
            f'<text x="{166 + w:.1f}" y="{y + 14}" class="val">{_fmt(v, dec)} {_e(unit)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _columns(title: str, rows: list[tuple], unit: str, *, stacked: bool, note: str = "", css_id: str = "") -> str:
    """Column chart over periods, one series per sector: stacked (sums) or side by side (not additive).

    ``rows`` are (period, series, value, n) sorted by period.
    """
    head = f'<h2 id="{css_id}">{_e(title)}</h2>' + (f'<p class="note">{_e(note)}</p>' if note else "")
    if not rows:
        return head + '<p class="empty">no data</p>'
    periods = sorted({p for p, *_ in rows})
    series = sorted({s for _, s, *_ in rows}, key=lambda s: (-sum(float(v) for _, x, v, _ in rows if x == s), s))
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    cell = {(p, s): (float(v), n) for p, s, v, n in rows}
    if stacked:
        peak = max(sum(cell.get((p, s), (0, 0))[0] for s in series) for p in periods)
    else:
        peak = max(v for v, _ in cell.values())
    ymax, step = _nice_max(peak)
    dec = _decimals(v for v, _ in cell.values())
    left, right, top, plot_h = 70, 20, 24, 260
    slot = max(64, min(170, 680 // len(periods)))
    slot = max(slot, (min(len(series), 4) * 150) // len(periods))   # room for the legend below
    width = left + slot * len(periods) + right
    legend_rows = math.ceil(len(series) / 4)
    height = top + plot_h + 40 + 22 * legend_rows
    y_of = lambda v: top + plot_h - plot_h * v / ymax  # noqa: E731
    parts = [head, f'<svg class="chart columns" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">']
    t = 0.0
    while t <= ymax + 1e-9:                                   # grid and y axis labels
        y = y_of(t)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{_fmt(t, 0 if step >= 1 else 2)}</text>')
        t += step
    parts.append(f'<text x="12" y="{top + plot_h / 2:.0f}" class="axis" transform="rotate(-90 12 {top + plot_h / 2:.0f})" text-anchor="middle">{_e(unit)}</text>')
    for i, p in enumerate(periods):
        x0 = left + slot * i
        present = [s for s in series if (p, s) in cell]
        if stacked:
            bw, acc = slot * 0.56, 0.0
            for s in present:
                v, n = cell[(p, s)]
                y1, y2 = y_of(acc + v), y_of(acc)
                parts.append(f'<rect class="seg" x="{x0 + (slot - bw) / 2:.1f}" y="{y1:.1f}" width="{bw:.1f}" height="{max(y2 - y1, 1):.1f}" '
                             f'fill="{colour[s]}" data-period="{_e(p)}" data-series="{_e(s)}" data-value="{v}">'
                             f'<title>{_e(p)} {_e(s)}: {_fmt(v)} {_e(unit)} ({n})</title></rect>')
                acc += v
            parts.append(f'<text x="{x0 + slot / 2:.1f}" y="{y_of(acc) - 5:.1f}" text-anchor="middle" class="val">{_fmt(acc, dec)}</text>')
        else:
            bw = min(28.0, slot * 0.8 / max(len(present), 1))
            start = x0 + (slot - bw * len(present)) / 2
            for j, s in enumerate(present):
                v, n = cell[(p, s)]
                y1 = y_of(v)
                parts.append(f'<rect class="seg" x="{start + j * bw:.1f}" y="{y1:.1f}" width="{bw - 2:.1f}" height="{max(top + plot_h - y1, 1):.1f}" '
                             f'fill="{colour[s]}" data-period="{_e(p)}" data-series="{_e(s)}" data-value="{v}">'
                             f'<title>{_e(p)} {_e(s)}: {_fmt(v)} {_e(unit)} ({n})</title></rect>'
                             f'<text x="{start + j * bw + (bw - 2) / 2:.1f}" y="{y1 - 4:.1f}" text-anchor="middle" class="val small">{_fmt(v)}</text>')
        parts.append(f'<text x="{x0 + slot / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle" class="axis">{_e(p)}</text>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" class="base"/>')
    for k, s in enumerate(series):                            # legend, four per row
        lx = left + (k % 4) * 150
        ly = top + plot_h + 36 + 22 * (k // 4)
        parts.append(f'<g class="legend"><rect x="{lx}" y="{ly}" width="12" height="12" fill="{colour[s]}"/>'
                     f'<text x="{lx + 18}" y="{ly + 11}">{_e(s)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _td(v) -> str:
    if v is None:
        return "<td></td>"
    if isinstance(v, (int, float, Decimal)) or (isinstance(v, str) and v and v.replace(",", "").replace(".", "", 1).lstrip("-").isdigit()):
        return f'<td class="num">{_e(v)}</td>'
    return f"<td>{_e(v)}</td>"


def _table(headers: list[str], rows: list[tuple], empty: str = "none", cls: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    if not rows:
        body = f'<tr><td colspan="{len(headers)}" class="empty">{_e(empty)}</td></tr>'
    else:
        body = "".join("<tr>" + "".join(_td(v) for v in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


CSS = f"""
body{{font-family:{FONT};margin:0;background:#f4f6f9;color:#1f2933}}
main{{max-width:1040px;margin:0 auto;padding:24px 32px 48px}}
h1{{font-size:24px;margin:8px 0 16px}} h2{{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d5dbe3;padding-bottom:4px}}
section{{background:#fff;border-radius:8px;padding:4px 20px 16px;margin-bottom:18px;box-shadow:0 1px 2px rgba(0,0,0,.06)}}
.cards{{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:18px}}
.card{{background:#fff;border-radius:8px;padding:10px 14px;min-width:120px;box-shadow:0 1px 2px rgba(0,0,0,.08)}}
.card b{{display:block;font-size:22px}} .card span{{font-size:12px;color:#52606d}}
.card.alert b{{color:#c4493f}}
table{{border-collapse:collapse;margin:8px 0 12px;font-size:13px;width:100%}}
td,th{{border-bottom:1px solid #e4e7eb;padding:4px 8px;text-align:left;vertical-align:top}}
th{{background:#f0f3f7;font-weight:600}}
td.num{{text-align:right;font-variant-numeric:tabular-nums}}
td.empty,p.empty{{color:#7b8794;font-style:italic}}
p.note{{font-size:12px;color:#52606d;margin:0 0 6px}}
svg{{display:block;max-width:100%;height:auto}}
svg text{{font-size:12px;font-family:{FONT};fill:#1f2933}}
svg text.axis{{fill:#52606d;font-size:11px}} svg text.val{{fill:#323f4b;font-size:11px}} svg text.small{{font-size:10px}}
svg line.grid{{stroke:#e4e7eb}} svg line.base{{stroke:#7b8794}}
.context{{color:#52606d}}
"""


def render_html(r: ReportData) -> str:
    alert = {"extraction warnings", "figure conflicts", "deals in several sources", "quarantined (unresolved)"}
    cards = "".join(
        f'<div class="card{" alert" if k in alert and v else ""}"><b>{v}</b><span>{_e(k)}</span></div>'
        for k, v in r.totals.items())
    undated = ""
    if r.undated_deals:
        undated = (f"; {r.undated_deals} deal with an amount but no date is not shown" if r.undated_deals == 1
                   else f"; {r.undated_deals} deals with an amount but no date are not shown")
    charts = "".join([
        _columns("Disclosed deal amount by sector over time (亿元 CNY)", r.deals_sector_time, "亿元", stacked=True,
                 css_id="deals-over-time",
                 note="Sum of amount_cny of deals by top-level sector and the quarter their period starts in "
                      f"(the announcement month, else the report's covered period){undated}."),
        _columns("Reported funding amounts by sector over time (亿元 CNY)", r.stats_sector_time, "亿元", stacked=False,
                 css_id="stats-over-time",
                 note="Amount figures stated in reports (v_funding_stats, metric amount), by top-level sector and the quarter "
                      "of period_start; figures overlap (全球 contains 中国), so each bar is the largest figure stated, not a sum."),
    ])
    geo = _bars("Deals by city", r.deals_by_city, "") + _bars("Disclosed deal amount by sector (亿元 CNY)", r.amount_by_sector, "亿")
    conflicts = (
        "<h2>Conflicting figures</h2>"
        '<p class="note">The same figure (place, sector, round, period, metric, currency) stated with values more than 0.5% '
        "apart by two current documents (v_stat_conflicts).</p>"
        + _table(["place", "sector", "round", "metric", "period", "document A", "value A", "document B", "value B", "diff %"],
                 [(g, s, rd, m, per, a, _fmt(va), b, _fmt(vb), d) for g, s, rd, m, per, a, va, b, vb, d in r.stat_conflicts],
                 "no conflicting figures", "conflicts")
        + "<h2>Deals reported by several documents</h2>"
        '<p class="note">Same normalised company and round, amounts within 1% or announced in the same month (v_deal_sources).</p>'
        + _table(["company", "round", "documents", "sources", "min 亿元", "max 亿元", "first", "last"],
                 [(c, rd, n, names, _yi(lo), _yi(hi), f, la) for c, rd, n, names, lo, hi, f, la in r.deal_sources],
                 "no deal reported twice", "deal-sources"))
    warnings = (
        "<h2>Extraction warnings</h2>"
        '<p class="note">Phrases the extractor could not place (unknown round, sector, amount…), with the first context.</p>'
        + _table(["kind", "phrase", "count", "documents", "context"],
                 [(k, p, n, docs, ctx) for k, p, n, docs, ctx in r.warnings], "no warnings", "warnings"))
    docs = _table(["file", "script", "deals", "stats", "rankings", "title"], r.per_document, "no documents", "documents")
    errs = _table(["path", "stage", "reason"], r.errors, "none", "errors")
    runs = _table(["run", "command", "status", "seen", "loaded", "skipped", "failed", "started"],
                  [(a, b, c, d, e, f, g, h.strftime("%Y-%m-%d %H:%M") if hasattr(h, "strftime") else h)
                   for a, b, c, d, e, f, g, h in r.runs], "no runs", "runs")
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>fundingdb report</title><style>{CSS}</style></head>
<body><main>
<h1>fundingdb data-quality report</h1>
<div class="cards">{cards}</div>
<section>{charts}</section>
<section>{geo}</section>
<section>{conflicts}</section>
<section>{warnings}</section>
<section><h2>Documents</h2>{docs}<h2>Quarantined documents</h2>{errs}<h2>Recent runs</h2>{runs}</section>
</main></body></html>
"""


def _yi(v) -> str:
    return "" if v is None else f"{float(v) / 1e8:,.2f}"
