"""Structure of an overeenkomst: front sections, delen, hoofdstukken, artikelen, leden.

Numbers are taken as the document shows them: from Word's automatic numbering label when there is
one, otherwise typed in the text in any of the usual forms ("Artikel 3.9 – Titel", "Art. 3.9 Titel",
"3.9 Titel" as a heading, "3.9.1" alone or before the lid text). When a heading names its own number,
a list number in front of it is an outline number and does not count (`lexicon.numbered`). A table of
contents, headers and footers and the signature block are never taken for articles.
"""

from __future__ import annotations

import re

import msgspec

from cscheck.model import Artikel, Block, Contract, Deel, Document, Lid, Span
from cscheck.structure.lexicon import (
    ARTIKEL,
    BARE_ARTIKEL,
    DATED,
    DEEL,
    HOOFDSTUK,
    LID,
    NVT_IN_TITLE,
    OPTIONEEL,
    SECTIONS,
    SIGNATURE,
    TOC_ENTRY,
    heading_like,
    mark_nvt,
    numbered,
    word_count,
)


class Heading(msgspec.Struct):
    kind: str  # deel | hoofdstuk | artikel | section | lid | signature
    number: str = ""
    title: str = ""
    optional: bool = False
    start: int = 0  # where the content begins in block.text (for lid numbers typed before the text)
    outline: str = ""  # an outline number shown in front of a heading that names its own number


def classify(block: Block, article_key: str | None, deel: str | None) -> Heading | None:
    """What a block is, structurally, given the article it follows."""
    h = _classify(block, article_key, deel)
    if h is not None and h.kind in ("deel", "hoofdstuk", "artikel"):
        h.outline = numbered(block).outline
    return h


def _classify(block: Block, article_key: str | None, deel: str | None) -> Heading | None:
    view = numbered(block)
    shown = view.shown.strip()
    if not shown:
        return None
    if len(shown) > 160 and not (block.heading or block.bold or view.label):
        # a long plain paragraph can only be a lid typed before its text, or the signature line
        if shown[0].isdigit():
            return _lid(block, view.label, article_key, deel)
        return Heading("signature", title=shown) if deel is not None and SIGNATURE.match(shown) else None
    m = DEEL.match(shown)
    if m and heading_like(block, shown) and word_count(shown) <= 24:
        return Heading("deel", m.group(1), m.group(2).strip())
    m = HOOFDSTUK.match(shown)
    if m and heading_like(block, shown):
        return Heading("hoofdstuk", m.group(1), m.group(2).strip())
    key = shown.lower().rstrip(" \t\n:") if len(shown) < 40 else ""
    if key in SECTIONS and (heading_like(block, shown) or shown.endswith(":")):
        return Heading("section", SECTIONS[key], shown)
    m = ARTIKEL.match(shown)
    if m and heading_like(block, shown):
        return _artikel(m)
    lid = _lid(block, view.label, article_key, deel)
    if lid is not None:
        return lid
    m = BARE_ARTIKEL.match(shown)
    in_list = block.list_item and not view.outline
    if m and (block.heading or block.bold) and word_count(m.group(3)) <= 14 and not in_list and not DATED.match(
            m.group(3)):
        return _artikel(m)
    if SIGNATURE.match(shown) and deel is not None:
        return Heading("signature", title=shown)
    return None


def _artikel(m: re.Match[str]) -> Heading:
    # "[Optioneel:]" stands before the number when it is typed, after it when Word numbers the heading
    title = m.group(3).strip()
    late = OPTIONEEL.match(title)
    if late:
        title = title[late.end():].strip()
    return Heading("artikel", m.group(2).lower(), title, optional=bool(m.group(1) or late))


def _lid(block: Block, label: str, article_key: str | None, deel: str | None) -> Heading | None:
    if label:
        m = LID.match(label + " ")
        start = 0
    else:
        m = LID.match(block.text)
        start = m.end() if m else 0
    if not m:
        return None
    number = m.group(1).lower()
    prefix = number.rsplit(".", 1)[0]
    first = number.split(".", 1)[0]
    if article_key and prefix == article_key:
        return Heading("lid", number, start=start)
    # a lid whose article was renumbered keeps its own prefix; accept it inside the same deel
    if article_key and (first == article_key.split(".", 1)[0] or first == deel):
        return Heading("lid", number, start=start)
    return None


