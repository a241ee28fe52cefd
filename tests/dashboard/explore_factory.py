"""Extra invented figures for the Map/Compare tests: more cities, so a map has colours to
compare, a grey city to click, and a league table of several cities.

Numbers and sentences are made up (no seed text); they sit in the synthetic statistics bulletin
of factory.py so their source line names a real document of the test warehouse.
"""
from __future__ import annotations

from tests.dashboard.factory import fact, make_content

DOC = "ty_2025_stats.txt"
CITIES = {  # region id: (name, {year: (gdp 亿元, growth %)})
    "datong": ("大同市", {2022: (1800.5, 4.4), 2023: (1850.25, 5.6)}),
    "changzhi": ("长治市", {2023: (2700.75, 3.8)}),
    "yuncheng": ("运城市", {2022: (1900.0, 2.9), 2023: (2010.4, 6.1)}),
}


def explore_facts() -> list[dict]:
    rows = []
    for region, (name, years) in CITIES.items():
        for year, (gdp, growth) in years.items():
            s = f"{year}年{name}全市生产总值{gdp}亿元，增长{growth}%。"
            rows += [fact(DOC, region, year, "gdp", "value", gdp, "亿元", str(gdp), s, region_name=name),
                     fact(DOC, region, year, "gdp", "growth", growth, "%", str(growth), s, region_name=name)]
    return rows


def explore_content():
    return make_content(explore_facts())
