"""The sample reports against the analyst's gold facts (tests/data/gold, copied from the project's
shared gold set), without a database; the integration suite checks the same through the views."""
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from etl.pipeline import process_bytes
from tests.support.scoring import Tally, score_deals, score_rankings, score_stats

REPO = Path(__file__).resolve().parents[2]
GOLD = sorted((REPO / "tests" / "data" / "gold").glob("*.json"))


def _scored():
    cats = {"deals": Tally(), "stats": Tally(), "rankings": Tally()}
    docs = {}
    for g in GOLD:
        gold = json.loads(g.read_text(encoding="utf-8"))
        raw = (REPO / "seeds" / "reports" / gold["file"]).read_bytes()
        p = process_bytes(raw, gold["file"])
        docs[gold["file"]] = (gold, p)
        ex = p.extraction
        score_deals(gold["deals"], [asdict(d) for d in ex.deals], cats["deals"], gold["file"])
        score_stats(gold["stats"], [asdict(s) for s in ex.stats], cats["stats"], gold["file"])
        score_rankings(gold["rankings"], [asdict(r) for r in ex.rankings], cats["rankings"], gold["file"])
    return cats, docs


CATS, DOCS = _scored()


@pytest.mark.parametrize("kind", ["deals", "stats", "rankings"])
def test_f1_per_kind(kind):
    t = CATS[kind]
    p, r, f = t.prf()
    assert f >= 0.95, (kind, t.misses, t.extras)


def test_overall_f1():
    tp = sum(t.tp for t in CATS.values())
    fp = sum(t.fp for t in CATS.values())
    fn = sum(t.fn for t in CATS.values())
    f = 2 * tp / (2 * tp + fp + fn)
    assert f >= 0.97


def test_field_accuracy():
    for t in CATS.values():
        for name, (ok, n) in t.fields.items():
            assert ok / n >= 0.85, (name, ok, n)


def test_evidence_is_a_verbatim_sentence():
    for gold, p in DOCS.values():
        text = p.doc.text
        ex = p.extraction
        for f in ex.deals + ex.stats + ex.rankings:
            assert 0 < len(f.evidence) <= 400
            assert text[f.evidence_start:f.evidence_end] == f.evidence


def test_traditional_report_has_no_deals_and_simplified_publisher():
    gold, p = DOCS["004_25bec0287f6b0df0.txt"]
    assert p.doc.script == "hant"
    assert p.extraction.deals == []
    assert p.extraction.document.publisher == "节点财经"


def test_document_metadata():
    for gold, p in DOCS.values():
        gd, m = gold["document"], p.extraction.document
        assert p.doc.script == gd["script"]
        if gd.get("period"):
            assert [str(m.period_start), str(m.period_end)] == gd["period"]
        if gd.get("publisher"):
            assert any(x in (m.publisher or "") for x in gd["publisher"])
        if gd.get("title_contains"):
            assert gd["title_contains"] in (m.title or "")
