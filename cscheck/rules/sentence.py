"""The sentence stage: what a sentence does with the phrase a rule found in it.

A pattern rule finds a *subject* (a conditions set, a zzp'er, a plafond) and, when it asks for one, a
*predicate* (what makes the sentence declare or require it: "van toepassing", "toestemming", "wordt
verlengd"). This stage decides whether the sentence declares or requires it, or only mentions it, negates it,
permits it, exempts it, quotes it, asks about it or restates the standard. Only a declaring sentence becomes a
finding.

It works like NegEx: trigger words with a scope. A sentence is cut into clauses (at punctuation and at words
that open a clause). Negation triggers ("geen", "niet", "zonder", …) count in the clause of the predicate nearest
to the subject and in the subject's own clause, unless that clause is the content of the predicate ("verklaart
dat hij geen …"): an odd count negates, an even one affirms ("niet zonder toestemming" requires it). A
permission ("mag", "kan") without negation only permits, unless the clause also restricts or obliges ("mag
pas na toestemming"). An exception trigger ("behalve", "tenzij", "met uitzondering van") exempts what follows it
in its clause. The word lists are data: `rules/_zinnen.yaml` for all rules, a rule's own `sentence:` for more.
"""

# no `from __future__ import annotations`: see cscheck/rules/model.py

import re
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta

from cscheck.files import parse_yaml
from cscheck.resources import rules_dir
from cscheck.rules.model import Regex, regex_problems


class Verdict(StrEnum):
    declares = "declares"  # the sentence declares or requires what the rule found: a finding
    negated = "negated"
    permitted = "permitted"
    exception = "exception"  # the subject is exempted ("behalve bij een zzp'er")
    restated = "restated"  # the sentence restates the standard ("zoals artikel 3.9.1 bepaalt")
    quoted = "quoted"
    question = "question"
    heading = "heading"
    mention = "mention"  # no predicate, or told as history, hypothesis or a reference ("zie artikel …")


class Cues(msgspec.Struct, forbid_unknown_fields=True):
    """Word lists (regular expressions, case-insensitive, matched as whole words) of the sentence stage."""

    negation: Annotated[list[Regex], Meta(description="negate the clause they stand in")] = []
    permission: Annotated[list[Regex], Meta(description="only permit (mag, kan, …)")] = []
    obligation: Annotated[list[Regex], Meta(description="turn a permission into a requirement")] = []
    exception: Annotated[list[Regex], Meta(description="exempt what follows in their clause")] = []
    restatement: Annotated[list[Regex], Meta(description="the sentence restates the standard")] = []
    deviation: Annotated[list[Regex], Meta(description="cancel a restatement (in afwijking van)")] = []
    mention: Annotated[list[Regex], Meta(description="history, hypothesis, a reference")] = []
    boundary: Annotated[list[Regex], Meta(description="words that open a new clause")] = []
    complement: Annotated[list[Regex], Meta(description="boundaries that open the content of the clause before "
                                            "them (verklaart dat …)")] = []
    terms: Annotated[list[Regex], Meta(description="phrases that are never triggers (\"zonder personeel\", "
                                       "\"zonder EMVI\")")] = []
    power: Annotated[list[Regex], Meta(description="a power granted (the gemeente or both parties as who may, or "
                                       "a passive \"kan … worden\"): for a rule about such a power "
                                       "(`power: true`) a permission then declares")] = []

    def joined(self, shared: "Cues") -> "Cues":
        # a Struct's constructor does not validate: both lists were checked when they loaded
        return Cues(**{name: [*getattr(shared, name), *getattr(self, name)] for name in Cues.__struct_fields__})


@cache
def shared_cues(folder: Path | None = None) -> Cues:
    """The lists every pattern rule uses (rules/_zinnen.yaml); those of another folder with their regular
    expressions compiled (the shipped ones are compiled by the tests)."""
    path = (folder or rules_dir()) / "_zinnen.yaml"
    data = parse_yaml(path.read_text(encoding="utf-8")) if path.exists() else {}
    cues = msgspec.convert(data or {}, Cues)
    if folder is not None and (problems := list(regex_problems(cues))):
        raise ValueError(f"{path.name}: {'; '.join(problems)}")
    return cues


