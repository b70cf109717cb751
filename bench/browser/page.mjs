// Runs the check as soon as both files are chosen, in a Worker; shows the counts and keeps the
// worker's timings in window.benchResult for the driver.
const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
const input = (name) => document.querySelector(`input[name=${name}]`);
const status = document.getElementById("status");

function maybeRun() {
  const exmail = input("exmail").files[0];
  const wecom = input("wecom").files[0];
  if (!exmail || !wecom) return;
  status.textContent = "checking";
  window.benchStarted = performance.now();
  worker.postMessage({ exmail, wecom });
}
input("exmail").addEventListener("change", maybeRun);
input("wecom").addEventListener("change", maybeRun);

worker.onmessage = (e) => {
  const r = e.data;
  if (r.stage) {
    status.textContent = `checking: ${r.stage}`;
    return;
  }
  r.page_ms = performance.now() - window.benchStarted;
  window.benchResult = r;
  if (r.error) {
    status.textContent = `error: ${r.error}`;
    return;
  }
  for (const [k, v] of Object.entries(r.summary)) {
    const el = document.querySelector(`[data-count=${k}]`);
    if (el) el.textContent = String(v);
  }
  status.textContent = "done";
};
worker.onerror = (e) => {
  window.benchResult = { error: e.message || "worker error" };
  status.textContent = `error: ${window.benchResult.error}`;
};
