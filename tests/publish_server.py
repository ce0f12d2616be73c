"""Publishing the built site as an operator would, for the publishing tests: below a sub-path of a
plain web server, with the headers the build wrote, and a record of what went wrong in the browser."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.site_build import free_port


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of one directory below `prefix`; any other address is a 404, like a shared host's."""

    def __init__(self, *args, prefix: str, headers: dict[str, str], log: list, **kwargs):
        self.prefix, self.extra, self.log = prefix, headers, log
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        here = unquote(urlsplit(path).path)
        if not here.startswith(self.prefix):
            return str(Path(self.directory, "\0outside"))  # no such file: 404
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self):
        for name, value in self.extra.items():
            self.send_header(name, value)
        super().end_headers()

    def log_request(self, code="-", size="-"):
        self.log.append((self.path, int(code) if str(code).isdigit() else code))

    def log_message(self, *args):
        pass


class PublishedSite:
    """One built site served at http://127.0.0.1:PORT/PREFIX with the given response headers."""

    def __init__(self, directory: Path, prefix: str = "/", headers: dict[str, str] | None = None):
        self.log: list[tuple[str, int]] = []
        handler = functools.partial(_Handler, directory=str(directory), prefix=prefix, headers=headers or {}, log=self.log)
        port = free_port()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{port}{prefix}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def errors(self) -> list[tuple[str, int]]:
        """Every request the server answered with an error status."""
        return [(path, code) for path, code in self.log if isinstance(code, int) and code >= 400]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Trouble:
    """Everything that goes wrong in a tab: script errors, console errors, failed or refused requests
    and Content-Security-Policy violations (from the page's securitypolicyviolation events)."""

    LISTEN = """document.addEventListener('securitypolicyviolation', (e) => {
        const seen = JSON.parse(sessionStorage.getItem('__csp') || '[]');
        seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
        sessionStorage.setItem('__csp', JSON.stringify(seen));
    });"""

    def __init__(self, page):
        self.page = page
        self.found: list[str] = []
        page.context.add_init_script(self.LISTEN)
        page.on("pageerror", lambda e: self.found.append(f"script error: {e}"))
        page.on("console", lambda m: m.type == "error" and self.found.append(f"console: {m.text}"))
        # ERR_ABORTED is the browser dropping a request it no longer needs (the page moved on).
        page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED"
                and self.found.append(f"request failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.found.append(f"HTTP {r.status}: {r.url}"))

    def violations(self) -> list[str]:
        """Violations seen in this tab so far (they survive page loads in sessionStorage)."""
        try:
            return self.page.evaluate("JSON.parse(sessionStorage.getItem('__csp') || '[]')")
        except Exception as exc:  # the page is between documents: ask again later
            return [f"could not read violations: {exc}"]

    def all(self) -> list[str]:
        return self.found + [f"CSP: {v}" for v in self.violations()]


def search(page, query: str) -> list[str]:
    """Search with Material's box and return the results' addresses, waiting only through selectors:
    a strict policy refuses the string evaluation Playwright's wait_for_function polls with."""
    box = page.locator(".md-search__input")
    if not box.evaluate("el => el === document.activeElement"):
        page.keyboard.press("s")  # Material's shortcut to the search box
    box.fill(query)
    box.press("End")  # Material reads the box on key-up; filling CJK text fires none
    page.locator(".md-search-result__meta", has_text=re.compile(r"\d")).wait_for()
    return page.eval_on_selector_all(".md-search-result__item > a, .md-search-result__link", "els => els.map(a => a.href)")
