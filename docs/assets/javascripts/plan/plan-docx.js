// The SP's plan as a Word document, made in the browser with the `docx` library (pinned in
// package.json, vendored under assets/vendor/docx/ with its licence). The library is ~1 MB, so it
// is imported only when planDocx() is called: the checklist stays light until the user asks for Word.
//
// Contract: the same document as assessment/plan/plan_docx.py for the same inputs: title page,
// template headings, the SP's text, the annex, the sign-off block; A4, 2.54 cm margins, the
// document language, page number and print date in the footer, set column widths.
// tests/test_plan_docx_browser.py opens both with python-docx and compares them.
// Twin: assessment/plan/plan_docx.py (the same rule in Python).

import { today } from "../shared/dom.js";
import { blocks, outline } from "./plan.js";

const A4 = { width: 11906, height: 16838 }; // twips (1/20 pt): 210 × 297 mm
const MARGIN = 1440; // 2.54 cm, Word's usual margin
const TEXT_WIDTH = A4.width - 2 * MARGIN;
// East Asian text is Chinese, Latin text (names, numbers, addresses) English in both languages;
// plan_docx.RUN_LANGUAGE says why.
const RUN_LANGUAGE = { value: "en-GB", eastAsia: "zh-CN" };

// The look of the document, as assessment/plan/plan_docx.py STYLES (the test compares the two): sizes in
// half-points, spacing in twips (line 240 is single), colours as RGB. Text in a serif (SimSun with
// Times New Roman), headings in a sans-serif (SimHei with Arial); headings keep with the next
// paragraph, so none ends a page alone.
const BODY_FONTS = { latin: "Times New Roman", eastAsian: "SimSun" };
const HEADING_FONTS = { latin: "Arial", eastAsian: "SimHei" };
const STYLES = {
  normal: { ...BODY_FONTS, size: 22, after: 120, line: 300 },
  title: { ...HEADING_FONTS, size: 44, bold: true, color: "1F3864", before: 2880, after: 480, keepNext: true, center: true },
  heading1: { ...HEADING_FONTS, size: 32, bold: true, color: "1F3864", before: 360, after: 160, keepNext: true },
  heading2: { ...HEADING_FONTS, size: 28, bold: true, color: "2E5395", before: 280, after: 120, keepNext: true },
  heading3: { ...HEADING_FONTS, size: 24, bold: true, color: "2E5395", before: 240, after: 80, keepNext: true },
  tableText: { ...BODY_FONTS, size: 20, after: 0, line: 264 },
};
const TABLE_HEAD_FILL = "D9E2F3"; // a light shade under the header row, repeated on each page

/** One entry of STYLES in the docx library's terms. */
const look = (d, s) => ({
  run: {
    size: s.size, sizeComplexScript: s.size, ...(s.bold ? { bold: true, boldComplexScript: true } : {}), ...(s.color ? { color: s.color } : {}),
    font: { ascii: s.latin, hAnsi: s.latin, cs: s.latin, eastAsia: s.eastAsian },
  },
  paragraph: {
    ...(s.keepNext ? { keepNext: true, keepLines: true } : {}),
    spacing: { ...(s.before !== undefined ? { before: s.before } : {}), after: s.after, ...(s.line ? { line: s.line, lineRule: d.LineRuleType.AUTO } : {}) },
    ...(s.center ? { alignment: d.AlignmentType.CENTER } : {}),
  },
});


