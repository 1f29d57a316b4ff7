"""Models that cross the stages of the pipeline.

read → `Document` (blocks in body order) → structure → `Contract` (delen, artikelen, leden)
→ align → `Alignment` → rules → `Finding` → report → `Report`.

Every model is a msgspec Struct: slotted, pickled between worker processes, and cheap to define (~0.04 ms
against ~1 ms for a dataclass and 2–3 ms for a pydantic model: a one-file check defines about 100 of them
at start-up). Constructing one validates nothing: the internal stages (blocks, structure) build thousands
from values our own code made. What comes from outside (rule files, manifests, cscheck.yaml) is validated
by `msgspec.convert` where it is read; what goes out (findings, reports) is written as JSON, and its
schema, by msgspec itself.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

# ---------------------------------------------------------------------------------------------
# read


class Block(msgspec.Struct):
    """One paragraph as Word shows it (tracked changes accepted), in body order."""

    index: int  # position among all paragraphs of the body (tables included): reported as "paragraph"
    text: str  # visible text without the automatic numbering label
    label: str = ""  # visible automatic numbering label ("Artikel 3.9", "3.9.1", "a)", "•")
    style: str = ""
    heading: int = 0  # outline level 1–9, 0 = body text
    bold: bool = False  # every visible character is bold
    italic: bool = False
    table: tuple[int, int, int] | None = None  # (table, row, cell) when inside a table
    toc: bool = False  # part of a table of contents
    revised: bool = False  # holds unaccepted insertions, deletions or moves
    list_item: bool = False  # list paragraph (bullet or numbering that is not a structural number)
    bullet: bool = False  # the label is a bullet symbol, not a number
    hidden: str = ""  # text in the paragraph that Word does not show (hidden font)
    page: int | None = None  # the page it starts on (PDF, 1-based); None when the format has no pages
    marked: str = ""  # visible text with a highlight colour or shading (left from the template's markings)

    @property
    def shown(self) -> str:
        """Label and text as they appear on the page."""
        if self.label and self.text:
            return f"{self.label} {self.text}"
        return self.label or self.text


class Document(msgspec.Struct):
    """A document as read, independent of its file format."""

    path: str
    format: str  # "docx" | "md" | "pdf"
    blocks: list[Block]
    revisions: int = 0  # unaccepted tracked changes
    comments: int = 0  # comments present
    margins: list[str] = msgspec.field(default_factory=list)  # header and footer texts (not contract content)
    converted_from: str = ""  # ".doc", ".odt", ".rtf" …: read after a conversion to .docx by LibreOffice


# ---------------------------------------------------------------------------------------------
# structure


class Span(msgspec.Struct):
    """The part of a block that is content: what follows a structural number typed in the text."""

    block: Block
    start: int = 0

    @property
    def text(self) -> str:
        return self.block.text[self.start :]


class Lid(msgspec.Struct):
    number: str | None  # as the document shows it, e.g. "3.9.1"; None for text before the first lid
    spans: list[Span] = msgspec.field(default_factory=list)
    position: int = -1  # paragraph index of the lid number (or of its first text)
    nvt: bool = False  # its text only says "niet van toepassing"


class Artikel(msgspec.Struct):
    """An article, or a front section treated as one (key "overwegingen", "definities", …)."""

    key: str  # number as the document shows it ("3.9", "1.n") or the section key
    title: str
    position: int  # paragraph index of the heading
    deel: str | None = None  # "1" | "2" | "3" | None for front sections
    hoofdstuk: str | None = None
    label: str = ""  # heading as shown, e.g. "Artikel 3.9 – Hoofd- en onderaanneming"
    outline: str = ""  # outline number Word shows in front of a heading that names its own number ("3.2.1")
    optional_marker: bool = False  # heading still carries "[Optioneel:]"
    nvt: bool = False  # kept with its number but declared "niet van toepassing"
    section: bool = False  # a front or back section, not a numbered article
    leden: list[Lid] = msgspec.field(default_factory=list)

    @property
    def spans(self) -> list[Span]:
        return [s for lid in self.leden for s in lid.spans]

    @property
    def numbered_leden(self) -> list[Lid]:
        return [lid for lid in self.leden if lid.number]


class Deel(msgspec.Struct):
    number: str  # "1", "2", "3"
    title: str
    position: int
    outline: str = ""  # outline number in front of the heading, when the heading names its own number
    artikelen: list[Artikel] = msgspec.field(default_factory=list)
    hoofdstukken: list[tuple[str, str, int]] = msgspec.field(default_factory=list)  # (number, title, position)


class Contract(msgspec.Struct):
    """The structure found in a document."""

    document: Document
    sections: dict[str, Artikel] = msgspec.field(default_factory=dict)  # titelpagina, partijen, overwegingen, …
    delen: list[Deel] = msgspec.field(default_factory=list)
    toc_blocks: int = 0

    @property
    def artikelen(self) -> list[Artikel]:
        return [a for d in self.delen for a in d.artikelen]

    def deel(self, number: str) -> Deel | None:
        return next((d for d in self.delen if d.number == number), None)


# ---------------------------------------------------------------------------------------------
# findings and report


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


# What people read and may type: the Dutch name of each severity (the English value stays the wire format of
# JSON, SARIF and the rule files). `--fail-on` and cscheck.yaml accept either.
SEVERITY_NAMES = {Severity.error: "fout", Severity.warning: "waarschuwing", Severity.info: "melding"}
NEVER_NAME = "nooit"


def severity_named(name: str) -> Severity | None:
    """The severity called `name` in English or Dutch ("warning", "waarschuwing"), any case; None if none is."""
    key = name.strip().lower()
    return next((s for s, dutch in SEVERITY_NAMES.items() if key in (s.value, dutch)), None)


def fail_on_named(name: str) -> FailOn | None:
    """A `fail-on` value from its English or Dutch name ("never", "nooit"); None when it is not one."""
    if name.strip().lower() in ("never", NEVER_NAME):
        return "never"
    severity = severity_named(name)
    return severity.value if severity is not None else None  # type: ignore[return-value]


def fail_on_names() -> list[str]:
    """The Dutch names `--fail-on` takes, strictest first."""
    return [*SEVERITY_NAMES.values(), NEVER_NAME]


# The Structs below are keyword-only: a required field may then follow fields with defaults, and the JSON keeps
# its key order (the order of the fields).
class Location(msgspec.Struct, kw_only=True):
    paragraph: Annotated[int | None, msgspec.Meta(description=(
        "The paragraph, counted from 1 as a reader counts the paragraphs of the document: every paragraph of "
        "the body in reading order, those in tables (cell by cell) and in the table of contents included, "
        "empty ones too; headers, footers, footnotes and text boxes are not counted separately."))] = None
    page: int | None = None  # the page of the paragraph, for a PDF (1-based)
    excerpt: str = ""

    @classmethod
    def at(cls, block: int | None, excerpt: str = "", page: int | None = None) -> Location:
        """The place of the block with this index (`Block.index`, counted from 0), on this page of a PDF."""
        return cls(paragraph=block + 1 if block is not None else None, page=page, excerpt=excerpt)

    @property
    def block(self) -> int | None:
        """The index of the block (`Block.index`) this place is in."""
        return self.paragraph - 1 if self.paragraph is not None else None


class Edit(msgspec.Struct, kw_only=True):
    """One place where a lid differs from the standard: what the standard has there, what stands there now,
    and a few words on each side as the document has them."""

    before: str = ""  # the document's words just before the place
    removed: str = ""  # the standard's words that are gone (known with --reference-text)
    removed_words: int = 0  # how many words of the standard are gone here
    added: str = ""  # the document's words that stand there instead, or were added
    after: str = ""  # the document's words just after the place


class Changes(msgspec.Struct, kw_only=True):
    """Word-level difference of a lid with the standard."""

    added: list[str] = msgspec.field(default_factory=list)  # runs of words the document has and the standard not
    removed: list[str] = msgspec.field(default_factory=list)  # runs of the standard's words (needs --reference-text)
    removed_words: int = 0  # number of the standard's words missing (always known, from fingerprints)
    context: list[Edit] = msgspec.field(default_factory=list)  # each change where it stands: was/wordt with context


class Waiver(msgspec.Struct, kw_only=True):
    """Why a finding does not count: an agreed deviation from a configuration file (cscheck.yaml)."""

    reason: str
    until: date | None = None
    config: str | None = None  # the file that holds the waiver


class Finding(msgspec.Struct, kw_only=True):
    rule: str
    code: str
    severity: Severity
    message: str
    deel: str | None = None
    article: str | None = None  # the standard's numbering, None when the standard does not have it
    lid: str | None = None
    document_label: str | None = None  # the document's own numbering
    location: Location = msgspec.field(default_factory=Location)
    changes: Changes | None = None
    waived: bool = False
    waiver: Waiver | None = None  # set when waived


DOCUMENT_TYPE_NAMES = {
    "overeenkomst": "overeenkomst",
    "inkoopdocument-sas-met-emvi": "inkoopdocument SAS met EMVI",
    "inkoopdocument-sas-zonder-emvi": "inkoopdocument SAS zonder EMVI",
    "inkoopdocument-toelatingsprocedure": "inkoopdocument toelatingsprocedure",
}


def document_type_name(document_type: str | None) -> str:
    """How a reader calls a kind of document ("inkoopdocument SAS met EMVI")."""
    if not document_type:
        return "document"
    return DOCUMENT_TYPE_NAMES.get(document_type, document_type.replace("-", " "))


class StandardInfo(msgspec.Struct, kw_only=True):
    id: str | None = None
    standard: str | None = None  # "CSW"
    version: str | None = None
    score: float = 0.0
    forced: bool = False
    candidates: dict[str, float] = msgspec.field(default_factory=dict)
    asked: str | None = None  # the version the command line or cscheck.yaml asked for, when another was used


class DocumentError(msgspec.Struct, kw_only=True):
    kind: str
    message: str


class Summary(msgspec.Struct, kw_only=True):
    error: int = 0
    warning: int = 0
    info: int = 0


FailOn = Literal["error", "warning", "info", "never"]


class DocumentResult(msgspec.Struct, kw_only=True):
    path: str
    status: Literal["checked", "error"]
    error: DocumentError | None = None
    fail_on: FailOn = "error"  # the lowest severity that makes the check fail (--fail-on, cscheck.yaml)
    config: str | None = None  # the configuration file that applied
    document_type: str | None = None
    standard: StandardInfo = msgspec.field(default_factory=StandardInfo)
    summary: Summary = msgspec.field(default_factory=Summary)
    findings: list[Finding] = msgspec.field(default_factory=list)
    variant: str | None = None  # "maatwerk" for a maatwerkovereenkomst
    rules_selected: bool = False  # only some rules were run (--select, --ignore or cscheck.yaml)
    converted_from: str | None = None  # the format LibreOffice converted to .docx before the check (".doc", ".odt" …)
    # what the document says about its procedure, for checks across a submission: pickled with the result
    # from a worker process, left out of the JSON report and its schema (cscheck.report.json)
    facts: dict[str, Any] = msgspec.field(default_factory=dict)

    @classmethod
    def failed(cls, path: str | Path, kind: str, message: str) -> DocumentResult:
        """A document that could not be checked: why, in Dutch."""
        return cls(path=str(path), status="error", error=DocumentError(kind=kind, message=message))

    def count(self) -> None:
        counts = {s: 0 for s in Severity}
        for f in self.findings:
            if not f.waived:
                counts[f.severity] += 1
        self.summary = Summary(error=counts[Severity.error], warning=counts[Severity.warning],
                               info=counts[Severity.info])

    def fails(self) -> bool:
        """True when a finding that is not waived reaches `fail_on` (errors never pass)."""
        if self.status == "error":
            return True
        if self.fail_on == "never":
            return False
        threshold = Severity(self.fail_on).rank
        return any(not f.waived and f.severity.rank >= threshold for f in self.findings)


class ToolInfo(msgspec.Struct, kw_only=True):
    name: str = "cscheck"
    version: str


class Notice(msgspec.Struct, kw_only=True):
    """A remark about the run rather than about a document: an unused or expired waiver."""

    kind: str  # "afwijking-ongebruikt" | "afwijking-verlopen"
    severity: Severity = Severity.info
    message: str
    config: str | None = None


class Submission(msgspec.Struct, kw_only=True):
    """The documents of one submission (one folder): an overeenkomst and the inkoopdocument it belongs to."""

    folder: str
    documents: list[str] = msgspec.field(default_factory=list)
    overeenkomst: str | None = None
    inkoopdocument: str | None = None
    compared: bool = False  # both were found and compared by the cross-document rule


class RuleStatistic(msgspec.Struct, kw_only=True):
    """How often one rule found something in a run."""

    rule: str
    code: str
    severity: Severity
    findings: int = 0  # that count (not waived)
    errors: int = 0  # … of which fouten
    warnings: int = 0  # … waarschuwingen
    waived: int = 0
    documents: list[str] = msgspec.field(default_factory=list)  # the documents with a finding of this rule


class Share(msgspec.Struct, kw_only=True):
    documents: int = 0  # checked documents
    conform: int = 0  # … without errors and warnings that count


class Statistics(msgspec.Struct, kw_only=True):
    """What a batch shows at a glance (the Ketenbureau's "eerste bevindingen")."""

    rules: list[RuleStatistic] = msgspec.field(default_factory=list)  # most frequent first
    # per reference id: per article of the standard, in its order, the number of documents with a finding there
    articles: dict[str, dict[str, int]] = msgspec.field(default_factory=dict)
    document_types: dict[str, Share] = msgspec.field(default_factory=dict)
    standards: dict[str, Share] = msgspec.field(default_factory=dict)  # per reference id


class Report(msgspec.Struct, kw_only=True):
    schema_version: int = 1
    tool: ToolInfo
    documents: list[DocumentResult] = msgspec.field(default_factory=list)
    submissions: list[Submission] = msgspec.field(default_factory=list)
    notices: list[Notice] = msgspec.field(default_factory=list)
    statistics: Statistics | None = None
