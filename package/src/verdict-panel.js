// The result's head: the verdict (可以导入 only when no error remains and no column was
// guessed), the counts, the downloads, the support summary, and the decisions.
//
// `host` is the <roster-check> element: t, lang, guessedFiles, resultEl, decisions.
import { h } from "./dom.js";
import { fmt } from "./i18n.js";
import { confirmColumns } from "./mapping-panel.js";
import { renderDownloads } from "./downloads.js";
import { renderSupport } from "./support.js";

/** What the verdict says: importable (no error, every column confirmed), confirm-columns
 * (no error, but a column was guessed from its cells), or not-importable. */
export function verdictOf(summary, guessedFiles) {
  if (!summary.importable) return "not-importable";
  return guessedFiles?.length ? "confirm-columns" : "importable";
}

export function renderSummary(host, res) {
  const t = host.t;
  const s = res.summary;
  const verdict = verdictOf(s, host.guessedFiles);
  const filesNamed = (host.guessedFiles || []).map((f) => t[`file_${f}_short`]).join(host.lang === "en" ? ", " : "、");
  const tile = (key, label, extra = "") => h("div", { class: `rc-tile ${extra}` },
    h("span", { class: "rc-num", "data-count": key, text: String(s[key]) }),
    h("span", { class: "rc-tile-label", text: label }));
  const state = {
    "importable": ["rc-ok", "✓", t.importable_yes, t.importable_yes_note],
    "confirm-columns": ["rc-warn", "!", t.columns_title, fmt(t.columns_note, { files: filesNamed })],
    "not-importable": ["rc-bad", "✗", t.importable_no, fmt(t.importable_no_note, { n: s.errors })],
  }[verdict];
  host.resultEl.replaceChildren(
    h("h2", { id: "rc-h-result", text: t.result }),
    h("div", { class: `rc-state ${state[0]}`, "data-importable": String(s.importable), "data-verdict": verdict },
      h("span", { class: "rc-state-icon", "aria-hidden": "true", text: state[1] }),
      h("div", {},
        h("strong", { class: "rc-state-title", text: state[2] }),
        h("p", { text: state[3] }),
        verdict === "not-importable" && host.guessedFiles.length ? h("p", { text: fmt(t.columns_note, { files: filesNamed }) }) : null,
        host.guessedFiles.length ? h("button", { type: "button", class: "rc-btn", name: "confirm-columns", text: t.columns_confirm,
          on: { click: () => confirmColumns(host, res.inputs) } }) : null)),
    h("div", { class: "rc-tiles" },
      tile("accounts", t.c_accounts, "rc-tile-main"),
      tile("member", t.c_member),
      tile("other", t.c_other),
      tile("unassigned", t.c_unassigned, s.unassigned ? "rc-tile-bad" : ""),
      tile("errors", t.c_errors, s.errors ? "rc-tile-bad" : ""),
      tile("warnings", t.c_warnings, s.warnings ? "rc-tile-warn" : ""),
      tile("infos", t.c_infos),
      tile("wecom_members", t.c_wecom_members)),
    renderDownloads(host, verdict),
    renderSupport(host),
    host.decisions.render(),
  );
}
