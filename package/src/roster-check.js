// <roster-check>: the whole page as one custom element, drawn in its own open shadow root so
// that no rule of the host page reaches it (the contract hooks are still found through the open
// root: Playwright, Puppeteer and assistive technology look inside). Every cell of the user's
// files is rendered with textContent, never as HTML. The checking runs in ./worker.js; this
// thread only draws. This file is the wiring: state, lifecycle, the check's run, the language;
// each panel is a module of its own. Built into the package's element.js by package/build.mjs.
//
//   <script type="module" src=".../roster-check/element.js"></script>
//   <roster-check lang="zh" path="bind"></roster-check>      (lang: zh, zh-TW or en)
//   (add `sample`, or open the page with `?sample`, to start on the built-in sample company)
//
// Events (bubbling): `result` (detail: the report summary), `export` (detail: {kind, format}),
// `check-error` (detail: {message, file, code}).
import { LANGS, STRINGS, fmt, hasLang, langOf, loadLang } from "./i18n.js";
import { h } from "./dom.js";
import { HELP } from "./help.js";
import { describeFailure } from "./errors.js";
import { openSettle } from "./settle-dialog.js";
import { DecisionsKeeper } from "./decisions-panel.js";
import { Engine } from "./engine.js";
import { renderFiles, loadSample } from "./files-panel.js";
import { FEATURES, FLAGS, checkOptions, renderContext } from "./options-panel.js";
import { KINDS, renderReading } from "./mapping-panel.js";
import { renderSummary, verdictOf } from "./verdict-panel.js";
import { renderChecklist, renderGroups } from "./findings-panel.js";
import { labelFilters, renderCodeChip, renderTable, reloadRows } from "./table-panel.js";
import { saveFile } from "./downloads.js";
import STYLE from "./roster-check.css"; // its minified text (package/build.mjs)

/** A check running this long when a newer one is asked for is stopped rather than finished:
 * restarting the worker and handing it the files costs less than that (a 100k check takes
 * ~0.4 s here; a million, 8 s). The element's `stopAfterMs` (tests set it). */
const STOP_AFTER_MS = 250;

let sheet = null; // one constructed stylesheet, adopted by every element's shadow root

class RosterCheck extends HTMLElement {
  static get observedAttributes() {
    return ["lang", "path"];
  }

  constructor() {
    super();
    // A constructed stylesheet, not a <style>: a host page whose CSP has no 'unsafe-inline'
    // refuses <style> elements but not these (tests/browser/host.test.mjs).
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    this.attachShadow({ mode: "open" }).adoptedStyleSheets = [sheet];
    this.blobs = { exmail: null, wecom: null, roster: null }; // File/Blob: the original bytes stay here
    this.names = { exmail: "", wecom: "", roster: "" };
    this.read = { exmail: {}, wecom: {}, roster: {} }; // ReadOptions the user corrected
    this.ctx = {
      path: "bind", advanced_quota: "", enterprise_name: "", domains: "",
      features_in_use: new Set(),
    };
    for (const f of FLAGS) this.ctx[f] = false;
    this.overrides = new Map();
    this.hashes = { exmail: "", wecom: "", roster: "" }; // Promise of each file's SHA-256 ("" = no file)
    this.decisions = new DecisionsKeeper(this); // kept in this browser, and as a file
    this.failure = null; // the last failed read or check, shown on its file's box
    this.lastInputs = {}; // how each file was last read (its panel stays after a failed check)
    this.checkedOnce = false;
    this.query = { type: "", matched_by: "", has_findings: false, q: "", code: "" };
    this.formats = { roster: "csv", report: "csv" };
    this.result = null; // the worker's answer to the last check, its groups in `result.lang`
    this.words = null; // the module's words(): labels of fields, files, severities in every language
    this.running = false;
    this.again = false;
    this.langSeq = 0;
  }

  /** The language asked for (the `lang` attribute): zh, zh-TW or en. */
  get wantedLang() {
    return langOf(this.getAttribute("lang"));
  }
  /** The language drawn in: the one asked for once its chunk is in, Chinese until then (or
   * if it cannot load). */
  get lang() {
    return hasLang(this.wantedLang) ? this.wantedLang : "zh";
  }
  get t() {
    return STRINGS[this.lang];
  }
  get help() {
    return HELP[this.lang];
  }
  /** The files a check needs are there: the Exmail list, and the WeCom contacts unless path `new`. */
  get ready() {
    return !!this.blobs.exmail && (!!this.blobs.wecom || this.ctx.path === "new");
  }
  get needFiles() {
    return this.ctx.path === "new" ? this.t.need_files_new : this.t.need_files;
  }

