"""Rule kinds about the template itself: fill-in slots left unfilled, choices not made."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cscheck.model import Artikel, Finding
from cscheck.reference.markers import SLOT, short_label, slot_kind
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Rule

_OPDRACHTNEMER_START = re.compile(r"^\s*en\s*$", re.I)
_OPDRACHTNEMER_END = re.compile(r"^\s*verder\s+opdrachtnemer", re.I)


def _exempt_blocks(ctx: Context) -> set[int]:
    """Places that stay open in a published concept: the opdrachtnemer's details and the signatures.

    The contract is signed per provider, so these are filled in at signing, not by the gemeente.
    """
    exempt: set[int] = set()
    partijen = ctx.contract.sections.get("partijen")
    if partijen is not None:
        inside = False
        for span in partijen.spans:
            if _OPDRACHTNEMER_START.match(span.text):
                inside = True
            if inside:
                exempt.add(span.block.index)
            if _OPDRACHTNEMER_END.match(span.text):
                inside = False
    signature = ctx.contract.sections.get("ondertekening")
    if signature is not None:
        exempt.update(span.block.index for span in signature.spans)
    return exempt


def _slot_hits(ctx: Context) -> Iterator[tuple[int, str, str, Artikel]]:
    exempt = _exempt_blocks(ctx)
    heads = [(art.position, ctx.document.blocks[art.position].shown, art) for art in ctx.contract.artikelen
             if not art.section]
    body = [(b.index, b.text[start:], art) for b, start, art in ctx.content_blocks()]
    for index, text, art in sorted(body + heads, key=lambda x: x[0]):
        if index in exempt or ("[" not in text and "*" not in text):
            continue
        for m in SLOT.finditer(text):
            yield index, m.group(), slot_kind(m.group()), art


def placeholder(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
    """Fill-in slots of the template still in the document: one finding per paragraph."""
    kinds = set(det.option("slot_kinds", ["fill", "instruction", "wildcard", "reference"]))
    by_block: dict[int, tuple[list[str], Artikel]] = {}
    for index, token, kind, art in _slot_hits(ctx):
        if kind in kinds:
            by_block.setdefault(index, ([], art))[0].append(short_label(token, 8))
    for index, (tokens, art) in by_block.items():
        pair = ctx.pair_of(index)
        if not ctx.in_scope(art, det.where, pair if pair and pair.doc is art else None):
            continue
        deel, article, lid, label = ctx.locate(index)
        if article is None and art.key.endswith(".n"):
            label = art.key
        unique = list(dict.fromkeys(tokens))
        yield ctx.finding(rule, det, block=index, article=article, lid=lid, deel=deel, document_label=label,
                          slot=", ".join(unique), count=len(tokens),
                          velden="het invulveld" if len(unique) == 1 else "de invulvelden")


def choice(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
    """Alternatives that exclude each other still side by side, or a choice slot left open."""
    assert ctx.manifest is not None
    for index, token, kind, _art in _slot_hits(ctx):
        if kind == "choice" and det.option("slots", True):
            deel, article, lid, label = ctx.locate(index)
            yield ctx.finding(rule, det, block=index, article=article, lid=lid, deel=deel, document_label=label,
                              options=short_label(token, 8), severity=det.option("slot_severity"),
                              message=det.option("message_slot"))
    if ctx.alignment is None or not det.option("alternatives", True):
        return
    for pair in ctx.alignment.matched():
        if pair.text is None or pair.doc is None or pair.ref is None:
            continue
        if not ctx.in_scope(pair.doc, det.where, pair):
            continue
        for res in pair.text.leden:
            for group_key, kept in res.kept_alts.items():
                group = ctx.manifest.groups.get(group_key)
                if group is None or not group.exclusive or len(kept) < 2:
                    continue
                if det.option("require_markers") and len(res.markers_kept.get(group_key, set()) & kept) < 2:
                    continue  # several options combined into one text, labels removed: allowed
                doc_lid = pair.doc.leden[res.doc_lids[0]] if res.doc_lids else None
                label = None if pair.ref.section else (doc_lid.number if doc_lid and doc_lid.number else pair.doc.key)
                yield ctx.finding(rule, det, block=doc_lid.position if doc_lid else pair.doc.position,
                                  article=pair.ref.key, lid=res.ref.number if res.ref else None, deel=pair.ref.deel,
                                  document_label=label, options=", ".join(sorted(kept)), group=group.name,
                                  what=_GROUP_NAMES.get(group.name, group.name))


_GROUP_NAMES = {
    "procedure": "de inkoopprocedure (aanbesteding of toelating)",
    "gunning": "de gunning (met of zonder EMVI)",
    "optie": "de opzegmogelijkheid (optie 1, 2 of 3)",
    "uitvoeringsvariant": "de uitvoeringsvariant",
}
