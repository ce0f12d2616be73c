"""User text in Markdown that renders as that text: the one escaping function of every Markdown output
(the plan, `report --format markdown`, `review --format markdown`); shared/markdown-text.js is its twin in
the browser, byte for byte, so the checklist's Markdown plan equals the command line's.

Text from an answers or review file must not become structure: no raw HTML or entities, no links
or images ([..](javascript:..), ![..](http://..)), no emphasis or code, no table cells, and no
headings, lists, block quotes or rules at the start of any line (a line break in the organisation
field must not start "# Reviewer decision: APPROVED"). `<`, `>` and `&` become entities (every
renderer knows them); the other marks are backslash-escaped, which CommonMark allows for any ASCII
punctuation.

Twin: docs/assets/javascripts/shared/markdown-text.js (the same rule in the browser).
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"[\\`*_\[\]|#~!]")
# What starts a block at the beginning of a line: list bullets, setext underlines, ordered list numbers.
_LINE_START = re.compile(r"^([ \t]*)(?:([-+=])|([0-9]{1,9})([.)]))")


def inline(text: str) -> str:
    """The text with every Markdown mark escaped; line breaks left as they are."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(lambda m: "\\" + m.group(), text)


def _line(line: str) -> str:
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                           inline(line), count=1)


def lines(text: str) -> list[str]:
    """Each line of the text (split at LF) escaped, so none can start a block."""
    return [_line(line) for line in text.split("\n")]


def item(text: str) -> str:
    """Text for a list item or other one-line place: its lines kept as hard breaks inside the item,
    without indentation (which could start a code block) and without blank lines (which would end the item)."""
    return "  \n  ".join(line.strip(" \t") for line in lines(text) if line.strip(" \t"))


def paragraph(block: list[str]) -> str:
    """Lines of one paragraph, each kept as a line (two trailing spaces: a hard break); the first line's
    indentation is dropped (four spaces would make the paragraph a code block)."""
    return "  \n".join(_line(line.rstrip(" \t")) for line in [block[0].lstrip(" \t"), *block[1:]])


def one_line(text: str) -> str:
    """Text for a heading, which ends at its line: line breaks become spaces."""
    return inline(" ".join(text.split("\n")))


def cell(text: str) -> str:
    """Text for a table cell: marks escaped, line breaks as <br>, never empty."""
    return inline(text).replace("\n", "<br>") or " "
