"""The Markdown reader: lists, tables, TOC links, and the Brontekst parts of converted files."""

from __future__ import annotations

from pathlib import Path

from cscheck.read import read_document
from cscheck.read.markdown import brontekst, markdown_blocks


def test_lists_tables_bold_and_toc_links() -> None:
    blocks = markdown_blocks("# Deel 1\n\n**Artikel 1.1**\n\n1. eerste\n2. tweede\n\n- los\n\n"
                             "[Partijen 4](about:blank#partijen)\n\n| 1.2 | Oktober |\n| --- | --- |\n| 1.1 | Mei |\n")
    assert [(b.text, b.label, b.heading, b.bold, b.toc, b.table) for b in blocks] == [
        ("Deel 1", "", 1, False, False, None),
        ("Artikel 1.1", "", 0, True, False, None),
        ("eerste", "1.", 0, False, False, None),
        ("tweede", "2.", 0, False, False, None),
        ("los", "•", 0, False, False, None),
        ("Partijen 4", "", 0, False, True, None),
        ("1.2", "", 0, False, False, (1, 0, 0)),
        ("Oktober", "", 0, False, False, (1, 0, 1)),
        ("1.1", "", 0, False, False, (1, 1, 0)),
        ("Mei", "", 0, False, False, (1, 1, 1)),
    ]


def test_brontekst_keeps_only_the_contract_text_and_its_section_titles() -> None:
    converted = ("# Titel\n\n## Looptijd\n\n### Mogelijke chatbotvragen\n\n- Wat staat er?\n\n### Brontekst\n\n"
                 "De looptijd staat in artikel 1.3.\n\n### Bron\n\nonderdeel Looptijd\n\n-----\n\n## Artikel 3.1\n\n"
                 "### Brontekst\n\n**Artikel 3.1 – Levering**\n\nTekst.\n\n# Chatbot-antwoordinstructie\n\nDoe dit.\n")
    text = brontekst(converted)
    assert text is not None
    assert "chatbot" not in text.lower() and "Wat staat er" not in text and "onderdeel Looptijd" not in text
    assert "## Looptijd" in text and "**Artikel 3.1 – Levering**" in text and text.count("Artikel 3.1") == 1


def test_a_folder_of_article_files_is_read_in_natural_order(tmp_path: Path) -> None:
    for name, body in [("artikel-1-10.md", "**Artikel 1.10 – Tien**\n\nTien."), ("artikel-1-2.md",
                       "**Artikel 1.2 – Twee**\n\nTwee.")]:
        (tmp_path / name).write_text(f"# x\n\n### Brontekst\n\n{body}\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("Geen brontekst hier.\n", encoding="utf-8")
    doc = read_document(tmp_path)
    assert [b.text for b in doc.blocks] == ["Artikel 1.2 – Twee", "Twee.", "Artikel 1.10 – Tien", "Tien."]
