"""Opening an OOXML package safely: what kind of file it is, size limits, parts, safe XML parsing.

Submissions come from outside. Before anything is inflated we look at the zip directory: the total
uncompressed size, the size of each part and its compression ratio must stay within limits, so that
a zip bomb is refused instead of filling memory. XML is parsed without DTDs, entities or network.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cscheck.read.errors import ReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"

MAX_TOTAL = 512 * 1024 * 1024  # uncompressed bytes in all parts we read
MAX_PART = 256 * 1024 * 1024  # uncompressed bytes of one part
MAX_RATIO = 200  # uncompressed / compressed of one large part
RATIO_FLOOR = 1024 * 1024  # small parts may compress as well as they like

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                          remove_comments=True, remove_pis=True)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT = "/officeDocument"


@dataclass(slots=True)
class Package:
    """An opened OOXML zip with the main document part located."""

    zip: zipfile.ZipFile
    main: str  # name of the main document part, e.g. "word/document.xml"

    def has(self, name: str) -> bool:
        try:
            self.zip.getinfo(name)
        except KeyError:
            return False
        return True

    def xml(self, name: str) -> etree._Element | None:
        if not self.has(name):
            return None
        data = self.zip.read(name)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
            raise ReadError("onveilig", f"Het onderdeel {name} bevat een DTD of entiteiten. Dat komt in "
                            "Word-bestanden niet voor; om veiligheidsredenen is het bestand niet gelezen.")
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise ReadError("beschadigd", f"Het onderdeel {name} is geen geldige XML ({exc.msg}). "
                            "Open het bestand in Word en sla het opnieuw op.") from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type suffix, target part name) of a part."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if rels is None:
            return out
        for rel in rels.iter(_REL):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            rtype = rel.get("Type", "")
            out[rel.get("Id", "")] = (rtype[rtype.rfind("/"):], name)
        return out

    def related(self, part: str, suffix: str) -> list[str]:
        return [name for rtype, name in self.relationships(part).values() if rtype == suffix]


def sniff(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(8)
    except PermissionError:
        raise ReadError("geen-toegang", "Het bestand kan niet worden gelezen: geen leesrechten.") from None
    except IsADirectoryError:
        raise ReadError("geen-bestand", "Dit is een map, geen bestand.") from None
    except FileNotFoundError:
        raise ReadError("niet-gevonden", "Het bestand bestaat niet (meer).") from None
    except OSError as exc:
        raise ReadError("leesfout", f"Het bestand kan niet worden gelezen ({exc.strerror}).") from None


def open_package(path: Path) -> Package:
    head = sniff(path)
    if not head:
        raise ReadError("leeg", "Het bestand is leeg.")
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if not head.startswith(ZIP_MAGIC):
        if head.startswith(b"%PDF"):
            raise ReadError("geen-docx", "Dit is een PDF-bestand, geen Word-document. Lever het .docx-bestand aan.")
        raise ReadError("geen-docx", "Dit is geen Word-document (.docx): het bestand is geen zip-pakket.")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except zipfile.BadZipFile:
        raise ReadError("beschadigd", "Het bestand is beschadigd of onvolledig (het zip-pakket is niet "
                        "leesbaar). Sla het document opnieuw op in Word.") from None
    except OSError as exc:
        raise ReadError("leesfout", f"Het bestand kan niet worden gelezen ({exc.strerror}).") from None
    _check_sizes(infos)
    rels = Package(zf, "").relationships("")
    main = next((name for rtype, name in rels.values() if rtype == OFFICE_DOCUMENT), "word/document.xml")
    package = Package(zf, main)
    if not package.has(main):
        raise ReadError("geen-docx", "Dit zip-bestand is geen Word-document: het hoofddocument "
                        "(word/document.xml) ontbreekt.")
    return package


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError("versleuteld", "Het zip-pakket is versleuteld. Sla het document op zonder wachtwoord.")
        total += info.file_size
        if info.file_size > MAX_PART:
            raise ReadError("te-groot", f"Het onderdeel {info.filename} is uitgepakt "
                            f"{info.file_size // 2**20} MB; de grens is {MAX_PART // 2**20} MB. "
                            "Dit lijkt geen gewoon Word-document (mogelijk een zip-bom).")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError("zip-bom", f"Het onderdeel {info.filename} pakt meer dan {MAX_RATIO} keer zo "
                            "groot uit als het is opgeslagen. Dat wijst op een zip-bom; het bestand is "
                            "niet gelezen.")
    if total > MAX_TOTAL:
        raise ReadError("te-groot", f"Het document is uitgepakt {total // 2**20} MB; de grens is "
                        f"{MAX_TOTAL // 2**20} MB.")


def _ole_error(path: Path) -> ReadError:
    # An OLE compound file is either a legacy .doc or an encrypted OOXML package (Word stores a
    # password-protected .docx as OLE with an "EncryptedPackage" stream).
    try:
        with path.open("rb") as fh:
            data = fh.read(2 * 1024 * 1024)
    except OSError:
        data = b""
    if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
        return ReadError("versleuteld", "Het document is met een wachtwoord beveiligd (versleuteld). "
                         "Sla het in Word op zonder wachtwoord en controleer het opnieuw.")
    return ReadError("doc-formaat", "Dit is een oud Word-bestand (Word 97-2003, .doc). Open het in Word of "
                     "LibreOffice en sla het op als .docx (bijvoorbeeld: soffice --headless "
                     "--convert-to docx bestand.doc).")
