// The check in a Worker, as the page runs it: read the Files, check → report() → exportRoster.
import init, { check } from "../../pkg/roster_check.js";

const ready = init();

self.onmessage = async (e) => {
  const t = [["load", performance.now()]];
  const mark = (stage) => {
    t.push([stage, performance.now()]);
    self.postMessage({ stage });
  };
  try {
    const wasm = await ready;
    mark("files");
    const [exmail, wecom] = await Promise.all([e.data.exmail.arrayBuffer(), e.data.wecom.arrayBuffer()]);
    mark("check");
    const run = check({ exmail: new Uint8Array(exmail), wecom: new Uint8Array(wecom), roster: null, options: {}, onProgress: mark });
    mark("report_json");
    const report = run.report();
    mark("export");
    const roster = run.exportRoster({ format: "csv" });
    mark("end");
    const stages = {};
    for (let i = 0; i + 1 < t.length; i++) stages[t[i][0]] = (stages[t[i][0]] ?? 0) + t[i + 1][1] - t[i][1];
    const { accounts, member, other, unassigned } = report.summary;
    self.postMessage({
      summary: { accounts, member, other, unassigned },
      findings: report.findings.length,
      roster_bytes: roster.length,
      worker_ms: t[t.length - 1][1] - t[1][1],
      stages,
      wasm_memory_bytes: wasm.memory.buffer.byteLength,
    });
    run.free();
  } catch (err) {
    self.postMessage({ error: String(err && err.message ? err.message : err) });
  }
};
