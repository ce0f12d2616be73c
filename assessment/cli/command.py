"""What every command shares: its usage error, output safe for the terminal, the answers file it reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessment.answers import answers_file as answers_mod
from assessment.answers.scoring import score
from assessment.cli.terminal import terminal
from assessment.criteria import texts
from assessment.criteria import versions as history

LANGS = list(texts.LANGS)


class UsageError(ValueError):
    """Bad arguments or an unwritable output; reported like a bad file."""


def load(args: argparse.Namespace, path: Path):
    """The criteria (held to their change log), the answers file at `path` and its score."""
    criteria = history.load(args.criteria)
    answers = answers_mod.read(criteria, path)
    return criteria, answers, score(criteria, answers)


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def err(text: str) -> None:
    """A message on standard error, one escaped line per line: file texts cannot drive the terminal."""
    sys.stderr.write("".join(terminal(line) + "\n" for line in text.split("\n")))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
