// The decisions panel of the result: what is kept in this browser (and a control to forget
// it), the notice when decisions came back, and the decisions file to download and to load
// (the CLI's --overrides format). Storage and the file format: decisions.js.
//
// `host` is the <roster-check> element: overrides (a Map it owns), t, lang, runCheck(),
// renderSummary(result), saveFile(), showStatus().
import { h } from "./dom.js";
import { LANGS, fmt } from "./i18n.js";
import { filesKey, storageProblem, loadStored, store, forgetStored, decisionsFile, hasReading, parseOverrides } from "./decisions.js";

let uid = 0;

export class DecisionsKeeper {
  constructor(host) {
    this.host = host;
    this.key = null; // the files' key; null: no key (no SubtleCrypto)
    this.keep = true; // false once the admin chose to forget them in this browser
    this.restored = null; // { n, saved } when decisions came back for these files
    this.stored = false;
  }

  /** Before a check, with the files' hashes: decisions stored for these files come back when
   * none are in hand (so restoring costs no second check); decisions in hand are kept for them. */
  async sync(hashes) {
    const key = await filesKey(hashes).catch(() => null);
    if (key === this.key) {
      this.save(); // the reading may have changed (columns confirmed or corrected)
      return;
    }
    Object.assign(this, { key, restored: null, keep: true, stored: false });
    const stored = loadStored(key);
    const host = this.host;
    const overrides = !!stored?.overrides.size && !host.overrides.size;
    // The columns the admin confirmed or corrected for these files come back with the decisions.
    const read = !!stored?.read && !hasReading(host.read);
    if (overrides) host.overrides = stored.overrides;
    if (read) for (const k of Object.keys(host.read)) host.read[k] = stored.read[k] || {};
    if (overrides || read) {
      this.restored = { n: overrides ? stored.overrides.size : 0, read, saved: stored.saved };
      this.stored = true;
    } else {
      this.save();
    }
  }

  save() {
    const host = this.host;
    const kept = host.overrides.size > 0 || hasReading(host.read);
    this.stored = this.keep && !!this.key && store(this.key, host.overrides, host.read) && kept;
  }

  /** The admin settled, undid or loaded decisions: keep them and check again. */
  changed() {
    this.restored = null;
    this.save();
    this.host.runCheck();
  }

  async load(file, alert) {
    const t = this.host.t;
    try {
      const overrides = parseOverrides(await file.text());
      this.host.overrides = overrides;
      alert.textContent = "";
      this.changed();
      this.host.showStatus(fmt(t.decisions_loaded, { n: overrides.size, name: file.name }));
    } catch (err) {
      alert.textContent = err.reason === "json" ? t.decisions_bad_json : fmt(t.decisions_bad_shape, { address: err.address ?? "" });
    }
  }

  render() {
    const host = this.host;
    const t = host.t;
    const n = host.overrides.size;
    const problem = storageProblem();
    const inputId = `rc-decisions-${++uid}`;
    const again = () => host.renderSummary(host.result);
    const when = this.restored && new Date(this.restored.saved).toLocaleString(LANGS.find(([code]) => code === host.lang)[2]);
    const keepNote = problem
      ? h("p", { class: "rc-hint rc-keep", "data-keep": problem, text: problem === "insecure" ? t.decisions_insecure : t.decisions_nostorage })
      : !n && !hasReading(host.read) ? null
        : this.stored
          ? h("p", { class: "rc-hint rc-keep", "data-keep": "stored" }, t.decisions_saved, " ",
            h("button", { type: "button", class: "rc-link", name: "forget-decisions", text: t.decisions_forget,
              on: { click: () => { forgetStored(this.key); Object.assign(this, { keep: false, stored: false, restored: null }); again(); } } }))
          : h("p", { class: "rc-hint rc-keep", "data-keep": "no" }, t.decisions_forgotten, " ",
            h("button", { type: "button", class: "rc-link", name: "keep-decisions", text: t.decisions_keep,
              on: { click: () => { this.keep = true; this.save(); again(); } } }));
    const alert = h("div", { class: "rc-error", role: "alert", "data-alert-for": "decisions" });
    const input = h("input", { type: "file", name: "decisions", id: inputId, accept: ".json,application/json", class: "rc-file-input",
      on: { change: () => { if (input.files[0]) this.load(input.files[0], alert); input.value = ""; } } });
    return h("div", { class: "rc-decisions" },
      when && this.restored.n ? h("p", { class: "rc-restored", role: "status", text: fmt(t.decisions_restored, { n: this.restored.n, when }) }) : null,
      when && this.restored.read ? h("p", { class: "rc-restored", role: "status", "data-restored": "read", text: fmt(t.reading_restored, { when }) }) : null,
      n ? h("p", { class: "rc-overrides" }, fmt(t.overrides_n, { n }), " ",
        h("button", { type: "button", class: "rc-link", name: "clear-overrides", text: t.overrides_clear,
          on: { click: () => { host.overrides.clear(); this.changed(); } } })) : null,
      keepNote,
      h("div", { class: "rc-dl" },
        n ? h("button", { type: "button", class: "rc-btn", name: "download-decisions", text: t.decisions_download,
          on: { click: () => host.saveFile(decisionsFile(host.overrides), `${t.decisions_file_name}.json`,
            "application/json") } }) : null,
        input,
        h("label", { for: inputId, class: "rc-btn", text: t.decisions_load })),
      alert,
      h("p", { class: "rc-hint", text: t.decisions_hint }));
  }
}
