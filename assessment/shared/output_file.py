"""Writing an output file the way a user expects of a command-line tool.

The bytes go to a temporary file beside the target, which is then renamed over it, so the target
is never half-written. A new file gets the usual permissions (0666 less the umask); a replaced one
keeps its own. A symlinked, read-only or non-regular target is refused with a message naming it.
The temporary file is removed on any error, on Ctrl-C, and on SIGTERM or SIGHUP.
"""

from __future__ import annotations

import os
import secrets
import signal
import stat
import threading
from contextlib import contextmanager
from pathlib import Path


class OutputRefused(ValueError):
    """The target may not be written or replaced; the message is "PATH: why"."""


def check_target(path: Path) -> int | None:
    """Raise OutputRefused if the target must not be replaced; else its permission bits (None: a new file)."""
    if path.is_symlink():
        raise OutputRefused(f"{path}: is a symbolic link; write to the file it points to, or remove the link")
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise OutputRefused(f"{path}: exists and is not a regular file")
    # The owner's write bit as well as os.access(): root may write anything, but a read-only file says "keep me".
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise OutputRefused(f"{path}: is read-only; not replaced")
    return stat.S_IMODE(st.st_mode)


def refuse_inputs(path: str | Path, inputs) -> None:
    """Raise OutputRefused when the target is one of the command's input files (the same file, by
    device and inode, so a hard link or another spelling of the path counts): writing the output
    would destroy what the command was reading."""
    path = Path(path)
    try:
        target = path.stat()
    except OSError:
        return  # no file there yet: nothing to lose
    for source in inputs:
        try:
            same = os.path.samestat(target, Path(source).stat())
        except OSError:
            continue
        if same:
            raise OutputRefused(f"{path}: is the input {source}; choose another output file, nothing was written")


@contextmanager
def _signals_as_exit():
    """SIGTERM and SIGHUP raise SystemExit(128 + signal) meanwhile, so clean-up code runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signals = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]  # no SIGHUP on Windows
    previous = {s: signal.signal(s, stop) for s in signals}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def write_file(path: str | Path, data: bytes) -> Path:
    """Write data to path as described above; raises OutputRefused or OSError."""
    path = Path(path)
    keep_mode = check_target(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with _signals_as_exit():
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the kernel applies the umask
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                if keep_mode is not None:
                    os.fchmod(fd, keep_mode)
            finally:
                os.close(fd)
            check_target(path)  # again: it may have changed meanwhile
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return path
