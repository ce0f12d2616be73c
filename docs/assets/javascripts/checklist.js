// The readiness checklist page: several assessments kept in localStorage, live scoring,
// export and import of answers files, a printable report. The form itself is rendered at build
// time by macros/checklist.py; this module only reads and fills it. Every user or imported text
// goes into the page through textContent or form values, never as HTML.

import { META_KEYS, answerText, outline, percent as percentText, planHtml, planMarkdown } from "./plan.js";
import { FORMAT, MAX_BYTES, score, validate } from "./scoring.js";

const STORE = "sp-readiness.assessments";
const BACKUP = "sp-readiness.corrupt-backup";
const EXPORT_VERSION = 2; // 2 adds the plan; version 1 files still import
const CRITERIA_URL = new URL("../criteria.json", import.meta.url);

let criteria = null; // loaded once; the page may be shown many times by instant navigation

// --- small helpers ------------------------------------------------------------------------

/** An element with text content and attributes; children are nodes or strings (as text). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : String(child));
  return node;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
const today = () => new Date().toISOString().slice(0, 10);
const newId = () => `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function signature(item) {
  return JSON.stringify([item.kind, item.threshold, item.level, item.weight, item.na_allowed, item.question]);
}

function signatures() {
  return Object.fromEntries(criteria.items.map((i) => [i.id, signature(i)]));
}

function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// --- the stored state ---------------------------------------------------------------------
// localStorage[STORE] = {version: 1, current: id, list: [{id, label, doc, seen}]}, where doc is an
// answers file exactly as exported and seen the item signatures it was last answered against.

function emptyDoc() {
  return {
    format: FORMAT, format_version: EXPORT_VERSION, criteria_version: criteria.version,
    assessment: { organisation: "", service: "", contact: "", date: today() }, answers: {}, plan: {},
  };
}

function newEntry(label, doc = emptyDoc(), seen = signatures()) {
  return { id: newId(), label, doc, seen };
}

// Only the shape is checked here: answers that an older criteria version allowed are cleaned by migrate().
function isState(x) {
  const isObject = (o) => typeof o === "object" && o !== null && !Array.isArray(o);
  return isObject(x) && x.version === 1 && Array.isArray(x.list) && x.list.every((e) =>
    isObject(e) && typeof e.id === "string" && typeof e.label === "string" && isObject(e.doc) &&
    isObject(e.doc.answers) && (e.doc.assessment === undefined || isObject(e.doc.assessment)));
}

/** Read the saved state; a corrupt one is backed up and reported, never thrown away. */
function loadState(ui) {
  let raw = null;
  try {
    raw = localStorage.getItem(STORE);
  } catch (error) {
    ui.alert(fill(ui.t.saved_failed, { error: error.message }));
  }
  if (raw !== null) {
    let state = null;
    try {
      state = JSON.parse(raw);
    } catch { /* reported below */ }
    if (isState(state) && state.list.length) return state;
    try {
      localStorage.setItem(BACKUP, raw);
    } catch { /* the download below still offers it */ }
    ui.notice(ui.t.corrupt, [el("button", { type: "button", class: "md-button", "data-action": "download-raw" }, ui.t.download_raw)],
      (notice) => notice.querySelector("[data-action=download-raw]").addEventListener("click", () => download("sp-readiness-saved-data.txt", raw, "text/plain")));
  }
  const entry = newEntry(ui.t.untitled);
  return { version: 1, current: entry.id, list: [entry] };
}

function saveState(ui, state) {
  try {
    localStorage.setItem(STORE, JSON.stringify(state));
  } catch (error) {
    ui.alert(fill(ui.t.saved_failed, { error: error.message }));
  }
}

// --- criteria changes between versions ----------------------------------------------------

/** Bring an entry up to the current criteria; return what changed, for the notice. */
function migrate(entry) {
  const now = signatures();
  const seen = entry.seen ?? {};
  const answered = Object.keys(entry.doc.answers);
  const known = Object.keys(seen).length ? Object.keys(seen) : answered;
  const changes = {
    old: entry.doc.criteria_version,
    added: criteria.items.filter((i) => Object.keys(seen).length && !(i.id in seen)).map((i) => i.id),
    removed: known.filter((id) => !(id in now)),
    changed: criteria.items.filter((i) => i.id in seen && seen[i.id] !== now[i.id]).map((i) => i.id),
    cleared: [],
  };
  for (const item of criteria.items) {
    const answer = entry.doc.answers[item.id];
    if (!answer) continue;
    const probe = { ...entry.doc, answers: { [item.id]: answer } };
    if (validate(criteria, probe).length) {
      const { note, evidence } = answer;
      entry.doc.answers[item.id] = Object.fromEntries(Object.entries({ note, evidence }).filter(([, v]) => typeof v === "string"));
      changes.cleared.push(item.id);
    }
  }
  entry.doc.criteria_version = criteria.version;
  entry.seen = now;
  return changes;
}

