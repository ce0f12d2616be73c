"""The browser's own modules (docs/assets/javascripts/) and what each imports, by path below that folder.

The checklist page names every module its entry imports (so the browser fetches them at once), and
the tests hold the graph free of circles; both read it here. Static imports only: a dynamic
import() is the point where a module loads late (the Word library, the evidence view).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts"
# Either quote: the evidence modules, written for the worker too, use single quotes.
_STATIC_IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+["\'](\.{1,2}/[^"\']+\.js)["\'];', re.MULTILINE)


def modules() -> list[str]:
    """Every module, as its path below javascripts/ ("answers/scoring.js")."""
    return sorted(p.relative_to(SCRIPTS).as_posix() for p in SCRIPTS.rglob("*.js"))


def imports(name: str) -> list[str]:
    """The modules `name` imports statically, as paths below javascripts/; libraries outside it left out."""
    folder = posixpath.dirname(name)
    found = []
    for spec in _STATIC_IMPORT.findall((SCRIPTS / name).read_text(encoding="utf-8")):
        target = posixpath.normpath(posixpath.join(folder, spec))
        if not target.startswith("../"):
            found.append(target)
    return found


def graph() -> dict[str, set[str]]:
    return {name: set(imports(name)) for name in modules()}


def reachable(entry: str) -> list[str]:
    """Every module the entry imports, directly or not, in the order first met."""
    found, todo = [], [entry]
    while todo:
        name = todo.pop(0)
        if name in found:
            continue
        if not (SCRIPTS / name).is_file():
            raise ValueError(f"{SCRIPTS / name}: imported but missing")
        found.append(name)
        todo += imports(name)
    return found