  connectedCallback() {
    if (this.built) {
      // Back on the page after its worker was ended: a new one, given the files again.
      if (!this.engine.worker) this.restartEngine().then(() => this.ready && this.runCheck(), (err) => this.showFailure(err));
      return;
    }
    if (!hasLang(this.wantedLang) && !this.langTried) {
      // Each language but zh is a chunk of its own: drawn once it is in (in Chinese if it cannot load).
      this.langTried = true;
      loadLang(this.wantedLang).catch(() => {}).then(() => this.isConnected && this.connectedCallback());
      return;
    }
    this.built = true;
    this.ctx.path = this.getAttribute("path") === "new" ? "new" : "bind";
    this.engine = new Engine((stage) => this.progress(stage));
    this.render();
    // `<roster-check sample>` or a page URL with `?sample` opens on the built-in sample company.
    if (this.hasAttribute("sample") || new URLSearchParams(location.search).has("sample")) this.loadSample();
  }

  /** Taken off the page: its worker ends (its memory with it). Not when only moved (removed
   * and inserted again by one script, before its microtasks run). */
  disconnectedCallback() {
    queueMicrotask(() => {
      if (!this.isConnected) this.engine?.terminate();
    });
  }

  attributeChangedCallback(name, old, value) {
    if (!this.built || old === value) return;
    if (name === "lang") {
      this.switchLang();
      return;
    }
    this.ctx.path = value === "new" ? "new" : "bind";
    this.render();
    if (this.ready) this.runCheck();
  }

  /** Drawn again in the language asked for, with the result's texts in it: the worker renders
   * the same findings anew (Check.messages, rules(), words()) — no second check. */
  async switchLang() {
    const seq = ++this.langSeq;
    await loadLang(this.wantedLang).catch(() => {});
    if (seq !== this.langSeq) return;
    const lang = this.lang;
    if (this.result && this.result.lang !== lang) {
      const view = await this.engine.call("view", { lang }).catch(() => null);
      if (seq !== this.langSeq) return;
      if (view) this.result = { ...this.result, ...view };
    }
    const focused = this.shadowRoot.activeElement;
    const focusLang = focused?.name === "lang" ? focused.value : null;
    this.render();
    if (focusLang) this.shadowRoot.querySelector(`button[name=lang][value="${focusLang}"]`)?.focus();
  }

  // ---- layout -------------------------------------------------------------------------------

  render() {
    const t = this.t;
    const htmlLang = LANGS.find(([code]) => code === this.lang)[2];
    document.documentElement.lang ||= htmlLang;
    this.setAttribute("data-lang", this.lang);
    this.shadowRoot.replaceChildren(
      (this.panel = h("div", { class: "rc", lang: htmlLang },
        h("header", { class: "rc-head" },
          h("div", { class: "rc-titles" },
            h("h1", { part: "title", text: t.title }),
            h("p", { class: "rc-sub", text: t.subtitle })),
          this.renderLangs()),
        h("p", { class: "rc-privacy", text: t.privacy }),
        renderFiles(this),
        renderContext(this),
        (this.statusEl = h("div", { class: "rc-status", role: "status", "aria-live": "polite" })),
        (this.errorEl = h("div", { class: "rc-error", role: "alert", "data-alert-for": "page" })),
        (this.resultEl = h("section", { class: "rc-result", "aria-labelledby": "rc-h-result", hidden: true })),
        (this.findingsEl = h("section", { class: "rc-findings", "aria-labelledby": "rc-h-findings", hidden: true })),
        renderTable(this),
        (this.checklistEl = h("section", { class: "rc-checklist", "aria-labelledby": "rc-h-checklist", hidden: true })),
        this.renderDialog())),
    );
    this.showStatus(this.ready ? "" : this.needFiles);
    this.alertEls.page = this.errorEl;
    if (this.result) this.showResult(this.result, false);
    else renderReading(this, this.lastInputs);
    if (this.failure) this.showFailure(this.failure);
    renderCodeChip(this);
  }

