"""Answer cues: warnings for quiz banks and scenarios whose right answer gives itself away.

An assessment can be passed without reading it if the key (the right answer) is always the longest
option, always in the same place, or the only option that repeats the question's words. The
measures, per bank and per scenario:

Key
    In a quiz bank, the option marked ``correct: true``; only ``type: single`` questions with exactly
    one correct option and at least two options are measured for the single-choice shares. In a
    scenario, the choice rated ``stronger`` at a decision (a node with two or more choices, exactly one
    of them ``stronger``); other nodes are skipped.

Key-longest share (warning above 40 %)
    Share of measured questions (decisions) whose key is the longest option, in characters of the
    option text after stripping surrounding white space. A tie with the longest counts as longest.

Key-position share (warning above 50 %, only for content that turns shuffling off)
    Positions are 1-based indexes of the key in the option (choice) list; the share is the count of
    the most common position divided by the number of measured questions (decisions). A bank that
    shuffles its options (the default) is not measured: the learner never sees the written order.

Clang cue (warning for each one)
    Content words are runs of letters (apostrophes inside a word allowed), lower-cased, of 4 or more
    letters, not in STOP_WORDS; no stemming. A question has a clang cue when its key shares two or
    more distinct content words with the stem while no distractor shares any. The stem of a scenario
    decision is the node's title and body together. A multiple-choice question has the cue when some
    correct option shares two or more content words with the stem and no incorrect option shares any.
    Fill-in questions are not measured, nor questions and decisions that still hold scaffold text (TODO).

Multiple-choice keys-longest share (warning above 40 %)
    Share of multiple-choice questions (at least one correct and one incorrect option) in which every
    correct option is at least as long as every incorrect option.

``scripts/assessment_cues.py`` prints these measures for a whole project.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from casework.content.index import question_index
from casework.content.model import Question, QuizBank, Scenario
from casework.content.project import Loaded, Project
from casework.problems import Problem

MAX_KEY_LONGEST = 0.40
MAX_KEY_POSITION = 0.50
MAX_MULTI_KEYS_LONGEST = 0.40

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


def clang(stem: str, keys: list[str], distractors: list[str]) -> set[str]:
    """The stem's words the keys repeat, when that is a cue (two or more, and no distractor shares one); else empty."""
    sw = content_words(stem)
    if any(content_words(d) & sw for d in distractors):
        return set()
    for k in keys:
        shared = content_words(k) & sw
        if len(shared) >= 2:
            return shared
    return set()


@dataclass
class Measure:
    """The cue measures of one bank or scenario."""

    name: str
    n: int = 0
    longest: list[str] = field(default_factory=list)  # items whose key is the longest option
    positions: Counter[int] = field(default_factory=Counter)
    position_items: dict[int, list[str]] = field(default_factory=dict)
    clangs: dict[str, set[str]] = field(default_factory=dict)  # item -> the stem words its key repeats
    multi_n: int = 0
    multi_longest: list[str] = field(default_factory=list)

    def add(self, item: str, stem: str, texts: list[str], key_index: int) -> None:
        self.n += 1
        key = texts[key_index]
        if is_longest(key, texts):
            self.longest.append(item)
        self.positions[key_index + 1] += 1
        self.position_items.setdefault(key_index + 1, []).append(item)
        words = clang(stem, [key], [t for i, t in enumerate(texts) if i != key_index])
        if words:
            self.clangs[item] = words

    def add_multiple(self, item: str, stem: str, texts: list[str], correct: list[bool]) -> None:
        keys = [t for t, c in zip(texts, correct, strict=True) if c]
        wrong = [t for t, c in zip(texts, correct, strict=True) if not c]
        if not keys or not wrong:
            return
        self.multi_n += 1
        if min(len(k.strip()) for k in keys) >= max(len(w.strip()) for w in wrong):
            self.multi_longest.append(item)
        words = clang(stem, keys, wrong)
        if words:
            self.clangs[item] = words

    def key_longest_share(self) -> float:
        return len(self.longest) / self.n if self.n else 0.0

    def key_position(self) -> tuple[int, float]:
        """The most common key position and its share."""
        if not self.positions:
            return 0, 0.0
        pos, count = self.positions.most_common(1)[0]
        return pos, count / self.n

    def line(self) -> str:
        """One line of figures, for the report script."""
        pos, share = self.key_position()
        parts = [f"{self.name}: n={self.n}", f"key-longest {self.key_longest_share():.0%}",
                 f"key-position {share:.0%} (pos {pos})", f"clang {len(self.clangs)}"]
        if self.multi_n:
            parts.append(f"multi keys-longest {len(self.multi_longest)}/{self.multi_n}")
        return "  ".join(parts)


def measure_bank(bank: QuizBank, name: str = "") -> Measure:
    return measure_questions(bank.questions, name or f"quizzes/{bank.id}.yml")


def unfinished(*texts: str) -> bool:
    """Still scaffold text: the TODO check reports it; measuring it would only add noise."""
    return any("TODO" in t for t in texts)


