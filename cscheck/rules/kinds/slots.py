"""Rule kinds about the template itself: fill-in slots left unfilled, choices not made."""

# no `from __future__ import annotations`: see cscheck/rules/model.py

import re
from collections.abc import Iterator
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from cscheck.model import Artikel, Finding, Severity
from cscheck.reference.markers import SLOT, short_label, slot_kind
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Regex, Rule
from cscheck.rules.spec import KindSpec

SlotKind = Literal["fill", "instruction", "wildcard", "reference", "choice", "optional", "condition"]


class Placeholder(Detector, kw_only=True):
    kind: Literal["placeholder"]
    slot_kinds: list[SlotKind] = msgspec.field(default_factory=lambda: ["fill", "instruction", "wildcard",
                                                                         "reference"])
    only_tokens: Annotated[list[Regex], Meta(
        description="only slots matching one of these")] = msgspec.field(default_factory=list)
    unless_tokens: Annotated[list[Regex], Meta(
        description="not the slots matching one of these")] = msgspec.field(default_factory=list)


class Choice(Detector, kw_only=True):
    kind: Literal["choice"]
    alternatives: Annotated[bool, Meta(description="report alternatives that exclude each other kept side by "
                                                   "side")] = True
    slots: Annotated[bool, Meta(description="report choice slots left (\"[inspanningsgerichte/…]\")")] = True
    require_markers: Annotated[bool, Meta(description="only when the alternatives kept their labels")] = False
    none_kept: Annotated[bool, Meta(description="also report a required choice of which no alternative is "
                                                "left")] = False
    message_none: str | None = None
    slot_severity: Severity | None = None
    message_slot: str | None = None

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


def placeholder(ctx: Context, rule: Rule, det: Placeholder) -> Iterator[Finding]:
    """Fill-in slots of the template still in the document: one finding per paragraph."""
    kinds = set(det.slot_kinds)
    only = [re.compile(p, re.I) for p in det.only_tokens]
    unless = [re.compile(p, re.I) for p in det.unless_tokens]
    by_block: dict[int, tuple[list[str], Artikel]] = {}
    for index, token, kind, art in _slot_hits(ctx):
        if only and not any(p.search(token) for p in only):
            continue
        if any(p.search(token) for p in unless):
            continue
        if kind in kinds:
            by_block.setdefault(index, ([], art))[0].append(short_label(token, 8))
    for index, (tokens, art) in by_block.items():
        pair = ctx.pair_of(index)
        own = pair if pair and pair.doc is art else None
        if not ctx.in_scope(art, det.where, own) or ctx.excluded(art, det, own):
            continue
        deel, article, lid, label = ctx.locate(index)
        if article is None and art.key.endswith(".n"):
            label = art.key
        unique = list(dict.fromkeys(tokens))
        yield ctx.finding(rule, det, block=index, article=article, lid=lid, deel=deel, document_label=label,
                          slot=", ".join(unique), count=len(tokens),
                          velden="het invulveld" if len(unique) == 1 else "de invulvelden")


def choice(ctx: Context, rule: Rule, det: Choice) -> Iterator[Finding]:
    """Alternatives that exclude each other still side by side, or a choice slot left open."""
    assert ctx.manifest is not None
    for index, token, kind, _art in _slot_hits(ctx):
        if kind == "choice" and det.slots:
            deel, article, lid, label = ctx.locate(index)
            yield ctx.finding(rule, det, block=index, article=article, lid=lid, deel=deel, document_label=label,
                              options=short_label(token, 8), severity=det.slot_severity, message=det.message_slot)
    if ctx.alignment is None or not det.alternatives:
        return
    for pair in ctx.alignment.matched():
        if pair.text is None or pair.doc is None or pair.ref is None:
            continue
        if not ctx.in_scope(pair.doc, det.where, pair) or ctx.excluded(pair.doc, det, pair):
            continue
        for res in pair.text.leden:
            for group_key, kept in res.kept_alts.items():
                group = ctx.manifest.groups.get(group_key)
                if group is None or not group.exclusive:
                    continue
                if not kept and det.none_kept and group.required and res.ref is not None:
                    doc_lid = pair.doc.leden[res.doc_lids[0]] if res.doc_lids else None
                    yield ctx.finding(rule, det, block=doc_lid.position if doc_lid else pair.doc.position,
                                      article=pair.ref.key, lid=res.ref.number, deel=pair.ref.deel,
                                      document_label=pair.doc.key, message=det.message_none,
                                      what=_GROUP_NAMES.get(group.name, group.name))
                if len(kept) < 2:
                    continue
                if det.require_markers and len(res.markers_kept.get(group_key, set()) & kept) < 2:
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


SPECS = [
    KindSpec("placeholder", "zoekt invulvelden van de standaard die niet zijn ingevuld",
             placeholder, Placeholder, False, "fill-in slots left (`[…]`, `202*`, `***`)"),
    KindSpec("choice", "zoekt keuzes die niet of dubbel zijn gemaakt",
             choice, Choice, True, "alternatives that exclude each other kept side by side; a choice "
             "slot left"),
]