// --- the page ------------------------------------------------------------------------------

class Checklist {
  constructor(root) {
    this.root = root;
    this.t = JSON.parse(root.dataset.strings);
    this.planLabels = this.t; // the strings include assessment.plan.LABELS, unshadowed
    this.planCss = root.dataset.planCss;
    this.lang = root.dataset.lang;
    this.form = root.querySelector("#cl-form");
    this.$ = (id) => root.querySelector(`#${id}`);
  }

  // Messages.
  alert(text, details = []) {
    const box = this.$("cl-alert");
    box.replaceChildren(el("p", {}, text), ...(details.length ? [el("ul", {}, details.map((d) => el("li", {}, d)))] : []));
  }

  notice(text, extra = [], wire = () => {}) {
    const notice = el("div", { class: "admonition warning cl-notice", role: "status" },
      el("p", {}, text), ...extra,
      el("button", { type: "button", class: "md-button", "data-action": "dismiss" }, this.t.dismiss));
    notice.querySelector("[data-action=dismiss]").addEventListener("click", () => notice.remove());
    wire(notice);
    this.$("cl-notices").append(notice);
    return notice;
  }

  question(id) {
    const item = criteria.items.find((i) => i.id === id);
    return item ? item.question[this.lang] : id;
  }

  itemLink(id) {
    const item = criteria.items.find((i) => i.id === id);
    return item ? el("a", { href: `#item-${id}` }, item.question[this.lang]) : el("span", {}, id);
  }

  start() {
    this.state = loadState(this);
    this.$("cl-app").hidden = false;
    this.wire();
    this.open(this.state.current);
  }

  get entry() {
    return this.state.list.find((e) => e.id === this.state.current) ?? this.state.list[0];
  }

  // Show one assessment: its details, its answers, its result.
  open(id) {
    this.state.current = this.state.list.some((e) => e.id === id) ? id : this.state.list[0].id;
    const entry = this.entry;
    const stale = entry.doc.criteria_version !== criteria.version;
    const unseen = criteria.items.some((i) => !(entry.seen ?? {})[i.id] || entry.seen[i.id] !== signature(i));
    if (stale || unseen) this.showChanges(migrate(entry));
    this.$("cl-notices").querySelectorAll(".cl-notice--version").forEach((n) => n.dataset.entry !== entry.id && n.remove());
    for (const key of META_KEYS) this.$("cl-meta").querySelector(`[name=${key}]`).value = entry.doc.assessment?.[key] ?? "";
    for (const fieldset of this.form.querySelectorAll("[data-item]")) this.showAnswer(fieldset, entry.doc.answers[fieldset.dataset.item] ?? {});
    for (const part of this.root.querySelectorAll("[data-part]")) part.querySelector("textarea").value = entry.doc.plan?.[part.dataset.part] ?? "";
    this.renderPicker();
    this.save();
  }

  showChanges(changes) {
    const lists = ["added", "removed", "changed"].filter((k) => changes[k].length)
      .map((k) => el("div", {}, el("p", {}, this.t[k]), el("ul", {}, changes[k].map((id) => el("li", {}, this.question(id))))));
    if (changes.cleared.length) lists.push(el("div", {}, el("p", {}, this.t.cleared), el("ul", {}, changes.cleared.map((id) => el("li", {}, this.question(id))))));
    if (changes.old === criteria.version && !lists.length) return;
    const notice = this.notice(fill(this.t.version_changed, { old: changes.old, new: criteria.version }), lists);
    notice.classList.add("cl-notice--version");
    notice.dataset.entry = this.state.current;
  }

  showAnswer(fieldset, answer) {
    for (const input of fieldset.querySelectorAll("[data-field=status]")) input.checked = input.value === answer.status;
    const value = fieldset.querySelector("[data-field=value]");
    if (value) value.value = typeof answer.value === "number" ? String(answer.value) : "";
    fieldset.querySelector("[data-field=note]").value = answer.note ?? "";
    fieldset.querySelector("[data-field=evidence]").value = answer.evidence ?? "";
  }

