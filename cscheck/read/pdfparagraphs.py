"""The lines of a PDF → paragraphs: the decisions of the PDF reader about text (`pdflayout.py` decides about
pages).

- **Paragraphs** are rebuilt from lines: a line continues the paragraph above it unless there is more
  space between them than a line needs, the font size or boldness changes, a list item starts where the
  item above began (after a label set apart by a tab, at the end of a sentence, or as the next of a list of
  one line each), or the line above stopped short of the right margin at the end of a sentence (the next
  word would have fitted). Across a page break a paragraph goes on when its last line ran to the margin
  and no sentence ended there.
- **Hyphens** at the end of a line: a soft hyphen (U+00AD) goes; a hard one ("-", or U+FFFE, which is
  what PDFium makes of it) goes only when the document itself writes the word whole, as written, and
  never with that hyphen ("overeen-komst" → "overeenkomst", but "prijs-kwaliteitverhouding" stays); before
  "en"/"of" it is a left-out word ("wet- en regelgeving").
- **Headings**: a font larger than the body text that recurs on more than one page is a heading level
  (largest = 1); a bold line is bold. Which heading is an article is the structure stage's decision,
  from the same patterns as for Word.
- **Bullets** (•, and the Symbol and Wingdings bullets Word exports as private-use characters) become
  the list label, as in Word; typed list labels ("a)", "3.9.1") stay in the text.
- **Table of contents** lines (leader dots and a page number) are marked as such.
- **Table cells** become one block per paragraph of the cell, with their (table, row, cell).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import msgspec

from cscheck.model import Block
from cscheck.read.pdf import Line, apart
from cscheck.read.pdftables import Piece, Table

_SPECIAL = re.compile("[\ufb00-\ufb06\ufffe]")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_VISIBLE = re.compile(r"\S")
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


# ---------------------------------------------------------------------------------------------
# the document's measures


class Measures(msgspec.Struct):
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


class Vocabulary:
    """The words of the document, counted when a line end first needs them (most documents have few)."""

    def __init__(self, pages: list[list[Line]]) -> None:
        self._pages = pages
        self._counts: Counter[str] | None = None
        self._written: set[str] = set()

    @classmethod
    def of(cls, pages: list[list[Line]]) -> Vocabulary:
        return cls(pages)

    @property
    def counts(self) -> Counter[str]:
        """How often each word occurs (lower case, the parts of hyphenated words apart)."""
        if self._counts is None:
            text = "\n".join(line.text for lines in self._pages for line in lines)
            self._counts = Counter(_FIRST_WORD.findall(text.lower()))
            self._written = set(_WORD.findall(text))
        return self._counts

    @property
    def written(self) -> set[str]:
        """The words as written, case and all (hyphenated words whole)."""
        if self._counts is None:
            self.counts  # noqa: B018 (counts both)
        return self._written

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


def clean(text: str) -> str:
    """Ligatures and PDFium's hyphen mark as letters, soft hyphens gone, runs of spaces as one."""
    if _SPECIAL.search(text):
        text = text.translate(_LIGATURES)
    return _SPACES.sub(" ", text.replace("\u00ad", "")) if ("\u00ad" in text or "  " in text) else text


def _bullet(line: Line) -> str | None:
    """The text after a bullet that starts the line, or None."""
    visible = _VISIBLE.search(line.text)
    first = visible.group() if visible else ""
    if first not in _BULLETS and not "\ue000" <= first <= "\uf8ff" and first != "o":
        return None
    text = line.text.lstrip()
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
        text = clean(text).strip()
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
                out.append((clean(text).strip(), start, bold))
                text, start, bold = "", line, True
            text = self.words.join(text, line_text, broken=broken) if text else line_text
            broken = " " not in line_text and row[-1].x1 >= edge - 1.2 * line.size
            bold = bold and all(p.line.bold for p in row)
        out.append((clean(text).strip(), start, bold))
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
