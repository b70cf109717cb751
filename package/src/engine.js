// The checking engine as the page sees it: ./worker.js (which runs the wasm module) behind
// promises. An Error from the worker keeps the engine's own fields (file, code, row, args,
// messages: see errors.js).
import { STRINGS } from "./i18n.js";

/** The worker, behind promises; a poisoned or crashed worker is replaced and given the files again. */
export class Engine {
  constructor(onProgress) {
    this.onProgress = onProgress;
    this.seq = 0;
    this.pending = new Map();
    this.spawn();
  }
  spawn() {
    this.broken = null; // why it cannot run: every call is refused with it
    // Embedded from another origin: a worker must be same-origin, so it is started from a blob
    // that imports the real one (needs CORS on the host serving the package). Decided up
    // front: Chromium and WebKit refuse the direct way by throwing, Firefox only by a later
    // error event (tests/engines).
    this.blob ??= new URL(import.meta.url).origin !== location.origin;
    try {
      // Written out literally, so that bundlers (Vite, webpack, Parcel) see the worker and
      // emit it with the wasm it loads; the blob's URL is not for them to follow.
      this.worker = this.blob ? new Worker(viaBlob(), { type: "module" })
        : new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch (err) {
      if (this.blob) return this.fail(err);
      this.blob = true;
      return this.spawn();
    }
    this.worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === "progress") return this.onProgress(m.stage, m.id);
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else {
        const { file, code, row, args, messages, poisoned } = m;
        p.reject(Object.assign(new Error(m.error), { file, code, row, args, messages, poisoned }));
      }
    };
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.fail(e);
    };
  }
  /** The worker cannot run (it did not load, or died): what is pending and every later call
   * fails with a sentence the page can show, instead of waiting for a reply that never comes. */
  fail(cause) {
    this.broken = Object.assign(new Error(cause?.message || "the checker could not start"), {
      poisoned: true, code: "worker-failed", messages: { zh: STRINGS.zh.worker_failed, "zh-TW": STRINGS["zh-TW"]?.worker_failed, en: STRINGS.en?.worker_failed } });
    for (const p of this.pending.values()) p.reject(this.broken);
    this.pending.clear();
  }
  call(op, payload = {}, transfer = []) {
    if (this.broken) return Promise.reject(this.broken);
    if (!this.worker) return Promise.reject(new Error("the checker was stopped (the element left the page)"));
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, ...payload }, transfer);
    });
  }
  restart() {
    this.restarts = (this.restarts ?? 0) + 1; // read by the page's tests
    this.terminate();
    this.spawn();
  }
  /** The worker ends (its memory with it); pending calls are refused. */
  terminate() {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(Object.assign(new Error("restarted"), { stopped: true }));
    this.pending.clear();
  }
}

/** A same-origin script that imports the worker from wherever the package is served (its
 * URL made by hand: a second `new URL("./worker.js", import.meta.url)` would make a bundler
 * emit the worker twice, once unbundled). */
function viaBlob() {
  const url = import.meta.url.replace(/[^/?#]*([?#].*)?$/, "worker.js");
  return URL.createObjectURL(new Blob([`import ${JSON.stringify(url)};`], { type: "text/javascript" }));
}
