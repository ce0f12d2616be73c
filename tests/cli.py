"""Run the reviewers' command line in-process and capture what it prints."""

from __future__ import annotations

import contextlib
import io

from assessment.__main__ import main


def run(argv) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of `python -m assessment ARGV`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()
