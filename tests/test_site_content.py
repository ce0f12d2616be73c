"""The built site publishes the document faithfully, in both languages, with stable anchors."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest

import assessment
from tests import maintainer
from tests import source_document as source
from tests.site_build import LANGUAGES, PAGES, build, page


CLAUSES = [label for label in source.REQUIREMENT_LABELS if "." in label]
SECTIONS = [label for label in source.REQUIREMENT_LABELS if "." not in label]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def anchor(prefix: str, label: str) -> str:
    return f"{prefix}-{label.replace('.', '-')}"


def requirement_differences(site, criteria) -> list[str]:
    """Labels of the Chinese requirements whose text differs from the source with these criteria's thresholds in it."""
    title, preamble, parts = source.requirements()
    parts = source.with_thresholds(parts, criteria)
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
    assert requirement_differences(site_dir, assessment.load()) == []


def test_every_template_section_and_prompt_has_the_documents_exact_wording(site_dir):
    assert template_differences(site_dir) == []


def test_fidelity_allows_a_maintainers_new_thresholds_but_no_other_change(tmp_path):
    # A maintainer raises both thresholds (as the maintainer guide says) and, by mistake, edits a prompt.
    original = assessment.load()

    def change(data):
        for key in ("round_the_clock_channels", "first_reply"):
            data["thresholds"][key]["value"] += 1
        prompt = next(part for part in data["template"] if part["number"] == "2.2")["prompts"][0]
        prompt["zh"] = prompt["zh"].replace("投诉等", "投诉、建议等")
    changed = maintainer.release(tmp_path / "data", change)
    build(tmp_path / "site", "http://127.0.0.1:8000/", criteria=changed)

    assert requirement_differences(tmp_path / "site", assessment.load(changed)) == []
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
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert canonical == f"https://example.cn/sp/{LANGUAGES[lang]}requirements/", lang
        # Relative to the page, so the same build also works at any other address.
        assert {k: urljoin(canonical, v) for k, v in links.items()} == {
            "zh": "https://example.cn/sp/", "en": "https://example.cn/sp/en/"}, lang
        assert not any(v.startswith("/") for v in links.values()), links


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


# --- what a reader needs to trust the text -------------------------------------------------

NOTE = {"zh": "编者注", "en": "Editor's note"}


