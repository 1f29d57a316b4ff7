"""Read a PDF (as published: from Word, LibreOffice or a print driver) into the blocks of the DOCX reader.

PDFium (through pypdfium2) gives each page's text in reading order, split into lines, and for each
line the rectangles of its text runs (one per PDF text object, so one font each). That is all this
module asks of it, and it asks a few times per line rather than per character: the lines cost a
fraction of what PDFium needs to load the pages. Page objects (drawn lines for table borders, images
for scans) are only looked at on pages whose text suggests a table, or that have hardly any text.
What the lines mean — margins, paragraphs, tables, the table of contents, headings — is decided in
`pdflayout.py`, `pdfparagraphs.py` and `pdftables.py`, from the lines alone.

A password-protected or damaged PDF gets a Dutch message here; a scan or text in columns side by side
is refused by the layout: there is no OCR, and a guessed reading order would report findings that are
not there.
"""

from __future__ import annotations

import ctypes
import re
from itertools import pairwise
from pathlib import Path

import msgspec

from cscheck.model import Document
from cscheck.read.errors import ReadError, from_os_error

LINE_BREAK = "\r\n"  # what PDFium puts between the lines of a page
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_ITALIC_NAMES = ("italic", "oblique")
_LETTER = re.compile(r"[^\W\d_]")
# a list label at the end of a run: "3.9a.2", "b)", "iv.", a bullet
_LABEL = re.compile(r"(?:^|\s)(?:\d+(?:\.\d+[a-z]?)*\.?|\(?[a-z]{1,2}[.)]|\(?[ivx]{1,4}[.)]|[•·▪–-]|[\ue000-\uf8ff])$",
                    re.I)


class Run(msgspec.Struct):
    """One text run of a line: one PDF text object, so one font and size."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    bold: bool
    italic: bool
    font: str = ""


class Line(msgspec.Struct):
    """A line of text on a page, as PDFium splits the page; y grows upward (PDF user space)."""

    page: int  # 1-based
    text: str
    runs: list[Run]
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float

    size: float = 0.0  # the font size of most of the line's text
    bold: bool = False  # every word is bold (leader dots and page numbers aside)
    italic: bool = False

    def __post_init__(self) -> None:
        self.measure()

    def measure(self) -> None:
        """Size, boldness and slant from the runs (again after runs were added)."""
        if len(self.runs) == 1:  # most lines
            run = self.runs[0]
            self.size = round(run.size * 2) / 2
            words = _LETTER.search(run.text) is not None
            self.bold, self.italic = words and run.bold, words and run.italic
            return
        sizes: dict[float, int] = {}
        words = []
        for run in self.runs:
            key = round(run.size * 2) / 2
            sizes[key] = sizes.get(key, 0) + len(run.text.strip())
            if _LETTER.search(run.text):
                words.append(run)
        self.size = max(sizes, key=sizes.__getitem__) if sizes else 0.0
        self.bold = bool(words) and all(r.bold for r in words)
        self.italic = bool(words) and all(r.italic for r in words)


class Rule(msgspec.Struct):
    """A drawn horizontal or vertical line (table borders), as a thin rectangle."""

    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) > (self.y1 - self.y0)


class Page(msgspec.Struct):
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = msgspec.field(default_factory=list)
    rules: list[Rule] = msgspec.field(default_factory=list)
    images: int = 0  # image objects on the page (a scan has one per page and no text)


# ---------------------------------------------------------------------------------------------
# PDFium


def _pdfium():  # imported here: the DOCX path never loads PDFium
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    return pdfium, raw


class _Text:
    """The text page of one PDF page, asked per line."""

    def __init__(self, raw, textpage) -> None:  # type: ignore[no-untyped-def]
        self.raw = raw
        self.handle = textpage.raw
        self.textpage = textpage
        self._d = [ctypes.c_double() for _ in range(4)]
        self._refs = [ctypes.byref(d) for d in self._d]
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._fonts: dict[bytes, tuple[bool, bool, str]] = {}
        self._count_rects, self._get_rect = raw.FPDFText_CountRects, raw.FPDFText_GetRect

    def rects(self, start: int, count: int) -> list[tuple[float, float, float, float]]:
        """(left, bottom, right, top) of the text runs of chars start … start + count."""
        handle, (left, bottom, right, top), refs = self.handle, self._d, self._refs
        get, (a, b, c, d) = self._get_rect, refs
        return [(left.value, bottom.value, right.value, top.value)
                for i in range(self._count_rects(handle, start, count)) if get(handle, i, a, d, c, b)]

    def index_at(self, x: float, y: float) -> int:
        return int(self.raw.FPDFText_GetCharIndexAtPos(self.handle, x, y, 1.0, 1.0))

    def origin_y(self, index: int) -> float | None:
        if self.raw.FPDFText_GetCharOrigin(self.handle, index, self._refs[0], self._refs[1]):
            return self._d[1].value
        return None

    def font(self, index: int) -> tuple[float, bool, bool, str]:
        """Size, bold, italic and name of the font of a char."""
        size = float(self.raw.FPDFText_GetFontSize(self.handle, index))
        n = self.raw.FPDFText_GetFontInfo(self.handle, index, self._name, len(self._name), ctypes.byref(self._flags))
        name = self._name.value if n else b""
        known = self._fonts.get(name)
        if known is None:
            text = name.decode("latin-1").lower().split("+", 1)[-1]  # "ABCDEF+Calibri-Bold"
            weight = self.raw.FPDFText_GetFontWeight(self.handle, index)
            bold = any(word in text for word in _BOLD_NAMES) or weight >= 600
            italic = any(word in text for word in _ITALIC_NAMES)
            known = self._fonts[name] = (bold, italic, text)
        return (size, *known)


def _open(path: Path):  # type: ignore[no-untyped-def]
    pdfium, _ = _pdfium()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise from_os_error(exc) from None
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _refused(str(exc)) from None


def _refused(reason: str) -> ReadError:
    if "password" in reason.lower() or "security" in reason.lower():
        return ReadError("versleuteld", "De PDF is met een wachtwoord beveiligd en kan daarom niet worden gelezen. "
                         "Vraag een versie zonder wachtwoord (of het Word-bestand) op.")
    return ReadError("beschadigd", "Het PDF-bestand is beschadigd of onvolledig en kan niet worden gelezen. "
                     "Vraag het bestand opnieuw op, of lever het Word-bestand aan.")


def _page_lines(number: int, text: str, chars: _Text, offsets: list[int] | None) -> list[Line]:
    lines = []
    start = 0
    for raw_line in text.split(LINE_BREAK):
        end = start + len(raw_line)
        if raw_line.strip():
            lines.extend(_line(number, raw_line, start, chars, offsets))
        start = end + len(LINE_BREAK)
    return _rejoined(lines)


def _rejoined(lines: list[Line]) -> list[Line]:
    """PDFium may break one line in two at a wide gap (a table of contents' page number after its leader
    dots): join a line with the one before it when it stands on the same baseline, to the right of it."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and abs(line.baseline - last.baseline) < 1.0 and line.x0 >= last.x1 - 1:
            last.text += (" " if apart(last.text, line.text, line.x0 - last.x1, line.size) else "") + line.text
            last.runs.extend(line.runs)
            last.x1 = line.x1
            last.top, last.bottom = max(last.top, line.top), min(last.bottom, line.bottom)
            last.measure()
        else:
            out.append(line)
    return out


