//! The oracle: what the documented rules imply for the rows as written. Independent of the
//! engine on purpose, and deliberately plain.

use rustc_hash::FxHashMap;

use super::{ExmailRow, Place, TruthFault, WecomRow};

/// The matching keys, in cascade order.
pub(crate) const KEYS: [&str; 4] = ["wechat_id", "biz_mail", "email", "mobile"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mobile {
    Empty,
    Valid(String),
    Mangled,
    Invalid,
}

/// Spaces, dashes, a `+86`/`0086` prefix and full-width digits removed.
pub(crate) fn normalise_mobile(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        match c {
            '０'..='９' => out.push((b'0' + (c as u32 - '０' as u32) as u8) as char),
            ' ' | '-' | '\u{3000}' => {}
            _ => out.push(c),
        }
    }
    if let Some(rest) = out.strip_prefix("+86") {
        return rest.to_string();
    }
    if let Some(rest) = out.strip_prefix("0086") {
        return rest.to_string();
    }
    out
}

pub(crate) fn classify_mobile(s: &str) -> Mobile {
    let b = s.as_bytes();
    if b.len() == 11 && b.iter().all(u8::is_ascii_digit) {
        // The common case, plain digits: no normalising needed.
        return if b[0] != b'1' || b[1] < b'3' {
            Mobile::Invalid
        } else if s.ends_with("00000") {
            Mobile::Mangled
        } else {
            Mobile::Valid(s.to_string())
        };
    }
    let t = s.trim();
    if t.is_empty() {
        return Mobile::Empty;
    }
    if t.contains(['E', 'e']) && t.contains('+') && t.contains('.') {
        return Mobile::Mangled;
    }
    let n = normalise_mobile(t);
    let b = n.as_bytes();
    if b.len() == 11 && b.iter().all(u8::is_ascii_digit) && b[0] == b'1' && b[1] >= b'3' {
        if n.ends_with("00000") {
            Mobile::Mangled
        } else {
            Mobile::Valid(n)
        }
    } else {
        Mobile::Invalid
    }
}

/// The other reading of a mobile key: whatever digits are left, valid or not.
fn lenient_mobile(s: &str) -> Option<String> {
    let d: String = normalise_mobile(s)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    (!d.is_empty()).then_some(d)
}

/// formats.md: local part of letters, digits and `.-_`, no symbol first, last or next to another.
pub(crate) fn address_valid(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.contains('@') {
        return false;
    }
    let sym = |c: u8| matches!(c, b'.' | b'-' | b'_');
    let lb = local.as_bytes();
    if !lb.iter().all(|&c| c.is_ascii_alphanumeric() || sym(c))
        || sym(lb[0])
        || sym(lb[lb.len() - 1])
        || lb.windows(2).any(|w| sym(w[0]) && sym(w[1]))
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

/// formats.md: 1–64 bytes of letters, digits and `_-@.`, starting with a letter or digit.
pub(crate) fn userid_valid(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'@' | b'.'))
}

fn domain_of(s: &str) -> &str {
    s.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
}

/// One distinct exmail address: its first row and what it resolves to (WeCom row, key index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub(crate) email: String,
    pub(crate) first: usize,
    pub(crate) hit: Option<(usize, usize)>,
}

/// Every row's matching keys, normalised once: `""` is no key.
pub(crate) struct Keys<'a> {
    /// Exmail: the address (trimmed, lower-cased), the WeChat id, the mobile.
    ex_addr: Vec<String>,
    /// Exmail: each row's usable aliases (valid, not its own address, colliding with no account
    /// address and no other account's alias), in the cell's order.
    pub(crate) ex_aliases: Vec<Vec<String>>,
    /// Aliases that collide: (row, alias, the other row).
    pub(crate) collisions: Vec<(usize, String, usize)>,
    /// Aliases that are no address: (row, the alias as written).
    pub(crate) invalid_aliases: Vec<(usize, String)>,
    ex_wechat: Vec<&'a str>,
    ex_mobile: Vec<String>,
    /// WeCom: WeChat id, biz_mail, email, mobile.
    wc: [Vec<String>; 4],
    wc_wechat: Vec<&'a str>,
}

