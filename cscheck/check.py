"""Check one document end to end: read → structure → detect → align → rules → `DocumentResult`.

Errors are values here: a document that cannot be read becomes a result with status "error" and a
Dutch message, so that one bad file never stops a batch.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import msgspec

from cscheck.model import Contract, DocumentResult, StandardInfo
from cscheck.read import ReadError, read_document
from cscheck.reference.manifest import Manifest
from cscheck.reference.store import References, references
from cscheck.rules.engine import all_rules, run_rules, select_rules

_MAATWERK = re.compile(r"\bmaatwerk(?:overeenkomst|versie)\b|\bniet[- ]gecontracteerde\s+(?:zorg)?aanbieders?\b", re.I)


def is_maatwerk(contract: Contract) -> bool:
    """A maatwerkovereenkomst with a non-contracted provider says so on its title page or in its overwegingen."""
    for key in ("titelpagina", "overwegingen", "partijen"):
        section = contract.sections.get(key)
        if section is not None and any(_MAATWERK.search(span.text) for span in section.spans):
            return True
    return False


class CheckOptions(msgspec.Struct):
    standard: str = "auto"
    document_type: str = "auto"  # overeenkomst | inkoopdocument-<variant> | auto
    variant: str = "auto"  # maatwerk | standaard | auto
    select: list[str] = msgspec.field(default_factory=list)
    ignore: list[str] = msgspec.field(default_factory=list)
    reference_text: Path | None = None
    debug: bool = False  # let unexpected exceptions through instead of reporting them
    extra_rules: list[Path] = msgspec.field(default_factory=list)  # folders with more rule files (YAML)
    in_force: dict[str, date] = msgspec.field(default_factory=dict)  # reference id → date it is in force (cscheck.yaml)
    today: date | None = None  # the date to judge versions by (tests); None: today


def check_document(path: Path, options: CheckOptions | None = None,
                   manifests: list[Manifest] | None = None) -> DocumentResult:
    options = options or CheckOptions()
    try:
        document = read_document(path)
    except ReadError as exc:
        return DocumentResult.failed(path, exc.kind, exc.message)
    except Exception as exc:
        if options.debug:
            raise
        return DocumentResult.failed(path, "onleesbaar",
                                     f"Het document kan niet worden gelezen ({type(exc).__name__}).")
    try:
        return _check(path, document, options, manifests)
    except Exception as exc:
        if options.debug:
            raise
        return DocumentResult.failed(path, "interne-fout", f"Bij het controleren ging iets mis ({type(exc).__name__}: "
                                     f"{exc}). Meld dit met het document bij de beheerders van cscheck.")


def _check(path: Path, document, options: CheckOptions, manifests: list[Manifest] | None) -> DocumentResult:
    from cscheck.align import align, article_words
    from cscheck.facts import document_facts
    from cscheck.rules.context import Context
    from cscheck.standard import detect, document_type, version_for
    from cscheck.structure import find_structure

    refs = references(manifests)
    contract = find_structure(document)
    words_of = article_words(contract)
    # --standard names a standard and version (csw-1.3: each document against the 1.3 reference of its own
    # type) or one reference exactly (csw-1.2-inkoopdocument-sas-met-emvi)
    asked = refs.by_id(options.standard) if options.standard != "auto" else None
    forced_type = options.document_type if options.document_type != "auto" else None
    detected, type_scores = document_type(contract, refs.signatures, words_of)
    kind = forced_type or (asked.document_type if asked and asked.document_type != "overeenkomst" else None) \
        or detected or (asked.document_type if asked else None)
    if kind is not None and kind != "overeenkomst":
        contract = find_structure(document, kind)
        words_of = article_words(contract)
    candidates = [s for s in refs.signatures if s.document_type == kind] if kind else refs.signatures
    chosen = version_for(asked, kind, refs.signatures) if asked is not None and kind is not None else None
    detection = detect(contract, candidates, words_of, chosen.id if chosen else None)
    if forced_type and detection.signature is None and detection.candidates:
        # a type the command line insists on is checked as that type, however little the text resembles it
        best = max(detection.candidates, key=lambda k: detection.candidates[k])
        detection = detect(contract, candidates, words_of, best)
    if kind is None:
        detection.signature = None
        detection.candidates = type_scores
    # only now is a manifest loaded: the one the document follows
    manifest = refs.load(detection.signature.id) if detection.signature is not None else None
    alignment = align(contract, manifest, words_of) if manifest is not None else None
    info = StandardInfo(id=manifest.id if manifest else None, standard=manifest.standard if manifest else None,
                        version=manifest.version if manifest else None, score=round(detection.score, 3),
                        forced=detection.forced, candidates=detection.candidates,
                        asked=asked.version if asked and manifest and asked.version != manifest.version else None)
    reference_text = None
    if options.reference_text is not None and manifest is not None:
        from cscheck.reference.text import load_reference_text

        reference_text = load_reference_text(options.reference_text, manifest)
    ctx = Context(document=document, contract=contract, alignment=alignment, manifest=manifest, standard=info,
                  document_type=manifest.document_type if manifest else "onbekend", reference_text=reference_text,
                  declared_version=detection.declared_version, declared_at=detection.declared_at,
                  references=refs, in_force=dict(options.in_force),
                  today=options.today or date.today(),
                  type_check=_type_check(forced_type, detected, type_scores, refs) if forced_type else None)
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


def _type_check(forced: str, detected: str | None, scores: dict[str, float], refs: References
                ) -> tuple[str, str] | None:
    """(forced type, the type the text looks like) when a forced document type is clearly not what the
    document is; None when it fits."""
    by_type: dict[str, float] = {}
    for signature in refs.signatures:
        by_type[signature.document_type] = max(by_type.get(signature.document_type, 0.0), scores.get(signature.id, 0.0))
    if detected is None or detected == forced:
        return None
    return (forced, detected) if by_type.get(detected, 0.0) - by_type.get(forced, 0.0) > 0.05 else None
