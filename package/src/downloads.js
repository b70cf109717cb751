// The result's downloads: the 邮箱名单 to import (asking first when the verdict does not clear
// it) and the findings, each in the format picked beside it; and how a file is handed to the
// browser.
//
// `host` is the <roster-check> element: engine, t, lang, formats (it owns), result, verdict(),
// panel, showStatus(), showError(), restartEngine(), runCheck(). `open` is what is left to
// confirm (verdict-panel.js openToConfirm), `named(files)` lists files by name.
import { h } from "./dom.js";
import { fmt } from "./i18n.js";
import { confirmStep } from "./confirm.js";

let uid = 0;

export function renderDownloads(host, verdict, open, named) {
  const t = host.t;
  const fmtSel = (name, label, values, kind) => {
    const id = `rc-${name}-${++uid}`;
    return h("span", { class: "rc-inline" },
      h("label", { for: id, class: "rc-sr", text: label }),
      h("select", { id, name, "aria-label": label, on: { change: (e) => { host.formats[kind] = e.target.value; } } },
        values.map((v) => h("option", { value: v, selected: host.formats[kind] === v, text: v.toUpperCase() }))));
  };
  return h("div", { class: "rc-downloads" },
    h("div", { class: "rc-dl" },
      fmtSel("roster-format", t.roster_format, ["csv", "xlsx"], "roster"),
      // The primary action only when the roster can be imported as it is; else it asks first.
      h("button", { type: "button", name: "download-roster", class: verdict === "importable" ? "rc-btn rc-primary" : "rc-btn",
        "data-asks": verdict === "importable" ? null : "true", text: t.download_roster,
        on: { click: () => download(host, "roster", open, named) } })),
    h("div", { class: "rc-dl" },
      fmtSel("report-format", t.report_format, ["csv", "xlsx", "json"], "report"),
      h("button", { type: "button", name: "download-report", class: "rc-btn", text: t.download_report,
        on: { click: () => download(host, "report") } })));
}

/** The roster or the findings, from the worker's last check; the findings in the page's language. */
async function download(host, kind, open, named) {
  const format = host.formats[kind];
  if (kind === "roster" && host.result && host.verdict(host.result) !== "importable"
    && !(await confirmDownload(host, open, named))) return;
  try {
    const { bytes } = await host.engine.call("export", { kind, format, lang: host.lang });
    const base = kind === "roster" ? host.t.roster_file_name : host.t.report_file_name;
    const type = { csv: "text/csv;charset=utf-8", json: "application/json",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }[format];
    saveFile(host, bytes, `${base}.${format}`, type);
    host.dispatchEvent(new CustomEvent("export", { detail: { kind, format }, bubbles: true }));
  } catch (err) {
    host.showError(host.t.export_error + err.message);
    if (err.poisoned) {
      // The module instance is gone with its result: start a new one and check again.
      await host.restartEngine().catch(() => {});
      host.runCheck({ keepError: true });
    }
  }
}

/** Asks before handing out a roster the verdict does not clear, naming what is open: the
 * errors, the guessed columns, the chosen sheets, the matches to confirm. */
function confirmDownload(host, open, named) {
  const t = host.t;
  const res = host.result;
  const errors = res.groups.filter((g) => g.severity === "error");
  const lines = [];
  if (errors.length) {
    lines.push(fmt(t.dl_confirm_errors, { n: res.summary.errors }),
      groupList(errors));
  }
  if (open?.columns.length) lines.push(fmt(t.dl_confirm_columns, { files: named(open.columns) }));
  if (open?.sheets.length) lines.push(fmt(t.dl_confirm_sheets, { files: named(open.sheets) }));
  if (open?.matches > 0) {
    lines.push(fmt(t.dl_confirm_matches, { n: open.matches }), groupList(open.matchGroups));
  }
  lines.push(t.dl_confirm_after);
  return confirmStep(host, { name: "download-roster", title: t.dl_confirm_title, lines, ok: t.dl_confirm_ok, cancel: t.dl_confirm_cancel });
}

/** Finding groups as a list: title and count. */
function groupList(groups) {
  return h("ul", { class: "rc-confirm-list" }, groups.map((g) => h("li", { "data-code": g.code,
    text: `${g.title || g.message}（${g.count}）` })));
}

/** Bytes handed to the browser as a download named `name`. */
export function saveFile(host, bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  host.panel.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  host.showStatus(fmt(host.t.downloaded, { name }));
}