fn mobile_key(s: &str, lenient: bool) -> String {
    if lenient {
        return lenient_mobile(s).unwrap_or_default();
    }
    match classify_mobile(s) {
        Mobile::Valid(n) => n,
        _ => String::new(),
    }
}

fn lower(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        String::new()
    } else {
        t.to_lowercase()
    }
}

/// The aliases of every first row of an address, as the rules read them: split at `;` `,`
/// `；` `，` and white space, lower-cased; invalid ones apart; an alias that is an account's
/// address or the alias of an earlier account collides (and both lose a shared one).
#[allow(clippy::type_complexity)]
fn aliases(
    ex: &[ExmailRow],
    addr: &[String],
) -> (
    Vec<Vec<String>>,
    Vec<(usize, String, usize)>,
    Vec<(usize, String)>,
) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, a) in addr.iter().enumerate() {
        if !a.is_empty() {
            first.entry(a.as_str()).or_insert(i);
        }
    }
    let mut lists = vec![Vec::new(); ex.len()];
    let mut collisions = Vec::new();
    let mut invalid = Vec::new();
    let mut holder: FxHashMap<String, usize> = FxHashMap::default();
    let mut dropped: Vec<(usize, String)> = Vec::new();
    for (i, r) in ex.iter().enumerate() {
        if addr[i].is_empty() || first.get(addr[i].as_str()) != Some(&i) {
            continue; // no account, or a later row of one
        }
        let parts = r
            .aliases
            .split(|c: char| matches!(c, ';' | ',' | '；' | '，') || c.is_whitespace())
            .filter(|p| !p.is_empty());
        for raw in parts {
            let alias = lower(raw);
            if !address_valid(&alias) {
                invalid.push((i, raw.to_string()));
                continue;
            }
            if alias == addr[i] || lists[i].contains(&alias) {
                continue;
            }
            if let Some(&j) = first.get(alias.as_str()) {
                collisions.push((i, alias.clone(), j));
            } else if let Some(&j) = holder.get(&alias) {
                collisions.push((i, alias.clone(), j));
                dropped.push((j, alias.clone()));
            } else {
                holder.insert(alias.clone(), i);
                lists[i].push(alias);
                continue;
            }
        }
    }
    for (j, alias) in dropped {
        lists[j].retain(|a| *a != alias);
    }
    (lists, collisions, invalid)
}

impl<'a> Keys<'a> {
    /// `lenient`: invalid and mangled mobiles count as keys by their digits.
    pub(crate) fn new(ex: &'a [ExmailRow], wc: &'a [WecomRow], lenient: bool) -> Keys<'a> {
        let ex_addr: Vec<String> = ex.iter().map(|r| lower(&r.address)).collect();
        let (ex_aliases, collisions, invalid_aliases) = aliases(ex, &ex_addr);
        Keys {
            ex_aliases,
            collisions,
            invalid_aliases,
            ex_addr,
            ex_wechat: ex.iter().map(|r| r.wechat_id.trim()).collect(),
            ex_mobile: ex.iter().map(|r| mobile_key(&r.mobile, lenient)).collect(),
            wc: [
                Vec::new(),
                wc.iter().map(|r| lower(&r.biz_mail)).collect(),
                wc.iter().map(|r| lower(&r.email)).collect(),
                wc.iter().map(|r| mobile_key(&r.mobile, lenient)).collect(),
            ],
            wc_wechat: wc.iter().map(|r| r.wechat_id.trim()).collect(),
        }
    }

    /// Key `k` (index into [`KEYS`]) of exmail row `i`.
    fn ex(&self, i: usize, k: usize) -> Option<&str> {
        let v = match k {
            0 => self.ex_wechat[i],
            1 | 2 => self.ex_addr[i].as_str(),
            _ => self.ex_mobile[i].as_str(),
        };
        (!v.is_empty()).then_some(v)
    }

    fn wc(&self, j: usize, k: usize) -> Option<&str> {
        let v = if k == 0 {
            self.wc_wechat[j]
        } else {
            self.wc[k][j].as_str()
        };
        (!v.is_empty()).then_some(v)
    }
}

