"""Tables on a PDF page, read row by row as the DOCX reader reads them.

PDFium gives a table's text in the order the producer drew it: LibreOffice and Word draw a row cell
by cell, so the second line of the first cell comes after the whole first line of the row. A table is
therefore rebuilt from where its text stands:

- a table with drawn borders (Word's "Table Grid", most published tables): rows lie between the
  horizontal rules, cells between the vertical rules that cross the row;
- a table without borders: a stretch of short lines (none runs across the page) whose text leaves two or
  more vertical gutters free, so three columns or more; rows are separated by more space than a line
  needs.

Two columns without borders are left to the paragraph reader: a label and its text (a lid number, a
bullet, "Adres:") look the same, and reading them as a paragraph loses nothing.
"""

from __future__ import annotations

from itertools import pairwise

import msgspec

from cscheck.read.pdf import Line, Page, Rule

SNAP = 2.5  # points: rules this close together touch, text this close to a column start is in it


class Piece(msgspec.Struct):
    """Text of one run inside a cell, with where it stands."""

    text: str
    baseline: float
    x0: float
    x1: float
    line: Line


class Table(msgspec.Struct):
    page: int
    first: int  # index in the page's lines of the first line that belongs to the table
    lines: set[int] = msgspec.field(default_factory=set)  # indices of the page's lines that belong to it
    rows: list[list[list[Piece]]] = msgspec.field(default_factory=list)  # rows → cells → pieces


def find_tables(page: Page, lines: list[Line], pitch: float) -> list[Table]:
    """The tables of a page (over `lines`, the page's lines without running headers and footers)."""
    tables = [t for t in (_ruled(grid, lines) for grid in _grids(page.rules)) if t is not None]
    taken = {i for t in tables for i in t.lines}
    tables += _unruled(lines, taken, pitch)
    return sorted(tables, key=lambda t: t.first)


# ---------------------------------------------------------------------------------------------
# tables with borders


def _grids(rules: list[Rule]) -> list[list[Rule]]:
    """Rules that touch each other, grouped (union-find); only groups with vertical and horizontal rules."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if a.x0 - SNAP <= b.x1 and b.x0 - SNAP <= a.x1 and a.y0 - SNAP <= b.y1 and b.y0 - SNAP <= a.y1:
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return [g for g in groups.values() if sum(r.horizontal for r in g) >= 2 and sum(not r.horizontal for r in g) >= 2]


def _merged(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _ruled(grid: list[Rule], lines: list[Line]) -> Table | None:
    ys = _merged([(r.y0 + r.y1) / 2 for r in grid if r.horizontal])[::-1]  # top to bottom
    verticals = [r for r in grid if not r.horizontal]
    bands = list(pairwise(ys))
    columns = []
    for top, bottom in bands:
        middle = (top + bottom) / 2
        columns.append(_merged([(v.x0 + v.x1) / 2 for v in verticals if v.y0 - SNAP <= middle <= v.y1 + SNAP]))
    if not bands or max(len(c) for c in columns) < 3:  # at least two cells side by side somewhere
        return None
    left, right = min(r.x0 for r in grid), max(r.x1 for r in grid)
    table = Table(page=lines[0].page if lines else 0, first=-1,
                  rows=[[[] for _ in range(max(1, len(c) - 1))] for c in columns])
    for index, line in enumerate(lines):
        middle = (line.top + line.bottom) / 2
        if not (ys[-1] < middle < ys[0] and left - SNAP < line.x0 and line.x1 < right + SNAP):
            continue
        table.lines.add(index)
        for run in line.runs:
            if not run.text.strip():
                continue
            row = next((i for i, (top, bottom) in enumerate(bands) if bottom <= (run.top + run.bottom) / 2 <= top),
                       None)
            if row is None:
                continue
            edges = columns[row]
            cell = sum(1 for x in edges[1:-1] if x <= run.x0 + 1)
            piece = Piece(run.text, line.baseline, run.x0, run.x1, line)
            table.rows[row][min(cell, len(table.rows[row]) - 1)].append(piece)
    if not table.lines:
        return None
    table.first = min(table.lines)
    table.rows = [row for row in table.rows if any(row)]
    return table


# ---------------------------------------------------------------------------------------------
# tables without borders


def _unruled(lines: list[Line], taken: set[int], pitch: float) -> list[Table]:
    """Stretches of short lines whose text leaves two or more vertical gutters free: three columns or more."""
    free = sorted((i for i in range(len(lines)) if i not in taken), key=lambda i: -lines[i].baseline)
    if not free:
        return []
    left = min(lines[i].x0 for i in free)
    width = max(lines[i].x1 for i in free) - left
    rows: list[list[int]] = []  # lines on one baseline (cells of one row are often separate lines)
    for i in free:
        if rows and abs(lines[rows[-1][0]].baseline - lines[i].baseline) < 1.0:
            rows[-1].append(i)
        else:
            rows.append([i])
    tables = []
    for block in _blocks(lines, rows, width):
        table = _table(lines, block, pitch)
        if table is not None:
            tables.append(table)
    return tables


def _blocks(lines: list[Line], rows: list[list[int]], width: float) -> list[list[list[int]]]:
    """Runs of rows without a line of running text across the page and in one font size."""
    blocks: list[list[list[int]]] = []
    current: list[list[int]] = []
    size = 0.0
    for row in rows:
        row_size = lines[row[0]].size
        if any(_spans(lines[i]) > 0.55 * width for i in row):
            blocks.append(current)
            current = []
            continue
        if current and abs(row_size - size) > 0.6:
            blocks.append(current)
            current = []
        current.append(row)
        size = row_size
    blocks.append(current)
    return [b for b in blocks if len(b) >= 2]


def _spans(line: Line) -> float:
    """The widest stretch of a line's text without a wide gap in it."""
    widest, start, end = 0.0, None, 0.0
    for run in line.runs:
        if not run.text.strip():
            continue
        if start is None or run.x0 - end > 2 * run.size:
            start = run.x0
        end = run.x1
        widest = max(widest, end - start)
    return widest


