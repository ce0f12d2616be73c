// The pre-launch test log in words, as assessment/review/prelaunch_log.py `figure_lines` and `row_line` write
// them (the `review` table of texts.*.yml: tl_*), so the review page, the checklist and
// `python -m assessment review` say the same. DOM-free; `t` is the page's strings.

import { KINDS } from './prelaunch-log.js';
import { minutesText } from '../criteria/quantity.js';
import { sharePercent } from '../shared/formatting.js';

// The figures' threshold and shares are written as the ticket evidence writes them (Python's rounding).
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

export const shownTime = (text) => text.replace('T', ' ');

/** The figures in words: the totals, the planned tests, one line per channel. */
export function figureLines(criteria, figures, t, lang) {
  const out = [fill(t.tl_figures, {
    tests: figures.tickets, cutoff: shownTime((figures.cutoff ?? '—').slice(0, 16)), percent: sharePercent(figures.attainment),
    threshold: minutesText(criteria, figures.threshold_minutes, lang), within: figures.within, late: figures.late,
    breached: figures.unanswered_breached, pending: figures.pending,
  })];
  if (figures.planned) out.push(fill(t.tl_planned, { n: figures.planned }));
  const word = (covered) => (covered ? t.tl_tested : t.tl_untested);
  for (const c of figures.by_channel) {
    out.push(fill(t.tl_channel_line, { channel: c.channel, tests: c.tickets, percent: sharePercent(c.attainment),
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
