"""Opening an OOXML package safely: what kind of file it is, size limits, parts, safe XML parsing.

Submissions come from outside, so nothing in a file is trusted:

- the first bytes say what the file is (`formats.py`): a PDF, an old .doc, a password-protected
  .docx, an RTF or an OpenDocument file each get their own Dutch answer instead of "not a zip";
- before anything is inflated, the zip directory must stay within limits (total size, part size);
- while a part inflates, a capped reader counts the bytes that really come out and stops at the
  limits and at a suspicious compression ratio, whatever the directory claimed;
- XML is parsed without DTDs, entities or network access, and a part that declares a DTD is refused
  before it reaches the parser;
- only the XML parts of the document are opened: a macro project (.docm) is never read.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from cscheck.read.errors import ReadError, damaged, from_os_error
from cscheck.read.formats import OLE_MAGIC, opendocument, other_office, refuse_non_zip, sniff

MAX_TOTAL = 512 * 1024 * 1024  # uncompressed bytes of all parts together
MAX_PART = 256 * 1024 * 1024  # uncompressed bytes of one part
# a part parsed as a whole tree (styles, numbering, headers, comments) costs ~10× its size in memory;
# Word's own are well under 2 MB, only the body can be large, and that is streamed
MAX_TREE_PART = 16 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed of one large XML part; genuine Word XML stays below ~30
RATIO_FLOOR = 1024 * 1024  # small parts may compress as well as they like
CHUNK = 64 * 1024  # bytes inflated and parsed at a time; the DTD check looks at the first chunk

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "remove_comments": True,
                   "remove_pis": True}
_PARSER = etree.XMLParser(**_PARSER_OPTIONS)  # type: ignore[arg-type]
_DTD_MARKERS = tuple(marker.encode(enc) for marker in ("<!DOCTYPE", "<!ENTITY")
                     for enc in ("ascii", "utf-16-le", "utf-16-be"))
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOCUMENT = "/officeDocument"

# the content type of the main part → the kind of Word file
WORD_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.ms-word.document.macroenabled.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml": "dotm",
}


def _unsafe(name: str) -> ReadError:
    return ReadError("onveilig", f"Het onderdeel {name} bevat een DTD of entiteiten (mogelijk een XML-bom of een "
                     "verwijzing naar andere bestanden). Dat komt in Word-bestanden niet voor; om "
                     "veiligheidsredenen is het bestand niet gelezen.")


def _not_xml(name: str, exc: etree.XMLSyntaxError) -> ReadError:
    if "entit" in str(exc).lower() or "amplification" in str(exc).lower():
        return _unsafe(name)
    line = f", regel {exc.lineno}" if exc.lineno else ""
    return damaged(f"het onderdeel {name} is geen geldige XML{line}")


def _too_large(what: str, size: int, limit: int) -> ReadError:
    return ReadError("te-groot", f"{what} is uitgepakt meer dan {size // 2**20} MB; de grens is {limit // 2**20} MB. "
                     "Dit is geen gewoon Word-document (mogelijk een zip-bom); het is niet gelezen.")


def _zip_bomb(name: str) -> ReadError:
    return ReadError("zip-bom", f"Het onderdeel {name} pakt meer dan {MAX_RATIO} keer zo groot uit als het is "
                     "opgeslagen. Dat wijst op een zip-bom; het bestand is niet gelezen.")


# ---------------------------------------------------------------------------------------------
# the package


class _PartStream:
    """One part as it inflates, stopped at our limits whatever the zip directory claims."""

    def __init__(self, package: Package, info: zipfile.ZipInfo, limit: int) -> None:
        self.package = package
        self.info = info
        self.limit = limit
        self.size = 0
        try:
            self.raw: IO[bytes] = package.zip.open(info)
        except NotImplementedError:
            raise damaged(f"het onderdeel {info.filename} gebruikt een onbekende compressie") from None
        except (zipfile.BadZipFile, RuntimeError, ValueError):
            raise damaged(f"het onderdeel {info.filename} kan niet worden geopend") from None
        except OSError as exc:
            raise from_os_error(exc) from None

    def read(self, n: int = CHUNK) -> bytes:
        try:
            data = self.raw.read(n)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
            raise damaged(f"het onderdeel {self.info.filename} kan niet worden uitgepakt") from None
        except OSError as exc:
            raise from_os_error(exc) from None
        self.size += len(data)
        self.package.inflated += len(data)
        self._check()
        return data

    def _check(self) -> None:
        name = self.info.filename
        if self.size > RATIO_FLOOR and self.size > MAX_RATIO * max(self.info.compress_size, 1):
            raise _zip_bomb(name)
        if self.size > self.limit:
            raise _too_large(f"Het onderdeel {name}", self.size, self.limit)
        if self.package.inflated > MAX_TOTAL:
            raise _too_large("Het document", self.package.inflated, MAX_TOTAL)

    def close(self) -> None:
        self.raw.close()


class Package:
    """An opened OOXML zip with the main document part located."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zip = zf
        self.main = ""  # name of the main document part, e.g. "word/document.xml"
        self.kind = "docx"  # docx | docm | dotx | dotm
        self.inflated = 0  # bytes inflated so far, over all parts

    def has(self, name: str) -> bool:
        try:
            self.zip.getinfo(name)
        except KeyError:
            return False
        return True

    def read(self, name: str) -> bytes:
        """A whole part (to be parsed as a tree), inflated through the capped reader."""
        stream = _PartStream(self, self.zip.getinfo(name), MAX_TREE_PART)
        try:
            chunks = []
            while chunk := stream.read():
                chunks.append(chunk)
        finally:
            stream.close()
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element | None:
        """A small part parsed as a tree, or None when the package does not have it."""
        if not self.has(name):
            return None
        return parse_xml(name, self.read(name))

    def iterparse(self, name: str, tags: Iterable[str]) -> Iterator[list[tuple[str, etree._Element]]]:
        """Start and end events of the elements named `tags`, a list per chunk as the part streams in.

        Handing the events over a chunk at a time lets the caller drop what it has read after each
        chunk, so that a 2,000-page document never sits in memory whole.
        """
        parser = etree.XMLPullParser(events=("start", "end"), tag=list(tags), **_PARSER_OPTIONS)
        stream = _PartStream(self, self.zip.getinfo(name), MAX_PART)
        checked = False
        try:
            while True:
                chunk = stream.read()
                if not checked:
                    _refuse_dtd(name, chunk)
                try:
                    if chunk:
                        parser.feed(chunk)
                    else:
                        parser.close()
                    events = list(parser.read_events())
                except etree.XMLSyntaxError as exc:
                    raise _not_xml(name, exc) from None
                if events and not checked:
                    _refuse_doctype(name, events[0][1])
                    checked = True
                yield events
                if not chunk:
                    return
        finally:
            stream.close()

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

    def content_type(self, name: str) -> str | None:
        """The declared content type of a part (lower case), from [Content_Types].xml."""
        types = self.xml("[Content_Types].xml")
        if types is None:
            return None
        wanted = "/" + name.lower()
        for override in types.iterchildren(f"{_CT}Override"):
            if override.get("PartName", "").lower() == wanted:
                return override.get("ContentType", "").lower()
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        for default in types.iterchildren(f"{_CT}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType", "").lower()
        return None


