"""The words of the interface are data (assessment/texts.zh.yml, texts.en.yml): both languages have the
same tables, keys and placeholders, a broken file is refused naming file and key, and no module keeps
its own table of words."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from assessment.criteria import texts
from tests.site_build import ROOT


def test_both_languages_have_the_same_tables_keys_and_placeholders():
    data = texts.load()

    def walk(a, b, where=""):
        assert isinstance(a, dict) == isinstance(b, dict), where
        if isinstance(a, dict):
            assert a.keys() == b.keys(), where
            for key in a:
                walk(a[key], b[key], f"{where}.{key}")
        else:
            assert sorted(re.findall(r"\{(\w*)\}", a)) == sorted(re.findall(r"\{(\w*)\}", b)), where
    walk(data["zh"], data["en"])
    assert {"plan", "checklist", "review", "review_page", "report"} <= data["zh"].keys()


@pytest.mark.parametrize("edit, where, problem", [
    (lambda zh, en: en["plan"].pop("title"), "plan.title", "missing"),
    (lambda zh, en: en["plan"].update(min="required: at least {q}"), "plan.min", "placeholders"),
    (lambda zh, en: zh["checklist"].update(confirm=["not", "a", "text"]), "checklist.confirm", "expected a text"),
])
def test_a_missing_key_a_different_placeholder_or_a_non_text_is_refused_naming_file_and_key(tmp_path, monkeypatch, edit, where, problem):
    data = {lang: yaml.safe_load(texts.path(lang).read_text(encoding="utf-8")) for lang in texts.LANGS}
    edit(data["zh"], data["en"])
    for lang in texts.LANGS:
        (tmp_path / f"texts.{lang}.yml").write_text(yaml.safe_dump(data[lang], allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(texts, "HERE", tmp_path)
    texts.load.cache_clear()
    try:
        with pytest.raises(texts.TextsError) as info:
            texts.load()
    finally:
        texts.load.cache_clear()
    line = next(l for l in str(info.value).splitlines() if where in l)
    assert line.startswith(str(tmp_path)) and problem in line


def test_no_module_keeps_a_table_of_words_of_its_own():
    """Words in both languages live in the data files, so a maintainer can correct them without code."""
    found = []
    for path in [*ROOT.glob("assessment/*.py"), *ROOT.glob("macros/*.py")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r'^\s*"en":\s*\{', text, re.M) and re.search(r'^\s*"zh":\s*\{', text, re.M):
            found.append(path.name)
    assert found == []


def test_a_maintainer_corrects_a_word_in_the_data_file_and_the_command_line_says_it(tmp_path, monkeypatch):
    for lang in texts.LANGS:
        shutil.copy(texts.path(lang), tmp_path / f"texts.{lang}.yml")
    en = tmp_path / "texts.en.yml"
    en.write_text(en.read_text(encoding="utf-8").replace("Launch conditions not met", "Launch conditions still open"),
                  encoding="utf-8")
    monkeypatch.setattr(texts, "HERE", tmp_path)
    texts.load.cache_clear()
    try:
        assert texts.table("plan")["en"]["blockers"] == "Launch conditions still open"
    finally:
        texts.load.cache_clear()
