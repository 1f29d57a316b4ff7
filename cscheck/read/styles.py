"""Paragraph styles: parsed on first use, resolved through their basedOn chain, shared between documents.

A paragraph's heading level, bold and italic and automatic numbering may all come from its style or
from a style it is based on. Word, LibreOffice and python-docx write a styles part of ~350 KB even
for a letter; parsing it costs as much as reading a 30-page body, so parsed styles are kept for the
next document of the same template.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import OrderedDict

import msgspec
from lxml import etree

from cscheck.read.container import Package, parse_xml
from cscheck.read.errors import ReadError
from cscheck.read.numbering import W

_VAL = f"{W}val"
PPR, RPR, BOLD, ITALIC = (f"{W}{n}" for n in ("pPr", "rPr", "b", "i"))
VANISH, SPEC_VANISH = f"{W}vanish", f"{W}specVanish"
PSTYLE, NUM_PR, NUM_ID, ILVL, OUTLINE = (f"{W}{n}" for n in ("pStyle", "numPr", "numId", "ilvl", "outlineLvl"))
OFF = ("0", "false", "off", "none")  # values of an on/off property (w:b, w:i) that mean off
_HEADING_NAME = re.compile(r"^(?:heading|kop|titre|überschrift|titolo)\s*(\d)$", re.I)
_TOC_STYLE = re.compile(r"^\s*(?:toc|inhopg|inhoudsopgave|verz|table of contents)\s*\d*\s*$", re.I)


def as_int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Style(msgspec.Struct):
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    vanish: bool | None = None  # hidden text (w:vanish, w:specVanish)
    kind: str = "paragraph"
    named_level: int = 0  # "Heading 2", "Kop 2": the level the name gives
    title: bool = False  # "Title": level 1 unless an outline level says otherwise
    toc: bool = False  # a table-of-contents style ("TOC 1", "Inhopg 1")


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(_VAL, "true").lower() not in OFF


class Styles:
    """Paragraph styles, parsed on first use and resolved through their basedOn chain."""

    def __init__(self, root: etree._Element | None) -> None:
        self._elements: dict[str, etree._Element] = {}
        self._index: _StyleIndex | None = None
        self.default_paragraph: str | None = None
        self._resolved: dict[str | None, Style] = {}
        self._parsed: dict[str, Style] = {}
        if root is not None:
            self._load_tree(root)

    def _load_tree(self, root: etree._Element) -> None:
        for st in root.iterchildren(f"{W}style"):
            sid = st.get(f"{W}styleId", "")
            self._elements[sid] = st
            if st.get(f"{W}default") in ("1", "true") and st.get(f"{W}type", "paragraph") == "paragraph":
                self.default_paragraph = sid

    @classmethod
    def from_part(cls, name: str, data: bytes) -> Styles:
        """Styles from the raw part: indexed, each style parsed when a paragraph first uses it.

        A document uses a few dozen of the hundreds of styles in its part, and building the tree of
        the whole part is most of the cost. A part that cannot be indexed safely is parsed whole.
        """
        index = _StyleIndex.build(name, data)
        if index is None:
            return cls(parse_xml(name, data))
        styles = cls(None)
        styles._index = index
        styles.default_paragraph = index.default_paragraph
        return styles

    def _element(self, sid: str) -> etree._Element | None:
        if self._index is None:
            return self._elements.get(sid)
        try:
            return self._index.element(sid)
        except ReadError:
            # the style did not parse on its own: parse the whole part, which says what is wrong with it
            root = parse_xml(self._index.name, self._index.data)
            self._index = None
            self._load_tree(root)
            return self._elements.get(sid)

    def _parse(self, sid: str) -> Style | None:
        if sid in self._parsed:
            return self._parsed[sid]
        st = self._element(sid)
        if st is None:
            return None
        style = Style(kind=st.get(f"{W}type", "paragraph"))
        name = st.find(f"{W}name")
        style.name = name.get(_VAL, sid) if name is not None else sid
        based = st.find(f"{W}basedOn")
        style.based_on = based.get(_VAL) if based is not None else None
        ppr = st.find(PPR)
        if ppr is not None:
            outline = ppr.find(OUTLINE)
            if outline is not None:
                style.outline = as_int(outline.get(_VAL), 9)
            num_pr = ppr.find(NUM_PR)
            if num_pr is not None:
                nid = num_pr.find(NUM_ID)
                lvl = num_pr.find(ILVL)
                style.num_id = nid.get(_VAL) if nid is not None else None
                style.ilvl = as_int(lvl.get(_VAL), 0) if lvl is not None else None
        rpr = st.find(RPR)
        if rpr is not None:
            style.bold = _on(rpr.find(BOLD))
            style.italic = _on(rpr.find(ITALIC))
            style.vanish = _on(rpr.find(VANISH))
            if style.vanish is None:
                style.vanish = _on(rpr.find(SPEC_VANISH))
        self._parsed[sid] = style
        return style

    def resolve(self, style_id: str | None) -> Style:
        """The style with everything it inherits through basedOn filled in (cached per style id)."""
        style = self._resolved.get(style_id)
        if style is None:
            style = self._resolved[style_id] = self._resolve(style_id or self.default_paragraph or "")
        return style

    def _resolve(self, sid: str) -> Style:
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
            for attr in ("outline", "num_id", "ilvl", "bold", "italic", "vanish"):
                value = getattr(st, attr)
                if value is not None:
                    setattr(out, attr, value)
        name = out.name.strip()
        m = _HEADING_NAME.match(name)
        out.named_level = int(m.group(1)) if m else 0
        out.title = name.lower() in ("title", "titel")
        out.toc = bool(_TOC_STYLE.match(name))
        return out


_STYLES_CACHE: OrderedDict[bytes, Styles] = OrderedDict()
_STYLES_CACHE_SIZE = 4


def load_styles(package: Package, part: str | None) -> Styles:
    """The styles of a document, shared by documents whose styles part is byte for byte the same.

    Word and LibreOffice write a styles part of ~350 KB even for a short letter, and parsing it is
    the largest single cost of reading a 30-page contract. The documents of one batch usually come
    from one template, so the part is parsed once, keyed on a hash of its bytes (never on names or
    sizes, which a document could fake). Styles are read-only once parsed, so sharing is safe.
    """
    if part is None or not package.has(part):
        return Styles(None)
    data = package.read(part)
    key = hashlib.blake2b(data, digest_size=16).digest()
    styles = _STYLES_CACHE.get(key)
    if styles is None:
        styles = Styles.from_part(part, data)
        _STYLES_CACHE[key] = styles
        if len(_STYLES_CACHE) > _STYLES_CACHE_SIZE:
            _STYLES_CACHE.popitem(last=False)
    else:
        _STYLES_CACHE.move_to_end(key)
    return styles


def heading_level(style: Style, outline: int | None) -> int:
    if style.named_level:
        return style.named_level
    level = outline if outline is not None else style.outline
    if level is not None and 0 <= level < 9:
        return level + 1
    return 1 if style.title else 0


_W_URI = W[1:-1].encode()
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?styles(?=[\s/>])")
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_UTF8 = re.compile(rb"""encoding\s*=\s*["'](?i:utf-8)["']""")
_IRREGULAR = (b"<!--", b"<![CDATA[", b"<!DOCTYPE", b"<!ENTITY")


class _StyleIndex(msgspec.Struct):
    """Where each w:style element of a styles part sits in its bytes.

    Only built for the plain shape every word processor writes: UTF-8, a prefixed WordprocessingML
    namespace declared on the root, no comments, CDATA, DTD or processing instructions in which a
    "<w:style" could hide, no character references in the style's own attributes. Anything else
    returns None and the part is parsed whole.
    """

    name: str
    data: bytes
    open_root: bytes  # the root's start tag, with all namespace declarations
    close_root: bytes
    spans: dict[str, tuple[int, int]]
    default_paragraph: str | None

    @classmethod
    def build(cls, name: str, data: bytes) -> _StyleIndex | None:
        if any(marker in data for marker in _IRREGULAR) or data.find(b"<?", 1) != -1:
            return None
        if data.startswith(b"<?xml"):
            declaration = data[:data.find(b"?>")]
            if b"encoding" in declaration and not _UTF8.search(declaration):
                return None
        root = _ROOT.search(data)
        if root is None or not root.group(1):
            return None
        prefix = root.group(1)
        root_end = data.find(b">", root.start())
        open_root = data[root.start():root_end + 1]
        declared = {(key, a or b) for key, a, b in _ATTRIBUTE.findall(open_root)}
        if root_end < 0 or open_root.endswith(b"/>") or (b"xmlns:" + prefix, _W_URI) not in declared:
            return None
        spans = _spans(data, prefix, root_end + 1)
        if spans is None:
            return None
        return cls(name, data, open_root, b"</" + prefix + b":styles>", *spans)

    def element(self, sid: str) -> etree._Element | None:
        span = self.spans.get(sid)
        if span is None:
            return None
        start, end = span
        return parse_xml(self.name, self.open_root + self.data[start:end] + self.close_root)[0]


def _spans(data: bytes, prefix: bytes, start: int) -> tuple[dict[str, tuple[int, int]], str | None] | None:
    """styleId → (start, end) of each w:style element, and the default paragraph style."""
    opening = re.compile(rb"<" + re.escape(prefix) + rb":style(?=[\s/>])")
    closing = b"</" + prefix + b":style>"
    spans: dict[str, tuple[int, int]] = {}
    default = None
    last = start
    for m in opening.finditer(data, start):
        tag_end = data.find(b">", m.start())
        if m.start() < last or tag_end < 0:
            return None
        head = data[m.start():tag_end + 1]
        end = tag_end + 1 if head.endswith(b"/>") else data.find(closing, tag_end)
        if end < 0 or b"&#" in head:
            return None
        last = end if head.endswith(b"/>") else end + len(closing)
        # html.unescape knows the five XML entities (&quot; too, which saxutils.unescape leaves); xml.sax.saxutils
        # would pull in urllib, http and email (~20 ms of every start)
        attributes = {key.decode(): html.unescape((a or b).decode("utf-8")) for key, a, b in _ATTRIBUTE.findall(head)}
        sid = attributes.get((prefix + b":styleId").decode(), "")
        spans[sid] = (m.start(), last)  # a later definition wins, as in the tree
        kind = attributes.get((prefix + b":type").decode(), "paragraph")
        if attributes.get((prefix + b":default").decode()) in ("1", "true") and kind == "paragraph":
            default = sid
    return spans, default
