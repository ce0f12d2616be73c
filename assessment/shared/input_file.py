"""Opening a file that came from a stranger: the one way every command reads its inputs.

A path may name anything: a named pipe (opening it for reading waits for a writer forever), a
device such as /dev/zero (endless), a multi-gigabyte file, a folder. Like a mail client opening an
attachment, a command first asks what the path is and how large, and reads only a regular file of
at most the limit of its kind, never a byte more. The limits are stated in the README and are the
same in the browser (answers/answers-file.js MAX_BYTES, review/review-file.js MAX_BYTES).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# One limit per kind of file, the same in every command and in the browser.
ANSWERS_MAX_BYTES = 1_000_000
REVIEW_MAX_BYTES = 5_000_000  # the answers file (at most 1 MB) as read and as its text, comments, the test log
CRITERIA_MAX_BYTES = 1_000_000
# A ticket export is streamed, never held: the limit only keeps a mistaken multi-terabyte pick from
# running for hours. 10 million tickets of a typical export are about 1.1 GB.
EXPORT_MAX_BYTES = 4_000_000_000
KINDS = {"answers": ("an answers file", ANSWERS_MAX_BYTES), "review": ("a review file", REVIEW_MAX_BYTES),
         "criteria": ("a criteria file", CRITERIA_MAX_BYTES), "export": ("a ticket export", EXPORT_MAX_BYTES)}
NOT_REGULAR = "(file): not a regular file"
SNIFF_BYTES = 65_536  # of a file too large to read, looked at to tell which kind it was meant as


class InputRefused(ValueError):
    """The file is not read; `problem` is the "where: what" of why (the caller adds the file name)."""

    def __init__(self, path: str, problem: str):
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")


def too_big(size: int, kind: str) -> str:
    """The refusal of a file of `size` bytes over its kind's limit (answers/answers-file.js and review/review-file.js `tooBig`)."""
    what, limit = KINDS[kind]
    return f"(file): the file is {size:,} bytes; the limit for {what} is {limit:,}"


def _open(path: Path) -> int:
    """A descriptor of a regular file, opened without waiting (a pipe's open never blocks)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputRefused(str(path), NOT_REGULAR)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputRefused(str(path), f"(file): cannot read the file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between stat and open
        os.close(fd)
        raise InputRefused(str(path), NOT_REGULAR)
    return fd


def _read(fd: int, count: int) -> bytes:
    chunks, left = [], count
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_limited(path: str | Path, limit: int, refuse_size) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else InputRefused.

    refuse_size(size, fd) names the problem of a file over the limit; it may look at the file's start.
    """
    path = Path(path)
    fd = _open(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:  # refused without reading it
            raise InputRefused(str(path), refuse_size(size, fd))
        try:
            data = _read(fd, limit + 1)
        except OSError as exc:
            raise InputRefused(str(path), f"(file): cannot read the file ({exc.strerror or exc})") from None
        if len(data) > limit:  # it grew while being read
            raise InputRefused(str(path), refuse_size(len(data), fd))
        return data
    finally:
        os.close(fd)


def read(path: str | Path, kind: str) -> bytes:
    """A file of a known kind ("answers", "review" or "criteria") within that kind's limit."""
    return read_limited(path, KINDS[kind][1], lambda size, fd: too_big(size, kind))


def open_stream(path: str | Path, kind: str):
    """A binary file object of a regular file within its kind's limit, to stream (a ticket export)."""
    path = Path(path)
    fd = _open(path)
    size = os.fstat(fd).st_size
    if size > KINDS[kind][1]:
        os.close(fd)
        raise InputRefused(str(path), too_big(size, kind))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def start(fd: int) -> bytes:
    """The first bytes of an open file (for telling its kind), read from the start."""
    try:
        return os.pread(fd, SNIFF_BYTES, 0)
    except OSError:
        return b""
