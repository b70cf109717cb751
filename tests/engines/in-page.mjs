// What the tests look up inside the page, the same way in every engine. `pageHelpers` is never
// called in Node: its source is sent with each script (see engines.mjs), so it must not refer to
// anything outside itself.
//
// Lookups go through open shadow roots too (the interface allows the hooks to live in the
// element's shadow root), and find controls by the interface hooks or by role and accessible
// name, as a person and a screen reader do, not by the page's class names: the page is being
// redesigned beside these tests.

export function pageHelpers() {
  /** Every element matching `selector` in the document and in every open shadow root below it. */
  function deepAll(selector, root = document) {
    const found = [...root.querySelectorAll(selector)];
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) found.push(...deepAll(selector, el.shadowRoot));
    }
    return found;
  }

  function visible(el) {
    if (typeof el.checkVisibility === "function") return el.checkVisibility();
    return el.getClientRects().length > 0;
  }

  const IMPLICIT_ROLES = { BUTTON: "button", DIALOG: "dialog", A: "link", SELECT: "combobox" };

  function roleOf(el) {
    const explicit = el.getAttribute("role");
    if (explicit) return explicit.split(/\s+/)[0];
    if (el.tagName === "INPUT" && /^(button|submit|reset)$/.test(el.type)) return "button";
    return IMPLICIT_ROLES[el.tagName] ?? null;
  }

  /** The accessible name, by the steps that matter here: aria-label, aria-labelledby, labels, text. */
  function nameOf(el) {
    const label = el.getAttribute("aria-label");
    if (label?.trim()) return label.trim();
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      const root = el.getRootNode();
      const text = by.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent ?? "").join(" ").trim();
      if (text) return text;
    }
    if (el.labels?.length) return [...el.labels].map((l) => l.textContent).join(" ").trim();
    return (el.textContent ?? "").replace(/\s+/g, " ").trim();
  }

  /** Visible elements of `role` whose accessible name matches `name` (a RegExp source), inside `within`. */
  function byRole(role, name, within = document) {
    const re = new RegExp(name);
    const candidates = deepAll("*", within);
    return candidates.filter((el) => roleOf(el) === role && visible(el) && re.test(nameOf(el)));
  }

  /** The interface's four counts as numbers, or null while any is missing or not a number. */
  function counts() {
    const out = {};
    for (const key of ["accounts", "member", "other", "unassigned"]) {
      const el = deepAll(`[data-count=${key}]`).find(visible);
      const text = el?.textContent.trim();
      if (!text || !/^\d+$/.test(text)) return null;
      out[key] = Number(text);
    }
    return out;
  }

  /** The text of every visible, non-empty `role=alert` (the page's own error box). */
  function alerts() {
    return deepAll("[role=alert]").filter(visible).map((el) => el.textContent.trim()).filter(Boolean);
  }

  /**
   * The visible alerts with the file each one sits beside: the `name` of the one file input
   * that shares the alert's nearest enclosing box (a per-file error box), or null for an alert
   * of the whole page. A person reads the file from where the alert is, or from its words.
   */
  function placedAlerts() {
    return deepAll("[role=alert]").filter(visible).filter((el) => el.textContent.trim()).map((el) => {
      let box = el.parentNode;
      while (box && box.querySelectorAll && !box.querySelectorAll("input[type=file]").length) {
        box = box.parentNode instanceof ShadowRoot ? box.parentNode.host : box.parentNode;
      }
      const inputs = box?.querySelectorAll ? [...box.querySelectorAll("input[type=file]")] : [];
      return { text: el.textContent.trim(), file: inputs.length === 1 ? inputs[0].name : null };
    });
  }

  /** A visible modal dialog, if one is open (the settle dialog, a confirm step). */
  function openDialog() {
    return deepAll("dialog[open], [role=dialog], [role=alertdialog]").find(visible) ?? null;
  }

  /**
   * Records uncaught errors, unhandled rejections and console.error, and catches downloads: a
   * Blob handed to URL.createObjectURL is kept, and a click on an <a download> is recorded and
   * stopped, so the bytes are read from the page and no engine writes into a download folder.
   * Installed by script after the page loads (WebDriver classic has no console log and no
   * init scripts), so it sees only what happens after that.
   */
  function install() {
    if (window.__engineTest) return;
    const state = { errors: [], blobs: new Map(), downloads: [] };
    window.__engineTest = state;
    window.addEventListener("error", (e) => state.errors.push(`error: ${e.message}`));
    window.addEventListener("unhandledrejection", (e) => state.errors.push(`unhandledrejection: ${e.reason?.message ?? e.reason}`));
    const consoleError = console.error.bind(console);
    console.error = (...args) => { state.errors.push(`console.error: ${args.join(" ")}`); consoleError(...args); };
    const createObjectURL = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => {
      const url = createObjectURL(blob);
      state.blobs.set(url, blob);
      return url;
    };
    const record = (a) => state.downloads.push({ name: a.getAttribute("download"), href: a.href });
    // A click on a connected anchor travels the composed path through window (shadow roots too).
    window.addEventListener("click", (e) => {
      const a = e.composedPath().find((n) => n instanceof HTMLAnchorElement && n.hasAttribute("download"));
      if (!a) return;
      record(a);
      e.preventDefault();
    }, true);
    // A detached anchor's click reaches no window listener: record it and skip the navigation.
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (!this.isConnected && this.hasAttribute("download")) return record(this);
      return click.call(this);
    };
  }

  /**
   * Whether `el` stays put over two animation frames (window scroll included): a click aimed
   * while the page smooth-scrolls to its result lands on whatever moved under the pointer.
   * Playwright waits for this itself; Puppeteer and WebDriver do not.
   */
  async function stable(el) {
    const where = () => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height, scrollX, scrollY].join(); };
    const first = where();
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    return first === where();
  }

  /**
   * Watches whether the next click reaches `el`: a driver aims at where the element was, and a
   * page that scrolls at that moment (the result's smooth scroll) moves something else there.
   */
  function armClick(el) {
    const state = window.__engineTest;
    state.clickTarget = el;
    state.clickLanded = null;
    if (state.clickListening) return;
    state.clickListening = true;
    window.addEventListener("click", (e) => {
      // Only the first click after arming: the page's own a.click() for a download follows it.
      if (!state.clickTarget || state.clickLanded !== null) return;
      const path = e.composedPath();
      const hit = path[0];
      state.clickLanded = path.includes(state.clickTarget) ? "target"
        : `${hit?.tagName?.toLowerCase() ?? hit?.nodeName} ${(hit?.textContent ?? "").trim().slice(0, 40)}`;
    }, true);
  }

  /** "target" once the armed click reached its element, else where it landed, or null for no click yet. */
  function clickLanded() {
    return window.__engineTest.clickLanded;
  }

  function downloadCount() {
    return window.__engineTest.downloads.length;
  }

  /** The download number `index` as {name, type, base64}, or null until it has happened. */
  async function download(index) {
    const d = window.__engineTest.downloads[index];
    if (!d) return null;
    const blob = window.__engineTest.blobs.get(d.href);
    if (!blob) throw new Error(`download ${d.name}: ${d.href} is not a Blob URL the page made`);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { name: d.name, type: blob.type, base64: btoa(binary) };
  }

  function errors() {
    return window.__engineTest?.errors ?? ["the test's listeners were never installed"];
  }

  return { deepAll, visible, roleOf, nameOf, byRole, counts, alerts, placedAlerts, openDialog, install, stable, armClick, clickLanded, downloadCount, download, errors };
}
