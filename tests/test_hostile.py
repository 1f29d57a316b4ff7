"""Every bad input gets a clear Dutch error (a `ReadError` with a stable kind), never a traceback.

All hostile files are built here at test time: broken and disguised files, encrypted and legacy
Office files, macro documents and templates, XML entity bombs and external entities, zip bombs and a
zip whose directory lies, awkward path names and unreadable files. The last tests run the real CLI on
them: exit code 2, one Dutch line per file, and the batch goes on.

These are the reader's own answers: conversion by LibreOffice is switched off here (CSCHECK_SOFFICE
empty); what happens with it is in tests/test_read_convert.py.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from cscheck.read import ReadError, container, read_document
from tests.fixtures.producers import have_soffice, soffice_convert

REPO = Path(__file__).resolve().parents[1]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
BOMB = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
XXE = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'




@pytest.fixture(autouse=True)
def _without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSCHECK_SOFFICE", "")


# ---------------------------------------------------------------------------------------------
# builders


def genuine_docx(path: Path, paragraphs: int = 3) -> Path:
    document = docx.Document()
    document.add_heading("Artikel 1.1 – Voorwerp", level=2)
    for i in range(paragraphs):
        document.add_paragraph(f"De opdrachtnemer levert de ondersteuning volgens afspraak {i + 1}.")
    document.save(str(path))
    return path


def rezip(source: Path, target: Path, replace: dict[str, bytes | None] | None = None,
          add: dict[str, bytes] | None = None) -> Path:
    """A copy of a zip with parts replaced (None: removed) or added."""
    replace = replace or {}
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return target


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def with_content_type(source: Path, target: Path, content_type: str, extra: dict[str, bytes] | None = None) -> Path:
    types = part(source, "[Content_Types].xml").decode().replace(DOCX_MAIN, content_type)
    return rezip(source, target, {"[Content_Types].xml": types.encode()}, extra)


def compound_file(stream_names: list[str]) -> bytes:
    """A minimal OLE compound file (version 3): one FAT sector and one directory sector."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[:8] = container.OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    entries = b"".join(_directory_entry(name, 5 if i == 0 else 2)
                       for i, name in enumerate(["Root Entry", *stream_names]))
    directory = entries.ljust(512, b"\0")
    return bytes(header) + fat + directory


def _directory_entry(name: str, kind: int) -> bytes:
    entry = bytearray(128)
    encoded = name.encode("utf-16-le")
    entry[:len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 0x40, len(encoded) + 2, kind, 1)
    struct.pack_into("<III", entry, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    struct.pack_into("<I", entry, 0x74, 0xFFFFFFFE)
    return bytes(entry)


def zip_with_zeros(path: Path, name: str, megabytes: int, base: Path) -> Path:
    """A real document plus one part of `megabytes` MB of zeros, streamed so nothing big is held."""
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info.filename, zin.read(info.filename))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zout.open(info, "w", force_zip64=True) as fh:
            block = bytes(2**20)
            for _ in range(megabytes):
                fh.write(block)
    return path


def read_error(path: Path) -> ReadError:
    with pytest.raises(ReadError) as err:
        read_document(path)
    message = err.value.message
    assert message and "\n" not in message and "Traceback" not in message
    return err.value


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return genuine_docx(tmp_path_factory.mktemp("base") / "goed.docx")


# ---------------------------------------------------------------------------------------------
# not a Word document at all


@pytest.mark.parametrize(("content", "kind", "words"), [
    (b"", "leeg", "leeg"),
    (os.urandom(4096), "geen-docx", "geen zip"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "beschadigd", "PDF"),
    (b"Dit is gewoon tekst.\n", "geen-docx", "geen zip"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "geen-docx", "RTF"),
    (b"<html><body><p>Overeenkomst</p></body></html>", "geen-docx", "HTML"),
    (b"PK\x07\x08 afgebroken", "beschadigd", "beschadigd"),
])
def test_not_a_zip(tmp_path: Path, content: bytes, kind: str, words: str) -> None:
    path = tmp_path / "ingeleverd.docx"
    path.write_bytes(content)
    err = read_error(path)
    assert (err.kind, words in err.message) == (kind, True), err.message


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_zip(base: Path, tmp_path: Path, keep: float) -> None:
    data = base.read_bytes()
    path = tmp_path / "afgebroken.docx"
    path.write_bytes(data[:int(len(data) * keep)])
    assert read_error(path).kind == "beschadigd"


