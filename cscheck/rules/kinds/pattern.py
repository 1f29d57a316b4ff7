"""Pattern rule kind: phrases and regular expressions, so that a keyword rule needs no Python.

A pattern finds a *subject* in a paragraph; `near` (when given) lists the predicates that make a sentence
declare or require it. Every hit goes through the sentence stage (`cscheck/rules/sentence.py`): only a sentence
that declares or requires what the rule looks for becomes a finding, not one that negates, permits, exempts,
quotes, asks about, restates or only mentions it.
"""

# no `from __future__ import annotations`: see cscheck/rules/model.py

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta
from rapidfuzz import fuzz

from cscheck.align import norm_title
from cscheck.model import Artikel, Finding
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Pattern, Regex, Rule
from cscheck.rules.sentence import Compiled, Cues, Verdict, compile_cues, judge, sentence_at, shared_cues
from cscheck.rules.spec import KindSpec


class Near(msgspec.Struct, forbid_unknown_fields=True):
    patterns: list[Regex]


class Fuzzy(msgspec.Struct, forbid_unknown_fields=True):
    phrases: list[str]
    threshold: float = 90


class PatternDetector(Detector, kw_only=True):
    kind: Literal["pattern"]
    patterns: Annotated[list[Pattern], Meta(
        description="the subject: regexes, or `{regex, severity, message}`; case-insensitive unless "
                    "`case_sensitive`")] = msgspec.field(default_factory=list)
    keywords: Annotated[list[str], Meta(
        description="plain words of which a paragraph needs one before the patterns are tried (fast; list every "
                    "word a pattern needs)")] = msgspec.field(default_factory=list)
    near: Annotated[Near | None, Meta(
        description="`{patterns}`: predicates that make the sentence declare or require the subject; without one "
                    "in the sentence it is only a mention")] = None
    unless: Annotated[list[Regex], Meta(
        description="phrases that cancel a match in its sentence")] = msgspec.field(default_factory=list)
    unless_term: Annotated[list[Regex], Meta(
        description="phrases that cancel a match when they stand in the matched term itself (\"… van de "
                    "VNG\")")] = msgspec.field(default_factory=list)
    fuzzy: Annotated[Fuzzy | None, Meta(description="`{phrases, threshold}`: rapidfuzz partial match")] = None
    only_added: Annotated[bool, Meta(
        description="only text that is not the standard's (added, filled in, free)")] = False
    added_scope: Annotated[Literal["match", "term", "sentence"], Meta(
        description="what must hold words that are not the standard's: the match, its term, or its "
                    "sentence")] = "match"
    headings_only: bool = False
    by_itself: Annotated[bool, Meta(
        description="the match declares by itself (\"in afwijking van artikel 3.2\"): only a negation or "
                    "permission right before it counts")] = False
    power: Annotated[bool, Meta(
        description="the subject is a power one party gets (\"kan … worden verlengd\", \"mag de tarieven "
                    "aanpassen\"): a permission declares it")] = False
    case_sensitive: bool = False
    report_at: Annotated[Literal["location", "captured"], Meta(
        description="`captured`: at the article named by the group `(?P<article>…)`")] = "location"
    sentence: Annotated[Cues, Meta(
        description="more words for the sentence stage (added to rules/_zinnen.yaml)")] = msgspec.field(
        default_factory=Cues)

    @classmethod
    def shorthand(cls, data: dict[str, Any]) -> dict[str, Any]:
        data = super().shorthand(data)  # a pattern may be its regex alone
        patterns = data.get("patterns")
        if isinstance(patterns, list):
            return {**data, "patterns": [{"regex": p} if isinstance(p, str) else p for p in patterns]}
        return data


@lru_cache(maxsize=512)
def _compile(regex: str, flags: int = re.I | re.M) -> re.Pattern[str]:
    return re.compile(regex, flags)


_NAMED = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=128)
def _any_of(regexes: tuple[str, ...], flags: int) -> re.Pattern[str]:
    """One expression that matches where any of the patterns does: a cheap first pass per paragraph."""
    return re.compile("|".join(f"(?:{_NAMED.sub('(?:', r)})" for r in regexes), flags)


def _blocks(ctx: Context) -> list[tuple[int, str, Artikel]]:
    """Every paragraph of contract content, plus headings of articles whose title is not the standard's."""
    cached = ctx.cache.get("pattern-blocks")
    if cached is None:
        cached = [(block.index, block.text[start:], art) for block, start, art in ctx.content_blocks()]
        for art in ctx.contract.artikelen:
            pair = ctx.pair_of(art.position)
            standard_title = pair is not None and pair.ref is not None and pair.doc is art and (
                norm_title(pair.ref.title) == norm_title(art.title))
            if not standard_title and not art.section:
                cached.append((art.position, ctx.document.blocks[art.position].shown, art))
        ctx.cache["pattern-blocks"] = cached
    return cached


