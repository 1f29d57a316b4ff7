"""Rule kinds for text of the standard that stands elsewhere, and for titles: one deviation, one finding
that says what happened — a lid moved to another article, two leden that changed places, sentences in
another order, a title changed."""

# no `from __future__ import annotations`: see cscheck/rules/model.py

from collections.abc import Iterator
from typing import Annotated, Literal

from msgspec import Meta

from cscheck.align import Pair, norm_title
from cscheck.align.moves import Move
from cscheck.model import Finding
from cscheck.rules.context import Context
from cscheck.rules.finding import place
from cscheck.rules.model import Detector, Rule
from cscheck.rules.spec import KindSpec
from cscheck.text import norm_words


class Moved(Detector, kw_only=True):
    kind: Literal["moved"]
    changed: Annotated[bool, Meta(description="only moves whose words also changed (a text rule's), or only "
                                              "unchanged ones (an order rule's)")] = False
    message_moved: str | None = None
    message_part_moved: str | None = None
    message_moved_in_article: str | None = None
    message_swapped: str | None = None
    message_sentences: str | None = None


class TitleChanged(Detector, kw_only=True):
    kind: Literal["title-changed"]
    hoofdstukken: Annotated[bool, Meta(description="also the titles of hoofdstukken")] = False
    message_title: str | None = None
    message_hoofdstuk: str | None = None


def _doc_lid_number(pair: Pair, res: object) -> str | None:
    """The document's own number of the lid where moved words stand."""
    lids = getattr(res, "doc_lids", [])
    if pair.doc is None or not lids:
        return None
    return pair.doc.leden[lids[0]].number


def _what_happened(move: Move, document_type: str) -> tuple[str, dict[str, str]]:
    """Which message fits the move, and its fields."""
    lid = move.lid.ref.number  # type: ignore[attr-defined]
    source, target = move.source, move.target
    assert source.ref is not None and target.ref is not None and target.doc is not None
    now = _doc_lid_number(target, move.target_lid) or target.doc.key
    fields = {"moved_lid": lid or source.ref.key, "now": now,
              "source": place(source.ref.key, None, None, document_type),
              "target": place(target.ref.key, None, None, document_type)}
    whole = not move.lid.standard_words
    if move.within_lid:
        return "sentences", fields
    if move.within_article and whole:
        # two leden that changed places: this lid's text stands under the other's number, and the other's
        # text under this one's
        other = next((res.ref.number for res in source.text.leden  # type: ignore[union-attr]
                      if res.ref is not None and res.ref.number == now), None)
        if other is not None:
            fields["other"] = other
            return "swapped", fields
        return "moved_in_article", fields
    return ("moved" if whole else "part_moved"), fields


def moved(ctx: Context, rule: Rule, det: Moved) -> Iterator[Finding]:
    """The standard's words that stand at another place in the document: one finding per move, at the
    standard's article, placed where the words now stand."""
    assert ctx.alignment is not None
    want_changed = det.changed
    for move in ctx.alignment.moves:
        source = move.source
        if move.changed != want_changed or source.ref is None or source.doc is None:
            continue
        if not ctx.in_scope(source.doc, det.where, source) or ctx.excluded(source.doc, det, source):
            continue
        case, fields = _what_happened(move, ctx.document_type)
        assert move.target.text is not None
        block = move.target.text.words.blocks[move.words[0]]
        yield ctx.finding(rule, det, block=block, article=source.ref.key,
                          lid=move.lid.ref.number if case != "swapped" else None,  # type: ignore[attr-defined]
                          deel=source.ref.deel, document_label=fields["now"], title=source.ref.title,
                          message=getattr(det, f"message_{case}"), **fields)


def moved_lid_numbers(ctx: Context) -> set[tuple[int, str]]:
    """(id of the standard's article pair, lid number) of leden whose place another moved lid took: their
    number in the document follows from the move and is not a numbering finding of its own."""
    assert ctx.alignment is not None
    out: set[tuple[int, str]] = set()
    for move in ctx.alignment.moves:
        if move.within_article and not move.within_lid and move.lid.ref is not None:
            out.add((id(move.source), move.lid.ref.number))  # type: ignore[attr-defined]
    return out


def _same_title(expected: str, found: str) -> bool:
    # compared like the text: the same words after normalisation; "[Optioneel:]", "niet van toepassing"
    # and punctuation do not count
    return norm_words(norm_title(expected)) == norm_words(norm_title(found))


def title_changed(ctx: Context, rule: Rule, det: TitleChanged) -> Iterator[Finding]:
    """An article or hoofdstuk whose title is not the standard's (a filled-in title slot is free)."""
    assert ctx.alignment is not None and ctx.manifest is not None
    for pair in ctx.alignment.matched():
        ref, doc = pair.ref, pair.doc
        assert ref is not None and doc is not None
        if ref.section or ref.key.endswith(".n") or "[" in ref.title or not ref.title.strip():
            continue
        if not ctx.in_scope(doc, det.where, pair) or ctx.excluded(doc, det, pair):
            continue
        if doc.title.strip() and not _same_title(ref.title, doc.title):
            yield ctx.finding(rule, det, block=doc.position, article=ref.key, deel=ref.deel, document_label=doc.key,
                              title=ref.title, found=doc.title, what=f"artikel {ref.key}",
                              message=det.message_title)
    if not det.hoofdstukken:
        return
    yield from _hoofdstuk_titles(ctx, rule, det)


def _hoofdstuk_titles(ctx: Context, rule: Rule, det: TitleChanged) -> Iterator[Finding]:
    assert ctx.alignment is not None and ctx.manifest is not None
    by_ref = {p.ref.key: p for p in ctx.alignment.matched() if p.ref is not None}
    for deel in ctx.manifest.delen:
        if det.where.delen and deel.number not in det.where.delen:
            continue
        for hoofdstuk in deel.hoofdstukken:
            pair = by_ref.get(hoofdstuk.first_article or "")
            if pair is None or pair.doc is None or pair.doc.deel is None or pair.doc.hoofdstuk is None:
                continue
            doc_deel = ctx.contract.deel(pair.doc.deel)
            found = next(((n, t, pos) for n, t, pos in doc_deel.hoofdstukken if n == pair.doc.hoofdstuk), None) \
                if doc_deel is not None else None
            if found is None or not found[1].strip() or _same_title(hoofdstuk.title, found[1]):
                continue
            yield ctx.finding(rule, det, block=found[2], deel=deel.number, document_label=f"hoofdstuk {found[0]}",
                              title=hoofdstuk.title, found=found[1], what=f"hoofdstuk {hoofdstuk.number}",
                              message=det.message_hoofdstuk)


SPECS = [
    KindSpec("moved", "zoekt tekst van de standaard die op een andere plaats in het document staat",
             moved, Moved, True, "text of the standard that stands at another place (a lid in another "
             "article, two leden that changed places, sentences in another order), once per move; `{moved_lid}`, "
             "`{source}` and `{target}` (the standard's article or paragraaf, and where the text stands), `{now}`, "
             "`{other}`"),
    KindSpec("title-changed", "vergelijkt de titels van artikelen en hoofdstukken met die van de standaard",
             title_changed, TitleChanged, True, "an article's (or hoofdstuk's) title that is not "
             "the standard's; `{title}`, `{found}`, `{what}`"),
]
