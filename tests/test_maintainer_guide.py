"""The maintainer guide, proved: its three changes (a threshold to 30 minutes, an added item, a
reworded question) done on a copy of the data files with the commands and lines the guide gives,
then validated and built. If the guide's steps stop working, this fails."""

from __future__ import annotations

import re
import shlex

import yaml

import assessment
from assessment.criteria import quantity
from assessment.__main__ import main
from assessment.criteria.changelog import PLACEHOLDER
from tests import maintainer
from tests.site_build import ROOT, build, page

GUIDE = (ROOT / "docs" / "en" / "maintainers.md").read_text(encoding="utf-8")


def section(anchor: str) -> str:
    start = GUIDE.index(f"{{ #{anchor} }}")
    end = GUIDE.find("\n#", start)
    return GUIDE[start:end if end != -1 else None]


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def commands(text: str) -> list[list[str]]:
    """The `python -m assessment` commands of a section's shell blocks, as argument lists."""
    out = []
    for block in blocks(text, "sh"):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line.startswith(".venv/bin/python -m assessment "):
                out.append(shlex.split(line)[3:])
    return out


def release_steps(path, edit_text, old_copy, n: int) -> None:
    """Edit, raise the version, draft the entry with the guide's commands, write its words, validate."""
    text = path.read_text(encoding="utf-8")
    version = yaml.safe_load(text)["version"]
    text = edit_text(text).replace(f'version: "{version}"', f'version: "{version}-guide{n}"', 1)
    path.write_text(text, encoding="utf-8")
    for args in commands(section("example-threshold")):
        args = [old_copy if a == "/tmp/criteria-before.yml" else a for a in args]
        if args[0] == "changes":
            assert main([*args, "--criteria", str(path)]) == 0, args
    log = path.with_name("changelog.yml")
    log.write_text(log.read_text(encoding="utf-8").replace(PLACEHOLDER["zh"], f"指南第{n}步", 1)
                   .replace(PLACEHOLDER["en"], f"Guide step {n}", 1), encoding="utf-8")
    assert main(["validate", str(path)]) == 0


def test_the_three_changes_of_the_maintainer_guide_validate_and_build(tmp_path):
    before = assessment.load()
    path = maintainer.copy(tmp_path / "data")
    old_copy = str(tmp_path / "criteria-before.yml")

    # 1. The threshold line the guide gives replaces the file's.
    (new_line,) = blocks(section("example-threshold"), "yaml")
    def threshold(text):
        old_line = next(l for l in text.splitlines() if l.startswith("  first_reply:"))
        return text.replace(old_line, new_line.rstrip("\n"), 1)
    (tmp_path / "criteria-before.yml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    release_steps(path, threshold, old_copy, 1)

    # 2. An added item, listed under the template section it answers.
    def add_item(text):
        item = ("  - id: cs-guide-added\n    section: customer-service\n    clause: null\n    level: recommended\n"
                "    weight: 1\n    kind: check\n    na_allowed: true\n"
                "    question: {zh: '是否定期回访投诉用户？', en: 'Do you call back users who complained?'}\n"
                "    help: {zh: '回访记录。', en: 'Call-back records.'}\n")
        text = text.replace("\n  # --- 4 quality requirements", "\n" + item + "\n  # --- 4 quality requirements", 1)
        return text.replace("    items: [cs-quality-system]", "    items: [cs-quality-system, cs-guide-added]", 1)
    (tmp_path / "criteria-before.yml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    release_steps(path, add_item, old_copy, 2)

    # 3. A reworded question (help too), same id.
    question = before.item("cs-content").question
    def reword(text):
        return text.replace(question.zh, question.zh.replace("？", "（含常见问题）？"), 1).replace(
            question.en, question.en.replace("?", " (common questions included)?"), 1)
    (tmp_path / "criteria-before.yml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    release_steps(path, reword, old_copy, 3)

    after = assessment.load(path)
    assert after.threshold(after.item("quality-first-reply")).value == yaml.safe_load(new_line)["first_reply"]["value"]
    assert after.history[before.version]["changed"] == ["cs-content", "quality-first-reply"]
    assert after.history[before.version]["added"] == ["cs-guide-added"]
    site = tmp_path / "site"
    build(site, "http://127.0.0.1:8000/", path)
    for lang in ("zh", "en"):
        requirements = page(site, lang, "requirements/").text
        assert quantity.threshold_text(after, "first_reply", lang) in requirements
        about = page(site, lang, "about/").text
        released = [v for v in after.history if "-guide" in v]
        assert len(released) == 3 and all(v in about for v in released)
        assert "item-cs-guide-added" in page(site, lang, "checklist/").ids
