"""The benchmark corpus (bench/corpus.py) is reproducible and every document in it is unique."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from corpus import build_corpus, city_names, documents  # noqa: E402


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_corpus_is_deterministic_and_unique(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    n_a, bytes_a = build_corpus(a, 20)
    n_b, bytes_b = build_corpus(b, 20)
    da, db = _digests(a), _digests(b)
    assert n_a == n_b == 20 and len(da) == 20
    assert bytes_a == bytes_b > 20 * 2000          # whole reports, not snippets
    assert da == db                                # same seed, same bytes
    assert len(set(da.values())) == 20             # every document unique


def test_smaller_corpus_is_a_prefix_and_seed_matters():
    first = list(documents(5))
    assert first == list(documents(20))[:5]
    assert [t for _, t in documents(5, seed=1)] != [t for _, t in first]


def test_documents_are_recombined_and_substituted():
    texts = [t for _, t in documents(20)]
    for t in texts:
        t.encode("utf-8")                         # valid text
        assert "\x00" not in t and "\x01" not in t  # substitution markers never leak
    # places are replaced by other cities of the reference table: more distinct cities than the samples name
    cities = set(city_names())
    named = {c for t in texts for c in cities if c in t}
    assert len(named) > 60
