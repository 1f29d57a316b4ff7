"""Structural rule kinds: numbering, order, missing and added articles or leden."""

# no `from __future__ import annotations`: see cscheck/rules/model.py

import re
from collections.abc import Iterator
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from cscheck.align import Pair
from cscheck.model import Artikel, Finding
from cscheck.rules.context import Context
from cscheck.rules.kinds.moves import moved_lid_numbers
from cscheck.rules.model import Detector, Regex, Rule
from cscheck.rules.spec import KindSpec


class Numbering(Detector, kw_only=True):
    kind: Literal["numbering"]
    level: Literal["article", "lid", "both"] = "both"


class Order(Detector, kw_only=True):
    kind: Literal["order"]


class MissingArticle(Detector, kw_only=True):
    kind: Literal["missing-article"]


class MissingLid(Detector, kw_only=True):
    kind: Literal["missing-lid"]


class NvtDeclared(Detector, kw_only=True):
    kind: Literal["nvt-declared"]
    level: Annotated[Literal["article", "lid", "both"], Meta(
        description="articles, leden or both whose whole text is \"niet van toepassing\"")] = "article"


class Added(Detector, kw_only=True):
    kind: Literal["added"]
    free_delen: Annotated[list[str], Meta(
        description="delen where own articles are free")] = msgspec.field(default_factory=lambda: ["2"])


class AddedSection(Detector, kw_only=True):
    kind: Literal["added-section"]
    unless_titles: Annotated[list[Regex], Meta(
        description="titles that are not reported")] = msgspec.field(default_factory=list)
    message_added: str | None = None


class Title(Detector, kw_only=True):
    kind: Literal["title"]
    threshold: Annotated[float, Meta(description="rapidfuzz token set ratio below which a title is renamed")] = 80
    message_title: str | None = None


class DanglingReference(Detector, kw_only=True):
    kind: Literal["dangling-reference"]
    message_reference: str | None = None


def _number_key(number: str) -> tuple[int, ...]:
    parts = []
    for part in number.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 10**6)
    return tuple(parts)


def numbering(ctx: Context, rule: Rule, det: Numbering) -> Iterator[Finding]:
    """An article or lid that the document numbers differently from the standard."""
    assert ctx.alignment is not None
    level = det.level
    taken = moved_lid_numbers(ctx)  # a lid whose place a moved lid took: the move finding says it
    for pair in ctx.alignment.matched():
        ref, doc = pair.ref, pair.doc
        assert ref is not None and doc is not None
        if ref.section or not ctx.in_scope(doc, det.where, pair) or ctx.excluded(doc, det, pair):
            continue
        # a section renumbered only because its chapter was (4.1 → 5.1 under 4 → 5) is reported at the chapter
        follows_parent = "." in ref.key and doc.key.rsplit(".", 1)[-1] == ref.key.rsplit(".", 1)[-1] and (
            ctx.document_type.startswith("inkoopdocument"))
        if pair.renumbered and level in ("article", "both") and not follows_parent:
            yield ctx.finding(rule, det, block=doc.position, article=ref.key, deel=ref.deel,
                              document_label=doc.key, title=ref.title, expected=ref.key, found=doc.key,
                              what="artikel")
        if pair.text is None or level not in ("lid", "both"):
            continue
        for res in pair.text.leden:
            if res.ref is None or res.ref.number is None or not res.doc_lids:
                continue
            doc_lid = doc.leden[res.doc_lids[0]]
            if doc_lid.number is None:
                continue
            own = res.ref.number.rsplit(".", 1)[-1]
            if (id(pair), doc_lid.number) in taken:
                continue
            if doc_lid.number.rsplit(".", 1)[-1] != own:
                yield ctx.finding(rule, det, block=doc_lid.position, article=ref.key, lid=res.ref.number,
                                  deel=ref.deel, document_label=doc_lid.number, title=ref.title,
                                  expected=res.ref.number, found=doc_lid.number, what="lid")


