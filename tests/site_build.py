"""Build and serve the two-language site for tests, the way `make build` and `make serve` do."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
PAGES = ["", "requirements/", "template/", "checklist/", "guidance/", "glossary/", "maintainers/", "review/", "about/"]
LANGUAGES = {"zh": "", "en": "en/"}


def build(dest: Path, site_url: str, criteria: Path | None = None, check: bool = True):
    """Build Chinese into dest and English into dest/en; return the last completed process."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    if criteria is not None:
        env["SP_CRITERIA"] = str(criteria)
    result = None
    for config, out in (("mkdocs.yml", dest), ("mkdocs.en.yml", dest / "en")):
        result = subprocess.run([*MKDOCS, "build", "--strict", "-f", config, "-d", str(out)],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            if check:
                raise AssertionError(f"build of {config} failed:\n{result.stderr}")
            return result
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A static file server on loopback, in a thread, for one built site."""

    def __init__(self, directory: Path, port: int):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# --- reading built pages -------------------------------------------------------


class _Text(HTMLParser):
    """Collects the visible text of a page and of each element carrying an id."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.by_id: dict[str, list[str]] = {}
        self.items: list[list[str]] = []  # text of every <li>
        self.all: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        hidden = tag in ("script", "style") or "headerlink" in (a.get("class") or "")
        self.stack.append((tag, a.get("id"), hidden))
        if a.get("id"):
            self.by_id.setdefault(a["id"], [])
        if tag == "li":
            self.items.append([])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(hidden for _, _, hidden in self.stack):
            return
        self.all.append(data)
        for _, ident, _ in self.stack:
            if ident:
                self.by_id[ident].append(data)
        if any(tag == "li" for tag, _, _ in self.stack) and self.items:
            self.items[-1].append(data)


class PageText:
    def __init__(self, html: str):
        parser = _Text()
        parser.feed(html)
        self.text = "".join(parser.all)
        self.ids = {k: "".join(v).strip() for k, v in parser.by_id.items()}
        self.items = ["".join(i).strip() for i in parser.items]


def page(site: Path, lang: str, path: str) -> PageText:
    return PageText((site / LANGUAGES[lang] / path / "index.html").read_text(encoding="utf-8"))
