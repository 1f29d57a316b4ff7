"""JUnit XML (GitLab `artifacts:reports:junit`, Azure `PublishTestResults@2`), written with junitparser.

One testsuite per document; one testcase per article the standard has (from the manifest the
document was checked against), plus one per place the standard does not have and one for the
document as a whole. A testcase fails when it has findings at or above the document's `fail_on`;
findings below it and waived findings are listed in its system-out. Names are unique within a
suite and the classname is the document's path, which is what GitLab uses as a test's identity.
A document that could not be checked is one testcase with an error.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable

from junitparser import Error, Failure, JUnitXml, TestCase, TestSuite

from cscheck.model import DocumentResult, Finding, Report, Severity
from cscheck.report.common import SECTION_NAMES, SEVERITY_NAMES, article_name, page, relative

Articles = Callable[[DocumentResult], list[tuple[str, str]]]
DOCUMENT = "Document"


def manifest_articles(doc: DocumentResult) -> list[tuple[str, str]]:
    """(article key, testcase name) for every article and front section of the document's standard."""
    from cscheck.reference.store import load_manifest

    if not doc.standard.id:
        return []
    try:
        manifest = load_manifest(doc.standard.id)
    except KeyError:  # checked against manifests that are not shipped (tests, another folder)
        return []
    out = []
    for art in manifest.artikelen:
        if art.key.endswith(".n"):  # the stub for own articles: those show up under their own number
            continue
        name = SECTION_NAMES.get(art.key) or f"Artikel {art.key}"
        if not art.section and art.title:
            name += f" {art.title}"
        out.append((art.key, name))
    return out


def _line(f: Finding) -> str:
    where = f", lid {f.lid}" if f.lid else ""
    where += f" (in het document: {f.document_label})" if f.document_label and f.document_label != f.lid else ""
    para = f", alinea {f.location.paragraph}" if f.location.paragraph is not None else ""
    para += f", {page(f)}" if page(f) else ""
    waived = f" [afgesproken afwijking: {f.waiver.reason}]" if f.waived and f.waiver else ""
    return f"{SEVERITY_NAMES[f.severity].upper()} {f.code} {f.rule}{where}{para}: {f.message}{waived}"


def _testcase(name: str, classname: str, findings: list[Finding], threshold: int) -> TestCase:
    case = TestCase(name, classname=classname, time=0)
    failing = [f for f in findings if not f.waived and f.severity.rank >= threshold]
    other = [f for f in findings if f not in failing]
    if failing:
        worst = max(failing, key=lambda f: f.severity.rank)
        failure = Failure(f"{len(failing)} bevinding(en): {failing[0].message}"[:500], SEVERITY_NAMES[worst.severity])
        failure.text = "\n".join(_line(f) for f in failing)
        case.result = [failure]
    if other:
        case.system_out = "\n".join(_line(f) for f in other)
    return case


def _suite(doc: DocumentResult, articles: Articles) -> TestSuite:
    path = relative(doc.path)
    suite = TestSuite(path)
    # properties first: the JUnit schema wants them before the testcases
    if doc.error:
        suite.add_property("fout", doc.error.kind)
        case = TestCase(DOCUMENT, classname=path, time=0)
        case.result = [Error(doc.error.message, doc.error.kind)]
        suite.add_testcase(case)
        return suite
    suite.add_property("soort", doc.document_type or "")
    if doc.converted_from:
        suite.add_property("omgezet-van", doc.converted_from)
    suite.add_property("standaard", doc.standard.id or "")
    suite.add_property("fail-on", doc.fail_on)
    threshold = Severity(doc.fail_on).rank if doc.fail_on != "never" else 99
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in doc.findings:
        grouped[f.article or article_name(f)].append(f)
    names = dict(articles(doc))
    order = [DOCUMENT, *names, *(k for k in grouped if k not in names and k != DOCUMENT)]
    for key in order:
        name = names.get(key, key)
        suite.add_testcase(_testcase(name, path, grouped.get(key, []), threshold))
    return suite


def build(report: Report, articles: Articles = manifest_articles) -> JUnitXml:
    xml = JUnitXml("cscheck")
    for doc in report.documents:
        xml.add_testsuite(_suite(doc, articles))
    xml.update_statistics()
    return xml


def render(report: Report, *, articles: Articles = manifest_articles, **_: object) -> str:
    buffer = io.BytesIO()
    build(report, articles).write(buffer, pretty=True)
    return buffer.getvalue().decode("utf-8")
