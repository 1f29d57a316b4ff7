"""`cscheck demo`: a first run that needs nothing. It writes a small standard of our own (in the shape of a
CS overeenkomst, not its text), builds its reference with the same code as `cscheck reference build`,
writes four overeenkomsten made from it as Word files, checks them and explains what each one shows."""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec

from cscheck.demo.documenten import DEMO_ID, SOURCE_NAME, VOORBEELDEN, Voorbeeld, standard_text, to_docx
from cscheck.model import DocumentResult, Report, Severity
from cscheck.reference.signature import INDEX

REFERENCE_FOLDER = "referentie"
DEFAULT_FOLDER = Path("cscheck-demo")


class DemoError(Exception):
    """The demo cannot be written where the user asked (the message is Dutch and says what to do)."""


class DemoRun(msgspec.Struct):
    folder: Path
    report: Report
    unexpected: list[str]  # names of documents whose findings differ from what the demo explains

    @property
    def reference(self) -> Path:
        return self.folder / REFERENCE_FOLDER


# what the demo writes, relative to its folder: all it may overwrite of an earlier run
OURS = frozenset({REFERENCE_FOLDER, f"{REFERENCE_FOLDER}/{SOURCE_NAME}", f"{REFERENCE_FOLDER}/{DEMO_ID}.json",
                  f"{REFERENCE_FOLDER}/{INDEX}", *(v.name for v in VOORBEELDEN)})


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise DemoError(f"{folder} is een bestand, geen map. Kies een andere map: cscheck demo MAP")
    if not folder.is_dir():
        return
    other = sorted(name for name in (p.relative_to(folder).as_posix() for p in folder.rglob("*"))
                   if name not in OURS)
    if other:
        raise DemoError(f"de map {folder} bestaat al en bevat andere bestanden ({', '.join(other[:3])}"
                        f"{' …' if len(other) > 3 else ''}). Kies een nieuwe of lege map: cscheck demo MAP")


def write_demo(folder: Path) -> list[Path]:
    """Write the standard, its reference and the documents; return the documents' paths."""
    from cscheck.files import write_atomic
    from cscheck.reference.build import build_manifest
    from cscheck.reference.store import update_index

    _check_folder(folder)
    reference = folder / REFERENCE_FOLDER
    try:
        reference.mkdir(parents=True, exist_ok=True)
        standard = standard_text()
        source = reference / SOURCE_NAME
        write_atomic(source, standard)
        # what `cscheck reference build demo-standaard.md --id demo-1.0` does
        build_manifest(source, DEMO_ID).save(reference / f"{DEMO_ID}.json")
        update_index(reference)
        paths = []
        for voorbeeld in VOORBEELDEN:
            write_atomic(folder / voorbeeld.name, to_docx(voorbeeld.text(standard)))
            paths.append(folder / voorbeeld.name)
    except OSError as exc:
        raise DemoError(f"kan de demo niet schrijven in {folder} ({exc.strerror or exc}).") from None
    return paths


def run_demo(folder: Path = DEFAULT_FOLDER) -> DemoRun:
    """Write the demonstration set into `folder` and check every document against the demo reference and
    the installed ones, as `cscheck check --references <folder>/referentie` does."""
    from cscheck import __version__
    from cscheck.check import CheckOptions, check_document
    from cscheck.model import ToolInfo

    paths = write_demo(folder)
    with _references(folder / REFERENCE_FOLDER):
        results = [check_document(path, CheckOptions()) for path in paths]
    unexpected = [v.name for v, result in zip(VOORBEELDEN, results, strict=True) if not _as_expected(v, result)]
    return DemoRun(folder, Report(tool=ToolInfo(version=__version__), documents=results), unexpected)


@contextmanager
def _references(extra: Path) -> Iterator[None]:
    """The installed references and `extra`, as `--references` gives them to a check."""
    from cscheck.reference.store import ENVIRONMENT

    before = os.environ.get(ENVIRONMENT)
    os.environ[ENVIRONMENT] = os.pathsep.join([str(extra.resolve()), *filter(None, [before])])
    try:
        yield
    finally:
        if before is None:
            del os.environ[ENVIRONMENT]
        else:
            os.environ[ENVIRONMENT] = before


def _as_expected(voorbeeld: Voorbeeld, result: DocumentResult) -> bool:
    found = {(f.rule, f.article) for f in result.findings if f.severity is not Severity.info}
    return result.status == "checked" and result.standard.id == DEMO_ID and found == voorbeeld.expected


def render(run: DemoRun, color: bool = False, width: int | None = None) -> str:
    """What was written, the report, one line per document on what it shows, and what to do next."""
    from cscheck.report.text import render as report_text

    folder = run.folder.as_posix()
    quoted = shlex.quote(folder)
    written = [
        (f"{REFERENCE_FOLDER}/{SOURCE_NAME}",
         "een kleine voorbeeldstandaard (eigen tekst, geen echte Contractstandaard)"),
        (f"{REFERENCE_FOLDER}/{DEMO_ID}.json", "de referentie die cscheck daarvan bouwt ('cscheck reference build')"),
        (f"{len(VOORBEELDEN)} overeenkomsten", "in Word, zoals een gemeente ze van die standaard maakt"),
    ]
    column = max(len(name) for name in OURS) + 1
    lines = [
        f"cscheck demo schreef in {folder}/:",
        *(f"  {name:{column}} {what}" for name, what in written),
        f"Hieronder controleert cscheck de {len(VOORBEELDEN)} overeenkomsten.",
        "",
        report_text(run.report, color=color, width=width).rstrip("\n"),
        "",
        "Wat de voorbeelden laten zien:",
        *(f"  {v.name:{column}} {v.shows}" for v in VOORBEELDEN),
        "",
    ]
    if run.unexpected:
        lines += [f"LET OP: {', '.join(run.unexpected)} gaf andere bevindingen dan hierboven staat. Dan werkt "
                  "cscheck hier niet goed. Meld dit met deze uitvoer bij de beheerders van cscheck.", ""]
    lines += [
        "Open de voorbeelden in Word en controleer ze zelf nog eens:",
        f"  cscheck check --references {quoted}/{REFERENCE_FOLDER} {quoted}/*.docx",
        "Controleer daarna uw eigen overeenkomst (tegen de Contractstandaarden Wmo):",
        "  cscheck overeenkomst.docx",
    ]
    return "\n".join(lines) + "\n"
