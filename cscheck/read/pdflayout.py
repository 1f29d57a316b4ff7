"""The lines of a PDF → the blocks of a Word document: what a PDF reader has to decide.

- **Running headers and footers**: a line at the top or bottom of a page whose text (digits aside)
  stands at the same height on at least half of the pages, or a page number ("Pagina 3 van 79",
  "- 3 -", "3"), is a margin, not contract text (`Document.margins`).
- **Paragraphs** are rebuilt from lines: a line continues the paragraph above it unless there is more
  space between them than a line needs, the font size or boldness changes, a list item starts, or the
  line above stopped short of the right margin at the end of a sentence (the next word would have
  fitted). Across a page break a paragraph goes on when its last line ran to the margin and no
  sentence ended there.
- **Hyphens** at the end of a line: a soft hyphen (U+00AD) goes; a hard one ("-", or U+FFFE, which is
  what PDFium makes of it) goes only when the document itself writes the word whole elsewhere and never
  with that hyphen ("overeen-komst" → "overeenkomst", but "prijs-kwaliteitverhouding" stays).
- **Headings**: a font larger than the body text that recurs on more than one page is a heading level
  (largest = 1); a bold line is bold. Which heading is an article is the structure stage's decision,
  from the same patterns as for Word.
- **Bullets** (•, and the Symbol and Wingdings bullets Word exports as private-use characters) become
  the list label, as in Word; typed list labels ("a)", "3.9.1") stay in the text.
- **Table of contents** lines (leader dots and a page number) are marked as such.
- **Tables**: see `pdftables.py`; each cell becomes a block with its (table, row, cell).

A PDF without text (a scan) and a PDF whose text stands in columns side by side are refused.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from cscheck.model import Block, Document
from cscheck.read.errors import ReadError
from cscheck.read.pdf import Line, Page, apart
from cscheck.read.pdftables import Piece, Table, find_tables

_PAGE_NUMBER = re.compile(r"^[\s\-–—(\[]*(?:(?:pagina|page|blz\.?|p\.)\s*)?(\d{1,4})(?:\s*(?:van|of|/)\s*\d{1,4})?"
                          r"[\s\-–—)\]]*$", re.I)
_DIGITS = re.compile(r"\d+")
_BLANK = re.compile(r"\s+")
_SPECIAL = re.compile("[\ufb00-\ufb06\ufffe]")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_UNREADABLE = re.compile(r"[\W_\ufffd]+")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHENS = ("-", "\ufffe", "\u2010", "\u00ad")
_SENTENCE_END = (".", ":", ";", "!", "?")
# Dutch words of one or two letters: after a word that filled a table cell, anything else is its end ("n", "ng")
_SHORT_WORDS = frozenset(("u", "a", "e", "o", "en", "of", "de", "in", "op", "te", "is", "al", "na", "om", "er", "ze",
                          "we", "je", "ik", "zo", "nu", "ja", "ga"))
_CONJUNCTIONS = frozenset(("en", "of", "tot", "noch", "als", "dan"))
# the consonants a Dutch (or borrowed) word can start with
_ONSETS = frozenset(("bl", "br", "ch", "chr", "cl", "cr", "dr", "dw", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr",
                     "kw", "ph", "pl", "pr", "ps", "rh", "sc", "sch", "schr", "scr", "sh", "sj", "sk", "sl", "sm", "sn",
                     "sp", "spl", "spr", "st", "str", "sw", "th", "tj", "tr", "ts", "tw", "vl", "vr", "wh", "wr", "zw"))
_BULLETS = frozenset("•◦▪▫■□●○‣⁃∙·➢➤►▸✓✔❖")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                            "\ufffe": "-"})
_LABEL_KINDS = (("roman", re.compile(r"^\s*\(?[ivx]{1,5}[.)]\s")),
                ("letter", re.compile(r"^\s*\(?[a-z]{1,2}[.)]\s", re.I)),
                ("number", re.compile(r"^\s*\(?\d{1,3}[.)]\s")),
                ("outline", re.compile(r"^\s*\d{1,3}(?:\.\d{1,3}[a-z]?)+\.?\s")))

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
    texts = ["".join(line.text for line in page.lines) for page in pages]
    lengths = [len(_BLANK.sub("", text)) for text in texts]
    with_text = sum(1 for n in lengths if n >= 20)
    scanned = sum(1 for page, n in zip(pages, lengths, strict=True) if page.images and n < 20)
    visible = sum(lengths)
    if visible < 20 or (scanned and scanned >= with_text):
        raise SCANNED if any(page.images for page in pages) else NO_TEXT
    if sum(len(_UNREADABLE.sub("", text)) for text in texts) < 0.5 * visible:  # letters and digits left
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
            text = _clean(line.text).strip()
            if id(line) in gone and text and text not in margins:
                margins.append(text)
        out.append([line for line in page.lines if id(line) not in gone])
    return out, margins


def _edge(lines: list[Line], candidate: Callable[[Line], bool]) -> list[Line]:
    """The margin lines at one edge of a page (`lines` from that edge inward): the longest run of candidates from
    the edge that ends where more space follows than between two lines of text."""
    run = 0
    while run < min(3, len(lines)) and candidate(lines[run]):
        run += 1
    for k in range(run, 0, -1):
        if k == len(lines):
            return lines[:k]
        gap = abs(lines[k - 1].baseline - lines[k].baseline)
        if gap >= 1.6 * max(lines[k - 1].size, lines[k].size):
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
# the document's measures


@dataclass(slots=True)
class Measures:
    body: float  # font size of the body text
    pitch: float  # baseline to baseline of two lines of one body paragraph
    right: float  # where full lines end
    headings: dict[float, int]  # font size → heading level

    def line_pitch(self, size: float) -> float:
        return self.pitch * size / self.body if self.body else self.pitch


def measure(pages: list[list[Line]]) -> Measures:
    chars: Counter[float] = Counter()
    size_pages: dict[float, set[int]] = {}
    for lines in pages:
        for line in lines:
            size = line.size
            chars[size] += len(line.text.strip())
            size_pages.setdefault(size, set()).add(line.page)
    body = chars.most_common(1)[0][0] if chars else 11.0
    steps = []
    for lines in pages:
        for a, b in pairwise(lines):
            dy = a.baseline - b.baseline
            prose = len(a.text.split()) >= 6 and len(b.text.split()) >= 3 and abs(a.x0 - b.x0) < 2 * body
            if prose and abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and 0.8 * body <= dy <= 2.6 * body:
                steps.append(round(dy * 4) / 4)
    pitch = _smallest_common(steps) or 1.2 * body
    ends = sorted(line.x1 for lines in pages for line in lines if len(line.text.split()) >= 8)
    right = ends[int(len(ends) * 0.9)] if ends else max((line.x1 for lines in pages for line in lines), default=0)
    many = len(pages) > 1
    sizes = sorted((s for s in chars if s > body + 0.9 and (len(size_pages[s]) > 1 or not many)), reverse=True)
    return Measures(body, pitch, right, {s: i + 1 for i, s in enumerate(sizes[:9])})


def _smallest_common(steps: list[float]) -> float | None:
    """The smallest line distance that is common: paragraph spacing only ever adds to it."""
    if not steps:
        return None
    counts = Counter(steps)
    enough = max(3, 0.05 * len(steps))
    values = sorted(counts)
    for v in values:
        near = sum(c for w, c in counts.items() if abs(w - v) <= 0.75)
        if near >= enough:
            cluster = [w for w in values if abs(w - v) <= 0.75]
            return max(cluster, key=counts.__getitem__)
    return counts.most_common(1)[0][0]


# ---------------------------------------------------------------------------------------------
# words of the document, for hyphens


@dataclass(slots=True)
class Vocabulary:
    counts: Counter[str]  # how often each word occurs (lower case, the parts of hyphenated words apart)
    written: set[str]  # the words as written, case and all (hyphenated words whole)

    @classmethod
    def of(cls, pages: list[list[Line]]) -> Vocabulary:
        text = "\n".join(line.text for lines in pages for line in lines)
        return cls(Counter(_FIRST_WORD.findall(text.lower())), set(_WORD.findall(text)))

    def join(self, left: str, right: str, *, broken: bool = False) -> str:
        """Two lines of one paragraph as one text. `broken`: the left line is one word that filled a narrow
        table cell, so the word may go on without a hyphen on the next line."""
        a, b = left.rstrip(), right.lstrip()
        if not a or not b:
            return a + b
        if a[-1] == "\u00ad":
            return a[:-1] + b
        mark = None if _is_letter(a[-1]) else a[-1]
        end = len(a) - (mark is not None)
        start = end
        while start > 0 and _is_letter(a[start - 1]):
            start -= 1
        tail = _FIRST_WORD.match(b)
        if start == end or tail is None:
            return f"{a} {b}"
        fragment, rest = a[start:end], tail.group()
        if mark is None:
            glued = broken and rest[0].islower() and _goes_on(fragment, rest, self.counts)
            return a + b if glued else f"{a} {b}"
        if mark not in _HYPHENS:
            return f"{a} {b}"
        if rest.lower() in _CONJUNCTIONS:  # "wet-" + "en regelgeving": the hyphen stands for a left-out word
            return f"{a[:-1]}- {b}"
        # a hyphen at the end of a line is the word's own, unless the document writes the word whole elsewhere
        # (as it is written here) and never with this hyphen; a line never breaks after one or two letters
        whole = fragment + rest in self.written and f"{fragment}-{rest}" not in self.written
        return a[:-1] + b if whole and len(fragment) > 2 else a[:-1] + "-" + b


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _goes_on(fragment: str, rest: str, counts: Counter[str]) -> bool:
    """Whether `rest` is the end of the word `fragment` begins: the document knows the whole word, or `rest` cannot
    begin a word ("n", "ng", "hting": no vowel, or a cluster of consonants no Dutch word starts with)."""
    if (fragment + rest).lower() in counts:
        return True
    tail = rest.lower()
    if len(tail) <= 2 and tail not in _SHORT_WORDS:
        return True
    onset = re.match(r"[^aeiouyáéíóúàèäëïöü]*", tail)
    cluster = onset.group() if onset else ""
    return cluster == tail or (len(cluster) > 1 and cluster not in _ONSETS)


# ---------------------------------------------------------------------------------------------
# paragraphs


def _clean(text: str) -> str:
    if _SPECIAL.search(text):
        text = text.translate(_LIGATURES)
    return _SPACES.sub(" ", text.replace("\u00ad", "")) if ("\u00ad" in text or "  " in text) else text


def _bullet(line: Line) -> str | None:
    """The text after a bullet that starts the line, or None."""
    text = line.text.lstrip()
    first = text[:1]
    if not first:
        return None
    if first in _BULLETS or "\ue000" <= first <= "\uf8ff":
        rest = text[1:]
        return rest.lstrip() if rest[:1].isspace() or (line.runs and line.runs[0].text.strip() == first) else None
    run = next((r for r in line.runs if r.text.strip()), None)
    if run is not None and run.text.strip() == "o" and len(line.runs) > 1 and "courier" in run.font:
        return text[1:].lstrip()  # Word's second-level bullet: "o" in Courier New
    return None


class Paragraphs:
    """Lines → blocks."""

    def __init__(self, measures: Measures, vocabulary: Vocabulary) -> None:
        self.m = measures
        self.words = vocabulary
        self.blocks: list[Block] = []
        self.lines: list[Line] = []  # the paragraph being built
        self.bullet = False
        self.tables = 0

    # -- decisions -----------------------------------------------------------------------

    def _continues(self, above: Line, below: Line) -> bool:
        if _bullet(below) is not None or _toc_line(above.text):
            return False
        if abs(above.size - below.size) > 0.6 or above.bold != below.bold:
            return False
        if above.page != below.page:
            return self._full(above, below) and not above.text.rstrip().endswith(_SENTENCE_END)
        dy = above.baseline - below.baseline
        pitch = self.m.line_pitch(max(above.size, below.size))
        if dy <= 0 or dy > pitch + max(1.5, 0.15 * pitch):
            return False
        if self._next_item(above, below):
            return False
        return not self._ends(above, below)

    def _next_item(self, above: Line, below: Line) -> bool:
        """A line that starts with a list label where the paragraph started starts the next item, unless the
        sentence above goes on: "… genoemd in artikel 1.4.2," + "3.19.1 en 3.22 …" is one lid."""
        kind = _label_kind(below.text)
        first = self.lines[0]
        if not kind or below.x0 > first.x0 + 2:
            return False
        if _ends_sentence(above) or below.x0 < self.lines[-1].x0 - 2 or _tabbed(below):
            return True
        # "1. Opdrachtnemer," + "2. de combinant,": items of a list, one per line
        return kind != "outline" and kind == _label_kind(first.text) and above.text.rstrip().endswith((",", ";"))

    def _ends(self, above: Line, below: Line) -> bool:
        """The line above ended a sentence and stopped short where the next word would have fitted."""
        return _ends_sentence(above) and not self._full(above, below)

    def _full(self, above: Line, below: Line) -> bool:
        """Whether the first word of the line below might not have fitted on the line above."""
        word = below.text.split()[0] if below.text.split() else ""
        width = (len(word) + 1) * 0.6 * below.size  # generous: a wide word ends no paragraph by mistake
        return above.x1 + width >= self.m.right - 1

    # -- building ------------------------------------------------------------------------

    def add(self, line: Line) -> None:
        if self.lines and self._continues(self.lines[-1], line):
            self.lines.append(line)
            return
        self.flush()
        self.lines = [line]

    def flush(self) -> None:
        if not self.lines:
            return
        lines, self.lines = self.lines, []
        first = lines[0]
        after_bullet = _bullet(first)
        text = after_bullet if after_bullet is not None else first.text
        for line in lines[1:]:
            text = self.words.join(text, line.text)
        text = _clean(text).strip()
        label = "•" if after_bullet is not None else ""
        bold = all(line.bold for line in lines)
        self._append(text, label, first, heading=self.m.headings.get(first.size, 0), bold=bold,
                     italic=all(line.italic for line in lines))

    def _append(self, text: str, label: str, line: Line, *, heading: int = 0, bold: bool = False,
                italic: bool = False, table: tuple[int, int, int] | None = None) -> None:
        if not text and not label:
            return
        self.blocks.append(Block(index=len(self.blocks), text=text, label=label, heading=heading, bold=bold,
                                 italic=italic, table=table, toc=_toc_line(text) and table is None,
                                 list_item=bool(label), bullet=bool(label), page=line.page))

    def table(self, table: Table) -> None:
        self.flush()
        self.tables += 1
        for r, row in enumerate(table.rows):
            for c, pieces in enumerate(row):
                for text, line, bold in self._cell(pieces):
                    self._append(text, "", line, bold=bold, table=(self.tables, r, c))

    def _cell(self, pieces: list[Piece]) -> list[tuple[str, Line, bool]]:
        """The paragraphs of a cell: its lines top to bottom (over a page break too), split where more space
        stands between two lines than a line needs, or where a bullet starts."""
        if not pieces:
            return []
        rows: list[list[Piece]] = []
        for piece in sorted(pieces, key=lambda p: (p.line.page, -round(p.baseline, 1), p.x0)):
            last = rows[-1][0] if rows else None
            if last is not None and last.line.page == piece.line.page and abs(last.baseline - piece.baseline) < 1:
                rows[-1].append(piece)
            else:
                rows.append([piece])
        edge = max(p.x1 for p in pieces)
        out: list[tuple[str, Line, bool]] = []
        text, start, bold, broken = "", rows[0][0].line, True, False
        for previous, row in zip([None, *rows], rows, strict=False):
            line_text = _row_line(row)
            line = row[0].line
            if previous is not None and self._cell_break(previous[0], row[0], line_text):
                out.append((_clean(text).strip(), start, bold))
                text, start, bold = "", line, True
            text = self.words.join(text, line_text, broken=broken) if text else line_text
            broken = " " not in line_text and row[-1].x1 >= edge - 1.2 * line.size
            bold = bold and all(p.line.bold for p in row)
        out.append((_clean(text).strip(), start, bold))
        return [item for item in out if item[0]]

    def _cell_break(self, above: Piece, below: Piece, text: str) -> bool:
        if below.line.page != above.line.page:
            return False
        pitch = self.m.line_pitch(below.line.size)
        return above.baseline - below.baseline > pitch + max(1.5, 0.15 * pitch) or (
            _bullet(below.line) is not None and below.line.text.strip() == text)


def _row_line(pieces: list[Piece]) -> str:
    """The text of the pieces of a cell on one line, left to right, spaced as the line is."""
    text = ""
    last: Piece | None = None
    for piece in sorted(pieces, key=lambda p: p.x0):
        if last is None:
            text = piece.text
        else:
            gap = piece.x0 - last.x1
            text += (" " if apart(text, piece.text, gap, piece.line.size) or gap > 0.25 * piece.line.size else "") \
                + piece.text
        last = piece
    return " ".join(text.split())


def _tabbed(line: Line) -> bool:
    """The line starts with a label that stands apart, as a list label does (a tab or an automatic number)."""
    runs = [r for r in line.runs if r.text.strip()]
    return len(runs) > 1 and bool(_label_kind(runs[0].text.strip() + " ")) and len(runs[0].text.split()) == 1


def _label_kind(text: str) -> str:
    """The kind of list label a line starts with ("number" for "2.", "letter" for "b)" …), or ""."""
    return next((kind for kind, pattern in _LABEL_KINDS if pattern.match(text)), "")


def _toc_line(text: str) -> bool:
    """A line of a table of contents: leader dots (or a rule) and a page number at the end."""
    text = text.rstrip()
    end = len(text)
    while end > 0 and text[end - 1].isdigit():
        end -= 1
    if end == len(text) or len(text) - end > 4:
        return False
    leader = text[:end].rstrip()[-16:].replace(" ", "")
    return leader.endswith(("....", "……", "____"))


def _ends_sentence(line: Line) -> bool:
    return line.text.rstrip().endswith(_SENTENCE_END)


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
            if index in at:
                table = at[index]
                if pending is not None and not continues(pending, table):
                    paragraphs.table(pending)
                pending = table if pending is None or pending is table else pending
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
