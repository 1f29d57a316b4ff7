"""Document-level rule kinds: which standard and version, tracked changes, hidden text, not a standard at all."""

from __future__ import annotations

from collections.abc import Iterator

from cscheck.model import Finding, document_type_name
from cscheck.reference.versions import in_force, version_key
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Rule


def version(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
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
                          message=det.option("message_declared"))
    if info.asked:
        yield ctx.finding(rule, det, block=None, severity=det.option("nearest_severity", "info"),
                          asked=info.asked, version=manifest.version, standard=manifest.standard,
                          what=document_type_name(manifest.document_type), message=det.option("message_nearest"))
    elif info.forced and info.candidates:
        best = max(info.candidates, key=lambda k: info.candidates[k])
        if best != info.id and info.candidates[best] - info.candidates.get(info.id, 0.0) > 0.02:
            yield ctx.finding(rule, det, block=None, version=manifest.version, best=best, forced=info.id,
                              standard=manifest.standard, message=det.option("message_forced"))
    if ctx.type_check is not None:
        forced, looks = ctx.type_check
        yield ctx.finding(rule, det, block=None, forced=document_type_name(forced), best=document_type_name(looks),
                          message=det.option("message_forced_type"))
    current = in_force(manifest.standard, ctx.today, ctx.in_force) if manifest.version else None
    if current is not None and version_key(current[0]) > version_key(manifest.version):
        yield ctx.finding(rule, det, block=None, version=manifest.version, newest=current[0],
                          since=f"{current[1]:%d-%m-%Y}", standard=manifest.standard,
                          message=det.option("message_replaced"))


def revisions(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
    doc = ctx.document
    if doc.revisions:
        first = next((b.index for b in doc.blocks if b.revised), None)
        yield ctx.finding(rule, det, block=first, count=doc.revisions, what="wijzigingen",
                          message=det.option("message_revisions"))
    if doc.comments:
        yield ctx.finding(rule, det, block=None, count=doc.comments, what="opmerkingen",
                          message=det.option("message_comments"))


def hidden(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
    """Text that Word does not show (hidden font): once per article or section that holds it."""
    places: dict[tuple[str | None, str | None, str | None], list[int]] = {}
    for block in ctx.document.blocks:
        if block.hidden.strip() and not block.toc:
            deel, article, _lid, label = ctx.locate(block.index)
            places.setdefault((deel, article, label), []).append(block.index)
    for (deel, article, label), blocks in places.items():
        words = [w for b in blocks for w in ctx.document.blocks[b].hidden.split()]
        quoted = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        yield ctx.finding(rule, det, block=blocks[0], article=article, deel=deel, document_label=label,
                          count=len(words), quote=quoted)


def not_standard(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
    if ctx.manifest is None:
        yield ctx.finding(rule, det, block=None, score=f"{ctx.standard.score:.0%}")
