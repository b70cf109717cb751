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

pub(crate) fn norm_addr(s: &str) -> String {
    s.trim().to_lowercase()
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

fn ex_key(r: &ExmailRow, addr: &str, k: usize, lenient: bool) -> Option<String> {
    match k {
        0 => Some(r.wechat_id.trim().to_string()).filter(|s| !s.is_empty()),
        1 | 2 => Some(addr.to_string()).filter(|s| !s.is_empty()),
        _ => mobile_key(&r.mobile, lenient),
    }
}

fn wc_key(r: &WecomRow, k: usize, lenient: bool) -> Option<String> {
    let v = match k {
        0 => r.wechat_id.trim().to_string(),
        1 => norm_addr(&r.biz_mail),
        2 => norm_addr(&r.email),
        _ => return mobile_key(&r.mobile, lenient),
    };
    Some(v).filter(|s| !s.is_empty())
}

fn mobile_key(s: &str, lenient: bool) -> Option<String> {
    if lenient {
        return lenient_mobile(s);
    }
    match classify_mobile(s) {
        Mobile::Valid(n) => Some(n),
        _ => None,
    }
}

/// Resolves every distinct exmail address. `by_pass`: match key by key over the rows still
/// unmatched (counts among those) instead of account by account over all rows. `lenient`:
/// invalid and mangled mobiles count as keys by their digits.
pub(crate) fn resolve(
    ex: &[ExmailRow],
    wc: &[WecomRow],
    by_pass: bool,
    lenient: bool,
) -> Vec<Resolved> {
    let addrs: Vec<String> = ex.iter().map(|r| norm_addr(&r.address)).collect();
    let mut accounts: Vec<Resolved> = Vec::new();
    let mut account_of = vec![0usize; ex.len()];
    {
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, a) in addrs.iter().enumerate() {
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
    let mut wc_taken = vec![false; wc.len()];
    let passes: &[(usize, usize)] = if by_pass {
        &[(0, 1), (1, 2), (2, 3), (3, 4)]
    } else {
        &[(0, 4)]
    };
    for &(from, to) in passes {
        let keys = from..to;
        let mut exc: Vec<FxHashMap<String, usize>> = vec![FxHashMap::default(); 4];
        let mut wcc: Vec<FxHashMap<String, (usize, usize)>> = vec![FxHashMap::default(); 4];
        for k in keys.clone() {
            for (i, r) in ex.iter().enumerate() {
                if accounts[account_of[i]].hit.is_some() {
                    continue;
                }
                if let Some(v) = ex_key(r, &addrs[i], k, lenient) {
                    *exc[k].entry(v).or_insert(0) += 1;
                }
            }
            for (j, r) in wc.iter().enumerate() {
                if wc_taken[j] {
                    continue;
                }
                if let Some(v) = wc_key(r, k, lenient) {
                    wcc[k].entry(v).or_insert((0, j)).0 += 1;
                }
            }
        }
        for a in accounts.iter_mut() {
            if a.hit.is_some() {
                continue;
            }
            for k in keys.clone() {
                let Some(v) = ex_key(&ex[a.first], &a.email, k, lenient) else {
                    continue;
                };
                if exc[k].get(&v) == Some(&1) {
                    if let Some(&(1, j)) = wcc[k].get(&v) {
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

/// Later rows of every group of equal values: `(row index, earlier row indices)`.
fn repeats(values: impl Iterator<Item = Option<String>>) -> Vec<(usize, Vec<usize>)> {
    let mut groups: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut out = Vec::new();
    for (i, v) in values.enumerate() {
        if let Some(v) = v {
            let g = groups.entry(v).or_default();
            if !g.is_empty() {
                out.push((i, g.clone()));
            }
            g.push(i);
        }
    }
    out
}

type ExKey = fn(&ExmailRow) -> Option<String>;
type WcKey = fn(&WecomRow) -> Option<String>;

/// Every row-level finding of the covered codes (not the roster's).
pub(crate) fn faults(
    ex: &[ExmailRow],
    wc: &[WecomRow],
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
        let a = norm_addr(&r.address);
        if !address_valid(&r.address) {
            push(
                &mut out,
                "email-invalid",
                "exmail",
                row,
                "email",
                &r.address,
                Some(&a),
                vec![],
            );
        } else if !domains.iter().any(|d| d == domain_of(&a)) {
            let code = "email-foreign-domain";
            push(
                &mut out,
                code,
                "exmail",
                row,
                "email",
                &r.address,
                Some(&a),
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
                    Some(&a),
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
                    Some(&a),
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
                Some(&a),
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
    // Duplicates and shared keys, on each later row.
    for (i, earlier) in repeats(ex.iter().map(|r| Some(norm_addr(&r.address)))) {
        let rel = earlier.iter().map(|&e| exp(e)).collect();
        let a = norm_addr(&ex[i].address);
        let (row, v) = (rows.ex(i), &ex[i].address);
        push(
            &mut out,
            "email-duplicate",
            "exmail",
            row,
            "email",
            v,
            Some(&a),
            rel,
        );
    }
    for (j, earlier) in repeats(wc.iter().map(|r| Some(r.userid.to_lowercase()))) {
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
    let ex_keys: [(&'static str, ExKey); 2] = [
        ("wechat_id", |r| {
            Some(r.wechat_id.trim().to_string()).filter(|s| !s.is_empty())
        }),
        ("mobile", |r| mobile_key(&r.mobile, false)),
    ];
    for (field, key) in ex_keys {
        for (i, earlier) in repeats(ex.iter().map(key)) {
            let a = norm_addr(&ex[i].address);
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
                Some(&a),
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
                        Some(&a),
                        named,
                    );
                }
            }
        }
    }
    let wc_keys: [(&'static str, WcKey); 4] = [
        ("wechat_id", |r| wc_key(r, 0, false)),
        ("biz_mail", |r| wc_key(r, 1, false)),
        ("email", |r| wc_key(r, 2, false)),
        ("mobile", |r| wc_key(r, 3, false)),
    ];
    for (field, key) in wc_keys {
        for (j, earlier) in repeats(wc.iter().map(key)) {
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
        if matches!(m.status, 2 | 5) {
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
