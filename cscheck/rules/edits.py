"""Was/wordt for one lid: where the document's words differ from the standard's, each change with a few
words of context as the document has them.

A run of the standard's words that is gone and a run of the document's own words that stands at the same
place (between the same words of the standard) are one change: a changed word reads "was … 14 …, wordt
… 28 …" instead of a lone "+ 28" and "- 14". The standard's own words are only known with
--reference-text; without it, a change still says where it is and how many words are gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscheck.model import Edit
from cscheck.text import quote

if TYPE_CHECKING:
    from cscheck.align import Pair
    from cscheck.align.words import ArticleText, LidResult
    from cscheck.rules.context import Context

CONTEXT = 5  # words of context on each side


def _quoted(ctx: Context, text: ArticleText, start: int, end: int) -> str:
    """Document words start..end-1 of an article as the document writes them, punctuation included."""
    if end <= start:
        return ""
    blocks = ctx.document.blocks
    return quote(text.words.spots(start, end, lambda b: blocks[b].text))


def edits(ctx: Context, pair: Pair, res: LidResult) -> list[Edit]:
    """The changes of one lid, in the order of the document."""
    text = pair.text
    if text is None or pair.ref is None:
        return []

    def quoted(start: int, end: int) -> str:
        return _quoted(ctx, text, start, end)

    if res.ref is not None and res.missing:
        whole = ctx.reference_text.lid(pair.ref.key, res) if ctx.reference_text is not None else ""
        return [Edit(removed=whole, removed_words=res.total_words)]
    placed: list[tuple[int, Edit]] = []
    used: set[tuple[int, int]] = set()
    places = _places(text, res.ref_index)
    for piece, start, end in res.removed_runs if res.ref_index is not None else ():
        before, after = _neighbours(places, piece, start, end)
        run = next((r for r in res.added if r not in used and (before is None or r[0] == before + 1)
                    and (after is None or r[1] == after) and (before is not None or after is not None)), None)
        if run is not None:
            used.add(run)
        gap_start = run[0] if run else (before + 1 if before is not None else (after if after is not None else 0))
        gap_end = run[1] if run else gap_start
        removed = ""
        if ctx.reference_text is not None:
            removed = ctx.reference_text.words(pair.ref.key, res, piece, start, end)
        placed.append((gap_start, Edit(before=quoted(max(0, gap_start - CONTEXT), gap_start), removed=removed,
                                       removed_words=end - start, added=quoted(gap_start, gap_end),
                                       after=quoted(gap_end, gap_end + CONTEXT))))
    for run in res.added:
        if run in used:
            continue
        start, end = run
        placed.append((start, Edit(before=quoted(max(0, start - CONTEXT), start), added=quoted(start, end),
                                   after=quoted(end, end + CONTEXT))))
    return [edit for _at, edit in sorted(placed, key=lambda item: item[0])]


def _places(text: ArticleText, lid: int | None) -> dict[tuple[int, int], int]:
    """(piece, word offset) → the document word that matched it, for one lid of the standard."""
    out: dict[tuple[int, int], int] = {}
    if lid is None:
        return out
    for k, (m, offset) in enumerate(zip(text.ref, text.offsets, strict=True)):
        if m is not None and m[0] == lid and offset >= 0:
            out.setdefault((m[1], offset), k)
    return out


def _neighbours(places: dict[tuple[int, int], int], piece: int, start: int, end: int) -> tuple[int | None, int | None]:
    """The document words that matched the standard's last word before and first word after a gone run."""
    before = max(((p, o) for p, o in places if (p, o) < (piece, start)), default=None)
    after = min(((p, o) for p, o in places if (p, o) >= (piece, end)), default=None)
    at_before = places[before] if before is not None else None
    at_after = places[after] if after is not None else None
    if at_before is not None and at_after is not None and at_after <= at_before:
        at_after = None  # the document has these words in another order: only the word before says where
    return at_before, at_after


def quoted_runs(ctx: Context, text: ArticleText, runs: list[tuple[int, int]]) -> list[str]:
    """Runs of the document's words as it writes them."""
    return [_quoted(ctx, text, start, end) for start, end in runs]
