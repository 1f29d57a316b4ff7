"""What several report formats share: the heading a finding is shown under, one summary row per
document, paths as other tools want them, and Dutch names for severities and statuses."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import msgspec

from cscheck.model import SEVERITY_NAMES as SEVERITY_NAMES  # its home is the model; reports import it from here
from cscheck.model import DocumentResult, Edit, Finding, Report, document_type_name

SECTION_NAMES = {"overwegingen": "Overwegingen", "definities": "Definities", "partijen": "Partijen",
                 "titelpagina": "Titelpagina", "ondertekening": "Ondertekening"}
PASSED, FAILED, NOT_CHECKED = "geslaagd", "niet geslaagd", "niet gecontroleerd"


def _inkoop(document_type: str | None) -> bool:
    return bool(document_type and document_type.startswith("inkoopdocument"))


def _place(number: str, document_type: str | None) -> str:
    """How a reader names a place: an inkoopdocument has hoofdstukken and paragrafen, not artikelen."""
    if number.startswith("bijlage-"):
        return f"Bijlage {number.removeprefix('bijlage-')}"
    if not _inkoop(document_type):
        return f"Artikel {number}"
    return f"{'Paragraaf' if '.' in number else 'Hoofdstuk'} {number}"


def group(f: Finding, document_type: str | None = None) -> tuple[str, str]:
    """(deel heading, article heading) under which a finding is shown: the standard's number first,
    the document's own number beside it when it differs."""
    if f.article in SECTION_NAMES:
        return ("Voor deel 1", SECTION_NAMES[f.article])
    deel = f"{'Hoofdstuk' if _inkoop(document_type) else 'Deel'} {f.deel}" if f.deel else "Document"
    if f.article:
        head = _place(f.article, document_type)
        if f.document_label and f.document_label.split(".")[:2] != f.article.split(".")[:2]:
            head += f" (in het document: {f.document_label})"
        return deel, head
    if f.document_label:
        return deel, f"{f.document_label} (niet in de standaard)"
    return ("Document", "Algemeen")


def article_name(f: Finding, document_type: str | None = None) -> str:
    """A short, stable name of the place a finding is about (for test names and titles)."""
    if f.article in SECTION_NAMES:
        return SECTION_NAMES[f.article]
    if f.article:
        return _place(f.article, document_type)
    if f.document_label:
        return f"{f.document_label} (niet in de standaard)"
    return "Document"


def status(doc: DocumentResult) -> str:
    if doc.status == "error":
        return NOT_CHECKED
    return FAILED if doc.fails() else PASSED


def verdict(doc: DocumentResult) -> str:
    """Whether a checked document is conform, in words that say what the check covered: infos do not count,
    and a check of some rules only, or with agreed deviations, says so."""
    if doc.status == "error":
        return "niet gecontroleerd"
    if doc.summary.error or doc.summary.warning:
        return "niet conform de standaard"
    limits = []
    if doc.rules_selected:
        limits.append("voor de gekozen regels")
    if any(f.waived for f in doc.findings):
        limits.append("op de afgesproken afwijkingen na")
    return " ".join(["conform de standaard", *limits])


def recognised(doc: DocumentResult, score: bool = False) -> str:
    """What a document was recognised as: "overeenkomst CSW 1.2 (maatwerk)"."""
    if not doc.standard.id:
        return ""
    text = f"{document_type_name(doc.document_type)} {doc.standard.standard or ''} {doc.standard.version or ''}"
    text = " ".join(text.split())
    if doc.variant:
        text += f" ({doc.variant})"
    if score:
        text += f", gelijkenis {doc.standard.score:.0%}"
    return text


class Row(msgspec.Struct, frozen=True):
    document: str
    type: str
    standard: str
    errors: int
    warnings: int
    infos: int
    waived: int
    status: str
    note: str  # why a document could not be checked


def row(doc: DocumentResult) -> Row:
    waived = sum(1 for f in doc.findings if f.waived)
    return Row(document=doc.path, type=doc.document_type or "", standard=doc.standard.id or "",
               errors=doc.summary.error, warnings=doc.summary.warning, infos=doc.summary.info, waived=waived,
               status=status(doc), note=doc.error.message if doc.error else "")


def rows(report: Report) -> list[Row]:
    return [row(d) for d in report.documents]


def relative(path: str) -> str:
    """The path relative to the working folder when it lies inside it (what CI tools expect), with '/'."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def uri(path: str) -> str:
    """A URI reference for a document: relative when possible, else file://."""
    rel = relative(path)
    if rel.startswith("/"):
        return "file://" + quote(rel)
    return quote(rel)


def line(f: Finding) -> int | None:
    """The 'line' CI tools show: the paragraph number (a DOCX has no lines)."""
    return f.location.paragraph


def edit_lines(edit: Edit) -> list[str]:
    """A change as plain "was"/"wordt" lines, the changed words between « », a few words around them."""
    def line(label: str, middle: str) -> str:
        before = f"…{edit.before} " if edit.before else ""
        after = f" {edit.after}" + ("" if edit.after.endswith((".", "!", "?", ";", ":")) else "…") if edit.after else ""
        return f"{label} {before}{middle}{after}"

    lines = []
    if edit.removed:
        lines.append(line("Was:", f"«{edit.removed}»"))
    elif edit.removed_words:
        n = edit.removed_words
        lines.append(line("Was:", f"‹{n} woord{'' if n == 1 else 'en'} van de standaard›"))
    if lines:
        lines.append(line("Wordt:", f"«{edit.added}»" if edit.added else "(weggehaald)"))
    elif edit.added:
        lines.append(line("Toegevoegd:", f"«{edit.added}»"))
    return lines


def page(f: Finding) -> str:
    """"pagina 4" for a finding in a PDF, else "": what a reader of the printed document looks for."""
    return f"pagina {f.location.page}" if f.location.page is not None else ""


def converted(doc: DocumentResult) -> str:
    """The sentence that says a document was converted with LibreOffice before it was checked, or ""."""
    if not doc.converted_from:
        return ""
    return f"Omgezet van {doc.converted_from} naar .docx met LibreOffice en zo gecontroleerd."