class Compiled(msgspec.Struct, frozen=True):
    negation: re.Pattern[str] | None
    permission: re.Pattern[str] | None
    obligation: re.Pattern[str] | None
    exception: re.Pattern[str] | None
    restatement: re.Pattern[str] | None
    deviation: re.Pattern[str] | None
    mention: re.Pattern[str] | None
    boundary: re.Pattern[str]
    complement: re.Pattern[str] | None
    terms: re.Pattern[str] | None
    power: re.Pattern[str] | None


def _alternation(items: list[str]) -> re.Pattern[str] | None:
    return _alternation_of(tuple(items)) if items else None


@lru_cache(maxsize=512)
def _alternation_of(items: tuple[str, ...]) -> re.Pattern[str]:
    # cached per list: a rule that adds words to one list (its own negations) shares the others' compiled form
    return re.compile("|".join(f"(?<![\\w-])(?:{item})(?![\\w-])" for item in items), re.I)


@lru_cache(maxsize=64)
def _boundary(items: tuple[str, ...]) -> re.Pattern[str]:
    boundary = _alternation(list(items))
    punctuation = r"[,;:()\[\]–—]|\s-\s"
    return re.compile(punctuation + (f"|{boundary.pattern}" if boundary else ""), re.I)


def compile_cues(cues: Cues) -> Compiled:
    return Compiled(
        _alternation(cues.negation), _alternation(cues.permission), _alternation(cues.obligation),
        _alternation(cues.exception), _alternation(cues.restatement), _alternation(cues.deviation),
        _alternation(cues.mention), _boundary(tuple(cues.boundary)), _alternation(cues.complement),
        _alternation(cues.terms), _alternation(cues.power))


# ---------------------------------------------------------------------------------------------
# sentences

