"""What an OLE compound file holds, told from its directory alone (no stream is read).

Word stores two very different things in this container: a legacy Word 97–2003 document (stream
"WordDocument") and a password-protected .docx (the whole OOXML package encrypted in a stream
"EncryptedPackage", with "EncryptionInfo" beside it). Excel and PowerPoint files use it too. The user
needs a different answer for each, so we read the names in the directory: the header, the few FAT
entries on the directory's sector chain and the directory sectors themselves. Every loop is bounded
and every offset checked, because the file comes from outside.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER = 512
_LAST_SECTOR = 0xFFFFFFFA  # numbers from here on are markers (end of chain, free, FAT, DIFAT)
_MAX_DIRECTORY_SECTORS = 4096  # a directory of ~16,000 entries; real files have a handful
_MAX_DIFAT_SECTORS = 4096


class NotOle(ValueError):
    """The bytes do not form a readable compound-file directory."""


def stream_names(fh: BinaryIO) -> set[str]:
    """The names of all streams and storages in the compound file open in `fh`."""
    fh.seek(0)
    header = fh.read(_HEADER)
    if len(header) < _HEADER or not header.startswith(MAGIC):
        raise NotOle("no compound-file header")
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        raise NotOle(f"sector shift {shift}")
    reader = _Sectors(fh, 1 << shift)
    fat = reader.fat_sectors(header)
    first_directory = struct.unpack_from("<I", header, 0x30)[0]
    names: set[str] = set()
    for sector in reader.chain(first_directory, fat, _MAX_DIRECTORY_SECTORS):
        data = reader.sector(sector)
        for offset in range(0, len(data) - 127, 128):
            name = _entry_name(data[offset:offset + 128])
            if name:
                names.add(name)
    return names


def _entry_name(entry: bytes) -> str:
    length = struct.unpack_from("<H", entry, 0x40)[0]
    kind = entry[0x42]
    if kind not in (1, 2, 5) or not 2 <= length <= 64:
        return ""  # an unused entry
    return entry[:length - 2].decode("utf-16-le", errors="replace")


class _Sectors:
    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh = fh
        self.size = size
        fh.seek(0, 2)
        self.count = max(0, fh.tell() - _HEADER) // size  # sectors that exist in the file

    def sector(self, number: int) -> bytes:
        if number >= self.count:
            raise NotOle(f"sector {number} outside the file")
        self.fh.seek(_HEADER + number * self.size)
        return self.fh.read(self.size)

    def fat_sectors(self, header: bytes) -> list[int]:
        """Where the FAT lives: 109 entries in the header, the rest in a chain of DIFAT sectors."""
        fat = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < _LAST_SECTOR]
        per_sector = self.size // 4 - 1  # the last entry of a DIFAT sector points at the next one
        difat = struct.unpack_from("<I", header, 0x44)[0]
        seen: set[int] = set()
        while difat < _LAST_SECTOR and difat not in seen and len(seen) < _MAX_DIFAT_SECTORS:
            seen.add(difat)
            entries = struct.unpack(f"<{per_sector + 1}I", self.sector(difat))
            fat.extend(s for s in entries[:per_sector] if s < _LAST_SECTOR)
            difat = entries[per_sector]
        return fat

    def next_in_chain(self, number: int, fat: list[int]) -> int:
        per_sector = self.size // 4
        index, slot = divmod(number, per_sector)
        if index >= len(fat):
            raise NotOle(f"sector {number} has no FAT entry")
        return struct.unpack_from("<I", self.sector(fat[index]), slot * 4)[0]

    def chain(self, start: int, fat: list[int], limit: int) -> list[int]:
        out: list[int] = []
        seen: set[int] = set()
        sector = start
        while sector < _LAST_SECTOR and sector not in seen and len(out) < limit:
            seen.add(sector)
            out.append(sector)
            sector = self.next_in_chain(sector, fat)
        return out
