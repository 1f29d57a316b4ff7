"""Read a Markdown conversion of a document into the same `Document` model as a DOCX.

Used to build references from the published Markdown sources, and for checking drafts kept as
Markdown. Parsing is markdown-it-py's (CommonMark + tables). Two conventions of the sources are
understood: a table of contents is a run of paragraphs that are only a link to an anchor, and a
folder of per-article files (CSW 1.3) whose contract text sits under a "Brontekst" heading.
"""

from __future__ import annotations

import re
from pathlib import Path

from cscheck.model import Block, Document
from cscheck.read.errors import ReadError, from_os_error

_BRONTEKST = re.compile(r"^#{1,6}\s*Brontekst\s*$", re.M)
# the assistant's scaffolding around the contract text: rules, chatbot sections, per-article headings
_BRONTEKST_END = re.compile(r"^(?:-{3,}\s*$|#{1,6}\s*(?:Chatbot|Mogelijke chatbotvragen|Bronvermelding|Status van dit "
                            r"onderdeel|Bron\s*$)|##\s+Artikel\b)", re.M | re.I)
_NATURAL = re.compile(r"(\d+)")
MAX_MARKDOWN = 64 * 1024 * 1024  # bytes; the longest standard is ~0.1 MB of Markdown


def _natural_key(path: Path) -> list[object]:
    return [int(p) if p.isdigit() else p for p in _NATURAL.split(path.name)]


_SECTION_TITLE = re.compile(r"^##\s+(.+?)\s*$", re.M)
_SCAFFOLD = re.compile(r"^(?:bron|brontekst|bronmetadata|bronvermelding|contracttekst|mogelijke chatbotvragen|"
                       r"status van dit onderdeel|chatbot.*|versiebeheer uit bron|rag.*)$", re.I)


def brontekst(text: str) -> str | None:
    """The contract text of a converted file: what stands under each "Brontekst" heading, or None.

    When a Brontekst part does not open with a heading of its own, the title of the section it belongs
    to ("## Looptijd") is put before it, so that the structure of the document survives.
    """
    parts = []
    for m in _BRONTEKST.finditer(text):
        end = _BRONTEKST_END.search(text, m.end())
        nxt = _BRONTEKST.search(text, m.end())
        stop = min(x.start() for x in (end, nxt) if x is not None) if (end or nxt) else len(text)
        body = text[m.end():stop]
        first = next((line.strip() for line in body.splitlines() if line.strip()), "")
        if not first.startswith(("#", "**")):
            titles = [t for t in _SECTION_TITLE.findall(text, 0, m.start()) if not _SCAFFOLD.match(t.strip())]
            if titles:
                body = f"## {titles[-1]}\n\n{body}"
        parts.append(body)
    return "\n\n".join(parts) if parts else None


def _parser():  # imported lazily: markdown-it is only needed for Markdown input
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.table_no = 0

    def add(self, text: str, **kw: object) -> None:
        text = text.strip(" \n")
        label = str(kw.pop("label", "") or "")
        if not text and not label:
            return
        self.blocks.append(Block(index=len(self.blocks), text=text, label=label, **kw))  # type: ignore[arg-type]

    def feed(self, tokens: list) -> None:
        pending_label = ""
        list_stack: list[list[object]] = []  # [ordered, next number, markup]
        heading = 0
        table: tuple[int, int, int] | None = None
        row = col = -1
        for tok in tokens:
            kind = tok.type
            if kind == "heading_open":
                heading = int(tok.tag[1:])
            elif kind == "heading_close":
                heading = 0
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(tok.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
                list_stack.append([kind == "ordered_list_open", start, tok.markup])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                if list_stack:
                    list_stack.pop()
            elif kind == "list_item_open" and list_stack:
                ordered, number, markup = list_stack[-1]
                pending_label = f"{tok.info or number}{markup}" if ordered else "•"
                list_stack[-1][1] = int(tok.info or number) + 1 if ordered else number  # type: ignore[call-overload]
            elif kind == "table_open":
                self.table_no += 1
                row = -1
            elif kind == "tr_open":
                row += 1
                col = -1
            elif kind in ("th_open", "td_open"):
                col += 1
                table = (self.table_no, row, col)
            elif kind in ("th_close", "td_close"):
                table = None
            elif kind == "inline":
                text, bold, italic, toc = _inline(tok)
                self.add(text, label=pending_label, heading=heading, bold=bold, italic=italic, table=table,
                         toc=toc, list_item=bool(pending_label), bullet=pending_label == "•",
                         style=f"Heading {heading}" if heading else "")
                pending_label = ""


def _inline(tok) -> tuple[str, bool, bool, bool]:
    out: list[str] = []
    strong = em = 0
    all_bold = all_italic = True
    seen = False
    links = 0
    toc_link = False
    outside_link_text = False
    in_link = False
    for child in tok.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            text = child.content if kind != "html_inline" else ""
            if text.strip():
                seen = True
                all_bold = all_bold and strong > 0
                all_italic = all_italic and em > 0
                if not in_link:
                    outside_link_text = True
            out.append(text)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            em += 1
        elif kind == "em_close":
            em -= 1
        elif kind == "link_open":
            links += 1
            in_link = True
            href = str(child.attrs.get("href", ""))
            toc_link = toc_link or href.startswith(("about:blank#", "#"))
        elif kind == "link_close":
            in_link = False
    text = "".join(out)
    return text, seen and all_bold, seen and all_italic, links == 1 and toc_link and not outside_link_text


def markdown_blocks(text: str) -> list[Block]:
    builder = _Builder()
    builder.feed(_parser().parse(text))
    return builder.blocks


def read_markdown(path: Path) -> Document:
    if path.is_dir():
        return _read_folder(path)
    text = read_text(path)
    text = brontekst(text) or text
    return Document(path=str(path), format="md", blocks=markdown_blocks(text))


def read_text(path: Path) -> str:
    """A Markdown file as text: UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_MARKDOWN + 1)
    except OSError as exc:
        raise from_os_error(exc) from None
    if len(data) > MAX_MARKDOWN:
        raise ReadError("te-groot", f"Het Markdown-bestand is groter dan {MAX_MARKDOWN // 2**20} MB; dat is geen "
                        "gewoon contract.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\0" in data[:8192]:
        raise ReadError("geen-tekst", "Dit is geen Markdown- of tekstbestand: het bevat binaire gegevens. Lever "
                        "het document aan als .docx of als Markdown-tekst.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # saved by an old Windows editor; cp1252 maps every byte, so nothing is lost
        return data.decode("cp1252", errors="replace")


def _read_folder(folder: Path) -> Document:
    """A folder of per-article files (as CSW 1.3 is published here): their Brontekst, in article order."""
    try:
        files = sorted(folder.glob("*.md"), key=_natural_key)
    except OSError as exc:
        raise from_os_error(exc) from None
    parts = []
    for file in files:
        body = brontekst(read_text(file))
        if body:
            parts.append(body)
    if not parts:
        raise ReadError("geen-tekst", f"In de map {folder} staan geen Markdown-bestanden met een 'Brontekst'.")
    return Document(path=str(folder), format="md", blocks=markdown_blocks("\n\n".join(parts)))
