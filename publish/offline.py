"""`make offline`: both languages as one zip that works opened from disk (file://), no server.

Browsers refuse module scripts, workers and fetch() to pages opened from disk, so this package
differs from the served site in four ways, all made here at build time:

- mkdocs.offline.yml / mkdocs.en.offline.yml build without directory URLs (`requirements.html`, as
  a folder would open as a file listing), with Material's offline plugin (search's index as a
  script) and the vendored iframe-worker shim (search's worker in a hidden frame);
- the apps (checklist.js, review.js) and site.js are replaced, at the same paths, by classic-script
  bundles made by esbuild (npm, pinned in package.json/package-lock.json, installed by `npm ci`
  into node_modules/ when missing); the Word library goes into the checklist's bundle;
- assets/criteria.js holds the criteria the apps would fetch from assets/criteria.json;
- the checklist's evidence view, which on a server measures an export in a module worker, measures
  it in the page from disk (evidence/run.js, bundled in; the view decides by the page's protocol);
- sitemaps and 404 pages, which mean something only on a server, are left out, and so are the
  modules and the Word library the bundles now hold (the library's licences stay), and the
  pages' alternate-language links for search engines (the visible language switcher stays).

The served site keeps its ES modules: nothing here touches docs/ or site/.

    python -m publish.offline dist/sp-readiness-offline.zip
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"mkdocs.offline.yml": "", "mkdocs.en.offline.yml": "en"}  # config: folder in the package
APPS = ("checklist", "review", "site")  # assets/javascripts/NAME.js, each bundled with its imports
TOP = "sp-readiness-offline"  # the folder the zip unpacks to
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz", "404.html")
# <link rel="alternate" hreflang> in a page's head: for search engines; from disk Material would
# fetch each language's sitemap.xml for it, which browsers refuse, with an error on every page.
ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
# The checklist names its modules and data for the browser to fetch at once; from disk they are in
# the bundle and assets/criteria.js, and fetching them would only fail.
PRELOAD_LINK = re.compile(r'<link rel="(?:modulepreload|preload)" href="[^"]*"(?: as="fetch" crossorigin)?>')
STAMP = (2026, 1, 1, 0, 0, 0)  # every entry's date: the same sources give the same zip
README = """SP 运维与客户服务要求 — 离线版
用浏览器打开本文件夹中的 index.html（中文），或 en/index.html（English）。无需网络，也无需安装。
自评答卷保存在本机浏览器中；换电脑或清除浏览器数据前，请先导出答卷。

SP O&M and Customer Service Requirements — offline copy
Open index.html (Chinese) or en/index.html (English) in this folder with a web browser: no network,
no installation. The checklist keeps answers in this browser; export them before changing computer
or clearing the browser's data.
"""


class OfflineError(Exception):
    """The package cannot be made; the message says why and what to do."""


def esbuild() -> Path:
    """The pinned esbuild, installed by `npm ci` from package-lock.json when missing or another version."""
    pinned = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/esbuild"]["version"]
    installed = ROOT / "node_modules" / "esbuild" / "package.json"
    binary = ROOT / "node_modules" / ".bin" / "esbuild"
    if not (installed.is_file() and json.loads(installed.read_text(encoding="utf-8"))["version"] == pinned and binary.exists()):
        npm = shutil.which("npm")
        if npm is None:
            raise OfflineError("the offline package is bundled by esbuild, installed with npm: install Node.js and npm "
                               f"(Debian: apt-get install npm), then run `make offline` again (esbuild {pinned}, package-lock.json)")
        print(f"==> Installing esbuild {pinned} (npm ci of package-lock.json) into node_modules/", file=sys.stderr)
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)
    return binary


def bundle(tool: Path, name: str, out: Path) -> None:
    """assets/javascripts/NAME.js and everything it imports as one classic script at `out`.

    Modules find files beside them through import.meta.url; a classic script has none, so the
    bundle reads its own address (document.currentScript) before anything else runs: written at
    the module's own path, every relative address resolves as it does on the served site.
    """
    source = ROOT / "docs" / "assets" / "javascripts" / f"{name}.js"
    subprocess.run([str(tool), str(source), "--bundle", "--format=iife", "--target=es2020", "--charset=utf8",
                    "--log-level=warning", "--legal-comments=eof",
                    "--define:import.meta.url=__spReadinessScript",
                    "--banner:js=var __spReadinessScript = document.currentScript.src;",
                    f"--outfile={out}"], cwd=ROOT, check=True)


def build_site(dest: Path, site_url: str | None = None) -> None:
    """Both languages built for disk into dest (Chinese) and dest/en, with bundles and criteria.js."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    tool = esbuild()
    for config, folder in CONFIGS.items():
        out = dest / folder
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config, "-d", str(out)],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise OfflineError(f"{config}: the build failed:\n{done.stderr}")
        for name in APPS:
            bundle(tool, name, out / "assets" / "javascripts" / f"{name}.js")
        criteria = (out / "assets" / "criteria.json").read_text(encoding="utf-8")
        (out / "assets" / "criteria.js").write_text(
            f"// The criteria for the checklist and the review page (assets/criteria.json), readable from disk.\n"
            f"globalThis.spReadinessCriteria = {criteria};\n", encoding="utf-8")
        for name in LEFT_OUT:
            (out / name).unlink(missing_ok=True)
        for page in out.glob("*.html"):
            html = page.read_text(encoding="utf-8")
            page.write_text(PRELOAD_LINK.sub("", ALTERNATE_LINK.sub("", html)), encoding="utf-8")
        # The modules now inside the bundles (the Word library's licences stay beside its place).
        scripts = out / "assets" / "javascripts"
        for module in (ROOT / "docs" / "assets" / "javascripts").rglob("*.js"):
            name = module.relative_to(ROOT / "docs" / "assets" / "javascripts")
            if name.parent != Path(".") or name.stem not in APPS:
                (scripts / name).unlink(missing_ok=True)
        for folder in sorted((p for p in scripts.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        (out / "assets" / "vendor" / "docx" / "docx.js").unlink(missing_ok=True)


def package(zip_path: Path, site_url: str | None = None) -> Path:
    """Build both languages for disk and write them, with a README, as zip_path."""
    zip_path = Path(zip_path).resolve()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sp-readiness-offline-") as tmp:
        site = Path(tmp, TOP)
        build_site(site, site_url)
        (site / "README.txt").write_text(README, encoding="utf-8")
        # Written aside and then moved: a failed run leaves the last good package in place.
        partial = Path(tmp, zip_path.name)
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                entry = zipfile.ZipInfo(f"{TOP}/{path.relative_to(site).as_posix()}", STAMP)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, path.read_bytes())
        shutil.move(partial, zip_path)
    return zip_path


if __name__ == "__main__":
    try:
        written = package(Path(sys.argv[1] if len(sys.argv) > 1 else "dist/sp-readiness-offline.zip"),
                          os.environ.get("SITE_URL"))
    except OfflineError as exc:
        sys.exit(f"make offline: {exc}")
    print(f"==> {written} ({written.stat().st_size / 1e6:.1f} MB)")
