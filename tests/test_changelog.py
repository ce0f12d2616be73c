"""The change log says what each criteria version changed, is held to the data file, and shows on the about page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import assessment
from assessment.criteria import model as criteria_model
from assessment.criteria import changelog
from assessment.criteria import quantity
from assessment.__main__ import main
from tests import maintainer
from tests.site_build import LANGUAGES, page


def test_the_newest_entry_is_the_data_files_version_and_names_only_known_items():
    log, criteria = changelog.load(), assessment.load()
    assert log.latest.version == criteria.version, "raise version in criteria.yml and log it, or the reverse"
    items = {item.id for item in criteria.items}
    assert set(log.latest.added) <= items and set(log.latest.reworded) <= items
    assert not set(log.latest.removed) & items


GOOD = """entries:
  - version: "2"
    date: 2026-11-25
    changes: [{zh: 改, en: changed}]
    reworded: [cs-organisation]
  - version: "1"
    date: 2026-11-01
    changes: [{zh: 初版, en: first}]
"""


@pytest.mark.parametrize("text, message", [
    (GOOD.replace('"1"', '"2"'), 'entries[1].version: duplicate version \'2\''),
    (GOOD.replace("2026-11-01", "2026-12-01"), "entries[1].date: 2026-12-01 is later than the entry above it"),
    (GOOD.replace("date: 2026-11-25", 'date: "2026-11-25"'), "entries[0].date: Input should be a valid date"),
    (GOOD.replace("reworded: [cs-organisation]", "reworded: [cs-organisation]\n    added: [cs-organisation]"),
     "entries[0].reworded[0]: item 'cs-organisation' is listed twice in this version"),
    (GOOD.replace("reworded:", "rewritten:"), "entries[0].rewritten: unknown key"),
    (GOOD.replace("changes: [{zh: 初版, en: first}]", "changes: []"), "entries[1].changes: List should have at least 1 item"),
    (GOOD.replace("{zh: 改, en: changed}", "{zh: 改}"), "entries[0].changes[0].en: required key is missing"),
    (GOOD.replace('    date: 2026-11-01', '    date: 2026-11-01\n    date: 2026-11-02'), "YAML syntax error at line 8"),
    ("- just a list", "(top level): expected a mapping of keys, got list"),
])
def test_a_bad_change_log_is_refused_naming_file_key_and_problem(tmp_path, text, message):
    path = tmp_path / "changelog.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(changelog.ChangeLogError) as info:
        changelog.load(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)


def test_a_good_change_log_loads_newest_first(tmp_path):
    path = tmp_path / "changelog.yml"
    path.write_text(GOOD, encoding="utf-8")
    assert [entry.version for entry in changelog.load(path).entries] == ["2", "1"]


@pytest.mark.parametrize("lang, reworded", [("zh", "改写的条目：`cs-organisation`（第1.1条）"),
                                             ("en", "Items reworded: `cs-organisation` (clause 1.1)")])
def test_the_about_page_shows_every_version_under_changelog(site_dir, lang, reworded):
    built = page(site_dir, lang, "about/")
    assert "changelog" in built.ids  # the checklist's notice links to ../about/#changelog
    for entry in changelog.load().entries:
        anchor = "changelog-" + re.sub(r"[^0-9A-Za-z]", "-", entry.version)
        assert built.ids[anchor].startswith(entry.version), anchor
        assert getattr(entry.changes[0], lang) in re.sub(r"\s+", " ", built.text)
    html = (Path(site_dir) / LANGUAGES[lang] / "about" / "index.html").read_text(encoding="utf-8")
    assert reworded.replace("`cs-organisation`", "<code>cs-organisation</code>") in html


# --- the data file checks itself against its change log -----------------------------------------


def _refusal(path) -> str:
    with pytest.raises(assessment.CriteriaError) as info:
        assessment.load(path)
    return str(info.value)


def test_a_raised_version_without_a_change_log_entry_is_refused(tmp_path):
    path = maintainer.edit(maintainer.copy(tmp_path), lambda d: d.update(version=d["version"] + "-x"))
    message = _refusal(path)
    assert message.startswith(f"{path.with_name('changelog.yml')}: entries[0].version:") and "add an entry" in message


def test_an_item_added_without_raising_the_version_is_refused(tmp_path):
    def add(d):
        d["items"].append({**d["items"][0], "id": "cs-new-unreleased"})
    message = _refusal(maintainer.edit(maintainer.copy(tmp_path), add))
    assert ".signature: criteria.yml changed since version" in message and "item cs-new-unreleased added" in message


def test_a_threshold_changed_without_raising_the_version_is_refused(tmp_path):
    def halve(d):
        d["thresholds"]["first_reply"]["value"] = d["thresholds"]["first_reply"]["value"] / 2
    assert "threshold first_reply changed" in _refusal(maintainer.edit(maintainer.copy(tmp_path), halve))


def test_a_misspelt_item_in_the_change_log_is_refused(tmp_path):
    path = maintainer.copy(tmp_path)
    log = path.with_name("changelog.yml")
    text = log.read_text(encoding="utf-8")
    oldest = text.rindex("  - version:")
    log.write_text(text[:oldest] + text[oldest:].replace("    changes:", "    added: [cs-satisfaction-surve]\n    changes:", 1))
    assert "added[0]: 'cs-satisfaction-surve' is no item" in _refusal(path)


def test_a_released_entry_must_record_the_thresholds_it_changed_as_they_were(tmp_path):
    def later(d):
        d["thresholds"]["first_reply"]["value"] = d["thresholds"]["first_reply"]["value"] * 2
    path = maintainer.release(tmp_path, later)
    assessment.load(path)  # as drafted: valid
    log = path.with_name("changelog.yml")
    text = log.read_text(encoding="utf-8")
    start = text.index("        from: {value: ")
    log.write_text(text[:start] + "        from: {value: 7, unit: day}" + text[text.index("\n", start):])
    assert "the entry says from 7 day" in _refusal(path)


def test_a_drafted_entry_is_refused_until_its_changes_are_written_in_words(tmp_path):
    path = maintainer.edit(maintainer.copy(tmp_path), lambda d: d.update(version=d["version"] + "-x"))
    assert main(["changes", "--criteria", str(path), "--add-entry"]) == 0
    assert "still the draft's placeholder" in _refusal(path)


def test_the_changes_command_describes_a_change_in_words_from_the_data(tmp_path, capsys):
    old = assessment.load()
    def later(d):
        d["thresholds"]["first_reply"] = {"value": 30, "unit": "minute"}
    path = maintainer.edit(maintainer.copy(tmp_path), later)
    assert main(["changes", "--criteria", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    new = criteria_model.load(path)
    said = f"{quantity.threshold_text(old, 'first_reply', 'en')} → {quantity.threshold_text(new, 'first_reply', 'en')}"
    assert f"Threshold first_reply: {said}" in out and "key: first_reply" in out and "signature:" in out
