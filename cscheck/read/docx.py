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
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from cscheck.model import Block, Document
from cscheck.read.container import Package, open_package
from cscheck.read.errors import ReadError
from cscheck.read.numbering import Numbering, W
from cscheck.read.styles import (
    BOLD,
    ILVL,
    ITALIC,
    NUM_ID,
    NUM_PR,
    OFF,
    OUTLINE,
    PPR,
    PSTYLE,
    RPR,
    Style,
    as_int,
    heading_level,
    load_styles,
)

_VAL = f"{W}val"
BODY, P, R, T, TAB, BR, CR = (f"{W}{n}" for n in ("body", "p", "r", "t", "tab", "br", "cr"))
TBL, TR, TC, SDT, SDT_CONTENT = (f"{W}{n}" for n in ("tbl", "tr", "tc", "sdt", "sdtContent"))
INS, DEL, MOVE_TO, MOVE_FROM = (f"{W}{n}" for n in ("ins", "del", "moveTo", "moveFrom"))
HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE = (f"{W}{n}" for n in ("hyperlink", "smartTag", "customXml",
                                                                    "fldSimple"))
FLD_CHAR, INSTR_TEXT = f"{W}fldChar", f"{W}instrText"
NO_BREAK_HYPHEN, COMMENT_REF = f"{W}noBreakHyphen", f"{W}commentReference"
# ISO 29500 Strict: the same elements in another namespace, which Word only writes on request
STRICT_BODY = "{http://purl.oclc.org/ooxml/wordprocessingml/main}body"
_CONTAINERS = {INS, MOVE_TO, HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE, f"{W}dir", f"{W}bdo", SDT_CONTENT}
_GONE = (DEL, MOVE_FROM)  # content that is not there once the tracked changes are accepted
_REVISION_TAGS = frozenset([INS, DEL, MOVE_TO, MOVE_FROM, f"{W}rPrChange", f"{W}pPrChange", f"{W}sectPrChange",
                            f"{W}tblPrChange", f"{W}trPrChange", f"{W}tcPrChange", f"{W}numberingChange"])
_STREAMED = (BODY, STRICT_BODY, P, TBL, TR, TC, SDT_CONTENT, COMMENT_REF, *_REVISION_TAGS)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff\u2060]")


class _Fields:
    """Complex-field state across paragraphs (a TOC field spans many of them)."""

    __slots__ = ("in_instruction", "in_toc", "stack")

    def __init__(self) -> None:
        self.stack: list[list[str]] = []  # per open field: [instruction, phase]
        self.in_toc = False
        self.in_instruction = False

    def char(self, kind: str | None) -> None:
        if kind == "begin":
            self.stack.append(["", "instr"])
        elif kind == "separate" and self.stack:
            self.stack[-1][1] = "result"
        elif kind == "end" and self.stack:
            self.stack.pop()
        self._update()

    def instruction(self, text: str) -> None:
        if self.stack:
            self.stack[-1][0] += text
            self._update()

    def _update(self) -> None:
        # evaluated once per field event, not once per run
        self.in_toc = any(f[0].lstrip().upper().startswith("TOC") for f in self.stack)
        self.in_instruction = bool(self.stack) and self.stack[-1][1] == "instr"


class _Paragraph:
    """What the runs of one paragraph add up to."""

    __slots__ = ("bold", "italic", "parts", "revised", "seen_text", "style", "toc")

    def __init__(self, style: Style, toc: bool) -> None:
        self.style = style
        self.parts: list[str] = []
        self.bold = self.italic = True  # every visible character so far
        self.seen_text = False
        self.revised = False
        self.toc = toc


def _is_toc(sdt: etree._Element | None) -> bool:
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery") if sdt is not None else None
    return gallery is not None and "contents" in gallery.get(_VAL, "").lower()


