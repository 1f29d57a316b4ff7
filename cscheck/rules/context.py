"""What a rule kind gets to look at: the document, its structure, the alignment and helpers to place
a finding at the right article (the standard's number and the document's own)."""

from __future__ import annotations

import bisect
import fnmatch
from collections.abc import Iterator
from datetime import date
from typing import Any

import msgspec

from cscheck.align import Alignment, Pair
from cscheck.model import Artikel, Block, Changes, Contract, Document, Finding, Severity, StandardInfo
from cscheck.reference.manifest import Manifest
from cscheck.reference.store import References
from cscheck.rules.finding import excerpt, make_finding
from cscheck.rules.model import Detector, Rule, When, Where

NON_STANDARD = ("added", "fill", "addition", "repeat")


class Context(msgspec.Struct):
    document: Document
    contract: Contract
    alignment: Alignment | None
    manifest: Manifest | None
    standard: StandardInfo
    document_type: str = "overeenkomst"
    reference_text: Any = None  # cscheck.reference.text.ReferenceText when --reference-text is given
    variant: str | None = None  # "maatwerk" for a maatwerkovereenkomst
    declared_version: str | None = None  # the version the document's versiebeheer table names
    declared_at: int | None = None
    references: References | None = None  # the references of this check (e.g. the overeenkomst of a version)
    in_force: dict[str, date] = msgspec.field(default_factory=dict)  # reference id → date in force (cscheck.yaml)
    today: date = msgspec.field(default_factory=date.today)
    type_check: tuple[str, str] | None = None  # (forced document type, the type the document looks like)
    cache: dict[str, Any] = msgspec.field(default_factory=dict)  # per-document values rule kinds share
    _block_pair: dict[int, Pair] = msgspec.field(default_factory=dict)
    _block_article: dict[int, Artikel] = msgspec.field(default_factory=dict)
    _non_standard: dict[int, list[tuple[int, int]]] = msgspec.field(default_factory=dict)
    _aligned_blocks: set[int] = msgspec.field(default_factory=set)
    _doc_pair: dict[int, Pair] = msgspec.field(default_factory=dict)  # id(document article) → its pair
    _starts: list[tuple[int, int, Artikel]] = msgspec.field(default_factory=list)  # (heading position, order, article)

    def __post_init__(self) -> None:
        for art in [*self.contract.sections.values(), *self.contract.artikelen]:
            for lid in art.leden:
                for span in lid.spans:
                    self._block_article[span.block.index] = art
            self._block_article.setdefault(art.position, art)
        if self.alignment is None:
            return
        for pair in self.alignment.pairs:
            if pair.doc is None:
                continue
            self._doc_pair[id(pair.doc)] = pair
            for span in pair.doc.spans:
                self._block_pair[span.block.index] = pair
            self._block_pair.setdefault(pair.doc.position, pair)
            if pair.text is None:
                continue
            aw = pair.text.words
            self._aligned_blocks.update(aw.blocks)
            # only the words that are not the standard's: in a conform article there are none
            odd = [k for k, status in enumerate(pair.text.status) if status in NON_STANDARD]
            spans: dict[int, tuple[int, list[tuple[int, int]]]] = {}  # block → (its first word, its words' spans)
            for k in odd:
                block = aw.blocks[k]
                if block not in spans:
                    spans[block] = aw.blocks.index(block), aw.spans(block, self.document.blocks[block].text)
                first, places = spans[block]
                if k - first < len(places):
                    self._non_standard.setdefault(block, []).append(places[k - first])

    def companion(self, document_type: str) -> Manifest | None:
        """The reference of another document type of this standard and version (the overeenkomst that an
        inkoopdocument refers to)."""
        if self.manifest is None or self.references is None:
            return None
        match = next((s for s in self.references.signatures if s.document_type == document_type
                      and s.standard == self.manifest.standard and s.version == self.manifest.version), None)
        return self.references.load(match.id) if match is not None else None

    # -- places --------------------------------------------------------------------------

    def article_of(self, block: int) -> Artikel | None:
        """The article or section a paragraph belongs to; for a paragraph without content of its own (an
        empty or hidden one), the article it stands in."""
        art = self._block_article.get(block)
        if art is None:
            if not self._starts:
                self._starts = sorted((a.position, i, a) for i, a in enumerate(
                    [*self.contract.sections.values(), *self.contract.artikelen]) if a.position >= 0)
            at = bisect.bisect_right(self._starts, (block, 10**9)) - 1
            art = self._starts[at][2] if at >= 0 else None
        return art

    def pair_of(self, block: int) -> Pair | None:
        return self._block_pair.get(block)

    def locate(self, block: int) -> tuple[str | None, str | None, str | None, str | None]:
        """(deel, article, lid) in the standard's numbering and the document's own label of a block."""
        art = self.article_of(block)
        if art is None:
            return None, None, None, None
        pair = self.pair_of(block) or self._doc_pair.get(id(art))
        doc_lid_index = next((i for i, lid in enumerate(art.leden)
                              if any(s.block.index == block for s in lid.spans) or lid.position == block), None)
        doc_lid = art.leden[doc_lid_index] if doc_lid_index is not None else None
        label = doc_lid.number if doc_lid is not None and doc_lid.number else (None if art.section else art.key)
        if pair is None or pair.ref is None or pair.doc is not art:
            return art.deel, (art.key if art.section and not art.key.startswith("deel-") else None), None, label
        lid = None
        if pair.text is not None and doc_lid_index is not None:
            for res in pair.text.leden:
                if res.ref is not None and res.doc_lids and res.doc_lids[0] == doc_lid_index:
                    lid = res.ref.number
                    break
        return pair.ref.deel, pair.ref.key, lid, label

    def locate_number(self, number: str) -> tuple[str | None, str | None, str | None, str | None]:
        """An article number as the document uses it, in the standard's numbering."""
        number = number.lower().rstrip(".")
        article_number = ".".join(number.split(".")[:2])
        if self.alignment is not None:
            for pair in self.alignment.matched():
                if pair.doc is not None and pair.ref is not None and pair.doc.key == article_number:
                    lid = None
                    if number != article_number:
                        lid = pair.ref.key + number[len(article_number):]
                    return pair.ref.deel, pair.ref.key, lid, number
        return article_number.split(".")[0], article_number, (number if number != article_number else None), number

    def is_non_standard(self, block: int, start: int = 0, end: int = 10**9) -> bool:
        """Whether text in this block is not the standard's (added, filled in, or in a free part)."""
        if block not in self._aligned_blocks:
            return True
        return any(s < end and e > start for s, e in self._non_standard.get(block, ()))

    def content_blocks(self) -> Iterator[tuple[Block, int, Artikel]]:
        """Every block of contract content with the offset where its content starts."""
        for art in [*self.contract.sections.values(), *self.contract.artikelen]:
            if art.key == "inhoudsopgave":
                continue
            yield from ((span.block, span.start, art) for lid in art.leden for span in lid.spans)

    def in_scope(self, art: Artikel | None, where: Where, pair: Pair | None = None) -> bool:
        """Whether an article (or front section) lies in a detector's `where`."""
        if where.is_empty():
            return True
        if art is None:
            return False
        ref = pair.ref if pair is not None else None
        if where.delen or where.sections:
            in_deel = bool(art.deel) and not art.section and art.deel in where.delen
            in_deel = in_deel or (art.section and art.key.startswith("deel-") and art.deel in where.delen)
            in_section = art.section and art.key in where.sections
            if not (in_deel or in_section):
                return False
        if where.articles:
            key = ref.key if ref is not None else art.key
            if not any(fnmatch.fnmatchcase(key, pattern) for pattern in where.articles):
                return False
        if where.kinds and (ref is None or ref.kind not in where.kinds):
            return False
        return where.outside_standard is None or where.outside_standard == (ref is None)

    def excluded(self, art: Artikel | None, detector: Detector, pair: Pair | None = None) -> bool:
        return any(not w.is_empty() and self.in_scope(art, w, pair) for w in detector.unless_where)

    # -- the document as a whole ----------------------------------------------------------

    def article_used(self, key: str) -> bool:
        """Whether the document has the standard's article `key` and does not declare it "niet van toepassing"."""
        if self.alignment is None:
            return False
        pair = self.alignment.pair_for(key)
        return pair is not None and pair.doc is not None and not pair.doc.nvt

    def holds(self, when: When) -> bool:
        """Whether the document meets a detector's `when` conditions."""
        if when.is_empty():
            return True
        from cscheck.rules import choices

        if any(not self.article_used(k) for k in when.used) or any(self.article_used(k) for k in when.not_used):
            return False
        if when.procedure and not set(when.procedure) & choices.procedure(self):
            return False
        return not when.uitvoeringsvariant or bool(set(when.uitvoeringsvariant) & choices.variants(self))

    # -- findings ------------------------------------------------------------------------

    def finding(self, rule: Rule, detector: Detector, *, block: int | None, article: str | None = None,
                lid: str | None = None, deel: str | None = None, document_label: str | None = None,
                severity: Severity | str | None = None, message: str | None = None,
                changes: Changes | None = None, **fields: Any) -> Finding:
        shown, page = "", None
        if block is not None and 0 <= block < len(self.document.blocks):
            shown = excerpt(self.document.blocks[block].shown)
            page = self.document.blocks[block].page
        return make_finding(rule, detector, block=block, excerpt=shown, page=page, article=article, lid=lid,
                            deel=deel, document_label=document_label, document_type=self.document_type,
                            variant=self.variant, severity=severity, message=message, changes=changes, **fields)
