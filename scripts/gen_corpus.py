"""Generate a synthetic corpus of Shanxi policy documents together with its known answers.

    python -m scripts.gen_corpus OUT_DIR -n 1000 [--seed 7]

Writes OUT_DIR/<nnnnn>_<style>.<ext> and OUT_DIR/answers.csv (one row per fact that a correct
extractor must find: doc, region, year, period, indicator, kind, value, unit). Styles: statistics
bulletins, work reports (a review year + targets for the next), 三个一批 round-ups naming several
regions, pages whose year comes only from their date ("去年"), HTML pages, traditional-character
pages (opencc s2t) and GBK-encoded files. Region and indicator names come from data/reference.
Every sentence is generated here; filler paragraphs carry no numbers, so every number that is a
fact is in answers.csv. Deterministic for a given --seed.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from etl.reference import load_reference

ANSWER_COLUMNS = ["doc", "region_id", "region_name", "year", "period", "indicator_id", "kind",
                  "value", "unit"]
_REGION_KINDS = {"prefecture_city", "district", "county", "county_city", "development_zone"}

# Generic, number-free government prose to bring documents to a realistic size.
FILLER = [
    "坚持把发展经济的着力点放在实体经济上，推动传统产业改造提升和新兴产业培育壮大。",
    "着力改善营商环境，深化审批制度改革，政务服务事项基本实现网上可办、就近能办。",
    "统筹发展和安全，守牢安全生产底线，社会大局保持和谐稳定。",
    "加快城市更新步伐，完善基础设施配套，城市功能品质不断提升。",
    "扎实推进乡村振兴，发展特色农业，农村人居环境持续改善。",
    "强化科技创新引领，支持企业加大研发投入，创新平台建设取得积极进展。",
    "坚持生态优先、绿色发展，污染防治攻坚持续推进，生态环境质量稳步改善。",
    "兜牢民生底线，教育、医疗、养老等公共服务水平稳步提高。",
    "深化开放合作，积极融入区域协调发展战略，对外交流更加活跃。",
    "加强政府自身建设，坚持依法行政，自觉接受各方面监督。",
    "聚焦重点产业链开展精准招商，引进带动性强的优质项目。",
    "围绕产业转型升级，推动数字技术与实体经济深度融合。",
    "落实助企纾困政策，帮助经营主体稳订单、稳岗位、稳预期。",
    "加强重点项目要素保障，建立专班推进机制，项目建设跑出加速度。",
    "这些成绩的取得，是全体干部群众团结奋斗的结果。",
    "我们也清醒地看到，发展不平衡不充分的问题依然存在，产业结构仍需优化。",
]


@dataclass
class Doc:
    name: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    date: str | None = None          # front-matter date (YYYY-MM-DD)


class Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        ref = load_reference()
        self.regions = [r for r in ref.regions
                        if r["kind"] in _REGION_KINDS and len(r["name_zh"]) >= 3]
        self.ind = {i["id"]: i for i in ref.indicators}

    # --- facts -------------------------------------------------------------------------
    def fact(self, doc: Doc, region: dict, year: int, indicator: str, kind: str, value: str,
             unit: str, scale: float = 1.0) -> str:
        """Record the answer for a number written as `value` and return it for the text."""
        number = round(float(value) * scale, 8)
        doc.facts.append({"doc": doc.name, "region_id": region["id"],
                          "region_name": region["name_zh"], "year": year, "period": "FY",
                          "indicator_id": indicator, "kind": kind, "value": number,
                          "unit": unit})
        return value

    def num(self, low: float, high: float, decimals: int) -> str:
        return f"{self.rng.uniform(low, high):.{decimals}f}"

    def name(self, indicator: str) -> str:
        return self.ind[indicator]["name_zh"]

    # --- styles ------------------------------------------------------------------------
    def bulletin(self, doc: Doc, region: dict, year: int, relative: bool = False) -> None:
        """Statistics bulletin; with `relative` the year is only given as 去年 + the doc date."""
        r, f = region["name_zh"], self.fact
        when = "去年" if relative else f"{year}年"
        doc.title = f"{r}{'' if relative else f'{year}年'}国民经济和社会发展统计公报"
        doc.paragraphs += [
            f"{when}，{r}{self.name('gdp')}完成{f(doc, region, year, 'gdp', 'value', self.num(80, 6000, 2), '亿元')}亿元，"
            f"同比增长{f(doc, region, year, 'gdp', 'growth', self.num(0.5, 9.9, 1), '%')}%。",
            f"{when}，{r}{self.name('industrial_value_added')}同比增长"
            f"{f(doc, region, year, 'industrial_value_added', 'growth', self.num(0.5, 15, 1), '%')}%。",
            f"{when}，{r}{self.name('retail_sales')}"
            f"{f(doc, region, year, 'retail_sales', 'value', self.num(20, 2000, 2), '亿元')}亿元。",
            f"{when}，{r}{self.name('general_budget_revenue')}"
            f"{f(doc, region, year, 'general_budget_revenue', 'value', str(self.rng.randint(20000, 900000)), '亿元', 1e-4)}万元。",
        ]

    def work_report(self, doc: Doc, region: dict, year: int) -> None:
        r, f, nxt = region["name_zh"], self.fact, year + 1
        doc.title = f"{nxt}年{r}人民政府工作报告"
        n = lambda a, b: str(self.rng.randint(a, b))  # noqa: E731
        doc.paragraphs += [
            f"过去一年，{r}主要经济指标稳中有进。{year}年，{r}{self.name('fixed_asset_investment')}同比增长"
            f"{f(doc, region, year, 'fixed_asset_investment', 'growth', self.num(0.5, 12, 1), '%')}%，"
            f"{self.name('tech_smes')}达到{f(doc, region, year, 'tech_smes', 'value', n(50, 3000), '家')}家。",
            f"{year}年，{r}{self.name('new_urban_jobs')}{f(doc, region, year, 'new_urban_jobs', 'value', n(1000, 60000), '人')}人。",
            f"{nxt}年，{r}将坚持稳中求进，力争培育高新技术企业"
            f"{f(doc, region, nxt, 'high_tech_enterprises_new', 'target', n(10, 400), '家')}家，"
            f"新建充电桩{f(doc, region, nxt, 'charging_piles_new', 'target', n(50, 3000), '个')}个。",
        ]

    def roundup(self, doc: Doc, regions: list[dict], year: int) -> None:
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        doc.title = f"{year}年{month}月“三个一批”活动综述"
        stages = [("signed", "集中签约"), ("started", "集中开工"), ("commissioned", "集中投产")]
        parts = []
        for region, (stage, verb) in zip(regions, stages):
            money = self.fact(doc, region, year, f"projects_{stage}_investment", "value",
                              self.num(5, 900, 1), "亿元")
            count = self.fact(doc, region, year, f"projects_{stage}", "value",
                              str(self.rng.randint(3, 90)), "个")
            parts.append(f"{region['name_zh']}总投资{money}亿元的{count}个项目{verb}")
        doc.paragraphs.append(f"{year}年{month}月{day}日，各地举行“三个一批”活动。"
                              + "；".join(parts) + "。")

    # --- whole documents ---------------------------------------------------------------
    def document(self, index: int) -> tuple[Doc, str]:
        """One document and its rendering (txt, md, html, trad, gbk)."""
        rng = self.rng
        year = rng.randint(2019, 2024)
        style = rng.choices(["bulletin", "report", "roundup", "noyear"], [35, 30, 20, 15])[0]
        render = rng.choices(["txt", "html", "trad", "gbk"], [55, 20, 12, 13])[0]
        if style == "noyear" and render == "html":
            render = "txt"  # the date lives in front matter, which only text files carry
        doc = Doc(name="", title="")
        doc.name = f"{index:05d}_{style}_{render}.{'html' if render == 'html' else 'txt'}"
        if style == "bulletin":
            self.bulletin(doc, rng.choice(self.regions), year)
        elif style == "report":
            self.work_report(doc, rng.choice(self.regions), year)
        elif style == "roundup":
            self.roundup(doc, rng.sample(self.regions, 3), year)
        else:
            self.bulletin(doc, rng.choice(self.regions), year, relative=True)
            doc.date = f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        # pad with filler to 2-20 KB, keeping the fact paragraphs in order between filler
        target_chars = rng.randint(2000, 20000) // 3
        body = list(doc.paragraphs)
        size = sum(len(p) for p in body)
        while size < target_chars:
            para = "".join(rng.sample(FILLER, rng.randint(2, 5)))
            body.insert(rng.randint(0, len(body)), para)
            size += len(para)
        doc.paragraphs = body
        return doc, render

    def write(self, out: Path, index: int) -> list[dict]:
        doc, render = self.document(index)
        head = f"---\ntitle: {doc.title}\ndate: {doc.date}\n---\n\n" if doc.date else ""
        if render == "html":
            paras = "\n".join(f"<p>{p}</p>" for p in doc.paragraphs)
            text = (f"{head}<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                    f"<title>{doc.title}</title></head>\n<body>\n<nav>首页 &gt; 政务公开</nav>\n"
                    f"<h1>{doc.title}</h1>\n{paras}\n<script>var page = 'article';</script>\n"
                    f"</body></html>\n")
        else:
            text = head + doc.title + "\n\n" + "\n\n".join("　　" + p for p in doc.paragraphs) + "\n"
        if render == "trad":
            text = _s2t().convert(text)
        data = text.encode("gbk" if render == "gbk" else "utf-8")
        (out / doc.name).write_bytes(data)
        return doc.facts


_CONVERTER = None


def _s2t():
    global _CONVERTER
    if _CONVERTER is None:
        import opencc
        _CONVERTER = opencc.OpenCC("s2t")
    return _CONVERTER


def generate(out: str | Path, n: int, seed: int = 7) -> Path:
    """Write `n` documents and answers.csv into `out`; return the answers path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    answers = out / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ANSWER_COLUMNS)
        writer.writeheader()
        for i in range(n):
            for fact in gen.write(out, i):
                writer.writerow({**fact, "value": repr(fact["value"]).removesuffix(".0")})
    return answers


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", help="output folder")
    p.add_argument("-n", type=int, default=100, help="number of documents (default 100)")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    answers = generate(args.out, args.n, args.seed)
    print(f"{args.n} documents -> {args.out} (answers: {answers})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