type Counts<'k> = FxHashMap<&'k str, (u32, u32)>;

/// How often each key value occurs on each side, and its first row: built once, used by the
/// matching and by the duplicate checks.
pub(crate) struct Index<'k> {
    /// Exmail by key (`[1]` is the address; `[2]` shares it).
    ex: [Counts<'k>; 4],
    wc: [Counts<'k>; 4],
}

fn count<'k>(n: usize, value: impl Fn(usize) -> Option<&'k str>) -> Counts<'k> {
    let mut m: Counts<'k> = FxHashMap::with_capacity_and_hasher(n, Default::default());
    for i in 0..n {
        if let Some(v) = value(i) {
            m.entry(v).or_insert((0, i as u32)).0 += 1;
        }
    }
    m
}

impl<'k> Index<'k> {
    pub(crate) fn new(keys: &'k Keys) -> Index<'k> {
        let (n_ex, n_wc) = (keys.ex_addr.len(), keys.wc_wechat.len());
        Index {
            ex: [
                count(n_ex, |i| keys.ex(i, 0)),
                count(n_ex, |i| keys.ex(i, 1)),
                FxHashMap::default(),
                count(n_ex, |i| keys.ex(i, 3)),
            ],
            wc: [0, 1, 2, 3].map(|k| count(n_wc, |j| keys.wc(j, k))),
        }
    }

    fn ex(&self, k: usize, v: &str) -> (u32, u32) {
        let m = if k == 2 { &self.ex[1] } else { &self.ex[k] };
        m.get(v).copied().unwrap_or((0, 0))
    }

    fn wc(&self, k: usize, v: &str) -> (u32, u32) {
        self.wc[k].get(v).copied().unwrap_or((0, 0))
    }
}

/// The cascade, account by account over all rows: the truth.
pub(crate) fn resolve_indexed(keys: &Keys, index: &Index) -> Vec<Resolved> {
    let mut accounts = Vec::with_capacity(index.ex[1].len());
    for (i, a) in keys.ex_addr.iter().enumerate() {
        if index.ex(1, a).1 as usize != i {
            continue; // a later row of an address already listed
        }
        let mut hit = None;
        for k in 0..4 {
            let Some(v) = keys.ex(i, k) else { continue };
            if index.ex(k, v).0 == 1 {
                let (n, j) = index.wc(k, v);
                if n == 1 {
                    hit = Some((j as usize, k));
                    break;
                }
                // An address no WeCom row holds: the first alias exactly one row holds.
                if n == 0 && matches!(k, 1 | 2) {
                    let by_alias = keys.ex_aliases[i]
                        .iter()
                        .find_map(|a| match index.wc(k, a) {
                            (1, j) => Some(j as usize),
                            _ => None,
                        });
                    if let Some(j) = by_alias {
                        hit = Some((j, k));
                        break;
                    }
                }
            }
        }
        accounts.push(Resolved {
            email: a.clone(),
            first: i,
            hit,
        });
    }
    accounts
}

/// Resolves every distinct exmail address. `by_pass`: match key by key over the rows still
/// unmatched (counts among those) instead of account by account over all rows.
pub(crate) fn resolve(keys: &Keys, by_pass: bool) -> Vec<Resolved> {
    let (n_ex, n_wc) = (keys.ex_addr.len(), keys.wc_wechat.len());
    let mut accounts: Vec<Resolved> = Vec::new();
    let mut account_of = vec![0usize; n_ex];
    {
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, a) in keys.ex_addr.iter().enumerate() {
            let n = accounts.len();
            let id = *seen.entry(a.as_str()).or_insert(n);
            if id == n {
                accounts.push(Resolved {
                    email: a.clone(),
                    first: i,
                    hit: None,
                });
            }
            account_of[i] = id;
        }
    }
    let mut wc_taken = vec![false; n_wc];
    let passes: &[(usize, usize)] = if by_pass {
        &[(0, 1), (1, 2), (2, 3), (3, 4)]
    } else {
        &[(0, 4)]
    };
    for &(from, to) in passes {
        let mut exc: Vec<FxHashMap<&str, u32>> = vec![FxHashMap::default(); 4];
        let mut wcc: Vec<FxHashMap<&str, (u32, usize)>> = vec![FxHashMap::default(); 4];
        for k in from..to {
            for i in 0..n_ex {
                if accounts[account_of[i]].hit.is_some() {
                    continue;
                }
                if let Some(v) = keys.ex(i, k) {
                    *exc[k].entry(v).or_insert(0) += 1;
                }
            }
            for (j, taken) in wc_taken.iter().enumerate() {
                if *taken {
                    continue;
                }
                if let Some(v) = keys.wc(j, k) {
                    wcc[k].entry(v).or_insert((0, j)).0 += 1;
                }
            }
        }
        for a in accounts.iter_mut() {
            if a.hit.is_some() {
                continue;
            }
            for k in from..to {
                let Some(v) = keys.ex(a.first, k) else {
                    continue;
                };
                if exc[k].get(v) == Some(&1) {
                    let j = match wcc[k].get(v) {
                        Some(&(1, j)) => Some(j),
                        // An address no WeCom row holds: the first alias one row holds.
                        None if matches!(k, 1 | 2) => {
                            keys.ex_aliases[a.first].iter().find_map(|al| {
                                match wcc[k].get(al.as_str()) {
                                    Some(&(1, j)) => Some(j),
                                    _ => None,
                                }
                            })
                        }
                        _ => None,
                    };
                    if let Some(j) = j {
                        a.hit = Some((j, k));
                        if by_pass {
                            wc_taken[j] = true;
                        }
                        break;
                    }
                }
            }
        }
    }
    accounts
}