  /** The language switch: one button per language, named in its own language, the current
   * one pressed. */
  renderLangs() {
    return h("div", { class: "rc-langs", role: "group", "aria-label": this.t.lang_label },
      LANGS.map(([code, name, htmlLang]) => h("button", {
        type: "button", name: "lang", value: code, class: "rc-btn rc-lang", lang: htmlLang, text: name,
        "aria-pressed": String(code === this.lang),
        on: { click: () => this.setAttribute("lang", code) },
      })));
  }

  renderDialog() {
    this.dialog = h("dialog", { class: "rc-dialog", "aria-labelledby": "rc-h-settle" });
    this.dialog.addEventListener("close", () => this.lastSettleButton?.focus?.());
    return this.dialog;
  }

  // ---- running ------------------------------------------------------------------------------

  optionsChanged() {
    if (this.ready) return this.runCheck();
    // Back to path bind without a WeCom file: what is shown was checked without one.
    if (this.result) this.clearResult();
    this.showStatus(this.needFiles);
  }

  async runCheck({ keepError = false } = {}) {
    if (!this.ready) {
      this.showStatus(this.needFiles);
      return;
    }
    if (this.running) {
      this.again = true;
      // A long check asked for again (an option changed at a million rows) is stopped, not
      // waited for: its worker ends, its memory with it, and a new one is given the files.
      if (!this.stopping && performance.now() - this.startedAt > (this.stopAfterMs ?? STOP_AFTER_MS)) {
        this.stopping = this.restartEngine().then(() => null, (err) => err);
      }
      return;
    }
    this.running = true;
    if (!keepError) this.clearFailure();
    this.setBusy(true);
    const t0 = performance.now();
    this.startedAt = t0;
    try {
      if (this.stopping) {
        const stopping = this.stopping;
        this.stopping = null;
        const failed = await stopping; // the new worker could not be given the files
        if (failed) throw failed;
      }
      const hashes = {};
      for (const k of KINDS) hashes[k] = await this.hashes[k];
      await this.decisions.sync(hashes);
      this.words ??= await this.engine.call("words");
      // Stopped while it waited here: the new worker has no files until the next run sends them.
      if (this.stopping) throw Object.assign(new Error("stopped"), { stopped: true });
      const res = await this.engine.call("check", { options: checkOptions(this) });
      if (!this.again) {
        res.ms = performance.now() - t0;
        /** Where the time went (ms): in the module's check, parsing its report, in all. */
        this.timing = { ...res.timing, total: res.ms };
        const first = !this.result;
        this.result = res;
        this.lastInputs = { ...res.inputs };
        this.showResult(res, true);
        if (first && this.resultEl.getBoundingClientRect().top > window.innerHeight * 0.8) {
          this.resultEl.scrollIntoView({ behavior: "smooth", block: "start" });
        }
        this.showStatus(fmt(this.t.progress_done, { s: (res.ms / 1000).toFixed(1) }));
        this.dispatchEvent(new CustomEvent("result", { detail: res.summary, bubbles: true }));
        // Switched while it ran: its texts follow the page.
        if (res.lang !== this.lang) this.switchLang();
      }
    } catch (err) {
      // Stopped for a newer check (above): that one follows in `finally`.
      if (err.stopped && this.again) return;
      // Never leave a result (or its downloads) on screen that is not these files' result.
      const cleared = !!this.result;
      this.clearResult();
      if (err.poisoned) await this.restartEngine().catch(() => {});
      this.showStatus("");
      this.showFailure(err, cleared);
      const { file, code } = describeFailure(err, this.lang);
      this.dispatchEvent(new CustomEvent("check-error", { detail: { message: err.message, file, code }, bubbles: true }));
    } finally {
      this.running = false;
      this.checkedOnce = true;
      const button = this.shadowRoot.querySelector("button[name=check]");
      if (button) button.textContent = this.t.recheck;
      this.setBusy(false);
      if (this.again) {
        this.again = false;
        this.runCheck();
      }
    }
  }

  settle(email, choice) {
    if (choice) this.overrides.set(email, choice);
    else this.overrides.delete(email);
    this.dialog.close();
    this.decisions.changed();
  }

  openSettle(email) {
    return openSettle(this, email);
  }

