"""Reading a ticket export's CSV text: encoding, delimiter, rows; as the browser reads it.

Contract with docs/assets/javascripts/evidence/csv-text.js (and Papa Parse there):
- encoding: a UTF-8 byte order mark means UTF-8; otherwise UTF-8 if the first 64 KiB are valid UTF-8
  (a character cut at the end of that window is allowed), else GB18030 (which covers GBK and GB2312,
  what Chinese Excel writes); a later byte that the chosen encoding cannot read refuses the file
  (mixed encodings), naming the line;
- delimiter: whichever of comma, semicolon and tab occurs most in the first line, comma on a tie;
- quoting as RFC 4180 (double quotes, doubled inside); a line that is empty is skipped, as is a
  final line break; the first row is the header.

Twin: docs/assets/javascripts/evidence/csv-text.js (the same rule in the browser).
"""

from __future__ import annotations

import codecs
import csv
import io
from typing import BinaryIO, Iterator

SNIFF_BYTES = 65_536
DELIMITERS = (",", ";", "\t")
MAX_CELL_CHARS = 1_000_000  # csv's field limit: one cell beyond this refuses the file


class CsvError(ValueError):
    """The file cannot be read as CSV; the message says "where: what"."""


def detect_encoding(head: bytes) -> str:
    """'utf-8-sig', 'utf-8' or 'gb18030', from the file's first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head[:SNIFF_BYTES], final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


ENCODING_NAMES = {"utf-8-sig": "utf-8-bom", "utf-8": "utf-8", "gb18030": "gb18030"}


def delimiter(first_line: str) -> str:
    counts = [first_line.count(d) for d in DELIMITERS]
    best = max(counts)
    return DELIMITERS[counts.index(best)] if best else ","


class _Lines:
    """Decoded text lines of a binary stream, counting them so that a decoding error names its line."""

    def __init__(self, stream: BinaryIO, encoding: str):
        self.text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
        self.line = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            line = next(self.text)
        except UnicodeDecodeError as exc:
            raise CsvError(f"after line {self.line}: bytes that are not {exc.encoding.upper()} "
                           "(mixed encodings?); save the export in one encoding") from None
        self.line += 1
        if "\x00" in line:
            raise CsvError(f"line {self.line}: a NUL byte; this is not a text export")
        return line


def rows(stream: BinaryIO) -> tuple[str, list[str], Iterator[list[str]]]:
    """(encoding, header, data rows) of a CSV stream; rows are read lazily."""
    head = stream.peek(SNIFF_BYTES) if hasattr(stream, "peek") else b""
    encoding = detect_encoding(head)
    lines = _Lines(stream, encoding)
    first = next(lines, None)
    if first is None:
        raise CsvError("line 1: the file is empty")
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(_chain(first, lines), delimiter=delimiter(first.rstrip("\r\n")), strict=False)
    header = _next(reader, lines)
    if header is None or not any(h.strip() for h in header):
        raise CsvError("line 1: no header row")

    def body() -> Iterator[list[str]]:
        while (row := _next(reader, lines)) is not None:
            if row:
                yield row
    return ENCODING_NAMES[encoding], header, body()


def _chain(first: str, rest: _Lines) -> Iterator[str]:
    yield first
    yield from rest


def _next(reader, lines: _Lines) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        raise CsvError(f"line {lines.line}: {exc}") from None
