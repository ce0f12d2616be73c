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

import assessment
from assessment.criteria import versions as history
from assessment.criteria import quantity
from assessment.shared.formatting import js_number
from tests import maintainer
from tests.cli import run
from tests.site_build import LANGUAGES, PAGES, ROOT, build, page

DATA = ROOT / "assessment" / "criteria.yml"

# Where each page shows a threshold: {c} the channels in running text (一种, one channel), {cq} and {h}
# the quantities as the formatter writes them (1种, 1 hour), {cv}/{cu}, {hv}/{hu} value and unit key.
SHOWN = {
    "zh": {
        "": ["至少提供{c}7×24小时客服渠道", "{h}内初步答复"],
        "requirements/": ["至少提供{c}7×24小时客服渠道", "要求{h}内初步答复"],
        "guidance/": ["要求至少{c}渠道全天候可用", "要求在{h}内初步答复"],
        "maintainers/": ["round_the_clock_channels: {value: {cv}, unit: {cu}}", "first_reply: {value: {hv}, unit: {hu}}"],
        "checklist/": ["要求：至少{cq}", "要求：不超过{h}", "数值不少于{cq}即满足", "数值不超过{h}即满足"],
    },
    "en": {
        "": ["Customer service available 7×24 through at least {c}", "within {h}"],
        "requirements/": ["available 7×24 (24 hours a day, 7 days a week) through at least {c}", "within {h}"],
        "guidance/": ["At least {c} must be available", "due within {h}"],
        "maintainers/": ["round_the_clock_channels: {value: {cv}, unit: {cu}}", "first_reply: {value: {hv}, unit: {hu}}"],
        "checklist/": ["required: at least {cq}", "required: at most {h}", "a value of at least {cq}", "a value of at most {h}"],
    },
}


def phrases(criteria, lang: str, path: str) -> list[str]:
    """The phrases a page must show for these criteria, written by the one formatter."""
    ch, fr = criteria.thresholds["round_the_clock_channels"], criteria.thresholds["first_reply"]
    values = {"c": quantity.threshold_text(criteria, "round_the_clock_channels", lang, words=True),
              "cq": quantity.threshold_text(criteria, "round_the_clock_channels", lang),
              "h": quantity.threshold_text(criteria, "first_reply", lang),
              "cv": js_number(ch.value), "cu": ch.unit, "hv": js_number(fr.value), "hu": fr.unit}
    return [re.sub(r"\{(c|cq|h|cv|cu|hv|hu)\}", lambda m: values[m.group(1)], p) for p in SHOWN[lang].get(path, [])]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def with_changes(tmp_path: Path, change) -> Path:
    """A copy of the data files with `change` made and no release: for data a build must refuse."""
    return maintainer.edit(maintainer.copy(tmp_path / "data"), change)


def test_default_build_shows_the_data_files_thresholds(site_dir):
    criteria = assessment.load()
    for lang in LANGUAGES:
        for path in SHOWN[lang]:
            text = squash(page(site_dir, lang, path).text)
            for phrase in phrases(criteria, lang, path):
                assert phrase in text, (lang, path, phrase)


def _thirty_minutes_two_channels_one_item(data: dict) -> None:
    """The likeliest real change (4.2 from an hour to 30 minutes), 4.1 at two channels, and one new item."""
    data["thresholds"]["first_reply"] = {"value": 30, "unit": "minute"}
    data["thresholds"]["round_the_clock_channels"] = {"value": 2, "unit": "channel"}
    data["scoring"]["ready_percent"] = NEW["ready_percent"]  # the other values pages show change too
    data["evidence"]["attainment_target_percent"] = NEW["attainment_target_percent"]
    data["units"]["channel"].update(NEW["channel"])
    first = data["items"][0]
    data["items"].insert(1, {**first, "id": "cs-added-by-test", "question": {"zh": "测试新增的问题？", "en": "A question a test added?"}})


