"""Property-based tests of the reader and the structure finder (hypothesis).

Random documents — paragraphs with styles, headings, bold and italic, typed numbers ("Artikel 3.9 –
x", "3.9.1"), Word numbering definitions (levels, start, startOverride, lvlRestart, formats), tables —
are written as real DOCX (python-docx's package with our document and numbering XML) and as
Markdown. Whatever comes in, no exception escapes `read_document`, `find_structure` or
`check_document`, and the invariants hold: paragraph indices strictly increase, every lid belongs to
exactly one article, every block to at most one article, numbering labels count up within a list and
deeper levels restart after a higher one.

Examples: with CI set (as scripts/test, and so CI, does) the tests below run 2,500 examples in total;
locally a quarter of that (set CI=1 to run them all).
"""

from __future__ import annotations

import functools
import io
import os
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscheck.check import CheckOptions, check_document
from cscheck.model import Block, Contract, Document
from cscheck.read import read_document
from cscheck.read.numbering import format_number
from cscheck.reference.manifest import Manifest
from cscheck.structure import find_structure
from tests.mini import mini_manifest

SCALE = 1.0 if os.environ.get("CI") else 0.25
settings.register_profile("cscheck", deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.function_scoped_fixture])
settings.load_profile("cscheck")


def examples(n: int) -> settings:
    return settings(max_examples=max(10, int(n * SCALE)))


# ---------------------------------------------------------------------------------------------
# what a random document is made of

WORDS = ["De", "opdrachtnemer", "levert", "zorg", "aan", "de", "cliënt", "binnen", "termijn", "Artikel", "Art.",
         "Deel", "Hoofdstuk", "lid", "3.9", "1.2", "3.9.1", "2.1.4", "[Optioneel:]", "–", "-", ":", ".", ";",
         "n.v.t.", "Niet van toepassing", "Partijen", "Overwegingen", "Definities", "Inhoudsopgave", "Opgemaakt te",
         "a)", "1.", "ë", "§", "[aantal]", "(Bij", "toelating:)", "&", "<", ">", '"', "1.n", "3.9a"]
STYLES = ["Normal", "Heading1", "Heading2", "Heading3", "Title", "ListParagraph", "Quote", "BodyText"]
FORMATS = ["decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet"]
FIRST_NUM = 100  # above the numIds of python-docx's own numbering part


TYPED = ["", "Artikel {d}.{n} – ", "Artikel {d}.{n}: ", "Art. {d}.{n} ", "{d}.{n} ", "{d}.{n}.{m} ", "{d}.{n}.{m}",
         "Deel {d}: ", "Hoofdstuk {d}: ", "[Optioneel:] Artikel {d}.{n} ", "Artikel {d}.n ", "{d}.{n}.{m}.{m} "]


def _sentence_pool(size: int = 600) -> list[str]:
    """Sentences with and without typed numbers, made once: drawing one is a single choice for hypothesis,
    which keeps an example cheap (data generation, not reading, was most of the run time)."""
    rng = random.Random(20261127)
    pool = ["", " ", "Artikel 1.1 – Voorwerp", "1.1.1", "Niet van toepassing."]
    while len(pool) < size:
        typed = rng.choice(TYPED).format(d=rng.randint(0, 12), n=rng.randint(0, 12), m=rng.randint(0, 12))
        pool.append((typed + " ".join(rng.choices(WORDS, k=rng.randint(0, 10)))).strip())
    return pool


SENTENCES = st.sampled_from(_sentence_pool())
SHORT = st.sampled_from(["", "zorg", "De opdrachtnemer levert zorg.", "Artikel 1.1 – Voorwerp", "1.1.1"])
# style, bold, italic and outline level in one choice
LOOKS = st.sampled_from([(style, bold, italic, outline) for style in STYLES for bold in (False, True)
                         for italic in (False, True) for outline in (None, None, None, 0, 2, 9)])


@dataclass
class Level:
    fmt: str
    start: int
    text: str
    restart: int | None  # lvlRestart


@dataclass
class Numbering:
    abstracts: list[list[Level]]
    nums: list[tuple[int, dict[int, int]]]  # (abstract index, startOverride per level)

    def xml(self) -> tuple[str, str]:
        abstracts = "".join(
            f'<w:abstractNum w:abstractNumId="{FIRST_NUM + a}"><w:multiLevelType w:val="multilevel"/>'
            + "".join(_level_xml(i, lv) for i, lv in enumerate(levels)) + "</w:abstractNum>"
            for a, levels in enumerate(self.abstracts))
        nums = "".join(
            f'<w:num w:numId="{FIRST_NUM + n}"><w:abstractNumId w:val="{FIRST_NUM + a}"/>'
            + "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                      for lvl, v in overrides.items()) + "</w:num>"
            for n, (a, overrides) in enumerate(self.nums))
        return abstracts, nums


