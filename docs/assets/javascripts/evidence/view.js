// The checklist's evidence view (#evidence): the SP picks a ticket export, a worker
// (evidence/worker.js) measures it with progress and Cancel, the figures are drawn
// (evidence/figures.js), and "Attach" stores only the aggregate as the assessment's doc.evidence,
// the answers file's `evidence` block, after the one accepting rule (answers/scoring.js validate) passed it.
// Loaded by checklist.js the first time the view is opened, so nothing of it loads before.

import { el, fill } from "../shared/dom.js";
import { PRESETS } from "./columns.js";
import { thresholdMinutes } from "./measure.js";
import { figures } from "./figures.js";
import { FORMAT, FORMAT_VERSION, validate } from "../answers/answers-file.js";

const ROLES = ["arrived", "reply", "id", "channel", "forwarded"];
const views = new WeakMap();

/** Show the view for the checklist app (made on first use). */
export function showEvidence(app) {
  if (!views.has(app)) views.set(app, new EvidenceView(app));
  views.get(app).refresh();
}

class EvidenceView {
  constructor(app) {
    this.app = app;
    this.root = document.getElementById("cl-evidence");
    this.t = JSON.parse(this.root.dataset.strings);
    this.$ = (id) => document.getElementById(id);
    this.selects = Object.fromEntries([...this.root.querySelectorAll("[data-role]")].map((s) => [s.dataset.role, s]));
    this.file = null; this.header = null; this.manual = false; this.result = null; this.worker = null;
    this.wire();
    this.root.dataset.ready = "true"; // the controls answer from now on (tests and bench wait for it)
  }

