"""The browser app's modules import each other without a circle: each has one job, and a module
that needs another's piece takes it from the one below it, never from one that imports it back."""

from __future__ import annotations

from macros.scripts import graph


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
