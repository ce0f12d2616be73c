"""Quantities: a number with a unit of the data file, written and converted one way everywhere.

Contract with docs/assets/javascripts/criteria/quantity.js: `text()` and `convert()` here and `quantityText()`
and `convert()` there give the same text and the same number for the same inputs (the shared vectors
in tests/vectors/quantities.json hold both to it). Every page, document and command writes a
threshold or an answer with these, so no text types a unit word after a number.

Twin: docs/assets/javascripts/criteria/quantity.js (the same rule in the browser).
"""

from __future__ import annotations

import math

from assessment.criteria import roles
from assessment.criteria.model import Criteria, Unit
from assessment.shared.formatting import js_number

_ZH_WORDS = "零一二三四五六七八九十"
_EN_WORDS = "zero one two three four five six seven eight nine ten".split()
# Converted values keep six decimals: 0.1 hour is 6 minutes, not 6.000000000000001.
_PLACES = 1_000_000


def number_words(n: float | int, lang: str) -> str | None:
    """A small whole count as a word (一, 两, three), or None when it has none."""
    if not float(n).is_integer() or not 0 <= n <= 10:
        return None
    n = int(n)
    if lang == "zh":
        return "两" if n == 2 else _ZH_WORDS[n]
    return _EN_WORDS[n]


def text(value: float | int, unit: Unit, lang: str, words: bool = False) -> str:
    """"1小时", "30分钟", "1.5小时", "2种"; "1 hour", "30 minutes", "1.5 hours", "2 channels".

    With `words`, a small whole count is written as a word for running text: "一种", "two channels".
    """
    shown = (number_words(value, lang) if words else None) or js_number(value)
    if lang == "zh":
        return f"{shown}{unit.zh}"
    return f"{shown} {unit.en if value == 1 else unit.en_plural}"


def threshold_text(criteria: Criteria, key: str, lang: str, words: bool = False) -> str:
    """A threshold of the data file, by its key, as text."""
    q = criteria.thresholds[key]
    return text(q.value, criteria.units[q.unit], lang, words)


# The unit measured durations are counted in (evidence blocks' threshold_minutes); only its `minutes`
# matters to convert().
MINUTE = Unit(measures="duration", minutes=1, zh="分钟", en="minute", en_plural="minutes")


def minutes_text(criteria: Criteria, minutes: float, lang: str) -> str:
    """A measured duration in minutes, written in the unit of the first-reply threshold ("1小时", "30 minutes")."""
    unit = criteria.units[roles.measured_threshold(criteria, "first_reply").unit]
    return text(convert(minutes, MINUTE, unit), unit, lang)


def convertible(source: Unit, target: Unit) -> bool:
    """Durations convert into each other; a count only into itself."""
    return source == target or (source.measures == target.measures == "duration")


def convert(value: float | int, source: Unit, target: Unit) -> float | int:
    """`value` in `source` units expressed in `target` units (3 hours → 180 minutes); unchanged if the same unit."""
    if source == target:
        return value
    if not convertible(source, target):
        raise ValueError(f"cannot convert {source.en_plural} into {target.en_plural}")
    x = math.floor(float(value) * float(source.minutes) / float(target.minutes) * _PLACES + 0.5) / _PLACES
    return int(x) if x.is_integer() and abs(x) < 2**53 else x
