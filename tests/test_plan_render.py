"""The plan's Word documents laid out by LibreOffice: no heading ends a page, contact details stay whole.

Skipped where LibreOffice or poppler-utils is not installed (`make test` installs them)."""

from __future__ import annotations

import pytest

from assessment.plan import plan
from tests import plan_render

pytestmark = pytest.mark.skipif(bool(plan_render.missing_tools()), reason=(
    f"needs {', '.join(plan_render.missing_tools())} to lay out the .docx (apt-get install libreoffice-writer-nogui poppler-utils)"))


@pytest.fixture(scope="module")
def rendered(site_tab, tmp_path_factory):
    """Each language's long sample plan from the command line and from the browser, as pages of text."""
    out = tmp_path_factory.mktemp("rendered")
    found = {}
    for lang in ("zh", "en"):
        d = plan_render.sample(lang)
        for who, data in (("cli", plan_render.cli_docx(d, lang)), ("browser", plan_render.browser_docx(site_tab, d, lang))):
            target = out / f"plan-{who}-{lang}.docx"
            target.write_bytes(data)
            found[who, lang] = plan_render.pages(plan_render.to_pdf(target, out))
    return found


@pytest.mark.parametrize("who", ["cli", "browser"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_heading_is_the_last_line_of_a_rendered_page(rendered, who, lang):
    pages = rendered[who, lang]
    headings = plan_render.headings(lang)
    assert len(pages) > 3  # long enough for page ends to fall among sections
    last = [plan_render.last_body_line(p, plan.LABELS[lang]["printed"]) for p in pages[:-1]]
    alone = [(n + 1, line) for n, line in enumerate(last) if line in headings]
    assert not alone, f"headings alone at the foot of a page: {alone}"
    # and every heading is there, once the annex is counted: the check looked at real headings
    text = {line for p in pages for line in p}
    assert sum(h in text for h in headings) >= len(headings) - 2


@pytest.mark.parametrize("who", ["cli", "browser"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phone_numbers_and_e_mail_addresses_stay_whole_in_the_answers_table(rendered, who, lang):
    lines = [line for p in rendered[who, lang] for line in p]
    assert any(plan_render.EMAIL in line for line in lines)
    broken = [line for line in lines if "kefu@" in line and plan_render.EMAIL not in line]
    assert not broken, broken


def test_both_documents_take_the_same_pages(rendered):
    for lang in ("zh", "en"):
        assert len(rendered["cli", lang]) == len(rendered["browser", lang])
