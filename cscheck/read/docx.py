"""Read a Word document (.docx, .docm, .dotx) as Word shows it.

- paragraphs and table cells in body order, with style name, heading level, bold/italic;
- automatic numbering rendered to its visible label (`numbering.py`);
- tracked changes accepted (text in `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped) and
  counted, so that the document reads as it will once the changes are accepted;
- table-of-contents paragraphs marked, so that later stages can skip them;
- headers and footers kept apart: they are not contract content.

Macros in a .docm are never loaded: only the XML parts below are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cscheck.model import Block, Document
from cscheck.read.container import Package, open_package
from cscheck.read.numbering import Numbering, W

_VAL = f"{W}val"
P, R, T, TAB, BR, CR = (f"{W}{n}" for n in ("p", "r", "t", "tab", "br", "cr"))
TBL, TR, TC, SDT, SDT_CONTENT = (f"{W}{n}" for n in ("tbl", "tr", "tc", "sdt", "sdtContent"))
INS, DEL, MOVE_TO, MOVE_FROM = (f"{W}{n}" for n in ("ins", "del", "moveTo", "moveFrom"))
HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE = (f"{W}{n}" for n in ("hyperlink", "smartTag", "customXml",
                                                                    "fldSimple"))
FLD_CHAR, INSTR_TEXT, PPR, RPR = (f"{W}{n}" for n in ("fldChar", "instrText", "pPr", "rPr"))
NO_BREAK_HYPHEN, SYM = f"{W}noBreakHyphen", f"{W}sym"
_CONTAINERS = {INS, MOVE_TO, HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE, f"{W}dir", f"{W}bdo", SDT_CONTENT}
_REVISION_TAGS = [INS, DEL, MOVE_TO, MOVE_FROM, f"{W}rPrChange", f"{W}pPrChange", f"{W}sectPrChange",
                  f"{W}tblPrChange", f"{W}trPrChange", f"{W}tcPrChange", f"{W}numberingChange"]
_HEADING_NAME = re.compile(r"^(?:heading|kop|titre|überschrift|titolo)\s*(\d)$", re.I)
_TOC_STYLE = re.compile(r"^\s*(?:toc|inhopg|inhoudsopgave|verz|table of contents)\s*\d*\s*$", re.I)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff\u2060]")
PSTYLE, NUM_PR, NUM_ID, ILVL, OUTLINE = (f"{W}{n}" for n in ("pStyle", "numPr", "numId", "ilvl", "outlineLvl"))


def _as_int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    kind: str = "paragraph"


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(_VAL, "true").lower() not in ("0", "false", "off", "none")


class Styles:
    """Paragraph styles, parsed on first use and resolved through their basedOn chain."""

    def __init__(self, root: etree._Element | None) -> None:
        self._elements: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self._resolved: dict[str, Style] = {}
        self._parsed: dict[str, Style] = {}
        if root is None:
            return
        for st in root.iterchildren(f"{W}style"):
            sid = st.get(f"{W}styleId", "")
            self._elements[sid] = st
            if st.get(f"{W}default") in ("1", "true") and st.get(f"{W}type", "paragraph") == "paragraph":
                self.default_paragraph = sid

    def _parse(self, sid: str) -> Style | None:
        if sid in self._parsed:
            return self._parsed[sid]
        st = self._elements.get(sid)
        if st is None:
            return None
        style = Style(kind=st.get(f"{W}type", "paragraph"))
        name = st.find(f"{W}name")
        style.name = name.get(_VAL, sid) if name is not None else sid
        based = st.find(f"{W}basedOn")
        style.based_on = based.get(_VAL) if based is not None else None
        ppr = st.find(PPR)
        if ppr is not None:
            outline = ppr.find(f"{W}outlineLvl")
            if outline is not None:
                style.outline = _as_int(outline.get(_VAL), 9)
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                nid = num_pr.find(f"{W}numId")
                lvl = num_pr.find(f"{W}ilvl")
                style.num_id = nid.get(_VAL) if nid is not None else None
                style.ilvl = _as_int(lvl.get(_VAL), 0) if lvl is not None else None
        rpr = st.find(RPR)
        if rpr is not None:
            style.bold = _on(rpr.find(f"{W}b"))
            style.italic = _on(rpr.find(f"{W}i"))
        self._parsed[sid] = style
        return style

    def resolve(self, style_id: str | None) -> Style:
        """The style with everything it inherits through basedOn filled in."""
        sid = style_id or self.default_paragraph or ""
        if sid in self._resolved:
            return self._resolved[sid]
        chain: list[Style] = []
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen:
            parsed = self._parse(cur)
            if parsed is None:
                break
            seen.add(cur)
            chain.append(parsed)
            cur = parsed.based_on
        out = Style(name=chain[0].name if chain else sid)
        for st in reversed(chain):
            for attr in ("outline", "num_id", "ilvl", "bold", "italic"):
                value = getattr(st, attr)
                if value is not None:
                    setattr(out, attr, value)
        self._resolved[sid] = out
        return out


def heading_level(style: Style, outline: int | None) -> int:
    m = _HEADING_NAME.match(style.name.strip())
    if m:
        return int(m.group(1))
    level = outline if outline is not None else style.outline
    if level is not None and 0 <= level < 9:
        return level + 1
    if style.name.strip().lower() in ("title", "titel"):
        return 1
    return 0


class _Fields:
    """Complex-field state across paragraphs (a TOC field spans many of them)."""

    __slots__ = ("stack",)

    def __init__(self) -> None:
        self.stack: list[list[str]] = []  # per open field: [instruction, phase]

    @property
    def in_toc(self) -> bool:
        return any(f[0].lstrip().upper().startswith("TOC") for f in self.stack)

    @property
    def in_instruction(self) -> bool:
        return bool(self.stack) and self.stack[-1][1] == "instr"


class DocxReader:
    def __init__(self, package: Package) -> None:
        self.pkg = package
        main = package.main
        related = package.relationships(main)
        by_type: dict[str, list[str]] = {}
        for rtype, name in related.values():
            by_type.setdefault(rtype, []).append(name)
        styles_part = next(iter(by_type.get("/styles", [])), None)
        numbering_part = next(iter(by_type.get("/numbering", [])), None)
        self.styles = Styles(package.xml(styles_part) if styles_part else None)
        self.numbering = Numbering(package.xml(numbering_part) if numbering_part else None)
        self.comment_parts = by_type.get("/comments", [])
        self.margin_parts = by_type.get("/header", []) + by_type.get("/footer", [])
        self.fields = _Fields()
        self.blocks: list[Block] = []
        self.table_count = 0

    # -- body walk --------------------------------------------------------------------------

    def read(self, path: str) -> Document:
        root = self.pkg.xml(self.pkg.main)
        assert root is not None
        body = root.find(f"{W}body")
        if body is not None:
            self._walk(body, None, False)
        revisions = sum(1 for _ in root.iter(*_REVISION_TAGS))
        comments = self._count_comments(root)
        margins = [t for t in (self._plain_text(part) for part in self.margin_parts) if t]
        return Document(path=path, format="docx", blocks=self.blocks, revisions=revisions,
                        comments=comments, margins=margins)

    def _walk(self, parent: etree._Element, table: tuple[int, int, int] | None, toc: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == P:
                self._paragraph(child, table, toc)
            elif tag == TBL:
                self.table_count += 1
                tno = self.table_count
                for r, tr in enumerate(child.iterchildren(TR)):
                    for c, tc in enumerate(tr.iterchildren(TC)):
                        self._walk(tc, (tno, r, c), toc)
            elif tag == SDT:
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                is_toc = gallery is not None and "contents" in gallery.get(_VAL, "").lower()
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._walk(content, table, toc or is_toc)
            elif tag in (CUSTOM_XML, INS, MOVE_TO):
                self._walk(child, table, toc)
            # w:del / w:moveFrom at body level hold deleted paragraphs: not shown once accepted

    def _paragraph(self, p: etree._Element, table: tuple[int, int, int] | None, toc: bool) -> None:
        style_id = None
        outline = None
        num_id = ilvl = None
        ppr = p[0] if len(p) and p[0].tag == PPR else None
        if ppr is not None:
            for el in ppr:
                tag = el.tag
                if tag == PSTYLE:
                    style_id = el.get(_VAL)
                elif tag == NUM_PR:
                    for sub in el:
                        if sub.tag == NUM_ID:
                            num_id = sub.get(_VAL)
                        elif sub.tag == ILVL:
                            ilvl = _as_int(sub.get(_VAL), 0)
                elif tag == OUTLINE:
                    outline = _as_int(el.get(_VAL), None)
        style = self.styles.resolve(style_id)
        text, bold, italic, revised, field_toc = self._runs(p, style)
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
        name = style.name
        self.blocks.append(Block(
            index=len(self.blocks), text=text, label=label, style=name,
            heading=heading_level(style, outline), bold=bold, italic=italic, table=table,
            toc=toc or field_toc or bool(_TOC_STYLE.match(name)), revised=revised,
            list_item=bullet or bool(label)))

    def _runs(self, p: etree._Element, style: Style) -> tuple[str, bool, bool, bool, bool]:
        parts: list[str] = []
        bold_all = italic_all = True
        seen_text = False
        revised = False
        toc = self.fields.in_toc
        stack: list[etree._Element] = list(reversed(p))
        while stack:
            el = stack.pop()
            tag = el.tag
            if tag == R:
                rb, ri, chars = self._run(el, style)
                if chars:
                    parts.append(chars)
                    if chars.strip():
                        seen_text = True
                        bold_all = bold_all and rb
                        italic_all = italic_all and ri
                if self.fields.in_toc:
                    toc = True
            elif tag in _CONTAINERS:
                if tag in (INS, MOVE_TO):
                    revised = True
                if tag == HYPERLINK and el.get(f"{W}anchor", "").startswith("_Toc"):
                    toc = True
                if tag == FLD_SIMPLE and el.get(f"{W}instr", "").lstrip().upper().startswith("TOC"):
                    toc = True
                stack.extend(reversed(el))
            elif tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    stack.extend(reversed(content))
            elif tag in (DEL, MOVE_FROM):
                revised = True
        return "".join(parts), seen_text and bold_all, seen_text and italic_all, revised, toc

    def _run(self, r: etree._Element, style: Style) -> tuple[bool, bool, str]:
        bold = style.bold or False
        italic = style.italic or False
        chars: list[str] = []
        fields = self.fields
        for el in r:
            tag = el.tag
            if tag == T:
                if not fields.in_instruction:
                    chars.append(el.text or "")
            elif tag == RPR:
                b = _on(el.find(f"{W}b"))
                i = _on(el.find(f"{W}i"))
                if b is not None:
                    bold = b
                if i is not None:
                    italic = i
            elif tag == TAB:
                if not fields.in_instruction:
                    chars.append("\t")
            elif tag in (BR, CR):
                if el.get(f"{W}type") not in ("page", "column"):
                    chars.append("\n")
            elif tag == NO_BREAK_HYPHEN:
                chars.append("-")
            elif tag == FLD_CHAR:
                kind = el.get(f"{W}fldCharType")
                if kind == "begin":
                    fields.stack.append(["", "instr"])
                elif kind == "separate" and fields.stack:
                    fields.stack[-1][1] = "result"
                elif kind == "end" and fields.stack:
                    fields.stack.pop()
            elif tag == INSTR_TEXT and fields.stack:
                fields.stack[-1][0] += el.text or ""
        return bold, italic, "".join(chars)

    # -- other parts ------------------------------------------------------------------------

    def _count_comments(self, root: etree._Element) -> int:
        total = 0
        for part in self.comment_parts:
            comments = self.pkg.xml(part)
            if comments is not None:
                total += sum(1 for _ in comments.iterchildren(f"{W}comment"))
        if not total:
            total = sum(1 for _ in root.iter(f"{W}commentReference"))
        return total

    def _plain_text(self, part: str) -> str:
        root = self.pkg.xml(part)
        if root is None:
            return ""
        return " ".join(t.text or "" for t in root.iter(T)).strip()


def read_docx(path: Path) -> Document:
    package = open_package(path)
    try:
        return DocxReader(package).read(str(path))
    finally:
        package.zip.close()
