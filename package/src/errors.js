// A failed read or check, as the page shows it: on the box of the file it concerns, in the
// page's language. The engine's Errors carry `file`, `code`, `row`, `args` and
// `messages: {zh, en}` (shared/spec/interfaces.md); an engine without them gives only the
// English `message`, whose prefix (`exmail file: …`, `options: …`) still names the file.

const PLACES = new Set(["exmail", "wecom", "roster", "options"]);
const PREFIX = /^(?:(exmail|wecom|roster) file|(options)): /;

/** → { file: "exmail"|"wecom"|"roster"|"options"|null, text, code, whole } — `whole`: the
 * text is the engine's own sentence in `lang`, naming the file and what to do. */
export function describeFailure(err, lang) {
  const message = String(err?.message ?? err ?? "");
  const prefix = PREFIX.exec(message);
  const file = err?.file !== undefined && err?.file !== null ? err.file : prefix ? prefix[1] || prefix[2] : null;
  const own = err?.messages?.[lang];
  const text = own || (prefix ? message.slice(prefix[0].length) : message);
  return { file: PLACES.has(file) ? file : null, text, code: err?.code ?? null, whole: !!own };
}

/** The fields of an engine Error that cross from the worker to the page (structured clone
 * keeps an Error's message but drops its own properties). */
export function failureFields(err) {
  const out = { error: err && err.message ? err.message : String(err) };
  for (const k of ["file", "code", "row", "args", "messages"]) if (err && err[k] !== undefined) out[k] = err[k];
  return out;
}

/** The worker could not load or compile the wasm: what a host page's policy (or a missing file)
 * does, said in every language with what to change (package/README.md, CSP). `cause` is the
 * browser's own sentence, kept in `args.reason`. */
export function wasmBlocked(cause) {
  const reason = String(cause?.message ?? cause ?? "");
  // Chromium: "…violates the following Content Security policy directive…"; Firefox: "…blocked by
  // CSP". A missing file is a fetch error or "HTTP status code is not ok", never a compile one.
  const compile = cause?.name === "CompileError" || /unsafe-eval|Content Security Policy|\bCSP\b/i.test(reason);
  const messages = compile ? {
    zh: "浏览器拒绝编译检查引擎（WebAssembly）：网站的内容安全策略（CSP）在 worker.js 的响应上需要 script-src 含 'wasm-unsafe-eval'。请网站管理员按 roster-check 包 README 的“内容安全策略（CSP）”一节修改后刷新本页。",
    "zh-TW": "瀏覽器拒絕編譯檢查引擎（WebAssembly）：網站的內容安全策略（CSP）在 worker.js 的回應上需要 script-src 含 'wasm-unsafe-eval'。請網站管理員按 roster-check 套件 README 的「內容安全策略（CSP）」一節修改後重新整理本頁。",
    en: "The browser refused to compile the checking engine (WebAssembly): the site's Content Security Policy needs 'wasm-unsafe-eval' in script-src on the response of worker.js. Ask the site's administrator to follow the roster-check package README (CSP), then reload this page.",
  } : {
    zh: "无法下载检查引擎（roster_check_bg.wasm）：文件不在 worker.js 旁边，或网站的内容安全策略（CSP）的 connect-src 不允许它。请网站管理员按 roster-check 包 README 的“内容安全策略（CSP）”一节检查后刷新本页。",
    "zh-TW": "無法下載檢查引擎（roster_check_bg.wasm）：檔案不在 worker.js 旁邊，或網站的內容安全策略（CSP）的 connect-src 不允許它。請網站管理員按 roster-check 套件 README 的「內容安全策略（CSP）」一節檢查後重新整理本頁。",
    en: "The checking engine (roster_check_bg.wasm) could not be downloaded: it is not beside worker.js, or the site's Content Security Policy does not allow it in connect-src. Ask the site's administrator to check the roster-check package README (CSP), then reload this page.",
  };
  return Object.assign(new Error(`${messages.en} (${reason})`), {
    code: compile ? "wasm-refused" : "wasm-unreachable", args: { reason }, messages });
}