def test_zip_without_document_xml(base: Path, tmp_path: Path) -> None:
    path = rezip(base, tmp_path / "leeg.docx", {"word/document.xml": None})
    err = read_error(path)
    assert err.kind == "geen-docx" and "word/document.xml" in err.message


def test_plain_zip_of_other_files(tmp_path: Path) -> None:
    path = tmp_path / "foto's.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("foto.jpg", b"\xff\xd8\xff\xe0 geen echte foto")
    assert read_error(path).kind == "geen-docx"


def test_corrupt_deflate_stream(base: Path, tmp_path: Path) -> None:
    data = bytearray(base.read_bytes())
    info = zipfile.ZipFile(base).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 200) - 10):
        data[i] ^= 0x5A
    path = tmp_path / "kapot.docx"
    path.write_bytes(bytes(data))
    assert read_error(path).kind == "beschadigd"


@pytest.mark.parametrize("xml", [
    os.urandom(3000),
    b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>'
    b"caf\xe9 \xff\xfe</w:t></w:r></w:p></w:body></w:document>",
    b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>niet afgesloten',
])
def test_garbage_xml(base: Path, tmp_path: Path, xml: bytes) -> None:
    path = rezip(base, tmp_path / "rommel.docx", {"word/document.xml": xml})
    err = read_error(path)
    assert err.kind == "beschadigd" and "word/document.xml" in err.message


