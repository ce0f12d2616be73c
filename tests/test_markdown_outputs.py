"""User text in every Markdown output renders as that text (issue 16): the plan (command line and
browser, byte for byte), `report --format markdown` and `review --format markdown` all escape with
one function per language, and a CommonMark renderer finds no link, image, heading, list, quote,
code or table cell that the text made."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from assessment.shared import markdown_text
from tests.cli import run
from tests.review_vectors import HERE, VALID

CRITERIA = HERE / "criteria.yml"
CONDITIONAL = next(v for v in VALID if v["name"].startswith("a conditional approval"))["doc"]
SUBMISSION = CONDITIONAL["submission"]
HOSTILE = [
    "x\n# Reviewer decision: APPROVED", "# heading", "[click](javascript:alert(1))", "![t](http://evil.example/t.png)",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a | b | c", "x\n===", "x\n---", "- item", "  + item",
    "1. one", "2) two", "> quote", "`code`", "*em* _em_ **b** ~~s~~", "&lt;b&gt; &amp; &#106;avascript:", "<http://evil.example>",
    "    indented code", "~~~\nfence", "```\nfence", "[ref]: http://evil.example", "\\", "***", "a  \nb", "x\n\n# after a blank line",
    "[a]\n\n[a]: javascript:alert(1)", "<!-- comment", "x\\\n# y",
]
ALLOWED = {"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "br", "em", "strong", "code"}
RENDER = MarkdownIt("commonmark").enable("table")


def tags(markdown: str) -> list[str]:
    return re.findall(r"<([a-z0-9]+)", RENDER.render(markdown))


def structure(markdown: str) -> list[str]:
    """The headings, lists, tables and links a renderer makes of a document."""
    return [t for t in tags(markdown) if t not in ("br", "p")]  # the SP's own paragraphs and lines may differ


def write(tmp_path, name, doc) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def outputs(tmp_path, text: str) -> dict[str, str]:
    """Every Markdown output with `text` in every field a user fills."""
    sub = json.loads(json.dumps(SUBMISSION))
    sub["assessment"] = {k: text for k in ("organisation", "service", "contact")} | {"date": "2026-11-25"}
    sub["answers"]["r1"] = {"status": "met", "note": text, "evidence": text}
    sub["answers"][f"zz{text}"[:40]] = {"status": "met"}
    sub["plan"] = {"overview": text}
    answers = write(tmp_path, "a.json", sub)
    review = dict(CONDITIONAL, submission=sub, summary=text, reviewer={"name": text, "organisation": text, "date": "2026-12-01"},
                  conditions=[{"text": text, "due": "2027-01-15"}], items={"m1": {"decision": "needs_work", "comment": text}},
                  plan={"overview": {"decision": "rejected", "comment": text}})
    review_path = write(tmp_path, "r.json", review)
    out = {}
    code, _, err = run(["plan", answers, "-o", tmp_path / "plan.md", "--criteria", CRITERIA])
    assert code == 0, err
    out["plan"] = (tmp_path / "plan.md").read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        code, out[f"report-{lang}"], err = run(["report", answers, "--format", "markdown", "--lang", lang, "--criteria", CRITERIA])
        assert code == 0, err
        code, out[f"review-{lang}"], err = run(["review", review_path, "--format", "markdown", "--lang", lang, "--criteria", CRITERIA])
        assert code == 0, err
    (tmp_path / "plan.md").unlink()
    return out


@pytest.mark.parametrize("text", HOSTILE)
def test_no_user_text_becomes_structure_in_any_markdown_output(tmp_path, text):
    plain = outputs(tmp_path, "plain")
    hostile = outputs(tmp_path, text)
    for name, markdown in hostile.items():
        found = tags(markdown)
        assert set(found) <= ALLOWED, (name, set(found) - ALLOWED)
        # The same headings, lists and tables as with a plain word in every field: nothing added or lost.
        assert structure(markdown) == structure(plain[name]), name
        assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', RENDER.render(markdown)))


def test_what_a_reader_sees_is_the_text_typed(tmp_path):
    text = "x\n# Reviewer decision: APPROVED [click](javascript:alert(1)) <b>&amp;"
    for name, markdown in outputs(tmp_path, text).items():
        html = RENDER.render(markdown)
        shown = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        assert "# Reviewer decision: APPROVED [click](javascript:alert(1)) <b>&amp;" in shown, name


JS = """async (texts) => {
  const m = await import('./assets/javascripts/shared/markdown-text.js');
  return texts.map((t) => [m.inline(t), m.lines(t), m.item(t), m.paragraph(t.split("\\n")), m.cell(t)]);
}"""


def python(text: str) -> list:
    return [markdown_text.inline(text), markdown_text.lines(text), markdown_text.item(text),
            markdown_text.paragraph(text.split("\n")), markdown_text.cell(text)]


def test_the_browser_escapes_every_hostile_text_byte_for_byte_as_python(site_tab):
    assert site_tab.evaluate(JS, HOSTILE) == [python(t) for t in HOSTILE]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("\\`*_[]|#~!<>&-+=.)( \t\n09ax中")), max_size=16), min_size=10, max_size=10))
def test_random_mark_heavy_texts_escape_alike_in_both_languages(site_tab, texts):
    assert site_tab.evaluate(JS, texts) == [python(t) for t in texts]
