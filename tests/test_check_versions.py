"""Which reference a document is checked against, and what the report says about versions: --standard names
a version for every document type (the nearest one where that version has no reference), a forced
document type that does not fit is named, and a version still in force is no finding — a newer one is
mentioned once per run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cscheck.batch.pool import BatchOptions
from cscheck.batch.run import check_paths
from cscheck.check import CheckOptions, check_document
from cscheck.config import Overrides, Resolver
from cscheck.model import DocumentResult
from cscheck.reference.versions import in_force
from tests.fixtures.gemeente import Invulling, vul_in
from tests.fixtures.inkoop import InkoopInvulling, vul_in_inkoop
from tests.fixtures.inkoopbron import inkoopdocument_md
from tests.fixtures.inkoopproducers import inkoop_to_docx
from tests.fixtures.producers import have_pandoc, md_to_docx
from tests.fixtures.sources import overeenkomst_md, shared_dir

pytestmark = pytest.mark.skipif(shared_dir() is None or not have_pandoc(),
                                reason="../shared/reference-sources en pandoc zijn nodig om testdocumenten te bouwen")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inzending")
    contract = Invulling(version="1.2", procedure="sas-met-emvi")  # one submission that tells one story
    md_to_docx(vul_in(overeenkomst_md("1.2"), contract), out / "overeenkomst.docx", "officieel")
    sas = vul_in_inkoop(inkoopdocument_md("1.2", "sas-met-emvi"), InkoopInvulling.uit_overeenkomst(contract))
    inkoop_to_docx(sas, out / "inkoopdocument.docx", "officieel")
    return out


def _versions(result: DocumentResult) -> list[str]:
    return [f.message for f in result.findings if f.rule == "versie-afwijkend"]


def test_standard_names_a_version_for_every_document_type(folder: Path) -> None:
    report, _ = check_paths([folder], Resolver(Overrides(standard="csw-1.3")), CheckOptions(debug=True),
                            BatchOptions(in_process=True))
    by_name = {Path(d.path).name: d for d in report.documents}
    contract, inkoop = by_name["overeenkomst.docx"], by_name["inkoopdocument.docx"]
    assert (contract.document_type, contract.standard.id) == ("overeenkomst", "csw-1.3")
    # there is no CSW 1.3 SAS inkoopdocument: the nearest version, and the report says so
    assert (inkoop.document_type, inkoop.standard.id, inkoop.standard.asked) == (
        "inkoopdocument-sas-met-emvi", "csw-1.2-inkoopdocument-sas-met-emvi", "1.3")
    assert any("geen versie 1.3" in m and "versie 1.2" in m for m in _versions(inkoop))
    assert inkoop.summary.error == 0 and inkoop.summary.warning == 0


def test_a_forced_document_type_that_does_not_fit_is_named(folder: Path) -> None:
    forced = check_document(folder / "inkoopdocument.docx",
                            CheckOptions(debug=True, document_type="inkoopdocument-sas-zonder-emvi"))
    assert forced.document_type == "inkoopdocument-sas-zonder-emvi"
    assert any("als inkoopdocument SAS zonder EMVI" in m and "SAS met EMVI" in m for m in _versions(forced))
    fitting = check_document(folder / "inkoopdocument.docx",
                             CheckOptions(debug=True, document_type="inkoopdocument-sas-met-emvi"))
    assert _versions(fitting) == []


def test_a_version_in_force_is_no_finding_and_a_newer_one_is_mentioned_once(folder: Path) -> None:
    report, _ = check_paths([folder], Resolver(Overrides()), CheckOptions(debug=True, today=date(2026, 12, 1)),
                            BatchOptions(in_process=True))
    assert all(not d.findings for d in report.documents)
    newer = [n for n in report.notices if n.kind == "nieuwere-versie"]
    assert len(newer) == 1 and "1.3" in newer[0].message and "nog niet bekend" in newer[0].message


def test_a_replaced_version_is_a_finding(folder: Path) -> None:
    options = CheckOptions(debug=True, today=date(2027, 9, 1), in_force={"csw-1.3": date(2027, 1, 1)})
    result = check_document(folder / "overeenkomst.docx", options)
    assert [(f.severity.value, f.message) for f in result.findings if f.rule == "versie-afwijkend"] == [
        ("warning", "Het document volgt versie 1.2 van de CSW. Sinds 01-01-2027 geldt versie 1.3: neem die over "
         "(binnen zes maanden, artikel 3.30).")]


def test_which_version_is_in_force() -> None:
    assert in_force("CSW", date(2025, 6, 1)) is None
    assert in_force("CSW", date(2026, 12, 1)) == ("1.2", date(2026, 1, 1))
    assert in_force("csw", date(2030, 1, 1), {"csw-1.3": date(2027, 7, 1)}) == ("1.3", date(2027, 7, 1))
