"""Pattern rule kind: phrases and regular expressions, so that a keyword rule needs no Python.

Fields (all optional except `patterns`):
  patterns:     list of {regex, severity?, message?} or plain regex strings; case-insensitive
  near:         {patterns: [regex…]} — another phrase that must stand in the same sentence
  unless:       [regex…] — a phrase in the same sentence that cancels the match
  fuzzy:        {phrases: [text…], threshold: 0–100} — rapidfuzz partial match instead of a regex
  only_added:   true — only text that is not the standard's (added, filled in, or in a free part)
  keywords:     plain lowercase words of which at least one must occur in a paragraph for the patterns to
                be tried there (a fast first pass; list every word any pattern needs)
  report_at:    location (default) | captured — report at the article named by the group
                `(?P<article>…)` in the regex (the document's number, mapped to the standard's)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz import fuzz

from cscheck.align import norm_title
from cscheck.model import Artikel, Finding, Severity
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Pattern, Rule

SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")


@lru_cache(maxsize=512)
def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.I | re.M)


_NAMED = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=128)
def _any_of(regexes: tuple[str, ...]) -> re.Pattern[str]:
    """One expression that matches where any of the patterns does: a cheap first pass per paragraph."""
    return re.compile("|".join(f"(?:{_NAMED.sub('(?:', r)})" for r in regexes), re.I | re.M)


def _patterns(det: Detector) -> list[Pattern]:
    raw = det.option("patterns", [])
    return [p if isinstance(p, Pattern) else Pattern.model_validate(p if isinstance(p, dict) else {"regex": p})
            for p in raw]


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in SENTENCE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in SENTENCE.finditer(text, end)), len(text))
    return text[left:right]


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


def _candidate_blocks(ctx: Context, prefilter: re.Pattern[str] | None, keywords: list[str]
                      ) -> list[tuple[int, str, Artikel]]:
    """The paragraphs worth running the patterns on: those holding one of the rule's keywords (a plain
    substring test, very fast), or else those where the combined expression matches (one regex scan)."""
    blocks = _blocks(ctx)
    if keywords:
        lowered = ctx.cache.get("pattern-lower")
        if lowered is None:
            lowered = ctx.cache["pattern-lower"] = [text.lower() for _i, text, _a in blocks]
        return [blocks[i] for i, low in enumerate(lowered) if any(k in low for k in keywords)]
    if prefilter is None:
        return blocks
    joined = ctx.cache.get("pattern-joined")
    if joined is None:
        starts, pos = [], 0
        for _index, text, _art in blocks:
            starts.append(pos)
            pos += len(text) + 1
        joined = ctx.cache["pattern-joined"] = ("\n".join(t for _i, t, _a in blocks), starts)
    text, starts = joined
    hit = sorted({bisect.bisect_right(starts, m.start()) - 1 for m in prefilter.finditer(text)})
    return [blocks[i] for i in hit]


def _fuzzy_hits(det: Detector, text: str) -> list[tuple[int, int]]:
    spec = det.option("fuzzy")
    if not spec:
        return []
    threshold = float(spec.get("threshold", 90))
    hits = []
    for phrase in spec.get("phrases", []):
        if len(text) < len(phrase) // 2:
            continue
        al = fuzz.partial_ratio_alignment(phrase.lower(), text.lower(), score_cutoff=threshold)
        if al is not None:
            hits.append((al.dest_start, al.dest_end))
    return hits


def pattern(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
    pats = _patterns(det)
    near = [_compile(r) for r in (det.option("near") or {}).get("patterns", [])]
    unless = [_compile(r) for r in det.option("unless", [])]
    only_added = bool(det.option("only_added", False))
    captured = det.option("report_at", "location") == "captured"
    seen: set[tuple[int, str | None]] = set()
    prefilter = _any_of(tuple(p.regex for p in pats)) if pats and not det.option("fuzzy") else None
    headings_only = bool(det.option("headings_only", False))
    keywords = [str(k).lower() for k in det.option("keywords", [])]
    for index, text, art in _candidate_blocks(ctx, prefilter, keywords):
        if headings_only and index != art.position:
            continue
        pair = ctx.pair_of(index)
        if not ctx.in_scope(art, det.where, pair if pair and pair.doc is art else None):
            continue
        if ctx.excluded(art, det, pair if pair and pair.doc is art else None):
            continue
        hits: list[tuple[int, int, Pattern | None, re.Match[str] | None]] = []
        for pat in pats:
            hits.extend((m.start(), m.end(), pat, m) for m in _compile(pat.regex).finditer(text))
        hits.extend((s, e, None, None) for s, e in _fuzzy_hits(det, text))
        for start, end, pat, match in sorted(hits, key=lambda h: h[0]):
            sentence = _sentence(text, start, end)
            if near and not any(r.search(sentence) for r in near):
                continue
            if unless and any(r.search(sentence) for r in unless):
                continue
            offset = len(ctx.document.blocks[index].text) - len(text)
            if only_added and not ctx.is_non_standard(index, start + max(offset, 0), end + max(offset, 0)):
                continue
            deel, article, lid, label = ctx.locate(index)
            if captured and match is not None and "article" in match.groupdict():
                deel, article, lid, label = ctx.locate_number(match.group("article"))
            key = (index, article)
            if key in seen:
                continue
            seen.add(key)
            severity: Severity | None = pat.severity if pat else None
            yield ctx.finding(rule, det, block=index, article=article, lid=lid, deel=deel, document_label=label,
                              severity=severity, message=pat.message if pat else None,
                              match=" ".join(text[start:end].split()), sentence=" ".join(sentence.split()))