def _joined(ctx: Context) -> tuple[str, list[int]]:
    """All candidate paragraphs as one text (lower case as well), with where each starts: one scan finds a word in
    all of them."""
    joined = ctx.cache.get("pattern-joined")
    if joined is None:
        starts, pos, parts = [], 0, []
        for _index, text, _art in _blocks(ctx):
            starts.append(pos)
            parts.append(text)
            pos += len(text) + 1
        text = "\n".join(parts)
        joined = ctx.cache["pattern-joined"] = (text, starts)
        ctx.cache["pattern-lower"] = text.lower()
    return joined


def _with_keyword(ctx: Context, keyword: str) -> set[int]:
    """The candidate paragraphs (by position in `_blocks`) that hold `keyword` (found once per document)."""
    found: dict[str, set[int]] = ctx.cache.setdefault("pattern-keywords", {})
    hit = found.get(keyword)
    if hit is None:
        _text, starts = _joined(ctx)
        lower: str = ctx.cache["pattern-lower"]
        hit, at = set(), lower.find(keyword)
        while at >= 0:
            hit.add(bisect.bisect_right(starts, at) - 1)
            at = lower.find(keyword, at + 1)
        found[keyword] = hit
    return hit


def _candidate_blocks(ctx: Context, prefilter: re.Pattern[str] | None, keywords: list[str]
                      ) -> list[tuple[int, str, Artikel]]:
    """The paragraphs worth running the patterns on: those holding one of the rule's keywords (a plain
    substring search over all paragraphs at once, very fast), or else those where the combined expression
    matches (one regex scan)."""
    blocks = _blocks(ctx)
    if keywords:
        hit: set[int] = set()
        for keyword in keywords:
            hit |= _with_keyword(ctx, keyword)
        return [blocks[i] for i in sorted(hit)]
    if prefilter is None:
        return blocks
    text, starts = _joined(ctx)
    hit = {bisect.bisect_right(starts, m.start()) - 1 for m in prefilter.finditer(text)}
    return [blocks[i] for i in sorted(hit)]


def _fuzzy_hits(det: PatternDetector, text: str) -> list[tuple[int, int]]:
    if det.fuzzy is None:
        return []
    hits = []
    for phrase in det.fuzzy.phrases:
        if len(text) < len(phrase) // 2:
            continue
        al = fuzz.partial_ratio_alignment(phrase.lower(), text.lower(), score_cutoff=det.fuzzy.threshold)
        if al is not None:
            hits.append((al.dest_start, al.dest_end))
    return hits


_TOKEN = re.compile(r"[\w’'][\w’'.\-/]*|[()]")
# words that may stand before a term in its noun phrase ("de meest recente VNG Model Algemene …")
_MODIFIER = re.compile(r"^(?:de|het|een|deze|dit|model[-\w]*|algemene|eigen|gemeentelijke|regionale|meest|recente|"
                       r"laatste|geldende|huidige|vng[-\w]*)$", re.I)
_PREDICATE_AHEAD = re.compile(r"van\s+toepassing\b|(?:integraal\s+)?(?:deel|onderdeel)\s+uit\b", re.I)
_TERM_STOP = re.compile(r"^(?:en|of|en/of|zijn|is|gelden|geldt|worden|wordt|naast|die|dat|maar|behalve|tenzij|"
                        r"zoals|als|bij|voor|op|om|met|door)$", re.I)