def order(ctx: Context, rule: Rule, det: Order) -> Iterator[Finding]:
    """Articles, or whole delen, in another order than the standard's."""
    assert ctx.alignment is not None
    for number in ctx.alignment.delen_moved:
        deel = ctx.contract.deel(number)
        yield ctx.finding(rule, det, block=deel.position if deel else None, deel=number,
                          document_label=f"Deel {number}", what=f"deel {number}", title="")
    for pair in ctx.alignment.matched():
        ref, doc = pair.ref, pair.doc
        assert ref is not None and doc is not None
        if not pair.moved or not ctx.in_scope(doc, det.where, pair) or ctx.excluded(doc, det, pair):
            continue
        if ref.deel in ctx.alignment.delen_moved and doc.deel == ref.deel:
            continue  # the whole deel moved: reported once above
        yield ctx.finding(rule, det, block=doc.position, article=ref.key, deel=ref.deel, document_label=doc.key,
                          title=ref.title, what=f"artikel {ref.key}")


def _expected_place(ctx: Context, pair: Pair) -> int | None:
    """Paragraph where a missing article would have stood: the next article of the standard present."""
    assert ctx.alignment is not None and pair.ref is not None
    order = {a.key: i for i, a in enumerate(ctx.alignment.manifest.artikelen)}
    mine = order.get(pair.ref.key, 0)
    later = [p for p in ctx.alignment.matched() if p.ref and order.get(p.ref.key, 0) > mine and p.doc]
    if later:
        return min(later, key=lambda p: order.get(p.ref.key, 0) if p.ref else 0).doc.position  # type: ignore[union-attr]
    earlier = [p for p in ctx.alignment.matched() if p.doc]
    return max((p.doc.position for p in earlier if p.doc), default=None)


def _conditional(pair: Pair, ctx: Context) -> bool:
    """An article that applies only under one execution variant (it may then be declared NVT)."""
    assert ctx.manifest is not None and pair.ref is not None
    for lid in pair.ref.leden:
        for piece in lid.pieces:
            if piece.t == "run" and piece.role == "text":
                group = ctx.manifest.groups.get(piece.group or "")
                if group is None or group.required:
                    return False
    return True


def _nvt_lid(doc: Artikel, number: str | None) -> bool:
    for lid in doc.leden:
        if number and lid.number and lid.number.rsplit(".", 1)[-1] == number.rsplit(".", 1)[-1]:
            return lid.nvt
    return False


def missing_article(ctx: Context, rule: Rule, det: MissingArticle) -> Iterator[Finding]:
    """Articles of the standard that the document does not have."""
    assert ctx.alignment is not None
    for pair in ctx.alignment.pairs:
        ref = pair.ref
        if ref is None or ref.section or pair.doc is not None:
            continue
        if det.where.kinds and ref.kind not in det.where.kinds:
            continue
        if det.where.delen and ref.deel not in det.where.delen:
            continue
        if any(ref.key in w.articles or (ref.deel and ref.deel in w.delen) for w in det.unless_where):
            continue
        yield ctx.finding(rule, det, block=_expected_place(ctx, pair), article=ref.key, deel=ref.deel,
                          title=ref.title, what=f"artikel {ref.key}")


def nvt_declared(ctx: Context, rule: Rule, det: NvtDeclared) -> Iterator[Finding]:
    """Articles (or leden) of the standard kept with their number but declared "niet van toepassing". A
    maatwerkovereenkomst does so by design; an article that applies only under another uitvoeringsvariant may."""
    assert ctx.alignment is not None
    if ctx.variant == "maatwerk":
        return
    for pair in ctx.alignment.matched():
        ref, doc = pair.ref, pair.doc
        assert ref is not None and doc is not None
        if ref.section or not ctx.in_scope(doc, det.where, pair) or ctx.excluded(doc, det, pair):
            continue
        if doc.nvt:
            if det.level != "lid" and not _conditional(pair, ctx):
                yield ctx.finding(rule, det, block=doc.position, article=ref.key, deel=ref.deel,
                                  document_label=doc.key, title=ref.title, what=f"artikel {ref.key}")
            continue
        if det.level == "article" or pair.text is None:
            continue
        for res in pair.text.leden:
            number = res.ref.number if res.ref is not None else None  # type: ignore[attr-defined]
            lid = next((lid for lid in doc.leden if lid.nvt and number and lid.number
                        and lid.number.rsplit(".", 1)[-1] == number.rsplit(".", 1)[-1]), None)
            if lid is not None:
                yield ctx.finding(rule, det, block=lid.position, article=ref.key, lid=number, deel=ref.deel,
                                  document_label=lid.number, title=ref.title, what=f"lid {number}")


