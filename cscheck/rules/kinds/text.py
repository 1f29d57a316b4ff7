"""Text rule kind: a lid whose words differ from the standard's (changed, supplemented, shortened)."""

# no `from __future__ import annotations`: see cscheck/rules/model.py

from collections.abc import Iterator
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from cscheck.align import Pair
from cscheck.align.words import LidResult
from cscheck.model import Artikel, Changes, Finding
from cscheck.rules.context import Context
from cscheck.rules.edits import edits, quoted_runs
from cscheck.rules.model import Detector, Rule
from cscheck.rules.spec import KindSpec

Change = Literal["changed", "added", "removed", "appended"]


class LidText(Detector, kw_only=True):
    kind: Literal["lid-text"]
    change: Annotated[list[Change], Meta(
        description="`changed`, `added`, `removed`, `appended` (whole own paragraphs next to a prescribed block)"
    )] = msgspec.field(default_factory=lambda: ["changed"])
    missing_leden: Annotated[bool, Meta(description="count a whole missing lid as removed")] = False

    @classmethod
    def shorthand(cls, data: dict[str, Any]) -> dict[str, Any]:
        data = super().shorthand(data)  # one change may stand alone
        return {**data, "change": [data["change"]]} if isinstance(data.get("change"), str) else data

MAX_QUOTE = 12  # words quoted per added run in a message


def _kind_of(res: LidResult) -> str:
    if res.ref is None:
        return "added"
    if res.missing:
        return "missing"
    if res.added and res.removed_words:
        return "changed"
    if res.added:
        return "added"
    if res.removed_words:
        return "removed"
    return ""


def changes_of(ctx: Context, pair: Pair, res: LidResult) -> Changes:
    assert pair.text is not None
    context = edits(ctx, pair, res)
    added = [e.added for e in context if e.added]
    removed: list[str] = []
    if ctx.reference_text is not None and pair.ref is not None and res.ref is not None:
        removed = ctx.reference_text.removed(pair.ref.key, res, pair)
    words = res.total_words if res.missing else res.removed_words
    return Changes(added=added, removed=removed, removed_words=words, context=context)


def summary(changes: Changes) -> str:
    parts = []
    for run in changes.added[:3]:
        words = run.split()
        quoted = " ".join(words[:MAX_QUOTE]) + (" …" if len(words) > MAX_QUOTE else "")
        parts.append(f"toegevoegd: \u201c{quoted}\u201d")
    if len(changes.added) > 3:
        parts.append(f"en nog {len(changes.added) - 3} toevoegingen")
    if changes.removed:
        for run in changes.removed[:3]:
            words = run.split()
            quoted = " ".join(words[:MAX_QUOTE]) + (" …" if len(words) > MAX_QUOTE else "")
            parts.append(f"weggehaald: \u201c{quoted}\u201d")
    elif changes.removed_words:
        n = changes.removed_words
        parts.append(f"{n} woord van de standaard ontbreekt" if n == 1 else f"{n} woorden van de standaard ontbreken")
    return "; ".join(parts)


def _declared_nvt(doc: Artikel, res: LidResult) -> bool:
    """The document lid that stands at this lid's place only says "niet van toepassing"."""
    number = res.ref.number if res.ref is not None else None  # type: ignore[attr-defined]
    for lid in doc.leden:
        if lid.number and number and lid.number.rsplit(".", 1)[-1] == number.rsplit(".", 1)[-1]:
            return lid.nvt
    return False


def lid_text(ctx: Context, rule: Rule, det: LidText) -> Iterator[Finding]:
    assert ctx.alignment is not None
    wanted_set = set(det.change)
    for pair in ctx.alignment.matched():
        doc, ref, text = pair.doc, pair.ref, pair.text
        assert doc is not None and ref is not None
        if text is None or not ctx.in_scope(doc, det.where, pair) or ctx.excluded(doc, det, pair):
            continue
        if "appended" in wanted_set:
            yield from _appended(ctx, rule, det, pair)
        for res in [*text.leden, *text.extra_lids]:
            if res.ref is None and not res.added:
                continue  # a lid of the document's whose words all moved here from elsewhere: a move finding
            kind = _kind_of(res)
            if kind == "missing" and det.missing_leden:
                kind = "removed"
            if kind not in wanted_set:
                continue
            doc_lid = doc.leden[res.doc_lids[0]] if res.doc_lids else None
            if ctx.variant == "maatwerk" and res.ref is not None and _declared_nvt(doc, res):
                continue  # a maatwerkovereenkomst declares provisions "niet van toepassing" instead of dropping them
            if res.ref is None and doc_lid is not None and doc_lid.nvt:
                continue  # a lid replaced by "niet van toepassing": reported as the standard's lid that is gone
            block = text.words.blocks[res.added[0][0]] if res.added else (doc_lid.position if doc_lid else doc.position)
            changes = changes_of(ctx, pair, res)
            if res.ref is None:
                label = doc_lid.number if doc_lid and doc_lid.number else doc.key
                yield ctx.finding(rule, det, block=block, article=None if ref.section else ref.key, lid=None,
                                  deel=ref.deel, document_label=label, changes=changes, title=ref.title,
                                  summary=summary(changes), what="nieuw lid")
                continue
            label = (doc_lid.number if doc_lid and doc_lid.number else doc.key) if not ref.section else None
            yield ctx.finding(rule, det, block=block, article=ref.key, lid=res.ref.number, deel=ref.deel,
                              document_label=label, changes=changes, title=ref.title, summary=summary(changes))


def _appended(ctx: Context, rule: Rule, det: LidText, pair: Pair) -> Iterator[Finding]:
    """Whole paragraphs of the document's own added to a prescribed block."""
    assert pair.text is not None and pair.ref is not None and pair.doc is not None
    for res in pair.text.leden:
        if not res.appended:
            continue
        changes = Changes(added=quoted_runs(ctx, pair.text, res.appended))
        block = pair.text.words.blocks[res.appended[0][0]]
        yield ctx.finding(rule, det, block=block, article=pair.ref.key, lid=res.ref.number if res.ref else None,
                          deel=pair.ref.deel, document_label=pair.doc.key if not pair.ref.section else None,
                          changes=changes, title=pair.ref.title, summary=summary(changes))


SPECS = [KindSpec("lid-text", "vergelijkt de tekst van elk lid woord voor woord met de standaard",
             lid_text, LidText, True, "a lid whose words differ from the standard")]
