"""Addresses the app pages' templates link to, each relative to the page being rendered.

Relative addresses let one build work at any address (a web root, a sub-path) and from disk (the
offline package, built without directory URLs: `checklist.html`, not `checklist/`). The offline
package also loads the apps as classic scripts (browsers refuse module scripts from file://),
bundled by `make offline`, with the criteria in a script beside them (scripts cannot fetch files).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.utils import get_relative_url


@dataclass(frozen=True)
class Links:
    page_url: str  # this page's URL below its language's root, e.g. "checklist/" or "checklist.html"
    directory_urls: bool = True
    offline: bool = False
    lang: str = "zh"  # Chinese is published at the root, English at en/ below it

    def asset(self, path: str) -> str:
        """A file under assets/, e.g. asset("stylesheets/review.css")."""
        return get_relative_url(f"assets/{path}", self.page_url)

    def page(self, name: str) -> str:
        """Another page of the same language by its file name without .md, e.g. page("requirements")."""
        return get_relative_url(f"{name}/" if self.directory_urls else f"{name}.html", self.page_url)

    def translation(self, name: str) -> str:
        """The same page in the other language, e.g. translation("requirements") on an English page."""
        def in_site(lang: str, url: str) -> str:
            return ("en/" if lang == "en" else "") + url
        target = f"{name}/" if self.directory_urls else f"{name}.html"
        other = "zh" if self.lang == "en" else "en"
        return get_relative_url(in_site(other, target), in_site(self.lang, self.page_url))

    def app_script(self, name: str) -> Markup:
        """The tag(s) that start one app, e.g. app_script("checklist") for assets/javascripts/checklist.js."""
        src = self.asset(f"javascripts/{name}.js")
        if not self.offline:
            return Markup('<script type="module" src="{}"></script>').format(src)
        # Deferred like a module, so it runs after the page is parsed and after Material's bundle.
        return Markup('<script defer src="{}"></script><script defer src="{}"></script>').format(
            self.asset("criteria.js"), src)


def for_page(config, page) -> Links:
    """The links of the page MkDocs is rendering, for this build's kind of addresses."""
    return Links(page_url=page.url, directory_urls=config["use_directory_urls"],
                 offline=bool(config["extra"].get("offline_package")), lang=config["theme"]["language"])
