"""Align stage: `Contract` × `Manifest` → `Alignment`.

Articles are paired with the standard's articles by content fingerprint, title and number, so that
a renumbered or moved article is still recognised as itself. Then every pair is aligned word by
word (`words.py`, `lids.py`), and the order and numbering of the pairs are compared with the standard.
"""

from __future__ import annotations

import re

import msgspec
from rapidfuzz import fuzz, process

from cscheck.align.lids import classify_unmatched, lid_results
from cscheck.align.moves import Move, find_moves
from cscheck.align.words import ArticleText, ArticleWords, match_words, unchosen_alternatives
from cscheck.align.words import article_words as _words_of
from cscheck.model import Artikel, Contract
from cscheck.reference.manifest import Group, Manifest, RefArtikel

_TITLE_NOISE = re.compile(r"\[\s*optioneel\s*:?\s*\]|\(?\s*(?:niet van toepassing|n\.?v\.?t\.?)\s*\)?|[^\w\s]", re.I)


def norm_title(title: str) -> str:
    return " ".join(_TITLE_NOISE.sub(" ", title).lower().split())


class Pair(msgspec.Struct):
    ref: RefArtikel | None
    doc: Artikel | None
    score: float = 0.0
    content: float = 0.0  # share of the standard's trigrams found
    title: float = 0.0
    text: ArticleText | None = None
    moved: bool = False

    @property
    def renumbered(self) -> bool:
        return (self.ref is not None and self.doc is not None and not self.ref.section
                and self.doc.key != self.ref.key)


class Alignment(msgspec.Struct):
    contract: Contract
    manifest: Manifest
    pairs: list[Pair] = msgspec.field(default_factory=list)  # matched, then standard-only, then document-only
    delen_moved: list[str] = msgspec.field(default_factory=list)  # deel numbers out of order in the document
    moves: list[Move] = msgspec.field(default_factory=list)  # the standard's words that stand at another place

    def matched(self) -> list[Pair]:
        return [p for p in self.pairs if p.ref is not None and p.doc is not None]

    def pair_for(self, key: str) -> Pair | None:
        return next((p for p in self.pairs if p.ref is not None and p.ref.key == key), None)


def _ref_sets(manifest: Manifest) -> list[tuple[RefArtikel, frozenset[int]]]:
    out = []
    for art in manifest.artikelen:
        hashes: set[int] = set()
        for lid in art.leden:
            for piece in lid.pieces:
                if piece.t == "run" and piece.n >= 3 and piece.role == "text":
                    hashes.update(piece.hashes)
        out.append((art, frozenset(hashes)))
    return out


def _candidates(docs: list[Artikel], refs: list[tuple[RefArtikel, frozenset[int]]],
                words_of: dict[int, ArticleWords]) -> list[Pair]:
    ref_titles = [norm_title(ref.title) for ref, _h in refs]
    by_number = {ref.key: ri for ri, (ref, _h) in enumerate(refs)}
    every = frozenset().union(*(hashes for _ref, hashes in refs))
    pairs: list[Pair] = []
    for doc in docs:
        doc_set = frozenset((words_of.get(id(doc)) or _words_of(doc)).hashes)
        shared = doc_set & every  # set operations run in C: most articles share nothing with most refs
        hits = {ri: n for ri, (_ref, hashes) in enumerate(refs) if (n := len(shared & hashes))} if shared else {}
        dtitle = norm_title(doc.title)
        titles = {ri: score / 100 for _t, score, ri in
                  process.extract(dtitle, ref_titles, scorer=fuzz.ratio, score_cutoff=50, limit=None)} if dtitle else {}
        considered = set(hits) | set(titles)
        if doc.key in by_number:
            considered.add(by_number[doc.key])
        for ri in considered:
            ref, hashes = refs[ri]
            n_hits = hits.get(ri, 0)
            same_number = doc.key == ref.key
            title = titles.get(ri, 0.0)
            c_ref = n_hits / len(hashes) if hashes else 0.0
            c_doc = n_hits / len(doc_set) if doc_set else 0.0
            content_ok = n_hits >= 3 and (c_ref >= 0.25 or c_doc >= 0.5)
            small = len(doc_set) <= 6  # a stub: "niet van toepassing", or only the heading
            if not (content_ok or title >= 0.85 or (same_number and (title >= 0.5 or small or doc.nvt))):
                continue
            score = 0.5 * c_ref + 0.2 * c_doc + 0.25 * title + (0.05 if same_number else 0.0)
            pairs.append(Pair(ref=ref, doc=doc, score=score, content=c_ref, title=title))
    return pairs


