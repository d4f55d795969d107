"""Write a synthetic but schema-valid casework content set of N reviews (issue #7).

    python scripts/gen_corpus.py --reviews 250 --seed 1 --out /tmp/corpus

Each review gets: an entry in sources.yml, reviews/<key>.yml (4 findings and 2 recommendations,
each citing the review and tagged with themes), a 7-minute briefing docs/reviews/<key>/index.md
(~300 words) and a learning brief docs/reviews/<key>/brief.md (~800 words) of seeded filler prose
citing the review as "(<key> 3.2)", a 12-node scenario scenarios/<key>-scenario.yml (9 decision
nodes, 3 endings with debriefs, every path cites the review) and a 12-question bank
quizzes/<key>.yml (single, multiple and fill-in questions, feedback on every option). Every
finding and recommendation is trained by at least one quiz question and one scenario choice.

Site-wide files do not scale with N and are taken from the real site so the corpus costs what a
real site costs: the glossary (every tooltip term is added to every page) and the themes are
copied from the repository; mkdocs.yml copies the real site's theme, plugins and Markdown
extensions. The navigation is generated in the real site's shape (Home, protocol, one section per
review, scenarios, quizzes): an explicit nav is what a real large site would keep, and with
`navigation.prune` each page carries only its own branch of it.

Output depends only on (reviews, seed) and the repository's glossary.yml/themes.yml:
`random.Random(seed)` is the only source of randomness.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"

PLACES = ["northvale", "eastbrook", "westmere", "southfield", "kingsport", "ashford", "millbrook", "riverton",
          "oakham", "hillcrest", "lakeside", "stonebridge", "fairhaven", "greenwick", "brookley", "marshton"]
TYPES = [("LCSPR", "lcspr", "Local Child Safeguarding Practice Review"), ("SCR", "scr", "Serious Case Review"),
         ("learning review", "lr", "Learning Review")]
LETTERS = "ABCDEFGHJKLMNPRSTVW"
AGENCIES = ["Police", "Probation", "Children's social care", "Health visiting", "Midwifery", "GP practice",
            "Education", "Early years", "Housing", "Adult mental health", "Youth justice", "CAFCASS"]

SUBJECTS = ["the police offender manager", "the social worker", "the health visitor", "the probation officer",
            "the GP practice", "the school's safeguarding lead", "the midwife", "children's social care",
            "the strategy discussion", "the core group", "the MAPPA meeting", "the family's support worker",
            "the housing officer", "the nursery manager", "the child protection conference"]
VERBS = ["did not know", "was not told", "accepted without checking", "recorded but did not share",
         "asked about", "checked with other agencies", "escalated to a manager", "raised at supervision",
         "wrote down in the case notes", "missed", "questioned", "assessed in depth"]
OBJECTS = ["the new relationship", "the children in the household", "the father's conviction",
           "the mother's account of the risk", "the written agreement", "the outcome of the risk assessment",
           "the missed appointments", "the change of address", "the notification requirements",
           "the child's own words", "the concerns of the school", "the history of previous referrals",
           "the third-party disclosure", "the breach of the order", "the unseen man in the home"]
TAILS = ["for several months", "until the review", "at the first visit", "during the assessment",
         "when the case was transferred", "before the conference", "after the second referral",
         "while the order was in force", "when the baby was born", "at the point of closure"]
REFLECTIONS = [
    "The review found that this was not one person's mistake but a pattern shared across agencies.",
    "Practitioners told the review that they had assumed someone else held the full picture.",
    "Nobody asked what daily life was like for the child, so the risk stayed hidden.",
    "An adult's account was treated as a fact rather than as information to be checked.",
    "Good practice here would have been to ask the next question and write down the answer.",
    "The review notes that supervision was the place where this could have been picked up.",
    "Information sharing worked when people picked up the phone rather than waiting for a meeting.",
    "The child was seen, but not heard, and their lived experience was not recorded.",
    "A risk assessment tool gave a low score, and that score was read as the whole story.",
    "Escalation was possible at every stage, and the review asks why nobody used it.",
]
GOOD = ["Check what an adult tells you against other sources.", "Share what you know with children's social care.",
        "See the child, and record what the child says.", "Escalate when you disagree with a decision.",
        "Ask who else lives in or visits the home.", "Plan disclosure so that it is timely and checked."]


def _sentence(rng: random.Random, key: str) -> str:
    s = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if rng.random() < 0.35:
        s += f" ({key} {rng.randint(2, 6)}.{rng.randint(1, 40)})"
    return s + "."


def _paragraph(rng: random.Random, key: str, sentences: int) -> str:
    parts = [_sentence(rng, key) for _ in range(sentences)]
    parts.insert(rng.randrange(len(parts)), rng.choice(REFLECTIONS))
    return " ".join(parts)


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(OBJECTS).split()[-1] for _ in range(n))


def _q(text: str) -> str:
    """A YAML scalar: JSON strings are valid YAML flow scalars."""
    return json.dumps(text, ensure_ascii=False)


class Review:
    def __init__(self, rng: random.Random, i: int, theme_keys: list[str], theme_titles: dict[str, str]) -> None:
        self.type, prefix, self.type_long = rng.choice(TYPES)
        self.place = rng.choice(PLACES)
        self.letter = LETTERS[i % len(LETTERS)]
        self.key = f"{prefix}-{self.place}-{i + 1:04d}"
        self.year = 2010 + rng.randrange(15)
        self.month = rng.randint(1, 12)
        self.title = f"{self.type_long}, {self.place.capitalize()}: Child {self.letter}"
        self.short = f"Child {self.letter} ({self.place.capitalize()}) review"
        self.board = f"{self.place.capitalize()} Safeguarding Children Partnership"
        self.themes = sorted(rng.sample(theme_keys, 4))
        self.theme_titles = [theme_titles[t] for t in self.themes]
        self.agencies = sorted(rng.sample(AGENCIES, 4))
        self.scenario = f"{self.key}-scenario"
        self.items = [f"finding-{n}" for n in range(1, 5)] + ["rec-1", "rec-2"]

    def cite(self, rng: random.Random) -> str:
        return f"{self.key} {rng.randint(2, 6)}.{rng.randint(1, 40)}"

    @property
    def date(self) -> str:
        return f"{self.year}-{self.month:02d}"


def _source_yaml(r: Review) -> str:
    return (f"  - key: {r.key}\n    title: {_q(r.title)}\n    short: {_q(r.short)}\n    publisher: {_q(r.board)}\n"
            f"    date: {r.date}\n    url: https://example.invalid/{r.key}\n    page: reviews/{r.key}/brief.md\n"
            "    locators: '(\\d+\\.\\d+|Recommendation [1-9])'\n")


def _review_yaml(rng: random.Random, r: Review) -> str:
    out = [f"key: {r.key}", f"title: {_q(r.title)}", f"board: {_q(r.board)}", f"type: {r.type}", f"date: {r.date}",
           f"summary: {_q(_paragraph(rng, r.key, 2))}", f"children: {_q(f'Child {r.letter}, aged {rng.randint(1, 15)}')}",
           f"agencies: {_q_list(r.agencies)}", f"identifiers: {_q_list([f'Mr {r.letter}', f'Ms {r.letter}', f'Child {r.letter}'])}",
           f"themes: [{', '.join(r.themes)}]", "findings:"]
    for n in range(1, 5):
        out += [f"  - id: finding-{n}", f"    title: {_q(rng.choice(REFLECTIONS)[:-1])}",
                f"    text: {_q(_paragraph(rng, r.key, 3))}", f"    sources: [{r.cite(rng)}, {r.cite(rng)}]",
                f"    themes: [{', '.join(sorted(rng.sample(r.themes, 2)))}]"]
    out.append("recommendations:")
    for n in range(1, 3):
        out += [f"  - id: rec-{n}", f"    title: {_q(rng.choice(GOOD)[:-1])}", f"    text: {_q(_paragraph(rng, r.key, 2))}",
                f"    sources: [{r.key} Recommendation {n}]", f"    themes: [{rng.choice(r.themes)}]"]
    return "\n".join(out) + "\n"


def _q_list(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _page_meta(title: str, description: str, tags: list[str], year: int) -> str:
    lines = ["---", f"title: {_q(title)}", f"description: {_q(description)}", "tags:", *[f"  - {_q(t)}" for t in tags],
             f"published: {year + 1}-01-15", f"last_reviewed: {year + 1}-01-15", "next_review: 2099-01-15", 'version: "1.0"',
             "amendments:", f"  - date: {year + 1}-01-15", "    note: First published.", "---", ""]
    return "\n".join(lines) + "\n"


def _brief_md(rng: random.Random, r: Review) -> str:
    parts = [_page_meta(f"{r.short}: learning brief", f"What the {r.short} found and what it means for practice.", r.theme_titles, r.year),
             f"# {r.short}: learning brief\n",
             '!!! warning "Content note"',
             "    This page discusses a child harmed by an adult known to agencies. There is no graphic detail. "
             "If it affects you, talk to your supervisor or see [Support](../../support.md).\n",
             f"Start with the [7-minute briefing](index.md). The [findings page](findings.md) lists every finding. "
             f"Practise the decisions in the [scenario](../../scenarios/{r.scenario}/index.md), then try the "
             f"[quiz](../../quizzes/{r.key}.md).\n",
             "## About the review\n", "| | |", "|---|---|", f"| **Board** | {r.board} ({r.key} 1.1) |",
             f"| **Review type** | {r.type_long} ({r.key} 1.2) |", f"| **Agencies** | {', '.join(r.agencies)} |", ""]
    for heading in ("What happened", "What the review found", "Why it happened", "What the review recommended",
                    "What this means for your practice"):
        parts.append(f"## {heading}\n")
        for _ in range(2):
            parts.append(_paragraph(rng, r.key, rng.randint(3, 5)) + "\n")
        if heading == "What this means for your practice":
            parts += [f"- {g}" for g in rng.sample(GOOD, 4)] + [""]
    return "\n".join(parts)


def _index_md(rng: random.Random, r: Review) -> str:
    parts = [_page_meta(f"{r.short}: 7-minute briefing", f"A 7-minute team briefing on the {r.short}.", r.theme_titles[:2], r.year),
             f"# {r.short}: 7-minute briefing\n",
             '!!! warning "Content note"',
             "    This page discusses a child harmed by an adult known to agencies. "
             "If it affects you, talk to your supervisor or see [Support](../../support.md).\n",
             f"**In one line:** {_sentence(rng, r.key)}\n",
             f"**Source:** {r.board}, *{r.title}*, {r.year} ({r.key} 1.1).\n",
             f"Go deeper: [learning brief](brief.md) · [findings](findings.md) · "
             f"[scenario](../../scenarios/{r.scenario}/index.md) · [quiz](../../quizzes/{r.key}.md)\n"]
    for n, heading in enumerate(("Background", "Key learning", "Questions for your team"), 1):
        parts += [f"## {n}. {heading}\n", _paragraph(rng, r.key, 4) + "\n"]
    parts += ["<!-- casework:action-plan -->", ""]
    return "\n".join(parts)


# The graph: 9 decision nodes, 3 endings; every node reachable, every path ends, one loop with a way out.
GRAPH: dict[str, list[str]] = {
    "n1": ["n2", "n3"], "n2": ["n4", "n5"], "n3": ["n5", "n6"], "n4": ["n7", "n8"], "n5": ["n7", "n8", "n9"],
    "n6": ["n8", "n9"], "n7": ["e-good", "e-mixed"], "n8": ["e-mixed", "n5"], "n9": ["e-poor", "e-mixed"],
}
ENDINGS = {"e-good": "stronger", "e-mixed": "mixed", "e-poor": "weaker"}
RATINGS = ["stronger", "mixed", "weaker"]


def _scenario_yaml(rng: random.Random, r: Review) -> str:
    out = [f"id: {r.scenario}", f"title: {_q(f'{r.short}: the decision points')}", f"review: {r.key}",
           f"role: {rng.choice(SUBJECTS).removeprefix('the ')}", f"setting: {_q(_paragraph(rng, r.key, 1))}",
           f"minutes: {rng.choice([20, 30, 40])}", "outcomes:", *[f"  - {_q(g)}" for g in rng.sample(GOOD, 3)],
           f"content_note: {_q('This scenario is about a child harmed by an adult known to agencies. It has no graphic detail.')}",
           f"summary: {_q(_paragraph(rng, r.key, 2))}", "start: n1",
           f"sources: [{r.cite(rng)}, {r.cite(rng)}]", f"trains: [{', '.join(f'{r.key}/{i}' for i in r.items)}]",
           "facilitator:", "  minutes: 5", f"  notes: {_q(rng.choice(REFLECTIONS))}",
           f"  prompts: [{_q('What do you already know about this family?')}]", "nodes:"]
    choice_no = 0
    for nid, targets in GRAPH.items():
        out += [f"  {nid}:", f"    title: {_q(_sentence(rng, r.key).split(' (')[0].rstrip('.')[:70])}",
                f"    body: {_q(_paragraph(rng, r.key, 3))}", "    facilitator:", f"      minutes: {rng.randint(2, 6)}",
                f"      notes: {_q(rng.choice(REFLECTIONS))}", f"      prompts: [{_q('What would you want to know next?')}]", "    choices:"]
        for j, goto in enumerate(targets):
            rating = ENDINGS.get(goto, RATINGS[(choice_no + j) % 3])
            item = r.items[choice_no % len(r.items)]
            out += [f"      - text: {_q(rng.choice(GOOD)[:-1] + ' ' + _words(rng, 3) + '.')}", f"        goto: {goto}",
                    f"        rating: {rating}", f"        feedback: {_q(_paragraph(rng, r.key, 2))}",
                    f"        sources: [{r.cite(rng)}]", f"        trains: [{r.key}/{item}]"]
            choice_no += 1
    for nid in ENDINGS:
        out += [f"  {nid}:", f"    title: {_q(rng.choice(REFLECTIONS)[:60].rstrip('. '))}", f"    body: {_q(_paragraph(rng, r.key, 2))}",
                "    ending: true", f"    sources: [{r.cite(rng)}]", "    debrief:",
                f"      what_happened: {_q(_paragraph(rng, r.key, 3))}", f"      good_practice: {_q(' '.join(rng.sample(GOOD, 3)))}",
                "      protocol: [protocol/section-1.md]", f"      quiz: {r.key}"]
    return "\n".join(out) + "\n"


def _quiz_yaml(rng: random.Random, r: Review) -> str:
    out = [f"id: {r.key}", f"title: {_q(f'Quiz: {r.short}')}", f"intro: {_q('Twelve questions on what the review found.')}",
           f"review: {r.key}", "pass_mark: 80", "questions:"]
    for n in range(12):
        kind = ("single", "multiple", "fill-in")[n % 3]
        item = r.items[n % len(r.items)]
        out += [f"  - id: q{n + 1}", f"    type: {kind}"]
        if kind == "fill-in":
            out.append(f"    stem: {_q(f'The review made [[{rng.randint(2, 9)}]] recommendations about {rng.choice(OBJECTS)}.')}")
        else:
            out += [f"    stem: {_q(_sentence(rng, r.key).split(' (')[0].rstrip('.') + '. What should happen next?')}", "    options:"]
            correct = {0} if kind == "single" else {0, 2}
            texts = rng.sample(GOOD, 4)
            order = list(range(4))
            rng.shuffle(order)
            for k in order:
                out += [f"      - text: {_q(texts[k])}"]
                if k in correct:
                    out.append("        correct: true")
                out.append(f"        feedback: {_q(rng.choice(REFLECTIONS))}")
        out += [f"    explanation: {_q(_paragraph(rng, r.key, 2))}", f"    sources: [{r.cite(rng)}]", f"    trains: [{r.key}/{item}]"]
    return "\n".join(out) + "\n"


PROTOCOL_SOURCE = """  - key: demo-protocol
    title: Joint protocol on children affected by adults who view indecent images of children
    short: Protocol
    publisher: Demo Safeguarding Board
    date: 2018-06
    url: https://example.invalid/protocol
    page: protocol/index.md
    locators: '(\\d+\\.\\d+(\\.\\d+)*)'
    sections: {"1": protocol/section-1.md, "2": protocol/section-2.md, "3": protocol/section-3.md}
