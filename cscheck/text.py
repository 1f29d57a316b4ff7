"""Normalising text into words, and the stable word-gram hashes that fingerprint the standard.

Normalisation is a declared list of small steps, applied to each word, so that differences Word
users do not see as changes (quote and dash style, case, non-breaking spaces, soft hyphens, list
markers, "zes" versus "6") never count as changes. Punctuation is not compared at all.

Fingerprints: the ordered 32-bit hashes of the word trigrams of a lid are enough to align a
municipal lid with the standard word by word; a hash of three words cannot be read back as text.
"""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
from itertools import repeat

import msgspec

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# A list marker typed at the start of a paragraph ("a)", "iv.", "1.", "4.3/4.4", "–"): structure,
# not text. Word auto-numbering labels never reach the text, so typed ones are removed to match.
LIST_MARKER = re.compile(
    r"^\s*(?:\(?[a-z]{1,2}[.)]|\(?[ivxlc]{1,5}[.)]|\d+(?:\.\d+)+\.?(?:/\d+(?:\.\d+)*\.?)*|\d+[.)]"
    r"|[-–—•·*▪○●◦])[\t  ]+", re.I)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'"})

NUMBER_WORDS = {
    "één": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6", "zeven": "7", "acht": "8",
    "negen": "9", "tien": "10", "elf": "11", "twaalf": "12", "dertien": "13", "veertien": "14",
    "vijftien": "15", "zestien": "16", "zeventien": "17", "achttien": "18", "negentien": "19",
    "twintig": "20", "dertig": "30", "veertig": "40", "vijftig": "50", "zestig": "60", "negentig": "90",
}


def _nfkc(word: str) -> str:
    return unicodedata.normalize("NFKC", word) if not word.isascii() else word


def _lower(word: str) -> str:
    return word.lower()


def _quotes(word: str) -> str:
    return word.translate(_QUOTES)


def _number_word(word: str) -> str:
    return NUMBER_WORDS.get(word, word)


# Applied in this order to every word; each step is small enough to test on its own.
STEPS = (_nfkc, _lower, _quotes, _number_word)

_norm_cache: dict[str, str] = {}


def normalise_word(word: str) -> str:
    cached = _norm_cache.get(word)
    if cached is None:
        cached = word
        for step in STEPS:
            cached = step(cached)
        if len(_norm_cache) < 200_000:
            _norm_cache[word] = cached
    return cached


class Word(msgspec.Struct):
    norm: str
    surface: str
    block: int  # paragraph index
    start: int  # character offset in the block text
    end: int


def content_start(text: str) -> int:
    m = LIST_MARKER.match(text)
    return m.end() if m else 0


_LINE = re.compile(r"\n")


# A list marker inside a line, after a colon or semicolon: what a list becomes when the line breaks of its
# items are lost ("…, waaronder: a. het invullen …; b. onderzoek …").
INLINE_MARKER = re.compile(r"(?<=[:;])\s+\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)](?=\s)")


def content_ranges(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """The stretches of a paragraph that are text: each line without its list marker, and without markers
    of items run together into one line."""
    starts = [offset] + [m.end() for m in _LINE.finditer(text, offset)] if "\n" in text else [offset]
    ends = [*starts[1:], len(text)]
    ranges = []
    for line_start, line_end in zip(starts, ends, strict=True):
        start = line_start + content_start(text[line_start:line_end])
        if ":" in text or ";" in text:
            for m in INLINE_MARKER.finditer(text, start, line_end):
                ranges.append((start, m.start()))
                start = m.end()
        ranges.append((start, line_end))
    return ranges


def words(text: str, block: int = -1, offset: int = 0) -> list[Word]:
    """The words of a paragraph (list markers skipped), normalised, with their place in the text."""
    out = []
    for start, end in content_ranges(text, offset):
        for m in WORD.finditer(text, start, end):
            surface = m.group()
            out.append(Word(normalise_word(surface), surface, block, m.start(), m.end()))
    return out


Spot = tuple[int, str, int, int]  # a word where it is written: (paragraph, its text, start, end)


def quote(spots: list[Spot]) -> str:
    """Words as they are written: a run of words of one paragraph with the punctuation between them, runs
    of different paragraphs joined by a space."""
    parts: list[str] = []
    i = 0
    while i < len(spots):
        para, text, start, end = spots[i]
        j = i + 1
        while j < len(spots) and spots[j][0] == para and spots[j][2] >= end:
            end = spots[j][3]
            j += 1
        # punctuation that clings to the run (an opening bracket before it, a full stop after it) goes with it
        while start > 0 and text[start - 1] in _OPENING:
            start -= 1
        while end < len(text) and text[end] in _CLOSING:
            end += 1
        parts.append(" ".join(text[start:end].split()))
        i = j
    return " ".join(parts)


_OPENING = "([{\"'‘“„«"
_CLOSING = ".,;:!?)]}\"'’”»%"


def norm_words(text: str) -> list[str]:
    return [normalise_word(m.group()) for m in WORD.finditer(text, content_start(text))]


# ---------------------------------------------------------------------------------------------
# hashes
#
# Each word gets three independent 64-bit values from blake2b (cached: the vocabulary is small). A
# trigram is the xor of the first value of its first word, the second of the second and the third
# of the third, multiplied by an odd constant modulo 2**64; the top 32 bits are kept. All of it runs
# in C through map(), so hashing a 30-page document costs a few milliseconds.

_PERSON = b"cscheck-cs-v1"
_MASK = (1 << 64) - 1
_K3 = 0x9E3779B97F4A7C15
_K2 = 0xC2B2AE3D27D4EB4F
_K1 = 0x165667B19E3779F9
_H1: dict[str, int] = {}
_H2: dict[str, int] = {}
_H3: dict[str, int] = {}


def _learn(word: str) -> None:
    digest = hashlib.blake2b(word.encode(), digest_size=24, person=_PERSON).digest()
    if len(_H1) > 500_000:
        _H1.clear()
        _H2.clear()
        _H3.clear()
    _H1[word] = int.from_bytes(digest[0:8], "little")
    _H2[word] = int.from_bytes(digest[8:16], "little")
    _H3[word] = int.from_bytes(digest[16:24], "little")


def _values(norms: list[str]) -> None:
    for w in set(norms).difference(_H1):  # the words not hashed yet, found in C
        _learn(w)


K = 3  # words per gram


def trigrams(norms: list[str]) -> list[int]:
    """Hash of every word trigram, in order (empty when fewer than three words)."""
    if len(norms) < 3:
        return []
    _values(norms)
    a = map(_H1.__getitem__, norms[:-2])
    b = map(_H2.__getitem__, norms[1:-1])
    c = map(_H3.__getitem__, norms[2:])
    mixed = map(operator.mul, map(operator.xor, map(operator.xor, a, b), c), repeat(_K3))
    return list(map(operator.rshift, map(operator.and_, mixed, repeat(_MASK)), repeat(32)))


def short_gram(norms: list[str]) -> int:
    """Hash of a run too short for a trigram (1 or 2 words)."""
    _values(norms)
    if len(norms) == 1:
        return ((_H1[norms[0]] * _K1) & _MASK) >> 32
    return (((_H1[norms[0]] ^ _H2[norms[1]]) * _K2) & _MASK) >> 32
