"""Files LibreOffice converts to .docx before the check (.doc, .odt, .rtf, also under another name): read when
LibreOffice is there, the reader's message with the conversion command when it is not; a conversion that
hangs is stopped with all it started, and nothing is ever written next to the input."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import docx
import pytest

from cscheck.read import ReadError, read_document
from cscheck.read.convert import read_converted
from tests.fixtures.pdfs import soffice_batch
from tests.fixtures.producers import have_soffice

needs_soffice = pytest.mark.skipif(not have_soffice(), reason="LibreOffice (soffice) is niet geïnstalleerd")


def _letter(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Artikel 1.1 – Voorwerp", level=2)
    document.add_paragraph("De opdrachtnemer levert de ondersteuning volgens afspraak.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    folder = tmp_path_factory.mktemp("formaten")
    source = _letter(folder / "bron" / "brief.docx")
    return {target: soffice_batch([source], folder / target, target)[source] for target in ("doc", "odt", "rtf")}


@needs_soffice
@pytest.mark.parametrize("target", ["doc", "odt", "rtf"])
def test_doc_odt_and_rtf_are_read_after_conversion(formats: dict[str, Path], target: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSCHECK_SOFFICE", raising=False)
    path = formats[target]
    before = sorted(path.parent.iterdir())
    document = read_document(path)
    assert document.converted_from == f".{target}" and document.path == str(path)
    assert [b.text for b in document.blocks] == ["Artikel 1.1 – Voorwerp",
                                                 "De opdrachtnemer levert de ondersteuning volgens afspraak."]
    assert sorted(path.parent.iterdir()) == before  # no output, no lock file next to the input


@needs_soffice
def test_an_odt_named_docx_is_converted_too(formats: dict[str, Path], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSCHECK_SOFFICE", raising=False)
    disguised = tmp_path / "overeenkomst.docx"
    disguised.write_bytes(formats["odt"].read_bytes())
    assert read_document(disguised).converted_from == ".odt"


@needs_soffice
def test_without_libreoffice_the_message_gives_the_conversion_command(formats: dict[str, Path],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSCHECK_SOFFICE", "")
    with pytest.raises(ReadError) as err:
        read_document(formats["doc"])
    assert err.value.kind == "doc-formaat" and "soffice --headless --convert-to docx" in err.value.message
    with pytest.raises(ReadError) as err:
        read_document(formats["rtf"])
    assert err.value.kind == "geen-docx" and "RTF" in err.value.message


def _program(path: Path, body: str) -> str:
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def _refused(tmp_path: Path) -> tuple[Path, ReadError]:
    path = tmp_path / "oud.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path, ReadError("doc-formaat", "Dit is een oud Word-bestand.", convertible=".doc")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:  # a zombie waits only for its parent to reap it
        return fh.read().split(")")[-1].split()[0] != "Z"


def test_a_conversion_that_hangs_is_stopped_with_what_it_started(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = _program(tmp_path / "traag-soffice", f"sleep 60 &\necho $! > {pids}\nwait")
    path, refused = _refused(tmp_path)
    started = time.monotonic()
    with pytest.raises(ReadError) as err:
        read_converted(path, refused, program, timeout=1.0)
    assert time.monotonic() - started < 20
    assert err.value.kind == "doc-formaat" and "langer dan 1 seconden" in err.value.message
    child = int(pids.read_text().split()[0])
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oud.doc", "pids", "traag-soffice"]


def test_a_conversion_that_writes_nothing_says_so(tmp_path: Path) -> None:
    program = _program(tmp_path / "stille-soffice", "exit 0")
    path, refused = _refused(tmp_path)
    with pytest.raises(ReadError) as err:
        read_converted(path, refused, program)
    assert err.value.kind == "doc-formaat" and "lukte niet" in err.value.message
