"""`make dist`: the reviewers' command line as a wheel, built from a clean copy of the package.

Building from a copy, not in the working tree, keeps setuptools' build/ folder out of the way: a
stale build/lib would otherwise put files deleted from assessment/ back into the wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# All a wheel is made of: the project's metadata and the one package it installs.
SOURCES = ("pyproject.toml", "assessment")


def build(dest: Path) -> Path:
    """Build the wheel into dest and return its path; pip fetches the build backend (setuptools) as usual."""
    dest = Path(dest).resolve()
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sp-readiness-wheel-") as tmp:
        for name in SOURCES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, Path(tmp, name), ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(source, tmp)
        before = set(dest.glob("*.whl"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
                        "--wheel-dir", str(dest), tmp], check=True)
    built = sorted(set(dest.glob("sp_readiness-*.whl")) - before) or sorted(dest.glob("sp_readiness-*.whl"))
    return max(built, key=lambda p: p.stat().st_mtime)


if __name__ == "__main__":
    print(f"==> {build(Path(sys.argv[1] if len(sys.argv) > 1 else 'dist'))}")
