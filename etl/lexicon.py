"""Gazetteer and alias tables, loaded from ``seeds/reference/*.csv``.

Everything the extractor knows about names lives in those files, not in code: places (cities,
provinces, countries, regions), sectors, rounds and currencies. This module turns them into
in-memory lookups and Aho-Corasick automata (one pass over a sentence finds every known name), built
once per process.
"""
from __future__ import annotations

import csv
import re
import functools
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
REFERENCE = SEEDS / "reference"
SAMPLE_REPORTS = SEEDS / "reports"


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a seed CSV; leading ``#`` lines are comments (source and licence)."""
    path = REFERENCE / name
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def split_aliases(value: str) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


@dataclass(frozen=True)
class Place:
    level: str          # city / province / country / region / world / overseas
    name: str           # canonical short name
    code: str | None    # city_code, province_code, country_code or region_code
    province: str | None = None   # canonical province short name (cities, provinces)
    country: str | None = None    # canonical country short name


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str
    value: object


# Surface forms of the scopes CONTRACT.md names; they are language, not reference data.
SCOPE_FORMS = {
    "全球": ("world", "全球"), "全世界": ("world", "全球"), "世界范围": ("world", "全球"), "世界": ("world", "全球"),
    "全国": ("country", "中国"), "国内": ("country", "中国"), "我国": ("country", "中国"),
    "中国大陆": ("country", "中国"), "内地": ("country", "中国"), "全中国": ("country", "中国"),
    "海外": ("overseas", "海外"), "国外": ("overseas", "海外"), "境外": ("overseas", "海外"),
}


class Automaton:
    """Longest-match, non-overlapping dictionary search over a string."""

    def __init__(self, entries: dict[str, object]):
        self._a = ahocorasick.Automaton()
        for surface, value in entries.items():
            if surface:
                # Latin aliases are whole words: "AI" is not in "Builder.ai" or "PitchBook"
                latin_head = surface[0].isascii() and surface[0].isalnum()
                latin_tail = surface[-1].isascii() and surface[-1].isalnum()
                self._a.add_word(surface, (surface, value, len(surface), latin_head, latin_tail))
        if entries:
            self._a.make_automaton()
        self._empty = not entries

    def find(self, s: str) -> list[Hit]:
        if self._empty or not s:
            return []
        cands = []
        n = len(s)
        for end, (surface, value, size, latin_head, latin_tail) in self._a.iter(s):
            start = end - size + 1
            if latin_head and start and s[start - 1].isascii() and s[start - 1].isalnum():
                continue
            if latin_tail and end + 1 < n and s[end + 1].isascii() and s[end + 1].isalnum():
                continue
            cands.append((-size, start, surface, value))
        if not cands:
            return []
        if len(cands) == 1:
            _, start, surface, value = cands[0]
            return [Hit(start, start + len(surface), surface, value)]
        # longest first, then leftmost; greedy non-overlapping selection
        cands.sort(key=_by_length_then_start)
        taken: list[Hit] = []
        occupied = bytearray(n + 1)
        for neg, start, surface, value in cands:
            end = start - neg
            if occupied.find(1, start, end) >= 0:
                continue
            occupied[start:end] = b"\x01" * (end - start)
            taken.append(Hit(start, end, surface, value))
        taken.sort(key=_by_start)
        return taken


def _by_length_then_start(c: tuple) -> tuple[int, int]:
    return c[0], c[1]


def _by_start(h: Hit) -> int:
    return h.start


