"""The source document, read independently of the site: the oracle for faithful-text tests.

It reads the copy kept in the repository (source/, see source/README.md), undoes the seed
page's conversion artefacts (traditional characters with pinyin in brackets, stray spaces from
line wraps) and splits the text at the document's own numbers.
"""

from __future__ import annotations

from assessment.criteria.quantity import threshold_text

import os
import re
from functools import cache
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("SP_SEED") or ROOT / "source" / "000_f914d30aeaf7be8e.txt")

# The document's structure, in order: requirements clauses, then the appendix template.
REQUIREMENT_LABELS = [
    "1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7",
    "2", "2.1", "2.2", "2.3", "2.4", "2.5",
    "3", "3.1", "3.2", "3.3", "3.4",
    "4", "4.1", "4.2",
    "5", "5.1", "5.2", "5.3",
]
TEMPLATE_LABELS = [
    "1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
    "3", "3.1", "3.2", "3.3", "3.4", "3.5",
]

_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "(": "（", ")": "）"})


def normalise(text: str) -> str:
    """Full-width punctuation, and no white space except between a digit or letter and a character."""
    text = text.translate(_PUNCT).strip()
    # A space the document means stands between ASCII and CJK ("“1 客户服务”"); any other is a line wrap.
    return re.sub(r"\s+", lambda m: " " if _meant(text, m) else "", text)


def _meant(text: str, m: re.Match) -> bool:
    before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
    ascii_alnum = lambda c: c.isascii() and c.isalnum()  # noqa: E731
    both_word = ascii_alnum(before) or ascii_alnum(after)
    return both_word and before not in "，；：？（）。、“”" and after not in "，；：？（）。、“”"


@cache
def document_text() -> str:
    """The first copy of the document on the seed page, in Simplified Chinese without pinyin."""
    if not SEED.is_file():
        raise FileNotFoundError(f"source document not found at {SEED}: it belongs in source/ (see source/README.md)")
    line = next(l for l in SEED.read_text(encoding="utf-8").splitlines() if "(初稿)" in l)
    return opencc.OpenCC("t2s").convert(_PINYIN.sub("", line))


def _split(text: str, labels: list[str]) -> tuple[str, dict[str, str]]:
    """Cut text at ' LABEL ' markers, in order; return the text before the first and each part."""
    starts = []
    pos = 0
    for label in labels:
        pos = text.index(f" {label} ", pos)
        starts.append(pos)
        pos += len(label) + 2
    parts = {}
    for n, label in enumerate(labels):
        end = starts[n + 1] if n + 1 < len(labels) else len(text)
        parts[label] = normalise(text[starts[n] + len(label) + 2 : end])
    return text[: starts[0]], parts


@cache
def requirements() -> tuple[str, str, dict[str, str]]:
    """Title, preamble and the text of each numbered heading or clause of the requirements."""
    text = document_text()
    body, appendix = text.split(" 附录 ", 1)
    head, clauses = _split(body, REQUIREMENT_LABELS)
    title, preamble = head.split(") ", 1)
    return normalise(title + ")"), normalise(preamble), clauses


# The two quantities the site takes from the data file's thresholds, as the document writes them:
# clause -> (the document's words, how the words read for the data file's threshold and unit).
THRESHOLD_WORDS = {
    "4.1": ("至少提供一种", lambda c: f"至少提供{threshold_text(c, 'round_the_clock_channels', 'zh', words=True)}"),
    "4.2": ("要求1小时内", lambda c: f"要求{threshold_text(c, 'first_reply', 'zh')}内"),
}


def with_thresholds(clauses: dict[str, str], criteria) -> dict[str, str]:
    """The clauses as they read with a data file's thresholds in place of the document's numbers.

    Only the threshold words change, so a maintainer's new threshold still matches the oracle while
    any other change to a clause does not.
    """
    out = dict(clauses)
    for label, (words, reword) in THRESHOLD_WORDS.items():
        if words not in out[label]:
            raise ValueError(f"clause {label} of the source no longer says {words!r}")
        out[label] = out[label].replace(words, reword(criteria), 1)
    return out


@cache
def template() -> tuple[str, dict[str, tuple[str, list[str]]]]:
    """Title of the appendix and, per template number, its title and its ─ prompts."""
    text = " " + document_text().split(" 附录 ", 1)[1]
    title, parts = _split(text, TEMPLATE_LABELS)
    sections = {}
    for label, part in parts.items():
        heading, *prompts = [p.strip() for p in part.split("─")]
        sections[label] = (heading, [normalise(p) for p in prompts])
    return normalise(title), sections
