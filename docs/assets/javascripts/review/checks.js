// What a reviewer needs to decide quickly and safely, with no DOM access: how much is decided,
// which items need attention, what an export should warn about, what a resubmission carries over
// and what an imported review file may fill in. Pure functions of criteria, documents and reviews.

import { agrees, withConditions } from "./decisions.js";
import { answerText, planChecks } from "../plan/plan.js";
import { evidenceContradicted } from "../evidence/display.js";
import { score } from "../answers/scoring.js";

const own = (o, k) => (o && Object.hasOwn(o, k) ? o[k] : undefined);

/** The ids a reviewer decides on: every item and every plan section that holds text. */
export function decidable(criteria) {
  return { items: criteria.items.map((i) => i.id), plan: criteria.template.filter((p) => !p.group).map((p) => p.id) };
}

/** {decided, total} over items and plan sections. */
export function progress(criteria, review) {
  const ids = decidable(criteria);
  const count = (part) => ids[part].filter((id) => own(review[part], id)?.decision).length;
  return { decided: count("items") + count("plan"), total: ids.items.length + ids.plan.length };
}

/** "not_started", "in_progress" or "decided", from the item decisions and the overall decision. */
export function state(criteria, review) {
  const { decided, total } = progress(criteria, review);
  if (decided === total && review.decision) return "decided";
  return decided || review.decision ? "in_progress" : "not_started";
}

/** The earliest due date among the conditions of the decision that carries them, or "". */
export function earliestDue(criteria, review) {
  if (review.decision !== withConditions(criteria)) return "";
  return (review.conditions ?? []).map((c) => c.due).filter(Boolean).sort()[0] ?? "";
}

/**
 * The items that need a reviewer's attention: answered not met or partly met, or "met" where the
 * plan contradicts it (clauses 5.1 and 5.2, as the checklist computes it) or the measured evidence
 * does (clauses 4.1 and 4.2: `measured`).
 */
export function attention(criteria, doc, result) {
  const checks = planChecks(criteria, doc, result);
  const weak = criteria.items.filter((i) => ["unmet", "partial"].includes(own(doc.answers, i.id)?.status)).map((i) => i.id);
  const contradictions = Object.keys(checks.contradictions).filter((id) => checks.contradictions[id]);
  const measured = evidenceContradicted(criteria, doc);
  return { weak, contradictions, measured, ids: [...new Set([...weak, ...contradictions, ...measured, ...result.blockers])] };
}

/** What the inbox shows of a submission, kept with its review so the inbox reads no submission. */
export function describe(criteria, doc) {
  const result = score(criteria, doc);
  const meta = doc.assessment ?? {};
  return {
    organisation: String(meta.organisation ?? ""), service: String(meta.service ?? ""),
    verdict: result.verdict, percent: result.percent, criteria_version: String(doc.criteria_version ?? ""),
    attention: attention(criteria, doc, result).ids.length,
  };
}

/** Mark every undecided item and plan section accepted (in place); how many were. */
export function acceptUndecided(criteria, review) {
  const ids = decidable(criteria);
  let n = 0;
  for (const part of ["items", "plan"]) {
    review[part] = { ...(review[part] ?? {}) };
    for (const id of ids[part]) {
      if (own(review[part], id)?.decision) continue;
      review[part][id] = { ...(own(review[part], id) ?? {}), decision: "accepted" };
      n += 1;
    }
  }
  return n;
}

/**
 * Warnings (not refusals) before export, as {key, values}: approving a submission that is not
 * ready, a condition due before the review date, items and sections still undecided.
 */
export function exportWarnings(criteria, review, verdict, today) {
  const out = [];
  // A decision wants the verdicts it agrees with (review_decisions.yml): approving outright "ready",
  // approving with conditions at least "conditionally ready".
  if (review.decision && !agrees(criteria, review.decision, verdict)) {
    out.push({ key: "warn_not_ready", values: { verdict } });
  }
  const on = review.reviewer?.date || today;
  if (review.decision === withConditions(criteria)) {
    (review.conditions ?? []).forEach((c, n) => {
      if (c.due && c.due < on) out.push({ key: "warn_due_before", values: { n: n + 1, due: c.due, date: on } });
    });
  }
  const { decided, total } = progress(criteria, review);
  if (decided < total) out.push({ key: "warn_undecided", values: { n: total - decided, total } });
  return out;
}

const answerKey = (a) => JSON.stringify(a && typeof a === "object" ? [a.status ?? null, a.value ?? null, a.note ?? "", a.evidence ?? ""] : null);

/**
 * A resubmission's review, started from the earlier one: decisions and comments on unchanged items
 * and plan sections carried over; changed ones left undecided, with the old and new answer (as the
 * page writes answers, `labels` being its words) in `changes`.
 */
export function carryOver(criteria, earlier, oldDoc, newDoc, labels) {
  const items = {};
  const plan = {};
  const changes = { items: {}, plan: {} };
  for (const item of criteria.items) {
    const before = own(oldDoc.answers, item.id);
    const after = own(newDoc.answers, item.id);
    if (answerKey(before) === answerKey(after)) {
      if (own(earlier.items, item.id)) items[item.id] = { ...earlier.items[item.id] };
    } else {
      changes.items[item.id] = { old: answerText(criteria, item, before ?? null, labels), new: answerText(criteria, item, after ?? null, labels) };
    }
  }
  for (const id of decidable(criteria).plan) {
    const before = own(oldDoc.plan, id) ?? "";
    const after = own(newDoc.plan, id) ?? "";
    if (before === after) {
      if (own(earlier.plan, id)) plan[id] = { ...earlier.plan[id] };
    } else changes.plan[id] = { old: before, new: after };
  }
  return { items, plan, changes };
}

/**
 * An imported review file of a submission already under review: fill in only what the review kept
 * here leaves empty, field by field (in place); how many fields were filled. Nothing here is replaced.
 */
export function fillEmpty(review, imported) {
  let n = 0;
  for (const part of ["items", "plan"]) {
    review[part] = { ...(review[part] ?? {}) };
    for (const [id, theirs] of Object.entries(imported[part] ?? {})) {
      const mine = { ...(own(review[part], id) ?? {}) };
      for (const key of ["decision", "comment"]) {
        if (!mine[key] && theirs[key]) {
          mine[key] = theirs[key];
          n += 1;
        }
      }
      review[part][id] = mine;
    }
  }
  review.reviewer = { ...(review.reviewer ?? {}) };
  for (const [key, value] of Object.entries(imported.reviewer ?? {})) {
    if (!review.reviewer[key] && value) {
      review.reviewer[key] = value;
      n += 1;
    }
  }
  // The test log fills in only when this review has no test yet: rows are never merged one by one.
  if (!review.test_log?.tests?.length && imported.test_log?.tests?.length) {
    review.test_log = imported.test_log;
    n += 1;
  }
  if (!review.decision && imported.decision) {
    review.decision = imported.decision;
    if (!(review.conditions ?? []).some((c) => c.text || c.due)) review.conditions = imported.conditions ?? [];
    n += 1;
  }
  if (!review.summary && imported.summary) {
    review.summary = imported.summary;
    n += 1;
  }
  return n;
}
