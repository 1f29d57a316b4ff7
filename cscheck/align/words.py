"""Word-level alignment of one article (or front section) with its reference.

The article's words, all leden in order, are turned into trigram hashes and aligned with the
reference's trigram hashes by a longest common subsequence (rapidfuzz, in C). Each document word
then either belongs to a piece of the standard or not; `lids.py` says what the others are (a
filled-in slot, a repeated template block, an added paragraph or added text) and which of the
standard's words are missing, lid by lid. Alternatives the document did not choose are found here.

Words are kept in parallel lists (not one object per word): a 30-page contract has 12,000 of them.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from rapidfuzz.distance import LCSseq

from cscheck.model import Artikel
from cscheck.reference.manifest import RefArtikel
from cscheck.text import WORD as _WORD
from cscheck.text import Spot, content_ranges, normalise_word, short_gram, trigrams
from cscheck.text import _norm_cache as _NORMS

STANDARD, FILL, REPEAT, ADDITION, ADDED = "standard", "fill", "repeat", "addition", "added"
NOT_THE_STANDARD = (FILL, REPEAT, ADDITION, ADDED)


class ArticleWords(msgspec.Struct):
    """The words of one article of the document, in reading order, with where each one stands."""

    norms: list[str] = msgspec.field(default_factory=list)
    surfaces: list[str] = msgspec.field(default_factory=list)
    blocks: list[int] = msgspec.field(default_factory=list)  # paragraph index
    offsets: dict[int, int] = msgspec.field(default_factory=dict)  # paragraph index → where its content starts
    lids: list[int] = msgspec.field(default_factory=list)  # index of the document lid in the article
    paras: list[int] = msgspec.field(default_factory=list)  # running paragraph number within the article
    hashes: list[int] = msgspec.field(default_factory=list)  # trigram hashes (len(norms) - 2)

    def __len__(self) -> int:
        return len(self.norms)

    def text(self, start: int, end: int) -> str:
        return " ".join(self.surfaces[start:end])

    def spans(self, block: int, text: str) -> list[tuple[int, int]]:
        """Character ranges of the words of one paragraph, in the order they are counted here (computed only
        when asked: most words never need them)."""
        begin = self.offsets.get(block, 0)
        return [(m.start(), m.end()) for start, end in content_ranges(text, begin)
                for m in _WORD.finditer(text, start, end)]


    def spots(self, start: int, end: int, text_of: Callable[[int], str]) -> list[Spot]:
        """Where words start..end-1 are written (paragraph, text, start, end), to quote them with punctuation."""
        out: list[Spot] = []
        k = max(0, start)
        end = min(end, len(self.blocks))
        while k < end:
            block = self.blocks[k]
            first = self.blocks.index(block)
            text = text_of(block)
            places = self.spans(block, text)
            while k < end and self.blocks[k] == block:
                a, b = places[k - first]
                out.append((block, text, a, b))
                k += 1
        return out


def article_words(article: Artikel) -> ArticleWords:
    aw = ArticleWords()
    para = 0
    findall = _WORD.findall
    cache = _NORMS
    for li, lid in enumerate(article.leden):
        for span in lid.spans:
            text = span.block.text
            index = span.block.index
            aw.offsets[index] = span.start
            for begin, end in content_ranges(text, span.start):
                surfaces = findall(text, begin, end)
                if not surfaces:
                    continue
                aw.surfaces += surfaces
                norms = list(map(cache.get, surfaces))  # in C; a word not seen before is normalised once
                if None in norms:
                    norms = [n or normalise_word(w) for n, w in zip(norms, surfaces, strict=True)]
                aw.norms += norms
                n = len(surfaces)
                aw.blocks += [index] * n
                aw.lids += [li] * n
                aw.paras += [para] * n
            para += 1
    aw.hashes = trigrams(aw.norms)
    return aw


class LidResult(msgspec.Struct):
    """What became of one lid of the standard (or of a lid only the document has)."""

    ref: object | None  # RefLid
    ref_index: int | None
    doc_lids: list[int] = msgspec.field(default_factory=list)  # document lids holding its words, main first
    standard_words: int = 0  # document words matched to it
    added: list[tuple[int, int]] = msgspec.field(default_factory=list)  # runs of added words (word index ranges)
    removed_words: int = 0
    removed_runs: list[tuple[int, int, int]] = msgspec.field(default_factory=list)  # (piece, first word, end) missing
    fills: int = 0
    kept_alts: dict[str, set[str]] = msgspec.field(default_factory=dict)  # group → alternatives present
    dropped_alts: dict[str, set[str]] = msgspec.field(default_factory=dict)
    instructions_kept: list[str] = msgspec.field(default_factory=list)
    markers_kept: dict[str, set[str]] = msgspec.field(default_factory=dict)  # group → alternatives whose label stayed
    appended: list[tuple[int, int]] = msgspec.field(default_factory=list)  # whole paragraphs added (where allowed)
    total_words: int = 0  # words of the standard in this lid that had to be there
    moved_out: list = msgspec.field(default_factory=list)  # Moves of this lid's words to another place (align/moves.py)
    moved_in: list = msgspec.field(default_factory=list)  # Moves of the standard's words that stand in this lid

    @property
    def missing(self) -> bool:
        """None of the lid's words is in the document, not even at another place."""
        return self.ref is not None and self.standard_words == 0 and self.total_words > 0 and not self.moved_out

    @property
    def changed(self) -> bool:
        return bool(self.added) or self.removed_words > 0


