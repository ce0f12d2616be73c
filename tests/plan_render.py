"""The plan's Word documents as their reader sees them: laid out by LibreOffice (headless) into PDF.

Used by tests/test_plan_render.py and by `make plan-pdf`, which writes the command line's and the
browser's documents for a long sample plan, in both languages, as .docx, .pdf and one PNG per page
into a folder for a person to look at:

    .venv/bin/python -m tests.plan_render OUT_DIR

Needs `soffice` (Debian's libreoffice-writer-nogui) and `pdftotext`/`pdftoppm` (poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import assessment
from assessment.plan import plan
from assessment.plan import plan_file
from assessment.criteria import versions

CRITERIA = assessment.load()
TOOLS = ("soffice", "pdftotext", "pdftoppm")
PHONE, EMAIL = "400-000-0000", "kefu@xinghe.example"

# Sentences of several lengths, so that page ends fall in different places in each section.
FILLER = {
    "zh": ["本节说明{title}的具体安排，由客服中心和运维团队共同负责落实。",
           "相关制度已经发布，责任人、联系方式和升级路径在附件中列出，每季度复核一次。",
           "遇到重大故障时，值班经理在15分钟内通报联通业务支撑部门，并按应急预案组织处置、恢复和复盘。"],
    "en": ["This section sets out how {title} is arranged; the customer service centre and the O&M team carry it out together.",
           "The procedures are published, with the people responsible, their contact details and the escalation path listed in the annex and reviewed every quarter.",
           "In a major incident the duty manager informs the operator at once and runs the emergency plan through handling, recovery and review."],
}


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def sample(lang: str) -> dict:
    """A long answers file: every plan section written at a different length, notes with contact details."""
    parts = [p for p in CRITERIA.template if not p.group]
    text = {}
    for n, part in enumerate(parts):
        sentences = FILLER[lang]
        paragraphs = [" ".join(sentences[(n + k) % 3].format(title=getattr(part.title, lang)) for k in range(1 + (n * 7 + j) % 4))
                      for j in range(2 + n % 4)]
        text[part.id] = "\n\n".join(paragraphs)
    note = {"zh": f"7×24 热线 {PHONE}，邮箱 {EMAIL}", "en": f"24/7 line {PHONE}, e-mail {EMAIL}"}[lang]
    answers = {}
    for n, item in enumerate(CRITERIA.items):
        if item.threshold:
            continue
        answers[item.id] = {"status": ("met", "partial", "met", "unmet")[n % 4], "note": note, "evidence": f"{item.id}.pdf"}
    return {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
            "assessment": {"organisation": {"zh": "星河互动科技有限公司", "en": "Xinghe Interactive Ltd"}[lang],
                           "service": {"zh": "星河音乐彩铃", "en": "Xinghe ringback tones"}[lang],
                           "contact": f"{'张三' if lang == 'zh' else 'Zhang San'} {PHONE} {EMAIL}", "date": "2026-11-25"},
            "answers": answers, "plan": text}


def headings(lang: str) -> set[str]:
    """Every heading the plan's outline can hold, as its text."""
    answers = assessment.parse_answers(CRITERIA, sample(lang))
    o = plan.outline(CRITERIA, answers, assessment.score(CRITERIA, answers), lang)
    return {s["heading"] for s in o["sections"]} | {o["annex"], o["answers_title"], o["sign_off"][0]} | {t for t, _ in o["lists"]}


def to_pdf(docx: Path, out_dir: Path) -> Path:
    """LibreOffice's layout of one .docx, as PDF beside it (its own profile, so runs do not collide)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(docx)], check=True, capture_output=True, timeout=180)
    return out_dir / (docx.stem + ".pdf")


def pages(pdf: Path) -> list[list[str]]:
    """Each page's lines of text, top to bottom, without empty lines."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f") if page.strip()]


def last_body_line(page: list[str], printed: str) -> str:
    """The last line of a page above its footer (the print date and page number)."""
    body = [line for line in page if not line.startswith(printed)]
    return body[-1] if body else ""


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.site_build import Server, build, free_port

    if missing := missing_tools():
        sys.exit(f"needs {', '.join(missing)}: apt-get install libreoffice-writer-nogui poppler-utils")
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), f"http://127.0.0.1:{port}/")
        server = Server(Path(tmp), port)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                tab = browser.new_page()
                tab.goto(server.url)
                for lang in ("zh", "en"):
                    docs = {"cli": cli_docx(sample(lang), lang), "browser": browser_docx(tab, sample(lang), lang)}
                    for who, data in docs.items():
                        target = out / f"plan-{who}-{lang}.docx"
                        target.write_bytes(data)
                        pdf = to_pdf(target, out)
                        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / f"plan-{who}-{lang}")], check=True)
                        print(f"{pdf}: {len(pages(pdf))} pages")
                browser.close()
        finally:
            server.close()


def cli_docx(d: dict, lang: str) -> bytes:
    answers = assessment.parse_answers(CRITERIA, d)
    return plan_file.render("docx", CRITERIA, answers, assessment.score(CRITERIA, answers), lang)


def browser_docx(tab, d: dict, lang: str) -> bytes:
    """plan/plan-docx.js's document for the same answers, made in a tab of the built site."""
    import base64
    import json

    answers = assessment.parse_answers(CRITERIA, d)
    result = assessment.score(CRITERIA, answers)
    data = tab.evaluate("""async (args) => {
        const [c, d, r, l, lang] = JSON.parse(args);
        const m = await import('./assets/javascripts/plan/plan-docx.js');
        const bytes = new Uint8Array(await (await m.planDocx(c, d, r, l, lang)).arrayBuffer());
        let text = "";
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
    }""", json.dumps([versions.published(CRITERIA), d, result, plan.LABELS[lang], lang]))
    return base64.b64decode(data)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "plan-pdf"))
