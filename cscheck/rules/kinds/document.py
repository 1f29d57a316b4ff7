"""Document-level rule kinds: which standard and version, tracked changes, hidden text, not a standard at all."""

from __future__ import annotations

from collections.abc import Iterator

from cscheck.model import Finding
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Rule


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def version(ctx: Context, rule: Rule, det: Detector) -> Iterator[Finding]:
    info = ctx.standard
    manifest = ctx.manifest
    if manifest is None or info.id is None:
        return
    declared = ctx.declared_version
    if declared and manifest.version and declared != manifest.version:
        yield ctx.finding(rule, det, block=ctx.declared_at, severity=det.severity, version=manifest.version,
                          declared=declared, standard=manifest.standard,
                          message=det.option("message_declared"))
    if info.forced and info.candidates:
        best = max(info.candidates, key=lambda k: info.candidates[k])
        if best != info.id and info.candidates[best] - info.candidates.get(info.id, 0.0) > 0.02:
            yield ctx.finding(rule, det, block=None, version=manifest.version, best=best, forced=info.id,
                              standard=manifest.standard, message=det.option("message_forced"))
    newer = [v for v in ctx.available_versions if _version_key(v) > _version_key(manifest.version)]
    if newer and manifest.version:
        newest = max(newer, key=_version_key)
        yield ctx.finding(rule, det, block=None, severity=det.option("newer_severity", "info"),
                          version=manifest.version, newest=newest, standard=manifest.standard,
                          message=det.option("message_newer"))


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
