"""Word automatic numbering rendered to the label Word shows (`Artikel 3.9`, `3.9.1`, `a)`).

python-docx does not expose it. A paragraph's `w:numPr` (its own, or its style's) points at a
`w:num`, which points at a `w:abstractNum` whose `w:lvl` elements say where to start, in which
format and with which text (`%1.%2`). A `w:num` may override a level's start (`startOverride`) or the
whole level. Counters belong to the abstract definition, so that lists that share one continue
each other as in Word; a `startOverride` sets the count once, the first time its `w:num` is used.
"""

from __future__ import annotations

import msgspec
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_START_OVERRIDE, _LVL = f"{W}startOverride", f"{W}lvl"


class Level(msgspec.Struct):
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # isLgl: show all levels as decimal
    style: str | None = None  # pStyle: the paragraph style this level is linked to


LEVELS = 9  # Word numbers levels 0–8
MAX_NUMBER = 32767  # Word's largest start value; bigger numbers in a file are clamped


class Instance(msgspec.Struct):
    abstract: str
    levels: dict[int, Level]
    start_overrides: dict[int, int] = msgspec.field(default_factory=dict)
    started: bool = False
    _resets: dict[int, list[tuple[int, int]]] = msgspec.field(default_factory=dict)

    def resets(self, ilvl: int) -> list[tuple[int, int]]:
        """(level, counter) pairs to set when an item at `ilvl` is shown: the deeper levels restart."""
        pairs = self._resets.get(ilvl)
        if pairs is None:
            pairs = []
            for deeper in range(ilvl + 1, LEVELS):
                lv = self.levels.get(deeper)
                if lv is None:
                    pairs.append((deeper, 0))
                elif lv.restart == 0 or (lv.restart is not None and lv.restart - 1 < ilvl):
                    continue  # lvlRestart: this level restarts only after a higher level than `ilvl`
                else:
                    # a startOverride counts once, when its w:num is first used (as Word and LibreOffice
                    # show it); later restarts go back to the level's own start value
                    pairs.append((deeper, lv.start - 1))
            self._resets[ilvl] = pairs
        return pairs


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, …
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero") or not fmt:
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    if fmt == "ordinal":
        return f"{n}e"
    return str(n)


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        # clamped: a start of 10**18 would otherwise take forever as a Roman numeral
        return max(-1, min(int(el.get(_VAL, "")), MAX_NUMBER))
    except ValueError:
        return default


def _level(lvl: etree._Element) -> Level:
    level = Level()
    for child in lvl:
        tag = child.tag
        if tag == f"{W}start":
            level.start = _int(child, 1) or 0
        elif tag == f"{W}numFmt":
            level.fmt = child.get(_VAL, "decimal")
        elif tag == f"{W}lvlText":
            level.text = child.get(_VAL, "")
        elif tag == f"{W}lvlRestart":
            level.restart = _int(child)
        elif tag == f"{W}isLgl":
            level.legal = child.get(_VAL, "true") not in ("0", "false", "off")
        elif tag == f"{W}pStyle":
            level.style = child.get(_VAL)
    return level


class Numbering:
    """The numbering definitions of one document, with the running counters of a body pass.

    Definitions are only turned into `Level`s when a paragraph uses them: generated documents
    (LibreOffice) carry hundreds of unused abstract definitions.
    """

    def __init__(self, root: etree._Element | None) -> None:
        self._abstract_el: dict[str, etree._Element] = {}
        self._num_el: dict[str, etree._Element] = {}
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, Instance] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_links: dict[str, str] = {}  # numbering style id → abstractNum id holding its levels
        self._num_style_links: dict[str, str] = {}
        if root is None:
            return
        for el in root:
            if el.tag == f"{W}abstractNum":
                aid = el.get(f"{W}abstractNumId", "")
                self._abstract_el[aid] = el
                for child in el:
                    if child.tag == f"{W}styleLink":
                        self.style_links[child.get(_VAL, "")] = aid
                    elif child.tag == f"{W}numStyleLink":
                        self._num_style_links[aid] = child.get(_VAL, "")
            elif el.tag == f"{W}num":
                self._num_el[el.get(f"{W}numId", "")] = el

    def _abstract(self, aid: str) -> dict[int, Level]:
        levels = self.abstracts.get(aid)
        if levels is None:
            el = self._abstract_el.get(aid)
            levels = {_int_attr(lvl): _level(lvl) for lvl in el.iterchildren(f"{W}lvl")} if el is not None else {}
            link = self._num_style_links.get(aid)
            target = self.style_links.get(link) if link else None
            if not levels and target and target != aid:
                # "numbered like style X": the levels live in X's definition
                levels = self._abstract(target)
            self.abstracts[aid] = levels
        return levels

    def instance(self, num_id: str) -> Instance | None:
        inst = self.instances.get(num_id)
        if inst is None:
            num = self._num_el.get(num_id)
            if num is None:
                return None
            aid_el = num.find(f"{W}abstractNumId")
            aid = aid_el.get(_VAL, "") if aid_el is not None else ""
            levels = dict(self._abstract(aid))
            overrides: dict[int, int] = {}
            for ov in num.iterchildren(f"{W}lvlOverride"):
                ilvl = _int_attr(ov)
                for child in ov:  # pandoc writes nine of these per list: a loop beats two find() calls
                    if child.tag == _START_OVERRIDE:
                        overrides[ilvl] = _int(child, 1) or 0
                    elif child.tag == _LVL:
                        levels[ilvl] = _level(child)
            inst = self.instances[num_id] = Instance(aid, levels, overrides)
        return inst

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose pStyle links it to `style_id` (style-linked heading numbering)."""
        inst = self.instance(num_id)
        if inst is None:
            return None
        for ilvl, level in inst.levels.items():
            if level.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """Advance the counters for one numbered paragraph; return (label, is_bullet)."""
        inst = self.instances.get(num_id) or (self.instance(num_id) if num_id != "0" else None)
        level = inst.levels.get(ilvl) if inst is not None and 0 <= ilvl < LEVELS else None
        if inst is None or level is None:
            return "", False
        counters = self.counters.get(inst.abstract)
        if counters is None:
            counters = [lv.start - 1 if (lv := inst.levels.get(i)) else 0 for i in range(LEVELS)]
            self.counters[inst.abstract] = counters
        if not inst.started:
            inst.started = True
            for i, start in inst.start_overrides.items():
                if 0 <= i < LEVELS:
                    counters[i] = start - 1
        counters[ilvl] += 1
        for deeper, value in inst.resets(ilvl):
            counters[deeper] = value
        if level.fmt == "bullet":
            return level.text, True
        text = level.text
        for i in range(ilvl, -1, -1):
            placeholder = f"%{i + 1}"
            if placeholder in text:
                lv = inst.levels.get(i, level)
                fmt = "decimal" if level.legal and i < ilvl else lv.fmt
                text = text.replace(placeholder, format_number(counters[i] if counters[i] > 0 else lv.start, fmt))
        return text.strip(), False


def _int_attr(el: etree._Element) -> int:
    try:
        return int(el.get(f"{W}ilvl", "0"))
    except ValueError:
        return 0