class ArticleText(msgspec.Struct):
    words: ArticleWords
    ref: list[tuple[int, int] | None]  # per word: (ref lid, piece) it matches, or None
    status: list[str]  # per word: standard | fill | repeat | addition | added
    leden: list[LidResult]
    extra_lids: list[LidResult]  # document lids with none of the standard's words
    offsets: list[int] = msgspec.field(default_factory=list)  # per word: its word offset in that piece, -1 if none

    def added_text(self, run: tuple[int, int]) -> str:
        return self.words.text(*run)

    def place_of(self, lid: int, piece: int, offset: int) -> int | None:
        """The document word that matched word `offset` of a piece of the standard, if any."""
        for k, (m, off) in enumerate(zip(self.ref, self.offsets, strict=True)):
            if off == offset and m == (lid, piece):
                return k
        return None


class _RefSeq(msgspec.Struct):
    hashes: list[int]
    places: list[tuple[int, int, int]]  # per hash: (lid, piece, offset of the first word)
    shorts: list[tuple[int, int, int, int, int]]  # (position in hashes, lid, piece, words, hash)


_REF_CACHE: dict[tuple[int, frozenset[tuple[int, int]]], tuple[RefArtikel, _RefSeq]] = {}


def _ref_seq(ref: RefArtikel, masked: frozenset[tuple[int, int]]) -> _RefSeq:
    key = (id(ref), masked)
    cached = _REF_CACHE.get(key)
    if cached is not None and cached[0] is ref:
        return cached[1]
    seq = _RefSeq([], [], [])
    for li, lid in enumerate(ref.leden):
        for pi, piece in enumerate(lid.pieces):
            if piece.t != "run" or (li, pi) in masked:
                continue
            if piece.n >= 3:
                seq.hashes.extend(piece.hashes)
                seq.places.extend((li, pi, k) for k in range(len(piece.hashes)))
            else:
                seq.shorts.append((len(seq.hashes), li, pi, piece.n, piece.hashes[0]))
    if len(_REF_CACHE) > 4096:
        _REF_CACHE.clear()
    _REF_CACHE[key] = (ref, seq)
    return seq


def match_words(aw: ArticleWords, ref: RefArtikel, masked: frozenset[tuple[int, int]]
           ) -> tuple[list[tuple[int, int] | None], dict[tuple[int, int], set[int]], list[int]]:
    """One alignment pass; `covered[(lid, piece)]` holds the word offsets of a piece found in the document, and
    per document word its offset in the piece it matched (-1: none)."""
    seq = _ref_seq(ref, masked)
    matched: list[tuple[int, int] | None] = [None] * len(aw)
    offsets = [-1] * len(aw)
    covered: dict[tuple[int, int], set[int]] = {}
    at: list[int] = [-1] * len(seq.hashes)
    if seq.hashes and aw.hashes:
        if seq.hashes == aw.hashes:
            at = list(range(len(seq.hashes)))
        else:
            for b in LCSseq.opcodes(seq.hashes, aw.hashes).as_matching_blocks():
                at[b.a:b.a + b.size] = range(b.b, b.b + b.size)
            _snap(at, seq, aw.hashes)
        _mark(at, seq, matched, covered, offsets)
    _match_short_grams(aw, seq, at, matched, covered, offsets)
    return matched, covered, offsets


def _mark(at: list[int], seq: _RefSeq, matched: list[tuple[int, int] | None],
          covered: dict[tuple[int, int], set[int]], offsets: list[int]) -> None:
    """Record the matches run by run: consecutive trigrams of one piece matched consecutively."""
    places = seq.places
    n, i = len(at), 0
    while i < n:
        j0 = at[i]
        if j0 < 0:
            i += 1
            continue
        li, pi, off = places[i]
        k = i + 1
        while k < n and at[k] == at[k - 1] + 1 and places[k][0] == li and places[k][1] == pi:
            k += 1
        key = (li, pi)
        cov = covered.get(key)
        if cov is None:
            cov = covered[key] = set()
        cov.update(range(off, places[k - 1][2] + 3))
        end = at[k - 1] + 3
        if matched[j0:end].count(None) == end - j0:
            matched[j0:end] = [key] * (end - j0)
            offsets[j0:end] = range(off, off + end - j0)
        else:
            for d in range(j0, end):
                if matched[d] is None:
                    matched[d] = key
                    offsets[d] = off + d - j0
        i = k


