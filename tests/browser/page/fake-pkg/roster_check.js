// A stand-in for pkg/roster_check.js with the same API, for working on the page before the
// real module builds (serve with ROSTER_FAKE_PKG=1). Reads CSV only; matches by enterprise
// address, personal address and mobile. Not used by the tests unless that variable is set.
export default async function init() {}

function table(bytes) {
  let text = new TextDecoder("utf-8").decode(bytes);
  let encoding = "utf-8";
  if (text.includes("\uFFFD")) {
    text = new TextDecoder("gb18030").decode(bytes);
    encoding = "gb18030";
  }
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim()).map((l) => l.split(","));
  return { rows, encoding };
}

const ALIASES = {
  email: ["邮箱帐号", "邮箱账号", "邮箱地址", "帐号", "账号", "email"],
  name: ["姓名", "name"],
  mobile: ["手机", "手机号", "mobile"],
  userid: ["账号", "帐号", "userid"],
  biz_mail: ["企业邮箱", "biz_mail"],
  wemail: ["个人邮箱", "邮箱", "email"],
};

function read(bytes, kind, ro = {}) {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(bytes, kind);
  const { rows, encoding } = table(bytes);
  const hr = ro.header_row ? ro.header_row - 1 : Math.max(0, rows.findIndex((r) => r.some((c) => /姓名|name/i.test(c))));
  const headers = rows[hr] || [];
  const fields = kind === "exmail" ? ["email", "name", "mobile"] : ["userid", "name", "mobile", "biz_mail", "wemail"];
  const columns = [];
  const col = {};
  for (const f of fields) {
    let i = -1;
    if (ro.columns && ro.columns[f]) i = Number(ro.columns[f]) - 1;
    else i = headers.findIndex((h) => ALIASES[f].includes(h.trim()));
    if (i >= 0) { col[f] = i; columns.push([f === "wemail" ? "email" : f, headers[i]]); }
  }
  const recs = rows.slice(hr + 1).map((r, k) => {
    const o = { row: hr + 2 + k };
    for (const [f, i] of Object.entries(col)) o[f] = (r[i] || "").trim();
    return o;
  });
  return { recs, info: { format: "csv", encoding: ro.encoding || encoding, sheet: null, header_row: hr + 1, headers, columns, rows: recs.length } };
}

export function check({ exmail, wecom, roster, options = {}, onProgress }) {
  onProgress?.("read");
  const ex = read(exmail, "exmail", options.exmail_file);
  const we = read(wecom, "wecom", options.wecom_file);
  const en = options.lang === "en";
  onProgress?.("match");
  const idx = { biz_mail: new Map(), wemail: new Map(), mobile: new Map() };
  for (const m of we.recs) for (const k of Object.keys(idx)) if (m[k]) idx[k].set(m[k].toLowerCase(), m);
  const byId = new Map(we.recs.map((m) => [m.userid, m]));
  const findings = [];
  const assignments = ex.recs.filter((r) => r.email).map((r) => {
    const email = r.email.toLowerCase();
    const o = (options.overrides || {})[email];
    let m = null, by = null, ev = null;
    if (o) {
      by = "override";
      if (o.type === "member") m = byId.get(o.userid) || { userid: o.userid, name: null };
    } else {
      for (const [k, v] of [["biz_mail", email], ["wemail", email], ["mobile", r.mobile]]) {
        if (v && idx[k].has(v.toLowerCase())) { m = idx[k].get(v.toLowerCase()); by = k === "wemail" ? "email" : k; ev = v; break; }
      }
    }
    const a = { email, type: m ? "member" : "other", userid: m ? m.userid : null, matched_by: by, evidence: ev,
      row: r.row, name: r.name || "", wecom_name: m ? m.name : null };
    if (!m) findings.push({ code: "other-mailbox-login", severity: "info", file: "exmail", row: r.row, field: "email",
      value: email, email, message: en ? `${email} is an other mailbox` : `${email} 为其他邮箱` });
    if (m && m.name && r.name && m.name !== r.name) findings.push({ code: "name-mismatch", severity: "warning",
      file: "exmail", row: r.row, field: "name", value: r.name, email, message: `${email}（${r.name}）≠ ${m.name}` });
    if (r.mobile && /E\+/i.test(r.mobile)) findings.push({ code: "mobile-mangled", severity: "error", file: "exmail",
      row: r.row, field: "mobile", value: r.mobile, email, message: `手机号“${r.mobile}”已被 Excel 改成科学计数法` });
    return a;
  });
  const taken = new Set(assignments.map((a) => a.userid).filter(Boolean));
  for (const m of we.recs) if (options.path !== "new" && !taken.has(m.userid)) findings.push({ code: "wecom-member-no-mailbox",
    severity: "info", file: "wecom", row: m.row, field: "userid", value: m.userid, email: null, message: `企业微信成员 ${m.userid} 没有分配邮箱` });
  findings.push({ code: "irreversible", severity: "info", file: null, row: null, field: null, value: null, email: null,
    message: en ? "The upgrade cannot be rolled back" : "升级操作不可回退" });
  onProgress?.("rules");
  onProgress?.("report");
  const sev = (s) => findings.filter((f) => f.severity === s).length;
  const count = (t) => assignments.filter((a) => a.type === t).length;
  const report = {
    version: 1,
    summary: { accounts: assignments.length, member: count("member"), other: count("other"), unassigned: count("unassigned"),
      wecom_members: we.recs.length, errors: sev("error"), warnings: sev("warning"), infos: sev("info"), importable: sev("error") === 0 },
    assignments, findings, inputs: { exmail: ex.info, wecom: we.info, roster: null },
  };
  const enc = new TextEncoder();
  return {
    report: () => structuredClone(report),
    exportRoster: ({ format } = {}) => {
      if (format === "xlsx") return new Uint8Array([0x50, 0x4b, 3, 4]);
      const lines = ["邮箱地址,姓名,邮箱类型,企业微信账号,匹配依据", ...assignments.map((a) =>
        [a.email, a.name, a.type === "member" ? "成员邮箱" : "其他邮箱", a.userid || "", a.matched_by || ""].join(","))];
      return enc.encode("\uFEFF" + lines.join("\r\n") + "\r\n");
    },
    exportReport: ({ format } = {}) => enc.encode(format === "json" ? JSON.stringify(report) :
      "\uFEFF" + findings.map((f) => [f.code, f.row ?? "", f.message].join(",")).join("\r\n")),
    members: () => we.recs.map((m) => ({ userid: m.userid, name: m.name || "", row: m.row, department: "",
      status: m.userid === "LiNa" ? "left" : "active",
      mailbox: assignments.find((a) => a.userid === m.userid)?.email ?? null })),
    free() {},
  };
}
function readXlsx() { return { recs: [
  { row: 2, userid: "ZhangWei", name: "张伟", mobile: "13800138000" }, { row: 3, userid: "LiNa", name: "李娜", mobile: "13900139000" },
  { row: 4, userid: "WangFang", name: "王芳", biz_mail: "wang.fang@example.cn" }, { row: 5, userid: "QianQi", name: "钱七", mobile: "13500135000" }],
  info: { format: "xlsx", encoding: null, sheet: "Sheet1", header_row: 1, headers: ["姓名", "账号", "手机"], columns: [["name", "姓名"], ["userid", "账号"]], rows: 4 } }; }
// (the stand-in reads no real XLSX: it knows the test fixture's members)
