"""Document-level rule kinds: which standard and version, tracked changes, hidden text, not a standard at all."""

# no `from __future__ import annotations`: see cscheck/rules/model.py

from collections.abc import Callable, Iterator
from typing import Literal

from cscheck.model import Block, Finding, Severity, document_type_name
from cscheck.reference.versions import in_force, version_key
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Rule
from cscheck.rules.spec import KindSpec


class Version(Detector, kw_only=True):
    kind: Literal["version"]
    message_declared: str | None = None
    message_forced: str | None = None
    message_forced_type: str | None = None
    message_replaced: str | None = None
    message_nearest: str | None = None
    nearest_severity: Severity = Severity.info


class Revisions(Detector, kw_only=True):
    kind: Literal["revisions"]
    message_revisions: str | None = None
    message_comments: str | None = None


class Hidden(Detector, kw_only=True):
    kind: Literal["hidden"]


class Marked(Detector, kw_only=True):
    kind: Literal["marked"]


class NotStandard(Detector, kw_only=True):
    kind: Literal["not-standard"]


class CrossDocument(Detector, kw_only=True):
    kind: Literal["cross-document"]
    message_procedure: str | None = None
    message_variant: str | None = None
    message_looptijd: str | None = None
    message_bibob_inkoop: str | None = None
    message_bibob_overeenkomst: str | None = None


def version(ctx: Context, rule: Rule, det: Version) -> Iterator[Finding]:
    """Which version the document follows: another than it names, than was asked for, than the type it was
    forced to be, or one that a version now in force has replaced. A newer version that is not in force
    yet is no finding (the run mentions it once)."""
    info = ctx.standard
    manifest = ctx.manifest
    if manifest is None or info.id is None:
        return
    declared = ctx.declared_version
    if declared and manifest.version and declared != manifest.version:
        yield ctx.finding(rule, det, block=ctx.declared_at, severity=det.severity, version=manifest.version,
                          declared=declared, standard=manifest.standard,
                          message=det.message_declared)
    if info.asked:
        yield ctx.finding(rule, det, block=None, severity=det.nearest_severity,
                          asked=info.asked, version=manifest.version, standard=manifest.standard,
                          what=document_type_name(manifest.document_type), message=det.message_nearest)
    elif info.forced and info.candidates:
        best = max(info.candidates, key=lambda k: info.candidates[k])
        if best != info.id and info.candidates[best] - info.candidates.get(info.id, 0.0) > 0.02:
            yield ctx.finding(rule, det, block=None, version=manifest.version, best=best, forced=info.id,
                              standard=manifest.standard, message=det.message_forced)
    if ctx.type_check is not None:
        forced, looks = ctx.type_check
        yield ctx.finding(rule, det, block=None, forced=document_type_name(forced), best=document_type_name(looks),
                          message=det.message_forced_type)
    current = in_force(manifest.standard, ctx.today, ctx.in_force) if manifest.version else None
    if current is not None and version_key(current[0]) > version_key(manifest.version):
        yield ctx.finding(rule, det, block=None, version=manifest.version, newest=current[0],
                          since=f"{current[1]:%d-%m-%Y}", standard=manifest.standard,
                          message=det.message_replaced)


def revisions(ctx: Context, rule: Rule, det: Revisions) -> Iterator[Finding]:
    doc = ctx.document
    if doc.revisions:
        first = next((b.index for b in doc.blocks if b.revised), None)
        yield ctx.finding(rule, det, block=first, count=doc.revisions, what="wijzigingen",
                          message=det.message_revisions)
    if doc.comments:
        yield ctx.finding(rule, det, block=None, count=doc.comments, what="opmerkingen",
                          message=det.message_comments)


def _once_per_place(ctx: Context, rule: Rule, det: Detector, text_of: Callable[[Block], str],
                    scoped: bool) -> Iterator[Finding]:
    """One finding per article or section whose paragraphs hold such text, quoting its first words."""
    places: dict[tuple[str | None, str | None, str | None], list[int]] = {}
    for block in ctx.document.blocks:
        if not text_of(block).strip() or block.toc:
            continue
        if scoped:
            art = ctx.article_of(block.index)
            if not ctx.in_scope(art, det.where) or ctx.excluded(art, det):
                continue
        deel, article, _lid, label = ctx.locate(block.index)
        places.setdefault((deel, article, label), []).append(block.index)
    for (deel, article, label), blocks in places.items():
        words = [w for b in blocks for w in text_of(ctx.document.blocks[b]).split()]
        quoted = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        yield ctx.finding(rule, det, block=blocks[0], article=article, deel=deel, document_label=label,
                          count=len(words), quote=quoted)


def hidden(ctx: Context, rule: Rule, det: Hidden) -> Iterator[Finding]:
    """Text that Word does not show (hidden font): once per article or section that holds it."""
    return _once_per_place(ctx, rule, det, lambda block: block.hidden, scoped=False)


def marked(ctx: Context, rule: Rule, det: Marked) -> Iterator[Finding]:
    """Highlighted or shaded text (the official files mark changed passages so): once per article or section."""
    return _once_per_place(ctx, rule, det, lambda block: block.marked, scoped=True)


def not_standard(ctx: Context, rule: Rule, det: NotStandard) -> Iterator[Finding]:
    if ctx.manifest is None:
        yield ctx.finding(rule, det, block=None, score=f"{ctx.standard.score:.0%}")


def cross_document(ctx: Context, rule: Rule, det: CrossDocument) -> Iterator[Finding]:
    """Runs over a submission (an overeenkomst with its inkoopdocument), not per document: see submission.py."""
    return iter(())


SPECS = [
    KindSpec("version", "vergelijkt de versie van het document met de versies van de standaard",
             version, Version, True, "another version than the document names, than asked for, than "
             "forced, or one a version in force has replaced"),
    KindSpec("revisions", "zoekt bijgehouden wijzigingen en opmerkingen die nog in het document staan",
             revisions, Revisions, False, "tracked changes and comments"),
    KindSpec("hidden", "zoekt tekst die Word niet toont (verborgen tekst)",
             hidden, Hidden, False, "text Word does not show (hidden font), once per article or section; "
             "`{count}`, `{quote}`"),
    KindSpec("marked", "zoekt gemarkeerde of gearceerde tekst die uit de standaard is achtergebleven",
             marked, Marked, False, "text with a highlight colour or shading (left from the markings of "
             "the official files), once per article or section; `{count}`, `{quote}`"),
    KindSpec("not-standard", "herkent een document dat niet op een Contractstandaard lijkt",
             not_standard, NotStandard, False,
             "the document is not recognisable as a Contractstandaard (then no other rule runs)"),
    KindSpec("cross-document", "vergelijkt een overeenkomst met het inkoopdocument van dezelfde inzending",
             cross_document, CrossDocument, False,
             "handled across a submission (`cscheck/submission.py`); `message_<check>` per check"),
]
