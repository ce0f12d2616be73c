"""The built site publishes the document faithfully, in both languages, with stable anchors."""

from __future__ import annotations

import json
import re

import pytest
import yaml

import assessment
from tests import source_document as source
from tests.site_build import LANGUAGES, PAGES, ROOT, build, page

DATA = ROOT / "assessment" / "criteria.yml"

CLAUSES = [label for label in source.REQUIREMENT_LABELS if "." in label]
SECTIONS = [label for label in source.REQUIREMENT_LABELS if "." not in label]


def anchor(prefix: str, label: str) -> str:
    return f"{prefix}-{label.replace('.', '-')}"


def requirement_differences(site, thresholds) -> list[str]:
    """Labels of the Chinese requirements whose text differs from the source with these thresholds in it."""
    title, preamble, parts = source.requirements()
    parts = source.with_thresholds(parts, thresholds)
    built = page(site, "zh", "requirements/").ids
    expected = {"req": title, "req-preamble": preamble}
    expected |= {anchor("req", label): source.normalise(f"{label} {text}") for label, text in parts.items()}
    return [key.removeprefix("req-").replace("-", ".") for key, text in expected.items()
            if source.normalise(built.get(key, "")) != text]


def template_differences(site) -> list[str]:
    """Each Chinese template heading or prompt that is not the source's, as 'label: text'."""
    title, sections = source.template()
    built = page(site, "zh", "template/")
    prompts = [source.normalise(item) for item in built.items]
    out = []
    if source.normalise(built.ids["tpl"]) != source.normalise("附录 " + title):
        out.append("title")
    for label, (heading, expected_prompts) in sections.items():
        if source.normalise(built.ids.get(anchor("tpl", label), "")) != source.normalise(f"{label} {heading}"):
            out.append(f"{label}: {heading}")
        out += [f"{label}: {prompt}" for prompt in expected_prompts if prompt not in prompts]
    return out


def test_every_requirement_clause_has_the_documents_exact_wording(site_dir):
    assert requirement_differences(site_dir, assessment.load().thresholds) == []


def test_every_template_section_and_prompt_has_the_documents_exact_wording(site_dir):
    assert template_differences(site_dir) == []


def test_fidelity_allows_a_maintainers_new_thresholds_but_no_other_change(tmp_path):
    # A maintainer raises both thresholds (as the maintainer guide says) and, by mistake, edits a prompt.
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    original = assessment.load().thresholds
    data["thresholds"] = {"round_the_clock_channels": original.round_the_clock_channels + 1,
                          "first_reply_hours": original.first_reply_hours + 1}
    prompt = next(part for part in data["template"] if part["number"] == "2.2")["prompts"][0]
    prompt["zh"] = prompt["zh"].replace("投诉等", "投诉、建议等")
    changed = tmp_path / "criteria.yml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(tmp_path / "site", "http://127.0.0.1:8000/", criteria=changed)

    assert requirement_differences(tmp_path / "site", assessment.load(changed).thresholds) == []
    # Compared with the document's own numbers, exactly the two threshold clauses differ.
    assert requirement_differences(tmp_path / "site", original) == ["4.1", "4.2"]
    assert template_differences(tmp_path / "site") == [
        "2.2: 简要说明将要受理的客户服务的内容，如关于业务使用方法、资费等的咨询，投诉等；"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_clause_and_template_anchor_exists(site_dir, lang):
    requirements = page(site_dir, lang, "requirements/").ids
    template = page(site_dir, lang, "template/").ids
    for label in source.REQUIREMENT_LABELS:
        assert anchor("req", label) in requirements, (lang, label)
    for label in source.TEMPLATE_LABELS:
        assert anchor("tpl", label) in template, (lang, label)


def test_both_languages_have_the_same_pages_and_anchors(site_dir):
    for path in PAGES:
        zh, en = page(site_dir, "zh", path).ids, page(site_dir, "en", path).ids
        ours = lambda ids: {i for i in ids if re.match(r"^(req|tpl|guide)(-|$)", i)}  # noqa: E731
        assert ours(zh) == ours(en), path


def test_english_requirements_translate_every_clause(site_dir):
    built = page(site_dir, "en", "requirements/").ids
    for label in CLAUSES:
        text = built[anchor("req", label)]
        assert text.startswith(label + " ") and len(text) > len(label) + 20, label


def test_guidance_covers_each_clause_of_sections_1_2_and_4(site_dir):
    for lang in LANGUAGES:
        ids = page(site_dir, lang, "guidance/").ids
        for label in CLAUSES:
            if label[0] in "124":
                assert anchor("guide", label) in ids, (lang, label)


def test_chinese_search_index_is_segmented_by_jieba_with_the_domain_dictionary(site_dir):
    # Without jieba Material indexes whole runs of Chinese as one word and mid-sentence search fails.
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    clause = next(d for d in index["docs"] if d["location"] == "requirements/#req-4")
    assert "\u200b初步答复\u200b" in clause["text"]  # a dictionary term kept whole
    english = json.loads((site_dir / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"] and english["config"]["lang"] == ["en"]


def test_one_site_url_places_both_languages_and_their_switcher_under_a_sub_path(tmp_path):
    # Only SITE_URL is set, as when a maintainer builds mkdocs.en.yml by hand: English goes below it at en/.
    build(tmp_path, "https://example.cn/sp/")
    for lang in LANGUAGES:
        html = (tmp_path / LANGUAGES[lang] / "requirements" / "index.html").read_text(encoding="utf-8")
        links = {m.group(2): m.group(1) for m in re.finditer(
            r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)}
        assert links == {"zh": "/sp/", "en": "/sp/en/"}, lang
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert canonical == f"https://example.cn/sp/{LANGUAGES[lang]}requirements/", lang


@pytest.mark.parametrize("lang, heading, home, permalink, footer", [
    ("zh", "找不到这个页面", "/", "本节链接", "本站非中国联通官方网站"),
    ("en", "Page not found", "/en/", "Link to this section", "this is not an official China Unicom web site"),
])
def test_site_furniture_speaks_the_pages_language(site_dir, lang, heading, home, permalink, footer):
    missing = (site_dir / LANGUAGES[lang] / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{heading}</h1>" in missing and f'href="{home}"' in missing and "Not found" not in missing
    about = (site_dir / LANGUAGES[lang] / "about" / "index.html").read_text(encoding="utf-8")
    assert f'title="{permalink}"' in about and "Permanent link" not in about
    assert footer in page(site_dir, lang, "about/").text
