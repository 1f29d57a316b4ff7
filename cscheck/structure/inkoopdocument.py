"""Structure of an inkoopdocument: numbered chapters, sections and subsections (1, 1.2, 2.4.1).

Chapter and section numbers are Word heading numbering in the published DOCX, typed numbers in
some municipal documents, and absent in the Markdown sources; when a heading carries no number, it
is derived from the heading levels. The result uses the same `Contract` model as an overeenkomst:
chapters are `Deel`s, and every chapter, section and subsection is an `Artikel` with one `Lid`
(its text), keyed by its number, so that alignment and the structural rules work unchanged.
"""

from __future__ import annotations

import re

from cscheck.model import Artikel, Block, Contract, Deel, Document, Lid, Span
from cscheck.structure.lexicon import (
    BIJLAGE,
    DATED,
    FRONT,
    NUMBERED,
    OPTIONEEL,
    OUTLINE_NUMBER,
    TOC_ENTRY,
    heading_like,
    mark_nvt,
    numbered,
)


def _front_key(text: str) -> str | None:
    return FRONT.get(re.sub(r"[\s:]+$", "", text.strip().lower()))


class _Outline:
    def __init__(self, document: Document) -> None:
        self.contract = Contract(document=document)
        self.unit: Artikel | None = None
        self.counters = [0, 0, 0, 0]
        self.in_toc = False
        self.started = False  # the first chapter has been seen
        self.front_seen = False  # a front section (Versiebeheer, Definities …): unnumbered headings after it count

    def _section(self, key: str, block: Block, title: str) -> None:
        unit = Artikel(key=key, title=title, position=block.index, section=True, label=block.shown,
                       leden=[Lid(None, position=block.index)])
        self.contract.sections[key] = unit
        self.unit = unit

    def _unit(self, number: str, title: str, block: Block, outline: str) -> None:
        parts = number.split(".")
        optional = OPTIONEEL.match(title.lstrip()) is not None
        title = OPTIONEEL.sub("", title).strip()
        if len(parts) == 1 or not self.contract.delen or self.contract.delen[-1].number != parts[0]:
            self.contract.delen.append(Deel(number=parts[0], title=title if len(parts) == 1 else "",
                                            position=block.index, outline=outline if len(parts) == 1 else ""))
        deel = self.contract.delen[-1]
        parent = ".".join(parts[:-1]) or None
        unit = Artikel(key=number, title=title, position=block.index, deel=parts[0], hoofdstuk=parent,
                       label=block.shown, outline=outline, optional_marker=optional,
                       leden=[Lid(None, position=block.index)])
        deel.artikelen.append(unit)
        self.unit = unit
        self.started = True

    def _number(self, block: Block, label: str, text: str) -> tuple[str, str] | None:
        """(number, title) of a chapter or section heading, or None when the block is no such heading."""
        if label and OUTLINE_NUMBER.fullmatch(label.strip()):
            number = label.strip().rstrip(".")
            self._sync(number)
            return number, block.text.strip()
        m = NUMBERED.match(text)
        if m and (block.heading or block.bold) and len(m.group(2).split()) <= 16 and not DATED.match(m.group(2)):
            self._sync(m.group(1))
            return m.group(1), m.group(2).strip()
        if block.heading and (self.started or self.front_seen):
            level = min(max(block.heading, 1), 4)
            self.counters[level - 1] += 1
            for deeper in range(level, 4):
                self.counters[deeper] = 0
            number = ".".join(str(c) for c in self.counters[:level])
            return number, text.strip()
        return None

    def _sync(self, number: str) -> None:
        parts = [int(p) for p in number.split(".")]
        for i in range(4):
            self.counters[i] = parts[i] if i < len(parts) else 0

    def feed(self, block: Block) -> None:
        if block.toc:
            self.contract.toc_blocks += 1
            return
        view = numbered(block)
        text = view.shown
        if self.in_toc:
            if not text.strip() or TOC_ENTRY.search(text):
                self.contract.toc_blocks += 1
                return
            self.in_toc = False
        if not text.strip():
            return
        # a numbered list item ("5. geselecteerd zijn …") is no heading: only heading styles and bold lines are
        headingish = block.heading > 0 or (block.table is None and block.bold and heading_like(block, text))
        front = _front_key(text) if (headingish or text.strip().endswith(":")) else None
        if front:
            self.front_seen = True
            self.in_toc = front == "inhoudsopgave"
            self._section(front, block, text.strip())
            return
        m = BIJLAGE.match(text)
        if m and headingish:
            self._section(f"bijlage-{m.group(1)}", block, m.group(2).strip() or text.strip())
            return
        if headingish:
            found = self._number(block, view.label, text)
            if found is not None:
                self._unit(found[0], found[1], block, view.outline)
                return
        self._body(block)

    def _body(self, block: Block) -> None:
        if self.unit is None:
            self._section("titelpagina", block, "")
        assert self.unit is not None
        self.unit.leden[-1].spans.append(Span(block, 0))

    def finish(self) -> Contract:
        for art in self.contract.artikelen:
            mark_nvt(art)
        return self.contract


def find_inkoopdocument(document: Document) -> Contract:
    builder = _Outline(document)
    for block in document.blocks:
        builder.feed(block)
    return builder.finish()
