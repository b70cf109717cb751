// The result's head: the verdict (可以导入 only when no error remains and nothing rests on a
// guess), the counts, the downloads, the support summary, and the decisions.
//
// `host` is the <roster-check> element: t, lang, guessedFiles, read, resultEl, decisions,
// optionsChanged().
import { h } from "./dom.js";
import { fmt } from "./i18n.js";
import { confirmColumns } from "./mapping-panel.js";
import { renderDownloads } from "./downloads.js";
import { renderSupport } from "./support.js";
import { filterCode } from "./table-panel.js";

/** What the verdict says: the engine's `summary.verdict` — importable (no error, nothing to
 * confirm), confirm (no error, but findings of a rule flagged `confirm` rest on a guess:
 * a column or sheet read without the admin's word, a doubtful match), or not-importable. */
export function verdictOf(summary) {
  return summary.verdict;
}

/** What is left to confirm (`summary.confirm` of them), from the groups of flagged rules:
 * the files whose columns were guessed, the files whose sheet was chosen, and the matches — the
 * flagged findings naming an account (the count the engine gives, less the reading's). */
export function openToConfirm(host, res) {
  const flagged = res.groups.filter((g) => g.confirm);
  const reading = flagged.filter((g) => !g.accounts);
  const files = (code) => reading.filter((g) => g.code === code).flatMap((g) => g.files || []);
  return {
    columns: host.guessedFiles || [],
    sheets: files("sheet-chosen"),
    matches: res.summary.confirm - reading.reduce((n, g) => n + g.count, 0),
    matchGroups: flagged.filter((g) => g.accounts),
  };
}

/** File kinds by their short names, listed in the page's language. */
export function filesNamed(host, files) {
  return files.map((f) => host.t[`file_${f}_short`]).join(host.lang === "en" ? ", " : "、");
}

/** "Keep this worksheet": each file's sheet as read becomes the admin's own choice. */
function confirmSheets(host, res, files) {
  for (const kind of files) {
    if (res.inputs[kind]?.sheet) host.read[kind].sheet = res.inputs[kind].sheet;
  }
  host.optionsChanged();
}

/** The lines of the confirm state: each thing to confirm, with the way to it. */
function confirmLines(host, res, open) {
  const t = host.t;
  const lines = [];
  if (open.columns.length) {
    lines.push(h("p", { text: fmt(t.columns_note, { files: filesNamed(host, open.columns) }) }));
  }
  if (open.sheets.length) {
    lines.push(h("p", { text: fmt(t.sheet_note, { files: filesNamed(host, open.sheets) }) }),
      h("button", { type: "button", class: "rc-btn", name: "confirm-sheet", text: t.sheet_confirm,
        on: { click: () => confirmSheets(host, res, open.sheets) } }));
  }
  if (open.matches > 0) {
    lines.push(h("p", { "data-confirm": "matches", text: fmt(t.matches_note, { n: open.matches }) }),
      ...open.matchGroups.map((g) => h("button", { type: "button", class: "rc-link", name: "show-confirm",
        "data-code": g.code, text: fmt(t.show_matches, { title: g.title }), on: { click: () => filterCode(host, g.code) } })));
  }
  return lines;
}

export function renderSummary(host, res) {
  const t = host.t;
  const s = res.summary;
  const verdict = verdictOf(s);
  const open = openToConfirm(host, res);
  const tile = (key, label, extra = "") => h("div", { class: `rc-tile ${extra}` },
    h("span", { class: "rc-num", "data-count": key, text: String(s[key]) }),
    h("span", { class: "rc-tile-label", text: label }));
  const onlyColumns = !open.sheets.length && open.matches <= 0;
  const state = {
    "importable": ["rc-ok", "✓", t.importable_yes, t.importable_yes_note],
    "confirm": ["rc-warn", "!", onlyColumns ? t.columns_title : t.confirm_title, null],
    "not-importable": ["rc-bad", "✗", t.importable_no, fmt(t.importable_no_note, { n: s.errors })],
  }[verdict];
  host.resultEl.replaceChildren(
    h("h2", { id: "rc-h-result", text: t.result }),
    h("div", { class: `rc-state ${state[0]}`, "data-importable": String(s.importable), "data-verdict": verdict,
      "data-confirm": String(s.confirm) },
      h("span", { class: "rc-state-icon", "aria-hidden": "true", text: state[1] }),
      h("div", {},
        h("strong", { class: "rc-state-title", text: state[2] }),
        state[3] ? h("p", { text: state[3] }) : null,
        verdict === "not-importable" && open.columns.length
          ? h("p", { text: fmt(t.columns_note, { files: filesNamed(host, open.columns) }) }) : null,
        verdict === "confirm" ? confirmLines(host, res, open) : null,
        open.columns.length ? h("button", { type: "button", class: "rc-btn", name: "confirm-columns", text: t.columns_confirm,
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
    renderDownloads(host, verdict, open, (files) => filesNamed(host, files)),
    renderSupport(host),
    host.decisions.render(),
  );
}