  wire() {
    const { $ } = this;
    $("cl-ev-file").addEventListener("change", (e) => e.target.files[0] && this.pick(e.target.files[0]));
    const drop = $("cl-ev-drop");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("cl-ev__drop--over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("cl-ev__drop--over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("cl-ev__drop--over");
      if (e.dataTransfer.files[0]) this.pick(e.dataTransfer.files[0]);
    });
    $("cl-ev-zone").addEventListener("change", () => {
      $("cl-ev-zone-other").hidden = $("cl-ev-zone").value !== "";
      if ($("cl-ev-zone").value === "") $("cl-ev-zone-name").focus();
      else this.run();
    });
    $("cl-ev-zone-name").addEventListener("change", () => this.run());
    $("cl-ev-until").addEventListener("change", () => this.run());
    for (const select of Object.values(this.selects)) {
      select.addEventListener("change", () => { this.manual = true; this.run(); });
    }
    $("cl-ev-form").addEventListener("submit", (e) => { e.preventDefault(); this.run(); });
    $("cl-ev-cancel").addEventListener("click", () => this.cancel());
    $("cl-ev-attach-button").addEventListener("click", () => this.attach());
    $("cl-ev-remove").addEventListener("click", () => this.remove());
    // Another assessment chosen in the status bar: show what that one has attached.
    $("cl-current").addEventListener("change", () => setTimeout(() => this.refresh()));
  }

  pick(file) {
    this.file = file;
    this.announce = true;
    this.header = null;
    this.manual = false;
    this.run();
  }

  /** The time zone chosen, checked by this browser's own zone data; null (and said) when unknown. */
  zone() {
    const { $ } = this;
    const name = $("cl-ev-zone").value || $("cl-ev-zone-name").value.trim();
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name }).format(0);
      $("cl-ev-zone-msg").textContent = "";
      $("cl-ev-zone-name").removeAttribute("aria-invalid");
      return name;
    } catch {
      $("cl-ev-zone-msg").textContent = fill(this.t.zone_bad, { zone: name });
      $("cl-ev-zone-name").setAttribute("aria-invalid", "true");
      return null;
    }
  }

  /** Hand mappings from the column form ([column name, role] pairs), once the SP touched it. */
  overrides() {
    if (!this.manual || !this.header) return [];
    const out = [];
    for (const role of ROLES) {
      const value = this.selects[role].value;
      if (value === "") continue;
      out.push([this.header[Number(value)].trim(), role === "reply" ? this.selects.kind.value : role]);
    }
    return out;
  }

  run() {
    if (!this.file) return;
    const zone = this.zone();
    if (zone === null) return;
    this.stop();
    const without = this.manual ? ["id", "channel", "forwarded"].filter((r) => this.selects[r].value === "") : [];
    const options = { preset: null, overrides: this.overrides(), zone, until: this.$("cl-ev-until").value.trim() || null, without };
    // Opened from disk (the offline package) a page may start no worker (the search's stand-in for
    // Worker there runs classic scripts only): measure in the page, loading the reader only then.
    if (location.protocol === "file:") {
      const asked = this.asked;
      import("./run.js").then((m) => asked === this.asked && this.start(m.inPageReader(), true, options));
      return;
    }
    let worker;
    try {
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch {
      this.say(this.t.no_worker, true);
      return;
    }
    this.start(worker, false, options);
  }

  start(worker, inPage, options) {
    this.worker = worker;
    this.inPage = inPage;
    this.result = null;
    this.resolved = false;
    this.$("cl-ev-figures").replaceChildren();
    this.say(inPage ? this.t.in_page : "");
    this.progress(0, this.file.size);
    this.$("cl-ev-progress").hidden = false;
    this.$("cl-ev-run").hidden = false;
    worker.onmessage = ({ data }) => worker === this.worker && this.heard(data);
    worker.onerror = (e) => { e.preventDefault(); if (worker === this.worker) this.heard({ type: "error", message: this.t.no_worker }); };
    worker.postMessage({ file: this.file, options, threshold: thresholdMinutes(this.app.criteria) });
  }

  heard(data) {
    if (data.type === "progress") this.progress(data.done, data.total);
    else if (data.type === "header") this.columns(data.header);
    else if (data.type === "mapping") this.mapped(data.preset, data.mapping);
    else if (data.type === "done") {
      this.stop();
      if (this.inPage) this.say("");
      this.result = data.result;
      this.draw(data.result);
      this.refresh();
      // A file just picked: focus goes to the result. A re-run from the column form or the settings
      // leaves focus where the SP is, and the live region reads the new headline.
      if (this.announce) this.$("cl-ev-headline").focus();
      else this.$("cl-live").textContent = this.$("cl-ev-headline").textContent;
      this.announce = false;
    } else if (data.type === "error") {
      this.stop();
      this.say(fill(this.t.refused, { message: data.message }), true);
      if (this.header && !this.resolved) this.preset(null); // the columns were not recognised: map them
      this.refresh();
    }
  }

  progress(done, total) {
    const share = total ? Math.min(1, done / total) : 0;
    this.$("cl-ev-bar").value = share;
    this.$("cl-ev-reading").textContent = fill(this.t.reading, { file: this.file.name, percent: `${Math.floor(share * 100)}%` });
  }

  /** The file's header as the choices of every role's select. */
  columns(header) {
    this.header = header;
    for (const role of ROLES) {
      const select = this.selects[role];
      const keep = this.manual ? select.value : "";
      const none = role === "arrived" || role === "reply" ? [] : [el("option", { value: "" }, this.t.column_none)];
      const blank = role === "arrived" || role === "reply" ? [el("option", { value: "" }, "")] : [];
      select.replaceChildren(...none, ...blank, ...header.map((name, i) => el("option", { value: String(i) }, name || `#${i + 1}`)));
      select.value = keep;
    }
    this.$("cl-ev-columns").hidden = false;
  }

  /** How the worker resolved the columns: the preset named, the form set to it. */
  mapped(preset, mapping) {
    this.resolved = true;
    this.preset(preset);
    if (this.manual) return;
    for (const role of ["arrived", "id", "channel", "forwarded"]) this.selects[role].value = role in mapping ? String(mapping[role]) : "";
    const kind = ["replied", "reply_minutes", "reply_seconds", "reply_milliseconds"].find((r) => r in mapping);
    this.selects.reply.value = String(mapping[kind]);
    this.selects.kind.value = kind;
  }

  preset(name) {
    const base = PRESETS.find((p) => p.name === name?.replace(/\+map$/, ""));
    let text = this.t.preset_none;
    if (base) text = fill(this.t.recognised, { preset: base.label }) + (name.endsWith("+map") ? ` · ${this.t.preset_map}` : "");
    else if (name === "map") text = this.t.preset_map;
    this.$("cl-ev-preset").textContent = text;
  }

  stop() {
    this.asked = (this.asked ?? 0) + 1; // an in-page reader still loading does not start
    this.worker?.terminate();
    this.worker = null;
    this.$("cl-ev-progress").hidden = true;
  }

  cancel() {
    this.stop();
    this.result = null;
    this.$("cl-ev-figures").replaceChildren();
    this.say(this.t.cancelled);
    this.refresh();
    this.$("cl-ev-file").focus();
  }

  say(text, error = false) {
    const message = this.$("cl-ev-message");
    message.textContent = text;
    message.classList.toggle("cl-ev__message--error", error);
  }

  draw(result) {
    this.$("cl-ev-figures").replaceChildren(...figures(result, this.t, this.app.criteria, this.app.lang));
    this.$("cl-ev-headline").setAttribute("tabindex", "-1");
  }

  /** The attach area for the current assessment; its attached figures when nothing was measured here. */
  refresh() {
    const attached = this.app.entry.doc.evidence;
    if (!this.result && !this.worker) {
      if (attached) this.draw(attached);
      else this.$("cl-ev-figures").replaceChildren();
    }
    this.$("cl-ev-attach").hidden = !this.result && !attached;
    this.$("cl-ev-attach-button").hidden = !this.result;
    this.$("cl-ev-remove").hidden = !attached;
  }

  attach() {
    const block = this.result;
    const doc = { ...this.app.entry.doc, format: FORMAT, format_version: FORMAT_VERSION, evidence: block };
    const problems = validate(this.app.criteria, doc).filter((p) => p.startsWith("evidence"));
    if (problems.length) return this.say(fill(this.t.attach_failed, { problems: problems.join("; ") }), true);
    this.app.store.change(this.app.currentId, ["doc", "evidence"], block);
    this.app.store.flush();
    this.app.rescore();
    const period = block.period;
    this.say(period ? fill(this.t.attached, { tickets: block.tickets, first: period.first_arrival.slice(0, 10), last: period.last_arrival.slice(0, 10) })
      : this.t.attached_other);
    this.result = null;
    this.refresh();
    return undefined;
  }

  remove() {
    this.app.store.change(this.app.currentId, ["doc", "evidence"], undefined);
    this.app.store.flush();
    this.app.rescore();
    this.say(this.t.removed);
    if (!this.result) this.$("cl-ev-figures").replaceChildren();
    this.refresh();
    this.$("cl-ev-file").focus();
  }
}
