"""Read stage: a file on disk → `Document`. One module per input format.

What a file is, is decided by its content as much as by its name: a `.doc` that is really a .docx is
read as one, a PDF is read as a PDF whatever its name, and an old Word, OpenDocument or RTF file is
converted to .docx by LibreOffice when that is installed (else it gets a Dutch message that says what
it is and how to convert it).
"""

from __future__ import annotations

from pathlib import Path

from cscheck.model import Document
from cscheck.read.errors import ReadError, from_os_error

DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
PDF_SUFFIXES = (".pdf",)
CONVERTED_SUFFIXES = (".doc", ".odt", ".rtf")  # read after a conversion by LibreOffice
SUFFIXES = DOCX_SUFFIXES + MARKDOWN_SUFFIXES + PDF_SUFFIXES + CONVERTED_SUFFIXES


def read_document(path: Path) -> Document:
    """Read any supported input; raise `ReadError` with a Dutch message when that is not possible."""
    try:
        is_folder = path.is_dir()
    except OSError as exc:  # e.g. no permission to look inside the folder that holds it
        raise from_os_error(exc) from None
    if is_folder or path.suffix.lower() in MARKDOWN_SUFFIXES:
        from cscheck.read.markdown import read_markdown

        return read_markdown(path)
    from cscheck.read.formats import is_pdf, sniff

    if is_pdf(sniff(path)):
        from cscheck.read.pdf import read_pdf

        return read_pdf(path)
    from cscheck.read.docx import read_docx

    try:
        return read_docx(path)
    except ReadError as exc:
        if not exc.convertible:
            raise
        from cscheck.read.convert import read_converted, soffice

        program = soffice()
        if program is None:
            raise
        return read_converted(path, exc, program)


__all__ = ["SUFFIXES", "ReadError", "read_document"]
