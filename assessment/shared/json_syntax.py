"""JSON text read as both readers read it: the exact syntax scanner that names a problem's line and
column, and a fast path that accepts exactly what the scanner accepts.

Answers files and review files come from strangers; Python's json module and the browser's JSON.parse
differ on what they accept (NaN, Infinity, nesting depth, lone surrogates, numbers beyond a double)
and say nothing useful about where a file is broken. Contract with docs/assets/javascripts/shared/
shared/json-syntax.js: `syntax()` here and there find the same first problem with the same words.

Twin: docs/assets/javascripts/shared/json-syntax.js (the same rule in the browser).
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Callable
from itertools import accumulate, count

_SPACE = re.compile(r"[ \t\n\r]*")
_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')  # the run of a string up to a quote, backslash or control character
_ESCAPE = re.compile(r'\\(?:["\\/bfnrt]|u([0-9a-fA-F]{4}))')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_LITERAL = re.compile(r"true|false|null")

# What the scanner expects next, and how it says so.
VALUE, FIRST_ITEM, FIRST_KEY, KEY, COLON, AFTER, END = range(7)
_EXPECTED = {VALUE: "expected a value", FIRST_ITEM: "expected a value or ']'",
             FIRST_KEY: "expected a key in double quotes or '}'", KEY: "expected a key in double quotes",
             COLON: "expected ':'", END: "expected the end of the file"}


def syntax(text: str, max_depth: int, show: Callable[[object], str]) -> tuple[int, str] | None:
    """The first JSON syntax problem as (position, what), or None. A loop with a stack: no recursion."""
    stack: list[str] = []
    state, pos, n = VALUE, 0, len(text)
    while True:
        pos = _SPACE.match(text, pos).end()
        if state == AFTER and not stack:
            state = END
        expected = _EXPECTED.get(state) or ("expected ',' or '}'" if stack[-1] == "{" else "expected ',' or ']'")
        if pos >= n:
            return None if state == END else (pos, f"{expected}, found the end of the file")
        c = text[pos]
        if c == '"' and state in (VALUE, FIRST_ITEM, FIRST_KEY, KEY):
            problem = _string(text, pos, show)
            if isinstance(problem, tuple):
                return problem
            pos, state = problem, COLON if state in (FIRST_KEY, KEY) else AFTER
        elif state in (VALUE, FIRST_ITEM) and c in "{[":
            stack.append(c)
            if len(stack) > max_depth:
                return pos, f"nested deeper than {max_depth} levels"
            pos, state = pos + 1, FIRST_KEY if c == "{" else FIRST_ITEM
        elif state in (VALUE, FIRST_ITEM) and (m := _NUMBER.match(text, pos) or _LITERAL.match(text, pos)):
            if m.re is _NUMBER and not math.isfinite(float(m.group())):
                return pos, "number out of range"
            pos, state = m.end(), AFTER
        elif (state == FIRST_ITEM and c == "]" or state == FIRST_KEY and c == "}"
              or state == AFTER and c == {"{": "}", "[": "]"}[stack[-1]]):
            stack.pop()
            pos, state = pos + 1, AFTER
        elif state == AFTER and c == ",":
            pos, state = pos + 1, KEY if stack[-1] == "{" else VALUE
        elif state == COLON and c == ":":
            pos, state = pos + 1, VALUE
        else:
            return pos, f"{expected}, found {_char(c, show)}"


def _char(c: str, show: Callable[[object], str]) -> str:
    """A character found where it does not belong, with its code point unless it is visible ASCII."""
    return show(c) if "!" <= c <= "~" else f"{show(c)} (U+{ord(c):04X})"


def _string(text: str, pos: int, show: Callable[[object], str]) -> int | tuple[int, str]:
    """The end of the string starting at pos, or (position, what) of its first problem."""
    pos += 1
    while True:
        pos = _PLAIN.match(text, pos).end()
        if pos >= len(text):
            return pos, "unterminated string, found the end of the file"
        c = text[pos]
        if c == '"':
            return pos + 1
        if c != "\\":
            return pos, f"control character {_char(c, show)} in a string; write it as an escape"
        m = _ESCAPE.match(text, pos)
        if m is None:
            return pos, f"unknown escape {show(text[pos:pos + 2])} in a string"
        unit = int(m.group(1), 16) if m.group(1) else 0
        if 0xDC00 <= unit <= 0xDFFF:
            return pos, f"lone surrogate {m.group()} in a string"
        if 0xD800 <= unit <= 0xDBFF:
            low = _ESCAPE.match(text, m.end())
            if low is None or not low.group(1) or not 0xDC00 <= int(low.group(1), 16) <= 0xDFFF:
                return pos, f"lone surrogate {m.group()} in a string"
            m = low
        pos = m.end()


def read_int(digits: str) -> int | float:
    """An integer as JavaScript reads it: exact below 2**53, else the nearest double."""
    if len(digits) < 16:
        return int(digits)
    x = float(digits)
    return int(x) if abs(x) < 2**53 else x




REFUSED = object()  # what fast() gives for a text the scanner would refuse
_STRINGS = re.compile(r'(?s)"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_OPEN_TWO_CLOSE_ZERO = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


_RISKY_NUMBER = re.compile(r"[0-9][eE]|[0-9]{16}")  # only these can overflow a double or lose digits
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def fast(text: str, max_depth: int) -> object:
    """The document, or REFUSED, judged by C-speed steps that accept exactly what `syntax` accepts.

    A 1 MB file costs tens of milliseconds here rather than seconds in the per-token scanner; the
    costlier checks run only when the text could need them.
    """
    out_of_range = []

    def number(token: str) -> float:
        x = float(token)
        if not math.isfinite(x):
            out_of_range.append(token)
        return x

    def integer(token: str) -> int | float:
        return int(token) if len(token) < 16 else read_int(token) if math.isfinite(number(token)) else 0

    # Parse first: a text json.loads accepts has only closed strings, so _STRINGS runs in linear time.
    # json.loads refuses nesting beyond Python's recursion limit itself (RecursionError, no crash).
    risky = _RISKY_NUMBER.search(text)  # also in strings: harmless, only slower
    try:
        doc = json.loads(text, parse_constant=_refuse_constant, **({"parse_float": number, "parse_int": integer} if risky else {}))
        if _SURROGATE_ESCAPE.search(text):  # a lone one cannot be encoded; a pair can
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return REFUSED
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text)).encode("ascii").translate(_OPEN_TWO_CLOSE_ZERO)
    # after k brackets: opened - closed = 2 × opened - k = (running sum of 2s) - k
    if max(map(operator.sub, accumulate(brackets), count(1)), default=0) > max_depth:
        return REFUSED
    return REFUSED if out_of_range else doc


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def line_column(text: str, pos: int) -> tuple[int, int]:
    """The 1-based line and column of a position, as messages name it."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1
