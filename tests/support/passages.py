"""Load the hand-written test passages (tests/passages/*.json) and run the extractor on them."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .scoring import Tally, score_deals, score_rankings, score_stats

PASSAGES = Path(__file__).resolve().parents[1] / "passages"


def load_passages() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(PASSAGES.glob("*.json"))]


def extract_passage(p: dict):
    from etl.pipeline import process_bytes

    return process_bytes(p["text"].encode("utf-8"), p["id"] + ".txt")


def score_passages(passages: list[dict]) -> dict[str, Tally]:
    cats = {"deals": Tally(), "stats": Tally(), "rankings": Tally()}
    for p in passages:
        ex = extract_passage(p).extraction
        score_deals(p["deals"], [asdict(d) for d in ex.deals], cats["deals"], p["id"])
        score_stats(p["stats"], [asdict(s) for s in ex.stats], cats["stats"], p["id"])
        score_rankings(p["rankings"], [asdict(r) for r in ex.rankings], cats["rankings"], p["id"])
    return cats