def _snap(at: list[int], seq: _RefSeq, doc_hashes: list[int]) -> None:
    """Move a lone matched trigram next to the rest of its piece.

    Of two equal trigrams (a filled-in slot that repeats "de inkopende organisatie"), the longest common
    subsequence may take the early one, which leaves the piece's opening words and a short marker in
    between unmatched. A matched neighbour in the same piece decides where it belongs.
    """
    places = seq.places
    breaks = [i for i in range(len(at) - 1) if at[i] >= 0 and at[i + 1] >= 0 and at[i + 1] != at[i] + 1
              and places[i][:2] == places[i + 1][:2]]
    for i in reversed(breaks):
        nxt = at[i + 1]
        if nxt > 0 and doc_hashes[nxt - 1] == seq.hashes[i] and (i == 0 or at[i - 1] < nxt - 1):
            at[i] = nxt - 1
    for i in breaks:
        prev, k = at[i], i + 1
        if at[k] != prev + 1 and prev + 1 < len(doc_hashes) and doc_hashes[prev + 1] == seq.hashes[k] and (
                k + 1 >= len(at) or at[k + 1] < 0 or at[k + 1] > prev + 1):
            at[k] = prev + 1


def _match_short_grams(aw: ArticleWords, seq: _RefSeq, at: list[int], matched: list[tuple[int, int] | None],
                       covered: dict[tuple[int, int], set[int]], offsets: list[int]) -> None:
    """Runs of one or two words (between slots, a connector line) are looked for near their place."""
    for pos, li, pi, size, target in seq.shorts:
        before = next((at[i] for i in range(pos - 1, -1, -1) if at[i] >= 0), None)
        after = next((at[i] for i in range(pos, len(at)) if at[i] >= 0), None)
        lo = max(0, (before + 2) if before is not None else 0)
        hi = min(len(aw) - size + 1, (after + 1) if after is not None else len(aw))
        for j in range(lo, hi):
            if any(matched[j + d] is not None for d in range(size)):
                continue
            if short_gram(aw.norms[j:j + size]) == target:
                for d in range(size):
                    matched[j + d] = (li, pi)
                    offsets[j + d] = d
                covered.setdefault((li, pi), set()).update(range(size))
                break


def unchosen_alternatives(ref: RefArtikel, aw: ArticleWords, matched: list[tuple[int, int] | None],
                           covered: dict[tuple[int, int], set[int]]) -> frozenset[tuple[int, int]]:
    """Pieces of alternatives the document did not keep, when alternatives share words.

    Alternatives often repeat each other's sentences ("Optie 2" and "Optie 3" start alike), so one
    alignment over all of them can spread a single kept alternative over several. Here each
    alternative is aligned on its own with the part of the document where its group landed; the best
    one is kept, and another only when a fair part of it is text the kept ones do not explain.
    """
    by_group: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for li, lid in enumerate(ref.leden):
        for pi, piece in enumerate(lid.pieces):
            if piece.group and piece.alt and piece.t == "run":
                by_group.setdefault(piece.group, {}).setdefault(piece.alt, []).append((li, pi))
    masked: set[tuple[int, int]] = set()
    for alts in by_group.values():
        if len(alts) < 2:
            continue
        places = {place for pieces in alts.values() for place in pieces}
        positions = [j for j, m in enumerate(matched) if m in places]
        if not positions:
            continue
        lo, hi = max(0, min(positions) - 2), min(len(aw.hashes), max(positions) + 1)
        window = aw.hashes[lo:hi]
        explained: dict[str, set[int]] = {}
        size: dict[str, int] = {}
        for alt, pieces in alts.items():
            seq = [h for li, pi in pieces for h in ref.leden[li].pieces[pi].hashes if ref.leden[li].pieces[pi].n >= 3]
            size[alt] = max(1, len(seq))
            hits: set[int] = set()
            if seq and window:
                for block in LCSseq.opcodes(seq, window).as_matching_blocks():
                    hits.update(range(block.b, block.b + block.size))
            explained[alt] = hits
        ranked = sorted(alts, key=lambda a: (-len(explained[a]), -size[a]))
        chosen: set[int] = set()
        # an alternative the first pass found nearly whole is kept as it is
        kept = [a for a in ranked if _coverage(ref, alts[a], covered) >= 0.8]
        for alt in kept:
            chosen |= explained[alt]
        for alt in ranked:
            if alt in kept:
                continue
            new = explained[alt] - chosen
            # a further alternative stays when a fair part of it is text no chosen one explains
            if not kept or (len(new) >= 3 and len(new) >= 0.25 * size[alt]):
                kept.append(alt)
                chosen |= explained[alt]
        for alt, pieces in alts.items():
            if alt not in kept:
                masked.update(pieces)
    return frozenset(masked)


def _coverage(ref: RefArtikel, pieces: list[tuple[int, int]], covered: dict[tuple[int, int], set[int]]) -> float:
    total = sum(ref.leden[li].pieces[pi].n for li, pi in pieces if ref.leden[li].pieces[pi].role == "text")
    found = sum(len(covered.get((li, pi), ())) for li, pi in pieces if ref.leden[li].pieces[pi].role == "text")
    return found / total if total else 0.0


def flat_places(ref: RefArtikel) -> list[tuple[int, int]]:
    return [(li, pi) for li, lid in enumerate(ref.leden) for pi in range(len(lid.pieces))]
