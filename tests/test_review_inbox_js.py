"""The review page's DOM-free inbox modules in Chromium: inbox order and filters, export warnings,
resubmission carry-over, the fill-only merge of an imported review, and backup files refused."""

from __future__ import annotations

import json

import assessment

CRITERIA = assessment.load()


def call(tab, body: str, *args):
    """Run `body` (an async function of m, criteria and args) with the desk's modules as m."""
    return tab.evaluate("""async ([body, args]) => {
      const m = { ...(await import('./assets/javascripts/review/inbox.js')), ...(await import('./assets/javascripts/review/checks.js')),
                  ...(await import('./assets/javascripts/review/backup.js')) };
      const criteria = await (await fetch('./assets/criteria.json')).json();
      return await (new Function('m', 'criteria', 'args', `return (async () => { ${body} })()`))(m, criteria, args);
    }""", [body, list(args)])


def test_inbox_sorts_by_meaning_keeps_empty_cells_last_and_searches_every_word(site_tab):
    rows = [{"id": "a", "organisation": "乙", "file": "a", "verdict": "ready", "due": "", "state": "decided", "decided": 32},
            {"id": "b", "organisation": "甲", "file": "b", "verdict": "not_ready", "due": "2027-01-01", "state": "not_started", "decided": 0},
            {"id": "c", "organisation": "丙", "file": "c", "verdict": "incomplete", "due": "2026-12-01", "state": "in_progress", "decided": 3}]
    order = call(site_tab, """const [rows] = args; return [
        m.sortRows(rows, 'verdict', false, 'zh').map((r) => r.id), m.sortRows(rows, 'due', false, 'zh').map((r) => r.id),
        m.sortRows(rows, 'due', true, 'zh').map((r) => r.id), m.sortRows(rows, 'state', true, 'zh').map((r) => r.id),
        m.filterRows(rows.map((r) => ({ ...r, service: '彩铃', decision: '', attention: r.id === 'c' ? 1 : 0 })), 'attention', '').map((r) => r.id),
        m.filterRows(rows.map((r) => ({ ...r, service: '彩铃 天气' })), 'all', '天气 丙').map((r) => r.id)]""", rows)
    assert order == [["b", "c", "a"], ["c", "b", "a"], ["b", "c", "a"], ["a", "c", "b"], ["c"], ["c"]]


def test_export_warns_of_approving_what_is_not_ready_early_due_dates_and_undecided_items(site_tab):
    warnings = call(site_tab, """return m.exportWarnings(criteria, { decision: 'conditional', reviewer: { date: '2026-12-01' },
        conditions: [{ text: 'x', due: '2026-11-30' }, { text: 'y', due: '2026-12-01' }], items: {}, plan: {} }, 'incomplete', '2026-12-05')""")
    total = len(CRITERIA.items) + len([p for p in CRITERIA.template if not p.group])
    assert warnings == [{"key": "warn_not_ready", "values": {"verdict": "incomplete"}},
                        {"key": "warn_due_before", "values": {"n": 1, "due": "2026-11-30", "date": "2026-12-01"}},
                        {"key": "warn_undecided", "values": {"n": total, "total": total}}]
    assert call(site_tab, "return m.exportWarnings(criteria, { decision: 'approved', items: {}, plan: {} }, 'ready', '2026-12-05')") == [
        {"key": "warn_undecided", "values": {"n": total, "total": total}}]


def test_a_resubmission_keeps_decisions_on_unchanged_answers_and_records_old_and_new(site_tab):
    out = call(site_tab, """
      const labels = { lang: 'en', met: 'Met', partial: 'Partly met', unmet: 'Not met', na: 'N/A', unanswered_status: 'Unanswered',
                       min: 'at least {}', max: 'at most {}', with_value: '{status} ({value}; {limit})' };
      const old = { answers: { 'cs-organisation': { status: 'met' }, 'cs-content': { status: 'partial' } }, plan: { overview: 'a' } };
      const now = { answers: { 'cs-organisation': { status: 'met' }, 'cs-content': { status: 'met' } }, plan: { overview: 'b' } };
      const earlier = { items: { 'cs-organisation': { decision: 'accepted', comment: 'ok' }, 'cs-content': { decision: 'needs_work' } },
                        plan: { overview: { decision: 'rejected' } } };
      return m.carryOver(criteria, earlier, old, now, labels);""")
    assert out["items"] == {"cs-organisation": {"decision": "accepted", "comment": "ok"}}
    assert out["plan"] == {}
    assert out["changes"] == {"items": {"cs-content": {"old": "Partly met", "new": "Met"}}, "plan": {"overview": {"old": "a", "new": "b"}}}


def test_an_imported_review_fills_only_what_is_empty_here(site_tab):
    out = call(site_tab, """
      const mine = { items: { a: { comment: 'mine' } }, plan: {}, reviewer: { name: 'me' }, summary: '' };
      const n = m.fillEmpty(mine, { items: { a: { decision: 'accepted', comment: 'theirs' }, b: { decision: 'rejected' } },
        plan: {}, reviewer: { name: 'them', date: '2026-12-01' }, decision: 'approved', summary: 'sum' });
      return [n, mine];""")
    assert out == [5, {"items": {"a": {"comment": "mine", "decision": "accepted"}, "b": {"decision": "rejected"}}, "plan": {},
                       "reviewer": {"name": "me", "date": "2026-12-01"}, "summary": "sum", "decision": "approved", "conditions": []}]


def test_a_backup_file_is_checked_review_by_review(site_tab):
    good = {"entry": {"id": "r1", "file": "a.json", "sha256": "a" * 64, "opened": "2026-11-01",
                      "review": {"items": {"cs-organisation": {"decision": "accepted", "comment": "<b>x</b>"}, "x": {"decision": "maybe"}}}},
            "submission": {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": "x", "answers": {}}}
    bad_id = {**good, "entry": {**good["entry"], "id": "../evil"}}
    bad_doc = {**good, "submission": {"format": "nope"}}
    text = json.dumps({"format": "sp-readiness-review-backup", "format_version": 1, "reviews": [good, bad_id, bad_doc]})
    out = call(site_tab, "return m.readBackup(criteria, args[0])", text)
    assert [r["entry"]["id"] for r in out["reviews"]] == ["r1"]
    assert out["reviews"][0]["entry"]["review"]["items"] == {"cs-organisation": {"decision": "accepted", "comment": "<b>x</b>"}}
    assert out["problems"][0] == "reviews[1].entry: not a review" and out["problems"][1].startswith("reviews[2].submission: format:")
    for text, problem in (("{", "(top level): not valid JSON"), ('{"format": "x"}', 'format: expected "sp-readiness-review-backup"')):
        assert call(site_tab, "return m.readBackup(criteria, args[0])", text) == {"reviews": [], "problems": [problem]}
