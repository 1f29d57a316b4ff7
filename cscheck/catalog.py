"""What `cscheck rules`, `cscheck explain` and `cscheck reference list/show` print: the rules and the references
described for people, in Dutch (plain text with aligned columns, wrapped only on a terminal), and the rules as
JSON for programs. No checking happens here."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence

from cscheck.model import SEVERITY_NAMES
from cscheck.reference.manifest import Manifest
from cscheck.rules.engine import KIND_DESCRIPTIONS
from cscheck.rules.model import Rule

CONFIG_TOPIC = "config"


def columns(header: Sequence[str], rows: Iterable[Sequence[object]], right: Iterable[int] = (),
            width: int | None = None) -> list[str]:
    """Rows as lines with aligned columns, two spaces apart, `right` columns right-aligned. With a `width`
    (a terminal), the last column wraps under itself instead of running past the edge."""
    table = [[str(c) for c in header], *([str(c) for c in row] for row in rows)]
    sizes = [max(len(row[i]) for row in table) for i in range(len(header))]
    right = set(right)
    lines = []
    for row in table:
        cells = [c.rjust(sizes[i]) if i in right else c.ljust(sizes[i]) for i, c in enumerate(row)]
        head, last = "  ".join(cells[:-1]), cells[-1] if len(row) - 1 in right else row[-1]
        indent = len(head) + 2 if len(cells) > 1 else 0
        if width and indent + len(last) > width and width - indent >= 30:
            wrapped = textwrap.wrap(last, width - indent) or [""]
            lines.append(f"{head}  {wrapped[0]}".rstrip())
            lines.extend(" " * indent + more for more in wrapped[1:])
        else:
            lines.append("  ".join([*cells[:-1], last]).rstrip())
    return lines


def rules_text(rules: Sequence[Rule], width: int | None = None) -> str:
    rows = [(r.code, r.name, SEVERITY_NAMES[r.severity], r.summary) for r in rules]
    lines = columns(("code", "naam", "ernst", "wat"), rows, width=width)
    lines.append(f"\n{len(rules)} regels. Uitleg van één regel: cscheck explain NAAM-OF-CODE")
    return "\n".join(lines) + "\n"


def rules_json(rules: Sequence[Rule]) -> str:
    """Every rule for a program: its name, code, severity (as in the JSON report, and its Dutch name), texts
    and the checks it runs."""
    data = [{"code": r.code, "name": r.name, "severity": r.severity.value,
             "severity_name": SEVERITY_NAMES[r.severity], "title": r.title, "summary": r.summary,
             "rationale": r.rationale, "advice": r.advice, "applies_to": list(r.applies_to),
             "checks": [{"kind": kind, "description": KIND_DESCRIPTIONS.get(kind, "")}
                        for kind in dict.fromkeys(d.kind for d in r.detect)]}
            for r in rules]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def find_rule(rules: Iterable[Rule], name: str) -> Rule | None:
    return next((r for r in rules if name.lower() in (r.name, r.code.lower())), None)


def explain_text(rule: Rule, width: int = 100) -> str:
    def block(title: str, text: str) -> list[str]:
        return [f"{title}:", *textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="  "), ""]

    checks = [f"  - {KIND_DESCRIPTIONS.get(kind, kind)}" for kind in dict.fromkeys(d.kind for d in rule.detect)]
    lines = [f"{rule.code} {rule.name} ({SEVERITY_NAMES[rule.severity]})", rule.title, "",
             *textwrap.wrap(rule.summary, width), "",
             *block("Waarom", rule.rationale), *block("Wat te doen", rule.advice),
             *_examples(rule, block),
             "Hoe cscheck dit vindt:", *checks, "",
             f"Geldt voor: {' en '.join(rule.applies_to)}.",
             f"Uitzetten: --ignore {rule.name}, of in cscheck.yaml: ignore: [{rule.name}]"]
    return "\n".join(lines) + "\n"


def _examples(rule: Rule, block) -> list[str]:
    """One bad and one good example from the rule's cases (tests/rules; in the wheel cscheck/data/rule-cases)."""
    from cscheck.rules.cases import examples

    bad, good = examples(rule.name)
    return [line for title, text in (("Voorbeeld met bevinding", bad), ("Voorbeeld zonder bevinding", good))
            if text for line in block(title, text)]


def references_text(manifests: Sequence[Manifest]) -> str:
    """One line per reference, columns aligned however long an own reference's id or name is."""
    rows = []
    for m in manifests:
        articles = sum(1 for a in m.artikelen if not a.section)
        what = "artikelen" if m.document_type == "overeenkomst" else "hoofdstukken en paragrafen"
        rows.append((m.id, m.standard, m.version, m.document_type, articles, what))
    lines = columns(("id", "standaard", "versie", "soort", "aantal", ""), rows, right={4})
    return "\n".join(lines) + "\n"


# the manifest's article kinds as a reader of `reference show` calls them
KIND_NAMES = {"fixed": "vast", "optional": "optioneel", "own-template": "eigen invulling", "free": "vrij",
              "additions": "aanvullingen", "fill-only": "alleen invullen"}


def reference_text(m: Manifest) -> str:
    """The structure of one reference: delen, hoofdstukken, articles with their kind, leden and fill-in fields."""
    rows: list[tuple[str, ...]] = []  # a one-cell row is a heading
    for deel in m.delen:
        rows.append((f"Deel {deel.number}",))
        chapters = {h.first_article: h for h in deel.hoofdstukken}
        for art in (a for a in m.artikelen if a.deel == deel.number and not a.section):
            if art.key in chapters:
                rows.append((f"  Hoofdstuk {chapters[art.key].number}: {chapters[art.key].title}",))
            leden = sum(1 for lid in art.leden if lid.number)
            slots = sum(1 for lid in art.leden for p in lid.pieces if p.t == "slot")
            rows.append((art.key, art.title[:60], KIND_NAMES.get(art.kind, art.kind), f"{leden or '-'} leden",
                         f"{slots or '-'} invulvelden"))
    articles = [r for r in rows if len(r) > 1]
    aligned = iter(columns(("",) * 5, articles, right={3, 4})[1:])  # one size for every deel
    lines = [f"{m.id}: {m.standard} {m.version}, {m.document_type}",
             f"gebouwd uit: {', '.join(s.file for s in m.built_from[:5])}{' …' if len(m.built_from) > 5 else ''}",
             f"onderdelen voor deel 1: {', '.join(a.key for a in m.artikelen if a.section) or 'geen'}"]
    lines += [row[0] if len(row) == 1 else "    " + next(aligned) for row in rows]
    if m.groups:
        lines.append("keuzes:")
        lines += [f"  {g.key}: {', '.join(g.alts)}{' (één kiezen)' if g.exclusive else ''}" for g in m.groups.values()]
    return "\n".join(lines) + "\n"
