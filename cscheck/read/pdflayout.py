"""The pages of a PDF → the blocks of a Word document: what the PDF reader decides about pages.

- **What cannot be read**: a PDF without text (a scan: pages that are only images), whose fonts do not
  give the letters away, or with its text in columns side by side, is refused with a Dutch message.
- **Running headers and footers**: a line at the top or bottom of a page whose text (numbers and spaces
  aside) stands at about the same height on at least half of the pages, or a page number that counts
  with the pages, is a margin (`Document.margins`), not contract text, when more space separates it from
  the text than a line needs or it is set in another font size.
- **Tables** (`pdftables.py`) take their lines out of the flow; a table that ends a page and goes on at
  the top of the next is one table (a repeated header row read once, a row the page broke made whole).
- Everything else is paragraphs (`pdfparagraphs.py`), in PDFium's reading order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from cscheck.model import Document
from cscheck.read.errors import ReadError
from cscheck.read.pdf import Line, Page
from cscheck.read.pdfparagraphs import Paragraphs, Vocabulary, clean, measure
from cscheck.read.pdftables import Piece, Table, find_tables

_PAGE_NUMBER = re.compile(r"^[\s\-–—(\[]*(?:(?:pagina|page|blz\.?|p\.)\s*)?(\d{1,4})(?:\s*(?:van|of|/)\s*\d{1,4})?"
                          r"[\s\-–—)\]]*$", re.I)
_DIGITS = re.compile(r"\d+")
_BLANK = re.compile(r"\s+")
_UNREADABLE = re.compile("[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]+")

SCANNED = ReadError("gescand", "Dit is een gescande PDF zonder tekst: de pagina's zijn afbeeldingen. cscheck leest "
                    "geen gescande documenten en doet geen tekstherkenning (OCR). Lever het Word-bestand aan, of een "
                    "PDF die vanuit Word of LibreOffice is opgeslagen.")
NO_TEXT = ReadError("leeg", "De PDF bevat geen tekst.")
GARBLED = ReadError("pdf-onleesbaar", "De tekst in deze PDF is niet leesbaar: de lettertypen geven de letters niet "
                    "prijs (de PDF is zo gemaakt). Lever het Word-bestand aan, of een PDF die vanuit Word of "
                    "LibreOffice is opgeslagen.")
COLUMNS = ReadError("pdf-kolommen", "In deze PDF staat de tekst in kolommen naast elkaar. In welke volgorde die "
                    "gelezen moet worden, kan cscheck niet betrouwbaar bepalen. Lever het Word-bestand aan, of een PDF "
                    "met de tekst in één kolom.")


# ---------------------------------------------------------------------------------------------
# what cannot be read


def refuse_unreadable(pages: list[Page]) -> None:
    """A scan, an empty PDF, or text whose letters the fonts do not give away."""
    lengths = [sum(len(line.text.strip()) for line in page.lines) for page in pages]
    with_text = sum(1 for n in lengths if n >= 20)
    scanned = sum(1 for page, n in zip(pages, lengths, strict=True) if page.images and n < 20)
    if sum(lengths) < 20 or (scanned and scanned >= with_text):
        raise SCANNED if any(page.images for page in pages) else NO_TEXT
    # fonts without a map to Unicode spoil the whole document: a sample of its text tells (PDFium gives
    # U+FFFD, control or private-use characters for glyphs it cannot name)
    sample = _BLANK.sub("", "".join(line.text for page in pages for line in page.lines[:40])[:20_000])
    if len(sample) - len(_UNREADABLE.sub("", sample)) > 0.3 * len(sample):
        raise GARBLED


def refuse_columns(lines: list[Line]) -> None:
    """Text in two columns: many lines of prose on either side of the middle of a page, over the same height,
    and hardly a line across it (tables aside: they are read as tables)."""
    prose = [line for line in lines if len(line.text.split()) >= 3]
    if len(prose) < 16:
        return
    middle = (min(line.x0 for line in prose) + max(line.x1 for line in prose)) / 2
    left = [line.baseline for line in prose if line.x1 < middle]
    right = [line.baseline for line in prose if line.x0 > middle]
    across = len(prose) - len(left) - len(right)
    if len(left) < 8 or len(right) < 8 or across > 0.1 * len(prose):
        return
    overlap = min(max(left), max(right)) - max(min(left), min(right))
    if overlap > 0.5 * min(max(left) - min(left), max(right) - min(right)):
        raise COLUMNS


# ---------------------------------------------------------------------------------------------
# running headers and footers


def split_margins(pages: list[Page]) -> tuple[list[list[Line]], list[str]]:
    """Each page's lines without running headers and footers, and the texts of those.

    A line at the top or bottom of a page is a margin when its text (digits aside) stands at about the same
    height on at least half of the pages, or when it is a page number, and more space separates it (with the
    margin lines outside it) from the text of the page than a line needs."""
    ordered = [sorted(page.lines, key=lambda line: -line.baseline) for page in pages]
    counts: Counter[tuple[str, str, int]] = Counter()
    for lines in ordered:
        edges = [("top", line) for line in lines[:3]] + [("bottom", line) for line in lines[-3:]]
        counts.update({(zone, _key(line.text), round(line.baseline / 6)) for zone, line in edges})
    needed = max(2, (len(pages) + 1) // 2)
    numbers = _page_numbers(pages)

    def candidate(zone: str, line: Line) -> bool:
        key, height = _key(line.text), round(line.baseline / 6)
        return id(line) in numbers or sum(counts[(zone, key, height + d)] for d in (-1, 0, 1)) >= needed

    margins: list[str] = []
    out = []
    for page, lines in zip(pages, ordered, strict=True):
        gone = {id(line) for line in _edge(lines, lambda line: candidate("top", line))}
        gone |= {id(line) for line in _edge(lines[::-1], lambda line: candidate("bottom", line))}
        for line in lines:
            text = clean(line.text).strip()
            if id(line) in gone and text and text not in margins:
                margins.append(text)
        out.append([line for line in page.lines if id(line) not in gone])
    return out, margins


def _edge(lines: list[Line], candidate: Callable[[Line], bool]) -> list[Line]:
    """The margin lines at one edge of a page (`lines` from that edge inward): the longest run of candidates from
    the edge that ends where more space follows than between two lines of text, or where the font size
    changes."""
    run = 0
    while run < min(3, len(lines)) and candidate(lines[run]):
        run += 1
    for k in range(run, 0, -1):
        if k == len(lines):
            return lines[:k]
        outer, inner = lines[k - 1], lines[k]
        apart = abs(outer.baseline - inner.baseline) >= 1.6 * max(outer.size, inner.size)
        if apart or abs(outer.size - inner.size) > 0.6:  # set apart by space, or in a font size of its own
            return lines[:k]
    return []


def _page_numbers(pages: list[Page]) -> set[int]:
    """Lone numbers at the very top or bottom of pages that go up with the pages: page numbers."""
    found: list[tuple[int, Line]] = []
    for page in pages:
        if not page.lines:
            continue
        ordered = sorted(page.lines, key=lambda line: -line.baseline)
        for line in {id(ordered[0]): ordered[0], id(ordered[-1]): ordered[-1]}.values():
            m = _PAGE_NUMBER.match(line.text)
            if m:
                found.append((int(m.group(1)) - page.number, line))
    if not found:
        return set()
    offset, count = Counter(shift for shift, _ in found).most_common(1)[0]
    if count < max(2, 0.3 * len(pages)):
        return set()
    return {id(line) for shift, line in found if shift == offset}


def _key(text: str) -> str:
    """A margin's text with its numbers left out and spaces ignored: "Pagina 3 van 79" = "Pagina 10 van 79"."""
    return _DIGITS.sub("#", "".join(text.lower().split()))


