"""Held-out passages written for the tests (tests/passages): varied phrasing from other publishers,
years, sectors and scripts, with negatives. Precision matters as much as recall here."""
import pytest

from tests.support.passages import extract_passage, load_passages, score_passages

PASSAGES = load_passages()
CATS = score_passages(PASSAGES)


def test_there_are_enough_passages():
    assert len(PASSAGES) >= 20


@pytest.mark.parametrize("kind,floor", [("deals", 0.9), ("stats", 0.85), ("rankings", 0.85)])
def test_f1(kind, floor):
    p, r, f = CATS[kind].prf()
    assert f >= floor, (CATS[kind].misses, CATS[kind].extras)


@pytest.mark.parametrize("kind", ["deals", "stats", "rankings"])
def test_precision(kind):
    p, r, f = CATS[kind].prf()
    assert p >= 0.9, CATS[kind].extras


def test_deal_fields():
    for name, (ok, n) in CATS["deals"].fields.items():
        assert ok / n >= 0.8, (name, ok, n)


@pytest.mark.parametrize("p", [p for p in PASSAGES if not (p["deals"] or p["stats"] or p["rankings"])], ids=lambda p: p["id"])
def test_negative_passages_yield_nothing(p):
    ex = extract_passage(p).extraction
    assert (ex.deals, [s for s in ex.stats if s.metric in ("deal_count", "amount")], ex.rankings) == ([], [], [])


@pytest.mark.parametrize("p", PASSAGES, ids=lambda p: p["id"])
def test_script_and_evidence(p):
    got = extract_passage(p)
    assert got.doc.script == p["document"]["script"]
    for f in got.extraction.deals + got.extraction.stats + got.extraction.rankings:
        assert got.doc.text[f.evidence_start:f.evidence_end] == f.evidence


def test_document_metadata():
    """Title, publisher, publication date and covered period, where the passage states them."""
    checked = wrong = 0
    for p in PASSAGES:
        m, g = extract_passage(p).extraction.document, p["document"]
        for ok in ([g["publisher"] in (m.publisher or "")] if g.get("publisher") else []) + \
                  ([str(m.published_on) == g["published_on"]] if g.get("published_on") else []) + \
                  ([[str(m.period_start), str(m.period_end)] == g["period"]] if g.get("period") else []) + \
                  ([m.title == g["title"]] if g.get("title") else []):
            checked += 1
            wrong += not ok
    assert checked >= 60 and wrong / checked <= 0.05, (wrong, checked)
