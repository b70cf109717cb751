// The three file boxes (choose, drop, remove; where each file comes from), the help on the
// files, the sample company, and what happens when a file is chosen: its bytes go to the
// worker, its hash to the decisions, and the check runs once the files it needs are in.
//
// `host` is the <roster-check> element: t, help, ctx, blobs, names, read, hashes, lastInputs,
// failure, engine, ready, needFiles, readEls and alertEls (filled here), runCheck(), render(),
// showStatus(), showFailure(), clearFailure(), showError().
import { h } from "./dom.js";
import { describeFailure } from "./errors.js";
import { sha256Hex } from "./decisions.js";
import { KINDS } from "./mapping-panel.js";

/** The sample company, beside the bundle. Literal URLs: a bundler emits the files as assets. */
const SAMPLE = {
  "exmail.csv": new URL("./sample/exmail.csv", import.meta.url),
  "wecom.xlsx": new URL("./sample/wecom.xlsx", import.meta.url),
  "roster.csv": new URL("./sample/roster.csv", import.meta.url),
};
// What the browser build reads (src/ingest: delimited text, and OOXML workbooks by their zip
// layout); .xls, .xlsb and .ods are read natively only, so the picker does not offer them.
const ACCEPT = ".csv,.tsv,.txt,.xlsx,.xlsm";
let uid = 0;

