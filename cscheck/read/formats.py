"""What a file is, told from its first bytes: the Dutch answer for everything that is not a .docx.

A PDF, an old Word or Excel file, a password-protected .docx (Word stores it as an OLE compound
file), an RTF or HTML file saved as ".doc", an OpenDocument text or an Excel workbook renamed to
.docx: each gets a message that says what it is and what to do, instead of "not a zip".
"""

from __future__ import annotations

import struct
from pathlib import Path

from cscheck.read.errors import ReadError, damaged, from_os_error

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path, size: int = 1024) -> bytes:
    """The first bytes of a file; a missing or unreadable file becomes a `ReadError`."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise from_os_error(exc) from None


def suffix_for(head: bytes) -> str:
    """The suffix under which a file without a name (standard input) is read: ".pdf" for a PDF, ".rtf" and ".doc"
    for what LibreOffice converts, ".md" for plain text (UTF-8, no NUL), ".docx" for everything else, whose
    reader says in Dutch what an HTML or other file is."""
    if is_pdf(head):
        return ".pdf"
    if head.startswith(OLE_MAGIC):
        return ".doc"
    if not head or head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC, b"PK")) or b"\x00" in head:
        return ".docx"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut off at the end of the sample
            return ".docx"
        text = head[:exc.start].decode("utf-8")
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("{\\rtf"):
        return ".rtf"
    if start.startswith(("<!doctype html", "<html", "<?xml", "mime-version:")):
        return ".docx"
    return ".md"


def is_pdf(head: bytes) -> bool:
    """A PDF starts with "%PDF-", possibly after a little junk (the standard allows 1024 bytes of it)."""
    return b"%PDF-" in head[:1024]


def refuse_non_zip(path: Path, head: bytes) -> None:
    """Raise the right Dutch error for anything that is not a zip package."""
    if not head:
        raise ReadError("leeg", "Het bestand is leeg (0 bytes).")
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return
    if head.startswith(b"PK"):
        raise damaged("het zip-pakket begint niet zoals een Word-document")
    raise _other_format(head)


def _ole_error(path: Path) -> ReadError:
    from cscheck.read import ole

    try:
        with path.open("rb") as fh:
            names = {name.lower() for name in ole.stream_names(fh)}
    except OSError as exc:
        return from_os_error(exc)
    except (ole.NotOle, struct.error):
        names = _names_in_bytes(path)
    if "encryptedpackage" in names or "encryptioninfo" in names:
        return ReadError("versleuteld", "Het document is met een wachtwoord beveiligd (versleuteld) en kan daarom niet "
                         "worden gelezen. Open het in Word, verwijder het wachtwoord (Bestand > Info > Document "
                         "beveiligen) en sla het op als .docx.")
    if "workbook" in names or "book" in names:
        return ReadError("geen-docx", "Dit is een oud Excel-bestand (.xls), geen Word-document. Lever het "
                         ".docx-bestand aan.")
    if "powerpoint document" in names:
        return ReadError("geen-docx", "Dit is een oud PowerPoint-bestand (.ppt), geen Word-document. Lever het "
                         ".docx-bestand aan.")
    return ReadError("doc-formaat", "Dit is een oud Word-bestand (Word 97-2003, .doc). Open het in Word of "
                     "LibreOffice en sla het op als .docx (of: soffice --headless --convert-to docx bestand.doc).",
                     convertible=".doc")


def _names_in_bytes(path: Path) -> set[str]:
    # a damaged directory: the stream names still stand in the file as UTF-16
    try:
        with path.open("rb") as fh:
            data = fh.read(2 * 1024 * 1024)
    except OSError:
        return set()
    return {name.lower() for name in ("EncryptedPackage", "WordDocument") if name.encode("utf-16-le") in data}


def _other_format(head: bytes) -> ReadError:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"%pdf"):
        return ReadError("geen-docx", "Dit is een PDF-bestand, geen Word-document. Lever het .docx-bestand aan.")
    if text.startswith(b"{\\rtf"):
        return ReadError("geen-docx", "Dit is een RTF-bestand, geen .docx. Open het in Word of LibreOffice en sla "
                         "het op als Word-document (.docx).", convertible=".rtf")
    if b"<html" in text or text.startswith(b"<!doctype html") or text.startswith(b"mime-version:"):
        return ReadError("geen-docx", "Dit is een webpagina (HTML), geen .docx. Open het in Word en sla het op als "
                         "Word-document (.docx).")
    if b"w:worddocument" in text or b"word.document" in text:
        return ReadError("geen-docx", "Dit is een Word 2003 XML-bestand, geen .docx. Open het in Word en sla het "
                         "op als Word-document (.docx).", convertible="Word 2003 XML")
    return ReadError("geen-docx", "Dit is geen Word-document (.docx): het bestand is geen zip-pakket. Lever het "
                     ".docx-bestand aan.")


def opendocument(mimetype_part: bytes) -> ReadError:
    """An OpenDocument package: a zip with a "mimetype" part instead of [Content_Types].xml."""
    mimetype = mimetype_part[:100].decode("ascii", errors="replace")
    if "opendocument.text" in mimetype:
        return ReadError("geen-docx", "Dit is een OpenDocument-tekstbestand (.odt), geen .docx. Open het in "
                         "LibreOffice of Word en sla het op als Word-document (.docx).", convertible=".odt")
    return ReadError("geen-docx", "Dit is een OpenDocument-bestand, geen Word-document (.docx).")


def other_office(content_type: str) -> ReadError:
    """An OOXML package whose main part is not a Word document."""
    if "spreadsheetml" in content_type or "ms-excel" in content_type:
        return ReadError("geen-docx", "Dit is een Excel-bestand, geen Word-document. Lever het .docx-bestand aan.")
    if "presentationml" in content_type or "ms-powerpoint" in content_type:
        return ReadError("geen-docx", "Dit is een PowerPoint-bestand, geen Word-document. Lever het .docx-bestand "
                         "aan.")
    return ReadError("geen-docx", f"Dit zip-bestand is geen Word-document (het hoofddeel is van het type "
                     f"{content_type}).")
