// "复制给技术支持": the check's support summary (the module's supportSummary(): rule codes,
// severities, counts, file shapes and options — no address, name, phone or userid, which the
// engine guarantees and tests) copied to the clipboard for a reseller's support desk. What will
// be copied is shown first, in a disclosure; when the browser refuses the clipboard, the text is
// offered in a dialog, selected, to copy by hand.
//
// `host` is the <roster-check> element: engine, t, panel, showStatus().
import { h } from "./dom.js";

let uid = 0;

export function renderSupport(host) {
  const t = host.t;
  const noteId = `rc-support-note-${++uid}`;
  // Focusable: it may scroll, and a keyboard must reach all of it.
  const preview = h("pre", { class: "rc-support-text", "data-support": "preview", tabindex: "0", "aria-label": t.support_show });
  const details = h("details", { class: "rc-support-preview" }, h("summary", { text: t.support_show }), preview);
  // Asked for once per drawn result: a new check draws the result again.
  let text = null;
  const summary = async () => (text ??= await host.engine.call("support"));
  details.addEventListener("toggle", async () => {
    if (details.open && !preview.textContent) preview.textContent = await summary();
  });
  return h("div", { class: "rc-support" },
    h("button", { type: "button", class: "rc-btn", name: "copy-support", text: t.support, "aria-describedby": noteId,
      on: { click: async () => copy(host, await summary()) } }),
    h("p", { class: "rc-hint", id: noteId, text: t.support_note }),
    details);
}

async function copy(host, text) {
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    host.showStatus(host.t.support_copied);
  } catch {
    fallback(host, text);
  }
}

/** The clipboard was refused: the text in a dialog, selected, to copy by hand. */
function fallback(host, text) {
  const t = host.t;
  const titleId = `rc-support-${++uid}`;
  const opener = host.shadowRoot.activeElement;
  const area = h("textarea", { class: "rc-support-area", name: "support-text", readOnly: true, rows: 12,
    "aria-labelledby": titleId, value: text });
  const dialog = h("dialog", { class: "rc-dialog", "data-support": "fallback", "aria-labelledby": titleId },
    h("div", { class: "rc-dialog-in" },
      h("h2", { id: titleId, text: t.support }),
      h("p", { text: t.support_fallback }),
      area,
      h("div", { class: "rc-dialog-actions rc-end" },
        h("button", { type: "button", class: "rc-btn", name: "support-close", text: t.support_close,
          on: { click: () => dialog.close() } }))));
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (opener?.isConnected) opener.focus?.();
  });
  host.panel.append(dialog);
  dialog.showModal();
  area.focus();
  area.select();
}