/// `role-mailbox` on path `new`: every account (each a member there, without a roster) whose
/// local part, less trailing digits, is one of the shared mailboxes' (`PUBLIC`).
pub(crate) fn role_faults(keys: &Keys, resolved: &[Resolved], rows: &Rows) -> Vec<TruthFault> {
    let mut out = Vec::new();
    for a in resolved {
        let local = a.email.split('@').next().unwrap_or_default();
        let word = local.trim_end_matches(|c: char| c.is_ascii_digit());
        if super::names::PUBLIC.iter().any(|(l, _)| *l == word) {
            let row = rows.ex(a.first);
            push(
                &mut out,
                "role-mailbox",
                "exmail",
                row,
                "email",
                &keys.ex_addr[a.first],
                Some(&a.email),
                vec![],
            );
        }
    }
    out
}

pub(crate) struct Rows {
    pub(crate) ex_header: u32,
    pub(crate) wc_header: u32,
}

impl Rows {
    pub(crate) fn ex(&self, i: usize) -> u32 {
        self.ex_header + 1 + i as u32
    }
    pub(crate) fn wc(&self, j: usize) -> u32 {
        self.wc_header + 1 + j as u32
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<TruthFault>,
    code: &'static str,
    file: &'static str,
    row: u32,
    field: &'static str,
    value: &str,
    email: Option<&str>,
    related: Vec<Place>,
) {
    out.push(TruthFault {
        code,
        file,
        row,
        field,
        value: value.to_string(),
        email: email.map(str::to_string),
        related,
        planted: true,
    });
}

/// Later rows of every group of equal values: `(row index, earlier row indices)`. Only values
/// `counts` knows to repeat are tracked.
fn repeats<'a>(
    values: impl Iterator<Item = Option<&'a str>>,
    counts: &Counts,
) -> Vec<(usize, Vec<usize>)> {
    let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut out = Vec::new();
    for (i, v) in values.enumerate() {
        let Some(v) = v.filter(|v| !v.is_empty()) else {
            continue;
        };
        if counts.get(v).is_none_or(|c| c.0 < 2) {
            continue;
        }
        let g = groups.entry(v).or_default();
        if !g.is_empty() {
            out.push((i, g.clone()));
        }
        g.push(i);
    }
    out
}