def parse_xml(name: str, data: bytes) -> etree._Element:
    """The bytes of part `name` as a tree, parsed safely."""
    _refuse_dtd(name, data[:CHUNK])
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _not_xml(name, exc) from None
    _refuse_doctype(name, root)
    return root


def _refuse_dtd(name: str, head: bytes) -> None:
    # Word never writes a DTD. Refusing one here, before the parser sees it, gives entity bombs and
    # external entities a clear message; the parser options and the check after parsing are the
    # second and third line (a DTD hidden behind a long prolog, or in another encoding).
    if any(marker in head for marker in _DTD_MARKERS):
        raise _unsafe(name)


def _refuse_doctype(name: str, element: etree._Element) -> None:
    docinfo = element.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise _unsafe(name)


def open_package(path: Path) -> Package:
    refuse_non_zip(path, sniff(path))
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except zipfile.BadZipFile:
        raise damaged("het zip-pakket is niet leesbaar") from None
    except OSError as exc:
        raise from_os_error(exc) from None
    except (ValueError, EOFError, struct.error):
        raise damaged("de inhoudsopgave van het zip-pakket klopt niet") from None
    try:
        _check_directory(infos)
        package = Package(zf)
        _locate_main(package)
    except BaseException:
        zf.close()
        raise
    return package


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse by what the zip directory declares, before anything is inflated."""
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError("versleuteld", "Het zip-pakket is versleuteld. Sla het document op zonder wachtwoord "
                            "en controleer het opnieuw.")
        total += info.file_size
        if _is_xml(info.filename) and info.file_size > RATIO_FLOOR \
                and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _zip_bomb(info.filename)
        if info.file_size > MAX_PART:
            raise _too_large(f"Het onderdeel {info.filename}", info.file_size, MAX_PART)
    if total > MAX_TOTAL:
        raise _too_large("Het document", total, MAX_TOTAL)


def _is_xml(name: str) -> bool:
    # only XML parts are ever inflated; a huge flat image may compress far better than text
    return name.lower().endswith((".xml", ".rels"))


def _locate_main(package: Package) -> None:
    if not package.has("[Content_Types].xml") and package.has("mimetype"):
        raise opendocument(package.read("mimetype"))
    rels = package.relationships("")
    package.main = next((name for rtype, name in rels.values() if rtype == OFFICE_DOCUMENT), "word/document.xml")
    content_type = package.content_type(package.main)
    if content_type is not None and content_type not in WORD_TYPES:
        raise other_office(content_type)
    if not package.has(package.main):
        raise ReadError("geen-docx", "Dit zip-bestand is geen Word-document: het hoofddocument "
                        f"({package.main}) ontbreekt.")
    package.kind = WORD_TYPES.get(content_type or "", "docx")


__all__ = ["OLE_MAGIC", "Package", "open_package", "parse_xml", "sniff"]
