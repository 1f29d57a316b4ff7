"""Word-level alignment of one article (or front section) with its reference.

The article's words, all leden in order, are turned into trigram hashes and aligned with the
reference's trigram hashes by a longest common subsequence (rapidfuzz, in C). Each document word
then either belongs to a piece of the standard or not. Words that are not the standard's are a
filled-in slot when a slot of the standard stands at that place, a repeated template block, a whole
added paragraph where the section allows additions, or else added text. Standard words that found
no counterpart are removed text — unless they belong to an alternative that was not chosen, a
choice marker, an instruction to the drafter, or a template block that may be left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import LCSseq

from cscheck.model import Artikel
from cscheck.reference.manifest import Group, Piece, RefArtikel, RefLid
from cscheck.text import Word, short_gram, trigrams, words


@dataclass(slots=True)
class DocWord:
    word: Word
    lid: int  # index of the document lid in the article
    para: int  # running paragraph number within the article
    ref: tuple[int, int] | None = None  # (ref lid, piece) of the standard word it matches
    status: str = "added"  # standard | fill | repeat | addition | added


@dataclass(slots=True)
class LidResult:
    """What became of one lid of the standard (or of a lid only the document has)."""

    ref: RefLid | None
    ref_index: int | None
    doc_lids: list[int] = field(default_factory=list)  # document lids holding its words, main first
    standard_words: int = 0  # document words matched to it
    added: list[list[DocWord]] = field(default_factory=list)  # runs of added words
    removed_words: int = 0
    removed_runs: list[tuple[int, int, int]] = field(default_factory=list)  # (piece, first word, end) missing
    fills: int = 0
    kept_alts: dict[str, set[str]] = field(default_factory=dict)  # group → alternatives present
    dropped_alts: dict[str, set[str]] = field(default_factory=dict)
    instructions_kept: list[str] = field(default_factory=list)
    total_words: int = 0  # words of the standard in this lid that had to be there

    @property
    def missing(self) -> bool:
        return self.ref is not None and self.standard_words == 0 and self.total_words > 0

    @property
    def changed(self) -> bool:
        return bool(self.added) or self.removed_words > 0


@dataclass(slots=True)
class ArticleText:
    doc_words: list[DocWord]
    leden: list[LidResult]
    extra_lids: list[LidResult]  # document lids with none of the standard's words


def doc_words(article: Artikel) -> list[DocWord]:
    out: list[DocWord] = []
    para = 0
    for li, lid in enumerate(article.leden):
        for span in lid.spans:
            for w in words(span.block.text, span.block.index, span.start):
                out.append(DocWord(w, li, para))
            para += 1
    return out


@dataclass(slots=True)
class _RefElem:
    lid: int
    piece: int
    offset: int  # first word of the gram within the piece
    size: int  # words in the gram


def _ref_elements(ref: RefArtikel) -> tuple[list[int], list[_RefElem], list[tuple[int, _RefElem]]]:
    """Trigram hashes in order, their places, and the short grams (matched in a second pass)."""
    hashes: list[int] = []
    elems: list[_RefElem] = []
    shorts: list[tuple[int, _RefElem]] = []
    for li, lid in enumerate(ref.leden):
        for pi, piece in enumerate(lid.pieces):
            if piece.t != "run":
                continue
            if piece.n >= 3:
                for k, h in enumerate(piece.hashes):
                    hashes.append(h)
                    elems.append(_RefElem(li, pi, k, 3))
            else:
                shorts.append((len(hashes), _RefElem(li, pi, 0, piece.n)))
    return hashes, elems, shorts


def align_article(doc: Artikel, ref: RefArtikel, groups: dict[str, Group], *, additions: bool = False,
                  dws: list[DocWord] | None = None) -> ArticleText:
    dws = doc_words(doc) if dws is None else [DocWord(d.word, d.lid, d.para) for d in dws]
    norms = [d.word.norm for d in dws]
    doc_hashes = trigrams(norms)
    ref_hashes, elems, shorts = _ref_elements(ref)
    # covered[(lid, piece)] = set of word offsets of that piece found in the document
    covered: dict[tuple[int, int], set[int]] = {}
    matched_at: list[int | None] = [None] * len(ref_hashes)
    if ref_hashes and doc_hashes:
        for block in LCSseq.opcodes(ref_hashes, doc_hashes).as_matching_blocks():
            for k in range(block.size):
                i, j = block.a + k, block.b + k
                matched_at[i] = j
                e = elems[i]
                cov = covered.setdefault((e.lid, e.piece), set())
                for d in range(3):
                    cov.add(e.offset + d)
                    if dws[j + d].ref is None:
                        dws[j + d].ref = (e.lid, e.piece)
                        dws[j + d].status = "standard"
    _match_short_grams(ref, dws, shorts, matched_at, covered)
    _classify_unmatched(dws, ref, additions)
    return _results(doc, ref, groups, dws, covered)


def _match_short_grams(ref: RefArtikel, dws: list[DocWord], shorts: list[tuple[int, _RefElem]],
                       matched_at: list[int | None], covered: dict[tuple[int, int], set[int]]) -> None:
    """Runs of one or two words (between slots, a connector line) are looked for near their place."""
    for pos, elem in shorts:
        piece = ref.leden[elem.lid].pieces[elem.piece]
        target = piece.hashes[0]
        before = next((matched_at[i] for i in range(pos - 1, -1, -1) if matched_at[i] is not None), None)
        after = next((matched_at[i] for i in range(pos, len(matched_at)) if matched_at[i] is not None), None)
        lo = (before + 3) if before is not None else 0
        hi = (after if after is not None else len(dws)) + 0
        lo = max(0, min(lo, len(dws)))
        for j in range(max(0, lo - 1), min(hi + 1, len(dws) - elem.size + 1)):
            if any(dws[j + d].ref is not None for d in range(elem.size)):
                continue
            if short_gram([dws[j + d].word.norm for d in range(elem.size)]) == target:
                for d in range(elem.size):
                    dws[j + d].ref = (elem.lid, elem.piece)
                    dws[j + d].status = "standard"
                covered.setdefault((elem.lid, elem.piece), set()).update(range(elem.size))
                break


def _pieces_between(ref: RefArtikel, a: tuple[int, int] | None, b: tuple[int, int] | None) -> list[Piece]:
    """Pieces of the standard strictly between two matched places (None = article start/end)."""
    flat = [(li, pi) for li, lid in enumerate(ref.leden) for pi in range(len(lid.pieces))]
    start = flat.index(a) if a is not None else -1
    end = flat.index(b) if b is not None else len(flat)
    if end <= start:  # moved text: look at both sides of the place it came from
        start, end = end - 1, start + 1
    return [ref.leden[li].pieces[pi] for li, pi in flat[max(start, -1) + 1:end]]


def _classify_unmatched(dws: list[DocWord], ref: RefArtikel, additions: bool) -> None:
    repeat_hashes = {h for lid in ref.leden for p in lid.pieces if p.repeat and p.t == "run" for h in p.hashes}
    i = 0
    while i < len(dws):
        if dws[i].ref is not None:
            i += 1
            continue
        j = i
        while j < len(dws) and dws[j].ref is None:
            j += 1
        run = dws[i:j]
        prev = dws[i - 1].ref if i > 0 else None
        nxt = dws[j].ref if j < len(dws) else None
        # a slot inside the piece a word matched is "between" too: the piece itself is included
        between = _pieces_between(ref, prev, nxt)
        if prev is not None:
            between.append(ref.leden[prev[0]].pieces[prev[1]])
        status = "added"
        if any(p.t == "slot" for p in between):
            status = "fill"
        elif repeat_hashes and set(trigrams([d.word.norm for d in run])) & repeat_hashes:
            status = "repeat"
        elif additions and _whole_paragraphs(dws, i, j):
            status = "addition"
        for d in run:
            d.status = status
        i = j


def _whole_paragraphs(dws: list[DocWord], i: int, j: int) -> bool:
    first, last = dws[i].para, dws[j - 1].para
    starts = i == 0 or dws[i - 1].para != first
    ends = j == len(dws) or dws[j].para != last
    return starts and ends


def _piece_words(piece: Piece) -> int:
    return piece.n if piece.t == "run" else 0


def _results(doc: Artikel, ref: RefArtikel, groups: dict[str, Group], dws: list[DocWord],
             covered: dict[tuple[int, int], set[int]]) -> ArticleText:
    results = [LidResult(ref=lid, ref_index=li) for li, lid in enumerate(ref.leden)]
    # which document lids hold the words of each lid of the standard
    votes: list[dict[int, int]] = [{} for _ in ref.leden]
    for d in dws:
        if d.ref is not None:
            votes[d.ref[0]][d.lid] = votes[d.ref[0]].get(d.lid, 0) + 1
    for li, res in enumerate(results):
        res.doc_lids = sorted(votes[li], key=lambda k: -votes[li][k])
        res.standard_words = sum(votes[li].values())
    # alternatives present: at least half of an alternative's words found
    alt_words: dict[tuple[str, str], list[int]] = {}
    for li, lid in enumerate(ref.leden):
        for pi, piece in enumerate(lid.pieces):
            if piece.group and piece.alt and piece.t == "run" and piece.role == "text":
                tally = alt_words.setdefault((piece.group, piece.alt), [0, 0])
                tally[0] += len(covered.get((li, pi), ()))
                tally[1] += piece.n
    present = {key for key, (found, total) in alt_words.items() if total and found * 2 >= total}
    for li, lid in enumerate(ref.leden):
        res = results[li]
        for pi, piece in enumerate(lid.pieces):
            if piece.t != "run":
                continue
            found = covered.get((li, pi), set())
            if piece.role != "text":
                if found and piece.role == "instruction":
                    res.instructions_kept.append(piece.label)
                continue
            if piece.group and piece.alt:
                group = groups.get(piece.group)
                kept = res.kept_alts.setdefault(piece.group, set())
                if (piece.group, piece.alt) in present:
                    kept.add(piece.alt)
                else:
                    res.dropped_alts.setdefault(piece.group, set()).add(piece.alt)
                    continue  # an alternative that was not chosen
                if group is None:
                    continue
            if piece.repeat and not found:
                continue
            res.total_words += piece.n
            missing = [k for k in range(piece.n) if k not in found]
            if missing:
                res.removed_words += len(missing)
                res.removed_runs.extend(_runs(pi, missing))
    # a required choice with no alternative left: the text of the smallest alternative is missing
    for res in results:
        for group_key, dropped in res.dropped_alts.items():
            group = groups.get(group_key)
            if group and group.required and not res.kept_alts.get(group_key):
                smallest = min((total for (g, _a), (_f, total) in alt_words.items() if g == group_key), default=0)
                res.removed_words += smallest
                res.total_words += smallest
            res.dropped_alts[group_key] = dropped - res.kept_alts.get(group_key, set())
    # added runs go to the lid of the standard whose words surround them
    extra: dict[int, LidResult] = {}
    lid_owner = {doc_lid: li for li, res in enumerate(results) for doc_lid in res.doc_lids[:1]}
    i = 0
    while i < len(dws):
        if dws[i].status in ("standard", "fill", "repeat", "addition"):
            if dws[i].status == "fill":
                owner = _owner(dws, i, lid_owner)
                if owner is not None:
                    results[owner].fills += 1
            i += 1
            continue
        j = i
        while j < len(dws) and dws[j].status == "added" and dws[j].lid == dws[i].lid:
            j += 1
        run = dws[i:j]
        owner = lid_owner.get(run[0].lid)
        if owner is None and not any(d.ref is not None for d in dws if d.lid == run[0].lid):
            res = extra.setdefault(run[0].lid, LidResult(ref=None, ref_index=None, doc_lids=[run[0].lid]))
            res.added.append(run)
        else:
            owner = owner if owner is not None else _owner(dws, i, lid_owner)
            results[owner if owner is not None else 0].added.append(run)
        i = j
    return ArticleText(dws, results, list(extra.values()))


def _owner(dws: list[DocWord], i: int, lid_owner: dict[int, int]) -> int | None:
    for k in range(i, -1, -1):
        if dws[k].ref is not None:
            return dws[k].ref[0]
    for k in range(i, len(dws)):
        if dws[k].ref is not None:
            return dws[k].ref[0]
    return lid_owner.get(dws[i].lid)


def _runs(piece: int, positions: list[int]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    start = prev = positions[0]
    for p in positions[1:]:
        if p != prev + 1:
            out.append((piece, start, prev + 1))
            start = p
        prev = p
    out.append((piece, start, prev + 1))
    return out
