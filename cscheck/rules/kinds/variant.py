"""Rule kind `other-variant-text`: text of another variant of the standard kept in a document, recognised by its
content (trigram fingerprints), whatever its labels say.

An inkoopdocument met EMVI that keeps a procedure text of the variant zonder EMVI (or the other way round) is
unclear even when the label "[Tekstblok bij procedure 2 ZEMVI:]" was deleted or renamed: the words give it away.
Only fingerprints that the other variant has and the document's own variant lacks count, so the text both
variants share never does.
"""

# no `from __future__ import annotations`: see cscheck/rules/model.py

from collections.abc import Iterator
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from cscheck.align.words import NOT_THE_STANDARD, article_words
from cscheck.model import Finding
from cscheck.reference.manifest import Manifest
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Rule
from cscheck.rules.spec import KindSpec
from cscheck.text import trigrams

NAMES = {"inkoopdocument-sas-met-emvi": "de SAS-procedure met EMVI",
         "inkoopdocument-sas-zonder-emvi": "de SAS-procedure zonder EMVI",
         "inkoopdocument-toelatingsprocedure": "de toelatingsprocedure"}


class OtherVariantText(Detector, kw_only=True):
    kind: Literal["other-variant-text"]
    variants: Annotated[dict[str, list[str]], Meta(
        description="document type → the document types whose own text may not appear in it")] = msgspec.field(
        default_factory=dict)
    min_hits: Annotated[int, Meta(description="the fewest trigrams of a run that only the other variant has")] = 10
    share: Annotated[float, Meta(description="the smallest share of a run's trigrams that only the other variant "
                                             "has")] = 0.45


def _hashes(manifest: Manifest) -> frozenset[int]:
    out: set[int] = set()
    for art in manifest.artikelen:
        for lid in art.leden:
            for piece in lid.pieces:
                if piece.t == "run" and piece.n >= 3:
                    out.update(piece.hashes)
    return frozenset(out)


_SPECIFIC: dict[tuple[int, int], tuple[Manifest, Manifest, frozenset[int]]] = {}


def _specific(other: Manifest, own: Manifest) -> frozenset[int]:
    """Trigrams the other variant has and the document's own variant has not (kept per pair of manifests)."""
    key = (id(other), id(own))
    cached = _SPECIFIC.get(key)
    if cached is None or cached[0] is not other or cached[1] is not own:
        if len(_SPECIFIC) > 32:
            _SPECIFIC.clear()
        cached = _SPECIFIC[key] = (other, own, _hashes(other) - _hashes(own))
    return cached[2]


def _runs(ctx: Context) -> Iterator[tuple[int, list[str]]]:
    """(first paragraph, words) of every run of words that are not the standard's (added, filled in, repeated)."""
    assert ctx.alignment is not None
    for pair in ctx.alignment.pairs:
        if pair.doc is None:
            continue
        if pair.text is None:
            if pair.ref is None:
                words = article_words(pair.doc)
                if words.norms:
                    yield words.blocks[0], words.norms
            continue
        words, status = pair.text.words, pair.text.status
        i = 0
        while i < len(status):
            if status[i] not in NOT_THE_STANDARD:
                i += 1
                continue
            j = i
            while j < len(status) and status[j] in NOT_THE_STANDARD:
                j += 1
            yield words.blocks[i], words.norms[i:j]
            i = j


def other_variant_text(ctx: Context, rule: Rule, det: OtherVariantText) -> Iterator[Finding]:
    own = ctx.manifest
    if own is None or ctx.alignment is None:
        return
    # only the references of the other variants are loaded, not every manifest
    others = [m for m in (ctx.companion(t) for t in det.variants.get(own.document_type, [])) if m is not None]
    reported: set[str | None] = set()
    for block, norms in _runs(ctx):
        if len(norms) < det.min_hits + 2:
            continue
        grams = trigrams(norms)
        for other in others:
            specific = _specific(other, own)
            hits = sum(1 for g in grams if g in specific)
            if hits < det.min_hits or hits < det.share * len(grams):
                continue
            deel, article, lid, label = ctx.locate(block)
            if article in reported:
                break
            reported.add(article)
            yield ctx.finding(rule, det, block=block, article=article, lid=lid, deel=deel, document_label=label,
                              procedure=NAMES.get(other.document_type, other.document_type),
                              words=len(norms))
            break


SPECS = [KindSpec("other-variant-text", "zoekt tekst van een andere variant van de standaard dan het document kiest",
             other_variant_text, OtherVariantText, True,
                  "own text that is another variant's text of the standard (by its fingerprints), whatever the "
                  "labels say; `{procedure}`")]