class Lexicon:
    def __init__(self) -> None:
        provinces = read_csv("provinces.csv")
        cities = read_csv("cities.csv")
        countries = read_csv("countries.csv")
        regions = read_csv("regions.csv")
        sectors = read_csv("sectors.csv")
        rounds = read_csv("rounds.csv")

        self.province_by_code = {r["province_code"]: r for r in provinces}
        self.city_by_name = {r["short_name"]: r for r in cities}
        self.province_by_name = {r["short_name"]: r for r in provinces}
        self.country_by_name = {r["name_zh"]: r for r in countries}
        self.region_by_name = {r["region_name"]: r for r in regions}
        self.macro_region_of_province = {r["short_name"]: r["macro_region"] for r in provinces}

        places: dict[str, Place] = {}

        def add(surface: str, place: Place, override: bool = False) -> None:
            if surface and (override or surface not in places):
                places[surface] = place

        # Least specific first so that a city that shares a name with a province (北京, 上海, 香港)
        # resolves to the city; a sentence that compares provinces re-levels it (see places.py).
        for r in countries:
            p = Place("country", r["name_zh"], r["country_code"], country=r["name_zh"])
            add(r["name_zh"], p)
            for a in split_aliases(r["aliases"]):
                add(a, p)
        country_name = {r["country_code"]: r["name_zh"] for r in countries}
        for r in read_csv("foreign_cities.csv"):
            # a city abroad locates a company in its country (the city table holds China's cities only)
            cn = country_name.get(r["country_code"])
            if cn:
                p = Place("foreign_city", r["city_name"], r["country_code"], country=cn)
                for s_ in [r["city_name"], *split_aliases(r["aliases"])]:
                    add(s_, p)
        for r in regions:
            p = Place("region", r["region_name"], r["region_code"])
            add(r["region_name"], p, True)
            for a in split_aliases(r["aliases"]):
                add(a, p, True)
        for r in provinces:
            p = Place("province", r["short_name"], r["province_code"], province=r["short_name"], country="中国")
            for s in [r["short_name"], r["province_name"], *split_aliases(r["aliases"])]:
                add(s, p, True)
        for r in cities:
            prov = self.province_by_code.get(r["province_code"], {}).get("short_name")
            p = Place("city", r["short_name"], r["city_code"], province=prov, country="中国")
            for s in [r["short_name"], r["city_name"], *split_aliases(r["aliases"])]:
                # a province's own full name (吉林省) stays the province's
                if s in places and places[s].level == "province" and s != r["short_name"]:
                    continue
                add(s, p, True)
        for surface, (level, name) in SCOPE_FORMS.items():
            code = "CN" if name == "中国" else None
            add(surface, Place(level, name, code, country="中国" if name == "中国" else None), True)
        self.places = Automaton(places)
        self.place_forms = places

        # sectors: alias -> canonical name; depth tells which is more specific
        self.sector_parent: dict[str, str | None] = {}
        by_code = {r["sector_code"]: r for r in sectors}
        sector_forms: dict[str, str] = {}
        for r in sectors:
            parent = by_code.get(r["parent_code"]) if r["parent_code"] else None
            self.sector_parent[r["sector_name"]] = parent["sector_name"] if parent else None
            for s in [r["sector_name"], *split_aliases(r["aliases"])]:
                sector_forms.setdefault(s, r["sector_name"])
                if s.isascii():
                    sector_forms.setdefault(s.lower(), r["sector_name"])
                    sector_forms.setdefault(s.upper(), r["sector_name"])
        self.sector_code = {r["sector_name"]: r["sector_code"] for r in sectors}
        self.sectors = Automaton(sector_forms)

        self.round_order: dict[str, int] = {}
        self.round_code: dict[str, str] = {}
        round_forms: dict[str, str] = {}
        for r in rounds:
            self.round_order[r["round_name"]] = int(r["stage_order"])
            self.round_code[r["round_name"]] = r["round_code"]
            for s in [r["round_name"], *split_aliases(r["aliases"])]:
                round_forms.setdefault(s, r["round_name"])
                if re.search(r"[A-Za-z+]轮$", s):
                    round_forms.setdefault(s[:-1] + " 轮", r["round_name"])   # "Pre-A 轮" in mixed-script text
        self.round_forms = round_forms
        self.rounds = Automaton(round_forms)

        self.city_code = {r["short_name"]: r["city_code"] for r in cities}
        self.province_code = {r["short_name"]: r["province_code"] for r in provinces}
        self.country_code = {r["name_zh"]: r["country_code"] for r in countries}
        self.region_code = {r["region_name"]: r["region_code"] for r in regions}

    def sector_depth(self, name: str) -> int:
        d = 0
        while name and self.sector_parent.get(name):
            name = self.sector_parent[name]
            d += 1
        return d

    def is_sector_ancestor(self, ancestor: str, name: str) -> bool:
        while name:
            name = self.sector_parent.get(name)
            if name == ancestor:
                return True
        return False


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
