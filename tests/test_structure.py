"""The structure finder: headings and lid numbers in the forms municipal documents use."""

from __future__ import annotations

import pytest

from cscheck.model import Block, Document
from cscheck.structure import find_structure
from cscheck.structure.inkoopdocument import find_inkoopdocument as find_outline
from cscheck.structure.lexicon import is_nvt, numbered


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


# -- which number counts -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kw", "shown", "outline"), [
    # the official layout: a style-linked outline list in front of a heading that names its own number
    ("Artikel 3.10 – Informatievoorziening", {"heading": 3, "label": "3.2.1"}, "Artikel 3.10 – Informatievoorziening",
     "3.2.1"),
    ("[Optioneel:] Artikel 1.4: Herzieningsclausule", {"heading": 3, "label": "1.1.4"},
     "[Optioneel:] Artikel 1.4: Herzieningsclausule", "1.1.4"),
    ("Deel 3: Generieke bepalingen", {"heading": 1, "label": "3"}, "Deel 3: Generieke bepalingen", "3"),
    ("Hoofdstuk 2: Informatievoorziening", {"heading": 2, "label": "3.2"}, "Hoofdstuk 2: Informatievoorziening",
     "3.2"),
    ("Bijlage 1: Documenten", {"heading": 1, "label": "6"}, "Bijlage 1: Documenten", "6"),
    ("3.9 Hoofd- en onderaanneming", {"heading": 3, "label": "3.1.9"}, "3.9 Hoofd- en onderaanneming", "3.1.9"),
    # the outline number typed (or pasted from a PDF, or a list converted to text)
    ("3.2.1\tArtikel 3.10 – Informatievoorziening", {"heading": 3}, "Artikel 3.10 – Informatievoorziening", "3.2.1"),
    ("1.1.9 [Optioneel:] Artikel 1.n [vul in]", {"bold": True}, "[Optioneel:] Artikel 1.n [vul in]", "1.1.9"),
    # the text carries no number: the list number is the number
    ("Hoofd- en onderaanneming", {"heading": 2, "label": "Artikel 3.9"}, "Artikel 3.9 Hoofd- en onderaanneming", ""),
    ("Beschrijving opdracht", {"heading": 1, "label": "2"}, "2 Beschrijving opdracht", ""),
    # a lid or list item is no heading: its label stays its number
    ("Artikel 3.26 van de overeenkomst is van toepassing op deze levering en op elke nadere opdracht.",
     {"label": "3.9.1"}, "3.9.1 Artikel 3.26 van de overeenkomst is van toepassing op deze levering en op elke "
     "nadere opdracht.", ""),
    ("3 weken na de melding", {"label": "1."}, "1. 3 weken na de melding", ""),
    ("Artikel 1.1.1 Wet maatschappelijke ondersteuning 2015", {"label": "•", "bullet": True, "list_item": True},
     "• Artikel 1.1.1 Wet maatschappelijke ondersteuning 2015", ""),
])
def test_which_number_of_a_heading_counts(text: str, kw: dict[str, object], shown: str, outline: str) -> None:
    view = numbered(Block(index=0, text=text, **kw))  # type: ignore[arg-type]
    assert (view.shown, view.outline) == (shown, outline)


def test_official_layout_articles_keep_their_own_numbers() -> None:
    outline = {"heading": 3}
    c = find_structure(doc(("Deel 1: Bepalingen", {"heading": 1, "label": "1"}),
                           ("Artikel 1.1: Voorwerp", {**outline, "label": "1.1.1"}), "Tekst.",
                           ("Deel 3: Generieke bepalingen", {"heading": 1, "label": "3"}),
                           ("Hoofdstuk 2: Informatievoorziening", {"heading": 2, "label": "3.2"}),
                           ("Artikel 3.10 – Informatievoorziening", {**outline, "label": "3.2.1"}),
                           "3.10.1", "Eerste lid.", "3.10.2\tTweede lid."))
    assert [(a.key, a.outline, a.deel, a.hoofdstuk) for a in c.artikelen] == [
        ("1.1", "1.1.1", "1", None), ("3.10", "3.2.1", "3", "2")]
    assert [lid.number for lid in c.artikelen[1].leden] == ["3.10.1", "3.10.2"]
    assert [(d.number, d.outline) for d in c.delen] == [("1", "1"), ("3", "3")]


def test_an_article_number_with_three_parts_is_not_an_article_heading() -> None:
    c = find_structure(doc(("Definities", H1), "Artikel 1.1.1 Wet maatschappelijke ondersteuning 2015",
                           ("Deel 1", H1), ("Artikel 1.1: Voorwerp", H2), "Tekst."))
    assert [a.key for a in c.artikelen] == ["1.1"]
    assert [s.text for s in c.sections["definities"].spans] == ["Artikel 1.1.1 Wet maatschappelijke ondersteuning 2015"]


def test_niet_van_toepassing_is_marked_on_leden_and_articles() -> None:
    c = find_structure(doc(("Deel 3", H1), ("Artikel 3.19 – Ontbinding", H2), "3.19.1", "Tekst die geldt.",
                           "3.19.2", "Niet van toepassing", ("Artikel 3.20 – Fusie", H2), "n.v.t."))
    assert [(lid.number, lid.nvt) for lid in c.artikelen[0].leden] == [("3.19.1", False), ("3.19.2", True)]
    assert (c.artikelen[0].nvt, c.artikelen[1].nvt) == (False, True)
    assert is_nvt("Dit artikel is niet van toepassing.") and not is_nvt("Niet van toepassing is artikel 3.2 op …")


@pytest.mark.parametrize("row", ["1.2 Oktober 2025 Ketenbureau", "1.2 1 oktober 2025 Ketenbureau",
                                 "1.2 01-10-2025 Ketenbureau", "1.2\t2025-10-01"])
def test_a_versiebeheer_row_read_as_one_bold_line_is_no_article(row: str) -> None:
    # a PDF loses the table when its header cells are centred: the row becomes one bold line
    from cscheck.standard import declared_version

    c = find_structure(doc(("Versiebeheer:", BOLD), (row, BOLD), ("1.1", {"table": (0, 1, 0)}),
                           ("Deel 1", H1), ("Artikel 1.1: Voorwerp", H2), "Tekst."))
    assert [a.key for a in c.artikelen] == ["1.1"]
    assert declared_version(c) == ("1.2", 1)
    outline = find_outline(doc(("Versiebeheer:", BOLD), (row, BOLD), ("Inleiding", H1), "Tekst."))
    assert "1.2" not in [a.key for a in outline.artikelen]
