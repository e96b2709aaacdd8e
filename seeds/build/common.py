"""Shared helpers for the reference-data generators in seeds/build/.

The generators are run by hand (see seeds/reference/README.md); they are not
imported by the ETL.  Each one writes a CSV into seeds/reference/ with a block
of ``#`` comment lines at the top that states the source and licence.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = ROOT / "seeds" / "reference"
SEP = "|"

# OpenCC configurations used to derive traditional-script surface forms.
# s2t   : OpenCC standard traditional characters (臺北, 軟件)
# s2tw  : Taiwan character variants            (臺北, 軟件)
# s2hk  : Hong Kong character variants         (台北, 軟件)
# s2twp : Taiwan variants + Taiwan phrasing    (軟體, 人工智慧, 紐西蘭)
OPENCC_CONFIGS = ("s2t", "s2tw", "s2hk", "s2twp")
_converters: dict = {}


def _converter(cfg: str):
    if cfg not in _converters:
        import opencc  # imported lazily so that --help works without it

        _converters[cfg] = opencc.OpenCC(cfg)
    return _converters[cfg]


def traditional_forms(text: str, configs: Sequence[str] = OPENCC_CONFIGS) -> list[str]:
    """Traditional-script variants of ``text`` that differ from it, in a stable order."""
    out: list[str] = []
    for cfg in configs:
        t = _converter(cfg).convert(text)
        if t != text and t not in out:
            out.append(t)
    return out


def opencc_version() -> str:
    try:
        from importlib.metadata import version

        return version("opencc")
    except Exception:  # pragma: no cover
        return "unknown"


def package_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for it in items:
        it = it.strip()
        if it and it not in seen:
            seen.add(it)
            out.append(it)
    return out


def join_aliases(items: Iterable[str]) -> str:
    items = list(items)
    for it in items:
        if SEP in it or "\n" in it:
            raise ValueError(f"alias contains separator: {it!r}")
    return SEP.join(items)


def write_csv(name: str, comments: Sequence[str], header: Sequence[str], rows: Sequence[Sequence]) -> Path:
    """Write ``seeds/reference/<name>`` as UTF-8 (no BOM), LF line endings."""
    path = REFERENCE_DIR / name
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    for c in comments:
        for line in c.splitlines() or [""]:
            buf.write(("# " + line).rstrip() + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        if len(r) != len(header):
            raise ValueError(f"{name}: row has {len(r)} fields, header {len(header)}: {r}")
        w.writerow(["" if v is None else v for v in r])
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows", file=sys.stderr)
    return path


def read_csv(name: str) -> list[dict]:
    """Read a reference CSV, skipping leading ``#`` comment lines."""
    path = REFERENCE_DIR / name
    with path.open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f]
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    return list(csv.DictReader(lines[i:]))


def check_unique_surface_forms(rows: Sequence[dict], name_cols: Sequence[str], label: str) -> None:
    """Raise if a surface form (name columns + aliases) points at two different rows."""
    owner: dict[str, int] = {}
    problems = []
    for i, r in enumerate(rows):
        forms = [r[c] for c in name_cols if r.get(c)]
        forms += [a for a in (r.get("aliases") or "").split(SEP) if a]
        for f in set(forms):
            if f in owner and owner[f] != i:
                problems.append(f"{label}: {f!r} used by rows {owner[f]} and {i}")
            owner.setdefault(f, i)
    if problems:
        raise SystemExit("\n".join(problems))
