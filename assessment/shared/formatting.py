"""Numbers written as JavaScript's String(number) writes them, so Python and the browser print the same text.

Python's repr and JavaScript both pick the shortest digits that read back to the same double; they
differ only in where the decimal point goes and when an exponent is used (repr: 1e-05, 1e+16;
JavaScript: 0.00001, 10000000000000000). `js_number` applies ECMAScript's Number::toString layout.
"""

from __future__ import annotations

import math


def js_number(value: float | int) -> str:
    """String(value) in JavaScript, for a finite int or float (ints beyond 2**53 are rounded as doubles)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    x = float(value)
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
