#!/usr/bin/env python3
"""Generate seeds/reference/rounds.csv — financing rounds and their order.

Project-curated.  Traditional-script variants (輪, 種子, 戰略, 併購 ...) are
generated with OpenCC.  Stage orders are spaced by 10 so that rounds can be
inserted later without renumbering.

Usage:  .venv/bin/python seeds/build/build_rounds.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import dedupe, join_aliases, opencc_version, traditional_forms, write_csv  # noqa: E402


def letter_round(letter: str, subs=("1", "2", "3")) -> list[str]:
    """Surface forms of a lettered round: X轮融资, Series X, X1轮 ..."""
    out = [f"{letter}轮融资", f"Series {letter}", f"{letter.lower()}轮"]
    out += [f"{letter}{s}轮" for s in subs]
    return out


# (code, canonical, stage_order, kind, aliases)
ROUNDS = [
    ("seed", "种子轮", 10, "single", ["种子轮融资", "种子期", "种子融资", "Seed轮", "Seed"]),
    ("angel", "天使轮", 20, "single", ["天使轮融资", "天使+轮", "天使++轮", "天使投资", "天使融资", "Pre-天使轮"]),
    ("pre_a", "Pre-A轮", 30, "single", ["Pre-A", "PreA轮", "pre-A轮", "Pre-A轮融资", "PreA", "Pre A轮", "Pre-A+轮", "Pre-A++轮", "PreA+轮", "pre-A+轮"]),
    ("a", "A轮", 40, "single", letter_round("A")),
    ("a_plus", "A+轮", 50, "single", ["A+轮融资", "A++轮", "A+++轮"]),
    ("pre_b", "Pre-B轮", 60, "single", ["Pre-B", "PreB轮", "pre-B轮", "Pre-B轮融资", "Pre-B+轮"]),
    ("b", "B轮", 70, "single", letter_round("B")),
    ("b_plus", "B+轮", 80, "single", ["B+轮融资", "B++轮"]),
    ("c", "C轮", 90, "single", letter_round("C") + ["Pre-C轮", "PreC轮"]),
    ("c_plus", "C+轮", 100, "single", ["C+轮融资", "C++轮"]),
    ("d", "D轮", 110, "single", letter_round("D") + ["Pre-D轮"]),
    ("e", "E轮", 120, "single", letter_round("E")),
    ("f", "F轮", 130, "single", letter_round("F")),
    ("equity", "股权投资", 140, "single", ["股权融资", "股权转让", "老股转让"]),
    ("strategic", "战略投资", 150, "single", ["战投", "战略融资", "战略轮", "战略入股", "战略轮融资"]),
    ("ma", "并购", 160, "single", ["收购", "兼并收购", "并购重组", "兼并", "被收购"]),
    ("pre_ipo", "Pre-IPO", 170, "single", ["Pre-IPO轮", "PreIPO", "pre-IPO", "Pre-IPO轮融资", "IPO前融资"]),
    ("ipo", "IPO", 180, "single", ["首次公开募股", "首次公开发行", "上市", "首发上市", "IPO上市", "新三板", "新三板挂牌"]),
    ("private_placement", "定向增发", 190, "single", ["定增", "非公开发行", "上市后定增", "定向增发融资"]),
    # Aggregate buckets used in statistics, named as CONTRACT.md prescribes:
    # "X及以后", "IPO前"/"IPO后", or members joined by "+" (泛A轮).  stage_order =
    # stage_order of the first round covered.  Other "+" combinations
    # (天使轮+A轮, 股权投资+战略投资) are composed by the extractor, not listed.
    ("pan_a", "Pre-A轮+A轮+A+轮", 30, "group", ["泛A轮", "泛A"]),
    ("b_and_later", "B轮及以后", 70, "group", ["B轮及以后轮次", "B轮以后", "B轮后", "B轮及之后", "B轮及以上"]),
    ("c_and_later", "C轮及以后", 90, "group", ["C轮以后", "C轮及之后", "C轮及以上"]),
    ("d_and_later", "D轮及以后", 110, "group", ["D+轮", "D轮以后", "D轮及之后", "D轮及以上"]),
    ("e_and_later", "E轮及以后", 120, "group", ["E+轮", "E轮以后", "E轮及之后", "E轮及以上"]),
    ("f_and_later", "F轮及以后", 130, "group", ["F+轮", "F轮以后", "F轮及之后", "F轮及以上"]),
    ("pre_listing", "IPO前", 10, "group", ["上市前", "IPO前轮次", "上市前融资"]),
    ("post_listing", "IPO后", 190, "group", ["上市后", "上市后融资", "IPO后融资"]),
]


def build() -> list[dict]:
    names = {r[1]: r[0] for r in ROUNDS}
    owner: dict[str, str] = {}
    rows = []
    for code, name, order, kind, aliases in ROUNDS:
        forms = [name] + aliases
        trad = [t for f in forms for t in traditional_forms(f, ("s2t", "s2tw", "s2hk"))]
        keep = []
        for a in dedupe(aliases + trad):
            if a == name:
                continue
            assert a not in names or names[a] == code, (a, code)
            assert owner.get(a, code) == code, (a, owner[a], code)
            owner[a] = code
            keep.append(a)
        rows.append({"round_code": code, "round_name": name, "stage_order": str(order), "round_kind": kind, "aliases": join_aliases(keep)})
    singles = [int(r["stage_order"]) for r in rows if r["round_kind"] == "single"]
    assert singles == sorted(singles) and len(set(singles)) == len(singles)
    return rows


def main() -> None:
    rows = build()
    write_csv(
        "rounds.csv",
        [
            "Financing rounds. Source: project-curated (licence: same as this repository). stage_order increases through the",
            "life of a company; spaced by 10.",
            "股权投资 (140), 战略投资 (150) and 并购 (160) are NOT strictly ordered stages (股权投资 first, so a group reads 股权投资+战略投资 as CONTRACT.md writes it): they can happen at any time; they are placed",
            "after F轮 and before Pre-IPO only so that the column is total. Pre-B轮 is its own stage between A+轮 and B轮;",
            "Pre-A+ folds into Pre-A轮, A1/A2/A3 into A轮, Pre-C/Pre-D into C轮/D轮, 天使+ into 天使轮, 新三板(挂牌) into IPO;",
            "D+轮/E+轮/F+轮 are the groups D轮及以后/E轮及以后/F轮及以后 (CONTRACT.md: D+轮 is D轮及以后).",
            "round_kind: single = one round; group = aggregate bucket named as in CONTRACT.md (B轮及以后, IPO前, IPO后,",
            "泛A轮 = Pre-A轮+A轮+A+轮) whose stage_order is that of the first round it covers (may repeat a single round's order;",
            "IPO后 uses 190, the order of 定向增发). Other '+' combinations (天使轮+A轮) are composed by the extractor.",
            f"Traditional aliases generated with OpenCC {opencc_version()} (s2t, s2tw, s2hk). Generated by seeds/build/build_rounds.py.",
        ],
        ["round_code", "round_name", "stage_order", "round_kind", "aliases"],
        [[r[k] for k in ("round_code", "round_name", "stage_order", "round_kind", "aliases")] for r in rows],
    )


if __name__ == "__main__":
    main()
