"""What counts as blank text: one definition for every check, in Python and in the browser (shared/blank.js).

Python's str.strip() and JavaScript's String.prototype.trim() strip different characters (only
Python strips U+001C–U+001F and U+0085, only JavaScript U+FEFF), so "is this written?" had two
answers: the review page exported a condition the command line refused, and `report` disagreed with
the plan's own checks. A text is blank here when it holds nothing but characters a reader cannot
see: every character either language counts as white space, and the zero-width ones.
tests/vectors/blank.json holds the cases both languages must judge alike.

Twin: docs/assets/javascripts/shared/blank.js (the same rule in the browser).
"""

from __future__ import annotations

import re

# JavaScript's WhiteSpace and LineTerminator (what trim() strips) ...
_JS_TRIM = "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# ... the separators only Python's isspace() knows, and the zero-width characters of neither.
_PY_ONLY = "\x1c\x1d\x1e\x1f\x85"
_ZERO_WIDTH = "\u180e\u200b\u200c\u200d\u2060"
BLANK_CHARS = _JS_TRIM + _PY_ONLY + _ZERO_WIDTH
_BLANK = re.compile(f"[{re.escape(BLANK_CHARS)}]*")


def trim(text: str) -> str:
    """The text without blank characters at either end."""
    return text.strip(BLANK_CHARS)


def is_blank(text: str) -> bool:
    """Whether the text holds nothing a reader can see (an empty text is blank)."""
    return _BLANK.fullmatch(text) is not None
