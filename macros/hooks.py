"""MkDocs hooks shared by both language builds."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files

# Both languages serve the same scripts and styles from docs/assets/, kept once.
SHARED = Path(__file__).resolve().parent.parent / "docs" / "assets"


def on_files(files: Files, config) -> Files:
    """Add the shared assets to this language's build."""
    for path in sorted(SHARED.rglob("*")):
        if path.is_file():
            files.append(File(
                f"assets/{path.relative_to(SHARED).as_posix()}",
                src_dir=str(SHARED.parent),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            ))
    return files


def on_config(config):
    """One SITE_URL serves both builds: it is the Chinese root, and English is published at en/ below it.

    The language switcher links each language's root relative to the page (the url filter makes
    them so), so the site works at whatever address it is served from and from disk; site.js then
    keeps the reader on the same page. Without directory URLs (the offline package) a folder would
    open as a file listing, so the links name index.html.
    """
    root = config.site_url
    english = config.theme["language"] == "en"
    if english:
        config.site_url = urljoin(root, "en/")
    index = "" if config.use_directory_urls else "index.html"
    for alternate in config.extra.get("alternate", []):
        to_english = alternate["lang"] == "en"
        alternate["link"] = ("./" if to_english == english else "en/" if to_english else "../") + index
    return config
