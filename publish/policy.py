"""The site's Content-Security-Policy, written by the build in ready-to-use forms for web servers.

Everything the site runs and shows comes from its own address: the policy allows nothing else.
Material for MkDocs puts three small scripts in every page (its local-storage helpers, the colour
palette, tabbed content); instead of 'unsafe-inline' the policy lists the SHA-256 of each, read
from the built pages themselves, so a theme upgrade or a new page cannot outdate it unnoticed:
`make build` writes it afresh every time.

    python -m publish.policy site/     writes site/_headers and site/_headers.nginx.conf
"""

from __future__ import annotations

import base64
import hashlib
import sys
from html.parser import HTMLParser
from pathlib import Path

# The directives, in order; script-src gains the inline scripts' hashes.
DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Script types a browser runs; others (Material's application/json configuration) are data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
HEADERS_FILE = "_headers"  # Netlify, Cloudflare Pages and others read it from the site's root
NGINX_FILE = "_headers.nginx.conf"  # `include` it where nginx serves the site


class _InlineScripts(HTMLParser):
    """The text of every inline script a browser would run, exactly as the page holds it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "script":
            return
        a = dict(attrs)
        runs = (a.get("type") or "").strip().lower() in SCRIPT_TYPES
        self._open = [] if runs and a.get("src") is None else None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
        if tag == "script":
            self._open = None


def inline_script_hashes(site: Path) -> list[str]:
    """The CSP source of each distinct inline script in the built site, sorted."""
    found = set()
    for page in sorted(Path(site).rglob("*.html")):
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for script in parser.scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
            found.add(f"'sha256-{digest}'")
    return sorted(found)


def policy(site: Path) -> str:
    """The Content-Security-Policy header value for the site built in site/."""
    directives = {k: list(v) for k, v in DIRECTIVES.items()}
    directives["script-src"] += inline_script_hashes(site)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def headers(site: Path) -> dict[str, str]:
    """Every header the site should be served with."""
    return {"Content-Security-Policy": policy(site), "X-Content-Type-Options": "nosniff"}


def write(site: Path) -> tuple[Path, Path]:
    """Write the headers as a _headers file and as an nginx snippet in the site's root."""
    site = Path(site)
    values = headers(site)
    plain = site / HEADERS_FILE
    plain.write_text("# Written by `make build` (publish/policy.py) for this build; see the maintainer guide.\n"
                     "/*\n" + "".join(f"  {k}: {v}\n" for k, v in values.items()), encoding="utf-8")
    nginx = site / NGINX_FILE
    nginx.write_text("# Written by `make build` (publish/policy.py) for this build; see the maintainer guide.\n"
                     "# nginx drops a server's add_header lines in a location with its own: include this\n"
                     "# in the location that serves the site.\n"
                     + "".join(f'add_header {k} "{v}" always;\n' for k, v in values.items()), encoding="utf-8")
    return plain, nginx


def read_headers(path: Path) -> dict[str, str]:
    """The headers a _headers file sets for every path (/*): what a server would send."""
    out: dict[str, str] = {}
    applies = False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            applies = line.strip() == "/*"
        elif applies:
            name, _, value = line.strip().partition(":")
            out[name.strip()] = value.strip()
    return out


if __name__ == "__main__":
    for written in write(Path(sys.argv[1] if len(sys.argv) > 1 else "site")):
        print(f"==> {written}")
