"""What became of each lid of the standard in one aligned article.

After the word alignment (`words.py`) every document word either matched a piece of the standard or not.
Here the unmatched words are classified (a filled-in slot, a repeated template block, a whole added
paragraph, or added text) and the result is gathered per lid of the standard: which document lids hold
its words, which of its words are missing, which alternatives were kept, and where added text belongs.
"""

from __future__ import annotations

from collections import Counter

from cscheck.align.words import (
    ADDED,
    ADDITION,
    FILL,
    REPEAT,
    STANDARD,
    ArticleText,
    ArticleWords,
    LidResult,
    flat_places,
)
from cscheck.model import Artikel
from cscheck.reference.manifest import Group, Piece, RefArtikel
from cscheck.text import trigrams


def classify_unmatched(aw: ArticleWords, matched: list[tuple[int, int] | None], ref: RefArtikel,
                        additions: bool) -> list[str]:
    status = [STANDARD if m is not None else ADDED for m in matched]
    if all(m is not None for m in matched):
        return status
    flat = flat_places(ref)
    order = {place: i for i, place in enumerate(flat)}
    repeat_hashes = {h for lid in ref.leden for p in lid.pieces if p.repeat and p.t == "run" for h in p.hashes}
    i, n = 0, len(matched)
    while i < n:
        if matched[i] is not None:
            i += 1
            continue
        j = i
        while j < n and matched[j] is None:
            j += 1
        prev = matched[i - 1] if i > 0 else None
        nxt = matched[j] if j < n else None
        start = order[prev] if prev is not None else -1
        end = order[nxt] if nxt is not None else len(flat)
        if end == start:  # words added inside one piece of the standard
            end = start + 1
        elif end < start:  # moved text: look at both sides of the place it came from
            start, end = end - 1, start + 1
        # a slot inside the piece the previous word matched counts too: the piece itself is included
        between = [ref.leden[li].pieces[pi] for li, pi in flat[max(start, 0):end]]
        kind = ADDED
        if any(p.t == "slot" for p in between):
            kind = FILL
        elif repeat_hashes and set(trigrams(aw.norms[i:j])) & repeat_hashes:
            kind = REPEAT
        elif additions and _whole_paragraphs(aw, i, j):
            kind = ADDITION
        for k in range(i, j):
            status[k] = kind
        i = j
    return status


def _whole_paragraphs(aw: ArticleWords, i: int, j: int) -> bool:
    first, last = aw.paras[i], aw.paras[j - 1]
    starts = i == 0 or aw.paras[i - 1] != first
    ends = j == len(aw) or aw.paras[j] != last
    return starts and ends


def _piece_is_required(piece: Piece, found: set[int]) -> bool:
    return not ((piece.repeat or piece.optional) and not found)