"""

MKDOCS_HEAD = """site_name: casework benchmark corpus
site_description: Synthetic case-review corpus for benchmarking casework (issue 7).
site_url: ""
repo_url: https://example.invalid/casework
edit_uri: edit/main/docs/
copyright: Synthetic content generated by scripts/gen_corpus.py.
strict: true

theme:
  name: material
  font: false
  language: en
  features:
    - navigation.prune
    - navigation.indexes
    - navigation.top
    - search.highlight
    - content.action.edit
    - toc.follow
  palette:
    primary: indigo
    accent: indigo
  icon:
    repo: material/book-open-variant
"""

MKDOCS_TAIL = """
not_in_nav: |
  /scenarios/*/*.md

plugins:
  - casework:
      enabled: true
      node_modules: {node_modules}
  - search
  - tags
  - mkdocs_quiz:
      enabled_by_default: false
      confetti: false
      show_progress: false
      embed_source: false
  - offline

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.tasklist:
      custom_checkbox: false
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format

validation:
  nav:
    omitted_files: info
    not_found: warn
  links:
    not_found: warn
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn

extra:
  generator: false
"""


def _nav(reviews: list[Review], grouped: bool = False) -> str:
    """The real site's nav shape. `grouped` puts reviews, scenarios and quizzes under one
    section per year, so that a pruned page lists ~20 siblings instead of every review."""
    def group(entries: list[tuple[Review, list[str]]], indent: str) -> list[str]:
        if not grouped:
            return [ln for _, lines in entries for ln in lines]
        out: list[str] = []
        for year in sorted({r.year for r, _ in entries}):
            out.append(f"{indent}- {_q(str(year))}:")
            out += ["    " + ln for r, lines in entries if r.year == year for ln in lines]
        return out

    ind = "      "
    lines = ["nav:", "  - Home: index.md", "  - The protocol:", "      - protocol/index.md",
             *[f"      - protocol/section-{n}.md" for n in (1, 2, 3)], "  - Case reviews:", "      - reviews/index.md"]
    lines += group([(r, [f"{ind}- {_q(r.short)}:", *[f"{ind}    - reviews/{r.key}/{p}.md" for p in ("index", "brief", "findings")]])
                    for r in reviews], ind)
    lines += ["      - reviews/coverage.md", "  - Scenarios:", "      - scenarios/index.md"]
    lines += group([(r, [f"{ind}- scenarios/{r.scenario}/index.md"]) for r in reviews], ind)
    lines += ["  - Quizzes:", "      - quizzes/index.md"]
    lines += group([(r, [f"{ind}- quizzes/{r.key}.md"]) for r in reviews], ind)
    lines += ["      - progress.md", "  - Glossary: glossary.md", "  - Support: support.md"]
    return "\n".join(lines) + "\n"


def _static_docs(rng: random.Random, docs: Path, reviews: list[Review]) -> None:
    (docs / "protocol").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(
        "---\ntitle: Home\n---\n\n# Learning from case reviews\n\n"
        f"This synthetic site holds {len(reviews)} case reviews, each with a briefing, a learning brief, findings, "
        "a scenario and a quiz. Start with the [case reviews](reviews/index.md), the [protocol](protocol/index.md), "
        "the [scenarios](scenarios/index.md) or the [quizzes](quizzes/index.md). MAPPA arrangements are explained "
        "in the protocol (demo-protocol 1.1).\n", encoding="utf-8")
    (docs / "support.md").write_text("# Support\n\nTalk to your supervisor or manager.\n", encoding="utf-8")
    (docs / "protocol" / "index.md").write_text(
        "---\ntitle: The protocol\n---\n\n# The protocol\n\n" + "\n".join(f"- [Section {n}](section-{n}.md)" for n in (1, 2, 3)) + "\n",
        encoding="utf-8")
    for n in (1, 2, 3):
        body = "\n\n".join(f"## {n}.{k} {rng.choice(OBJECTS).capitalize()}\n\n{_paragraph(rng, 'demo-protocol', 4)} (demo-protocol {n}.{k})"
                           for k in range(1, 6))
        (docs / "protocol" / f"section-{n}.md").write_text(f"---\ntitle: Section {n}\n---\n\n# Section {n}\n\n{body}\n", encoding="utf-8")
    rows = "\n".join(f"| [{r.short}]({r.key}/index.md) | {r.type} | {r.year} | {', '.join(r.theme_titles)} |" for r in reviews)
    (docs / "reviews" / "index.md").write_text(
        "---\ntitle: Case reviews\n---\n\n# Case reviews\n\n!!! warning \"Content note\"\n"
        "    These reviews are about children harmed by adults known to agencies. See [Support](../support.md).\n\n| Review | Type | Year | Themes |\n|---|---|---|---|\n" + rows + "\n",
        encoding="utf-8")


def generate(out: Path, reviews: int, seed: int, nav: str = "flat") -> None:
    """Write a corpus of `reviews` reviews into `out` (created; existing content files are replaced).

    nav: "flat" (every review a section under Case reviews, as the real site does), "grouped"
    (one section per year) or "none" (no nav: MkDocs builds it from the folders)."""
    rng = random.Random(seed)
    out = Path(out)
    for sub in ("reviews", "scenarios", "quizzes", "docs"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    (out / "docs" / "reviews").mkdir()
    themes_text = (REPO / "themes.yml").read_text(encoding="utf-8")
    (out / "themes.yml").write_text(themes_text, encoding="utf-8")
    # the real glossary, less its terms' `sources:` (they cite the real sources, which the corpus does not have)
    glossary = (REPO / "glossary.yml").read_text(encoding="utf-8")
    (out / "glossary.yml").write_text(re.sub(r"(?m)^    sources: .*\n", "", glossary), encoding="utf-8")
    theme_titles: dict[str, str] = {}
    key = ""
    for line in themes_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- key:"):
            key = stripped.split(":", 1)[1].strip()
        elif stripped.startswith("title:") and key:
            theme_titles[key] = stripped.split(":", 1)[1].strip()
            key = ""
    items = [Review(rng, i, sorted(theme_titles), theme_titles) for i in range(reviews)]
    sources = ["sources:", PROTOCOL_SOURCE.rstrip("\n")] + [_source_yaml(r).rstrip("\n") for r in items]
    (out / "sources.yml").write_text("\n".join(sources) + "\n", encoding="utf-8")
    for r in items:
        (out / "reviews" / f"{r.key}.yml").write_text(_review_yaml(rng, r), encoding="utf-8")
        (out / "scenarios" / f"{r.scenario}.yml").write_text(_scenario_yaml(rng, r), encoding="utf-8")
        (out / "quizzes" / f"{r.key}.yml").write_text(_quiz_yaml(rng, r), encoding="utf-8")
        page_dir = out / "docs" / "reviews" / r.key
        page_dir.mkdir()
        (page_dir / "brief.md").write_text(_brief_md(rng, r), encoding="utf-8")
        (page_dir / "index.md").write_text(_index_md(rng, r), encoding="utf-8")
    _static_docs(rng, out / "docs", items)
    nav_text = "" if nav == "none" else _nav(items, grouped=nav == "grouped")
    (out / "mkdocs.yml").write_text(MKDOCS_HEAD + "\n" + nav_text + MKDOCS_TAIL.format(node_modules=NODE_MODULES), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--reviews", type=int, default=10, help="number of reviews (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", type=Path, required=True, help="folder to write the corpus into")
    ap.add_argument("--nav", choices=["flat", "grouped", "none"], default="flat",
                    help="flat: one nav section per review, like the real site (default); grouped: by year; none: no nav")
    args = ap.parse_args(argv)
    generate(args.out, args.reviews, args.seed, args.nav)
    print(f"wrote {args.reviews} reviews to {args.out}")


if __name__ == "__main__":
    main()