def _gutters(lines: list[Line], rows: list[list[int]]) -> list[float]:
    """Middles of the vertical strips no text of these rows touches (column boundaries)."""
    spans = sorted((run.x0, run.x1) for row in rows for i in row for run in lines[i].runs if run.text.strip())
    size = max(lines[row[0]].size for row in rows)
    out = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= max(8.0, 0.7 * size):
            out.append((reach + x0) / 2)
        reach = max(reach, x1)
    return out


def _columns_of(lines: list[Line], row: list[int], gutters: list[float]) -> set[int]:
    return {sum(1 for g in gutters if g <= run.x0) for i in row for run in lines[i].runs if run.text.strip()}


def _table(lines: list[Line], block: list[list[int]], pitch: float) -> Table | None:
    gutters = _gutters(lines, block)
    if len(gutters) < 2:
        return None
    # a line of text in the first column above or below the table is not part of it ("Versiebeheer:")
    while block and _columns_of(lines, block[0], gutters) == {0}:
        block = block[1:]
    while block and _columns_of(lines, block[-1], gutters) == {0}:
        block = block[:-1]
    if len(block) < 2:
        return None
    gutters = _gutters(lines, block)
    if len(gutters) < 2 or sum(1 for row in block if len(_columns_of(lines, row, gutters)) >= 2) < 2:
        return None
    chosen = {i for row in block for i in row}
    table = Table(page=lines[0].page, first=min(chosen), lines=chosen)
    bands: list[list[Piece]] = []
    last = None
    for row in block:
        baseline = lines[row[0]].baseline
        if last is None or last - baseline > pitch + max(1.5, 0.15 * pitch):
            bands.append([])
        bands[-1].extend(Piece(run.text, lines[i].baseline, run.x0, run.x1, lines[i]) for i in row
                         for run in lines[i].runs if run.text.strip())
        last = baseline
    for band in bands:
        cells: list[list[Piece]] = [[] for _ in range(len(gutters) + 1)]
        for piece in band:
            cells[sum(1 for g in gutters if g <= piece.x0)].append(piece)
        table.rows.append(cells)
    return table
