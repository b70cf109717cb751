// The embedding page's own script: listens to the element's events (no inline script: CSP).
const log = document.getElementById("log");
const el = document.querySelector("roster-check");
window.rosterEvents = [];
for (const type of ["result", "export"]) {
  el.addEventListener(type, (e) => {
    window.rosterEvents.push({ type, detail: e.detail });
    log.textContent += `${type}: ${JSON.stringify(e.detail)}\n`;
  });
}