def lid_results(doc: Artikel, ref: RefArtikel, groups: dict[str, Group], aw: ArticleWords,
             matched: list[tuple[int, int] | None], status: list[str], covered: dict[tuple[int, int], set[int]],
             masked: frozenset[tuple[int, int]]) -> ArticleText:
    results = [LidResult(ref=lid, ref_index=li) for li, lid in enumerate(ref.leden)]
    votes: list[dict[int, int]] = [{} for _ in ref.leden]
    # counted in C; a Counter keeps the order in which the pairs first occur, which breaks ties below
    tally = Counter([(m[0], doc_lid) for m, doc_lid in zip(matched, aw.lids, strict=True) if m is not None])
    for (li, doc_lid), n in tally.items():
        votes[li][doc_lid] = n
    for li, res in enumerate(results):
        res.doc_lids = sorted(votes[li], key=lambda k: -votes[li][k])
        res.standard_words = sum(votes[li].values())
    # alternatives present: at least half of an alternative's words found
    alt_words: dict[tuple[str, str], list[int]] = {}
    for li, lid in enumerate(ref.leden):
        for pi, piece in enumerate(lid.pieces):
            if piece.group and piece.alt and piece.t == "run" and piece.role == "text":
                tally = alt_words.setdefault((piece.group, piece.alt), [0, 0])
                if (li, pi) not in masked:
                    tally[0] += len(covered.get((li, pi), ()))
                tally[1] += piece.n
    present = {key for key, (found, total) in alt_words.items() if total and found * 2 >= total}
    for li, lid in enumerate(ref.leden):
        res = results[li]
        for pi, piece in enumerate(lid.pieces):
            if piece.t != "run":
                continue
            found = covered.get((li, pi), set())
            if piece.role != "text":
                if found and piece.role == "instruction":
                    res.instructions_kept.append(piece.label)
                if found and piece.role == "marker" and piece.group and piece.alt:
                    res.markers_kept.setdefault(piece.group, set()).add(piece.alt)
                continue
            if piece.group and piece.alt:
                if (piece.group, piece.alt) in present:
                    res.kept_alts.setdefault(piece.group, set()).add(piece.alt)
                else:
                    res.kept_alts.setdefault(piece.group, set())
                    res.dropped_alts.setdefault(piece.group, set()).add(piece.alt)
                    continue  # an alternative that was not chosen
            if not _piece_is_required(piece, found):
                continue
            res.total_words += piece.n
            missing = [k for k in range(piece.n) if k not in found] if len(found) < piece.n else []
            if missing:
                res.removed_words += len(missing)
                res.removed_runs.extend(_runs(pi, missing))
    # a required choice with no alternative left: the text of the smallest alternative is missing
    for res in results:
        for group_key, dropped in res.dropped_alts.items():
            group = groups.get(group_key)
            if group and group.required and not res.kept_alts.get(group_key):
                smallest = min((total for (g, _a), (_f, total) in alt_words.items() if g == group_key), default=0)
                res.removed_words += smallest
                res.total_words += smallest
            res.dropped_alts[group_key] = dropped - res.kept_alts.get(group_key, set())
    extra = _assign_added(aw, matched, status, results)
    return ArticleText(aw, matched, status, results, extra)


def _assign_added(aw: ArticleWords, matched: list[tuple[int, int] | None], status: list[str],
                  results: list[LidResult]) -> list[LidResult]:
    """Added runs go to the lid of the standard whose words surround them; a document lid with none of
    the standard's words is a lid of its own."""
    extra: dict[int, LidResult] = {}
    owner_of_doc_lid = {doc_lid: li for li, res in enumerate(results) for doc_lid in res.doc_lids[:1]}
    lids_with_standard = {doc_lid for m, doc_lid in zip(matched, aw.lids, strict=True) if m is not None}
    i, n = 0, len(status)
    while i < n:
        if status[i] == ADDITION:
            j = i
            while j < n and status[j] == ADDITION and aw.lids[j] == aw.lids[i]:
                j += 1
            owner = _owner(matched, i)
            results[owner if owner is not None else 0].appended.append((i, j))
            i = j
            continue
        if status[i] != ADDED:
            if status[i] == FILL:
                owner = _owner(matched, i)
                if owner is not None:
                    results[owner].fills += 1
            i += 1
            continue
        j = i
        while j < n and status[j] == ADDED and aw.lids[j] == aw.lids[i]:
            j += 1
        doc_lid = aw.lids[i]
        if doc_lid not in lids_with_standard:
            res = extra.setdefault(doc_lid, LidResult(ref=None, ref_index=None, doc_lids=[doc_lid]))
            res.added.append((i, j))
        else:
            owner = owner_of_doc_lid.get(doc_lid)
            if owner is None:
                owner = _owner(matched, i)
            results[owner if owner is not None else 0].added.append((i, j))
        i = j
    return list(extra.values())


def _owner(matched: list[tuple[int, int] | None], i: int) -> int | None:
    for k in range(i, -1, -1):
        if matched[k] is not None:
            return matched[k][0]  # type: ignore[index]
    for k in range(i, len(matched)):
        if matched[k] is not None:
            return matched[k][0]  # type: ignore[index]
    return None


def _runs(piece: int, positions: list[int]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    start = prev = positions[0]
    for p in positions[1:]:
        if p != prev + 1:
            out.append((piece, start, prev + 1))
            start = p
        prev = p
    out.append((piece, start, prev + 1))
    return out
