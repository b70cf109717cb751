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
