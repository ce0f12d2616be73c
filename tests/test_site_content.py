"""The built site publishes the document faithfully, in both languages, with stable anchors."""

from __future__ import annotations

import json
import re

import pytest

from tests import source_document as source
from tests.site_build import LANGUAGES, PAGES, page

CLAUSES = [label for label in source.REQUIREMENT_LABELS if "." in label]
SECTIONS = [label for label in source.REQUIREMENT_LABELS if "." not in label]


def anchor(prefix: str, label: str) -> str:
    return f"{prefix}-{label.replace('.', '-')}"


def test_every_requirement_clause_has_the_documents_exact_wording(site_dir):
    title, preamble, parts = source.requirements()
    built = page(site_dir, "zh", "requirements/")
    assert source.normalise(built.ids["req"]) == title
    assert source.normalise(built.ids["req-preamble"]) == preamble
    for label, text in parts.items():
        assert source.normalise(built.ids[anchor("req", label)]) == source.normalise(f"{label} {text}"), label


def test_every_template_section_and_prompt_has_the_documents_exact_wording(site_dir):
    title, sections = source.template()
    built = page(site_dir, "zh", "template/")
    assert source.normalise(built.ids["tpl"]) == source.normalise("附录 " + title)
    prompts = [source.normalise(item) for item in built.items]
    for label, (heading, expected_prompts) in sections.items():
        assert source.normalise(built.ids[anchor("tpl", label)]) == source.normalise(f"{label} {heading}")
        for prompt in expected_prompts:
            assert prompt in prompts, f"template {label}: prompt missing: {prompt}"


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


def test_language_links_follow_a_site_published_under_a_sub_path(tmp_path):
    from tests.site_build import build

    build(tmp_path, "https://example.cn/sp/")
    for lang in LANGUAGES:
        links = {m.group(2): m.group(1) for m in re.finditer(
            r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"',
            (tmp_path / LANGUAGES[lang] / "index.html").read_text(encoding="utf-8"))}
        assert links == {"zh": "/sp/", "en": "/sp/en/"}, lang
