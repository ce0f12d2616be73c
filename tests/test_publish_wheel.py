"""The command line as an installable tool: the wheel from `make dist`, installed into a fresh virtual
environment outside the repository, runs as `sp-readiness` with its own data files and gives what
`python -m assessment` gives in the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
import venv
import zipfile
from pathlib import Path

import docx
import pytest

import assessment
from assessment.answers.answers_file import FORMAT, FORMAT_VERSIONS
from publish import wheel
from tests.cli import run

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = assessment.load()


def answers() -> dict:
    """Every yes/no item met, the rest unanswered: a file any version of the data file accepts."""
    return {"format": FORMAT, "format_version": max(FORMAT_VERSIONS), "criteria_version": CRITERIA.version,
            "assessment": {"organisation": "示例科技有限公司", "service": "彩铃", "contact": "张三", "date": "2026-11-25"},
            "answers": {i.id: {"status": "met", "note": "已落实"} for i in CRITERIA.items if i.kind == "check"},
            "plan": {CRITERIA.template[0].id: "概述"}}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel built the way `make dist` builds it, installed into a new venv with no access to the repository.

    Its dependencies come from the project's own virtual environment through a .pth file (the test
    does not download them); `pip check` then proves the wheel's pinned requirements are met by them.
    """
    where = tmp_path_factory.mktemp("wheel")
    built = wheel.build(where / "dist")
    env_dir = where / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--disable-pip-version-check", built], check=True)
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    checked = subprocess.run([python, "-m", "pip", "check", "--disable-pip-version-check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    work = where / "work"
    work.mkdir()
    return {"wheel": built, "bin": env_dir / "bin", "work": work}


def tool(installed, *args) -> subprocess.CompletedProcess:
    """`sp-readiness ARGS` run from a folder outside the repository, with nothing of the repository on its path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{installed['bin']}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(["sp-readiness", *map(str, args)], cwd=installed["work"], env=env,
                          capture_output=True, text=True, timeout=120)


def test_wheel_holds_every_data_file_the_package_reads(installed):
    shipped = {n for n in zipfile.ZipFile(installed["wheel"]).namelist() if n.startswith("assessment/")}
    data = {f"assessment/{p.name}" for p in (ROOT / "assessment").iterdir()
            if p.is_file() and p.suffix not in (".py", ".pyc")}
    assert data, "the package has data files"
    assert data <= shipped, f"left out of the wheel: {sorted(data - shipped)}"


def test_installed_command_runs_from_the_venv_not_the_repository(installed):
    where = subprocess.run([installed["bin"] / "python", "-c", "import assessment; print(assessment.__file__)"],
                           cwd=installed["work"], capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(installed["bin"].parent), where
    helped = tool(installed, "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: sp-readiness"), helped.stdout
    for command in ("validate", "score", "report", "summary", "plan", "review"):
        assert command in helped.stdout
    checked = tool(installed, "validate")
    assert checked.returncode == 0, checked.stderr


def test_installed_tool_scores_and_reports_as_the_repository_does(installed):
    path = installed["work"] / "answers.json"
    path.write_text(json.dumps(answers(), ensure_ascii=False), encoding="utf-8")
    for args in (["score", path, "--json"], ["report", path, "--format", "json"], ["report", path, "--lang", "en"]):
        done = tool(installed, *args)
        assert done.returncode == 0, done.stderr
        code, out, _ = run(args)
        assert code == 0
        assert done.stdout == out
    result = json.loads(tool(installed, "score", path, "--json").stdout)
    assert result["possible"] > 0 and result["earned"] > 0


def test_installed_tool_writes_the_plan_as_a_word_document(installed):
    path = installed["work"] / "answers.json"
    path.write_text(json.dumps(answers(), ensure_ascii=False), encoding="utf-8")
    out = installed["work"] / "plan.docx"
    done = tool(installed, "plan", path, "-o", out, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert out.name in done.stderr
    ours = installed["work"] / "ours.docx"
    assert run(["plan", path, "-o", ours, "--lang", "zh"])[0] == 0
    assert document_text(out) == document_text(ours)
    assert "示例科技有限公司" in "\n".join(document_text(out))


def document_text(path: Path) -> list[str]:
    """Every paragraph and table cell of a Word document, in order, as its reader sees them."""
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def test_bad_input_to_the_installed_tool_is_refused_without_a_traceback(installed):
    path = installed["work"] / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    done = tool(installed, "score", path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{path}:") and "Traceback" not in done.stderr