def _line(number: int, text: str, start: int, chars: _Text, offsets: list[int] | None) -> list[Line]:
    first = start + (len(text) - len(text.lstrip()))
    char_start = offsets[first] if offsets else first
    char_end = offsets[start + len(text) - 1] + 1 if offsets else start + len(text)
    rects = chars.rects(char_start, char_end - char_start)
    if not rects:
        return []
    if len(rects) == 1:  # most lines: one text object
        left, bottom, right, top = rects[0]
        size, bold, italic, font = chars.font(char_start)
        baseline = chars.origin_y(char_start)
        run = Run(text, left, right, bottom, top, size, bold, italic, font)
        return [Line(number, text, [run], left, right, top, bottom, bottom if baseline is None else baseline)]
    # each rectangle is one text object; find where each begins, to split the line's text between them
    bounds = [0]
    for left, bottom, right, top in rects[1:]:
        index = chars.index_at(left + min(0.8, (right - left) / 3), (bottom + top) / 2)
        local = _local(index, start, text, offsets)
        if local is None or local <= bounds[-1]:
            bounds = [0]  # PDFium disagrees with itself: keep the line whole
            rects = [(min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects),
                      max(r[3] for r in rects))]
            break
        bounds.append(local)
    bounds.append(len(text))
    runs = []
    for (left, bottom, right, top), a, b in zip(rects, bounds, bounds[1:], strict=False):
        piece = text[a:b]
        probe = start + a + (len(piece) - len(piece.lstrip()))
        size, bold, italic, font = chars.font(offsets[probe] if offsets else probe)
        runs.append((start + a, Run(piece, left, right, bottom, top, size, bold, italic, font)))
    return [_assemble(number, part, chars, offsets) for part in _visual_lines(runs)]


def apart(left: str, right: str, gap: float, size: float) -> bool:
    """Whether two runs of a line are separate words though PDFium put no space between them: a gap wider than
    any letter's side bearings, a tab after a list label that left hardly any room ("3.15.4" and its text), or
    the page number after the leader dots of a table of contents."""
    if not left or not right or left[-1].isspace() or right[0].isspace() or right[0] in ".,;:!?)]}%":
        return False
    if gap > 0.6 * size:
        return True
    if gap <= max(0.8, 0.07 * size):  # a browser draws a heading glyph by glyph: "3.9" and "a" stand ~1 pt apart
        return False
    if right[0].isalpha() and _LABEL.search(left) is not None:
        return True
    return left.endswith((".", "…")) and right.strip().isdigit()


