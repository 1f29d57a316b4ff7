"""The overview of a batch for the Ketenbureau: findings per rule, documents × rules, the share of conform
documents, how often each article was changed, and the submissions — in the HTML page (rendered in headless
Chromium, a screenshot kept), as a CSV matrix and as a JSON statistics block, all counting the same findings."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import msgspec
import pytest

from cscheck.batch.pool import BatchOptions
from cscheck.batch.run import check_paths
from cscheck.check import CheckOptions
from cscheck.config import Overrides, Resolver
from cscheck.model import Report, Severity
from cscheck.report import renderer
from cscheck.rules.engine import load_rules
from tests.fixtures.afwijkingen import AFWIJKINGEN
from tests.fixtures.afwijkingen_inkoop import AFWIJKINGEN_INKOOP
from tests.fixtures.gemeente import Invulling, vul_in
from tests.fixtures.inkoop import InkoopInvulling, vul_in_inkoop
from tests.fixtures.inkoopbron import inkoopdocument_md
from tests.fixtures.inkoopproducers import inkoop_to_docx
from tests.fixtures.producers import have_pandoc, md_to_docx
from tests.fixtures.sources import overeenkomst_md, shared_dir
from tests.fixtures.submission import inzending

pytestmark = pytest.mark.skipif(shared_dir() is None or not have_pandoc(),
                                reason="../shared/reference-sources en pandoc zijn nodig om testdocumenten te bouwen")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
COUNTED = (Severity.error, Severity.warning)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A batch as the Ketenbureau receives it: submissions, loose documents of every type, conform and not."""
    root = tmp_path_factory.mktemp("inzendingen")
    inzending(root / "gemeente-a", "conform")
    inzending(root / "gemeente-b", "uitvoeringsvariant", producer="officieel")
    contract = vul_in(overeenkomst_md("1.2"), Invulling(version="1.2"))
    for name in ("deel3_gewijzigd", "rusland", "volgorde", "eigen_inkoopvoorwaarden"):
        md_to_docx(AFWIJKINGEN[name](contract), root / "losse" / f"{name}.docx", "officieel")
    for variant in ("sas-met-emvi", "sas-zonder-emvi", "toelatingsprocedure"):
        inkoop = vul_in_inkoop(inkoopdocument_md("1.2", variant), InkoopInvulling(variant=variant))
        inkoop_to_docx(inkoop, root / "losse" / f"inkoop-{variant}.docx", "officieel")
        inkoop_to_docx(AFWIJKINGEN_INKOOP["klachttermijn"](inkoop), root / "losse" / f"klacht-{variant}.docx",
                       "officieel")
    result, _ = check_paths([root], Resolver(Overrides()), CheckOptions(debug=True), BatchOptions(in_process=True))
    return result


def _counted(report: Report) -> Counter[tuple[str, str]]:
    return Counter((f.rule, f.severity.value) for d in report.documents for f in d.findings
                   if not f.waived and f.severity in COUNTED)


def test_json_statistics_count_the_findings(report: Report) -> None:
    data = json.loads(renderer("json")(report))["statistics"]
    counted = _counted(report)
    for stat in data["rules"]:
        assert (stat["errors"], stat["warnings"]) == (counted[(stat["rule"], "error")],
                                                      counted[(stat["rule"], "warning")])
        assert stat["documents"] == [d.path for d in report.documents
                                     if any(f.rule == stat["rule"] for f in d.findings)]
    assert [s["findings"] for s in data["rules"]] == sorted((s["findings"] for s in data["rules"]), reverse=True)
    assert data["document_types"]["overeenkomst"]["documents"] == sum(d.document_type == "overeenkomst"
                                                                      for d in report.documents)
    # every article of the standard is there, also the ones no document changed, in the standard's order
    articles = data["articles"]["csw-1.2"]
    assert list(articles)[:3] == ["1.1", "1.2", "1.3"] and articles["3.6"] >= 1 and articles["3.31"] == 0


def test_csv_has_the_matrix_of_documents_and_rules(report: Report) -> None:
    rules = load_rules()
    rows = list(csv.reader(io.StringIO(renderer("csv")(report, rules=rules).lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    assert header[-len(rules):] == [r.name for r in sorted(rules, key=lambda r: r.code)]
    for doc, row in zip(report.documents, rows[1:], strict=True):
        per_rule = dict(zip(header, row, strict=True))
        for rule in rules:
            assert int(per_rule[rule.name]) == sum(1 for f in doc.findings if f.rule == rule.name and not f.waived)


def test_the_overview_comes_before_the_documents(report: Report) -> None:
    page = renderer("html")(report)
    assert page.index('id="overzicht"') < page.index('id="document-1"')
    assert "<script src" not in page and "http://" not in page and "https://" not in page  # one self-contained file
    for stat in json.loads(renderer("json")(report))["statistics"]["rules"]:
        if stat["errors"] or stat["warnings"]:
            assert f'href="#regel-{stat["rule"]}"' in page and f'id="regel-{stat["rule"]}"' in page


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium ontbreekt (apt-get install chromium)")
def test_the_overview_in_a_browser_shows_the_findings(report: Report, tmp_path: Path) -> None:
    from tests.test_formats import chromium

    page = tmp_path / "overzicht.html"
    page.write_text(renderer("html")(report), encoding="utf-8")
    png = tmp_path / "overzicht.png"  # kept for a person to look at
    chromium(f"--screenshot={png}", "--window-size=1300,2600", page.as_uri(), profile=tmp_path / "profiel1")
    assert png.exists() and png.stat().st_size > 50_000
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profiel2").stdout
    counted = _counted(report)
    bars = re.findall(r'data-rule="([^"]+)" data-errors="(\d+)" data-warnings="(\d+)"', dom)
    assert bars and {rule: (int(e), int(w)) for rule, e, w in bars} == {
        rule: (counted[(rule, "error")], counted[(rule, "warning")]) for rule, _s in counted}
    # the matrix: a row per checked document, a column per rule that found something
    matrix = dom.split('id="matrix"')[1].split("</table>")[0]
    assert matrix.count("<tr") - 1 == sum(d.status == "checked" for d in report.documents)
    # the heat strip: per article the documents with a finding there that counts
    strip = dom.split('class="strooknaam">overeenkomst csw-1.2', 1)[1].split('class="strook"', 1)[0]
    squares = dict(re.findall(r'data-article="([\d.]+)" data-count="(\d+)"', strip))
    changed = Counter(a for d in report.documents if d.standard.id == "csw-1.2"
                      for a in {f.article for f in d.findings if f.article and f.severity in COUNTED and not f.waived})
    assert squares["3.6"] == str(changed["3.6"]) and squares["1.1"] == str(changed["1.1"])
    # the submissions and their verdict
    assert "gemeente-b" in dom and "1 tegenstrijdigheid" in dom and "geen tegenstrijdigheden" in dom


def test_a_thousand_documents_stay_one_small_page(report: Report) -> None:
    many = copy.deepcopy(report)
    checked = [d for d in report.documents if d.status == "checked"]
    many.documents = [msgspec.structs.replace(d, path=f"inzending-{i}/{Path(d.path).name}")
                      for i in range(1000 // len(checked) + 1) for d in checked][:1000]
    many.statistics = None  # counted again for these documents
    page = renderer("html")(many)
    assert len(page.encode("utf-8")) < 5_000_000
