"""The options several commands share, declared once so their names, defaults and help agree."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessment.criteria import texts
from assessment.criteria.model import DEFAULT_PATH

DOCUMENT_FORMATS = ["text", "markdown", "json", "csv"]


def add_criteria(p: argparse.ArgumentParser) -> None:
    """--criteria FILE: another data file than the bundled one (every command but validate)."""
    p.add_argument("--criteria", type=Path, default=DEFAULT_PATH,
                   help="criteria data file (default: the bundled assessment/criteria.yml)")


def add_format_lang(p: argparse.ArgumentParser, formats: list[str] = DOCUMENT_FORMATS,
                    lang_help: str = "language of the labels and questions") -> None:
    """--format (the first of `formats` by default) and --lang zh|en (zh by default)."""
    p.add_argument("--format", choices=formats, default=formats[0])
    p.add_argument("--lang", choices=list(texts.LANGS), default="zh", help=f"{lang_help} (default zh)")
