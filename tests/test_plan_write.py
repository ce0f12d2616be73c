"""plan_file.write() and `plan -o` (through assessment/shared/output_file.py): usual permissions, refused targets, no temporary
file left behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assessment.shared import output_file
from assessment.plan import plan_file
from tests.cli import run
from tests.test_plan import CRITERIA, doc, parsed, write_json

ROOT = Path(__file__).resolve().parent.parent


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    previous = os.umask(0o022)
    yield lambda m: os.umask(m)
    os.umask(previous)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_a_new_plan_gets_the_usual_permissions_less_the_umask(tmp_path, umask, mask, expected, suffix):
    umask(mask)
    path = plan_file.write(tmp_path / f"plan{suffix}", CRITERIA, *parsed())
    assert mode(path) == expected


def test_a_replaced_plan_keeps_its_own_permissions(tmp_path, umask):
    target = tmp_path / "plan.md"
    target.write_text("old")
    target.chmod(0o640)
    plan_file.write(target, CRITERIA, *parsed())
    assert mode(target) == 0o640 and target.read_text(encoding="utf-8").startswith("# ")


def test_a_read_only_target_is_refused_with_its_name_and_kept(tmp_path):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"signed copy")
    target.chmod(0o444)
    with pytest.raises(plan_file.WriteRefused, match=r"plan\.docx: is read-only"):
        plan_file.write(target, CRITERIA, *parsed())
    code, _, err = run(["plan", write_json(tmp_path / "a.json", doc()), "-o", target])
    assert code == 2 and f"{target}: is read-only" in err and "Traceback" not in err
    assert target.read_bytes() == b"signed copy" and sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "plan.docx"]


def test_a_symlinked_target_is_refused_and_stays_a_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("kept")
    link = tmp_path / "plan.md"
    link.symlink_to(real)
    code, _, err = run(["plan", write_json(tmp_path / "a.json", doc()), "-o", link])
    assert code == 2 and f"{link}: is a symbolic link" in err
    assert link.is_symlink() and real.read_text() == "kept"
    dangling = tmp_path / "gone.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(plan_file.WriteRefused, match="symbolic link"):
        plan_file.write(dangling, CRITERIA, *parsed())


def test_a_folder_as_target_is_refused(tmp_path):
    (tmp_path / "plan.md").mkdir()
    with pytest.raises(plan_file.WriteRefused, match="not a regular file"):
        plan_file.write(tmp_path / "plan.md", CRITERIA, *parsed())


def test_ctrl_c_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"previous plan")

    def interrupted(fd, data):
        os.close(os.dup(fd))  # the temporary file exists by now
        assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        raise KeyboardInterrupt

    monkeypatch.setattr(output_file.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        plan_file.write(target, CRITERIA, *parsed())
    assert target.read_bytes() == b"previous plan" and [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


# A child process that stops in the middle of writing, so the test can send it a signal then.
CHILD = textwrap.dedent("""
    import sys, time
    import assessment
    from assessment.shared import output_file
    from assessment.plan import plan_file
    real_write = output_file.os.write
    def slow(fd, data):
        print("writing", flush=True)
        time.sleep(60)
        return real_write(fd, data)
    output_file.os.write = slow
    criteria = assessment.load()
    answers = assessment.read_answers(criteria, sys.argv[1])
    plan_file.write(sys.argv[2], criteria, answers, assessment.score(criteria, answers))
""")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_write_leaves_no_temporary_file(tmp_path, signum):
    source = write_json(tmp_path / "a.json", doc())
    child = subprocess.Popen([sys.executable, "-c", CHILD, source, tmp_path / "plan.docx"],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"
        assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        child.send_signal(signum)
        assert child.wait(timeout=30) == 128 + signum
    finally:
        child.kill()
        child.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
