"""Read stage: a file on disk → `Document`. One module per input format."""

from __future__ import annotations

from pathlib import Path

from cscheck.model import Document
from cscheck.read.errors import ReadError

DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
SUFFIXES = DOCX_SUFFIXES + MARKDOWN_SUFFIXES


def read_document(path: Path) -> Document:
    """Read any supported input; raise `ReadError` with a Dutch message when that is not possible."""
    suffix = path.suffix.lower()
    if path.is_dir():
        from cscheck.read.markdown import read_markdown

        return read_markdown(path)
    if suffix in MARKDOWN_SUFFIXES:
        from cscheck.read.markdown import read_markdown

        return read_markdown(path)
    if suffix == ".doc":
        from cscheck.read.container import sniff

        sniff(path)  # reports a missing or unreadable file first
        raise ReadError("doc-formaat", "Dit is een oud Word-bestand (.doc). Sla het in Word of LibreOffice op "
                        "als .docx en controleer het opnieuw.")
    from cscheck.read.docx import read_docx

    return read_docx(path)


__all__ = ["SUFFIXES", "ReadError", "read_document"]