def _visual_lines(runs: list[tuple[int, Run]]) -> list[list[tuple[int, Run]]]:
    """PDFium joins a line ending in a hyphen with the next one: split where a run drops below the last."""
    parts = [[runs[0]]]
    for item in runs[1:]:
        run, last = item[1], parts[-1][-1][1]
        middle = (run.bottom + run.top) / 2
        if middle < last.bottom or middle > last.top:
            parts.append([item])
        else:
            parts[-1].append(item)
    return parts


def _assemble(number: int, part: list[tuple[int, Run]], chars: _Text, offsets: list[int] | None) -> Line:
    runs = [run for _, run in part]
    first = part[0][0] + (len(runs[0].text) - len(runs[0].text.lstrip()))
    baseline = chars.origin_y(offsets[first] if offsets else first)
    bottom = min(r.bottom for r in runs)
    text = runs[0].text
    for before, run in pairwise(runs):
        text += " " + run.text if apart(text, run.text, run.x0 - before.x1, run.size) else run.text
    return Line(page=number, text=text, runs=runs, x0=min(r.x0 for r in runs),
                x1=max(r.x1 for r in runs), top=max(r.top for r in runs), bottom=bottom,
                baseline=baseline if baseline is not None else bottom)


def _local(index: int, start: int, text: str, offsets: list[int] | None) -> int | None:
    """A char index of the page as an offset into the line's text, or None when it is not in the line."""
    if index < 0:
        return None
    if offsets:
        try:
            position = offsets.index(index, start, start + len(text))
        except ValueError:
            return None
        return position - start
    local = index - start
    return local if 0 < local < len(text) else None


def _text_offsets(raw, handle, text: str, count: int) -> list[int] | None:  # type: ignore[no-untyped-def]
    """Char index of every position of the text, when PDFium left chars out of the text or put some in."""
    if len(text) == count:
        return None
    return [max(0, int(raw.FPDFText_GetCharIndexFromTextIndex(handle, i))) for i in range(len(text))]


class _Objects:
    """The drawn lines and images of a page, from PDFium's page objects (raw calls: a page has hundreds)."""

    def __init__(self, raw) -> None:  # type: ignore[no-untyped-def]
        self.raw = raw
        self._f = [ctypes.c_float() for _ in range(4)]
        self._refs = [ctypes.byref(f) for f in self._f]
        self.rules: list[Rule] = []
        self.images = 0

    def scan(self, count: int, get, depth: int = 0) -> None:  # type: ignore[no-untyped-def]
        raw = self.raw
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                continue
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
            elif kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(obj, *self._refs):
                left, bottom, right, top = (f.value for f in self._f)
                width, height = right - left, top - bottom
                if (height <= 2.5 and width >= 6) or (width <= 2.5 and height >= 6):
                    self.rules.append(Rule(left, right, bottom, top))
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 2:
                inner = raw.FPDFFormObj_CountObjects(obj)
                self.scan(inner, lambda j, form=obj: raw.FPDFFormObj_GetObject(form, j), depth + 1)


def _objects(page, raw) -> tuple[list[Rule], int]:  # type: ignore[no-untyped-def]
    """Thin filled or stroked rectangles and lines (table borders), and the number of images."""
    found = _Objects(raw)
    handle = page.raw
    found.scan(raw.FPDFPage_CountObjects(handle), lambda i: raw.FPDFPage_GetObject(handle, i))
    return found.rules, found.images


def _may_hold_a_table(lines: list[Line]) -> bool:
    """A line with a wide gap between its runs, or text that goes back up the page (cells drawn one by one)."""
    for above, line in zip([None, *lines], lines, strict=False):
        if above is not None and line.baseline > above.baseline + 1:
            return True
        if any(b.x0 - a.x1 > 2 * line.size for a, b in pairwise(line.runs)):
            return True
    return False


def read_pages(path: Path) -> list[Page]:
    """Every page's lines, drawn rules and image count."""
    pdfium, raw = _pdfium()
    pdf = _open(path)
    try:
        return [_page(pdf, index, raw) for index in range(len(pdf))]
    except pdfium.PdfiumError as exc:  # a page PDFium cannot load
        raise _refused(str(exc)) from None
    finally:
        pdf.close()


def _page(pdf, index: int, raw) -> Page:  # type: ignore[no-untyped-def]
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            chars = _Text(raw, textpage)
            offsets = _text_offsets(raw, textpage.raw, text, textpage.count_chars())
            lines = _page_lines(index + 1, text, chars, offsets)
        finally:
            textpage.close()
        # the page objects only where they can matter: table borders, or the images of a scan
        few = sum(len(line.text) for line in lines) < 40
        rules, images = _objects(page, raw) if few or _may_hold_a_table(lines) else ([], 0)
        return Page(index + 1, width, height, lines, rules, images)
    finally:
        page.close()


def read_pdf(path: Path) -> Document:
    from cscheck.read.pdflayout import layout

    return layout(str(path), read_pages(path))
