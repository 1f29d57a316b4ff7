"""The demonstration documents: the demo standard filled in by an imaginary gemeente, three changed
copies, and a small writer that turns them into Word files the way gemeenten make them (article numbers
typed in heading styles, leden numbered by a Word list, a version table, bullets)."""

from __future__ import annotations

import re
from importlib.resources import files
from io import BytesIO

import msgspec
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

DEMO_ID = "demo-1.0"
SOURCE_NAME = "demo-standaard.md"
OWN_ARTICLE = "Partijen bespreken elk kwartaal de wachttijden en de klachten van cliënten."
OWN_CONDITIONS = "Op deze overeenkomst zijn de Algemene Inkoopvoorwaarden Gemeente Voorbeeldstad 2024 van toepassing."


def standard_text() -> str:
    """The demo standard in Markdown: the project's own sentences in the shape of a CS overeenkomst."""
    return files("cscheck.demo").joinpath("standaard.md").read_text(encoding="utf-8")


def filled(standard: str) -> str:
    """The standard as the gemeente Voorbeeldstad fills it in: every field filled, the optional article 1.2
    used, an own article 1.3 in deel 1 and an article in deel 2."""
    replacements = [
        ("202* - 20**", "2026 - 2027"),
        ("[Naam gemeente]\n\nAdres: [adres]", "Gemeente Voorbeeldstad\n\nAdres: Marktplein 1, Voorbeeldstad"),
        ("[Naam aanbieder]\n\nAdres: [adres]", "Thuishulp Oost B.V.\n\nAdres: Dorpsstraat 12, Voorbeeldstad"),
        ("- [Hier kunnen partijen eigen overwegingen opnemen.]\n", ""),
        ("[begindatum]", "1 januari 2026"),
        ("[einddatum]", "31 december 2027"),
        ("## [Optioneel:] Artikel 1.2", "## Artikel 1.2"),
        ("De eerste [aantal] maanden", "De eerste drie maanden"),
        ("## [Optioneel:] Artikel 1.n [vul in]\n\n[Indien aanwezig: eigen afspraken voor alle opdrachtnemers]",
         f"## Artikel 1.3 – Overleg\n\n{OWN_ARTICLE}"),
        ("[Optioneel:] Artikel 2.n [vul in]", "## Artikel 2.1 – Tarief\n\nHet tarief is 34 euro per uur."),
        ("de rechter in [plaats]", "de rechter in Voorbeeldstad"),
        ("Opgemaakt te [plaats] d.d. [datum]", "Opgemaakt te Voorbeeldstad d.d. 15 december 2025"),
    ]
    return _replace(standard, replacements)


class Voorbeeld(msgspec.Struct, frozen=True):
    """One demonstration document: how it differs from the filled-in standard, what it shows, and the
    findings (rule, article in the standard's numbering) cscheck must give for it."""

    name: str
    shows: str
    replacements: tuple[tuple[str, str], ...] = ()
    expected: frozenset[tuple[str, str | None]] = frozenset()

    def text(self, standard: str) -> str:
        return _replace(filled(standard), list(self.replacements))


VOORBEELDEN = (
    Voorbeeld("1-conform.docx", "goed ingevuld, met een eigen artikel 1.3: geen fouten."),
    Voorbeeld("2-deel3-gewijzigd.docx", "'twee werkdagen' werd 'vijf werkdagen': deel 3 mag niet veranderen.",
              (("binnen twee werkdagen", "binnen vijf werkdagen"),),
              frozenset({("deel3-gewijzigd", "3.2")})),
    Voorbeeld("3-nummering.docx", "artikel 3.3 en 3.4 heten 3.4 en 3.5: houd de nummers van de standaard.",
              (("Artikel 3.4 –", "Artikel 3.5 –"), ("Artikel 3.3 –", "Artikel 3.4 –"),
               ("3.3.1\n", "3.4.1\n"), ("3.3.2\n", "3.4.2\n")),
              frozenset({("nummering-gewijzigd", "3.3"), ("nummering-gewijzigd", "3.4")})),
    Voorbeeld("4-eigen-voorwaarden.docx", "artikel 1.3 maakt eigen inkoopvoorwaarden geldig: alleen die van de "
              "VNG mogen.",
              ((OWN_ARTICLE, OWN_CONDITIONS),),
              frozenset({("eigen-inkoopvoorwaarden", None)})),
)


