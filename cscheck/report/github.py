"""GitHub Actions: workflow commands (`::error file=…,line=…,title=…::message`) and a Markdown job summary.

Escaping follows the Actions toolkit: in the message `%`, CR and LF; in property values also `:` and
`,`. The line is the paragraph number counted from 1 (see sarif.py). GitHub shows at most 10 error
and 10 warning annotations per step, so the job summary (`$GITHUB_STEP_SUMMARY`) lists everything.
Waived findings get no annotation; they are in the summary as agreed deviations. Remarks about the run
as a whole (a newer version exists, how to see the standard's words) are in the summary only, so that they
never take the place of annotations at the findings.
"""

from __future__ import annotations

from collections.abc import Mapping

from cscheck.model import Report, Severity
from cscheck.report.common import SEVERITY_NAMES, article_name, converted, line, page, relative, rows, status
from cscheck.report.summary import totals
from cscheck.report.templating import environment

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}
LIMIT = 10  # annotations per level per step that GitHub shows


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Mapping[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def workflow_commands(report: Report) -> list[str]:
    out = []
    for doc in report.documents:
        path = relative(doc.path)
        if doc.error:
            out.append(command("error", {"file": path, "title": "cscheck: niet gecontroleerd"}, doc.error.message))
        for f in doc.findings:
            if not f.waived:
                where = ", ".join(filter(None, (article_name(f, doc.document_type), page(f))))
                title = f"{f.code} {f.rule} ({where})"
                out.append(command(COMMANDS[f.severity], {"file": path, "line": line(f), "title": title}, f.message))
    for notice in report.notices:
        if notice.severity == Severity.info:
            continue  # remarks about the run (a newer version, --reference-text) are in the job summary only
        props = {"file": relative(notice.config) if notice.config else None, "title": "cscheck: configuratie"}
        out.append(command(COMMANDS[notice.severity], props, notice.message))
    return out


def render(report: Report, **_: object) -> str:
    lines = workflow_commands(report)
    return "".join(f"{text}\n" for text in lines)


def step_summary(report: Report) -> str:
    """The job summary in Markdown: a table per document and every finding."""
    counts = {level: sum(1 for d in report.documents for f in d.findings if not f.waived and f.severity == level)
              for level in Severity}
    return environment(html=False).get_template("github-summary.md.j2").render(
        report=report, rows=rows(report), totals=totals(report), status=status, relative=relative, line=line, page=page,
        converted=converted,
        article_name=article_name, severity_names=SEVERITY_NAMES,
        over_limit=counts[Severity.error] > LIMIT or counts[Severity.warning] > LIMIT, limit=LIMIT)