def measure_questions(questions: list[Question], name: str) -> Measure:
    m = Measure(name)
    for q in questions:
        if unfinished(q.stem, *(o.text for o in q.options)):
            continue
        texts = [o.text for o in q.options]
        correct = [o.correct for o in q.options]
        if q.type == "single" and correct.count(True) == 1 and len(texts) > 1:
            m.add(q.id, q.stem, texts, correct.index(True))
        elif q.type == "multiple":
            m.add_multiple(q.id, q.stem, texts, correct)
    return m


def measure_scenario(sc: Scenario, name: str = "") -> Measure:
    m = Measure(name or f"scenarios/{sc.id}.yml")
    for nid, node in sc.nodes.items():
        ratings = [c.rating for c in node.choices]
        if len(ratings) < 2 or ratings.count("stronger") != 1 or unfinished(node.title, node.body, *(c.text for c in node.choices)):
            continue
        m.add(nid, f"{node.title} {node.body}", [c.text for c in node.choices], ratings.index("stronger"))
    return m


def _items(items: list[str]) -> str:
    return ", ".join(items[:8]) + (f" and {len(items) - 8} more" if len(items) > 8 else "")


def _warnings(m: Measure, file: str, lines: tuple[int | None, int | None], shuffled: bool, kind: str, key: str, option: str,
              other: str) -> list[Problem]:
    """The share warnings; `lines` are where the items start and where shuffling is turned off."""
    line, shuffle_line = lines

    def warn(message: str, hint: str, at: int | None = line, item: str | None = None) -> Problem:
        return Problem(file, at, item, message, hint, severity="warning")

    out = []
    if m.n and m.key_longest_share() > MAX_KEY_LONGEST:
        out.append(warn(f"{key} is the longest {option} in {len(m.longest)} of {m.n} {kind} "
                        f"({m.key_longest_share():.0%}; at most {MAX_KEY_LONGEST:.0%}): {_items(m.longest)}",
                        f"make {other} as long and as qualified as {key}, or shorten {key}"))
    pos, share = m.key_position()
    if m.n and not shuffled and share > MAX_KEY_POSITION:
        out.append(warn(f"{key} is {option} {pos} in {m.positions[pos]} of {m.n} {kind} "
                        f"({share:.0%}; at most {MAX_KEY_POSITION:.0%}), and shuffling is off (shuffle: false)",
                        f"put {key} in different places, or remove 'shuffle: false'", at=shuffle_line or line))
    if m.multi_n and len(m.multi_longest) / m.multi_n > MAX_MULTI_KEYS_LONGEST:
        out.append(warn(f"every right option is at least as long as every wrong one in {len(m.multi_longest)} of "
                        f"{m.multi_n} multiple-choice questions ({len(m.multi_longest) / m.multi_n:.0%}; "
                        f"at most {MAX_MULTI_KEYS_LONGEST:.0%}): {_items(m.multi_longest)}",
                        "make a wrong option as long and as qualified as the right ones"))
    return out


def check_cues(project: Project) -> list[Problem]:
    """Cue warnings for every quiz bank and scenario."""
    out: list[Problem] = []
    for lq in project.quizzes.values():
        bank = lq.obj
        m = measure_bank(bank, lq.file)
        out += _warnings(m, lq.file, (lq.line("questions"), lq.line("shuffle")), bank.shuffle, "single-choice questions", "the right answer", "option", "a wrong option")
        index = {q.id: i for i, q in enumerate(bank.questions)}
        for qid, words in m.clangs.items():
            out.append(Problem(lq.file, lq.line("questions", index[qid], "options"), f"question '{qid}'",
                               f"only the right answer repeats the question's words ({', '.join(sorted(words))})",
                               "reword the right answer, or use the question's words in a wrong option too", severity="warning"))
    questions = question_index(project)
    for lset in project.sets.values():  # a set picks questions from several banks: its own mix can give the key away
        qs = lset.obj
        for stage, refs in (("before", qs.before), ("after", qs.after)):
            picked = [questions[r] for r in refs if r in questions]
            shuffled = all(b.obj.shuffle for r in refs if (b := project.quizzes.get(r.split("/")[0])))
            m = measure_questions(picked, lset.file)
            out += _warnings(m, lset.file, (lset.line(stage), lset.line(stage)), shuffled, f"single-choice questions {stage} the session",
                             "the right answer", "option", "a wrong option")
    for ls in project.scenarios.values():
        sc = ls.obj
        m = measure_scenario(sc, ls.file)
        out += _warnings(m, ls.file, (ls.line("nodes"), ls.line("shuffle")), _scenario_shuffled(ls), "decisions", "the stronger choice", "choice", "a weaker or mixed choice")
        for nid, words in m.clangs.items():
            out.append(Problem(ls.file, ls.line("nodes", nid, "choices"), f"node '{nid}'",
                               f"only the stronger choice repeats the node's words ({', '.join(sorted(words))})",
                               "reword the stronger choice, or use the node's words in another choice too", severity="warning"))
    return out


def _scenario_shuffled(ls: Loaded[Scenario]) -> bool:
    """Scenario choices are shuffled unless the scenario says `shuffle: false` (where the model has that option)."""
    return bool(getattr(ls.obj, "shuffle", True))