def _level_xml(ilvl: int, lv: Level) -> str:
    restart = f'<w:lvlRestart w:val="{lv.restart}"/>' if lv.restart is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{lv.start}"/><w:numFmt w:val="{lv.fmt}"/>{restart}'
            f'<w:lvlText w:val="{escape(lv.text, {chr(34): "&quot;"})}"/></w:lvl>')


@st.composite
def levels(draw: st.DrawFn, ilvl: int) -> Level:
    fmt = draw(st.sampled_from(FORMATS))
    start = draw(st.integers(0 if fmt.startswith("decimal") else 1, 5))
    own = f"%{ilvl + 1}"
    chain = ".".join(f"%{k + 1}" for k in range(ilvl + 1))
    text = draw(st.sampled_from([f"{own}.", f"{own})", chain, f"Artikel {chain}", f"({own})"]))
    restart = draw(st.one_of(st.none(), st.integers(0, ilvl))) if ilvl else None
    return Level("bullet" if fmt == "bullet" else fmt, start, "•" if fmt == "bullet" else text, restart)


@st.composite
def numberings(draw: st.DrawFn) -> Numbering:
    abstracts = [[draw(levels(i)) for i in range(draw(st.integers(1, 4)))] for _ in range(draw(st.integers(1, 3)))]
    nums = []
    for _ in range(draw(st.integers(1, 4))):
        a = draw(st.integers(0, len(abstracts) - 1))
        overrides = draw(st.dictionaries(st.integers(0, len(abstracts[a]) - 1), st.integers(1, 6), max_size=2))
        nums.append((a, overrides))
    return Numbering(abstracts, nums)


@dataclass
class Para:
    text: str
    style: str = "Normal"
    bold: bool = False
    italic: bool = False
    num: int | None = None  # index into Numbering.nums
    ilvl: int = 0
    outline: int | None = None

    def xml(self) -> str:
        ppr = f'<w:pStyle w:val="{self.style}"/>'
        if self.num is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{self.ilvl}"/><w:numId w:val="{FIRST_NUM + self.num}"/></w:numPr>'
        if self.outline is not None:
            ppr += f'<w:outlineLvl w:val="{self.outline}"/>'
        rpr = ("<w:b/>" if self.bold else "") + ("<w:i/>" if self.italic else "")
        runs = "".join(f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>'
                       for chunk in re.findall(r"\S+\s*|\s+", self.text))
        return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


@dataclass
class Table:
    rows: list[list[Para]]

    def xml(self) -> str:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{p.xml()}</w:tc>" for p in row) + "</w:tr>" for row in self.rows)
        return f"<w:tbl><w:tblPr/>{rows}</w:tbl>"

    def paragraphs(self) -> list[Para]:
        return [p for row in self.rows for p in row]


@dataclass
class Spec:
    items: list[Para | Table]
    numbering: Numbering = field(default_factory=lambda: Numbering([], []))

    def paragraphs(self) -> list[Para]:
        return [p for item in self.items for p in (item.paragraphs() if isinstance(item, Table) else [item])]


@st.composite
def paragraphs(draw: st.DrawFn, numbering: Numbering | None, texts: st.SearchStrategy[str]) -> Para:
    style, bold, italic, outline = draw(LOOKS)
    para = Para(draw(texts), style, bold, italic, outline=outline)
    if numbering is not None and numbering.nums:
        choices = [None, *((n, i) for n, (a, _) in enumerate(numbering.nums)
                           for i in range(len(numbering.abstracts[a])))]
        chosen = draw(st.sampled_from(choices))
        if chosen is not None:
            para.num, para.ilvl = chosen
    return para


@st.composite
def specs(draw: st.DrawFn, with_numbering: bool = True, max_items: int = 12, short: bool = False) -> Spec:
    numbering = draw(numberings()) if with_numbering else Numbering([], [])
    para = paragraphs(numbering if with_numbering else None, SHORT if short else SENTENCES)
    table = st.builds(Table, st.lists(st.lists(para, min_size=1, max_size=3), min_size=1, max_size=3))
    items = draw(st.lists(st.one_of(para, para, para, table), max_size=max_items))
    return Spec(items, numbering)


# ---------------------------------------------------------------------------------------------
# writing


