"""MkDocs hooks shared by both language builds."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

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

    The language switcher points at both roots, so a site published under a sub-path
    (SITE_URL=https://host/sp/) switches within it: Chinese at …/, English at …/en/.
    """
    root = config.site_url
    if config.theme["language"] == "en":
        config.site_url = urljoin(root, "en/")
    path = urlsplit(root).path or "/"
    for alternate in config.extra.get("alternate", []):
        alternate["link"] = path + ("en/" if alternate["lang"] == "en" else "")
    return config