def note_after(site, lang: str, path: str, anchor_id: str) -> str:
    """The text of the editor's note placed right after the element with this id, or ''."""
    html = (site / LANGUAGES[lang] / path / "index.html").read_text(encoding="utf-8")
    match = re.search(rf'id="{anchor_id}".*?</(?:p|h\d)>\s*<div class="admonition note">(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""


@pytest.mark.parametrize("lang, words", [
    ("zh", {"req-preamble": ["联通无限", "无线", "未能核实"], "req-1-7": ["1001", "10010", "来源："],
            "req-4-2": ["1001", "10010"]}),
    ("en", {"req-preamble": ["联通无限", "无线", "wireless", "could verify neither"],
            "req-1-7": ["1001", "10010", "Source:"], "req-4-2": ["1001", "10010"]}),
])
def test_editors_notes_follow_the_clauses_they_explain(site_dir, lang, words):
    for anchor_id, expected in words.items():
        note = note_after(site_dir, lang, "requirements", anchor_id)
        assert note.strip().startswith(NOTE[lang]), (lang, anchor_id)
        for word in expected:
            assert word in note, (lang, anchor_id, word)


@pytest.mark.parametrize("lang, slips", [
    ("zh", ["客服服务承诺", "说明的客户服务质量标准体系", "10010"]),
    ("en", ["客服服务承诺", "说明的客户服务质量标准体系", "customer service commitments", "10010"]),
])
def test_the_template_keeps_the_documents_slips_with_a_note(site_dir, lang, slips):
    html = (site_dir / LANGUAGES[lang] / "template" / "index.html").read_text(encoding="utf-8")
    notes = [re.sub(r"<[^>]+>", "", n) for n in re.findall(r'<div class="admonition note">(.*?)</div>', html, re.S)]
    note = next(n for n in notes if n.strip().startswith(NOTE[lang]))
    for label in ("2.3", "2.6", "2.7"):
        assert label in note, (lang, label)
    for slip in slips:
        assert slip in note, (lang, slip)


@pytest.mark.parametrize("lang, old_draft, not_review", [
    ("zh", "可能已被修订或取代", "不是中国联通的审核、测试或批准"),
    ("en", "may have been revised or superseded", "not China Unicom's review, test or approval"),
])
def test_readers_are_told_the_draft_is_old_and_the_self_assessment_is_not_the_operators(
        site_dir, lang, old_draft, not_review):
    for path in ("", "requirements/", "template/"):
        assert old_draft in squash(page(site_dir, lang, path).text), (lang, path)
    for path in ("", "checklist/"):
        assert not_review in squash(page(site_dir, lang, path).text), (lang, path)
    home = squash(page(site_dir, lang, "").text)
    assert "会按SP提交的方案测试" not in home and "China Unicom tests" not in home


def test_the_english_translation_keeps_the_documents_meaning(site_dir):
    built = {k: squash(v) for k, v in page(site_dir, "en", "requirements/").ids.items()}
    assert built["req"].endswith("(first draft)")
    assert "every" not in built["req-4-2"] and "to enquiries and complaints made by users" in built["req-4-2"]
    assert "the SP's own customer service department" in built["req-2-5"]
    assert "this test is a necessary condition" in built["req-3-3"]
    assert "shall reflect the SP's own circumstances" in built["req-5-3"]  # 应, as in 5.1 and 5.2
    assert "the company's own" not in squash(page(site_dir, "en", "requirements/").text)
    template = squash(page(site_dir, "en", "template/").text)
    assert template.count("the person in charge and their contact details are required") == 2  # 2.1, 3.1: 要求提供
    assert "through which security, reliability, availability and so on are specified" in template  # 3.4


# A figure: a number with a unit or a percentage. The 7×24 glossary entry defines a term, it quotes no figure.
FIGURE = re.compile(r"\d[\d,.]*\s*(?:%|％|秒|分钟|小时|天|日|个工作日|seconds?\b|minutes?\b|hours?\b|days?\b)")
SOURCE = {"zh": "来源：", "en": "Source:"}
# Figures and rules the issue asked to source, with the source each must name in its paragraph or row.
FIGURE_SOURCES = {
    ("zh", "guidance/"): [("20秒", "tech.sina.com.cn/t/2007-04-10/17041458220.shtml"),
                          ("8.76小时", "8760小时"), ("第8.7.1条", "ISO/IEC 20000-1:2018"),
                          ("15日", "工业和信息化部令第35号，2016年，第十条"), ("首问负责", "《京华时报》2007年9月")],
    ("en", "guidance/"): [("20 seconds", "tech.sina.com.cn/t/2007-04-10/17041458220.shtml"),
                          ("8.76 hours", "8,760 hours"), ("clause 8.7.1", "ISO/IEC 20000-1:2018"),
                          ("15 days", "MIIT Order No. 35, 2016, article 10"), ("首问负责", "京华时报")],
    ("zh", "glossary/"): [("10109696", "《京华时报》2007年9月"), ("12300", "2008年4月30日"),
                          ("15日", "工业和信息化部令第35号"), ("48小时", "国务院令第291号，2000年，第三十三条"),
                          ("代收费", "新华社2004年4月21日")],
    ("en", "glossary/"): [("10109696", "京华时报"), ("12300", "30 April 2008"),
                          ("15 days", "MIIT Order No. 35"), ("48 hours", "State Council Order No. 291, 2000, article 33"),
                          ("代收费", "Xinhua report of 21 April 2004")],
}


def blocks(site, lang: str, path: str) -> list[str]:
    """The text of each paragraph, list item and table row of a page's article, round-the-clock row left out."""
    html = (site / LANGUAGES[lang] / path / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    found = re.findall(r"<(p|li|tr)\b[^>]*>(.*?)</\1>", article, re.S)
    texts = [squash(re.sub(r"<[^>]+>", "", body)) for _, body in found]
    return [t for t in texts if not t.strip().startswith("7×24 ")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["guidance/", "glossary/"])
def test_every_figure_in_guidance_and_glossary_names_its_source(site_dir, lang, path):
    texts = blocks(site_dir, lang, path)
    for text in texts:
        if FIGURE.search(text):
            assert SOURCE[lang] in text, f"{lang} {path}: a figure without a source: {text}"
    for figure, source_words in FIGURE_SOURCES[(lang, path)]:
        assert any(figure in t and source_words in t for t in texts), (lang, path, figure, source_words)
    # Claims that had no source, or compared a first reply with an appeal deadline, are gone.
    text = squash(page(site_dir, lang, path).text)
    for claim in ("都严格", "厂商公开资料", "转载文件", "stricter than every", "Complaint Handling Rules", "vendor's public page"):
        assert claim not in text, (lang, path, claim)
