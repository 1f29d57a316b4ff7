"""Rule kinds about what an overeenkomst agrees: an article used with a variant it does not fit, the order of the
documents in article 1.2, and the length of the term from article 1.3."""

# no `from __future__ import annotations`: see cscheck/rules/model.py

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from cscheck.model import Finding, Severity
from cscheck.rules.context import Context
from cscheck.rules.model import Detector, Regex, Rule
from cscheck.rules.spec import KindSpec


class ArticleUsed(Detector, kw_only=True):
    kind: Literal["article-used"]
    articles: Annotated[list[str], Meta(
        description="standard articles that may not be used here (with `when:` saying when)")] = msgspec.field(
        default_factory=list)


def article_used(ctx: Context, rule: Rule, det: ArticleUsed) -> Iterator[Finding]:
    """A standard article the document uses (not NVT) where it does not fit: `when:` says where not."""
    assert ctx.alignment is not None
    for key in det.articles:
        pair = ctx.alignment.pair_for(key)
        if pair is None or pair.doc is None or pair.doc.nvt or pair.ref is None:
            continue
        yield ctx.finding(rule, det, block=pair.doc.position, article=key, deel=pair.ref.deel,
                          document_label=pair.doc.key, title=pair.ref.title)


class Item(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    regex: Regex


class ListOrder(Detector, kw_only=True):
    kind: Literal["list-order"]
    article: Annotated[str, Meta(description="the standard's article that holds the list")]
    title: Annotated[Regex | None, Meta(
        description="the standard's title of that article (another standard may number its articles "
                    "otherwise)")] = None
    items: Annotated[list[Item], Meta(
        description="the items in the order the standard gives")] = msgspec.field(default_factory=list)
    required: Annotated[list[str], Meta(
        description="names of items that must be there")] = msgspec.field(default_factory=list)
    message_missing: str | None = None


def list_order(ctx: Context, rule: Rule, det: ListOrder) -> Iterator[Finding]:
    """The items of a list (the documents of article 1.2) in another order, or a required one gone."""
    assert ctx.alignment is not None
    pair = ctx.alignment.pair_for(det.article)
    if pair is None or pair.doc is None or pair.ref is None or pair.doc.nvt:
        return
    if det.title is not None and not re.search(det.title, pair.ref.title, re.I):
        return
    first: dict[str, int] = {}
    for span in pair.doc.spans:
        for item in det.items:
            if item.name not in first and re.search(item.regex, span.text, re.I):
                first[item.name] = span.block.index
    place = {"article": det.article, "deel": pair.ref.deel, "document_label": pair.doc.key, "title": pair.ref.title}
    for name in det.required:
        if name not in first:
            yield ctx.finding(rule, det, block=pair.doc.position, message=det.message_missing, item=name, **place)
    found = [item.name for item in det.items if item.name in first]
    shown = sorted(found, key=lambda n: first[n])
    if shown != found:
        moved = next(a for a, b in zip(shown, found, strict=True) if a != b)
        yield ctx.finding(rule, det, block=first[moved], item=moved, expected=", ".join(found),
                          found=", ".join(shown), **place)


# ---------------------------------------------------------------------------------------------
# the term (article 1.3)

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
DATE = re.compile(r"\b(\d{1,2})[-\s/.](\d{1,2}|" + "|".join(MONTHS) + r")[-\s/.](\d{4})\b", re.I)
NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
           "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "achttien": 18, "vierentwintig": 24}
_NUMBER = r"(\d{1,3}|" + "|".join(NUMBERS) + r")"
_EXTENSION = re.compile(_NUMBER + r"\s+(?:kalender)?(maanden|maand|jaren|jaar)\b", re.I)
_TIMES = re.compile(_NUMBER + r"\s+(?:keer|maal)\b", re.I)
_TERM = re.compile(r"\blooptijd\s+(?:van\s+(?:de\s+\w+\s+)?)?(?:is\s+|bedraagt\s+)?(?:in\s+totaal\s+|maximaal\s+|ten\s+"
                   r"hoogste\s+)?" + _NUMBER + r"\s+(maanden|jaar|jaren)\b", re.I)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def dates(text: str) -> list[date]:
    out = []
    for day, month, year in DATE.findall(text):
        number = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
        try:
            out.append(date(int(year), number, int(day)))
        except ValueError:
            continue
    return out


def _months(value: int, unit: str) -> int:
    return value * 12 if unit.lower().startswith("ja") else value


def term_months(first_lid: str, extension_lid: str) -> int | None:
    """The longest term in months: the period of lid 1.3.1 plus every extension lid 1.3.2 allows."""
    found = dates(first_lid)
    if len(found) < 2:
        return None
    days = (found[1] - found[0]).days + 1
    months = round(days / 30.44)
    ext, times = _EXTENSION.search(extension_lid), _TIMES.search(extension_lid)
    if ext and times:
        months += _months(_number(ext.group(1)), ext.group(2)) * _number(times.group(1))
    return months


class Looptijd(Detector, kw_only=True):
    kind: Literal["looptijd"]
    max_months: int = 48
    justification: Annotated[list[Regex], Meta(
        description="words that show the longer term is justified")] = msgspec.field(default_factory=list)
    overeenkomst_severity: Annotated[Severity, Meta(
        description="an overeenkomst alone: its inkoopdocument holds the justification, so this is a "
                    "pointer")] = Severity.info
    message_overeenkomst: str | None = None
    message_submission: str | None = None


def _justified(ctx: Context, det: Looptijd) -> bool:
    """The justification: in an inkoopdocument in its Looptijd section, in an overeenkomst anywhere in own text."""
    from cscheck.rules.choices import section, text_of

    patterns = [re.compile(p, re.I) for p in det.justification]
    if ctx.document_type.startswith("inkoopdocument"):
        return any(p.search(text_of(section(ctx, "looptijd"))) for p in patterns)
    return any(p.search(block.text[start:]) and ctx.is_non_standard(block.index)
               for block, start, _art in ctx.content_blocks() for p in patterns)


def overeenkomst_months(ctx: Context) -> int | None:
    if ctx.alignment is None:
        return None
    pair = ctx.alignment.pair_for("1.3")
    if pair is None or pair.doc is None:
        return None
    leden = {(lid.number or "").rsplit(".", 1)[-1]: " ".join(s.text for s in lid.spans) for lid in pair.doc.leden}
    return term_months(leden.get("1", ""), leden.get("2", ""))


def looptijd(ctx: Context, rule: Rule, det: Looptijd) -> Iterator[Finding]:
    """A term longer than `max_months` without the passage that justifies it."""
    if _justified(ctx, det):
        return
    if ctx.document_type == "overeenkomst":
        months = overeenkomst_months(ctx)
        pair = ctx.alignment.pair_for("1.3") if ctx.alignment is not None else None
        if months is None or months <= det.max_months or pair is None or pair.doc is None:
            return
        yield ctx.finding(rule, det, block=pair.doc.position, article="1.3", deel="1", document_label=pair.doc.key,
                          months=months, severity=det.overeenkomst_severity, message=det.message_overeenkomst)
        return
    for block, start, _art in ctx.content_blocks():
        for m in _TERM.finditer(block.text, start):
            months = _months(_number(m.group(1)), m.group(2))
            if months > det.max_months and ctx.is_non_standard(block.index, m.start(), m.end()):
                deel, article, lid, label = ctx.locate(block.index)
                yield ctx.finding(rule, det, block=block.index, article=article, lid=lid, deel=deel,
                                  document_label=label, months=months, match=m.group(0))
                return


SPECS = [
    KindSpec("article-used", "zoekt artikelen van de standaard die het document gebruikt waar ze niet passen",
             article_used, ArticleUsed, True, "a standard article used (not NVT) where `when:` "
             "says it does not fit"),
    KindSpec("list-order", "vergelijkt de volgorde van een opsomming van de standaard (de documenten van "
             "artikel 1.2) met die van de standaard",
             list_order, ListOrder, True, "the items of a list of the standard (the documents of "
             "article 1.2) in another order, or a required item gone; `{item}`, `{expected}`, `{found}`"),
    KindSpec("looptijd", "zoekt een looptijd die langer is dan mag zonder onderbouwing",
             looptijd, Looptijd, True, "a term (article 1.3, or own text of an inkoopdocument) longer "
             "than `max_months` without the justification; `{months}`"),
]
