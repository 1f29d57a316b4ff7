"""The PDF reader: what the layout stage decides from lines (examples built here, no PDF needed), and small
real PDFs made by LibreOffice from python-docx documents (headers and footers, page numbers, a table, a
password, a damaged file)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cscheck.read import ReadError, read_document
from cscheck.read.pdf import Line, Page, Rule, Run, apart
from cscheck.read.pdflayout import layout, refuse_columns, refuse_unreadable, split_margins
from cscheck.read.pdfparagraphs import Measures, Paragraphs, Vocabulary
from cscheck.read.pdftables import find_tables
from tests.fixtures.pdfs import soffice_batch
from tests.fixtures.producers import have_soffice

PITCH = 14.0
SIZE = 11.0


def line(text: str, baseline: float, x0: float = 72.0, page: int = 1, *, size: float = SIZE, bold: bool = False,
         x1: float | None = None, runs: list[tuple[str, float, float]] | None = None) -> Line:
    """A line of text; `runs` as (text, x0, x1) when it has more than one."""
    width = x1 if x1 is not None else x0 + 0.5 * size * len(text)
    parts = runs or [(text, x0, width)]
    made = [Run(t, a, b, baseline - 2, baseline + size * 0.7, size, bold, False) for t, a, b in parts]
    return Line(page=page, text=text if runs is None else "".join(t for t, _, _ in parts), runs=made, x0=parts[0][1],
                x1=parts[-1][2], top=baseline + size * 0.7, bottom=baseline - 2, baseline=baseline)


def measures(**changes: object) -> Measures:
    values = {"body": SIZE, "pitch": PITCH, "right": 520.0, "headings": {16.0: 1, 13.0: 2}}
    values.update(changes)
    return Measures(**values)  # type: ignore[arg-type]


def paragraphs(lines: list[Line], vocabulary: Vocabulary | None = None) -> list[str]:
    builder = Paragraphs(measures(), vocabulary or Vocabulary.of([lines]))
    for item in lines:
        builder.add(item)
    builder.flush()
    return [f"{b.label} {b.text}".strip() for b in builder.blocks]


# ---------------------------------------------------------------------------------------------
# hyphens and spaces


def vocabulary(*texts: str) -> Vocabulary:
    return Vocabulary.of([[line(t, 700.0) for t in texts]])


@pytest.mark.parametrize(("left", "right", "words", "joined"), [
    ("de samenwerkings\u00ad", "overeenkomst", (), "de samenwerkingsovereenkomst"),
    ("deze overeen-", "komst", ("De overeenkomst is getekend.",), "deze overeenkomst"),
    ("deze overeen\ufffe", "komst", ("De overeenkomst is getekend.",), "deze overeenkomst"),
    ("op de prijs-", "kwaliteitverhouding", ("de prijs en de kwaliteitverhouding",), "op de prijs-kwaliteitverhouding"),
    ("zoals wet-", "en regelgeving", ("wetten",), "zoals wet- en regelgeving"),
    ("volgens de i-", "standaarden", ("het Informatiemodel iStandaarden",), "volgens de i-standaarden"),
    ("de Wmo-", "consulent", ("de Wmo-consulent",), "de Wmo-consulent"),
    ("een regel", "die doorloopt", (), "een regel die doorloopt"),
])
def test_line_ends_are_joined_as_the_document_writes_its_words(left: str, right: str, words: tuple[str, ...],
                                                               joined: str) -> None:
    assert vocabulary(left, right, *words).join(left, right) == joined


def test_a_word_broken_in_a_narrow_table_cell_is_made_whole() -> None:
    words = vocabulary("inzake geschillenbeslec", "hting en nieuw", "met tekstconformiteit", "Gedragsverklari", "ng",
                       "Doorvoeren", "grammaticale wijzigingen")
    assert words.join("geschillenbeslec", "hting en nieuw", broken=True) == "geschillenbeslechting en nieuw"
    assert words.join("Gedragsverklari", "ng aanbesteden", broken=True) == "Gedragsverklaring aanbesteden"
    assert words.join("tekstconformiteit", "met CSJ", broken=True) == "tekstconformiteit met CSJ"
    assert words.join("Doorvoeren", "grammaticale", broken=True) == "Doorvoeren grammaticale"
    assert words.join("geschillenbeslec", "hting en nieuw") == "geschillenbeslec hting en nieuw"  # not in a cell


@pytest.mark.parametrize(("left", "right", "gap", "spaced"), [
    ("3.15.4", "Als Opdrachtnemer", 1.5, True),  # a tab after a lid number that left hardly any room
    ("Artikel 3", ".1 – Levering", 1.5, False),
    ("Fraude", ": strafbaar", 1.7, False),
    ("Opdracht", "gever", 0.4, False),
    ("Partijen........", "4", 2.9, True),
    ("Adres:", "Havenplein 1", 20.0, True),
    ("1", "2/1/26", 2.0, False),
])
def test_runs_without_a_space_between_them(left: str, right: str, gap: float, spaced: bool) -> None:
    assert apart(left, right, gap, SIZE) is spaced


def test_a_letter_after_an_article_number_drawn_glyph_by_glyph_stays_with_it() -> None:
    # Chromium prints a heading of 18.7 pt letter by letter, ~1 pt apart: "3.9" "a" is article 3.9a
    assert apart("Artikel 3.9", "a – Verklaring", 0.9, 18.7) is False
    assert apart("3.15.4", "Als Opdrachtnemer", 1.5, 18.7) is True


# ---------------------------------------------------------------------------------------------
# running headers and footers


def _page(number: int, lines: list[Line]) -> Page:
    for item in lines:
        item.page = number
    return Page(number, 612.0, 792.0, lines)


SENTENCES = ["De opdrachtnemer levert de ondersteuning.", "Partijen overleggen twee keer per jaar.",
             "Niet van toepassing.", "De gemeente betaalt binnen dertig dagen.", "Het verslag volgt binnen een maand.",
             "Opdrachtnemer meldt een wijziging direct.", "Geschillen gaan naar de rechter.", "Dit artikel vervalt."]


def test_running_headers_page_numbers_and_pagina_n_van_m_are_margins() -> None:
    pages = []
    for n in range(1, 5):
        pages.append(_page(n, [
            line("Overeenkomst Wmo – Gemeente Zuidhaven", 760.0, page=n),
            line(SENTENCES[2 * n - 2], 700.0, page=n),
            line(SENTENCES[2 * n - 1], 686.0, page=n),
            line(f"Pagina {n} van 4", 40.0, page=n),
            line(str(n + 2), 25.0, x0=300.0, page=n),
        ]))
    bodies, margins = split_margins(pages)
    assert [[item.text for item in body] for body in bodies] == [SENTENCES[i:i + 2] for i in range(0, 8, 2)]
    assert margins[:3] == ["Overeenkomst Wmo – Gemeente Zuidhaven", "Pagina 1 van 4", "3"]


def test_text_that_repeats_at_the_edge_of_the_page_stays() -> None:
    """A number that ends a page once, and lines of text that stand at the same place on every page (identical
    paragraphs) but as close to the text as its own lines are: not margins."""
    pages = [_page(n, [line(SENTENCES[n], 700.0), line("Opdrachtnemer levert zoals afgesproken", 686.0),
                       line("in het contractgesprek.", 672.0), line(SENTENCES[n + 1], 658.0)])
             for n in range(1, 5)]
    pages[2].lines.append(line("12", 644.0))
    bodies, margins = split_margins(pages)
    assert [len(body) for body in bodies] == [4, 4, 5, 4] and margins == []


# ---------------------------------------------------------------------------------------------
# paragraphs


def test_paragraphs_are_rebuilt_from_lines_by_the_space_between_them() -> None:
    lines = [
        line("Artikel 4.2 – Vervoer naar de dagbesteding", 700.0, bold=True),
        line("4.2.1 De vervoerder haalt elke deelnemer thuis op en brengt hem na afloop van de", 686.0 - 10,
             x1=515.0),
        line("activiteiten weer naar huis terug.", 662.0, x1=330.0),
        line("4.2.2 Wie niet mee kan, belt dat een dag vooraf door.", 638.0, x1=420.0),
    ]
    assert paragraphs(lines) == [
        "Artikel 4.2 – Vervoer naar de dagbesteding",
        "4.2.1 De vervoerder haalt elke deelnemer thuis op en brengt hem na afloop van de activiteiten weer naar "
        "huis terug.",
        "4.2.2 Wie niet mee kan, belt dat een dag vooraf door.",
    ]


def test_a_line_that_starts_with_a_number_of_another_article_stays_in_its_paragraph() -> None:
    lines = [
        line("2.5.3 Dezelfde afspraken staan ook in de bijlagen bij artikel 4.1.2,", 700.0, x1=516.0,
             runs=[("2.5.3", 72.0, 100.0), (" Dezelfde afspraken staan ook in de bijlagen bij artikel 4.1.2,",
                                              101.5, 516.0)]),
        line("6.12.1 en 6.14 van het bestek.", 686.0, x1=330.0),
    ]
    assert len(paragraphs(lines)) == 1


def test_items_of_a_list_without_space_between_them_stay_items() -> None:
    lines = [line("1. Opdrachtnemer,", 700.0), line("2. de combinant,", 686.0),
             line("3. een onderaannemer, en/of", 672.0),
             line("4. één of meer vertegenwoordigers", 658.0, runs=[("4.", 72.0, 80.0),
                                                                   (" één of meer vertegenwoordigers", 90.0, 250.0)])]
    assert len(paragraphs(lines)) == 4


def test_a_sentence_that_ends_short_of_the_margin_ends_its_paragraph() -> None:
    lines = [line("De bus vertrekt om negen uur.", 700.0, x1=330.0),
             line("Het verslag volgt binnen een maand na het gesprek.", 686.0, x1=350.0)]
    assert len(paragraphs(lines)) == 2


def test_bullets_become_labels_and_word_private_use_bullets_too() -> None:
    lines = [line("\uf0b7 fraude,", 700.0, runs=[("\uf0b7 ", 72.0, 76.0), ("fraude,", 90.0, 130.0)]),
             line("• slechte kwaliteit,", 686.0, runs=[("• ", 72.0, 76.0), ("slechte kwaliteit,", 90.0, 180.0)])]
    builder = Paragraphs(measures(), Vocabulary.of([lines]))
    for item in lines:
        builder.add(item)
    builder.flush()
    assert [(b.label, b.text, b.bullet, b.list_item) for b in builder.blocks] == [
        ("•", "fraude,", True, True), ("•", "slechte kwaliteit,", True, True)]


def test_headings_by_size_a_table_of_contents_by_its_leaders_and_pages_kept() -> None:
    pages = [_page(1, [line("Inhoudsopgave", 740.0, size=16.0, bold=True),
                       line("Artikel 4.2 – Vervoer naar de dagbesteding ...................... 18", 720.0, x1=520.0),
                       line("Hoofdstuk 1: Levering", 690.0, size=13.0, bold=True),
                       line("Deel 3 van de overeenkomst geldt voor alle Opdrachtnemers.", 670.0, x1=400.0)]),
             _page(2, [line("Deel 4: Slotbepalingen", 740.0, size=16.0, bold=True),
                       line("Hoofdstuk 2: Betaling", 710.0, size=13.0, bold=True),
                       line("Een titel die maar één keer zo groot staat", 680.0, size=20.0)])]
    blocks = layout("x.pdf", pages).blocks
    assert [(b.heading, b.toc, b.page) for b in blocks] == [(1, False, 1), (0, True, 1), (2, False, 1), (0, False, 1),
                                                            (1, False, 2), (2, False, 2), (0, False, 2)]


# ---------------------------------------------------------------------------------------------
# tables


def test_a_table_with_borders_is_read_row_by_row() -> None:
    rules = [Rule(70, 520, 600, 601), Rule(70, 520, 560, 561), Rule(70, 520, 520, 521),
             Rule(70, 71, 520, 601), Rule(200, 201, 520, 601), Rule(519, 520, 520, 601)]
    lines = [line("1.2 Oktober 2025", 585.0, runs=[("1.2", 75.0, 90.0), ("Oktober 2025", 205.0, 270.0)]),
             line("Wijzigingen", 571.0, x0=205.0),
             line("1.1 November", 545.0, runs=[("1.1", 75.0, 90.0), ("November", 205.0, 260.0)])]
    tables = find_tables(Page(1, 612, 792, lines, rules), lines, PITCH)
    assert len(tables) == 1
    cells = [[" ".join(p.text for p in cell) for cell in row] for row in tables[0].rows]
    assert cells == [["1.2", "Oktober 2025 Wijzigingen"], ["1.1", "November"]]


def _grid(top: float, bottom: float) -> list[Rule]:
    middle = (top + bottom) / 2
    return [Rule(70, 520, top, top + 1), Rule(70, 520, middle, middle + 1), Rule(70, 520, bottom, bottom + 1),
            Rule(70, 71, bottom, top + 1), Rule(200, 201, bottom, top + 1), Rule(519, 520, bottom, top + 1)]


def test_tables_one_after_the_other_and_a_table_over_a_page_break() -> None:
    first = [line("A1 B1", 585.0, runs=[("A1", 75.0, 90.0), ("B1", 205.0, 220.0)]),
             line("A2 B2", 565.0, runs=[("A2", 75.0, 90.0), ("B2", 205.0, 220.0)])]
    second = [line("C1 D1", 505.0, runs=[("C1", 75.0, 90.0), ("D1", 205.0, 220.0)]),
              line("C2 D2", 485.0, runs=[("C2", 75.0, 90.0), ("D2", 205.0, 220.0)])]
    carried = [line("E1 F1", 705.0, page=2, runs=[("E1", 75.0, 90.0), ("F1", 205.0, 220.0)]),
               line("E2 F2", 685.0, page=2, runs=[("E2", 75.0, 90.0), ("F2", 205.0, 220.0)])]
    pages = [Page(1, 612, 792, first + second, _grid(600, 560) + _grid(520, 480)),
             Page(2, 612, 792, carried, _grid(720, 680))]
    blocks = layout("x.pdf", pages).blocks
    assert [(b.text, b.table) for b in blocks] == [
        ("A1", (1, 0, 0)), ("B1", (1, 0, 1)), ("A2", (1, 1, 0)), ("B2", (1, 1, 1)),
        ("C1", (2, 0, 0)), ("D1", (2, 0, 1)), ("C2", (2, 1, 0)), ("D2", (2, 1, 1)),
        ("E1", (2, 2, 0)), ("F1", (2, 2, 1)), ("E2", (2, 3, 0)), ("F2", (2, 3, 1))]
    assert blocks[-1].page == 2


def test_a_table_without_borders_needs_three_columns() -> None:
    three = [line("Nr. Eis Bewijsmiddel", 700.0, runs=[("Nr.", 72.0, 90.0), ("Eis", 200.0, 215.0),
                                                        ("Bewijsmiddel", 380.0, 450.0)]),
             line("G1 De opdrachtnemer Referentie", 680.0, runs=[("G1", 72.0, 85.0), ("De opdrachtnemer", 200.0, 300.0),
                                                                  ("Referentie", 380.0, 440.0)]),
             line("heeft ervaring", 666.0, x0=200.0, x1=280.0)]
    tables = find_tables(Page(1, 612, 792, three), three, PITCH)
    assert [[" ".join(p.text for p in cell) for cell in row] for row in tables[0].rows] == [
        ["Nr.", "Eis", "Bewijsmiddel"], ["G1", "De opdrachtnemer heeft ervaring", "Referentie"]]
    two = [line("3.9.1 Opdrachtnemer meldt", 700.0, runs=[("3.9.1", 72.0, 100.0),
                                                          ("Opdrachtnemer meldt", 200.0, 300.0)]),
           line("3.9.2 Opdrachtnemer schakelt", 680.0, runs=[("3.9.2", 72.0, 100.0),
                                                              ("Opdrachtnemer schakelt", 200.0, 310.0)])]
    assert find_tables(Page(1, 612, 792, two), two, PITCH) == []


# ---------------------------------------------------------------------------------------------
# what is refused


def test_scans_empty_pdfs_and_unreadable_fonts_are_refused() -> None:
    scan = [Page(n, 612, 792, [], images=1) for n in (1, 2)]
    with pytest.raises(ReadError) as err:
        refuse_unreadable(scan)
    assert err.value.kind == "gescand" and "OCR" in err.value.message
    with pytest.raises(ReadError) as err:
        refuse_unreadable([Page(1, 612, 792, [])])
    assert err.value.kind == "leeg"
    noise = "\ufffd\ufffd\ufffd \x03\x04\x05 \ufffd\ufffd\ufffd\ufffd \ue041\ue042 Ab \ufffd\ufffd\ufffd"
    garbled = [_page(1, [line(noise, 700.0 - i * 14) for i in range(10)])]
    with pytest.raises(ReadError) as err:
        refuse_unreadable(garbled)
    assert err.value.kind == "pdf-onleesbaar"
    refuse_unreadable([_page(1, [line("Een gewone zin met genoeg letters.", 700.0)])])
    refuse_unreadable([_page(1, [line("Inhoudsopgave ........................................ 2", 700.0 - i * 14)
                                 for i in range(30)])])  # leader dots are punctuation, not noise


def test_text_in_two_columns_is_refused() -> None:
    left = [line(f"tekst in de linker kolom {i}", 700.0 - 14 * i, x0=72.0, x1=290.0) for i in range(20)]
    right = [line(f"tekst in de rechter kolom {i}", 693.0 - 14 * i, x0=320.0, x1=540.0) for i in range(20)]
    with pytest.raises(ReadError) as err:
        refuse_columns(left + right)
    assert err.value.kind == "pdf-kolommen"
    refuse_columns([line(f"een hele regel tekst over de pagina {i}", 700.0 - 14 * i, x1=540.0) for i in range(30)])


# ---------------------------------------------------------------------------------------------
# real PDFs made by LibreOffice


def _field(paragraph: object, code: str) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == "1":
            child = OxmlElement("w:t")
            child.text = text
            run._r.append(child)
        else:
            child = OxmlElement("w:instrText")
            child.set(qn("xml:space"), "preserve")
            child.text = f" {text} "
            run._r.append(child)


def _contract(path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Overeenkomst Wmo – Gemeente Zuidhaven"
    footer = section.footer.paragraphs[0]
    footer.add_run("Pagina ")
    _field(footer, "PAGE")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES")
    table = document.add_table(rows=2, cols=3)
    table.style = document.styles["Table Grid"]
    for row, values in zip(table.rows, (("1.2", "Oktober 2025", "Ketenbureau"),
                                        ("1.1", "November 2024", "Doorvoeren grammaticale wijzigingen")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for number in range(1, 9):
        document.add_heading(f"Artikel 3.{number} – Onderwerp {number}", level=2)
        for lid in range(1, 5):
            document.add_paragraph(f"3.{number}.{lid} Opdrachtnemer levert de ondersteuning zoals in deze "
                                   "overeenkomst staat en houdt zich aan de afspraken die Partijen daarover hebben "
                                   "gemaakt in het contractgesprek van dat jaar.")
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def contract_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd: het maakt de PDF")
    folder = tmp_path_factory.mktemp("pdf")
    source = _contract(folder / "contract.docx")
    return soffice_batch([source], folder / "pdf", "pdf")[source]


def test_a_real_pdf_reads_as_its_word_document(contract_pdf: Path) -> None:
    document = read_document(contract_pdf)
    assert document.format == "pdf"
    assert document.margins[0] == "Overeenkomst Wmo – Gemeente Zuidhaven"
    assert any(m.startswith("Pagina 1 van ") for m in document.margins)
    texts = [b.text for b in document.blocks]
    assert not any("Pagina" in t or "Zuidhaven" in t for t in texts)
    assert [(b.text, b.table) for b in document.blocks[:3]] == [("1.2", (1, 0, 0)), ("Oktober 2025", (1, 0, 1)),
                                                                 ("Ketenbureau", (1, 0, 2))]
    assert document.blocks[5].text == "Doorvoeren grammaticale wijzigingen"
    headings = [b.text for b in document.blocks if b.heading]
    assert headings == [f"Artikel 3.{n} – Onderwerp {n}" for n in range(1, 9)]
    lids = [b.text for b in document.blocks if b.text.startswith("3.")]
    assert len(lids) == 32 and all(t.endswith("dat jaar.") for t in lids)
    assert document.blocks[-1].page is not None and document.blocks[-1].page > 1


def test_a_pdf_named_docx_is_read_as_a_pdf(contract_pdf: Path, tmp_path: Path) -> None:
    disguised = tmp_path / "overeenkomst.docx"
    disguised.write_bytes(contract_pdf.read_bytes())
    assert read_document(disguised).format == "pdf"


def test_damaged_and_password_protected_pdfs_get_a_dutch_message(contract_pdf: Path, tmp_path: Path) -> None:
    broken = tmp_path / "afgebroken.pdf"
    broken.write_bytes(contract_pdf.read_bytes()[:2000])
    with pytest.raises(ReadError) as err:
        read_document(broken)
    assert err.value.kind == "beschadigd" and "PDF" in err.value.message
    source = _contract(tmp_path / "beveiligd.docx")
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"geheim"}}')
    made = soffice_batch([source], tmp_path / "beveiligd", options)
    if source not in made:
        pytest.skip("deze LibreOffice kan geen PDF met wachtwoord maken")
    with pytest.raises(ReadError) as err:
        read_document(made[source])
    assert err.value.kind == "versleuteld" and "wachtwoord" in err.value.message