def missing_lid(ctx: Context, rule: Rule, det: MissingLid) -> Iterator[Finding]:
    """Leden of the standard that the document's article does not have."""
    assert ctx.alignment is not None
    for pair in ctx.alignment.matched():
        ref = pair.ref
        assert ref is not None
        if ref.section or pair.doc is None or pair.text is None:
            continue
        if not ctx.in_scope(pair.doc, det.where, pair) or ctx.excluded(pair.doc, det, pair):
            continue
        for res in pair.text.leden:
            if ctx.variant == "maatwerk" and _nvt_lid(pair.doc, res.ref.number if res.ref else None):
                continue
            if res.ref is not None and res.ref.number and res.missing:
                near = next((lid.position for lid in pair.doc.leden if lid.number and
                             _number_key(lid.number) > _number_key(res.ref.number)), None)
                yield ctx.finding(rule, det, block=near if near is not None else pair.doc.position,
                                  article=ref.key, lid=res.ref.number, deel=ref.deel, title=ref.title,
                                  document_label=pair.doc.key, what=f"lid {res.ref.number}")


def added(ctx: Context, rule: Rule, det: Added) -> Iterator[Finding]:
    """Articles the standard does not have, where the standard allows none: deel 3, and between the standard's
    articles in deel 1. An own article after the last of them fills the free slot ("Artikel 1.n [vul in]"),
    whatever number it carries: when optional articles were dropped and the rest renumbered, that is a
    numbering finding, not an added article."""
    assert ctx.alignment is not None and ctx.manifest is not None
    last_position: dict[str, int] = {}
    for pair in ctx.alignment.matched():
        if pair.ref and pair.doc and pair.ref.deel and pair.ref.kind in ("fixed", "optional"):
            last_position[pair.ref.deel] = max(last_position.get(pair.ref.deel, -1), pair.doc.position)
    for pair in ctx.alignment.pairs:
        doc = pair.doc
        if pair.ref is not None or doc is None or doc.section or doc.deel is None:
            continue
        if not ctx.in_scope(doc, det.where, pair) or ctx.excluded(doc, det, pair):
            continue
        inside_fixed = doc.deel == "3" or doc.position < last_position.get(doc.deel, -1)
        if doc.deel in det.free_delen or not inside_fixed:
            continue
        yield ctx.finding(rule, det, block=doc.position, deel=doc.deel, document_label=doc.key, title=doc.title,
                          what=f"artikel {doc.key}")


def _plain_title(title: str) -> str:
    from cscheck.align import norm_title

    return norm_title(re.sub(r"\[[^\]]*\]", " ", title))


def title(ctx: Context, rule: Rule, det: Title) -> Iterator[Finding]:
    """A chapter or section whose title differs from the standard's (filled-in choices in a title are fine)."""
    from rapidfuzz import fuzz

    assert ctx.alignment is not None
    threshold = det.threshold
    for pair in ctx.alignment.matched():
        ref, doc = pair.ref, pair.doc
        assert ref is not None and doc is not None
        if ref.section or not ctx.in_scope(doc, det.where, pair):
            continue
        expected, found = _plain_title(ref.title), _plain_title(doc.title)
        if not expected or not found:
            continue
        if fuzz.token_set_ratio(expected, found) < threshold:
            yield ctx.finding(rule, det, block=doc.position, article=ref.key, deel=ref.deel, document_label=doc.key,
                              title=ref.title, found=doc.title, what=f"onderdeel {ref.key}",
                              message=det.message_title)


