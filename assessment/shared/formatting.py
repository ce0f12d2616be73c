"""How numbers, shares and values are written, one way for every output, as the browser writes them.

Contract with docs/assets/javascripts/shared/formatting.js: the same text for the same value.

- Numbers as JavaScript's String(number) writes them. Python's repr and JavaScript both pick the
  shortest digits that read back to the same double; they differ only in where the decimal point goes
  and when an exponent is used (repr: 1e-05, 1e+16; JavaScript: 0.00001, 10000000000000000).
  `js_number` applies ECMAScript's Number::toString layout.
- A percent (a score of 0–100) as that number with "%"; a share (0–1) with one decimal, rounded as
  Python's format() rounds ties (the browser mirrors it); counts with thousands separators.
- A bad value as messages quote it: JSON for scalars, long texts clipped, containers named; keys in the
  order JavaScript enumerates an object's keys.

Twin: docs/assets/javascripts/shared/formatting.js (the same rule in the browser).
"""

from __future__ import annotations

import json
import math

SHOWN_CHARS = 40  # of a bad text or key quoted in a message


def js_number(value: float | int) -> str:
    """String(value) in JavaScript, for a finite int or float (ints beyond 2**53 are rounded as doubles)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    try:
        x = float(value)
    except OverflowError:  # an int beyond any double: String() of such a number read as a double
        return "Infinity" if value > 0 else "-Infinity"
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"  # also -0, as String(-0) writes it
    sign = "-" if x < 0 else ""
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    # value = digits × 10^(power); strip trailing zeros into the power
    power = int(exponent or 0) - len(fraction)
    stripped = digits.rstrip("0")
    power += len(digits) - len(stripped)
    s, k = stripped, len(stripped)
    n = k + power  # value = 0.s × 10^n, ECMAScript's n
    if k <= n <= 21:
        text = s + "0" * (n - k)
    elif 0 < n <= 21:
        text = s[:n] + "." + s[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + s
    else:
        e = n - 1
        text = (s if k == 1 else s[0] + "." + s[1:]) + ("e+" if e >= 0 else "e-") + str(abs(e))
    return sign + text


def percent(value: float | int | None) -> str:
    """A score in percent (0–100), "—" when there is none."""
    return "—" if value is None else f"{js_number(value)}%"


def share_percent(share: float | None) -> str:
    """A share (0–1) as a percent with one decimal, "—" when there is none."""
    return "—" if share is None else f"{share * 100:.1f}%"


def grouped(n: int) -> str:
    """A count with thousands separators, as messages write sizes: 1,000,000."""
    return f"{n:,}"


def clip(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def show(value: object) -> str:
    """A bad value as a message quotes it: JSON for scalars, long texts clipped, containers named."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, str):
        return json.dumps(clip(value), ensure_ascii=False)
    return "a list" if isinstance(value, list) else "an object"


def js_keys(obj: dict) -> list[str]:
    """Keys in the order JavaScript enumerates them: array indices ascending first, then the rest in file order."""
    def index(key: str) -> int | None:
        if key.isascii() and key.isdigit() and (key == "0" or key[0] != "0") and len(key) <= 10:
            n = int(key)
            return n if n < 2**32 - 1 else None
        return None
    indices = sorted((n, k) for k in obj if (n := index(k)) is not None)
    return [k for _, k in indices] + [k for k in obj if index(k) is None]
