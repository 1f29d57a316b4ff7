"""One Word paragraph read as Word shows it: its visible text, what is hidden in it, and the text of the
footnotes, endnotes and text boxes it holds.

- tracked changes read as accepted: text in `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped;
  a deleted paragraph mark is reported so that the reader joins the paragraph with the next one;
- hidden text (`w:vanish`, `w:specVanish`, directly or from the paragraph or character style) is not
  shown, so it is kept apart (`hidden`);
- fields show their result, never their code, also when fields are nested;
- content controls (`w:sdt`) show their content;
- footnotes, endnotes and text boxes (`w:txbxContent`, of an `mc:AlternateContent` only the choice,
  not the fallback) belong to the paragraph that holds them (`extra`);
- visible text with a highlight colour or a run shading (as the official files mark changed passages) is
  also kept apart (`marked`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from cscheck.read.numbering import W
from cscheck.read.styles import BOLD, ITALIC, OFF, PPR, RPR, SPEC_VANISH, VANISH, Style, Styles
from cscheck.read.walk import FALLBACK, MC

_VAL = f"{W}val"
P, R, T, TAB, PTAB, BR, CR = (f"{W}{n}" for n in ("p", "r", "t", "tab", "ptab", "br", "cr"))
TBL, TR, TC, SDT, SDT_CONTENT = (f"{W}{n}" for n in ("tbl", "tr", "tc", "sdt", "sdtContent"))
INS, DEL, MOVE_TO, MOVE_FROM = (f"{W}{n}" for n in ("ins", "del", "moveTo", "moveFrom"))
HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE = (f"{W}{n}" for n in ("hyperlink", "smartTag", "customXml",
                                                                    "fldSimple"))
FLD_CHAR, INSTR_TEXT = f"{W}fldChar", f"{W}instrText"
NO_BREAK_HYPHEN, RSTYLE = f"{W}noBreakHyphen", f"{W}rStyle"
FOOTNOTE_REF, ENDNOTE_REF = f"{W}footnoteReference", f"{W}endnoteReference"
HIGHLIGHT, SHADING, FILL = f"{W}highlight", f"{W}shd", f"{W}fill"
_NO_COLOUR = frozenset(["", "none", "auto", "ffffff", "nil", "clear"])
TXBX_CONTENT = f"{W}txbxContent"
# where text boxes and shapes sit in a run: DrawingML, VML, embedded objects, and both wrapped for compatibility
_SHAPES = frozenset([f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"])
_CONTAINERS = frozenset([INS, MOVE_TO, HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE, f"{W}dir", f"{W}bdo",
                         SDT_CONTENT])
GONE = (DEL, MOVE_FROM)  # content that is not there once the tracked changes are accepted

NoteText = Callable[[str, str], str]  # ("footnote" | "endnote", id) → the note's text


class Fields:
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
        # evaluated once per field event, not once per run; a field nested in another field's code (the
        # MERGEFIELD in an IF) is part of that code: its result is not shown either
        self.in_toc = any(f[0].lstrip().upper().startswith("TOC") for f in self.stack)
        self.in_instruction = any(f[1] == "instr" for f in self.stack)


class Paragraph:
    """What the runs of one paragraph add up to."""

    __slots__ = ("bold", "extra", "hidden", "italic", "mark_deleted", "marked", "parts", "revised", "seen_text",
                 "style", "toc")

    def __init__(self, style: Style, toc: bool) -> None:
        self.style = style
        self.parts: list[str] = []
        self.hidden: list[str] = []  # text a reader does not see
        self.extra: list[str] = []  # text of footnotes, endnotes and text boxes in this paragraph
        self.marked: list[str] = []  # visible text with a highlight colour or shading
        self.bold = self.italic = True  # every visible character so far
        self.seen_text = False
        self.revised = False
        self.mark_deleted = False  # the paragraph mark is a tracked deletion: it joins the next paragraph
        self.toc = toc

    @property
    def text(self) -> str:
        own = "".join(self.parts)
        return f"{own} {' '.join(self.extra)}".strip() if self.extra else own


def _on(el: etree._Element) -> bool:
    return el.get(_VAL, "true").lower() not in OFF


def _marked(rpr: etree._Element) -> bool:
    """A run with a highlight colour, or a shading with a fill colour (direct formatting)."""
    for prop in rpr:
        if prop.tag == HIGHLIGHT and prop.get(_VAL, "").lower() not in _NO_COLOUR:
            return True
        if prop.tag == SHADING and prop.get(FILL, "").lower() not in _NO_COLOUR:
            return True
    return False


class ParagraphReader:
    """Reads the runs of paragraphs; keeps the field state that runs on from one paragraph to the next."""

    def __init__(self, styles: Styles, notes: NoteText | None = None) -> None:
        self.styles = styles
        self.notes = notes
        self.fields = Fields()

    def read(self, p: etree._Element, style: Style, toc: bool) -> Paragraph:
        para = Paragraph(style, toc or self.fields.in_toc)
        ppr = p[0] if len(p) and p[0].tag == PPR else None
        mark = ppr.find(RPR) if ppr is not None else None
        if mark is not None:
            for el in mark:
                if el.tag in GONE:
                    para.mark_deleted = para.revised = True
                elif el.tag == INS or el.tag == MOVE_TO:
                    para.revised = True
        self._content(p, para)
        return para

    def _content(self, parent: etree._Element, para: Paragraph) -> None:
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
            elif tag in GONE:
                para.revised = True

    def _run(self, r: etree._Element, para: Paragraph) -> None:
        style = para.style
        bold = style.bold or False
        italic = style.italic or False
        hidden = style.vanish or False
        marked = False
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
                bold, italic, hidden = self._properties(el, bold, italic, hidden)
                marked = _marked(el)
            elif tag in (TAB, PTAB):
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
            elif tag in (FOOTNOTE_REF, ENDNOTE_REF):
                if self.notes is not None and not hidden and not fields.in_instruction:
                    kind = "footnote" if tag == FOOTNOTE_REF else "endnote"
                    note = self.notes(kind, el.get(f"{W}id", ""))
                    if note:
                        para.extra.append(note)
            elif tag in _SHAPES and not fields.in_instruction:
                boxes = self.text_boxes(el)
                (para.hidden if hidden else para.extra).extend(boxes)
        if fields.in_toc:
            para.toc = True
        if not chars:
            return
        text = chars[0] if len(chars) == 1 else "".join(chars)
        if hidden:
            para.hidden.append(text)
            return
        para.parts.append(text)
        if marked and not text.isspace():
            para.marked.append(text)
        if not text.isspace():
            para.seen_text = True
            para.bold = para.bold and bold
            para.italic = para.italic and italic

    def _properties(self, rpr: etree._Element, bold: bool, italic: bool, hidden: bool) -> tuple[bool, bool, bool]:
        """Bold, italic and hidden of a run: its own properties over its character style over the paragraph's."""
        own: dict[str, bool] = {}
        for prop in rpr:
            ptag = prop.tag
            if ptag == BOLD:
                own["bold"] = _on(prop)
            elif ptag == ITALIC:
                own["italic"] = _on(prop)
            elif ptag in (VANISH, SPEC_VANISH):
                own["hidden"] = own.get("hidden", False) or _on(prop)
            elif ptag == RSTYLE:
                character = self.styles.resolve(prop.get(_VAL))
                bold = character.bold if character.bold is not None else bold
                italic = character.italic if character.italic is not None else italic
                hidden = character.vanish if character.vanish is not None else hidden
        return own.get("bold", bold), own.get("italic", italic), own.get("hidden", hidden)

    def text_boxes(self, shape: etree._Element) -> list[str]:
        """The text of the text boxes in a drawing, picture or alternate content, each box once."""
        out: list[str] = []
        for box in _boxes(shape):
            inner = ParagraphReader(self.styles, self.notes)  # fields inside a box are the box's own
            texts = [inner.read(p, self.styles.resolve(_style_id(p)), False).text for p in _box_paragraphs(box)]
            text = " ".join(t for t in texts if t.strip())
            if text:
                out.append(text)
        return out


def _boxes(el: etree._Element) -> Iterator[etree._Element]:
    for child in el:
        tag = child.tag
        if tag == TXBX_CONTENT:
            yield child
        elif tag != FALLBACK:
            yield from _boxes(child)


def _box_paragraphs(box: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of a text box, through its tables and content controls (boxes inside it are read with
    the paragraph that holds them)."""
    for child in box:
        tag = child.tag
        if tag == P:
            yield child
        elif tag in (TBL, TR, TC, SDT, SDT_CONTENT):
            yield from _box_paragraphs(child)


def _style_id(p: etree._Element) -> str | None:
    ppr = p[0] if len(p) and p[0].tag == PPR else None
    pstyle = ppr.find(f"{W}pStyle") if ppr is not None else None
    return pstyle.get(_VAL) if pstyle is not None else None


def _points_into_toc(el: etree._Element) -> bool:
    """A hyperlink to a TOC bookmark, or a simple TOC field."""
    if el.tag == HYPERLINK:
        return el.get(f"{W}anchor", "").startswith("_Toc")
    return el.tag == FLD_SIMPLE and el.get(f"{W}instr", "").lstrip().upper().startswith("TOC")