def _replace(text: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        if old not in text:  # a demo that silently shows nothing is worse than one that does not start
            raise ValueError(f"de demotekst bevat '{old}' niet")
        text = text.replace(old, new)
    return text


# -- Word ---------------------------------------------------------------------------------------

LID = re.compile(r"^(\d+\.\d+)\.(\d+)$")
BOLD = re.compile(r"^\*\*(.+)\*\*$")


def to_docx(markdown: str) -> bytes:
    """Our Markdown (headings, bold lines, bullets, one table, lid numbers on their own line) as a .docx."""
    doc = Document()
    doc.core_properties.author = "cscheck demo"
    lists = _Lists(doc)
    styles = {name: doc.styles[name] for name in ("Heading 1", "Heading 2", "Heading 3", "List Bullet")}
    blocks = [b.strip("\n") for b in markdown.split("\n\n") if b.strip()]
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if m := LID.match(block):
            # a lid: Word numbers it ("3.2.%1"), its text follows in the same paragraph
            paragraph = doc.add_paragraph(blocks[i + 1] if i + 1 < len(blocks) else "")
            lists.number(paragraph, m[1], int(m[2]))
            i += 2
            continue
        if block.startswith("#"):
            level = len(block) - len(block.lstrip("#"))
            doc.add_paragraph(block[level:].strip(), style=styles[f"Heading {level}"])
        elif block.startswith("|"):
            rows = [[c.strip() for c in line.strip("|").split("|")] for line in block.splitlines()
                    if not re.fullmatch(r"[|\s:-]+", line)]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
        elif block.startswith("- "):
            for line in block.splitlines():
                doc.add_paragraph(line[2:], style=styles["List Bullet"])
        elif m := BOLD.match(block):
            doc.add_paragraph().add_run(m[1]).bold = True
        else:
            doc.add_paragraph(block)
        i += 1
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


class _Lists:
    """One Word list per article for its leden, numbered "<article>.1", "<article>.2", …"""

    def __init__(self, doc: DocumentObject) -> None:
        self.root = doc.part.numbering_part.element
        self.nums: dict[str, int] = {}
        self.next_id = 1000  # clear of the definitions python-docx's template brings

    def number(self, paragraph: Paragraph, article: str, lid: int) -> None:
        if article not in self.nums:
            aid = nid = self.next_id
            self.next_id += 1
            abstract = _el("w:abstractNum", abstractNumId=aid)
            _el("w:multiLevelType", abstract, val="singleLevel")
            lvl = _el("w:lvl", abstract, ilvl=0)
            _el("w:start", lvl, val=lid)
            _el("w:numFmt", lvl, val="decimal")
            _el("w:lvlText", lvl, val=f"{article}.%1")
            _el("w:lvlJc", lvl, val="left")
            _el("w:ind", _el("w:pPr", lvl), left=709, hanging=709)
            first = self.root.find(qn("w:num"))
            if first is not None:
                first.addprevious(abstract)  # the schema wants every abstractNum before the nums
            else:
                self.root.append(abstract)
            num = _el("w:num", self.root, numId=nid)
            _el("w:abstractNumId", num, val=aid)
            self.nums[article] = nid
        numpr = _el("w:numPr", paragraph._p.get_or_add_pPr())
        _el("w:ilvl", numpr, val=0)
        _el("w:numId", numpr, val=self.nums[article])


def _el(tag: str, parent: BaseOxmlElement | None = None, **attrs: object) -> BaseOxmlElement:
    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(qn(f"w:{key}"), str(value))
    if parent is not None:
        parent.append(node)
    return node