/** The plan as a .docx Blob. `labels` is assessment.plan.LABELS[lang], as for planMarkdown(). */
export async function planDocx(criteria, doc, result, labels, lang, options = {}) {
  // A literal path (beside this module) lets the offline package's bundler take the library in.
  const d = await import("../../vendor/docx/docx.js");
  const o = outline(criteria, doc, result, labels, lang, options);

  // One run per line the SP typed; each after the first starts with a line break (w:br).
  const runs = (text, options = {}) => text.split("\n").map((line, n) => new d.TextRun({ ...options, text: line, break: n ? 1 : 0 }));
  const para = (text, options = {}, runOptions = {}) => new d.Paragraph({ ...options, children: runs(text, runOptions) });
  const pair = (key, value, options = {}) => new d.Paragraph({
    ...options, children: [new d.TextRun({ text: `${key}${o.sep}`, bold: true }), ...runs(value)],
  });
  const heading = (text, level, options = {}) => para(text, { heading: d.HeadingLevel[`HEADING_${level}`], ...options });
  const table = (head, rows, widths, height = 0) => {
    const twips = widths.map((w) => Math.floor((TEXT_WIDTH * w) / widths.reduce((a, b) => a + b)));
    const cells = (texts, bold) => texts.map((text, n) => new d.TableCell({
      width: { size: twips[n], type: d.WidthType.DXA }, children: [para(text, { style: "TableText" }, { bold })],
      ...(bold ? { shading: { type: d.ShadingType.CLEAR, color: "auto", fill: TABLE_HEAD_FILL } } : {}),
    }));
    // cantSplit: a row is never cut across two pages; the header row is repeated on each.
    return new d.Table({
      width: { size: twips.reduce((a, b) => a + b), type: d.WidthType.DXA }, columnWidths: twips,
      layout: d.TableLayoutType.FIXED,
      rows: [new d.TableRow({ tableHeader: true, cantSplit: true, children: cells(head, true) }),
        ...rows.map((r) => new d.TableRow({
          cantSplit: true, children: cells(r, false), ...(height ? { height: { value: height, rule: d.HeightRule.ATLEAST } } : {}),
        }))],
    });
  };

  const body = [para(o.title, { heading: d.HeadingLevel.TITLE, alignment: d.AlignmentType.CENTER })];
  body.push(...o.meta.map(([k, v]) => pair(k, v, { alignment: d.AlignmentType.CENTER })));
  o.sections.forEach((s, n) => {
    body.push(heading(s.heading, s.level - 1, { pageBreakBefore: n === 0 }));
    if (s.group) return;
    if (!s.text) body.push(para(o.empty, {}, { italics: true }));
    else body.push(...blocks(s.text).map((b) => para(b.join("\n"))));
  });
  if (o.annex) {
    body.push(heading(o.annex, 1, { pageBreakBefore: true }), ...o.summary.map(([k, v]) => pair(k, v)));
    body.push(table(...o.table, o.widths.table));
    for (const [title, items] of o.lists) {
      body.push(heading(title, 2), ...(items.length ? items.map((i) => para(i, { bullet: { level: 0 } })) : [para(o.none)]));
    }
    body.push(heading(o.answers_title, 2), table(...o.answers, o.widths.answers));
  }
  const [signTitle, signHead] = o.sign_off;
  body.push(heading(signTitle, 1, { keepNext: true }), table(signHead, [signHead.map(() => "")], o.widths.sign_off, 851));

  const footer = new d.Paragraph({
    alignment: d.AlignmentType.CENTER,
    children: [new d.TextRun(`${o.printed}${o.sep}`), new d.SimpleField('DATE \\@ "yyyy-MM-dd"', today()), new d.TextRun("    "),
      new d.TextRun({ children: [d.PageNumber.CURRENT, " / ", d.PageNumber.TOTAL_PAGES] })],
  });
  const normal = look(d, STYLES.normal);
  const author = o.meta[0][1] === "—" ? "" : o.meta[0][1]; // the SP's organisation
  const document = new d.Document({
    title: o.title, creator: author, lastModifiedBy: author,
    styles: {
      default: {
        document: { run: { ...normal.run, language: RUN_LANGUAGE }, paragraph: normal.paragraph },
        title: look(d, STYLES.title), heading1: look(d, STYLES.heading1), heading2: look(d, STYLES.heading2), heading3: look(d, STYLES.heading3),
      },
      paragraphStyles: [{ id: "TableText", name: "Table Text", basedOn: "Normal", quickFormat: true, ...look(d, STYLES.tableText) }],
    },
    sections: [{
      properties: { page: { size: A4, margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN } } },
      footers: { default: new d.Footer({ children: [footer] }) },
      children: body,
    }],
  });
  return d.Packer.toBlob(document);
}
