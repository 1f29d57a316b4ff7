"""The rule kinds: one module per family, each with its specs (function, options model, needs a standard)."""

from __future__ import annotations

from cscheck.rules.kinds import contract, document, moves, pattern, slots, structural, text, variant
from cscheck.rules.spec import KindSpec

KINDS: dict[str, KindSpec] = {spec.name: spec for module in (structural, text, moves, pattern, slots, contract,
                                                                       document, variant)
                              for spec in module.SPECS}
