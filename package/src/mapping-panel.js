// How each file was read, under its box: format, encoding or sheet, header row, and which
// column is read as which field — each of them the admin can correct (the check runs again).
//
// `host` is the <roster-check> element: t, lang, words, blobs, read (the corrections it owns),
// readEls, guessedFiles, optionsChanged().
import { h } from "./dom.js";
import { word } from "./i18n.js";

export const KINDS = ["exmail", "wecom", "roster"];
const FIELDS = {
  exmail: ["email", "name", "mobile", "wechat_id", "department", "status", "alias"],
  wecom: ["userid", "name", "mobile", "wechat_id", "biz_mail", "email", "department", "status", "alias"],
  roster: ["email", "type", "userid", "name"],
};
const ENCODINGS = ["utf-8", "gb18030", "utf-16le", "utf-16be", "big5"];
let uid = 0;

/** A field's name in the page's language; the WeCom file's `email` is the personal address. */
function fieldName(host, kind, field) {
  return kind === "wecom" && field === "email"
    ? word(host.words, "matched_by", "email", host.lang)
    : word(host.words, "field", field, host.lang);
}

export function renderReading(host, inputs) {
  const t = host.t;
  for (const kind of KINDS) {
    const el = host.readEls[kind];
    const info = inputs[kind];
    if (!el) continue;
    if (!info || !host.blobs[kind]) {
      el.hidden = true;
      continue;
    }
    const wasOpen = el.open;
    const r = host.read[kind];
    const changed = () => host.optionsChanged();
    const summaryBits = [info.format.toUpperCase(), info.encoding, info.sheet,
      info.header_row ? `${t.header_row} ${info.header_row}` : null, `${t.rows_read} ${info.rows}`].filter(Boolean);
    const mapped = new Map(info.columns);
    const headerOptions = (field) => {
      const current = r.columns?.[field] ?? "";
      const auto = mapped.get(field);
      return [h("option", { value: "", selected: current === "", text: auto ? `${t.col_auto}: ${auto}` : `${t.col_auto}: —` }),
        ...info.headers.map((hd, i) => h("option", {
          value: String(i + 1), selected: current === String(i + 1), text: `${colName(i)} · ${hd || "—"}`,
        }))];
    };
    const id = (s) => `rc-${kind}-${s}-${++uid}`;
    const encId = id("enc");
    const hrId = id("hr");
    const sheetId = id("sheet");
    const grid = h("div", { class: "rc-read-grid" },
      info.format !== "xlsx" && info.format !== "xls" && info.format !== "ods"
        ? h("div", { class: "rc-field" },
          h("label", { for: encId, text: t.encoding }),
          h("select", { id: encId, name: `${kind}-encoding`, on: { change: (e) => { r.encoding = e.target.value || undefined; changed(); } } },
            h("option", { value: "", selected: !r.encoding, text: `${t.enc_auto}${info.encoding ? ` (${info.encoding})` : ""}` }),
            ENCODINGS.map((enc) => h("option", { value: enc, selected: r.encoding === enc, text: enc }))))
        : h("div", { class: "rc-field" },
          h("label", { for: sheetId, text: t.sheet }),
          h("input", { id: sheetId, type: "text", name: `${kind}-sheet`, value: r.sheet || info.sheet || "",
            on: { change: (e) => { r.sheet = e.target.value.trim() || undefined; changed(); } } })),
      h("div", { class: "rc-field" },
        h("label", { for: hrId, text: t.header_row }),
        h("input", { id: hrId, type: "number", min: "1", step: "1", name: `${kind}-header-row`, inputMode: "numeric",
          value: r.header_row || "", placeholder: `${t.auto}: ${info.header_row ?? "—"}`,
          on: { change: (e) => { const v = parseInt(e.target.value, 10); r.header_row = v > 0 ? v : undefined; changed(); } } })),
      FIELDS[kind].map((field) => {
        const fid = id(`col-${field}`);
        return h("div", { class: "rc-field" },
          h("label", { for: fid, text: fieldName(host, kind, field) }),
          h("select", { id: fid, name: `${kind}-col-${field}`, on: { change: (e) => {
            r.columns ||= {};
            if (e.target.value) r.columns[field] = e.target.value;
            else delete r.columns[field];
            changed();
          } } }, headerOptions(field)));
      }),
      h("button", { type: "button", class: "rc-link", name: `${kind}-reset`, text: t.reset_reading,
        on: { click: () => { host.read[kind] = {}; changed(); } } }));
    el.replaceChildren(
      h("summary", {}, h("span", { text: `${t.read_as}: ` }), h("span", { class: "rc-read-sum", text: summaryBits.join(" · ") })),
      grid);
    el.open = wasOpen;
    el.hidden = false;
  }
}

/** "Read them as guessed": each column the engine found by content (inputs.*.guessed)
 * becomes the admin's own mapping — the field it was read as, or, for a column left unread,
 * the field it looks like when no other column has that field — so nothing is guessed. */
export function confirmColumns(host, inputs) {
  for (const kind of host.guessedFiles) {
    const info = inputs[kind];
    if (!info) continue;
    const r = host.read[kind];
    r.columns ||= {};
    for (const g of info.guessed || []) {
      const field = g.field || g.looks_like;
      if (!g.field && info.columns.some(([f]) => f === field)) continue;
      if (!(field in r.columns)) r.columns[field] = g.column;
    }
  }
  host.optionsChanged();
}

/** 0 → A, 25 → Z, 26 → AA. */
function colName(i) {
  let s = "";
  for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}
