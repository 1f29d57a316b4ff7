"""The structure finder: headings and lid numbers in the forms municipal documents use."""

from __future__ import annotations

import pytest

from cscheck.model import Block, Document
from cscheck.outline import find_outline
from cscheck.structure import find_structure


def doc(*specs: tuple[str, dict[str, object]] | str) -> Document:
    blocks = []
    for i, spec in enumerate(specs):
        text, kw = (spec, {}) if isinstance(spec, str) else spec
        blocks.append(Block(index=i, text=text, **kw))  # type: ignore[arg-type]
    return Document(path="x", format="docx", blocks=blocks)


H1 = {"heading": 1}
H2 = {"heading": 2}
BOLD = {"bold": True}


@pytest.mark.parametrize("heading", [
    ("Artikel 3.9 – Hoofd- en onderaanneming", H2),
    ("Artikel 3.9: Hoofd- en onderaanneming", H2),
    ("Art. 3.9 Hoofd- en onderaanneming", H2),
    ("3.9 Hoofd- en onderaanneming", H2),
    ("Artikel 3.9 – Hoofd- en onderaanneming", BOLD),
    ("Hoofd- en onderaanneming", {"heading": 2, "label": "Artikel 3.9"}),
    ("Hoofd- en onderaanneming", {"heading": 2, "label": "3.9"}),
])
def test_article_headings_in_every_common_form(heading: tuple[str, dict[str, object]]) -> None:
    c = find_structure(doc(("Deel 3: Generieke bepalingen", H1), heading, "3.9.1", "Eerste lid.",
                           "3.9.2\tTweede lid.", ("Derde lid.", {"label": "3.9.3"})))
    art = c.artikelen[0]
    assert (art.key, art.title, art.deel) == ("3.9", "Hoofd- en onderaanneming", "3")
    assert [lid.number for lid in art.leden] == ["3.9.1", "3.9.2", "3.9.3"]
    assert [s.text for lid in art.leden for s in lid.spans] == ["Eerste lid.", "Tweede lid.", "Derde lid."]


def test_sentences_and_lists_are_not_headings() -> None:
    c = find_structure(doc(("Deel 1", H1), ("Artikel 1.2: Hiërarchie", H2),
                           "Artikel 1.8 van de overeenkomst bevat hierover aanvullende bepalingen.",
                           "4.3.1. [bijlagen benoemen]"))
    assert [a.key for a in c.artikelen] == ["1.2"]
    assert [lid.number for lid in c.artikelen[0].leden] == [None]


def test_toc_header_and_signature_are_not_articles() -> None:
    c = find_structure(doc(("Inhoudsopgave", H1), "Artikel 1.1: Voorwerp\t8", ("Artikel 1.2 Looptijd 9", {"toc": True}),
                           ("Partijen", H1), "Gemeente Zuidhaven", ("Deel 1", H1), ("Artikel 1.1: Voorwerp", H2),
                           "Tekst.", "Opgemaakt te Zuidhaven d.d. 1 januari 2026", "Artikel 9.9 handtekening"))
    assert [a.key for a in c.artikelen] == ["1.1"]
    assert set(c.sections) == {"inhoudsopgave", "partijen", "ondertekening"}
    assert c.toc_blocks == 2


def test_not_applicable_articles_are_marked() -> None:
    c = find_structure(doc(("Deel 1", H1), ("Artikel 1.4 – Herzieningsclausule", H2), "Niet van toepassing.",
                           ("[Optioneel:] Artikel 1.5 – Bestedingsruimte (n.v.t.)", H2),
                           ("Artikel 1.6 – Opzegging", H2), "Tekst die wel geldt."))
    assert [(a.key, a.nvt, a.optional_marker) for a in c.artikelen] == [
        ("1.4", True, False), ("1.5", True, True), ("1.6", False, False)]


def test_renumbered_leden_stay_with_their_article() -> None:
    c = find_structure(doc(("Deel 1", H1), ("Artikel 1.7 – Bibob", H2), "1.8.1", "Tekst.", "1.8.2", "Meer."))
    assert [lid.number for lid in c.artikelen[0].leden] == ["1.8.1", "1.8.2"]


def test_outline_numbers_from_labels_typed_numbers_or_levels() -> None:
    c = find_outline(doc(("Definities", H1), "Tekst.", ("Inkopende organisatie", H1), ("Contact", H2),
                         ("Beschrijving opdracht", {"heading": 1, "label": "2"}),
                         ("2.4.1 Uitvoeringsvariant", {"heading": 3}),
                         ("5. geselecteerd zijn; en", {"label": "5."}), ("Bijlage 1: Documenten", H1), "Rij."))
    assert [(a.key, a.title) for a in c.artikelen] == [("1", "Inkopende organisatie"), ("1.1", "Contact"),
                                                       ("2", "Beschrijving opdracht"), ("2.4.1", "Uitvoeringsvariant")]
    assert set(c.sections) == {"definities", "bijlage-1"}
    assert [s.text for s in c.artikelen[-1].spans] == ["5. geselecteerd zijn; en"]
