// The peer: what a web developer would write instead of roster-check, with Papa Parse (the most
// used in-browser CSV parser). Same work, done the plain way:
//
//   1. decode both files as UTF-8 (TextDecoder) and parse them with `header: true`;
//   2. build the four key Maps over the WeCom members (WeChat id, 企业邮箱, 个人邮箱, mobile),
//      each remembering when a key is on two members (ambiguous), and count the same keys on the
//      exmail side (a key on two accounts is ambiguous too);
//   3. match every distinct exmail address by the cascade WeChat id → 企业邮箱 == address →
//      个人邮箱 == address → mobile, taking the first key that is unambiguous on both sides and
//      whose member is not yet claimed; everything else is an "other" mailbox;
//   4. write the 邮箱名单 with `Papa.unparse` (UTF-8 with BOM, CRLF: what Excel opens) as bytes.
//
// It does not detect encodings (Papa reads strings: a GBK export decoded as UTF-8 becomes U+FFFD
// mojibake and matches nothing), find headers by content, report findings, or check the upgrade
// rules — roster-check does all of that on top, so this peer is the cheaper job.

import Papa from "papaparse";

const AMBIGUOUS = Symbol("ambiguous");

// Header names of the consoles' exports (roster-synth's default "console" layout).
const EX = { email: "邮箱帐号", name: "姓名", mobile: "手机", wechat: "微信ID" };
const WC = {
  userid: "账号",
  name: "姓名",
  mobile: "手机",
  email: "个人邮箱",
  biz: "企业邮箱",
  wechat: "微信ID",
};

const normEmail = (s) => (s ?? "").trim().toLowerCase();
const normWechat = (s) => (s ?? "").trim();
/** 138 0013 8000, +86-138…, 0086 138…, full-width digits → 13800138000; anything else → "". */
function normMobile(s) {
  if (!s) return "";
  if (/^1[3-9]\d{9}$/.test(s)) return s; // the usual case, no copy
  let d = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  d = d.replace(/[\s\-()]/g, "");
  if (d.startsWith("+86")) d = d.slice(3);
  else if (d.startsWith("0086")) d = d.slice(4);
  return /^1[3-9]\d{9}$/.test(d) ? d : "";
}

/** key → member, or AMBIGUOUS when two members carry it. */
function index(members, keyOf) {
  const map = new Map();
  for (const m of members) {
    const k = keyOf(m);
    if (!k) continue;
    map.set(k, map.has(k) ? AMBIGUOUS : m);
  }
  return map;
}

/** key → how many exmail rows carry it. */
function count(rows, keyOf) {
  const map = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    if (k) map.set(k, (map.get(k) ?? 0) + 1);
  }
  return map;
}

const decoder = new TextDecoder("utf-8");

/**
 * @param {Uint8Array} exmailBytes @param {Uint8Array} wecomBytes
 * @param {(stage: string) => void} [mark] called as each stage starts
 * @returns {{ roster: Uint8Array, accounts: number, member: number, other: number }}
 */
export function papaImport(exmailBytes, wecomBytes, mark = () => {}) {
  mark("parse");
  const parse = (bytes) =>
    Papa.parse(decoder.decode(bytes), { header: true, skipEmptyLines: true }).data;
  const exmail = parse(exmailBytes);
  const wecom = parse(wecomBytes);

  mark("index");
  const byWechat = index(wecom, (m) => normWechat(m[WC.wechat]));
  const byBiz = index(wecom, (m) => normEmail(m[WC.biz]));
  const byEmail = index(wecom, (m) => normEmail(m[WC.email]));
  const byMobile = index(wecom, (m) => normMobile(m[WC.mobile]));
  // The exmail keys, normalised once, and how many accounts carry each.
  const keys = exmail.map((r) => ({
    address: normEmail(r[EX.email]),
    wechat: normWechat(r[EX.wechat]),
    mobile: normMobile(r[EX.mobile]),
  }));
  const exWechat = count(keys, (k) => k.wechat);
  const exEmail = count(keys, (k) => k.address);
  const exMobile = count(keys, (k) => k.mobile);

  mark("match");
  const claimed = new Set();
  const seen = new Set();
  const out = [];
  let member = 0;
  /** The member `key` leads to in `map`, if the key is unique on both sides and the member free. */
  const lookup = (key, uniqueHere, map) => {
    if (!key || !uniqueHere) return null;
    const m = map.get(key);
    return m === undefined || m === AMBIGUOUS || claimed.has(m) ? null : m;
  };
  for (let i = 0; i < exmail.length; i++) {
    const r = exmail[i];
    const { address, wechat, mobile } = keys[i];
    if (!address || seen.has(address)) continue;
    seen.add(address);
    const addressUnique = exEmail.get(address) === 1;
    let m, by;
    if ((m = lookup(wechat, exWechat.get(wechat) === 1, byWechat))) by = "微信ID";
    else if ((m = lookup(address, addressUnique, byBiz))) by = "企业邮箱";
    else if ((m = lookup(address, addressUnique, byEmail))) by = "个人邮箱";
    else if ((m = lookup(mobile, exMobile.get(mobile) === 1, byMobile))) by = "手机";
    if (m) {
      claimed.add(m);
      member++;
      out.push({ 邮箱地址: address, 姓名: r[EX.name] ?? "", 邮箱类型: "成员邮箱", 企业微信账号: m[WC.userid], 匹配依据: by });
    } else {
      out.push({ 邮箱地址: address, 姓名: r[EX.name] ?? "", 邮箱类型: "其他邮箱", 企业微信账号: "", 匹配依据: "" });
    }
  }

  mark("export");
  // Excel opens UTF-8 CSV correctly only with a BOM; Papa.unparse writes CRLF by default.
  const roster = new TextEncoder().encode("\uFEFF" + Papa.unparse(out));
  mark("done");
  return { roster, accounts: out.length, member, other: out.length - member };
}
