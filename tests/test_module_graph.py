"""The browser app's modules import each other without a circle: each has one job, and a module
that needs another's piece takes it from the one below it, never from one that imports it back."""

from __future__ import annotations

from macros.scripts import graph
from tests import python_modules


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import path that comes back to where it started (depth-first, each module once as a start)."""
    found = []
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    found.append(path + [start])
                elif nxt not in path and nxt > start:  # a circle is reported from its smallest name only
                    stack.append((nxt, path + [nxt]))
    return found


def test_the_finder_sees_a_circle_when_there_is_one():
    assert circles({"a.js": {"b.js"}, "b.js": {"c.js"}, "c.js": {"a.js"}}) == [["a.js", "b.js", "c.js", "a.js"]]
    assert circles({"a.js": {"b.js"}, "b.js": set()}) == []


def test_the_apps_modules_import_no_circle():
    edges = graph()
    assert len(edges) > 20 and all(n in edges for targets in edges.values() for n in targets)
    assert circles(edges) == []


# --- the Python package ----------------------------------------------------------------------------

CORE_MAY_NOT_IMPORT = ("assessment.cli", "assessment.desk", "macros")


def test_the_python_packages_modules_import_no_circle_even_inside_functions():
    edges = python_modules.graph(in_functions=True)
    assert len(edges) > 30 and circles(edges) == []


def test_the_core_imports_neither_the_command_line_nor_the_desk():
    known = set(python_modules.modules())
    core = {name: path for name, path in python_modules.modules().items()
            if not name.startswith(("assessment.cli", "assessment.desk")) and name not in ("assessment.__main__",)}
    wrong = [f"{name}:{line} imports {target}" for name, path in core.items()
             for target, line, _ in python_modules.imports(path, known | {"macros"})
             if target.startswith(CORE_MAY_NOT_IMPORT)]
    assert wrong == []


def test_an_import_inside_a_function_says_why_it_loads_late():
    silent = []
    for name, path in python_modules.modules().items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for line in python_modules.late_imports(path):
            text, before = lines[line - 1], lines[line - 2].strip()
            if "#" not in text and not before.startswith("#"):
                silent.append(f"{path.relative_to(python_modules.ROOT)}:{line}: {text.strip()}")
    assert silent == []