def added_section(ctx: Context, rule: Rule, det: AddedSection) -> Iterator[Finding]:
    """A numbered chapter or section the standard does not have (up to the standard's own depth)."""
    assert ctx.alignment is not None and ctx.manifest is not None
    depth = max((len(a.key.split(".")) for a in ctx.manifest.artikelen if not a.section), default=3)
    skip = [re.compile(p, re.I) for p in det.unless_titles]
    for pair in ctx.alignment.pairs:
        doc = pair.doc
        if pair.ref is not None or doc is None or doc.section or len(doc.key.split(".")) > depth:
            continue
        if any(p.search(doc.title) for p in skip):
            continue
        yield ctx.finding(rule, det, block=doc.position, deel=doc.deel, document_label=doc.key, title=doc.title,
                          what=f"onderdeel {doc.key}", message=det.message_added)


_REFERENCE = re.compile(r"\b(paragraaf|par\.|hoofdstuk)\s+(\d+(?:\.\d+)*)(?!\.\d)|"
                        r"\bartikel\s+(\d+\.\d+[a-z]?(?:\.\d+)?)\s+van\s+de\s+(?:concept)?overeenkomst", re.I)


def dangling_reference(ctx: Context, rule: Rule, det: DanglingReference) -> Iterator[Finding]:
    """A reference in the document's own text to a chapter, paragraph or article that does not exist."""
    assert ctx.manifest is not None
    own = {a.key for a in ctx.contract.artikelen if not a.section}
    chapters = {d.number for d in ctx.contract.delen}
    contract_articles: set[str] = set()
    overeenkomst = ctx.companion("overeenkomst")
    for art in overeenkomst.artikelen if overeenkomst is not None else ():
        contract_articles.add(art.key)
        contract_articles.update(lid.number for lid in art.leden if lid.number)
    for block, start, _art in ctx.content_blocks():
        text = block.text
        for m in _REFERENCE.finditer(text, start):
            if not ctx.is_non_standard(block.index, m.start(), m.end()):
                continue
            if m.group(3):
                target, exists = m.group(3), m.group(3).lower() in contract_articles or not contract_articles
                what = f"artikel {target} van de overeenkomst"
            else:
                target = m.group(2).rstrip(".")
                exists = target in own or (m.group(1).lower().startswith("hoofdstuk") and target in chapters)
                what = f"{m.group(1).lower()} {target}"
            if exists:
                continue
            deel, article, lid, label = ctx.locate(block.index)
            yield ctx.finding(rule, det, block=block.index, article=article, lid=lid, deel=deel, document_label=label,
                              what=what, match=m.group(0), message=det.message_reference)


SPECS = [
    KindSpec("numbering", "vergelijkt de nummers van delen, artikelen en leden met die van de standaard",
             numbering, Numbering, True, "an article or lid numbered differently from the standard"),
    KindSpec("order", "vergelijkt de volgorde van artikelen en delen met die van de standaard",
             order, Order, True, "articles or delen in another order than the standard's"),
    KindSpec("missing-article", "zoekt artikelen van de standaard die in het document ontbreken",
             missing_article, MissingArticle, True,
             "articles of the standard that are gone (`where.kinds`, `where.delen` choose which)"),
    KindSpec("missing-lid", "zoekt leden van de standaard die in het document ontbreken",
             missing_lid, MissingLid, True, "leden of the standard gone from an article"),
    KindSpec("nvt-declared", "zoekt artikelen en leden die het document 'niet van toepassing' verklaart",
             nvt_declared, NvtDeclared, True,
             "articles or leden kept but declared \"niet van toepassing\" (not in a maatwerkovereenkomst, not "
             "when only another uitvoeringsvariant needs them)"),
    KindSpec("added", "zoekt artikelen die de standaard niet heeft, waar geen eigen artikelen mogen staan",
             added, Added, True,
             "articles the standard does not have where it allows none (deel 3, among the fixed deel 1 articles)"),
    KindSpec("added-section", "zoekt hoofdstukken en paragrafen die de standaard niet heeft",
             added_section, AddedSection, True,
             "inkoopdocument: a chapter or section the standard does not have"),
    KindSpec("title", "vergelijkt de titels van hoofdstukken en paragrafen met die van de standaard",
             title, Title, True, "inkoopdocument: a renamed chapter or section"),
    KindSpec("dangling-reference", "zoekt verwijzingen naar artikelen, hoofdstukken of paragrafen die niet bestaan",
             dangling_reference, DanglingReference, True,
             "a reference in own text to a paragraph, chapter or article that does not exist"),
]
