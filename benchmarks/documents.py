"""The benchmark's input documents, built at run time (no text of the standard is stored).

- `overeenkomst(folder)`: the filled-in CSW 1.2 overeenkomst (~30 pages) as DOCX with Word
  auto-numbering, from the official text in ../shared; None when that folder is absent.
- `official_layout(folder)`: the same overeenkomst in the layout of the official DOCX.
- `libreoffice_round_trip(source, folder)`: the same file after `soffice --convert-to docx`.
- `as_pdf(source, folder)`: a DOCX saved as PDF by LibreOffice (`soffice --convert-to pdf`).
- `long_document(path, pages)`: a genuine document of about `pages` pages: the overeenkomst (or,
  without ../shared, the small test standard of tests/mini.py) repeated with python-docx.
"""

from __future__ import annotations

import copy
import math
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

WORDS_PER_PAGE = 225  # the filled overeenkomst: ~6,700 words on 30 pages


def overeenkomst_markdown() -> str | None:
    from tests.fixtures.gemeente import Invulling, vul_in
    from tests.fixtures.sources import overeenkomst_md, shared_dir

    if shared_dir() is None:
        return None
    return vul_in(overeenkomst_md("1.2"), Invulling())


def overeenkomst(folder: Path) -> Path | None:
    from tests.fixtures.producers import md_to_docx

    md = overeenkomst_markdown()
    if md is None:
        return None
    return md_to_docx(md, folder / "overeenkomst.docx", "autonumber")


def deviating(folder: Path) -> Path | None:
    """The overeenkomst with a few deviations of the test fixtures (deel 3 changed, a Russia declaration, zzp'ers
    as onderaannemer, own purchasing conditions), so that a report has findings to show."""
    from tests.fixtures.afwijkingen import AFWIJKINGEN
    from tests.fixtures.producers import md_to_docx

    md = overeenkomst_markdown()
    if md is None:
        return None
    for name in ("deel3_gewijzigd", "rusland", "zzp", "eigen_inkoopvoorwaarden"):
        if name in AFWIJKINGEN:
            md = AFWIJKINGEN[name](md)
    return md_to_docx(md, folder / "afwijkend.docx", "autonumber")


def official_layout(folder: Path) -> Path | None:
    """The same overeenkomst in the layout of the official DOCX (outline-numbered headings, TOC field)."""
    from tests.fixtures.producers import md_to_docx

    md = overeenkomst_markdown()
    if md is None:
        return None
    return md_to_docx(md, folder / "overeenkomst-officieel.docx", "officieel")


def libreoffice_round_trip(source: Path, folder: Path) -> Path | None:
    from tests.fixtures.producers import have_soffice, soffice_convert

    if not have_soffice():
        return None
    result = soffice_convert(source, folder / "libreoffice", "docx")
    return result.rename(folder / "overeenkomst-libreoffice.docx")


def as_pdf(source: Path, folder: Path) -> Path | None:
    """The DOCX saved as PDF by LibreOffice, as a gemeente publishes it; None without LibreOffice."""
    from tests.fixtures.producers import have_soffice, soffice_convert

    if not have_soffice():
        return None
    return soffice_convert(source, folder / "pdf", "pdf")


def long_document(path: Path, pages: int = 2000) -> Path:
    """About `pages` pages of contract text in one DOCX, with Word numbering throughout."""
    from tests.fixtures.producers import md_to_docx
    from tests.mini import MINI_FILLED

    md = overeenkomst_markdown() or MINI_FILLED
    with tempfile.TemporaryDirectory(prefix="cscheck-bench-") as tmp:
        source = md_to_docx(md, Path(tmp) / "bron.docx", "autonumber")
        copies = math.ceil(pages * WORDS_PER_PAGE / len(md.split()))
        _repeat_body(source, path, copies)
    return path


def _repeat_body(source: Path, target: Path, copies: int) -> None:
    import docx

    document = docx.Document(str(source))
    body = document.element.body
    section = body[-1]  # w:sectPr stays last
    items = [el for el in body if el is not section]
    for _ in range(copies - 1):
        for el in items:
            section.addprevious(copy.deepcopy(el))
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))


def batch(folder: Path, source: Path, count: int) -> Path:
    """A folder of `count` copies of `source`, as a gemeente's batch of submissions."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        shutil.copyfile(source, folder / f"inzending-{i + 1:03d}.docx")
    return folder


# Run in a fresh process: check one document and print its status, time and the process's own peak memory.
PEAK_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
from cscheck.check import check_document


def peak_mb() -> float:
    # VmHWM is this process's own peak; ru_maxrss after fork+exec still holds the parent's (Linux)
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


started = time.perf_counter()
result = check_document(Path(sys.argv[1]))
print(json.dumps({"status": result.status, "error": result.error and result.error.message,
                  "seconds": time.perf_counter() - started, "peak_mb": peak_mb()}))
"""
