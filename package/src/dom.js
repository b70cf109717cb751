// The one DOM helper every module of the page uses. Text is always set as text, never as HTML.

/** What a host page may style with ::part(…), by the class that marks it (README: "Styling"). */
const PARTS = {
  rc: "panel", "rc-btn": "button", "rc-primary": "primary", "rc-drop": "file", "rc-state": "verdict",
  "rc-tile": "count", "rc-table": "table", "rc-dialog": "dialog", "rc-error": "alert",
};

/** Builds an element. Strings and numbers among the children become text nodes. */
export function h(tag, props = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === "class") {
      el.className = v;
      const parts = v.split(" ").map((c) => PARTS[c]).filter(Boolean);
      if (parts.length) el.setAttribute("part", parts.join(" "));
    } else if (k === "part") el.setAttribute("part", v);
    else if (k === "text") el.textContent = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k in el && !k.includes("-") && k !== "list" && k !== "form") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) {
    if (kid == null || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}
