"""Word-processor files the DOCX reader does not read (.doc, .odt, .rtf, Word 2003 XML, Strict Open XML),
converted to .docx by LibreOffice and read as that.

Only when LibreOffice is installed: `soffice` on the PATH, or the program named by CSCHECK_SOFFICE (an
empty value switches conversion off). Without it, the reader's own message, with the command to convert
by hand, stands.

The input is copied into a private temporary folder and converted there, with a LibreOffice profile of its
own (parallel conversions, and a LibreOffice the user has open, do not get in each other's way) and a time
limit; nothing is written next to the input, not even LibreOffice's lock file. The process group of the
conversion is ended when the time is up or the check is stopped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from cscheck.model import Document
from cscheck.read.errors import ReadError

ENVIRONMENT = "CSCHECK_SOFFICE"
TIMEOUT = 60.0  # seconds; a batch gives a whole document 120 by default


def soffice() -> str | None:
    """The LibreOffice program to convert with, or None when there is none (or conversion is switched off)."""
    configured = os.environ.get(ENVIRONMENT)
    if configured is not None:
        return shutil.which(configured) if configured.strip() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(path: Path, refused: ReadError, program: str, timeout: float = TIMEOUT) -> Document:
    """Convert `path` (which the DOCX reader refused with `refused`) to .docx with LibreOffice and read it."""
    from cscheck.read.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="cscheck-omzetten-") as folder:
        work = Path(folder)
        source = work / "in" / f"document{_SUFFIXES.get(refused.convertible, '.doc')}"
        source.parent.mkdir()
        try:
            shutil.copyfile(path, source)
        except OSError:
            raise refused from None
        _run([program, f"-env:UserInstallation={(work / 'profiel').as_uri()}", "--headless", "--norestore",
              "--nolockcheck", "--nodefault", "--nologo", "--convert-to", "docx:MS Word 2007 XML",
              "--outdir", str(work / "uit"), str(source)], timeout, refused)
        result = work / "uit" / "document.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise _failed(refused)
        document = read_docx(result)
    document.path = str(path)
    document.converted_from = refused.convertible
    return document


# the name the copy gets, by what the reader found: LibreOffice looks at the content, the name helps it choose
_SUFFIXES = {".doc": ".doc", ".rtf": ".rtf", ".odt": ".odt", "Word 2003 XML": ".xml", "Strict Open XML": ".docx"}


def _run(command: list[str], timeout: float, refused: ReadError) -> None:
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        raise _failed(refused) from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ReadError(refused.kind, f"{refused.message} Omzetten met LibreOffice duurde langer dan {timeout:g} "
                        "seconden en is gestopt.") from None
    finally:
        if process.poll() is None:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and what it started (soffice starts soffice.bin): the whole process group."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.wait()


def _failed(refused: ReadError) -> ReadError:
    return ReadError(refused.kind, f"{refused.message} Omzetten met LibreOffice lukte niet; misschien is het "
                     "bestand beschadigd.")
