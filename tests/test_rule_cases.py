"""Every rule's cases (tests/rules/<rule>.yaml): each change gives exactly the findings its case names, at the
right article and lid, and nothing else; a neutral change gives nothing. Pattern rules have, per rule, a
positive sentence and the same sentence negated, as a permission, as a restatement of the standard and in a
mention in passing: only the positive one may fire."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from cscheck.check import CheckOptions, check_document
from cscheck.model import DocumentResult
from cscheck.reference.manifest import Manifest
from cscheck.rules.cases import Case, CaseFile, examples, load_cases
from cscheck.rules.engine import load_rules
from cscheck.rules.sentence import shared_cues
from cscheck.submission import group
from tests.fixtures.producers import have_pandoc
from tests.fixtures.rulecases import case_file
from tests.fixtures.sources import shared_dir
from tests.fixtures.submission import inzending
from tests.mini import mini_manifest

CASES = Path(__file__).parent / "rules"
RULES = {r.name: r for r in load_rules()}
# every pattern rule is tried with these sentences (the case names say which is which)
SENTENCES = ("positief", "ontkend", "toestemming", "herhaalt de standaard", "terloops")


def _all() -> list[tuple[str, Case]]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        cases = load_cases(path.stem, CASES)
        assert cases is not None
        out.extend((path.stem, case) for case in cases.cases)
    return out


ALL = _all()


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return mini_manifest(tmp_path_factory.mktemp("mini"))


def _check(case: Case, folder: Path, mini: Manifest) -> DocumentResult:
    if case.document != "mini":
        if shared_dir() is None:
            pytest.skip("../shared/reference-sources ontbreekt")
        if not have_pandoc():
            pytest.skip("pandoc is niet geïnstalleerd")
    if case.submission is not None:
        sub = inzending(folder / "inzending", case.submission)  # type: ignore[arg-type]
        results = [check_document(p, CheckOptions(debug=True)) for p in (sub.overeenkomst, sub.inkoopdocument)]
        group(results)
        return results[0] if case.check == "overeenkomst" else results[1]
    path = case_file(case, folder)
    manifests = [mini] if case.document == "mini" else None
    result = check_document(path, CheckOptions(debug=True), manifests=manifests)
    assert result.status == "checked", result.error
    return result


# the cases once more in the layout of the official DOCX (outline-numbered headings, TOC field, headers): what a
# gemeente that starts from the published Word file hands in
OFFICIAL = [(r, c) for r, c in ALL if c.document not in ("mini", "brief") and c.producer is None
            and c.submission is None]


@pytest.mark.parametrize(("rule", "case"), ALL, ids=[f"{r}: {c.name}" for r, c in ALL])
def test_rule_case(rule: str, case: Case, mini: Manifest, tmp_path: Path) -> None:
    _expect(rule, case, _check(case, tmp_path, mini))


@pytest.mark.parametrize(("rule", "case"), OFFICIAL, ids=[f"{r}: {c.name}" for r, c in OFFICIAL])
def test_rule_case_in_the_official_layout(rule: str, case: Case, mini: Manifest, tmp_path: Path) -> None:
    _expect(rule, case, _check(msgspec.structs.replace(case, producer="officieel"), tmp_path, mini))


def _expect(rule: str, case: Case, result: DocumentResult) -> None:
    shown = [f for f in result.findings if f.severity.value != "info" or f.rule == rule]
    report = "\n".join(f"{f.severity.value} {f.rule} {f.article} {f.lid} {f.document_label}: {f.message}"
                       for f in shown)
    expected = {(e.rule or rule, e.article, e.lid) for e in case.expect}
    assert {(f.rule, f.article, f.lid) for f in shown} == expected, report
    for e in case.expect:
        assert any(f.rule == (e.rule or rule) and f.article == e.article and f.lid == e.lid
                   and (e.label is None or f.document_label == e.label)
                   and (e.severity is None or f.severity == e.severity) for f in shown), (e, report)


def test_every_rule_has_cases_with_a_finding_and_a_neutral_one() -> None:
    for name in RULES:
        cases = load_cases(name, CASES)
        assert isinstance(cases, CaseFile) and cases.rule == name, f"tests/rules/{name}.yaml ontbreekt"
        assert any(any((e.rule or name) == name for e in c.expect) for c in cases.cases), name
        assert any(not c.expect for c in cases.cases), f"{name}: geen neutraal geval"


def test_every_pattern_rule_is_tried_with_the_five_sentences() -> None:
    for name, rule in RULES.items():
        if not any(d.kind == "pattern" and not getattr(d, "headings_only", False) for d in rule.detect):
            continue
        cases = load_cases(name, CASES)
        assert cases is not None
        names = [c.name for c in cases.cases]
        for kind in SENTENCES:
            tried = [c for c in cases.cases if c.name.startswith(kind)]
            assert tried, f"{name}: geen geval '{kind}' ({names})"
            fires = kind == "positief"
            assert all(any((e.rule or name) == name for e in c.expect) == fires for c in tried), (name, kind)


def test_explain_shows_a_bad_and_a_good_example() -> None:
    for name in RULES:
        bad, good = examples(name, CASES)
        assert bad and good, name


def test_shared_word_lists_load() -> None:
    cues = shared_cues()
    assert "geen" in cues.negation and "mag" in cues.permission and "behalve" in cues.exception