/// Every row-level finding of the covered codes (not the roster's).
#[allow(clippy::too_many_arguments)]
pub(crate) fn faults(
    ex: &[ExmailRow],
    wc: &[WecomRow],
    keys: &Keys,
    index: &Index,
    resolved: &[Resolved],
    domains: &[String],
    rows: &Rows,
    ex_status: impl Fn(bool) -> &'static str,
    wc_status: impl Fn(u8) -> &'static str,
) -> Vec<TruthFault> {
    let mut out = Vec::new();
    let exp = |i: usize| Place {
        file: "exmail",
        row: rows.ex(i),
    };
    let wcp = |j: usize| Place {
        file: "wecom",
        row: rows.wc(j),
    };
    for (i, r) in ex.iter().enumerate() {
        let row = rows.ex(i);
        let a = keys.ex_addr[i].as_str();
        if !address_valid(&r.address) {
            push(
                &mut out,
                "email-invalid",
                "exmail",
                row,
                "email",
                &r.address,
                Some(a),
                vec![],
            );
        } else if !domains.iter().any(|d| d == domain_of(a)) {
            let code = "email-foreign-domain";
            push(
                &mut out,
                code,
                "exmail",
                row,
                "email",
                &r.address,
                Some(a),
                vec![],
            );
        }
        match classify_mobile(&r.mobile) {
            Mobile::Mangled => {
                let code = "mobile-mangled";
                push(
                    &mut out,
                    code,
                    "exmail",
                    row,
                    "mobile",
                    &r.mobile,
                    Some(a),
                    vec![],
                );
            }
            Mobile::Invalid => {
                let code = "mobile-invalid";
                push(
                    &mut out,
                    code,
                    "exmail",
                    row,
                    "mobile",
                    &r.mobile,
                    Some(a),
                    vec![],
                );
            }
            _ => {}
        }
        if !r.enabled {
            let v = ex_status(false);
            push(
                &mut out,
                "disabled-account",
                "exmail",
                row,
                "status",
                v,
                Some(a),
                vec![],
            );
        }
    }
    for (j, r) in wc.iter().enumerate() {
        let row = rows.wc(j);
        if !userid_valid(&r.userid) {
            push(
                &mut out,
                "userid-invalid",
                "wecom",
                row,
                "userid",
                &r.userid,
                None,
                vec![],
            );
        }
        match classify_mobile(&r.mobile) {
            Mobile::Mangled => push(
                &mut out,
                "mobile-mangled",
                "wecom",
                row,
                "mobile",
                &r.mobile,
                None,
                vec![],
            ),
            Mobile::Invalid => push(
                &mut out,
                "mobile-invalid",
                "wecom",
                row,
                "mobile",
                &r.mobile,
                None,
                vec![],
            ),
            _ => {}
        }
    }
    for (i, alias, j) in &keys.collisions {
        let a = keys.ex_addr[*i].as_str();
        let (row, rel) = (rows.ex(*i), vec![exp(*j)]);
        push(
            &mut out,
            "alias-collision",
            "exmail",
            row,
            "alias",
            alias,
            Some(a),
            rel,
        );
    }
    for (i, raw) in &keys.invalid_aliases {
        let a = keys.ex_addr[*i].as_str();
        let row = rows.ex(*i);
        push(
            &mut out,
            "email-invalid",
            "exmail",
            row,
            "alias",
            raw,
            Some(a),
            vec![],
        );
    }
    // Duplicates and shared keys, on each later row.
    for (i, earlier) in repeats(keys.ex_addr.iter().map(|a| Some(a.as_str())), &index.ex[1]) {
        let rel = earlier.iter().map(|&e| exp(e)).collect();
        let a = keys.ex_addr[i].as_str();
        let (row, v) = (rows.ex(i), &ex[i].address);
        push(
            &mut out,
            "email-duplicate",
            "exmail",
            row,
            "email",
            v,
            Some(a),
            rel,
        );
    }
    let uids: Vec<String> = wc.iter().map(|r| r.userid.to_lowercase()).collect();
    let uid_counts = count(uids.len(), |j| Some(uids[j].as_str()));
    for (j, earlier) in repeats(uids.iter().map(|u| Some(u.as_str())), &uid_counts) {
        let rel = earlier.iter().map(|&e| wcp(e)).collect();
        let (row, v) = (rows.wc(j), &wc[j].userid);
        push(
            &mut out,
            "userid-duplicate",
            "wecom",
            row,
            "userid",
            v,
            None,
            rel,
        );
    }
    for (field, k) in [("wechat_id", 0), ("mobile", 3)] {
        for (i, earlier) in repeats((0..ex.len()).map(|i| keys.ex(i, k)), &index.ex[k]) {
            let a = keys.ex_addr[i].as_str();
            let v = if field == "mobile" {
                &ex[i].mobile
            } else {
                &ex[i].wechat_id
            };
            let row = rows.ex(i);
            let rel: Vec<Place> = earlier.iter().map(|&e| exp(e)).collect();
            push(
                &mut out,
                "ambiguous-key",
                "exmail",
                row,
                field,
                v,
                Some(a),
                rel,
            );
            if field == "mobile" {
                let named: Vec<Place> = earlier
                    .iter()
                    .filter(|&&e| ex[e].name.trim() != ex[i].name.trim())
                    .map(|&e| exp(e))
                    .collect();
                if !named.is_empty() {
                    push(
                        &mut out,
                        "mobile-duplicate",
                        "exmail",
                        row,
                        field,
                        v,
                        Some(a),
                        named,
                    );
                }
            }
        }
    }
    for (k, field) in KEYS.into_iter().enumerate() {
        for (j, earlier) in repeats((0..wc.len()).map(|j| keys.wc(j, k)), &index.wc[k]) {
            let r = &wc[j];
            let v = match field {
                "wechat_id" => &r.wechat_id,
                "biz_mail" => &r.biz_mail,
                "email" => &r.email,
                _ => &r.mobile,
            };
            let row = rows.wc(j);
            let rel: Vec<Place> = earlier.iter().map(|&e| wcp(e)).collect();
            push(&mut out, "ambiguous-key", "wecom", row, field, v, None, rel);
            if field == "mobile" {
                let named: Vec<Place> = earlier
                    .iter()
                    .filter(|&&e| wc[e].name.trim() != r.name.trim())
                    .map(|&e| wcp(e))
                    .collect();
                if !named.is_empty() {
                    push(
                        &mut out,
                        "mobile-duplicate",
                        "wecom",
                        row,
                        field,
                        v,
                        None,
                        named,
                    );
                }
            }
        }
    }
    // Matched pairs.
    for a in resolved {
        let Some((j, _)) = a.hit else { continue };
        let (e, m) = (&ex[a.first], &wc[j]);
        if e.name.trim() != m.name.trim() {
            let rel = vec![wcp(j)];
            let row = rows.ex(a.first);
            push(
                &mut out,
                "name-mismatch",
                "exmail",
                row,
                "name",
                &e.name,
                Some(&a.email),
                rel,
            );
        }
        if matches!(m.status, 2 | 4 | 5) {
            let rel = vec![exp(a.first)];
            let (row, v) = (rows.wc(j), wc_status(m.status));
            push(
                &mut out,
                "member-inactive",
                "wecom",
                row,
                "status",
                v,
                Some(&a.email),
                rel,
            );
        }
    }
    out
}