  readAnswer(fieldset) {
    const answer = {};
    const status = [...fieldset.querySelectorAll("[data-field=status]")].find((i) => i.checked);
    if (status) answer.status = status.value;
    const value = fieldset.querySelector("[data-field=value]");
    if (value && value.value.trim() !== "" && !answer.status) {
      const number = value.valueAsNumber;
      const ok = Number.isFinite(number) && number >= 0;
      value.setAttribute("aria-invalid", String(!ok));
      if (ok) answer.value = number;
    } else if (value) value.removeAttribute("aria-invalid");
    for (const key of ["note", "evidence"]) {
      const text = fieldset.querySelector(`[data-field=${key}]`).value;
      if (text) answer[key] = text;
    }
    return answer;
  }

  // Every change is saved at once, so a refresh loses nothing.
  changed(target) {
    const entry = this.entry;
    const fieldset = target.closest("[data-item]");
    if (target.dataset.field === "plan") {
      const id = target.closest("[data-part]").dataset.part;
      const plan = { ...(entry.doc.plan ?? {}) };
      if (target.value.trim()) plan[id] = target.value;
      else delete plan[id];
      entry.doc.plan = plan;
      entry.doc.format_version = EXPORT_VERSION;
    } else if (fieldset) {
      if (target.dataset.field === "status" && target.type === "checkbox" && target.checked) fieldset.querySelector("[data-field=value]").value = "";
      if (target.dataset.field === "value" && target.value !== "") fieldset.querySelectorAll("[data-field=status]").forEach((i) => (i.checked = false));
      const answer = this.readAnswer(fieldset);
      if (Object.keys(answer).length) entry.doc.answers[fieldset.dataset.item] = answer;
      else delete entry.doc.answers[fieldset.dataset.item];
    } else if (META_KEYS.includes(target.name)) {
      entry.doc.assessment = { ...entry.doc.assessment, [target.name]: target.value };
      this.renderPicker();
    }
    this.save();
  }

  save() {
    saveState(this, this.state);
    this.renderResult();
  }

  name(entry) {
    const { organisation, service } = entry.doc.assessment ?? {};
    const detail = [service, organisation].filter(Boolean).join(" · ");
    return detail && entry.label === this.t.untitled ? detail : detail ? `${entry.label} (${detail})` : entry.label;
  }

  renderPicker() {
    const picker = this.$("cl-current");
    picker.replaceChildren(...this.state.list.map((e) => el("option", { value: e.id }, this.name(e))));
    picker.value = this.state.current;
    this.$("cl-delete").disabled = false;
  }

  result() {
    return score(criteria, this.entry.doc);
  }

  renderResult() {
    const result = this.result();
    const t = this.t;
    this.$("cl-verdict").replaceChildren(
      el("span", { class: `cl-verdict__label cl-verdict--${result.verdict}` }, t[result.verdict]),
      ` · ${t.score} ${percentText(result.percent)}`);
    const live = fill(t.live, { verdict: t[result.verdict], percent: percentText(result.percent) });
    if (this.$("cl-live").textContent !== live) this.$("cl-live").textContent = live;

    const titles = Object.fromEntries(criteria.sections.map((s) => [s.id, s.title[this.lang]]));
    this.$("cl-sections").replaceChildren(...result.sections.map((s) => el("li", {},
      el("a", { href: `#section-${s.id}` }, titles[s.id]), ` ${percentText(s.percent)} · ${fill(t.answered_count, s)}`,
      el("progress", { max: s.total, value: s.answered, "aria-label": `${titles[s.id]} ${fill(t.answered_count, s)}` }))));
    for (const s of result.sections) {
      this.form.querySelector(`.cl-progress[data-section="${s.id}"]`).textContent = `${percentText(s.percent)} · ${fill(t.answered_count, s)}`;
    }
    const lists = ["blockers", "gaps", "unanswered", "unknown"].filter((k) => result[k].length).map((k) =>
      el("details", { class: `cl-list cl-list--${k}`, ...(k === "blockers" ? { open: "" } : {}) },
        el("summary", {}, `${t[k]} (${result[k].length})`),
        el("ul", {}, result[k].map((id) => el("li", {}, this.itemLink(id))))));
    this.$("cl-lists").replaceChildren(...lists);
    this.renderPlan(result);
  }

  // --- the plan -------------------------------------------------------------------------