@functools.cache
def _package() -> dict[str, bytes]:
    """python-docx's own package (styles, numbering, settings): built once, reused for every example."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_docx(spec: Spec, path: Path) -> Path:
    parts = dict(_package())
    body = "".join(item.xml() for item in spec.items).encode()
    document = parts["word/document.xml"]
    at = document.index(b"<w:sectPr")
    parts["word/document.xml"] = document[:at] + body + document[at:]
    abstracts, nums = (x.encode() for x in spec.numbering.xml())
    numbering = parts["word/numbering.xml"]
    first = numbering.index(b"<w:abstractNum")
    numbering = numbering[:first] + abstracts + numbering[first:]
    parts["word/numbering.xml"] = numbering.replace(b"</w:numbering>", nums + b"</w:numbering>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def write_markdown(spec: Spec, path: Path) -> Path:
    out = []
    for item in spec.items:
        if isinstance(item, Table):
            width = max(len(row) for row in item.rows)
            cells = [[p.text.replace("|", "/") for p in row] + [""] * (width - len(row)) for row in item.rows]
            out.append("\n".join(["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width,
                                  *("| " + " | ".join(row) + " |" for row in cells[1:])]))
            continue
        text = item.text
        if item.bold and text:
            text = f"**{text}**"
        if item.style.startswith("Heading"):
            text = "#" * int(item.style[-1]) + " " + text
        elif item.num is not None:
            text = f"{item.ilvl + 1}. {text}" if item.ilvl % 2 == 0 else f"- {text}"
        out.append(text)
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# invariants


def assert_blocks(document: Document) -> None:
    indices = [b.index for b in document.blocks]
    assert indices == list(range(len(indices)))  # strictly increasing, none skipped


def assert_structure(contract: Contract) -> None:
    articles = [*contract.sections.values(), *contract.artikelen]
    leden = [lid for art in articles for lid in art.leden]
    assert len({id(lid) for lid in leden}) == len(leden), "a lid belongs to more than one article"
    owner: dict[int, int] = {}
    for art in articles:
        assert art.leden, art.key
        seen = []
        for lid in art.leden:
            assert lid.number is None or re.fullmatch(r"\d+\.(?:\d+[a-z]?|n)\.(?:\d+|n)", lid.number), lid.number
            for span in lid.spans:
                assert owner.setdefault(span.block.index, id(art)) == id(art), "a block is in two articles"
                assert 0 <= span.start <= len(span.block.text)
                assert not span.block.toc
                seen.append(span.block.index)
        assert seen == sorted(set(seen)), f"blocks of {art.key} out of order"
        assert all(i >= art.position for i in seen) or art.position < 0 or art.section
    positions = [a.position for a in contract.artikelen if a.position >= 0]
    assert positions == sorted(positions)


def own_value(label: str, level: Level, ilvl: int) -> int | None:
    """The counter of `ilvl` shown in `label`, read back through the level's text and format."""
    pattern = re.escape(level.text).replace(re.escape(f"%{ilvl + 1}"), "(?P<own>{})".format(
        {"lowerLetter": "[a-z]+", "upperLetter": "[A-Z]+", "lowerRoman": "[ivxlcdm]+",
         "upperRoman": "[IVXLCDM]+"}.get(level.fmt, "[0-9]+")), 1)
    for k in range(ilvl):  # a higher level shows its own count, or nothing when it is a bullet
        pattern = pattern.replace(re.escape(f"%{k + 1}"), ".*?", 1)
    m = re.fullmatch(pattern, label)
    assert m, (label, level.text)
    return _parse_number(m.group("own"), level.fmt)


def _parse_number(text: str, fmt: str) -> int:
    if fmt in ("lowerLetter", "upperLetter"):
        return (len(text) - 1) * 26 + ord(text[0].lower()) - ord("a") + 1
    if fmt in ("lowerRoman", "upperRoman"):
        return next(n for n in range(1, 4000) if format_number(n, "lowerRoman") == text.lower())
    return int(text)