# ---------------------------------------------------------------------------------------------


def layout(path: str, pages: list[Page]) -> Document:
    """The blocks of a PDF, in reading order, as the DOCX reader would give them."""
    refuse_unreadable(pages)
    bodies, margins = split_margins(pages)
    measures = measure(bodies)
    tables = [find_tables(page, lines, measures.pitch) for page, lines in zip(pages, bodies, strict=True)]
    for lines, found in zip(bodies, tables, strict=True):
        inside = {i for t in found for i in t.lines}
        refuse_columns([line for i, line in enumerate(lines) if i not in inside])
    paragraphs = Paragraphs(measures, Vocabulary.of(bodies))
    pending: Table | None = None  # a table that ended its page: it may go on on the next one
    for lines, found in zip(bodies, tables, strict=True):
        at = {t.first: t for t in found}
        inside = {i for t in found for i in t.lines}
        for index, line in enumerate(lines):
            if index in at and (pending is None or not continues(pending, at[index])):
                if pending is not None:
                    paragraphs.table(pending)
                pending = at[index]
            if index not in inside:
                if pending is not None:
                    paragraphs.table(pending)
                    pending = None
                paragraphs.add(line)
    if pending is not None:
        paragraphs.table(pending)
    paragraphs.flush()
    return Document(path=path, format="pdf", blocks=paragraphs.blocks, margins=margins)


def continues(table: Table, following: Table) -> bool:
    """Whether `following` (at the top of the next page) goes on with `table`; if so, it is added to it: a
    header row repeated on the new page is dropped, and a first row without a first cell ends the row the
    page broke."""
    rows = following.rows
    width = len(table.rows[-1]) if table.rows else 0
    if not rows or len(rows[0]) != width or following.page != table.page + 1:
        return False
    if _row_text(rows[0]) == _row_text(table.rows[0]):
        rows = rows[1:]
    if rows and not rows[0][0]:
        for cell, pieces in zip(table.rows[-1], rows[0], strict=True):
            cell.extend(pieces)
        rows = rows[1:]
    table.rows.extend(rows)
    table.page = following.page
    return True


def _row_text(row: list[list[Piece]]) -> list[str]:
    return [" ".join(p.text.split()) for cell in row for p in sorted(cell, key=lambda p: (-p.baseline, p.x0))]