def test_other_office_and_opendocument_files(base: Path, tmp_path: Path) -> None:
    xlsx = with_content_type(base, tmp_path / "begroting.docx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    assert "Excel" in read_error(xlsx).message
    odt = tmp_path / "brief.docx"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument" in read_error(odt).message


def test_strict_open_xml_is_named(base: Path, tmp_path: Path) -> None:
    strict = part(base, "word/document.xml").replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    err = read_error(rezip(base, tmp_path / "strict.docx", {"word/document.xml": strict}))
    assert "Strict" in err.message


# ---------------------------------------------------------------------------------------------
# OLE: encrypted OOXML and legacy Office files


def test_encrypted_docx_made_with_msoffcrypto(base: Path, tmp_path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool is not installed "
                                "(pip install '.[test]')")
    path = tmp_path / "beveiligd.docx"
    with base.open("rb") as plain, path.open("wb") as out:
        ooxml.OOXMLFile(plain).encrypt("Geheim123!", out)
    err = read_error(path)
    assert err.kind == "versleuteld" and "wachtwoord" in err.message


@pytest.mark.parametrize(("names", "kind", "words"), [
    (["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"], "versleuteld", "wachtwoord"),
    (["WordDocument", "1Table", "\x05SummaryInformation"], "doc-formaat", "Word 97-2003"),
    (["Workbook"], "geen-docx", "Excel"),
    (["PowerPoint Document"], "geen-docx", "PowerPoint"),
])
def test_hand_built_compound_files(tmp_path: Path, names: list[str], kind: str, words: str) -> None:
    path = tmp_path / "ole.docx"
    path.write_bytes(compound_file(names))
    err = read_error(path)
    assert (err.kind, words in err.message) == (kind, True), err.message


def test_damaged_compound_file_is_still_named(tmp_path: Path) -> None:
    path = tmp_path / "ole.docx"
    path.write_bytes(container.OLE_MAGIC + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"))
    assert read_error(path).kind == "versleuteld"


@pytest.mark.skipif(not have_soffice(), reason="LibreOffice (soffice) is not installed")
def test_legacy_doc_made_by_libreoffice(base: Path, tmp_path: Path) -> None:
    legacy = soffice_convert(base, tmp_path / "oud", "doc")
    err = read_error(legacy)
    assert err.kind == "doc-formaat" and "--convert-to docx" in err.message
    assert read_error(legacy.rename(legacy.with_suffix(".docx"))).kind == "doc-formaat"


def test_docx_named_doc_is_read(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "eigenlijk-docx.doc"
    path.write_bytes(base.read_bytes())
    assert read_document(path).blocks[0].text == "Artikel 1.1 – Voorwerp"


# ---------------------------------------------------------------------------------------------
# macros and templates


def test_docm_is_read_without_touching_the_macro(base: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    rels = part(base, "word/_rels/document.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        b'vbaProject" Target="vbaProject.bin"/></Relationships>')
    path = with_content_type(base, tmp_path / "macro.docm", "application/vnd.ms-word.document.macroEnabled.main+xml",
                             {"word/vbaProject.bin": container.OLE_MAGIC + os.urandom(2048)})
    path = rezip(path, tmp_path / "met-macro.docm", {"word/_rels/document.xml.rels": rels})
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: str | zipfile.ZipInfo, *args: object, **kwargs: object) -> object:
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    document = read_document(path)
    assert document.blocks[0].text == "Artikel 1.1 – Voorwerp"
    assert "word/document.xml" in opened and not any("vba" in name.lower() for name in opened)


@pytest.mark.parametrize(("suffix", "content_type"), [
    (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
    (".dotm", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
])
def test_templates_are_read(base: Path, tmp_path: Path, suffix: str, content_type: str) -> None:
    path = with_content_type(base, tmp_path / f"sjabloon{suffix}", content_type)
    assert len(read_document(path).blocks) == 4


# ---------------------------------------------------------------------------------------------
# XML: entity bombs and external entities


def _with_dtd(xml: bytes, dtd: str, padding: int = 0) -> bytes:
    declaration, sep, rest = xml.partition(b"?>")
    pad = b"<!--" + b" " * padding + b"-->" if padding else b""
    return declaration + sep + pad + dtd.encode() + rest


@pytest.mark.parametrize("name", ["word/document.xml", "word/numbering.xml", "word/styles.xml"])
@pytest.mark.parametrize("dtd", [BOMB, XXE], ids=["entity-bomb", "external-entity"])
@pytest.mark.parametrize("padding", [0, 100_000], ids=["at-start", "behind-long-comment"])
def test_dtd_and_entities_are_refused(base: Path, tmp_path: Path, name: str, dtd: str, padding: int) -> None:
    xml = part(base, name)
    if dtd is BOMB:
        xml = xml.replace(b"<w:t>", b"<w:t>&j;", 1) if name == "word/document.xml" else xml
    else:
        xml = xml.replace(b"<w:t>", b"<w:t>&x;", 1)
    path = rezip(base, tmp_path / "dtd.docx", {name: _with_dtd(xml, dtd, padding)})
    started = time.perf_counter()
    err = read_error(path)
    assert err.kind == "onveilig" and name in err.message
    assert "root:" not in err.message
    assert time.perf_counter() - started < 5


def test_dtd_in_utf16_part_is_refused(base: Path, tmp_path: Path) -> None:
    xml = part(base, "word/document.xml").decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    xml = _with_dtd(xml.encode(), XXE).decode().replace("<w:t>", "<w:t>&x;", 1)
    path = rezip(base, tmp_path / "utf16.docx", {"word/document.xml": xml.encode("utf-16")})
    assert read_error(path).kind == "onveilig"


def test_utf16_document_without_dtd_is_read(base: Path, tmp_path: Path) -> None:
    xml = part(base, "word/document.xml").decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    path = rezip(base, tmp_path / "utf16.docx", {"word/document.xml": xml.encode("utf-16")})
    assert read_document(path).blocks[0].text == "Artikel 1.1 – Voorwerp"


# ---------------------------------------------------------------------------------------------
# zip bombs and lying zip directories


def test_zip_bomb_is_refused_before_inflating(base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = zip_with_zeros(tmp_path / "bom.docx", "word/document.xml", 300, base)
    assert path.stat().st_size < 2 * 2**20
    opened: list[str] = []
    monkeypatch.setattr(container, "_PartStream", lambda package, info: opened.append(info.filename))
    err = read_error(path)
    assert err.kind == "zip-bom" and "word/document.xml" in err.message
    assert opened == []


def test_oversized_media_part_is_refused(base: Path, tmp_path: Path) -> None:
    path = zip_with_zeros(tmp_path / "groot.docx", "word/media/image1.bmp", 300, base)
    err = read_error(path)
    assert err.kind == "te-groot" and "256 MB" in err.message


def test_highly_compressed_part_is_stopped_while_inflating(base: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # the directory check is bypassed: the capped reader alone must stop at the ratio
    path = zip_with_zeros(tmp_path / "bom.docx", "word/styles.xml", 20, base)
    monkeypatch.setattr(container, "_check_directory", lambda infos: None)
    assert read_error(path).kind == "zip-bom"


def test_capped_reader_stops_at_part_and_total_limits(base: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    big = b"<w:p>" + os.urandom(3 * 2**20).hex().encode() + b"</w:p>"  # incompressible: no ratio alarm
    styles = rezip(base, tmp_path / "grote-stijlen.docx", {"word/styles.xml": big})
    body = rezip(base, tmp_path / "grote-tekst.docx", {"word/document.xml": big})
    monkeypatch.setattr(container, "_check_directory", lambda infos: None)
    monkeypatch.setattr(container, "MAX_TREE_PART", 2**20)  # parts parsed as a tree
    err = read_error(styles)
    assert err.kind == "te-groot" and "word/styles.xml" in err.message
    monkeypatch.setattr(container, "MAX_PART", 2**20)  # the streamed body
    err = read_error(body)
    assert err.kind == "te-groot" and "word/document.xml" in err.message
    monkeypatch.setattr(container, "MAX_PART", 2**30)
    monkeypatch.setattr(container, "MAX_TOTAL", 2**20)
    assert read_error(body).kind == "te-groot"


def _lie_about_size(path: Path, name: str, size: int, crc: int) -> None:
    """Rewrite the sizes and CRC of `name` in the local header and the central directory."""
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 14, crc)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    central = bytes(data).find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, central + 16, crc)
            struct.pack_into("<I", data, central + 24, size)
            break
        central = bytes(data).find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_directory_that_lies_about_the_size(base: Path, tmp_path: Path) -> None:
    xml = part(base, "word/document.xml")
    inflated = xml[:-len("</w:document>")] + b"<!--" + b"x" * (150 * 2**20) + b"--></w:document>"
    path = tmp_path / "leugen.docx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "word/document.xml":
                zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("word/document.xml", inflated)
    claimed = 2000
    _lie_about_size(path, "word/document.xml", claimed, zlib.crc32(inflated[:claimed]))
    started = time.perf_counter()
    err = read_error(path)  # stops after `claimed` bytes: an unfinished XML document
    assert err.kind == "beschadigd"
    assert time.perf_counter() - started < 5


# ---------------------------------------------------------------------------------------------
# file system: names, permissions, files and folders that disappear


@pytest.mark.parametrize("name", ["met spaties erin.docx", "überprüfung café – ñ.docx", "-raar.docx",
                                  "--help.docx"])
def test_awkward_names_are_read(base: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(base.read_bytes())
    assert read_document(path).blocks


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert read_error(tmp_path / "weg.docx").kind == "niet-gevonden"
    assert read_error(tmp_path / "weg" / "ook-weg.docx").kind == "niet-gevonden"


def test_file_that_disappears_between_sniff_and_open(base: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vluchtig.docx"
    path.write_bytes(base.read_bytes())
    real_sniff = container.sniff

    def sniff_then_delete(p: Path, size: int = 512) -> bytes:
        head = real_sniff(p, size)
        p.unlink()
        return head

    monkeypatch.setattr(container, "sniff", sniff_then_delete)
    assert read_error(path).kind == "niet-gevonden"


def test_unreadable_file(base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root, chmod does not stop reading, so the operating system's refusal is simulated at the
    # one place where the reader opens files; test_unreadable_file_for_real covers other users.
    path = tmp_path / "geheim.docx"
    path.write_bytes(base.read_bytes())
    md = tmp_path / "geheim.md"
    md.write_text("# Titel\n", encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name.startswith("geheim"):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    err = read_error(path)
    assert err.kind == "geen-toegang" and "leesrechten" in err.message
    assert read_error(md).kind == "geen-toegang"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_unreadable_file_for_real(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "geheim.docx"
    path.write_bytes(base.read_bytes())
    path.chmod(0)
    try:
        assert read_error(path).kind == "geen-toegang"
    finally:
        path.chmod(0o644)


def test_a_folder_instead_of_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "map.docx"
    folder.mkdir()
    assert read_error(folder).kind == "geen-tekst"


def test_markdown_edge_cases(tmp_path: Path) -> None:
    binary = tmp_path / "binair.md"
    binary.write_bytes(b"PK\x03\x04\0\0" + os.urandom(200))
    assert read_error(binary).kind == "geen-tekst"
    latin = tmp_path / "latin.md"
    latin.write_bytes("# Artikel 1.1 – Overeenkomst\n\nDe cliënt krijgt zorg.\n".encode("cp1252"))
    assert [b.text for b in read_document(latin).blocks] == ["Artikel 1.1 – Overeenkomst", "De cliënt krijgt zorg."]
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("# Titel\n\nTekst met ë.\n".encode("utf-16"))
    assert [b.text for b in read_document(utf16).blocks] == ["Titel", "Tekst met ë."]


# ---------------------------------------------------------------------------------------------
# through the real command line


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "cscheck", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


HOSTILE: dict[str, Callable[[Path, Path], Path]] = {
    "leeg.docx": lambda d, b: _write(d / "leeg.docx", b""),
    "pdf.docx": lambda d, b: _write(d / "pdf.docx", b"%PDF-1.4\n"),
    "afgebroken.docx": lambda d, b: _write(d / "afgebroken.docx", b.read_bytes()[:3000]),
    "versleuteld.docx": lambda d, b: _write(d / "versleuteld.docx", compound_file(["EncryptionInfo",
                                                                                   "EncryptedPackage"])),
    "oud.doc": lambda d, b: _write(d / "oud.doc", compound_file(["WordDocument"])),
    "bom.docx": lambda d, b: rezip(b, d / "bom.docx", {"word/document.xml": _with_dtd(
        part(b, "word/document.xml").replace(b"<w:t>", b"<w:t>&j;", 1), BOMB)}),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_cli_reports_every_bad_file_and_goes_on(base: Path, tmp_path: Path) -> None:
    files = [build(tmp_path, base) for build in HOSTILE.values()]
    good = tmp_path / "goed document.docx"
    good.write_bytes(base.read_bytes())
    result = _cli("check", "--jobs", "1", "--no-progress", *[f.name for f in files], good.name, "weg.docx",
                  cwd=tmp_path)
    output = " ".join((result.stdout + result.stderr).split())  # the text report may wrap lines
    assert result.returncode == 2, output
    assert "Traceback" not in output
    for path in files:
        message = " ".join(_read_error_message(path).split())
        assert path.name in output and message in output, (path.name, message)
    assert "weg.docx" in output  # a missing path is the batch's to report, in its own words


def _read_error_message(path: Path) -> str:
    with pytest.raises(ReadError) as err:
        read_document(path)
    return err.value.message


def test_cli_json_gives_the_kind_per_file(base: Path, tmp_path: Path) -> None:
    files = [build(tmp_path, base) for build in HOSTILE.values()]
    result = _cli("check", "--jobs", "1", "--no-progress", "--format", "json", *[f.name for f in files], cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    import json

    kinds = {Path(d["path"]).name: d["error"]["kind"] for d in json.loads(result.stdout)["documents"]}
    assert kinds == {"leeg.docx": "leeg", "pdf.docx": "beschadigd", "afgebroken.docx": "beschadigd",
                     "versleuteld.docx": "versleuteld", "oud.doc": "doc-formaat", "bom.docx": "onveilig"}


def test_cli_paths_with_dashes_spaces_and_accents(base: Path, tmp_path: Path) -> None:
    for name in ("-raar.docx", "met spatie é.docx"):
        (tmp_path / name).write_bytes(base.read_bytes())
    for args in (["--", "-raar.docx"], ["./-raar.docx"], ["check", "--", "-raar.docx"], ["met spatie é.docx"]):
        result = _cli(*args, cwd=tmp_path)
        output = result.stdout + result.stderr
        assert result.returncode in (0, 1), (args, output)
        assert "Traceback" not in output and "kan niet worden gecontroleerd" not in output, output
        assert args[-1].lstrip("./") in output, output


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_never_changes_its_inputs(base: Path, tmp_path: Path) -> None:
    import json

    inputs = [base, *(build(tmp_path, base) for build in HOSTILE.values())]
    before = {p: (_digest(p), p.stat().st_mtime_ns) for p in inputs}
    report = tmp_path / "rapport.json"
    report.write_text("vorig rapport\n", encoding="utf-8")
    args = ["check", "--jobs", "1", "--no-progress", "--format", "json", "--output", str(report)]
    if "--annotate" in _cli("check", "--help", cwd=tmp_path).stdout:
        args += ["--annotate", str(tmp_path / "geannoteerd")]
        (tmp_path / "geannoteerd").mkdir()
    result = _cli(*args, *map(str, inputs), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    assert {p: (_digest(p), p.stat().st_mtime_ns) for p in inputs} == before
    statuses = [d["status"] for d in json.loads(report.read_text(encoding="utf-8"))["documents"]]
    assert statuses == ["checked"] + ["error"] * len(HOSTILE)
    assert not list(tmp_path.glob(".rapport.json.*"))  # no temporary file left behind


def test_cli_failure_keeps_an_existing_report(base: Path, tmp_path: Path) -> None:
    report = tmp_path / "rapport.txt"
    report.write_text("vorig rapport\n", encoding="utf-8")
    result = _cli("check", "--standard", "bestaat-niet", "--output", str(report), str(base), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert report.read_text(encoding="utf-8") == "vorig rapport\n"


def test_reader_opens_inputs_only_for_reading(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    modes: list[str] = []
    real_open = io.open

    def spy(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if str(file) == str(base):
            modes.append(mode)
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr("builtins.open", spy)
    read_document(base)
    assert modes and all(set(m) <= {"r", "b"} for m in modes)


# ---------------------------------------------------------------------------------------------
# numbering and nesting that no word processor writes


def test_absurd_numbering_values_do_not_hang_or_crash(tmp_path: Path) -> None:
    from tests.wordxml import add_num, number

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, docx.oxml.parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="77">'
        '<w:lvl w:ilvl="0"><w:start w:val="1000000000000000000"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="99999999999"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
        '</w:lvl><w:lvl w:ilvl="20"><w:start w:val="-5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%21"/>'
        "</w:lvl></w:abstractNum>"))
    add_num(document, 77, 77)
    for ilvl in (0, 1, 20, -3):
        number(document.add_paragraph(f"niveau {ilvl}"), 77, ilvl)
    path = tmp_path / "nummering.docx"
    document.save(str(path))
    started = time.perf_counter()
    blocks = read_document(path).blocks
    assert time.perf_counter() - started < 5
    assert [b.text for b in blocks] == ["niveau 0", "niveau 1", "niveau 20", "niveau -3"]
    assert len(blocks[0].label) < 100 and len(blocks[1].label) < 2000


def test_absurdly_deep_nesting_is_refused(base: Path, tmp_path: Path) -> None:
    deep = "<w:sdt><w:sdtContent>" * 400 + "<w:p><w:r><w:t>diep</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 400
    xml = part(base, "word/document.xml").replace(b"<w:body>", b"<w:body>" + deep.encode(), 1)
    assert read_error(rezip(base, tmp_path / "diep.docx", {"word/document.xml": xml})).kind == "beschadigd"