  /** What the checklist already says for these items, as lines of text. */
  related(ids) {
    const answers = this.entry.doc.answers;
    return ids.filter((id) => answers[id] && Object.keys(answers[id]).length).map((id) => {
      const item = criteria.items.find((i) => i.id === id);
      const a = answers[id];
      const lines = [`- ${item.question[this.lang]} ${answerText(criteria, item, a, this.planLabels)}`];
      if (a.note) lines.push(`  ${this.planLabels.note}${this.planLabels.sep}${a.note}`);
      if (a.evidence) lines.push(`  ${this.planLabels.evidence}${this.planLabels.sep}${a.evidence}`);
      return lines.join("\n");
    });
  }

  renderPlan(result) {
    const t = this.t;
    const plan = this.entry.doc.plan ?? {};
    const parts = criteria.template.filter((p) => !p.group);
    const empty = parts.filter((p) => !(plan[p.id] ?? "").trim());
    for (const part of this.root.querySelectorAll("[data-part]")) {
      const body = part.querySelector(".cl-related__body");
      if (!body) continue;
      const lines = this.related(part.dataset.items.split(" "));
      body.replaceChildren(...(lines.length ? lines.map((l) => el("p", {}, l)) : [el("p", {}, t.nothing_related)]));
      part.querySelector("[data-action=insert]").disabled = !lines.length;
    }
    const label = (p) => `${p.number} ${p.title[this.lang]}`;
    const missing51 = empty.filter((p) => /^[23]\./.test(p.number));
    const quality = new Set(criteria.items.filter((i) => i.level === "mandatory" && i.threshold).map((i) => i.id));
    const missing52 = parts.filter((p) => p.items.some((id) => quality.has(id)) &&
      (!(plan[p.id] ?? "").trim() || p.items.some((id) => quality.has(id) && [...result.blockers, ...result.unanswered].includes(id))));
    const link = (p) => el("li", {}, el("a", { href: `#plan-${p.id}-h` }, label(p)));
    const blocks = [el("p", {}, fill(t.plan_progress, { written: parts.length - empty.length, total: parts.length }))];
    if (missing51.length) blocks.push(el("p", { class: "cl-flag" }, t.flag_5_1), el("ul", {}, missing51.map(link)));
    if (missing52.length) blocks.push(el("p", { class: "cl-flag" }, t.flag_5_2), el("ul", {}, missing52.map(link)));
    const others = empty.filter((p) => !missing51.includes(p));
    if (others.length) blocks.push(el("p", {}, t.plan_empty), el("ul", {}, others.map(link)));
    if (!empty.length && !missing52.length) blocks.push(el("p", {}, t.plan_complete));
    this.$("cl-plan-status").replaceChildren(...blocks);
  }

  insertRelated(part) {
    const area = part.querySelector("textarea");
    const draft = this.related(part.dataset.items.split(" ")).join("\n");
    area.value = area.value.trim() ? `${area.value.trimEnd()}\n\n${draft}` : draft;
    this.changed(area);
    area.focus();
  }

  exportPlan(kind) {
    const doc = this.entry.doc;
    const result = this.result();
    const stem = this.fileStem();
    if (kind === "md") download(`plan-${stem}.md`, planMarkdown(criteria, doc, result, this.planLabels, this.lang), "text/markdown");
    else download(`plan-${stem}.html`, planHtml(criteria, doc, result, this.planLabels, this.lang, this.planCss), "text/html");
  }

  // --- actions --------------------------------------------------------------------------

  add(entry, message) {
    this.state.list.push(entry);
    this.open(entry.id);
    if (message) this.notice(message);
  }

  remove() {
    const entry = this.entry;
    if (!window.confirm(fill(this.t.delete_confirm, { name: this.name(entry) }))) return;
    this.state.list = this.state.list.filter((e) => e !== entry);
    if (!this.state.list.length) this.state.list.push(newEntry(this.t.untitled));
    this.open(this.state.list[0].id);
  }

  rename() {
    const entry = this.entry;
    const label = window.prompt(this.t.rename_prompt, entry.label);
    if (label === null || !label.trim()) return;
    entry.label = label.trim().slice(0, 200);
    this.renderPicker();
    this.save();
  }

  fileStem() {
    const { organisation, service, date } = this.entry.doc.assessment ?? {};
    return [organisation, service, date].filter(Boolean).join("-").replace(/[^\p{L}\p{N}._-]+/gu, "_") || "assessment";
  }

  exportFile() {
    const doc = { ...this.entry.doc, format_version: EXPORT_VERSION, plan: this.entry.doc.plan ?? {}, result: this.result() };
    download(`sp-readiness-${this.fileStem()}.json`, JSON.stringify(doc, null, 2));
  }