def _heaviest_increasing(seq: list[int], weights: list[float]) -> set[int]:
    """Indices of the increasing subsequence of seq with the largest total weight (n is small)."""
    best = list(weights)
    prev = [-1] * len(seq)
    for i in range(len(seq)):
        for j in range(i):
            if seq[j] < seq[i] and best[j] + weights[i] > best[i]:
                best[i] = best[j] + weights[i]
                prev[i] = j
    out: set[int] = set()
    i = max(range(len(seq)), key=lambda k: best[k], default=-1)
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def align_article(doc: Artikel, ref: RefArtikel, groups: dict[str, Group], *, additions: bool = False,
                  words: ArticleWords | None = None) -> ArticleText:
    """One article word by word: its words matched with the standard's, the rest classified, the result per lid."""
    aw = words if words is not None else _words_of(doc)
    matched, covered, offsets = match_words(aw, ref, frozenset())
    masked = unchosen_alternatives(ref, aw, matched, covered)
    if masked:
        matched, covered, offsets = match_words(aw, ref, masked)
    status = classify_unmatched(aw, matched, ref, additions)
    text = lid_results(doc, ref, groups, aw, matched, status, covered, masked)
    text.offsets = offsets
    return text


def article_words(contract: Contract) -> dict[int, ArticleWords]:
    """The words of every article and section, computed once and shared by detection and alignment."""
    return {id(a): _words_of(a) for a in [*contract.sections.values(), *contract.artikelen]}


def align(contract: Contract, manifest: Manifest, words_of: dict[int, ArticleWords] | None = None) -> Alignment:
    alignment = Alignment(contract, manifest)
    words_of = words_of if words_of is not None else article_words(contract)
    refs = [(a, s) for a, s in _ref_sets(manifest) if not a.section]
    docs = [a for a in contract.artikelen if not a.section]
    taken_ref: set[str] = set()
    taken_doc: set[int] = set()
    matched: list[Pair] = []
    for pair in sorted(_candidates(docs, refs, words_of), key=lambda p: -p.score):
        assert pair.ref is not None and pair.doc is not None
        if pair.ref.key in taken_ref or id(pair.doc) in taken_doc:
            continue
        taken_ref.add(pair.ref.key)
        taken_doc.add(id(pair.doc))
        matched.append(pair)
    for key, section in manifest.by_key.items():
        if section.section and key in contract.sections:
            matched.append(Pair(ref=section, doc=contract.sections[key], score=1.0, title=1.0))
    for pair in matched:
        assert pair.ref is not None and pair.doc is not None
        if pair.ref.kind != "fill-only" and not pair.doc.nvt:
            # inkoopdocument: the gemeente may write its own paragraphs around a prescribed block
            additions = pair.ref.kind in ("additions", "own-template", "free") or (
                manifest.document_type.startswith("inkoopdocument") and pair.ref.kind in ("fixed", "optional"))
            pair.text = align_article(pair.doc, pair.ref, manifest.groups, additions=additions,
                                      words=words_of.get(id(pair.doc)))
    _order(matched, manifest)
    alignment.pairs = sorted(matched, key=lambda p: p.doc.position if p.doc else 0)
    alignment.moves = find_moves(alignment)
    ref_order = {a.key: i for i, a in enumerate(manifest.artikelen)}
    for ref, _hashes in refs:
        if ref.key not in taken_ref:
            alignment.pairs.append(Pair(ref=ref, doc=None))
    for doc in docs:
        if id(doc) not in taken_doc:
            alignment.pairs.append(Pair(ref=None, doc=doc))
    alignment.pairs.sort(key=lambda p: (p.doc.position if p.doc else 10**9, ref_order.get(p.ref.key, 0)
                                        if p.ref else 0))
    numbers = [d.number for d in contract.delen]
    expected = sorted(numbers, key=lambda n: (len(n), n))
    if numbers != expected:
        keep = _heaviest_increasing([int(n) if n.isdigit() else 99 for n in numbers], [1.0] * len(numbers))
        alignment.delen_moved = [n for i, n in enumerate(numbers) if i not in keep]
    return alignment


def _order(matched: list[Pair], manifest: Manifest) -> None:
    """Articles out of the standard's order within their deel, or placed in another deel."""
    ref_order = {a.key: i for i, a in enumerate(manifest.artikelen)}
    articles = sorted((p for p in matched if p.ref and p.doc and not p.ref.section),
                      key=lambda p: p.doc.position if p.doc else 0)
    # which deel (chapter) of the standard each deel of the document is: a renumbered chapter moves nothing
    votes: dict[str | None, dict[str | None, int]] = {}
    for p in articles:
        assert p.doc is not None and p.ref is not None
        tally = votes.setdefault(p.doc.deel, {})
        tally[p.ref.deel] = tally.get(p.ref.deel, 0) + 1
    deel_of = {doc_deel: max(tally, key=lambda k: tally[k]) for doc_deel, tally in votes.items()}
    for deel in {p.ref.deel for p in articles if p.ref}:
        inside = [p for p in articles if p.ref and p.ref.deel == deel]
        # of two equally long orders, keep the one where articles stay in their own hoofdstuk
        weights = [1.0 + (0.1 if p.doc and p.ref and p.doc.hoofdstuk == p.ref.hoofdstuk else 0.0) for p in inside]
        keep = _heaviest_increasing([ref_order[p.ref.key] for p in inside if p.ref], weights)
        for i, pair in enumerate(inside):
            pair.moved = i not in keep or (pair.doc is not None and deel_of.get(pair.doc.deel) != deel)