def assert_labels(spec: Spec, blocks: list[Block]) -> None:
    """Consecutive items of one list count up by one; a higher level restarts the deeper ones."""
    numbering = spec.numbering
    last: dict[tuple[int, int], int | None] = {}  # (abstract, level) → last value; None = unknown
    higher_since: dict[tuple[int, int], int | None] = {}  # lowest level used since the last item at a level
    started: set[int] = set()
    for para, block in zip(spec.paragraphs(), blocks, strict=True):
        if para.num is None:
            assert not block.label or block.list_item
            continue
        a, overrides = numbering.nums[para.num]
        levels_ = numbering.abstracts[a]
        level = levels_[para.ilvl]
        if para.num not in started:
            started.add(para.num)
            for lvl in overrides:  # a startOverride sets the count once: nothing to compare with
                last[(a, lvl)] = None
                higher_since[(a, lvl)] = None
        key = (a, para.ilvl)
        higher = higher_since.get(key)  # the highest level shown since this level's last item
        _passed(a, para.ilvl, len(levels_), last, higher_since)
        if level.fmt == "bullet":
            assert block.label == "•" and block.list_item
            continue
        value = own_value(block.label, level, para.ilvl)
        if key not in last:
            expected: int | None = level.start
        elif last[key] is None:
            expected = None
        else:
            restarts = higher is not None and (level.restart is None or (level.restart != 0
                                                                         and higher <= level.restart - 1))
            expected = level.start if restarts else last[key] + 1  # type: ignore[operator]
        if expected is not None:
            assert value == expected, (block.label, para.ilvl, expected, last.get(key))
        last[key] = value


def _passed(abstract: int, ilvl: int, count: int, last: dict[tuple[int, int], int | None],
            higher_since: dict[tuple[int, int], int | None]) -> None:
    """An item at `ilvl` (bullet or number) was shown: remember it for the deeper levels."""
    higher_since[(abstract, ilvl)] = None
    for deeper in range(ilvl + 1, 9):
        prev = higher_since.get((abstract, deeper))
        higher_since[(abstract, deeper)] = ilvl if prev is None else min(prev, ilvl)
        if deeper >= count:
            last.pop((abstract, deeper), None)


# ---------------------------------------------------------------------------------------------
# the tests


@examples(750)
@given(spec=specs())
def test_docx_reader_reads_every_paragraph(spec: Spec, tmp_path: Path) -> None:
    document = read_document(write_docx(spec, tmp_path / "willekeurig.docx"))
    assert_blocks(document)
    paras = spec.paragraphs()
    assert [b.text for b in document.blocks] == [p.text for p in paras]
    for para, block in zip(paras, document.blocks, strict=True):
        visible = bool(para.text.strip())
        if para.style == "Normal":  # other styles may be bold or italic themselves
            assert (block.bold, block.italic) == (para.bold and visible, para.italic and visible)
        elif visible:
            assert (para.bold <= block.bold, para.italic <= block.italic) == (True, True)
        if para.style.startswith("Heading"):
            assert block.heading == int(para.style[-1])
    cells = [b.table for b in document.blocks if b.table is not None]
    assert len(cells) == sum(len(t.paragraphs()) for t in spec.items if isinstance(t, Table))
    assert_structure(find_structure(document))


@examples(750)
@given(spec=specs(max_items=30, short=True))
def test_numbering_labels_count_and_restart(spec: Spec, tmp_path: Path) -> None:
    document = read_document(write_docx(spec, tmp_path / "nummering.docx"))
    assert_blocks(document)
    assert_labels(spec, document.blocks)


@examples(500)
@given(spec=specs(with_numbering=False))
def test_markdown_reader_and_structure(spec: Spec, tmp_path: Path) -> None:
    document = read_document(write_markdown(spec, tmp_path / "willekeurig.md"))
    assert_blocks(document)
    assert_structure(find_structure(document))


@st.composite
def blocks(draw: st.DrawFn) -> Document:
    out = []
    for i in range(draw(st.integers(0, 40))):
        out.append(Block(index=i, text=draw(SENTENCES), label=draw(st.sampled_from(
            ["", "", "", "Artikel 1.1", "1.1.1", "3.9.2", "a)", "•", "Deel 2", "2.n.1"])),
            style=draw(st.sampled_from(["", "Heading 2", "TOC 1"])), heading=draw(st.integers(0, 3)),
            bold=draw(st.booleans()), table=draw(st.sampled_from([None, None, (1, 0, 0)])),
            toc=draw(st.integers(0, 9)) == 0, list_item=draw(st.booleans())))
    return Document(path="gegenereerd", format="docx", blocks=out)


@examples(350)
@given(document=blocks())
def test_structure_invariants_on_any_blocks(document: Document) -> None:
    assert_structure(find_structure(document))


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return mini_manifest(tmp_path_factory.mktemp("mini"))


@examples(150)
@given(spec=specs(max_items=10), as_markdown=st.booleans())
def test_check_document_never_raises(spec: Spec, as_markdown: bool, manifest: Manifest, tmp_path: Path) -> None:
    path = write_markdown(spec, tmp_path / "doc.md") if as_markdown else write_docx(spec, tmp_path / "doc.docx")
    result = check_document(path, CheckOptions(debug=True), manifests=[manifest])
    assert result.status == "checked"
