"""Text of the standard that stands elsewhere in the document: a lid moved to another article, two leden
that changed places, sentences of a lid in another order.

The word alignment of one article keeps the standard's order, so moved text shows up twice: as words of
the standard missing at their place and as own words where they now stand (added words, or in an
inkoopdocument own paragraphs next to a prescribed block). Here the two are matched by their trigram hashes,
across the whole document, and recorded once as a `Move`: the missing words and the added ones are then no
longer reported as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from cscheck.text import trigrams

if TYPE_CHECKING:
    from cscheck.align import Alignment, Pair
    from cscheck.align.words import LidResult

MIN_SHARED = 3  # trigrams in common, at least
MIN_SHARE = 0.6  # of the smaller of the two runs
LOST = 2  # of the standard's trigrams missing where the words stand: the moved text was changed


class Move(msgspec.Struct):
    """Words of the standard that stand at another place in the document."""

    source: Pair  # the standard's article they belong to
    lid: LidResult  # … and its lid
    runs: list[tuple[int, int, int]]  # (piece, first word, end) of the standard's words that moved
    target: Pair  # where they stand in the document
    target_lid: LidResult  # … in the result of this lid (its added runs held them)
    words: tuple[int, int]  # the document's words there (word range in the target article)
    changed: bool = False  # the moved text itself differs from the standard's
    words_moved: int = 0

    @property
    def within_lid(self) -> bool:
        return self.source is self.target and self.lid is self.target_lid

    @property
    def within_article(self) -> bool:
        return self.source is self.target


class _Gone(msgspec.Struct):
    pair: Pair
    res: LidResult
    runs: list[tuple[int, int, int]]
    hashes: set[int] = msgspec.field(default_factory=set)
    words: int = 0


class _Added(msgspec.Struct):
    pair: Pair
    res: LidResult
    run: tuple[int, int]
    hashes: set[int] = msgspec.field(default_factory=set)
    appended: bool = False  # whole paragraphs next to a prescribed block (`LidResult.appended`)


def find_moves(alignment: Alignment) -> list[Move]:
    """Match the standard's missing runs with the document's added runs; record each match once and take
    its words out of what is missing and what is added."""
    gone: list[_Gone] = []
    added: list[_Added] = []
    for pair in alignment.matched():
        text = pair.text
        if text is None or pair.ref is None:
            continue
        for res in text.leden:
            if res.ref is not None and res.removed_runs:
                gone.extend(_gone_units(pair, res))
        for res in [*text.leden, *text.extra_lids]:
            # own paragraphs next to a prescribed block of an inkoopdocument may hold a block moved there too
            runs = [(run, False) for run in res.added] + [(run, True) for run in res.appended]
            for run, appended in runs:
                if run[1] - run[0] >= MIN_SHARED + 2:
                    added.append(_Added(pair, res, run, set(trigrams(text.words.norms[run[0]:run[1]])), appended))
    candidates = []
    for g in gone:
        for a in added:
            shared = len(g.hashes & a.hashes)
            smaller = min(len(g.hashes), len(a.hashes))
            if shared >= MIN_SHARED and smaller and shared >= MIN_SHARE * smaller:
                candidates.append((shared, g, a))
    moves: list[Move] = []
    used_gone: set[int] = set()
    used_added: set[int] = set()
    for shared, g, a in sorted(candidates, key=lambda c: -c[0]):
        if id(g) in used_gone or id(a) in used_added:
            continue
        used_gone.add(id(g))
        used_added.add(id(a))
        changed = _changed(g, a, shared)
        moves.append(Move(g.pair, g.res, g.runs, a.pair, a.res, a.run, changed, g.words))
    for move in moves:
        _settle(move)
    return moves


def _changed(g: _Gone, a: _Added, shared: int) -> bool:
    """Whether the moved text differs from the standard's: a word changed or added inside it breaks two or three
    of the standard's trigrams; own words where the lid has no slot to fill are an addition."""
    if len(g.hashes) - shared >= LOST:
        return True
    if any(piece.t == "slot" for piece in g.res.ref.pieces):  # type: ignore[attr-defined]
        return False  # words of its own are the filled-in slots
    assert a.pair.text is not None
    norms = a.pair.text.words.norms[a.run[0]:a.run[1]]
    covered: set[int] = set()
    for k, h in enumerate(trigrams(norms)):
        if h in g.hashes:
            covered.update((k, k + 1, k + 2))
    return len(covered) < len(norms)


def _gone_units(pair: Pair, res: LidResult) -> list[_Gone]:
    """What a lid lost: the whole lid when none of it is left, else each missing run of three words or more."""
    pieces = res.ref.pieces  # type: ignore[attr-defined]

    def hashes_of(piece: int, start: int, end: int) -> set[int]:
        return set(pieces[piece].hashes[start:max(start, end - 2)]) if pieces[piece].n >= 3 else set()

    runs = [r for r in res.removed_runs if pieces[r[0]].role == "text"]
    if res.missing:
        unit = _Gone(pair, res, runs, words=sum(end - start for _p, start, end in runs))
        for piece, start, end in runs:
            unit.hashes |= hashes_of(piece, start, end)
        return [unit] if unit.hashes else []
    return [_Gone(pair, res, [(piece, start, end)], hashes_of(piece, start, end), end - start)
            for piece, start, end in runs if end - start >= MIN_SHARED + 2]


def _settle(move: Move) -> None:
    """The moved words are neither missing at their place nor added where they stand."""
    res = move.lid
    for run in move.runs:
        if run in res.removed_runs:
            res.removed_runs.remove(run)
            res.removed_words -= run[2] - run[1]
    res.moved_out.append(move)
    for runs in (move.target_lid.added, move.target_lid.appended):
        if move.words in runs:
            runs.remove(move.words)
    move.target_lid.moved_in.append(move)
