"""Annotated copies: each checked DOCX written again with a Word comment (author "cscheck") at the
paragraph of every finding, holding the message, the rule and what to do.

The input is only read. Copies go to a file or a folder; a copy that would land on an input gets
the suffix `.cscheck.docx`, and a plan that would still overwrite an input is refused. Copies are
written atomically (cscheck.files.write_atomic).

Paragraphs are found by the index the reader reports, with the reader's own rule for what a paragraph
of the document is (`cscheck.read.walk.body_paragraphs`).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import msgspec

from cscheck.batch.discover import Input
from cscheck.model import DocumentResult, Finding
from cscheck.report.common import SEVERITY_NAMES, article_name, edit_lines
from cscheck.rules.model import Rule

AUTHOR, INITIALS = "cscheck", "CS"
SUFFIX = ".cscheck"


class AnnotateError(Exception):
    """The annotated copies cannot be written as asked (Dutch message)."""


class Annotated(msgspec.Struct, frozen=True):
    source: Path
    target: Path
    comments: int = 0
    without_place: int = 0  # findings without a paragraph (they stay in the report only)
    error: str | None = None  # why no copy was written (Dutch)


def paragraphs(body: object) -> list[object]:
    """The body's w:p elements in the reader's order."""
    from cscheck.read.walk import body_paragraphs

    return list(body_paragraphs(body))  # type: ignore[arg-type]


def comment_text(f: Finding, rule: Rule | None, document_type: str | None = None) -> str:
    place = article_name(f, document_type) + (f", lid {f.lid}" if f.lid else "")
    lines = []
    if f.waived:
        reason = f": {f.waiver.reason}" if f.waiver else ""
        lines.append(f"Afgesproken afwijking, telt niet mee{reason}.")
    lines.append(f.message)
    for edit in (f.changes.context if f.changes else [])[:5]:
        lines.extend(edit_lines(edit))
    lines.append(f"Regel: {f.code} {f.rule} ({SEVERITY_NAMES[f.severity]}), {place}.")
    if rule is not None:
        lines.append(f"Wat te doen: {rule.advice}")
    return "\n".join(lines)


def annotate(source: Path, result: DocumentResult, rules: dict[str, Rule]) -> tuple[bytes, int, int]:
    """The annotated document as bytes, the number of comments, and the findings without a paragraph."""
    import docx
    from docx.text.paragraph import Paragraph

    from cscheck.read.container import open_package

    open_package(source).zip.close()  # the reader's size and zip-bomb limits, before python-docx inflates it
    document = docx.Document(str(source))
    found = paragraphs(document.element.body)
    comments = without = 0
    for f in result.findings:
        index = f.location.block
        if index is None or not 0 <= index < len(found):
            without += 1
            continue
        paragraph = Paragraph(found[index], document._body)  # type: ignore[arg-type]
        runs = paragraph.runs or [paragraph.add_run()]  # an empty paragraph needs a run to hold the comment
        text = comment_text(f, rules.get(f.rule), result.document_type)
        document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
        comments += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), comments, without


# ---------------------------------------------------------------------------------------------
# where the copies go


def _same(a: Path, b: Path) -> bool:
    if os.path.abspath(a) == os.path.abspath(b) or a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def plan(inputs: list[Input], target: Path) -> dict[Path, Path]:
    """Input → annotated copy. A target ending in .docx is one file; anything else is a folder."""
    candidates = [i for i in inputs if i.path.suffix.lower() == ".docx"]
    as_file = target.suffix.lower() == ".docx" and not target.is_dir()
    if as_file and len(candidates) > 1:
        raise AnnotateError("--annotate: geef een map op als u meer dan één document controleert.")
    sources = [i.path for i in inputs]
    out: dict[Path, Path] = {}
    for item in candidates:
        if as_file:
            destination = target
        else:
            relative = item.path.relative_to(item.root) if item.root else Path(item.path.name)
            destination = target / relative
            if any(_same(destination, s) for s in sources):  # asked to write into the input's own folder
                destination = destination.with_name(destination.stem + SUFFIX + destination.suffix)
            destination = _unique(destination, set(out.values()), sources)
        if any(_same(destination, s) for s in sources):
            raise AnnotateError(f"--annotate zou {destination} overschrijven, en dat is een gecontroleerd "
                                "document. Kies een andere map of bestandsnaam.")
        out[item.path] = destination
    return out


def _unique(path: Path, taken: set[Path], sources: list[Path]) -> Path:
    """`path`, or `name-2.docx`, `name-3.docx` … when another copy or an input already has that name."""
    candidate, n = path, 2
    while candidate in taken or any(_same(candidate, s) for s in sources):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def write_all(results: list[DocumentResult], targets: dict[Path, Path], rules: list[Rule],
              names: dict[Path, str] | None = None) -> list[Annotated]:
    """Write every annotated copy of a checked document (atomically); documents that could not be checked
    are skipped, and a copy that cannot be made is reported, not raised. `names`: a document's name in the
    report when that is not its path ("-" for standard input)."""
    by_name = {r.name: r for r in rules}
    by_path = {r.path: r for r in results}
    done = []
    for source, target in targets.items():
        result = by_path.get((names or {}).get(source, str(source)))
        if result is not None and result.status == "checked":
            done.append(_write_one(source, target, result, by_name))
    return done


def _write_one(source: Path, target: Path, result: DocumentResult, rules: dict[str, Rule]) -> Annotated:
    from cscheck.files import os_reason, write_atomic
    from cscheck.read.errors import ReadError

    try:
        data, comments, without = annotate(source, result, rules)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except ReadError as exc:  # the file changed since it was checked
        return Annotated(source, target, error=exc.message)
    except OSError as exc:
        return Annotated(source, target, error=f"kan {exc.filename or target} niet schrijven ({os_reason(exc)}).")
    except Exception as exc:  # python-docx refuses a package our reader accepted
        return Annotated(source, target, error=f"Word-opmerkingen toevoegen lukte niet ({type(exc).__name__}).")
    return Annotated(source, target, comments, without)
