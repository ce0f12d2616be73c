"""The data file is the one source of the thresholds, and bad data stops the build with a clear message."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import assessment
from tests.cli import run
from tests.site_build import LANGUAGES, PAGES, ROOT, build, page

DATA = ROOT / "assessment" / "criteria.yml"

# Where each page shows a threshold; {c} is the channel count as the language says it, {h} the hours.
SHOWN = {
    "zh": {
        "": ["至少提供{c}种7×24小时客服渠道", "{h}小时内初步答复"],
        "requirements/": ["至少提供{c}种7×24小时客服渠道", "要求{h}小时内初步答复"],
        "guidance/": ["要求至少{c}种渠道全天候可用", "要求在{h}小时内初步答复"],
        "maintainers/": ["round_the_clock_channels: {n}", "first_reply_hours: {h}"],
        "checklist/": ["要求：至少 {n}", "要求：不超过 {h}", "数值不少于 {n} 即满足", "数值不超过 {h} 即满足"],
    },
    "en": {
        "": ["At least {c} customer service {channel} available 7×24", "within {h} {hour}"],
        "requirements/": ["Provide at least {c} customer service {channel} available 7×24", "within {h} {hour}"],
        "guidance/": ["At least {c} {channel} must be available", "due within {h} {hour}"],
        "maintainers/": ["round_the_clock_channels: {n}", "first_reply_hours: {h}"],
        "checklist/": ["required: at least {n}", "required: at most {h}", "a value of at least {n}", "a value of at most {h}"],
    },
}
WORDS = {"zh": {1: "一", 2: "两", 3: "三"}, "en": {1: "one", 2: "two", 3: "three"}}


def phrases(lang: str, path: str, channels: int, hours: int) -> list[str]:
    values = dict(c=WORDS[lang][channels], n=channels, h=hours,
                  channel="channel" if channels == 1 else "channels", hour="hour" if hours == 1 else "hours")
    return [p.format(**values) for p in SHOWN[lang].get(path, [])]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def with_changes(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "criteria.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_default_build_shows_the_data_files_thresholds(site_dir):
    t = assessment.load().thresholds
    for lang in LANGUAGES:
        for path in SHOWN[lang]:
            text = squash(page(site_dir, lang, path).text)
            for phrase in phrases(lang, path, t.round_the_clock_channels, t.first_reply_hours):
                assert phrase in text, (lang, path, phrase)


def test_changed_thresholds_reach_every_page_in_both_languages_and_the_old_values_vanish(tmp_path):
    old = assessment.load().thresholds
    new_channels, new_hours = 3, 4
    assert (new_channels, new_hours) != (old.round_the_clock_channels, old.first_reply_hours)

    # The other values the data file hands to pages change in the same build: the ready rule, the
    # units and the version (FOLLOWED says where each one shows).
    def change(data):
        data["thresholds"] = {"round_the_clock_channels": new_channels, "first_reply_hours": new_hours}
        data["scoring"]["ready_percent"] = NEW["ready_percent"]
        data["units"] = NEW["units"]
        data["version"] = NEW["version"]

    site = tmp_path / "site"
    changed = with_changes(tmp_path, change)
    build(site, "http://127.0.0.1:8000/", changed)
    for lang in LANGUAGES:
        for path in PAGES:
            text = squash(page(site, lang, path).text)
            for phrase in phrases(lang, path, new_channels, new_hours):
                assert phrase in text, (lang, path, phrase)
            # The old values, in every form any page writes them, are gone from every page.
            for shown_on in SHOWN[lang]:
                for phrase in phrases(lang, shown_on, old.round_the_clock_channels, old.first_reply_hours):
                    assert phrase not in text, (lang, path, phrase)
        # The checklist's data and the browser scorer get the new values too.
        published = json.loads((site / LANGUAGES[lang] / "assets" / "criteria.json").read_text(encoding="utf-8"))
        assert published["thresholds"] == {"round_the_clock_channels": new_channels, "first_reply_hours": new_hours}

        follows_the_other_values(site, lang, {"round_the_clock_channels": new_channels, "first_reply_hours": new_hours})

    # And the reviewers' command line: two channels met the old threshold, not the new one.
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"format": "sp-readiness-answers", "format_version": 1, "criteria_version": "x",
                                   "answers": {"quality-round-the-clock": {"value": 2}, "quality-first-reply": {"value": 4}}}))
    for criteria, blocker in ((DATA, "quality-first-reply"), (changed, "quality-round-the-clock")):
        code, out, _ = run(["score", answers, "--json", "--criteria", criteria])
        assert code == 0 and json.loads(out)["blockers"] == [blocker]


# Values other than thresholds, each followed to every page that shows it (and the browser's copy).
NEW = {"ready_percent": 73, "version": "2099.01-test",
       "units": {"round_the_clock_channels": {"zh": "条", "en": "line", "en_plural": "lines"},
                 "first_reply_hours": {"zh": "个钟头", "en": "clock hour", "en_plural": "clock hours"}}}
FOLLOWED = {
    "ready_percent": {"zh": {"checklist/": "得分 × 100 ≥ {} × 满分", "maintainers/": "当前为 {}"},
                      "en": {"checklist/": "earned × 100 ≥ {} × possible", "maintainers/": "now {}"}},
    "version": {"zh": {"checklist/": "自评表版本：{}", "about/": "自评表版本（数据文件 assessment/criteria.yml）：{}"},
                "en": {"checklist/": "Checklist version: {}", "about/": "Checklist version (data file assessment/criteria.yml): {}"}},
}


def follows_the_other_values(site: Path, lang: str, thresholds: dict) -> None:
    old = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    olds = {"ready_percent": old["scoring"]["ready_percent"], "version": old["version"]}
    for key, pages in FOLLOWED.items():
        for path, phrase in pages[lang].items():
            text = squash(page(site, lang, path).text)
            assert phrase.format(NEW[key]) in text, (lang, path, key)
            assert phrase.format(olds[key]) not in text, (lang, path, key)
    # The checklist shows each threshold with its unit, in the page's language.
    checklist = squash(page(site, lang, "checklist/").text)
    for name, value in thresholds.items():
        unit, old_unit = NEW["units"][name], old["units"][name]
        form = "zh" if lang == "zh" else "en" if value == 1 else "en_plural"
        assert f"{value} {unit[form]}" in checklist, (lang, name)
        assert f"{value} {old_unit[form]}" not in checklist, (lang, name)
    published = json.loads((site / LANGUAGES[lang] / "assets" / "criteria.json").read_text(encoding="utf-8"))
    assert (published["scoring"]["ready_percent"], published["version"]) == (NEW["ready_percent"], NEW["version"])
    assert published["units"] == NEW["units"]


# --- bad data ---------------------------------------------------------------------------


def _drop_hours(d):
    del d["thresholds"]["first_reply_hours"]


def _string_hours(d):
    d["thresholds"]["first_reply_hours"] = "one"


def _zero_channels(d):
    d["thresholds"]["round_the_clock_channels"] = 0


def _negative_hours(d):
    d["thresholds"]["first_reply_hours"] = -2


def _unknown_threshold(d):
    d["thresholds"]["first_reply_minutes"] = 60


def _unknown_section(d):
    d["items"][0]["section"] = "billing"


def _duplicate_id(d):
    d["items"][1]["id"] = d["items"][0]["id"]


def _unknown_threshold_name(d):
    next(i for i in d["items"] if i["kind"] == "max")["threshold"] = "reply_hours"


def _na_on_mandatory(d):
    next(i for i in d["items"] if i["level"] == "mandatory")["na_allowed"] = True


def _kind_without_threshold(d):
    item = next(i for i in d["items"] if i["kind"] == "check")
    item["kind"] = "min"


BAD = [
    (_drop_hours, "thresholds.first_reply_hours", "required key is missing"),
    (_string_hours, "thresholds.first_reply_hours", "valid integer"),
    (_zero_channels, "thresholds.round_the_clock_channels", "greater than 0"),
    (_negative_hours, "thresholds.first_reply_hours", "greater than 0"),
    (_unknown_threshold, "thresholds.first_reply_minutes", "unknown key"),
    (_unknown_section, "items[0] (cs-organisation).section", "unknown section 'billing'"),
    (_duplicate_id, "items[1].id", "duplicate id 'cs-organisation'"),
    (_unknown_threshold_name, ".threshold", "'reply_hours' names no key of thresholds"),
    (_na_on_mandatory, "(quality-round-the-clock).na_allowed", "cannot be answered 'na'"),
    (_kind_without_threshold, "(cs-organisation).threshold", "'min' item needs a threshold"),
]


@pytest.mark.parametrize(("change", "key", "problem"), BAD, ids=[b[0].__name__.strip("_") for b in BAD])
def test_bad_data_is_refused_naming_file_key_and_problem(tmp_path, change, key, problem):
    path = with_changes(tmp_path, change)
    with pytest.raises(assessment.CriteriaError) as error:
        assessment.load(path)
    line = next((l for l in str(error.value).splitlines() if key in l), None)
    assert line is not None, str(error.value)
    assert line.startswith(str(path)) and problem in line


def test_yaml_syntax_error_names_file_and_place(tmp_path):
    path = tmp_path / "criteria.yml"
    path.write_text(DATA.read_text(encoding="utf-8").replace("first_reply_hours: 1", "first_reply_hours: [1", 1))
    with pytest.raises(assessment.CriteriaError, match=rf"^{re.escape(str(path))}: YAML syntax error at line \d+"):
        assessment.load(path)


def test_a_key_given_twice_is_refused(tmp_path):
    path = tmp_path / "criteria.yml"
    path.write_text(DATA.read_text(encoding="utf-8").replace(
        "  first_reply_hours: 1", "  first_reply_hours: 1\n  first_reply_hours: 2", 1))
    with pytest.raises(assessment.CriteriaError, match="duplicate key 'first_reply_hours'"):
        assessment.load(path)


@pytest.mark.parametrize(("change", "key", "problem"), BAD[:5], ids=[b[0].__name__.strip("_") for b in BAD[:5]])
def test_bad_data_fails_the_strict_build_with_the_key_in_the_message(tmp_path, change, key, problem):
    path = with_changes(tmp_path, change)
    result = build(tmp_path / "site", "http://127.0.0.1:8000/", path, check=False)
    assert result.returncode != 0
    assert f"{path}: {key}" in result.stderr and problem in result.stderr


def test_an_undefined_macro_variable_fails_the_build(tmp_path):
    # A copy of the project, so that no other test or build ever sees the broken page.
    project = tmp_path / "project"
    for part in ("docs", "macros", "assessment", "overrides"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "search-dictionary.txt"):
        shutil.copy(ROOT / name, project / name)
    page_file = project / "docs" / "zh" / "about.md"
    page_file.write_text(page_file.read_text(encoding="utf-8") + "\n{{ thresholds_typo }}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, SITE_URL="http://127.0.0.1:8000/", NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0 and "thresholds_typo" in result.stderr


def test_cli_validate_reports_a_good_and_a_bad_file(tmp_path, capsys):
    from assessment.__main__ import main

    assert main(["validate"]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["validate", str(with_changes(tmp_path, _zero_channels))]) == 2
    assert "thresholds.round_the_clock_channels" in capsys.readouterr().err


def test_a_yaml_syntax_error_fails_the_build_naming_file_and_line(tmp_path):
    path = tmp_path / "criteria.yml"
    path.write_text(DATA.read_text(encoding="utf-8").replace("first_reply_hours: 1", "first_reply_hours: [1", 1))
    result = build(tmp_path / "site", "http://127.0.0.1:8000/", path, check=False)
    assert result.returncode != 0 and re.search(rf"{re.escape(str(path))}: YAML syntax error at line \d+", result.stderr)