# a full stop ends a sentence, except after an abbreviation, an initial or a list number at the start
_END = re.compile(r"(?<=[.;!?])[\"”’)]*\s+|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:art|artt|bijv|bv|o\.a|e\.d|enz|etc|nr|nrs|m\.b\.t|i\.v\.m|t\.a\.v|d\.w\.z|d\.d|z\.s\.m|m\.u\.v|"
    r"incl|excl|max|min|ca|resp|vs|jo|lid|sub|p|pag|blz|ong|mr|dhr|mevr|drs|ir|dr|prof|e\.a|c\.q|i\.c|"
    r"n\.v\.t|m\.i\.v|v\.w\.b|a\.s)|\b[A-Za-z]|^\s*[\d.]+)\.\s*$", re.I)


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence that holds text[start:end]."""
    left = 0
    for m in _END.finditer(text, 0, start):
        if m.group().startswith("\n") or not _ABBREVIATION.search(text[left:m.start() + 1]):
            left = m.end()
    right = len(text)
    for m in _END.finditer(text, end):
        if m.group().startswith("\n") or not _ABBREVIATION.search(text[left:m.start() + 1]):
            right = m.start()
            break
    return left, right


_WORDS = re.compile(r"[^\W\d_][\w’'-]*|\d[\d.,/]*")
_QUOTES = re.compile(r"[\"“„«](?P<a>[^\"“”„«»]{1,300})[\"”“»]|(?<![\w])[‘'](?P<b>[^‘’']{1,300})[’'](?![\w])")


def _quoted(sentence: str, at: int) -> bool:
    return any(m.start() < at < m.end() for m in _QUOTES.finditer(sentence))


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for k in range(max(0, start), min(len(chars), end)):
            if not chars[k].isspace():
                chars[k] = "_"
    return "".join(chars)


def _clauses(masked: str, cues: Compiled) -> list[tuple[int, int, bool]]:
    """(start, end, opened by a complement word) per clause."""
    out: list[tuple[int, int, bool]] = []
    start, complement = 0, False
    for m in cues.boundary.finditer(masked):
        if m.start() > start:
            out.append((start, m.start(), complement))
        word = m.group().strip()
        complement = bool(cues.complement and word and cues.complement.fullmatch(word))
        start = m.start() if word[:1].isalpha() else m.end()
    out.append((start, len(masked), complement))
    return out


def _clause_of(clauses: list[tuple[int, int, bool]], at: int) -> int:
    return next((k for k, (s, e, _c) in enumerate(clauses) if s <= at < e), len(clauses) - 1)


def _count(pattern: re.Pattern[str] | None, text: str) -> int:
    return len(pattern.findall(text)) if pattern is not None else 0


def judge(sentence: str, subject: tuple[int, int], predicates: list[tuple[int, int]] | None, cues: Compiled,
          *, heading: bool = False, by_itself: bool = False, power: bool = False) -> Verdict:
    """What the sentence does with the subject at `subject` (offsets in `sentence`). `predicates`: None when the
    rule needs none, else the spans of the predicates found in the sentence (none found: only a mention).
    `by_itself`: the subject declares by itself ("in afwijking van artikel 3.2"): what follows it is the content
    of the declaration, so only a negation or permission in the three words before it counts. `power`: what the
    rule looks for is a power that one party gets ("kan … worden verlengd", "mag de tarieven aanpassen"), so a
    permission declares it."""
    # a heading, or a label of one or two words without a predicate ("Aanbieder" heading a table column)
    if heading or (not predicates and len(_WORDS.findall(sentence)) < 3):
        return Verdict.heading
    if sentence.rstrip().rstrip("\"”’)").endswith("?"):
        return Verdict.question
    if _quoted(sentence, subject[0]):
        return Verdict.quoted
    # phrases that hold a trigger word without being a trigger ("zonder personeel") are blanked out
    masked = _mask(sentence, [m.span() for m in cues.terms.finditer(sentence)] if cues.terms is not None else [])
    if cues.restatement is not None and cues.restatement.search(masked) and not (
            cues.deviation is not None and cues.deviation.search(masked)):
        return Verdict.restated
    if cues.exception is not None:
        for m in cues.exception.finditer(masked):
            stop = re.compile(r"[,;:()]").search(masked, m.end())
            if m.end() <= subject[0] < (stop.start() if stop else len(masked)):
                return Verdict.exception
    if predicates is not None and not predicates:
        return Verdict.mention
    clauses = _clauses(masked, cues)
    subject_clause = _clause_of(clauses, subject[0])
    if by_itself:
        start, end = clauses[subject_clause][:2]
        if cues.mention is not None and cues.mention.search(masked[start:end]):
            return Verdict.mention
        return _polarity(" ".join(masked[start:subject[0]].split()[-3:]), cues, power)
    focus = subject
    if predicates:
        focus = min(predicates, key=lambda p: (_clause_of(clauses, p[0]) != subject_clause,
                                               min(abs(p[0] - subject[1]), abs(subject[0] - p[1]))))
    focus_clause = _clause_of(clauses, focus[0])
    region = {focus_clause}
    if subject_clause != focus_clause and not (subject_clause > focus_clause and clauses[subject_clause][2]):
        region.add(subject_clause)
    text = " ".join(masked[clauses[k][0]:clauses[k][1]] for k in sorted(region))
    if cues.mention is not None and cues.mention.search(text):
        return Verdict.mention
    return _polarity(text, cues, power)


def _polarity(text: str, cues: Compiled, power: bool = False) -> Verdict:
    """An odd number of negations negates; a permission without negation or obligation only permits, unless
    the rule is about a power and the permission grants it to the gemeente, to both parties, or in the passive."""
    negations = _count(cues.negation, text)
    if negations % 2:
        return Verdict.negated
    granted = power and cues.power is not None and cues.power.search(text) is not None
    if not granted and negations == 0 and _count(cues.permission, text) and not _count(cues.obligation, text):
        return Verdict.permitted
    return Verdict.declares
