"""`fundingdb report --html`: a self-contained page whose charts carry the data, checked by parsing
the HTML; plus a real screenshot in headless Chromium when one is installed."""
import importlib.util
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from etl.cli import cli
from etl.report import ReportData, render_html
from tests.conftest import REPO, rows


class Page(HTMLParser):
    """Every element as (tag, attrs, text inside it up to the next tag)."""

    def __init__(self):
        super().__init__()
        self.elements: list[dict] = []
        self.stack: list[dict] = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] + "." + e["attrs"].get("class", "") for e in self.stack]}
        self.elements.append(el)
        if tag not in ("meta", "line", "br", "img", "link", "input"):
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self.stack]})

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"] += data

    def find(self, tag, cls=None):
        return [e for e in self.elements if e["tag"] == tag and (cls is None or cls in e["attrs"].get("class", "").split())]


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    return p


@pytest.fixture(scope="module")
def sample_page(loaded_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    res = CliRunner().invoke(cli, ["report", "--database-url", loaded_url, "--html", str(out)])
    assert res.exit_code == 0, res.output
    assert "figure conflicts" in res.output and "deals in several sources" in res.output
    return out


def test_page_is_self_contained(sample_page):
    page = sample_page.read_text(encoding="utf-8")
    p = parse(page)
    assert not p.find("script") and not p.find("link") and not p.find("img")
    for e in p.elements:
        for k in ("src", "href"):
            assert not (e["attrs"].get(k) or "").startswith(("http:", "https:", "//")), e
    assert "url(" not in page and "@import" not in page


def test_sector_over_time_chart_has_the_deals(sample_page, loaded_url):
    p = parse(sample_page.read_text(encoding="utf-8"))
    charts = p.find("svg", "columns")
    assert len(charts) == 2
    segs = [e for e in p.find("rect", "seg")]
    deal_segs = [e for e in segs if "svg.chart columns" in e["parents"] and float(e["attrs"]["data-value"]) > 0]
    assert deal_segs
    # the stacked chart's segments add up to the dated, converted deals of bi_deals, per quarter
    want = {r["q"]: float(r["v"]) for r in rows(loaded_url, """
        select to_char(period_start, 'YYYY"Q"Q') as q, round(sum(amount_cny) / 1e8, 2) as v
          from bi_deals where amount_cny is not null and period_start is not null group by 1""")}
    first_chart = _chart_segments(p, 0)
    got: dict[str, float] = {}
    for e in first_chart:
        got[e["attrs"]["data-period"]] = got.get(e["attrs"]["data-period"], 0) + float(e["attrs"]["data-value"])
    assert {k: round(v, 2) for k, v in got.items()} == want
    assert {e["attrs"]["data-series"] for e in first_chart} >= {"人工智能", "机器人"}
    legend = [e["text"] for e in p.find("text") if "g.legend" in e["parents"]]
    assert "人工智能" in legend
    # the reported-figures chart: largest stated AIGC/AI amount in 2025Q4 is the 全球 AIGC figure, 1855亿元
    second = _chart_segments(p, 1)
    assert any(e["attrs"]["data-period"] == "2025Q4" and float(e["attrs"]["data-value"]) == 1855.0 for e in second)


def _chart_segments(p: Page, index: int) -> list[dict]:
    """rect.seg elements of the index-th column chart, in document order."""
    out, current = [], -1
    for e in p.elements:
        if e["tag"] == "svg" and "columns" in e["attrs"].get("class", ""):
            current += 1
        elif e["tag"] == "rect" and "seg" in e["attrs"].get("class", "").split() and current == index:
            out.append(e)
    return out


def test_bar_charts_and_sections(sample_page):
    p = parse(sample_page.read_text(encoding="utf-8"))
    bars = p.find("g", "bar")
    labels = {e["attrs"]["data-label"]: float(e["attrs"]["data-value"]) for e in bars}
    assert labels["上海"] == 3 and labels["人工智能"] > 0
    headings = [e["text"] for e in p.find("h2")]
    for h in ("Conflicting figures", "Deals reported by several documents", "Extraction warnings", "Deals by city"):
        assert h in headings
    assert any(e["text"] == "no conflicting figures" for e in p.find("td", "empty"))


def test_conflicts_and_warnings_are_listed():
    r = ReportData(
        totals={"documents": 3, "figure conflicts": 1},
        warnings=[("unknown_round", "Z轮", 2, "w1.txt, w2.txt", "2025年3月，云雀科技完成1亿元Z轮融资。")],
        stat_conflicts=[("中国", "", "", "deal_count", "2025-01-01..2025-06-30", "a.txt", 4172, "b.txt", 4200, 0.67)],
        deal_sources=[("云鲸智能", "B轮", 3, "n1.txt, n2.txt, n5.txt", 200000000, 201000000, "2025-03-12", "2025-04-08")],
    )
    p = parse(render_html(r))
    cells = [e["text"] for e in p.find("td")]
    for v in ("a.txt", "4,172", "4,200", "0.67", "Z轮", "w1.txt, w2.txt", "云鲸智能", "n1.txt, n2.txt, n5.txt", "2.00", "2.01"):
        assert v in cells, v
    assert any("云雀科技" in c for c in cells)
    assert [e["text"] for e in p.find("p", "empty")].count("no data") == 4        # no chart data: said, not drawn
    assert "<script" not in render_html(r)


def test_escaping():
    r = ReportData(totals={"documents": 1}, per_document=[("<x>.txt", "hans", 0, 0, 0, "a & b <i>")],
                   deals_by_city=[("<城>", 2)])
    page = render_html(r)
    assert "<x>" not in page and "&lt;x&gt;.txt" in page and "a &amp; b &lt;i&gt;" in page and "&lt;城&gt;" in page


def _bench():
    spec = importlib.util.spec_from_file_location("screenshot_report", REPO / "bench" / "screenshot_report.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome", "chrome")),
                    reason="no Chromium installed (apt-get install chromium); the HTML is checked by the tests above")
def test_screenshot_in_headless_chromium(sample_page, tmp_path):
    png = _bench().screenshot(sample_page, tmp_path / "report.png", width=1100, height=1400)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (1100, 1400)
    assert len(data) > 30_000        # a rendered page with charts, not a blank one


def test_bench_script_reports_a_missing_browser(monkeypatch, tmp_path):
    mod = _bench()
    monkeypatch.setattr(mod, "find_browser", lambda: None)
    assert mod.main(["--out", str(tmp_path / "x.png")]) == 3
    assert not Path(tmp_path / "x.png").exists()
