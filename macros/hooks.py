"""MkDocs hooks shared by both language builds."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

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
    """Point the language switcher at both roots below site_url, so a site published under a
    sub-path (SITE_URL=https://host/sp/) switches within it: Chinese at …/, English at …/en/."""
    path = urlsplit(config.site_url or "/").path or "/"
    root = path.removesuffix("en/") if config.theme["language"] == "en" else path
    for alternate in config.extra.get("alternate", []):
        alternate["link"] = root + ("en/" if alternate["lang"] == "en" else "")
    return config
