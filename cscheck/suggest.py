"""'Bedoelt u …?': the closest known name for a mistyped rule, code, key, option, command or value.

One home for the suggestion, so that the command line, the rule engine and the configuration file answer
a typo the same way. Light to import (difflib only): the command line uses it before any pipeline stage.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known name closest to `word`, when one is close enough to be what was meant (any case)."""
    names = list(dict.fromkeys(known))
    by_key = {name.lower(): name for name in names}
    found = difflib.get_close_matches(word.lower(), list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None


def did_you_mean(word: str, known: Iterable[str], quote: str = "'") -> str:
    """' Bedoelt u 'x'?' (with a leading space) or '' when nothing known is close."""
    found = closest(word, known)
    return f" Bedoelt u {quote}{found}{quote}?" if found else ""


def unknown_rules(unknown: Iterable[str], rules: Iterable[object]) -> str:
    """The Dutch sentence for rule names or codes that do not exist, each with its closest rule."""
    rules = list(rules)
    known = [*(r.name for r in rules), *(r.code for r in rules)]  # type: ignore[attr-defined]
    names = sorted(set(unknown))
    parts = []
    for name in names:
        found = closest(name, known)
        parts.append(f"'{name}'" + (f" (bedoelt u '{found}'?)" if found else ""))
    what = "Onbekende regel" if len(names) == 1 else "Onbekende regels"
    return f"{what} {', '.join(parts)}. Alle regels: 'cscheck rules'."
