"""What a rule kind is: its function, the model of its options, and whether it needs a standard.

The kind table of docs/rules.md is generated from these specs (`python -m cscheck.rules.spec --write`), so the
documentation lists exactly the options a rule file may use.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from cscheck.rules.model import Detector, is_regex

if TYPE_CHECKING:
    from cscheck.model import Finding
    from cscheck.rules.context import Context
    from cscheck.rules.model import Rule

START, END = "<!-- kinds:start -->", "<!-- kinds:end -->"


class KindSpec(msgspec.Struct, frozen=True):
    name: str
    explains: str  # what it checks, in the words of `cscheck explain` (Dutch, for people who never read the code)
    run: Callable[[Context, Rule, Any], Iterator[Finding]]
    options: type[Detector]  # the detector model of this kind (unknown fields rejected)
    needs_standard: bool  # runs only when the document was aligned with a standard
    finds: str  # one line for docs/rules.md


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return "regex" if is_regex(annotation) else _type_name(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is list:
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict:
        return "mapping"
    return getattr(annotation, "__name__", str(annotation))


def _description(annotation: Any) -> str | None:
    metas = typing.get_args(annotation)[1:] if typing.get_origin(annotation) is typing.Annotated else ()
    return next((m.description for m in metas if isinstance(m, msgspec.Meta) and m.description), None)


def _fields(options: type[Detector]) -> str:
    own = [f for f in msgspec.structs.fields(options) if f.name not in Detector.__struct_fields__]
    if not own:
        return "—"
    parts = []
    for field in own:
        text = f"`{field.name}` ({_type_name(field.type)}"
        default = field.default_factory() if field.default_factory is not msgspec.NODEFAULT else field.default
        if default not in (None, [], {}, "", msgspec.NODEFAULT) and not isinstance(default, msgspec.Struct):
            text += f", default `{default}`"
        text += ")"
        if description := _description(field.type):
            text += f": {description}"
        parts.append(text)
    return "; ".join(parts)


def kind_table() -> str:
    """The Markdown table of all kinds and their options."""
    from cscheck.rules.kinds import KINDS

    rows = ["| kind | finds | needs a standard | options |", "|---|---|---|---|"]
    for spec in KINDS.values():
        rows.append(f"| `{spec.name}` | {spec.finds} | {'yes' if spec.needs_standard else 'no'} | "
                    f"{_fields(spec.options)} |")
    return "\n".join(rows)


def with_kind_table(text: str) -> str:
    """`text` (docs/rules.md) with the generated table between the markers."""
    start, end = text.index(START) + len(START), text.index(END)
    return f"{text[:start]}\n{kind_table()}\n{text[end:]}"


def main(argv: list[str]) -> int:
    path = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    if argv[:1] == ["--write"]:
        path.write_text(with_kind_table(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"{path} bijgewerkt")
    else:
        print(kind_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
