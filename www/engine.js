// The checking engine as the page sees it: ./worker.js (which runs the wasm module) behind
// promises. An Error from the worker keeps the engine's own fields (file, code, row, args,
// messages: see errors.js).

/** The worker, behind promises; a poisoned or crashed worker is replaced and given the files again. */
export class Engine {
  constructor(onProgress) {
    this.onProgress = onProgress;
    this.seq = 0;
    this.pending = new Map();
    this.spawn();
  }
  spawn() {
    const url = new URL("./worker.js", import.meta.url);
    try {
      this.worker = new Worker(url, { type: "module" });
    } catch {
      // Embedded on another origin: a worker must be same-origin, so start it from a blob that
      // imports the real one (needs CORS on the host serving www/ and pkg/).
      const blob = new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" });
      this.worker = new Worker(URL.createObjectURL(blob), { type: "module" });
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
      const err = Object.assign(new Error(e.message || "the checker could not start"), { poisoned: true });
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }
  call(op, payload = {}, transfer = []) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, ...payload }, transfer);
    });
  }
  restart() {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error("restarted"));
    this.pending.clear();
    this.spawn();
  }
}