@dataclass(slots=True)
class _Body:
    """Where the streamed body is: open paragraphs, tables, content controls and deletions."""

    depth: int = 0  # open paragraphs; more than one: a paragraph in a text box, not body text
    gone: int = 0  # open body-level w:del / w:moveFrom: their paragraphs are not there once accepted
    tables: list[list[int]] = field(default_factory=list)  # per open table: [number, row, cell]
    tocs: list[bool] = field(default_factory=list)  # per open content control: is it a table of contents
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
        elif tag in _GONE:
            self.gone += 1
        elif tag == BODY:
            self.element = el
        elif tag == STRICT_BODY:
            raise _strict()

    def end(self, tag: str, el: etree._Element) -> bool:
        """Close an element; True when it is a body paragraph to read."""
        if tag == P:
            self.depth -= 1
            return self.depth == 0 and not self.gone
        if self.depth:
            return False
        if tag == TBL:
            self.tables.pop()
        elif tag == TR:
            el.clear()  # a table may run for hundreds of pages
        elif tag == SDT_CONTENT:
            self.tocs.pop()
        elif tag in _GONE:
            self.gone -= 1
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
        self.fields = _Fields()
        self.blocks: list[Block] = []

    def read(self, path: str) -> Document:
        revisions, references = self._stream_body()
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
        para = _Paragraph(style, toc or self.fields.in_toc)
        self._content(p, para)
        text = "".join(para.parts)
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
        label, bullet = "", False
        if num_id is None and style.num_id is not None:
            num_id = style.num_id
            if ilvl is None:
                ilvl = style.ilvl
                if ilvl is None and style_id:
                    ilvl = self.numbering.level_for_style(num_id, style_id)
        if num_id is not None and num_id != "0":
            label, bullet = self.numbering.label(num_id, ilvl or 0)
        seen = para.seen_text
        self.blocks.append(Block(
            index=len(self.blocks), text=text, label=label, style=style.name,
            heading=heading_level(style, outline), bold=seen and para.bold, italic=seen and para.italic,
            table=table, toc=para.toc or style.toc, revised=para.revised, list_item=bullet or bool(label)))

    def _content(self, parent: etree._Element, para: _Paragraph) -> None:
        """The runs of a paragraph, through hyperlinks, insertions, fields and content controls."""
        for el in parent:
            tag = el.tag
            if tag == R:
                self._run(el, para)
            elif tag in _CONTAINERS:
                if tag in (INS, MOVE_TO):
                    para.revised = True
                elif _points_into_toc(el):
                    para.toc = True
                self._content(el, para)
            elif tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    self._content(content, para)
            elif tag in _GONE:
                para.revised = True

    def _run(self, r: etree._Element, para: _Paragraph) -> None:
        style = para.style
        bold = style.bold or False
        italic = style.italic or False
        chars: list[str] = []
        fields = self.fields
        for el in r:
            tag = el.tag
            if tag == T:
                if not fields.in_instruction:
                    text = el.text
                    if text:
                        chars.append(text)
            elif tag == RPR:
                for prop in el:
                    ptag = prop.tag
                    if ptag == BOLD:
                        bold = prop.get(_VAL, "true").lower() not in OFF
                    elif ptag == ITALIC:
                        italic = prop.get(_VAL, "true").lower() not in OFF
            elif tag == TAB:
                if not fields.in_instruction:
                    chars.append("\t")
            elif tag in (BR, CR):
                if el.get(f"{W}type") not in ("page", "column"):
                    chars.append("\n")
            elif tag == NO_BREAK_HYPHEN:
                chars.append("-")
            elif tag == FLD_CHAR:
                fields.char(el.get(f"{W}fldCharType"))
            elif tag == INSTR_TEXT:
                fields.instruction(el.text or "")
        if fields.in_toc:
            para.toc = True
        if not chars:
            return
        text = chars[0] if len(chars) == 1 else "".join(chars)
        para.parts.append(text)
        if not text.isspace():
            para.seen_text = True
            para.bold = para.bold and bold
            para.italic = para.italic and italic

    # -- other parts ------------------------------------------------------------------------

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
        return " ".join(t.text or "" for t in root.iter(T)).strip()


def _points_into_toc(el: etree._Element) -> bool:
    """A hyperlink to a TOC bookmark, or a simple TOC field."""
    if el.tag == HYPERLINK:
        return el.get(f"{W}anchor", "").startswith("_Toc")
    return el.tag == FLD_SIMPLE and el.get(f"{W}instr", "").lstrip().upper().startswith("TOC")


def _strict() -> ReadError:
    return ReadError("geen-docx", "Dit Word-document is opgeslagen als 'Strict Open XML'. Sla het in Word op als "
                     "gewoon Word-document (.docx) en controleer het opnieuw.")


def read_docx(path: Path) -> Document:
    package = open_package(path)
    try:
        return DocxReader(package).read(str(path))
    finally:
        package.zip.close()