  /** Opens the built-in sample company (or the files of `sample-base`) and checks it
   * (element.d.ts). */
  loadSample() {
    return loadSample(this);
  }

  async restartEngine() {
    this.engine.restart();
    const files = {};
    const transfer = [];
    for (const k of KINDS) {
      if (this.blobs[k]) {
        files[k] = await this.blobs[k].arrayBuffer();
        transfer.push(files[k]);
      }
    }
    await this.engine.call("files", { files }, transfer);
  }

  progress(stage) {
    // Worker stages (load, index) around the module's own (read, records, match, rules, report, done).
    const steps = ["load", "read", "records", "match", "rules", "report", "done", "index"];
    const step = steps.indexOf(stage);
    const key = { records: "progress_read", done: "progress_report" }[stage] || `progress_${stage}`;
    if (step < 0 || !this.running || !this.t[key]) return;
    this.showStatus(this.t[key], (step + 1) / (steps.length + 1));
  }

  setBusy(busy) {
    this.toggleAttribute("busy", busy);
    this.panel?.setAttribute("aria-busy", busy ? "true" : "false");
    if (busy) this.showStatus(this.t.progress_send, 0.05);
  }

  showStatus(text, fraction) {
    if (!this.statusEl) return;
    const kids = [h("span", { class: "rc-status-text", text })];
    if (fraction != null) {
      kids.unshift(h("progress", { max: 1, value: fraction, "aria-label": text }));
    }
    this.statusEl.replaceChildren(...kids);
    this.statusEl.hidden = !text;
  }

  showError(text) {
    if (!this.errorEl) return;
    this.errorEl.textContent = text;
  }

  /** A failed read or check, on the box of the file it concerns, in the page's language. */
  showFailure(err, cleared = this.failureCleared) {
    const t = this.t;
    this.failure = err;
    this.failureCleared = cleared;
    const { file, text, whole } = describeFailure(err, this.lang);
    for (const el of Object.values(this.alertEls)) el.textContent = "";
    const lead = whole ? "" : file === "options" ? t.options_failed : file ? t.read_failed : t.error;
    (this.alertEls[file] || this.errorEl).textContent = lead + text + (cleared ? `\n${t.cleared_note}` : "");
    this.shadowRoot.querySelector(`.rc-drop[data-file=${file}]`)?.classList.add("rc-failed");
  }

  clearFailure() {
    this.failure = null;
    for (const el of Object.values(this.alertEls || {})) el.textContent = "";
    for (const el of this.shadowRoot.querySelectorAll(".rc-drop.rc-failed")) el.classList.remove("rc-failed");
  }

  /** After a failed check: no counts, findings, table or downloads of files no longer chosen. */
  clearResult() {
    this.result = null;
    for (const el of [this.resultEl, this.findingsEl, this.tableEl, this.checklistEl]) el.hidden = true;
    this.resultEl.replaceChildren();
    this.vtable.reset(0);
    renderReading(this, this.lastInputs);
  }

  // ---- results ------------------------------------------------------------------------------

  showResult(res, fresh) {
    // Columns found by content (column-guessed) or not found (missing-column): the files'
    // mapping panels open by themselves, once per check.
    const filesOf = (code) => (res.groups.find((g) => g.code === code)?.files || []).filter((f) => KINDS.includes(f));
    this.guessedFiles = filesOf("column-guessed");
    this.renderSummary(res);
    renderReading(this, res.inputs);
    if (fresh) {
      for (const kind of [...this.guessedFiles, ...filesOf("missing-column")]) {
        if (this.readEls[kind] && !this.readEls[kind].hidden) this.readEls[kind].open = true;
      }
    }
    renderGroups(this, res.groups);
    renderChecklist(this, res.checklist, FEATURES);
    labelFilters(this);
    this.tableEl.hidden = false;
    this.resultEl.hidden = false;
    this.findingsEl.hidden = false;
    this.checklistEl.hidden = false;
    reloadRows(this, fresh);
  }

  /** What the verdict says (verdict-panel.js): importable, confirm or not-importable. */
  verdict(res) {
    return verdictOf(res.summary);
  }

  renderSummary(res) {
    renderSummary(this, res);
  }

  saveFile(bytes, name, type) {
    saveFile(this, bytes, name, type);
  }
}

if (!customElements.get("roster-check")) customElements.define("roster-check", RosterCheck);

export { RosterCheck };
