// The settle dialog (调整): one account, every finding about it, and the choice — an other
// mailbox, or the member mailbox of a member picked from the WeCom contacts. Taking a member
// that another mailbox has asks first, naming the mailbox that loses it.
//
// `host` is the <roster-check> element: engine, t (strings), lang, words, overrides, dialog, settle().
import { h } from "./dom.js";
import { fmt, word } from "./i18n.js";
import { confirmStep } from "./confirm.js";

let uid = 0;

export async function openSettle(host, email) {
  const t = host.t;
  const say = (kind, key) => word(host.words, kind, key, host.lang);
  host.lastSettleButton = host.shadowRoot.activeElement;
  const info = await host.engine.call("account", { email, lang: host.lang });
  if (!info) return;
  const a = info.assignment;
  const own = host.overrides.get(a.email);
  const results = h("ul", { class: "rc-members", role: "list" });
  const searchId = `rc-msearch-${++uid}`;
  const search = h("input", { type: "search", id: searchId, name: "member-search", placeholder: t.settle_search,
    autocomplete: "off" });
  const pick = async (m) => {
    if (m.taken && m.taken !== a.email) {
      const ok = await confirmStep(host, {
        name: "move-member",
        title: t.move_title,
        lines: [fmt(t.move_body, { member: m.name ? `${m.name}（${m.userid}）` : m.userid, taken: m.taken, email: a.email }),
          fmt(t.move_after, { taken: m.taken })],
        ok: fmt(t.move_ok, { email: a.email }),
        cancel: t.move_cancel,
      });
      if (!ok) return;
    }
    host.settle(a.email, { type: "member", userid: m.userid });
  };
  const fill = async () => {
    const res = await host.engine.call("members", { q: search.value, limit: 50, name: a.name });
    results.replaceChildren(...(res.members.length ? res.members.map((m) =>
      h("li", {}, h("button", {
        type: "button", class: "rc-member", name: "pick-member", "data-userid": m.userid,
        on: { click: () => pick(m) },
      },
      h("span", { class: "rc-member-name", text: m.name || m.userid }),
      h("span", { class: "rc-hint", text: m.name ? m.userid : "" }),
      m.department ? h("span", { class: "rc-hint", text: m.department }) : null,
      m.status && m.status !== "active" && t[`status_${m.status}`]
        ? h("span", { class: "rc-hint rc-taken", text: t[`status_${m.status}`] }) : null,
      m.suggested ? h("span", { class: "rc-hint rc-same", text: t.settle_same_name }) : null,
      m.taken && m.taken !== a.email ? h("span", { class: "rc-hint rc-taken", text: fmt(t.settle_taken, { email: m.taken }) }) : null)))
      : [h("li", { class: "rc-hint", text: t.settle_no_members })]));
  };
  let timer = 0;
  search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(fill, 120); });
  const why = a.matched_by
    ? `${say("type", a.type)} · ${say("matched_by", a.matched_by)}${a.evidence ? `: ${a.evidence}` : ""}${a.userid ? ` → ${a.wecom_name ? `${a.wecom_name} · ` : ""}${a.userid}` : ""}`
    : `${say("type", a.type)} · ${t.why_none}`;
  const where = (f) => [f.file ? t[`file_${f.file}_short`] || f.file : "", f.row != null ? fmt(t.settle_row, { row: f.row }) : ""]
    .filter(Boolean).join(" ");
  host.dialog.replaceChildren(
    h("div", { class: "rc-dialog-in" },
      h("h2", { id: "rc-h-settle", text: t.settle_title }),
      h("p", { class: "rc-dialog-acct" }, h("strong", { text: a.email }), a.name ? ` · ${a.name}` : ""),
      h("p", {}, h("span", { text: t.settle_current }), h("span", { class: "rc-dialog-why", text: why })),
      info.findings.length ? h("details", { class: "rc-dialog-findings", open: true },
        h("summary", { text: `${t.settle_findings} (${info.findings.length})` }),
        h("ul", {}, info.findings.map((f) => h("li", { "data-code": f.code, "data-severity": f.severity },
          h("span", { class: `rc-badge rc-badge-${f.severity}`, text: word(host.words, "severity", f.severity, host.lang) }), " ",
          where(f) ? h("span", { class: "rc-hint", text: `${where(f)} · ` }) : null, f.message)))) : null,
      h("div", { class: "rc-dialog-actions" },
        h("button", { type: "button", class: "rc-btn", name: "settle-other", text: t.settle_other,
          on: { click: () => host.settle(a.email, { type: "other" }) } }),
        own ? h("button", { type: "button", class: "rc-btn", name: "settle-undo", text: t.settle_undo,
          on: { click: () => host.settle(a.email, null) } }) : null),
      h("fieldset", { class: "rc-fs" },
        h("legend", { text: t.settle_member }),
        h("label", { for: searchId, class: "rc-sr", text: t.settle_search }),
        search,
        results),
      h("div", { class: "rc-dialog-actions rc-end" },
        h("button", { type: "button", class: "rc-btn", name: "settle-close", text: t.settle_close,
          on: { click: () => host.dialog.close() } }))));
  await fill();
  if (!host.dialog.open) host.dialog.showModal();
  search.focus();
}