def test_a_released_change_of_value_unit_and_items_reaches_every_page_scorer_and_the_command_line(tmp_path):
    old = assessment.load()
    changed = maintainer.release(tmp_path / "data", _thirty_minutes_two_channels_one_item)
    new = assessment.load(changed)  # the copy passes validate: version raised, entry drafted and signed
    assert (new.thresholds["first_reply"], new.thresholds["round_the_clock_channels"]) != (
        old.thresholds["first_reply"], old.thresholds["round_the_clock_channels"])
    site = tmp_path / "site"
    build(site, "http://127.0.0.1:8000/", changed)
    for lang in LANGUAGES:
        for path in PAGES:
            text = squash(page(site, lang, path).text)
            for phrase in phrases(new, lang, path):
                assert phrase in text, (lang, path, phrase)
            for shown_on in SHOWN[lang]:  # the old values, in every form any page writes them, are gone
                for phrase in phrases(old, lang, shown_on):
                    assert phrase not in text, (lang, path, phrase)
        about = squash(page(site, lang, "about/").text)
        assert new.version in about and "cs-added-by-test" in about
        assert quantity.threshold_text(new, "first_reply", lang) in about  # the change log says from → to
        published = json.loads((site / LANGUAGES[lang] / "assets" / "criteria.json").read_text(encoding="utf-8"))
        assert published["thresholds"] == history.published(new)["thresholds"]
        assert published["history"][old.version]["units"]["quality-first-reply"] == old.threshold(old.item("quality-first-reply")).unit
        checklist = page(site, lang, "checklist/")
        assert "item-cs-added-by-test" in checklist.ids
        follows_the_other_values(site, lang, old, new)

    # An answers file made under the current version, without units (as files were before units):
    # 3 hours is not met against 30 minutes, 0.4 hours is, and both ask to be confirmed.
    units = old.units
    reply_unit = units[old.threshold(old.item("quality-first-reply")).unit]
    for hours, blocked in ((3, True), (0.4, False)):
        value = quantity.convert(hours, units["hour"], reply_unit)  # the value as the current unit writes it
        answers = tmp_path / f"answers-{hours}.json"
        answers.write_text(json.dumps({"format": "sp-readiness-answers", "format_version": 2, "criteria_version": old.version,
                                       "answers": {"quality-first-reply": {"value": value}, "quality-round-the-clock": {"value": 2}}}))
        code, out, _ = run(["score", answers, "--json", "--criteria", changed])
        assert code == 0 and ("quality-first-reply" in json.loads(out)["blockers"]) is blocked, (hours, out)
        code, out, _ = run(["report", answers, "--format", "json", "--criteria", changed])
        assert code == 0 and set(json.loads(out)["terms_changed"]) == {"quality-first-reply", "quality-round-the-clock"}


# Values other than thresholds, each followed to every page that shows it (and the browser's copy).
NEW = {"ready_percent": 73, "attainment_target_percent": 87.5, "channel": {"zh": "条", "en": "line", "en_plural": "lines"}}
FOLLOWED = {
    "ready_percent": {"zh": {"checklist/": "得分 × 100 ≥ {} × 满分", "maintainers/": "当前为 {}"},
                      "en": {"checklist/": "earned × 100 ≥ {} × possible", "maintainers/": "now {}"}},
    "attainment_target_percent": {"zh": {"checklist/": "不足 {}%", "maintainers/": "目前为 {}%"},
                                  "en": {"checklist/": "fewer than {}% of the measured", "maintainers/": "now {} %"}},
    "version": {"zh": {"checklist/": "自评表版本：{}", "about/": "自评表版本（数据文件 assessment/criteria.yml）：{}"},
                "en": {"checklist/": "Checklist version: {}", "about/": "Checklist version (data file assessment/criteria.yml): {}"}},
}


