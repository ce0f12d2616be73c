// The pre-launch test log in words, as assessment/test_log.py `figure_lines` and `row_line` write
// them (the `review` table of texts.*.yml: tl_*), so the review page, the checklist and
// `python -m assessment review` say the same. DOM-free; `t` is the page's strings.

import { KINDS } from './test-log.js';
import { convert, quantityText } from './quantity.js';

// The unit figures count in; only its `minutes` matters to convert() (evidence_block.py _MINUTE).
const MINUTE_UNIT = { measures: 'duration', minutes: 1 };
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

/** Minutes written in the unit of clause 4.2's threshold ("1小时", "30 minutes"): evidence_block.threshold_text. */
export function thresholdText(criteria, minutes, lang) {
  const item = criteria.items.find((i) => i.clause === '4.2');
  const unit = criteria.units[criteria.thresholds[item.threshold].unit];
  return quantityText(convert(minutes, MINUTE_UNIT, unit), unit, lang);
}

export const percentText = (share) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
export const shownTime = (text) => text.replace('T', ' ');

/** The figures in words: the totals, the planned tests, one line per channel. */
export function figureLines(criteria, figures, t, lang) {
  const out = [fill(t.tl_figures, {
    tests: figures.tickets, cutoff: shownTime((figures.cutoff ?? '—').slice(0, 16)), percent: percentText(figures.attainment),
    threshold: thresholdText(criteria, figures.threshold_minutes, lang), within: figures.within, late: figures.late,
    breached: figures.unanswered_breached, pending: figures.pending,
  })];
  if (figures.planned) out.push(fill(t.tl_planned, { n: figures.planned }));
  const word = (covered) => (covered ? t.tl_tested : t.tl_untested);
  for (const c of figures.by_channel) {
    out.push(fill(t.tl_channel_line, { channel: c.channel, tests: c.tickets, percent: percentText(c.attainment),
      ...Object.fromEntries(KINDS.map((k) => [k, word(c[k])])) }));
  }
  return out;
}

/** One test in words. */
export function rowLine(n, test, t) {
  const replied = test.replied ?? '';
  const said = replied ? fill(t.tl_replied_at, { replied: shownTime(replied) }) : t.tl_no_reply;
  return fill(t.tl_row, { n, channel: test.channel, contacted: shownTime(test.contacted), replied: said });
}
