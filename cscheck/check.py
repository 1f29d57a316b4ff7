"""Check one document end to end: read → structure → detect → align → rules → `DocumentResult`.

Errors are values here: a document that cannot be read becomes a result with status "error" and a
Dutch message, so that one bad file never stops a batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cscheck.model import Contract, DocumentError, DocumentResult, StandardInfo
from cscheck.read import ReadError, read_document
from cscheck.reference.manifest import Manifest
from cscheck.reference.store import all_manifests
from cscheck.rules.engine import all_rules, run_rules, select_rules

_MAATWERK = re.compile(r"\bmaatwerk(?:overeenkomst|versie)\b|\bniet[- ]gecontracteerde\s+(?:zorg)?aanbieders?\b", re.I)


def is_maatwerk(contract: Contract) -> bool:
    """A maatwerkovereenkomst with a non-contracted provider says so on its title page or in its overwegingen."""
    for key in ("titelpagina", "overwegingen", "partijen"):
        section = contract.sections.get(key)
        if section is not None and any(_MAATWERK.search(span.text) for span in section.spans):
            return True
    return False


@dataclass
class CheckOptions:
    standard: str = "auto"
    document_type: str = "auto"  # overeenkomst | inkoopdocument-<variant> | auto
    variant: str = "auto"  # maatwerk | standaard | auto
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    reference_text: Path | None = None
    debug: bool = False  # let unexpected exceptions through instead of reporting them
    extra_rules: list[Path] = field(default_factory=list)  # folders with more rule files (YAML)


def check_document(path: Path, options: CheckOptions | None = None,
                   manifests: list[Manifest] | None = None) -> DocumentResult:
    options = options or CheckOptions()
    try:
        document = read_document(path)
    except ReadError as exc:
        return DocumentResult(path=str(path), status="error", error=DocumentError(kind=exc.kind, message=exc.message))
    except Exception as exc:
        if options.debug:
            raise
        return DocumentResult(path=str(path), status="error", error=DocumentError(
            kind="onleesbaar", message=f"Het document kan niet worden gelezen ({type(exc).__name__})."))
    try:
        return _check(path, document, options, manifests)
    except Exception as exc:
        if options.debug:
            raise
        return DocumentResult(path=str(path), status="error", error=DocumentError(
            kind="interne-fout", message=f"Bij het controleren ging iets mis ({type(exc).__name__}: {exc}). "
            "Meld dit met het document bij de beheerders van cscheck."))


def _check(path: Path, document, options: CheckOptions, manifests: list[Manifest] | None) -> DocumentResult:
    from cscheck.align import align, article_words
    from cscheck.facts import document_facts
    from cscheck.rules.context import Context
    from cscheck.standard import detect, document_type
    from cscheck.structure import find_structure

    manifests = manifests if manifests is not None else all_manifests()
    contract = find_structure(document)
    words_of = article_words(contract)
    forced = None if options.standard == "auto" else options.standard
    kind = options.document_type if options.document_type != "auto" else None
    if forced is not None:
        kind = next((m.document_type for m in manifests if m.id == forced), kind)
    type_scores: dict[str, float] = {}
    if kind is None:
        kind, type_scores = document_type(contract, manifests, words_of)
    if kind is not None and kind != "overeenkomst":
        contract = find_structure(document, kind)
        words_of = article_words(contract)
    candidates = [m for m in manifests if m.document_type == kind] if kind else manifests
    detection = detect(contract, candidates, words_of, forced)
    if kind is None:
        detection.manifest = None
        detection.candidates = type_scores
    manifest = detection.manifest
    alignment = align(contract, manifest, words_of) if manifest is not None else None
    info = StandardInfo(id=manifest.id if manifest else None, version=manifest.version if manifest else None,
                        score=round(detection.score, 3), forced=detection.forced, candidates=detection.candidates)
    reference_text = None
    if options.reference_text is not None and manifest is not None:
        from cscheck.reference.text import load_reference_text

        reference_text = load_reference_text(options.reference_text, manifest)
    available = sorted({m.version for m in manifests if manifest and m.standard == manifest.standard
                        and m.document_type == manifest.document_type})
    ctx = Context(document=document, contract=contract, alignment=alignment, manifest=manifest, standard=info,
                  document_type=manifest.document_type if manifest else "onbekend", reference_text=reference_text,
                  declared_version=detection.declared_version, declared_at=detection.declared_at,
                  available_versions=available)
    if options.variant != "auto":
        ctx.variant = None if options.variant == "standaard" else options.variant
    elif manifest is not None and manifest.document_type == "overeenkomst" and is_maatwerk(contract):
        ctx.variant = "maatwerk"
    rules = select_rules(all_rules(options.extra_rules), options.select, options.ignore)
    result = DocumentResult(path=str(path), status="checked", document_type=ctx.document_type, standard=info,
                            findings=run_rules(ctx, rules), variant=ctx.variant, facts=document_facts(ctx),
                            converted_from=document.converted_from or None)
    result.count()
    return result