export function renderFiles(host) {
  const t = host.t;
  host.readEls = {};
  host.alertEls = {};
  const zones = KINDS.map((kind) => {
    const id = `rc-file-${kind}-${++uid}`;
    const input = h("input", {
      type: "file", name: kind, id, accept: ACCEPT, class: "rc-file-input",
      "aria-describedby": `${id}-hint ${id}-src ${id}-fmt`,
      on: { change: () => input.files[0] && setFile(host, kind, input.files[0]) },
    });
    const zone = h("div", { class: "rc-drop", "data-file": kind },
      h("div", { class: "rc-drop-head" },
        h("span", { class: "rc-drop-title", text: t[`file_${kind}`] }),
        h("span", { class: "rc-hint rc-need", id: `${id}-hint`, text: fileNeed(host, kind) })),
      h("p", { class: "rc-hint rc-src", id: `${id}-src`, text: fileSource(host, kind) }),
      h("p", { class: "rc-hint rc-formats", id: `${id}-fmt`, text: t.file_formats }),
      input,
      h("label", { for: id, class: "rc-btn rc-pick", text: t.choose }),
      h("span", { class: "rc-hint rc-drop-or", text: t.drop }),
      h("div", { class: "rc-fname" },
        h("span", { class: "rc-fname-text", text: host.names[kind] }),
        host.blobs[kind] ? removeButton(host, kind) : null),
      (host.alertEls[kind] = h("div", { class: "rc-error rc-file-error", role: "alert", "data-alert-for": kind })),
      (host.readEls[kind] = h("details", { class: "rc-read", hidden: true })));
    if (host.blobs[kind]) zone.classList.add("rc-has-file");
    zone.addEventListener("dragover", (e) => {
      e.preventDefault();
      zone.classList.add("rc-over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("rc-over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("rc-over");
      const list = [...(e.dataTransfer?.files || [])];
      if (list.length === 1) setFile(host, kind, list[0]);
      else if (list.length > 1) setFiles(host, list);
    });
    return zone;
  });
  const help = host.help;
  return h("section", { class: "rc-files", "aria-labelledby": "rc-h-files" },
    h("h2", { id: "rc-h-files", text: t.files }),
    h("div", { class: "rc-drops" }, zones),
    h("details", { class: "rc-about" },
      h("summary", { text: help.about_title }),
      h("ul", {}, help.about.map((line) => h("li", { text: line }))),
      h("p", { class: "rc-hint", text: help.about_confidence })),
    h("div", { class: "rc-sample" },
      h("button", { type: "button", name: "sample", class: "rc-btn", text: t.sample, on: { click: () => loadSample(host) } }),
      h("span", { class: "rc-hint", text: t.sample_hint })));
}

function removeButton(host, kind) {
  const t = host.t;
  return h("button", {
    type: "button", class: "rc-link", name: `remove-${kind}`, text: t.remove,
    "aria-label": `${t.remove} ${t[`file_${kind}`]}`, on: { click: () => removeFile(host, kind) },
  });
}

/** Required or optional: the WeCom file is not needed on path `new` (no WeCom yet). */
function fileNeed(host, kind) {
  return kind === "wecom" && host.ctx.path === "new" ? host.t.file_wecom_hint_new : host.t[`file_${kind}_hint`];
}
function fileSource(host, kind) {
  return kind === "wecom" && host.ctx.path === "new" ? host.help.src_wecom_new : host.help[`src_${kind}`];
}

/** The path changed: the WeCom box says whether it is needed. */
export function updateFileNeeds(host) {
  const zone = host.shadowRoot.querySelector(".rc-drop[data-file=wecom]");
  if (!zone) return;
  zone.querySelector(".rc-need").textContent = fileNeed(host, "wecom");
  zone.querySelector(".rc-src").textContent = fileSource(host, "wecom");
  zone.classList.toggle("rc-optional", host.ctx.path === "new");
}

export async function setFile(host, kind, blob, name = blob.name) {
  host.blobs[kind] = blob;
  host.names[kind] = name;
  host.read[kind] = {};
  const zone = host.shadowRoot.querySelector(`.rc-drop[data-file=${kind}]`);
  if (zone) {
    zone.classList.add("rc-has-file");
    zone.querySelector(".rc-fname-text").textContent = `${name} (${(blob.size / 1024).toFixed(1)} KB)`;
    const fname = zone.querySelector(".rc-fname");
    if (!fname.querySelector("button")) fname.append(removeButton(host, kind));
  }
  host.names[kind] = zone ? zone.querySelector(".rc-fname-text").textContent : name;
  // A new file: what was said about the old one (its error, how it was read) no longer holds.
  delete host.lastInputs[kind];
  if (host.failure && describeFailure(host.failure, host.lang).file === kind) host.clearFailure();
  const buf = await blob.arrayBuffer();
  // SubtleCrypto copies the bytes when called, so the buffer can be handed to the worker now.
  host.hashes[kind] = sha256Hex(buf).catch(() => null);
  try {
    await host.engine.call("files", { files: { [kind]: buf } }, [buf]);
  } catch (err) {
    host.showFailure(err); // the worker cannot run: say so rather than wait
    return;
  }
  if (host.ready) host.runCheck();
  else host.showStatus(host.needFiles);
}

/** Several files dropped at once: tell them apart by name. */
function setFiles(host, list) {
  const guess = (n) => /wecom|企业微信|通讯录|contacts|work/i.test(n) ? "wecom"
    : /roster|名单|wizard/i.test(n) ? "roster" : "exmail";
  const taken = new Set();
  for (const f of list.slice(0, 3)) {
    let k = guess(f.name);
    if (taken.has(k)) k = KINDS.find((x) => !taken.has(x));
    taken.add(k);
    setFile(host, k, f);
  }
}

async function removeFile(host, kind) {
  forgetFile(host, kind);
  delete host.lastInputs[kind];
  if (host.failure && describeFailure(host.failure, host.lang).file === kind) host.failure = null;
  await host.engine.call("files", { files: { [kind]: null } });
  if (host.ready) {
    host.render();
    host.runCheck();
    return;
  }
  host.result = null;
  host.render();
}

function forgetFile(host, kind) {
  host.blobs[kind] = null;
  host.names[kind] = "";
  host.read[kind] = {};
  host.hashes[kind] = "";
}

/** The built-in sample company (the package's sample/), or the three files of the folder
 * `sample-base` names (relative to the page). */
export async function loadSample(host) {
  const base = host.getAttribute("sample-base");
  const get = async (name) => {
    const r = await fetch(base ? new URL(name, new URL(base, document.baseURI)) : SAMPLE[name], { credentials: "same-origin" });
    if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
    return new File([await r.blob()], name);
  };
  try {
    const [ex, we] = await Promise.all([get("exmail.csv"), get("wecom.xlsx")]);
    const ro = await get("roster.csv").catch(() => null);
    host.blobs.exmail = null; // one check once all are in
    await setFile(host, "wecom", we);
    if (ro) await setFile(host, "roster", ro);
    else if (host.blobs.roster) {
      forgetFile(host, "roster");
      await host.engine.call("files", { files: { roster: null } });
      host.render();
    }
    await setFile(host, "exmail", ex);
  } catch (err) {
    host.showError(host.t.sample_failed + err.message);
  }
}
