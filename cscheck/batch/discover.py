"""Finding the documents to check: files as given, folders searched, globs expanded.

Errors are values: a folder that cannot be read, a glob that matches nothing or a file that does not
exist becomes a result with status "error" and a Dutch message, and the rest goes on. This module is
light to import: a one-file check and the annotated copies need nothing more of the batch machinery.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import msgspec

from cscheck.files import os_reason
from cscheck.model import DocumentResult

# Kept in step with cscheck.read.SUFFIXES (a test checks it) so that this module stays light to import.
SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".md", ".markdown", ".pdf", ".doc", ".odt", ".rtf")
_GLOB_MAGIC = set("*?[")
# A document repository keeps these beside the documents; in a folder they are not submissions (named on
# the command line they are still checked).
_REPOSITORY_FILES = {"readme", "changelog", "changes", "license", "licence", "contributing", "code_of_conduct",
                     "security", "authors", "notice"}


def natural_key(path: str | Path) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders names as people count: inzending-2 before inzending-10, case ignored."""
    parts = re.split(r"(\d+)", str(path).casefold())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


class Input(msgspec.Struct, frozen=True):
    """A document to check, and the folder argument it was found under (for mirrored output names)."""

    path: Path
    root: Path | None = None
    origin: str | None = None  # what the user named when it is not the file: "-" for standard input

    @property
    def shown(self) -> str:
        """The document's name in the reports."""
        return self.origin or str(self.path)

    @property
    def settings_from(self) -> Path:
        """Where its configuration file is looked for: from the document, or for standard input from the
        working folder (never from the temporary folder that holds it)."""
        return Path.cwd() if self.origin else self.path


class Collected(msgspec.Struct):
    inputs: list[Input] = msgspec.field(default_factory=list)
    errors: list[DocumentResult] = msgspec.field(default_factory=list)  # folders and patterns that failed


def collect(arguments: Sequence[str | Path], excluded: Callable[[Path], bool] = lambda _: False) -> Collected:
    """Files as given, folders searched (hidden folders, Word lock files and a repository's README.md and
    the like skipped), globs expanded."""
    found = Collected()
    seen: set[Path] = set()

    def add(path: Path, root: Path | None) -> None:
        key = Path(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.inputs.append(Input(path, root))

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            _walk(path, add, found.errors, excluded)
        elif path.exists() or path.is_symlink():
            add(path, None)
        elif _GLOB_MAGIC & set(str(argument)):
            _expand(str(argument), add, found.errors, excluded)
        else:
            found.errors.append(DocumentResult.failed(path, "niet-gevonden", "Het bestand of de map bestaat niet."))
    return found


def _expand(pattern: str, add: Callable[[Path, Path | None], None], errors: list[DocumentResult],
            excluded: Callable[[Path], bool]) -> None:
    matches = sorted(glob.glob(pattern, recursive=True), key=natural_key)
    documents = 0
    for match in matches:
        path = Path(match)
        if path.is_dir():
            _walk(path, add, errors, excluded)
            documents += 1
        elif not path.name.startswith("~$") and (path.suffix.lower() in SUFFIXES
                                                 or not _GLOB_MAGIC & set(Path(pattern).suffix)):
            add(path, None)
            documents += 1
    if not documents:
        errors.append(DocumentResult.failed(pattern, "niet-gevonden",
                                            f"Geen documenten gevonden voor het patroon '{pattern}'."))


def _walk(top: Path, add: Callable[[Path, Path | None], None], errors: list[DocumentResult],
          excluded: Callable[[Path], bool]) -> None:
    def failed(exc: OSError) -> None:
        where = exc.filename or top
        if isinstance(exc, FileNotFoundError):
            message = "De map bestaat niet (meer); de documenten erin zijn niet gecontroleerd."
        else:
            message = (f"De map kan niet worden gelezen ({os_reason(exc)}); de documenten erin zijn niet "
                       "gecontroleerd.")
        errors.append(DocumentResult.failed(where, "map-onleesbaar", message))

    for folder, dirs, files in os.walk(top, onerror=failed):
        base = Path(folder)
        dirs[:] = sorted((d for d in dirs if not d.startswith(".") and not excluded(base / d)), key=natural_key)
        for name in sorted(files, key=natural_key):
            path = base / name
            if name.startswith((".", "~$")) or path.suffix.lower() not in SUFFIXES or excluded(path):
                continue
            if path.suffix.lower() in (".md", ".markdown") and path.stem.lower() in _REPOSITORY_FILES:
                continue
            add(path, top)