class _Builder:
    def __init__(self, document: Document) -> None:
        self.contract = Contract(document=document)
        self.deel: Deel | None = None
        self.hoofdstuk: str | None = None
        self.artikel: Artikel | None = None
        self.section: str | None = None
        self.in_toc = False

    def _open_section(self, key: str, block: Block, title: str) -> None:
        art = Artikel(key=key, title=title, position=block.index, section=True, label=block.shown,
                      leden=[Lid(None, position=block.index)])
        self.contract.sections[key] = art
        self.artikel = art
        self.section = key

    def _open_deel(self, block: Block, h: Heading) -> None:
        self.deel = Deel(number=h.number, title=h.title, position=block.index, outline=h.outline)
        self.contract.delen.append(self.deel)
        self.artikel = None
        self.hoofdstuk = None
        self.section = None

    def _open_artikel(self, block: Block, h: Heading) -> None:
        number = h.number
        if self.deel is None:
            # articles without a "Deel" heading before them: the deel is the first part of the number
            self._open_deel(block, Heading("deel", number.split(".", 1)[0], ""))
            self.contract.delen[-1].position = -1
        assert self.deel is not None
        title = h.title
        nvt = bool(NVT_IN_TITLE.search(title))
        if nvt:
            title = NVT_IN_TITLE.sub("", title).strip()
        art = Artikel(key=number, title=title, position=block.index, deel=self.deel.number,
                      hoofdstuk=self.hoofdstuk, label=block.shown, outline=h.outline, optional_marker=h.optional,
                      nvt=nvt, leden=[Lid(None, position=block.index)])
        self.deel.artikelen.append(art)
        self.artikel = art
        self.section = None

    def feed(self, block: Block) -> None:
        if block.toc:
            self.contract.toc_blocks += 1
            return
        if self.in_toc:
            if not block.shown.strip() or TOC_ENTRY.search(block.shown):
                self.contract.toc_blocks += 1
                return
            self.in_toc = False
        h = classify(block, self.artikel.key if self.artikel and not self.artikel.section else None,
                     self.deel.number if self.deel else None)
        if h is None or (self.section == "ondertekening" and h.kind != "section"):
            # after the signatures come annexes, not articles of the contract
            self._body(block, 0)
            return
        if h.kind == "section":
            if h.number == "inhoudsopgave":
                self.in_toc = True
            self._open_section(h.number, block, h.title)
        elif h.kind == "deel":
            self._open_deel(block, h)
        elif h.kind == "hoofdstuk":
            if self.deel is None:
                self._open_deel(block, Heading("deel", "3", ""))
            assert self.deel is not None
            self.hoofdstuk = h.number
            self.deel.hoofdstukken.append((h.number, h.title, block.index))
            self.artikel = None
        elif h.kind == "artikel":
            self._open_artikel(block, h)
        elif h.kind == "lid":
            assert self.artikel is not None
            lid = Lid(h.number, position=block.index)
            self.artikel.leden.append(lid)
            if block.text[h.start:].strip():
                lid.spans.append(Span(block, h.start))
        elif h.kind == "signature":
            self._open_section("ondertekening", block, "Ondertekening")
            self._body(block, 0)

    def _body(self, block: Block, start: int) -> None:
        if not block.text[start:].strip():
            return
        if self.artikel is None:
            if self.deel is not None:
                # text under a deel or hoofdstuk heading before its first article
                self.artikel = Artikel(key=f"deel-{self.deel.number}", title="", position=block.index,
                                       deel=self.deel.number, section=True, leden=[Lid(None)])
                self.deel.artikelen.append(self.artikel)
            else:
                self._open_section("titelpagina", block, "")
        assert self.artikel is not None
        self.artikel.leden[-1].spans.append(Span(block, start))

    def finish(self) -> Contract:
        for deel in self.contract.delen:
            for art in deel.artikelen:
                mark_nvt(art)
                if not art.leden[0].spans and len(art.leden) > 1:
                    art.leden.pop(0)
        for art in self.contract.sections.values():
            mark_nvt(art)
        return self.contract


def find_overeenkomst(document: Document) -> Contract:
    builder = _Builder(document)
    for block in document.blocks:
        builder.feed(block)
    return builder.finish()
