"""Read a Word document (.docx, .docm, .dotx, .dotm) as Word shows it.

- paragraphs and table cells in body order, with style name, heading level, bold/italic;
- automatic numbering rendered to its visible label (`numbering.py`);
- tracked changes accepted (text in `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped) and
  counted, so that the document reads as it will once the changes are accepted;
- table-of-contents paragraphs marked, so that later stages can skip them;
- headers and footers kept apart: they are not contract content.

The body is streamed: each paragraph is read when its end tag has been parsed and then dropped, so
that memory stays flat for a document of thousands of pages. Macros in a .docm are never loaded:
only the XML parts below are read.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
from lxml import etree

from cscheck.model import Block, Document
from cscheck.read.container import Package, open_package
from cscheck.read.errors import ReadError
from cscheck.read.numbering import Numbering, W
from cscheck.read.paragraph import GONE, INS, MOVE_TO, SDT_CONTENT, TBL, TC, TR, P, ParagraphReader
from cscheck.read.styles import ILVL, NUM_ID, NUM_PR, OUTLINE, PPR, PSTYLE, as_int, heading_level, load_styles
from cscheck.read.walk import BODY, STRICT_BODY, is_body_paragraph

_VAL = f"{W}val"
COMMENT_REF = f"{W}commentReference"
_REVISION_TAGS = frozenset([INS, *GONE, MOVE_TO, f"{W}rPrChange", f"{W}pPrChange", f"{W}sectPrChange",
                            f"{W}tblPrChange", f"{W}trPrChange", f"{W}tcPrChange", f"{W}numberingChange"])
_STREAMED = (BODY, STRICT_BODY, P, TBL, TR, TC, SDT_CONTENT, COMMENT_REF, *_REVISION_TAGS)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff\u2060]")


def _is_toc(sdt: etree._Element | None) -> bool:
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery") if sdt is not None else None
    return gallery is not None and "contents" in gallery.get(_VAL, "").lower()


class _Body(msgspec.Struct):
    """Where the streamed body is: open paragraphs, tables, content controls and deletions."""

    depth: int = 0  # open paragraphs; more than one: a paragraph in a text box, not body text
    tables: list[list[int]] = msgspec.field(default_factory=list)  # per open table: [number, row, cell]
    tocs: list[bool] = msgspec.field(default_factory=list)  # per open content control: is it a table of contents
    table_count: int = 0
    element: etree._Element | None = None  # w:body

    def start(self, tag: str, el: etree._Element) -> None:
        if tag == P:
            self.depth += 1
        elif self.depth:
            return
        elif tag == TR and self.tables:
            self.tables[-1][1:] = [self.tables[-1][1] + 1, -1]
        elif tag == TC and self.tables:
            self.tables[-1][2] += 1
        elif tag == TBL:
            self.table_count += 1
            self.tables.append([self.table_count, -1, -1])
        elif tag == SDT_CONTENT:
            self.tocs.append(_is_toc(el.getparent()))
        elif tag == BODY:
            self.element = el
        elif tag == STRICT_BODY:
            raise _strict()

    def end(self, tag: str, el: etree._Element) -> bool:
        """Close an element; True when it is a body paragraph to read."""
        if tag == P:
            self.depth -= 1
            return self.depth == 0 and is_body_paragraph(el)
        if self.depth:
            return False
        if tag == TBL:
            self.tables.pop()
        elif tag == TR:
            el.clear()  # a table may run for hundreds of pages
        elif tag == SDT_CONTENT:
            self.tocs.pop()
        return False

    def cell(self) -> tuple[int, int, int] | None:
        if not self.tables:
            return None
        number, row, column = self.tables[-1]
        return number, row, column

    def drop_done(self) -> None:
        # called when every event so far is handled: all body elements but the last (which may still
        # be open) have been read
        if self.element is not None and len(self.element) > 1:
            del self.element[:-1]


class DocxReader:
    def __init__(self, package: Package) -> None:
        self.pkg = package
        related = package.relationships(package.main)
        by_type: dict[str, list[str]] = {}
        for rtype, name in related.values():
            by_type.setdefault(rtype, []).append(name)
        styles_part = next(iter(by_type.get("/styles", [])), None)
        numbering_part = next(iter(by_type.get("/numbering", [])), None)
        self.styles = load_styles(package, styles_part)
        self.numbering = Numbering(package.xml(numbering_part) if numbering_part else None)
        self.comment_parts = by_type.get("/comments", [])
        self.margin_parts = by_type.get("/header", []) + by_type.get("/footer", [])
        self.note_parts = {"footnote": by_type.get("/footnotes", []), "endnote": by_type.get("/endnotes", [])}
        self._notes: dict[str, dict[str, etree._Element]] = {}
        self._note_text: dict[tuple[str, str], str] = {}
        self.paragraphs = ParagraphReader(self.styles, self._note)
        self.blocks: list[Block] = []
        self._carried: tuple[str, tuple[int, int, int] | None] | None = None  # text of a deleted paragraph mark

    def read(self, path: str) -> Document:
        revisions, references = self._stream_body()
        self._flush_carried()
        comments = self._count_comments() or references
        margins = [t for t in (self._plain_text(part) for part in self.margin_parts) if t]
        return Document(path=path, format="docx", blocks=self.blocks, revisions=revisions,
                        comments=comments, margins=margins)

    # -- body walk --------------------------------------------------------------------------

    def _stream_body(self) -> tuple[int, int]:
        """Read every body paragraph as it streams in; returns (tracked changes, comment references)."""
        revisions = references = 0
        body = _Body()
        for events in self.pkg.iterparse(self.pkg.main, _STREAMED):
            for event, el in events:
                tag = el.tag
                if event == "start":
                    body.start(tag, el)
                    continue
                if tag in _REVISION_TAGS:
                    revisions += 1
                elif tag == COMMENT_REF:
                    references += 1
                if body.end(tag, el):
                    self._paragraph(el, body.cell(), any(body.tocs))
            body.drop_done()
        return revisions, references

    def _paragraph(self, p: etree._Element, table: tuple[int, int, int] | None, toc: bool) -> None:
        style_id = outline = num_id = ilvl = None
        if len(p) and (ppr := p[0]).tag == PPR:  # the schema puts w:pPr first
            for el in ppr:
                tag = el.tag
                if tag == PSTYLE:
                    style_id = el.get(_VAL)
                elif tag == NUM_PR:
                    for sub in el:
                        if sub.tag == NUM_ID:
                            num_id = sub.get(_VAL)
                        elif sub.tag == ILVL:
                            ilvl = as_int(sub.get(_VAL), 0)
                elif tag == OUTLINE:
                    outline = as_int(el.get(_VAL), None)
        style = self.styles.resolve(style_id)
        para = self.paragraphs.read(p, style, toc)
        text = _visible(para.text)
        hidden = _visible(" ".join(para.hidden)).strip()
        marked = _visible(" ".join(para.marked)).strip()
        if self._carried is not None:
            carried, where = self._carried
            self._carried = None
            if where == table:
                text = carried + text
            else:  # a deleted mark at the end of a table cell joins nothing
                self.blocks[-1].text = carried
        if para.mark_deleted:
            # accepted, the paragraph mark is gone: this text is the start of the next paragraph, and this
            # paragraph (kept empty, so that paragraph numbers stay those of the file) has no number
            self._carried = (text, table)
            text, num_id, style_id = "", "0", None
        label, bullet = "", False
        if num_id is None and style.num_id is not None:
            num_id = style.num_id
            if ilvl is None:
                ilvl = style.ilvl
                if ilvl is None and style_id:
                    ilvl = self.numbering.level_for_style(num_id, style_id)
        if num_id is not None and num_id != "0":
            label, bullet = self.numbering.label(num_id, ilvl or 0)
        seen = para.seen_text and bool(text)
        self.blocks.append(Block(
            index=len(self.blocks), text=text, label=label, style=style.name,
            heading=heading_level(style, outline), bold=seen and para.bold, italic=seen and para.italic,
            table=table, toc=para.toc or style.toc, revised=para.revised, list_item=bullet or bool(label),
            bullet=bullet, hidden=hidden, marked=marked))

    def _flush_carried(self) -> None:
        if self._carried is not None and self.blocks:
            self.blocks[-1].text = self._carried[0]
            self._carried = None

    # -- notes and other parts ----------------------------------------------------------------

    def _note(self, kind: str, note_id: str) -> str:
        """The text of a footnote or endnote, read once."""
        key = (kind, note_id)
        if key not in self._note_text:
            self._note_text[key] = ""  # a note that refers to itself reads as empty
            if kind not in self._notes:
                self._notes[kind] = {}
                for part in self.note_parts.get(kind, []):
                    root = self.pkg.xml(part)
                    for note in root.iterchildren(f"{W}{kind}") if root is not None else ():
                        self._notes[kind][note.get(f"{W}id", "")] = note
            note = self._notes[kind].get(note_id)
            if note is not None:
                reader = ParagraphReader(self.styles, self._note)
                texts = [reader.read(p, self.styles.resolve(None), False).text for p in note.iterchildren(P)]
                self._note_text[key] = _visible(" ".join(t.strip() for t in texts if t.strip()))
        return self._note_text[key]

    def _count_comments(self) -> int:
        total = 0
        for part in self.comment_parts:
            comments = self.pkg.xml(part)
            if comments is not None:
                total += sum(1 for _ in comments.iterchildren(f"{W}comment"))
        return total

    def _plain_text(self, part: str) -> str:
        root = self.pkg.xml(part)
        if root is None:
            return ""
        return " ".join(t.text or "" for t in root.iter(f"{W}t")).strip()


def _visible(text: str) -> str:
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def _strict() -> ReadError:
    return ReadError("geen-docx", "Dit Word-document is opgeslagen als 'Strict Open XML'. Sla het in Word op als "
                     "gewoon Word-document (.docx) en controleer het opnieuw.", convertible="Strict Open XML")


def read_docx(path: Path) -> Document:
    package = open_package(path)
    try:
        return DocxReader(package).read(str(path))
    finally:
        package.zip.close()