  async importFile(file) {
    const refuse = (details) => this.alert(fill(this.t.import_bad, { file: file.name }), details);
    if (file.size > MAX_BYTES) return refuse([this.t.too_big]);
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch (error) {
      return refuse([fill(this.t.not_json, { error: error.message })]);
    }
    const problems = validate(criteria, doc);
    if (problems.length) return refuse(problems);
    const { result, ...answers } = doc; // the recomputed result is what counts
    const names = new Set(this.state.list.map((e) => e.label));
    let label = answers.assessment?.service || file.name.replace(/\.json$/i, "") || this.t.untitled;
    for (let n = 2; names.has(label); n++) label = `${label.replace(/ \(\d+\)$/, "")} (${n})`;
    this.$("cl-alert").replaceChildren();
    this.add({ id: newId(), label, doc: answers, seen: null }, fill(this.t.import_ok, { file: file.name, name: label }));
  }

  // --- report ---------------------------------------------------------------------------

  // The report shows what the plan's annex shows, from the same outline (plan.js).
  renderReport() {
    const o = outline(criteria, this.entry.doc, this.result(), this.t, this.lang);
    const row = (cells, tag = "td") => el("tr", {}, cells.map((c) => el(tag, {}, c)));
    const table = ([head, rows], attrs = {}) => el("table", attrs, el("thead", {}, row(head, "th")), el("tbody", {}, rows.map((r) => row(r))));
    const pairs = (list) => list.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]);
    this.$("cl-report-body").replaceChildren(
      el("dl", { class: "cl-report__meta" }, pairs(o.meta), pairs(o.summary)),
      el("h3", {}, this.t.result), table(o.table),
      ...o.lists.map(([title, items]) => el("div", {}, el("h3", {}, title),
        items.length ? el("ul", {}, items.map((i) => el("li", {}, i))) : el("p", {}, o.none))),
      el("h3", {}, o.answers_title), table(o.answers, { class: "cl-report__answers" }));
  }


  showReport(on) {
    if (on) this.renderReport();
    this.$("cl-report").hidden = !on;
    this.$("cl-app").hidden = on;
    document.body.classList.toggle("cl-reporting", on);
    (on ? this.$("cl-print") : this.$("cl-report-open")).focus();
  }

  wire() {
    const ours = (e) => e.target.closest("#cl-form, #cl-meta, #cl-plan") && e.target.matches("input, textarea, select");
    this.root.addEventListener("input", (e) => ours(e) && this.changed(e.target));
    this.root.addEventListener("change", (e) => ours(e) && this.changed(e.target));
    this.form.addEventListener("click", (e) => {
      const button = e.target.closest("[data-action=clear]");
      if (!button) return;
      const fieldset = button.closest("[data-item]");
      this.showAnswer(fieldset, {});
      this.changed(fieldset.querySelector("[data-field=note]"));
    });
    this.$("cl-current").addEventListener("change", (e) => this.open(e.target.value));
    this.$("cl-new").addEventListener("click", () => this.add(newEntry(this.t.untitled)));
    this.$("cl-rename").addEventListener("click", () => this.rename());
    this.$("cl-delete").addEventListener("click", () => this.remove());
    this.$("cl-export").addEventListener("click", () => this.exportFile());
    this.$("cl-import-button").addEventListener("click", () => this.$("cl-import").click());
    this.$("cl-import").addEventListener("change", async (e) => {
      const [file] = e.target.files;
      e.target.value = "";
      if (file) await this.importFile(file);
    });
    this.$("cl-report-open").addEventListener("click", () => this.showReport(true));
    this.$("cl-report-close").addEventListener("click", () => this.showReport(false));
    this.$("cl-print").addEventListener("click", () => window.print());
    this.$("cl-plan-md").addEventListener("click", () => this.exportPlan("md"));
    this.$("cl-plan-html").addEventListener("click", () => this.exportPlan("html"));
    this.$("cl-plan").addEventListener("click", (e) => {
      const button = e.target.closest("[data-action=insert]");
      if (button) this.insertRelated(button.closest("[data-part]"));
    });
  }
}

async function onPage() {
  document.body.classList.remove("cl-reporting");
  const root = document.getElementById("sp-checklist");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "loading";
  try {
    criteria ??= await (await fetch(CRITERIA_URL)).json();
    const checklist = new Checklist(root);
    checklist.start();
    root.dataset.ready = "true";
  } catch (error) {
    root.dataset.ready = "failed";
    root.querySelector("#cl-alert").textContent = String(error);
    throw error;
  }
}

if (window.document$) window.document$.subscribe(onPage);
else onPage();
