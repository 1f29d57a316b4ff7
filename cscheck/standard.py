"""Which standard (and version) a document follows, with a score.

Each reference's signature (`reference/signature.py`: no manifest needs to be loaded for this) is
compared with the parts of the document it covers: the share of the document's word trigrams that are
the standard's (precision) and the share of the standard's trigrams found in the document (recall).
Their harmonic mean is the score; the version a document names in its versiebeheer table breaks
near-ties.
"""

from __future__ import annotations

import re

import msgspec

from cscheck.align.words import ArticleWords
from cscheck.model import Contract
from cscheck.reference.signature import Signature
from cscheck.structure.lexicon import DATED

NOT_A_STANDARD = 0.2  # below this score a document is not recognisably a Contractstandaard
_VERSION = re.compile(r"^\s*(\d+\.\d+)\s*$")
_VERSION_START = re.compile(r"^\s*(\d+\.\d+)\s+")
_VERSION_IN_TEXT = re.compile(r"\bversie\s+(\d+\.\d+)\b", re.I)


class Detection(msgspec.Struct):
    signature: Signature | None
    score: float
    candidates: dict[str, float] = msgspec.field(default_factory=dict)
    declared_version: str | None = None
    declared_at: int | None = None
    forced: bool = False


def _dated_row(text: str) -> re.Match[str] | None:
    """A row of the table read as one line ("1.2 Oktober 2025 Ketenbureau"): its version, when a date follows."""
    m = _VERSION_START.match(text)
    return m if m and DATED.match(text[m.end():]) else None


def declared_version(contract: Contract) -> tuple[str | None, int | None]:
    """The version in the first row of the versiebeheer table, or named on the title page."""
    section = contract.sections.get("versiebeheer")
    if section is not None:
        for span in section.spans:
            m = _VERSION.match(span.text) or _dated_row(span.text)
            if m and (span.block.table is None or span.block.table[2] == 0):
                return m.group(1), span.block.index
    title = contract.sections.get("titelpagina")
    for span in title.spans if title is not None else []:
        m = _VERSION_IN_TEXT.search(span.text)
        if m:
            return m.group(1), span.block.index
    for margin in contract.document.margins:
        m = _VERSION_IN_TEXT.search(margin)
        if m:
            return m.group(1), None
    return None, None


def _covered_hashes(contract: Contract, signature: Signature, words_of: dict[int, ArticleWords]) -> set[int]:
    delen, sections = signature.delen, signature.sections
    out: set[int] = set()
    for art in [*contract.sections.values(), *contract.artikelen]:
        covered = (art.key in sections) if art.section else (art.deel in delen)
        if covered:
            words = words_of.get(id(art))
            if words is not None:
                out.update(words.hashes)
    return out


def score(contract: Contract, signature: Signature, words_of: dict[int, ArticleWords]) -> float:
    ref = signature.hashes
    doc = _covered_hashes(contract, signature, words_of)
    if not ref or not doc:
        return 0.0
    common = len(doc & ref)
    precision, recall = common / len(doc), common / len(ref)
    return 0.0 if not common else 2 * precision * recall / (precision + recall)


def document_type(contract: Contract, signatures: list[Signature], words_of: dict[int, ArticleWords]
                  ) -> tuple[str | None, dict[str, float]]:
    """Which kind of document this is (overeenkomst or an inkoopdocument variant), by comparing all its
    words with every reference; returns the type of the best one and the score per reference."""
    doc: set[int] = set()
    for words in words_of.values():
        doc.update(words.hashes)
    scores: dict[str, float] = {}
    for signature in signatures:
        ref = signature.hashes
        common = len(doc & ref) if doc and ref else 0
        scores[signature.id] = 0.0 if not common else round(2 * common / (len(doc) + len(ref)), 4)
    if not scores:
        return None, scores
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < NOT_A_STANDARD:
        return None, scores
    return next(s.document_type for s in signatures if s.id == best), scores


def detect(contract: Contract, signatures: list[Signature], words_of: dict[int, ArticleWords],
           forced: str | None = None) -> Detection:
    version, at = declared_version(contract)
    candidates = {s.id: round(score(contract, s, words_of), 4) for s in signatures}
    by_id = {s.id: s for s in signatures}
    if forced:
        return Detection(by_id[forced], candidates.get(forced, 0.0), candidates, version, at, forced=True)
    if not candidates:
        return Detection(None, 0.0, candidates, version, at)

    def rank(mid: str) -> tuple[float, int]:
        # within 0.01 the version the document names itself wins
        return (round(candidates[mid] / 0.01) * 0.01, int(by_id[mid].version == version))

    best = max(candidates, key=rank)
    if candidates[best] < NOT_A_STANDARD:
        return Detection(None, candidates[best], candidates, version, at)
    return Detection(by_id[best], candidates[best], candidates, version, at)


def version_for(asked: Signature, kind: str, signatures: list[Signature]) -> Signature | None:
    """The reference of the asked standard and version for this kind of document; when that version has none
    for this kind (CSW 1.3 has no SAS inkoopdocument), the nearest version that has one."""
    if asked.document_type == kind:
        return asked
    same = [s for s in signatures if s.document_type == kind and s.standard == asked.standard]
    if not same:
        return None
    wanted = _version_number(asked.version)
    return min(same, key=lambda s: (abs(_version_number(s.version) - wanted), -_version_number(s.version)))


def _version_number(version: str) -> float:
    parts = [int(p) for p in version.split(".") if p.isdigit()] + [0, 0]
    return parts[0] * 1000 + parts[1]
