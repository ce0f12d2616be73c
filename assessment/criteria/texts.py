"""The words of the interface, one data file per language: assessment/texts.zh.yml and texts.en.yml.

The build (macros), the command line and the browser (which receives them from the build as JSON)
all read them, so a maintainer corrects wording without touching Python or JavaScript. Each file
holds the same tables (one per part of the interface: `plan`, `report`, `review`, `checklist` …)
with the same keys; a text's placeholders ({name}, or {} for one value) must be the same in both
languages, since the program fills them in. Loading checks all of it and names file, key and problem.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from assessment.shared.yaml_file import read_yaml
from assessment.shared.data_files import DATA_DIR

LANGS = ("zh", "en")
HERE = DATA_DIR
_PLACEHOLDER = re.compile(r"\{(\w*)\}")


class TextsError(ValueError):
    """An interface text file is unreadable or the two languages disagree; "FILE: where: what"."""


def path(lang: str) -> Path:
    return HERE / f"texts.{lang}.yml"


def _check(data: object, where: str, source: Path, out: list[str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                out.append(f"{source}: {where}: keys are texts, got {key!r}")
            _check(value, f"{where}.{key}" if where else str(key), source, out)
    elif not isinstance(data, str):
        out.append(f"{source}: {where}: expected a text, got {type(data).__name__}")


def _compare(a: object, b: object, where: str, out: list[str]) -> None:
    """Both languages: the same keys, the same placeholders in each text."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() - b.keys():
            out.append(f"{path('en')}: {where}{'.' if where else ''}{key}: missing (it is in {path('zh').name})")
        for key in b.keys() - a.keys():
            out.append(f"{path('zh')}: {where}{'.' if where else ''}{key}: missing (it is in {path('en').name})")
        for key in a.keys() & b.keys():
            _compare(a[key], b[key], f"{where}.{key}" if where else key, out)
    elif isinstance(a, str) and isinstance(b, str):
        ours, theirs = sorted(_PLACEHOLDER.findall(a)), sorted(_PLACEHOLDER.findall(b))
        if ours != theirs:
            out.append(f"{path('en')}: {where}: placeholders {theirs} differ from {path('zh').name}'s {ours}")
    elif type(a) is not type(b):
        out.append(f"{path('en')}: {where}: a {type(b).__name__} where {path('zh').name} has a {type(a).__name__}")


@functools.cache
def load() -> dict[str, dict]:
    """Both languages' tables, checked against each other; TextsError lists every problem."""
    data, out = {}, []
    for lang in LANGS:
        source = path(lang)
        value = read_yaml(source, TextsError)
        if not isinstance(value, dict):
            raise TextsError(f"{source}: (top level): expected a mapping of tables")
        _check(value, "", source, out)
        data[lang] = value
    if not out:
        _compare(data["zh"], data["en"], "", out)
    if out:
        raise TextsError("\n".join(out))
    return data


def table(name: str) -> dict[str, dict]:
    """One table of the interface texts, by language: {"zh": {...}, "en": {...}}."""
    return {lang: load()[lang][name] for lang in LANGS}
