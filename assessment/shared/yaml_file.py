"""The data files' YAML, read one strict way: keys given twice refused, numbers within a double, every
failure named "FILE: where: what" so each command, the build and the change log refuse a bad file
alike, never with a traceback.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from assessment.shared import input_file


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice, which PyYAML would silently overwrite."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _number(loader: _UniqueKeyLoader, node: yaml.ScalarNode):
    """An int or float within a double's range; a longer one is refused where it stands (PyYAML would
    raise ValueError for over 4,300 digits, and a 400-digit weight would be echoed whole)."""
    if len(node.value) > 30:
        raise yaml.constructor.ConstructorError(None, None, "number out of range", node.start_mark)
    value = (yaml.SafeLoader.construct_yaml_int if node.tag.endswith(":int") else yaml.SafeLoader.construct_yaml_float)(loader, node)
    if not math.isfinite(float(value)) and node.value.lower().lstrip("+-.") not in ("inf", "nan"):
        raise yaml.constructor.ConstructorError(None, None, "number out of range", node.start_mark)
    return value


for _tag in ("int", "float"):
    _UniqueKeyLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _number)


def read_yaml(path: Path, error: type[ValueError]) -> object:
    """A data file's YAML (keys given twice refused); `error` names the file and the problem."""
    # Every failure is named here, so that each command, the build and the change log refuse a bad
    # file alike ("FILE: where: what"), never with a traceback.
    try:
        text = input_file.read(path, "criteria").decode("utf-8")
    except input_file.InputRefused as exc:
        raise error(str(exc)) from None
    except UnicodeDecodeError:
        raise error(f"{path}: (file): not UTF-8 text") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise error(f"{path}: YAML syntax error at {where}: {exc.problem}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise error(f"{path}: line {line}, column {column}: character U+{code:04X} is not allowed in YAML") from None
    except RecursionError:
        raise error(f"{path}: (file): nested too deeply to read") from None
    except ValueError as exc:  # a value YAML parses but Python cannot hold, such as the date 2026-02-30
        raise error(f"{path}: (file): {exc}") from None
