// A confirm step as a modal <dialog> of the page's own (window.confirm cannot be styled, is
// blocked in some embeddings, and reads "127.0.0.1 says" above the question).
//
//   if (await confirmStep(host, { name: "download-roster", title, lines, ok, cancel })) …
//
// The safe answer has the focus; Escape cancels. Resolves true only on the OK button.
import { h } from "./dom.js";

let uid = 0;

export function confirmStep(host, { name, title, lines = [], ok, cancel }) {
  const titleId = `rc-confirm-${++uid}`;
  const opener = host.shadowRoot.activeElement;
  return new Promise((resolve) => {
    let answer = false;
    const dialog = h("dialog", { class: "rc-dialog rc-confirm", "data-confirm": name, "aria-labelledby": titleId },
      h("div", { class: "rc-dialog-in" },
        h("h2", { id: titleId, text: title }),
        lines.map((line) => (typeof line === "string" ? h("p", { text: line }) : line)),
        h("div", { class: "rc-dialog-actions rc-end" },
          h("button", { type: "button", class: "rc-btn", name: "confirm-cancel", text: cancel,
            on: { click: () => dialog.close() } }),
          h("button", { type: "button", class: "rc-btn rc-danger", name: "confirm-ok", text: ok,
            on: { click: () => { answer = true; dialog.close(); } } }))));
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus?.();
      resolve(answer);
    });
    host.panel.append(dialog); // in the panel: its fonts and colours, not the host page's
    dialog.showModal();
    dialog.querySelector("[name=confirm-cancel]").focus();
  });
}