def follows_the_other_values(site: Path, lang: str, old, new) -> None:
    """The ready rule, the version and the units' names reach the pages that show them; the old ones are gone."""
    values = {"ready_percent": (old.scoring.ready_percent, new.scoring.ready_percent), "version": (old.version, new.version),
              "attainment_target_percent": (js_number(old.evidence.attainment_target_percent),
                                            js_number(new.evidence.attainment_target_percent))}
    for key, pages in FOLLOWED.items():
        for path, phrase in pages[lang].items():
            text = squash(page(site, lang, path).text)
            before, after = values[key]
            assert phrase.format(after) in text, (lang, path, key)
            assert re.search(re.escape(phrase.format(before)) + r"(?![-.\w])", text) is None, (lang, path, key)
    # The checklist shows each threshold with its unit's name, in the page's language.
    checklist = squash(page(site, lang, "checklist/").text)
    for key in new.thresholds:
        assert quantity.threshold_text(new, key, lang) in checklist, (lang, key)
    published = json.loads((site / LANGUAGES[lang] / "assets" / "criteria.json").read_text(encoding="utf-8"))
    assert (published["scoring"]["ready_percent"], published["version"]) == (new.scoring.ready_percent, new.version)
    assert published["units"] == history.published(new)["units"]


# --- bad data ---------------------------------------------------------------------------


def _drop_reply(d):
    del d["thresholds"]["first_reply"]


def _string_reply(d):
    d["thresholds"]["first_reply"]["value"] = "one"


def _zero_channels(d):
    d["thresholds"]["round_the_clock_channels"]["value"] = 0


def _negative_reply(d):
    d["thresholds"]["first_reply"]["value"] = -2


def _half_a_channel(d):
    d["thresholds"]["round_the_clock_channels"]["value"] = 1.5


def _unknown_unit(d):
    d["thresholds"]["first_reply"]["unit"] = "fortnight"


def _duration_without_minutes(d):
    del d["units"]["hour"]["minutes"]


def _no_such_clause(d):
    d["items"][0]["clause"] = "1.9"


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
    (_string_reply, "thresholds.first_reply.value", "valid integer"),
    (_zero_channels, "thresholds.round_the_clock_channels.value", "greater than 0"),
    (_negative_reply, "thresholds.first_reply.value", "greater than 0"),
    (_half_a_channel, "thresholds.round_the_clock_channels.value", "a count is a whole number"),
    (_unknown_unit, "thresholds.first_reply.unit", "'fortnight' is not a key of units"),
    (_drop_reply, ".threshold", "'first_reply' names no key of thresholds"),
    (_duration_without_minutes, "units.hour.minutes", "how many minutes"),
    (_no_such_clause, "items[0] (cs-organisation).clause", "'1.9' is not a clause of the requirements"),
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
    path.write_text(DATA.read_text(encoding="utf-8").replace("first_reply: {", "first_reply: [{", 1))
    with pytest.raises(assessment.CriteriaError, match=rf"^{re.escape(str(path))}: YAML syntax error at line \d+"):
        assessment.load(path)


def test_a_key_given_twice_is_refused(tmp_path):
    path = tmp_path / "criteria.yml"
    text = DATA.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith("  first_reply:"))
    path.write_text(text.replace(line, line + "\n" + line, 1))
    with pytest.raises(assessment.CriteriaError, match="duplicate key 'first_reply'"):
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
    assert "thresholds.round_the_clock_channels.value" in capsys.readouterr().err


def test_a_yaml_syntax_error_fails_the_build_naming_file_and_line(tmp_path):
    path = tmp_path / "criteria.yml"
    path.write_text(DATA.read_text(encoding="utf-8").replace("first_reply: {", "first_reply: [{", 1))
    result = build(tmp_path / "site", "http://127.0.0.1:8000/", path, check=False)
    assert result.returncode != 0 and re.search(rf"{re.escape(str(path))}: YAML syntax error at line \d+", result.stderr)
