"""Untrusted text made safe for the reviewer's terminal and spreadsheet.

Answers files come from outside companies. Their texts must not drive the terminal (escape
sequences that rewrite other rows, bidirectional overrides that reorder them), start a formula in
Excel or WPS, or break a CSV row; and a name that cannot be encoded (a lone surrogate from a file
name that is not UTF-8) must not crash the output.
"""

from __future__ import annotations

import csv
import io
import unicodedata

# Characters that change how a terminal shows the text rather than showing themselves.
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(c: str) -> str:
    code = ord(c)
    return _NAMED.get(c) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _unsafe(c: str, keep: str) -> bool:
    code = ord(c)
    return c not in keep and (code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF
                              or code in _BIDI or code in (0x2028, 0x2029))


def terminal(text: str, keep: str = "") -> str:
    """Text with control characters, bidi controls and lone surrogates written as escapes (\\x1b, \\u202e).

    `keep` names characters left as they are, such as "\\n" for a text shown on several lines.
    """
    if text.isprintable() and text.isascii():  # the common case, without a per-character loop
        return text
    return "".join(_escape(c) if _unsafe(c, keep) else c for c in text)


def lines(text: str) -> list[str]:
    """A multi-line text as terminal-safe lines (CR LF and CR count as line breaks)."""
    return [terminal(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is neutralised with ', controls escaped."""
    text = terminal(text, keep="\t\n\r")
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(rows: list[list[str]]) -> str:
    """CSV with every cell quoted (so a line break never splits a row) and neutralised."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows([[csv_cell(c) for c in row] for row in rows])
    return out.getvalue()


def width(text: str) -> int:
    """Columns a terminal gives the text: wide and full-width characters (CJK) take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    """The text padded with spaces to `columns` display columns (right-aligned when asked)."""
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def table(rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    """Rows of terminal-safe cells aligned by display width; the last column is not padded."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return ["  ".join([*(pad(c, w, i in right) for i, (c, w) in enumerate(zip(row, widths))), row[-1]]).rstrip()
            for row in rows]