def term_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The term a match stands in: up to three words before it and eight after it, within its noun phrase
    ("de VNG Model Algemene Inkoopvoorwaarden", "Inkoopvoorwaarden van de gemeente Zuidhaven 2023")."""
    left_limit = max((text.rfind(c, 0, start) for c in ",;:."), default=-1) + 1
    before = [m for m in _TOKEN.finditer(text, left_limit, start)][-3:]
    for m in reversed(before):
        if not _MODIFIER.match(m.group()):
            break
        start = m.start()
    count = 0
    for m in _TOKEN.finditer(text, end):
        if count >= 8 or _TERM_STOP.match(m.group()) or re.search(r"[,;:]", text[end:m.start()]) or (
                _PREDICATE_AHEAD.match(text, m.start())):
            break
        end, count = m.end(), count + (m.group() not in "()")
    while end > start and text[end - 1] in ".;:":
        end -= 1
    return start, end


def _shown_term(term: str) -> str:
    return re.sub(r"^(?:de|het|een|deze|die|dit)\s+", "", " ".join(term.split()), flags=re.I)


_CUES: dict[int, tuple[PatternDetector, Compiled]] = {}


def _cues(det: PatternDetector) -> Compiled:
    """The shared word lists with the detector's own, compiled once per detector, at its first sentence to judge
    (most candidate paragraphs hold no match in scope, and the lists cost ~20 ms to compile)."""
    cached = _CUES.get(id(det))
    if cached is None or cached[0] is not det:
        if len(_CUES) > 512:
            _CUES.clear()
        cached = _CUES[id(det)] = (det, compile_cues(det.sentence.joined(shared_cues())))
    return cached[1]


def pattern(ctx: Context, rule: Rule, det: PatternDetector) -> Iterator[Finding]:
    flags = re.M | (0 if det.case_sensitive else re.I)
    pats = det.patterns
    keywords = [k.lower() for k in det.keywords]
    # with keywords, nothing is compiled until a paragraph holds one (most rules find none in most documents)
    prefilter = _any_of(tuple(p.regex for p in pats), flags) if pats and det.fuzzy is None and not keywords \
        else None
    candidates = _candidate_blocks(ctx, prefilter, keywords)
    if det.only_added:  # a paragraph that is the standard's word for word cannot hold a match that counts
        candidates = [c for c in candidates if ctx.is_non_standard(c[0])]
    if not candidates:
        return
    near = [_compile(r) for r in det.near.patterns] if det.near else None
    unless = [_compile(r) for r in det.unless]
    unless_term = [_compile(r) for r in det.unless_term]
    # one finding per article (the standard's, or the document's own for text the standard lacks): a declaration
    # over a heading and three paragraphs is one deviation
    seen: set[tuple[str | None, str | None]] = ctx.cache.setdefault(f"pattern-seen:{rule.name}", set())
    for index, text, art in candidates:
        if det.headings_only and index != art.position:
            continue
        pair = ctx.pair_of(index)
        own = pair if pair and pair.doc is art else None
        if not ctx.in_scope(art, det.where, own) or ctx.excluded(art, det, own):
            continue
        hits: list[tuple[int, int, Pattern | None, re.Match[str] | None]] = []
        for pat in pats:
            hits.extend((m.start(), m.end(), pat, m) for m in _compile(pat.regex, flags).finditer(text))
        hits.extend((s, e, None, None) for s, e in _fuzzy_hits(det, text))
        heading = index == art.position or ctx.document.blocks[index].heading > 0
        offset = max(len(ctx.document.blocks[index].text) - len(text), 0)
        for start, end, pat, match in sorted(hits, key=lambda h: h[0]):
            s0, s1 = sentence_at(text, start, end)
            sentence = text[s0:s1]
            if any(r.search(sentence) for r in unless):
                continue
            t0, t1 = term_span(text, start, end)
            if any(r.search(text[t0:t1]) for r in unless_term):
                continue
            if det.only_added:
                lo, hi = {"match": (start, end), "term": (t0, t1), "sentence": (s0, s1)}[det.added_scope]
                if not ctx.is_non_standard(index, lo + offset, hi + offset):
                    continue
            if not det.headings_only:
                predicates = None if near is None else [
                    (m.start(), m.end()) for r in near for m in r.finditer(sentence)]
                verdict = judge(sentence, (start - s0, end - s0), predicates, _cues(det), heading=heading,
                                by_itself=det.by_itself, power=det.power)
                if verdict != Verdict.declares:
                    continue
            deel, article, lid, label = ctx.locate(index)
            if det.report_at == "captured" and match is not None and "article" in match.groupdict():
                deel, article, lid, label = ctx.locate_number(match.group("article"))
            key = (article, None if article else art.key)
            if key in seen:
                continue
            seen.add(key)
            yield ctx.finding(rule, det, block=index, article=article, lid=lid, deel=deel, document_label=label,
                              severity=pat.severity if pat else None, message=pat.message if pat else None,
                              match=" ".join(text[start:end].split()), sentence=" ".join(sentence.split()),
                              term=_shown_term(text[t0:t1]))


SPECS = [KindSpec("pattern", "beoordeelt zinnen met bepaalde woorden op wat de zin doet: eisen, verklaren, "
             "toestaan, ontkennen of de standaard herhalen",
             pattern, PatternDetector, False,
                  "phrases in the text, judged per sentence (declares, or only negates, permits, exempts, "
                  "quotes, asks, restates or mentions: cscheck/rules/sentence.py)")]
