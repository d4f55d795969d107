#!/usr/bin/env python3
"""Measure answer cues in the quiz banks and scenarios (issue #14).

An assessment can be passed without reading if the right answer gives itself away.
This script reads ``quizzes/*.yml`` and ``scenarios/*.yml`` with PyYAML and prints,
for each bank and each scenario, the measures below. It exits 1 if any threshold is
exceeded, 0 otherwise. The definitions are meant to be reused unchanged by
``casework check``; change them here and there together.

Definitions
-----------
Key
    In a quiz bank, the option marked ``correct: true``. In a scenario, the choice
    rated ``stronger`` at a decision (a node with choices). Only decisions with
    exactly one ``stronger`` choice are measured; nodes without one are skipped.
    Single-choice measures use ``type: single`` questions only.

Key-longest share  (threshold: at most 40 %)
    Share of single-choice questions (scenario: measured decisions) whose key is the
    longest option, counted in characters of the option ``text`` after stripping
    surrounding white space. A tie with the longest counts as longest.

Key-position share  (threshold: at most 50 %)
    Positions are 1-based indexes of the key in the option (choice) list. The share is
    the count of the most common key position divided by the number of single-choice
    questions (scenario: measured decisions).

Clang cue  (threshold: 0)
    Content words are runs of letters (a-z, apostrophes inside a word allowed),
    lower-cased, of 4 or more letters, not in STOP_WORDS below; no stemming. A
    question (decision) has a clang cue when its key shares two or more distinct
    content words with the stem while no distractor shares any content word with
    the stem. The stem is the question ``stem``; for a scenario decision it is the
    node ``title`` and ``body`` together. For multiple-choice questions, the cue is
    present when some correct option shares two or more content words with the stem
    and no incorrect option shares any. Fill-in questions are not measured.

Multiple-choice keys-longest share  (threshold: at most 40 %)
    Share of multiple-choice questions in which every correct option is at least as
    long (characters, as above) as every incorrect option.

First-choice path best  (scenarios only; threshold: must be false)
    A path is followed from ``start`` taking the first choice at every node until an
    ending (``ending: true`` or no choices). Its score is the path score the site
    uses: stronger 2, mixed 1, weaker 0 points per decision, divided by 2 points per
    decision. The best score is the highest score over all paths from ``start`` to an
    ending that visit no node twice. "First-choice path best" is true when the
    first-choice path reaches an ending and its score equals the best score.

Thresholds are checked for every bank and scenario with at least one measured item.

Usage: ``python scripts/assessment_cues.py [project-dir]`` (default: the current
directory's project, found as the parent of this script's folder).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

MAX_KEY_LONGEST = 0.40
MAX_KEY_POSITION = 0.50
MAX_CLANG = 0
MAX_MULTI_KEYS_LONGEST = 0.40

RATING_POINTS = {"stronger": 2, "mixed": 1, "weaker": 0}

STOP_WORDS = frozenset("""
about above after again against also although among another anyone anything around
because been before being below between both cannot could does doing done down during
each either else even ever every from further had has have having here hers herself
himself however into itself just least less like made make many might more most much
must myself never none nothing once only onto other others ought ours ourselves over
own quite rather really same several shall should since some something still such
than that that's their theirs them themselves then there there's these they they're
thing things this those though through thus till together too toward towards under
until upon very want well were what what's whatever when where whether which while who
whom whose why will with within without would your yours yourself yourselves
""".split())

WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def content_words(text: str) -> set[str]:
    """Lower-cased words of 4+ letters that are not stop words (no stemming)."""
    text = text.lower().replace("\u2019", "'")
    return {w for w in WORD.findall(text) if len(w.replace("'", "")) >= 4 and w not in STOP_WORDS}


def is_longest(key: str, texts: list[str]) -> bool:
    return len(key.strip()) >= max(len(t.strip()) for t in texts)


def clang(stem: str, keys: list[str], distractors: list[str]) -> bool:
    sw = content_words(stem)
    if any(content_words(d) & sw for d in distractors):
        return False
    return any(len(content_words(k) & sw) >= 2 for k in keys)


class Measure:
    def __init__(self, name: str) -> None:
        self.name = name
        self.n = 0
        self.longest = 0
        self.positions: Counter[int] = Counter()
        self.clangs: list[str] = []
        self.multi_n = 0
        self.multi_longest = 0
        self.first_best: bool | None = None

    def add(self, item: str, stem: str, texts: list[str], key_index: int) -> None:
        self.n += 1
        key = texts[key_index]
        if is_longest(key, texts):
            self.longest += 1
        self.positions[key_index + 1] += 1
        if clang(stem, [key], [t for i, t in enumerate(texts) if i != key_index]):
            self.clangs.append(item)

    def add_multiple(self, item: str, stem: str, texts: list[str], correct: list[bool]) -> None:
        keys = [t for t, c in zip(texts, correct, strict=True) if c]
        wrong = [t for t, c in zip(texts, correct, strict=True) if not c]
        if not keys or not wrong:
            return
        self.multi_n += 1
        if min(len(k.strip()) for k in keys) >= max(len(w.strip()) for w in wrong):
            self.multi_longest += 1
        if clang(stem, keys, wrong):
            self.clangs.append(item)

    def shares(self) -> tuple[float, int, float]:
        longest = self.longest / self.n if self.n else 0.0
        pos, count = self.positions.most_common(1)[0] if self.positions else (0, 0)
        return longest, pos, (count / self.n if self.n else 0.0)

    def failures(self) -> list[str]:
        out = []
        longest, pos, pos_share = self.shares()
        if self.n and longest > MAX_KEY_LONGEST:
            out.append(f"key is longest in {longest:.0%} (max {MAX_KEY_LONGEST:.0%})")
        if self.n and pos_share > MAX_KEY_POSITION:
            out.append(f"key at position {pos} in {pos_share:.0%} (max {MAX_KEY_POSITION:.0%})")
        if len(self.clangs) > MAX_CLANG:
            out.append(f"clang cue in {', '.join(self.clangs)}")
        if self.multi_n and self.multi_longest / self.multi_n > MAX_MULTI_KEYS_LONGEST:
            out.append(f"multiple-choice keys all longest in {self.multi_longest}/{self.multi_n}")
        if self.first_best:
            out.append("always taking the first choice is the best path")
        return out

    def line(self) -> str:
        longest, pos, pos_share = self.shares()
        parts = [f"{self.name}: n={self.n}", f"key-longest {longest:.0%}",
                 f"key-position {pos_share:.0%} (pos {pos})", f"clang {len(self.clangs)}"]
        if self.multi_n:
            parts.append(f"multi keys-longest {self.multi_longest}/{self.multi_n}")
        if self.first_best is not None:
            parts.append(f"first-choice-best {'yes' if self.first_best else 'no'}")
        return "  ".join(parts)


def measure_bank(path: Path) -> Measure:
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    m = Measure(f"quizzes/{path.name}")
    for q in bank.get("questions") or []:
        opts = q.get("options") or []
        texts = [str(o.get("text", "")) for o in opts]
        correct = [bool(o.get("correct")) for o in opts]
        stem = str(q.get("stem", ""))
        if q.get("type") == "single" and correct.count(True) == 1 and len(opts) > 1:
            m.add(str(q.get("id")), stem, texts, correct.index(True))
        elif q.get("type") == "multiple":
            m.add_multiple(str(q.get("id")), stem, texts, correct)
    return m


def path_scores(nodes: dict, start: str) -> tuple[float | None, float | None]:
    """(first-choice path score, best path score); None when no ending is reached."""

    def ending(nid: str) -> bool:
        node = nodes.get(nid) or {}
        return bool(node.get("ending")) or not node.get("choices")

    # first-choice path
    first: float | None = None
    seen: set[str] = set()
    nid, got, steps = start, 0, 0
    while nid in nodes and nid not in seen:
        seen.add(nid)
        if ending(nid):
            first = got / (2 * steps) if steps else 1.0
            break
        ch = nodes[nid]["choices"][0]
        got += RATING_POINTS.get(ch.get("rating"), 0)
        steps += 1
        nid = ch.get("goto")

    best: float | None = None

    def walk(nid: str, visited: frozenset, got: int, steps: int) -> None:
        nonlocal best
        if nid not in nodes or nid in visited:
            return
        if ending(nid):
            s = got / (2 * steps) if steps else 1.0
            best = s if best is None else max(best, s)
            return
        for ch in nodes[nid]["choices"]:
            walk(ch.get("goto"), visited | {nid}, got + RATING_POINTS.get(ch.get("rating"), 0), steps + 1)

    walk(start, frozenset(), 0, 0)
    return first, best


def measure_scenario(path: Path) -> Measure:
    sc = yaml.safe_load(path.read_text(encoding="utf-8"))
    m = Measure(f"scenarios/{path.name}")
    nodes = sc.get("nodes") or {}
    for nid, node in nodes.items():
        choices = node.get("choices") or []
        ratings = [c.get("rating") for c in choices]
        if len(choices) < 2 or ratings.count("stronger") != 1:
            continue
        stem = f"{node.get('title', '')} {node.get('body', '')}"
        m.add(str(nid), stem, [str(c.get("text", "")) for c in choices], ratings.index("stronger"))
    first, best = path_scores(nodes, sc.get("start"))
    m.first_best = first is not None and best is not None and first >= best
    return m


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    measures = [measure_bank(p) for p in sorted((root / "quizzes").glob("*.yml"))]
    measures += [measure_scenario(p) for p in sorted((root / "scenarios").glob("*.yml"))]
    failed = False
    for m in measures:
        print(m.line())
        for f in m.failures():
            failed = True
            print(f"    FAIL: {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
