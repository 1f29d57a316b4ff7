"""Reports: the JSON wire format against its committed schema, the text report with and without colour."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import jsonschema

from cscheck.model import Changes, DocumentResult, Finding, Location, Report, Severity, StandardInfo, ToolInfo
from cscheck.report import renderer
from cscheck.report.json import schema

SCHEMA = Path(__file__).resolve().parents[1] / "schema" / "report-v1.schema.json"


def sample() -> Report:
    doc = DocumentResult(path="overeenkomst.docx", status="checked", document_type="overeenkomst",
                         standard=StandardInfo(id="csw-1.2", version="1.2", score=0.93))
    doc.findings = [
        Finding(rule="deel3-gewijzigd", code="CS201", severity=Severity.error, message="In lid 3.6 …",
                deel="3", article="3.6", lid=None, document_label="3.7",
                location=Location(paragraph=420, excerpt="Als Opdrachtnemer"),
                changes=Changes(added=["28"], removed_words=1)),
        Finding(rule="rusland-verklaring", code="CS302", severity=Severity.warning, message="Rusland",
                deel="1", article=None, document_label="1.11", location=Location(paragraph=300)),
    ]
    doc.count()
    bad = DocumentResult(path="kapot.docx", status="error")
    return Report(tool=ToolInfo(version="0.1.0"), documents=[doc, bad])


def test_committed_schema_is_the_models_schema() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == schema()
    assert "facts" not in schema()["$defs"]["DocumentResult"]["properties"]  # type: ignore[index]


def test_facts_cross_processes_but_stay_out_of_the_json() -> None:
    report = sample()
    report.documents[0].facts = {"type": "overeenkomst", "procedure": ["toelating"], "bibob": False}
    assert pickle.loads(pickle.dumps(report.documents[0])) == report.documents[0]  # worker → main process
    data = json.loads(renderer("json")(report))
    assert all("facts" not in doc for doc in data["documents"])
    assert renderer("json")(report).startswith('{\n  "schema_version": 1,\n  "tool": {\n    "name": "cscheck",')


def test_json_report_validates_against_the_schema() -> None:
    data = json.loads(renderer("json")(sample()))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["schema_version"] == 1
    first = data["documents"][0]
    assert first["summary"] == {"error": 1, "warning": 1, "info": 0}
    assert first["findings"][0]["article"] == "3.6" and first["findings"][0]["document_label"] == "3.7"


def test_text_report_groups_by_article_and_shows_both_numbers() -> None:
    text = renderer("text")(sample(), color=False)
    assert "\x1b[" not in text
    assert "Artikel 3.6 (in het document: 3.7)" in text
    assert "1.11 (niet in de standaard)" in text
    assert "1 fout(en), 1 waarschuwing(en), 0 melding(en)" in text
    assert "kapot.docx  kan niet worden gecontroleerd" in text


def test_text_report_in_colour_marks_added_words() -> None:
    text = renderer("text")(sample(), color=True)
    assert "\x1b[" in text and "28" in text


def test_text_report_names_an_inkoopdocument_by_its_own_parts_and_lists_submissions() -> None:
    from cscheck.model import Submission

    long = "De looptijd in het inkoopdocument wijkt af van artikel 1.3 van de overeenkomst. " * 3
    inkoop = DocumentResult(path="inzending/inkoopdocument.docx", status="checked",
                            document_type="inkoopdocument-toelatingsprocedure",
                            standard=StandardInfo(id="csw-1.2-inkoopdocument-toelatingsprocedure", standard="CSW",
                                                  version="1.2", score=0.78))
    inkoop.findings = [Finding(rule="inkoop-overeenkomst-tegenstrijdig", code="CS701", severity=Severity.error,
                               message=long.strip(), deel="2", article="2.5.2", location=Location(paragraph=136))]
    inkoop.count()
    ovk = DocumentResult(path="inzending/overeenkomst.docx", status="checked", document_type="overeenkomst",
                         standard=StandardInfo(id="csw-1.2", version="1.2", score=0.85))
    report = Report(tool=ToolInfo(version="0.1.0"), documents=[inkoop, ovk], submissions=[
        Submission(folder="inzending", documents=[inkoop.path, ovk.path], overeenkomst=ovk.path,
                   inkoopdocument=inkoop.path, compared=True)])
    text = renderer("text")(report, color=False, width=80)
    assert "Hoofdstuk 2" in text and "Paragraaf 2.5.2" in text and "Artikel 2.5.2" not in text
    assert "herkend als: inkoopdocument toelatingsprocedure CSW 1.2" in text and "78%" not in text
    assert "inzending: overeenkomst.docx en inkoopdocument.docx vergeleken — 1 tegenstrijdigheid" in " ".join(
        text.split())
    lines = text.splitlines()
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines)
    start = next(i for i, line in enumerate(lines) if "De looptijd" in line)
    message = lines[start:start + 4]  # the message wraps over several lines, all under the finding
    assert " ".join(" ".join(message).split()).startswith(" ".join(long.split())[:200])
    assert all(line.startswith("      ") for line in message)


def test_the_verdict_says_what_the_check_covered() -> None:
    from cscheck.report.common import verdict

    doc = DocumentResult(path="a.docx", status="checked", document_type="overeenkomst")
    doc.findings = [Finding(rule="versie-afwijkend", code="CS501", severity=Severity.info, message="m")]
    doc.count()
    assert verdict(doc) == "conform de standaard"  # a melding is no deviation
    doc.rules_selected = True
    assert verdict(doc) == "conform de standaard voor de gekozen regels"
    doc.rules_selected = False
    doc.findings.append(Finding(rule="deel3-gewijzigd", code="CS201", severity=Severity.error, message="m",
                                waived=True))
    doc.count()
    assert verdict(doc) == "conform de standaard op de afgesproken afwijkingen na"
    doc.findings.append(Finding(rule="deel3-ingekort", code="CS203", severity=Severity.warning, message="m"))
    doc.count()
    assert verdict(doc) == "niet conform de standaard"


def test_the_header_says_what_the_document_was_recognised_as() -> None:
    from cscheck.model import StandardInfo
    from cscheck.report.common import recognised

    doc = DocumentResult(path="a.docx", status="checked", document_type="overeenkomst", variant="maatwerk",
                         standard=StandardInfo(id="csw-1.2", standard="CSW", version="1.2", score=0.86))
    assert recognised(doc) == "overeenkomst CSW 1.2 (maatwerk)"
    text = renderer("text")(Report(tool=ToolInfo(version="0"), documents=[doc]), color=False)
    assert "herkend als: overeenkomst CSW 1.2 (maatwerk)" in text and "86%" not in text
    assert "gelijkenis 86%" in renderer("text")(Report(tool=ToolInfo(version="0"), documents=[doc]), color=False,
                                                verbose=True)
